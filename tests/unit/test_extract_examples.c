/* test_extract_examples.c: end to end through the CLI over examples/: every
 * incident examples/EXPECTED.md describes is found with each of its fields,
 * and nothing else is (no dateline city, no hospital, no government that
 * did not comment). Runs $INCIMAP (set by CTest) and reads its GeoJSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fsutil.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct expected {
	const char *source;   /* file name or JSONL id */
	const char *source2;  /* a second report of it, or NULL */
	const char *place_text;
	const char *country, *admin1; /* admin1 NULL: not checked */
	const char *date;
	int time_precision;
	const char *event_type, *sub_event_type;
	int fatalities, injuries; /* -1: null */
	int geo_precision;
	const char *actors[3];
} expected;

static const expected want[] = {
	{"01-basra-car-bomb.txt", "07-basra-market-followup.txt", "Basra", "IQ", "Basra",
	 "2024-03-12", 1, "Explosions/Remote violence", "Remote explosive/landmine/IED", 5, 12, 1,
	 {NULL}},
	{"01-basra-car-bomb.txt", NULL, "Zubair", "IQ", "Basra", "2024-02-20", 1,
	 "Explosions/Remote violence", "Remote explosive/landmine/IED", 2, -1, 2, {NULL}},
	{"02-makhmour-drone-strike.txt", NULL, "Makhmour", "IQ", NULL, "2024-05-19", 1,
	 "Explosions/Remote violence", "Air/drone strike", 3, 1, 2, {"Peshmerga", NULL}},
	{"03-kirkuk-assassination.txt", NULL, "Kirkuk", "IQ", "Kirkuk", "2024-04-15", 1,
	 "Violence against civilians", "Attack", 1, -1, 1, {NULL}},
	{"04-nasiriyah-protest.txt", NULL, "Nasiriyah", "IQ", "Dhi Qar", "2024-06-05", 1, "Protests",
	 "Peaceful protest", 0, 0, 1, {NULL}},
	{"05-diyala-clash.txt", NULL, "Muqdadiyah", "IQ", "Diyala", "2024-02-17", 1, "Battles",
	 "Armed clash", 3, 2, 2, {"Islamic State", "Iraqi army", NULL}},
	{"06-kerman-twin-bombing.txt", NULL, "Kerman", "IR", "Kerman", "2024-01-03", 1,
	 "Explosions/Remote violence", "Suicide bomb", 84, 284, 1, {"Islamic State", NULL}},
	{"wire-0107", NULL, "Mosul", "IQ", "Nineveh", "2024-08-08", 1, "Explosions/Remote violence",
	 "Remote explosive/landmine/IED", 0, 4, 2, {"Popular Mobilization Forces", NULL}},
	{"wire-0108", NULL, "Hajin", "SY", "Deir ez-Zor", "2024-08-07", 1, "Battles", "Armed clash",
	 7, -1, 1, {"Syrian Democratic Forces", NULL}},
};

static char tmp[1024];

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "%s/extract-examples-%ld", INCIMAP_TEST_TMP, (long)getpid());
	im_error e;
	return im_mkdir_p(tmp, &e) ? -1 : 0;
}

/* Runs incimap with args (a shell fragment); returns its exit status. */
static int run(const char *args)
{
	const char *bin = getenv("INCIMAP");
	if (!bin || !*bin)
		bin = "incimap";
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "'%s' %s 2>'%s/stderr'", bin, args, tmp);
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static const char *str(json_object *o, const char *k)
{
	json_object *v;
	if (!json_object_object_get_ex(o, k, &v) || !v)
		return NULL;
	return json_object_get_string(v);
}

static int num(json_object *o, const char *k)
{
	json_object *v;
	if (!json_object_object_get_ex(o, k, &v) || !v)
		return -1;
	return json_object_get_int(v);
}

static int from_source(json_object *p, const char *src)
{
	json_object *s;
	if (!json_object_object_get_ex(p, "sources", &s))
		return 0;
	for (size_t i = 0; i < json_object_array_length(s); i++) {
		json_object *one = json_object_array_get_idx(s, i);
		const char *f = str(one, "file"), *id = str(one, "id");
		if ((id && strcmp(id, src) == 0) ||
		    (f && strlen(f) >= strlen(src) && strcmp(f + strlen(f) - strlen(src), src) == 0))
			return 1;
	}
	return 0;
}

static void check(json_object *features)
{
	size_t n = json_object_array_length(features);
	int used[64] = {0};
	assert_true(n < 64);
	for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
		const expected *x = &want[w];
		json_object *hit = NULL;
		for (size_t i = 0; i < n && !hit; i++) {
			json_object *f = json_object_array_get_idx(features, i), *p;
			assert_true(json_object_object_get_ex(f, "properties", &p));
			const char *pt = str(p, "place_text");
			if (!used[i] && from_source(p, x->source) && pt && strcmp(pt, x->place_text) == 0) {
				hit = p;
				used[i] = 1;
			}
		}
		if (!hit)
			fail_msg("no incident at '%s' from %s", x->place_text, x->source);
		const char *what = x->place_text;
#define EQS(k, v)                                                                        \
	do {                                                                              \
		const char *got = str(hit, k);                                            \
		if (!got || strcmp(got, v) != 0)                                          \
			fail_msg("%s: %s is '%s', wanted '%s'", what, k, got ? got : "null", v); \
	} while (0)
#define EQI(k, v)                                                                  \
	do {                                                                        \
		int got = num(hit, k);                                              \
		if (got != (v))                                                     \
			fail_msg("%s: %s is %d, wanted %d", what, k, got, (int)(v)); \
	} while (0)
		EQS("country", x->country);
		if (x->admin1)
			EQS("admin1", x->admin1);
		EQS("event_date", x->date);
		EQI("time_precision", x->time_precision);
		EQS("event_type", x->event_type);
		EQS("sub_event_type", x->sub_event_type);
		EQI("fatalities", x->fatalities);
		EQI("injuries", x->injuries);
		EQI("geo_precision", x->geo_precision);
		if (x->source2 && !from_source(hit, x->source2))
			fail_msg("%s: not merged with %s", what, x->source2);
		json_object *acts, *srcs;
		assert_true(json_object_object_get_ex(hit, "actors", &acts));
		size_t na = 0;
		while (na < 3 && x->actors[na])
			na++;
		if (json_object_array_length(acts) != na)
			fail_msg("%s: %zu actors, wanted %zu", what, json_object_array_length(acts), na);
		for (size_t a = 0; a < na; a++) {
			int found = 0;
			for (size_t b = 0; b < na; b++)
				found |= strcmp(json_object_get_string(json_object_array_get_idx(acts, b)),
						x->actors[a]) == 0;
			if (!found)
				fail_msg("%s: actor %s missing", what, x->actors[a]);
		}
		assert_true(json_object_object_get_ex(hit, "sources", &srcs));
		assert_int_equal(json_object_array_length(srcs), x->source2 ? 2 : 1);
		const char *notes = str(hit, "notes"), *id = str(hit, "id");
		assert_non_null(notes);
		assert_true(strlen(notes) > 20);
		assert_non_null(id);
		assert_true(strncmp(id, "im-", 3) == 0);
		json_object *cf;
		assert_true(json_object_object_get_ex(hit, "confidence", &cf));
		double c = json_object_get_double(cf);
		assert_true(c > 0.5 && c <= 1.0);
	}
	/* nothing else: not a dateline, a hospital or a silent government */
	for (size_t i = 0; i < n; i++)
		if (!used[i]) {
			json_object *p;
			json_object_object_get_ex(json_object_array_get_idx(features, i), "properties", &p);
			fail_msg("unexpected incident at '%s'", str(p, "place_text"));
		}
}

static void test_examples(void **state)
{
	(void)state;
	char args[2048], out[1100];
	snprintf(out, sizeof out, "%s/examples.geojson", tmp);
	snprintf(args, sizeof args, "extract -q '%s/examples' -o '%s'", INCIMAP_SOURCE_DIR, out);
	assert_int_equal(run(args), 0);
	json_object *root = json_object_from_file(out);
	assert_non_null(root);
	json_object *features;
	assert_true(json_object_object_get_ex(root, "features", &features));
	assert_int_equal(json_object_array_length(features), sizeof want / sizeof *want);
	check(features);
	/* the same run gives the same ids */
	char out2[1100];
	snprintf(out2, sizeof out2, "%s/again.geojson", tmp);
	snprintf(args, sizeof args, "extract -q '%s/examples' -o '%s'", INCIMAP_SOURCE_DIR, out2);
	assert_int_equal(run(args), 0);
	char *a, *b;
	size_t la, lb;
	im_error e;
	assert_int_equal(im_read_file(out, 0, &a, &la, &e), IM_OK);
	assert_int_equal(im_read_file(out2, 0, &b, &lb, &e), IM_OK);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	json_object_put(root);
}

static void test_streaming(void **state)
{
	(void)state;
	/* JSON Lines in, GeoJSONSeq out, one record at a time */
	char args[2048], out[1100];
	snprintf(out, sizeof out, "%s/wire.geojsons", tmp);
	snprintf(args, sizeof args, "extract -q -f geojsonseq '%s/examples/08-wire.jsonl' -o '%s'",
		 INCIMAP_SOURCE_DIR, out);
	assert_int_equal(run(args), 0);
	FILE *fp = fopen(out, "r");
	assert_non_null(fp);
	char line[65536];
	size_t n = 0;
	json_object *features = json_object_new_array();
	while (fgets(line, sizeof line, fp)) {
		char *p = line;
		if (*p == '\x1e')
			p++;
		if (!*p || *p == '\n')
			continue;
		json_object *o = json_tokener_parse(p);
		assert_non_null(o);
		json_object_array_add(features, o);
		n++;
	}
	fclose(fp);
	assert_int_equal(n, 2);
	json_object *p;
	json_object_object_get_ex(json_object_array_get_idx(features, 0), "properties", &p);
	const char *src = from_source(p, "wire-0107") ? "wire-0107" : "wire-0108";
	assert_true(from_source(p, src));
	json_object_put(features);
	/* the toponym listing names the dateline as such */
	snprintf(out, sizeof out, "%s/toponyms.jsonl", tmp);
	snprintf(args, sizeof args, "extract -q --toponyms '%s/examples/08-wire.jsonl' -o '%s'",
		 INCIMAP_SOURCE_DIR, out);
	assert_int_equal(run(args), 0);
	fp = fopen(out, "r");
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));
	fclose(fp);
	json_object *o = json_tokener_parse(line), *tops;
	assert_non_null(o);
	assert_string_equal(str(o, "id"), "wire-0107");
	assert_true(json_object_object_get_ex(o, "toponyms", &tops));
	int dateline = 0, mosul = 0;
	for (size_t i = 0; i < json_object_array_length(tops); i++) {
		json_object *t = json_object_array_get_idx(tops, i);
		const char *tx = str(t, "text"), *role = str(t, "role");
		if (strcmp(tx, "MOSUL") == 0 && strcmp(role, "dateline") == 0 && num(t, "start") == 0)
			dateline = 1;
		if (strcmp(tx, "Mosul") == 0 && strcmp(role, "place") == 0)
			mosul = 1;
	}
	assert_true(dateline);
	assert_true(mosul);
	json_object_put(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_streaming),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
