/* period.h: the periods time is cut into (--by, the timeline): days, ISO
 * 8601 weeks and calendar months, numbered so that consecutive periods
 * have consecutive numbers. */
#ifndef IM_PERIOD_H
#define IM_PERIOD_H

#include "../core/im.h"

typedef enum im_period {
	IM_PERIOD_AUTO = 0, /* chosen from the span of the dates (im_period_auto) */
	IM_PERIOD_DAY,
	IM_PERIOD_WEEK, /* ISO 8601: Monday to Sunday, numbered 1..53 in the
	                 * year that holds its Thursday */
	IM_PERIOD_MONTH
} im_period;

/* "day", "week" or "month" (case-insensitive; "auto" too when allow_auto);
 * -1 for anything else. */
int im_period_parse(const char *s, int allow_auto);
/* "day", "week", "month" or "auto". */
const char *im_period_name(im_period p);

/* The number of the period holding d (d valid, p not AUTO): days since
 * 1970-01-01 for a day, the Monday's day number divided by 7 for a week,
 * y * 12 + m - 1 for a month. Cannot fail. */
long im_period_of(im_period p, im_date d);
/* The first and last day of period k. */
void im_period_range(im_period p, long k, im_date *first, im_date *last);
/* The ISO 8601 year and week number of week k. */
void im_period_iso_week(long k, int *year, int *week);
/* A period's title: "12 Mar 2024", "Week 11, 2024 (11–17 Mar)",
 * "March 2024". Writes at most cap - 1 bytes and a NUL. */
void im_period_title(im_period p, long k, char *buf, size_t cap);
/* A short label for an axis: "12 Mar", "11 Mar" (the Monday), "Mar". */
void im_period_short(im_period p, long k, char *buf, size_t cap);

/* The finest of day, week and month that cuts the dates d0..d1 into at
 * most max_periods periods (month when none does). */
im_period im_period_auto(im_date d0, im_date d1, long max_periods);

#endif
