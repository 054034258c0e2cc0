/* csv.c: incidents as RFC 4180 CSV (DESIGN.md's columns plus latitude and
 * longitude), and the reader for those and for ACLED's export columns.
 * A row is read into one buffer at a time: memory stays flat. */
#include "io_int.h"
#include "../core/utf8.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- writing -------------------------------------------------------------- */

static const char *const header_cols[] = {
	"id",         "event_date", "time_precision", "date_text",  "event_type",
	"sub_event_type", "place",  "place_text",     "admin1",     "country",
	"geo_precision", "gazetteer_id", "fatalities", "injuries",  "actors",
	"sources",    "notes",      "confidence",     "latitude",   "longitude"};

im_status im_io_csv_header(im_buf *b)
{
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < sizeof header_cols / sizeof header_cols[0]; i++) {
		if (i)
			st = im_io_putc(b, ',');
		st = st ? st : im_buf_puts(b, header_cols[i]);
	}
	return st ? st : IM_IO_LIT(b, "\r\n");
}

/* One field: nothing for NULL, "" for the empty string (so the reader can
 * tell them apart), quoted when it holds a comma, quote, line break or
 * leading/trailing space. Invalid UTF-8 becomes U+FFFD, as in JSON. */
static im_status field(im_buf *b, const char *s, size_t n)
{
	if (!s)
		return IM_OK;
	int quote = n == 0 || s[0] == ' ' || s[n - 1] == ' ';
	int clean = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ',' || c == '"' || c == '\r' || c == '\n')
			quote = 1;
		else if (c >= 0x80)
			clean = 0;
	}
	if (!clean && !im_utf8_valid(s, n, NULL)) {
		im_buf fixed = IM_BUF_INIT;
		im_status st = IM_OK;
		for (size_t i = 0; !st && i < n;) {
			size_t l = im_utf8_seq_len(s + i, n - i);
			if (s[i] == '\0') { /* cannot be: strings end at NUL */
				break;
			} else if (l == 0) {
				st = im_buf_append(&fixed, "\xEF\xBF\xBD", 3);
				i++;
			} else {
				st = im_buf_append(&fixed, s + i, l);
				i += l;
			}
		}
		st = st ? st : field(b, fixed.p ? fixed.p : "", fixed.len);
		im_buf_free(&fixed);
		return st;
	}
	if (!quote)
		return im_io_put(b, s, n);
	im_status st = im_io_putc(b, '"');
	size_t i = 0;
	while (!st && i < n) {
		const char *q = memchr(s + i, '"', n - i);
		size_t k = q ? (size_t)(q - (s + i)) + 1 : n - i;
		st = im_io_put(b, s + i, k);
		if (!st && q)
			st = im_io_putc(b, '"');
		i += k;
	}
	return st ? st : im_io_putc(b, '"');
}

static im_status sfield(im_buf *b, const char *s)
{
	return field(b, s, s ? strlen(s) : 0);
}

/* The last columns of both CSVs, confidence, latitude and longitude (empty
 * without a point), and the row's end. */
static im_status row_end(im_buf *b, const im_incident *inc)
{
	im_status st = im_io_num(b, inc->confidence, 1);
	st = st ? st : im_io_putc(b, ',');
	if (inc->has_point) {
		st = st ? st : im_io_num(b, inc->lat, 0);
		st = st ? st : im_io_putc(b, ',');
		st = st ? st : im_io_num(b, inc->lon, 0);
	} else {
		st = st ? st : im_io_putc(b, ',');
	}
	return st ? st : IM_IO_LIT(b, "\r\n");
}

/* Actors in one cell: "A; B" reads well in a spreadsheet; a JSON array
 * when a name would not survive that (it holds ';', starts with '[' or has
 * spaces at either end). */
im_status im_io_actors_encode(im_buf *b, const im_incident *inc)
{
	int json = 0;
	for (size_t i = 0; i < inc->n_actors; i++) {
		const char *a = inc->actors[i];
		size_t n = strlen(a);
		if (n && (strchr(a, ';') || a[0] == '[' || isspace((unsigned char)a[0]) ||
			  isspace((unsigned char)a[n - 1])))
			json = 1;
	}
	/* Empty names say nothing and are left out, as in GeoJSON. */
	im_status st = json ? im_io_putc(b, '[') : IM_OK;
	for (size_t i = 0, k = 0; !st && i < inc->n_actors; i++) {
		if (!inc->actors[i][0])
			continue;
		if (k++)
			st = json ? im_io_putc(b, ',') : IM_IO_LIT(b, "; ");
		st = st ? st : json ? im_io_json_str(b, inc->actors[i]) : im_buf_puts(b, inc->actors[i]);
	}
	return st || !json ? st : im_io_putc(b, ']');
}

im_status im_io_csv_row(im_buf *b, const im_incident *inc)
{
	im_buf tmp = IM_BUF_INIT;
	im_status st = sfield(b, inc->id);
	st = st ? st : im_io_putc(b, ',');
	if (inc->event_date.y) {
		char d[11];
		im_date_format(inc->event_date, d);
		st = st ? st : im_io_put(b, d, 10);
	}
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : im_io_int(b, inc->time_precision);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->date_text);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->event_type);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->sub_event_type);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->place);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->place_text);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->admin1);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->country);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : im_io_int(b, inc->geo_precision);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->gazetteer_id);
	st = st ? st : im_io_putc(b, ',');
	if (inc->fatalities != IM_NULL_INT)
		st = st ? st : im_io_int(b, inc->fatalities);
	st = st ? st : im_io_putc(b, ',');
	if (inc->injuries != IM_NULL_INT)
		st = st ? st : im_io_int(b, inc->injuries);
	st = st ? st : im_io_putc(b, ',');
	if (inc->n_actors) {
		st = st ? st : im_io_actors_encode(&tmp, inc);
		st = st ? st : field(b, tmp.p, tmp.len);
		im_buf_reset(&tmp);
	}
	st = st ? st : im_io_putc(b, ',');
	if (inc->n_sources) {
		st = st ? st : im_io_sources_to_json(&tmp, inc);
		st = st ? st : field(b, tmp.p, tmp.len);
	}
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : sfield(b, inc->notes);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : row_end(b, inc);
	im_buf_free(&tmp);
	return st;
}

/* ---- the CSV for people (--excel) ----------------------------------------- */

static const char *const excel_cols[] = {
	"id",         "event_date", "time_precision", "date_text",  "event_type",
	"sub_event_type", "place",  "place_text",     "admin1",     "country",
	"geo_precision", "gazetteer_id", "fatalities", "injuries",  "actors",
	"source_url", "sources",    "notes",          "confidence", "latitude",
	"longitude"};

im_status im_io_csv_excel_header(im_buf *b)
{
	im_status st = IM_IO_LIT(b, "\xEF\xBB\xBF"); /* UTF-8 byte order mark */
	for (size_t i = 0; !st && i < sizeof excel_cols / sizeof excel_cols[0]; i++) {
		if (i)
			st = im_io_putc(b, ',');
		st = st ? st : im_buf_puts(b, excel_cols[i]);
	}
	return st ? st : IM_IO_LIT(b, "\r\n");
}

int im_io_formula_like(const char *s)
{
	return s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
		     s[0] == '\t' || s[0] == '\r');
}

/* A text cell a spreadsheet would run as a formula gets a leading
 * apostrophe (shown by none, taken as "this is text" by Excel and
 * LibreOffice); every other text is written as it is. */
static im_status tfield(im_buf *b, const char *s)
{
	if (!im_io_formula_like(s))
		return sfield(b, s);
	im_buf t = IM_BUF_INIT;
	im_status st = im_buf_putc(&t, '\'');
	st = st ? st : im_buf_puts(&t, s);
	st = st ? st : field(b, t.p, t.len);
	im_buf_free(&t);
	return st;
}

/* The sources as a person reads them: "title (date) url", one a line. */
im_status im_io_sources_readable(im_buf *b, const im_incident *inc, const char *sep)
{
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < inc->n_sources; i++) {
		const im_source *s = &inc->sources[i];
		const char *where = s->url ? s->url : s->file;
		size_t len0 = b->len;
		if (i)
			st = im_buf_puts(b, sep);
		size_t start = b->len;
		if (!st && s->title)
			st = im_buf_puts(b, s->title);
		if (!st && s->date)
			st = im_buf_printf(b, "%s(%s)", b->len > start ? " " : "", s->date);
		if (!st && where)
			st = im_buf_printf(b, "%s%s", b->len > start ? " " : "", where);
		if (!st && !s->title && !s->date && !where && s->id)
			st = im_buf_puts(b, s->id);
		if (!st && b->len == start) /* a source with nothing to show */
			b->len = len0, b->p[len0] = '\0';
	}
	return st;
}

static const char *first_url(const im_incident *inc)
{
	for (size_t i = 0; i < inc->n_sources; i++)
		if (inc->sources[i].url)
			return inc->sources[i].url;
	return NULL;
}

im_status im_io_csv_excel_row(im_buf *b, const im_incident *inc)
{
	const char *text[] = {inc->id, NULL, NULL, inc->date_text, inc->event_type,
			      inc->sub_event_type, inc->place, inc->place_text, inc->admin1,
			      inc->country};
	im_buf tmp = IM_BUF_INIT;
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < sizeof text / sizeof text[0]; i++) {
		if (i)
			st = im_io_putc(b, ',');
		if (st)
			break;
		if (i == 1 && inc->event_date.y) {
			char d[11];
			im_date_format(inc->event_date, d);
			st = im_io_put(b, d, 10);
		} else if (i == 2) {
			st = im_io_int(b, inc->time_precision);
		} else {
			st = tfield(b, text[i]);
		}
	}
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : im_io_int(b, inc->geo_precision);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : tfield(b, inc->gazetteer_id);
	st = st ? st : im_io_putc(b, ',');
	if (inc->fatalities != IM_NULL_INT)
		st = st ? st : im_io_int(b, inc->fatalities);
	st = st ? st : im_io_putc(b, ',');
	if (inc->injuries != IM_NULL_INT)
		st = st ? st : im_io_int(b, inc->injuries);
	st = st ? st : im_io_putc(b, ',');
	for (size_t i = 0, k = 0; !st && i < inc->n_actors; i++)
		if (inc->actors[i][0])
			st = im_buf_printf(&tmp, "%s%s", k++ ? "; " : "", inc->actors[i]);
	st = st ? st : tfield(b, inc->n_actors ? tmp.p : NULL);
	im_buf_reset(&tmp);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : tfield(b, first_url(inc));
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : im_io_sources_readable(&tmp, inc, "\n");
	st = st ? st : tfield(b, inc->n_sources ? (tmp.p ? tmp.p : "") : NULL);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : tfield(b, inc->notes);
	st = st ? st : im_io_putc(b, ',');
	st = st ? st : row_end(b, inc);
	im_buf_free(&tmp);
	return st;
}

/* ---- reading -------------------------------------------------------------- */

enum col {
	C_NONE, C_ID, C_EVENT_ID_CNTY, C_EVENT_DATE, C_TIME_PREC, C_DATE_TEXT,
	C_EVENT_TYPE, C_SUB_EVENT_TYPE, C_PLACE, C_LOCATION, C_PLACE_TEXT, C_ADMIN1,
	C_COUNTRY, C_ISO3, C_GEO_PREC, C_GAZ_ID, C_FATALITIES, C_INJURIES, C_ACTORS,
	C_ACTOR1, C_ASSOC1, C_ACTOR2, C_ASSOC2, C_SOURCES, C_SOURCE, C_NOTES,
	C_CONFIDENCE, C_LAT, C_LON, C_COUNT
};

static const struct {
	const char *name;
	enum col col;
} col_names[] = {
	{"id", C_ID}, {"event_id_cnty", C_EVENT_ID_CNTY}, {"event_date", C_EVENT_DATE},
	{"time_precision", C_TIME_PREC}, {"date_text", C_DATE_TEXT},
	{"event_type", C_EVENT_TYPE}, {"sub_event_type", C_SUB_EVENT_TYPE},
	{"place", C_PLACE}, {"location", C_LOCATION}, {"place_text", C_PLACE_TEXT},
	{"admin1", C_ADMIN1}, {"country", C_COUNTRY}, {"iso3", C_ISO3},
	{"geo_precision", C_GEO_PREC}, {"gazetteer_id", C_GAZ_ID},
	{"fatalities", C_FATALITIES}, {"injuries", C_INJURIES}, {"actors", C_ACTORS},
	{"actor1", C_ACTOR1}, {"assoc_actor_1", C_ASSOC1}, {"actor2", C_ACTOR2},
	{"assoc_actor_2", C_ASSOC2}, {"sources", C_SOURCES}, {"source", C_SOURCE},
	{"notes", C_NOTES}, {"confidence", C_CONFIDENCE}, {"latitude", C_LAT},
	{"lat", C_LAT}, {"longitude", C_LON}, {"lon", C_LON}, {"lng", C_LON},
};

static im_status csv_bad(im_io_reader *r, long line, long col, im_status code, im_error *err,
			 const char *fmt, ...) IM_PRINTF(6, 7);

static im_status csv_bad(im_io_reader *r, long line, long col, im_status code, im_error *err,
			 const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return im_error_set(err, code, r->in.name, line, col, "%s", msg);
}

static im_status rec_full(im_io_reader *r, im_status st, im_error *err)
{
	if (st == IM_E_TOO_LARGE)
		return csv_bad(r, r->rec_line, 0, st, err, "row larger than the limit of %zu MiB",
			       IM_IO_MAX_RECORD >> 20);
	return csv_bad(r, r->in.line, r->in.col, st, err, "out of memory");
}

static inline im_status rec_put(im_io_reader *r, const void *p, size_t n, im_error *err)
{
	im_status st = im_io_put(&r->rec, p, n);
	return st ? rec_full(r, st, err) : IM_OK;
}

static im_status new_field(im_io_reader *r, int quoted, im_error *err)
{
	if (r->nf == IM_IO_MAX_FIELDS)
		return csv_bad(r, r->rec_line, 0, IM_E_TOO_LARGE, err,
			       "row with more than %d fields", IM_IO_MAX_FIELDS);
	if (im_grow(&r->cols, &r->capf, r->nf + 1, sizeof *r->cols))
		return csv_bad(r, r->in.line, r->in.col, IM_E_NOMEM, err, "out of memory");
	r->cols[r->nf++] = (im_io_csvcol){r->rec.len, 0, quoted, r->in.line, r->in.col};
	return IM_OK;
}

/* Bytes that end a run of plain text: in a quoted field the quote, control
 * characters and non-ASCII (checked one by one); in a plain field also the
 * comma. Filled once, lazily. */
static unsigned char stop_quoted[256], stop_plain[256];

static void stop_tables(void)
{
	if (stop_plain[0])
		return;
	for (int c = 0; c < 256; c++) {
		stop_quoted[c] = c < 0x20 || c >= 0x80 || c == '"';
		stop_plain[c] = stop_quoted[c] || c == ',';
	}
}

/* The bytes of a non-ASCII character, checked. */
static im_status utf8_char(im_io_reader *r, im_error *err)
{
	im_io_in *in = &r->in;
	size_t have = im_io_in_fill(in, 4);
	size_t l = im_utf8_seq_len((const char *)in->buf + in->pos, have);
	if (l == 0)
		return csv_bad(r, in->line, in->col, IM_E_PARSE, err,
			       "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
			       (unsigned)in->buf[in->pos]);
	im_status st = rec_put(r, in->buf + in->pos, l, err);
	in->pos += l;
	in->col++;
	return st;
}

/* The bytes ahead that need no look, copied into r->rec in bulk: plain
 * ASCII and, in a quoted field, doubled quotes too (the sources column is
 * full of them). */
static im_status bulk(im_io_reader *r, int quoted, im_error *err)
{
	im_io_in *in = &r->in;
	im_status st;
	size_t avail = in->len - in->pos;
	const unsigned char *p = in->buf + in->pos;
	const unsigned char *stop = quoted ? stop_quoted : stop_plain;
	size_t k = 0, run = 0;
	for (;;) {
		while (k < avail && !stop[p[k]])
			k++;
		if (quoted && k + 1 < avail && p[k] == '"' && p[k + 1] == '"') {
			if ((st = rec_put(r, p + run, k + 1 - run, err)))
				return st;
			k += 2;
			run = k;
			continue;
		}
		break;
	}
	if (k > run && (st = rec_put(r, p + run, k - run, err)))
		return st;
	in->pos += k;
	in->col += (long)k;
	return IM_OK;
}

/* At a '"' in a quoted field: a doubled one is a quote of the text (*end
 * 0); else the field ends (*end 1), and only a comma or a line break may
 * follow. */
static im_status closing_quote(im_io_reader *r, int *end, im_error *err)
{
	im_io_in *in = &r->in;
	im_io_adv(in);
	*end = 0;
	if (im_io_peek(in) == '"') {
		im_io_adv(in);
		return rec_put(r, "\"", 1, err);
	}
	*end = 1;
	int c = im_io_peek(in);
	if (c >= 0 && c != ',' && c != '\r' && c != '\n') {
		char d[48];
		im_io_describe(c, d, sizeof d);
		return csv_bad(r, in->line, in->col, IM_E_PARSE, err,
			       "unexpected %s after a closing quote "
			       "(a quote inside a field is written \"\")",
			       d);
	}
	return IM_OK;
}

/* The text of a field (its opening quote, if any, read) into r->rec, up to
 * its end: the closing quote, a comma, a line break or the input's end.
 * qline, qcol: where a quoted field opened. */
static im_status field_text(im_io_reader *r, int quoted, long qline, long qcol, im_error *err)
{
	im_io_in *in = &r->in;
	im_status st;
	for (;;) {
		if ((st = bulk(r, quoted, err)))
			return st;
		int c = im_io_peek(in);
		if (c < 0) {
			if (in->ioerr)
				return im_io_eof_error(in, err, "");
			if (quoted)
				return csv_bad(r, qline, qcol, IM_E_PARSE, err,
					       "unclosed quote: the field that opens here "
					       "never ends");
			return IM_OK;
		}
		if (c >= 0x80) {
			if ((st = utf8_char(r, err)))
				return st;
			continue;
		}
		if (quoted && c == '"') {
			int end;
			if ((st = closing_quote(r, &end, err)) || end)
				return st;
			continue;
		}
		if (!quoted) {
			if (c == ',' || c == '\r' || c == '\n')
				return IM_OK;
			if (c == '"')
				return csv_bad(r, in->line, in->col, IM_E_PARSE, err,
					       "a quote inside an unquoted field (quote the "
					       "whole field and write the quote as \"\")");
		}
		/* Other control characters are data (our writer keeps what the
		 * text had); only NUL cannot be. Line breaks end an unquoted
		 * field and were handled above. */
		if (c == 0)
			return csv_bad(r, in->line, in->col, IM_E_PARSE, err,
				       "a NUL byte: this is not a text file");
		if ((st = rec_put(r, &(char){(char)c}, 1, err)))
			return st;
		im_io_adv(in);
	}
}

/* The field at the input's position into r->rec (NUL-ended) and r->cols,
 * and the comma or line break after it read: *more 1 after a comma. */
static im_status read_field(im_io_reader *r, int *more, im_error *err)
{
	im_io_in *in = &r->in;
	im_status st;
	int c = im_io_peek(in);
	int quoted = c == '"';
	long qline = in->line, qcol = in->col;
	if ((st = new_field(r, quoted, err)))
		return st;
	if (quoted)
		im_io_adv(in);
	if ((st = field_text(r, quoted, qline, qcol, err)))
		return st;
	im_io_csvcol *f = &r->cols[r->nf - 1];
	f->len = r->rec.len - f->off;
	if ((st = rec_put(r, "", 1, err))) /* the NUL */
		return st;
	c = im_io_peek(in);
	*more = c == ',';
	if (c == ',') {
		im_io_adv(in);
	} else if (c == '\r') {
		im_io_adv(in);
		if (im_io_peek(in) == '\n')
			im_io_adv(in);
	} else if (c == '\n') {
		im_io_adv(in);
	}
	return IM_OK;
}

/* Reads one row into r->rec/r->cols. Blank lines are skipped; *eof at the
 * end of the input. Each field's bytes end with a NUL in r->rec. */
static im_status read_row(im_io_reader *r, int *eof, im_error *err)
{
	im_io_in *in = &r->in;
	im_status st;
	*eof = 0;
	stop_tables();
	for (;;) {
		im_buf_reset(&r->rec);
		r->rec.max = IM_IO_MAX_RECORD;
		r->nf = 0;
		r->rec_line = in->line;
		int c = im_io_peek(in);
		if (c < 0) {
			if (in->ioerr)
				return im_io_eof_error(in, err, "");
			*eof = 1;
			return IM_OK;
		}
		if (c != '\n' && c != '\r')
			break;
		im_io_adv(in); /* a blank line */
	}
	int more = 1;
	while (more)
		if ((st = read_field(r, &more, err)))
			return st;
	return IM_OK;
}

static const char *fstr(im_io_reader *r, size_t i)
{
	return r->rec.p + r->cols[i].off;
}

static im_status read_header(im_io_reader *r, im_error *err)
{
	int eof;
	im_status st;
	im_io_skip_bom(&r->in);
	if ((st = read_row(r, &eof, err)))
		return st;
	if (eof)
		return csv_bad(r, 0, 0, IM_E_PARSE, err,
			       "empty file: expected a header row (id,event_date,...,latitude,longitude)");
	r->ncols = r->nf;
	if (!(r->map = calloc(r->ncols, sizeof *r->map)))
		return csv_bad(r, 1, 0, IM_E_NOMEM, err, "out of memory");
	int have[C_COUNT] = {0};
	for (size_t i = 0; i < r->ncols; i++) {
		const char *name = fstr(r, i);
		size_t n = r->cols[i].len;
		while (n && *name == ' ')
			name++, n--;
		while (n && name[n - 1] == ' ')
			n--;
		for (size_t k = 0; k < sizeof col_names / sizeof col_names[0]; k++) {
			if (strlen(col_names[k].name) == n && strncasecmp(col_names[k].name, name, n) == 0) {
				enum col c = col_names[k].col;
				if (have[c])
					return csv_bad(r, r->cols[i].line, r->cols[i].col, IM_E_PARSE, err,
						       "column '%.*s' appears twice in the header", (int)n,
						       name);
				have[c] = 1;
				r->map[i] = (int)c;
				break;
			}
		}
	}
	if (!have[C_LAT] || !have[C_LON]) {
		const char *h = fstr(r, 0);
		if (r->ncols == 1 && (strchr(h, ';') || strchr(h, '\t')))
			return csv_bad(r, 1, 1, IM_E_PARSE, err,
				       "the header has no commas: incimap reads comma-separated "
				       "values (this file seems to use %s)",
				       strchr(h, ';') ? "';'" : "tabs");
		return csv_bad(r, 1, 1, IM_E_PARSE, err,
			       "no '%s' column: a CSV of incidents needs 'latitude' and 'longitude'",
			       !have[C_LAT] ? "latitude" : "longitude");
	}
	/* ACLED's rows are coded by people, not read by a machine: unless the
	 * file says otherwise, they are taken as they are (confidence 1). */
	r->acled = have[C_EVENT_ID_CNTY] || have[C_ACTOR1] || have[C_LOCATION];
	r->acled_confidence = r->acled && !have[C_CONFIDENCE];
	return IM_OK;
}

static im_status cell_err(im_io_reader *r, size_t i, im_status code, im_error *err,
			  const char *what)
{
	const char *name = "?";
	for (size_t k = 0; k < sizeof col_names / sizeof col_names[0]; k++)
		if ((int)col_names[k].col == r->map[i]) {
			name = col_names[k].name;
			break;
		}
	return csv_bad(r, r->cols[i].line, r->cols[i].col, code, err, "row %zu, %s: '%.60s' %s",
		       r->index, name, fstr(r, i), what);
}

static im_status set_cell(im_io_reader *r, size_t i, char **field, im_error *err)
{
	/* An unquoted empty cell is null; a quoted one ("") an empty string. */
	if (r->cols[i].len == 0 && !r->cols[i].quoted)
		return IM_OK;
	char *c = im_strndup(fstr(r, i), r->cols[i].len);
	if (!c)
		return csv_bad(r, r->cols[i].line, 0, IM_E_NOMEM, err, "out of memory");
	free(*field);
	*field = c;
	return IM_OK;
}

static im_status int_cell(im_io_reader *r, size_t i, int *out, long lo, long hi, im_error *err)
{
	const char *s = fstr(r, i);
	size_t n = r->cols[i].len;
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return IM_OK;
	long v;
	if (!im_io_parse_long(s, n, &v)) {
		double d;
		if (!im_io_parse_num(s, n, &d) || d != (double)(long)d)
			return cell_err(r, i, IM_E_PARSE, err, "is not a whole number");
		v = (long)d;
	}
	if (v < lo || v > hi) {
		char what[64];
		snprintf(what, sizeof what, "is out of range (%ld to %ld)", lo, hi);
		return cell_err(r, i, IM_E_RANGE, err, what);
	}
	*out = (int)v;
	return IM_OK;
}

static im_status num_cell(im_io_reader *r, size_t i, double *out, int *present, im_error *err)
{
	const char *s = fstr(r, i);
	size_t n = r->cols[i].len;
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	*present = n > 0;
	if (n == 0)
		return IM_OK;
	if (!im_io_parse_num(s, n, out))
		return cell_err(r, i, IM_E_PARSE, err,
				memchr(s, ',', n) ? "is not a number (use '.' for decimals)"
						  : "is not a number");
	return IM_OK;
}

static im_status add_source_titles(im_io_reader *r, size_t i, im_incident *inc, im_error *err)
{
	/* ACLED's "source": outlets separated by ';'. */
	const char *s = fstr(r, i);
	while (*s) {
		const char *e = strchr(s, ';');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		size_t a = 0, z = n;
		while (a < z && s[a] == ' ')
			a++;
		while (z > a && s[z - 1] == ' ')
			z--;
		if (z > a) {
			im_source src = {0};
			src.title = im_strndup(s + a, z - a);
			im_status st = src.title ? im_incident_add_source(inc, &src) : IM_E_NOMEM;
			im_source_clear(&src);
			if (st)
				return csv_bad(r, r->cols[i].line, 0, st, err, "out of memory");
		}
		s += n;
		if (*s == ';')
			s++;
	}
	return IM_OK;
}

/* Where a row's columns are, for the cells read after the others. */
typedef struct rowcols {
	size_t ilat, ilon, iplace, iloc, icountry, iiso3, iid, iacled, iactors;
	size_t iactor[4]; /* ACLED's actor1, assoc_actor_1, actor2, assoc_actor_2 */
} rowcols;

/* The "sources" cell i: a JSON array of sources. */
static im_status sources_cell(im_io_reader *r, size_t i, im_incident *inc, im_error *err)
{
	const char *s = fstr(r, i);
	if (!r->cols[i].len || im_io_sources_fast(inc, s, r->cols[i].len))
		return IM_OK;
	json_tokener *tok = json_tokener_new_ex(8);
	json_object *a = NULL;
	if (tok) {
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
		a = json_tokener_parse_ex(tok, s, (int)r->cols[i].len);
		if (json_tokener_get_error(tok) != json_tokener_success ||
		    json_tokener_get_parse_end(tok) != r->cols[i].len) {
			json_object_put(a);
			a = NULL;
		}
		json_tokener_free(tok);
	}
	if (!a || !json_object_is_type(a, json_type_array)) {
		json_object_put(a);
		return cell_err(
		    r, i, IM_E_PARSE, err,
		    "is not a JSON array of sources [{\"id\",\"url\",\"date\",\"title\"}]");
	}
	im_io_where w = {r->in.name, r->cols[i].line, r->cols[i].col, r->index};
	im_status st = im_io_sources_from_json(inc, a, &w, "sources", err);
	json_object_put(a);
	return st;
}

/* The "confidence" cell i: 0 to 1. */
static im_status confidence_cell(im_io_reader *r, size_t i, im_incident *inc, im_error *err)
{
	double d;
	int present;
	im_status st = num_cell(r, i, &d, &present, err);
	if (!st && present) {
		if (!(d >= 0 && d <= 1))
			st = cell_err(r, i, IM_E_RANGE, err, "is not between 0 and 1");
		else
			inc->confidence = d;
	}
	return st;
}

/* The cell i into inc, or its column into rc for later. */
static im_status read_cell(im_io_reader *r, size_t i, im_incident *inc, rowcols *rc,
                           im_error *err)
{
	const char *s = fstr(r, i);
	switch ((enum col)r->map[i]) {
	case C_NONE: case C_COUNT: break;
	case C_ID: rc->iid = i; break;
	case C_EVENT_ID_CNTY: rc->iacled = i; break;
	case C_EVENT_DATE:
		if (r->cols[i].len && !im_io_parse_date(s, r->cols[i].len, &inc->event_date))
			return cell_err(r, i, IM_E_PARSE, err,
			                "is not a date (YYYY-MM-DD, 07 December 2021, 12/7/2021, ...)");
		break;
	case C_TIME_PREC: return int_cell(r, i, &inc->time_precision, 1, 3, err);
	case C_DATE_TEXT: return set_cell(r, i, &inc->date_text, err);
	case C_EVENT_TYPE: return set_cell(r, i, &inc->event_type, err);
	case C_SUB_EVENT_TYPE: return set_cell(r, i, &inc->sub_event_type, err);
	case C_PLACE: rc->iplace = i; break;
	case C_LOCATION: rc->iloc = i; break;
	case C_PLACE_TEXT: return set_cell(r, i, &inc->place_text, err);
	case C_ADMIN1: return set_cell(r, i, &inc->admin1, err);
	case C_COUNTRY: rc->icountry = i; break;
	case C_ISO3: rc->iiso3 = i; break;
	case C_GEO_PREC: return int_cell(r, i, &inc->geo_precision, 1, 3, err);
	case C_GAZ_ID: return set_cell(r, i, &inc->gazetteer_id, err);
	case C_FATALITIES: return int_cell(r, i, &inc->fatalities, 0, INT_MAX - 1, err);
	case C_INJURIES: return int_cell(r, i, &inc->injuries, 0, INT_MAX - 1, err);
	case C_ACTORS: rc->iactors = i; break;
	case C_ACTOR1: rc->iactor[0] = i; break;
	case C_ASSOC1: rc->iactor[1] = i; break;
	case C_ACTOR2: rc->iactor[2] = i; break;
	case C_ASSOC2: rc->iactor[3] = i; break;
	case C_SOURCES: return sources_cell(r, i, inc, err);
	case C_SOURCE: return add_source_titles(r, i, inc, err);
	case C_NOTES: return set_cell(r, i, &inc->notes, err);
	case C_CONFIDENCE: return confidence_cell(r, i, inc, err);
	case C_LAT: rc->ilat = i; break;
	case C_LON: rc->ilon = i; break;
	}
	return IM_OK;
}

/* Coordinates: both or neither. */
static im_status read_point(im_io_reader *r, const rowcols *rc, im_incident *inc, im_error *err)
{
	double lat = 0, lon = 0;
	int hlat, hlon;
	im_status st;
	if ((st = num_cell(r, rc->ilat, &lat, &hlat, err)) ||
	    (st = num_cell(r, rc->ilon, &lon, &hlon, err)))
		return st;
	if (hlat != hlon)
		return cell_err(r, hlat ? rc->ilon : rc->ilat, IM_E_PARSE, err,
		                "is empty while the other coordinate is given");
	if (hlat) {
		if (!(lat >= -90 && lat <= 90))
			return cell_err(r, rc->ilat, IM_E_RANGE, err,
			                "is out of range (-90 to 90)");
		if (!(lon >= -180 && lon <= 180))
			return cell_err(r, rc->ilon, IM_E_RANGE, err,
			                "is out of range (-180 to 180)");
		inc->has_point = 1;
		inc->lat = lat;
		inc->lon = lon;
	}
	return IM_OK;
}

/* ACLED's country: a name or an alpha-3 code, looked up (an alpha-2 code
 * kept, upper-cased); one not recognised is left empty, with a warning. */
static im_status acled_country(im_io_reader *r, const rowcols *rc, im_incident *inc, im_error *err)
{
	const char *s = fstr(r, rc->icountry);
	const char *code = NULL;
	im_status st = IM_OK;
	if (r->cols[rc->icountry].len == 2 && isalpha((unsigned char)s[0]) &&
	    isalpha((unsigned char)s[1])) {
		char up[3] = {(char)toupper((unsigned char)s[0]),
		              (char)toupper((unsigned char)s[1]), 0};
		st = im_set_str(&inc->country, up) ? IM_E_NOMEM : IM_OK;
	} else if ((code = im_io_country_code(s))) {
		st = im_set_str(&inc->country, code) ? IM_E_NOMEM : IM_OK;
	} else if (rc->iiso3 != SIZE_MAX && (code = im_io_country_code(fstr(r, rc->iiso3)))) {
		st = im_set_str(&inc->country, code) ? IM_E_NOMEM : IM_OK;
	} else {
		im_warn(r->in.name, r->cols[rc->icountry].line,
		        "row %zu: country '%.60s' not recognised: left empty", r->index, s);
	}
	if (st)
		return csv_bad(r, r->rec_line, 0, st, err, "out of memory");
	return IM_OK;
}

/* Place: ours, else ACLED's location. Country: ours is kept as written
 * (an alpha-2 code); ACLED's names and alpha-3 codes are looked up. */
static im_status read_place(im_io_reader *r, const rowcols *rc, im_incident *inc, im_error *err)
{
	im_status st = IM_OK;
	if (rc->iplace != SIZE_MAX)
		st = set_cell(r, rc->iplace, &inc->place, err);
	if (!st && !inc->place && rc->iloc != SIZE_MAX)
		st = set_cell(r, rc->iloc, &inc->place, err);
	if (!st && rc->icountry != SIZE_MAX && !r->acled)
		st = set_cell(r, rc->icountry, &inc->country, err);
	else if (!st && rc->icountry != SIZE_MAX && r->cols[rc->icountry].len)
		st = acled_country(r, rc, inc, err);
	return st;
}

/* Actors: ours, else ACLED's four columns in order. */
static im_status read_actors(im_io_reader *r, const rowcols *rc, im_incident *inc, im_error *err)
{
	im_io_where w = {r->in.name, r->rec_line, 0, r->index};
	im_status st = IM_OK;
	if (rc->iactors != SIZE_MAX && r->cols[rc->iactors].len) {
		w.line = r->cols[rc->iactors].line;
		w.col = r->cols[rc->iactors].col;
		st = im_io_actors_decode(inc, fstr(r, rc->iactors), &w, "actors", err);
	}
	for (int k = 0; !st && k < 4; k++) {
		size_t i = rc->iactor[k];
		if (i == SIZE_MAX || !r->cols[i].len)
			continue;
		w.line = r->cols[i].line;
		w.col = r->cols[i].col;
		if (k == 0 || k == 2) { /* actor1/actor2: one name (may hold ';'? no) */
			if (im_incident_add_actor(inc, fstr(r, i)))
				st = csv_bad(r, r->rec_line, 0, IM_E_NOMEM, err, "out of memory");
		} else { /* assoc_actor_N: "A; B" */
			st = im_io_actors_decode(inc, fstr(r, i), &w, "assoc_actor", err);
		}
	}
	return st;
}

/* Id: ours, ACLED's, else one made from the row's bytes (stable). */
static im_status read_id(im_io_reader *r, const rowcols *rc, im_incident *inc, im_error *err)
{
	im_status st;
	if (rc->iid != SIZE_MAX && (st = set_cell(r, rc->iid, &inc->id, err)))
		return st;
	if (!inc->id && rc->iacled != SIZE_MAX && (st = set_cell(r, rc->iacled, &inc->id, err)))
		return st;
	if (!inc->id) {
		char idbuf[20];
		im_make_id(r->rec.p, r->rec.len, idbuf);
		if (im_set_str(&inc->id, idbuf))
			return csv_bad(r, r->rec_line, 0, IM_E_NOMEM, err, "out of memory");
	}
	return IM_OK;
}

static im_status row_to_incident(im_io_reader *r, im_incident *inc, im_error *err)
{
	im_status st = IM_OK;
	rowcols rc = {
	    0,        0,        SIZE_MAX, SIZE_MAX, SIZE_MAX,
	    SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX, {SIZE_MAX, SIZE_MAX, SIZE_MAX, SIZE_MAX}};
	im_incident_clear(inc);
	if (r->acled_confidence)
		inc->confidence = 1.0;
	for (size_t i = 0; !st && i < r->nf; i++)
		st = read_cell(r, i, inc, &rc, err);
	if (!st)
		st = read_point(r, &rc, inc, err);
	if (!st)
		st = read_place(r, &rc, inc, err);
	if (!st)
		st = read_actors(r, &rc, inc, err);
	if (!st)
		st = read_id(r, &rc, inc, err);
	return st;
}

im_status im_io_csv_next(im_io_reader *r, im_incident *inc, int *done, im_error *err)
{
	im_status st;
	int eof;
	*done = 0;
	if (r->finished) {
		*done = 1;
		return IM_OK;
	}
	if (!r->map && (st = read_header(r, err)))
		return st;
	if ((st = read_row(r, &eof, err)))
		return st;
	if (eof) {
		r->finished = 1;
		*done = 1;
		return IM_OK;
	}
	r->index++;
	if (r->nf != r->ncols)
		return csv_bad(r, r->rec_line, 0, IM_E_PARSE, err,
			       "row %zu has %zu field%s, the header has %zu", r->index, r->nf,
			       r->nf == 1 ? "" : "s", r->ncols);
	st = row_to_incident(r, inc, err);
	if (st)
		im_incident_clear(inc);
	return st;
}

void im_io_csv_free(im_io_reader *r)
{
	free(r->map);
	free(r->cols);
	im_buf_free(&r->rec);
	r->map = NULL;
	r->cols = NULL;
}
