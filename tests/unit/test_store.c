/* test_store.c: the incident store without the CLI: GeoPackage point blobs
 * both ways, the schema's identity, incidents written and read back field by
 * field, replacing by id, the window of merge candidates, known reports,
 * corrections kept through a rewrite and taken back, deletion, a store of
 * a newer schema refused, a rolled-back write leaving nothing, the R-tree
 * packed in one pass and kept by SQLite after, the filters read through the
 * date index and the R-tree (EXPLAIN QUERY PLAN), a PostGIS row decoded and a
 * PostGIS target split without a server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fsutil.h"
#include "io/io.h"
#include "io/pg.h"
#include "io/store_int.h"
#include "model/filter.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[512];

static int setup(void **state)
{
	(void)state;
	char dir[480];
	snprintf(dir, sizeof dir, "%s/unit-store-%ld", INCIMAP_TEST_TMP, (long)getpid());
	im_error e;
	if (im_mkdir_p(dir, &e))
		return -1;
	snprintf(path, sizeof path, "%s/s.gpkg", dir);
	unlink(path);
	return 0;
}

static void make_incident(im_incident *inc, const char *id, double lon, double lat,
			  const char *date, int fatalities)
{
	im_incident_init(inc);
	im_set_str(&inc->id, id);
	inc->has_point = 1;
	inc->lon = lon;
	inc->lat = lat;
	im_date_parse_iso(date, 10, &inc->event_date);
	inc->time_precision = 1;
	im_set_str(&inc->event_type, "Battles");
	im_set_str(&inc->sub_event_type, "Armed clash");
	im_set_str(&inc->place, "Kirkuk");
	im_set_str(&inc->country, "IQ");
	inc->geo_precision = 1;
	inc->fatalities = fatalities;
	inc->confidence = 0.75;
	im_incident_add_actor(inc, "Islamic State");
	im_source src = {0};
	src.id = (char *)id;
	src.date = (char *)date;
	src.title = "A \"quoted\" title";
	im_incident_add_source(inc, &src);
}

static void test_blob(void **state)
{
	(void)state;
	unsigned char b[IM_GPKG_POINT_BLOB];
	im_gpkg_point_blob(-179.5, 89.25, b);
	assert_memory_equal(b, "GP\0\x01\xE6\x10\0\0\x01\x01\0\0\0", 13);
	double box[4];
	int empty;
	assert_int_equal(im_gpkg_blob_box(b, sizeof b, box, &empty), 1);
	assert_int_equal(empty, 0);
	assert_true(box[0] == -179.5 && box[1] == -179.5 && box[2] == 89.25 && box[3] == 89.25);
	/* too short, wrong magic, bad envelope code */
	assert_int_equal(im_gpkg_blob_box(b, 20, box, &empty), 0);
	b[0] = 'X';
	assert_int_equal(im_gpkg_blob_box(b, sizeof b, box, &empty), 0);
	b[0] = 'G';
	b[3] = 0x01 | (7 << 1);
	assert_int_equal(im_gpkg_blob_box(b, sizeof b, box, &empty), 0);
}

static long long one_int(im_store *s, const char *sql)
{
	sqlite3_stmt *q = im_store_prepare(s, sql, NULL);
	assert_non_null(q);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	long long v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static void put_one(im_store *s, im_incident *inc)
{
	im_error e;
	assert_int_equal(im_store_begin(s, &e), IM_OK);
	assert_int_equal(im_store_put(s, inc, &e), IM_OK);
	assert_int_equal(im_store_commit(s, &e), IM_OK);
}

static void test_roundtrip(void **state)
{
	(void)state;
	im_store *s;
	im_error e;
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	assert_int_equal(one_int(s, "PRAGMA application_id"), 0x47504B47);
	assert_int_equal(one_int(s, "PRAGMA user_version"), 10300);
	im_incident a, b;
	make_incident(&a, "im-a", 44.39, 35.47, "2024-03-12", 4);
	put_one(s, &a);
	im_incident_init(&b);
	assert_int_equal(im_store_get(s, "im-a", 0, &b, &e), IM_OK);
	assert_true(b.has_point && b.lon == 44.39 && b.lat == 35.47);
	assert_int_equal(b.event_date.d, 12);
	assert_string_equal(b.sub_event_type, "Armed clash");
	assert_int_equal(b.fatalities, 4);
	assert_int_equal(b.injuries, IM_NULL_INT);
	assert_int_equal(b.n_actors, 1);
	assert_string_equal(b.actors[0], "Islamic State");
	assert_int_equal(b.n_sources, 1);
	assert_string_equal(b.sources[0].title, "A \"quoted\" title");
	assert_true(fabs(b.confidence - 0.75) < 1e-12);
	/* the same id again replaces it */
	a.fatalities = 6;
	put_one(s, &a);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 1);
	assert_int_equal(one_int(s, "SELECT fatalities FROM incidents"), 6);
	assert_int_equal(one_int(s, "SELECT count(*) FROM rtree_incidents_geom"), 1);
	/* the report is known now; another is not */
	im_source other = {0};
	other.id = "im-b";
	assert_int_equal(im_store_has_source(s, &a.sources[0]), 1);
	assert_int_equal(im_store_has_source(s, &other), 0);
	/* the window: 2024-03-12 is in 03-01..03-31, not in 04-01..04-30 */
	im_incident_list l = {0};
	assert_int_equal(im_store_load_window(s, (im_date){2024, 3, 1}, (im_date){2024, 3, 31}, &l, &e),
			 IM_OK);
	assert_int_equal(l.n, 1);
	im_list_clear(&l);
	assert_int_equal(im_store_load_window(s, (im_date){2024, 4, 1}, (im_date){2024, 4, 30}, &l, &e),
			 IM_OK);
	assert_int_equal(l.n, 0);
	/* a rolled-back write leaves nothing */
	im_incident c;
	make_incident(&c, "im-c", 10, 10, "2024-03-13", 1);
	assert_int_equal(im_store_begin(s, &e), IM_OK);
	assert_int_equal(im_store_put(s, &c, &e), IM_OK);
	im_store_rollback(s);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 1);
	im_incident_clear(&a);
	im_incident_clear(&b);
	im_incident_clear(&c);
	im_store_close(s);
}

static void test_corrections(void **state)
{
	(void)state;
	im_store *s;
	im_error e;
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	im_store_edit ed;
	memset(&ed, 0, sizeof ed);
	ed.set_fatalities = 1;
	ed.fatalities = 9;
	ed.user = "tester";
	assert_int_equal(im_store_edit_apply(s, "im-a", &ed, &e), IM_OK);
	assert_int_equal(one_int(s, "SELECT fatalities FROM incidents WHERE id = 'im-a'"), 9);
	/* a later extraction says 2: the correction stays */
	im_incident a;
	make_incident(&a, "im-a", 44.39, 35.47, "2024-03-12", 2);
	put_one(s, &a);
	assert_int_equal(a.fatalities, 2); /* a copy was corrected, not a */
	assert_int_equal(one_int(s, "SELECT fatalities FROM incidents WHERE id = 'im-a'"), 9);
	/* undo: back to the value before the edit */
	assert_int_equal(im_store_edit_undo(s, "im-a", &e), IM_OK);
	assert_int_equal(one_int(s, "SELECT fatalities FROM incidents WHERE id = 'im-a'"), 6);
	assert_int_equal(im_store_edit_undo(s, "im-a", &e), IM_E_NOTFOUND);
	/* delete and bring back */
	memset(&ed, 0, sizeof ed);
	ed.delete_it = 1;
	assert_int_equal(im_store_edit_apply(s, "im-a", &ed, &e), IM_OK);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 0);
	assert_int_equal(one_int(s, "SELECT count(*) FROM rtree_incidents_geom"), 0);
	put_one(s, &a); /* a later report of it: it stays deleted */
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 0);
	assert_int_equal(im_store_edit_undo(s, "im-a", &e), IM_OK);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents"), 1);
	assert_int_equal(im_store_edit_apply(s, "im-nothing", &ed, &e), IM_E_NOTFOUND);
	im_incident_clear(&a);
	im_store_close(s);
}

static void test_newer_schema(void **state)
{
	(void)state;
	im_store *s;
	im_error e;
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	assert_int_equal(im_store_exec(s, "UPDATE incimap_meta SET value = '7' WHERE key = "
					  "'schema_version'",
				       &e),
			 IM_OK);
	im_store_close(s);
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_E_UNSUPPORTED);
	assert_null(s);
	assert_non_null(strstr(e.msg, "newer incimap (store schema 7"));
	assert_int_equal(im_store_open("/nonexistent/dir/x.gpkg", 0, &s, &e), IM_E_IO);
}

/* Text of a one-value query. */
static void one_text(im_store *s, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *q = im_store_prepare(s, sql, NULL);
	assert_non_null(q);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	snprintf(out, n, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
}

/* The R-tree and a scan of the table agree on a box (edges between points). */
static void assert_box(im_store *s, double w, double so, double e, double n)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM rtree_incidents_geom WHERE maxx >= %.3f AND minx <= %.3f "
		 "AND maxy >= %.3f AND miny <= %.3f",
		 w, e, so, n);
	long long tree = one_int(s, sql);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM incidents WHERE ST_MinX(geom) BETWEEN %.3f AND %.3f AND "
		 "ST_MinY(geom) BETWEEN %.3f AND %.3f",
		 w, e, so, n);
	assert_int_equal(tree, one_int(s, sql));
	assert_true(tree > 0);
}

static void assert_rtree_ok(im_store *s, long long n)
{
	char check[256];
	one_text(s, "SELECT rtreecheck('rtree_incidents_geom')", check, sizeof check);
	assert_string_equal(check, "ok");
	assert_int_equal(one_int(s, "SELECT count(*) FROM rtree_incidents_geom"), n);
	assert_int_equal(one_int(s, "SELECT count(*) FROM incidents WHERE geom IS NOT NULL"), n);
}

/* A write into an empty store packs the R-tree in one pass (gpkg_rtree.c):
 * SQLite's own check passes, searches find what a scan finds, and the
 * module goes on inserting, moving and deleting in that tree. */
static void test_rtree_bulk(void **state)
{
	(void)state;
	unlink(path);
	im_store *s;
	im_error e;
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	assert_int_equal(im_store_begin(s, &e), IM_OK);
	char id[32];
	im_incident a;
	for (int i = 0; i < 6000; i++) { /* three levels of 51-cell nodes */
		snprintf(id, sizeof id, "im-%05d", i);
		make_incident(&a, id, -179.9 + (i % 100) * 3.6, -89.9 + (i / 100) * 2.9,
			      "2024-03-12", i % 5);
		assert_int_equal(im_store_put(s, &a, &e), IM_OK);
		im_incident_clear(&a);
	}
	make_incident(&a, "im-nowhere", 0, 0, "2024-03-12", 0);
	a.has_point = 0;
	assert_int_equal(im_store_put(s, &a, &e), IM_OK);
	im_incident_clear(&a);
	assert_int_equal(im_store_commit(s, &e), IM_OK);
	assert_rtree_ok(s, 6000);
	assert_int_equal(one_int(s, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND "
				    "name = 'rtree_incidents_geom_insert'"),
			 1);
	assert_box(s, -100.05, -50.05, 20.05, 10.05);
	assert_box(s, 170.05, 80.05, 180, 90);
	/* then through the module: one more, one moved, one deleted */
	make_incident(&a, "im-more", 12.5, 41.9, "2024-03-13", 1);
	put_one(s, &a);
	im_incident_clear(&a);
	make_incident(&a, "im-00007", 44.39, 35.47, "2024-03-12", 2);
	put_one(s, &a);
	im_incident_clear(&a);
	assert_int_equal(im_store_begin(s, &e), IM_OK);
	assert_int_equal(im_store_drop(s, "im-00008", &e), IM_OK);
	assert_int_equal(im_store_commit(s, &e), IM_OK);
	assert_rtree_ok(s, 6000);
	assert_box(s, 44.3, 35.4, 44.4, 35.5);
	assert_box(s, -100.05, -50.05, 20.05, 10.05);
	im_store_close(s);

	/* an id twice in one write into an empty store: the second replaces
	 * the first through the update trigger, so the tree is not empty at
	 * the end and the rest go in one by one */
	unlink(path);
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	assert_int_equal(im_store_begin(s, &e), IM_OK);
	for (int i = 0; i < 300; i++) {
		snprintf(id, sizeof id, "im-%05d", i % 200);
		make_incident(&a, id, (i % 17) * 0.5, (i % 13) * 0.5, "2024-03-12", i);
		assert_int_equal(im_store_put(s, &a, &e), IM_OK);
		im_incident_clear(&a);
	}
	assert_int_equal(im_store_commit(s, &e), IM_OK);
	assert_rtree_ok(s, 200);
	assert_box(s, -0.25, -0.25, 3.25, 3.25);
	im_store_close(s);

	/* an id told again without a point: its row loses the point the
	 * insert noted and the tree stays empty until the end, so the build
	 * reads the points from the table, not from what was noted */
	unlink(path);
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	assert_int_equal(im_store_begin(s, &e), IM_OK);
	for (int i = 0; i < 300; i++) {
		snprintf(id, sizeof id, "im-%05d", i);
		make_incident(&a, id, (i % 17) * 0.5, (i % 13) * 0.5, "2024-03-12", i);
		if (i == 299)
			snprintf(a.id, 9, "im-00000");
		a.has_point = i < 299;
		assert_int_equal(im_store_put(s, &a, &e), IM_OK);
		im_incident_clear(&a);
	}
	assert_int_equal(im_store_commit(s, &e), IM_OK);
	assert_rtree_ok(s, 298);
	assert_int_equal(one_int(s, "SELECT count(*) FROM rtree_incidents_geom WHERE id = "
				    "(SELECT fid FROM incidents WHERE id = 'im-00000')"),
			 0);
	im_store_close(s);
	unlink(path);
}

/* The plan SQLite makes for the cursor a filter opens, as EXPLAIN QUERY
 * PLAN's lines joined by '|': the cursor's own statement, its values bound. */
static void cursor_plan(im_store *s, const char *const *opts, char *out, size_t n)
{
	im_filter f;
	im_filter_init(&f);
	im_error e;
	for (size_t i = 0; opts[i]; i += 2)
		assert_int_equal(im_filter_set(&f, opts[i], opts[i + 1], &e), IM_OK);
	im_store_cursor *c;
	assert_int_equal(im_store_cursor_open(s, &f, &c, &e), IM_OK);
	sqlite3_stmt *q = NULL;
	while ((q = sqlite3_next_stmt(s->db, q)) && !strstr(sqlite3_sql(q), " ORDER BY "))
		;
	assert_non_null(q);
	char *sql = sqlite3_expanded_sql(q);
	char *plan_sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *p = im_store_prepare(s, plan_sql, NULL);
	assert_non_null(p);
	size_t at = 0;
	out[0] = '\0';
	while (sqlite3_step(p) == SQLITE_ROW && at < n)
		at += (size_t)snprintf(out + at, n - at, "|%s", (const char *)sqlite3_column_text(p, 3));
	sqlite3_finalize(p);
	sqlite3_free(plan_sql);
	sqlite3_free(sql);
	im_store_cursor_free(c);
	im_filter_free(&f);
}

/* Every filter runs as SQL over the store's indexes: a date bound, even
 * open (--since alone), reads the date index; a box reads the R-tree; an
 * unfiltered read walks the table in its order, sorting nothing. */
static void test_filter_plans(void **state)
{
	(void)state;
	im_store *s;
	im_error e;
	unlink(path);
	assert_int_equal(im_store_open(path, 1, &s, &e), IM_OK);
	im_incident a;
	make_incident(&a, "im-a", 44.39, 35.47, "2024-03-12", 4);
	put_one(s, &a);
	im_incident_clear(&a);
	static const struct {
		const char *opts[9];
		const char *want;
	} cases[] = {
		{{"--since", "2024-03-11", NULL}, "USING INDEX incidents_event_date (event_date>?)"},
		{{"--until", "2024-03-11", NULL}, "USING INDEX incidents_event_date (event_date<?)"},
		{{"--since", "2024-03-11", "--until", "2024-03-17", NULL},
		 "USING INDEX incidents_event_date (event_date>? AND event_date<?)"},
		{{"--since", "2024-03-11", "--country", "IQ", "--type", "Battles", "--min-fatalities",
		  "1", NULL},
		 "USING INDEX incidents_event_date (event_date>?)"},
		{{"--bbox-only", "40,29,48,38", NULL}, "SCAN rtree_incidents_geom VIRTUAL TABLE"},
		{{"--bbox-only", "170,-20,-170,-10", "--since", "2024-03-11", NULL},
		 "SCAN rtree_incidents_geom VIRTUAL TABLE"},
	};
	char plan[1024];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cursor_plan(s, cases[i].opts, plan, sizeof plan);
		if (!strstr(plan, cases[i].want))
			fail_msg("%s ...: plan '%s' lacks '%s'", cases[i].opts[0], plan, cases[i].want);
	}
	static const char *const none[] = {NULL};
	cursor_plan(s, none, plan, sizeof plan);
	assert_string_equal(plan, "|SCAN incidents");
	im_store_close(s);
	unlink(path);
}

/* A row as PostGIS gives it back, decoded without a server. */
static void test_pg_row(void **state)
{
	(void)state;
	const char *c[19] = {"0101000020E6100000B29DEFA7C6E347409A99999999993E40", /* LE, 4326 */
			     "im-pg-1",
			     "2023-03-14",
			     "1",
			     "on Tuesday",
			     "Battles",
			     "Armed clash",
			     "Kirkuk",
			     "Kirkuk",
			     "Kirkuk",
			     "IQ",
			     "2",
			     "gn:1",
			     "4",
			     NULL,
			     "[\"Islamic State\"]",
			     "[{\"id\": \"r1\", \"title\": \"T\"}]",
			     NULL,
			     "0.5"};
	im_incident inc;
	im_incident_init(&inc);
	im_error e;
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_OK);
	assert_true(inc.has_point && inc.lon == 47.7795 && inc.lat == 30.6);
	assert_int_equal(inc.fatalities, 4);
	assert_int_equal(inc.injuries, IM_NULL_INT);
	assert_int_equal(inc.n_sources, 1);
	assert_string_equal(inc.actors[0], "Islamic State");
	/* big-endian with Z; POINT EMPTY; NULL */
	c[0] = "00A0000001000010E6C066700000000000C0565000000000004028000000000000";
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_OK);
	assert_true(inc.has_point && inc.lon == -179.5 && inc.lat == -89.25);
	c[0] = "0101000020E6100000000000000000F87F000000000000F87F";
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_OK);
	assert_int_equal(inc.has_point, 0);
	c[0] = NULL;
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_OK);
	assert_int_equal(inc.has_point, 0);
	/* a line, bad hex, a bad number, a bad date */
	c[0] = "0102000020E610000000000000";
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_E_PARSE);
	assert_string_equal(e.msg, "incident im-pg-1: geom is not a point");
	c[0] = "0101000020E6100000ZZ9DEFA7C6E347409A99999999993E40";
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_E_PARSE);
	c[0] = NULL;
	c[13] = "many";
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_E_PARSE);
	c[13] = "4";
	c[2] = "2023-02-30";
	assert_int_equal(im_pg_row_decode("pg", c, &inc, &e), IM_E_PARSE);
	im_incident_clear(&inc);
	/* targets: the table taken out, the rest for libpq */
	im_buf b = IM_BUF_INIT;
	char table[IM_PG_TABLE_MAX + 1];
	assert_int_equal(im_pg_split_target("postgresql://u@h/db?sslmode=require&table=week&port=5",
					    &b, table, &e),
			 IM_OK);
	assert_string_equal(b.p, "postgresql://u@h/db?sslmode=require&port=5");
	assert_string_equal(table, "week");
	im_buf_reset(&b);
	assert_int_equal(im_pg_split_target("PG:dbname=db table=t2 host=h", &b, table, &e), IM_OK);
	assert_string_equal(b.p, "dbname=db host=h");
	assert_string_equal(table, "t2");
	im_buf_reset(&b);
	assert_int_equal(im_pg_split_target("PG:dbname=db", &b, table, &e), IM_OK);
	assert_string_equal(table, "incidents");
	im_buf_reset(&b);
	assert_int_equal(im_pg_split_target("postgresql:///db?table=a;b", &b, table, &e), IM_E_USAGE);
	im_buf_free(&b);
	char shown[] = "postgresql://u:secret@h/db?password=x&table=t";
	im_pg_hide_password(shown);
	assert_string_equal(shown, "postgresql://u@h/db?password=&table=t");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blob),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_corrections),
		cmocka_unit_test(test_newer_schema),
		cmocka_unit_test(test_rtree_bulk),
		cmocka_unit_test(test_filter_plans),
		cmocka_unit_test(test_pg_row),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
