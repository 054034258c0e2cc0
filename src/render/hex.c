/* hex.c: hexagonal bins (--aggregate hex, and auto when symbols would
 * crowd): the incidents drawn are counted in hexagons of the page, each
 * shaded by its class of incidents or fatalities. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Across flats, in mm: big enough to read a shade, small enough to keep
 * the pattern of a province. */
#define HEX_MM 7.0

/* ColorBrewer's YlOrRd, five classes: light for few, dark for many. */
static const unsigned ramp[5] = {0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026};
#define ZERO_FILL 0xd9d9d9 /* a bin whose incidents killed no one known */

static int by_count(const rctx *c)
{
	return c->o->size_by != IM_SIZE_BY_FATALITIES;
}

static int64_t value(const rctx *c, const rhex *h)
{
	return by_count(c) ? (int64_t)h->count : h->fat;
}

/* The largest of 1, 2, 5, 10, 20, 50, ... not above t (at least 1). */
static double nice_floor(double t)
{
	double best = 1;
	for (double p = 1; p <= t; p *= 10)
		for (int k = 0; k < 3; k++) {
			double v = p * (k == 0 ? 1 : k == 1 ? 2 : 5);
			if (v <= t)
				best = v;
		}
	return best;
}

void rclass_breaks(rctx *c, int64_t max)
{
	c->hex_nclass = 0;
	if (max < 1)
		return;
	c->hex_breaks[c->hex_nclass++] = 1;
	for (int k = 1; k < 5; k++) {
		double b = nice_floor(pow((double)max, k / 5.0));
		if (b > c->hex_breaks[c->hex_nclass - 1])
			c->hex_breaks[c->hex_nclass++] = b;
	}
}

static void make_breaks(rctx *c)
{
	int64_t max = 0;
	for (size_t i = 0; i < c->nhex; i++)
		if (value(c, &c->hex[i]) > max)
			max = value(c, &c->hex[i]);
	rclass_breaks(c, max);
}

static int class_of(const rctx *c, int64_t v)
{
	int k = -1;
	for (int i = 0; i < c->hex_nclass; i++)
		if ((double)v >= c->hex_breaks[i])
			k = i;
	return k;
}

/* The colour of class k of n: spread over the ramp so that two classes
 * are light and dark, not two shades of yellow. */
static rgb class_colour(int k, int n)
{
	if (k < 0)
		return rgb_hex(ZERO_FILL);
	int at = n <= 1 ? 4 : (int)lround((double)k * 4 / (n - 1));
	return rgb_hex(ramp[at]);
}

rgb rclass_colour(const rctx *c, int64_t v)
{
	return class_colour(class_of(c, v), c->hex_nclass);
}

im_status hex_begin(rctx *c)
{
	double R = rmm(c, HEX_MM) / sqrt(3.0); /* centre to corner */
	double W = c->frame.x1 - c->frame.x0, H = c->frame.y1 - c->frame.y0;
	long rmax = (long)(H / (1.5 * R)) + 2;
	long qmin = -rmax / 2 - 2, qmax = (long)(W / (sqrt(3.0) * R)) + 2;
	free(c->hex_grid);
	c->hex_nq = (size_t)(qmax - qmin + 1), c->hex_nr = (size_t)(rmax + 3);
	c->hex_qmin = qmin;
	c->hex_grid = calloc(c->hex_nq * c->hex_nr, sizeof *c->hex_grid);
	if (!c->hex_grid)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	c->hex_r = R;
	c->nhex = 0;
	return IM_OK;
}

im_status hex_note(rctx *c, double u, double v, int32_t fat, uint64_t key)
{
	double R = c->hex_r;
	u -= c->frame.x0, v -= c->frame.y0;
	/* axial coordinates of a pointy-top grid, rounded in cube space */
	double fq = (sqrt(3.0) / 3 * u - v / 3) / R, fr = (2.0 / 3 * v) / R;
	double fs = -fq - fr;
	double q = round(fq), r = round(fr), s = round(fs);
	double dq = fabs(q - fq), dr = fabs(r - fr), ds = fabs(s - fs);
	if (dq > dr && dq > ds)
		q = -r - s;
	else if (dr > ds)
		r = -q - s;
	long qi = (long)q - c->hex_qmin, ri = (long)r + 1;
	if (qi < 0 || ri < 0 || (size_t)qi >= c->hex_nq || (size_t)ri >= c->hex_nr)
		return IM_OK; /* cannot be: the point is in the frame */
	uint32_t *cell = &c->hex_grid[(size_t)ri * c->hex_nq + (size_t)qi];
	if (!*cell) {
		if (im_grow(&c->hex, &c->caphex, c->nhex + 1, sizeof *c->hex))
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		rhex *h = &c->hex[c->nhex++];
		h->x = c->frame.x0 + R * sqrt(3.0) * (q + r / 2);
		h->y = c->frame.y0 + R * 1.5 * r;
		h->count = 0;
		h->fat = 0;
		h->first = key;
		*cell = (uint32_t)c->nhex;
	}
	rhex *h = &c->hex[*cell - 1];
	h->count++;
	if (fat > 0)
		h->fat += fat;
	if (key < h->first)
		h->first = key;
	return IM_OK;
}

static int cmp_first(const void *a, const void *b)
{
	uint64_t x = ((const rhex *)a)->first, y = ((const rhex *)b)->first;
	return x < y ? -1 : x > y;
}

im_status hex_end(rctx *c)
{
	free(c->hex_grid);
	c->hex_grid = NULL;
	/* The order of drawing shows at the bins' shared edges: the place
	 * order, whatever order the incidents came in. */
	if (c->nhex)
		qsort(c->hex, c->nhex, sizeof *c->hex, cmp_first);
	if (!c->hex_fixed) /* --by: the classes of every panel */
		make_breaks(c);
	return IM_OK;
}

im_status hex_build(rctx *c, const uint64_t *keys, size_t n, uint64_t idx_mask, const double *x,
		    const double *y)
{
	im_status st = hex_begin(c);
	for (size_t k = 0; !st && k < n; k++) {
		size_t i = keys[k] & idx_mask;
		st = hex_note(c, x[i], y[i], c->vi[i].fat, keys[k]);
	}
	return st ? st : hex_end(c);
}

static void hex_path(cairo_t *cr, double x, double y, double R)
{
	for (int k = 0; k < 6; k++) {
		double a = M_PI / 6 + k * M_PI / 3;
		if (k == 0)
			cairo_move_to(cr, x + R * cos(a), y + R * sin(a));
		else
			cairo_line_to(cr, x + R * cos(a), y + R * sin(a));
	}
	cairo_close_path(cr);
}

void hex_draw(rctx *c)
{
	cairo_t *cr = c->cr;
	cairo_save(cr);
	cairo_set_line_width(cr, rmm(c, 0.2));
	for (size_t i = 0; i < c->nhex; i++) {
		const rhex *h = &c->hex[i];
		rgb col = class_colour(class_of(c, value(c, h)), c->hex_nclass);
		hex_path(cr, h->x, h->y, c->hex_r);
		cairo_set_source_rgba(cr, col.r, col.g, col.b, 0.88);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

double hex_legend(rctx *c, double x, double y, double w, int draw)
{
	(void)w;
	double across_km = c->span_km > 0 && c->frame.x1 > c->frame.x0
				   ? c->span_km * rmm(c, HEX_MM) / (c->frame.x1 - c->frame.x0)
				   : 0;
	char head[96];
	snprintf(head, sizeof head, "%s per hexagon (%.0f km across)",
		 by_count(c) ? "Incidents" : "Fatalities", across_km);
	return rclass_legend(c, x, y, head, 1, draw);
}

double rclass_legend(rctx *c, double x, double y, const char *head, int hexagon, int draw)
{
	double y0 = y;
	PangoLayout *hl = rtext(c, head, PT_TEXT, 1, 0);
	double hw, hh;
	rtext_size(hl, &hw, &hh);
	rgb none = {0, 0, 0};
	if (draw)
		rtext_draw(c, hl, x, y, rgb_hex(0x1a1a1a), 0, none);
	g_object_unref(hl);
	y += hh + rmm(c, 1.2);
	for (int k = by_count(c) ? 0 : -1; k < c->hex_nclass; k++) {
		char t[64];
		if (k < 0)
			snprintf(t, sizeof t, "0 or unknown");
		else if (k == c->hex_nclass - 1)
			snprintf(t, sizeof t, "%.0f or more", c->hex_breaks[k]);
		else if (c->hex_breaks[k + 1] - 1 > c->hex_breaks[k])
			snprintf(t, sizeof t, "%.0f\u2013%.0f", c->hex_breaks[k],
				 c->hex_breaks[k + 1] - 1);
		else
			snprintf(t, sizeof t, "%.0f", c->hex_breaks[k]);
		PangoLayout *lay = rtext(c, t, PT_TEXT, 0, 0);
		double tw, th;
		rtext_size(lay, &tw, &th);
		double r = rmm(c, 2.2);
		double row = fmax(th, 2 * r) + rmm(c, 0.8);
		if (draw) {
			cairo_t *cr = c->cr;
			rgb col = class_colour(k, c->hex_nclass);
			if (hexagon)
				hex_path(cr, x + rmm(c, 2.5), y + row / 2, r);
			else
				cairo_rectangle(cr, x + rmm(c, 2.5) - r, y + row / 2 - r * 0.8, 2 * r,
						1.6 * r);
			rset(cr, col);
			cairo_fill_preserve(cr);
			rset(cr, rgb_hex(0x6b6b6b));
			cairo_set_line_width(cr, rmm(c, 0.15));
			cairo_stroke(cr);
			rtext_draw(c, lay, x + rmm(c, 6.5), y + (row - th) / 2, rgb_hex(0x1a1a1a), 0,
				   none);
		}
		g_object_unref(lay);
		y += row;
	}
	return y - y0 + rmm(c, 1);
}
