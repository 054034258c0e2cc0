/* opt.h: parsers of the option values the CLI takes (--bbox, --near, --lat,
 * --lon, --date, --width, --dpi, --limit), kept in the library so that unit
 * tests and fuzzers reach the exact code the commands run. */
#ifndef IM_OPT_H
#define IM_OPT_H

#include "im.h"

/* Each parser takes a whole NUL-terminated string: leading blanks as strtod
 * and strtol allow, nothing after the value. It returns 1 and stores the
 * value when the string is good, else 0 (what it stored is then
 * meaningless). None fails in any other way. */

/* A decimal integer in lo..hi. */
int im_opt_int(const char *s, long lo, long hi, int *out);
/* A finite number of degrees in lo..hi. */
int im_opt_deg(const char *s, double lo, double hi, double *out);
/* "W,S,E,N" in degrees: W and E in -180..180, not equal (W > E crosses the
 * antimeridian); S and N in -90..90 with S < N. */
int im_opt_bbox(const char *s, double b[4]);
/* "LAT,LON" in degrees, -90..90 and -180..180. */
int im_opt_latlon(const char *s, double *lat, double *lon);
/* Exactly "YYYY-MM-DD", a real calendar date (years 1000..9999). */
int im_opt_date(const char *s, im_date *out);
/* "CC[,CC...]": 1 to max ISO 3166-1 alpha-2 codes (two ASCII letters each,
 * either case; stored upper-case, NUL-terminated), no code twice, no blank
 * item. *n: how many. */
int im_opt_countries(const char *s, char (*out)[3], size_t max, size_t *n);

#endif
