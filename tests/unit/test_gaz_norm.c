/* test_gaz_norm.c: the name normaliser: spellings of one place meet in one
 * key (Latin transliterations, Arabic script, articles, descriptors), and
 * names of different places stay apart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "gazetteer/gazetteer.h"
#include "gazetteer/gaz_int.h"

static void key(const char *s, char *out, size_t cap)
{
	im_gaz_norm(s, strlen(s), out, cap);
}

/* Every name of each row must give the same key as the first. */
static void assert_same(const char *const *names)
{
	char a[256], b[256];
	key(names[0], a, sizeof a);
	assert_true(a[0] != '\0');
	for (size_t i = 1; names[i]; i++) {
		key(names[i], b, sizeof b);
		if (strcmp(a, b) != 0)
			fail_msg("'%s' -> '%s' but '%s' -> '%s'", names[0], a, names[i], b);
	}
}

static void assert_apart(const char *x, const char *y)
{
	char a[256], b[256];
	key(x, a, sizeof a);
	key(y, b, sizeof b);
	if (strcmp(a, b) == 0)
		fail_msg("'%s' and '%s' both -> '%s'", x, y, a);
}

static void iraqi_cities(void **state)
{
	(void)state;
	static const char *const rows[][8] = {
		{"Basra", "Basrah", "Al-Basrah", "al Basra", "AL BASRAH", "Al-Başrah", "Basra City", NULL},
		{"Makhmour", "Makhmur", "Makhmūr", "makhmour", NULL},
		{"Nasiriyah", "Nasiriya", "An-Nasiriyah", "an Nasiriya", "Al-Nasiriyah", "Nāṣirīyah", NULL},
		{"Sulaymaniyah", "As-Sulaymaniyah", "Sulaymaniya", "al-Sulaymaniyah", NULL},
		{"Hilla", "Hillah", "Al-Hillah", "al Hilla", NULL},
		{"Tal Afar", "Tall Afar", "Tal-Afar", "Talafar", "Tall ‘Afar", "Tal'Afar", NULL},
		{"Mosul", "Al-Mosul", "MOSUL", "el-Mosul", NULL},
		{"Samarra", "Samarrah", "Sāmarrā’", NULL},
		{"Karbala", "Karbala'", "Karbalā’", "KARBALA", NULL},
		{"Dhi Qar", "Thi Qar", "Dhi-Qar", "Dhī Qār", NULL},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		assert_same(rows[i]);
}

static void governorates(void **state)
{
	(void)state;
	static const char *const dhiqar[] = {"Dhi Qar", "Thi Qar", "Dhi-Qar", "Dhi Qar Governorate",
					     "Muhafazat Dhi Qar", "Governorate of Dhi Qar",
					     "dhi qar province", NULL};
	static const char *const basra[] = {"Basra Governorate", "Basra", "Al-Basrah Province",
					    "Muhafazat al Basrah", NULL};
	static const char *const kerman[] = {"Kerman", "Ostan-e Kerman", "Kerman Province", NULL};
	static const char *const nineveh[] = {"Nineveh", "Nineveh Governorate", "NINEVEH", NULL};
	static const char *const anbar[] = {"Anbar", "Al-Anbar", "Al Anbar Governorate",
					    "al-Anbar province", NULL};
	assert_same(dhiqar);
	assert_same(basra);
	assert_same(kerman);
	assert_same(nineveh);
	assert_same(anbar);
}

static void arabic_script(void **state)
{
	(void)state;
	/* taa marbuta / haa, the article, harakat */
	static const char *const basra[] = {"البصرة", "بصرة", "البصره", "البَصْرَة", NULL};
	/* alef with hamza above, below, bare */
	static const char *const erbil[] = {"أربيل", "اربيل", "إربيل", "آربيل", NULL};
	/* yaa / alef maqsura; Persian yeh */
	static const char *const dhiqar[] = {"ذي قار", "ذى قار", "ذی قار", "محافظة ذي قار", NULL};
	/* shadda and damma stripped, the article gone */
	static const char *const sul[] = {"السليمانية", "السُليمانية", "سليمانية", "السليمانيه", NULL};
	/* lone hamza and tatweel */
	static const char *const karbala[] = {"كربلاء", "كربلا", "كربـلاء", NULL};
	/* kaf and keheh */
	static const char *const kerman[] = {"کرمان", "كرمان", NULL};
	/* Arabic-Indic digits */
	static const char *const km[] = {"كيلو ٧", "كيلو 7", "کیلو ۷", NULL};
	assert_same(basra);
	assert_same(erbil);
	assert_same(dhiqar);
	assert_same(sul);
	assert_same(karbala);
	assert_same(kerman);
	assert_same(km);
}

static void punctuation_and_case(void **state)
{
	(void)state;
	static const char *const a[] = {"Ras al-Ain", "Ras al Ain", "RAS AL‑AIN", "Ras al–Ain",
					"  Ras   al Ain  ", NULL};
	static const char *const b[] = {"Ma'arrat al-Nu'man", "Ma‘arrat al-Nu‘man", "Maʿarrat al Nuʿman",
					"Maarrat an-Numan", NULL};
	static const char *const c[] = {"Zürich", "Zurich", "ZÜRICH", "Zu\xcc\x88rich", NULL};
	static const char *const d[] = {"Øresund", "Oresund", NULL};
	static const char *const e[] = {"Straße", "Strasse", NULL};
	static const char *const f[] = {"Musıl", "Musil", NULL};
	assert_same(a);
	assert_same(b);
	assert_same(c);
	assert_same(d);
	assert_same(e);
	assert_same(f);
	static const char *const g[] = {"Nukhayb", "Nukhaib", "An Nukhayb", NULL};
	static const char *const h[] = {"Zubayr", "Zubair", "Az Zubayr", NULL};
	assert_same(g);
	assert_same(h);
	/* a compass adjective is its point; the adjective alone stays itself */
	static const char *const i[] = {"North Darfur", "Northern Darfur", "NORTHERN DARFUR", NULL};
	static const char *const j[] = {"Western Cape", "West Cape", NULL};
	assert_same(i);
	assert_same(j);
	assert_apart("Eastern", "East");
	assert_apart("North Darfur", "South Darfur");
}

static void must_not_match(void **state)
{
	(void)state;
	/* Places that must stay apart however they are spelt. */
	static const char *const pairs[][2] = {
		{"Basra", "Busra"},     {"Iraq", "Iran"},       {"Kirkuk", "Karkh"},
		{"Hit", "Hilla"},       {"Amara", "Amman"},     {"Kut", "Kuwait"},
		{"Najaf", "Nafaj"},     {"Erbil", "Arbin"},     {"Mosul", "Musayyib"},
		{"Dohuk", "Doha"},      {"Ramadi", "Rumaitha"}, {"Tal Afar", "Tall Abyad"},
		{"Sinjar", "Sinjil"},   {"Baiji", "Beirut"},    {"Kerman", "Kermanshah"},
		{"Dhi Qar", "Diwaniyah"}, {"Duhok", "Dukan"},   {"Samarra", "Samawah"},
		{"البصرة", "البصيرة"},  {"أربيل", "إربد"},       {"Sadr City", "Sadr al-Yusufiyah"},
		{"Green Zone", "Red Zone"}, {"Al Qaim", "Al Qurna"},    {"Bayan", "Baian"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		assert_apart(pairs[i][0], pairs[i][1]);
	/* a descriptor alone is a name, not nothing */
	char k[64];
	key("City", k, sizeof k);
	assert_string_equal(k, "city");
	key("Al", k, sizeof k);
	assert_string_equal(k, "al");
}

static void edges(void **state)
{
	(void)state;
	char k[32];
	/* empty, spaces only, punctuation only */
	assert_int_equal(im_gaz_norm("", 0, k, sizeof k), 0);
	assert_string_equal(k, "");
	assert_int_equal(im_gaz_norm("   ", 3, k, sizeof k), 0);
	assert_int_equal(im_gaz_norm("--!?", 4, k, sizeof k), 0);
	/* invalid UTF-8 does not crash and keeps the good words */
	const char bad[] = "Bas\xff\xfe ra";
	char k2[32];
	im_gaz_norm(bad, sizeof bad - 1, k, sizeof k);
	im_gaz_norm("Bas ra", 6, k2, sizeof k2);
	assert_string_equal(k, k2);
	/* a small buffer truncates, NUL-terminated */
	char tiny[4];
	size_t n = im_gaz_norm("Nasiriyah", 9, tiny, sizeof tiny);
	assert_true(n < sizeof tiny);
	assert_int_equal(tiny[n], '\0');
	/* a long name */
	char big[2000];
	memset(big, 'a', sizeof big);
	char out[600];
	n = im_gaz_norm(big, sizeof big, out, sizeof out);
	assert_true(n < sizeof out);
	/* a NUL inside the length stops the name */
	im_gaz_norm("Erbil\0xyz", 9, k, sizeof k);
	im_gaz_norm("Erbil", 5, k2, sizeof k2);
	assert_string_equal(k, k2);
}

/* "The same spelling" (name as written) ignores a leading article, and
 * only that: Mahmudiyah is Al Mahmudiyah as written, Samawah As-Samawah;
 * Mahmudiya and a lone "Al" are not. The article is remembered
 * (GAZ_SPELL_ART), so that a name asked with one wants it. */
static uint32_t spell_full(const char *s)
{
	char light[512];
	size_t n = gaz_norm_light(s, strlen(s), light, sizeof light);
	return gaz_spell_hash(light, n);
}

static uint32_t spell(const char *s)
{
	return spell_full(s) & ~GAZ_SPELL_ART;
}

static void spelling_ignores_article(void **state)
{
	(void)state;
	assert_int_equal(spell("Mahmudiyah"), spell("Al Maḩmūdīyah"));
	assert_int_equal(spell("Mahmudiyah"), spell("al-Mahmudiyah"));
	assert_int_equal(spell("Samawah"), spell("As-Samawah"));
	assert_int_equal(spell("Najaf"), spell("An Najaf"));
	assert_int_equal(spell("Qaim"), spell("Al Qaim"));
	assert_int_not_equal(spell("Mahmudiyah"), spell("Mahmudiya"));
	assert_int_not_equal(spell("Samawah"), spell("As Hamawah")); /* as- only before s */
	assert_int_not_equal(spell("Al"), spell(""));
	assert_int_equal(spell_full("Mahmudiyah") & 3u, 0);
	assert_int_equal(spell_full("Al Mahmudiyah") & 3u, GAZ_SPELL_ART);
	assert_int_equal(spell_full("al-Hol") & 3u, GAZ_SPELL_ART);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iraqi_cities),
		cmocka_unit_test(governorates),
		cmocka_unit_test(arabic_script),
		cmocka_unit_test(punctuation_and_case),
		cmocka_unit_test(must_not_match),
		cmocka_unit_test(edges),
		cmocka_unit_test(spelling_ignores_article),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
