/* text.c: every piece of text on the map goes through pango (so Arabic
 * shapes right), with fixed font options so the same input gives the same
 * pixels; and the collision index that keeps labels apart. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Noto Sans for Latin, Greek and Cyrillic; Noto Sans Arabic (then Naskh)
 * when a label is in Arabic script. Both come with fonts-noto-core. */
#define FAMILIES "Noto Sans,Noto Sans Arabic,Noto Naskh Arabic,DejaVu Sans,sans-serif"

im_status rctx_text_setup(rctx *c, im_error *err)
{
	c->fm = pango_cairo_font_map_new();
	if (!c->fm)
		return im_error_set(err, IM_E_RENDER, NULL, 0, 0, "pango: no font map");
	c->pc = pango_font_map_create_context(c->fm);
	c->fo = cairo_font_options_create();
	if (!c->pc || cairo_font_options_status(c->fo))
		return im_error_set(err, IM_E_RENDER, NULL, 0, 0, "pango: cannot make a context");
	/* No hinting and no hinted metrics: glyph positions then depend on
	 * nothing but the text and its size, the same in PNG, PDF and SVG. */
	cairo_font_options_set_antialias(c->fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(c->fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(c->fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_subpixel_order(c->fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
	pango_cairo_context_set_font_options(c->pc, c->fo);
	/* Point sizes then come out at their true size on the page. */
	pango_cairo_context_set_resolution(c->pc, c->u * 25.4);
	pango_context_set_round_glyph_positions(c->pc, FALSE);
	if (c->cr)
		pango_cairo_update_context(c->cr, c->pc);
	return IM_OK;
}

void rctx_text_free(rctx *c)
{
	if (c->pc)
		g_object_unref(c->pc);
	if (c->fm)
		g_object_unref(c->fm);
	if (c->fo)
		cairo_font_options_destroy(c->fo);
	c->pc = NULL;
	c->fm = NULL;
	c->fo = NULL;
}

PangoLayout *rtext(rctx *c, const char *text, double pt, int bold, int italic)
{
	PangoLayout *lay = pango_layout_new(c->pc);
	PangoFontDescription *fd = pango_font_description_from_string(FAMILIES);
	pango_font_description_set_size(fd, (int)lround(pt * c->s * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	/* Invalid UTF-8 would make pango complain and draw boxes; the readers
	 * check their input, but a label must never take the render down. */
	const char *end;
	if (!g_utf8_validate(text, -1, &end)) {
		char *ok = g_utf8_make_valid(text, -1);
		pango_layout_set_text(lay, ok, -1);
		g_free(ok);
	} else {
		pango_layout_set_text(lay, text, -1);
	}
	return lay;
}

PangoLayout *rtext_label(rctx *c, const char *text, double pt)
{
	PangoLayout *lay = rtext(c, text, pt, 0, 0);
	const char *t = pango_layout_get_text(lay);
	const char *nl = strchr(t, '\n');
	PangoAttrList *al = pango_attr_list_new();
	PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	a->start_index = 0;
	a->end_index = nl ? (guint)(nl - t) : G_MAXUINT;
	pango_attr_list_insert(al, a);
	pango_layout_set_attributes(lay, al);
	pango_attr_list_unref(al);
	return lay;
}

void rtext_size(PangoLayout *lay, double *w, double *h)
{
	PangoRectangle ink, log;
	pango_layout_get_extents(lay, &ink, &log);
	*w = (double)log.width / PANGO_SCALE;
	*h = (double)log.height / PANGO_SCALE;
}

void rtext_draw(rctx *c, PangoLayout *lay, double x, double y, rgb fg, double halo, rgb hc)
{
	cairo_t *cr = c->cr;
	pango_cairo_update_layout(cr, lay);
	if (halo > 0) {
		/* The halo is a stroked outline of the glyphs; the text itself is
		 * then shown as text, so PDF keeps it selectable. */
		cairo_new_path(cr);
		cairo_move_to(cr, x, y);
		pango_cairo_layout_path(cr, lay);
		cairo_set_line_width(cr, 2 * halo);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		rset(cr, hc);
		cairo_stroke(cr);
	}
	cairo_move_to(cr, x, y);
	rset(cr, fg);
	pango_cairo_show_layout(cr, lay);
	cairo_new_path(cr);
}

im_status rlabel_keep(rctx *c, PangoLayout *lay, double x, double y, im_rbox box,
		      im_rlabel_kind kind, rgb fg)
{
	if (c->nlabels == c->caplabels) {
		size_t cap = c->caplabels ? c->caplabels * 2 : 64;
		rlabel *n = realloc(c->labels, cap * sizeof *n);
		if (!n)
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		c->labels = n;
		c->caplabels = cap;
	}
	rlabel *L = &c->labels[c->nlabels++];
	L->lay = lay;
	L->x = x;
	L->y = y;
	L->box = box;
	L->kind = kind;
	L->fg = fg;
	if (rcoll_add(&c->coll, box))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	return IM_OK;
}

/* ---- collision index: a uniform grid of box lists ----------------------- */

im_status rcoll_init(rcoll *c, im_rbox area, double cell)
{
	memset(c, 0, sizeof *c);
	c->x0 = area.x0;
	c->y0 = area.y0;
	c->cell = cell > 0 ? cell : 1;
	double w = area.x1 - area.x0, h = area.y1 - area.y0;
	c->nx = (int)fmin(512, fmax(1, ceil(w / c->cell)));
	c->ny = (int)fmin(512, fmax(1, ceil(h / c->cell)));
	/* Keep the grid whole even when the cap above widened the cells. */
	c->cell = fmax(c->cell, fmax(w / c->nx, h / c->ny));
	size_t n = (size_t)c->nx * (size_t)c->ny;
	c->cells = calloc(n, sizeof *c->cells);
	c->ncell = calloc(n, sizeof *c->ncell);
	c->capcell = calloc(n, sizeof *c->capcell);
	if (!c->cells || !c->ncell || !c->capcell) {
		rcoll_free(c);
		return IM_E_NOMEM;
	}
	return IM_OK;
}

void rcoll_free(rcoll *c)
{
	if (c->cells)
		for (size_t i = 0; i < (size_t)c->nx * (size_t)c->ny; i++)
			free(c->cells[i]);
	free(c->cells);
	free(c->ncell);
	free(c->capcell);
	free(c->boxes);
	memset(c, 0, sizeof *c);
}

static void cell_range(const rcoll *c, im_rbox b, int *i0, int *j0, int *i1, int *j1)
{
	double fx0 = floor((b.x0 - c->x0) / c->cell), fx1 = floor((b.x1 - c->x0) / c->cell);
	double fy0 = floor((b.y0 - c->y0) / c->cell), fy1 = floor((b.y1 - c->y0) / c->cell);
	*i0 = (int)fmax(0, fmin(c->nx - 1, fx0));
	*i1 = (int)fmax(0, fmin(c->nx - 1, fx1));
	*j0 = (int)fmax(0, fmin(c->ny - 1, fy0));
	*j1 = (int)fmax(0, fmin(c->ny - 1, fy1));
}

im_status rcoll_add(rcoll *c, im_rbox b)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		im_rbox *nb = realloc(c->boxes, cap * sizeof *nb);
		if (!nb)
			return IM_E_NOMEM;
		c->boxes = nb;
		c->cap = cap;
	}
	size_t id = c->n++;
	c->boxes[id] = b;
	int i0, j0, i1, j1;
	cell_range(c, b, &i0, &j0, &i1, &j1);
	for (int j = j0; j <= j1; j++)
		for (int i = i0; i <= i1; i++) {
			size_t k = (size_t)j * (size_t)c->nx + (size_t)i;
			if (c->ncell[k] == c->capcell[k]) {
				size_t cap = c->capcell[k] ? c->capcell[k] * 2 : 8;
				size_t *nc = realloc(c->cells[k], cap * sizeof *nc);
				if (!nc)
					return IM_E_NOMEM;
				c->cells[k] = nc;
				c->capcell[k] = cap;
			}
			c->cells[k][c->ncell[k]++] = id;
		}
	return IM_OK;
}

int rcoll_hits(const rcoll *c, im_rbox b)
{
	int i0, j0, i1, j1;
	cell_range(c, b, &i0, &j0, &i1, &j1);
	for (int j = j0; j <= j1; j++)
		for (int i = i0; i <= i1; i++) {
			size_t k = (size_t)j * (size_t)c->nx + (size_t)i;
			for (size_t m = 0; m < c->ncell[k]; m++)
				if (rbox_overlap(c->boxes[c->cells[k][m]], b))
					return 1;
		}
	return 0;
}
