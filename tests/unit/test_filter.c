/* test_filter.c: the shared incident filters (src/model/filter.c): what each
 * option takes and refuses, and which incidents each keeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "model/filter.h"

#include <stdlib.h>
#include <string.h>

static void set_ok(im_filter *f, const char *opt, const char *arg)
{
	im_error e;
	im_error_clear(&e);
	if (im_filter_set(f, opt, arg, &e) != IM_OK)
		fail_msg("%s %s: %s", opt, arg, e.msg);
}

static im_status set_bad(im_filter *f, const char *opt, const char *arg, const char *want)
{
	im_error e;
	im_error_clear(&e);
	im_status st = im_filter_set(f, opt, arg, &e);
	assert_int_equal(st, IM_E_USAGE);
	if (!strstr(e.msg, want))
		fail_msg("%s %s: message '%s' lacks '%s'", opt, arg ? arg : "(null)", e.msg, want);
	return st;
}

/* An incident of Basra, 2026-02-10, an IED, 3 killed. */
static void basra(im_incident *inc)
{
	im_incident_init(inc);
	inc->has_point = 1;
	inc->lon = 47.8;
	inc->lat = 30.5;
	inc->event_date = (im_date){2026, 2, 10};
	im_set_str(&inc->event_type, "Explosions/Remote violence");
	im_set_str(&inc->sub_event_type, "Remote explosive/landmine/IED");
	im_set_str(&inc->country, "IQ");
	im_set_str(&inc->admin1, "Basra");
	inc->fatalities = 3;
}

static void test_empty_keeps_all(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	assert_false(im_filter_active(&f));
	im_incident inc;
	im_incident_init(&inc); /* nothing known at all */
	assert_true(im_filter_match(&f, &inc));
	assert_true(im_filter_match(NULL, &inc));
	im_filter_free(&f);
	im_filter_free(NULL);
}

static void test_dates(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	im_incident inc;
	basra(&inc);
	set_ok(&f, "--since", "2026-02-10");
	assert_true(im_filter_active(&f));
	assert_true(im_filter_match(&f, &inc)); /* bounds are inclusive */
	set_ok(&f, "until", "2026-02-10");
	assert_true(im_filter_match(&f, &inc));
	inc.event_date = (im_date){2026, 2, 11};
	assert_false(im_filter_match(&f, &inc));
	inc.event_date = (im_date){2026, 2, 9};
	assert_false(im_filter_match(&f, &inc));
	inc.event_date = (im_date){0, 0, 0};
	assert_false(im_filter_match(&f, &inc)); /* undated: outside any bound */
	/* --since after --until is refused and leaves the filter as it was */
	set_bad(&f, "--since", "2026-03-01", "is after --until 2026-02-10");
	assert_int_equal(f.since.d, 10);
	set_bad(&f, "--until", "2026-02-01", "--since 2026-02-10 is after --until 2026-02-01");
	assert_int_equal(f.until.d, 10);
	const char *bad[] = {"", "2026-02-30", "2026-2-1", "10/02/2026", "2026-02-10T00:00", NULL};
	for (int i = 0; bad[i]; i++)
		set_bad(&f, "--since", bad[i], "--since wants a date as YYYY-MM-DD");
	im_incident_clear(&inc);
	im_filter_free(&f);
}

static void test_types(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	im_incident inc;
	basra(&inc);
	set_ok(&f, "--type", "battles");
	assert_false(im_filter_match(&f, &inc));
	set_ok(&f, "--type", "REMOTE EXPLOSIVE/LANDMINE/IED"); /* adds a sub-type */
	assert_int_equal(f.n_types, 2);
	assert_string_equal(f.types[1], "Remote explosive/landmine/IED");
	assert_true(im_filter_match(&f, &inc));
	set_ok(&f, "--type", "Battles,battles,Riots"); /* repeats are kept once */
	assert_int_equal(f.n_types, 3);
	set_bad(&f, "--type", "Riots,Bombing", "'Bombing' is no ACLED event or sub-event type");
	assert_int_equal(f.n_types, 3); /* nothing of the bad list was added */
	set_bad(&f, "--type", "", "'' is no ACLED");
	set_bad(&f, "--type", "Riots,", "'' is no ACLED");
	im_filter_free(&f);
	im_filter_init(&f);
	set_ok(&f, "--type", "explosions/remote violence");
	assert_true(im_filter_match(&f, &inc)); /* the event type matches too */
	free(inc.event_type);
	inc.event_type = NULL;
	free(inc.sub_event_type);
	inc.sub_event_type = NULL;
	assert_false(im_filter_match(&f, &inc)); /* no type: not any type */
	im_incident_clear(&inc);
	im_filter_free(&f);
}

static void test_country_admin1(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	im_incident inc;
	basra(&inc);
	set_ok(&f, "--country", "sy");
	assert_false(im_filter_match(&f, &inc));
	set_ok(&f, "--country", "IQ,SY");
	assert_int_equal(f.n_countries, 2);
	assert_string_equal(f.countries[0], "SY");
	assert_true(im_filter_match(&f, &inc));
	set_bad(&f, "--country", "IRQ", "two-letter ISO codes");
	set_bad(&f, "--country", "IQ,IQ", "each once");
	set_bad(&f, "--country", "", "two-letter");
	set_ok(&f, "--admin1", "  BASRA ");
	assert_string_equal(f.admin1, "BASRA");
	assert_true(im_filter_match(&f, &inc));
	set_ok(&f, "--admin1", "Baghdad"); /* replaces */
	assert_false(im_filter_match(&f, &inc));
	set_bad(&f, "--admin1", " \t", "wants a province name");
	assert_string_equal(f.admin1, "Baghdad");
	free(inc.country);
	inc.country = NULL;
	set_ok(&f, "--admin1", "Basra");
	assert_false(im_filter_match(&f, &inc)); /* no country: not in any */
	im_incident_clear(&inc);
	im_filter_free(&f);
}

static void test_fatalities(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	im_incident inc;
	basra(&inc);
	set_ok(&f, "--min-fatalities", "3");
	assert_true(im_filter_match(&f, &inc));
	set_ok(&f, "--min-fatalities", "4");
	assert_false(im_filter_match(&f, &inc));
	set_ok(&f, "--min-fatalities", "0");
	assert_true(im_filter_active(&f));
	inc.fatalities = IM_NULL_INT;
	assert_true(im_filter_match(&f, &inc)); /* no figure counts as 0 */
	set_ok(&f, "--min-fatalities", "1");
	assert_false(im_filter_match(&f, &inc));
	const char *bad[] = {"-1", "", "1.5", "x", "99999999999999", NULL};
	for (int i = 0; bad[i]; i++)
		set_bad(&f, "--min-fatalities", bad[i], "wants a whole number 0 or more");
	assert_int_equal(f.min_fatalities, 1);
	im_incident_clear(&inc);
	im_filter_free(&f);
}

static void test_bbox(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	im_incident inc;
	basra(&inc);
	set_ok(&f, "--bbox-only", "38.8,29,48.6,37.4");
	assert_true(im_filter_match(&f, &inc));
	set_ok(&f, "--bbox-only", "47.8,30.5,48,31"); /* edges are inside */
	assert_true(im_filter_match(&f, &inc));
	set_ok(&f, "--bbox-only", "40,29,45,37.4");
	assert_false(im_filter_match(&f, &inc));
	/* across the antimeridian */
	set_ok(&f, "--bbox-only", "170,-20,-170,10");
	inc.lat = 0;
	inc.lon = 179.5;
	assert_true(im_filter_match(&f, &inc));
	inc.lon = -175;
	assert_true(im_filter_match(&f, &inc));
	inc.lon = 0;
	assert_false(im_filter_match(&f, &inc));
	inc.lon = -175;
	inc.has_point = 0;
	assert_false(im_filter_match(&f, &inc)); /* no point: not in the box */
	set_bad(&f, "--bbox-only", "50,40,40,30", "--bbox-only wants W,S,E,N");
	set_bad(&f, "--bbox-only", "nan,0,1,1", "--bbox-only wants W,S,E,N");
	assert_true(f.w == 170 && f.e == -170);
	im_incident_clear(&inc);
	im_filter_free(&f);
}

static void test_options(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	assert_true(im_filter_is_option("--since"));
	assert_true(im_filter_is_option("min-fatalities"));
	assert_false(im_filter_is_option("--bbox"));
	assert_false(im_filter_is_option("--date"));
	set_bad(&f, "--bbox", "1,2,3,4", "no filter option '--bbox'");
	set_bad(&f, "--since", NULL, "--since needs a value");
	assert_false(im_filter_active(&f));
	assert_ptr_equal(im_filter_type_name("air/drone STRIKE"),
	                 im_filter_type_name("Air/drone strike"));
	assert_null(im_filter_type_name("Air strike"));
	assert_null(im_filter_type_name(NULL));
	im_filter_free(&f);
}

/* All criteria at once: every one must hold. */
static void test_and(void **state)
{
	(void)state;
	im_filter f;
	im_filter_init(&f);
	im_incident inc;
	basra(&inc);
	set_ok(&f, "--since", "2026-02-01");
	set_ok(&f, "--type", "Explosions/Remote violence,Battles");
	set_ok(&f, "--country", "IQ");
	set_ok(&f, "--admin1", "basra");
	set_ok(&f, "--min-fatalities", "1");
	set_ok(&f, "--bbox-only", "38.8,29,48.6,37.4");
	assert_true(im_filter_match(&f, &inc));
	inc.fatalities = 0;
	assert_false(im_filter_match(&f, &inc));
	im_incident_clear(&inc);
	im_filter_free(&f);
}

static void test_list(void **state)
{
	(void)state;
	im_incident_list l = {0};
	for (int i = 0; i < 5; i++) {
		im_incident inc;
		basra(&inc);
		inc.fatalities = i;
		assert_int_equal(im_list_push(&l, &inc), IM_OK);
	}
	im_filter f;
	im_filter_init(&f);
	assert_int_equal(im_filter_list(&f, &l), 0);
	assert_int_equal(l.n, 5);
	set_ok(&f, "--min-fatalities", "2");
	assert_int_equal(im_filter_list(&f, &l), 2);
	assert_int_equal(l.n, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(l.v[i].fatalities, i + 2); /* order kept */
	assert_string_equal(l.v[2].admin1, "Basra");
	set_ok(&f, "--min-fatalities", "100");
	assert_int_equal(im_filter_list(&f, &l), 3);
	assert_int_equal(l.n, 0);
	im_list_clear(&l);
	im_filter_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_keeps_all),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_types),
	    cmocka_unit_test(test_country_admin1),
	    cmocka_unit_test(test_fatalities),
	    cmocka_unit_test(test_bbox),
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_and),
	    cmocka_unit_test(test_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
