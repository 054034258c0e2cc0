/* opt.c: the CLI's option-value parsers (see opt.h); moved here from the
 * command files unchanged in behaviour, so that tests and fuzzers run them. */
#include "opt.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int im_opt_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return 0;
	*out = (int)v;
	return 1;
}

int im_opt_deg(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

int im_opt_bbox(const char *s, double b[4])
{
	const char *p = s;
	for (int i = 0; i < 4; i++) {
		char *end;
		errno = 0;
		b[i] = strtod(p, &end);
		if (errno || end == p)
			return 0;
		p = end;
		if (i < 3) {
			if (*p != ',')
				return 0;
			p++;
		}
	}
	if (*p)
		return 0;
	/* NaN fails every comparison, infinities the ranges */
	return b[0] >= -180 && b[0] <= 180 && b[2] >= -180 && b[2] <= 180 && b[1] >= -90 &&
	       b[1] <= 90 && b[3] >= -90 && b[3] <= 90 && b[1] < b[3] && b[0] != b[2];
}

int im_opt_latlon(const char *s, double *lat, double *lon)
{
	char *end;
	errno = 0;
	*lat = strtod(s, &end);
	if (errno || end == s || *end != ',')
		return 0;
	const char *p = end + 1;
	*lon = strtod(p, &end);
	if (errno || end == p || *end)
		return 0;
	return *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180;
}

int im_opt_date(const char *s, im_date *out)
{
	return im_date_parse_iso(s, strlen(s), out);
}

static int ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int im_opt_countries(const char *s, char (*out)[3], size_t max, size_t *n)
{
	*n = 0;
	for (const char *p = s;; p += 3) {
		if (!ascii_alpha(p[0]) || !ascii_alpha(p[1]) || (p[2] != ',' && p[2] != '\0'))
			return 0;
		if (*n == max)
			return 0;
		char cc[3] = {(char)(p[0] & ~0x20), (char)(p[1] & ~0x20), '\0'};
		for (size_t i = 0; i < *n; i++)
			if (strcmp(out[i], cc) == 0)
				return 0;
		memcpy(out[(*n)++], cc, 3);
		if (p[2] == '\0')
			return 1;
	}
}
