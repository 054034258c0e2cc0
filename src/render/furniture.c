/* furniture.c: what a briefing map carries besides the map: title and
 * subtitle, the locator inset, the legend (types present, symbol sizes),
 * a scale bar true at the map's centre, a north arrow, and the notes
 * (sources, projection, attribution). */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define INK 0x222222
#define MUTED 0x5c5c5c
/* Legend symbols, in the steps of the map's own (rsize_step): each size is
 * a glyph, so a legend symbol of a size the map has costs a PDF nothing. */
#define LEGEND_MM 3.8
#define LEGEND_CLUSTER_MM 4.2

/* ---- title --------------------------------------------------------------- */

static const char *country_name(const rctx *c, const char *a2)
{
	for (size_t i = 0; i < c->ncg; i++)
		if (strcasecmp(c->c_a2[i], a2) == 0 && c->c_name[i][0])
			return c->c_name[i];
	if (c->o->gaz) {
		const char *n = im_gaz_country_name(c->o->gaz, a2);
		if (n)
			return n;
	}
	return a2;
}

void furn_make_title(rctx *c)
{
	if (c->o->title) {
		snprintf(c->title, sizeof c->title, "%s", c->o->title);
		return;
	}
	if (!c->nvalid) {
		snprintf(c->title, sizeof c->title, "No incidents");
		return;
	}
	/* What: the one type, or "Security incidents". */
	size_t ntypes = 0, last = 0;
	for (size_t i = 0; i < im_n_styles; i++)
		if (c->type_count[i])
			ntypes++, last = i;
	const char *what = ntypes == 1 ? im_styles[last].label : "Security incidents";
	/* Where: the countries of the incidents drawn, most incidents first. */
	char cc[64][3];
	size_t ncc[64], n = c->ncc;
	memcpy(cc, c->cc, sizeof cc);
	memcpy(ncc, c->ncc_of, sizeof ncc);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && (ncc[j] > ncc[j - 1] ||
					     (ncc[j] == ncc[j - 1] && strcasecmp(cc[j], cc[j - 1]) < 0));
		     j--) {
			char t[3];
			memcpy(t, cc[j], 3), memcpy(cc[j], cc[j - 1], 3), memcpy(cc[j - 1], t, 3);
			size_t u = ncc[j];
			ncc[j] = ncc[j - 1], ncc[j - 1] = u;
		}
	char where[200] = "";
	if (n == 1)
		snprintf(where, sizeof where, " in %s", country_name(c, cc[0]));
	else if (n == 2)
		snprintf(where, sizeof where, " in %s and %s", country_name(c, cc[0]),
			 country_name(c, cc[1]));
	else if (n == 3)
		snprintf(where, sizeof where, " in %s, %s and %s", country_name(c, cc[0]),
			 country_name(c, cc[1]), country_name(c, cc[2]));
	else if (n > 3)
		snprintf(where, sizeof where, " in %s and %zu other countries",
			 country_name(c, cc[0]), n - 1);
	char when[80] = "";
	if (c->d0.y) {
		rdate_range(c->d0, c->d1, when + 2, sizeof when - 2);
		when[0] = ',', when[1] = ' ';
	}
	snprintf(c->title, sizeof c->title, "%s%s%s", what, where, when);
}

double furn_title(rctx *c, int draw)
{
	double x = c->title_box.x0, y = c->title_box.y0;
	double w = c->title_box.x1 - c->title_box.x0;
	PangoLayout *t = rtext(c, c->title, PT_TITLE, 1, 0);
	/* left-aligned like the rest of the page, whatever script the title
	 * starts with (pango shapes the Arabic inside right to left) */
	pango_layout_set_auto_dir(t, FALSE);
	pango_layout_set_width(t, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_END);
	double tw, th;
	rtext_size(t, &tw, &th);

	char sub[512];
	furn_subtitle(c, sub, sizeof sub);
	PangoLayout *s = rtext(c, sub, PT_SUB, 0, 0);
	pango_layout_set_width(s, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(s, PANGO_ELLIPSIZE_END);
	double sw, sh;
	rtext_size(s, &sw, &sh);
	if (draw) {
		rgb none = {0, 0, 0};
		rtext_draw(c, t, x, y, rgb_hex(INK), 0, none);
		rtext_draw(c, s, x, y + th + rmm(c, 0.6), rgb_hex(MUTED), 0, none);
	}
	g_object_unref(t);
	g_object_unref(s);
	return th + rmm(c, 0.6) + sh;
}

void furn_subtitle(rctx *c, char *sub, size_t cap)
{
	char dates[80], figs[80];
	/* --by: nvalid holds the undated ones, which no map draws; a page of
	 * --by-pages holds its own incidents only */
	size_t shown = c->nvalid - c->nskipped - c->nout - (c->one_page ? 0 : c->undated_out);
	char k1[32], k2[32];
	int n = snprintf(sub, cap, "%s incident%s", rnum((long long)shown, k1),
			 shown == 1 ? "" : "s");
	if (c->d0.y) {
		rdate_range(c->d0, c->d1, dates, sizeof dates);
		n += snprintf(sub + n, cap - (size_t)n, " \u00b7 %s", dates);
	}
	if (c->undated)
		n += snprintf(sub + n, cap - (size_t)n, " (%s undated)",
			      rnum((long long)c->undated, k2));
	rfigures(c->fat_known ? c->fat : -1, c->inj_known ? c->inj : -1, figs, sizeof figs);
	if (figs[0] && shown)
		n += snprintf(sub + n, cap - (size_t)n, " \u00b7 %s", figs);
	size_t nowhere = c->job->total - shown - c->nout - c->undated_out - c->other_pages;
	if (c->undated_out) /* --by: a map per period, and no period for them */
		n += snprintf(sub + n, cap - (size_t)n, " \u00b7 %s undated, in no map",
			      rnum((long long)c->undated_out, k1));
	if (c->nout)
		n += snprintf(sub + n, cap - (size_t)n, " \u00b7 %s more outside the map",
			      rnum((long long)c->nout, k1));
	if (nowhere)
		snprintf(sub + n, cap - (size_t)n, " \u00b7 %s not mapped (no usable location)",
			 rnum((long long)nowhere, k1));
}

/* "No incidents" in a box at the middle of the map; with draw 0, only
 * where the box goes (so that names keep clear of it). */
im_rbox furn_no_incidents(rctx *c, int draw)
{
	PangoLayout *lay = rtext(c, "No incidents", 20, 1, 0);
	double w, h;
	rtext_size(lay, &w, &h);
	double cx = (c->frame.x0 + c->frame.x1) / 2, cy = (c->frame.y0 + c->frame.y1) / 2;
	double pad = rmm(c, 4);
	im_rbox b = {cx - w / 2 - pad, cy - h / 2 - pad, cx + w / 2 + pad, cy + h / 2 + pad};
	if (draw) {
		cairo_rectangle(c->cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
		cairo_set_source_rgba(c->cr, 1, 1, 1, 0.85);
		cairo_fill(c->cr);
		rgb none = {0, 0, 0};
		rtext_draw(c, lay, cx - w / 2, cy - h / 2, rgb_hex(INK), 0, none);
	}
	g_object_unref(lay);
	return b;
}

/* ---- locator inset ------------------------------------------------------- */

static double blk_inset(rctx *c, double x, double y, double w, double h)
{
	im_rbox box = {x, y, x + w, y + h};
	/* The main frame's outline in lon/lat. */
	enum { E = 24, N = 4 * E };
	double fx[N], fy[N];
	for (int i = 0; i < E; i++) {
		double t = (double)i / E;
		fx[i] = c->view.x0 + t * (c->view.x1 - c->view.x0), fy[i] = c->view.y1;
		fx[E + i] = c->view.x1, fy[E + i] = c->view.y1 - t * (c->view.y1 - c->view.y0);
		fx[2 * E + i] = c->view.x1 - t * (c->view.x1 - c->view.x0), fy[2 * E + i] = c->view.y0;
		fx[3 * E + i] = c->view.x0, fy[3 * E + i] = c->view.y0 + t * (c->view.y1 - c->view.y0);
	}
	rproj_inv(&c->proj, fx, fy, N);
	char def[256];
	snprintf(def, sizeof def,
		 "+proj=laea +lat_0=%.2f +lon_0=%.2f +datum=WGS84 +units=m +no_defs +type=crs",
		 c->view.lat_c, c->view.lon_c);
	rproj ip;
	im_error ierr;
	if (rproj_open_in(&ip, c->proj.ctx, def, "inset", &ierr))
		return h; /* the inset is a nicety; the map stands without it */
	rproj_fwd(&ip, fx, fy, N);
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
	for (int i = 0; i < N; i++)
		if (fx[i] != HUGE_VAL) {
			x0 = fmin(x0, fx[i]), x1 = fmax(x1, fx[i]);
			y0 = fmin(y0, fy[i]), y1 = fmax(y1, fy[i]);
		}
	if (x0 == HUGE_VAL) {
		rproj_close(&ip);
		return h;
	}
	double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
	double half = fmin(7e6, fmax(1.2e6, 3.2 * fmax(x1 - x0, y1 - y0) / 2));
	rview iv;
	rview_fit(&iv, &ip, cx - half, cy - half, cx + half, cy + half, box);
	rgeom *g = NULL;
	size_t ng = 0;
	im_status st = rlayer_read(&c->countries, &iv, rmm(c, 0.4), &g, &ng, &ierr);
	if (st && !c->panel_st) {
		/* A corrupt shape is an error wherever it is, inset or not. */
		c->panel_st = st;
		if (c->err)
			*c->err = ierr;
	}
	cairo_t *cr = c->cr;
	cairo_save(cr);
	cairo_rectangle(cr, box.x0, box.y0, w, h);
	cairo_clip(cr);
	rset(cr, rgb_hex(0xe3edf3));
	cairo_paint(cr);
	if (!st) {
		/* Land, borders white over it, then the country of interest. */
		cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
		cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
		for (size_t i = 0; i < ng; i++)
			rgeom_path(cr, &g[i], 1);
		rset(cr, rgb_hex(0xdcd8d0));
		cairo_fill_preserve(cr);
		rset(cr, rgb_hex(0xffffff));
		cairo_set_line_width(cr, rmm(c, 0.15));
		cairo_stroke(cr);
		for (size_t i = 0; i < ng && c->focus[0]; i++) {
			char *a2 = rlayer_attr(&c->countries, g[i].id, "iso_a2");
			if (a2 && strcasecmp(a2, c->focus) == 0)
				rgeom_path(cr, &g[i], 1);
			free(a2);
		}
		rset(cr, rgb_hex(0xb3ad9f));
		cairo_fill(cr);
		rgeoms_free(g, ng);
	}
	/* Where the main map is. */
	int first = 1;
	for (int i = 0; i < N; i++) {
		if (fx[i] == HUGE_VAL)
			continue;
		double u = rview_u(&iv, fx[i]), v = rview_v(&iv, fy[i]);
		if (first)
			cairo_move_to(cr, u, v);
		else
			cairo_line_to(cr, u, v);
		first = 0;
	}
	cairo_close_path(cr);
	rset(cr, rgb_hex(0xc0392b));
	cairo_set_line_width(cr, rmm(c, 0.45));
	cairo_stroke(cr);
	cairo_restore(cr);
	cairo_rectangle(cr, box.x0, box.y0, w, h);
	rset(cr, rgb_hex(0x8a8a8a));
	cairo_set_line_width(cr, rmm(c, 0.25));
	cairo_stroke(cr);
	rproj_close(&ip);
	return h;
}

/* ---- legend -------------------------------------------------------------- */

/* One legend row: a symbol drawn by `sym` in a square column, then text. */
typedef void (*sym_fn)(rctx *c, double cx, double cy, const void *arg);

static double legend_row(rctx *c, double x, double y, double w, int draw, const char *text,
			 sym_fn sym, const void *arg, double sym_mm)
{
	double col = rmm(c, 7);
	PangoLayout *lay = rtext(c, text, PT_TEXT, 0, 0);
	pango_layout_set_width(lay, (int)((w - col) * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
	double tw, th;
	rtext_size(lay, &tw, &th);
	double h = fmax(th, rmm(c, sym_mm + 0.4));
	if (draw) {
		rgb none = {0, 0, 0};
		if (sym)
			sym(c, x + col / 2, y + h / 2, arg);
		rtext_draw(c, lay, x + col, y + (h - th) / 2, rgb_hex(INK), 0, none);
	}
	g_object_unref(lay);
	return h + rmm(c, 0.5);
}

static double heading(rctx *c, double x, double y, int draw, const char *text)
{
	PangoLayout *lay = rtext(c, text, PT_TEXT, 1, 0);
	double tw, th;
	rtext_size(lay, &tw, &th);
	if (draw) {
		rgb none = {0, 0, 0};
		rtext_draw(c, lay, x, y, rgb_hex(INK), 0, none);
	}
	g_object_unref(lay);
	return th + rmm(c, 1.0);
}

static void sym_style(rctx *c, double cx, double cy, const void *arg)
{
	const im_style *s = arg;
	marker_draw(c, s->shape, LEGEND_MM, cx, cy, rgb_style(s), 0);
}

/* A ring of several types with its count; arg not NULL: of merged places
 * (in an outer circle). */
static void sym_ring(rctx *c, double cx, double cy, const void *arg)
{
	uint32_t tc[RMIX_TYPES] = {2, 1, 1};
	if (arg)
		mark_merged(c, cx, cy, LEGEND_CLUSTER_MM + 2.2, tc);
	else
		mark_ring(c, cx, cy, LEGEND_CLUSTER_MM + 1.2, tc, 0);
	PangoLayout *lay = rtext(c, "4", PT_TEXT, 1, 0);
	double w, h;
	rtext_size(lay, &w, &h);
	rgb ink = {0.07, 0.07, 0.07};
	rtext_draw(c, lay, cx - w / 2, cy - h / 2, ink, 0, ink);
	g_object_unref(lay);
}

static void sym_cluster(rctx *c, double cx, double cy, const void *arg)
{
	(void)arg;
	marker_draw(c, IM_SHAPE_CIRCLE, LEGEND_CLUSTER_MM, cx, cy, rgb_style(&im_styles[0]), 0);
	PangoLayout *lay = rtext(c, "3", PT_TEXT, 1, 0);
	double w, h;
	rtext_size(lay, &w, &h);
	rgb white = {1, 1, 1};
	rtext_draw(c, lay, cx - w / 2, cy - h / 2, white, 0, white);
	g_object_unref(lay);
}

static void sym_province(rctx *c, double cx, double cy, const void *arg)
{
	(void)arg;
	cairo_t *cr = c->cr;
	double s = rmm(c, 5.5);
	cairo_save(cr);
	cairo_rectangle(cr, cx - s / 2, cy - s / 2, s, s);
	cairo_clip_preserve(cr);
	cairo_new_path(cr);
	for (double t = -s; t < s; t += rmm(c, 1.4)) {
		cairo_move_to(cr, cx - s / 2 + t, cy + s / 2);
		cairo_line_to(cr, cx - s / 2 + t + s, cy - s / 2);
	}
	cairo_set_source_rgba(cr, 0.5, 0.5, 0.5, 0.55);
	cairo_set_line_width(cr, rmm(c, 0.25));
	cairo_stroke(cr);
	cairo_restore(cr);
	marker_draw(c, IM_SHAPE_CIRCLE, LEGEND_MM, cx, cy, rgb_hex(0x5c5c5c), 1);
}

static void sym_city(rctx *c, double cx, double cy, const void *arg)
{
	int capital = *(const int *)arg;
	cairo_t *cr = c->cr;
	double r = rmm(c, capital ? 0.95 : 0.65);
	cairo_new_path(cr);
	cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
	rset(cr, capital ? rgb_hex(0xffffff) : rgb_hex(0x3a3a3a));
	cairo_fill_preserve(cr);
	rset(cr, capital ? rgb_hex(0x3a3a3a) : rgb_hex(0xffffff));
	cairo_set_line_width(cr, rmm(c, capital ? 0.3 : 0.2));
	cairo_stroke(cr);
	if (capital) {
		cairo_arc(cr, cx, cy, r * 0.45, 0, 2 * M_PI);
		rset(cr, rgb_hex(0x3a3a3a));
		cairo_fill(cr);
	}
}

/* Symbol sizes for a few fatality counts, smallest to largest. */
static double blk_sizes(rctx *c, double x, double y, double w, int draw)
{
	int by_count = c->o->size_by == IM_SIZE_BY_INCIDENTS;
	int64_t maxf = c->legend_max > c->marks_max ? c->legend_max : c->marks_max;
	static const long nice[] = {1, 2, 5, 10, 20, 50, 100};
	long vals[3] = {by_count, -1, -1};
	int nv = 1;
	long top = -1;
	for (size_t i = 0; i < sizeof nice / sizeof *nice; i++)
		if (nice[i] <= maxf)
			top = nice[i];
	if (top > vals[0]) {
		long mid = -1;
		for (size_t i = 0; i < sizeof nice / sizeof *nice; i++)
			if (nice[i] * 4 <= top || (top == 5 && nice[i] == 2))
				mid = nice[i];
		if (mid > 0 && mid < top)
			vals[nv++] = mid;
		vals[nv++] = top;
	}
	double hh = heading(c, x, y, draw,
			    by_count ? "Incidents (symbol area)" : "Fatalities (symbol area)");
	double maxd = 0;
	for (int i = 0; i < nv; i++)
		maxd = fmax(maxd, rmm(c, rsize_step(im_style_size_mm((int)vals[i]))));
	double cx = x + rmm(c, 2);
	PangoLayout *labs[3];
	double lh = 0;
	for (int i = 0; i < nv; i++) {
		char t[32];
		if (i == 0)
			snprintf(t, sizeof t, by_count ? "1" : "0 or unknown");
		else if (i == nv - 1 && maxf > 100)
			snprintf(t, sizeof t, "%ld or more", vals[i]);
		else
			snprintf(t, sizeof t, "%ld", vals[i]);
		labs[i] = rtext(c, t, PT_SMALL, 0, 0);
		double tw, th;
		rtext_size(labs[i], &tw, &th);
		lh = fmax(lh, th);
		double d = rmm(c, rsize_step(im_style_size_mm((int)vals[i])));
		double slot = fmax(d, tw) + rmm(c, 3);
		if (draw && cx + slot <= x + w + rmm(c, 3)) {
			double cy = y + hh + maxd - d / 2;
			marker_draw(c, IM_SHAPE_CIRCLE, rsize_step(im_style_size_mm((int)vals[i])), cx + slot / 2 - rmm(c, 1.5),
				    cy, rgb_hex(0xa0a0a0), 0);
			rgb none = {0, 0, 0};
			rtext_draw(c, labs[i], cx + slot / 2 - rmm(c, 1.5) - tw / 2,
				   y + hh + maxd + rmm(c, 0.8), rgb_hex(INK), 0, none);
		}
		cx += slot;
		g_object_unref(labs[i]);
	}
	return hh + maxd + rmm(c, 0.8) + lh + rmm(c, 1);
}

static double blk_cities(rctx *c, double x, double y, double w, int draw);

static double blk_legend(rctx *c, double x, double y, double w, int draw)
{
	double y0 = y;
	if (c->o->aggregate == IM_AGG_ADMIN1 && c->nvalid) {
		y += admin1_legend(c, x, y, w, draw);
		return y - y0 + blk_cities(c, x, y, w, draw);
	}
	if (c->nhex) {
		y += hex_legend(c, x, y, w, draw);
		return y - y0 + blk_cities(c, x, y, w, draw);
	}
	y += heading(c, x, y, draw, "Incidents by type");
	for (size_t i = 0; i < im_n_styles; i++) {
		if (!c->type_count[i])
			continue;
		char t[160];
		char k[32];
		snprintf(t, sizeof t, "%s (%s)", im_styles[i].label, rnum((long long)c->type_count[i], k));
		y += legend_row(c, x, y, w, draw, t, sym_style, &im_styles[i], 4.2);
	}
	if (!c->nvalid)
		y += legend_row(c, x, y, w, draw, "none to show", NULL, NULL, 2);
	unsigned kinds = c->legend_kinds | c->marks_kinds;
	if (kinds & RMARK_CLUSTER)
		y += legend_row(c, x, y, w, draw, "Several incidents at one place (how many)",
				sym_cluster, NULL, 4.6);
	if (kinds & RMARK_MIXED)
		y += legend_row(c, x, y, w, draw, "Several types at one place: the ring shows their shares",
				sym_ring, NULL, 4.6);
	if (kinds & RMARK_MERGED)
		y += legend_row(c, x, y, w, draw,
				"Places too close to show apart: their incidents in one ring",
				sym_ring, &kinds, 5.8);
	if (c->n_p3)
		y += legend_row(c, x, y, w, draw,
				"Province only (open symbol, hatched)",
				sym_province, NULL, 5.5);
	if (c->nvalid) {
		y += rmm(c, 1.5);
		y += blk_sizes(c, x, y, w, draw);
	}
	y += blk_cities(c, x, y, w, draw);
	return y - y0;
}

/* The reference cities' rows of the legend. */
static double blk_cities(rctx *c, double x, double y, double w, int draw)
{
	double y0 = y;
	int caps = 0, towns = 0;
	for (size_t i = 0; i < c->ncities; i++)
		if (c->cities[i].labelled) {
			if (c->cities[i].p.kind == IM_KIND_CAPITAL)
				caps++;
			else
				towns++;
		}
	if (caps || towns) {
		int cap = 1, city = 0;
		y += rmm(c, 1.0);
		if (caps)
			y += legend_row(c, x, y, w, draw, "Capital", sym_city, &cap, 2);
		if (towns)
			y += legend_row(c, x, y, w, draw, "City", sym_city, &city, 2);
	}
	return y - y0;
}

/* ---- scale bar and north arrow -------------------------------------------- */

static double nice_len(double max)
{
	double p = pow(10, floor(log10(max)));
	if (5 * p <= max)
		return 5 * p;
	if (2 * p <= max)
		return 2 * p;
	return p;
}

static void len_text(double m, char *buf, size_t cap)
{
	if (m >= 1000)
		snprintf(buf, cap, "%g km", m / 1000);
	else
		snprintf(buf, cap, "%g m", m);
}

static double blk_scale(rctx *c, double x, double y, double w, int draw)
{
	/* Ground metres per page unit along the horizontal at the map centre. */
	double ymid = (c->view.y0 + c->view.y1) / 2, xmid = (c->view.x0 + c->view.x1) / 2;
	double dx = (c->view.x1 - c->view.x0) / 20;
	double px[2] = {xmid - dx, xmid + dx}, py[2] = {ymid, ymid};
	rproj_inv(&c->proj, px, py, 2);
	double mpu = -1;
	if (px[0] != HUGE_VAL && px[1] != HUGE_VAL) {
		double d = rproj_dist(&c->proj, px[0], py[0], px[1], py[1]);
		if (isfinite(d) && d > 0)
			mpu = d / (2 * dx * c->view.k);
	}
	double arrow_w = rmm(c, 9);
	double bar_max = fmin(w - arrow_w - rmm(c, 4), rmm(c, 42));
	PangoLayout *cap = rtext(c, "Scale true at the map centre", PT_SMALL, 0, 1);
	double cw, ch;
	rtext_size(cap, &cw, &ch);
	double bar_h = rmm(c, 1.3), lab_h = rmm(c, 3.2);
	double h = fmax(lab_h + bar_h + rmm(c, 1) + ch, rmm(c, 11));
	rgb none = {0, 0, 0};
	if (draw && mpu > 0 && bar_max > 0) {
		double L = nice_len(bar_max * mpu);
		double len = L / mpu;
		cairo_t *cr = c->cr;
		double by = y + lab_h;
		int segs = 4;
		for (int i = 0; i < segs; i++) {
			cairo_rectangle(cr, x + len * i / segs, by, len / segs, bar_h);
			rset(cr, rgb_hex(i % 2 ? 0xffffff : INK));
			cairo_fill(cr);
		}
		cairo_rectangle(cr, x, by, len, bar_h);
		rset(cr, rgb_hex(INK));
		cairo_set_line_width(cr, rmm(c, 0.2));
		cairo_stroke(cr);
		/* 0, half and the whole length, each centred over its tick. */
		double ticks[3] = {0, L / 2, L};
		for (int i = 0; i < 3; i++) {
			char t[32];
			if (i == 0)
				snprintf(t, sizeof t, "0");
			else
				len_text(ticks[i], t, sizeof t);
			PangoLayout *lay = rtext(c, t, PT_SMALL, 0, 0);
			double tw, th;
			rtext_size(lay, &tw, &th);
			rtext_draw(c, lay, x + len * i / 2 - tw / 2, by - th - rmm(c, 0.3), rgb_hex(INK),
				   0, none);
			g_object_unref(lay);
		}
		rtext_draw(c, cap, x, by + bar_h + rmm(c, 0.8), rgb_hex(MUTED), 0, none);
	}
	g_object_unref(cap);
	if (draw) {
		/* North where the meridian through the centre points. */
		double nx[2] = {c->view.lon_c, c->view.lon_c};
		double ny[2] = {c->view.lat_c, fmin(89.99, c->view.lat_c + 0.05)};
		rproj_fwd(&c->proj, nx, ny, 2);
		double ang = 0;
		if (nx[0] != HUGE_VAL && nx[1] != HUGE_VAL)
			ang = atan2(nx[1] - nx[0], ny[1] - ny[0]);
		cairo_t *cr = c->cr;
		double ax = x + w - arrow_w / 2, ay = y + h / 2 + rmm(c, 1.2);
		double L = rmm(c, 3.6);
		cairo_save(cr);
		cairo_translate(cr, ax, ay);
		cairo_rotate(cr, ang);
		cairo_move_to(cr, 0, -L);
		cairo_line_to(cr, L * 0.42, L * 0.75);
		cairo_line_to(cr, 0, L * 0.4);
		cairo_close_path(cr);
		rset(cr, rgb_hex(0xffffff));
		cairo_fill_preserve(cr);
		rset(cr, rgb_hex(INK));
		cairo_set_line_width(cr, rmm(c, 0.2));
		cairo_stroke(cr);
		cairo_move_to(cr, 0, -L);
		cairo_line_to(cr, -L * 0.42, L * 0.75);
		cairo_line_to(cr, 0, L * 0.4);
		cairo_close_path(cr);
		cairo_fill(cr);
		PangoLayout *n = rtext(c, "N", PT_TEXT, 1, 0);
		double tw, th;
		rtext_size(n, &tw, &th);
		rtext_draw(c, n, -tw / 2, -L - th - rmm(c, 0.2), rgb_hex(INK), 0, none);
		g_object_unref(n);
		cairo_restore(cr);
	}
	return h + rmm(c, 2);
}

/* ---- notes ---------------------------------------------------------------- */

static void projection_text(const rctx *c, char *buf, size_t cap)
{
	double lat, lon;
	const char *d = c->proj.def;
	const char *a = strstr(d, "+lat_0="), *b = strstr(d, "+lon_0=");
	if (!c->user_crs && strstr(d, "+proj=laea") && a && b &&
	    sscanf(a + 7, "%lf", &lat) == 1 && sscanf(b + 7, "%lf", &lon) == 1)
		snprintf(buf, cap, "Lambert azimuthal equal-area projection, centre %.2f\u00b0%c %.2f\u00b0%c",
			 fabs(lat), lat < 0 ? 'S' : 'N', fabs(lon), lon < 0 ? 'W' : 'E');
	else if (!c->user_crs && strstr(d, "+proj=eqearth"))
		snprintf(buf, cap, "Equal Earth projection");
	else
		snprintf(buf, cap, "Projection: %.120s", c->o->crs ? c->o->crs : d);
}

static double blk_notes(rctx *c, double x, double y, double w, int draw)
{
	char proj[200], text[900];
	projection_text(c, proj, sizeof proj);
	char src[64] = "";
	if (c->sources_about) { /* to two figures: what an estimate knows */
		double p = pow(10, floor(log10((double)c->sources)) - 1);
		char k[32];
		snprintf(src, sizeof src, "Sources: about %s reports. ",
			 rnum((long long)(round((double)c->sources / p) * p), k));
	} else if (c->sources) {
		snprintf(src, sizeof src, "Sources: %zu report%s. ", c->sources,
			 c->sources == 1 ? "" : "s");
	}
	/* "CC BY 4.0" with no-break spaces: a licence is not split over lines. */
	snprintf(text, sizeof text,
		 "%s%s.\nBase map: Natural Earth (public domain). Places: GeoNames and "
		 "Who\u2019s On First (CC\u00a0BY\u00a04.0). Made with incimap %s.",
		 src, proj, IM_VERSION);
	PangoLayout *lay = rtext(c, text, PT_SMALL, 0, 0);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	double tw, th;
	rtext_size(lay, &tw, &th);
	if (draw) {
		rgb none = {0, 0, 0};
		rtext_draw(c, lay, x, y, rgb_hex(MUTED), 0, none);
	}
	g_object_unref(lay);
	return th;
}

/* ---- the panel -------------------------------------------------------------- */

im_status furn_panel(rctx *c)
{
	im_rbox p = c->panel;
	double gap = rmm(c, 3.5);
	int inset = !c->view.world;
	/* The legend, measured then drawn, reads the marks once. */
	rmarks_legend(c, &c->marks_kinds, &c->marks_max);
	if (c->panel_right) {
		double w = p.x1 - p.x0;
		double hl = blk_legend(c, p.x0, p.y0, w, 0);
		double hs = blk_scale(c, p.x0, p.y0, w, 0);
		double hn = blk_notes(c, p.x0, p.y0, w, 0);
		/* The inset takes what the rest leaves, up to a 5:3 box. */
		double hi = fmin(w * 0.6, (p.y1 - p.y0) - hl - hs - hn - 3 * gap);
		if (hi < rmm(c, 22))
			inset = 0;
		double y = p.y0;
		if (inset) {
			blk_inset(c, p.x0, y, w, hi);
			y += hi + gap;
		}
		y += blk_legend(c, p.x0, y, w, 1) + gap;
		double ys = fmax(y, p.y1 - hn - gap - hs);
		blk_scale(c, p.x0, ys, w, 1);
		blk_notes(c, p.x0, fmax(ys + hs + gap * 0.5, p.y1 - hn), w, 1);
	} else {
		double H = p.y1 - p.y0, W = p.x1 - p.x0;
		double wi = inset ? fmin(H / 0.68, W * 0.28) : 0;
		double wr = W * 0.3;
		double wl = W - wi - wr - 2 * gap;
		double x = p.x0;
		if (inset) {
			blk_inset(c, x, p.y0, wi, fmin(H, wi * 0.68));
			x += wi + gap;
		}
		blk_legend(c, x, p.y0, wl, 1);
		x += wl + gap;
		double hs = blk_scale(c, x, p.y0, wr, 1);
		blk_notes(c, x, p.y0 + hs, wr, 1);
	}
	return c->panel_st;
}
