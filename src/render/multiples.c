/* multiples.c: small multiples (--by day|week|month): a map per period on
 * one page, every panel the same extent and scale, each titled with its
 * period and figures, one legend and one set of totals for them all. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A page holds this many panels at most: past it, each is a stamp. */
#define MAX_PANELS 36
/* --by-pages: a PDF of more pages than this is no briefing. */
#define MAX_PAGES 400

/* What the subtitle and the legend tell, kept from the pass over every
 * incident while the panels redo them each for their own. */
typedef struct rtotals {
	size_t type_count[16];
	size_t n_p3, undated, nskipped, nout, ncc, adm_none, adm_unmatched, adm_total;
	long fat, inj;
	int fat_known, inj_known;
	im_date d0, d1;
	char cc[64][3];
	size_t ncc_of[64];
} rtotals;

/* Saves the totals of c into t (save), or puts them back (!save): one list
 * of the fields for both ways. */
static void totals_copy(rctx *c, rtotals *t, int save)
{
#define COPY(f)                                                                                    \
	do {                                                                                       \
		_Static_assert(sizeof t->f == sizeof c->f, "rtotals." #f " is not rctx's");        \
		if (save)                                                                          \
			memcpy(&t->f, &c->f, sizeof t->f);                                         \
		else                                                                               \
			memcpy(&c->f, &t->f, sizeof t->f);                                         \
	} while (0)
	COPY(type_count);
	COPY(n_p3);
	COPY(undated);
	COPY(nskipped);
	COPY(nout);
	COPY(ncc);
	COPY(adm_none);
	COPY(adm_unmatched);
	COPY(adm_total);
	COPY(fat);
	COPY(inj);
	COPY(fat_known);
	COPY(inj_known);
	COPY(d0);
	COPY(d1);
	COPY(cc);
	COPY(ncc_of);
#undef COPY
}

/* Drops what one panel's map built (marks, labels, cities), keeping the
 * base map, the projection and the totals. */
static void panel_free(rctx *c)
{
	for (size_t i = 0; i < c->nlabels; i++)
		g_object_unref(c->labels[i].lay);
	free(c->labels);
	c->labels = NULL;
	c->nlabels = c->caplabels = 0;
	im_buf_free(&c->left_out);
	rcoll_free(&c->coll);
	free(c->marks);
	free(c->mix);
	free(c->draw_order);
	free(c->cities);
	free(c->cand);
	c->marks = NULL, c->mix = NULL, c->draw_order = NULL, c->cities = NULL, c->cand = NULL;
	c->nmix = c->capmix = c->nmarks = c->nclusters = c->nmerged = 0;
	c->ncities = c->maxcities = c->ncand = 0;
	free(c->hex);
	c->hex = NULL;
	c->nhex = c->caphex = 0;
	admin1_free(c);
}

static long period_of_date(im_period p, int32_t date)
{
	im_date d = {date / 10000, date / 100 % 100, date % 100};
	return im_period_of(p, d);
}

/* The grid for n panels in area, for a map about `aspect` times as wide
 * as high: the number of columns that makes each map largest. */
static void grid(rctx *c, size_t n, double aspect, double title_h, int *cols, int *rows)
{
	double W = c->frame.x1 - c->frame.x0, H = c->frame.y1 - c->frame.y0;
	double best = -1;
	for (int k = 1; k <= (int)n; k++) {
		int r = (int)((n + (size_t)k - 1) / (size_t)k);
		double cw = W / k - rmm(c, 3), ch = H / r - title_h - rmm(c, 3);
		if (cw <= 0 || ch <= 0)
			continue;
		double s = fmin(cw / aspect, ch); /* the map's height at that size */
		if (s > best)
			best = s, *cols = k, *rows = r;
	}
	if (best < 0)
		*cols = (int)n, *rows = 1;
}

/* How wide the incidents (or the box) are for how high, projected. */
static double data_aspect(const rctx *c)
{
	if (c->o->has_bbox || c->nvalid < 2)
		return (c->view.x1 - c->view.x0) / (c->view.y1 - c->view.y0);
	double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
	for (size_t k = 0; k < c->nvalid; k++)
		if (c->px[k] != HUGE_VAL) {
			x0 = fmin(x0, c->px[k]), x1 = fmax(x1, c->px[k]);
			y0 = fmin(y0, c->py[k]), y1 = fmax(y1, c->py[k]);
		}
	if (!(x1 > x0) || !(y1 > y0))
		return 1.4;
	return fmin(2.5, fmax(0.5, (x1 - x0) / (y1 - y0)));
}

static void select_period(rctx *c, im_period p, long k, const rvinfo *vi, const double *px,
			  const double *py, size_t nv, rvinfo *ov, double *ox, double *oy);

/* `auto` under --by: symbols (crowded places merged, crowd.c), unless the
 * symbols of some panel would crowd it even so; then hexagons in every
 * panel. */
static im_status auto_mode(rctx *c, long k0, size_t n, rvinfo *ov, double *ox, double *oy,
			   im_render_agg *out)
{
	rvinfo *vi = c->vi;
	double *px = c->px, *py = c->py;
	size_t nv = c->nvalid;
	im_render_agg mode = IM_AGG_CLUSTERS;
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < n && mode == IM_AGG_CLUSTERS; i++) {
		select_period(c, c->o->by, k0 + (long)i, vi, px, py, nv, ov, ox, oy);
		st = marks_build(c); /* auto: merged, else hexagons when crowded */
		if (!st && c->nhex)
			mode = IM_AGG_HEX;
		panel_free(c);
	}
	c->vi = vi, c->px = px, c->py = py, c->nvalid = nv;
	*out = mode;
	c->merge_crowded = mode == IM_AGG_CLUSTERS;
	return st;
}

/* The pass over every dated incident in one panel's frame (ov: room for
 * them): the totals and the hexagons' classes shared by every panel. */
static im_status all_pass(rctx *c, rvinfo *ov, rtotals *t)
{
	size_t n = c->nvalid;
	double *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
	if (!x || !y) {
		free(x), free(y);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	/* the dated ones: an undated incident is in no panel */
	rvinfo *vi = c->vi;
	double *px = c->px, *py = c->py;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (vi[i].date)
			ov[k] = vi[i], x[k] = px[i], y[k] = py[i], k++;
	c->vi = ov, c->px = x, c->py = y, c->nvalid = k;
	im_status st = marks_build(c);
	c->vi = vi, c->px = px, c->py = py, c->nvalid = n;
	c->undated_out = n - k;
	free(x), free(y);
	if (st)
		return st;
	totals_copy(c, t, 1);
	if (c->nhex || c->adm_n)
		c->hex_fixed = 1; /* the same classes in every panel */
	panel_free(c);
	return IM_OK;
}

/* The title over a panel: the period, then its incidents and deaths. */
static void panel_title(rctx *c, im_period p, long k, size_t n, long fat, int fat_known, double x,
                        double y, double w)
{
	char t[96], f[96], num[32];
	im_period_title(p, k, t, sizeof t);
	int len =
	    snprintf(f, sizeof f, "  %s incident%s", rnum((long long)n, num), n == 1 ? "" : "s");
	if (fat_known && n)
		snprintf(f + len, sizeof f - (size_t)len, ", %s killed", rnum(fat, num));
	PangoLayout *a = rtext(c, t, PT_TEXT, 1, 0), *b = rtext(c, f, PT_TEXT, 0, 0);
	double aw, ah, bw, bh;
	rtext_size(a, &aw, &ah);
	pango_layout_set_width(b, (int)(fmax(1, w - aw) * PANGO_SCALE));
	pango_layout_set_ellipsize(b, PANGO_ELLIPSIZE_END);
	rtext_size(b, &bw, &bh);
	rgb none = {0, 0, 0};
	rtext_draw(c, a, x, y, rgb_hex(0x222222), 0, none);
	rtext_draw(c, b, x + aw, y, rgb_hex(0x5c5c5c), 0, none);
	g_object_unref(a);
	g_object_unref(b);
}

/* "No incidents" in small type at the middle of an empty panel. */
static im_rbox panel_empty(rctx *c, int draw)
{
	PangoLayout *lay = rtext(c, "No incidents", PT_SUB, 0, 1);
	double w, h;
	rtext_size(lay, &w, &h);
	double cx = (c->frame.x0 + c->frame.x1) / 2, cy = (c->frame.y0 + c->frame.y1) / 2;
	im_rbox b = {cx - w / 2 - rmm(c, 1), cy - h / 2 - rmm(c, 1), cx + w / 2 + rmm(c, 1),
	             cy + h / 2 + rmm(c, 1)};
	if (draw) {
		rgb white = {1, 1, 1};
		rtext_draw(c, lay, cx - w / 2, cy - h / 2, rgb_hex(0x5c5c5c), rmm(c, HALO_MM),
		           white);
	}
	g_object_unref(lay);
	return b;
}

/* One panel: the incidents of period k drawn in c->frame, moved by dx, dy. */
static im_status panel_draw(rctx *c, im_period p, long k, double dx, double dy, int titled)
{
	im_status st;
	if ((st = marks_build(c)))
		return st;
	if (rcoll_init(&c->coll, c->frame, rmm(c, 3)))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	int empty = rctx_empty(c);
	if (empty && rcoll_add(&c->coll, panel_empty(c, 0)))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if ((st = marks_obstacles(c)) || (st = cities_load(c, 1)) || (st = marks_place_labels(c)) ||
	    (st = admin1_place_labels(c)) ||
	    (st = cities_load(c, 0)) || (st = cities_place_labels(c)) || (st = base_place_names(c)))
		return st;
	cairo_t *cr = c->cr;
	cairo_save(cr);
	cairo_translate(cr, dx, dy);
	base_draw(c);
	if (c->adm_n)
		admin1_draw(c);
	cairo_save(cr);
	im_rbox f = c->frame;
	cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
	cairo_clip(cr);
	rdraw_labels(c, 1);
	cities_draw(c);
	st = marks_draw(c);
	rdraw_labels(c, 0);
	if (empty)
		panel_empty(c, 1);
	cairo_restore(cr);
	cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
	rset(cr, rgb_hex(0x6b6b6b));
	cairo_set_line_width(cr, rmm(c, 0.3));
	cairo_stroke(cr);
	double th = rtext_height(c, PT_TEXT);
	long fat = 0;
	int fat_known = 0;
	for (size_t i = 0; i < c->nvalid; i++)
		if (c->vi[i].fat >= 0)
			fat += c->vi[i].fat, fat_known = 1;
	if (titled)
		panel_title(c, p, k, c->nvalid - c->nout - c->nskipped, fat, fat_known, f.x0,
			    f.y0 - th - rmm(c, 0.8), f.x1 - f.x0);
	cairo_restore(cr);
	return st;
}

/* --by-pages: the page's title (with its period), totals, legend and
 * timeline (tl, of every page), for the page's incidents; `dated` of all
 * the pages. */
static im_status page_furniture(rctx *c, im_period p, long k, size_t dated, im_timeline *tl)
{
	char period[96];
	im_period_title(p, k, period, sizeof period);
	c->other_pages = dated - c->nvalid;
	c->one_page = 1;
	c->tl = tl;
	im_status st = rfurniture(c, period);
	c->tl = NULL;
	c->other_pages = 0;
	c->one_page = 0;
	return st;
}

/* The incidents of period k, out of all (vi, px, py: nv of them), into
 * c->vi, c->px, c->py. */
static void select_period(rctx *c, im_period p, long k, const rvinfo *vi, const double *px,
                          const double *py, size_t nv, rvinfo *ov, double *ox, double *oy)
{
	size_t n = 0;
	for (size_t i = 0; i < nv; i++) {
		if (!vi[i].date || period_of_date(p, vi[i].date) != k)
			continue;
		ov[n] = vi[i], ox[n] = px[i], oy[n] = py[i];
		n++;
	}
	c->vi = ov, c->px = ox, c->py = oy;
	c->nvalid = n;
	c->nout = c->nskipped = 0;
}

/* The periods p of the dated incidents, from the first one's (*k0) to the
 * last one's: how many. */
static size_t period_range(const rctx *c, im_period p, long *k0)
{
	long k1 = 0;
	int dated = 0;
	*k0 = 0;
	for (size_t i = 0; i < c->nvalid; i++) {
		if (!c->vi[i].date)
			continue;
		long k = period_of_date(p, c->vi[i].date);
		if (!dated || k < *k0)
			*k0 = k;
		if (!dated || k > k1)
			k1 = k;
		dated = 1;
	}
	return (size_t)(k1 - *k0 + 1);
}

/* Refuses n periods p when they are more maps than a page holds (or, with
 * pages, more pages than a briefing holds). */
static im_status too_many(rctx *c, im_period p, size_t n, int pages)
{
	if (!pages && n > MAX_PANELS)
		return im_error_set(c->err, IM_E_TOO_LARGE, NULL, 0, 0,
		                    "--by %s gives %zu maps, more than a page holds (%d): choose a "
		                    "longer period or fewer dates (--since, --until)",
		                    im_period_name(p), n, MAX_PANELS);
	if (pages && n > MAX_PAGES)
		return im_error_set(c->err, IM_E_TOO_LARGE, NULL, 0, 0,
				    "--by %s gives %zu pages, more than a briefing holds (%d): choose "
				    "a longer period or fewer dates (--since, --until)",
				    im_period_name(p), n, MAX_PAGES);
	return IM_OK;
}

/* The view fitted first to the whole area, for the shape of the data; then
 * (unless pages: each page's map is the frame as laid out) to one panel of
 * the grid of n that shape gives: *cols of them, each cw by ch. */
static im_status fit_grid(rctx *c, size_t n, int pages, im_rbox area, int *cols, double *cw,
                          double *ch)
{
	im_status st = rextent_view(c);
	if (st)
		return st;
	double th = rtext_height(c, PT_TEXT) + rmm(c, 0.8);
	int rows = 1;
	*cols = 1;
	*cw = *ch = 0;
	if (pages)
		return IM_OK;
	grid(c, n, data_aspect(c), th, cols, &rows);
	rproj_close(&c->proj);
	free(c->px), free(c->py);
	c->px = c->py = NULL;
	*cw = (area.x1 - area.x0) / *cols, *ch = (area.y1 - area.y0) / rows;
	double gap = rmm(c, 3);
	c->frame = (im_rbox){area.x0, area.y0 + th, area.x0 + *cw - (*cols > 1 ? gap : 0),
			     area.y0 + *ch - (rows > 1 ? gap : 0)};
	return rextent_view(c);
}

/* What the panels drawn so far add up to. */
typedef struct ptally {
	size_t clusters, merged, unlabelled, nhex;
} ptally;

/* The panel just drawn added to t and to the legend's kinds and top. */
static void panel_tally(rctx *c, ptally *t)
{
	t->clusters += c->nclusters, t->unlabelled += c->unlabelled, t->nhex += c->nhex;
	t->merged += c->nmerged;
	unsigned kinds;
	int64_t top;
	rmarks_legend(c, &kinds, &top);
	c->legend_kinds |= kinds;
	if (top > c->legend_max)
		c->legend_max = top;
	c->unlabelled = 0;
}

static im_status grid_draw(rctx *c)
{
	im_period p = c->o->by;
	long k0;
	size_t n = period_range(c, p, &k0);
	int pages = c->o->by_pages;
	im_status st = too_many(c, p, n, pages);
	if (st)
		return st;
	im_render_opts *po = (im_render_opts *)c->o; /* multiples_draw's copy */
	im_rbox area = c->frame;
	int cols;
	double cw, ch;
	if ((st = fit_grid(c, n, pages, area, &cols, &cw, &ch)) || (st = base_load(c)))
		return st;
	rchoose_focus(c);
	rvinfo *vi = c->vi;
	double *px = c->px, *py = c->py;
	size_t nv = c->nvalid;
	rvinfo *ov = malloc((nv ? nv : 1) * sizeof *ov);
	double *ox = malloc((nv ? nv : 1) * sizeof *ox), *oy = malloc((nv ? nv : 1) * sizeof *oy);
	im_timeline *tl = c->tl;
	c->tl = NULL;
	if (!ov || !ox || !oy)
		st = im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st && po->aggregate == IM_AGG_AUTO)
		st = auto_mode(c, k0, n, ov, ox, oy, &po->aggregate);
	rtotals t = {0};
	c->tl = tl; /* the timeline counts every incident drawn, once */
	if (!st)
		st = all_pass(c, ov, &t);
	c->tl = NULL;
	char title[sizeof c->title];
	if (!st && pages && !po->title) { /* every page: the whole's title, then its period */
		furn_make_title(c);
		snprintf(title, sizeof title, "%s", c->title);
		po->title = title;
	}
	ptally pt = {0};
	for (size_t i = 0; !st && i < n; i++) {
		if (i == 0 || pages) {
			if (i)
				cairo_show_page(c->cr);
			cairo_set_source_rgb(c->cr, 1, 1, 1);
			cairo_paint(c->cr);
		}
		select_period(c, p, k0 + (long)i, vi, px, py, nv, ov, ox, oy);
		double dx = (double)(i % (size_t)cols) * cw, dy = (double)(i / (size_t)cols) * ch;
		st = panel_draw(c, p, k0 + (long)i, dx, dy, !pages);
		if (!st && pages)
			st = page_furniture(c, p, k0 + (long)i, nv - c->undated_out, tl);
		panel_tally(c, &pt);
		panel_free(c);
	}
	free(ov), free(ox), free(oy);
	c->vi = vi, c->px = px, c->py = py, c->nvalid = nv;
	totals_copy(c, &t, 0);
	c->nclusters = pt.clusters, c->unlabelled = pt.unlabelled, c->nhex = pt.nhex;
	c->nmerged = pt.merged;
	c->npanels = n;
	c->tl = tl;
	c->frame = area; /* the panel's legend and scale go beside the grid */
	if (pages)
		furn_make_title(c); /* the document's, for its metadata */
	return st;
}

im_status multiples_draw(rctx *c)
{
	/* `auto` becomes one mode for every panel: in a copy of the options */
	const im_render_opts *o = c->o;
	im_render_opts po = *o;
	c->o = &po;
	im_status st = grid_draw(c);
	c->o = o;
	return st;
}
