/* admin1.c: --aggregate admin1: provinces shaded by their incidents or
 * fatalities. The province is the one the incident's admin1 (the
 * gazetteer's) names, matched to the shapefile's provinces by name as the
 * province hatching does (base_province_of), never the shape under the
 * point; incidents whose province is not known or not matched are counted
 * and said in the legend. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_count(const rctx *c)
{
	return c->o->size_by != IM_SIZE_BY_FATALITIES;
}

static int64_t value(const rctx *c, size_t p)
{
	return by_count(c) ? (int64_t)c->adm_n[p] : c->adm_fat[p];
}

/* A small cache of admin1 name (and country) -> province in view: the
 * incidents of one province repeat its name, and matching a name walks
 * every province. */
typedef struct pcache {
	uint64_t *key; /* 0: empty */
	int *prov;
	size_t cap, n;
} pcache;

static uint64_t name_key(const char *s, const char cc[2])
{
	uint64_t h = 1469598103934665603ULL;
	h = (h ^ (unsigned char)cc[0]) * 1099511628211ULL;
	h = (h ^ (unsigned char)cc[1]) * 1099511628211ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

static int pcache_grow(pcache *pc)
{
	size_t cap = pc->cap ? pc->cap * 2 : 256;
	uint64_t *key = calloc(cap, sizeof *key);
	int *prov = malloc(cap * sizeof *prov);
	if (!key || !prov) {
		free(key), free(prov);
		return -1;
	}
	for (size_t i = 0; i < pc->cap; i++) {
		if (!pc->key[i])
			continue;
		size_t k = (size_t)pc->key[i] & (cap - 1);
		while (key[k])
			k = (k + 1) & (cap - 1);
		key[k] = pc->key[i], prov[k] = pc->prov[i];
	}
	free(pc->key), free(pc->prov);
	pc->key = key, pc->prov = prov, pc->cap = cap;
	return 0;
}

/* The province in view an incident's admin1 names, -1 when none; -2 when
 * out of memory. */
static int province_of(rctx *c, pcache *pc, const rvinfo *v)
{
	const char *name = c->job->arena.p + v->admin1;
	uint64_t h = name_key(name, v->cc);
	if (pc->n * 2 >= pc->cap && pcache_grow(pc))
		return -2;
	size_t k = (size_t)h & (pc->cap - 1);
	while (pc->key[k] && pc->key[k] != h)
		k = (k + 1) & (pc->cap - 1);
	if (!pc->key[k]) {
		pc->key[k] = h;
		pc->prov[k] = base_province_of(c, name, v->cc);
		pc->n++;
	}
	return pc->prov[k];
}

im_status admin1_begin(rctx *c)
{
	admin1_free(c);
	c->adm_n = calloc(c->npg ? c->npg : 1, sizeof *c->adm_n);
	c->adm_fat = calloc(c->npg ? c->npg : 1, sizeof *c->adm_fat);
	c->adm_pc = calloc(1, sizeof *c->adm_pc);
	if (!c->adm_n || !c->adm_fat || !c->adm_pc)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	c->adm_none = c->adm_unmatched = 0;
	return IM_OK;
}

im_status admin1_note(rctx *c, const rvinfo *v)
{
	if (!v->admin1 || !c->job->arena.p) {
		c->adm_none++;
		return IM_OK;
	}
	int p = province_of(c, c->adm_pc, v);
	if (p == -2)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (p < 0) {
		c->adm_unmatched++;
		return IM_OK;
	}
	c->adm_n[p]++;
	if (v->fat > 0)
		c->adm_fat[p] += v->fat;
	return IM_OK;
}

void admin1_end(rctx *c)
{
	int64_t max = 0;
	c->nadm = 0;
	for (size_t p = 0; p < c->npg; p++) {
		if (!c->adm_n[p])
			continue;
		c->nadm++;
		if (value(c, p) > max)
			max = value(c, p);
	}
	if (!c->hex_fixed) /* --by: the classes of every panel */
		rclass_breaks(c, max);
}

void admin1_draw(rctx *c)
{
	cairo_t *cr = c->cr;
	im_rbox f = c->frame;
	cairo_save(cr);
	cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
	cairo_clip(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
	cairo_set_line_width(cr, rmm(c, 0.25));
	for (size_t p = 0; p < c->npg; p++) {
		if (!c->adm_n[p])
			continue;
		rgb col = rclass_colour(c, value(c, p));
		cairo_new_path(cr);
		rgeom_path(cr, &c->pg[p], 1);
		cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.85);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

typedef struct pval {
	int64_t v;
	size_t p;
} pval;

/* Provinces shaded, the largest value first (then in shapefile order). */
static int cmp_value(const void *a, const void *b)
{
	const pval *x = a, *y = b;
	if (x->v != y->v)
		return x->v < y->v ? 1 : -1;
	return (x->p > y->p) - (x->p < y->p);
}

/* Leader lines: the distances tried from the province's inner point
 * (mm), eight directions at each, nearest first; the line's width, its
 * dot's radius, and the room kept clear along it for later labels. */
static const double leader_mm[] = {3, 5, 8, 12, 16};
#define LEADER_W_MM 0.2
#define LEADER_DOT_MM 0.45
#define LEADER_CLEAR_MM 0.4

void rleader_draw(rctx *c, const rlabel *L)
{
	cairo_t *cr = c->cr;
	cairo_save(cr);
	rset(cr, rgb_hex(0x3d3d3d));
	cairo_new_path(cr);
	cairo_arc(cr, L->ax, L->ay, rmm(c, LEADER_DOT_MM), 0, 2 * M_PI);
	cairo_fill(cr);
	cairo_move_to(cr, L->ax, L->ay);
	cairo_line_to(cr, L->ex, L->ey);
	cairo_set_line_width(cr, rmm(c, LEADER_W_MM));
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Boxes along the segment a-e, LEADER_CLEAR_MM each side: 1 when one hits
 * a placed label (those inside province own, when not NULL, let be),
 * else (add 1) kept clear for the labels placed later. */
static int leader_boxes(rctx *c, double ax, double ay, double ex, double ey, const rgeom *own,
			int add)
{
	double r = rmm(c, LEADER_CLEAR_MM), len = hypot(ex - ax, ey - ay);
	int n = (int)ceil(len / r);
	for (int i = 0; i <= n; i++) {
		double t = n ? (double)i / n : 0, x = ax + t * (ex - ax), y = ay + t * (ey - ay);
		im_rbox b = {x - r, y - r, x + r, y + r};
		if (add ? rcoll_add(&c->coll, b) != IM_OK
			: (!own || !rgeom_contains(own, x, y)) && rcoll_hits(&c->coll, b))
			return 1;
	}
	return 0;
}

/* A box of the figure (w x h, halo around) beside the point a, the first
 * free one nearest it whose leader line crosses no label but those inside
 * own (may be NULL); 1 and the box when found. */
static int free_beside(rctx *c, double ax, double ay, double w, double h, const rgeom *own,
		       im_rbox *out)
{
	static const double dir[8][2] = {{1, 0},	 {-1, 0},     {0, -1},	   {0, 1},
					 {0.71, -0.71}, {-0.71, -0.71}, {0.71, 0.71}, {-0.71, 0.71}};
	double inset = rmm(c, 1.5), halo = rmm(c, HALO_MM);
	im_rbox clip = {c->frame.x0 + inset, c->frame.y0 + inset, c->frame.x1 - inset,
			c->frame.y1 - inset};
	for (size_t k = 0; k < sizeof leader_mm / sizeof *leader_mm; k++)
		for (int d = 0; d < 8; d++) {
			/* the box's side nearest the point, leader_mm away */
			double r = rmm(c, leader_mm[k]);
			double cx = ax + dir[d][0] * (r + w / 2 + halo);
			double cy = ay + dir[d][1] * (r + h / 2 + halo);
			im_rbox b = {cx - w / 2 - halo, cy - h / 2 - halo, cx + w / 2 + halo,
				     cy + h / 2 + halo};
			double ex = fmin(fmax(ax, b.x0), b.x1), ey = fmin(fmax(ay, b.y0), b.y1);
			if (rbox_inside(b, clip) && !rcoll_hits(&c->coll, b) &&
			    !leader_boxes(c, ax, ay, ex, ey, own, 0)) {
				*out = b;
				return 1;
			}
		}
	return 0;
}

/* The province g's figure beside it, with a leader line from a point
 * inside it: a point whose dot hits nothing first; else (a province under
 * a city's label) any, the line then free to cross what lies inside the
 * province. *placed 1 when placed; takes lay either way. */
static im_status label_beside(rctx *c, const rgeom *g, PangoLayout *lay, int *placed)
{
	double inset = rmm(c, 1.5), halo = rmm(c, HALO_MM), dot = rmm(c, LEADER_DOT_MM), w, h;
	im_rbox clip = {c->frame.x0 + inset, c->frame.y0 + inset, c->frame.x1 - inset,
			c->frame.y1 - inset};
	double xs[6], ys[6];
	int na = rgeom_label_points(g, clip, xs, ys, 6);
	*placed = 0;
	rtext_size(lay, &w, &h);
	im_rbox b;
	for (int strict = 1; strict >= 0; strict--)
		for (int i = 0; i < na; i++) {
			im_rbox db = {xs[i] - dot, ys[i] - dot, xs[i] + dot, ys[i] + dot};
			if ((strict && rcoll_hits(&c->coll, db)) ||
			    !free_beside(c, xs[i], ys[i], w, h, strict ? NULL : g, &b))
				continue;
			im_status st = rlabel_keep(c, lay, b.x0 + halo, b.y0 + halo, b,
						   IM_RLABEL_COUNT, rgb_hex(0x1a1a1a));
			if (st)
				return st;
			rlabel *L = &c->labels[c->nlabels - 1];
			L->leader = 1;
			L->ax = xs[i], L->ay = ys[i];
			L->ex = fmin(fmax(xs[i], b.x0), b.x1), L->ey = fmin(fmax(ys[i], b.y0), b.y1);
			*placed = 1;
			return leader_boxes(c, L->ax, L->ay, L->ex, L->ey, NULL, 1)
				       ? im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory")
				       : IM_OK;
		}
	g_object_unref(lay);
	return IM_OK;
}

im_status admin1_place_labels(rctx *c)
{
	if (!c->adm_n || !c->nadm)
		return IM_OK;
	pval *ord = malloc(c->nadm * sizeof *ord);
	size_t n = 0;
	if (!ord)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t p = 0; p < c->npg && n < c->nadm; p++)
		if (c->adm_n[p])
			ord[n++] = (pval){value(c, p), p};
	qsort(ord, n, sizeof *ord, cmp_value);
	im_status st = IM_OK;
	size_t left = 0; /* the provinces whose figure found no room inside */
	for (size_t i = 0; i < n && !st; i++) {
		char num[32];
		size_t before = c->nlabels;
		PangoLayout *lay = rtext(c, rnum((long long)ord[i].v, num), PT_TEXT, 1, 0);
		st = rlabel_in_shape(c, &c->pg[ord[i].p], lay, rmm(c, HALO_MM), IM_RLABEL_COUNT,
				     rgb_hex(0x1a1a1a));
		if (c->nlabels > before)
			c->nadm_labels++;
		else
			ord[left++] = ord[i];
	}
	/* Then beside them, once every figure that fits inside has its room. */
	for (size_t i = 0; i < left && !st; i++) {
		char num[32];
		int placed;
		PangoLayout *lay = rtext(c, rnum((long long)ord[i].v, num), PT_TEXT, 1, 0);
		st = label_beside(c, &c->pg[ord[i].p], lay, &placed);
		c->nadm_labels += (size_t)placed;
		c->nadm_outside += (size_t)placed;
	}
	free(ord);
	return st;
}

double admin1_legend(rctx *c, double x, double y, double w, int draw)
{
	double y0 = y;
	y += rclass_legend(c, x, y,
			   by_count(c) ? "Incidents per province" : "Fatalities per province", 0,
			   draw);
	size_t out = c->adm_none + c->adm_unmatched;
	if (!out)
		return y - y0;
	char t[200], k[32];
	snprintf(t, sizeof t, "%s incident%s with no province %s: in no shade", rnum((long long)out, k),
		 out == 1 ? "" : "s", c->adm_unmatched ? "known or matched" : "known");
	PangoLayout *lay = rtext(c, t, PT_SMALL, 0, 0);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
	double tw, th;
	rtext_size(lay, &tw, &th);
	if (draw) {
		rgb none = {0, 0, 0};
		rtext_draw(c, lay, x, y, rgb_hex(0x5c5c5c), 0, none);
	}
	g_object_unref(lay);
	return y + th + rmm(c, 1) - y0;
}

int admin1_names(rctx *c, char *buf, size_t cap)
{
	size_t len = 0;
	buf[0] = 0;
	for (size_t p = 0; p < c->npg && len < cap; p++) {
		if (!c->adm_n[p])
			continue;
		char *name = rlayer_attr(&c->provinces, c->pg[p].id, "name");
		if (!name)
			return -1;
		len += (size_t)snprintf(buf + len, cap - len, "%s%s=%lld", len ? "," : "", name,
					(long long)value(c, p));
		free(name);
	}
	return 0;
}

void admin1_free(rctx *c)
{
	if (c->adm_pc)
		free(c->adm_pc->key), free(c->adm_pc->prov);
	free(c->adm_pc);
	c->adm_pc = NULL;
	free(c->adm_n);
	free(c->adm_fat);
	c->adm_n = NULL;
	c->adm_fat = NULL;
	c->nadm = 0;
}
