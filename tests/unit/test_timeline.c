/* test_timeline.c: periods (days, ISO weeks, months) and the timeline
 * chart: its bins, its bad inputs, and its pixels against a golden image. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include "core/fsutil.h"
#include "core/im.h"
#include "model/incident.h"
#include "model/period.h"
#include "render/render.h"
#include "style/style.h"
#include "golden.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIXTURES INCIMAP_SOURCE_DIR "/tests/fixtures/render"

static im_date D(const char *s)
{
	im_date d;
	assert_true(im_date_parse_iso(s, strlen(s), &d));
	return d;
}

/* ---- periods ---------------------------------------------------------------- */

static void test_iso_weeks(void **state)
{
	(void)state;
	static const struct {
		const char *day;
		int year, week;
		const char *monday;
	} cases[] = {
	    {"2024-01-01", 2024, 1, "2024-01-01"},  /* a Monday */
	    {"2024-12-30", 2025, 1, "2024-12-30"},  /* week 1 of the next year */
	    {"2021-01-03", 2020, 53, "2020-12-28"}, /* a Sunday in 2020's week 53 */
	    {"2026-12-31", 2026, 53, "2026-12-28"},
	    {"1969-12-31", 1970, 1, "1969-12-29"},  /* before day 0 */
	    {"2024-03-17", 2024, 11, "2024-03-11"}, /* a Sunday: the week before */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		long k = im_period_of(IM_PERIOD_WEEK, D(cases[i].day));
		int y, w;
		im_period_iso_week(k, &y, &w);
		assert_int_equal(y, cases[i].year);
		assert_int_equal(w, cases[i].week);
		im_date a, b;
		im_period_range(IM_PERIOD_WEEK, k, &a, &b);
		char buf[11];
		im_date_format(a, buf);
		assert_string_equal(buf, cases[i].monday);
		assert_int_equal(im_date_weekday(a), 0);
		assert_int_equal(im_date_to_days(b) - im_date_to_days(a), 6);
	}
	/* consecutive weeks, consecutive numbers */
	assert_int_equal(im_period_of(IM_PERIOD_WEEK, D("2024-03-18")) -
	                     im_period_of(IM_PERIOD_WEEK, D("2024-03-17")),
	                 1);
}

static void test_period_names(void **state)
{
	(void)state;
	char buf[80];
	im_period_title(IM_PERIOD_WEEK, im_period_of(IM_PERIOD_WEEK, D("2024-03-12")), buf,
	                sizeof buf);
	assert_string_equal(buf, "Week 11, 2024 (11\u201317 Mar)");
	im_period_title(IM_PERIOD_WEEK, im_period_of(IM_PERIOD_WEEK, D("2024-04-30")), buf,
	                sizeof buf);
	assert_string_equal(buf, "Week 18, 2024 (29 Apr \u2013 5 May)");
	im_period_title(IM_PERIOD_MONTH, im_period_of(IM_PERIOD_MONTH, D("2024-02-29")), buf,
	                sizeof buf);
	assert_string_equal(buf, "February 2024");
	im_date a, b;
	im_period_range(IM_PERIOD_MONTH, im_period_of(IM_PERIOD_MONTH, D("2024-02-10")), &a, &b);
	assert_int_equal(b.d, 29);
	im_period_title(IM_PERIOD_DAY, im_period_of(IM_PERIOD_DAY, D("2024-02-29")), buf,
	                sizeof buf);
	assert_string_equal(buf, "29 Feb 2024");
	assert_int_equal(im_period_parse("Week", 0), IM_PERIOD_WEEK);
	assert_int_equal(im_period_parse("auto", 0), -1);
	assert_int_equal(im_period_parse("auto", 1), IM_PERIOD_AUTO);
	assert_int_equal(im_period_parse("fortnight", 1), -1);
	/* auto: the finest period with at most 62 bars */
	assert_int_equal(im_period_auto(D("2024-01-01"), D("2024-03-01"), 62), IM_PERIOD_DAY);
	assert_int_equal(im_period_auto(D("2024-01-01"), D("2024-08-01"), 62), IM_PERIOD_WEEK);
	assert_int_equal(im_period_auto(D("2020-01-01"), D("2024-08-01"), 62), IM_PERIOD_MONTH);
}

/* ---- the chart -------------------------------------------------------------- */

static void add(im_timeline *t, const char *type, int fat, const char *date)
{
	im_incident inc;
	im_incident_init(&inc);
	im_set_str(&inc.event_type, type);
	inc.fatalities = fat;
	if (date)
		inc.event_date = D(date);
	im_error err;
	assert_int_equal(im_timeline_add(t, &inc, &err), IM_OK);
	im_incident_clear(&inc);
}

/* Eight months of incidents: a few types, a quiet month, one undated. */
static im_timeline *fixture(void)
{
	im_timeline *t;
	im_error err;
	assert_int_equal(im_timeline_new(&t, &err), IM_OK);
	static const char *types[] = {"Explosions/Remote violence", "Battles",
	                              "Violence against civilians", "Protests"};
	for (int i = 0; i < 60; i++) {
		char d[11];
		int m = 1 + i * 7 / 60, day = 1 + (i * 11) % 28;
		if (m == 4)
			continue; /* April without incidents: an empty stretch */
		snprintf(d, sizeof d, "2024-%02d-%02d", m, day);
		add(t, types[(i * 5 + i / 7) % 4], (i * 13) % 9 - 1, d);
	}
	add(t, "Battles", 84, "2024-01-03");
	add(t, "Riots", 0, NULL);
	return t;
}

/* The chart on a white A5-landscape image at 150 dpi, written to path. */
static void draw_png(const im_timeline *t, im_period p, const char *path)
{
	double u = 150 / 25.4;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1240, 700);
	cairo_t *cr = cairo_create(sf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	im_timeline_opts o = {p, u, 1, 1};
	im_error err;
	im_status st = im_timeline_draw(cr, 5 * u, 5 * u, 1240 - 10 * u, 700 - 10 * u, t, &o, &err);
	if (st)
		fail_msg("%s", err.msg);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(sf, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(sf);
}

/* Pixel-exact against the golden image checked by eye (INCIMAP_UPDATE_REFS=1
 * rewrites it): the chart uses the map's own fonts, unhinted, so its
 * pixels depend on nothing but the input, cairo and the fonts. */
static void golden(const im_timeline *t, im_period p, const char *name)
{
	char ref[1200];
	snprintf(ref, sizeof ref, "%s/%s", FIXTURES, name);
	draw_png(t, p, tpath(name));
	golden_check(tpath(name), ref);
}

static void test_golden_week(void **state)
{
	(void)state;
	im_timeline *t = fixture();
	assert_int_equal(im_timeline_period(t, IM_PERIOD_AUTO), IM_PERIOD_WEEK);
	size_t undated;
	assert_int_equal(im_timeline_count(t, &undated), 53);
	assert_int_equal(undated, 1);
	golden(t, IM_PERIOD_AUTO, "timeline-week.png");
	/* the same chart twice: the same pixels */
	draw_png(t, IM_PERIOD_AUTO, tpath("again.png"));
	assert_int_equal(differing_pixels(tpath("again.png"), tpath("timeline-week.png")), 0);
	im_timeline_free(t);
}

static void test_golden_month(void **state)
{
	(void)state;
	im_timeline *t = fixture();
	golden(t, IM_PERIOD_MONTH, "timeline-month.png");
	im_timeline_free(t);
}

/* The chart's text is text in a PDF: pdftotext finds the headings, the
 * totals and the note on undated incidents. */
static void test_pdf_text(void **state)
{
	(void)state;
	if (system("command -v pdftotext >/dev/null 2>&1") != 0)
		skip();
	im_timeline *t = fixture();
	const char *pdf = tpath("tl.pdf");
	cairo_surface_t *sf = cairo_pdf_surface_create(pdf, 595, 420);
	cairo_t *cr = cairo_create(sf);
	im_timeline_opts o = {IM_PERIOD_MONTH, 72 / 25.4, 1, 1};
	im_error err;
	assert_int_equal(im_timeline_draw(cr, 20, 20, 555, 380, t, &o, &err), IM_OK);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	assert_int_equal(cairo_surface_status(sf), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(sf);
	char cmd[2600];
	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' '%s'", pdf, tpath("tl.txt"));
	assert_int_equal(system(cmd), 0);
	char *txt;
	size_t n;
	assert_int_equal(im_read_file(tpath("tl.txt"), 0, &txt, &n, &err), IM_OK);
	assert_non_null(strstr(txt, "Incidents per month (52)"));
	assert_non_null(strstr(txt, "Fatalities per month"));
	assert_non_null(strstr(txt, "Battles ("));
	assert_non_null(strstr(txt, "1 undated incident not shown"));
	assert_non_null(strstr(txt, "Jan 2024"));
	assert_non_null(strstr(txt, "Apr")); /* the empty month has its place */
	assert_null(strstr(txt, "Riots"));   /* only undated: not in the chart */
	free(txt);
	im_timeline_free(t);
}

/* Bad input: a box too small, no scale, too many bars, a broken context;
 * and a timeline of nothing says so. */
static void test_bad_inputs(void **state)
{
	(void)state;
	im_timeline *t = fixture();
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
	cairo_t *cr = cairo_create(sf);
	im_error err;
	im_timeline_opts o = {IM_PERIOD_DAY, 0, 1, 1};
	assert_int_equal(im_timeline_draw(cr, 0, 0, 400, 300, t, &o, &err), IM_E_RANGE);
	o.units_per_mm = 150 / 25.4;
	assert_int_equal(im_timeline_draw(cr, 0, 0, 100, 300, t, &o, &err), IM_E_RANGE);
	assert_non_null(strstr(err.msg, "40 x 25 mm"));
	/* four thousand days, one bar each: refused, with advice */
	add(t, "Battles", 1, "2013-01-01");
	o.units_per_mm = 400 / 25.4 / 4; /* 400 px is 100 mm */
	assert_int_equal(im_timeline_draw(cr, 0, 0, 400, 300, t, &o, &err), IM_E_TOO_LARGE);
	assert_non_null(strstr(err.msg, "days"));
	o.period = IM_PERIOD_AUTO; /* months then */
	assert_int_equal(im_timeline_draw(cr, 0, 0, 400, 300, t, &o, &err), IM_OK);
	im_timeline_free(t);
	/* nothing dated */
	assert_int_equal(im_timeline_new(&t, &err), IM_OK);
	add(t, "Battles", 1, NULL);
	assert_int_equal(im_timeline_draw(cr, 0, 0, 400, 300, t, &o, &err), IM_OK);
	im_timeline_free(t);
	im_timeline_free(NULL);
	cairo_destroy(cr);
	/* a context in error is reported, not drawn on */
	cairo_surface_t *bad = cairo_image_surface_create(CAIRO_FORMAT_RGB24, -1, -1);
	cr = cairo_create(bad);
	assert_int_equal(im_timeline_draw(cr, 0, 0, 400, 300, t = fixture(), &o, &err),
	                 IM_E_RENDER);
	im_timeline_free(t);
	cairo_destroy(cr);
	cairo_surface_destroy(bad);
	cairo_surface_destroy(sf);
}

static int setup(void **state)
{
	(void)state;
	return golden_tmp_make("timeline");
}

static int teardown(void **state)
{
	(void)state;
	return golden_tmp_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_iso_weeks),   cmocka_unit_test(test_period_names),
	    cmocka_unit_test(test_golden_week), cmocka_unit_test(test_golden_month),
	    cmocka_unit_test(test_pdf_text),    cmocka_unit_test(test_bad_inputs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
