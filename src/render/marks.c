/* marks.c: the incidents on the map: co-located ones clustered, one symbol
 * shape and colour per event type (style.h), area by fatalities, province-only
 * locations drawn open over a hatched province, and their labels placed
 * where they hit nothing.
 *
 * Symbols are glyphs of a small cairo user font: a run of markers is one
 * cairo_show_text_glyphs call, which the PNG backend blits from its glyph
 * cache and the PDF and SVG backends write as one glyph reference per marker
 * (a Type 3 font in PDF), so a million markers stay fast and compact through
 * the same drawing code for every format. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Labels tried, in priority order; the rest are reported as left out. */
#define LABEL_MAX 1000
/* Incidents closer than this (degrees, ~100 m) are at one place. */
#define SAME_PLACE_DEG 0.001
#define EDGE_MM 0.2
#define OPEN_MM 0.55

/* ---- the marker font ---------------------------------------------------- */

static const cairo_user_data_key_t mfont_key;

/* What a marker glyph draws, in em units (1 em = the marker's diameter). */
static void shape_path(cairo_t *cr, im_shape shape)
{
	switch (shape) {
	case IM_SHAPE_SQUARE:
		cairo_rectangle(cr, -0.41, -0.41, 0.82, 0.82);
		break;
	case IM_SHAPE_DIAMOND:
		cairo_move_to(cr, 0, -0.58);
		cairo_line_to(cr, 0.58, 0);
		cairo_line_to(cr, 0, 0.58);
		cairo_line_to(cr, -0.58, 0);
		cairo_close_path(cr);
		break;
	case IM_SHAPE_TRIANGLE: {
		double R = 0.66;
		cairo_move_to(cr, 0, -R);
		cairo_line_to(cr, R * 0.8660254, R / 2);
		cairo_line_to(cr, -R * 0.8660254, R / 2);
		cairo_close_path(cr);
		break;
	}
	case IM_SHAPE_PENTAGON:
	case IM_SHAPE_STAR: {
		int star = shape == IM_SHAPE_STAR;
		int n = star ? 10 : 5;
		for (int i = 0; i < n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * i / n;
			double r = star ? (i % 2 ? 0.27 : 0.63) : 0.54;
			if (i == 0)
				cairo_move_to(cr, r * cos(a), r * sin(a));
			else
				cairo_line_to(cr, r * cos(a), r * sin(a));
		}
		cairo_close_path(cr);
		break;
	}
	case IM_SHAPE_CIRCLE:
	default:
		cairo_arc(cr, 0, 0, 0.5, 0, 2 * M_PI);
		cairo_close_path(cr);
		break;
	}
}

/* Glyph 1 + 3 * shape + variant: 0 body, 1 thin edge, 2 thick edge. */
static unsigned long glyph_of(im_shape shape, int variant)
{
	return 1 + 3 * (unsigned long)shape + (unsigned long)variant;
}

static cairo_status_t mfont_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
				   cairo_text_extents_t *ext)
{
	(void)ext; /* cairo measures the drawing */
	if (glyph < 1 || glyph > glyph_of(IM_SHAPE_STAR, 2))
		return CAIRO_STATUS_SUCCESS;
	im_shape shape = (im_shape)((glyph - 1) / 3);
	int variant = (int)((glyph - 1) % 3);
	const double *units_per_mm =
		cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf), &mfont_key);
	cairo_matrix_t fm;
	cairo_scaled_font_get_font_matrix(sf, &fm);
	double size = fabs(fm.xx) > 0 ? fabs(fm.xx) : 1; /* page units per em */
	double upm = units_per_mm ? *units_per_mm : 1;
	shape_path(cr, shape);
	if (variant == 0) {
		cairo_fill(cr);
	} else {
		double w = (variant == 1 ? EDGE_MM : OPEN_MM) * upm / size;
		cairo_set_line_width(cr, w);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_stroke(cr);
	}
	return CAIRO_STATUS_SUCCESS;
}

im_status marker_font_new(rctx *c)
{
	c->mfont = cairo_user_font_face_create();
	double *upm = malloc(sizeof *upm);
	if (!upm || cairo_font_face_status(c->mfont)) {
		free(upm);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory (marker font)");
	}
	*upm = c->u * c->s;
	cairo_user_font_face_set_render_glyph_func(c->mfont, mfont_render);
	if (cairo_font_face_set_user_data(c->mfont, &mfont_key, upm, free)) {
		free(upm);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory (marker font)");
	}
	return IM_OK;
}

/* The text a marker stands for when a PDF's text is copied: the shape. */
static const char *shape_char(im_shape s, int open)
{
	static const char *const filled[] = {"\u25CF", "\u25C6", "\u25B2", "\u25A0", "\u2B1F",
					     "\u2605"};
	static const char *const hollow[] = {"\u25CB", "\u25C7", "\u25B3", "\u25A1", "\u2B20",
					     "\u2606"};
	return ((unsigned)s < 6 ? (open ? hollow : filled)[s] : "\u25CF");
}

/* Shows n glyphs of one index at one size; `text` is what each stands for
 * (NULL: nothing). */
static void glyph_run(rctx *c, const double *xs, const double *ys, size_t n,
		      unsigned long glyph, double size_units, const char *text, rgb colour,
		      cairo_glyph_t *gl, cairo_text_cluster_t *cl, char *utf8)
{
	if (!n)
		return;
	cairo_t *cr = c->cr;
	cairo_set_font_face(cr, c->mfont);
	cairo_set_font_options(cr, c->fo);
	cairo_set_font_size(cr, size_units);
	rset(cr, colour);
	size_t tl = text ? strlen(text) : 0;
	for (size_t i = 0; i < n; i++) {
		gl[i].index = glyph;
		gl[i].x = xs[i];
		gl[i].y = ys[i];
		cl[i].num_glyphs = 1;
		cl[i].num_bytes = (int)tl;
		if (tl)
			memcpy(utf8 + i * tl, text, tl);
	}
	cairo_show_text_glyphs(cr, tl ? utf8 : "", (int)(n * tl), gl, (int)n, cl, (int)n, 0);
}

void marker_draw(rctx *c, im_shape shape, double size_mm, double x, double y, rgb fill,
		 int open)
{
	cairo_glyph_t gl[1];
	cairo_text_cluster_t cl[1];
	char utf8[8];
	double sz = rmm(c, size_mm);
	rgb edge = rgb_hex(0x2b2b2b), white = {1, 1, 1};
	glyph_run(c, &x, &y, 1, glyph_of(shape, 0), sz, shape_char(shape, open),
		  open ? white : fill, gl, cl, utf8);
	glyph_run(c, &x, &y, 1, glyph_of(shape, open ? 2 : 1), sz, NULL, open ? fill : edge, gl,
		  cl, utf8);
}

/* ---- building the marks ------------------------------------------------- */

static int style_index(const im_style *s)
{
	return s ? (int)(s - im_styles) : (int)im_n_styles;
}

typedef struct ckey {
	long long cx, cy;
	int p3;
	size_t i;   /* index into c->valid */
} ckey;

static int cmp_ckey(const void *a, const void *b)
{
	const ckey *x = a, *y = b;
	if (x->p3 != y->p3)
		return x->p3 - y->p3;
	if (x->cx != y->cx)
		return x->cx < y->cx ? -1 : 1;
	if (x->cy != y->cy)
		return x->cy < y->cy ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static int date_cmp(im_date a, im_date b)
{
	if (a.y != b.y)
		return a.y - b.y;
	if (a.m != b.m)
		return a.m - b.m;
	return a.d - b.d;
}

/* Draw order: big symbols first so small ones stay visible on top. */
static int cmp_draw(const void *a, const void *b)
{
	const rmark *x = a, *y = b;
	double sx = round(x->size_mm * 10), sy = round(y->size_mm * 10);
	if (sx != sy)
		return sx > sy ? -1 : 1;
	if (x->precise != y->precise)
		return x->precise - y->precise;
	int ix = style_index(x->st), iy = style_index(y->st);
	if (ix != iy)
		return ix - iy;
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

static const im_incident *inc_of(const rctx *c, size_t first)
{
	return &c->l->v[first];
}

im_status marks_build(rctx *c)
{
	size_t n = c->nvalid;
	double *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
	ckey *keys = malloc((n ? n : 1) * sizeof *keys);
	c->marks = malloc((n ? n : 1) * sizeof *c->marks);
	if (!x || !y || !keys || !c->marks) {
		free(x), free(y), free(keys);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	memcpy(x, c->px, n * sizeof *x);
	memcpy(y, c->py, n * sizeof *y);
	size_t nk = 0;
	for (size_t i = 0; i < n; i++) {
		const im_incident *inc = &c->l->v[c->valid[i]];
		if (x[i] == HUGE_VAL) {
			c->nskipped++;
			continue;
		}
		double u = rview_u(&c->view, x[i]), v = rview_v(&c->view, y[i]);
		if (u < c->frame.x0 || u > c->frame.x1 || v < c->frame.y0 || v > c->frame.y1) {
			c->nout++;
			continue;
		}
		x[i] = u;
		y[i] = v;
		keys[nk].cx = (long long)floor(inc->lon / SAME_PLACE_DEG);
		keys[nk].cy = (long long)floor(inc->lat / SAME_PLACE_DEG);
		keys[nk].p3 = inc->geo_precision >= 3;
		keys[nk].i = i;
		nk++;
	}
	qsort(keys, nk, sizeof *keys, cmp_ckey);

	c->nmarks = 0;
	for (size_t a = 0; a < nk;) {
		size_t b = a + 1;
		while (b < nk && keys[b].cx == keys[a].cx && keys[b].cy == keys[a].cy &&
		       keys[b].p3 == keys[a].p3)
			b++;
		rmark *m = &c->marks[c->nmarks++];
		memset(m, 0, sizeof *m);
		m->fat = m->inj = -1;
		m->prov = -1;
		m->precise = !keys[a].p3;
		m->count = b - a;
		size_t best = keys[a].i;
		const im_style *st = NULL;
		int mixed = 0;
		for (size_t k = a; k < b; k++) {
			size_t i = keys[k].i;
			const im_incident *inc = &c->l->v[c->valid[i]];
			const im_style *s = im_style_for(inc->event_type);
			if (!st)
				st = s;
			else if (s != st)
				mixed = 1;
			if (inc->fatalities >= 0)
				m->fat = (m->fat < 0 ? 0 : m->fat) + inc->fatalities;
			if (inc->injuries >= 0)
				m->inj = (m->inj < 0 ? 0 : m->inj) + inc->injuries;
			if (inc->event_date.y) {
				if (!m->d0.y || date_cmp(inc->event_date, m->d0) < 0)
					m->d0 = inc->event_date;
				if (!m->d1.y || date_cmp(inc->event_date, m->d1) > 0)
					m->d1 = inc->event_date;
			} else {
				m->undated++;
			}
			const im_incident *bi = &c->l->v[c->valid[best]];
			if (inc->fatalities > bi->fatalities)
				best = i;
		}
		m->st = mixed ? NULL : st;
		m->first = c->valid[best];
		m->x = x[best];
		m->y = y[best];
		m->lon = c->l->v[m->first].lon;
		m->lat = c->l->v[m->first].lat;
		long f = m->fat > 0 ? m->fat : 0;
		m->size_mm = im_style_size_mm(f > 1000000 ? 1000000 : (int)f);
		if (m->count > 1) {
			/* Room for the count inside the symbol. */
			int digits = m->count >= 1000 ? 4 : m->count >= 100 ? 3 : m->count >= 10 ? 2 : 1;
			m->size_mm = fmax(m->size_mm, 3.4 + 0.9 * digits);
			c->nclusters++;
		}
		m->size_mm = round(m->size_mm * 10) / 10;
		if (!m->precise)
			for (size_t p = 0; p < c->npg; p++)
				if (rgeom_contains(&c->pg[p], m->x, m->y)) {
					m->prov = (int)p;
					break;
				}
		a = b;
	}
	free(x);
	free(y);
	free(keys);
	qsort(c->marks, c->nmarks, sizeof *c->marks, cmp_draw);
	return IM_OK;
}

/* How far a shape reaches from its centre, in em (see shape_path). */
static double shape_reach(im_shape s)
{
	switch (s) {
	case IM_SHAPE_SQUARE: return 0.41;
	case IM_SHAPE_DIAMOND: return 0.58;
	case IM_SHAPE_TRIANGLE: return 0.66;
	case IM_SHAPE_PENTAGON: return 0.54;
	case IM_SHAPE_STAR: return 0.63;
	default: return 0.5;
	}
}

/* Half the side of the square a mark covers, edge included. */
static double mark_half(const rctx *c, const rmark *m)
{
	double reach = shape_reach(m->st ? m->st->shape : IM_SHAPE_CIRCLE);
	return rmm(c, m->size_mm) * reach + rmm(c, m->precise ? EDGE_MM : OPEN_MM) / 2;
}

im_rbox rmark_box(const rctx *c, const rmark *m)
{
	double r = mark_half(c, m);
	im_rbox b = {m->x - r, m->y - r, m->x + r, m->y + r};
	return b;
}

im_status marks_obstacles(rctx *c)
{
	for (size_t i = 0; i < c->nmarks; i++)
		if (rcoll_add(&c->coll, rmark_box(c, &c->marks[i])))
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	return IM_OK;
}

/* ---- labels ---------------------------------------------------------------- */

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void rdate_range(im_date a, im_date b, char *buf, size_t cap)
{
	if (!a.y) {
		snprintf(buf, cap, "date unknown");
	} else if (date_cmp(a, b) == 0) {
		snprintf(buf, cap, "%d %s %d", a.d, months[a.m - 1], a.y);
	} else if (a.y == b.y && a.m == b.m) {
		snprintf(buf, cap, "%d\u2013%d %s %d", a.d, b.d, months[a.m - 1], a.y);
	} else if (a.y == b.y) {
		snprintf(buf, cap, "%d %s \u2013 %d %s %d", a.d, months[a.m - 1], b.d,
			 months[b.m - 1], b.y);
	} else {
		snprintf(buf, cap, "%d %s %d \u2013 %d %s %d", a.d, months[a.m - 1], a.y, b.d,
			 months[b.m - 1], b.y);
	}
}

void rfigures(long fat, long inj, char *buf, size_t cap)
{
	if (fat == 0 && inj == 0)
		snprintf(buf, cap, "no casualties");
	else if (fat >= 0 && inj > 0)
		snprintf(buf, cap, "%ld killed, %ld injured", fat, inj);
	else if (fat == 0)
		snprintf(buf, cap, "no deaths");
	else if (fat > 0)
		snprintf(buf, cap, "%ld killed", fat);
	else if (inj >= 0)
		snprintf(buf, cap, "%ld injured", inj);
	else
		buf[0] = 0;
}

static const char *place_of(const im_incident *inc)
{
	if (inc->place && *inc->place)
		return inc->place;
	if (inc->place_text && *inc->place_text)
		return inc->place_text;
	if (inc->admin1 && *inc->admin1)
		return inc->admin1;
	return "Unnamed place";
}

static int cmp_prio(const void *a, const void *b)
{
	const rmark *x = *(rmark *const *)a, *y = *(rmark *const *)b;
	if (x->fat != y->fat)
		return x->fat > y->fat ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->inj != y->inj)
		return x->inj > y->inj ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

static void note_left_out(rctx *c, const char *name)
{
	c->unlabelled++;
	if (c->unlabelled <= 6) {
		if (c->left_out.len)
			im_buf_puts(&c->left_out, ", ");
		im_buf_puts(&c->left_out, name);
	}
}

im_status marks_place_labels(rctx *c)
{
	if (!c->nmarks)
		return IM_OK;
	rmark **order = malloc(c->nmarks * sizeof *order);
	if (!order)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < c->nmarks; i++)
		order[i] = &c->marks[i];
	qsort(order, c->nmarks, sizeof *order, cmp_prio);
	double halo = rmm(c, 0.45), inset = rmm(c, 1.0);
	im_rbox area = {c->frame.x0 + inset, c->frame.y0 + inset, c->frame.x1 - inset,
			c->frame.y1 - inset};
	im_status st = IM_OK;
	for (size_t k = 0; k < c->nmarks && !st; k++) {
		rmark *m = order[k];
		const im_incident *inc = inc_of(c, m->first);
		const char *place = place_of(inc);
		if (k >= LABEL_MAX) {
			note_left_out(c, place);
			continue;
		}
		char line1[300], dates[80], figs[80], text[600];
		if (m->count > 1)
			snprintf(line1, sizeof line1, "%s (%zu incidents)", place, m->count);
		else
			snprintf(line1, sizeof line1, "%s", place);
		if (!m->precise)
			snprintf(line1 + strlen(line1), sizeof line1 - strlen(line1), " (province)");
		rdate_range(m->d0, m->d1, dates, sizeof dates);
		rfigures(m->fat, m->inj, figs, sizeof figs);
		snprintf(text, sizeof text, "%s\n%s%s%s", line1, dates, figs[0] ? " \u00b7 " : "",
			 figs);
		PangoLayout *lay = rtext_label(c, text, 7.0);
		double w, h;
		rtext_size(lay, &w, &h);
		/* Just clear of the symbol's box (halo included), at the eight
		 * cartographic positions, upper right first. */
		double r = mark_half(c, m) + halo + rmm(c, 0.4);
		double d = mark_half(c, m) + halo + rmm(c, 0.1);
		double cand[8][2] = {
			{m->x + d, m->y - d - h},     {m->x + r, m->y - h / 2},
			{m->x + d, m->y + d},         {m->x - d - w, m->y - d - h},
			{m->x - r - w, m->y - h / 2}, {m->x - d - w, m->y + d},
			{m->x - w / 2, m->y - r - h}, {m->x - w / 2, m->y + r},
		};
		int placed = 0;
		for (int i = 0; i < 8 && !placed; i++) {
			im_rbox b = {cand[i][0] - halo, cand[i][1] - halo, cand[i][0] + w + halo,
				     cand[i][1] + h + halo};
			if (!rbox_inside(b, area) || rcoll_hits(&c->coll, b))
				continue;
			st = rlabel_keep(c, lay, cand[i][0], cand[i][1], b, IM_RLABEL_INCIDENT,
					 rgb_hex(0x1a1a1a));
			placed = 1;
			m->labelled = 1;
		}
		if (!placed) {
			g_object_unref(lay);
			note_left_out(c, place);
		}
	}
	free(order);
	return st;
}

/* ---- drawing -------------------------------------------------------------- */

void marks_draw_hatches(rctx *c)
{
	if (!c->npg)
		return;
	char *done = calloc(c->npg, 1);
	if (!done)
		return;
	cairo_t *cr = c->cr;
	double gap = rmm(c, 1.4);
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		if (m->precise || m->prov < 0 || done[m->prov])
			continue;
		done[m->prov] = 1;
		const rgeom *g = &c->pg[m->prov];
		rgb col = m->st ? rgb_style(m->st) : rgb_hex(0x4d4d4d);
		cairo_save(cr);
		cairo_new_path(cr);
		rgeom_path(cr, g, 1);
		cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
		cairo_clip(cr);
		/* Diagonal lines over the province's box, clipped to it. */
		double w = g->bbox.x1 - g->bbox.x0, h = g->bbox.y1 - g->bbox.y0;
		for (double t = -h; t < w; t += gap) {
			cairo_move_to(cr, g->bbox.x0 + t, g->bbox.y1);
			cairo_line_to(cr, g->bbox.x0 + t + h, g->bbox.y0);
		}
		cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.55);
		cairo_set_line_width(cr, rmm(c, 0.25));
		cairo_stroke(cr);
		cairo_restore(cr);
		cairo_new_path(cr);
		rgeom_path(cr, g, 1);
		cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.9);
		cairo_set_line_width(cr, rmm(c, 0.35));
		cairo_stroke(cr);
	}
	free(done);
}

/* Black or white, whichever reads better on `bg`. */
static rgb ink_on(rgb bg)
{
	double lum = 0.299 * bg.r + 0.587 * bg.g + 0.114 * bg.b;
	rgb black = {0.07, 0.07, 0.07}, white = {1, 1, 1};
	return lum > 0.6 ? black : white;
}

static rgb mark_colour(const rmark *m)
{
	return m->st ? rgb_style(m->st) : rgb_hex(0x4d4d4d);
}

im_status marks_draw(rctx *c)
{
	if (!c->nmarks)
		return IM_OK;
	cairo_glyph_t *gl = malloc(c->nmarks * sizeof *gl);
	cairo_text_cluster_t *cl = malloc(c->nmarks * sizeof *cl);
	char *utf8 = malloc(c->nmarks * 4 + 1);
	double *xs = malloc(c->nmarks * sizeof *xs), *ys = malloc(c->nmarks * sizeof *ys);
	if (!gl || !cl || !utf8 || !xs || !ys) {
		free(gl), free(cl), free(utf8), free(xs), free(ys);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	rgb edge = rgb_hex(0x2b2b2b), white = {1, 1, 1};
	/* Runs of marks with one size, shape, colour and fill: one glyph run
	 * for the bodies, one for the edges. */
	for (size_t a = 0; a < c->nmarks;) {
		const rmark *m = &c->marks[a];
		size_t b = a;
		while (b < c->nmarks && c->marks[b].size_mm == m->size_mm &&
		       c->marks[b].st == m->st && c->marks[b].precise == m->precise) {
			xs[b - a] = c->marks[b].x;
			ys[b - a] = c->marks[b].y;
			b++;
		}
		im_shape shape = m->st ? m->st->shape : IM_SHAPE_CIRCLE;
		double sz = rmm(c, m->size_mm);
		rgb col = mark_colour(m);
		int open = !m->precise;
		glyph_run(c, xs, ys, b - a, glyph_of(shape, 0), sz, shape_char(shape, open),
			  open ? white : col, gl, cl, utf8);
		glyph_run(c, xs, ys, b - a, glyph_of(shape, open ? 2 : 1), sz, NULL,
			  open ? col : edge, gl, cl, utf8);
		a = b;
	}
	free(gl), free(cl), free(utf8), free(xs), free(ys);

	/* The count inside each cluster. */
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		if (m->count < 2)
			continue;
		char num[24];
		snprintf(num, sizeof num, "%zu", m->count);
		double d = rmm(c, m->size_mm);
		double pt = fmin(9, m->size_mm * 1.25);
		PangoLayout *lay = rtext(c, num, pt, 1, 0);
		double w, h;
		rtext_size(lay, &w, &h);
		if (w > d * 0.8) {
			g_object_unref(lay);
			lay = rtext(c, num, pt * d * 0.8 / w, 1, 0);
			rtext_size(lay, &w, &h);
		}
		rgb col = ink_on(m->precise ? mark_colour(m) : white);
		rtext_draw(c, lay, m->x - w / 2, m->y - h / 2, col, 0, col);
		g_object_unref(lay);
	}
	return IM_OK;
}
