/* golden.h: comparing PNG images pixel for pixel against references, and
 * a scratch folder for the images drawn, for the golden tests (included by
 * each test that has references; cmocka first). */
#ifndef IM_TEST_GOLDEN_H
#define IM_TEST_GOLDEN_H

#include "core/fsutil.h"
#include "core/im.h"

#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char tmpdir[1024]; /* the test's scratch folder (golden_tmp_make) */

/* NAME in the scratch folder; the last four paths stay valid. */
static const char *tpath(const char *name)
{
	static char p[4][1200];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

/* Makes tmpdir, a fresh folder STEM.XXXXXX under $INCIMAP_TEST_TMP (a
 * cmocka setup's 0, or -1). */
static int golden_tmp_make(const char *stem)
{
	const char *base = getenv("INCIMAP_TEST_TMP");
	snprintf(tmpdir, sizeof tmpdir, "%s/%s.XXXXXX", base ? base : INCIMAP_TEST_TMP, stem);
	mkdir(base ? base : INCIMAP_TEST_TMP, 0755);
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Removes tmpdir and all in it (a cmocka teardown's 0, or -1). */
static int golden_tmp_remove(void)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

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

/* Fails unless the PNG drawn at OUT has the pixels of the reference REF;
 * INCIMAP_UPDATE_REFS=1 first copies OUT over REF (to be checked by eye
 * before it is kept). */
static void golden_check(const char *out, const char *ref)
{
	if (getenv("INCIMAP_UPDATE_REFS")) {
		im_error err;
		size_t n;
		char *d;
		assert_int_equal(im_read_file(out, 0, &d, &n, &err), IM_OK);
		assert_int_equal(im_write_file_atomic(ref, d, n, &err), IM_OK);
		free(d);
	}
	unsigned long bad = differing_pixels(out, ref);
	if (bad)
		fail_msg("%s: %lu pixels differ from %s", out, bad, ref);
}

#endif
