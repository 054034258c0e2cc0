/* test_extract_when.c: counts in digits and words, and date expressions
 * resolved against an article's date with ACLED's time precision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "extract/extract_int.h"

#include <string.h>

static xt_doc doc;

static void parse(const char *t)
{
	xt_doc_free(&doc);
	assert_int_equal(xt_doc_parse(&doc, t, strlen(t)), IM_OK);
}

/* The count at the first token of t: its value (-1 none) and flags. */
static long count(const char *t, unsigned *flags)
{
	parse(t);
	xt_num n;
	if (!xt_num_at(&doc, 0, doc.ntok, &n))
		return -1;
	if (flags)
		*flags = n.flags;
	return n.v;
}

static void test_numbers(void **state)
{
	(void)state;
	unsigned f = 0;
	assert_int_equal(xt_num_word("four", 4), 4);
	assert_int_equal(xt_num_word("Twenty-five", 11), 25);
	assert_int_equal(xt_num_word("eleven", 6), 11);
	assert_int_equal(xt_num_word("fourteenth", 10), -1);
	assert_int_equal(xt_num_word("twenty-twelve", 13), -1);
	assert_int_equal(count("35 people", &f), 35);
	assert_int_equal(f, 0);
	assert_int_equal(count("at least 35 people", &f), 35);
	assert_true(f & XN_ATLEAST);
	assert_int_equal(count("more than 80 others", &f), 80);
	assert_true(f & XN_ATLEAST);
	assert_int_equal(count("over 80 people", &f), 80);
	assert_int_equal(count("nearly forty people", &f), 40);
	assert_true(f & XN_APPROX);
	assert_int_equal(count("1,200 families", NULL), 1200);
	assert_int_equal(count("twenty five guards", NULL), 25);
	assert_int_equal(count("one hundred and five pilgrims", NULL), 105);
	assert_int_equal(count("three hundred people", NULL), 300);
	assert_int_equal(count("a dozen soldiers", NULL), 12);
	assert_int_equal(count("dozens of people", &f), 12);
	assert_true(f & XN_VAGUE);
	assert_int_equal(count("hundreds of people", NULL), 100);
	/* not counts: years, clock times, decimals, distances, bare "a" */
	assert_int_equal(count("2019 was hard", NULL), -1);
	assert_int_equal(count("1400 GMT", NULL), -1);
	assert_int_equal(count("5:00 pm", NULL), -1);
	assert_int_equal(count("3.5 km", NULL), -1);
	assert_int_equal(count("20 km north", NULL), -1);
	assert_int_equal(count("a soldier", NULL), -1);
	assert_int_equal(count("1,20 things", NULL), -1);
}

/* The first date expression of t against anchor. */
static xt_when when(const char *t, im_date anchor)
{
	parse(t);
	xt_when w[4];
	size_t n = xt_dates(&doc, 0, doc.ntok, anchor, w, 4);
	if (!n) {
		xt_when none;
		memset(&none, 0, sizeof none);
		return none;
	}
	return w[0];
}

static void expect(const char *t, im_date anchor, int kind, const char *date, int prec)
{
	xt_when w = when(t, anchor);
	if (w.kind != kind)
		fail_msg("'%s': kind %d, wanted %d", t, w.kind, kind);
	char b[11] = "-";
	if (w.date.y)
		im_date_format(w.date, b);
	if (strcmp(b, date) != 0)
		fail_msg("'%s': %s, wanted %s", t, b, date);
	assert_int_equal(w.prec, prec);
}

static void test_relative_dates(void **state)
{
	(void)state;
	im_date tue = {2021, 12, 7}; /* a Tuesday */
	im_date none = {0, 0, 0};
	expect("The blast came on Tuesday.", tue, XW_WEEKDAY, "2021-12-07", 1);
	expect("The blast came late on Monday night.", tue, XW_WEEKDAY, "2021-12-06", 1);
	expect("It happened on Sunday.", tue, XW_WEEKDAY, "2021-12-05", 1);
	expect("It happened last Tuesday.", tue, XW_WEEKDAY, "2021-11-30", 1);
	expect("It happened yesterday.", tue, XW_RELDAY, "2021-12-06", 1);
	expect("It happened last night.", tue, XW_RELDAY, "2021-12-06", 1);
	expect("It happened this morning.", tue, XW_RELDAY, "2021-12-07", 1);
	expect("It happened on Dec. 7 near the river.", tue, XW_MONTHDAY, "2021-12-07", 1);
	expect("It happened on 25 December.", tue, XW_MONTHDAY, "2020-12-25", 1);
	expect("It happened on Feb. 20.", tue, XW_MONTHDAY, "2021-02-20", 1);
	expect("It dates back to July.", tue, XW_MONTH, "2021-07-16", 3);
	expect("It happened in February.", tue, XW_MONTH, "2021-02-14", 3);
	expect("It happened last month.", tue, XW_MONTH, "2021-11-15", 3);
	expect("It happened last week.", tue, XW_WEEK, "2021-12-02", 2);
	expect("Three days ago it happened.", tue, XW_RELDAY, "2021-12-04", 1);
	expect("On Sunday, 7 November, the drone hit.", tue, XW_MONTHDAY, "2021-11-07", 1);
	expect("It was December 7, 2021.", none, XW_FULL, "2021-12-07", 1);
	expect("It was 7 November 2021.", none, XW_FULL, "2021-11-07", 1);
	expect("Filed 2021-11-07 by the desk.", none, XW_FULL, "2021-11-07", 1);
	expect("It happened in July 2019.", none, XW_MONTH, "2019-07-16", 3);
	/* no anchor: no year is guessed */
	expect("The blast came on Tuesday.", none, XW_WEEKDAY, "-", 1);
	expect("It happened on Dec. 7 there.", none, XW_MONTHDAY, "-", 1);
	expect("It dates back to July.", none, XW_MONTH, "-", 3);
	/* a month ending its sentence takes no year from the next one */
	parse("Fighting went on in March\n\n2019 was calmer.");
	xt_when ws[4];
	size_t n = xt_dates(&doc, doc.sent[0].t0, doc.sent[0].t1, tue, ws, 4);
	assert_int_equal(n, 1);
	assert_int_equal(ws[0].kind, XW_MONTH);
	assert_true(ws[0].t1 <= doc.sent[0].t1);
	assert_int_equal(ws[0].date.y, 2021);
	/* "may" and "march" as words are not months */
	assert_int_equal(when("The toll may rise and crowds march on.", tue).kind, 0);
	/* a plan is not an event */
	assert_int_equal(when("They will vote next Tuesday.", tue).kind, 0);
}

static void test_date_roles(void **state)
{
	(void)state;
	im_date tue = {2021, 12, 7};
	xt_when w = when("The ministry said on Monday that the blast killed two.", tue);
	assert_int_equal(w.kind, XW_WEEKDAY);
	assert_true(w.reporting);
	w = when("Since Nov. 27, attacks have killed 23.", tue);
	assert_true(w.period);
	w = when("It followed last month's vote.", tue);
	assert_true(w.period || w.attrib);
	w = when("They protested for nearly a month.", tue);
	assert_int_equal(w.kind, XW_DURATION);
	assert_int_equal(w.prec, 3);
	/* "earlier that day" takes the day named before it in the sentence */
	parse("He said on Monday that a bomb went off earlier that day.");
	xt_when ws[4];
	size_t n = xt_dates(&doc, 0, doc.ntok, tue, ws, 4);
	assert_int_equal(n, 2);
	assert_int_equal(ws[1].kind, XW_SAMEDAY);
	assert_int_equal(ws[1].date.d, 6);
	/* the anchor from a dateline's date */
	parse("KIRKUK, Iraq, April 16, 2024 - text");
	im_date a;
	assert_true(xt_full_date(&doc, 0, doc.ntok, &a));
	assert_int_equal(a.y, 2024);
	assert_int_equal(a.m, 4);
	assert_int_equal(a.d, 16);
	/* calendar helpers */
	im_date r = xt_weekday_before(tue, 1, 0);
	assert_int_equal(r.d, 7);
	r = xt_weekday_before(tue, 1, 1);
	assert_int_equal(r.d, 30);
	r = xt_month_before((im_date){2024, 1, 5}, 2);
	assert_int_equal(r.y, 2023);
	assert_int_equal(r.d, 14);
	r = xt_month_before((im_date){2024, 3, 5}, 2);
	assert_int_equal(r.y, 2024);
	assert_int_equal(r.d, 15); /* 29 days in 2024 */
}

static int teardown(void **state)
{
	(void)state;
	xt_doc_free(&doc);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_numbers, teardown),
		cmocka_unit_test_teardown(test_relative_dates, teardown),
		cmocka_unit_test_teardown(test_date_roles, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
