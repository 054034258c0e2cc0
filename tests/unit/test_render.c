/* test_render.c: the briefing-map renderer: same input, same pixels and
 * bytes; symbols where PROJ puts the incidents; text that pdftotext finds;
 * Arabic shaped; labels that never overlap; and every bad input refused
 * cleanly with nothing left behind. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fsutil.h"
#include "core/im.h"
#include "model/incident.h"
#include "render/render_int.h"
#include "style/style.h"

#include <dirent.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHAPES INCIMAP_SOURCE_DIR "/shapes"
#define FIXTURES INCIMAP_SOURCE_DIR "/tests/fixtures/render"

static char tmpdir[1024];
static im_gaz *gaz; /* the shipped gazetteer, for reference cities; may be NULL */

/* ---- helpers --------------------------------------------------------------- */

static void add(im_incident_list *l, const char *id, double lon, double lat, const char *type,
		const char *place, const char *cc, int fat, int inj, int prec, const char *date)
{
	im_incident inc;
	im_incident_init(&inc);
	assert_int_equal(im_set_str(&inc.id, id), IM_OK);
	inc.has_point = 1;
	inc.lon = lon;
	inc.lat = lat;
	im_set_str(&inc.event_type, type);
	im_set_str(&inc.place, place);
	im_set_str(&inc.country, cc);
	inc.fatalities = fat;
	inc.injuries = inj;
	inc.geo_precision = prec;
	if (date)
		assert_true(im_date_parse_iso(date, 10, &inc.event_date));
	im_source s = {0};
	s.id = (char *)id;
	s.file = (char *)id;
	assert_int_equal(im_incident_add_source(&inc, &s), IM_OK);
	assert_int_equal(im_list_push(l, &inc), IM_OK);
}

/* Incidents like the bundled examples: Iraq and two neighbours. */
static void examples(im_incident_list *l)
{
	add(l, "a", 47.7833, 30.5085, "Explosions/Remote violence", "Basra", "IQ", 5, 12, 1,
	    "2024-03-12");
	add(l, "b", 47.7167, 30.3833, "Explosions/Remote violence", "Zubair", "IQ", 2, -1, 2,
	    "2024-02-20");
	add(l, "c", 43.60, 35.78, "Explosions/Remote violence", "Makhmour", "IQ", 3, 1, 2,
	    "2024-05-19");
	add(l, "d", 44.3922, 35.4681, "Violence against civilians", "Kirkuk", "IQ", 1, -1, 1,
	    "2024-04-15");
	add(l, "e", 46.2578, 31.0439, "Protests", "Nasiriyah", "IQ", 0, 0, 1, "2024-06-05");
	add(l, "f", 44.9236, 33.9783, "Battles", "Muqdadiyah", "IQ", 3, 2, 2, "2024-02-17");
	add(l, "g", 57.0788, 30.2832, "Explosions/Remote violence", "Kerman", "IR", 84, 284, 1,
	    "2024-01-03");
	add(l, "h", 43.13, 36.34, "Explosions/Remote violence", "Mosul", "IQ", 0, 4, 2,
	    "2024-08-08");
	add(l, "i", 40.67, 34.85, "Battles", "Hajin", "SY", 7, -1, 1, "2024-08-07");
}

static void opts(im_render_opts *o)
{
	im_render_opts_init(o);
	o->shapes_dir = SHAPES;
	o->gaz = gaz;
	o->quiet = 1;
	o->width = 800;
	o->height = 500;
	o->dpi = 96;
}

static char *tpath(const char *name)
{
	static char buf[8][1200];
	static int k;
	char *p = buf[k++ % 8];
	snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
	return p;
}

static char *slurp(const char *path, size_t *n)
{
	char *d = NULL;
	im_error err;
	if (im_read_file(path, 0, &d, n, &err))
		return NULL;
	return d;
}

/* No temporary files (".NAME.tmp.XXXXXX") left in a folder. */
static int leftovers(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (strstr(e->d_name, ".tmp."))
			n++;
	if (d)
		closedir(d);
	return n;
}

static cairo_surface_t *load_png(const char *path)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	return s;
}

static unsigned pixel(cairo_surface_t *s, int x, int y)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	return *(uint32_t *)(d + (size_t)y * stride + (size_t)x * 4) & 0xffffff;
}

static int near_rgb(unsigned px, unsigned char r, unsigned char g, unsigned char b, int tol)
{
	int pr = (px >> 16) & 255, pg = (px >> 8) & 255, pb = px & 255;
	return abs(pr - r) <= tol && abs(pg - g) <= tol && abs(pb - b) <= tol;
}

/* Warnings captured through the hook. */
static char warned[4096];
static void warn_hook(void *ud, const char *file, long line, const char *msg)
{
	(void)ud, (void)file, (void)line;
	size_t n = strlen(warned);
	snprintf(warned + n, sizeof warned - n, "%s\n", msg);
}

static char *run_cmd(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	size_t k;
	while (out && (k = fread(out + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (n + 1 == cap) {
			char *o2 = realloc(out, cap * 2);
			if (!o2)
				break;
			out = o2;
			cap *= 2;
		}
	}
	if (out)
		out[n] = 0;
	int rc = pclose(p);
	if (rc != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static int have_tool(const char *name)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* ---- the symbology table ------------------------------------------------------ */

static void test_style_table(void **state)
{
	(void)state;
	assert_string_equal(im_style_for("Battles")->event_type, "Battles");
	assert_string_equal(im_style_for("battles")->event_type, "Battles");
	assert_null(im_style_for("Picnics")->event_type);
	assert_null(im_style_for(NULL)->event_type);
	assert_ptr_equal(im_style_for(NULL), &im_styles[im_n_styles - 1]);
	/* Every type its own shape and colour. */
	for (size_t i = 0; i + 1 < im_n_styles; i++)
		for (size_t j = i + 1; j + 1 < im_n_styles; j++) {
			assert_true(im_styles[i].shape != im_styles[j].shape);
			assert_true(im_styles[i].r != im_styles[j].r || im_styles[i].g != im_styles[j].g ||
				    im_styles[i].b != im_styles[j].b);
		}
	assert_true(fabs(im_style_size_mm(0) - IM_STYLE_MIN_MM) < 1e-9);
	assert_true(fabs(im_style_size_mm(IM_NULL_INT) - IM_STYLE_MIN_MM) < 1e-9);
	double last = 0;
	for (int f = 0; f < 2000; f += 7) {
		double d = im_style_size_mm(f);
		assert_true(d >= last);
		assert_true(d <= IM_STYLE_MAX_MM);
		last = d;
	}
	assert_true(fabs(im_style_size_mm(1000000) - IM_STYLE_MAX_MM) < 1e-9);
	/* Area, not diameter, grows with the count. */
	double a4 = pow(im_style_size_mm(4), 2), a0 = pow(im_style_size_mm(0), 2);
	assert_true(fabs(a4 / a0 - 2.0) < 1e-9);
	char hex[8];
	im_style_hex(im_style_for("Explosions/Remote violence"), hex);
	assert_string_equal(hex, "#d55e00");
}

/* ---- same input, same output ------------------------------------------------------ */

static void test_png_same_pixels(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	im_error err;
	assert_int_equal(im_render(&l, &o, tpath("same1.png"), &err), IM_OK);
	assert_int_equal(im_render(&l, &o, tpath("same2.png"), &err), IM_OK);
	cairo_surface_t *a = load_png(tpath("same1.png")), *b = load_png(tpath("same2.png"));
	assert_int_equal(cairo_image_surface_get_width(a), 800);
	assert_int_equal(cairo_image_surface_get_height(a), 500);
	int differ = 0;
	for (int y = 0; y < 500; y++)
		for (int x = 0; x < 800; x++)
			differ += pixel(a, x, y) != pixel(b, x, y);
	assert_int_equal(differ, 0);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	im_list_clear(&l);
}

/* cairo numbers SVG surfaces with a counter that lives as long as the
 * process ("surface891"); a fresh process starts it at the same place, so
 * the CLI gives the same bytes. Drop the numbers for the in-process check. */
static size_t drop_surface_ids(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (n - i > 7 && memcmp(s + i, "surface", 7) == 0) {
			memmove(s + o, s + i, 7);
			o += 7, i += 7;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			continue;
		}
		s[o++] = s[i++];
	}
	return o;
}

static void test_pdf_svg_same_bytes(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	im_error err;
	const char *names[2][2] = {{"same1.pdf", "same2.pdf"}, {"same1.svg", "same2.svg"}};
	for (int f = 0; f < 2; f++) {
		assert_int_equal(im_render(&l, &o, tpath(names[f][0]), &err), IM_OK);
		assert_int_equal(im_render(&l, &o, tpath(names[f][1]), &err), IM_OK);
		size_t na, nb;
		char *a = slurp(tpath(names[f][0]), &na), *b = slurp(tpath(names[f][1]), &nb);
		assert_non_null(a);
		assert_non_null(b);
		assert_true(na > 1000);
		if (f == 1) {
			na = drop_surface_ids(a, na);
			nb = drop_surface_ids(b, nb);
		}
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		if (f == 0) {
			assert_memory_equal(a, "%PDF-", 5);
			/* The fixed creation date: the latest incident's day. */
			assert_non_null(memmem(a, na, "20240808000000", 14));
		} else {
			assert_non_null(memmem(a, na, "<svg", 4));
		}
		free(a);
		free(b);
	}
	im_list_clear(&l);
}

/* ---- symbols where PROJ puts them ---------------------------------------------------- */

static void test_symbols_at_projected_points(void **state)
{
	(void)state;
	const char *crs = "+proj=laea +lat_0=33 +lon_0=44 +datum=WGS84 +units=m +no_defs";
	struct {
		double lon, lat;
		const char *type;
		int prec;
	} pts[] = {
		{44.3661, 33.3152, "Explosions/Remote violence", 1}, /* Baghdad */
		{47.7833, 30.5085, "Battles", 1},                    /* Basra */
		{43.1300, 36.3400, "Protests", 1},                   /* Mosul */
		{45.4375, 35.5650, "Violence against civilians", 1}, /* Sulaymaniyah */
		{41.9400, 34.3800, "Riots", 2},                      /* Qaim */
		{43.3000, 32.4000, "Explosions/Remote violence", 3}, /* Anbar, province only */
	};
	size_t n = sizeof pts / sizeof *pts;
	im_incident_list l = {0};
	for (size_t i = 0; i < n; i++) {
		char id[8];
		snprintf(id, sizeof id, "p%zu", i);
		add(&l, id, pts[i].lon, pts[i].lat, pts[i].type, id, "IQ", 30, 0, pts[i].prec,
		    "2024-05-01");
	}
	im_render_opts o;
	opts(&o);
	o.crs = crs;
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("where.png"), &info, &err), IM_OK);
	assert_non_null(strstr(info.crs, "+lon_0=44"));

	/* Our own projection of the same points. */
	PJ_CONTEXT *ctx = proj_context_create();
	PJ *op = proj_create_crs_to_crs(ctx, "EPSG:4326", "+proj=laea +lat_0=33 +lon_0=44 "
				       "+datum=WGS84 +units=m +no_defs +type=crs", NULL);
	assert_non_null(op);
	PJ *pj = proj_normalize_for_visualization(ctx, op);
	assert_non_null(pj);
	cairo_surface_t *png = load_png(tpath("where.png"));
	for (size_t i = 0; i < n; i++) {
		PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(pts[i].lon, pts[i].lat, 0, 0));
		assert_int_equal(proj_errno(pj), 0);
		int px = (int)lround(info.ox + info.k * c.xy.x);
		int py = (int)lround(info.oy - info.k * c.xy.y);
		assert_true(px > 0 && px < 800 && py > 0 && py < 500);
		unsigned got = pixel(png, px, py);
		const im_style *st = im_style_for(pts[i].type);
		if (pts[i].prec < 3) {
			if (!near_rgb(got, st->r, st->g, st->b, 6))
				fail_msg("%s at (%d,%d): got #%06x, want %02x%02x%02x", pts[i].type, px,
					 py, got, st->r, st->g, st->b);
		} else {
			/* Province only: an open symbol, white inside, never a dot. */
			assert_true(near_rgb(got, 255, 255, 255, 6));
		}
	}
	cairo_surface_destroy(png);
	proj_destroy(pj);
	proj_destroy(op);
	proj_context_destroy(ctx);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* ---- text in the PDF ---------------------------------------------------------------- */

static void test_pdf_text(void **state)
{
	(void)state;
	if (!have_tool("pdftotext"))
		skip();
	im_incident_list l = {0};
	examples(&l);
	add(&l, "j", 47.7833, 30.5085, "Explosions/Remote violence", "Basra", "IQ", 1, 0, 1,
	    "2024-03-20");
	im_render_opts o;
	opts(&o);
	o.paper = "a4";
	o.title = "Briefing map for the test";
	o.aggregate = IM_AGG_CLUSTERS; /* a label per place: auto merges Basra and Zubair */
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("text.pdf"), &info, &err), IM_OK);
	assert_true(fabs(info.page_w - 841.89) < 0.1);
	assert_true(fabs(info.page_h - 595.28) < 0.1);
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", tpath("text.pdf"));
	char *txt = run_cmd(cmd);
	assert_non_null(txt);
	const char *want[] = {"Briefing map for the test", "Explosions/Remote violence (6)",
			      "Battles (2)", "Violence against civilians (1)", "Protests (1)",
			      "Basra (2 incidents)", "Kirkuk", "Kerman", "84 killed, 284 injured",
			      "Natural Earth", "GeoNames", "On First", "Sources: 10 reports",
			      "0 or unknown"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(txt, want[i]))
			fail_msg("pdftotext lacks '%s'", want[i]);
	/* Types absent from the data are absent from the legend. */
	assert_null(strstr(txt, "Riots"));
	free(txt);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* ---- Arabic shapes right ---------------------------------------------------------------- */

/* Mean absolute difference per channel, and how many pixels differ much. */
static void png_diff(const char *a, const char *b, double *mean, long *bad)
{
	cairo_surface_t *x = load_png(a), *y = load_png(b);
	int w = cairo_image_surface_get_width(x), h = cairo_image_surface_get_height(x);
	assert_int_equal(w, cairo_image_surface_get_width(y));
	assert_int_equal(h, cairo_image_surface_get_height(y));
	double sum = 0;
	*bad = 0;
	for (int j = 0; j < h; j++)
		for (int i = 0; i < w; i++) {
			unsigned p = pixel(x, i, j), q = pixel(y, i, j);
			int d = 0;
			for (int s = 0; s < 24; s += 8)
				d += abs((int)((p >> s) & 255) - (int)((q >> s) & 255));
			sum += d / 3.0;
			if (d / 3 > 64)
				(*bad)++;
		}
	*mean = sum / ((double)w * h);
	cairo_surface_destroy(x);
	cairo_surface_destroy(y);
}

static void test_arabic_shaping(void **state)
{
	(void)state;
	/* Kirkuk and Basra in Arabic script; joined letters take their
	 * initial, medial and final forms. */
	const char *shaped = "\u0643\u0631\u0643\u0648\u0643\n\u0627\u0644\u0628\u0635\u0631\u0629";
	/* The same letters kept apart by zero-width non-joiners: isolated forms,
	 * what a renderer without shaping would draw. */
	const char *apart = "\u0643\u200c\u0631\u200c\u0643\u200c\u0648\u200c\u0643\n"
			    "\u0627\u200c\u0644\u200c\u0628\u200c\u0635\u200c\u0631\u200c\u0629";
	im_error err;
	assert_int_equal(im_render_label_png(shaped, 400, 200, tpath("ar.png"), &err), IM_OK);
	assert_int_equal(im_render_label_png(apart, 400, 200, tpath("ar-apart.png"), &err), IM_OK);
	const char *ref = FIXTURES "/arabic-label.png";
	if (getenv("INCIMAP_UPDATE_REFS")) {
		size_t n;
		char *d = slurp(tpath("ar.png"), &n);
		assert_non_null(d);
		assert_int_equal(im_write_file_atomic(ref, d, n, &err), IM_OK);
		free(d);
	}
	double mean;
	long bad;
	png_diff(tpath("ar.png"), ref, &mean, &bad);
	/* Close to the reference the project made and checked by eye... */
	if (mean > 1.5 || bad > 150)
		fail_msg("Arabic label differs from %s: mean %.2f, %ld pixels", ref, mean, bad);
	/* ...and far from the unjoined letters. */
	png_diff(tpath("ar-apart.png"), ref, &mean, &bad);
	if (mean < 3 || bad < 600)
		fail_msg("shaped and unjoined Arabic look alike: mean %.2f, %ld pixels", mean, bad);
}

/* A gazetteer of the given places (name, GeoNames feature code, latitude,
 * longitude, population), all in Iraq, in a folder of its own. */
static im_gaz *fixture_gaz(const char *name, const char *rows[][5], size_t n)
{
	char dir[1200];
	snprintf(dir, sizeof dir, "%s", tpath(name));
	assert_int_equal(mkdir(dir, 0755), 0);
	char path[1300];
	snprintf(path, sizeof path, "%s/places.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	/* GeoNames' 19 columns. */
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%zu\t%s\t%s\t\t%s\t%s\tP\t%s\tIQ\t\t01\t\t\t\t%s\t\t\t\t2024-01-01\n",
			9000001 + i, rows[i][0], rows[i][0], rows[i][2], rows[i][3], rows[i][1],
			rows[i][4]);
	assert_int_equal(fclose(f), 0);
	im_error err;
	im_gaz *g = NULL;
	assert_int_equal(im_gaz_open(dir, &g, &err), IM_OK);
	return g;
}

/* ---- labels never overlap ----------------------------------------------------------------- */

/* Whether polygon (x, y)[n] and box b share any point. */
static int poly_hits_box(const double *x, const double *y, int n, im_rbox b)
{
	for (int i = 0; i < n; i++)
		if (x[i] >= b.x0 && x[i] <= b.x1 && y[i] >= b.y0 && y[i] <= b.y1)
			return 1;
	/* A corner of the box inside the polygon (even-odd). */
	double cx[4] = {b.x0, b.x1, b.x1, b.x0}, cy[4] = {b.y0, b.y0, b.y1, b.y1};
	for (int k = 0; k < 4; k++) {
		int in = 0;
		for (int i = 0, j = n - 1; i < n; j = i++)
			if ((y[i] > cy[k]) != (y[j] > cy[k]) &&
			    cx[k] < (x[j] - x[i]) * (cy[k] - y[i]) / (y[j] - y[i]) + x[i])
				in = !in;
		if (in)
			return 1;
	}
	/* An edge of the polygon across the box: its ends on either side of
	 * one of the box's sides, within that side. */
	for (int i = 0, j = n - 1; i < n; j = i++)
		for (int k = 0; k < 4; k++) {
			int v = k % 2 == 0; /* k 0, 2: the box's horizontal sides */
			double at = k == 0 ? b.y0 : k == 1 ? b.x1 : k == 2 ? b.y1 : b.x0;
			double a0 = v ? y[j] : x[j], a1 = v ? y[i] : x[i];
			if ((a0 - at) * (a1 - at) > 0 || a0 == a1)
				continue;
			double t = (at - a0) / (a1 - a0);
			double o = v ? x[j] + t * (x[i] - x[j]) : y[j] + t * (y[i] - y[j]);
			if (v ? (o >= b.x0 && o <= b.x1) : (o >= b.y0 && o <= b.y1))
				return 1;
		}
	return 0;
}

/* Whether box b covers any of symbol j's outline or edge. */
static int covers_symbol(const im_render_info *in, size_t j, im_rbox b)
{
	im_rbox s = in->symbols[j];
	if (!rbox_overlap(b, s))
		return 0;
	double x[RSHAPE_MAX], y[RSHAPE_MAX];
	int n = rshape_points(in->symbol_shape[j] < 0 ? IM_SHAPE_CIRCLE
						       : (im_shape)in->symbol_shape[j],
			      x, y);
	double cx = (s.x0 + s.x1) / 2, cy = (s.y0 + s.y1) / 2, d = in->symbol_d[j];
	for (int i = 0; i < n; i++)
		x[i] = cx + x[i] * d, y[i] = cy + y[i] * d;
	/* The edge is stroked on the outline: half its width outside (and its
	 * miter joins further at sharp corners). */
	double e = in->symbol_edge[j];
	im_rbox g = {b.x0 - e, b.y0 - e, b.x1 + e, b.y1 + e};
	return poly_hits_box(x, y, n, g);
}

static void test_300_labels_no_overlap(void **state)
{
	(void)state;
	im_incident_list l = {0};
	static const char *types[] = {"Explosions/Remote violence", "Battles",
				      "Violence against civilians", "Protests", "Riots",
				      "Strategic developments"};
	unsigned long long seed = 42;
	for (int i = 0; i < 300; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		double dx = (double)((seed >> 33) % 10000) / 10000.0 - 0.5;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		double dy = (double)((seed >> 33) % 10000) / 10000.0 - 0.5;
		char id[16], place[32];
		snprintf(id, sizeof id, "c%03d", i);
		snprintf(place, sizeof place, "Quarter %d", i);
		add(&l, id, 44.36 + dx * 0.1, 33.31 + dy * 0.1, types[i % 6], place, "IQ",
		    (int)((seed >> 40) % 40), (int)((seed >> 20) % 60), 1, "2024-04-01");
	}
	/* Towns around the city, so that their names are in the crowd too. */
	static const char *towns[][5] = {
		{"Northtown", "PPL", "33.52", "44.36", "60000"},
		{"Easttown", "PPL", "33.31", "44.66", "60000"},
		{"Southtown", "PPL", "33.12", "44.40", "60000"},
		{"Westtown", "PPL", "33.30", "44.08", "60000"},
		{"Cornertown", "PPL", "33.46", "44.58", "60000"},
	};
	im_gaz *g = fixture_gaz("gaz-towns", towns, sizeof towns / sizeof *towns);
	im_render_opts o;
	opts(&o);
	o.gaz = g;
	o.quiet = 0;
	o.aggregate = IM_AGG_CLUSTERS; /* auto would bin this crowd into hexagons */
	warned[0] = 0;
	im_set_warn_hook(warn_hook, NULL);
	im_error err;
	im_render_info info;
	im_status st = im_render_run(&l, &o, tpath("crowd.png"), &info, &err);
	im_set_warn_hook(NULL, NULL);
	assert_int_equal(st, IM_OK);
	size_t incident_labels = 0;
	for (size_t i = 0; i < info.n_labels; i++) {
		im_rbox a = info.labels[i];
		incident_labels += info.label_kind[i] == IM_RLABEL_INCIDENT;
		assert_true(rbox_inside(a, info.frame));
		for (size_t j = i + 1; j < info.n_labels; j++)
			if (rbox_overlap(a, info.labels[j]))
				fail_msg("labels %zu and %zu overlap", i, j);
		for (size_t j = 0; j < info.n_symbols; j++)
			if (covers_symbol(&info, j, a))
				fail_msg("label %zu covers symbol %zu", i, j);
	}
	assert_true(incident_labels >= 5);
	assert_true(info.n_cities > 0);
	assert_int_equal(incident_labels + info.n_unlabelled, info.n_marks);
	/* Not all fit; what is left out is reported... */
	assert_true(info.n_unlabelled > 0);
	assert_non_null(strstr(warned, "left out"));
	im_render_info_free(&info);
	/* ...unless the caller asked for quiet. */
	o.quiet = 1;
	warned[0] = 0;
	im_set_warn_hook(warn_hook, NULL);
	st = im_render_run(&l, &o, tpath("crowd-quiet.png"), &info, &err);
	im_set_warn_hook(NULL, NULL);
	assert_int_equal(st, IM_OK);
	assert_true(info.n_unlabelled > 0);
	assert_string_equal(warned, "");
	im_render_info_free(&info);
	im_list_clear(&l);
	im_gaz_free(g);
}

/* auto: districts of a city a few km apart are one ring, named after the
 * gazetteer's city under it; a town 60 km off keeps its own symbol. */
static void test_auto_names_city(void **state)
{
	(void)state;
	im_incident_list l = {0};
	static const double at[6][2] = {{44.40, 33.33}, {44.44, 33.36}, {44.36, 33.30},
					{44.43, 33.29}, {44.35, 33.37}, {44.47, 33.32}};
	for (int i = 0; i < 6; i++) {
		char id[16], place[32];
		snprintf(id, sizeof id, "d%d", i);
		snprintf(place, sizeof place, "District %d", i);
		add(&l, id, at[i][0], at[i][1], "Battles", place, "IQ", i, 0, 1, "2024-04-01");
	}
	add(&l, "far", 44.40, 33.90, "Riots", "Northtown", "IQ", 0, 0, 1, "2024-04-02");
	add(&l, "far2", 47.78, 30.51, "Riots", "Southtown", "IQ", 0, 0, 1, "2024-04-03");
	static const char *cities[][5] = {
	    {"Midcity", "PPLA", "33.33", "44.40", "900000"},
	};
	im_gaz *g = fixture_gaz("gaz-midcity", cities, 1);
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_AUTO;
	im_render_info info;
	im_error err;
	for (int named = 0; named < 2; named++) {
		o.gaz = named ? g : NULL;
		assert_int_equal(im_render_run(&l, &o, tpath("auto-city.png"), &info, &err), IM_OK);
		assert_int_equal(info.n_merged, 1);
		assert_int_equal(info.n_marks, 3);
		assert_int_equal(info.n_in_marks, 8);
		assert_string_equal(info.merged_name, named ? "Midcity area (6 incidents, 6 places)"
							    : "District 5 and 5 more places (6 incidents)");
		im_render_info_free(&info);
	}
	im_list_clear(&l);
	im_gaz_free(g);
}

/* A label sits just off its symbol's outline, however large the symbol:
 * the nearest point of its box (halo included) is within a millimetre of
 * the outline, on the symbol's side. */
static void test_labels_hug_symbols(void **state)
{
	(void)state;
	static const int fatalities[3] = {0, 12, 300}; /* 2.6, 5.2 and 14 mm */
	static const char *types[2] = {"Explosions/Remote violence", "Violence against civilians"};
	for (int t = 0; t < 2; t++)
		for (int f = 0; f < 3; f++) {
			im_incident_list l = {0};
			add(&l, "one", 44.39, 35.47, types[t], "Kirkuk", "IQ", fatalities[f], 0, 1,
			    "2024-04-15");
			im_render_opts o;
			opts(&o);
			o.gaz = NULL;
			im_error err;
			im_render_info info;
			assert_int_equal(im_render_run(&l, &o, tpath("hug.png"), &info, &err), IM_OK);
			assert_int_equal(info.n_marks, 1);
			size_t li = info.n_labels;
			for (size_t i = 0; i < info.n_labels; i++)
				if (info.label_kind[i] == IM_RLABEL_INCIDENT)
					li = i;
			assert_true(li < info.n_labels);
			im_rbox b = info.labels[li], s = info.symbols[0];
			assert_false(covers_symbol(&info, 0, b));
			/* The gap between the box and the outline, measured from the
			 * outline's points. */
			double x[RSHAPE_MAX], y[RSHAPE_MAX];
			int n = rshape_points((im_shape)info.symbol_shape[0], x, y);
			double cx = (s.x0 + s.x1) / 2, cy = (s.y0 + s.y1) / 2, gap = 1e9;
			for (int i = 0; i < n; i++)
				for (int q = 0; q < 64; q++) { /* along each side */
					int j = (i + 1) % n;
					double ex = x[i] + (x[j] - x[i]) * q / 64, ey = y[i] + (y[j] - y[i]) * q / 64;
					double px = cx + ex * info.symbol_d[0], py = cy + ey * info.symbol_d[0];
					double dx = fmax(0, fmax(b.x0 - px, px - b.x1));
					double dy = fmax(0, fmax(b.y0 - py, py - b.y1));
					gap = fmin(gap, hypot(dx, dy));
				}
			if (gap > info.units_per_mm * 1.0)
				fail_msg("label %.2f mm from a %d-fatality symbol", gap / info.units_per_mm,
					 fatalities[f]);
			im_render_info_free(&info);
			im_list_clear(&l);
		}
}

/* Reference cities: capitals however small, towns of their own, never a
 * section or district of a city that the gazetteer lists as a place. */
static void test_reference_cities(void **state)
{
	(void)state;
	if (!have_tool("pdftotext"))
		skip();
	static const char *rows[][5] = {
		{"Seatville", "PPLA", "33.00", "45.00", "500000"},
		{"Seatville Branch", "PPL", "33.03", "45.02", "800000"},
		{"Satellite", "PPL", "33.00", "45.10", "150000"},
		{"Smallcap", "PPLC", "33.10", "44.95", "20000"},
		{"Quarterville", "PPLX", "32.95", "44.95", "300000"},
	};
	im_gaz *g = fixture_gaz("gaz-sections", rows, sizeof rows / sizeof *rows);
	im_error err;
	im_incident_list l = {0};
	add(&l, "x", 45.13, 32.93, "Battles", "Field", "IQ", 1, 0, 1, "2024-04-15");
	im_render_opts o;
	opts(&o);
	o.gaz = g;
	o.has_bbox = 1;
	o.bbox[0] = 44.9, o.bbox[1] = 32.9, o.bbox[2] = 45.2, o.bbox[3] = 33.12;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("sections.pdf"), &info, &err), IM_OK);
	assert_int_equal(info.n_cities, 3);
	im_render_info_free(&info);
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", tpath("sections.pdf"));
	char *txt = run_cmd(cmd);
	assert_non_null(txt);
	assert_non_null(strstr(txt, "Seatville"));
	assert_non_null(strstr(txt, "Satellite"));
	assert_non_null(strstr(txt, "Smallcap"));
	assert_null(strstr(txt, "Branch"));
	assert_null(strstr(txt, "Quarterville"));
	free(txt);
	im_list_clear(&l);
	im_gaz_free(g);
}

static void test_clusters(void **state)
{
	(void)state;
	im_incident_list l = {0};
	for (int i = 0; i < 3; i++) {
		char id[8];
		snprintf(id, sizeof id, "k%d", i);
		add(&l, id, 44.3922, 35.4681, i ? "Battles" : "Protests", "Kirkuk", "IQ", i, 0, 1,
		    "2024-04-15");
	}
	add(&l, "far", 47.78, 30.5, "Battles", "Basra", "IQ", 0, 0, 1, "2024-04-16");
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("cluster.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 2);
	assert_int_equal(info.n_clusters, 1);
	/* Two battles and a protest at one place: a ring of the types'
	 * colours in their shares, clockwise from the top in legend order
	 * (Battles from 12 to 8 o'clock, Protests from 8 to 12), around a
	 * white disc for the count. */
	size_t big = SIZE_MAX;
	for (size_t j = 0; j < info.n_symbols; j++)
		if (info.symbol_shape[j] >= 0 &&
		    (big == SIZE_MAX || info.symbols[j].x1 - info.symbols[j].x0 >
					    info.symbols[big].x1 - info.symbols[big].x0))
			big = j;
	assert_true(big != SIZE_MAX);
	im_rbox b = info.symbols[big];
	double cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2, R = (b.x1 - b.x0) / 2;
	cairo_surface_t *png = load_png(tpath("cluster.png"));
	const im_style *bat = im_style_for("Battles"), *pro = im_style_for("Protests");
	double ring = R * 0.78; /* between the white disc (0.64 R) and the edge */
	unsigned top = pixel(png, (int)(cx + 0.15 * ring), (int)(cy - ring));
	unsigned right = pixel(png, (int)(cx + ring), (int)cy);
	unsigned left_up = pixel(png, (int)(cx - ring * 0.94), (int)(cy - ring * 0.34));
	unsigned inside = pixel(png, (int)(cx - R * 0.38), (int)(cy - R * 0.38));
	if (!near_rgb(top, bat->r, bat->g, bat->b, 12) || !near_rgb(right, bat->r, bat->g, bat->b, 12))
		fail_msg("the ring's battle share is %06x / %06x, not the Battles colour", top, right);
	if (!near_rgb(left_up, pro->r, pro->g, pro->b, 12))
		fail_msg("the ring's protest share is %06x, not the Protests colour", left_up);
	if (!near_rgb(inside, 255, 255, 255, 8))
		fail_msg("the ring's centre is %06x, not white", inside);
	cairo_surface_destroy(png);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* A title in Arabic lays out like a Latin one: left-aligned, and the
 * subtitle under it stays above the map frame (the rows just above the
 * frame are blank). */
static void test_arabic_title(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	static const char *titles[] = {"Security incidents in Iraq \u2014 \u0627\u0644\u0639\u0631\u0627\u0642",
				       "\u062d\u0648\u0627\u062f\u062b \u0623\u0645\u0646\u064a\u0629 \u0641\u064a \u0627\u0644\u0639\u0631\u0627\u0642"};
	for (int t = 0; t < 2; t++) {
		im_render_opts o;
		opts(&o);
		o.title = titles[t];
		im_error err;
		im_render_info info;
		assert_int_equal(im_render_run(&l, &o, tpath("ar-title.png"), &info, &err), IM_OK);
		cairo_surface_t *png = load_png(tpath("ar-title.png"));
		int y = (int)info.frame.y0 - 2;
		for (int x = (int)info.frame.x0; x < (int)info.frame.x1; x++)
			if (!near_rgb(pixel(png, x, y), 255, 255, 255, 40))
				fail_msg("title %d: ink at %d,%d just above the map frame", t, x, y);
		/* left-aligned: ink in the first tenth of the page's width */
		int ink_left = 0;
		for (int yy = 4; yy < (int)info.frame.y0 / 2 && !ink_left; yy++)
			for (int x = 0; x < (int)(info.page_w / 10); x++)
				if (!near_rgb(pixel(png, x, yy), 255, 255, 255, 80))
					ink_left = 1;
		if (!ink_left)
			fail_msg("title %d is not left-aligned", t);
		cairo_surface_destroy(png);
		im_render_info_free(&info);
	}
	im_list_clear(&l);
}

/* An incident known only to its province hatches the province its admin1
 * names, not the one its point falls in: a Baghdad incident whose point
 * lies over Diyala's outline hatches Baghdad; with an admin1 no province
 * bears, the shape under the point is used. */
static void test_province_by_admin1(void **state)
{
	(void)state;
	if (!gaz)
		skip();
	im_incident_list l = {0};
	add(&l, "bg", 44.70, 33.78, "Battles", "Baghdad", "IQ", 1, 0, 3, "2024-04-15");
	im_set_str(&l.v[0].admin1, "Baghdad");
	add(&l, "bs", 47.5, 30.6, "Battles", "Basra", "IQ", 1, 0, 3, "2024-04-15");
	im_set_str(&l.v[1].admin1, "Basra"); /* the gazetteer's "Basra", NE's "Al-Basrah" */
	add(&l, "dy", 45.3, 34.2, "Protests", "Somewhere", "IQ", 0, 0, 3, "2024-04-15");
	im_set_str(&l.v[2].admin1, "No Such Province");
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("prov.png"), &info, &err), IM_OK);
	if (strcmp(info.hatched, "Baghdad,Al-Basrah,Diyala") != 0 &&
	    strcmp(info.hatched, "Al-Basrah,Baghdad,Diyala") != 0 &&
	    !(strstr(info.hatched, "Baghdad") && strstr(info.hatched, "Al-Basrah") &&
	      strstr(info.hatched, "Diyala")))
		fail_msg("hatched: '%s', want Baghdad, Al-Basrah and Diyala", info.hatched);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* --aggregate and --size-by: hexagons instead of symbols, a symbol per
 * incident, auto switching to hexagons when symbols would crowd. */
static void test_aggregate(void **state)
{
	(void)state;
	im_incident_list l = {0};
	for (int i = 0; i < 3; i++) {
		char id[8];
		snprintf(id, sizeof id, "k%d", i);
		add(&l, id, 44.3922, 35.4681, "Battles", "Kirkuk", "IQ", 10, 0, 1, "2024-04-15");
	}
	add(&l, "far", 47.78, 30.5, "Battles", "Basra", "IQ", 0, 0, 1, "2024-04-16");
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	o.aggregate = IM_AGG_NONE;
	assert_int_equal(im_render_run(&l, &o, tpath("none.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 4); /* one per incident, even at one place */
	assert_int_equal(info.n_clusters, 0);
	im_render_info_free(&info);

	o.aggregate = IM_AGG_HEX;
	assert_int_equal(im_render_run(&l, &o, tpath("hex.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 0);
	assert_int_equal(info.n_hex, 2); /* Kirkuk's three, Basra's one */
	im_render_info_free(&info);

	/* auto: a few places stay symbols ... */
	o.aggregate = IM_AGG_AUTO;
	assert_int_equal(im_render_run(&l, &o, tpath("auto-few.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 2);
	assert_int_equal(info.n_hex, 0);
	im_render_info_free(&info);
	/* ... 2,000 scattered ones become hexagons */
	im_incident_list many = {0};
	for (int i = 0; i < 2000; i++) {
		char id[16];
		snprintf(id, sizeof id, "m%d", i);
		add(&many, id, 39.5 + (i % 50) * 0.16, 29.5 + (i / 50) * 0.18, "Protests", "Here",
		    "IQ", i % 7, 0, 1, "2024-04-15");
	}
	assert_int_equal(im_render_run(&many, &o, tpath("auto-many.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 0);
	assert_true(info.n_hex > 20);
	im_render_info_free(&info);
	im_list_clear(&many);

	/* --size-by incidents: the cluster of three outgrows a lone incident
	 * however many each killed */
	o.aggregate = IM_AGG_CLUSTERS;
	o.size_by = IM_SIZE_BY_INCIDENTS;
	l.v[3].fatalities = 500;
	assert_int_equal(im_render_run(&l, &o, tpath("by-count.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 2);
	size_t east = info.symbols[0].x0 > info.symbols[1].x0 ? 0 : 1; /* Basra */
	assert_true(info.symbol_d[1 - east] > info.symbol_d[east]);
	im_render_info_free(&info);
	o.size_by = IM_SIZE_BY_FATALITIES;
	assert_int_equal(im_render_run(&l, &o, tpath("by-fat.png"), &info, &err), IM_OK);
	/* by fatalities, Basra's 500 dead make the larger symbol */
	size_t basra = info.symbols[0].x0 > info.symbols[1].x0 ? 0 : 1; /* east */
	assert_true(info.symbol_d[basra] > info.symbol_d[1 - basra]);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* ---- extents and projections ---------------------------------------------------------------- */

static double frame_width_m(const im_render_info *in)
{
	return (in->frame.x1 - in->frame.x0) / in->k;
}

static void test_one_incident_min_extent(void **state)
{
	(void)state;
	im_incident_list l = {0};
	add(&l, "solo", 44.39, 35.47, "Battles", "Kirkuk", "IQ", 1, 0, 1, "2024-04-15");
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("solo.png"), &info, &err), IM_OK);
	/* Not a street map of nothing, and centred on the incident. */
	assert_true(frame_width_m(&info) >= 300000);
	assert_true(frame_width_m(&info) < 2000000);
	assert_non_null(strstr(info.crs, "+proj=laea"));
	assert_non_null(strstr(info.crs, "+lat_0=35.47"));
	assert_non_null(strstr(info.crs, "+lon_0=44.39"));
	im_render_info_free(&info);
	im_list_clear(&l);
}

static void test_antimeridian(void **state)
{
	(void)state;
	im_incident_list l = {0};
	add(&l, "w", 179.6, -17.0, "Protests", "East", "FJ", 0, 0, 1, "2024-01-01");
	add(&l, "e", -179.6, -16.5, "Protests", "West", "FJ", 0, 0, 1, "2024-01-02");
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("fiji.png"), &info, &err), IM_OK);
	/* Centred on the antimeridian, a few hundred km wide, not the world. */
	assert_true(strstr(info.crs, "+lon_0=180") || strstr(info.crs, "+lon_0=-180"));
	assert_true(frame_width_m(&info) < 2000000);
	assert_int_equal(info.n_marks, 2);
	im_render_info_free(&info);
	/* A --bbox across the antimeridian (W > E) too. */
	o.has_bbox = 1;
	o.bbox[0] = 175, o.bbox[1] = -20, o.bbox[2] = -175, o.bbox[3] = -14;
	assert_int_equal(im_render_run(&l, &o, tpath("fiji-bbox.png"), &info, &err), IM_OK);
	assert_true(frame_width_m(&info) < 2500000);
	assert_int_equal(info.n_marks, 2);
	im_render_info_free(&info);
	im_list_clear(&l);
}

static void test_poles_and_edges(void **state)
{
	(void)state;
	im_incident_list l = {0};
	/* Beyond the shapes' coverage (they stop at 83.6 N): drawn, and said. */
	add(&l, "np", 10.0, 89.9, "Strategic developments", "Pole", NULL, -1, -1, 1, NULL);
	im_render_opts o;
	opts(&o);
	o.quiet = 0;
	warned[0] = 0;
	im_set_warn_hook(warn_hook, NULL);
	im_error err;
	im_render_info info;
	im_status st = im_render_run(&l, &o, tpath("pole.png"), &info, &err);
	im_set_warn_hook(NULL, NULL);
	assert_int_equal(st, IM_OK);
	assert_int_equal(info.n_marks, 1);
	assert_non_null(strstr(warned, "beyond the base map"));
	im_render_info_free(&info);
	im_list_clear(&l);

	/* The corners of the coordinate space, and out-of-range values. */
	add(&l, "c1", -180, -90, "Protests", "SW", NULL, 0, 0, 1, "2024-01-01");
	add(&l, "c2", 180, 90, "Protests", "NE", NULL, 0, 0, 1, "2024-01-01");
	add(&l, "bad1", 0, 95, "Protests", "Nowhere", NULL, 0, 0, 1, "2024-01-01");
	add(&l, "bad2", NAN, 10, "Protests", "Nowhere", NULL, 0, 0, 1, "2024-01-01");
	add(&l, "bad3", 200, 10, "Protests", "Nowhere", NULL, 0, 0, 1, "2024-01-01");
	warned[0] = 0;
	im_set_warn_hook(warn_hook, NULL);
	st = im_render_run(&l, &o, tpath("corners.png"), &info, &err);
	im_set_warn_hook(NULL, NULL);
	assert_int_equal(st, IM_OK);
	assert_non_null(strstr(warned, "3 incidents with coordinates out of range not drawn"));
	assert_non_null(strstr(info.crs, "eqearth"));
	im_render_info_free(&info);
	im_list_clear(&l);
}

static void test_bbox_and_crs(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	o.has_bbox = 1;
	o.bbox[0] = 38, o.bbox[1] = 29, o.bbox[2] = 49, o.bbox[3] = 38;
	o.aggregate = IM_AGG_CLUSTERS; /* a symbol per place (auto merges Basra and Zubair) */
	o.quiet = 0;
	warned[0] = 0;
	im_set_warn_hook(warn_hook, NULL);
	im_error err;
	im_render_info info;
	im_status st = im_render_run(&l, &o, tpath("bbox.png"), &info, &err);
	im_set_warn_hook(NULL, NULL);
	assert_int_equal(st, IM_OK);
	/* Kerman (57 E) is outside the box: left out, and said. */
	assert_int_equal(info.n_marks, 8);
	assert_non_null(strstr(warned, "1 incident outside --bbox"));
	assert_non_null(strstr(info.crs, "+lon_0=43.5"));
	assert_string_equal(info.focus, "IQ");
	im_render_info_free(&info);

	/* A CRS by EPSG code: UTM 38N covers Iraq. */
	o.has_bbox = 0;
	o.crs = "EPSG:32638";
	o.quiet = 1;
	assert_int_equal(im_render_run(&l, &o, tpath("utm.png"), &info, &err), IM_OK);
	assert_string_equal(info.crs, "EPSG:32638");
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* ---- empty input ----------------------------------------------------------------------------- */

static void test_no_incidents(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("empty.png"), &info, &err), IM_OK);
	assert_string_equal(info.title, "No incidents");
	assert_int_equal(info.n_marks, 0);
	im_render_info_free(&info);
	/* A box with nothing in it still shows where it is: reference cities,
	 * none of them under the "No incidents" notice in the middle. */
	o.has_bbox = 1;
	o.bbox[0] = 38.5, o.bbox[1] = 29, o.bbox[2] = 49, o.bbox[3] = 37.8;
	assert_int_equal(im_render_run(&l, &o, tpath("empty-box.png"), &info, &err), IM_OK);
	if (gaz) {
		assert_true(info.n_cities >= 3);
		double cx = (info.frame.x0 + info.frame.x1) / 2, cy = (info.frame.y0 + info.frame.y1) / 2;
		for (size_t i = 0; i < info.n_labels; i++) {
			im_rbox b = info.labels[i];
			assert_false(b.x0 < cx && cx < b.x1 && b.y0 < cy && cy < b.y1);
		}
	}
	im_render_info_free(&info);
	o.has_bbox = 0;
	assert_int_equal(im_render(NULL, &o, tpath("empty.pdf"), &err), IM_OK);
	if (have_tool("pdftotext")) {
		char cmd[1400];
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", tpath("empty.pdf"));
		char *txt = run_cmd(cmd);
		assert_non_null(txt);
		assert_non_null(strstr(txt, "No incidents"));
		free(txt);
	}
	/* Incidents without any location: the same map, and a warning. */
	im_incident inc;
	im_incident_init(&inc);
	im_set_str(&inc.id, "nowhere");
	assert_int_equal(im_list_push(&l, &inc), IM_OK);
	assert_int_equal(im_render_run(&l, &o, tpath("nowhere.png"), &info, &err), IM_OK);
	assert_int_equal(info.n_marks, 0);
	assert_int_equal(info.n_skipped, 1);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* Text the map's own fonts cannot show: the map is drawn again with the
 * system's fonts, and its warnings are given once. */
static void test_font_fallback(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	im_error err;
	im_render_info info;
	assert_int_equal(im_render_run(&l, &o, tpath("fonts-own.png"), &info, &err), IM_OK);
	int own = info.own_fonts;
	im_render_info_free(&info);
	/* Bangkok in Thai, a script Noto Sans lacks; one incident with no
	 * location for a warning. */
	add(&l, "thai", 45.0, 33.0, "Protests", "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e", "IQ", 0, 0,
	    1, "2024-05-01");
	im_incident inc;
	im_incident_init(&inc);
	im_set_str(&inc.id, "nowhere");
	assert_int_equal(im_list_push(&l, &inc), IM_OK);
	o.quiet = 0;
	o.title = "Fallback";
	warned[0] = 0;
	im_set_warn_hook(warn_hook, NULL);
	im_status st = im_render_run(&l, &o, tpath("fonts-thai.pdf"), &info, &err);
	im_set_warn_hook(NULL, NULL);
	assert_int_equal(st, IM_OK);
	assert_int_equal(info.own_fonts, 0);
	const char *w = strstr(warned, "without a location");
	assert_non_null(w);
	assert_null(strstr(w + 1, "without a location"));
	im_render_info_free(&info);
	assert_int_equal(leftovers(tmpdir), 0);
	/* The Thai name is drawn with a Thai font when the system has one. */
	if (own && have_tool("pdffonts") &&
	    im_file_exists("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")) {
		char cmd[1400];
		snprintf(cmd, sizeof cmd, "pdffonts '%s'", tpath("fonts-thai.pdf"));
		char *txt = run_cmd(cmd);
		assert_non_null(txt);
		assert_non_null(strstr(txt, "NotoSansThai"));
		free(txt);
	}
	im_list_clear(&l);
}

static void test_hostile_text(void **state)
{
	(void)state;
	im_incident_list l = {0};
	add(&l, "u", 44.4, 33.3, "Riots", "Bad \xff\xfe name", "IQ", 2, 2, 1, "2024-01-01");
	char longname[5000];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	add(&l, "v", 44.0, 33.0, NULL, longname, NULL, 2, 2, 1, NULL);
	im_render_opts o;
	opts(&o);
	char title[3000];
	memset(title, 'T', sizeof title - 1);
	title[sizeof title - 1] = 0;
	o.title = title;
	im_error err;
	assert_int_equal(im_render(&l, &o, tpath("hostile.png"), &err), IM_OK);
	im_list_clear(&l);
}

/* ---- bad input: clear error, nothing written ------------------------------------------------- */

static void copy_file(const char *from, const char *to, long truncate_to)
{
	size_t n;
	char *d = slurp(from, &n);
	assert_non_null(d);
	if (truncate_to >= 0 && (size_t)truncate_to < n)
		n = (size_t)truncate_to;
	im_error err;
	assert_int_equal(im_write_file_atomic(to, d, n, &err), IM_OK);
	free(d);
}

/* A copy of shapes/ in dir, with `broken` (a file name) cut to `cut` bytes
 * or left out (cut < -1: left out). */
static void copy_shapes(const char *dir, const char *broken, long cut)
{
	im_error err;
	assert_int_equal(im_mkdir_p(dir, &err), IM_OK);
	DIR *d = opendir(SHAPES);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char from[1400], to[1400];
		snprintf(from, sizeof from, "%s/%s", SHAPES, e->d_name);
		snprintf(to, sizeof to, "%s/%s", dir, e->d_name);
		int is_broken = broken && strcmp(e->d_name, broken) == 0;
		if (is_broken && cut < -1)
			continue;
		copy_file(from, to, is_broken ? cut : -1);
	}
	closedir(d);
}

static void expect_fail(const im_incident_list *l, const im_render_opts *o, const char *out,
			im_status want, const char *file_has, const char *msg_has)
{
	im_error err;
	im_error_clear(&err);
	char path[1400];
	snprintf(path, sizeof path, "%s/%s", tmpdir, out);
	im_status st = im_render(l, o, path, &err);
	if (st != want)
		fail_msg("%s: got status %d (%s: %s), want %d", out, st, err.file, err.msg, want);
	if (file_has && !strstr(err.file, file_has))
		fail_msg("%s: error file '%s' lacks '%s'", out, err.file, file_has);
	if (msg_has && !strstr(err.msg, msg_has))
		fail_msg("%s: error '%s' lacks '%s'", out, err.msg, msg_has);
	assert_false(im_file_exists(path));
	assert_int_equal(leftovers(tmpdir), 0);
}

static void test_bad_shapes(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	char dir[1200];
	const char *C = "ne10m_generalized_countries";
	char shp[200], dbf[200], shx[200];
	snprintf(shp, sizeof shp, "%s.shp", C);
	snprintf(dbf, sizeof dbf, "%s.dbf", C);
	snprintf(shx, sizeof shx, "%s.shx", C);

	o.shapes_dir = "/nonexistent/shapes";
	expect_fail(&l, &o, "x1.png", IM_E_IO, "/nonexistent/shapes", "missing");

	snprintf(dir, sizeof dir, "%s/shapes-noshp", tmpdir);
	copy_shapes(dir, shp, -2);
	o.shapes_dir = dir;
	expect_fail(&l, &o, "x2.png", IM_E_IO, ".shp", "missing");

	snprintf(dir, sizeof dir, "%s/shapes-nodbf", tmpdir);
	copy_shapes(dir, dbf, -2);
	o.shapes_dir = dir;
	expect_fail(&l, &o, "x3.png", IM_E_IO, ".dbf", "missing");

	snprintf(dir, sizeof dir, "%s/shapes-emptyshp", tmpdir);
	copy_shapes(dir, shp, 0);
	o.shapes_dir = dir;
	expect_fail(&l, &o, "x4.png", IM_E_RENDER, ".shp", "not a readable shapefile");

	snprintf(dir, sizeof dir, "%s/shapes-cutshp", tmpdir);
	copy_shapes(dir, shp, 1500000); /* the header promises more */
	o.shapes_dir = dir;
	expect_fail(&l, &o, "x5.pdf", IM_E_RENDER, ".shp", NULL);

	snprintf(dir, sizeof dir, "%s/shapes-cutdbf", tmpdir);
	copy_shapes(dir, dbf, 20);
	o.shapes_dir = dir;
	expect_fail(&l, &o, "x6.svg", IM_E_RENDER, ".dbf", NULL);

	snprintf(dir, sizeof dir, "%s/shapes-cutshx", tmpdir);
	copy_shapes(dir, shx, 50);
	o.shapes_dir = dir;
	expect_fail(&l, &o, "x7.png", IM_E_RENDER, ".shp", NULL);

	/* Without provinces and disputed borders altogether, still a map. */
	snprintf(dir, sizeof dir, "%s/shapes-countries-only", tmpdir);
	im_error err;
	assert_int_equal(im_mkdir_p(dir, &err), IM_OK);
	const char *exts[] = {".shp", ".shx", ".dbf"};
	for (int i = 0; i < 3; i++) {
		char from[1400], to[1400];
		snprintf(from, sizeof from, "%s/%s%s", SHAPES, C, exts[i]);
		snprintf(to, sizeof to, "%s/%s%s", dir, C, exts[i]);
		copy_file(from, to, -1);
	}
	o.shapes_dir = dir;
	assert_int_equal(im_render(&l, &o, tpath("countries-only.png"), &err), IM_OK);
	im_list_clear(&l);
}

static void test_bad_options(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	o.crs = "EPSG:999999";
	expect_fail(&l, &o, "crs1.png", IM_E_PROJ, NULL, "EPSG:999999");
	o.crs = "+proj=nosuchprojection";
	expect_fail(&l, &o, "crs2.png", IM_E_PROJ, NULL, "nosuchprojection");
	o.crs = "not a crs at all";
	expect_fail(&l, &o, "crs3.pdf", IM_E_PROJ, NULL, NULL);
	o.crs = NULL;

	o.width = 0;
	expect_fail(&l, &o, "w0.png", IM_E_RANGE, NULL, "--width");
	o.width = 20000, o.height = 20000;
	expect_fail(&l, &o, "huge.png", IM_E_TOO_LARGE, NULL, NULL);
	o.width = 20000, o.height = 16, o.dpi = 10;
	expect_fail(&l, &o, "huge.pdf", IM_E_TOO_LARGE, NULL, NULL);
	o.width = 800, o.height = 500, o.dpi = 96;
	o.dpi = 5000;
	expect_fail(&l, &o, "dpi.png", IM_E_RANGE, NULL, "--dpi");
	o.dpi = 96;
	o.paper = "b5";
	expect_fail(&l, &o, "paper.pdf", IM_E_RANGE, NULL, "--paper");
	o.paper = NULL;
	expect_fail(&l, &o, "map.gif", IM_E_USAGE, NULL, "format");

	/* Unwritable output: a folder that does not exist, a file as a folder. */
	im_error err;
	assert_int_equal(im_render(&l, &o, "/nonexistent-dir/map.png", &err), IM_E_IO);
	assert_int_equal(im_write_file_atomic(tpath("plainfile"), "x", 1, &err), IM_OK);
	char p[1400];
	snprintf(p, sizeof p, "%s/plainfile/map.pdf", tmpdir);
	assert_int_equal(im_render(&l, &o, p, &err), IM_E_IO);
	assert_non_null(strstr(err.file, "plainfile/map.pdf"));
	assert_int_equal(leftovers(tmpdir), 0);
	im_list_clear(&l);
}

/* A failed render keeps the previous map whole. */
static void test_failure_keeps_old_file(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	im_error err;
	assert_int_equal(im_render(&l, &o, tpath("keep.png"), &err), IM_OK);
	size_t n1, n2;
	char *a = slurp(tpath("keep.png"), &n1);
	o.crs = "EPSG:999999";
	assert_int_equal(im_render(&l, &o, tpath("keep.png"), &err), IM_E_PROJ);
	char *b = slurp(tpath("keep.png"), &n2);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	im_list_clear(&l);
}

/* Fed one incident at a time, the same map as from a whole list. */
static void test_streaming_same_map(void **state)
{
	(void)state;
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	im_error err;
	assert_int_equal(im_render(&l, &o, tpath("list.png"), &err), IM_OK);
	im_render_job *j;
	assert_int_equal(im_render_begin(&o, &j, &err), IM_OK);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(im_render_add(j, &l.v[i], &err), IM_OK);
	im_list_clear(&l); /* the job keeps its own copy of what it needs */
	assert_int_equal(im_render_finish(j, tpath("stream.png"), &err), IM_OK);
	size_t n1, n2;
	char *a = slurp(tpath("list.png"), &n1), *b = slurp(tpath("stream.png"), &n2);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	/* A job dropped undrawn writes nothing. */
	assert_int_equal(im_render_begin(&o, &j, &err), IM_OK);
	im_render_job_free(j);
	im_render_job_free(NULL);
}

/* The notes count the reports one by one up to a bound, then estimate
 * them (memory stays flat): 20,000 reports counted past a bound of 100
 * give "about 20,000" within 3%, said as an estimate; under the bound,
 * the exact number. */
static void sources_of(size_t n, size_t exact, im_render_info *info)
{
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_HEX;
	im_error err;
	im_render_job *j;
	assert_int_equal(im_render_begin(&o, &j, &err), IM_OK);
	im_render_job_sources_exact(j, exact);
	im_incident inc;
	im_incident_init(&inc);
	inc.has_point = 1;
	inc.lon = 44.4, inc.lat = 33.3;
	for (size_t i = 0; i < n; i++) {
		char url[64];
		snprintf(url, sizeof url, "https://example.org/r/%zu", i);
		im_source s = {0};
		s.url = url;
		assert_int_equal(im_incident_add_source(&inc, &s), IM_OK);
		assert_int_equal(im_render_add(j, &inc, &err), IM_OK);
		im_incident_clear(&inc);
		im_incident_init(&inc);
		inc.has_point = 1;
		inc.lon = 44.4, inc.lat = 33.3;
	}
	im_incident_clear(&inc);
	if (im_render_job_run(j, tpath("sources.png"), info, &err))
		fail_msg("%s", err.msg);
	im_render_job_free(j);
}

static void test_sources_estimated(void **state)
{
	(void)state;
	im_render_info info;
	sources_of(20000, 100, &info);
	assert_true(info.sources_about);
	assert_in_range(info.sources, 19400, 20600);
	im_render_info_free(&info);
	sources_of(3000, 100000, &info);
	assert_false(info.sources_about);
	assert_int_equal(info.sources, 3000);
	im_render_info_free(&info);
}

static void test_numbers(void **state)
{
	(void)state;
	char b[32];
	assert_string_equal(rnum(0, b), "0");
	assert_string_equal(rnum(999, b), "999");
	assert_string_equal(rnum(1000, b), "1,000");
	assert_string_equal(rnum(1250000, b), "1,250,000");
	assert_string_equal(rnum(-12345, b), "-12,345");
	rfigures(5, 12, b, sizeof b);
	assert_string_equal(b, "5 killed, 12 injured");
	rfigures(0, 0, b, sizeof b);
	assert_string_equal(b, "no casualties");
	rfigures(0, -1, b, sizeof b);
	assert_string_equal(b, "no deaths");
	rfigures(-1, 3, b, sizeof b);
	assert_string_equal(b, "3 injured");
	rfigures(-1, -1, b, sizeof b);
	assert_string_equal(b, "");
	rfigures(1200, 0, b, sizeof b);
	assert_string_equal(b, "1,200 killed");
	rdate_range((im_date){2024, 3, 12}, (im_date){2024, 3, 12}, b, sizeof b);
	assert_string_equal(b, "12 Mar 2024");
	rdate_range((im_date){2024, 3, 3}, (im_date){2024, 3, 12}, b, sizeof b);
	assert_string_equal(b, "3\u201312 Mar 2024");
	rdate_range((im_date){2023, 12, 30}, (im_date){2024, 1, 2}, b, sizeof b);
	assert_string_equal(b, "30 Dec 2023 \u2013 2 Jan 2024");
	rdate_range((im_date){0, 0, 0}, (im_date){0, 0, 0}, b, sizeof b);
	assert_string_equal(b, "date unknown");
}

/* Place names as the map shows them. */
static void test_display_names(void **state)
{
	(void)state;
	static const char *cases[][2] = {
		{"Basra", "Basra"},
		{"Ar\u0101k", "Arak"},
		{"Or\u016bm\u012byeh", "Orumiyeh"},
		{"\u1e28alab", "Halab"},
		{"Diyarbak\u0131r", "Diyarbakir"},
		{"Ra\u2019s al \u2018Ayn", "Ras al Ayn"},
		{"Ba\u02bfq\u016bbah", "Baqubah"},
		{"Al A\u1e29mad\u012b", "Al Ahmadi"},
		{"\u0643\u0631\u0643\u0648\u0643", "\u0643\u0631\u0643\u0648\u0643"}, /* Arabic: as it is */
		{"M\u00fcnchen", "Munchen"},
		{"Ibn al-Haytham\u2019", "Ibn al-Haytham\u2019"},
	};
	char out[64];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = rdisplay_name(cases[i][0], strlen(cases[i][0]), out, sizeof out);
		assert_string_equal(out, cases[i][1]);
		assert_int_equal(n, strlen(cases[i][1]));
	}
	/* Cut to the room given, never inside a character. */
	const char *ar = "\u0643\u0631\u0643\u0648\u0643";
	size_t n = rdisplay_name(ar, strlen(ar), out, 6);
	assert_int_equal(n, 4);
	assert_memory_equal(out, ar, 4);
	n = rdisplay_name("Ar\u0101k Ar\u0101k", strlen("Ar\u0101k Ar\u0101k"), out, 6);
	assert_string_equal(out, "Arak ");
	assert_int_equal(n, 5);
	/* Not UTF-8: as it is (the label code makes it valid). */
	n = rdisplay_name("A\xff" "B", 3, out, sizeof out);
	assert_string_equal(out, "A\xff" "B");
}

static void test_build_index(void **state)
{
	(void)state;
	char dir[1200];
	snprintf(dir, sizeof dir, "%s/shapes-reindex", tmpdir);
	copy_shapes(dir, NULL, -1);
	char qix[1400];
	snprintf(qix, sizeof qix, "%s/ne10m_generalized_countries.qix", dir);
	unlink(qix);
	im_error err;
	/* Without the index the map is the same, only slower to make. */
	im_incident_list l = {0};
	examples(&l);
	im_render_opts o;
	opts(&o);
	o.shapes_dir = dir;
	assert_int_equal(im_render(&l, &o, tpath("noqix.png"), &err), IM_OK);
	assert_int_equal(im_render_build_index(dir, &err), IM_OK);
	assert_true(im_file_exists(qix));
	assert_int_equal(leftovers(dir), 0);
	assert_int_equal(im_render(&l, &o, tpath("qix.png"), &err), IM_OK);
	size_t n1, n2;
	char *a = slurp(tpath("noqix.png"), &n1), *b = slurp(tpath("qix.png"), &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	im_list_clear(&l);
}

/* The incidents read back and projected, and the hidden symbols found,
 * in threads of their own give the map that doing it all in the map's
 * thread gives: 40,000 incidents at 8,000 places (enough for both
 * threads) held in memory, and kept in the job's file and read back in
 * chunks that do not divide the reading thread's slots. */
static void thread_job(const im_incident_list *l, int one_thread, size_t chunk, const char *out,
		       im_render_info *info)
{
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_CLUSTERS;
	o.timeline = 1;
	im_error err;
	im_render_job *j;
	assert_int_equal(im_render_begin(&o, &j, &err), IM_OK);
	if (one_thread)
		im_render_job_one_thread(j);
	if (chunk)
		im_render_job_spill_at(j, 1000, chunk);
	for (size_t i = 0; i < l->n; i++)
		assert_int_equal(im_render_add(j, &l->v[i], &err), IM_OK);
	if (im_render_job_run(j, tpath(out), info, &err))
		fail_msg("%s", err.msg);
	im_render_job_free(j);
}

static void test_read_ahead_same_map(void **state)
{
	(void)state;
	static const char *const types[] = {"Battles", "Protests", "Riots",
					    "Violence against civilians"};
	im_incident_list l = {0};
	for (int i = 0; i < 40000; i++) {
		char id[16], date[16];
		snprintf(id, sizeof id, "t%d", i);
		snprintf(date, sizeof date, "2024-%02d-%02d", 1 + i % 12, 1 + i % 28);
		/* 8,000 places over Iraq, most with several incidents */
		add(&l, id, 39 + (i % 100) * 0.08, 29.5 + (i / 100 % 80) * 0.09, types[i % 4],
		    "Somewhere", "IQ", i % 7, -1, 1, date);
	}
	im_render_info a, b, c;
	thread_job(&l, 1, 0, "ahead-one.png", &a);
	thread_job(&l, 0, 0, "ahead-mem.png", &b);
	thread_job(&l, 0, 777, "ahead-file.png", &c);
	assert_true(a.n_marks > 4000);
	assert_true(a.n_hidden > 0);
	assert_int_equal(a.n_marks, b.n_marks);
	assert_int_equal(a.n_marks, c.n_marks);
	assert_int_equal(a.n_hidden, b.n_hidden);
	assert_int_equal(a.n_hidden, c.n_hidden);
	const char *more[] = {"ahead-mem.png", "ahead-file.png"};
	size_t n1, n2;
	char *x = slurp(tpath("ahead-one.png"), &n1);
	assert_non_null(x);
	for (int k = 0; k < 2; k++) {
		char *y = slurp(tpath(more[k]), &n2);
		assert_non_null(y);
		assert_int_equal(n1, n2);
		assert_memory_equal(x, y, n1);
		free(y);
	}
	free(x);
	im_render_info_free(&a);
	im_render_info_free(&b);
	im_render_info_free(&c);
	im_list_clear(&l);
}

/* The collision index: boxes added all at once (a map's symbols) answer
 * every question as the same boxes added one at a time, before and after
 * more are added one by one (labels) and when a second block comes. */
static im_rbox some_box(unsigned *seed, double span)
{
	double x = rand_r(seed) % 10000 / 10.0 - 50, y = rand_r(seed) % 8000 / 10.0 - 50;
	double w = (1 + rand_r(seed) % 1000) / 1000.0 * span;
	double h = (1 + rand_r(seed) % 1000) / 1000.0 * span;
	im_rbox b = {x, y, x + w, y + h};
	return b;
}

static void coll_agree(const rcoll *a, const rcoll *b, unsigned *seed)
{
	assert_int_equal(a->n, b->n);
	for (int q = 0; q < 3000; q++) {
		im_rbox t = some_box(seed, 40);
		size_t skip = (size_t)rand_r(seed) % (a->n + 1);
		assert_int_equal(rcoll_hits(a, t), rcoll_hits(b, t));
		assert_int_equal(rcoll_hits_except(a, t, skip), rcoll_hits_except(b, t, skip));
	}
}

static void test_coll_all_at_once(void **state)
{
	(void)state;
	unsigned seed = 7;
	im_rbox area = {0, 0, 900, 700}, boxes[2000];
	rcoll one, all;
	assert_int_equal(rcoll_init(&one, area, 3), IM_OK);
	assert_int_equal(rcoll_init(&all, area, 3), IM_OK);
	for (size_t i = 0; i < 2000; i++)
		boxes[i] = some_box(&seed, i % 50 ? 6 : 120); /* some over many cells, some off the area */
	assert_int_equal(rcoll_add(&one, boxes[0]), IM_OK);
	assert_int_equal(rcoll_add(&all, boxes[0]), IM_OK);
	for (size_t i = 1; i < 1500; i++)
		assert_int_equal(rcoll_add(&one, boxes[i]), IM_OK);
	assert_int_equal(rcoll_add_all(&all, boxes + 1, 1499), IM_OK);
	assert_non_null(all.bulk_at);
	coll_agree(&one, &all, &seed);
	int hit = 0;
	for (size_t i = 0; i < 1500; i++)
		hit += rcoll_hits(&all, boxes[i]);
	assert_int_equal(hit, 1500); /* every box hits itself */
	for (size_t i = 1500; i < 1800; i++) {
		assert_int_equal(rcoll_add(&one, boxes[i]), IM_OK);
		assert_int_equal(rcoll_add(&all, boxes[i]), IM_OK);
	}
	for (size_t i = 1800; i < 2000; i++)
		assert_int_equal(rcoll_add(&one, boxes[i]), IM_OK);
	assert_int_equal(rcoll_add_all(&all, boxes + 1800, 200), IM_OK); /* a second block */
	coll_agree(&one, &all, &seed);
	assert_int_equal(rcoll_add_all(&all, NULL, 0), IM_OK);
	assert_int_equal(all.n, 2000);
	rcoll_free(&one);
	rcoll_free(&all);
	rcoll none;
	assert_int_equal(rcoll_init(&none, area, 3), IM_OK);
	assert_int_equal(rcoll_add_all(&none, NULL, 0), IM_OK); /* an empty map */
	assert_false(rcoll_hits(&none, area));
	rcoll_free(&none);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/render-unit-%d", INCIMAP_TEST_TMP, (int)getpid());
	im_error err;
	if (im_mkdir_p(tmpdir, &err)) {
		im_error_print(&err, stderr);
		return 1;
	}
	if (im_gaz_open(INCIMAP_SOURCE_DIR "/gazetteer", &gaz, &err)) {
		fprintf(stderr, "(no reference cities in these maps: %s)\n", err.msg);
		gaz = NULL;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_style_table),
		cmocka_unit_test(test_png_same_pixels),
		cmocka_unit_test(test_pdf_svg_same_bytes),
		cmocka_unit_test(test_symbols_at_projected_points),
		cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_arabic_shaping),
		cmocka_unit_test(test_300_labels_no_overlap),
		cmocka_unit_test(test_labels_hug_symbols),
		cmocka_unit_test(test_reference_cities),
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_arabic_title),
		cmocka_unit_test(test_province_by_admin1),
		cmocka_unit_test(test_one_incident_min_extent),
		cmocka_unit_test(test_antimeridian),
		cmocka_unit_test(test_poles_and_edges),
		cmocka_unit_test(test_bbox_and_crs),
		cmocka_unit_test(test_no_incidents),
		cmocka_unit_test(test_auto_names_city),
		cmocka_unit_test(test_font_fallback),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_bad_shapes),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_failure_keeps_old_file),
		cmocka_unit_test(test_display_names),
		cmocka_unit_test(test_sources_estimated),
		cmocka_unit_test(test_build_index),
		cmocka_unit_test(test_streaming_same_map),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_coll_all_at_once),
		cmocka_unit_test(test_read_ahead_same_map),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	im_gaz_free(gaz);
	if (rc == 0 && !getenv("INCIMAP_KEEP_TMP")) {
		char cmd[1200];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
	return rc;
}
