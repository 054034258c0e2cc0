/* test_summary.c: the briefing pack's tables (src/model/summary.c): groups
 * by event type and by province, the order of the rows, sums of the known
 * figures only, the date range, and an empty list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "model/summary.h"

#include <string.h>

/* Adds an incident: type, country, province, date (y 0: none), figures. */
static void add(im_incident_list *l, const char *type, const char *cc, const char *admin1, int y,
                int m, int d, int fat, int inj)
{
	im_incident inc;
	im_incident_init(&inc);
	assert_int_equal(im_set_str(&inc.event_type, type), IM_OK);
	assert_int_equal(im_set_str(&inc.country, cc), IM_OK);
	assert_int_equal(im_set_str(&inc.admin1, admin1), IM_OK);
	inc.event_date.y = y;
	inc.event_date.m = m;
	inc.event_date.d = d;
	inc.fatalities = fat;
	inc.injuries = inj;
	assert_int_equal(im_list_push(l, &inc), IM_OK);
}

static void test_groups(void **state)
{
	(void)state;
	im_incident_list l = {0};
	add(&l, "Battles", "IQ", "Kirkuk", 2024, 3, 1, 2, IM_NULL_INT);
	add(&l, "Protests", "IQ", "Basra", 2024, 1, 9, 0, 0);
	add(&l, "Battles", "SY", "Kirkuk", 0, 0, 0, IM_NULL_INT, IM_NULL_INT);
	add(&l, "Battles", "IQ", "Kirkuk", 2023, 12, 30, 5, 4);
	add(&l, "Riots", "IQ", NULL, 2024, 2, 2, 1, 1);
	im_summary s;
	assert_int_equal(im_summary_make(&l, &s), IM_OK);

	assert_int_equal(s.total.incidents, 5);
	assert_int_equal(s.total.fatalities, 8);
	assert_int_equal(s.total.fat_known, 4);
	assert_int_equal(s.total.injuries, 5);
	assert_int_equal(s.total.inj_known, 3);

	/* by type: most incidents first, then by name */
	assert_int_equal(s.n_types, 3);
	assert_string_equal(s.types[0].name, "Battles");
	assert_int_equal(s.types[0].incidents, 3);
	assert_int_equal(s.types[0].fatalities, 7);
	assert_int_equal(s.types[0].inj_known, 1);
	assert_string_equal(s.types[1].name, "Protests");
	assert_string_equal(s.types[2].name, "Riots");

	/* by province: Kirkuk of Iraq and Kirkuk of Syria are two rows; a
	 * province not given is a row of its own */
	assert_int_equal(s.n_provinces, 4);
	assert_string_equal(s.provinces[0].name, "Kirkuk");
	assert_string_equal(s.provinces[0].country, "IQ");
	assert_int_equal(s.provinces[0].incidents, 2);
	size_t syria = 0, none = 0;
	for (size_t i = 0; i < s.n_provinces; i++) {
		if (strcmp(s.provinces[i].country, "SY") == 0) {
			syria++;
			assert_int_equal(s.provinces[i].fat_known, 0); /* "–", not 0 */
		}
		if (!s.provinces[i].name)
			none++;
	}
	assert_int_equal(syria, 1);
	assert_int_equal(none, 1);

	/* the dated incidents' range; the undated counted */
	assert_int_equal(s.first.y, 2023);
	assert_int_equal(s.first.m, 12);
	assert_int_equal(s.last.m, 3);
	assert_int_equal(s.undated, 1);
	im_summary_free(&s);
	im_summary_free(&s); /* twice is harmless */
	im_list_clear(&l);
}

static void test_empty(void **state)
{
	(void)state;
	im_incident_list l = {0};
	im_summary s;
	assert_int_equal(im_summary_make(&l, &s), IM_OK);
	assert_int_equal(s.total.incidents, 0);
	assert_int_equal(s.n_types, 0);
	assert_int_equal(s.n_provinces, 0);
	assert_int_equal(s.first.y, 0);
	assert_string_equal(s.total.name, "Total");
	im_summary_free(&s);
	assert_int_equal(im_summary_make(NULL, &s), IM_OK);
	im_summary_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_groups),
	    cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
