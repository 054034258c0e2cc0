/* test_opt.c: the CLI's option-value parsers (src/core/opt.c): what each
 * takes, and the malformed values each refuses (the fuzz target
 * tests/fuzz/fuzz_options.c throws everything else at them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/opt.h"

static void test_int(void **state)
{
	(void)state;
	int v = 0;
	assert_true(im_opt_int("1600", 16, 20000, &v));
	assert_int_equal(v, 1600);
	assert_true(im_opt_int(" 16", 16, 20000, &v)); /* strtol's leading blanks */
	assert_int_equal(v, 16);
	const char *bad[] = {"", "15", "20001", "12x", "1e3", "0x10", "-", "99999999999999999999",
			     "16 ", "nan", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(im_opt_int(bad[i], 16, 20000, &v));
}

static void test_deg(void **state)
{
	(void)state;
	double v = 0;
	assert_true(im_opt_deg("-90", -90, 90, &v));
	assert_true(v == -90);
	assert_true(im_opt_deg("44.3615", -180, 180, &v));
	assert_true(v > 44.36 && v < 44.37);
	const char *bad[] = {"", "90.0001", "-180.5", "nan", "inf", "-inf", "1e999", "33,5",
			     "33.5N", "N33", "1e-999", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(im_opt_deg(bad[i], -90, 90, &v));
}

static void test_bbox(void **state)
{
	(void)state;
	double b[4];
	assert_true(im_opt_bbox("38.8,29,48.6,37.4", b));
	assert_true(b[0] == 38.8 && b[1] == 29 && b[2] == 48.6 && b[3] == 37.4);
	assert_true(im_opt_bbox("170,-20,-170,10", b)); /* across the antimeridian */
	assert_true(im_opt_bbox("-180,-90,180,90", b));
	const char *bad[] = {"",
			     "1,2,3",
			     "1,2,3,4,5",
			     "38,37,48,29",    /* S > N */
			     "38,30,48,30",    /* S == N */
			     "40,30,40,35",    /* W == E */
			     "-181,0,10,10",   /* W out of range */
			     "0,-91,10,10",    /* S out of range */
			     "0,0,181,10",     /* E out of range */
			     "0,0,10,91",      /* N out of range */
			     "nan,0,10,10",
			     "0,0,inf,10",
			     "1e999,0,10,10",
			     "0;0;10;10",
			     "0,0,10,10x",
			     ",0,10,10",
			     "0,,10,10",
			     NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(im_opt_bbox(bad[i], b));
}

static void test_latlon(void **state)
{
	(void)state;
	double la, lo;
	assert_true(im_opt_latlon("30.5,47.8", &la, &lo));
	assert_true(la == 30.5 && lo == 47.8);
	const char *bad[] = {"", "30.5", "30.5,", ",47.8", "91,0", "0,181", "nan,0", "0,inf",
			     "30.5 47.8", "30.5,47.8,1", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(im_opt_latlon(bad[i], &la, &lo));
}

static void test_date(void **state)
{
	(void)state;
	im_date d;
	assert_true(im_opt_date("2024-02-29", &d));
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	const char *bad[] = {"", "2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024/01/01",
			     "2024-01-01 ", "0999-01-01", "yesterday", "2024-01-01T00:00", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(im_opt_date(bad[i], &d));
}

static void test_countries(void **state)
{
	(void)state;
	char cc[3][3];
	size_t n;
	assert_true(im_opt_countries("IQ", cc, 3, &n));
	assert_int_equal(n, 1);
	assert_string_equal(cc[0], "IQ");
	assert_true(im_opt_countries("iq,Sy,TR", cc, 3, &n));
	assert_int_equal(n, 3);
	assert_string_equal(cc[0], "IQ");
	assert_string_equal(cc[1], "SY");
	assert_string_equal(cc[2], "TR");
	const char *bad[] = {"", "I", "IRQ", "IQ,", ",IQ", "IQ,,SY", "IQ SY", "IQ,iq", "I1",
			     "IQ,SY,TR,IR", " IQ", "\xc3\x89Q", NULL};
	for (int i = 0; bad[i]; i++)
		assert_false(im_opt_countries(bad[i], cc, 3, &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int),    cmocka_unit_test(test_deg),  cmocka_unit_test(test_bbox),
		cmocka_unit_test(test_latlon), cmocka_unit_test(test_date),
		cmocka_unit_test(test_countries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
