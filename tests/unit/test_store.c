/* test_store.c: the incident store without the CLI: GeoPackage point blobs
 * both ways, the schema's identity, incidents written and read back field by
 * field, replacing by id, the window of merge candidates, known reports,
 * corrections kept through a rewrite and taken back, deletion, a store of
 * a newer schema refused, a rolled-back write leaving nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fsutil.h"
#include "io/io.h"
#include "io/store_int.h"

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
	assert_int_equal(a.fatalities, 9);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blob),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_corrections),
		cmocka_unit_test(test_newer_schema),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
