/* fuzz_options.c: libFuzzer target for the option values the CLI parses:
 * --bbox, --near, --lat/--lon, --date, --width/--height/--dpi, --focus
 * (src/core/opt.c), --by and --timeline (src/model/period.c): and the
 * day, ISO week and month of every date taken hold it.
 * A value taken must be what the option promises: finite degrees in range,
 * S < N, a real date that prints back as it was written. */
#include "fuzz_util.h"
#include "core/opt.h"
#include "model/period.h"

#include <math.h>
#include <strings.h>

/* The period of d, for each kind, starts on or before d and ends on or
 * after it; a week starts on a Monday, its ISO number is 1..53. */
static void check_periods(im_date d, const char *s)
{
	long day = im_date_to_days(d);
	for (int p = IM_PERIOD_DAY; p <= IM_PERIOD_MONTH; p++) {
		long k = im_period_of((im_period)p, d);
		im_date a, b;
		im_period_range((im_period)p, k, &a, &b);
		if (im_date_to_days(a) > day || im_date_to_days(b) < day ||
		    im_period_of((im_period)p, a) != k || im_period_of((im_period)p, b) != k)
			FZ_BUG("%s: the %s of '%s' does not hold it", s, im_period_name((im_period)p), s);
		if (p == IM_PERIOD_WEEK) {
			int y, w;
			im_period_iso_week(k, &y, &w);
			if (im_date_weekday(a) != 0 || w < 1 || w > 53 || y < d.y - 1 || y > d.y + 1)
				FZ_BUG("%s: ISO week %d of %d", s, w, y);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = fz_str(data, size);
	double b[4], la, lo, v;
	int n;
	im_date d;
	if (im_opt_bbox(s, b)) {
		for (int i = 0; i < 4; i++)
			if (!isfinite(b[i]))
				FZ_BUG("--bbox took a value that is not finite: '%s'", s);
		if (b[0] < -180 || b[0] > 180 || b[2] < -180 || b[2] > 180 || b[1] < -90 ||
		    b[3] > 90 || !(b[1] < b[3]) || b[0] == b[2])
			FZ_BUG("--bbox took an impossible box: '%s'", s);
	}
	if (im_opt_latlon(s, &la, &lo) &&
	    (!isfinite(la) || !isfinite(lo) || fabs(la) > 90 || fabs(lo) > 180))
		FZ_BUG("--near took a point off the globe: '%s'", s);
	if (im_opt_deg(s, -90, 90, &v) && (!isfinite(v) || fabs(v) > 90))
		FZ_BUG("--lat took %g from '%s'", v, s);
	if (im_opt_int(s, 16, 20000, &n) && (n < 16 || n > 20000))
		FZ_BUG("--width took %d from '%s'", n, s);
	if (im_opt_int(s, 10, 1200, &n) && (n < 10 || n > 1200))
		FZ_BUG("--dpi took %d from '%s'", n, s);
	if (im_opt_date(s, &d)) {
		char back[11];
		im_date_format(d, back);
		if (!im_date_valid(d) || strcmp(back, s) != 0)
			FZ_BUG("--date took '%s' as %s", s, back);
		check_periods(d, s);
	}
	int p = im_period_parse(s, 1);
	if (p >= 0 && strcasecmp(im_period_name((im_period)p), s) != 0)
		FZ_BUG("--by took '%s' as %s", s, im_period_name((im_period)p));
	char cc[8][3];
	size_t ncc;
	if (im_opt_countries(s, cc, 8, &ncc)) {
		/* the codes, joined by commas, are the value up to case */
		if (ncc < 1 || ncc > 8 || strlen(s) != ncc * 3 - 1)
			FZ_BUG("--focus took %zu codes from '%s'", ncc, s);
		for (size_t i = 0; i < ncc; i++) {
			if (cc[i][0] < 'A' || cc[i][0] > 'Z' || cc[i][1] < 'A' || cc[i][1] > 'Z' ||
			    cc[i][2] || (cc[i][0] | 0x20) != (s[i * 3] | 0x20) ||
			    (cc[i][1] | 0x20) != (s[i * 3 + 1] | 0x20))
				FZ_BUG("--focus took code %zu of '%s' as '%.2s'", i, s, cc[i]);
			for (size_t k = 0; k < i; k++)
				if (strcmp(cc[i], cc[k]) == 0)
					FZ_BUG("--focus took '%s' twice from '%s'", cc[i], s);
		}
	}
	free(s);
	return 0;
}
