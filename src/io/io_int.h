/* io_int.h: what the files of the io stage share and no other stage sees:
 * the buffered input that knows its line and column, the JSON value
 * scanner, the incident <-> Feature / CSV row codecs and the reader state. */
#ifndef IM_IO_INT_H
#define IM_IO_INT_H

#include "io.h"
#include "../core/buf.h"

#include <json-c/json.h>
#include <stdint.h>
#include <string.h>

/* Limits on untrusted input, documented in docs/formats.md. Past one the
 * reader stops with IM_E_TOO_LARGE and says which. */
#define IM_IO_MAX_RECORD ((size_t)16 << 20) /* bytes of one feature, sequence record, CSV row, or the top-level members of a GeoJSON object together */
#define IM_IO_MAX_DEPTH 64                 /* JSON nesting */
#define IM_IO_MAX_TOKEN 64                 /* characters of one JSON number or literal */
#define IM_IO_MAX_FIELDS 4096              /* columns of a CSV */
#define IM_IO_MAX_READ ((size_t)10000000)  /* incidents im_io_read keeps in memory */
#define IM_IO_MAX_WARN 10                  /* warnings of one kind shown before only counting */

/* im_buf_append and im_buf_putc without a call when there is room: the hot
 * paths of the writers and of the CSV reader. Same contract (the cap, the
 * NUL after the bytes). */
static inline im_status im_io_put(im_buf *b, const void *p, size_t n)
{
	if (b->len + n < b->cap && (!b->max || b->len + n <= b->max)) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
		b->p[b->len] = '\0';
		return IM_OK;
	}
	return im_buf_append(b, p, n);
}

static inline im_status im_io_putc(im_buf *b, char c)
{
	if (b->len + 1 < b->cap && (!b->max || b->len + 1 <= b->max)) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
		return IM_OK;
	}
	return im_buf_append(b, &c, 1);
}

/* A string literal. */
#define IM_IO_LIT(b, s) im_io_put((b), (s), sizeof(s) - 1)

/* ---- buffered input with positions (jsonscan.c) ------------------------- */

/* Reads a file, stdin or a memory buffer through a window, tracking the
 * 1-based line and column (in characters) of the next byte. */
typedef struct im_io_in {
	FILE *fp;           /* NULL when reading memory */
	int own_fp;         /* fclose() at the end (not stdin) */
	int mem;            /* buf is the caller's memory */
	unsigned char *buf; /* window (owned), or the caller's memory (borrowed) */
	size_t pos, len, cap;
	int eof;
	int ioerr;          /* errno of a failed read, else 0 */
	long line, col;
	char *name;         /* for messages: the path, or "<stdin>" (owned) */
} im_io_in;

im_status im_io_in_open(im_io_in *in, const char *path, im_error *err);
im_status im_io_in_mem(im_io_in *in, const char *name, const void *data, size_t n,
		       im_error *err);
void im_io_in_close(im_io_in *in);
/* Makes at least `want` bytes available from pos when the input still has
 * them; returns how many are available (0 at the end). */
size_t im_io_in_fill(im_io_in *in, size_t want);

static inline int im_io_peek(im_io_in *in)
{
	if (in->pos < in->len || im_io_in_fill(in, 1))
		return in->buf[in->pos];
	return -1;
}

/* Consumes one byte (of an ASCII character or the first of a UTF-8 one). */
static inline void im_io_adv(im_io_in *in)
{
	unsigned char c = in->buf[in->pos++];
	if (c == '\n') {
		in->line++;
		in->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		in->col++;
	}
}

/* Skips JSON white space (and, when rs is set, RFC 8142 record separators). */
void im_io_skip_ws(im_io_in *in, int rs);
/* Skips a UTF-8 byte order mark at the very start. */
void im_io_skip_bom(im_io_in *in);
/* What a byte is, to follow "unexpected": "'x'", "record separator
 * (0x1E)", "byte 0xC3", "space", "end of file" (c < 0). */
void im_io_describe(int c, char *buf, size_t n);
/* The error for reaching the end where more was expected: a read error
 * when there was one, else "unexpected end of file" + what. */
im_status im_io_eof_error(im_io_in *in, im_error *err, const char *what);

/* ---- JSON value scanner (jsonscan.c) ------------------------------------ */

/* One object met while scanning, in document (pre-)order. */
typedef struct im_io_obj {
	uint32_t members;
	long line, col;
} im_io_obj;

typedef struct im_io_key {
	size_t off, len; /* raw bytes of a member name inside out */
	uint64_t hash;
} im_io_key;

/* Scans one JSON value from the input into `out` (white space outside
 * strings dropped), checking the grammar (RFC 8259, no NaN, no trailing
 * commas), UTF-8, nesting depth, sizes and duplicate member names, with
 * the exact line and column of what is wrong. json-c then builds the tree
 * from `out` (im_io_scan_parse). Zero-initialise; reusable. */
typedef struct im_io_scan {
	im_buf out;
	im_io_obj *objs;
	size_t n_objs, cap_objs;
	im_io_key *keys;
	size_t n_keys, cap_keys;
	json_tokener *tok;
	long line, col; /* where the value started */
} im_io_scan;

/* The input is at the first byte of the value (white space skipped).
 * `what` names the thing for messages ("feature", "record"). */
im_status im_io_scan_value(im_io_in *in, im_io_scan *s, const char *what,
			   im_error *err);
/* Parses what the last scan read with json-c and checks for duplicate
 * names that only differ in their escapes. Returns a new reference (caller
 * puts) or NULL with err set; a JSON null yields NULL with *is_null = 1. */
json_object *im_io_scan_parse(im_io_scan *s, const char *name, int *is_null,
			      im_error *err);
void im_io_scan_free(im_io_scan *s);

/* ---- incidents as GeoJSON features (feature.c) ---------------------------- */

/* Where a feature came from, for messages. */
typedef struct im_io_where {
	const char *name;
	long line, col;
	size_t index; /* 1-based number of the feature or row */
} im_io_where;

/* Fills inc from a Feature object. Sets *skip (and *skip_why, static text)
 * when the feature is well formed but not an incident (its geometry is not
 * a Point). Errors name the feature and what is wrong with it. */
im_status im_io_from_feature(json_object *f, const im_io_where *w, im_incident *inc,
			     int *skip, const char **skip_why, im_error *err);
/* Appends the Feature for inc, one line, no newline. */
im_status im_io_to_feature(im_buf *b, const im_incident *inc);
/* What a writer refuses: coordinates out of range or not finite, counts
 * below -1, precisions outside 1..3, confidence outside 0..1. */
im_status im_io_check(const im_incident *inc, const char *path, size_t index,
		      im_error *err);

/* Decodes a list of actors written in one text: a JSON array of strings,
 * or names separated by ';' (trimmed, empties dropped). */
im_status im_io_actors_decode(im_incident *inc, const char *s, const im_io_where *w,
			      const char *field, im_error *err);
/* Appends the sources given as a JSON array (json-c value) to inc. */
im_status im_io_sources_from_json(im_incident *inc, json_object *a, const im_io_where *w,
				  const char *field, im_error *err);
/* Decodes the common form of a sources cell (objects of the five names with
 * plain string or null values) without json-c, whose per-call locale
 * switching dominates reading a large CSV. Returns 1 when it did (sources
 * appended), 0 when the text is anything else (inc untouched): then the
 * json-c path decides, with its messages. fuzz_csv checks both agree. */
int im_io_sources_fast(im_incident *inc, const char *s, size_t len);
/* Appends the JSON array of inc's sources ("[]" when it has none). */
im_status im_io_sources_to_json(im_buf *b, const im_incident *inc);

/* ---- text helpers (text.c) ------------------------------------------------ */

/* A JSON string: UTF-8 kept, control characters, '"' and '\\' escaped,
 * invalid bytes replaced by U+FFFD; "null" for NULL. Faster than
 * im_buf_json_str for long runs of plain text. */
im_status im_io_json_str(im_buf *b, const char *s);
/* A number rounded to at most 6 decimals, trailing zeros dropped; with
 * `real` set it always has a decimal point ("1.0"), so that GDAL types the
 * field Real. v must be finite with |v| < 1e12. */
im_status im_io_num(im_buf *b, double v, int real);
im_status im_io_int(im_buf *b, long v);
/* Strict decimal number (JSON's grammar, optional '+', optional leading
 * zeros tolerated): 1 and *out on success; 0 for "nan", "1,5", "", "0x10". */
int im_io_parse_num(const char *s, size_t n, double *out);
/* Whole number with optional sign; 0 on anything else or overflow. */
int im_io_parse_long(const char *s, size_t n, long *out);
/* Dates as ACLED exports write them and ISO: "2021-12-07", "2021/12/07",
 * "07 December 2021", "7-Dec-21", "December 7, 2021", "12/7/2021"
 * (month first, as ACLED's US exports; day first when the first number
 * is over 12), optionally followed by a time. 1 on success. */
int im_io_parse_date(const char *s, size_t n, im_date *out);
/* ISO 3166-1 alpha-2 code for a country name, alpha-2 or alpha-3 code
 * (ASCII case-insensitive; ACLED's and Natural Earth's spellings), or NULL. */
const char *im_io_country_code(const char *s);

/* The QGIS style (.qml) as text, appended to b (qml.c). */
im_status im_qml_text(im_buf *b);
/* The QGIS expression giving a marker's size in mm from "fatalities" (qml.c). */
im_status im_qml_size_expr(im_buf *b);

/* ---- CSV (csv.c) ---------------------------------------------------------- */

im_status im_io_csv_header(im_buf *b);
im_status im_io_csv_row(im_buf *b, const im_incident *inc);
/* The CSV for people (--excel, docs/formats.md): a byte order mark, a
 * source_url column and a readable sources column, text that a spreadsheet
 * would run as a formula neutralised. */
im_status im_io_csv_excel_header(im_buf *b);
im_status im_io_csv_excel_row(im_buf *b, const im_incident *inc);
/* 1 when a spreadsheet would take text s as a formula (it starts with
 * = + - @ tab or CR). */
int im_io_formula_like(const char *s);
/* Appends the sources as a person reads them: "title (date) url", the
 * sources separated by sep. */
im_status im_io_sources_readable(im_buf *b, const im_incident *inc, const char *sep);
/* Appends the actors as one CSV cell's text (see docs/formats.md). */
im_status im_io_actors_encode(im_buf *b, const im_incident *inc);

/* ---- KML and KMZ (kml.c, kml_read.c) -------------------------------------- */

/* The writer's state: placemarks held per event type until the end. */
typedef struct im_io_kml im_io_kml;
im_status im_io_kml_new(im_io_kml **out);
im_status im_io_kml_add(im_io_kml *k, const im_incident *inc, const char *path,
			im_error *err);
/* Writes the whole document (zipped: a KMZ) to out. */
im_status im_io_kml_finish(im_io_kml *k, FILE *out, int zipped, const char *path,
			   im_error *err);
void im_io_kml_free(im_io_kml *k);
/* The HTML description of an incident (its popup), every string escaped. */
im_status im_io_kml_description(im_buf *b, const im_incident *inc);

/* ---- XLSX (xlsx.c) --------------------------------------------------------- */

/* The workbook being written to tmppath (the atomic file's temporary
 * name; NULL for stdout, which is refused). */
typedef struct im_io_xlsx im_io_xlsx;
im_status im_io_xlsx_open(const char *tmppath, const char *path, im_io_xlsx **out,
			  im_error *err);
im_status im_io_xlsx_add(im_io_xlsx *x, const im_incident *inc, const char *path,
			 im_error *err);
/* Sizes the columns, writes the summary sheet and closes the workbook. */
im_status im_io_xlsx_finish(im_io_xlsx *x, const char *path, im_error *err);
void im_io_xlsx_free(im_io_xlsx *x);

/* ---- readers (io.c, geojson_read.c, csv.c) -------------------------------- */

typedef struct im_io_csvcol {
	size_t off, len;
	int quoted;
	long line, col;
} im_io_csvcol;

struct im_io_reader {
	im_format fmt;
	im_io_in in;
	im_io_scan scan;
	size_t index;     /* features or rows met */
	size_t n_skipped; /* not incidents (GeoJSON) */
	size_t n_warned;  /* warnings shown */
	int state;
	int finished;
	/* GeoJSON */
	json_object *top;   /* members of the top-level object but "features" */
	size_t top_bytes;
	int seen_features, first;
	/* CSV */
	int *map;           /* column -> field */
	size_t ncols;
	int acled;            /* ACLED's export columns */
	int acled_confidence; /* ... and no confidence column: take 1 */
	im_buf rec;         /* the bytes of the current row's fields */
	im_io_csvcol *cols; /* its fields */
	size_t nf, capf;
	long rec_line;
	/* GeoPackage */
	struct im_store *store;
	struct im_store_cursor *cursor;
	/* KML, KMZ (kml_read.c) */
	struct im_io_kmlr *kml;
};

im_status im_io_geojson_next(im_io_reader *r, im_incident *inc, int *done,
			     im_error *err);
im_status im_io_seq_next(im_io_reader *r, im_incident *inc, int *done, im_error *err);
im_status im_io_csv_next(im_io_reader *r, im_incident *inc, int *done, im_error *err);
void im_io_csv_free(im_io_reader *r);
im_status im_io_kml_next(im_io_reader *r, im_incident *inc, int *done, im_error *err);
void im_io_kml_reader_free(im_io_reader *r);
/* Warns about a skipped feature (the first IM_IO_MAX_WARN individually). */
void im_io_skip_warn(im_io_reader *r, long line, const char *fmt, ...) IM_PRINTF(3, 4);
/* At the end: the summary of what was skipped. */
void im_io_skip_summary(im_io_reader *r);

#endif
