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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Labels tried, in priority order; the rest are reported as left out. */
#define LABEL_MAX 1000
/* Incidents closer than this (degrees, ~100 m) are at one place. */
#define SAME_PLACE_DEG 0.001
#define EDGE_MM 0.2
#define OPEN_MM 0.55
/* Between a symbol's edge and its label's halo. */
#define LABEL_GAP_MM 0.25

/* ---- the marker font ---------------------------------------------------- */

int rshape_points(im_shape shape, double *x, double *y)
{
	int n = 0;
	switch (shape) {
	case IM_SHAPE_SQUARE:
		x[0] = -0.41, y[0] = -0.41, x[1] = 0.41, y[1] = -0.41;
		x[2] = 0.41, y[2] = 0.41, x[3] = -0.41, y[3] = 0.41;
		return 4;
	case IM_SHAPE_DIAMOND:
		x[0] = 0, y[0] = -0.58, x[1] = 0.58, y[1] = 0;
		x[2] = 0, y[2] = 0.58, x[3] = -0.58, y[3] = 0;
		return 4;
	case IM_SHAPE_TRIANGLE: {
		double R = 0.66;
		x[0] = 0, y[0] = -R, x[1] = R * 0.8660254, y[1] = R / 2;
		x[2] = -R * 0.8660254, y[2] = R / 2;
		return 3;
	}
	case IM_SHAPE_PENTAGON:
	case IM_SHAPE_STAR: {
		int star = shape == IM_SHAPE_STAR;
		n = star ? 10 : 5;
		for (int i = 0; i < n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * i / n;
			double r = star ? (i % 2 ? 0.27 : 0.63) : 0.54;
			x[i] = r * cos(a), y[i] = r * sin(a);
		}
		return n;
	}
	case IM_SHAPE_CIRCLE:
	default:
		for (n = 0; n < RSHAPE_MAX; n++) {
			double a = 2 * M_PI * n / RSHAPE_MAX;
			x[n] = 0.5 * cos(a), y[n] = 0.5 * sin(a);
		}
		return n;
	}
}

/* What a marker glyph draws, in em units (1 em = the marker's diameter). */
static void shape_path(cairo_t *cr, im_shape shape)
{
	if (shape == IM_SHAPE_CIRCLE || (unsigned)shape > IM_SHAPE_STAR) {
		cairo_arc(cr, 0, 0, 0.5, 0, 2 * M_PI);
		cairo_close_path(cr);
		return;
	}
	double x[RSHAPE_MAX], y[RSHAPE_MAX];
	int n = rshape_points(shape, x, y);
	if (shape == IM_SHAPE_SQUARE) {
		cairo_rectangle(cr, x[0], y[0], x[2] - x[0], y[2] - y[0]);
		return;
	}
	cairo_move_to(cr, x[0], y[0]);
	for (int i = 1; i < n; i++)
		cairo_line_to(cr, x[i], y[i]);
	cairo_close_path(cr);
}

/* One font size for every marker, 1 em = 1 output unit, and the diameter
 * in the glyph: every marker of a map then comes from one scaled font,
 * which a PDF holds as one Type 3 font (not one per size), and glyph
 * positions are plain page coordinates. Glyph 1 + (size in fifths of a mm
 * * 6 + shape) * 3 + variant; variants: 0 body, 1 thin edge, 2 thick edge
 * (open symbol). */
#define MAX_FIFTHS 100
/* 100 units: larger than any marker (poppler draws Type 3 glyphs that
 * overflow their em badly), and glyph positions in text space are the page
 * coordinates with the decimal point moved. */
#define MFONT_SIZE 100.0
static const cairo_user_data_key_t mfont_key;

static long glyph_fifths(double size_mm)
{
	long t = lround(size_mm * 5);
	return t < 1 ? 1 : t > MAX_FIFTHS ? MAX_FIFTHS : t;
}

double rglyph_mm(double size_mm)
{
	return (double)glyph_fifths(size_mm) / 5;
}

static unsigned long glyph_of(im_shape shape, int variant, double size_mm)
{
	unsigned long t = (unsigned long)glyph_fifths(size_mm);
	return 1 + (t * 6 + (unsigned long)shape) * 3 + (unsigned long)variant;
}

static cairo_status_t mfont_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
				   cairo_text_extents_t *ext)
{
	(void)ext; /* cairo measures the drawing */
	if (glyph < 1 || glyph > glyph_of(IM_SHAPE_STAR, 2, MAX_FIFTHS / 5.0))
		return CAIRO_STATUS_SUCCESS;
	const double *upm =
		cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf), &mfont_key);
	unsigned long g = glyph - 1;
	int variant = (int)(g % 3);
	im_shape shape = (im_shape)(g / 3 % 6);
	double mm = (double)(g / 18) / 5;
	double d = mm * (upm ? *upm : 1) / MFONT_SIZE; /* the diameter, in em */
	cairo_scale(cr, d, d);
	shape_path(cr, shape);
	if (variant == 0) {
		cairo_fill(cr);
	} else {
		/* Edge widths are true millimetres whatever the diameter. */
		cairo_set_line_width(cr, (variant == 1 ? EDGE_MM : OPEN_MM) / mm);
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
	*upm = rmm(c, 1);
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

/* Shows n glyphs of one index; `text` is what each stands for in a PDF's
 * text (a symbol for bodies, a space for edges: a glyph that stands for
 * nothing would cost an ActualText span each). */
static void glyph_run(rctx *c, const double *xs, const double *ys, size_t n,
		      unsigned long glyph, const char *text, rgb colour, cairo_glyph_t *gl,
		      cairo_text_cluster_t *cl, char *utf8, int sparse)
{
	if (!n)
		return;
	cairo_t *cr = c->cr;
	cairo_set_font_face(cr, c->mfont);
	cairo_set_font_options(cr, c->fo);
	cairo_set_font_size(cr, MFONT_SIZE);
	rset(cr, colour);
	size_t tl = text ? strlen(text) : 0;
	for (size_t i = 0; i < n; i++) {
		gl[i].index = glyph;
		gl[i].x = round(xs[i] * 100) / 100;
		gl[i].y = round(ys[i] * 100) / 100;
		cl[i].num_glyphs = 1;
		cl[i].num_bytes = (int)tl;
		if (tl)
			memcpy(utf8 + i * tl, text, tl);
	}
	if (c->fmt == IM_RENDER_PNG && sparse) {
		/* Each on its own: glyphs that may overlap are composited
		 * through a mask as large as the whole run, which for a few
		 * markers scattered over the map costs far more. */
		for (size_t i = 0; i < n; i++)
			cairo_show_glyphs(cr, &gl[i], 1);
		return;
	}
	cairo_show_text_glyphs(cr, tl ? utf8 : "", (int)(n * tl), gl, (int)n, cl, (int)n, 0);
}

void marker_draw(rctx *c, im_shape shape, double size_mm, double x, double y, rgb fill,
		 int open)
{
	cairo_glyph_t gl[1];
	cairo_text_cluster_t cl[1];
	char utf8[8];
	rgb edge = rgb_hex(0x2b2b2b), white = {1, 1, 1};
	glyph_run(c, &x, &y, 1, glyph_of(shape, 0, size_mm), shape_char(shape, open),
		  open ? white : fill, gl, cl, utf8, 0);
	glyph_run(c, &x, &y, 1, glyph_of(shape, open ? 2 : 1, size_mm), " ", open ? fill : edge,
		  gl, cl, utf8, 0);
}

/* ---- building the marks ------------------------------------------------- */

double rsize_step(double mm)
{
	return IM_STYLE_MIN_MM + round((mm - IM_STYLE_MIN_MM) / 0.4) * 0.4;
}

/* LSD radix sort of 64-bit keys (tmp as large as v): linear, where a
 * million incidents would make qsort the slowest part of a map. The keys'
 * bits below lo rise with their place in v (an index), so that a stable
 * sort of the bits above them orders the whole keys: those bits cost no
 * pass. */
void rradix64(uint64_t *v, uint64_t *tmp, size_t n, int lo)
{
	uint64_t *src = v, *dst = tmp;
	for (int shift = lo; shift < 64; shift += 16) {
		static size_t count[65536];
		memset(count, 0, sizeof count);
		int all_same = 1;
		for (size_t i = 0; i < n; i++) {
			count[(src[i] >> shift) & 0xffff]++;
			all_same &= ((src[i] ^ src[0]) >> shift & 0xffff) == 0;
		}
		if (all_same)
			continue;
		size_t sum = 0;
		for (size_t k = 0; k < 65536; k++) {
			size_t t = count[k];
			count[k] = sum;
			sum += t;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xffff]++] = src[i];
		uint64_t *t = src;
		src = dst, dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
}

static int date_cmp(im_date a, im_date b)
{
	if (a.y != b.y)
		return a.y - b.y;
	if (a.m != b.m)
		return a.m - b.m;
	return a.d - b.d;
}

/* Incidents in one cell of SAME_PLACE_DEG (and of one precision class) are
 * one symbol. The key sorts by place, then by input order:
 * 1 bit province-only, 19 bits longitude cell, 18 bits latitude cell,
 * 26 bits index (MAX_INCIDENTS is below 2^26). */
#define IDX_BITS 26
static uint64_t place_key(const rvinfo *v, size_t i)
{
	uint64_t cx = (uint64_t)(floor(v->lon / SAME_PLACE_DEG) + 180000);
	uint64_t cy = (uint64_t)(floor(v->lat / SAME_PLACE_DEG) + 90000);
	uint64_t p3 = v->p3;
	return p3 << 63 | (cx & 0x7ffff) << 44 | (cy & 0x3ffff) << IDX_BITS | (uint64_t)i;
}

/* More symbols than this crowd a map (auto bins them). */
#define CROWDED_MARKS 600

/* A key's bits mixed, for a hash table's slot. */
static uint64_t mix_key(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x7fb5d329728ea185ULL;
	return h ^ (h >> 27);
}

/* --aggregate auto: symbols stay while they cover under a sixth of the map
 * and number at most 600 (beyond, they hide each other and their labels
 * have no room); past that, the map bins into hexagons. */
int marks_crowded(const rctx *c)
{
	double area = 0;
	for (size_t i = 0; i < c->nmarks; i++) {
		double d = rmm(c, c->marks[i].size_mm);
		area += M_PI / 4 * d * d;
	}
	double frame = (c->frame.x1 - c->frame.x0) * (c->frame.y1 - c->frame.y0);
	return c->nmarks > CROWDED_MARKS || area > frame / 6;
}

double rmark_size(uint32_t count, int64_t value, int ring)
{
	double size = im_style_size_mm(value > 1000000 ? 1000000 : (int)value);
	if (count > 1) {
		/* Room for the count inside the symbol. */
		int digits = 1;
		for (uint32_t k = count; k >= 10; k /= 10)
			digits++;
		size = fmax(size, 3.4 + 0.9 * digits);
	}
	if (ring)
		size += 1.2; /* the ring around the count */
	if (ring == 2)
		size += 1.0; /* the outer circle of merged places */
	/* Steps of 0.4 mm: finer than the eye compares areas, and each size
	 * is a glyph of its own (glyph_of) that costs time to draw and bytes
	 * in a PDF. */
	return rsize_step(size);
}

int32_t rmix_add(rctx *c, const uint32_t *tc)
{
	if (im_grow(&c->mix, &c->capmix, c->nmix + 1, sizeof *c->mix))
		return -1;
	memcpy(c->mix[c->nmix], tc, sizeof *c->mix);
	return (int32_t)c->nmix++;
}

void rmarks_legend(const rctx *c, unsigned *kinds, int64_t *max)
{
	int by_count = c->o->size_by == IM_SIZE_BY_INCIDENTS;
	unsigned k = 0;
	int64_t top = INT64_MIN;
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		if (m->places > 1)
			k |= RMARK_MERGED;
		else if (m->count > 1)
			k |= RMARK_CLUSTER | (m->st ? 0 : RMARK_MIXED);
		int64_t v = by_count ? (int64_t)m->count : m->fat;
		if (v > top)
			top = v;
	}
	*kinds = k;
	*max = top;
}

static im_date date_of(int32_t d)
{
	im_date r = {d / 10000, d / 100 % 100, d % 100};
	return r;
}

void marks_count_country(rctx *c, const char cc[2])
{
	if (!cc[0])
		return;
	size_t j = 0;
	while (j < c->ncc && (c->cc[j][0] != cc[0] || c->cc[j][1] != cc[1]))
		j++;
	if (j == c->ncc) {
		if (c->ncc == 64)
			return;
		c->cc[j][0] = cc[0], c->cc[j][1] = cc[1], c->cc[j][2] = '\0';
		c->ncc_of[c->ncc++] = 0;
	}
	c->ncc_of[j]++;
}

/* The totals the subtitle and legend tell are of what the map draws: the
 * incidents outside the extent (--bbox) are counted apart, as "N more
 * outside the map", never in the types, figures and dates shown. reset,
 * then one for each drawn incident (d0, d1: the dates so far), then end. */
static void count_reset(rctx *c)
{
	memset(c->type_count, 0, sizeof c->type_count);
	c->n_p3 = 0;
	c->fat = c->inj = 0;
	c->fat_known = c->inj_known = 0;
	c->undated = 0;
	c->ncc = 0;
}

static void count_one(rctx *c, const rvinfo *v, int32_t *d0, int32_t *d1)
{
	c->type_count[v->style]++;
	c->n_p3 += v->p3;
	if (v->fat >= 0)
		c->fat += v->fat, c->fat_known = 1;
	if (v->inj >= 0)
		c->inj += v->inj, c->inj_known = 1;
	if (!v->date) {
		c->undated++;
		return;
	}
	if (!*d0 || v->date < *d0)
		*d0 = v->date;
	if (!*d1 || v->date > *d1)
		*d1 = v->date;
}

static void count_end(rctx *c, int32_t d0, int32_t d1)
{
	c->d0 = d0 ? date_of(d0) : (im_date){0, 0, 0};
	c->d1 = d1 ? date_of(d1) : (im_date){0, 0, 0};
}

static void count_drawn(rctx *c, const uint64_t *keys, size_t nk)
{
	const uint64_t IDX = ((uint64_t)1 << IDX_BITS) - 1;
	count_reset(c);
	int32_t d0 = 0, d1 = 0;
	for (size_t k = 0; k < nk; k++) {
		const rvinfo *v = &c->vi[keys[k] & IDX];
		count_one(c, v, &d0, &d1);
		marks_count_country(c, v->cc);
	}
	count_end(c, d0, d1);
}

/* The timeline (--timeline) counts what the map draws, as the legend does. */
static im_status feed_timeline(rctx *c, const uint64_t *keys, size_t nk)
{
	const uint64_t IDX = ((uint64_t)1 << IDX_BITS) - 1;
	for (size_t k = 0; c->tl && k < nk; k++) {
		const rvinfo *v = &c->vi[keys[k] & IDX];
		im_status st = timeline_note(c->tl, v->date, v->style, v->fat, c->err);
		if (st)
			return st;
	}
	return IM_OK;
}

/* The countries of the drawn incidents for the title, in the order
 * sorted incidents would meet them (as count_drawn makes it): per code,
 * how many and the smallest place key. */
typedef struct ccount {
	uint64_t first;
	size_t n;
	uint16_t code;
} ccount;

static int cmp_ccount(const void *a, const void *b)
{
	uint64_t x = ((const ccount *)a)->first, y = ((const ccount *)b)->first;
	return x < y ? -1 : x > y;
}

static void countries_in_place_order(rctx *c, ccount *cn)
{
	size_t n = 0;
	for (size_t k = 0; k < 65536; k++)
		if (cn[k].n)
			cn[n++] = cn[k];
	qsort(cn, n, sizeof *cn, cmp_ccount);
	c->ncc = 0;
	for (size_t k = 0; k < n && c->ncc < 64; k++) {
		c->cc[c->ncc][0] = (char)(cn[k].code >> 8);
		c->cc[c->ncc][1] = (char)(cn[k].code & 255);
		c->cc[c->ncc][2] = '\0';
		c->ncc_of[c->ncc++] = cn[k].n;
	}
}

/* One drawn incident (its place key) in the totals, the countries and,
 * with timeline, the timeline. */
static im_status note_drawn(rctx *c, const rvinfo *v, uint64_t key, ccount *cn, int32_t *d0,
			    int32_t *d1, int timeline)
{
	count_one(c, v, d0, d1);
	if (v->cc[0]) {
		ccount *e = &cn[(unsigned char)v->cc[0] << 8 | (unsigned char)v->cc[1]];
		if (!e->n++ || key < e->first)
			e->first = key;
		e->code = (uint16_t)((unsigned char)v->cc[0] << 8 | (unsigned char)v->cc[1]);
	}
	return timeline && c->tl ? timeline_note(c->tl, v->date, v->style, v->fat, c->err) : IM_OK;
}

/* A chunk of incidents in map x/y: c->px, c->py when the render keeps
 * them, else projected now into *xs, *ys (grown to *cap). NULL when out
 * of memory. */
static const double *chunk_xy(rctx *c, const rvinfo *v, size_t at, size_t got, double **xs,
			      double **ys, size_t *cap, const double **y)
{
	if (c->px) {
		*y = c->py + at;
		return c->px + at;
	}
	if (got > *cap) {
		free(*xs), free(*ys);
		*cap = got;
		*xs = malloc(got * sizeof **xs), *ys = malloc(got * sizeof **ys);
		if (!*xs || !*ys) {
			*cap = 0;
			return NULL;
		}
	}
	for (size_t k = 0; k < got; k++)
		(*xs)[k] = v[k].lon, (*ys)[k] = v[k].lat;
	rproj_fwd(&c->proj, *xs, *ys, got);
	*y = *ys;
	return *xs;
}

/* The page point of a projected incident, 0 when it is not drawn (PROJ
 * could not place it: nskipped; outside the frame: nout). */
static int drawn_at(rctx *c, double x, double y, double *u, double *v)
{
	if (x == HUGE_VAL) {
		c->nskipped++;
		return 0;
	}
	*u = rview_u(&c->view, x), *v = rview_v(&c->view, y);
	if (*u < c->frame.x0 || *u > c->frame.x1 || *v < c->frame.y0 || *v > c->frame.y1) {
		c->nout++;
		return 0;
	}
	return 1;
}

/* What each_drawn does with a drawn incident (the i-th, at page point
 * u, v, with its place key). */
typedef im_status (*drawn_fn)(rctx *c, const rvinfo *v, size_t i, double u, double pv,
			      uint64_t key, void *ud);

/* What fn will want soon: the place key of an incident some way ahead
 * (its memory fetched early), or NULL. */
typedef void (*ahead_fn)(void *ud, uint64_t key);
#define AHEAD 8

/* ---- the incidents read back and projected in a thread of their own ------ */

/* each_drawn's chunks of incidents, read back from the job's file and
 * projected by a second thread one chunk ahead of it, so that the reading
 * and PROJ (a tenth of a million-incident map) run beside the binning on
 * the other core. The thread owns the projection while it runs: each_drawn
 * does not project. A slot is the thread's until it is filled, then the
 * caller's until handed back. */
#define XY_SLOT 16384 /* incidents a slot */
typedef struct xyslot {
	rvinfo *buf;     /* the records when read from the job's file */
	const rvinfo *v; /* the slot's records: buf or the job's memory */
	double *x, *y;   /* map x/y, HUGE_VAL where PROJ could not place one */
	size_t at, n;    /* n 0: the end (or a read error: see spill_errno) */
} xyslot;

typedef struct xyahead {
	rctx *c;
	xyslot s[2];
	int full[2];
	int stop;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t changed;
} xyahead;

/* Fills a slot with the records from at on, projected. */
static void xy_fill(rctx *c, xyslot *s, size_t at)
{
	size_t n = 0;
	s->at = at;
	s->v = rvi_chunk_into(c, at, s->buf, XY_SLOT, &n);
	s->n = n < XY_SLOT ? n : XY_SLOT;
	for (size_t k = 0; k < s->n; k++)
		s->x[k] = s->v[k].lon, s->y[k] = s->v[k].lat;
	rproj_fwd(&c->proj, s->x, s->y, s->n);
}

static void *xy_run(void *ud)
{
	xyahead *a = ud;
	for (size_t at = 0, k = 0;; k ^= 1) {
		pthread_mutex_lock(&a->mu);
		while (a->full[k] && !a->stop)
			pthread_cond_wait(&a->changed, &a->mu);
		int stop = a->stop;
		pthread_mutex_unlock(&a->mu);
		if (stop)
			return NULL;
		xy_fill(a->c, &a->s[k], at);
		at += a->s[k].n;
		pthread_mutex_lock(&a->mu);
		a->full[k] = 1;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->mu);
		if (!a->s[k].n)
			return NULL;
	}
}

static void xy_free(xyahead *a)
{
	for (int k = 0; k < 2; k++)
		free(a->s[k].buf), free(a->s[k].x), free(a->s[k].y);
	free(a);
}

/* The thread started, or NULL (out of memory, no thread to be had: the
 * caller reads and projects itself). */
static xyahead *xy_start(rctx *c)
{
	xyahead *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->c = c;
	int ok = 1;
	for (int k = 0; k < 2; k++) {
		a->s[k].buf = c->vi ? NULL : malloc(XY_SLOT * sizeof *a->s[k].buf);
		a->s[k].x = malloc(XY_SLOT * sizeof *a->s[k].x);
		a->s[k].y = malloc(XY_SLOT * sizeof *a->s[k].y);
		ok &= (c->vi || a->s[k].buf) && a->s[k].x && a->s[k].y;
	}
	if (ok && pthread_mutex_init(&a->mu, NULL) == 0) {
		if (pthread_cond_init(&a->changed, NULL) == 0) {
			if (pthread_create(&a->th, NULL, xy_run, a) == 0)
				return a;
			pthread_cond_destroy(&a->changed);
		}
		pthread_mutex_destroy(&a->mu);
	}
	xy_free(a);
	return NULL;
}

/* Slot k once the thread has filled it. */
static const xyslot *xy_take(xyahead *a, int k)
{
	pthread_mutex_lock(&a->mu);
	while (!a->full[k])
		pthread_cond_wait(&a->changed, &a->mu);
	pthread_mutex_unlock(&a->mu);
	return &a->s[k];
}

/* Slot k handed back to the thread to fill again. */
static void xy_give(xyahead *a, int k)
{
	pthread_mutex_lock(&a->mu);
	a->full[k] = 0;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->mu);
}

/* The thread stopped (wherever it is) and its memory freed. */
static void xy_end(xyahead *a)
{
	pthread_mutex_lock(&a->mu);
	a->stop = 1;
	pthread_cond_broadcast(&a->changed);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->th, NULL);
	pthread_cond_destroy(&a->changed);
	pthread_mutex_destroy(&a->mu);
	xy_free(a);
}

/* ---- the drawn incidents ---------------------------------------------------- */

/* What each_drawn carries from chunk to chunk. */
typedef struct drawn_pass {
	drawn_fn fn;
	ahead_fn ahead;
	void *ud;
	ccount *cn;
	int32_t d0, d1;
	int timeline;
	size_t drawn;
} drawn_pass;

/* One chunk of them: got incidents from at on, at map points x, y. */
static im_status drawn_chunk(rctx *c, drawn_pass *p, const rvinfo *v, size_t at, size_t got,
			     const double *x, const double *y)
{
	im_status st = IM_OK;
	for (size_t k = 0; !st && k < got; k++) {
		double u, pv;
		if (p->ahead && k + AHEAD < got)
			p->ahead(p->ud, place_key(&v[k + AHEAD], 0));
		if (!drawn_at(c, x[k], y[k], &u, &pv))
			continue;
		p->drawn++;
		uint64_t key = place_key(&v[k], at + k);
		st = note_drawn(c, &v[k], key, p->cn, &p->d0, &p->d1, p->timeline);
		if (!st)
			st = p->fn(c, &v[k], at + k, u, pv, key, p->ud);
	}
	return st;
}

/* The chunks from the thread that reads and projects them. */
static im_status drawn_threaded(rctx *c, drawn_pass *p, xyahead *a)
{
	im_status st = IM_OK;
	for (int k = 0; !st; k ^= 1) {
		const xyslot *s = xy_take(a, k);
		if (!s->n)
			break;
		st = drawn_chunk(c, p, s->v, s->at, s->n, s->x, s->y);
		xy_give(a, k);
	}
	xy_end(a);
	return st;
}

/* The chunks read and projected here. */
static im_status drawn_here(rctx *c, drawn_pass *p)
{
	double *xs = NULL, *ys = NULL;
	size_t cap = 0, got = 0;
	im_status st = IM_OK;
	for (size_t at = 0; !st && at < c->nvalid; at += got) {
		const rvinfo *v = rvi_chunk(c, at, &got);
		if (!got)
			break;
		const double *y, *x = chunk_xy(c, v, at, got, &xs, &ys, &cap, &y);
		st = x ? drawn_chunk(c, p, v, at, got, x, y)
		       : im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	free(xs), free(ys);
	return st;
}

/* Reads the incidents a chunk at a time (the job may keep them in a file),
 * counts the drawn ones in the totals, the title's countries and (with
 * timeline) the timeline, in the order sorting them by place would give,
 * and hands each to fn; *drawn is how many. */
static im_status each_drawn(rctx *c, int timeline, drawn_fn fn, ahead_fn ahead, void *ud,
			    size_t *drawn)
{
	drawn_pass p = {fn, ahead, ud, calloc(65536, sizeof *p.cn), 0, 0, timeline, 0};
	im_status st = p.cn ? IM_OK : im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	count_reset(c);
	/* Projected already (c->px), or too few to be worth a thread. */
	int alone = st || c->px || c->nvalid < 2 * XY_SLOT || c->job->one_thread;
	xyahead *a = alone ? NULL : xy_start(c);
	if (!st)
		st = a ? drawn_threaded(c, &p, a) : drawn_here(c, &p);
	*drawn = p.drawn;
	if (!st) {
		count_end(c, p.d0, p.d1);
		countries_in_place_order(c, p.cn);
	}
	free(p.cn);
	return st;
}

static im_status bin_hex(rctx *c, const rvinfo *v, size_t i, double u, double pv, uint64_t key,
			 void *ud)
{
	(void)i, (void)ud;
	return hex_note(c, u, pv, v->fat, key);
}

static im_status bin_admin1(rctx *c, const rvinfo *v, size_t i, double u, double pv,
			    uint64_t key, void *ud)
{
	(void)i, (void)u, (void)pv, (void)key, (void)ud;
	return admin1_note(c, v);
}

/* --aggregate hex and admin1 (hex 1: hexagons, 0: provinces): the drawn
 * incidents counted and binned a chunk at a time, never sorted nor held:
 * the same bins, totals and order as marks_build's sorting gives.
 * timeline 0: the timeline has them already (auto, after the clusters
 * crowded). */
static im_status marks_bin(rctx *c, int hex, int timeline)
{
	size_t drawn = 0;
	im_status st = hex ? hex_begin(c) : admin1_begin(c);
	if (!st)
		st = each_drawn(c, timeline, hex ? bin_hex : bin_admin1, NULL, NULL, &drawn);
	if (!st && hex)
		st = hex_end(c);
	else if (!st)
		admin1_end(c);
	c->adm_total = hex ? 0 : drawn;
	c->nmarks = 0;
	return st;
}

/* ---- clusters: a place's incidents, one at a time ------------------------ */

/* What the mark of a place needs of its incidents, gathered one at a time
 * in input order. */
typedef struct rcell {
	uint64_t key;       /* the place: place_key without the index */
	float u, v;         /* on the page: its first incident's point, as
			     * precise as the mark keeps it (rmark's x, y) */
	int64_t fat, inj;   /* sums of the known figures, -1: none known */
	int32_t d0, d1;
	int32_t best_fat;   /* the first incident's fatalities */
	uint32_t count, undated, first, place, admin1;
	uint32_t tc[RMIX_TYPES];
	uint8_t style, mixed;
	char cc[2];
} rcell;

/* Its first incident: the one with most fatalities, the earliest of them. */
static void cell_take(rcell *e, const rvinfo *v, size_t i, double u, double pv)
{
	e->first = (uint32_t)i;
	e->best_fat = v->fat;
	e->u = (float)u, e->v = (float)pv;
	e->place = v->place, e->admin1 = v->admin1;
	e->cc[0] = v->cc[0], e->cc[1] = v->cc[1];
}

static void cell_add(rcell *e, const rvinfo *v, size_t i, double u, double pv)
{
	if (!e->count) {
		e->fat = e->inj = -1;
		e->style = v->style;
		cell_take(e, v, i, u, pv);
	} else {
		e->mixed |= v->style != e->style;
		if (v->fat > e->best_fat)
			cell_take(e, v, i, u, pv);
	}
	e->count++;
	e->tc[v->style < RMIX_TYPES ? v->style : RMIX_TYPES - 1]++;
	if (v->fat >= 0)
		e->fat = (e->fat < 0 ? 0 : e->fat) + v->fat;
	if (v->inj >= 0)
		e->inj = (e->inj < 0 ? 0 : e->inj) + v->inj;
	if (!v->date) {
		e->undated++;
		return;
	}
	if (!e->d0 || v->date < e->d0)
		e->d0 = v->date;
	if (!e->d1 || v->date > e->d1)
		e->d1 = v->date;
}

/* The mark of a place, appended to c->marks (room for it made). */
static im_status mark_from_cell(rctx *c, const rcell *e)
{
	rmark *m = &c->marks[c->nmarks++];
	memset(m, 0, sizeof *m);
	m->fat = e->fat, m->inj = e->inj;
	m->prov = -1;
	m->precise = !(e->key >> (63 - IDX_BITS));
	m->count = e->count;
	m->places = 1;
	m->undated = e->undated;
	m->d0 = e->d0, m->d1 = e->d1;
	m->st = e->mixed ? NULL : &im_styles[e->style];
	m->mix = -1;
	if (e->mixed && (m->mix = rmix_add(c, e->tc)) < 0)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	m->first = e->first;
	m->place = e->place;
	m->x = e->u;
	m->y = e->v;
	int64_t f = c->o->size_by == IM_SIZE_BY_INCIDENTS ? (int64_t)m->count
							  : m->fat > 0 ? m->fat : 0;
	c->nclusters += m->count > 1;
	m->size_mm = (float)rmark_size(m->count, f, e->mixed);
	/* The province an incident known only to its province is in: the one
	 * its admin1 names; the shape under its point only when no province in
	 * view bears that name (a point can fall outside the simplified
	 * outline of its own province). */
	if (!m->precise && e->admin1 && c->job->arena.p)
		m->prov = base_province_of(c, c->job->arena.p + e->admin1, e->cc);
	if (!m->precise && m->prov < 0)
		for (size_t p = 0; p < c->npg; p++)
			if (rgeom_contains(&c->pg[p], m->x, m->y)) {
				m->prov = (int)p;
				break;
			}
	return IM_OK;
}

/* Draw order: big symbols first, so small ones stay visible on top;
 * within a size, runs of one style and fill (one glyph run each). Key: 8
 * bits 255 - size in tenths of a mm, 1 bit precise, 3 bits style, then
 * the mark's index. */
static im_status marks_order(rctx *c)
{
	size_t n = c->nmarks ? c->nmarks : 1;
	uint64_t *keys = malloc(n * sizeof *keys), *tmp = malloc(n * sizeof *tmp);
	c->draw_order = malloc(n * sizeof *c->draw_order);
	if (!keys || !tmp || !c->draw_order) {
		free(keys), free(tmp);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		uint64_t sz = (uint64_t)lround(m->size_mm * 10);
		uint64_t si = m->st ? (uint64_t)(m->st - im_styles) : 7;
		keys[i] = (255 - (sz > 255 ? 255 : sz)) << 40 | (uint64_t)m->precise << 39 |
			  si << 36 | (uint64_t)i;
	}
	rradix64(keys, tmp, c->nmarks, 36);
	for (size_t i = 0; i < c->nmarks; i++)
		c->draw_order[i] = (uint32_t)(keys[i] & 0xfffffffffULL);
	free(keys);
	free(tmp);
	return IM_OK;
}

/* The places seen so far: open addressing, a slot each holding the key
 * + 1 (38 bits; 0: empty) above the index of its cell (26 bits: at most
 * MAX_INCIDENTS cells), 8 bytes, so that the table of a million places
 * stays small enough to be read at random. */
#define SLOT_CELL (((uint64_t)1 << IDX_BITS) - 1)

typedef struct cells {
	rcell *v;
	size_t n, cap;
	uint64_t *slot;
	size_t nslot;
} cells;

static int cells_grow(cells *t)
{
	size_t ns = t->nslot ? t->nslot * 2 : 1024;
	uint64_t *sl = calloc(ns, sizeof *sl);
	if (!sl)
		return -1;
	for (size_t i = 0; i < t->nslot; i++) {
		if (!t->slot[i])
			continue;
		size_t k = (size_t)mix_key(t->slot[i] >> IDX_BITS) & (ns - 1);
		while (sl[k])
			k = (k + 1) & (ns - 1);
		sl[k] = t->slot[i];
	}
	free(t->slot);
	t->slot = sl, t->nslot = ns;
	return 0;
}

/* The slot a key's search starts at (the table may grow before it is
 * used: then only a prefetch is wasted). */
static uint64_t *cell_slot(const cells *t, uint64_t key)
{
	return &t->slot[(size_t)mix_key(key + 1) & (t->nslot - 1)];
}

static rcell *cell_of(cells *t, uint64_t key)
{
	if ((t->n + 1) * 2 > t->nslot && cells_grow(t))
		return NULL;
	uint64_t want = key + 1;
	size_t k = (size_t)(cell_slot(t, key) - t->slot);
	while (t->slot[k] && t->slot[k] >> IDX_BITS != want)
		k = (k + 1) & (t->nslot - 1);
	if (t->slot[k])
		return &t->v[t->slot[k] & SLOT_CELL];
	if (im_grow(&t->v, &t->cap, t->n + 1, sizeof *t->v))
		return NULL;
	t->slot[k] = want << IDX_BITS | (uint64_t)t->n;
	rcell *e = &t->v[t->n++];
	memset(e, 0, sizeof *e);
	e->key = key;
	return e;
}

/* each_drawn's look ahead: the slot of a place soon to come fetched. */
static void cell_ahead(void *ud, uint64_t key)
{
	const cells *t = ud;
	if (t->nslot)
		__builtin_prefetch(cell_slot(t, key >> IDX_BITS));
}

/* One drawn incident into the cell of its place. */
static im_status fill_cell(rctx *c, const rvinfo *v, size_t i, double u, double pv, uint64_t key,
			   void *ud)
{
	rcell *e = cell_of(ud, key >> IDX_BITS);
	if (!e)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	cell_add(e, v, i, u, pv);
	return IM_OK;
}

/* --aggregate clusters and auto for a streaming job: a mark per place,
 * its incidents gathered in a cell as they are read, so that memory
 * grows with the places, not the incidents; the same marks, in the same
 * order, as sorting the incidents by place gives. */
static im_status marks_cells(rctx *c)
{
	cells t = {0};
	size_t skipped = c->nskipped, out = c->nout;
	int autom = c->o->aggregate == IM_AGG_AUTO;
	size_t drawn;
	im_status st = each_drawn(c, 1, fill_cell, cell_ahead, &t, &drawn);
	free(t.slot);
	/* In place order: the cell's key (38 bits) above its index (26). */
	size_t n = t.n ? t.n : 1;
	uint64_t *order = st ? NULL : malloc(n * sizeof *order);
	uint64_t *tmp = st ? NULL : malloc(n * sizeof *tmp);
	c->marks = st ? NULL : malloc(n * sizeof *c->marks);
	if (!st && (!order || !tmp || !c->marks))
		st = im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	c->nmarks = 0;
	if (!st) {
		for (size_t i = 0; i < t.n; i++)
			order[i] = t.v[i].key << IDX_BITS | (uint64_t)i;
		rradix64(order, tmp, t.n, IDX_BITS);
	}
	const uint64_t IDX = ((uint64_t)1 << IDX_BITS) - 1;
	for (size_t i = 0; !st && i < t.n; i++) {
		if (i + 8 < t.n) /* the cells are read in place order: scattered */
			__builtin_prefetch(&t.v[order[i + 8] & IDX]);
		st = mark_from_cell(c, &t.v[order[i] & IDX]);
	}
	free(order), free(tmp), free(t.v);
	if (st)
		return st;
	if (autom && (st = crowd_merge(c)))
		return st;
	if (autom && marks_crowded(c)) {
		c->nmarks = c->nclusters = c->nmix = 0;
		c->nskipped = skipped, c->nout = out; /* counted again */
		return marks_bin(c, 1, 0);
	}
	return marks_order(c);
}

im_status marks_build(rctx *c)
{
	im_render_agg agg = c->o->aggregate;
	if (agg == IM_AGG_HEX || agg == IM_AGG_ADMIN1)
		return marks_bin(c, agg == IM_AGG_HEX, 1);
	if (c->job->stream)
		return marks_cells(c);
	size_t n = c->nvalid;
	uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
	uint64_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
	c->marks = malloc((n ? n : 1) * sizeof *c->marks);
	if (!keys || !tmp || !c->marks) {
		free(keys), free(tmp);
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	size_t nk = 0;
	double *x = c->px, *y = c->py;
	for (size_t i = 0; i < n; i++) {
		double u, v;
		if (!drawn_at(c, x[i], y[i], &u, &v))
			continue;
		x[i] = u; /* page units from here on */
		y[i] = v;
		keys[nk++] = place_key(&c->vi[i], i);
	}
	rradix64(keys, tmp, nk, IDX_BITS);
	count_drawn(c, keys, nk);
	im_status st = feed_timeline(c, keys, nk);

	const uint64_t IDX = ((uint64_t)1 << IDX_BITS) - 1;
	c->nmarks = 0;
	int each = agg == IM_AGG_NONE;
	for (size_t a = 0; !st && a < nk;) {
		size_t b = a + 1;
		while (!each && b < nk && (keys[b] >> IDX_BITS) == (keys[a] >> IDX_BITS))
			b++;
		rcell e;
		memset(&e, 0, sizeof e);
		e.key = keys[a] >> IDX_BITS;
		for (size_t k = a; k < b; k++) {
			size_t i = keys[k] & IDX;
			cell_add(&e, &c->vi[i], i, x[i], y[i]);
		}
		st = mark_from_cell(c, &e);
		a = b;
	}
	if (!st && (agg == IM_AGG_AUTO || c->merge_crowded))
		st = crowd_merge(c);
	if (!st && agg == IM_AGG_AUTO && !c->merge_crowded && marks_crowded(c)) {
		c->nmarks = c->nclusters = c->nmix = 0;
		st = hex_build(c, keys, nk, IDX, x, y);
		free(keys), free(tmp);
		return st;
	}
	free(keys), free(tmp);
	return st ? st : marks_order(c);
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

double rmark_edge(const rctx *c, const rmark *m)
{
	return rmm(c, m->precise ? EDGE_MM : OPEN_MM);
}

im_rbox rmark_box(const rctx *c, const rmark *m)
{
	double r = mark_half(c, m);
	im_rbox b = {m->x - r, m->y - r, m->x + r, m->y + r};
	return b;
}

/* How a shape stands in the way of a label, in em: how far it reaches
 * right, left, up and down, and how far a label's corner must keep from its
 * centre, along both axes, at the upper right, lower right, upper left and
 * lower left (the largest min(|x|, |y|) of its outline in that quarter: a
 * circle's r / sqrt 2, a square's half side). Labels then hug a symbol
 * whatever its shape and size. */
typedef struct rclear {
	double reach[4]; /* right, left, up, down */
	double corner[4]; /* upper right, lower right, upper left, lower left */
} rclear;

static const rclear *shape_clear(im_shape s)
{
	static rclear tab[6];
	static int done[6];
	unsigned k = (unsigned)s < 6 ? (unsigned)s : 0;
	if (done[k])
		return &tab[k];
	double x[RSHAPE_MAX], y[RSHAPE_MAX];
	int n = rshape_points((im_shape)k, x, y);
	rclear *r = &tab[k];
	memset(r, 0, sizeof *r);
	static const int sx[4] = {1, 1, -1, -1}, sy[4] = {-1, 1, -1, 1};
	for (int i = 0; i < n; i++) {
		r->reach[0] = fmax(r->reach[0], x[i]);
		r->reach[1] = fmax(r->reach[1], -x[i]);
		r->reach[2] = fmax(r->reach[2], -y[i]);
		r->reach[3] = fmax(r->reach[3], y[i]);
		/* Along each edge min(sx x, sy y) is the lower of two straight
		 * lines: largest at an end or where they cross (a diamond's edge
		 * comes nearest a diagonal corner between its vertices). */
		int j = (i + 1) % n;
		for (int d = 0; d < 4; d++) {
			double a0 = sx[d] * x[i], a1 = sx[d] * x[j], b0 = sy[d] * y[i], b1 = sy[d] * y[j];
			double best = fmax(fmin(a0, b0), fmin(a1, b1));
			double den = (a1 - a0) - (b1 - b0);
			if (den != 0) {
				double t = (b0 - a0) / den;
				if (t > 0 && t < 1)
					best = fmax(best, a0 + t * (a1 - a0));
			}
			r->corner[d] = fmax(r->corner[d], best);
		}
	}
	done[k] = 1;
	return r;
}

/* Where a label box (halo included) w x h goes at each of the eight places
 * around mark m, upper right first, then right, lower right, the left side,
 * above, below: its top-left corner, just clear of the symbol's outline
 * and edge. */
static void label_places(const rctx *c, const rmark *m, double w, double h, double at[8][2])
{
	const rclear *k = shape_clear(m->st ? m->st->shape : IM_SHAPE_CIRCLE);
	double d = rmm(c, m->size_mm);
	/* The whole edge width (its miter joins reach past the outline) and a
	 * gap. */
	double pad = rmm(c, m->precise ? EDGE_MM : OPEN_MM) + rmm(c, LABEL_GAP_MM);
	double x = m->x, y = m->y;
	double ur = k->corner[0] * d + pad, lr = k->corner[1] * d + pad;
	double ul = k->corner[2] * d + pad, ll = k->corner[3] * d + pad;
	double R = k->reach[0] * d + pad, L = k->reach[1] * d + pad;
	double U = k->reach[2] * d + pad, D = k->reach[3] * d + pad;
	double p[8][2] = {
		{x + ur, y - ur - h}, {x + R, y - h / 2},     {x + lr, y + lr},
		{x - ul - w, y - ul - h}, {x - L - w, y - h / 2}, {x - ll - w, y + ll},
		{x - w / 2, y - U - h},   {x - w / 2, y + D},
	};
	memcpy(at, p, sizeof p);
}

/* The text of a label lines up on the symbol's side: right-aligned left of
 * it, centred above and below. */
static const PangoAlignment place_align[8] = {
	PANGO_ALIGN_LEFT,  PANGO_ALIGN_LEFT,  PANGO_ALIGN_LEFT,   PANGO_ALIGN_RIGHT,
	PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
};

im_status marks_obstacles(rctx *c)
{
	c->mark_coll0 = c->coll.n;
	im_rbox *b = malloc((c->nmarks ? c->nmarks : 1) * sizeof *b);
	for (size_t i = 0; b && i < c->nmarks; i++)
		b[i] = rmark_box(c, &c->marks[i]);
	im_status st = b ? rcoll_add_all(&c->coll, b, c->nmarks) : IM_E_NOMEM;
	free(b);
	return st ? im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory") : IM_OK;
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

const char *rnum(long long n, char *buf)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%lld", n < 0 ? -n : n);
	char *o = buf;
	if (n < 0)
		*o++ = '-';
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			*o++ = ',';
		*o++ = d[i];
	}
	*o = 0;
	return buf;
}

void rfigures(long fat, long inj, char *buf, size_t cap)
{
	char a[32], b[32];
	if (fat == 0 && inj == 0)
		snprintf(buf, cap, "no casualties");
	else if (fat >= 0 && inj > 0)
		snprintf(buf, cap, "%s killed, %s injured", rnum(fat, a), rnum(inj, b));
	else if (fat == 0)
		snprintf(buf, cap, "no deaths");
	else if (fat > 0)
		snprintf(buf, cap, "%s killed", rnum(fat, a));
	else if (inj >= 0)
		snprintf(buf, cap, "%s injured", rnum(inj, b));
	else
		buf[0] = 0;
}

/* Label priority: most fatalities, then most incidents, most injuries,
 * then input order. */
static int prio_before(const rmark *x, const rmark *y)
{
	if (x->fat != y->fat)
		return x->fat > y->fat;
	if (x->count != y->count)
		return x->count > y->count;
	if (x->inj != y->inj)
		return x->inj > y->inj;
	return x->first < y->first;
}

static int cmp_prio(const void *a, const void *b)
{
	const rmark *x = *(rmark *const *)a, *y = *(rmark *const *)b;
	return prio_before(x, y) ? -1 : prio_before(y, x) ? 1 : 0;
}

/* The k marks of highest priority, best first, into out (a heap whose root
 * is the weakest kept mark, then sorted). Returns how many. */
static size_t top_marks(rctx *c, rmark **out, size_t k)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nmarks; i++) {
		rmark *m = &c->marks[i];
		size_t j;
		if (n < k) {
			j = n++;
			while (j > 0 && prio_before(out[(j - 1) / 2], m)) {
				out[j] = out[(j - 1) / 2];
				j = (j - 1) / 2;
			}
			out[j] = m;
		} else if (prio_before(m, out[0])) {
			j = 0;
			for (;;) {
				size_t l = 2 * j + 1, r = l + 1, w = j;
				rmark *wm = m;
				if (l < n && prio_before(out[l], wm))
					w = l, wm = out[l];
				if (r < n && prio_before(out[r], wm))
					w = r, wm = out[r];
				if (w == j)
					break;
				out[j] = out[w];
				j = w;
			}
			out[j] = m;
		}
	}
	qsort(out, n, sizeof *out, cmp_prio);
	return n;
}

/* The first line of a merged ring's label: after the largest place of the
 * gazetteer under the ring ("Baghdad area (19 incidents, 12 places)"),
 * else after its place of most incidents ("Sadr City and 11 more places
 * (19 incidents)"). */
static void merged_line(rctx *c, const rmark *m, const char *place, char *buf, size_t cap)
{
	const im_place *city = NULL;
	double r = rmm(c, m->size_mm) / 2;
	for (size_t i = 0; i < c->ncand; i++) {
		const im_place *p = &c->cand[i];
		double x = p->lon, y = p->lat;
		if ((city && p->population <= city->population) || rproj_fwd(&c->proj, &x, &y, 1))
			continue;
		if (hypot(rview_u(&c->view, x) - m->x, rview_v(&c->view, y) - m->y) <= r)
			city = p;
	}
	char num[32], name[200];
	if (city) {
		rdisplay_name(city->name, strlen(city->name), name, sizeof name);
		snprintf(buf, cap, "%s area (%s incidents, %u places)", name, rnum(m->count, num),
			 (unsigned)m->places);
	} else {
		snprintf(buf, cap, "%s and %u more place%s (%s incidents)", place,
			 (unsigned)m->places - 1, m->places == 2 ? "" : "s", rnum(m->count, num));
	}
	if (c->info && !c->info->merged_name[0])
		snprintf(c->info->merged_name, sizeof c->info->merged_name, "%s", buf);
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
	/* Only the first LABEL_MAX can get a label; six more name what was
	 * left out in the warning. */
	size_t k = c->nmarks < LABEL_MAX + 6 ? c->nmarks : LABEL_MAX + 6;
	rmark **order = malloc(k * sizeof *order);
	if (!order)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	k = top_marks(c, order, k);
	double halo = rmm(c, HALO_MM), inset = rmm(c, 1.0);
	im_rbox area = {c->frame.x0 + inset, c->frame.y0 + inset, c->frame.x1 - inset,
			c->frame.y1 - inset};
	/* The smallest a label can be (two lines, the second a date at least):
	 * where even that hits something at all eight places, the label need
	 * not be laid out, which in a crowded map is most of them. */
	double ix, iy, wmin, hmin;
	PangoLayout *probe = rtext_label(c, "I\n1 May 2024", PT_TEXT);
	rtext_ink(probe, &ix, &iy, &wmin, &hmin);
	g_object_unref(probe);
	wmin = wmin * 0.9 + 2 * halo;
	hmin += 2 * halo;
	im_status st = IM_OK;
	for (size_t i = 0; i < k && !st; i++) {
		rmark *m = order[i];
		const char *place = c->job->arena.p ? c->job->arena.p + m->place : "";
		if (i >= LABEL_MAX) {
			note_left_out(c, place);
			continue;
		}
		/* Its own symbol is kept clear of by label_places; the others by
		 * their boxes. */
		size_t own = c->mark_coll0 + (size_t)(m - c->marks);
		double at[8][2];
		label_places(c, m, wmin, hmin, at);
		int room = 0;
		for (int j = 0; j < 8 && !room; j++) {
			im_rbox b = {at[j][0], at[j][1], at[j][0] + wmin, at[j][1] + hmin};
			room = rbox_inside(b, area) && !rcoll_hits_except(&c->coll, b, own);
		}
		if (!room) {
			note_left_out(c, place);
			continue;
		}
		char line1[300], dates[80], figs[80], text[600], num[32];
		if (m->places > 1)
			merged_line(c, m, place, line1, sizeof line1);
		else if (m->count > 1)
			snprintf(line1, sizeof line1, "%s (%s incidents)", place,
				 rnum(m->count, num));
		else
			snprintf(line1, sizeof line1, "%s", place);
		if (!m->precise)
			snprintf(line1 + strlen(line1), sizeof line1 - strlen(line1), " (province)");
		im_date a0 = {m->d0 / 10000, m->d0 / 100 % 100, m->d0 % 100};
		im_date a1 = {m->d1 / 10000, m->d1 / 100 % 100, m->d1 % 100};
		rdate_range(a0, a1, dates, sizeof dates);
		rfigures((long)m->fat, (long)m->inj, figs, sizeof figs);
		snprintf(text, sizeof text, "%s\n%s%s%s", line1, dates, figs[0] ? " \u00b7 " : "",
			 figs);
		PangoLayout *lay = rtext_label(c, text, PT_TEXT);
		double lw, lh;
		rtext_size(lay, &lw, &lh);
		pango_layout_set_width(lay, (int)ceil(lw * PANGO_SCALE));
		int placed = 0;
		PangoAlignment al = (PangoAlignment)-1;
		double w = 0, h = 0;
		for (int j = 0; j < 8 && !placed; j++) {
			if (place_align[j] != al) {
				/* The ink moves as the lines align another way. */
				al = place_align[j];
				pango_layout_set_alignment(lay, al);
				rtext_ink(lay, &ix, &iy, &w, &h);
				w += 2 * halo, h += 2 * halo;
				label_places(c, m, w, h, at);
			}
			im_rbox b = {at[j][0], at[j][1], at[j][0] + w, at[j][1] + h};
			if (!rbox_inside(b, area) || rcoll_hits_except(&c->coll, b, own))
				continue;
			st = rlabel_keep(c, lay, b.x0 + halo - ix, b.y0 + halo - iy, b,
					 IM_RLABEL_INCIDENT, rgb_hex(0x1a1a1a));
			placed = 1;
			m->labelled = 1;
		}
		if (!placed) {
			g_object_unref(lay);
			note_left_out(c, place);
		}
	}
	free(order);
	/* Those not even tried. */
	if (c->nmarks > k)
		c->unlabelled += c->nmarks - k;
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

void mark_ring(rctx *c, double cx, double cy, double size_mm, const uint32_t *tc, int open)
{
	cairo_t *cr = c->cr;
	double R = rmm(c, size_mm) / 2, r = R * (open ? 0.78 : 0.64);
	uint32_t total = 0;
	for (size_t i = 0; tc && i < RMIX_TYPES; i++)
		total += tc[i];
	cairo_save(cr);
	cairo_new_path(cr);
	double a0 = -M_PI / 2;
	for (size_t i = 0; total && i < RMIX_TYPES && i < im_n_styles; i++) {
		if (!tc[i])
			continue;
		double a1 = a0 + 2 * M_PI * tc[i] / total;
		cairo_new_path(cr);
		cairo_arc(cr, cx, cy, R, a0, a1);
		cairo_arc_negative(cr, cx, cy, r, a1, a0);
		cairo_close_path(cr);
		rset(cr, rgb_style(&im_styles[i]));
		cairo_fill(cr);
		a0 = a1;
	}
	if (!total) {
		cairo_arc(cr, cx, cy, R, 0, 2 * M_PI);
		rset(cr, rgb_hex(0x4d4d4d));
		cairo_fill(cr);
	}
	cairo_new_path(cr);
	cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill(cr);
	/* a thin dark edge outside, as single symbols have */
	cairo_arc(cr, cx, cy, R, 0, 2 * M_PI);
	rset(cr, rgb_hex(0x2b2b2b));
	cairo_set_line_width(cr, rmm(c, 0.15));
	cairo_stroke(cr);
	cairo_restore(cr);
}

void mark_merged(rctx *c, double cx, double cy, double size_mm, const uint32_t *tc)
{
	mark_ring(c, cx, cy, size_mm - 1.0, tc, 0);
	cairo_t *cr = c->cr;
	double w = rmm(c, 0.25);
	cairo_new_path(cr);
	cairo_arc(cr, cx, cy, rmm(c, size_mm) / 2 - w / 2, 0, 2 * M_PI);
	rset(cr, rgb_hex(0x2b2b2b));
	cairo_set_line_width(cr, w);
	cairo_stroke(cr);
}

/* Glyphs per cairo call: runs are drawn in chunks of this many, so a
 * million markers need no million-entry arrays. */
#define CHUNK 16384

/* The marks in draw order, packed (NULL when out of memory). The reads
 * of the marks here are scattered: fetched ahead. */
static rdrawn *drawn_list(const rctx *c)
{
	rdrawn *d = malloc((c->nmarks ? c->nmarks : 1) * sizeof *d);
	for (size_t k = 0; d && k < c->nmarks; k++) {
		if (k + 16 < c->nmarks)
			__builtin_prefetch(&c->marks[c->draw_order[k + 16]]);
		const rmark *m = &c->marks[c->draw_order[k]];
		d[k].x = m->x, d[k].y = m->y, d[k].size_mm = m->size_mm;
		d[k].mark = c->draw_order[k];
		d[k].style = m->st ? (uint8_t)(m->st - im_styles) : RDRAWN_RING;
		d[k].precise = m->precise;
		d[k].hidden = 0;
	}
	return d;
}

/* A run of rings, one by one. */
static void draw_rings(rctx *c, const rdrawn *d, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const rmark *o = &c->marks[d[k].mark];
		const uint32_t *tc = o->mix >= 0 ? c->mix[o->mix] : NULL;
		if (d[k].hidden)
			continue;
		if (o->places > 1)
			mark_merged(c, o->x, o->y, o->size_mm, tc);
		else
			mark_ring(c, o->x, o->y, o->size_mm, tc, !o->precise);
	}
}

/* Few markers over a large part of the map: drawn one by one
 * (glyph_run). The mask for a run costs about what a single marker does
 * per 15,000 pixels it spans. */
static int run_sparse(const rctx *c, const rdrawn *d, size_t n)
{
	float x0 = d[0].x, x1 = d[0].x, y0 = d[0].y, y1 = d[0].y;
	for (size_t k = 0; k < n; k++) {
		x0 = fminf(x0, d[k].x), x1 = fmaxf(x1, d[k].x);
		y0 = fminf(y0, d[k].y), y1 = fmaxf(y1, d[k].y);
	}
	double span = rmm(c, d[0].size_mm) + 2;
	return (double)n * 15000 < (x1 - x0 + span) * (y1 - y0 + span);
}

/* What a run of glyphs needs: CHUNK glyphs, clusters, their text and
 * points. */
typedef struct grun {
	cairo_glyph_t *gl;
	cairo_text_cluster_t *cl;
	char *utf8;
	double *xs, *ys;
} grun;

/* A run of markers of one size, shape, colour and fill: the bodies of
 * the whole run, then its edges. Sparse or not is decided on the whole
 * run, and the glyphs of a call are those of the whole run's chunk less
 * the hidden ones, so leaving these out changes no pixel. */
static void draw_glyphs(rctx *c, const rdrawn *d, size_t n, grun *g)
{
	const im_style *st = &im_styles[d[0].style];
	im_shape shape = st->shape;
	rgb col = rgb_style(st), edge = rgb_hex(0x2b2b2b), white = {1, 1, 1};
	int open = !d[0].precise, sparse = run_sparse(c, d, n);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n; k += CHUNK) {
			size_t end = n - k < CHUNK ? n : k + CHUNK, got = 0;
			for (size_t i = k; i < end; i++) {
				if (d[i].hidden)
					continue;
				g->xs[got] = d[i].x;
				g->ys[got++] = d[i].y;
			}
			if (pass == 0)
				glyph_run(c, g->xs, g->ys, got, glyph_of(shape, 0, d[0].size_mm),
					  shape_char(shape, open), open ? white : col, g->gl, g->cl,
					  g->utf8, sparse);
			else
				glyph_run(c, g->xs, g->ys, got,
					  glyph_of(shape, open ? 2 : 1, d[0].size_mm), " ",
					  open ? col : edge, g->gl, g->cl, g->utf8, sparse);
		}
}

/* ---- the hidden symbols found in a thread of their own ------------------- */

#define HIDDEN_AHEAD_MIN 2048 /* symbols: fewer take no thread */

typedef struct hidden_ahead {
	rctx *c;
	rhidden_at at;
	rdrawn *d;      /* NULL: out of memory */
	size_t nhidden;
	pthread_t th;
} hidden_ahead;

static void *hidden_run(void *ud)
{
	hidden_ahead *h = ud;
	h->d = drawn_list(h->c);
	if (h->d)
		h->nhidden = marks_hidden_find(h->c, &h->at, h->d, h->c->nmarks);
	return NULL;
}

void marks_hidden_ahead(rctx *c)
{
	if (c->nmarks < HIDDEN_AHEAD_MIN || c->job->one_thread || c->hid)
		return;
	hidden_ahead *h = calloc(1, sizeof *h);
	if (!h)
		return;
	h->c = c;
	if (!marks_hidden_where(c, &h->at) || pthread_create(&h->th, NULL, hidden_run, h)) {
		free(h);
		return;
	}
	c->hid = h;
}

/* The thread's list, when it was worked out for the pixels the map
 * draws into now; else NULL. */
static rdrawn *hidden_taken(rctx *c)
{
	hidden_ahead *h = c->hid;
	if (!h)
		return NULL;
	pthread_join(h->th, NULL);
	c->hid = NULL;
	rhidden_at now;
	rdrawn *d = h->d;
	if (d && marks_hidden_where(c, &now) && memcmp(&now, &h->at, sizeof now) == 0) {
		c->nhidden += h->nhidden;
	} else {
		free(d);
		d = NULL;
	}
	free(h);
	return d;
}

void marks_hidden_end(rctx *c)
{
	free(hidden_taken(c));
}

im_status marks_draw(rctx *c)
{
	if (c->nhex)
		hex_draw(c);
	if (!c->nmarks)
		return IM_OK;
	grun g = {malloc(CHUNK * sizeof *g.gl), malloc(CHUNK * sizeof *g.cl), malloc(CHUNK * 4 + 1),
		  malloc(CHUNK * sizeof *g.xs), malloc(CHUNK * sizeof *g.ys)};
	rdrawn *d = hidden_taken(c);
	int found = d != NULL;
	if (!d)
		d = drawn_list(c);
	im_status st = IM_OK;
	if (!g.gl || !g.cl || !g.utf8 || !g.xs || !g.ys || !d)
		st = im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st && !found)
		marks_hidden(c, d, c->nmarks);
	for (size_t a = 0; !st && a < c->nmarks;) {
		size_t b = rdrawn_run_end(d, c->nmarks, a);
		if (d[a].style == RDRAWN_RING)
			draw_rings(c, d + a, b - a);
		else
			draw_glyphs(c, d + a, b - a, &g);
		a = b;
	}
	free(g.gl), free(g.cl), free(g.utf8), free(g.xs), free(g.ys), free(d);
	if (st)
		return st;

	/* The count inside each cluster. */
	rgb white = {1, 1, 1};
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		if (m->count < 2)
			continue;
		char num[24];
		snprintf(num, sizeof num, "%u", (unsigned)m->count);
		/* marks_build made clusters large enough for their count in the
		 * text size. */
		PangoLayout *lay = rtext(c, num, PT_TEXT, 1, 0);
		double w, h;
		rtext_size(lay, &w, &h);
		rgb col = ink_on(m->precise && m->st ? mark_colour(m) : white);
		rtext_draw(c, lay, m->x - w / 2, m->y - h / 2, col, 0, col);
		g_object_unref(lay);
	}
	return IM_OK;
}
