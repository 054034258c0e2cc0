/* crowd.c: --aggregate auto keeps a symbol per place where the symbols
 * stay legible and merges them only where they would not: two precise
 * symbols whose discs overlap by more than RCROWD_SHARE of the smaller
 * disc's area are one symbol, a ring of their types' shares with the count
 * of their incidents inside and a thin outer circle, at the centre of
 * their incidents. A merged symbol is larger, so it may crowd others in
 * turn: passes repeat until none crowd. A map with one crowded city and
 * incidents scattered elsewhere shows the city as one ring and the rest
 * as they are. Province-only symbols are never merged: each stands for
 * its hatched province.
 *
 * A pass: every mark, most incidents first, takes in the marks it crowds
 * that no other has taken (the crowding is mutual, so a heavier one that
 * crowds it has already taken it); then each group becomes one mark. A
 * grid of cells as wide as the largest symbol finds the neighbours, so a
 * pass is linear in the marks. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Passes at most: a chain of crowded places merges in a few. */
#define CROWD_PASSES 64
#define LOW32 0xffffffffULL

static double acos_in(double v)
{
	return acos(v < -1 ? -1 : v > 1 ? 1 : v);
}

double rdisc_overlap(double a, double b, double d)
{
	double r = fmin(a, b) / 2, R = fmax(a, b) / 2;
	if (r <= 0 || d >= r + R)
		return 0;
	if (d <= R - r)
		return 1;
	double lens = r * r * acos_in((d * d + r * r - R * R) / (2 * d * r)) +
		      R * R * acos_in((d * d + R * R - r * r) / (2 * d * R)) -
		      0.5 * sqrt(fmax(0, (-d + r + R) * (d + r - R) * (d - r + R) * (d + r + R)));
	return fmin(1, fmax(0, lens / (M_PI * r * r)));
}

/* The marks by grid cell: keys cell << 32 | mark, sorted. */
typedef struct cgrid {
	uint64_t *keys;
	size_t n;
	double x0, y0, cell;
} cgrid;

static uint64_t cell_at(long gx, long gy)
{
	return (uint64_t)gx << 16 | (uint64_t)gy;
}

static long cell_ix(double v, double v0, double cell)
{
	double k = floor((v - v0) / cell);
	return k < 0 ? 0 : k > 65535 ? 65535 : (long)k;
}

/* The first key of cell k (or where it would be). */
static size_t cell_first(const cgrid *g, uint64_t k)
{
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->keys[mid] >> 32 < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int crowds(const rctx *c, const rmark *a, const rmark *b)
{
	double d = hypot((double)a->x - b->x, (double)a->y - b->y);
	return rdisc_overlap(rmm(c, a->size_mm), rmm(c, b->size_mm), d) > RCROWD_SHARE;
}

/* Mark i takes in the untaken marks of the 3 x 3 cells around it that it
 * crowds (root[j] = i); returns how many. */
static size_t take_neighbours(rctx *c, const cgrid *g, size_t i, uint32_t *root,
			      unsigned char *taken)
{
	const rmark *m = &c->marks[i];
	long gx = cell_ix(m->x, g->x0, g->cell), gy = cell_ix(m->y, g->y0, g->cell);
	size_t n = 0;
	for (long dx = -1; dx <= 1; dx++)
		for (long dy = -1; dy <= 1; dy++) {
			if (gx + dx < 0 || gy + dy < 0 || gx + dx > 65535 || gy + dy > 65535)
				continue;
			uint64_t k = cell_at(gx + dx, gy + dy);
			for (size_t p = cell_first(g, k); p < g->n && g->keys[p] >> 32 == k; p++) {
				size_t j = (size_t)(g->keys[p] & LOW32);
				const rmark *o = &c->marks[j];
				if (j == i || taken[j] || !o->precise || !crowds(c, m, o))
					continue;
				taken[j] = 1;
				root[j] = (uint32_t)i;
				n++;
			}
		}
	return n;
}

/* One pass's groups: root[i] is the mark that took i (itself when none).
 * Returns how many marks were taken. */
static size_t find_groups(rctx *c, uint64_t *grid, uint64_t *order, uint64_t *tmp,
			  uint32_t *root, unsigned char *taken)
{
	size_t n = c->nmarks;
	cgrid g = {grid, n, c->frame.x0, c->frame.y0, 1};
	for (size_t i = 0; i < n; i++)
		g.cell = fmax(g.cell, rmm(c, c->marks[i].size_mm));
	for (size_t i = 0; i < n; i++) {
		const rmark *m = &c->marks[i];
		uint64_t k = cell_at(cell_ix(m->x, g.x0, g.cell), cell_ix(m->y, g.y0, g.cell));
		grid[i] = k << 32 | i;
		order[i] = (uint64_t)(UINT32_MAX - m->count) << 32 | i; /* most incidents first */
		root[i] = (uint32_t)i;
		taken[i] = 0;
	}
	rradix64(grid, tmp, n, 32);
	rradix64(order, tmp, n, 32);
	size_t joined = 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = (size_t)(order[k] & LOW32);
		if (taken[i] || !c->marks[i].precise)
			continue;
		taken[i] = 1;
		joined += take_neighbours(c, &g, i, root, taken);
	}
	return joined;
}

/* Adds mark o's incidents by type to tc. */
static void add_types(const rctx *c, const rmark *o, uint32_t *tc)
{
	if (o->mix >= 0) {
		for (size_t t = 0; t < RMIX_TYPES; t++)
			tc[t] += c->mix[o->mix][t];
		return;
	}
	size_t s = o->st ? (size_t)(o->st - im_styles) : RMIX_TYPES - 1;
	tc[s < RMIX_TYPES ? s : RMIX_TYPES - 1] += o->count;
}

static void add_figure(int64_t *sum, int64_t v)
{
	if (v >= 0)
		*sum = (*sum < 0 ? 0 : *sum) + v;
}

/* The marks mem[0..k) (indices in the low bits) as one: at the centre of
 * their incidents, named after the place of most incidents (then of most
 * fatalities, then the first in the input). */
static im_status merge_group(rctx *c, const uint64_t *mem, size_t k, rmark *out)
{
	rmark m;
	memset(&m, 0, sizeof m);
	m.fat = m.inj = -1;
	m.prov = -1;
	m.precise = 1;
	uint32_t tc[RMIX_TYPES] = {0};
	double sx = 0, sy = 0;
	const rmark *best = NULL;
	for (size_t i = 0; i < k; i++) {
		const rmark *o = &c->marks[mem[i] & LOW32];
		sx += (double)o->x * o->count;
		sy += (double)o->y * o->count;
		m.count += o->count;
		m.places += o->places;
		m.undated += o->undated;
		add_figure(&m.fat, o->fat);
		add_figure(&m.inj, o->inj);
		if (o->d0 && (!m.d0 || o->d0 < m.d0))
			m.d0 = o->d0;
		if (o->d1 > m.d1)
			m.d1 = o->d1;
		add_types(c, o, tc);
		if (!best || o->count > best->count ||
		    (o->count == best->count &&
		     (o->fat > best->fat || (o->fat == best->fat && o->first < best->first))))
			best = o;
	}
	m.first = best->first;
	m.place = best->place;
	m.x = (float)(sx / m.count);
	m.y = (float)(sy / m.count);
	if ((m.mix = rmix_add(c, tc)) < 0)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	int64_t v = c->o->size_by == IM_SIZE_BY_INCIDENTS ? (int64_t)m.count
							   : m.fat > 0 ? m.fat : 0;
	m.size_mm = (float)rmark_size(m.count, v, 2);
	*out = m;
	return IM_OK;
}

/* Replaces each group of root[] by one mark, in the order of their roots. */
static im_status join_groups(rctx *c, uint64_t *byroot, uint64_t *tmp, const uint32_t *root,
			     size_t groups)
{
	size_t n = c->nmarks;
	rmark *nm = malloc((groups ? groups : 1) * sizeof *nm);
	if (!nm)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		byroot[i] = (uint64_t)root[i] << 32 | i;
	rradix64(byroot, tmp, n, 32);
	size_t out = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && byroot[b] >> 32 == byroot[a] >> 32)
			b++;
		if (b - a == 1) {
			nm[out] = c->marks[byroot[a] & LOW32];
		} else if (merge_group(c, byroot + a, b - a, &nm[out])) {
			free(nm);
			return IM_E_NOMEM;
		}
		out++;
		a = b;
	}
	free(c->marks);
	c->marks = nm;
	c->nmarks = out;
	return IM_OK;
}

im_status crowd_merge(rctx *c)
{
	size_t n = c->nmarks;
	if (n < 2)
		return IM_OK;
	uint64_t *grid = malloc(n * sizeof *grid), *order = malloc(n * sizeof *order);
	uint64_t *tmp = malloc(n * sizeof *tmp);
	uint32_t *root = malloc(n * sizeof *root);
	unsigned char *taken = malloc(n);
	im_status st = IM_OK;
	if (!grid || !order || !tmp || !root || !taken)
		st = im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (int pass = 0; !st && pass < CROWD_PASSES && c->nmarks > 1; pass++) {
		size_t joined = find_groups(c, grid, order, tmp, root, taken);
		if (!joined)
			break;
		st = join_groups(c, order, tmp, root, c->nmarks - joined);
	}
	free(grid), free(order), free(tmp), free(root), free(taken);
	c->nclusters = c->nmerged = 0;
	for (size_t i = 0; i < c->nmarks; i++) {
		c->nclusters += c->marks[i].count > 1;
		c->nmerged += c->marks[i].places > 1;
	}
	return st;
}
