/* test_pgcopy.c: PostgreSQL's binary COPY format as pg.c writes it, field
 * by field against the bytes the server's receive functions take: the
 * header and trailer, null, text, int4, int8, float8, date (days from
 * 2000-01-01, and back), the point as EWKB (the same bytes as the hex
 * EWKB of the text form), JSON for jsonb (a version byte) and for json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "io/pgcopy.h"
#include "io/store_int.h"

#include <stdio.h>
#include <string.h>

/* b holds exactly the n bytes of want; b is emptied. */
static void expect_bytes(im_buf *b, const void *want, size_t n)
{
	assert_int_equal(b->len, n);
	assert_memory_equal(b->p, want, n);
	im_buf_reset(b);
}

static void test_frame(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_pgcopy_header(&b), IM_OK);
	expect_bytes(&b, "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19);
	assert_int_equal(im_pgcopy_row(&b, 19), IM_OK);
	expect_bytes(&b, "\0\023", 2);
	assert_int_equal(im_pgcopy_trailer(&b), IM_OK);
	expect_bytes(&b, "\377\377", 2);
	assert_int_equal(im_pgcopy_null(&b), IM_OK);
	expect_bytes(&b, "\377\377\377\377", 4);
	im_buf_free(&b);
}

static void test_scalars(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_pgcopy_text(&b, "Kirkuk \xC3\xA9"), IM_OK);
	expect_bytes(&b, "\0\0\0\011Kirkuk \xC3\xA9", 13);
	assert_int_equal(im_pgcopy_text(&b, ""), IM_OK);
	expect_bytes(&b, "\0\0\0\0", 4);
	assert_int_equal(im_pgcopy_text(&b, NULL), IM_OK);
	expect_bytes(&b, "\377\377\377\377", 4);
	assert_int_equal(im_pgcopy_int4(&b, -2, 0), IM_OK);
	expect_bytes(&b, "\0\0\0\004\377\377\377\376", 8);
	assert_int_equal(im_pgcopy_int4(&b, 258, 0), IM_OK);
	expect_bytes(&b, "\0\0\0\004\0\0\001\002", 8);
	assert_int_equal(im_pgcopy_int4(&b, 7, 1), IM_OK);
	expect_bytes(&b, "\377\377\377\377", 4);
	assert_int_equal(im_pgcopy_int8(&b, 1000001), IM_OK);
	expect_bytes(&b, "\0\0\0\010\0\0\0\0\0\017\102\101", 12);
	assert_int_equal(im_pgcopy_float8(&b, 0.5), IM_OK);
	expect_bytes(&b, "\0\0\0\010\077\340\0\0\0\0\0\0", 12);
	assert_int_equal(im_pgcopy_float8(&b, -1.25), IM_OK);
	expect_bytes(&b, "\0\0\0\010\277\364\0\0\0\0\0\0", 12);
	im_buf_free(&b);
}

/* The int4 of a date field as a number of days. */
static long date_days(im_date d)
{
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_pgcopy_date(&b, d), IM_OK);
	assert_int_equal(b.len, 8);
	const unsigned char *p = (const unsigned char *)b.p;
	assert_memory_equal(p, "\0\0\0\004", 4);
	long v = (long)(int)((unsigned)p[4] << 24 | (unsigned)p[5] << 16 | (unsigned)p[6] << 8 | p[7]);
	im_buf_free(&b);
	return v;
}

static void test_date(void **state)
{
	(void)state;
	assert_int_equal(date_days((im_date){2000, 1, 1}), 0);
	assert_int_equal(date_days((im_date){2000, 1, 2}), 1);
	assert_int_equal(date_days((im_date){1999, 12, 31}), -1);
	assert_int_equal(date_days((im_date){2024, 3, 11}), 8836);
	/* back again, as the server's date_recv counts */
	im_date d = {2023, 12, 31};
	im_date back = im_date_from_days(date_days(d) + 10957);
	assert_true(back.y == d.y && back.m == d.m && back.d == d.d);
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_pgcopy_date(&b, (im_date){0, 0, 0}), IM_OK);
	expect_bytes(&b, "\377\377\377\377", 4);
	im_buf_free(&b);
}

static void test_point(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_pgcopy_point(&b, 44.5, 33.25), IM_OK);
	expect_bytes(&b,
		     "\0\0\0\031"
		     "\001\001\0\0\040\346\020\0\0"
		     "\0\0\0\0\0\100\106\100"
		     "\0\0\0\0\0\240\100\100",
		     29);
	/* the same bytes as the hex EWKB the text form sends */
	assert_int_equal(im_pgcopy_point(&b, -73.985, 40.758), IM_OK);
	char hex[2 * 25 + 1], want[IM_PG_EWKB_LEN + 1];
	for (int i = 0; i < 25; i++)
		snprintf(hex + 2 * i, 3, "%02X", (unsigned char)b.p[4 + i]);
	im_pg_ewkb(want, -73.985, 40.758);
	assert_string_equal(hex, want);
	im_buf_free(&b);
}

static void test_json(void **state)
{
	(void)state;
	im_buf b = IM_BUF_INIT;
	assert_int_equal(im_pgcopy_json(&b, "[\"police\"]", 1), IM_OK);
	expect_bytes(&b, "\0\0\0\013\001[\"police\"]", 15);
	assert_int_equal(im_pgcopy_json(&b, "[\"police\"]", 0), IM_OK);
	expect_bytes(&b, "\0\0\0\012[\"police\"]", 14);
	assert_int_equal(im_pgcopy_json(&b, NULL, 1), IM_OK);
	expect_bytes(&b, "\377\377\377\377", 4);
	im_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frame),  cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_date),   cmocka_unit_test(test_point),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
