/* im.h: statuses, error records, diagnostics and dates shared by every stage.
 * Every other header of the library includes this one. */
#ifndef IM_H
#define IM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define IM_VERSION "0.1.0"

#if defined(__GNUC__)
#define IM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define IM_PRINTF(f, a)
#endif

/* One status for the whole library. IM_OK is zero, so `if (st)` means failure.
 * The CLI maps IM_E_USAGE to exit status 2 and every other failure to 1. */
typedef enum im_status {
	IM_OK = 0,
	IM_E_USAGE,       /* bad command line or option value */
	IM_E_IO,          /* file missing, unreadable, unwritable, disk full */
	IM_E_PARSE,       /* malformed input: JSON, CSV, article, gazetteer line */
	IM_E_RANGE,       /* a value out of its range: latitude 95, month 13 */
	IM_E_NOMEM,       /* allocation failed */
	IM_E_TOO_LARGE,   /* past a documented limit on untrusted input */
	IM_E_PROJ,        /* PROJ refused a CRS or a transformation */
	IM_E_RENDER,      /* cairo, pango or shapelib failed */
	IM_E_NOTFOUND,    /* no such gazetteer entry, no such file in a folder */
	IM_E_EXISTS,      /* the entry already exists */
	IM_E_UNSUPPORTED, /* a format or feature this build does not have */
	IM_E_INTERNAL     /* a bug: should not happen */
} im_status;

/* Where and what went wrong. `file` is "" when the error is not about a file,
 * `line`/`col` are 0 when unknown. Fixed-size buffers so that reporting an
 * error never needs to allocate. */
typedef struct im_error {
	im_status code;
	char file[512];
	long line;
	long col;
	char msg[768];
} im_error;

/* Resets *e to "no error". Accepts NULL. */
void im_error_clear(im_error *e);

/* Fills *e (when not NULL) and returns `code`, so callers can write
 * `return im_error_set(err, IM_E_PARSE, path, line, 0, "...")`.
 * `file` may be NULL. Messages are truncated, never overflow. */
im_status im_error_set(im_error *e, im_status code, const char *file, long line,
		       long col, const char *fmt, ...) IM_PRINTF(6, 7);

/* Writes "incimap: FILE:LINE:COL: MSG\n" (the parts that are known) to fp. */
void im_error_print(const im_error *e, FILE *fp);

/* A short English name of a status ("parse error"). Never NULL. */
const char *im_status_str(im_status st);

/* Warnings that do not stop the run (a skipped feature, an unplaced label).
 * They go through one hook so tests can capture them; the default hook
 * prints "incimap: FILE:LINE: warning: MSG" to stderr. `file` may be NULL. */
typedef void (*im_warn_fn)(void *ud, const char *file, long line, const char *msg);
void im_set_warn_hook(im_warn_fn fn, void *ud);
void im_warn(const char *file, long line, const char *fmt, ...) IM_PRINTF(3, 4);
/* How many warnings have been issued since start (or the last reset). */
unsigned long im_warn_count(void);
void im_warn_reset(void);

/* ---- dates ------------------------------------------------------------ */

/* A calendar date. y == 0 means unknown; m and d are 1-based. */
typedef struct im_date {
	int y, m, d;
} im_date;

/* Parses exactly "YYYY-MM-DD" (a real calendar date, years 1000..9999).
 * Returns 1 and sets *out on success, 0 otherwise. */
int im_date_parse_iso(const char *s, size_t len, im_date *out);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL) into buf. */
void im_date_format(im_date d, char buf[11]);
int im_date_valid(im_date d);
int im_days_in_month(int y, int m);
/* Days since 1970-01-01 (may be negative), and back. */
long im_date_to_days(im_date d);
im_date im_date_from_days(long days);
/* 0 = Monday ... 6 = Sunday. */
int im_date_weekday(im_date d);
im_date im_date_add_days(im_date d, long n);

/* The one rule for "\u0000" in a JSON string, in every JSON reader (JSON
 * Lines, GeoJSON, GeoJSONSeq): json-c would decode a NUL that cuts the
 * string ("Bas\u0000ra" read as "Bas", the figures after it lost), so the
 * string is refused with this message, as a NUL byte in an article is. */
#define IM_NUL_ESCAPE_MSG "\\u0000 (a NUL character) in a string: not text"

#endif
