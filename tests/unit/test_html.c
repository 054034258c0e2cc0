/* test_html.c: the interactive map's page (src/render/html.c): its JSON is
 * safe inside <script> and reads back as what was written; its text is
 * escaped; its data block carries the symbology table itself (the colours,
 * shapes and sizes of style.h), a record per incident, the base map; it is
 * written whole or not at all. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h wants the three above first */
#include <cmocka.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "core/im.h"
#include "model/incident.h"
#include "render/render_int.h"
#include "style/style.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define SHAPES INCIMAP_SOURCE_DIR "/shapes"

static char tmpdir[1024];

static int setup(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/html-%ld", INCIMAP_TEST_TMP, (long)getpid());
	im_error err;
	return im_mkdir_p(tmpdir, &err) ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- escaping ------------------------------------------------------------ */

static void test_script_safe(void **state)
{
	const char *hostile =
	    "</script><script>alert(1)</script> <!-- a&b > c \xe2\x80\xa8|\xe2\x80\xa9 "
	    "\xd8\xa7\xd9\x84\xd8\xa8\xd8\xb5\xd8\xb1\xd8\xa9";
	im_buf json = IM_BUF_INIT, safe = IM_BUF_INIT;
	assert_int_equal(im_buf_json_str(&json, hostile), IM_OK);
	assert_int_equal(rhtml_script_safe(&safe, json.p, json.len), IM_OK);
	/* nothing that could end or open an element, no raw line separators */
	assert_null(strchr(safe.p, '<'));
	assert_null(strchr(safe.p, '>'));
	assert_null(strchr(safe.p, '&'));
	assert_null(strstr(safe.p, "\xe2\x80\xa8"));
	assert_null(strstr(safe.p, "\xe2\x80\xa9"));
	assert_non_null(strstr(safe.p, "\\u003c/script\\u003e"));
	assert_non_null(strstr(safe.p, "\\u2028|\\u2029"));
	/* Arabic is kept as it is */
	assert_non_null(strstr(safe.p, "\xd8\xa7\xd9\x84\xd8\xa8\xd8\xb5\xd8\xb1\xd8\xa9"));
	/* and a JSON reader gets the same string back */
	json_object *o = json_tokener_parse(safe.p);
	assert_non_null(o);
	assert_string_equal(json_object_get_string(o), hostile);
	json_object_put(o);
	/* a line separator cut at the end of the input is left alone */
	im_buf_reset(&safe);
	assert_int_equal(rhtml_script_safe(&safe, "a\xe2\x80", 3), IM_OK);
	assert_int_equal(safe.len, 3);
	im_buf_free(&json);
	im_buf_free(&safe);
}

/* A big map's data: gzip in base64, which inflates to what went in. */
static void test_gzip64(void **state)
{
	im_buf in = IM_BUF_INIT, out = IM_BUF_INIT;
	for (int i = 0; i < 20000; i++)
		assert_int_equal(im_buf_printf(&in, "[%d,\"Place %d\"],", i, i % 97), IM_OK);
	assert_int_equal(rhtml_gzip64(&out, in.p, in.len), IM_OK);
	assert_int_equal(out.len % 4, 0);
	assert_int_equal(strspn(out.p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
			 out.len);
	/* base64 back to bytes */
	unsigned char *gz = malloc(out.len);
	size_t n = 0;
	unsigned v = 0;
	int bits = 0;
	for (size_t i = 0; i < out.len && out.p[i] != '='; i++) {
		const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		v = v << 6 | (unsigned)(strchr(a, out.p[i]) - a);
		if ((bits += 6) >= 8)
			gz[n++] = (unsigned char)(v >> (bits -= 8));
	}
	assert_true(n < in.len / 3); /* it is worth it */
	assert_int_equal(gz[0], 0x1f); /* a gzip member */
	assert_int_equal(gz[1], 0x8b);
	assert_int_equal(gz[4] | gz[5] | gz[6] | gz[7], 0); /* no time stamp */
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(inflateInit2(&z, 16 + 15), Z_OK);
	char *back = malloc(in.len + 1);
	z.next_in = gz;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)back;
	z.avail_out = (uInt)in.len + 1;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, in.len);
	assert_memory_equal(back, in.p, in.len);
	inflateEnd(&z);
	free(back);
	free(gz);
	im_buf_free(&in);
	im_buf_free(&out);
}

static void test_text(void **state)
{
	im_buf b = IM_BUF_INIT;
	assert_int_equal(rhtml_text(&b, "<b title=\"x\">Tom & 'Jerry'</b>"), IM_OK);
	assert_string_equal(b.p,
	                    "&lt;b title=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;");
	im_buf_free(&b);
}

/* ---- the page ------------------------------------------------------------ */

static void add(im_incident_list *l, const char *id, double lon, double lat, const char *type,
                const char *place, int fat, const char *notes)
{
	im_incident inc;
	im_incident_init(&inc);
	assert_int_equal(im_set_str(&inc.id, id), IM_OK);
	inc.has_point = 1;
	inc.lon = lon;
	inc.lat = lat;
	inc.event_date = (im_date){2024, 3, 12};
	assert_int_equal(im_set_str(&inc.event_type, type), IM_OK);
	assert_int_equal(im_set_str(&inc.place, place), IM_OK);
	assert_int_equal(im_set_str(&inc.country, "IQ"), IM_OK);
	assert_int_equal(im_set_str(&inc.notes, notes), IM_OK);
	inc.fatalities = fat;
	im_source src = {.id = "r1", .url = "https://example.org/r1", .date = "2024-03-13",
	                 .title = "Report one"};
	assert_int_equal(im_incident_add_source(&inc, &src), IM_OK);
	assert_int_equal(im_list_push(l, &inc), IM_OK);
}

/* The page's data block, parsed (caller puts). */
static json_object *data_of(const char *path, size_t *size)
{
	char *page;
	size_t n;
	im_error err;
	assert_int_equal(im_read_file(path, 0, &page, &n, &err), IM_OK);
	*size = n;
	const char *open = "<script type=\"application/json\" id=\"im-data\">";
	char *a = strstr(page, open);
	assert_non_null(a);
	a += strlen(open);
	char *z = strstr(a, "</script>");
	assert_non_null(z);
	*z = '\0';
	json_object *o = json_tokener_parse(a);
	assert_non_null(o);
	free(page);
	return o;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;
	assert_true(json_object_object_get_ex(o, key, &v));
	return v;
}

static void test_page(void **state)
{
	im_incident_list l = {0};
	add(&l, "a", 47.8, 30.5, "Battles", "Basra </script>", 3, "Fighting <b>here</b>");
	add(&l, "b", 44.4, 35.5, "Riots", "Kirkuk", 500, "A riot");
	add(&l, "c", 44.4, 35.5, "Nonsense", "Kirkuk", IM_NULL_INT, "Something else");
	im_render_opts o;
	im_render_opts_init(&o);
	o.shapes_dir = SHAPES;
	o.quiet = 1;
	char path[1100];
	snprintf(path, sizeof path, "%s/page.html", tmpdir);
	im_error err;
	assert_int_equal(im_render(&l, &o, path, &err), IM_OK);
	size_t size;
	json_object *d = data_of(path, &size);
	assert_true(size <= 1500000 + 300 * l.n);

	/* the table itself: every row's colour and outline */
	json_object *styles = get(d, "styles");
	assert_int_equal(json_object_array_length(styles), im_n_styles);
	for (size_t i = 0; i < im_n_styles; i++) {
		json_object *s = json_object_array_get_idx(styles, i);
		char hex[8];
		im_style_hex(&im_styles[i], hex);
		assert_string_equal(json_object_get_string(get(s, "color")), hex);
		assert_string_equal(json_object_get_string(get(s, "label")), im_styles[i].label);
		double x[RSHAPE_MAX], y[RSHAPE_MAX];
		int np = rshape_points(im_styles[i].shape, x, y);
		json_object *shape = get(s, "shape");
		assert_int_equal(json_object_array_length(shape), np);
		json_object *p0 = json_object_array_get_idx(shape, 0);
		assert_true(fabs(json_object_get_double(json_object_array_get_idx(p0, 0)) - x[0]) <
		            1e-3);
	}
	/* sizes by death toll, up to the cap */
	json_object *sizes = get(d, "sizes");
	size_t ns = json_object_array_length(sizes);
	assert_true(ns > 10);
	for (size_t f = 0; f < ns; f++)
		assert_true(fabs(json_object_get_double(json_object_array_get_idx(sizes, f)) -
		                 im_style_size_mm((int)f)) < 0.01);
	assert_true(fabs(json_object_get_double(json_object_array_get_idx(sizes, ns - 1)) -
	                 IM_STYLE_MAX_MM) < 0.01);

	/* a record per incident, strings through the table */
	json_object *inc = get(d, "inc"), *strs = get(d, "strings");
	assert_int_equal(json_object_array_length(inc), 3);
	json_object *r0 = json_object_array_get_idx(inc, 0);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(r0, 2)),
	                 im_style_for("Battles") - im_styles);
	int place = json_object_get_int(json_object_array_get_idx(r0, 7));
	assert_string_equal(json_object_get_string(json_object_array_get_idx(strs, (size_t)place)),
	                    "Basra </script>");
	assert_string_equal(json_object_get_string(json_object_array_get_idx(r0, 15)),
	                    "Fighting <b>here</b>");
	assert_int_equal(json_object_get_int(json_object_array_get_idx(r0, 4)), 20240312);
	json_object *r2 = json_object_array_get_idx(inc, 2);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(r2, 2)), im_n_styles - 1);
	assert_true(json_object_is_type(json_object_array_get_idx(r2, 12), json_type_null));
	/* one source, said once for the three incidents */
	assert_int_equal(json_object_array_length(get(d, "sources")), 1);
	/* the base map: the world, and the extent's countries and provinces */
	json_object *base = get(d, "base");
	assert_true(json_object_array_length(get(base, "world")) > 100);
	assert_true(json_object_array_length(get(base, "countries")) > 3);
	assert_true(json_object_array_length(get(base, "provinces")) > 10);
	/* the title of the briefing map, the same words as the picture's */
	assert_string_equal(json_object_get_string(get(d, "title")),
	                    "Security incidents in Iraq, 12 Mar 2024");
	im_render_info info;
	snprintf(path, sizeof path, "%s/page.png", tmpdir);
	o.width = 400, o.height = 300;
	assert_int_equal(im_render_run(&l, &o, path, &info, &err), IM_OK);
	assert_string_equal(json_object_get_string(get(d, "title")), info.title);
	im_render_info_free(&info);
	assert_string_equal(json_object_get_string(get(d, "subtitle")),
	                    "3 incidents \u00b7 12 Mar 2024 \u00b7 503 killed");
	json_object_put(d);
	im_list_clear(&l);
}

static void test_page_fails_whole(void **state)
{
	im_incident_list l = {0};
	add(&l, "a", 47.8, 30.5, "Battles", "Basra", 3, "x");
	im_render_opts o;
	im_render_opts_init(&o);
	o.shapes_dir = SHAPES;
	o.quiet = 1;
	char path[1100];
	snprintf(path, sizeof path, "%s/no/such/folder/page.html", tmpdir);
	im_error err;
	assert_int_equal(im_render(&l, &o, path, &err), IM_E_IO);
	/* no shapes: an error, and no page */
	snprintf(path, sizeof path, "%s/page2.html", tmpdir);
	o.shapes_dir = INCIMAP_SOURCE_DIR "/no-such-shapes";
	assert_int_not_equal(im_render(&l, &o, path, &err), IM_OK);
	assert_false(im_file_exists(path));
	/* a job begun as a picture cannot end as a page */
	o.shapes_dir = SHAPES;
	o.format = IM_RENDER_PNG;
	im_render_job *j;
	assert_int_equal(im_render_begin(&o, &j, &err), IM_OK);
	assert_int_equal(im_render_add(j, &l.v[0], &err), IM_OK);
	o.format = IM_RENDER_HTML;
	assert_int_equal(im_render_finish(j, path, &err), IM_E_USAGE);
	assert_false(im_file_exists(path));
	im_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_script_safe),
	    cmocka_unit_test(test_gzip64),
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_page),
	    cmocka_unit_test(test_page_fails_whole),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
