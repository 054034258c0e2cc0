/* test_io.c: the io stage: round trips GeoJSON -> CSV -> GeoJSON and
 * GeoJSON -> GeoJSONSeq -> GeoJSON property by property, the text codecs,
 * ACLED columns, bad input (exact positions and messages), skipped
 * features, bounded memory while streaming, atomic writes, the QGIS style. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fsutil.h"
#include "io/io.h"
#include "io/io_int.h"
#include "style/style.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIX INCIMAP_SOURCE_DIR "/tests/fixtures/io/"

static char tmpdir[512];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/unit-io-%ld", INCIMAP_TEST_TMP, (long)getpid());
	im_error e;
	if (im_mkdir_p(tmpdir, &e)) {
		im_error_print(&e, stderr);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	DIR *d = opendir(tmpdir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.' && (!de->d_name[1] || de->d_name[1] == '.'))
				continue;
			char p[1024];
			snprintf(p, sizeof p, "%s/%s", tmpdir, de->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(tmpdir);
	return 0;
}

static const char *tmp(const char *name)
{
	static char p[4][1024];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

/* No temporary file of an atomic write is left in tmpdir. */
static void assert_no_temp_files(void)
{
	DIR *d = opendir(tmpdir);
	assert_non_null(d);
	struct dirent *de;
	while ((de = readdir(d)))
		if (strstr(de->d_name, ".tmp."))
			fail_msg("temporary file left: %s", de->d_name);
	closedir(d);
}

/* ---- comparing incidents property by property ---------------------------- */

static void same_str(const char *what, size_t i, const char *a, const char *b)
{
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
		fail_msg("incident %zu: %s differs: [%s] vs [%s]", i, what, a ? a : "(null)",
			 b ? b : "(null)");
}

static void same_incident(size_t i, const im_incident *a, const im_incident *b)
{
	same_str("id", i, a->id, b->id);
	if (a->has_point != b->has_point)
		fail_msg("incident %zu: has_point %d vs %d", i, a->has_point, b->has_point);
	if (a->has_point && (a->lon != b->lon || a->lat != b->lat))
		fail_msg("incident %zu: point %.9f,%.9f vs %.9f,%.9f", i, a->lon, a->lat, b->lon,
			 b->lat);
	if (a->event_date.y != b->event_date.y || a->event_date.m != b->event_date.m ||
	    a->event_date.d != b->event_date.d)
		fail_msg("incident %zu: event_date differs", i);
	if (a->time_precision != b->time_precision)
		fail_msg("incident %zu: time_precision %d vs %d", i, a->time_precision,
			 b->time_precision);
	same_str("date_text", i, a->date_text, b->date_text);
	same_str("event_type", i, a->event_type, b->event_type);
	same_str("sub_event_type", i, a->sub_event_type, b->sub_event_type);
	same_str("place", i, a->place, b->place);
	same_str("place_text", i, a->place_text, b->place_text);
	same_str("admin1", i, a->admin1, b->admin1);
	same_str("country", i, a->country, b->country);
	if (a->geo_precision != b->geo_precision)
		fail_msg("incident %zu: geo_precision %d vs %d", i, a->geo_precision,
			 b->geo_precision);
	same_str("gazetteer_id", i, a->gazetteer_id, b->gazetteer_id);
	if (a->fatalities != b->fatalities)
		fail_msg("incident %zu: fatalities %d vs %d", i, a->fatalities, b->fatalities);
	if (a->injuries != b->injuries)
		fail_msg("incident %zu: injuries %d vs %d", i, a->injuries, b->injuries);
	if (a->n_actors != b->n_actors)
		fail_msg("incident %zu: %zu actors vs %zu", i, a->n_actors, b->n_actors);
	for (size_t k = 0; k < a->n_actors; k++)
		same_str("actor", i, a->actors[k], b->actors[k]);
	if (a->n_sources != b->n_sources)
		fail_msg("incident %zu: %zu sources vs %zu", i, a->n_sources, b->n_sources);
	for (size_t k = 0; k < a->n_sources; k++) {
		same_str("sources.id", i, a->sources[k].id, b->sources[k].id);
		same_str("sources.file", i, a->sources[k].file, b->sources[k].file);
		same_str("sources.url", i, a->sources[k].url, b->sources[k].url);
		same_str("sources.date", i, a->sources[k].date, b->sources[k].date);
		same_str("sources.title", i, a->sources[k].title, b->sources[k].title);
	}
	same_str("notes", i, a->notes, b->notes);
	if (a->confidence != b->confidence)
		fail_msg("incident %zu: confidence %.17g vs %.17g", i, a->confidence, b->confidence);
}

static void same_list(const im_incident_list *a, const im_incident_list *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		same_incident(i, &a->v[i], &b->v[i]);
}

static void read_ok(const char *path, im_format f, im_incident_list *l)
{
	im_error e;
	im_error_clear(&e);
	if (im_io_read(path, f, l, &e)) {
		im_error_print(&e, stderr);
		fail_msg("reading %s failed", path);
	}
}

static void write_ok(const char *path, im_format f, const im_incident_list *l)
{
	im_error e;
	im_error_clear(&e);
	if (im_io_write(path, f, l, &e)) {
		im_error_print(&e, stderr);
		fail_msg("writing %s failed", path);
	}
}

/* ---- warnings captured ----------------------------------------------------- */

static int n_warn;
static char last_warn[1024];

static void capture(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	(void)line;
	n_warn++;
	snprintf(last_warn, sizeof last_warn, "%s", msg);
}

static void quiet_start(void)
{
	n_warn = 0;
	last_warn[0] = '\0';
	im_set_warn_hook(capture, NULL);
}

static void quiet_end(void)
{
	im_set_warn_hook(NULL, NULL);
}

/* ---- tests ----------------------------------------------------------------- */

static void test_format_names(void **state)
{
	(void)state;
	assert_int_equal(im_format_from_name("geojson"), IM_FMT_GEOJSON);
	assert_int_equal(im_format_from_name("GeoJSONSeq"), IM_FMT_GEOJSONSEQ);
	assert_int_equal(im_format_from_name("csv"), IM_FMT_CSV);
	assert_int_equal(im_format_from_name("kml"), IM_FMT_KML);
	assert_int_equal(im_format_from_name("KMZ"), IM_FMT_KMZ);
	assert_int_equal(im_format_from_name("excel"), IM_FMT_CSV_EXCEL);
	assert_int_equal(im_format_from_name("shp"), IM_FMT_UNKNOWN);
	assert_true(im_format_readable(IM_FMT_KMZ));
	assert_false(im_format_readable(IM_FMT_CSV_EXCEL));
	assert_int_equal(im_format_from_name(NULL), IM_FMT_UNKNOWN);
	assert_int_equal(im_format_from_path("out/x.GeoJSON"), IM_FMT_GEOJSON);
	assert_int_equal(im_format_from_path("x.geojsons"), IM_FMT_GEOJSONSEQ);
	assert_int_equal(im_format_from_path("x.geojsonl"), IM_FMT_GEOJSONSEQ);
	assert_int_equal(im_format_from_path("a.b/x.csv"), IM_FMT_CSV);
	assert_int_equal(im_format_from_path("a.csv/x"), IM_FMT_UNKNOWN);
	assert_int_equal(im_format_from_path("x.Kml"), IM_FMT_KML);
	assert_int_equal(im_format_from_path("x.kmz"), IM_FMT_KMZ);
	assert_int_equal(im_format_from_path("x.XLSX"), IM_FMT_XLSX);
	assert_false(im_format_readable(IM_FMT_XLSX));
	assert_int_equal(im_format_from_path("-"), IM_FMT_UNKNOWN);
	assert_string_equal(im_format_name(IM_FMT_GEOJSONSEQ), "geojsonseq");
	assert_string_equal(im_format_name(IM_FMT_UNKNOWN), "unknown");
}

static void num_is(double v, int real, const char *want)
{
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_io_num(&b, v, real), IM_OK);
	assert_string_equal(b.p, want);
	im_buf_free(&b);
}

static void test_numbers_out(void **state)
{
	(void)state;
	num_is(44.3614885, 0, "44.361489");
	num_is(44.5, 0, "44.5");
	num_is(-0.0000004, 0, "0");
	num_is(-12.25, 0, "-12.25");
	num_is(179.9999996, 0, "180");
	num_is(-180, 0, "-180");
	num_is(1, 1, "1.0");
	num_is(0, 1, "0.0");
	num_is(-0.0000001, 1, "0.0");
	num_is(0.85, 1, "0.85");
	num_is(0.1 + 0.2, 1, "0.3");
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_io_num(&b, NAN, 0), IM_E_RANGE);
	assert_int_equal(im_io_num(&b, INFINITY, 0), IM_E_RANGE);
	assert_int_equal(im_io_int(&b, -2147483647L - 1), IM_OK);
	assert_string_equal(b.p, "-2147483648");
	im_buf_free(&b);
}

static void test_numbers_in(void **state)
{
	(void)state;
	double d;
	assert_true(im_io_parse_num("44.361488", 9, &d));
	assert_true(d == 44.361488);
	assert_true(im_io_parse_num("-1.5e2", 6, &d) && d == -150);
	assert_true(im_io_parse_num("+2", 2, &d) && d == 2);
	assert_true(im_io_parse_num(".5", 2, &d) && d == 0.5);
	assert_true(im_io_parse_num("0.1234567890123456789", 21, &d) && fabs(d - 0.123456789) < 1e-9);
	assert_false(im_io_parse_num("nan", 3, &d));
	assert_false(im_io_parse_num("inf", 3, &d));
	assert_false(im_io_parse_num("1,5", 3, &d));
	assert_false(im_io_parse_num("", 0, &d));
	assert_false(im_io_parse_num("0x10", 4, &d));
	assert_false(im_io_parse_num("1e", 2, &d));
	assert_false(im_io_parse_num("--1", 3, &d));
	assert_false(im_io_parse_num(".", 1, &d));
	assert_false(im_io_parse_num("1e999", 5, &d));
	long l;
	assert_true(im_io_parse_long("-42", 3, &l) && l == -42);
	assert_false(im_io_parse_long("4.2", 3, &l));
	assert_false(im_io_parse_long("99999999999999999999", 20, &l));
	assert_false(im_io_parse_long("-", 1, &l));
}

static void date_is(const char *s, int y, int m, int d)
{
	im_date out = {0, 0, 0};
	if (!im_io_parse_date(s, strlen(s), &out))
		fail_msg("'%s' should parse", s);
	if (out.y != y || out.m != m || out.d != d)
		fail_msg("'%s' gave %d-%d-%d", s, out.y, out.m, out.d);
}

static void date_bad(const char *s)
{
	im_date out;
	if (im_io_parse_date(s, strlen(s), &out))
		fail_msg("'%s' should not parse", s);
}

static void test_dates(void **state)
{
	(void)state;
	date_is("2021-12-07", 2021, 12, 7);
	date_is("2021/12/07", 2021, 12, 7);
	date_is("07 December 2021", 2021, 12, 7);
	date_is("7 december 2021", 2021, 12, 7);
	date_is("7-Dec-21", 2021, 12, 7);
	date_is("07-December-2021", 2021, 12, 7);
	date_is("December 7, 2021", 2021, 12, 7);
	date_is("Sept 30, 1999", 1999, 9, 30);
	date_is("12/7/2021", 2021, 12, 7);
	date_is("25/12/2021", 2021, 12, 25); /* day first when it cannot be a month */
	date_is("07.12.2021", 2021, 12, 7);
	date_is(" 2021-12-07T13:45:00Z ", 2021, 12, 7);
	date_is("12/7/2021 0:00", 2021, 12, 7);
	date_is("29 February 2024", 2024, 2, 29);
	date_is("1-Jan-97", 1997, 1, 1);
	date_bad("29 February 2023");
	date_bad("32 December 2021");
	date_bad("13/13/2021");
	date_bad("2021");
	date_bad("December 2021");
	date_bad("7 Decembre 2021");
	date_bad("2021-12-07-01");
	date_bad("");
	date_bad("12-7-2021");
}

static void test_countries(void **state)
{
	(void)state;
	assert_string_equal(im_io_country_code("Iraq"), "IQ");
	assert_string_equal(im_io_country_code("iraq "), "IQ");
	assert_string_equal(im_io_country_code("IRQ"), "IQ");
	assert_string_equal(im_io_country_code("Democratic Republic of Congo"), "CD");
	assert_string_equal(im_io_country_code("Republic of Congo"), "CG");
	assert_string_equal(im_io_country_code("Palestine"), "PS");
	assert_string_equal(im_io_country_code("Syria"), "SY");
	assert_string_equal(im_io_country_code("Kosovo"), "XK");
	assert_string_equal(im_io_country_code("sy"), "SY");
	assert_null(im_io_country_code("Narnia"));
	assert_null(im_io_country_code(""));
	assert_null(im_io_country_code(NULL));
}

static void test_json_strings(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	im_io_json_str(&b, "a\"b\\c\nd\re\tf\x01g\x1eh\x7f Makhm\xC5\xABr \xD9\x83");
	assert_string_equal(b.p, "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001eh\\u007f Makhm\xC5\xABr \xD9\x83\"");
	im_buf_reset(&b);
	im_io_json_str(&b, "x\xFFy\xC3");
	assert_string_equal(b.p, "\"x\xEF\xBF\xBDy\xEF\xBF\xBD\"");
	im_buf_reset(&b);
	im_io_json_str(&b, NULL);
	assert_string_equal(b.p, "null");
	im_buf_free(&b);
}

/* The main done-when test: the same incidents come back property by
 * property through every format. */
static void test_roundtrip_fixture(void **state)
{
	(void)state;
	im_incident_list a = {0}, csv = {0}, seq = {0}, gj = {0}, back = {0};
	read_ok(FIX "incidents.geojson", IM_FMT_GEOJSON, &a);
	assert_int_equal(a.n, 8);
	/* A few values straight from the fixture, so the comparison below is
	 * not between two equally wrong readings. */
	assert_string_equal(a.v[0].id, "im-fx-0001");
	assert_true(a.v[0].lon == 47.783271 && a.v[0].lat == 30.512209);
	assert_int_equal(a.v[0].fatalities, 3);
	assert_int_equal(a.v[0].n_sources, 2);
	assert_string_equal(a.v[0].sources[1].file, "reports/basra-0314.txt");
	assert_null(a.v[0].sources[1].url);
	assert_int_equal(a.v[2].event_date.y, 0);
	assert_int_equal(a.v[2].fatalities, IM_NULL_INT);
	assert_string_equal(a.v[2].place_text, "\xd9\x83\xd8\xb1\xd9\x83\xd9\x88\xd9\x83");
	assert_string_equal(a.v[4].notes, "");
	assert_null(a.v[4].sources[0].id);
	assert_string_equal(a.v[5].actors[3], " spaced ");
	assert_true(a.v[7].confidence == 0);

	/* GeoJSON -> CSV -> GeoJSON */
	write_ok(tmp("rt.csv"), IM_FMT_CSV, &a);
	read_ok(tmp("rt.csv"), IM_FMT_CSV, &csv);
	same_list(&a, &csv);
	write_ok(tmp("rt-csv.geojson"), IM_FMT_GEOJSON, &csv);
	read_ok(tmp("rt-csv.geojson"), IM_FMT_GEOJSON, &back);
	same_list(&a, &back);
	im_list_clear(&back);

	/* GeoJSON -> GeoJSONSeq -> GeoJSON */
	write_ok(tmp("rt.geojsons"), IM_FMT_GEOJSONSEQ, &a);
	read_ok(tmp("rt.geojsons"), IM_FMT_GEOJSONSEQ, &seq);
	same_list(&a, &seq);
	write_ok(tmp("rt-seq.geojson"), IM_FMT_GEOJSON, &seq);
	read_ok(tmp("rt-seq.geojson"), IM_FMT_GEOJSON, &back);
	same_list(&a, &back);

	/* Writing is deterministic: the same incidents, the same bytes. */
	write_ok(tmp("rt.geojson"), IM_FMT_GEOJSON, &a);
	char *x, *y;
	size_t nx, ny;
	im_error e;
	assert_int_equal(im_read_file(tmp("rt.geojson"), 0, &x, &nx, &e), IM_OK);
	assert_int_equal(im_read_file(tmp("rt-seq.geojson"), 0, &y, &ny, &e), IM_OK);
	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, nx);
	/* RFC 7946: no crs member, a bbox, [lon, lat] at most 6 decimals. */
	assert_null(strstr(x, "\"crs\""));
	assert_non_null(strstr(x, "\"bbox\":[36.2765,30.2832,57.0786,37.0443]"));
	assert_non_null(strstr(x, "\"coordinates\":[47.783271,30.512209]"));
	/* UTF-8 is written as it is, not as \u escapes. */
	assert_non_null(strstr(x, "\"place_text\":\"Makhm\xC5\xABr\""));
	free(x);
	free(y);
	im_list_clear(&a);
	im_list_clear(&csv);
	im_list_clear(&seq);
	im_list_clear(&gj);
	im_list_clear(&back);
	assert_no_temp_files();
}

static void set(char **f, const char *s)
{
	assert_int_equal(im_set_str(f, s), IM_OK);
}

/* Strings that try every quoting rule of every format. */
static void test_roundtrip_tricky(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"",
		"plain",
		"comma, inside",
		"\"quoted\" and \"\"doubled\"\"",
		"line\nbreak and\r\nCRLF and lone\rCR",
		" leading and trailing ",
		"tab\there, bell\x07, record separator\x1e, delete\x7f",
		"[not, a list]",
		"semi; colon",
		"Arabic \xd8\xa7\xd9\x84\xd8\xa8\xd8\xb5\xd8\xb1\xd8\xa9 and emoji \xf0\x9f\x92\xa5",
		"=1+2 (a spreadsheet formula)",
		"\\backslash\\ and /slash/",
	};
	const size_t nt = sizeof texts / sizeof texts[0];
	im_incident_list a = {0};
	for (size_t i = 0; i < nt; i++) {
		im_incident inc;
		im_incident_init(&inc);
		char id[32];
		snprintf(id, sizeof id, "tricky-%zu", i);
		set(&inc.id, id);
		set(&inc.notes, texts[i]);
		set(&inc.date_text, texts[(i + 1) % nt]);
		set(&inc.place, texts[(i + 2) % nt]);
		set(&inc.place_text, i % 3 ? texts[(i + 3) % nt] : NULL);
		set(&inc.admin1, i % 2 ? NULL : "");
		/* texts[0] is empty: no actor has an empty name (see below). */
		assert_int_equal(im_incident_add_actor(&inc, texts[1 + (i + 4) % (nt - 1)]), IM_OK);
		if (i % 2)
			assert_int_equal(im_incident_add_actor(&inc, texts[1 + (i + 5) % (nt - 1)]), IM_OK);
		im_source s = {0};
		s.id = (char *)texts[(i + 6) % nt];
		s.title = (char *)texts[(i + 7) % nt];
		s.url = i % 2 ? (char *)"https://example.org/?q=a,b&c=\"d\"" : NULL;
		s.file = i % 3 ? NULL : (char *)"reports/a b.txt";
		assert_int_equal(im_incident_add_source(&inc, &s), IM_OK);
		inc.has_point = i != 3;
		/* Written with 6 decimals: start from values that are already so. */
		inc.lon = -179.999999 + (double)i * 29.123457;
		inc.lat = -89.5 + (double)i * 15.25;
		inc.lon = (double)llround(inc.lon * 1e6) / 1e6;
		inc.event_date = i % 4 ? (im_date){2020 + (int)i, 1 + (int)i, 28} : (im_date){0, 0, 0};
		inc.time_precision = 1 + (int)(i % 3);
		inc.geo_precision = 1 + (int)((i + 1) % 3);
		inc.fatalities = i % 3 ? (int)i * 7 : IM_NULL_INT;
		inc.injuries = i % 5 ? IM_NULL_INT : 0;
		inc.confidence = (double)i / (double)nt;
		inc.confidence = (double)llround(inc.confidence * 1e6) / 1e6;
		assert_int_equal(im_list_push(&a, &inc), IM_OK);
	}
	static const im_format fmts[] = {IM_FMT_GEOJSON, IM_FMT_GEOJSONSEQ, IM_FMT_CSV};
	static const char *const names[] = {"t.geojson", "t.geojsons", "t.csv"};
	for (int f = 0; f < 3; f++) {
		im_incident_list b = {0}, c = {0};
		write_ok(tmp(names[f]), fmts[f], &a);
		read_ok(tmp(names[f]), fmts[f], &b);
		same_list(&a, &b);
		/* and on to GeoJSON */
		write_ok(tmp("t2.geojson"), IM_FMT_GEOJSON, &b);
		read_ok(tmp("t2.geojson"), IM_FMT_GEOJSON, &c);
		same_list(&a, &c);
		im_list_clear(&b);
		im_list_clear(&c);
	}
	/* An empty actor name says nothing: it is not written. */
	im_incident inc;
	im_incident_init(&inc);
	im_incident_add_actor(&inc, "");
	im_incident_add_actor(&inc, "police");
	im_buf out = IM_BUF_INIT;
	assert_int_equal(im_io_to_feature(&out, &inc), IM_OK);
	assert_non_null(strstr(out.p, "\"actors\":[\"police\"]"));
	im_buf_reset(&out);
	assert_int_equal(im_io_csv_row(&out, &inc), IM_OK);
	assert_non_null(strstr(out.p, ",police,"));
	im_buf_free(&out);
	im_incident_clear(&inc);
	/* Names that "A; B" cannot carry make the CSV cell a JSON array. */
	im_incident_add_actor(&inc, "Islamic State; Khorasan");
	im_buf cell = IM_BUF_INIT;
	assert_int_equal(im_io_actors_encode(&cell, &inc), IM_OK);
	assert_string_equal(cell.p, "[\"Islamic State; Khorasan\"]");
	im_incident_clear(&inc);
	im_incident_add_actor(&inc, "army");
	im_incident_add_actor(&inc, "rebels");
	im_buf_reset(&cell);
	assert_int_equal(im_io_actors_encode(&cell, &inc), IM_OK);
	assert_string_equal(cell.p, "army; rebels");
	im_buf_free(&cell);
	im_incident_clear(&inc);
	im_list_clear(&a);
}

/* ---- bad input ------------------------------------------------------------- */

typedef struct bad_case {
	im_format fmt;
	const char *input;
	size_t len; /* 0: strlen */
	im_status code;
	long line, col; /* col -1: not checked */
	const char *msg;
} bad_case;

#define FC(features) "{\"type\":\"FeatureCollection\",\"features\":[" features "]}"
#define PT(coords, props) \
	"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":" coords "},\"properties\":" props "}"
#define H "id,event_date,latitude,longitude\n"

static const bad_case bad_cases[] = {
	/* GeoJSON */
	{IM_FMT_GEOJSON, "", 0, IM_E_PARSE, 0, 0, "empty file"},
	{IM_FMT_GEOJSON, "  \n ", 0, IM_E_PARSE, 0, 0, "empty file"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{}")) + 0, 30, IM_E_PARSE, 1, 31, "unexpected end of file"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[44,3", 0, IM_E_PARSE, 2, 65, "unexpected end of file, expected ',' or ']' (truncated JSON?)"},
	{IM_FMT_GEOJSON, FC("{\"type\":\"Feature\",\"properties\":{}}"), 0, IM_E_PARSE, 1, 41, "no \"geometry\" member"},
	{IM_FMT_GEOJSON, FC(PT("[\"44.1\",33]", "{}")), 0, IM_E_PARSE, 1, 41, "coordinate 1 must be a number, not a string"},
	{IM_FMT_GEOJSON, FC(PT("[44.1,95]", "{}")), 0, IM_E_RANGE, 1, 41, "latitude 95 is out of range"},
	{IM_FMT_GEOJSON, FC(PT("[181,33]", "{}")), 0, IM_E_RANGE, 1, 41, "longitude 181 is out of range"},
	{IM_FMT_GEOJSON, FC(PT("[1e999,33]", "{}")), 0, IM_E_RANGE, 1, 41, "longitude inf is out of range"},
	{IM_FMT_GEOJSON, FC(PT("[NaN,33]", "{}")), 0, IM_E_PARSE, 1, 101, "'NaN' is not a JSON number"},
	{IM_FMT_GEOJSON, FC(PT("[-Infinity,33]", "{}")), 0, IM_E_PARSE, 1, 101, "'-Infinity' is not a JSON number"},
	{IM_FMT_GEOJSON, FC(PT("[44]", "{}")), 0, IM_E_PARSE, 1, 41, "not 1 numbers"},
	{IM_FMT_GEOJSON, FC(PT("44", "{}")), 0, IM_E_PARSE, 1, 41, "must be an array"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":1,\"a\":2}")), 0, IM_E_PARSE, 1, 129, "duplicate member name \"a\""},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":1,\"\\u0061\":2}")), 0, IM_E_PARSE, 1, 122, "duplicate member name in this object"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"type\":\"FeatureCollection\",\"features\":[]}", 0, IM_E_PARSE, 1, 29, "duplicate member name \"type\""},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":[],\"features\":[]}", 0, IM_E_PARSE, 1, 43, "duplicate member name \"features\""},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"fatalities\":-3}")), 0, IM_E_RANGE, 1, 41, "\"fatalities\": -3 is out of range"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"fatalities\":2.5}")), 0, IM_E_PARSE, 1, 41, "2.5 is not a whole number"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"fatalities\":99999999999999999999}")), 0, IM_E_RANGE, 1, 41, "out of range"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"event_date\":\"2021-02-30\"}")), 0, IM_E_PARSE, 1, 41, "event_date '2021-02-30' is not a date"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"confidence\":1.5}")), 0, IM_E_RANGE, 1, 41, "confidence 1.5 is not between 0 and 1"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"actors\":[1,2]}")), 0, IM_E_PARSE, 1, 41, "actors[0] must be a string"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"sources\":[\"x\"]}")), 0, IM_E_PARSE, 1, 41, "sources[0] must be an object"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"place\":{}}")), 0, IM_E_PARSE, 1, 41, "\"place\" must be a string, not an object"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "[]")), 0, IM_E_PARSE, 1, 41, "\"properties\" must be an object or null"},
	{IM_FMT_GEOJSON, FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Circle\"},\"properties\":{}}"), 0, IM_E_PARSE, 1, 41, "unknown geometry type 'Circle'"},
	{IM_FMT_GEOJSON, FC("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\"},\"properties\":{}}"), 0, IM_E_PARSE, 1, 41, "Point without coordinates"},
	{IM_FMT_GEOJSON, FC("{\"type\":\"Feature\",\"geometry\":[],\"properties\":{}}"), 0, IM_E_PARSE, 1, 41, "geometry must be an object or null"},
	{IM_FMT_GEOJSON, FC("{\"type\":\"Topology\"}"), 0, IM_E_PARSE, 1, 41, "\"type\" is 'Topology', expected 'Feature'"},
	{IM_FMT_GEOJSON, FC("[1]"), 0, IM_E_PARSE, 1, 41, "unexpected '[', expected a Feature object"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{}") ","), 0, IM_E_PARSE, 1, 126, "unexpected ']', expected a Feature object"},
	{IM_FMT_GEOJSON, FC(PT("[44,33,]", "{}")), 0, IM_E_PARSE, 1, 107, "unexpected ']', expected a value"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{'a':1}")), 0, IM_E_PARSE, 1, 123, "unexpected ''', expected a member name"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":tru}")), 0, IM_E_PARSE, 1, 127, "invalid value 'tru'"},
	{IM_FMT_GEOJSON, FC(PT("[044,33]", "{}")), 0, IM_E_PARSE, 1, 101, "invalid number '044'"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":\"x\ny\"}")), 0, IM_E_PARSE, 1, 129, "control character 0x0A"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":\"\\x\"}")), 0, IM_E_PARSE, 1, 128, "invalid escape"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":\"\\u12G4\"}")), 0, IM_E_PARSE, 1, 132, "4 hex digits"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":\"caf\xe9\"}")), 0, IM_E_PARSE, 1, 131, "invalid UTF-8 (byte 0xE9)"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{\"a\":\"\xc3\xa9\xc3\"}")), 0, IM_E_PARSE, 1, 129, "invalid UTF-8 (byte 0xC3)"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{}")) "x", 0, IM_E_PARSE, 1, 127, "after the end of the GeoJSON object"},
	{IM_FMT_GEOJSON, FC(PT("[44,33]", "{}")) "\n" FC(""), 0, IM_E_PARSE, 2, 1, "after the end of the GeoJSON object"},
	{IM_FMT_GEOJSON, "{\"type\":\"Point\",\"coordinates\":[1,2]}", 0, IM_E_PARSE, 1, 9, "a GeoJSON Point, not a FeatureCollection"},
	{IM_FMT_GEOJSON, "{\"features\":[]}", 0, IM_E_PARSE, 1, 1, "no \"type\""},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\"}", 0, IM_E_PARSE, 1, 1, "without a \"features\" array"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":{}}", 0, IM_E_PARSE, 1, 40, "\"features\" must be an array"},
	{IM_FMT_GEOJSON, "{\"type\":\"Feature\",\"features\":[]}", 0, IM_E_PARSE, 1, 19, "a Feature with a \"features\" member"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},\"features\":[]}", 0, IM_E_UNSUPPORTED, 1, 35, "not WGS 84"},
	{IM_FMT_GEOJSON, "[" FC("") "]", 0, IM_E_PARSE, 1, 1, "expected a GeoJSON object"},
	{IM_FMT_GEOJSON, "\x1e{\"type\":\"Feature\"}", 0, IM_E_PARSE, 1, 1, "read it with --from geojsonseq"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":[\x1e]}", 0, IM_E_PARSE, 1, 41, "record separator"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\" \"features\":[]}", 0, IM_E_PARSE, 1, 29, "expected ',' or '}'"},
	{IM_FMT_GEOJSON, "{\"type\":\"FeatureCollection\",\"features\":[]\0}", 44, IM_E_PARSE, 1, 42, "unexpected byte 0x00, expected ',' or '}'"},
	/* GeoJSONSeq */
	{IM_FMT_GEOJSONSEQ, "\x1e" PT("[44,33]", "{}") "\n\x1e{\"type\":\"Feat", 0, IM_E_PARSE, 2, 15, "unexpected end of file inside a string"},
	{IM_FMT_GEOJSONSEQ, "\x1e{\"type\":\"Feat\n\x1e" PT("[44,33]", "{}") "\n", 0, IM_E_PARSE, 1, 15, "control character 0x0A"},
	{IM_FMT_GEOJSONSEQ, "\x1e{\"type\":\"Feature\",\x1e" PT("[44,33]", "{}") "\n", 0, IM_E_PARSE, 1, 20, "truncated"},
	{IM_FMT_GEOJSONSEQ, "\x1e" FC("") "\n", 0, IM_E_PARSE, 1, 2, "is a FeatureCollection"},
	{IM_FMT_GEOJSONSEQ, "\x1e[1,2]\n", 0, IM_E_PARSE, 1, 2, "record 1 is not a JSON object"},
	{IM_FMT_GEOJSONSEQ, "\x1e" PT("[44,33]", "{}") ",\n", 0, IM_E_PARSE, 1, 86, "unexpected ',' after record 1"},
	{IM_FMT_GEOJSONSEQ, PT("[44,933]", "{}") "\n", 0, IM_E_RANGE, 1, 1, "latitude 933"},
	/* found by fuzz_geojsonseq: a type that merely contains a geometry's name */
	{IM_FMT_GEOJSONSEQ, "\x1e{\"type\":\"FeaPolygonture\",\"geometry\":null}\n", 0, IM_E_PARSE, 1, 2, "\"type\" is 'FeaPolygonture', expected 'Feature'"},
	/* CSV */
	{IM_FMT_CSV, "", 0, IM_E_PARSE, 0, 0, "empty file"},
	{IM_FMT_CSV, H "a,2021-12-07,\"33.1,44\n", 0, IM_E_PARSE, 2, 14, "unclosed quote"},
	{IM_FMT_CSV, "id,event_date,longitude\na,2021-12-07,44\n", 0, IM_E_PARSE, 1, 1, "no 'latitude' column"},
	{IM_FMT_CSV, "id,latitude\na,33\n", 0, IM_E_PARSE, 1, 1, "no 'longitude' column"},
	{IM_FMT_CSV, "id;event_date;latitude;longitude\na;1;2;3\n", 0, IM_E_PARSE, 1, 1, "seems to use ';'"},
	{IM_FMT_CSV, "id,latitude,Latitude,longitude\n", 0, IM_E_PARSE, 1, 13, "column 'Latitude' appears twice"},
	{IM_FMT_CSV, H "a,2021-12-07,33.1,44.2\nb\xff,2021-12-07,33.1,44.2\n", 0, IM_E_PARSE, 3, 2, "invalid UTF-8 (byte 0xFF)"},
	{IM_FMT_CSV, H "a,2021-12-07,nan,44.2\n", 0, IM_E_PARSE, 2, 14, "latitude: 'nan' is not a number"},
	{IM_FMT_CSV, H "a,2021-12-07,33,44\xef\xbc\x8c" "5\n", 0, IM_E_PARSE, 2, 17, "is not a number"},
	{IM_FMT_CSV, H "a,2021-12-07,\"33,5\",44\n", 0, IM_E_PARSE, 2, 14, "use '.' for decimals"},
	{IM_FMT_CSV, H "a,2021-12-07,95,44\n", 0, IM_E_RANGE, 2, 14, "latitude: '95' is out of range"},
	{IM_FMT_CSV, H "a,2021-12-07,33,-181\n", 0, IM_E_RANGE, 2, 17, "longitude: '-181' is out of range"},
	{IM_FMT_CSV, H "a,2021-12-07,33,\n", 0, IM_E_PARSE, 2, 17, "empty while the other coordinate is given"},
	{IM_FMT_CSV, H "a,2021-13-07,33,44\n", 0, IM_E_PARSE, 2, 3, "event_date: '2021-13-07' is not a date"},
	{IM_FMT_CSV, H "a,2021-12-07,33,44,5\n", 0, IM_E_PARSE, 2, -1, "row 1 has 5 fields, the header has 4"},
	{IM_FMT_CSV, H "a,2021-12-07,33\n", 0, IM_E_PARSE, 2, -1, "row 1 has 3 fields"},
	{IM_FMT_CSV, H "a,2021-12-07,3\"3,44\n", 0, IM_E_PARSE, 2, 15, "a quote inside an unquoted field"},
	{IM_FMT_CSV, H "a,2021-12-07,\"33\"x,44\n", 0, IM_E_PARSE, 2, 18, "unexpected 'x' after a closing quote"},
	{IM_FMT_CSV, H "a\0b,2021-12-07,33,44\n", 37, IM_E_PARSE, 2, 2, "NUL byte"},
	{IM_FMT_CSV, "id,fatalities,latitude,longitude\na,-2,33,44\n", 0, IM_E_RANGE, 2, 3, "fatalities: '-2' is out of range"},
	{IM_FMT_CSV, "id,fatalities,latitude,longitude\na,many,33,44\n", 0, IM_E_PARSE, 2, 3, "is not a whole number"},
	{IM_FMT_CSV, "id,geo_precision,latitude,longitude\na,4,33,44\n", 0, IM_E_RANGE, 2, 3, "out of range (1 to 3)"},
	{IM_FMT_CSV, "id,confidence,latitude,longitude\na,2,33,44\n", 0, IM_E_RANGE, 2, 3, "not between 0 and 1"},
	{IM_FMT_CSV, "id,actors,latitude,longitude\na,\"[1,2]\",33,44\n", 0, IM_E_PARSE, 2, 3, "actors[0] must be a string"},
	{IM_FMT_CSV, "id,actors,latitude,longitude\na,[x,33,44\n", 0, IM_E_PARSE, 2, 3, "not a JSON array of strings"},
	{IM_FMT_CSV, "id,sources,latitude,longitude\na,{},33,44\n", 0, IM_E_PARSE, 2, 3, "is not a JSON array of sources"},
};

static void test_bad_inputs(void **state)
{
	(void)state;
	int wrong = 0;
	for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
		const bad_case *c = &bad_cases[k];
		size_t len = c->len ? c->len : strlen(c->input);
		im_io_reader *r;
		im_error e;
		im_error_clear(&e);
		assert_int_equal(im_io_reader_open_mem("bad", c->input, len, c->fmt, &r, &e), IM_OK);
		im_incident inc;
		im_incident_init(&inc);
		im_status st;
		int done = 0, n = 0;
		quiet_start();
		while (!(st = im_io_reader_next(r, &inc, &done, &e)) && !done && n < 100)
			n++;
		quiet_end();
		im_incident_clear(&inc);
		im_io_reader_free(r);
		if (st != c->code || e.line != c->line || (c->col >= 0 && e.col != c->col) ||
		    !strstr(e.msg, c->msg) || strcmp(e.file, "bad") != 0) {
			print_error("case %zu (%.60s...): got status %d at %ld:%ld \"%s\"; want %d at "
				    "%ld:%ld \"%s\"\n",
				    k, c->input, st, e.line, e.col, e.msg, c->code, c->line, c->col, c->msg);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

/* What is not bad, though it may look it. */
static void test_tolerated(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_error e;
	/* BOM, CRLF, a quoted line break, blank lines, spaces in the header,
	 * ACLED-ish aliases, "" (empty) versus nothing (null). */
	const char csv[] = "\xef\xbb\xbf id , Lat,LON,notes,place\r\n"
			   "a,33.5,44.25,\"two\r\nlines\",\"\"\r\n"
			   "\r\n"
			   "b,-1e-1,+10,,\r\n";
	const char *path = tmp("tol.csv");
	assert_int_equal(im_write_file_atomic(path, csv, sizeof csv - 1, &e), IM_OK);
	read_ok(path, IM_FMT_CSV, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].id, "a");
	assert_true(l.v[0].lat == 33.5 && l.v[0].lon == 44.25);
	assert_string_equal(l.v[0].notes, "two\r\nlines");
	assert_string_equal(l.v[0].place, "");
	assert_null(l.v[1].notes);
	assert_null(l.v[1].place);
	assert_true(l.v[1].lat == -0.1 && l.v[1].lon == 10);
	im_list_clear(&l);

	/* A GeoJSON file holding one Feature; a BOM; foreign members; a crs
	 * that is WGS 84; an altitude. */
	const char one[] = "\xef\xbb\xbf{\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4326\"}},"
			   "\"properties\":{\"id\":\"solo\",\"extra\":{\"deep\":[1,{\"x\":null}]}},"
			   "\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[44,33,120]}}";
	path = tmp("one.geojson");
	assert_int_equal(im_write_file_atomic(path, one, sizeof one - 1, &e), IM_OK);
	read_ok(path, IM_FMT_GEOJSON, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].id, "solo");
	assert_true(l.v[0].lon == 44 && l.v[0].lat == 33);
	im_list_clear(&l);

	/* Newline-delimited GeoJSON (no RS) reads as a sequence; an empty
	 * sequence is a valid, empty one. */
	read_ok(FIX "lines.geojsonl", IM_FMT_GEOJSONSEQ, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].id, "l2");
	im_list_clear(&l);
	path = tmp("empty.geojsons");
	assert_int_equal(im_write_file_atomic(path, "", 0, &e), IM_OK);
	read_ok(path, IM_FMT_GEOJSONSEQ, &l);
	assert_int_equal(l.n, 0);
	/* A header and no rows: no incidents, no error. */
	path = tmp("header.csv");
	assert_int_equal(im_write_file_atomic(path, H, strlen(H), &e), IM_OK);
	read_ok(path, IM_FMT_CSV, &l);
	assert_int_equal(l.n, 0);
}

static void test_skipped_features(void **state)
{
	(void)state;
	im_incident_list l = {0};
	quiet_start();
	read_ok(FIX "mixed.geojson", IM_FMT_GEOJSON, &l);
	quiet_end();
	assert_int_equal(l.n, 3);
	/* Two skips and the summary. */
	assert_int_equal(n_warn, 3);
	assert_non_null(strstr(last_warn, "skipped 2 features that are not Points"));
	/* Lenient forms: the Feature's own id, ints as strings and reals. */
	assert_string_equal(l.v[0].id, "point-a");
	assert_int_equal(l.v[0].fatalities, 4);
	assert_true(l.v[0].confidence == 0.5);
	assert_false(l.v[1].has_point); /* geometry null: kept, unplaced */
	assert_string_equal(l.v[1].id, "unplaced");
	assert_string_equal(l.v[2].id, "7");
	assert_int_equal(l.v[2].fatalities, 2);
	assert_int_equal(l.v[2].n_actors, 2);
	assert_string_equal(l.v[2].actors[1], "rebels");
	assert_int_equal(l.v[2].event_date.d, 5);
	im_list_clear(&l);

	/* A bare geometry in a sequence is skipped too (fuzz_geojsonseq found
	 * its warning reading freed memory). */
	const char seq[] = "\x1e{\"type\":\"Polygon\",\"coordinates\":[]}\n\x1e" PT("[1,2]", "{}") "\n";
	im_error e0;
	assert_int_equal(im_write_file_atomic(tmp("bare.geojsons"), seq, sizeof seq - 1, &e0), IM_OK);
	quiet_start();
	read_ok(tmp("bare.geojsons"), IM_FMT_GEOJSONSEQ, &l);
	quiet_end();
	assert_int_equal(l.n, 1);
	assert_int_equal(n_warn, 2);
	im_list_clear(&l);

	/* Many skips: a few shown, all counted. */
	im_buf b = IM_BUF_INIT;
	im_buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
	for (int i = 0; i < 40; i++)
		im_buf_puts(&b, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]},\"properties\":{}},");
	im_buf_puts(&b, PT("[1,2]", "{}") "]}");
	im_io_reader *r;
	im_error e;
	assert_int_equal(im_io_reader_open_mem("many", b.p, b.len, IM_FMT_GEOJSON, &r, &e), IM_OK);
	im_incident inc;
	im_incident_init(&inc);
	int done = 0, n = 0;
	quiet_start();
	while (!im_io_reader_next(r, &inc, &done, &e) && !done)
		n++;
	quiet_end();
	assert_int_equal(n, 1);
	assert_int_equal(im_io_reader_skipped(r), 40);
	assert_int_equal(n_warn, IM_IO_MAX_WARN + 1);
	assert_non_null(strstr(last_warn, "skipped 40 features"));
	im_incident_clear(&inc);
	im_io_reader_free(r);
	im_buf_free(&b);
}

/* Streaming: the buffers hold one feature or row, whatever the file size. */
static void test_streaming_bounded(void **state)
{
	(void)state;
	const int n = 20000;
	im_buf b = IM_BUF_INIT;
	im_buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[\n");
	for (int i = 0; i < n; i++)
		im_buf_printf(&b, "%s" PT("[%d.5,%d.25]", "{\"id\":\"s%d\",\"fatalities\":%d,\"notes\":\"%s\"}"),
			      i ? ",\n" : "", i % 179, i % 89, i, i % 50,
			      "A line of notes long enough to make the file a few megabytes in all.");
	im_buf_puts(&b, "\n]}");
	im_io_reader *r;
	im_error e;
	assert_int_equal(im_io_reader_open_mem("big", b.p, b.len, IM_FMT_GEOJSON, &r, &e), IM_OK);
	im_incident inc;
	im_incident_init(&inc);
	int done = 0, count = 0;
	while (!im_io_reader_next(r, &inc, &done, &e) && !done) {
		count++;
		if (count == n)
			assert_string_equal(inc.id, "s19999");
	}
	assert_true(done);
	assert_int_equal(count, n);
	assert_true(b.len > 3000000);
	assert_true(r->scan.out.cap <= 1024);
	assert_true(r->scan.cap_objs <= 64);
	im_incident_clear(&inc);
	im_io_reader_free(r);

	/* The same through CSV. */
	im_buf_reset(&b);
	im_buf_puts(&b, H);
	for (int i = 0; i < n; i++)
		im_buf_printf(&b, "r%d,2021-12-%02d,%d.5,%d.25\n", i, 1 + i % 28, i % 89, i % 179);
	assert_int_equal(im_io_reader_open_mem("big.csv", b.p, b.len, IM_FMT_CSV, &r, &e), IM_OK);
	count = 0;
	while (!im_io_reader_next(r, &inc, &done, &e) && !done)
		count++;
	assert_int_equal(count, n);
	assert_true(r->rec.cap <= 1024);
	im_incident_clear(&inc);
	im_io_reader_free(r);
	im_buf_free(&b);
}

/* ---- reading ahead in a thread --------------------------------------------- */

/* A CSV of n rows; row bad (1-based, 0: none) has a latitude that is no
 * number. */
static void ahead_csv(im_buf *b, int n, int bad)
{
	im_buf_reset(b);
	im_buf_puts(b, "id,event_date,event_type,fatalities,latitude,longitude\n");
	for (int i = 1; i <= n; i++)
		im_buf_printf(b, "a%d,2024-03-%02d,Battles,%d,%s,44.%d\n", i, 1 + i % 28, i % 7,
			      i == bad ? "north" : "33.5", i % 10);
}

/* Reads b's CSV directly and ahead: the same incidents, in order, then the
 * same end or error (its message and line). */
static void ahead_same(const im_buf *b, int want)
{
	im_io_reader *r1, *r2;
	im_io_ahead *a;
	im_error e1, e2;
	assert_int_equal(im_io_reader_open_mem("d.csv", b->p, b->len, IM_FMT_CSV, &r1, &e1), IM_OK);
	assert_int_equal(im_io_reader_open_mem("d.csv", b->p, b->len, IM_FMT_CSV, &r2, &e2), IM_OK);
	assert_int_equal(im_io_ahead_start(r2, &a, &e2), IM_OK);
	im_incident inc;
	im_incident_init(&inc);
	int n = 0;
	for (;;) {
		int d1 = 0, d2 = 0;
		const im_incident *got = NULL;
		im_status s1 = im_io_reader_next(r1, &inc, &d1, &e1);
		im_status s2 = im_io_ahead_next(a, &got, &d2, &e2);
		assert_int_equal(s1, s2);
		assert_int_equal(d1, d2);
		if (s1 || d1) {
			assert_null(got);
			if (s1) {
				assert_string_equal(e1.msg, e2.msg);
				assert_int_equal(e1.line, e2.line);
			}
			break;
		}
		assert_non_null(got);
		same_incident((size_t)n++, &inc, got);
	}
	assert_int_equal(n, want);
	im_incident_clear(&inc);
	im_io_ahead_free(a);
	im_io_reader_free(r2);
	im_io_reader_free(r1);
}

static void test_ahead(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	quiet_start();
	ahead_csv(&b, 0, 0); /* no rows */
	ahead_same(&b, 0);
	ahead_csv(&b, 5, 0); /* less than a batch */
	ahead_same(&b, 5);
	ahead_csv(&b, 10000, 0); /* the ring of batches goes round twice */
	ahead_same(&b, 10000);
	ahead_csv(&b, 4096, 0); /* exactly the ring's batches */
	ahead_same(&b, 4096);
	ahead_csv(&b, 6000, 5000); /* a failure in a later batch, after its rows */
	ahead_same(&b, 4999);
	/* The caller stops after one incident: the thread, a batch ahead or
	 * waiting for room, ends and frees what it read. */
	ahead_csv(&b, 10000, 0);
	im_io_reader *r;
	im_io_ahead *a;
	im_error e;
	assert_int_equal(im_io_reader_open_mem("d.csv", b.p, b.len, IM_FMT_CSV, &r, &e), IM_OK);
	assert_int_equal(im_io_ahead_start(r, &a, &e), IM_OK);
	const im_incident *got;
	int done;
	assert_int_equal(im_io_ahead_next(a, &got, &done, &e), IM_OK);
	assert_string_equal(got->id, "a1");
	im_io_ahead_free(a);
	im_io_reader_free(r);
	quiet_end();
	im_buf_free(&b);
}

static void test_limits(void **state)
{
	(void)state;
	/* 1,000-deep nesting inside a feature. */
	im_buf b = IM_BUF_INIT;
	im_buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":");
	for (int i = 0; i < 1000; i++)
		im_buf_puts(&b, "{\"a\":");
	im_buf_puts(&b, "1");
	for (int i = 0; i < 1000; i++)
		im_buf_putc(&b, '}');
	im_buf_puts(&b, "}]}");
	im_io_reader *r;
	im_error e;
	im_incident inc;
	im_incident_init(&inc);
	int done;
	assert_int_equal(im_io_reader_open_mem("deep", b.p, b.len, IM_FMT_GEOJSON, &r, &e), IM_OK);
	assert_int_equal(im_io_reader_next(r, &inc, &done, &e), IM_E_TOO_LARGE);
	assert_non_null(strstr(e.msg, "nested deeper than 64 levels"));
	assert_int_equal(e.col, 88 + 5 * 63); /* the 64th object inside the feature */
	im_io_reader_free(r);

	/* One feature over the size limit. */
	im_buf_reset(&b);
	im_buf_puts(&b, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"notes\":\"");
	while (b.len < IM_IO_MAX_RECORD + 100)
		im_buf_puts(&b, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	im_buf_puts(&b, "\"}}]}");
	assert_int_equal(im_io_reader_open_mem("huge", b.p, b.len, IM_FMT_GEOJSON, &r, &e), IM_OK);
	assert_int_equal(im_io_reader_next(r, &inc, &done, &e), IM_E_TOO_LARGE);
	assert_non_null(strstr(e.msg, "feature larger than the limit of 16 MiB"));
	assert_int_equal(e.line, 1);
	assert_int_equal(e.col, 41);
	im_io_reader_free(r);

	/* A CSV whose quote never closes runs into the row limit, not memory. */
	im_buf_reset(&b);
	im_buf_puts(&b, H "a,\"");
	while (b.len < IM_IO_MAX_RECORD + 100)
		im_buf_puts(&b, "line of a runaway field\n");
	assert_int_equal(im_io_reader_open_mem("runaway.csv", b.p, b.len, IM_FMT_CSV, &r, &e), IM_OK);
	assert_int_equal(im_io_reader_next(r, &inc, &done, &e), IM_E_TOO_LARGE);
	assert_non_null(strstr(e.msg, "row larger than the limit"));
	im_io_reader_free(r);
	im_incident_clear(&inc);
	im_buf_free(&b);
}

static void test_acled(void **state)
{
	(void)state;
	im_incident_list l = {0};
	read_ok(FIX "acled.csv", IM_FMT_CSV, &l);
	assert_int_equal(l.n, 5);
	const im_incident *a = &l.v[0];
	assert_string_equal(a->id, "IRQ90001");
	assert_int_equal(a->event_date.y, 2021);
	assert_int_equal(a->event_date.m, 12);
	assert_int_equal(a->event_date.d, 7);
	assert_int_equal(a->time_precision, 1);
	assert_string_equal(a->event_type, "Explosions/Remote violence");
	assert_string_equal(a->place, "Safwan");
	assert_string_equal(a->admin1, "Basra");
	assert_string_equal(a->country, "IQ");
	assert_int_equal(a->geo_precision, 2);
	assert_int_equal(a->fatalities, 2);
	assert_int_equal(a->injuries, IM_NULL_INT);
	assert_true(a->lat == 30.1103 && a->lon == 47.7126);
	assert_int_equal(a->n_actors, 4);
	assert_string_equal(a->actors[0], "Unidentified Armed Group (Iraq)");
	assert_string_equal(a->actors[1], "Civilians (Iraq)");
	assert_string_equal(a->actors[2], "Farmers (Iraq)");
	assert_string_equal(a->actors[3], "Shepherds (Iraq)");
	assert_int_equal(a->n_sources, 2);
	assert_string_equal(a->sources[1].title, "Example Daily");
	assert_true(a->confidence == 1.0);
	/* the other date forms */
	assert_int_equal(l.v[2].event_date.d, 9);
	assert_int_equal(l.v[2].event_date.m, 12);
	assert_int_equal(l.v[3].event_date.d, 13);
	assert_string_equal(l.v[3].country, "SY");
	assert_int_equal(l.v[3].geo_precision, 3);
	assert_int_equal(l.v[4].event_date.d, 20);
	assert_string_equal(l.v[4].country, "IR");
	assert_int_equal(l.v[2].n_actors, 2); /* empty actor2 left out */
	im_list_clear(&l);

	/* An unknown country is left empty with a warning, not guessed. */
	const char csv[] = "event_id_cnty,country,latitude,longitude\nX1,Atlantis,1,2\n";
	im_error e;
	assert_int_equal(im_write_file_atomic(tmp("atl.csv"), csv, sizeof csv - 1, &e), IM_OK);
	quiet_start();
	read_ok(tmp("atl.csv"), IM_FMT_CSV, &l);
	quiet_end();
	assert_int_equal(l.n, 1);
	assert_null(l.v[0].country);
	assert_int_equal(n_warn, 1);
	assert_non_null(strstr(last_warn, "country 'Atlantis' not recognised"));
	im_list_clear(&l);
}

/* The CSV reader's fast decoder of the sources column takes the common form
 * and leaves everything else to json-c, untouched. */
static void test_sources_fast(void **state)
{
	(void)state;
	im_incident inc;
	im_incident_init(&inc);
	const char ok[] = " [ {\"id\":\"a\",\"url\":\"https://x.org/?a=1&b=\\\"2\\\"\",\"date\":null,"
			  "\"title\":\"line\\nbreak \\\\ \\/\"} , {\"file\":\"r.txt\"} ] ";
	assert_int_equal(im_io_sources_fast(&inc, ok, sizeof ok - 1), 1);
	assert_int_equal(inc.n_sources, 2);
	assert_string_equal(inc.sources[0].id, "a");
	assert_string_equal(inc.sources[0].url, "https://x.org/?a=1&b=\"2\"");
	assert_null(inc.sources[0].date);
	assert_string_equal(inc.sources[0].title, "line\nbreak \\ /");
	assert_string_equal(inc.sources[1].file, "r.txt");
	assert_null(inc.sources[1].id);
	im_incident_clear(&inc);
	assert_int_equal(im_io_sources_fast(&inc, "[]", 2), 1);
	assert_int_equal(inc.n_sources, 0);
	static const char *const others[] = {
		"[{\"id\":7}]",             /* a number: json-c's path */
		"[{\"title\":\"\\u00e9\"}]", /* \u escapes */
		"[{\"author\":\"x\"}]",      /* another name */
		"[{\"id\":\"a\",\"id\":\"b\"}]",
		"[{\"id\":\"a\"},]",
		"[{\"id\":\"a\"}] x",
		"{\"id\":\"a\"}",
		"[\"a\"]",
		"[{\"id\":\"a\"}",
		"",
	};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		assert_int_equal(im_io_sources_fast(&inc, others[i], strlen(others[i])), 0);
		assert_int_equal(inc.n_sources, 0);
	}
	/* Through the reader: both paths give the same sources. */
	const char csv[] = "id,sources,latitude,longitude\n"
			   "a,\"[{\"\"id\"\":\"\"s\"\",\"\"title\"\":\"\"caf\\u00e9\"\"}]\",1,2\n"
			   "b,\"[{\"\"id\"\":\"\"s\"\",\"\"title\"\":\"\"caf\xc3\xa9\"\"}]\",1,2\n";
	im_error e;
	im_incident_list l = {0};
	assert_int_equal(im_write_file_atomic(tmp("src.csv"), csv, sizeof csv - 1, &e), IM_OK);
	read_ok(tmp("src.csv"), IM_FMT_CSV, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].sources[0].title, "caf\xc3\xa9");
	assert_string_equal(l.v[1].sources[0].title, "caf\xc3\xa9");
	im_list_clear(&l);
}

static void test_ids_stable(void **state)
{
	(void)state;
	const char gj[] = FC(PT("[44,33]", "{\"notes\":\"a\"}") "," PT("[44,33]", "{\"notes\":\"b\"}"));
	const char csv[] = "notes,latitude,longitude\na,33,44\nb,33,44\n";
	im_incident_list l1 = {0}, l2 = {0}, c1 = {0};
	im_error e;
	assert_int_equal(im_write_file_atomic(tmp("noid.geojson"), gj, sizeof gj - 1, &e), IM_OK);
	assert_int_equal(im_write_file_atomic(tmp("noid.csv"), csv, sizeof csv - 1, &e), IM_OK);
	read_ok(tmp("noid.geojson"), IM_FMT_GEOJSON, &l1);
	read_ok(tmp("noid.geojson"), IM_FMT_GEOJSON, &l2);
	read_ok(tmp("noid.csv"), IM_FMT_CSV, &c1);
	assert_int_equal(l1.n, 2);
	assert_string_equal(l1.v[0].id, l2.v[0].id);
	assert_string_equal(l1.v[1].id, l2.v[1].id);
	assert_string_not_equal(l1.v[0].id, l1.v[1].id);
	assert_int_equal(strncmp(l1.v[0].id, "im-", 3), 0);
	assert_string_not_equal(c1.v[0].id, c1.v[1].id);
	im_list_clear(&l1);
	im_list_clear(&l2);
	im_list_clear(&c1);
}

static void test_writer_refuses(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_incident inc;
	im_incident_init(&inc);
	set(&inc.id, "good");
	inc.has_point = 1;
	inc.lon = 44;
	inc.lat = 33;
	im_list_push(&l, &inc);
	set(&inc.id, "bad");
	inc.has_point = 1;
	inc.lon = 44;
	inc.lat = 95;
	im_list_push(&l, &inc);
	static const im_format fmts[] = {IM_FMT_GEOJSON, IM_FMT_GEOJSONSEQ, IM_FMT_CSV};
	for (int f = 0; f < 3; f++) {
		im_error e;
		im_error_clear(&e);
		assert_int_equal(im_io_write(tmp("refused"), fmts[f], &l, &e), IM_E_RANGE);
		assert_non_null(strstr(e.msg, "incident 2 (bad)"));
		assert_false(im_file_exists(tmp("refused")));
		assert_no_temp_files();
	}
	l.v[1].lat = 33;
	l.v[1].confidence = NAN;
	im_error e;
	assert_int_equal(im_io_write(tmp("refused"), IM_FMT_CSV, &l, &e), IM_E_RANGE);
	l.v[1].confidence = 0.5;
	l.v[1].fatalities = -7;
	assert_int_equal(im_io_write(tmp("refused"), IM_FMT_CSV, &l, &e), IM_E_RANGE);
	l.v[1].fatalities = 1;
	l.v[1].time_precision = 0;
	assert_int_equal(im_io_write(tmp("refused"), IM_FMT_CSV, &l, &e), IM_E_RANGE);
	assert_false(im_file_exists(tmp("refused")));
	/* An unwritable place. */
	assert_int_equal(im_io_write(tmp("no/such/dir/x.csv"), IM_FMT_CSV, &l, &e), IM_E_IO);
	/* A missing file, a folder. */
	im_incident_list r = {0};
	assert_int_equal(im_io_read(tmp("missing.geojson"), IM_FMT_GEOJSON, &r, &e), IM_E_IO);
	assert_non_null(strstr(e.msg, "cannot open"));
	assert_int_equal(im_io_read(tmpdir, IM_FMT_CSV, &r, &e), IM_E_IO);
	assert_non_null(strstr(e.msg, "is a folder"));
	im_list_clear(&l);
}

static void test_read_all_or_nothing(void **state)
{
	(void)state;
	im_incident_list l = {0};
	read_ok(FIX "seq.geojsons", IM_FMT_GEOJSONSEQ, &l);
	assert_int_equal(l.n, 2);
	const char bad[] = "\x1e" PT("[44,33]", "{}") "\n\x1e" PT("[44,33]", "{}") "\n\x1e{";
	im_error e;
	assert_int_equal(im_write_file_atomic(tmp("bad.geojsons"), bad, sizeof bad - 1, &e), IM_OK);
	assert_int_equal(im_io_read(tmp("bad.geojsons"), IM_FMT_GEOJSONSEQ, &l, &e), IM_E_PARSE);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].id, "s2");
	im_list_clear(&l);
}

static void test_bbox(void **state)
{
	(void)state;
	im_incident_list l = {0};
	read_ok(FIX "antimeridian.geojson", IM_FMT_GEOJSON, &l);
	write_ok(tmp("am.geojson"), IM_FMT_GEOJSON, &l);
	im_list_clear(&l);
	char *x;
	size_t n;
	im_error e;
	assert_int_equal(im_read_file(tmp("am.geojson"), 0, &x, &n, &e), IM_OK);
	/* RFC 7946 5.2: across the antimeridian, west > east. */
	assert_non_null(strstr(x, "\"bbox\":[178.4,-18.2,-179.8,-16.5]"));
	free(x);

	/* No points, no bbox; an empty collection is still valid GeoJSON. */
	write_ok(tmp("empty.geojson"), IM_FMT_GEOJSON, &l);
	assert_int_equal(im_read_file(tmp("empty.geojson"), 0, &x, &n, &e), IM_OK);
	assert_string_equal(x, "{\"type\":\"FeatureCollection\",\"features\":[]}\n");
	free(x);
	read_ok(tmp("empty.geojson"), IM_FMT_GEOJSON, &l);
	assert_int_equal(l.n, 0);

	read_ok(FIX "edges.geojson", IM_FMT_GEOJSON, &l);
	assert_int_equal(l.n, 4);
	assert_true(l.v[0].lon == 180 && l.v[0].lat == 90);
	assert_true(l.v[1].lon == -180 && l.v[1].lat == -90);
	assert_null(l.v[2].admin1);
	write_ok(tmp("edges.geojson"), IM_FMT_GEOJSON, &l);
	im_list_clear(&l);
	assert_int_equal(im_read_file(tmp("edges.geojson"), 0, &x, &n, &e), IM_OK);
	assert_non_null(strstr(x, "\"coordinates\":[0,51.4779]")); /* -0.0000004 rounds to 0 */
	assert_null(strstr(x, "-0,"));
	free(x);
}

static void test_qml(void **state)
{
	(void)state;
	/* The QGIS expression encodes the same curve as im_style_size_mm(). */
	for (int f = -1; f <= 2000; f += (f < 50 ? 1 : 37)) {
		double ff = f > 0 ? f : 0;
		double want = fmin(IM_STYLE_MAX_MM, IM_STYLE_MIN_MM * sqrt(1 + ff / 4.0));
		if (fabs(im_style_size_mm(f) - want) > 1e-9)
			fail_msg("im_style_size_mm(%d) = %g, the QML curve gives %g: update qml.c", f,
				 im_style_size_mm(f), want);
	}
	im_buf expr = IM_BUF_INIT;
	assert_int_equal(im_qml_size_expr(&expr), IM_OK);
	assert_string_equal(expr.p, "min(14.0, 2.6 * sqrt(1 + max(coalesce(\"fatalities\", 0), 0) / 4.0))");
	im_buf_free(&expr);

	im_error e;
	assert_int_equal(im_qml_write(tmp("s.qml"), &e), IM_OK);
	char *x;
	size_t n;
	assert_int_equal(im_read_file(tmp("s.qml"), 0, &x, &n, &e), IM_OK);
	assert_non_null(strstr(x, "type=\"categorizedSymbol\" attr=\"event_type\""));
	size_t cats = 0;
	for (const char *p = x; (p = strstr(p, "<category ")); p++)
		cats++;
	assert_int_equal(cats, im_n_styles);
	for (size_t i = 0; i < im_n_styles; i++) {
		char want[160];
		snprintf(want, sizeof want, "<category value=\"%s\" symbol=\"%zu\" label=\"%s\"",
			 im_styles[i].event_type ? im_styles[i].event_type : "", i, im_styles[i].label);
		if (!strstr(x, want))
			fail_msg("missing %s", want);
		snprintf(want, sizeof want, "<prop k=\"color\" v=\"%u,%u,%u,255\"/>", im_styles[i].r,
			 im_styles[i].g, im_styles[i].b);
		assert_non_null(strstr(x, want));
		snprintf(want, sizeof want, "<prop k=\"name\" v=\"%s\"/>", im_styles[i].qgis_shape);
		assert_non_null(strstr(x, want));
		/* open where only the province is known: white inside, edge in colour */
		snprintf(want, sizeof want,
			 "value=\"if(coalesce(&quot;geo_precision&quot;, 3) &gt;= 3, color_rgb(255, 255, 255), "
			 "color_rgb(%u, %u, %u))\"", im_styles[i].r, im_styles[i].g, im_styles[i].b);
		if (!strstr(x, want))
			fail_msg("missing %s", want);
	}
	char edge[64];
	snprintf(edge, sizeof edge, "<prop k=\"outline_color\" v=\"%u,%u,%u,255\"/>", IM_STYLE_EDGE_R,
		 IM_STYLE_EDGE_G, IM_STYLE_EDGE_B);
	assert_non_null(strstr(x, edge));
	assert_non_null(strstr(x, "<prop k=\"outline_width\" v=\"0.2\"/>"));
	assert_non_null(strstr(x, "&gt;= 3, 0.55, 0.2)"));
	assert_non_null(strstr(x, "value=\"min(14.0, 2.6 * sqrt(1 + max(coalesce(&quot;fatalities&quot;, 0), 0) / 4.0))\""));
	assert_non_null(strstr(x, "<prop k=\"size_unit\" v=\"MM\"/>"));
	free(x);

	char *p = im_qml_path_for("out/incidents.geojson");
	assert_string_equal(p, "out/incidents.qml");
	free(p);
	p = im_qml_path_for("a.b/noext");
	assert_string_equal(p, "a.b/noext.qml");
	free(p);
	p = im_qml_path_for(".hidden");
	assert_string_equal(p, ".hidden.qml");
	free(p);
	assert_null(im_qml_path_for("-"));
	assert_int_equal(im_qml_write(tmp("no/such/dir/s.qml"), &e), IM_E_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_numbers_out),
		cmocka_unit_test(test_numbers_in),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_json_strings),
		cmocka_unit_test(test_roundtrip_fixture),
		cmocka_unit_test(test_roundtrip_tricky),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_tolerated),
		cmocka_unit_test(test_skipped_features),
		cmocka_unit_test(test_streaming_bounded),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_acled),
		cmocka_unit_test(test_sources_fast),
		cmocka_unit_test(test_ids_stable),
		cmocka_unit_test(test_writer_refuses),
		cmocka_unit_test(test_read_all_or_nothing),
		cmocka_unit_test(test_bbox),
		cmocka_unit_test(test_qml),
		cmocka_unit_test(test_ahead),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
