/* date.c: proleptic Gregorian calendar arithmetic on im_date. */
#include "im.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int im_days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

int im_date_valid(im_date d)
{
	return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	       d.d <= im_days_in_month(d.y, d.m);
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int im_date_parse_iso(const char *s, size_t len, im_date *out)
{
	im_date d;
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (!digits(s, 4, &d.y) || !digits(s + 5, 2, &d.m) || !digits(s + 8, 2, &d.d))
		return 0;
	if (d.y < 1000 || !im_date_valid(d))
		return 0;
	*out = d;
	return 1;
}

void im_date_format(im_date d, char buf[11])
{
	unsigned y = (unsigned)d.y % 10000, m = (unsigned)d.m % 100, dd = (unsigned)d.d % 100;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long im_date_to_days(im_date d)
{
	long y = d.y - (d.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

im_date im_date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	im_date r;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(y + (r.m <= 2));
	return r;
}

int im_date_weekday(im_date d)
{
	long days = im_date_to_days(d); /* 1970-01-01 was a Thursday (3) */
	long w = (days + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

im_date im_date_add_days(im_date d, long n)
{
	return im_date_from_days(im_date_to_days(d) + n);
}
