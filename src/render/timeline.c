/* timeline.c: the timeline chart: incidents and fatalities per day, ISO
 * week or month, stacked by event type in the symbology table's colours,
 * drawn with cairo under a map (--timeline) or anywhere a caller asks
 * (the briefing pack's second page). */
#include "render_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define INK 0x222222
#define MUTED 0x5c5c5c
#define GRID 0xdddddd
#define NT RMIX_TYPES
/* The most bars a chart draws: past it a bar is thinner than a hairline
 * on an A4 page. */
#define TL_MAX_BARS 1500
/* AUTO picks the finest period giving at most this many bars. */
#define TL_AUTO_BARS 62

/* One day with incidents: how many of each style, and their fatalities. */
typedef struct tl_day {
	long day; /* days since 1970-01-01; LONG_MIN: an empty slot */
	uint32_t n[NT];
	int64_t fat[NT];
} tl_day;

struct im_timeline {
	tl_day *slot; /* open addressing on the day */
	size_t cap, used;
	size_t total, undated;
	int fat_known;
	long d0, d1; /* the first and last day seen */
};

im_status im_timeline_new(im_timeline **out, im_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	return IM_OK;
}

void im_timeline_free(im_timeline *t)
{
	if (!t)
		return;
	free(t->slot);
	free(t);
}

static size_t day_hash(long day, size_t cap)
{
	uint64_t h = (uint64_t)day * 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 20) & (cap - 1);
}

static tl_day *day_slot(tl_day *slot, size_t cap, long day)
{
	size_t k = day_hash(day, cap);
	while (slot[k].day != LONG_MIN && slot[k].day != day)
		k = (k + 1) & (cap - 1);
	return &slot[k];
}

static int grow(im_timeline *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256;
	tl_day *s = malloc(cap * sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < cap; i++)
		s[i].day = LONG_MIN;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].day != LONG_MIN)
			*day_slot(s, cap, t->slot[i].day) = t->slot[i];
	free(t->slot);
	t->slot = s;
	t->cap = cap;
	return 0;
}

im_status timeline_note(im_timeline *t, int32_t date, unsigned style, int32_t fat, im_error *err)
{
	t->total++;
	if (fat >= 0)
		t->fat_known = 1;
	if (!date) {
		t->undated++;
		return IM_OK;
	}
	if (t->used * 2 >= t->cap && grow(t))
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_date d = {date / 10000, date / 100 % 100, date % 100};
	long day = im_date_to_days(d);
	tl_day *s = day_slot(t->slot, t->cap, day);
	if (s->day == LONG_MIN) {
		memset(s, 0, sizeof *s);
		s->day = day;
		t->used++;
		if (t->used == 1 || day < t->d0)
			t->d0 = day;
		if (t->used == 1 || day > t->d1)
			t->d1 = day;
	}
	unsigned k = style < NT ? style : NT - 1;
	s->n[k]++;
	if (fat > 0)
		s->fat[k] += fat;
	return IM_OK;
}

im_status im_timeline_add(im_timeline *t, const im_incident *inc, im_error *err)
{
	int32_t date = 0;
	if (inc->event_date.y && im_date_valid(inc->event_date))
		date = inc->event_date.y * 10000 + inc->event_date.m * 100 + inc->event_date.d;
	unsigned style = (unsigned)(im_style_for(inc->event_type) - im_styles);
	return timeline_note(t, date, style, inc->fatalities < 0 ? -1 : inc->fatalities, err);
}

size_t im_timeline_count(const im_timeline *t, size_t *undated)
{
	if (undated)
		*undated = t->undated;
	return t->total;
}

im_period im_timeline_period(const im_timeline *t, im_period p)
{
	if (p != IM_PERIOD_AUTO)
		return p;
	if (!t->used)
		return IM_PERIOD_DAY;
	return im_period_auto(im_date_from_days(t->d0), im_date_from_days(t->d1), TL_AUTO_BARS);
}

/* ---- bins ------------------------------------------------------------------ */

/* The days gathered into periods k0 .. k0 + n - 1 (every period between the
 * first and the last, the empty ones too). */
typedef struct tl_bins {
	im_period p;
	long k0;
	size_t n;
	uint32_t (*cnt)[NT];
	int64_t (*fat)[NT];
	uint64_t type_n[NT];
	uint64_t total_n;
	int64_t total_fat;
} tl_bins;

static void bins_free(tl_bins *b)
{
	free(b->cnt);
	free(b->fat);
}

static im_status bins_make(const im_timeline *t, im_period p, tl_bins *b, im_error *err)
{
	memset(b, 0, sizeof *b);
	b->p = p;
	if (!t->used)
		return IM_OK;
	im_date d0 = im_date_from_days(t->d0), d1 = im_date_from_days(t->d1);
	b->k0 = im_period_of(p, d0);
	long n = im_period_of(p, d1) - b->k0 + 1;
	if (n > TL_MAX_BARS)
		return im_error_set(err, IM_E_TOO_LARGE, NULL, 0, 0,
		                    "the dates span %ld %ss, more than a timeline shows (%d): "
		                    "choose a longer period or filter the dates",
		                    n, im_period_name(p), TL_MAX_BARS);
	b->n = (size_t)n;
	b->cnt = calloc(b->n, sizeof *b->cnt);
	b->fat = calloc(b->n, sizeof *b->fat);
	if (!b->cnt || !b->fat) {
		bins_free(b);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	for (size_t i = 0; i < t->cap; i++) {
		const tl_day *s = &t->slot[i];
		if (s->day == LONG_MIN)
			continue;
		size_t k = (size_t)(im_period_of(p, im_date_from_days(s->day)) - b->k0);
		for (int j = 0; j < NT; j++) {
			b->cnt[k][j] += s->n[j];
			b->fat[k][j] += s->fat[j];
			b->type_n[j] += s->n[j];
			b->total_n += s->n[j];
			b->total_fat += s->fat[j];
		}
	}
	return IM_OK;
}

static int64_t bin_value(const tl_bins *b, size_t k, int j, int fat)
{
	return fat ? b->fat[k][j] : (int64_t)b->cnt[k][j];
}

static int64_t bin_max(const tl_bins *b, int fat)
{
	int64_t max = 0;
	for (size_t k = 0; k < b->n; k++) {
		int64_t s = 0;
		for (int j = 0; j < NT; j++)
			s += bin_value(b, k, j, fat);
		if (s > max)
			max = s;
	}
	return max;
}

/* A step of 1, 2 or 5 times a power of ten giving at most 4 gridlines up to
 * max (at least 1). */
static int64_t axis_step(int64_t max)
{
	int64_t step = 1;
	for (int64_t p = 1; p <= max; p *= 10) {
		static const int m[3] = {1, 2, 5};
		for (int i = 0; i < 3; i++)
			if (p * m[i] * 4 >= max) {
				step = p * m[i];
				return step;
			}
	}
	return step;
}

/* ---- drawing ---------------------------------------------------------------- */

static double text_at(rctx *c, const char *s, double pt, int bold, double x, double y, int align,
                      unsigned colour, int draw)
{
	PangoLayout *lay = rtext(c, s, pt, bold, 0);
	double w, h;
	rtext_size(lay, &w, &h);
	if (draw) {
		rgb none = {0, 0, 0};
		double x0 = align < 0 ? x : align == 0 ? x - w / 2 : x - w;
		rtext_draw(c, lay, x0, y, rgb_hex(colour), 0, none);
	}
	g_object_unref(lay);
	return w;
}

static double text_w(rctx *c, const char *s, double pt, int bold)
{
	return text_at(c, s, pt, bold, 0, 0, -1, INK, 0);
}

/* The width of the widest tick label of a chart up to max. */
static double axis_label_w(rctx *c, int64_t max)
{
	char k[32];
	int64_t step = axis_step(max);
	int64_t top = (max + step - 1) / step * step;
	return text_w(c, rnum(top > 0 ? top : 1, k), PT_SMALL, 0);
}

/* Between a chart's heading and its top: room for half a tick label. */
static double head_gap(rctx *c)
{
	return rtext_height(c, PT_SMALL) / 2 + rmm(c, 1);
}

/* One stacked-bar chart in plot (the bars' area; tick labels go left of
 * it, the heading above it). */
static void draw_chart(rctx *c, const tl_bins *b, im_rbox plot, double x_head, int fat,
                       const char *head)
{
	cairo_t *cr = c->cr;
	double th = rtext_height(c, PT_TEXT);
	text_at(c, head, PT_TEXT, 1, x_head, plot.y0 - th - head_gap(c), -1, INK, 1);
	int64_t max = bin_max(b, fat);
	int64_t step = axis_step(max);
	int64_t top = max > 0 ? (max + step - 1) / step * step : step;
	double hgt = plot.y1 - plot.y0, sh = rtext_height(c, PT_SMALL);
	/* gridlines and their values */
	cairo_set_line_width(cr, rmm(c, 0.15));
	for (int64_t v = 0; v <= top; v += step) {
		double y = plot.y1 - hgt * (double)v / (double)top;
		rset(cr, rgb_hex(v ? GRID : 0x8a8a8a));
		cairo_move_to(cr, plot.x0, y);
		cairo_line_to(cr, plot.x1, y);
		cairo_stroke(cr);
		char k[32];
		text_at(c, rnum(v, k), PT_SMALL, 0, plot.x0 - rmm(c, 1.2), y - sh / 2, 1, MUTED, 1);
	}
	double slot = (plot.x1 - plot.x0) / (double)b->n;
	double gap = slot > rmm(c, 1.2) ? slot * 0.18 : 0;
	for (size_t k = 0; k < b->n; k++) {
		double x = plot.x0 + slot * (double)k + gap / 2, y = plot.y1;
		for (int j = 0; j < NT; j++) {
			int64_t v = bin_value(b, k, j, fat);
			if (!v)
				continue;
			double h = hgt * (double)v / (double)top;
			cairo_rectangle(cr, x, y - h, slot - gap, h);
			rset(cr, rgb_style(
			             &im_styles[j < (int)im_n_styles ? j : (int)im_n_styles - 1]));
			cairo_fill(cr);
			y -= h;
		}
	}
}

/* The label under bar k: its short name, with the year on the first label
 * and where the year changes. */
static void x_label(const tl_bins *b, size_t k, long prev_year, char *buf, size_t cap)
{
	im_date a, z;
	im_period_range(b->p, b->k0 + (long)k, &a, &z);
	char s[32];
	im_period_short(b->p, b->k0 + (long)k, s, sizeof s);
	if (a.y != prev_year)
		snprintf(buf, cap, "%s %d", s, a.y);
	else
		snprintf(buf, cap, "%s", s);
}

/* How many bars one label stands for: labels must not touch. */
static size_t label_every(rctx *c, const tl_bins *b, double slot)
{
	double w = 0;
	char t[48];
	for (size_t k = 0; k < b->n && k < 400; k++) {
		x_label(b, k, -1, t, sizeof t);
		w = fmax(w, text_w(c, t, PT_SMALL, 0));
	}
	size_t every = (size_t)ceil((w + rmm(c, 2)) / slot);
	if (every < 1)
		every = 1;
	/* whole weeks of days, quarters and years of months read better */
	static const size_t days[] = {1, 2, 7, 14, 28, 91, 182, 364},
	                    months[] = {1, 2, 3, 6, 12, 24, 60, 120};
	const size_t *steps = b->p == IM_PERIOD_DAY     ? days
	                      : b->p == IM_PERIOD_MONTH ? months
	                                                : NULL;
	if (steps)
		for (int i = 0; i < 8; i++)
			if (steps[i] >= every)
				return steps[i];
	return every;
}

static void draw_x_axis(rctx *c, const tl_bins *b, im_rbox plot)
{
	cairo_t *cr = c->cr;
	double slot = (plot.x1 - plot.x0) / (double)b->n;
	size_t every = label_every(c, b, slot);
	long year = -1;
	cairo_set_line_width(cr, rmm(c, 0.15));
	rset(cr, rgb_hex(0x8a8a8a));
	for (size_t k = 0; k < b->n; k += every) {
		char t[48];
		x_label(b, k, year, t, sizeof t);
		im_date a, z;
		im_period_range(b->p, b->k0 + (long)k, &a, &z);
		year = a.y;
		double x = plot.x0 + slot * ((double)k + 0.5);
		cairo_move_to(cr, x, plot.y1);
		cairo_line_to(cr, x, plot.y1 + rmm(c, 0.8));
		cairo_stroke(cr);
		text_at(c, t, PT_SMALL, 0, x, plot.y1 + rmm(c, 1), 0, MUTED, 1);
		rset(cr, rgb_hex(0x8a8a8a));
	}
}

/* The types' legend: a swatch in the type's colour, its name and count. */
static double draw_legend(rctx *c, const tl_bins *b, double x, double y, int draw)
{
	double y0 = y, th = rtext_height(c, PT_TEXT);
	text_at(c, "Incidents by type", PT_TEXT, 1, x, y, -1, INK, draw);
	y += th + rmm(c, 1);
	for (size_t j = 0; j < im_n_styles && j < NT; j++) {
		if (!b->type_n[j])
			continue;
		char t[160], k[32];
		snprintf(t, sizeof t, "%s (%s)", im_styles[j].label,
		         rnum((long long)b->type_n[j], k));
		if (draw) {
			double s = rmm(c, 3);
			cairo_rectangle(c->cr, x, y + (th - s) / 2, s, s);
			rset(c->cr, rgb_style(&im_styles[j]));
			cairo_fill(c->cr);
		}
		text_at(c, t, PT_TEXT, 0, x + rmm(c, 4.5), y, -1, INK, draw);
		y += th + rmm(c, 0.6);
	}
	return y - y0;
}

static double legend_w(rctx *c, const tl_bins *b)
{
	double w = text_w(c, "Incidents by type", PT_TEXT, 1);
	for (size_t j = 0; j < im_n_styles && j < NT; j++) {
		if (!b->type_n[j])
			continue;
		char t[160], k[32];
		snprintf(t, sizeof t, "%s (%s)", im_styles[j].label,
		         rnum((long long)b->type_n[j], k));
		w = fmax(w, rmm(c, 4.5) + text_w(c, t, PT_TEXT, 0));
	}
	return w;
}

/* The note under the chart: what a bar is, what is not shown. */
static void note_text(const im_timeline *t, const tl_bins *b, char *buf, size_t cap)
{
	char k[32];
	int n;
	if (b->p == IM_PERIOD_WEEK)
		n = snprintf(buf, cap,
		             "A bar per ISO 8601 week (Monday to Sunday), labelled with its "
		             "Monday; stacked by event type.");
	else
		n = snprintf(buf, cap, "A bar per %s; stacked by event type.",
		             im_period_name(b->p));
	if (t->fat_known)
		n += snprintf(buf + n, cap - (size_t)n, " Fatalities: the figures reported.");
	if (t->undated)
		snprintf(buf + n, cap - (size_t)n, " %s undated incident%s not shown.",
		         rnum((long long)t->undated, k), t->undated == 1 ? "" : "s");
}

static const char *per_what(im_period p)
{
	return p == IM_PERIOD_WEEK ? "week" : p == IM_PERIOD_MONTH ? "month" : "day";
}

im_status timeline_draw(rctx *c, im_rbox box, const im_timeline *t, im_period p, int legend)
{
	tl_bins b;
	im_status st = bins_make(t, im_timeline_period(t, p), &b, c->err);
	if (st)
		return st;
	cairo_save(c->cr);
	double gap = rmm(c, 3);
	double th = rtext_height(c, PT_TEXT), sh = rtext_height(c, PT_SMALL);
	char note[400];
	note_text(t, &b, note, sizeof note);
	PangoLayout *nl = rtext(c, note, PT_SMALL, 0, 0);
	double lw = legend && b.n ? legend_w(c, &b) : 0;
	pango_layout_set_width(nl, (int)((box.x1 - box.x0 - (lw ? lw + gap : 0)) * PANGO_SCALE));
	pango_layout_set_wrap(nl, PANGO_WRAP_WORD);
	double nw, nh;
	rtext_size(nl, &nw, &nh);
	if (!b.n) {
		text_at(c, "No dated incidents", PT_TEXT, 1, (box.x0 + box.x1) / 2,
		        (box.y0 + box.y1) / 2 - th / 2, 0, MUTED, 1);
		rgb none = {0, 0, 0};
		rtext_draw(c, nl, box.x0, box.y1 - nh, rgb_hex(MUTED), 0, none);
		g_object_unref(nl);
		cairo_restore(c->cr);
		return IM_OK;
	}
	double yw = fmax(axis_label_w(c, bin_max(&b, 0)), axis_label_w(c, bin_max(&b, 1)));
	im_rbox area = {box.x0 + yw + rmm(c, 2), box.y0, box.x1 - (lw ? lw + gap : 0) - rmm(c, 1),
	                box.y1 - nh - rmm(c, 1.5) - sh - rmm(c, 1.5)};
	double head = th + head_gap(c);
	double avail = area.y1 - area.y0 - 2 * head - rmm(c, 3);
	im_rbox top = {area.x0, area.y0 + head, area.x1, area.y0 + head + avail * 0.55};
	im_rbox bot = {area.x0, top.y1 + rmm(c, 3) + head, area.x1, area.y1};
	char h1[96], h2[96], k[32];
	snprintf(h1, sizeof h1, "Incidents per %s (%s)", per_what(b.p),
	         rnum((long long)b.total_n, k));
	if (t->fat_known)
		snprintf(h2, sizeof h2, "Fatalities per %s (%s)", per_what(b.p),
		         rnum((long long)b.total_fat, k));
	else
		snprintf(h2, sizeof h2, "Fatalities per %s (no figures reported)", per_what(b.p));
	if (avail > 0 && top.x1 > top.x0) {
		draw_chart(c, &b, top, box.x0, 0, h1);
		draw_chart(c, &b, bot, box.x0, 1, h2);
		draw_x_axis(c, &b, bot);
	}
	rgb none = {0, 0, 0};
	rtext_draw(c, nl, box.x0, box.y1 - nh, rgb_hex(MUTED), 0, none);
	g_object_unref(nl);
	if (lw)
		draw_legend(c, &b, box.x1 - lw, box.y0, 1);
	cairo_restore(c->cr);
	bins_free(&b);
	return IM_OK;
}

im_status im_timeline_draw(cairo_t *cr, double x, double y, double w, double h,
                           const im_timeline *t, const im_timeline_opts *o, im_error *err)
{
	if (!(o->units_per_mm > 0 && o->units_per_mm < 1000))
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0,
		                    "timeline: units per millimetre must be above 0, not %g",
		                    o->units_per_mm);
	double s = o->scale > 0 ? o->scale : 1;
	if (!(w >= 40 * o->units_per_mm * s && h >= 25 * o->units_per_mm * s))
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0,
		                    "a timeline needs at least 40 x 25 mm, not %.0f x %.0f mm",
		                    w / o->units_per_mm, h / o->units_per_mm);
	if (cairo_status(cr))
		return im_error_set(err, IM_E_RENDER, NULL, 0, 0, "cairo: %s",
		                    cairo_status_to_string(cairo_status(cr)));
	rctx cc;
	rctx *c = &cc;
	memset(c, 0, sizeof *c);
	c->cr = cr;
	c->u = o->units_per_mm;
	c->s = s;
	c->err = err;
	c->fmt = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_SVG
	             ? IM_RENDER_SVG
	             : IM_RENDER_PDF;
	im_status st = rctx_text_setup(c, err);
	if (!st)
		st = timeline_draw(c, (im_rbox){x, y, x + w, y + h}, t, o->period, o->legend);
	rctx_text_free(c);
	if (!st && cairo_status(cr))
		st = im_error_set(err, IM_E_RENDER, NULL, 0, 0, "cairo: %s",
		                  cairo_status_to_string(cairo_status(cr)));
	return st;
}
