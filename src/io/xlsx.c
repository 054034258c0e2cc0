/* xlsx.c: incidents as an Excel workbook (libxlsxwriter): a sheet of
 * incidents with typed columns (dates as dates, numbers as numbers), the
 * header frozen with filters and columns as wide as their text, and a
 * second sheet that sums them up by event type and province. Rows are
 * streamed (libxlsxwriter's constant-memory mode); only the summary's
 * tallies are held. */
#include "io_int.h"
#include "../core/utf8.h"
#include "../style/style.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

/* Excel's limits: characters in a cell, rows in a sheet, links in a
 * sheet, characters in a link. */
#define CELL_MAX 32767
#define ROWS_MAX 1048576
#define URLS_MAX 65530
#define URL_LEN_MAX 2079
/* Column widths, in characters. */
#define WIDTH_MIN 6
#define WIDTH_MAX 60

enum xcol {
	X_ID, X_DATE, X_TPREC, X_DATE_TEXT, X_TYPE, X_SUBTYPE, X_PLACE, X_PLACE_TEXT,
	X_ADMIN1, X_COUNTRY, X_GPREC, X_GAZ, X_FAT, X_INJ, X_ACTORS, X_URL, X_SOURCES,
	X_NOTES, X_CONF, X_LAT, X_LON, X_NCOLS
};

static const char *const xcol_names[X_NCOLS] = {
	"id", "event_date", "time_precision", "date_text", "event_type", "sub_event_type",
	"place", "place_text", "admin1", "country", "geo_precision", "gazetteer_id",
	"fatalities", "injuries", "actors", "source_url", "sources", "notes", "confidence",
	"latitude", "longitude"};

/* One line of the summary. */
typedef struct tally {
	char *type, *admin1, *country;
	size_t n;
	long long fat, inj;
} tally;

struct im_io_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws, *sum;
	lxw_format *bold, *date, *wrap, *real;
	size_t row;    /* incidents written */
	size_t n_urls;
	size_t width[X_NCOLS];
	tally *t;
	size_t nt, capt;
	im_buf b;
};

/* The workbook's creation time: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention: the same incidents then give the same
 * bytes), else now. */
static time_t created_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	errno = 0;
	long long v = e && *e ? strtoll(e, &end, 10) : -1;
	if (v > 0 && !errno && !*end)
		return (time_t)v;
	return time(NULL);
}

static im_status lxw_fail(lxw_error e, const char *path, im_error *err)
{
	return im_error_set(err, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? IM_E_NOMEM : IM_E_IO, path,
			    0, 0, "cannot write the workbook: %s", lxw_strerror(e));
}

/* A failed close is the zip or a file it writes: the system's reason (a
 * full disk) says more than libxlsxwriter's "zip error". */
static im_status close_fail(lxw_error e, int sys_errno, const char *path, im_error *err)
{
	if (sys_errno && (e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_ZIP_FILE_ADD ||
			  e == LXW_ERROR_ZIP_CLOSE || e == LXW_ERROR_CREATING_XLSX_FILE ||
			  e == LXW_ERROR_CREATING_TMPFILE))
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write the workbook: %s",
				    strerror(sys_errno));
	return lxw_fail(e, path, err);
}

im_status im_io_xlsx_open(const char *tmppath, const char *path, im_io_xlsx **out,
			  im_error *err)
{
	*out = NULL;
	if (!tmppath)
		return im_error_set(err, IM_E_USAGE, path, 0, 0,
				    "an .xlsx workbook cannot go to standard output: name a file");
	im_io_xlsx *x = calloc(1, sizeof *x);
	lxw_workbook_options o = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_TRUE};
	if (!x || !(x->wb = workbook_new_opt(tmppath, &o))) {
		free(x);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	x->ws = workbook_add_worksheet(x->wb, "Incidents");
	x->sum = workbook_add_worksheet(x->wb, "By type and province");
	x->bold = workbook_add_format(x->wb);
	x->date = workbook_add_format(x->wb);
	x->wrap = workbook_add_format(x->wb);
	x->real = workbook_add_format(x->wb);
	if (!x->ws || !x->sum || !x->bold || !x->date || !x->wrap || !x->real) {
		im_io_xlsx_free(x);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	lxw_doc_properties props = {.title = "Incidents", .created = created_time()};
	workbook_set_properties(x->wb, &props);
	format_set_bold(x->bold);
	format_set_num_format(x->date, "yyyy-mm-dd");
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->real, "0.00");
	for (int c = 0; c < X_NCOLS; c++) {
		lxw_error e = worksheet_write_string(x->ws, 0, (lxw_col_t)c, xcol_names[c], x->bold);
		if (e) {
			im_io_xlsx_free(x);
			return lxw_fail(e, path, err);
		}
		x->width[c] = strlen(xcol_names[c]) + 3; /* room for the filter button */
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	/* Streamed rows leave no going back to row 0 at the end: the filter
	 * covers the whole of the columns. */
	lxw_error e = worksheet_autofilter(x->ws, 0, 0, ROWS_MAX - 1, X_NCOLS - 1);
	if (e) {
		im_io_xlsx_free(x);
		return lxw_fail(e, path, err);
	}
	*out = x;
	return IM_OK;
}

void im_io_xlsx_free(im_io_xlsx *x)
{
	if (!x)
		return;
	/* libxlsxwriter frees a workbook only by closing it; a failed run's
	 * file is removed by the caller. */
	if (x->wb)
		workbook_close(x->wb);
	for (size_t i = 0; i < x->nt; i++) {
		free(x->t[i].type);
		free(x->t[i].admin1);
		free(x->t[i].country);
	}
	free(x->t);
	im_buf_free(&x->b);
	free(x);
}

/* Text as Excel takes it: valid UTF-8 (bad bytes as U+FFFD), at most
 * CELL_MAX characters (cut at a character boundary, marked with an
 * ellipsis). Returns the characters, for the column width. */
static size_t clean_text(im_buf *b, const char *s, im_status *st)
{
	im_buf_reset(b);
	size_t n = strlen(s), chars = 0;
	*st = IM_OK;
	for (size_t i = 0; !*st && i < n;) {
		size_t l = im_utf8_seq_len(s + i, n - i);
		if (chars == CELL_MAX - 1) {
			*st = im_buf_puts(b, "\xE2\x80\xA6");
			chars++;
			break;
		}
		*st = l ? im_buf_append(b, s + i, l) : im_buf_puts(b, "\xEF\xBF\xBD");
		i += l ? l : 1;
		chars++;
	}
	if (!b->p)
		*st = *st ? *st : im_buf_puts(b, "");
	return chars;
}

static void widen(im_io_xlsx *x, int c, size_t chars)
{
	if (chars + 2 > x->width[c])
		x->width[c] = chars + 2;
}

static lxw_error text(im_io_xlsx *x, int c, const char *s, lxw_format *f, im_status *st)
{
	if (!s)
		return LXW_NO_ERROR;
	size_t chars = clean_text(&x->b, s, st);
	if (*st)
		return LXW_NO_ERROR;
	/* a long text's width is that of its longest line */
	size_t line = 0, longest = 0;
	for (const char *p = x->b.p; *p; p++) {
		if (*p == '\n')
			line = 0;
		else if (((unsigned char)*p & 0xC0) != 0x80 && ++line > longest)
			longest = line;
	}
	widen(x, c, longest < chars ? longest : chars);
	return worksheet_write_string(x->ws, (lxw_row_t)x->row, (lxw_col_t)c, x->b.p, f);
}

static lxw_error number(im_io_xlsx *x, int c, double v, lxw_format *f, int width)
{
	widen(x, c, (size_t)width);
	return worksheet_write_number(x->ws, (lxw_row_t)x->row, (lxw_col_t)c, v, f);
}

static lxw_error count(im_io_xlsx *x, int c, int v)
{
	return v == IM_NULL_INT ? LXW_NO_ERROR : number(x, c, v, NULL, 4);
}

static int is_web_link(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

/* The first source's URL: a link while Excel allows one, else text. */
static lxw_error source_url(im_io_xlsx *x, const im_incident *inc, im_status *st)
{
	const char *u = NULL;
	for (size_t i = 0; !u && i < inc->n_sources; i++)
		u = inc->sources[i].url;
	if (!u)
		return LXW_NO_ERROR;
	size_t n = strlen(u);
	if (is_web_link(u) && n <= URL_LEN_MAX && x->n_urls < URLS_MAX &&
	    im_utf8_valid(u, n, NULL) && !strpbrk(u, " \"<>\t\r\n")) {
		widen(x, X_URL, n < WIDTH_MAX ? n : WIDTH_MAX);
		lxw_error e = worksheet_write_url(x->ws, (lxw_row_t)x->row, X_URL, u, NULL);
		if (e == LXW_NO_ERROR) {
			x->n_urls++;
			return e;
		}
	}
	return text(x, X_URL, u, NULL, st);
}

static im_status add_tally(im_io_xlsx *x, const im_incident *inc)
{
	const char *type = inc->event_type ? inc->event_type : "";
	const char *a1 = inc->admin1 ? inc->admin1 : "";
	const char *cc = inc->country ? inc->country : "";
	tally *t = NULL;
	for (size_t i = x->nt; i-- > 0;)
		if (!strcmp(x->t[i].type, type) && !strcmp(x->t[i].admin1, a1) &&
		    !strcmp(x->t[i].country, cc)) {
			t = &x->t[i];
			break;
		}
	if (!t) {
		if (im_grow(&x->t, &x->capt, x->nt + 1, sizeof *x->t))
			return IM_E_NOMEM;
		t = &x->t[x->nt];
		memset(t, 0, sizeof *t);
		t->type = im_strdup(type);
		t->admin1 = im_strdup(a1);
		t->country = im_strdup(cc);
		x->nt++;
		if (!t->type || !t->admin1 || !t->country)
			return IM_E_NOMEM;
	}
	t->n++;
	if (inc->fatalities > 0)
		t->fat += inc->fatalities;
	if (inc->injuries > 0)
		t->inj += inc->injuries;
	return IM_OK;
}

im_status im_io_xlsx_add(im_io_xlsx *x, const im_incident *inc, const char *path,
			 im_error *err)
{
	if (x->row + 1 >= ROWS_MAX)
		return im_error_set(err, IM_E_TOO_LARGE, path, 0, 0,
				    "more than %d incidents: more rows than a sheet holds",
				    ROWS_MAX - 1);
	x->row++;
	im_status st = IM_OK;
	lxw_error e = text(x, X_ID, inc->id, NULL, &st);
	if (!e && !st && inc->event_date.y) {
		lxw_datetime d = {inc->event_date.y, inc->event_date.m, inc->event_date.d, 0, 0, 0};
		widen(x, X_DATE, 10);
		e = worksheet_write_datetime(x->ws, (lxw_row_t)x->row, X_DATE, &d, x->date);
	}
	e = e || st ? e : number(x, X_TPREC, inc->time_precision, NULL, 1);
	e = e || st ? e : text(x, X_DATE_TEXT, inc->date_text, NULL, &st);
	e = e || st ? e : text(x, X_TYPE, inc->event_type, NULL, &st);
	e = e || st ? e : text(x, X_SUBTYPE, inc->sub_event_type, NULL, &st);
	e = e || st ? e : text(x, X_PLACE, inc->place, NULL, &st);
	e = e || st ? e : text(x, X_PLACE_TEXT, inc->place_text, NULL, &st);
	e = e || st ? e : text(x, X_ADMIN1, inc->admin1, NULL, &st);
	e = e || st ? e : text(x, X_COUNTRY, inc->country, NULL, &st);
	e = e || st ? e : number(x, X_GPREC, inc->geo_precision, NULL, 1);
	e = e || st ? e : text(x, X_GAZ, inc->gazetteer_id, NULL, &st);
	e = e || st ? e : count(x, X_FAT, inc->fatalities);
	e = e || st ? e : count(x, X_INJ, inc->injuries);
	if (!e && !st && inc->n_actors) {
		im_buf a = IM_BUF_INIT;
		for (size_t i = 0, k = 0; !st && i < inc->n_actors; i++)
			if (inc->actors[i][0])
				st = im_buf_printf(&a, "%s%s", k++ ? "; " : "", inc->actors[i]);
		e = st || !a.p ? e : text(x, X_ACTORS, a.p, NULL, &st);
		im_buf_free(&a);
	}
	e = e || st ? e : source_url(x, inc, &st);
	if (!e && !st && inc->n_sources) {
		im_buf s = IM_BUF_INIT;
		st = im_io_sources_readable(&s, inc, "\n");
		e = st || !s.p ? e : text(x, X_SOURCES, s.p, x->wrap, &st);
		im_buf_free(&s);
	}
	e = e || st ? e : text(x, X_NOTES, inc->notes, x->wrap, &st);
	e = e || st ? e : number(x, X_CONF, inc->confidence, x->real, 4);
	if (inc->has_point) {
		e = e || st ? e : number(x, X_LAT, inc->lat, NULL, 10);
		e = e || st ? e : number(x, X_LON, inc->lon, NULL, 10);
	}
	st = st ? st : add_tally(x, inc);
	if (st)
		return im_error_set(err, st, path, 0, 0, "incident %zu: %s", x->row,
				    im_status_str(st));
	return e ? lxw_fail(e, path, err) : IM_OK;
}

/* Summary order: the legend's type order, then the province. */
static int tally_cmp(const void *a, const void *b)
{
	const tally *x = a, *y = b;
	size_t tx = (size_t)(im_style_for(x->type[0] ? x->type : NULL) - im_styles);
	size_t ty = (size_t)(im_style_for(y->type[0] ? y->type : NULL) - im_styles);
	if (tx != ty)
		return tx < ty ? -1 : 1;
	int c = strcmp(x->type, y->type);
	if (c)
		return c;
	c = strcmp(x->country, y->country);
	return c ? c : strcmp(x->admin1, y->admin1);
}

static lxw_error summary(im_io_xlsx *x)
{
	static const char *const head[] = {"event_type", "country", "admin1", "incidents",
					   "fatalities", "injuries"};
	static const double widths[] = {28, 9, 28, 11, 11, 10};
	lxw_worksheet *ws = x->sum;
	lxw_error e = LXW_NO_ERROR;
	for (int c = 0; !e && c < 6; c++) {
		e = worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], x->bold);
		e = e ? e : worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	}
	/* before the rows: streamed rows leave no going back (the Total row is
	 * left out of the filter) */
	e = e ? e : worksheet_autofilter(ws, 0, 0, (lxw_row_t)x->nt, 5);
	qsort(x->t, x->nt, sizeof *x->t, tally_cmp);
	size_t n = 0;
	long long fat = 0, inj = 0;
	lxw_row_t r = 1;
	for (size_t i = 0; !e && i < x->nt; i++, r++) {
		const tally *t = &x->t[i];
		im_status st;
		if (t->type[0] && clean_text(&x->b, t->type, &st) && !st)
			e = worksheet_write_string(ws, r, 0, x->b.p, NULL);
		if (!e && t->country[0] && clean_text(&x->b, t->country, &st) && !st)
			e = worksheet_write_string(ws, r, 1, x->b.p, NULL);
		if (!e && t->admin1[0] && clean_text(&x->b, t->admin1, &st) && !st)
			e = worksheet_write_string(ws, r, 2, x->b.p, NULL);
		e = e ? e : worksheet_write_number(ws, r, 3, (double)t->n, NULL);
		e = e ? e : worksheet_write_number(ws, r, 4, (double)t->fat, NULL);
		e = e ? e : worksheet_write_number(ws, r, 5, (double)t->inj, NULL);
		n += t->n;
		fat += t->fat;
		inj += t->inj;
	}
	e = e ? e : worksheet_write_string(ws, r, 0, "Total", x->bold);
	e = e ? e : worksheet_write_number(ws, r, 3, (double)n, x->bold);
	e = e ? e : worksheet_write_number(ws, r, 4, (double)fat, x->bold);
	e = e ? e : worksheet_write_number(ws, r, 5, (double)inj, x->bold);
	worksheet_freeze_panes(ws, 1, 0);
	return e;
}

im_status im_io_xlsx_finish(im_io_xlsx *x, const char *path, im_error *err)
{
	lxw_error e = LXW_NO_ERROR;
	for (int c = 0; !e && c < X_NCOLS; c++) {
		size_t w = x->width[c] < WIDTH_MIN ? WIDTH_MIN : x->width[c] > WIDTH_MAX ? WIDTH_MAX
											: x->width[c];
		e = worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, (double)w, NULL);
	}
	e = e ? e : summary(x);
	if (e)
		return lxw_fail(e, path, err);
	errno = 0;
	e = workbook_close(x->wb);
	int sys_errno = errno;
	x->wb = NULL;
	return e ? close_fail(e, sys_errno, path, err) : IM_OK;
}
