/* test_golden.c: golden images of the map, one per way of drawing it:
 * each aggregation mode, the timeline under the map, small multiples by
 * week. Pixel-exact: the same input draws the same pixels with the map's
 * own fonts (unhinted) and the shipped shapes. INCIMAP_UPDATE_REFS=1
 * rewrites the references, to be checked by eye before they are kept. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka.h needs the three above first */
#include <cmocka.h>

#include "core/fsutil.h"
#include "core/im.h"
#include "io/io.h"
#include "model/incident.h"
#include "render/render_int.h"
#include "golden.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SHAPES INCIMAP_SOURCE_DIR "/shapes"
#define FIXTURES INCIMAP_SOURCE_DIR "/tests/fixtures/render"

static im_incident_list weeks; /* six weeks in Iraq (weeks.geojson) */
/* 28 incidents: 19 at twelve districts of Baghdad, a few km apart, and
 * one at each of nine places far apart over Iraq (crowded.geojson) */
static im_incident_list crowded;

/* Small maps keep the references small: 800 x 500 pixels at 75 dpi is the
 * layout of the default map at half its resolution. */
static void opts(im_render_opts *o)
{
	im_render_opts_init(o);
	o->shapes_dir = SHAPES;
	o->width = 800;
	o->height = 500;
	o->dpi = 75;
	o->quiet = 1;
}

/* Fails unless the image OUT of the scratch folder has the pixels of the
 * reference golden-NAME. */
static void same_as_golden(const char *out, const char *name)
{
	char ref[1200];
	snprintf(ref, sizeof ref, "%s/golden-%s", FIXTURES, name);
	golden_check(tpath(out), ref);
}

/* Renders l with o into NAME and compares it with the reference of that
 * name; info (may be NULL) gets the render's record. */
static void golden_of(const im_incident_list *l, const im_render_opts *o, const char *name,
		      im_render_info *info)
{
	im_error err;
	if (im_render_run(l, o, tpath(name), info, &err))
		fail_msg("%s: %s", name, err.msg);
	same_as_golden(name, name);
}

/* The same of the six weeks' fixture. */
static void golden(const im_render_opts *o, const char *name, im_render_info *info)
{
	golden_of(&weeks, o, name, info);
}

/* auto keeps the scattered places as single symbols and merges only
 * Baghdad's districts, whose symbols would overlap, into one ring; every
 * incident is in some symbol. */
static void test_auto_crowded(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_AUTO;
	im_render_info info;
	golden_of(&crowded, &o, "auto.png", &info);
	assert_int_equal(info.n_hex, 0);
	assert_int_equal(info.n_merged, 1);
	assert_int_equal(info.n_marks, 10); /* Baghdad and the nine others */
	assert_int_equal(info.n_in_marks, 28);
	assert_string_equal(info.merged_name, "Sadr City and 11 more places (19 incidents)");
	assert_non_null(strstr(info.title, "Iraq"));
	/* no two symbols left crowded: discs overlap by at most half */
	for (size_t i = 0; i < info.n_marks; i++)
		for (size_t j = i + 1; j < info.n_marks; j++) {
			im_rbox a = info.symbols[i], b = info.symbols[j];
			double d = hypot((a.x0 + a.x1 - b.x0 - b.x1) / 2,
					 (a.y0 + a.y1 - b.y0 - b.y1) / 2);
			assert_true(rdisc_overlap(info.symbol_d[i], info.symbol_d[j], d) <=
				    RCROWD_SHARE);
		}
	im_render_info_free(&info);

	/* clusters: a symbol per place, the districts hiding each other */
	o.aggregate = IM_AGG_CLUSTERS;
	im_error err;
	if (im_render_run(&crowded, &o, tpath("crowded-clusters.png"), &info, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(info.n_marks, 21);
	assert_int_equal(info.n_merged, 0);
	assert_int_equal(info.n_in_marks, 28);
	im_render_info_free(&info);

	/* --by: auto merges the crowded districts within each week's panel */
	o.aggregate = IM_AGG_AUTO;
	o.by = IM_PERIOD_WEEK;
	if (im_render_run(&crowded, &o, tpath("crowded-weeks.png"), &info, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(info.n_panels, 4);
	assert_int_equal(info.n_merged, 3); /* weeks 18, 19 and 20 */
	assert_int_equal(info.n_hex, 0);
	im_render_info_free(&info);
}

/* The share of the smaller disc the larger covers. */
static void test_disc_overlap(void **state)
{
	(void)state;
	assert_true(rdisc_overlap(2, 2, 2) == 0);    /* touching */
	assert_true(rdisc_overlap(2, 2, 3) == 0);    /* apart */
	assert_true(rdisc_overlap(2, 6, 1) == 1);    /* inside */
	assert_true(rdisc_overlap(2, 2, 0) == 1);    /* one on the other */
	/* two unit discs, centres 1 apart: 2 pi / 3 - sqrt 3 / 2 of pi */
	double lens = 2 * M_PI / 3 - sqrt(3) / 2;
	assert_true(fabs(rdisc_overlap(2, 2, 1) - lens / M_PI) < 1e-9);
	/* symmetric, and falling as they part */
	assert_true(fabs(rdisc_overlap(2, 5, 2.5) - rdisc_overlap(5, 2, 2.5)) < 1e-12);
	assert_true(rdisc_overlap(2, 5, 2.5) > rdisc_overlap(2, 5, 3));
}

static void test_clusters(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_CLUSTERS;
	im_render_info info;
	golden(&o, "clusters.png", &info);
	assert_true(info.n_clusters > 0);
	assert_int_equal(info.n_hex, 0);
	im_render_info_free(&info);
}

static void test_hex(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_HEX;
	o.size_by = IM_SIZE_BY_FATALITIES;
	im_render_info info;
	golden(&o, "hex.png", &info);
	assert_true(info.n_hex > 0);
	assert_int_equal(info.n_marks, 0);
	im_render_info_free(&info);
}

static void test_none(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_NONE;
	im_render_info info;
	golden(&o, "none.png", &info);
	assert_int_equal(info.n_marks, weeks.n); /* a symbol for each */
	assert_int_equal(info.n_clusters, 0);
	im_render_info_free(&info);
}

static void test_timeline(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.timeline = 1;
	o.timeline_period = IM_PERIOD_WEEK;
	im_render_info info;
	golden(&o, "timeline.png", &info);
	/* the map gave the timeline its strip */
	assert_true(info.frame.y1 < info.page_h * 0.75);
	im_render_info_free(&info);
}

static void test_by_week(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.by = IM_PERIOD_WEEK;
	im_render_info info;
	golden(&o, "by-week.png", &info);
	assert_int_equal(info.n_panels, 6); /* weeks 10 to 15, the empty 12th too */
	im_render_info_free(&info);
}

static void test_admin1(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_ADMIN1;
	im_render_info info;
	golden(&o, "admin1.png", &info);
	assert_true(info.n_admin1 >= 8);
	assert_int_equal(info.n_marks, 0);
	/* the "Desert road" has no province; without a gazetteer, Nineveh
	 * is no name of Natural Earth's Ninawa (4 incidents): both said */
	assert_int_equal(info.n_admin1_out, 5);
	/* the figure on every shaded province that has room for it: at
	 * this size, all but the smallest */
	assert_true(info.n_admin1_labels >= info.n_admin1 - 2);
	assert_true(info.n_admin1_labels <= info.n_admin1);
	size_t figures = 0;
	for (size_t i = 0; i < info.n_labels; i++) {
		if (info.label_kind[i] != IM_RLABEL_COUNT)
			continue;
		figures++;
		for (size_t j = 0; j < info.n_labels; j++)
			assert_true(i == j || !rbox_overlap(info.labels[i], info.labels[j]));
	}
	assert_int_equal(figures, info.n_admin1_labels);
	/* "Anbar" (the gazetteer's) is Natural Earth's Al-Anbar: Ramadi and
	 * Fallujah, 4 incidents each */
	assert_non_null(strstr(info.shaded, "Al-Anbar=8"));
	assert_null(strstr(info.shaded, "Ninawa"));
	im_render_info_free(&info);
}

/* Zoomed out to the region, Baghdad's province has no room for its
 * figure: it goes beside it, outside, with a leader line from a dot in
 * the province; every shaded province has its figure, none overlapping. */
static void test_admin1_beside(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_ADMIN1;
	o.has_bbox = 1;
	o.bbox[0] = 34, o.bbox[1] = 26, o.bbox[2] = 54, o.bbox[3] = 40;
	im_render_info info;
	golden(&o, "admin1-beside.png", &info);
	assert_true(info.n_admin1 >= 8);
	assert_int_equal(info.n_admin1_labels, info.n_admin1);
	assert_int_equal(info.n_admin1_outside, 1);
	for (size_t i = 0; i < info.n_labels; i++)
		for (size_t j = i + 1; j < info.n_labels; j++)
			assert_false(rbox_overlap(info.labels[i], info.labels[j]));
	im_render_info_free(&info);
}

static void add(im_incident_list *l, const char *id, double lon, double lat, const char *admin1,
		int fat)
{
	im_incident inc;
	im_incident_init(&inc);
	im_set_str(&inc.id, id);
	inc.has_point = 1;
	inc.lon = lon;
	inc.lat = lat;
	im_set_str(&inc.event_type, "Battles");
	im_set_str(&inc.country, "IQ");
	im_set_str(&inc.admin1, admin1);
	inc.fatalities = fat;
	assert_true(im_date_parse_iso("2024-03-12", 10, &inc.event_date));
	assert_int_equal(im_list_push(l, &inc), IM_OK);
}

/* The province is the one the incident's admin1 names, never the shape
 * under its point: a Baghdad incident whose point falls in Diyala shades
 * Baghdad. Incidents without a province, or with one no shape bears, are
 * counted apart, and the shade tells fatalities when asked. */
static void test_admin1_by_name(void **state)
{
	(void)state;
	im_incident_list l = {0};
	add(&l, "a", 44.62, 33.76, "Baghdad", 3); /* the point is in Diyala */
	add(&l, "b", 44.40, 33.34, "Baghdad", 2);
	add(&l, "c", 47.78, 30.51, "Basra", 0);
	add(&l, "d", 43.30, 33.42, "Atlantis", 1);
	add(&l, "e", 43.10, 36.33, NULL, 9);
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_ADMIN1;
	o.size_by = IM_SIZE_BY_FATALITIES;
	im_render_info info;
	im_error err;
	if (im_render_run(&l, &o, tpath("byname.png"), &info, &err))
		fail_msg("%s", err.msg);
	assert_string_equal(info.shaded, "Al-Basrah=0,Baghdad=5");
	assert_int_equal(info.n_admin1, 2);
	assert_int_equal(info.n_admin1_out, 2);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* --by without a dated incident (or with none at all) draws the one map,
 * not a panel for 1970; --by-pages then a one-page PDF. */
static void test_by_undated(void **state)
{
	(void)state;
	im_incident_list l = {0};
	add(&l, "u", 44.40, 33.34, "Baghdad", 1);
	l.v[0].event_date.y = 0;
	im_render_opts o;
	opts(&o);
	o.by = IM_PERIOD_WEEK;
	im_render_info info;
	im_error err;
	for (int empty = 0; empty < 2; empty++) {
		if (im_render_run(empty ? NULL : &l, &o, tpath("undated.png"), &info, &err))
			fail_msg("%s", err.msg);
		assert_int_equal(info.n_panels, 0);
		assert_int_equal(info.n_marks, empty ? 0 : 1);
		assert_null(strstr(info.title, "1970"));
		im_render_info_free(&info);
	}
	o.by_pages = 1;
	if (im_render_run(&l, &o, tpath("undated.pdf"), &info, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(info.n_panels, 0);
	im_render_info_free(&info);
	im_list_clear(&l);
}

/* --by refuses more maps than a page holds, and says what to do. */
static void test_by_cap(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.by = IM_PERIOD_DAY;
	im_error err;
	assert_int_equal(im_render_run(&weeks, &o, tpath("days.png"), NULL, &err), IM_E_TOO_LARGE);
	assert_non_null(strstr(err.msg, "--by day gives 40 maps"));
	assert_false(im_file_exists(tpath("days.png")));
}

/* Renders weeks with o into name through a job that moves its records to
 * a temporary file after spill_at of them and reads them back chunk at a
 * time (spill_at 0: the job's own default, all held here). */
static void run_job(const im_render_opts *o, size_t spill_at, size_t chunk, const char *name,
		    im_render_info *info)
{
	im_error err;
	im_render_job *j;
	assert_int_equal(im_render_begin(o, &j, &err), IM_OK);
	if (spill_at)
		im_render_job_spill_at(j, spill_at, chunk);
	for (size_t i = 0; i < weeks.n; i++)
		assert_int_equal(im_render_add(j, &weeks.v[i], &err), IM_OK);
	assert_true(j->stream);
	assert_true(spill_at ? j->spill != NULL : j->spill == NULL);
	if (im_render_job_run(j, tpath(name), info, &err))
		fail_msg("%s: %s", name, err.msg);
	im_render_job_free(j);
}

/* Hexagons and provinces bin the incidents a chunk at a time, and past a
 * number of them keep them in a temporary file: the map is the same
 * pixel for pixel as the golden one made from the incidents in memory,
 * whatever the chunks' size (one incident; a few, not dividing 48), with
 * --bbox, and with the timeline under it. */
static void test_streamed(void **state)
{
	(void)state;
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_HEX;
	o.size_by = IM_SIZE_BY_FATALITIES;
	im_render_info info;
	const size_t chunks[2] = {1, 5};
	for (int k = 0; k < 2; k++) {
		run_job(&o, 1, chunks[k], "hex-spilled.png", &info);
		assert_true(info.n_hex > 0);
		assert_int_equal(info.n_marks, 0);
		im_render_info_free(&info);
		same_as_golden("hex-spilled.png", "hex.png");
	}
	o.aggregate = IM_AGG_ADMIN1;
	o.size_by = IM_SIZE_BY_DEFAULT;
	run_job(&o, 3, 5, "admin1-spilled.png", &info);
	assert_int_equal(info.n_admin1_out, 5);
	assert_non_null(strstr(info.shaded, "Al-Anbar=8"));
	im_render_info_free(&info);
	same_as_golden("admin1-spilled.png", "admin1.png");

	/* clusters: a cell per place, whatever order the places come in */
	o.aggregate = IM_AGG_CLUSTERS;
	run_job(&o, 1, 5, "clusters-spilled.png", &info);
	assert_true(info.n_clusters > 0);
	im_render_info_free(&info);
	same_as_golden("clusters-spilled.png", "clusters.png");

	/* a box that leaves some out ("N more outside the map"), a timeline */
	o.aggregate = IM_AGG_HEX;
	o.has_bbox = 1;
	o.bbox[0] = 42, o.bbox[1] = 32, o.bbox[2] = 46, o.bbox[3] = 35;
	o.timeline = 1;
	run_job(&o, 0, 0, "hex-box-held.png", &info);
	size_t skipped = info.n_skipped, nhex = info.n_hex;
	im_render_info_free(&info);
	run_job(&o, 2, 3, "hex-box-spilled.png", &info);
	assert_true(skipped > 0);
	assert_int_equal(info.n_skipped, skipped);
	assert_int_equal(info.n_hex, nhex);
	im_render_info_free(&info);
	assert_int_equal(differing_pixels(tpath("hex-box-held.png"), tpath("hex-box-spilled.png")),
			 0);
}

/* auto past 600 places bins into hexagons: read back from the file, the
 * same map as --aggregate hex of the same incidents, the totals and the
 * timeline counted once. */
static void test_streamed_auto(void **state)
{
	(void)state;
	im_incident_list l = {0};
	for (int i = 0; i < 900; i++) {
		char id[16];
		snprintf(id, sizeof id, "p%d", i);
		add(&l, id, 40.5 + (i % 30) * 0.25, 30.5 + (i / 30) * 0.2, "Baghdad", i % 3);
	}
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_HEX;
	o.timeline = 1; /* counted once, though auto started with places */
	im_render_info info;
	im_error err;
	if (im_render_run(&l, &o, tpath("many-hex.png"), &info, &err))
		fail_msg("%s", err.msg);
	size_t nhex = info.n_hex;
	im_render_info_free(&info);
	o.aggregate = IM_AGG_AUTO;
	im_render_job *j;
	assert_int_equal(im_render_begin(&o, &j, &err), IM_OK);
	im_render_job_spill_at(j, 100, 64);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(im_render_add(j, &l.v[i], &err), IM_OK);
	assert_non_null(j->spill);
	if (im_render_job_run(j, tpath("many-auto.png"), &info, &err))
		fail_msg("%s", err.msg);
	im_render_job_free(j);
	assert_true(nhex > 0);
	assert_int_equal(info.n_hex, nhex);
	assert_int_equal(info.n_marks, 0);
	assert_int_equal(info.n_skipped, 0);
	im_render_info_free(&info);
	assert_int_equal(differing_pixels(tpath("many-hex.png"), tpath("many-auto.png")), 0);
	im_list_clear(&l);
}

/* A dense map: n incidents over a small part of Iraq, the six types in
 * turn, 0-29 fatalities, every seventh at the place of the one before (a
 * ring of two types), every eleventh known to its province only (an open
 * symbol), two dates a week apart. */
static void dense(im_incident_list *l, int n)
{
	static const char *const types[] = {"Battles", "Riots", "Protests",
					    "Explosions/Remote violence",
					    "Violence against civilians", "Strategic developments"};
	unsigned r = 12345;
	double lon = 0, lat = 0;
	for (int i = 0; i < n; i++) {
		im_incident inc;
		im_incident_init(&inc);
		char id[16];
		snprintf(id, sizeof id, "d%d", i);
		im_set_str(&inc.id, id);
		if (i % 7 != 6) {
			r = r * 1103515245u + 12345u;
			lon = 43.2 + (r >> 8) % 10000 * 0.00003;
			r = r * 1103515245u + 12345u;
			lat = 33.0 + (r >> 8) % 10000 * 0.00002;
		}
		inc.has_point = 1;
		inc.lon = lon;
		inc.lat = lat;
		inc.geo_precision = i % 11 == 10 ? 3 : 1;
		im_set_str(&inc.event_type, types[i % 6]);
		im_set_str(&inc.country, "IQ");
		im_set_str(&inc.admin1, "Baghdad");
		inc.fatalities = (i * 7) % 30;
		assert_true(im_date_parse_iso(i % 2 ? "2024-03-12" : "2024-03-19", 10,
					      &inc.event_date));
		assert_int_equal(im_list_push(l, &inc), IM_OK);
	}
}

/* Renders l with o into name through a job, every symbol drawn when all
 * is 1. */
static void run_list_job(const im_incident_list *l, const im_render_opts *o, int all,
			 const char *name, im_render_info *info)
{
	im_error err;
	im_render_job *j;
	assert_int_equal(im_render_begin(o, &j, &err), IM_OK);
	if (all)
		im_render_job_draw_hidden(j);
	for (size_t i = 0; i < l->n; i++)
		assert_int_equal(im_render_add(j, &l->v[i], &err), IM_OK);
	if (im_render_job_run(j, tpath(name), info, &err))
		fail_msg("%s: %s", name, err.msg);
	im_render_job_free(j);
}

/* A PNG leaves out the symbols later ones cover entirely (a fifth and
 * more of this dense map's) and is the same pixel for pixel as drawing them all:
 * single symbols of every shape and many sizes, rings, open symbols, on
 * one map and in the panels of --by (drawn at an offset). */
static void test_hidden(void **state)
{
	(void)state;
	im_incident_list l = {0};
	dense(&l, 6000);
	im_render_opts o;
	opts(&o);
	o.aggregate = IM_AGG_CLUSTERS;
	im_render_info info;
	for (int by = 0; by < 2; by++) {
		o.by = by ? IM_PERIOD_WEEK : IM_PERIOD_AUTO;
		const char *some = by ? "dense-by-some.png" : "dense-some.png";
		const char *all = by ? "dense-by-all.png" : "dense-all.png";
		run_list_job(&l, &o, 1, all, &info);
		assert_int_equal(info.n_hidden, 0);
		im_render_info_free(&info);
		run_list_job(&l, &o, 0, some, &info);
		assert_true(info.n_hidden > info.n_marks / 5);
		assert_true(info.n_clusters > 0);
		im_render_info_free(&info);
		assert_int_equal(differing_pixels(tpath(some), tpath(all)), 0);
	}
	/* a PDF keeps every symbol */
	run_list_job(&l, &o, 0, "dense.pdf", &info);
	assert_int_equal(info.n_hidden, 0);
	im_render_info_free(&info);
	im_list_clear(&l);
}

static int setup(void **state)
{
	(void)state;
	if (golden_tmp_make("golden"))
		return -1;
	im_error err;
	if (im_io_read(FIXTURES "/crowded.geojson", IM_FMT_GEOJSON, &crowded, &err))
		return -1;
	return im_io_read(FIXTURES "/weeks.geojson", IM_FMT_GEOJSON, &weeks, &err) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	im_list_clear(&weeks);
	im_list_clear(&crowded);
	return golden_tmp_remove();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clusters), cmocka_unit_test(test_hex),
	    cmocka_unit_test(test_none),     cmocka_unit_test(test_timeline),
	    cmocka_unit_test(test_by_week),  cmocka_unit_test(test_by_cap),
	    cmocka_unit_test(test_admin1),   cmocka_unit_test(test_admin1_by_name),
	    cmocka_unit_test(test_admin1_beside),
	    cmocka_unit_test(test_by_undated), cmocka_unit_test(test_auto_crowded),
	    cmocka_unit_test(test_disc_overlap), cmocka_unit_test(test_streamed),
	    cmocka_unit_test(test_streamed_auto), cmocka_unit_test(test_hidden),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
