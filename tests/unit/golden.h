/* golden.h: comparing PNG images pixel for pixel, for the golden tests
 * (included by each test that has references; cmocka first). */
#ifndef IM_TEST_GOLDEN_H
#define IM_TEST_GOLDEN_H

#include <cairo.h>
#include <stdint.h>
#include <string.h>

/* How many pixels of a and b (PNG files of one size) differ in colour. */
static unsigned long differing_pixels(const char *a, const char *b)
{
	cairo_surface_t *x = cairo_image_surface_create_from_png(a);
	cairo_surface_t *y = cairo_image_surface_create_from_png(b);
	if (cairo_surface_status(y))
		fail_msg("no reference %s (INCIMAP_UPDATE_REFS=1 makes it)", b);
	assert_int_equal(cairo_surface_status(x), CAIRO_STATUS_SUCCESS);
	int w = cairo_image_surface_get_width(x), h = cairo_image_surface_get_height(x);
	assert_int_equal(w, cairo_image_surface_get_width(y));
	assert_int_equal(h, cairo_image_surface_get_height(y));
	int sx = cairo_image_surface_get_stride(x), sy = cairo_image_surface_get_stride(y);
	const unsigned char *px = cairo_image_surface_get_data(x);
	const unsigned char *py = cairo_image_surface_get_data(y);
	unsigned long n = 0;
	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++) {
			uint32_t p, q;
			memcpy(&p, px + (size_t)j * (size_t)sx + 4 * (size_t)i, 4);
			memcpy(&q, py + (size_t)j * (size_t)sy + 4 * (size_t)i, 4);
			n += (p & 0xffffff) != (q & 0xffffff);
		}
	cairo_surface_destroy(x);
	cairo_surface_destroy(y);
	return n;
}

#endif
