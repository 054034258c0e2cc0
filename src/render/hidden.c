/* hidden.c: the symbols of a PNG map that later symbols cover entirely,
 * so that marks_draw can leave them out with the same pixels: a million
 * incidents over a map of a million pixels stack hundreds deep, and
 * compositing the ones nobody can see was most of the drawing.
 *
 * A pixel is "covered" when a symbol drawn later paints it with full
 * coverage in an opaque colour: then nothing drawn before shows through.
 * Walking the symbols from the top of the stack down, a symbol every pixel
 * of whose ink lies on covered pixels is hidden; one that is not adds the
 * pixels well inside its opaque body. Both tests keep margins (a glyph's
 * centre lands on the nearest pixel corner, edges are antialiased, miter
 * joins reach past the outline), so a symbol is left out only when it
 * certainly cannot change a pixel.
 *
 * marks_draw draws a run of symbols of one size and style body by body,
 * then edge by edge: an edge may then lie on a later body of its run. So
 * the symbols of a run are tested against the runs drawn after it only,
 * and their bodies count once the whole run is tested. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Pixels of slack around what a symbol may touch, and inside what it
 * surely paints. */
#define INK_SLACK_PX 1.5
#define BODY_SLACK_PX 1.0

/* The covered pixels of the image, a bit each, rows of `words` words. */
typedef struct cover {
	uint64_t *bits;
	size_t words;
	long w, h;
} cover;

static void cover_row(cover *cv, long y, long x0, long x1) /* x0 <= x1 < w */
{
	uint64_t *row = cv->bits + (size_t)y * cv->words;
	for (long x = x0; x <= x1;) {
		long bit = x & 63, n = 64 - bit < x1 - x + 1 ? 64 - bit : x1 - x + 1;
		uint64_t m = n == 64 ? ~0ULL : ((1ULL << n) - 1) << bit;
		row[x >> 6] |= m;
		x += n;
	}
}

/* 1 when every pixel of the box x0..x1, y0..y1 (device units) is covered;
 * pixels off the image count as covered (nothing is drawn there). The
 * words and masks of the columns are the same on every row. */
static int box_covered(const cover *cv, double x0, double y0, double x1, double y1)
{
	long a = (long)floor(x0), b = (long)ceil(x1) - 1;
	long t = (long)floor(y0), u = (long)ceil(y1) - 1;
	a = a < 0 ? 0 : a, t = t < 0 ? 0 : t;
	b = b >= cv->w ? cv->w - 1 : b, u = u >= cv->h ? cv->h - 1 : u;
	if (a > b)
		return 1;
	size_t w0 = (size_t)a >> 6, w1 = (size_t)b >> 6;
	uint64_t m0 = ~0ULL << (a & 63), m1 = ~0ULL >> (63 - (b & 63));
	if (w0 == w1)
		m0 &= m1;
	for (long y = t; y <= u; y++) {
		const uint64_t *row = cv->bits + (size_t)y * cv->words;
		if ((row[w0] & m0) != m0)
			return 0;
		if (w1 == w0)
			continue;
		for (size_t k = w0 + 1; k < w1; k++)
			if (row[k] != ~0ULL)
				return 0;
		if ((row[w1] & m1) != m1)
			return 0;
	}
	return 1;
}

/* Covers the pixels lying wholly inside the disc of radius r around
 * (cx, cy) and wholly inside the clip box (device units). */
static void cover_disc(cover *cv, double cx, double cy, double r, im_rbox clip)
{
	if (r <= 0)
		return;
	long y0 = (long)ceil(fmax(cy - r, clip.y0)), y1 = (long)floor(fmin(cy + r, clip.y1)) - 1;
	for (long y = y0 < 0 ? 0 : y0; y <= y1 && y < cv->h; y++) {
		double dy = fmax(fabs(y - cy), fabs(y + 1 - cy));
		if (dy >= r)
			continue;
		double hx = sqrt(r * r - dy * dy);
		long a = (long)ceil(fmax(cx - hx, clip.x0));
		long b = (long)floor(fmin(cx + hx, clip.x1)) - 1;
		a = a < 0 ? 0 : a;
		b = b >= cv->w ? cv->w - 1 : b;
		if (a <= b)
			cover_row(cv, y, a, b);
	}
}

/* The pixels wholly outside the clip box: nothing is drawn there. */
static void cover_outside(cover *cv, im_rbox clip)
{
	long a = (long)floor(clip.x0), b = (long)ceil(clip.x1) - 1;
	long t = (long)floor(clip.y0), u = (long)ceil(clip.y1) - 1;
	for (long y = 0; y < cv->h; y++) {
		if (y < t || y > u || b < 0 || a >= cv->w) {
			cover_row(cv, y, 0, cv->w - 1);
			continue;
		}
		if (a > 0)
			cover_row(cv, y, 0, a - 1);
		if (b + 1 < cv->w)
			cover_row(cv, y, b + 1, cv->w - 1);
	}
}

/* A marker shape's extent in em: the radius of the largest disc inside
 * it (the nearest its outline comes to the centre), and how far it
 * reaches from the centre along either axis. */
typedef struct sfit {
	double in, reach;
} sfit;

static sfit shape_fit(im_shape s)
{
	static sfit tab[6];
	unsigned k = (unsigned)s < 6 ? (unsigned)s : 0;
	if (tab[k].reach > 0)
		return tab[k];
	double x[RSHAPE_MAX], y[RSHAPE_MAX];
	int n = rshape_points((im_shape)k, x, y);
	sfit f = {HUGE_VAL, 0};
	for (int i = 0; i < n; i++) {
		int j = (i + 1) % n;
		double dx = x[j] - x[i], dy = y[j] - y[i], len2 = dx * dx + dy * dy;
		double t = len2 > 0 ? -(x[i] * dx + y[i] * dy) / len2 : 0;
		t = t < 0 ? 0 : t > 1 ? 1 : t;
		f.in = fmin(f.in, hypot(x[i] + t * dx, y[i] + t * dy));
		f.reach = fmax(f.reach, fmax(fabs(x[i]), fabs(y[i])));
	}
	return tab[k] = f;
}

/* The radius around a mark's centre that it surely paints opaque, in
 * output units: a shape's body, or a ring's white disc (mark_ring). */
static double body_radius(const rctx *c, const rdrawn *d)
{
	if (d->style != RDRAWN_RING)
		return shape_fit(im_styles[d->style].shape).in * rmm(c, rglyph_mm(d->size_mm));
	const rmark *m = &c->marks[d->mark];
	double mm = m->places > 1 ? m->size_mm - 1.0 : m->size_mm;
	return rmm(c, mm) / 2 * (m->precise ? 0.64 : 0.78);
}

/* Half the side of a square around the centre that holds all a mark may
 * touch: the shape's reach, then its edge, whose miter joins reach out
 * up to 1.4 edge widths at a star's points (a ring's edge is thinner),
 * and slack. */
static double ink_half(const rctx *c, const rdrawn *d)
{
	double edge = rmm(c, d->precise ? IM_STYLE_EDGE_MM : IM_STYLE_OPEN_EDGE_MM);
	if (d->style == RDRAWN_RING)
		return rmm(c, d->size_mm) / 2 + edge + INK_SLACK_PX;
	double reach = shape_fit(im_styles[d->style].shape).reach;
	return reach * rmm(c, rglyph_mm(d->size_mm)) + 1.5 * edge + INK_SLACK_PX;
}

size_t rdrawn_run_end(const rdrawn *d, size_t n, size_t a)
{
	size_t b = a;
	while (b < n && d[b].size_mm == d[a].size_mm && d[b].style == d[a].style &&
	       d[b].precise == d[a].precise)
		b++;
	return b;
}

/* Tests the runs of d from the top down (see above). */
static void find_hidden(const rctx *c, cover *cv, rdrawn *d, size_t n, double ox, double oy,
			im_rbox clip)
{
	size_t b = n;
	while (b > 0) {
		/* the run ending at b: back to its start */
		size_t a = b - 1;
		while (a > 0 && d[a - 1].size_mm == d[b - 1].size_mm &&
		       d[a - 1].style == d[b - 1].style && d[a - 1].precise == d[b - 1].precise)
			a--;
		double h = ink_half(c, &d[a]); /* the same for the whole run */
		for (size_t k = a; k < b; k++) {
			double x = d[k].x + ox, y = d[k].y + oy;
			d[k].hidden = (uint8_t)box_covered(cv, x - h, y - h, x + h, y + h);
		}
		for (size_t k = a; k < b; k++)
			if (!d[k].hidden)
				cover_disc(cv, d[k].x + ox, d[k].y + oy,
					   body_radius(c, &d[k]) - BODY_SLACK_PX, clip);
		b = a;
	}
}

int marks_hidden_where(const rctx *c, rhidden_at *at)
{
	memset(at, 0, sizeof *at);
	cairo_surface_t *sf = cairo_get_target(c->cr);
	cairo_matrix_t mx;
	cairo_get_matrix(c->cr, &mx);
	if (c->job->draw_hidden || c->fmt != IM_RENDER_PNG || c->box_w > 0 ||
	    cairo_surface_get_type(sf) != CAIRO_SURFACE_TYPE_IMAGE || mx.xx != 1 || mx.yy != 1 ||
	    mx.xy != 0 || mx.yx != 0)
		return 0; /* all drawn */
	at->w = cairo_image_surface_get_width(sf);
	at->h = cairo_image_surface_get_height(sf);
	at->ox = mx.x0, at->oy = mx.y0;
	at->clip = (im_rbox){c->frame.x0 + mx.x0, c->frame.y0 + mx.y0, c->frame.x1 + mx.x0,
			     c->frame.y1 + mx.y0};
	return 1;
}

size_t marks_hidden_find(const rctx *c, const rhidden_at *at, rdrawn *d, size_t n)
{
	cover cv;
	cv.w = at->w;
	cv.h = at->h;
	cv.words = (size_t)(cv.w + 63) / 64;
	cv.bits = cv.w > 0 && cv.h > 0 ? calloc(cv.words * (size_t)cv.h, sizeof *cv.bits) : NULL;
	if (!cv.bits)
		return 0; /* out of memory: all drawn, which is slower but right */
	cover_outside(&cv, at->clip);
	find_hidden(c, &cv, d, n, at->ox, at->oy, at->clip);
	size_t hidden = 0;
	for (size_t k = 0; k < n; k++)
		hidden += d[k].hidden;
	free(cv.bits);
	return hidden;
}

void marks_hidden(rctx *c, rdrawn *d, size_t n)
{
	rhidden_at at;
	if (marks_hidden_where(c, &at))
		c->nhidden += marks_hidden_find(c, &at, d, n);
}
