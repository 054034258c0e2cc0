/* test_gaz_api.c: the gazetteer library on a copy of the small fixture
 * gazetteer (tests/fixtures/gaz): lookup and ranking, ids, boxes, country
 * names, the compiled index going stale or bad, and the maintenance
 * functions with good and bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "gazetteer/gazetteer.h"

/* The reasons of a candidate in words (im_gaz_why), in a buffer of the
 * test's own: each assert reads it before the next call. */
static const char *why_of(const im_gaz_cand *c)
{
	static char buf[160];
	im_gaz_why(c, buf, sizeof buf);
	return buf;
}

static char dir[1024];

static void sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("command failed: %s", cmd);
}

/* A fresh copy of the fixture for each test. */
static int setup(void **state)
{
	(void)state;
	static int n;
	snprintf(dir, sizeof dir, "%s/gaz-api-%ld-%d", INCIMAP_TEST_TMP, (long)getpid(), n++);
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && cp %s/tests/fixtures/gaz/*.txt '%s'/",
		 dir, dir, INCIMAP_SOURCE_DIR, dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s' 2>/dev/null; rm -rf '%s'", dir, dir);
	return system(cmd) == 0 ? 0 : -1;
}

static im_gaz *open_ok(void)
{
	im_gaz *g = NULL;
	im_error err;
	im_error_clear(&err);
	if (im_gaz_open(dir, &g, &err) != IM_OK)
		fail_msg("open %s: %s", dir, err.msg);
	return g;
}

/* The id of the best candidate for name, "" when none. */
static const char *top(const im_gaz *g, const char *name, const im_gaz_ctx *ctx)
{
	static im_gaz_cand c[4];
	size_t n = im_gaz_lookup(g, name, strlen(name), ctx, c, 4);
	return n ? c[0].place.id : "";
}

static void spellings_meet(void **state)
{
	(void)state;
	im_gaz *g = open_ok();
	static const char *const rows[][7] = {
		{"gn:99532", "Basra", "Basrah", "Al-Basrah", "al Basra", "البصرة", "Bassora"},
		{"gn:95446", "Erbil", "Arbil", "Irbil", "Hawler", "أربيل", "Hewlêr"},
		{"gn:93818", "Makhmour", "Makhmur", "Mexmur", "Makhmūr", "مخمور", "Mexmûr"},
		{"gn:98854", "Nasiriyah", "Nasiriya", "An-Nasiriyah", "الناصرية", "an-Nasiriya", "NASIRIYAH"},
		{"gn:97019", "Dhi Qar", "Thi Qar", "Dhi Qar Governorate", "ذي قار", "Muhafazat Dhi Qar", "Dhi-Qar"},
		{"gn:98463", "Sulaymaniyah", "Slemani", "Sulaimaniya", "As-Sulaymaniyah", "Sulaymaniya", "Slemani"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		for (size_t j = 1; j < 7; j++)
			if (strcmp(top(g, rows[i][j], NULL), rows[i][0]) != 0)
				fail_msg("'%s' -> '%s', wanted %s", rows[i][j], top(g, rows[i][j], NULL),
					 rows[i][0]);
	im_gaz_free(g);
}

static void ranking(void **state)
{
	(void)state;
	im_gaz *g = open_ok();
	im_gaz_cand c[8];
	/* no context: the most prominent place */
	assert_string_equal(top(g, "Kerman", NULL), "gn:128234");
	assert_string_equal(top(g, "Basra", NULL), "gn:99532");
	/* the governorate before the village of the same name */
	size_t n = im_gaz_lookup(g, "Dhi Qar", 7, NULL, c, 8);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].place.id, "gn:97019");
	assert_int_equal(c[0].place.kind, IM_KIND_ADMIN1);
	assert_string_equal(c[1].place.id, "gn:97020");
	assert_true(c[0].score > c[1].score);
	assert_non_null(strstr(why_of(&c[0]), "admin1"));
	/* the spelling as written beats a bigger place that is only a variant */
	assert_string_equal(top(g, "Samarra", NULL), "gn:91597");
	assert_string_equal(top(g, "Samara", NULL), "gn:499099");
	n = im_gaz_lookup(g, "Samarra", 7, NULL, c, 8);
	assert_int_equal(n, 2);
	assert_non_null(strstr(why_of(&c[0]), "name as written"));
	assert_non_null(strstr(why_of(&c[1]), "spelling variant"));
	/* the same, told to the resolver without words */
	assert_int_equal(c[0].match, IM_GAZ_OWN_NAME);
	assert_int_equal(c[1].match, IM_GAZ_VARIANT);

	/* a country named by the text */
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.countries[0] = "US";
	ctx.country_w[0] = 1.0;
	ctx.n_countries = 1;
	assert_string_equal(top(g, "Kerman", &ctx), "gn:5362909");
	n = im_gaz_lookup(g, "Kerman", 6, &ctx, c, 8);
	assert_non_null(strstr(why_of(&c[0]), "in US named (w 1.00)"));
	/* a weak hint does not outweigh prominence; its weight said as
	 * printf's %.2f would (0.125 to even) */
	ctx.country_w[0] = 0.125;
	n = im_gaz_lookup(g, "Kerman", 6, &ctx, c, 8);
	for (size_t i = 0; i < n && i < 8; i++)
		if (strcmp(c[i].place.country, "US") == 0)
			assert_non_null(strstr(why_of(&c[i]), "in US named (w 0.12)"));
	ctx.country_w[0] = 0.1;
	assert_string_equal(top(g, "Kerman", &ctx), "gn:128234");
	/* a point near the other Kerman */
	memset(&ctx, 0, sizeof ctx);
	ctx.has_near = 1;
	ctx.near_lat = 36.7;
	ctx.near_lon = -120.1;
	assert_string_equal(top(g, "Kerman", &ctx), "gn:5362909");
	n = im_gaz_lookup(g, "Kerman", 6, &ctx, c, 8);
	assert_non_null(strstr(why_of(&c[0]), "km from the point"));
	char popped[64];
	snprintf(popped, sizeof popped, ", pop %lld,", (long long)c[0].place.population);
	if (c[0].place.population > 0)
		assert_non_null(strstr(why_of(&c[0]), popped));
	/* near the village Dhi Qar: the village */
	ctx.near_lat = 31.46;
	ctx.near_lon = 45.10;
	assert_string_equal(top(g, "Dhi Qar", &ctx), "gn:97020");
	/* a province named */
	memset(&ctx, 0, sizeof ctx);
	ctx.admin1[0] = "Muthanna";
	ctx.n_admin1 = 1;
	n = im_gaz_lookup(g, "Dhi Qar", 7, &ctx, c, 8);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].place.id, "gn:97020"); /* the village in the province named */
	assert_string_equal(c[0].place.admin1, "Muthanna");
	assert_non_null(strstr(why_of(&c[0]), "in Muthanna named"));
	/* --country keeps one country only */
	memset(&ctx, 0, sizeof ctx);
	ctx.only_country = "us";
	n = im_gaz_lookup(g, "Kerman", 6, &ctx, c, 8);
	assert_int_equal(n, 1);
	assert_string_equal(c[0].place.country, "US");
	ctx.only_country = "FR";
	assert_int_equal(im_gaz_lookup(g, "Kerman", 6, &ctx, c, 8), 0);
	/* max smaller than the total: the best one of all three */
	n = im_gaz_lookup(g, "Kerman", 6, NULL, c, 1);
	assert_int_equal(n, 3); /* two cities and the province */
	assert_string_equal(c[0].place.id, "gn:128234");
	/* a name found once, asked again: the same answers */
	im_gaz_name nm = im_gaz_find(g, "Samarra", 7);
	assert_int_not_equal(nm.key, 0);
	assert_int_equal(im_gaz_known_name(g, nm), im_gaz_known(g, "Samarra", 7));
	im_gaz_cand c2[8];
	n = im_gaz_lookup(g, "Samarra", 7, NULL, c, 8);
	assert_true(n > 0);
	assert_int_equal(im_gaz_lookup_name(g, nm, NULL, c2, 8), n);
	assert_string_equal(c2[0].place.id, c[0].place.id);
	assert_int_equal(c2[0].match, c[0].match);
	nm = im_gaz_find(g, "Atlantis", 8);
	assert_int_equal(nm.key, 0);
	assert_int_equal(im_gaz_known_name(g, nm), 0);
	assert_int_equal(im_gaz_lookup_name(g, nm, NULL, c2, 8), 0);
	/* unknown and degenerate names */
	assert_int_equal(im_gaz_lookup(g, "Atlantis", 8, NULL, c, 8), 0);
	assert_int_equal(im_gaz_lookup(g, "", 0, NULL, c, 8), 0);
	assert_int_equal(im_gaz_lookup(g, "!!", 2, NULL, c, 8), 0);
	assert_int_equal(im_gaz_lookup(NULL, "Basra", 5, NULL, c, 8), 0);
	/* names from alternates.txt; its link rows are not names */
	assert_string_equal(top(g, "City of Peace", NULL), "gn:98182");
	assert_string_equal(top(g, "العراق", NULL), "ne:IQ");
	assert_string_equal(top(g, "https://example.org/baghdad", NULL), "");
	im_gaz_free(g);
}

static void places_and_countries(void **state)
{
	(void)state;
	im_gaz *g = open_ok();
	im_place p;
	assert_true(im_gaz_get(g, "gn:99532", &p));
	assert_string_equal(p.name, "Basra");
	assert_string_equal(p.country, "IQ");
	assert_string_equal(p.admin1, "Basra"); /* code 02 through admin1.txt */
	assert_int_equal(p.kind, IM_KIND_ADMIN_SEAT);
	assert_true(p.population == 1326564);
	assert_true(p.lat > 30.50851 && p.lat < 30.50853);
	assert_true(p.lon > 47.78039 && p.lon < 47.78041);
	assert_true(im_gaz_get(g, "99532", &p)); /* a bare GeoNames id */
	assert_true(im_gaz_get(g, "ne:IQ", NULL));
	assert_false(im_gaz_get(g, "gn:1", &p));
	assert_false(im_gaz_get(g, "", &p));
	assert_false(im_gaz_get(NULL, "gn:99532", &p));

	assert_string_equal(im_gaz_country_name(g, "IQ"), "Iraq");
	assert_string_equal(im_gaz_country_name(g, "iq"), "Iraq");
	assert_null(im_gaz_country_name(g, "XX"));
	assert_null(im_gaz_country_name(g, "IQX"));
	assert_null(im_gaz_country_name(g, "I"));
	assert_null(im_gaz_country_name(g, "1Q"));

	/* a province's seat: its PPLA, not a PPLA2 in it (Makhmur) nor a
	 * town named like it (Dhi Qar, a village of another province) */
	im_place seat;
	assert_true(im_gaz_get(g, "gn:95445", &p));
	assert_true(im_gaz_seat_of(g, &p, &seat));
	assert_string_equal(seat.id, "gn:95446");
	assert_true(im_gaz_get(g, "gn:97019", &p));
	assert_true(im_gaz_seat_of(g, &p, &seat));
	assert_string_equal(seat.name, "Nasiriyah");
	assert_true(im_gaz_get(g, "gn:99532", &p));
	assert_false(im_gaz_seat_of(g, &p, &seat)); /* a city has no seat */
	assert_false(im_gaz_seat_of(NULL, &p, &seat));

	assert_true(im_gaz_known(g, "Al-Basrah", 9));
	assert_true(im_gaz_known(g, "ذى قار", strlen("ذى قار")));
	assert_false(im_gaz_known(g, "Basraville", 10));
	assert_int_equal(im_gaz_count(g), 6 + 5 + 15);

	/* Iraq's box: the capital first, then by population */
	im_place out[16];
	size_t n = im_gaz_in_bbox(g, 38.8, 29.0, 48.6, 37.4, 0, out, 16);
	assert_true(n >= 7);
	assert_string_equal(out[0].name, "Baghdad");
	assert_string_equal(out[1].name, "Erbil");
	for (size_t i = 2; i < n; i++)
		assert_true(out[i].population <= out[i - 1].population);
	n = im_gaz_in_bbox(g, 38.8, 29.0, 48.6, 37.4, 1000000, out, 16);
	assert_int_equal(n, 3); /* Baghdad, Erbil, Basra */
	n = im_gaz_in_bbox(g, 38.8, 29.0, 48.6, 37.4, 0, out, 2);
	assert_int_equal(n, 2);
	/* across the antimeridian: Fiji from 178E to 179W */
	n = im_gaz_in_bbox(g, 178.0, -18.0, -179.0, -16.0, 0, out, 16);
	assert_int_equal(n, 3);
	assert_string_equal(out[0].name, "Levuka");
	assert_string_equal(out[2].name, "Rabi");
	/* no provinces or countries among reference cities */
	n = im_gaz_in_bbox(g, -180, -90, 180, 90, 0, out, 16);
	for (size_t i = 0; i < n; i++)
		assert_true(out[i].kind != IM_KIND_ADMIN1 && out[i].kind != IM_KIND_COUNTRY);
	im_gaz_free(g);
	im_gaz_free(NULL);
}

static void index_rebuilt_when_stale_or_bad(void **state)
{
	(void)state;
	char idx[1200];
	snprintf(idx, sizeof idx, "%s/gazetteer.idx", dir);
	im_gaz *g = open_ok();
	assert_true(im_file_exists(idx));
	assert_string_equal(top(g, "Tell Nowhere", NULL), "");
	im_gaz_free(g);
	/* a new source file */
	sh("printf '9200001\\tTell Nowhere\\t\\t\\t35\\t43\\tP\\tPPL\\tIQ\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\n' > '%s/extra.txt'",
	   dir);
	g = open_ok();
	assert_string_equal(top(g, "Tell Nowhere", NULL), "gn:9200001");
	im_gaz_free(g);
	/* an edit of the same size and a different time */
	sh("sed -i 's/Tell Nowhere/Tell Elsewhr/' '%s/extra.txt' && touch -d '2001-01-01' '%s/extra.txt'",
	   dir, dir);
	g = open_ok();
	assert_string_equal(top(g, "Tell Nowhere", NULL), "");
	assert_string_equal(top(g, "Tell Elsewhr", NULL), "gn:9200001");
	im_gaz_free(g);
	/* a removed source */
	sh("rm '%s/extra.txt'", dir);
	g = open_ok();
	assert_string_equal(top(g, "Tell Elsewhr", NULL), "");
	im_gaz_free(g);
	/* garbage, a truncated index, an empty one */
	sh("head -c 100 /dev/urandom > '%s'", idx);
	g = open_ok();
	assert_string_equal(top(g, "Basra", NULL), "gn:99532");
	im_gaz_free(g);
	sh("truncate -s 5000 '%s'", idx);
	g = open_ok();
	assert_string_equal(top(g, "Basra", NULL), "gn:99532");
	im_gaz_free(g);
	sh(": > '%s'", idx);
	g = open_ok();
	assert_string_equal(top(g, "Basra", NULL), "gn:99532");
	im_gaz_free(g);
	/* im_gaz_build compiles even when fresh */
	im_error err;
	assert_int_equal(im_gaz_build(dir, &err), IM_OK);
}

/* An index damaged after it was written (the sources unchanged, so it
 * would be taken as fresh): rebuilt by its checksum, and nothing reads
 * outside the map or loops for ever on the way (the sanitizer build checks
 * the first; fuzz_gaz_index feeds damaged indexes with a good checksum). */
static void damaged_index_is_harmless(void **state)
{
	(void)state;
	char idx[1200];
	snprintf(idx, sizeof idx, "%s/gazetteer.idx", dir);
	static const char *const names[] = {"Basra", "Kerman", "Dhi Qar", "Erbil", "Samarra",
					    "البصرة", "Nowhere", "Iraq", NULL};
	for (int seed = 1; seed <= 12; seed++) {
		im_gaz_free(open_ok());
		FILE *fp = fopen(idx, "r+b");
		assert_non_null(fp);
		fseek(fp, 0, SEEK_END);
		long size = ftell(fp);
		/* keep the header (its checks are another test); scribble over
		 * a run of the body, a different one each round */
		srand((unsigned)seed);
		long from = 128 + rand() % (size - 256), len = 1 + rand() % 4096;
		fseek(fp, from, SEEK_SET);
		for (long i = 0; i < len && from + i < size; i++)
			fputc(seed % 3 == 0 ? 0xff : rand() & 0xff, fp);
		fclose(fp);
		im_gaz *g = open_ok();
		im_gaz_cand c[8];
		im_place p[8];
		for (size_t i = 0; names[i]; i++) {
			im_gaz_lookup(g, names[i], strlen(names[i]), NULL, c, 8);
			im_gaz_known(g, names[i], strlen(names[i]));
		}
		im_gaz_get(g, "gn:99532", p);
		im_gaz_get(g, "nothing", p);
		im_gaz_in_bbox(g, -180, -90, 180, 90, 0, p, 8);
		im_gaz_country_name(g, "IQ");
		im_gaz_free(g);
		remove(idx);
	}
}

/* Finds the 8 bytes of want in the file at path: their offset, or -1. */
static long find_bytes(const char *path, const void *want, size_t n)
{
	char *data;
	size_t len;
	im_error err;
	if (im_read_file(path, 0, &data, &len, &err) != IM_OK)
		fail_msg("read %s: %s", path, err.msg);
	long at = -1;
	for (size_t i = 0; i + n <= len && at < 0; i++)
		if (memcmp(data + i, want, n) == 0)
			at = (long)i;
	free(data);
	return at;
}

/* An index whose body was damaged (header and size intact: a bad sector, a
 * stray write) is found out by its checksum and rebuilt, not served:
 * Basra is not put at longitude 999.42. */
static void damaged_index_is_rebuilt(void **state)
{
	(void)state;
	char idx[1200];
	snprintf(idx, sizeof idx, "%s/gazetteer.idx", dir);
	im_gaz *g = open_ok();
	im_place p;
	assert_int_equal(im_gaz_get(g, "gn:99532", &p), 1);
	double lon = p.lon;
	int32_t ll[2] = {(int32_t)lround(p.lat * 1e6), (int32_t)lround(p.lon * 1e6)};
	im_gaz_free(g);
	/* checked whole once, the index is vouched for by its stamp (its
	 * inode, size, time and checksum), so later opens need not read it */
	char stamp[1300], before[200] = "", after[200] = "";
	snprintf(stamp, sizeof stamp, "%s.ok", idx);
	FILE *sf = fopen(stamp, "r");
	assert_non_null(sf);
	assert_non_null(fgets(before, sizeof before, sf));
	fclose(sf);
	assert_non_null(strstr(before, "incimap-index-ok 1 "));
	long at = find_bytes(idx, ll, sizeof ll);
	assert_true(at > 0);
	int32_t bad = 999420000;
	FILE *fp = fopen(idx, "r+b");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, at + 4, SEEK_SET), 0);
	assert_int_equal(fwrite(&bad, 4, 1, fp), 1);
	assert_int_equal(fclose(fp), 0);
	g = open_ok();
	assert_int_equal(im_gaz_get(g, "gn:99532", &p), 1);
	assert_true(fabs(p.lon - lon) < 1e-9);
	im_gaz_free(g);
	/* and the file itself was replaced by a good one, with a new stamp:
	 * the write changed the file's time, so the old stamp vouched for
	 * nothing */
	assert_int_equal(find_bytes(idx, ll, sizeof ll), at);
	sf = fopen(stamp, "r");
	assert_non_null(sf);
	assert_non_null(fgets(after, sizeof after, sf));
	fclose(sf);
	assert_string_not_equal(before, after);
}

static void open_errors(void **state)
{
	(void)state;
	im_gaz *g = (im_gaz *)1;
	im_error err;
	assert_int_equal(im_gaz_open("/nonexistent/incimap-gaz", &g, &err), IM_E_IO);
	assert_null(g);
	assert_non_null(strstr(err.msg, "not found"));
	/* a folder with no sources */
	char empty[1200];
	snprintf(empty, sizeof empty, "%s/empty", dir);
	sh("mkdir -p '%s'", empty);
	assert_int_not_equal(im_gaz_open(empty, &g, &err), IM_OK);
	assert_null(g);
	assert_non_null(strstr(err.msg, "no gazetteer files"));
	assert_int_equal(im_gaz_open("", &g, &err), IM_E_USAGE);
}

/* Warnings captured (check reports through im_warn). */
static char warned[8192];
static void capture(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	size_t n = strlen(warned);
	const char *base = file ? strrchr(file, '/') : NULL;
	snprintf(warned + n, sizeof warned - n, "%s:%ld: %s\n", base ? base + 1 : file ? file : "", line,
		 msg);
}

static void read_text(const char *path, char **out)
{
	size_t len;
	im_error err;
	if (im_read_file(path, 0, out, &len, &err))
		*out = NULL;
}

static void add_and_remove(void **state)
{
	(void)state;
	char user[1200];
	snprintf(user, sizeof user, "%s/user.txt", dir);
	im_error err;
	char id[128];
	im_gaz_entry e;
	memset(&e, 0, sizeof e);
	e.name = "Al-Samoud Intersection";
	e.lat = 30.5;
	e.lon = 47.8;
	e.country = "iq";
	e.admin1 = "Basra";
	e.kind = IM_KIND_SITE;
	e.alt = "Samoud Junction|تقاطع الصمود";
	assert_int_equal(im_gaz_add(dir, &e, id, sizeof id, &err), IM_OK);
	assert_string_equal(id, "user:al-samoud-intersection");
	im_gaz *g = open_ok();
	im_gaz_cand c[4];
	assert_int_equal(im_gaz_lookup(g, "Samoud Junction", 15, NULL, c, 4), 1);
	assert_string_equal(c[0].place.id, id);
	assert_string_equal(c[0].place.country, "IQ");
	assert_string_equal(c[0].place.admin1, "Basra");
	assert_int_equal(c[0].place.kind, IM_KIND_SITE);
	assert_non_null(strstr(why_of(&c[0]), "user entry"));
	assert_string_equal(top(g, "تقاطع الصمود", NULL), id);
	im_gaz_free(g);
	/* the same place again is refused */
	assert_int_equal(im_gaz_add(dir, &e, id, sizeof id, &err), IM_E_EXISTS);
	/* the same name far away is another place, with another id */
	e.lat = 33.0;
	e.alt = NULL;
	assert_int_equal(im_gaz_add(dir, &e, id, sizeof id, &err), IM_OK);
	assert_string_equal(id, "user:al-samoud-intersection-2");
	/* a user entry wins over the shipped place of the same name */
	memset(&e, 0, sizeof e);
	e.name = "Dhi Qar";
	e.lat = 31.0;
	e.lon = 46.0;
	e.kind = IM_KIND_VILLAGE;
	assert_int_equal(im_gaz_add(dir, &e, id, sizeof id, &err), IM_OK);
	g = open_ok();
	assert_string_equal(top(g, "Dhi Qar", NULL), "user:dhi-qar");
	im_gaz_free(g);

	/* remove by name: two entries have it, so an id is asked for */
	assert_int_equal(im_gaz_remove(dir, "Al-Samoud Intersection", &err), IM_E_USAGE);
	assert_int_equal(im_gaz_remove(dir, "user:al-samoud-intersection", &err), IM_OK);
	assert_int_equal(im_gaz_remove(dir, "user:al-samoud-intersection", &err), IM_E_NOTFOUND);
	assert_int_equal(im_gaz_remove(dir, "Al-Samoud Intersection", &err), IM_OK);
	assert_int_equal(im_gaz_remove(dir, "gn:99532", &err), IM_E_USAGE); /* shipped */
	assert_non_null(strstr(err.msg, "shipped"));
	assert_int_equal(im_gaz_remove(dir, "Basra", &err), IM_E_USAGE);
	assert_int_equal(im_gaz_remove(dir, "Nowhere At All", &err), IM_E_NOTFOUND);
	/* the backup holds the version before the last write */
	char *bak, *now;
	char bakpath[1300];
	snprintf(bakpath, sizeof bakpath, "%s.bak", user);
	read_text(bakpath, &bak);
	read_text(user, &now);
	assert_non_null(bak);
	assert_non_null(now);
	assert_non_null(strstr(bak, "Al-Samoud"));
	assert_null(strstr(now, "Al-Samoud"));
	assert_non_null(strstr(now, "user:dhi-qar"));
	free(bak);
	free(now);
	/* list */
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(im_gaz_list(dir, 0, fp, &err), IM_OK);
	rewind(fp);
	char line[512] = "";
	assert_non_null(fgets(line, sizeof line, fp));
	assert_true(strncmp(line, "user:dhi-qar\tDhi Qar\t31\t46\t\t\tvillage", 36) == 0);
	assert_null(fgets(line, sizeof line, fp));
	fclose(fp);
	fp = tmpfile();
	assert_int_equal(im_gaz_list(dir, 1, fp, &err), IM_OK);
	long size = ftell(fp);
	assert_true(size > 500);
	fclose(fp);
}

static void add_refuses_bad_input(void **state)
{
	(void)state;
	char user[1200];
	snprintf(user, sizeof user, "%s/user.txt", dir);
	im_error err;
	char id[64];
	im_gaz_entry good;
	memset(&good, 0, sizeof good);
	good.name = "Checkpoint 7";
	good.lat = 33.3;
	good.lon = 44.4;
	good.country = "IQ";
	good.kind = IM_KIND_SITE;
	assert_int_equal(im_gaz_add(dir, &good, id, sizeof id, &err), IM_OK);
	char *before;
	read_text(user, &before);
	assert_non_null(before);
	struct {
		im_gaz_entry e;
		im_status want;
		const char *says;
	} bad[] = {
	    {{.name = "Somewhere", .lat = 95, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_RANGE,
	     "latitude"},
	    {{.name = "Somewhere", .lat = -90.5, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_RANGE,
	     "latitude"},
	    {{.name = "Somewhere", .lat = 33, .lon = 181, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_RANGE,
	     "longitude"},
	    {{.name = "Somewhere", .lat = NAN, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_RANGE,
	     "latitude"},
	    {{.name = "Tab\there", .lat = 33, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_PARSE,
	     "tab"},
	    {{.name = "New\nline", .lat = 33, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_PARSE,
	     "newline"},
	    {{.name = "", .lat = 33, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_PARSE,
	     "empty name"},
	    {{.name = "   ", .lat = 33, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_PARSE,
	     "empty name"},
	    {{NULL, 33, 44, "IQ", NULL, IM_KIND_SITE, NULL, 0, NULL, 0}, IM_E_PARSE, "empty name"},
	    {{.name = "Bad \xff name", .lat = 33, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_PARSE,
	     "UTF-8"},
	    {{.name = "!!!", .lat = 33, .lon = 44, .country = "IQ", .kind = IM_KIND_SITE},
	     IM_E_PARSE,
	     "no letters"},
	    {{"Somewhere", 33, 44, "XX", NULL, IM_KIND_SITE, NULL, 0, NULL, 0},
	     IM_E_PARSE,
	     "unknown country"},
	    {{"Somewhere", 33, 44, "IRQ", NULL, IM_KIND_SITE, NULL, 0, NULL, 0},
	     IM_E_PARSE,
	     "two-letter"},
	    {{"Somewhere", 33, 44, "IQ", "Ba\tsra", IM_KIND_SITE, NULL, 0, NULL, 0},
	     IM_E_PARSE,
	     "admin1"},
	    {{"Somewhere", 33, 44, "IQ", NULL, (im_kind)99, NULL, 0, NULL, 0}, IM_E_RANGE, "kind"},
	    {{"Somewhere", 33, 44, "IQ", NULL, IM_KIND_SITE, "A|", 0, NULL, 0},
	     IM_E_PARSE,
	     "empty name in --alt"},
	    {{"Somewhere", 33, 44, "IQ", NULL, IM_KIND_SITE, "A,B", 0, NULL, 0},
	     IM_E_PARSE,
	     "comma"},
	    {{"Somewhere", 33, 44, "IQ", NULL, IM_KIND_SITE, "A|B\tC", 0, NULL, 0},
	     IM_E_PARSE,
	     "tab"},
	    {{"Somewhere", 33, 44, "IQ", NULL, IM_KIND_TOWN, NULL, -5, NULL, 0},
	     IM_E_RANGE,
	     "population"},
	};
	char longname[300];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		im_error_clear(&err);
		id[0] = 'z';
		im_status st = im_gaz_add(dir, &bad[i].e, id, sizeof id, &err);
		if (st != bad[i].want || !strstr(err.msg, bad[i].says))
			fail_msg("case %zu: status %d, '%s'", i, st, err.msg);
		assert_string_equal(id, "");
	}
	im_gaz_entry lg = good;
	lg.name = longname;
	assert_int_equal(im_gaz_add(dir, &lg, id, sizeof id, &err), IM_E_PARSE);
	/* nothing changed */
	char *after;
	read_text(user, &after);
	assert_non_null(after);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* a gazetteer folder that does not exist */
	assert_int_not_equal(im_gaz_add("/nonexistent/gaz", &good, id, sizeof id, &err), IM_OK);
}

static void check_reports_each_problem(void **state)
{
	(void)state;
	size_t problems = 99;
	im_error err;
	im_set_warn_hook(capture, NULL);
	warned[0] = '\0';
	assert_int_equal(im_gaz_check(dir, &problems, &err), IM_OK);
	assert_int_equal(problems, 0);
	assert_string_equal(warned, "");
	/* a user file with one problem a line */
	sh("printf '%%s\\n' '# comment' "
	   "'user:a\tGood\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t' "
	   "'user:b\tLat\t\t\t95\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t' "
	   "'user:c\tLon\t\t\t33\t-200\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t' "
	   "'user:d\tFew columns\t33\t44' "
	   "'user:e\tCountry\t\t\t33\t44\tS\t\tXX\t\t\t\t\t\t\t\t\t\t' "
	   "'user:a\tDuplicate\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t' "
	   "'user:f\t\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t' "
	   "'user:g\tPop\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t-5\t\t\t\t' > '%s/user.txt' && "
	   "printf 'user:h\\tBad \\377 UTF-8\\t\\t\\t33\\t44\\tS\\t\\tIQ\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\n' >> '%s/user.txt'",
	   dir, dir);
	warned[0] = '\0';
	assert_int_equal(im_gaz_check(dir, &problems, &err), IM_E_PARSE);
	assert_int_equal(problems, 8);
	assert_non_null(strstr(err.msg, "8 problems"));
	assert_non_null(strstr(warned, "user.txt:3: latitude '95'"));
	assert_non_null(strstr(warned, "user.txt:4: longitude '-200'"));
	assert_non_null(strstr(warned, "user.txt:5: 4 tab-separated columns"));
	assert_non_null(strstr(warned, "user.txt:6: unknown country code 'XX'"));
	assert_non_null(strstr(warned, "user.txt:7: duplicate id user:a (also on line 2)"));
	assert_non_null(strstr(warned, "user.txt:8: empty name"));
	if (!strstr(warned, "user.txt:9: population '-5'"))
		fail_msg("%s", warned);
	assert_non_null(strstr(warned, "user.txt:10: invalid UTF-8"));
	/* the builder skips the bad lines and keeps the good one */
	warned[0] = '\0';
	im_gaz *g = open_ok();
	assert_string_equal(top(g, "Good", NULL), "user:a");
	assert_string_equal(top(g, "Lat", NULL), "");
	assert_non_null(strstr(warned, "user.txt:3:"));
	im_gaz_free(g);
	/* an empty file is a problem too */
	sh(": > '%s/user.txt'", dir);
	assert_int_equal(im_gaz_check(dir, &problems, &err), IM_E_PARSE);
	assert_int_equal(problems, 1);
	im_set_warn_hook(NULL, NULL);
	assert_int_not_equal(im_gaz_check("/nonexistent/gaz", &problems, &err), IM_OK);
}

/* A file saved with a byte-order mark and Windows line ends still reads. */
static void bom_and_crlf(void **state)
{
	(void)state;
	sh("printf '\\357\\273\\277user:w\\tWindows Post\\t\\t\\t33\\t44\\tS\\t\\tIQ\\t\\t\\t\\t\\t\\t\\t\\t\\t\\t\\r\\n' > '%s/user.txt'",
	   dir);
	size_t problems = 9;
	im_error err;
	assert_int_equal(im_gaz_check(dir, &problems, &err), IM_OK);
	assert_int_equal(problems, 0);
	im_gaz *g = open_ok();
	assert_string_equal(top(g, "Windows Post", NULL), "user:w");
	im_gaz_free(g);
	assert_int_equal(im_gaz_remove(dir, "user:w", &err), IM_OK);
}

static void import_dump(void **state)
{
	(void)state;
	char src[1200], alt[1200];
	snprintf(src, sizeof src, "%s/tests/fixtures/gaz-import/IQ-sample.txt", INCIMAP_SOURCE_DIR);
	snprintf(alt, sizeof alt, "%s/tests/fixtures/gaz-import/alternateNamesV2-sample.txt",
		 INCIMAP_SOURCE_DIR);
	im_error err;
	size_t n = 0;
	char file[128];
	assert_int_equal(im_gaz_import_n(dir, src, alt, &n, file, sizeof file, &err), IM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(file, "user-import-IQ-sample.txt");
	im_gaz *g = open_ok();
	assert_string_equal(top(g, "Tell Hamid", NULL), "gn:9100001");
	im_gaz_cand ic;
	assert_int_equal(im_gaz_lookup(g, "Tell Hamid", 10, NULL, &ic, 1), 1);
	assert_non_null(strstr(why_of(&ic), "imported"));
	assert_null(strstr(why_of(&ic), "user entry")); /* imports get no bonus */
	assert_string_equal(top(g, "تل حميد", NULL), "gn:9100001");
	assert_string_equal(top(g, "Zuhur Village", NULL), "gn:9100002");
	assert_string_equal(top(g, "Old Zuhur", NULL), ""); /* historic names left out */
	im_place p;
	assert_true(im_gaz_get(g, "gn:9100003", &p));
	assert_int_equal(p.kind, IM_KIND_SITE);
	assert_string_equal(p.admin1, "Baghdad");
	im_gaz_free(g);
	/* again: the same file is replaced, not doubled */
	assert_int_equal(im_gaz_import_n(dir, src, NULL, &n, file, sizeof file, &err), IM_OK);
	g = open_ok();
	im_gaz_cand c[4];
	assert_int_equal(im_gaz_lookup(g, "Tell Hamid", 10, NULL, c, 4), 1);
	assert_string_equal(top(g, "Zuhur Village", NULL), "");
	im_gaz_free(g);
	/* bad input: nothing written */
	char bad[1200];
	snprintf(bad, sizeof bad, "%s-bad-IQ.txt", dir); /* outside the gazetteer folder */
	assert_int_equal(im_gaz_import(dir, "/nonexistent/IQ.txt", NULL, &err), IM_E_IO);
	sh(": > '%s'", bad);
	assert_int_equal(im_gaz_import(dir, bad, NULL, &err), IM_E_PARSE);
	assert_non_null(strstr(err.msg, "empty"));
	sh("head -2 '%s' > '%s' && printf '9100009\\tBroken\\n' >> '%s'", src, bad, bad);
	assert_int_equal(im_gaz_import(dir, bad, NULL, &err), IM_E_PARSE);
	assert_int_equal(err.line, 3);
	sh("sed 's/\\t35.1\\t/\\t135.1\\t/' '%s' > '%s'", src, bad);
	assert_int_equal(im_gaz_import(dir, bad, NULL, &err), IM_E_PARSE);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.msg, "latitude"));
	sh("sed 's/\\tIQ\\t/\\tQQ\\t/' '%s' > '%s'", src, bad);
	assert_int_equal(im_gaz_import(dir, bad, NULL, &err), IM_E_PARSE);
	assert_non_null(strstr(err.msg, "unknown country"));
	assert_int_equal(im_gaz_import(dir, src, "/nonexistent/alt.txt", &err), IM_E_IO);
	char *now;
	char imp[1300];
	snprintf(imp, sizeof imp, "%s/user-import-IQ-sample.txt", dir);
	/* the bad imports were of other file names; the good one is intact */
	read_text(imp, &now);
	assert_non_null(now);
	assert_non_null(strstr(now, "Tell Hamid"));
	free(now);
	sh("! ls '%s'/user-import-*bad* 2>/dev/null", dir);
	unlink(bad);
}

static void read_only_folder_uses_cache(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip(); /* root can write anywhere: nothing to show */
	char cache[1200], cmd[6000];
	snprintf(cache, sizeof cache, "%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache, 1);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s/ro' && cp '%s'/*.txt '%s/ro/' && chmod 555 '%s/ro'", dir,
		 dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	char ro[1200];
	snprintf(ro, sizeof ro, "%s/ro", dir);
	strcpy(dir, ro);
	im_gaz *g = open_ok();
	assert_string_equal(top(g, "Basra", NULL), "gn:99532");
	im_gaz_free(g);
	snprintf(cmd, sizeof cmd, "ls '%s'/incimap/gazetteer-*.idx >/dev/null", cache);
	assert_int_equal(system(cmd), 0);
	unsetenv("XDG_CACHE_HOME");
	*strrchr(dir, '/') = '\0';
}

/* A detail file (detail-*.txt.gz, gzip-compressed): its places are
 * candidates only in a text about their country, the one asked for, or
 * for `geocode` (all_detail); im_gaz_known says 2 for a name only they
 * bear. A damaged .gz is skipped with a warning, the rest still served. */
static void detail_files(void **state)
{
	(void)state;
	/* Basra is also a village of the fixture's detail file for NG, and
	 * "Kadunu" a name only that file knows */
	sh("printf '1001\tKadunu\tKadunu\tKadunu Village\t10.5\t7.4\tP\tPPL\tNG\t\t\t\t\t\t0\t\t\t\t\n"
	   "1002\tBasra\tBasra\t\t11.0\t8.0\tP\tPPL\tNG\t\t\t\t\t\t0\t\t\t\t\n'"
	   " | gzip -n > '%s/detail-ng.txt.gz'", dir);
	im_gaz *g = open_ok();
	im_gaz_cand c[8];
	assert_int_equal(im_gaz_known(g, "Kadunu", 6), 2);
	assert_int_equal(im_gaz_known(g, "kadunu village", 14), 2);
	assert_int_equal(im_gaz_known(g, "Basra", 5), 1); /* a place of the core data too */
	assert_int_equal(im_gaz_known(g, "Atlantis", 8), 0);
	/* no context, or a text about another country: not a candidate */
	assert_int_equal(im_gaz_lookup(g, "Kadunu", 6, NULL, c, 8), 0);
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.countries[0] = "IQ";
	ctx.country_w[0] = 1.0;
	ctx.n_countries = 1;
	assert_int_equal(im_gaz_lookup(g, "Kadunu", 6, &ctx, c, 8), 0);
	size_t nbasra = im_gaz_lookup(g, "Basra", 5, NULL, c, 8);
	assert_true(nbasra >= 1);
	assert_int_equal(im_gaz_lookup(g, "Basra", 5, &ctx, c, 8), nbasra);
	/* a passing hint of Nigeria is not enough; a dateline's weight is */
	ctx.countries[1] = "NG";
	ctx.country_w[1] = 0.3;
	ctx.n_countries = 2;
	assert_int_equal(im_gaz_lookup(g, "Kadunu", 6, &ctx, c, 8), 0);
	ctx.country_w[1] = 0.4;
	assert_int_equal(im_gaz_lookup(g, "Kadunu", 6, &ctx, c, 8), 1);
	assert_string_equal(c[0].place.id, "gn:1001");
	assert_string_equal(c[0].place.country, "NG");
	assert_true(fabs(c[0].place.lat - 10.5) < 1e-6);
	assert_int_equal(im_gaz_lookup(g, "Basra", 5, &ctx, c, 8), nbasra + 1);
	/* --country NG, and geocode's every-country look-up */
	memset(&ctx, 0, sizeof ctx);
	ctx.only_country = "ng";
	assert_int_equal(im_gaz_lookup(g, "Kadunu", 6, &ctx, c, 8), 1);
	memset(&ctx, 0, sizeof ctx);
	ctx.all_detail = 1;
	assert_int_equal(im_gaz_lookup(g, "Kadunu Village", 14, &ctx, c, 8), 1);
	assert_true(im_gaz_get(g, "gn:1001", NULL)); /* ids are not gated */
	im_gaz_free(g);

	/* a damaged .gz: a warning, the file skipped, the others served */
	sh("head -c 60 '%s/detail-ng.txt.gz' > '%s/detail-cd.txt.gz'", dir, dir);
	sh("rm -f '%s/detail-ng.txt.gz'", dir);
	g = open_ok();
	memset(&ctx, 0, sizeof ctx);
	ctx.all_detail = 1;
	assert_int_equal(im_gaz_lookup(g, "Kadunu", 6, &ctx, c, 8), 0);
	assert_string_equal(top(g, "Basra", NULL), "gn:99532");
	im_gaz_free(g);
	/* `gazetteer check` reads it too and counts the problem */
	size_t problems = 0;
	im_error err;
	im_error_clear(&err);
	assert_int_equal(im_gaz_check(dir, &problems, &err), IM_E_PARSE);
	assert_true(problems >= 1);
}

/* im_gaz_dist_km_cos is im_gaz_dist_km to the bit; im_gaz_dist_km_upto,
 * compared with its limit, answers as the distance does, also for points
 * on one meridian just inside and just outside the limit (where a bound of
 * more than a meridian degree's 111.195 km would answer wrong). */
static void distances_and_bounds(void **state)
{
	(void)state;
	static const double lims[] = {0, 25, 100, 250, 300};
	int bounded = 0;
	for (int k = 0; k <= 3000; k++) {
		double lat1 = -60 + (k % 7) * 20, lon1 = (k % 11) * 30 - 150;
		double lat2 = lat1 + (k % 2 ? 1 : -1) * k * 0.001, lon2 = k % 3 ? lon1 : lon1 + k * 0.01;
		double dist = im_gaz_dist_km(lat1, lon1, lat2, lon2);
		double same = im_gaz_dist_km_cos(lat1, im_gaz_cos_lat(lat1), lon1, lat2,
						 im_gaz_cos_lat(lat2), lon2);
		assert_memory_equal(&dist, &same, sizeof dist);
		for (size_t i = 0; i < sizeof lims / sizeof *lims; i++) {
			double up = im_gaz_dist_km_upto(lat1, lon1, lat2, lon2, lims[i]);
			assert_int_equal(up < lims[i], dist < lims[i]);
			assert_int_equal(up <= lims[i], dist <= lims[i]);
			assert_true(up <= dist);
			bounded += up != dist;
		}
	}
	assert_true(bounded > 1000); /* the bound, not the haversine, answered */
}

int main(void)
{
	im_mkdir_p(INCIMAP_TEST_TMP, NULL);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(spellings_meet, setup, teardown),
		cmocka_unit_test_setup_teardown(ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(places_and_countries, setup, teardown),
		cmocka_unit_test_setup_teardown(index_rebuilt_when_stale_or_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(damaged_index_is_harmless, setup, teardown),
		cmocka_unit_test_setup_teardown(damaged_index_is_rebuilt, setup, teardown),
		cmocka_unit_test_setup_teardown(add_and_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(add_refuses_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(check_reports_each_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(bom_and_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(import_dump, setup, teardown),
		cmocka_unit_test_setup_teardown(read_only_folder_uses_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(detail_files, setup, teardown),
		cmocka_unit_test(distances_and_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
