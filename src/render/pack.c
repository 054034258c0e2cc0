/* pack.c: the briefing pack of `incimap brief`: one PDF of the map, the
 * summary tables and the list of incidents, set with pango (text stays
 * text, fonts are embedded, Arabic is shaped) on the pack's paper, with the
 * generation date, the data's dates and the page number on every page. */
#include "../core/fsutil.h"
#include "render_int.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARGIN_MM 12.0 /* around the text pages */
#define FOOT_MM 8.0    /* the footer band at the foot of every page */
#define PAD_MM 1.2     /* inside a table cell */
#define PT_HEAD 13.0   /* the pack's title over page 2 */
#define PT_H2 10.0     /* section headings */
#define PT_BODY 7.5    /* tables and the list */
#define PT_FOOT 6.5
#define TIMELINE_MM 72.0 /* the timeline's height on page 2 */

/* The list's columns: heading, width in mm on a 273 mm wide text block
 * (A4 landscape; other papers share the spare width out), right-aligned,
 * the most lines a cell shows (the rest is cut with an ellipsis, so a row
 * stays well under a page). */
typedef struct lcol {
	const char *head;
	double mm;
	int right;
	int lines;
} lcol;
enum { C_DATE, C_PLACE, C_TYPE, C_FAT, C_INJ, C_ACTORS, C_SOURCE, C_NOTES, N_COLS };
static const lcol cols[N_COLS] = {
    {"Date", 19, 0, 3},    {"Place", 34, 0, 4},  {"Type", 34, 0, 4},   {"Killed", 12, 1, 1},
    {"Injured", 13, 1, 1}, {"Actors", 33, 0, 6}, {"Source", 54, 0, 6}, {"Sentence", 74, 0, 12}};

typedef struct pack {
	rctx t; /* text: fonts, pango and cairo (text.c) */
	const im_pack_opts *o;
	const im_incident_list *l;
	const im_summary *sum;
	im_error *err;
	double W, H, u;      /* page in points, points per mm */
	double colw[N_COLS]; /* the list's columns, points */
	int page, pages;     /* the current page (1-based), how many */
	size_t listed;       /* incidents in the list */
	size_t *first;       /* per list page: its first row; then listed */
	size_t n_lpages;
	char title[512];
	char foot[512]; /* the footer's left side */
} pack;

static double mm(const pack *p, double v)
{
	return v * p->u;
}

static const rgb black = {0.1, 0.1, 0.1}, grey = {0.35, 0.35, 0.35};

/* A layout of text at pt points, wrapped at w points (0: not wrapped), cut
 * after `lines` lines (0: never), laid out once: the width is set before
 * the text. Caller unrefs. */
static PangoLayout *ptext(pack *p, const char *text, double pt, int bold, double w, int lines)
{
	PangoLayout *lay = rtext_new(&p->t, pt, bold, 0);
	/* left-aligned whatever the script (Arabic is still set right to
	 * left within its line): a column reads down one edge */
	pango_layout_set_auto_dir(lay, FALSE);
	if (w > 0) {
		pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	}
	if (lines > 0) {
		pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(lay, -lines);
	}
	rtext_set(&p->t, lay, text);
	return lay;
}

static double lay_h(PangoLayout *lay)
{
	double w, h;
	rtext_size(lay, &w, &h);
	return h;
}

/* Shows a layout with its top-left at x, y (right: its right edge at x). */
static void put(pack *p, PangoLayout *lay, double x, double y, rgb fg, int right)
{
	if (right) {
		double w, h;
		rtext_size(lay, &w, &h);
		x -= w;
	}
	rtext_draw(&p->t, lay, x, y, fg, 0, fg);
}

/* Sets text and frees the layout; returns its height. */
static double say(pack *p, const char *text, double pt, int bold, double x, double y, double w,
                  rgb fg)
{
	PangoLayout *lay = ptext(p, text, pt, bold, w, 0);
	put(p, lay, x, y, fg, 0);
	double h = lay_h(lay);
	g_object_unref(lay);
	return h;
}

static void hrule(pack *p, double x0, double x1, double y, double width)
{
	cairo_t *cr = p->t.cr;
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_set_line_width(cr, width);
	rset(cr, grey);
	cairo_stroke(cr);
}

/* ---- the footer ---------------------------------------------------------- */

static void footer_text(pack *p)
{
	char gen[64] = "", range[128];
	time_t t = (time_t)p->o->generated;
	struct tm tm;
	if (gmtime_r(&t, &tm))
		strftime(gen, sizeof gen, "%d %b %Y", &tm);
	const im_summary *s = p->sum;
	if (!s->total.incidents)
		snprintf(range, sizeof range, "no incidents");
	else
		rdate_range(s->first, s->last, range, sizeof range);
	char undated[64] = "";
	if (s->undated && s->first.y)
		snprintf(undated, sizeof undated, " (%zu undated)", s->undated);
	snprintf(p->foot, sizeof p->foot, "Generated %s by incimap %s \u00b7 Incidents: %s%s",
	         gen[0] == '0' ? gen + 1 : gen, IM_VERSION, range, undated);
}

static void footer(pack *p)
{
	double y = p->H - mm(p, FOOT_MM);
	double x0 = mm(p, MARGIN_MM), x1 = p->W - mm(p, MARGIN_MM);
	hrule(p, x0, x1, y, 0.4);
	char num[64];
	snprintf(num, sizeof num, "Page %d of %d", p->page, p->pages);
	PangoLayout *a = ptext(p, p->foot, PT_FOOT, 0, 0, 0);
	PangoLayout *b = ptext(p, num, PT_FOOT, 0, 0, 0);
	put(p, a, x0, y + mm(p, 1.5), grey, 0);
	put(p, b, x1, y + mm(p, 1.5), grey, 1);
	g_object_unref(a);
	g_object_unref(b);
}

/* Ends a page: the footer, then the next page. */
static void page_end(pack *p)
{
	footer(p);
	cairo_show_page(p->t.cr);
	p->page++;
}

/* ---- page 1: the map ----------------------------------------------------- */

static im_status map_page(pack *p)
{
	im_render_job *j;
	im_status st = im_render_begin(&p->o->map, &j, p->err);
	for (size_t i = 0; !st && i < p->l->n; i++)
		st = im_render_add(j, &p->l->v[i], p->err);
	im_render_info info;
	memset(&info, 0, sizeof info);
	if (!st)
		st = im_render_job_draw(j, p->t.cr, p->W, p->H - mm(p, FOOT_MM), &info, p->err);
	im_render_job_free(j);
	if (st)
		return st;
	snprintf(p->title, sizeof p->title, "%s", info.title);
	im_render_info_free(&info);
	page_end(p);
	return IM_OK;
}

/* ---- page 2: the summary ------------------------------------------------- */

static void fig(long long v, size_t known, char *buf)
{
	if (known)
		rnum(v, buf);
	else
		snprintf(buf, 32, "\u2013");
}

/* A table row: name, then the incidents, fatalities and injuries in
 * right-aligned columns of width nw; returns its height. */
static double sum_row(pack *p, const char *name, const im_sum_row *r, double x, double y, double w,
                      int bold, int draw)
{
	double nw = mm(p, 18), pad = mm(p, PAD_MM);
	PangoLayout *lay = ptext(p, name, PT_BODY, bold, w - 3 * nw - pad, 2);
	double h = lay_h(lay);
	if (draw) {
		put(p, lay, x, y + pad, black, 0);
		char v[3][32];
		if (r) {
			rnum((long long)r->incidents, v[0]);
			fig(r->fatalities, r->fat_known, v[1]);
			fig(r->injuries, r->inj_known, v[2]);
		}
		for (int k = 0; k < 3; k++) {
			static const char *const heads[] = {"Incidents", "Killed", "Injured"};
			PangoLayout *n = ptext(p, r ? v[k] : heads[k], PT_BODY, bold, 0, 0);
			put(p, n, x + w - (2 - k) * nw, y + pad, black, 1);
			g_object_unref(n);
		}
	}
	g_object_unref(lay);
	return h + 2 * pad;
}

static void row_name(const im_sum_row *r, int province, char *buf, size_t cap)
{
	if (!province)
		snprintf(buf, cap, "%s", r->name && *r->name ? r->name : "type not given");
	else if (r->country[0])
		snprintf(buf, cap, "%s (%s)", r->name && *r->name ? r->name : "province unknown",
		         r->country);
	else
		snprintf(buf, cap, "%s", r->name && *r->name ? r->name : "province unknown");
}

/* One table (by type or by province) from y down to at most bottom: the
 * rows that fit, the others added up in one row, then the total. */
static double sum_table(pack *p, const char *heading, const im_sum_row *rows, size_t n,
                        int province, double x, double y, double w, double bottom)
{
	y += say(p, heading, PT_H2, 1, x, y, w, black) + mm(p, 1);
	y += sum_row(p, "", NULL, x, y, w, 1, 1);
	hrule(p, x, x + w, y, 0.6);
	char name[600];
	double tail = 2 * sum_row(p, "Total", &p->sum->total, x, y, w, 1, 0);
	size_t i = 0;
	for (; i < n; i++) {
		row_name(&rows[i], province, name, sizeof name);
		double h = sum_row(p, name, &rows[i], x, y, w, 0, 0);
		if (y + h > bottom - (i + 1 < n ? tail : tail / 2))
			break;
		y += sum_row(p, name, &rows[i], x, y, w, 0, 1);
	}
	if (i < n) { /* the rest in one row: nothing is dropped silently */
		im_sum_row rest = {0};
		for (size_t k = i; k < n; k++) {
			rest.incidents += rows[k].incidents;
			rest.fatalities += rows[k].fatalities;
			rest.injuries += rows[k].injuries;
			rest.fat_known += rows[k].fat_known;
			rest.inj_known += rows[k].inj_known;
		}
		snprintf(name, sizeof name, "%zu other %s", n - i,
		         province ? (n - i == 1 ? "province" : "provinces")
		                  : (n - i == 1 ? "type" : "types"));
		y += sum_row(p, name, &rest, x, y, w, 0, 1);
	}
	hrule(p, x, x + w, y, 0.6);
	if (!n)
		y += sum_row(p, "No incidents", NULL, x, y, w, 0, 0);
	y += sum_row(p, "Total", &p->sum->total, x, y, w, 1, 1);
	return y;
}

/* The timeline of incidents and fatalities per period (timeline.c) across
 * the page above the tables; returns where the tables start. A timeline
 * that cannot be drawn (more than 1,500 periods: dates spread over a
 * century) is left out with a line that says why, and a warning: the
 * pack is still worth having. */
static im_status timeline(pack *p, double y, double *below)
{
	double x0 = mm(p, MARGIN_MM), w = p->W - 2 * x0, h = mm(p, TIMELINE_MM);
	*below = y;
	im_timeline *t;
	im_status st = im_timeline_new(&t, p->err);
	for (size_t i = 0; !st && i < p->l->n; i++)
		st = im_timeline_add(t, &p->l->v[i], p->err);
	/* with --by, the chart counts by the maps' period */
	im_timeline_opts to = {p->o->map.by, p->u, 1, 1};
	if (!st)
		st = im_timeline_draw(p->t.cr, x0, y, w, h, t, &to, p->err);
	im_timeline_free(t);
	if (st == IM_E_TOO_LARGE || st == IM_E_RANGE) {
		char line[900];
		snprintf(line, sizeof line, "No timeline: %s", p->err->msg);
		if (!p->o->map.quiet)
			im_warn(NULL, 0, "the pack has no timeline: %s", p->err->msg);
		im_error_clear(p->err);
		*below = y + say(p, line, PT_BODY, 0, x0, y, w, grey) + mm(p, 5);
		return IM_OK;
	}
	*below = y + h + mm(p, 6);
	return st;
}

static void summary_line(pack *p, char *buf, size_t cap)
{
	const im_summary *s = p->sum;
	char n[32], f[32], i[32], when[128];
	rnum((long long)s->total.incidents, n);
	fig(s->total.fatalities, s->total.fat_known, f);
	fig(s->total.injuries, s->total.inj_known, i);
	rdate_range(s->first, s->last, when, sizeof when);
	snprintf(buf, cap, "%s incident%s, %s killed, %s injured%s%s", n,
	         s->total.incidents == 1 ? "" : "s", f, i, s->first.y ? ", " : "",
	         s->first.y ? when : "");
	if (p->o->left_out) {
		size_t len = strlen(buf);
		snprintf(buf + len, cap - len, "; %zu more left out by the filters",
		         p->o->left_out);
	}
}

static im_status summary_page(pack *p)
{
	double x0 = mm(p, MARGIN_MM), x1 = p->W - mm(p, MARGIN_MM);
	double y = mm(p, MARGIN_MM), bottom = p->H - mm(p, FOOT_MM) - mm(p, 3);
	y += say(p, p->title, PT_HEAD, 1, x0, y, x1 - x0, black) + mm(p, 1);
	char line[512];
	summary_line(p, line, sizeof line);
	y += say(p, line, PT_BODY + 1, 0, x0, y, x1 - x0, grey) + mm(p, 5);
	im_status st = timeline(p, y, &y);
	if (st)
		return st;
	double gap = mm(p, 10), w = (x1 - x0 - gap) / 2;
	const im_summary *s = p->sum;
	sum_table(p, "By event type", s->types, s->n_types, 0, x0, y, w, bottom);
	sum_table(p, "By province", s->provinces, s->n_provinces, 1, x0 + w + gap, y, w, bottom);
	page_end(p);
	return IM_OK;
}

/* ---- then the list --------------------------------------------------------- */

static void cell_text(const im_incident *inc, int col, int gazetteer, im_buf *b)
{
	char d[11];
	im_buf_reset(b);
	switch (col) {
	case C_DATE:
		if (!inc->event_date.y) {
			im_buf_puts(b, "undated");
		} else {
			im_date_format(inc->event_date, d);
			im_buf_puts(b, d);
			if (inc->time_precision == 2)
				im_buf_puts(b, "\n(week)");
			else if (inc->time_precision >= 3)
				im_buf_puts(b, "\n(month)");
		}
		break;
	case C_PLACE: {
		const char *pl = !gazetteer && inc->place_text && *inc->place_text ? inc->place_text
		                                                                   : inc->place;
		im_buf_puts(b, pl && *pl ? pl : "place unknown");
		if (inc->admin1 && *inc->admin1)
			im_buf_printf(b, "\n%s", inc->admin1);
		if (inc->country && *inc->country)
			im_buf_printf(b, "%s%s", inc->admin1 && *inc->admin1 ? ", " : "\n",
			              inc->country);
		if (inc->geo_precision == 3)
			im_buf_puts(b, "\n(province only)");
		break;
	}
	case C_TYPE:
		im_buf_puts(b, inc->event_type ? inc->event_type : "");
		if (inc->sub_event_type && *inc->sub_event_type)
			im_buf_printf(b, "\n%s", inc->sub_event_type);
		break;
	case C_FAT:
	case C_INJ: {
		int v = col == C_FAT ? inc->fatalities : inc->injuries;
		char n[32];
		im_buf_puts(b, v == IM_NULL_INT ? "\u2013" : rnum(v, n));
		break;
	}
	case C_ACTORS:
		for (size_t i = 0, k = 0; i < inc->n_actors; i++)
			if (inc->actors[i][0])
				im_buf_printf(b, "%s%s", k++ ? "; " : "", inc->actors[i]);
		break;
	case C_SOURCE:
		if (inc->n_sources) {
			const im_source *s = &inc->sources[0];
			const char *where = s->url ? s->url : s->file;
			if (s->title && *s->title)
				im_buf_puts(b, s->title);
			if (where && *where)
				im_buf_printf(b, "%s%s", b->len ? "\n" : "", where);
			if (inc->n_sources > 1)
				im_buf_printf(b, "\n+%zu more report%s", inc->n_sources - 1,
				              inc->n_sources == 2 ? "" : "s");
		}
		break;
	case C_NOTES:
		if (inc->notes && *inc->notes)
			im_buf_printf(b, "\u201c%s\u201d", inc->notes);
		break;
	}
}

/* The height of row i of the list, or draws it at y (shaded when odd). */
static double list_row(pack *p, size_t i, double y, int draw, im_buf *b)
{
	const im_incident *inc = &p->l->v[i];
	double pad = mm(p, PAD_MM), x = mm(p, MARGIN_MM), h = 0;
	PangoLayout *lay[N_COLS];
	for (int k = 0; k < N_COLS; k++) {
		cell_text(inc, k, p->o->map.gazetteer_labels, b);
		lay[k] =
		    ptext(p, b->p ? b->p : "", PT_BODY, 0, p->colw[k] - 2 * pad, cols[k].lines);
		double lh = lay_h(lay[k]);
		if (lh > h)
			h = lh;
	}
	h += 2 * pad;
	if (draw && i % 2) {
		cairo_rectangle(p->t.cr, x, y, p->W - 2 * x, h);
		rset(p->t.cr, rgb_hex(0xf0f0f0));
		cairo_fill(p->t.cr);
	}
	for (int k = 0; k < N_COLS; k++) {
		if (draw) {
			double cx = cols[k].right ? x + p->colw[k] - pad : x + pad;
			put(p, lay[k], cx, y + pad, black, cols[k].right);
		}
		x += p->colw[k];
		g_object_unref(lay[k]);
	}
	return h;
}

static double list_heads(pack *p, double y, int draw)
{
	double pad = mm(p, PAD_MM), x = mm(p, MARGIN_MM), h = 0;
	for (int k = 0; k < N_COLS; k++) {
		PangoLayout *lay = ptext(p, cols[k].head, PT_BODY, 1, 0, 0);
		if (draw)
			put(p, lay, cols[k].right ? x + p->colw[k] - pad : x + pad, y + pad, black,
			    cols[k].right);
		h = fmax(h, lay_h(lay));
		g_object_unref(lay);
		x += p->colw[k];
	}
	h += 2 * pad;
	if (draw)
		hrule(p, mm(p, MARGIN_MM), p->W - mm(p, MARGIN_MM), y + h, 0.6);
	return h;
}

/* The list's first page opens with its heading and, when the list is cut,
 * a note that says where the rest is. */
static double list_intro(pack *p, double y, int draw)
{
	double x0 = mm(p, MARGIN_MM), w = p->W - 2 * x0;
	char note[256], a[32], b[32], c[32];
	if (p->listed < p->l->n)
		snprintf(note, sizeof note,
		         "The first %s of %s incidents by date; the %s more are in the CSV "
		         "(incidents.csv with --tables DIR).",
		         rnum((long long)p->listed, a), rnum((long long)p->l->n, b),
		         rnum((long long)(p->l->n - p->listed), c));
	else
		snprintf(note, sizeof note, "%s incident%s by date, undated ones last.",
		         rnum((long long)p->l->n, a), p->l->n == 1 ? "" : "s");
	double h = 0;
	PangoLayout *hd = ptext(p, "Incidents", PT_H2, 1, w, 0);
	PangoLayout *nt = ptext(p, note, PT_BODY, 0, w, 0);
	if (draw) {
		put(p, hd, x0, y, black, 0);
		put(p, nt, x0, y + lay_h(hd) + mm(p, 1), grey, 0);
	}
	h = lay_h(hd) + mm(p, 1) + lay_h(nt) + mm(p, 3);
	g_object_unref(hd);
	g_object_unref(nt);
	return h;
}

/* Splits the list into pages: rows are never split; each page repeats the
 * column headings. Fills p->first and p->n_lpages (0: no list, for no
 * incidents or --list-max 0). */
static im_status paginate(pack *p, im_buf *b)
{
	size_t cap = 16;
	p->first = malloc(cap * sizeof *p->first);
	if (!p->first)
		return im_error_set(p->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	double top = mm(p, MARGIN_MM), bottom = p->H - mm(p, FOOT_MM) - mm(p, 2);
	double heads = list_heads(p, 0, 0);
	double y = top + list_intro(p, 0, 0) + heads;
	p->n_lpages = 0;
	p->first[0] = 0;
	if (!p->listed)
		return IM_OK;
	p->n_lpages = 1;
	for (size_t i = 0; i < p->listed; i++) {
		double h = list_row(p, i, 0, 0, b);
		if (y + h > bottom && i > p->first[p->n_lpages - 1]) {
			if (im_grow(&p->first, &cap, p->n_lpages + 1, sizeof *p->first))
				return im_error_set(p->err, IM_E_NOMEM, NULL, 0, 0,
				                    "out of memory");
			p->first[p->n_lpages++] = i;
			y = top + heads;
		}
		y += h;
	}
	p->first[p->n_lpages] = p->listed;
	return IM_OK;
}

static void list_pages(pack *p, im_buf *b)
{
	for (size_t pg = 0; pg < p->n_lpages; pg++) {
		double y = mm(p, MARGIN_MM);
		if (pg == 0)
			y += list_intro(p, y, 1);
		y += list_heads(p, y, 1);
		for (size_t i = p->first[pg]; i < p->first[pg + 1]; i++)
			y += list_row(p, i, y, 1, b);
		page_end(p);
	}
}

/* ---- the whole ------------------------------------------------------------- */

/* The list's columns on this paper: the spare width (or the lack of it)
 * goes to the text columns in proportion. */
static void column_widths(pack *p)
{
	double text = p->W - 2 * mm(p, MARGIN_MM), fixed = 0, flex = 0;
	for (int k = 0; k < N_COLS; k++) {
		if (cols[k].lines > 1)
			flex += mm(p, cols[k].mm);
		else
			fixed += mm(p, cols[k].mm);
	}
	double f = (text - fixed) / flex;
	for (int k = 0; k < N_COLS; k++)
		p->colw[k] = mm(p, cols[k].mm) * (cols[k].lines > 1 ? f : 1);
}

static void pdf_metadata(pack *p, cairo_surface_t *sf)
{
	char date[32] = "2000-01-01T00:00:00Z";
	time_t t = (time_t)p->o->generated;
	struct tm tm;
	if (gmtime_r(&t, &tm))
		strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "incimap " IM_VERSION);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static cairo_status_t write_fp(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
	                                            : CAIRO_STATUS_WRITE_ERROR;
}

/* The pages, drawn on sf. */
static im_status pages(pack *p, cairo_surface_t *sf)
{
	im_buf b = IM_BUF_INIT;
	im_status st = rctx_text_setup(&p->t, p->err);
	if (!st)
		st = paginate(p, &b);
	if (!st) {
		p->pages = 2 + (int)p->n_lpages;
		p->page = 1;
		footer_text(p);
		st = map_page(p);
	}
	if (!st)
		st = summary_page(p);
	if (!st) {
		list_pages(p, &b);
		pdf_metadata(p, sf);
		cairo_status_t cs = cairo_status(p->t.cr);
		if (cs)
			st = im_error_set(p->err, IM_E_RENDER, NULL, 0, 0, "cairo: %s",
			                  cairo_status_to_string(cs));
	}
	im_buf_free(&b);
	return st;
}

/* One go at the pack: sysfonts as in render.c; *retry when the pack's own
 * fonts lacked some letters. */
static im_status pack_run(pack *p, const char *path, int sysfonts, int *retry)
{
	im_afile *af;
	im_status st = im_afile_open(path, &af, p->err);
	if (st)
		return st;
	cairo_surface_t *sf =
	    cairo_pdf_surface_create_for_stream(write_fp, im_afile_fp(af), p->W, p->H);
	/* the text context: points, at the pack's own scale */
	memset(&p->t, 0, sizeof p->t);
	p->t.u = p->u;
	p->t.s = 1;
	p->t.fmt = IM_RENDER_PDF;
	p->t.err = p->err;
	p->t.cr = cairo_create(sf);
	p->t.sysfonts = sysfonts;
	st = pages(p, sf);
	*retry = !st && p->t.own_fonts && p->t.fonts_missing;
	cairo_destroy(p->t.cr);
	p->t.cr = NULL;
	cairo_surface_finish(sf);
	cairo_status_t cs = cairo_surface_status(sf);
	if (!st && cs)
		st = im_error_set(p->err, cs == CAIRO_STATUS_WRITE_ERROR ? IM_E_IO : IM_E_RENDER,
		                  path, 0, 0, "cannot write the pack: %s",
		                  cairo_status_to_string(cs));
	cairo_surface_destroy(sf);
	rctx_text_free(&p->t);
	free(p->first);
	p->first = NULL;
	if (st || *retry) {
		im_afile_abort(af);
		return st;
	}
	return im_afile_commit(af, p->err);
}

im_status im_pack_write(const im_incident_list *l, const im_summary *sum, const im_pack_opts *o,
                        const char *path, im_error *err)
{
	pack p;
	memset(&p, 0, sizeof p);
	p.o = o;
	p.l = l;
	p.sum = sum;
	p.err = err;
	double wmm, hmm;
	if (!im_render_paper_mm(o->map.paper ? o->map.paper : "a4", &wmm, &hmm))
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0,
		                    "--paper must be a4, a3 or letter, not '%s'", o->map.paper);
	p.u = 72 / 25.4;
	p.W = wmm * p.u;
	p.H = hmm * p.u;
	p.listed = l->n < o->list_max ? l->n : o->list_max;
	column_widths(&p);
	int retry;
	im_status st = pack_run(&p, path, 0, &retry);
	if (!st && retry)
		st = pack_run(&p, path, 1, &retry);
	return st;
}
