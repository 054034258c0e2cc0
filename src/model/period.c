/* period.c: days, ISO weeks and months as consecutive numbers, and their
 * names. */
#include "period.h"

#include <stdio.h>
#include <strings.h>

static const char *const month_short[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_long[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};

int im_period_parse(const char *s, int allow_auto)
{
	if (!s)
		return -1;
	if (strcasecmp(s, "day") == 0)
		return IM_PERIOD_DAY;
	if (strcasecmp(s, "week") == 0)
		return IM_PERIOD_WEEK;
	if (strcasecmp(s, "month") == 0)
		return IM_PERIOD_MONTH;
	if (allow_auto && strcasecmp(s, "auto") == 0)
		return IM_PERIOD_AUTO;
	return -1;
}

const char *im_period_name(im_period p)
{
	return p == IM_PERIOD_DAY     ? "day"
	       : p == IM_PERIOD_WEEK  ? "week"
	       : p == IM_PERIOD_MONTH ? "month"
	                              : "auto";
}

/* Floor division: day numbers before 1970 are negative. */
static long floor_div(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

long im_period_of(im_period p, im_date d)
{
	long days = im_date_to_days(d);
	switch (p) {
	case IM_PERIOD_WEEK:
		/* 1970-01-01 was a Thursday: day -3 was a Monday. */
		return floor_div(days + 3, 7);
	case IM_PERIOD_MONTH:
		return (long)d.y * 12 + d.m - 1;
	default:
		return days;
	}
}

void im_period_range(im_period p, long k, im_date *first, im_date *last)
{
	switch (p) {
	case IM_PERIOD_WEEK:
		*first = im_date_from_days(k * 7 - 3);
		*last = im_date_add_days(*first, 6);
		break;
	case IM_PERIOD_MONTH: {
		im_date a = {(int)floor_div(k, 12), (int)(k - floor_div(k, 12) * 12) + 1, 1};
		*first = a;
		a.d = im_days_in_month(a.y, a.m);
		*last = a;
		break;
	}
	default:
		*first = *last = im_date_from_days(k);
	}
}

void im_period_iso_week(long k, int *year, int *week)
{
	im_date first, last;
	im_period_range(IM_PERIOD_WEEK, k, &first, &last);
	im_date thu = im_date_add_days(first, 3); /* the week's year is its Thursday's */
	im_date jan1 = {thu.y, 1, 1};
	*year = thu.y;
	*week = (int)((im_date_to_days(thu) - im_date_to_days(jan1)) / 7 + 1);
}

void im_period_title(im_period p, long k, char *buf, size_t cap)
{
	im_date a, b;
	im_period_range(p, k, &a, &b);
	if (p == IM_PERIOD_WEEK) {
		int y, w;
		im_period_iso_week(k, &y, &w);
		if (a.m == b.m)
			snprintf(buf, cap, "Week %d, %d (%d\u2013%d %s)", w, y, a.d, b.d,
			         month_short[b.m - 1]);
		else
			snprintf(buf, cap, "Week %d, %d (%d %s \u2013 %d %s)", w, y, a.d,
			         month_short[a.m - 1], b.d, month_short[b.m - 1]);
	} else if (p == IM_PERIOD_MONTH) {
		snprintf(buf, cap, "%s %d", month_long[a.m - 1], a.y);
	} else {
		snprintf(buf, cap, "%d %s %d", a.d, month_short[a.m - 1], a.y);
	}
}

void im_period_short(im_period p, long k, char *buf, size_t cap)
{
	im_date a, b;
	im_period_range(p, k, &a, &b);
	if (p == IM_PERIOD_MONTH)
		snprintf(buf, cap, "%s", month_short[a.m - 1]);
	else
		snprintf(buf, cap, "%d %s", a.d, month_short[a.m - 1]);
}

im_period im_period_auto(im_date d0, im_date d1, long max_periods)
{
	if (!d0.y || !d1.y)
		return IM_PERIOD_DAY;
	static const im_period order[] = {IM_PERIOD_DAY, IM_PERIOD_WEEK};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (im_period_of(order[i], d1) - im_period_of(order[i], d0) + 1 <= max_periods)
			return order[i];
	return IM_PERIOD_MONTH;
}
