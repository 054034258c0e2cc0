/* render.c: im_render: checks the options, picks the extent and the CRS,
 * lays out the page, and draws the map through one cairo code path for PNG,
 * PDF and SVG into an atomic output file. */
#include "render_int.h"
#include "../core/fsutil.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_PIXELS (100.0 * 1000 * 1000) /* 400 MB of RGB image */
#define MAX_PT 14400.0                   /* PDF's largest page side */
#define MAX_INCIDENTS 20000000
#define SPILL_AT 65536 /* records a streaming job holds before its file */
#define SRC_EXACT (1u << 20) /* reports counted one by one, at most */
#define POINT_SPAN_M 300000.0            /* a map of one place: 300 km across */
#define MIN_SPAN_M 60000.0               /* any other map: at least 60 km */

/* The three base-map layers shipped in shapes/ (Natural Earth). */
#define LAYER_COUNTRIES "ne10m_generalized_countries"
#define LAYER_PROVINCES "ne10m_generalized_states_provinces"
#define LAYER_DISPUTED "ne10m_generalized_disputed_borders"

void im_render_opts_init(im_render_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = 1600;
	o->height = 1000;
	o->dpi = 150;
}

im_status im_render(const im_incident_list *l, const im_render_opts *o, const char *path,
		    im_error *err)
{
	return im_render_run(l, o, path, NULL, err);
}

void im_render_info_free(im_render_info *info)
{
	if (!info)
		return;
	free(info->labels);
	free(info->label_kind);
	free(info->symbols);
	free(info->symbol_shape);
	free(info->symbol_d);
	free(info->symbol_edge);
	info->labels = NULL;
	info->label_kind = NULL;
	info->symbols = NULL;
	info->symbol_shape = NULL;
	info->symbol_d = info->symbol_edge = NULL;
	info->n_labels = info->n_symbols = 0;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	FILE *fp = closure;
	return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- the image ---------------------------------------------------------------- */

/* The pixels of a PNG map, mapped and faulted in by one system call
 * (MAP_POPULATE): a 1600 x 1000 map is 1,600 pages, and taking them one
 * fault at a time as cairo first touches them costs more than drawing a
 * small map. The memory comes zeroed. */
typedef struct pixels {
	void *p;
	size_t n;
} pixels;

static void free_pixels(void *ud)
{
	pixels *px = ud;
	munmap(px->p, px->n);
	free(px);
}

static const cairo_user_data_key_t pixels_key;

static cairo_surface_t *image_surface(rctx *c)
{
	int w = (int)c->W, h = (int)c->H;
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	pixels *px = malloc(sizeof *px);
	if (!px || stride <= 0)
		goto plain;
	px->n = (size_t)stride * (size_t)h;
#ifdef MAP_POPULATE
	px->p = mmap(NULL, px->n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
		     -1, 0);
#else
	px->p = mmap(NULL, px->n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
	if (px->p == MAP_FAILED)
		goto plain;
	cairo_surface_t *sf = cairo_image_surface_create_for_data(px->p, CAIRO_FORMAT_RGB24, w, h,
								  stride);
	if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_set_user_data(sf, &pixels_key, px, free_pixels) == CAIRO_STATUS_SUCCESS)
		return sf;
	cairo_surface_destroy(sf);
	munmap(px->p, px->n);
plain:
	free(px);
	return cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h); /* cairo's own */
}

/* ---- options --------------------------------------------------------------- */

static im_render_fmt format_of(const im_render_opts *o, const char *path)
{
	if (o->format != IM_RENDER_AUTO)
		return o->format;
	char ext[8];
	im_path_ext(path, ext, sizeof ext);
	if (strcmp(ext, "png") == 0)
		return IM_RENDER_PNG;
	if (strcmp(ext, "pdf") == 0)
		return IM_RENDER_PDF;
	if (strcmp(ext, "html") == 0 || strcmp(ext, "htm") == 0)
		return IM_RENDER_HTML;
	if (strcmp(ext, "svg") == 0)
		return IM_RENDER_SVG;
	return IM_RENDER_AUTO;
}

int im_render_paper_mm(const char *paper, double *wmm, double *hmm)
{
	if (strcasecmp(paper, "a4") == 0)
		*wmm = 297, *hmm = 210;
	else if (strcasecmp(paper, "a3") == 0)
		*wmm = 420, *hmm = 297;
	else if (strcasecmp(paper, "letter") == 0)
		*wmm = 279.4, *hmm = 215.9;
	else
		return 0;
	return 1;
}

/* Page size in output units and units per millimetre. */
static im_status page_size(rctx *c, const char *path)
{
	const im_render_opts *o = c->o;
	double dpi = o->dpi > 0 ? o->dpi : 150;
	if (!(dpi >= 10 && dpi <= 1200))
		return im_error_set(c->err, IM_E_RANGE, NULL, 0, 0,
				    "--dpi must be 10..1200, not %g", dpi);
	int png = c->fmt == IM_RENDER_PNG;
	c->u = png ? dpi / 25.4 : 72 / 25.4;
	if (c->box_w > 0) { /* a box of a page the caller owns (pack.c) */
		c->W = c->box_w;
		c->H = c->box_h;
	} else if (o->paper) {
		double wmm, hmm;
		if (!im_render_paper_mm(o->paper, &wmm, &hmm))
			return im_error_set(c->err, IM_E_RANGE, NULL, 0, 0,
					    "--paper must be a4, a3 or letter, not '%s'", o->paper);
		c->W = png ? round(wmm * c->u) : wmm * c->u;
		c->H = png ? round(hmm * c->u) : hmm * c->u;
	} else {
		if (o->width < 16 || o->width > 20000)
			return im_error_set(c->err, IM_E_RANGE, NULL, 0, 0,
					    "--width must be 16..20000 pixels, not %d", o->width);
		if (o->height < 16 || o->height > 20000)
			return im_error_set(c->err, IM_E_RANGE, NULL, 0, 0,
					    "--height must be 16..20000 pixels, not %d", o->height);
		c->W = png ? o->width : o->width * 72.0 / dpi;
		c->H = png ? o->height : o->height * 72.0 / dpi;
	}
	if (png && c->W * c->H > MAX_PIXELS)
		return im_error_set(c->err, IM_E_TOO_LARGE, path, 0, 0,
				    "%.0f x %.0f pixels is more than the limit of %.0f million",
				    c->W, c->H, MAX_PIXELS / 1e6);
	if (!png && (c->W > MAX_PT || c->H > MAX_PT))
		return im_error_set(c->err, IM_E_TOO_LARGE, path, 0, 0,
				    "a page of %.0f x %.0f points is larger than PDF allows (%.0f); "
				    "lower --width/--height or raise --dpi",
				    c->W, c->H, MAX_PT);
	double wmm = c->W / c->u, hmm = c->H / c->u;
	c->s = fmin(2.2, fmax(0.7, sqrt(wmm * hmm / (270.0 * 170.0))));
	return IM_OK;
}

/* ---- incidents: which can be drawn, and what they add up to ------------------ */

static int valid_point(const im_incident *inc)
{
	return inc->has_point && isfinite(inc->lon) && isfinite(inc->lat) && inc->lat >= -90 &&
	       inc->lat <= 90 && inc->lon >= -180 && inc->lon <= 180;
}

static uint64_t fnv(const char *s, uint64_t h)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static uint64_t fnv_n(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static int date_after(im_date a, im_date b)
{
	return a.y != b.y ? a.y > b.y : a.m != b.m ? a.m > b.m : a.d > b.d;
}

im_status im_render_begin(const im_render_opts *o, im_render_job **out, im_error *err)
{
	*out = NULL;
	im_render_job *j = calloc(1, sizeof *j);
	if (!j || im_buf_putc(&j->arena, '\0')) { /* offset 0: no name */
		free(j);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	j->o = o;
	j->stream = o->aggregate != IM_AGG_NONE && !o->by && o->format != IM_RENDER_HTML;
	j->spill_at = j->chunk = SPILL_AT;
	j->src_exact = SRC_EXACT;
	if (o->format == IM_RENDER_HTML && rhtml_new(&j->html)) {
		im_render_job_free(j);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	*out = j;
	return IM_OK;
}

void im_render_job_free(im_render_job *j)
{
	if (!j)
		return;
	free(j->vi);
	free(j->srcset);
	free(j->hll);
	if (j->spill)
		fclose(j->spill);
	free(j->names);
	rhtml_free(j->html);
	im_buf_free(&j->arena);
	free(j);
}

/* Past SRC_EXACT reports, their number is estimated (HyperLogLog, 2^14
 * registers: within about 1%) in 16 kB instead of counted in a set that
 * grows with them. */
#define HLL_BITS 14

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

static void hll_add(uint8_t *reg, uint64_t h)
{
	h = mix64(h);
	size_t k = (size_t)(h >> (64 - HLL_BITS));
	uint64_t rest = h << HLL_BITS | (uint64_t)1 << (HLL_BITS - 1); /* never all zero */
	uint8_t rank = (uint8_t)(__builtin_clzll(rest) + 1);
	if (rank > reg[k])
		reg[k] = rank;
}

static size_t hll_count(const uint8_t *reg)
{
	const size_t m = (size_t)1 << HLL_BITS;
	double sum = 0;
	size_t zeros = 0;
	for (size_t k = 0; k < m; k++) {
		sum += ldexp(1.0, -reg[k]);
		zeros += !reg[k];
	}
	double e = 0.7213 / (1 + 1.079 / (double)m) * (double)m * (double)m / sum;
	if (e <= 2.5 * (double)m && zeros) /* few: linear counting */
		e = (double)m * log((double)m / (double)zeros);
	return (size_t)llround(e);
}

/* The set of reports grown, or given up for the estimate. */
static im_status grow_sources(im_render_job *j, im_error *err)
{
	if (j->sources >= j->src_exact) {
		if (!(j->hll = calloc((size_t)1 << HLL_BITS, 1)))
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		for (size_t i = 0; i < j->srccap; i++)
			if (j->srcset[i])
				hll_add(j->hll, j->srcset[i]);
		free(j->srcset);
		j->srcset = NULL;
		j->srccap = 0;
		return IM_OK;
	}
	size_t cap = j->srccap ? j->srccap * 2 : 64;
	uint64_t *set = calloc(cap, sizeof *set);
	if (!set)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < j->srccap; i++)
		if (j->srcset[i]) {
			size_t k = (size_t)(j->srcset[i] & (cap - 1));
			while (set[k])
				k = (k + 1) & (cap - 1);
			set[k] = j->srcset[i];
		}
	free(j->srcset);
	j->srcset = set;
	j->srccap = cap;
	return IM_OK;
}

/* Counts a report once: by URL, else file, else id, else title. */
static im_status note_source(im_render_job *j, const im_source *s, im_error *err)
{
	if (!j->hll && j->sources * 2 >= j->srccap && grow_sources(j, err))
		return IM_E_NOMEM;
	const char *key = s->url ? s->url : s->file ? s->file : s->id ? s->id : s->title;
	uint64_t h = fnv(key ? key : "?", 1469598103934665603ULL);
	if (!h)
		h = 1;
	if (j->hll) {
		hll_add(j->hll, h);
		return IM_OK;
	}
	size_t k = (size_t)(h & (j->srccap - 1));
	while (j->srcset[k] && j->srcset[k] != h)
		k = (k + 1) & (j->srccap - 1);
	if (!j->srcset[k]) {
		j->srcset[k] = h;
		j->sources++;
	}
	return IM_OK;
}

/* The name a label gives a place: the gazetteer's, else as written, else
 * the province. */
/* The name a label gives: the report's spelling ("Tarmiyah") unless the
 * gazetteer's ("At Tarmiyah") is asked for or the report wrote none. */
static const char *place_name(const im_incident *inc, int gazetteer)
{
	if (!gazetteer && inc->place_text && *inc->place_text)
		return inc->place_text;
	if (inc->place && *inc->place)
		return inc->place;
	if (inc->place_text && *inc->place_text)
		return inc->place_text;
	if (inc->admin1 && *inc->admin1)
		return inc->admin1;
	return "Unnamed place";
}

void im_render_job_spill_at(im_render_job *j, size_t n, size_t chunk)
{
	j->spill_at = n ? n : 1;
	j->chunk = chunk ? chunk : 1;
}

void im_render_job_draw_hidden(im_render_job *j)
{
	j->draw_hidden = 1;
}

void im_render_job_one_thread(im_render_job *j)
{
	j->one_thread = 1;
}

void im_render_job_sources_exact(im_render_job *j, size_t n)
{
	j->src_exact = n ? n : 1;
}

static im_status spill_failed(im_render_job *j, im_error *err)
{
	if (!j->spill_errno)
		j->spill_errno = errno ? errno : EIO;
	return im_error_set(err, IM_E_IO, NULL, 0, 0, "temporary file of the incidents: %s",
			    strerror(j->spill_errno));
}

/* Writes the records in vi to the job's file. */
static im_status spill_flush(im_render_job *j, im_error *err)
{
	if (!j->nbuf)
		return IM_OK;
	if (fwrite(j->vi, sizeof *j->vi, j->nbuf, j->spill) != j->nbuf || fflush(j->spill))
		return spill_failed(j, err);
	j->nbuf = 0;
	return IM_OK;
}

/* Where the next record goes: the end of vi, grown as needed; a
 * streaming job past spill_at moves its records to a temporary file and
 * keeps a buffer of chunk records. */
static rvinfo *next_record(im_render_job *j, im_error *err)
{
	if (j->stream && !j->spill && j->n >= j->spill_at) {
		errno = 0;
		if (!(j->spill = tmpfile())) {
			spill_failed(j, err);
			return NULL;
		}
		j->nbuf = j->n;
	}
	if (j->spill && j->nbuf >= j->chunk && spill_flush(j, err))
		return NULL;
	size_t at = j->spill ? j->nbuf : j->n; /* below chunk when spilling */
	if (im_grow(&j->vi, &j->cap, at + 1, sizeof *j->vi)) {
		im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	return &j->vi[at];
}

const rvinfo *rvi_chunk_into(rctx *c, size_t at, rvinfo *buf, size_t cap, size_t *n)
{
	im_render_job *j = c->job;
	*n = 0;
	if (at >= c->nvalid)
		return NULL;
	if (c->vi) {
		*n = c->nvalid - at;
		return c->vi + at;
	}
	size_t want = c->nvalid - at < j->chunk ? c->nvalid - at : j->chunk;
	if (want > cap)
		want = cap;
	char *p = (char *)buf;
	size_t len = want * sizeof *buf, done = 0;
	off_t off = (off_t)(at * sizeof *buf);
	while (!j->spill_errno && done < len) {
		ssize_t r = pread(fileno(j->spill), p + done, len - done, off + (off_t)done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			j->spill_errno = r < 0 ? errno : EIO;
		else
			done += (size_t)r;
	}
	if (j->spill_errno)
		return NULL;
	*n = want;
	return buf;
}

const rvinfo *rvi_chunk(rctx *c, size_t at, size_t *n)
{
	return rvi_chunk_into(c, at, c->job->vi, c->job->cap, n);
}

/* The offset in the arena of a name (a place, a province): a name seen
 * lately is stored once, however many incidents have it. The memory is a
 * table of NAME_SLOTS names (the hash's top 32 bits above the offset, 0:
 * empty) that a new name takes over from the one in its slot: no growing,
 * no rehashing; the few names that share a slot are stored again each
 * time they come, so a map of thousands of places keeps some thousands
 * of names, and one of a million places a million. 0 when out of memory
 * or room. */
#define NAME_SLOTS 65536
static uint32_t intern(im_render_job *j, const char *s, size_t len)
{
	if (!j->names && !(j->names = calloc(NAME_SLOTS, sizeof *j->names)))
		return 0;
	uint64_t h = fnv_n(s, len), top = h >> 32 << 32;
	uint64_t *slot = &j->names[h & (NAME_SLOTS - 1)];
	if (*slot && (*slot & 0xffffffff00000000ULL) == top) {
		const char *t = j->arena.p + (uint32_t)*slot;
		if (strncmp(t, s, len) == 0 && !t[len])
			return (uint32_t)*slot;
	}
	if (j->arena.len + len + 1 > UINT32_MAX)
		return 0;
	uint32_t off = (uint32_t)j->arena.len;
	if (im_buf_append(&j->arena, s, len) || im_buf_putc(&j->arena, '\0'))
		return 0;
	*slot = top | off;
	return off;
}

im_status im_render_add(im_render_job *j, const im_incident *inc, im_error *err)
{
	if (++j->total > MAX_INCIDENTS)
		return im_error_set(err, IM_E_TOO_LARGE, NULL, 0, 0,
				    "more incidents than one map can show (limit %d)", MAX_INCIDENTS);
	for (size_t i = 0; i < inc->n_sources; i++)
		if (note_source(j, &inc->sources[i], err))
			return IM_E_NOMEM;
	if (!inc->has_point) {
		j->nopoint++;
		return IM_OK;
	}
	if (!valid_point(inc)) {
		if (!j->bad++)
			snprintf(j->bad_id, sizeof j->bad_id, "%s", inc->id ? inc->id : "no id");
		return IM_OK;
	}
	rvinfo *v = next_record(j, err);
	if (!v)
		return err->code;
	memset(v, 0, sizeof *v);
	v->lon = inc->lon;
	v->lat = inc->lat;
	v->fat = inc->fatalities < 0 ? IM_NULL_INT : inc->fatalities;
	v->inj = inc->injuries < 0 ? IM_NULL_INT : inc->injuries;
	v->date = inc->event_date.y ? inc->event_date.y * 10000 + inc->event_date.m * 100 +
					      inc->event_date.d
				    : 0;
	size_t si = (size_t)(im_style_for(inc->event_type) - im_styles);
	v->style = (uint8_t)si;
	v->p3 = inc->geo_precision >= 3;
	if (inc->country && strlen(inc->country) == 2) {
		v->cc[0] = (char)(inc->country[0] & ~0x20);
		v->cc[1] = (char)(inc->country[1] & ~0x20);
	}
	/* Names as the map shows them, cut at 200 bytes (a label shows less),
	 * each kept once however many incidents have it; hexagons and
	 * provinces have no labels. */
	im_render_agg agg = j->o->aggregate;
	if (agg != IM_AGG_HEX && agg != IM_AGG_ADMIN1) {
		char name[201];
		const char *raw = place_name(inc, j->o->gazetteer_labels);
		size_t len = rdisplay_name(raw, strnlen(raw, 1000), name, sizeof name);
		/* A label is one line of name: control characters become spaces. */
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
				name[i] = ' ';
		if (!(v->place = intern(j, name, len)))
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (inc->admin1 && *inc->admin1 &&
	    !(v->admin1 = intern(j, inc->admin1, strnlen(inc->admin1, 200))))
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (j->html) {
		im_status st = rhtml_add(j->html, inc, si);
		if (st)
			return im_error_set(err, st, NULL, 0, 0,
					    st == IM_E_NOMEM ? "out of memory"
							     : "too many incidents for one page");
	}
	j->n++;
	j->nbuf += j->spill != NULL;
	j->type_count[si]++;
	j->n_p3 += v->p3;
	if (inc->fatalities >= 0)
		j->fat += inc->fatalities, j->fat_known = 1;
	if (inc->injuries >= 0)
		j->inj += inc->injuries, j->inj_known = 1;
	if (inc->event_date.y) {
		if (!j->d0.y || date_after(j->d0, inc->event_date))
			j->d0 = inc->event_date;
		if (!j->d1.y || date_after(inc->event_date, j->d1))
			j->d1 = inc->event_date;
	} else {
		j->undated++;
	}
	return IM_OK;
}

/* A warning, kept until the map is done (a render may start over, see
 * im_render_job_run) unless the caller asked for quiet. */
static void rwarn(rctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void rwarn(rctx *c, const char *fmt, ...)
{
	if (c->o->quiet)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	im_buf_puts(&c->warnings, msg);
	im_buf_putc(&c->warnings, '\n');
}

/* 1 when line is one of the lines (each ending in '\n') of b. */
static int buf_has_line(const im_buf *b, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = b->p, *e; p && *p; p = e + 1) {
		e = strchr(p, '\n');
		if (!e)
			break;
		if ((size_t)(e - p) == n && memcmp(p, line, n) == 0)
			return 1;
	}
	return 0;
}

static void flush_warnings(rctx *c)
{
	im_buf *said = c->o->said;
	for (char *p = c->warnings.p, *e; p && *p; p = e + 1) {
		e = strchr(p, '\n');
		*e = 0;
		if (said && buf_has_line(said, p))
			continue;
		im_warn(NULL, 0, "%s", p);
		if (said && im_buf_puts(said, p) == IM_OK)
			im_buf_putc(said, '\n');
	}
}

/* What the job gathered, into the render's context. */
static void collect(rctx *c)
{
	im_render_job *j = c->job;
	c->vi = j->spill ? NULL : j->vi; /* else read a chunk at a time */
	c->nvalid = j->n;
	memcpy(c->type_count, j->type_count, sizeof c->type_count);
	c->n_p3 = j->n_p3;
	c->fat = j->fat, c->fat_known = j->fat_known;
	c->inj = j->inj, c->inj_known = j->inj_known;
	c->d0 = j->d0, c->d1 = j->d1;
	c->undated = j->undated;
	c->sources = j->hll ? hll_count(j->hll) : j->sources;
	c->sources_about = j->hll != NULL;
	if (j->nopoint)
		rwarn(c, "%zu incident%s without a location not drawn", j->nopoint,
		      j->nopoint == 1 ? "" : "s");
	if (j->bad)
		rwarn(c, "%zu incident%s with coordinates out of range not drawn (first: %s)", j->bad,
		      j->bad == 1 ? "" : "s", j->bad_id);
}

/* The smallest arc of longitudes holding every valid incident (so incidents
 * on both sides of the antimeridian give a small map, not the world). */
static void lon_extent(rctx *c, double *w, double *e)
{
	enum { BINS = 3600 };
	static unsigned char used[BINS];
	memset(used, 0, sizeof used);
	size_t got = 0;
	for (size_t at = 0; at < c->nvalid; at += got) {
		const rvinfo *v = rvi_chunk(c, at, &got);
		for (size_t k = 0; k < got; k++) {
			int b = (int)floor((v[k].lon + 180) * BINS / 360);
			used[b < 0 ? 0 : b >= BINS ? BINS - 1 : b] = 1;
		}
		if (!got)
			break;
	}
	/* The longest run of empty bins, circularly, is where the map is not. */
	int best = -1, best_len = 0;
	for (int s = 0; s < BINS; s++) {
		if (used[s] || !used[(s + BINS - 1) % BINS])
			continue;
		int n = 0;
		while (n < BINS && !used[(s + n) % BINS])
			n++;
		if (n > best_len)
			best_len = n, best = s;
	}
	if (best < 0) { /* every bin used */
		*w = -180, *e = 180;
		return;
	}
	double cut = -180 + (best + best_len / 2.0) * 360.0 / BINS; /* middle of the gap */
	double lo = 1e9, hi = -1e9;
	for (size_t at = 0; at < c->nvalid; at += got) {
		const rvinfo *v = rvi_chunk(c, at, &got);
		for (size_t k = 0; k < got; k++) {
			double rel = v[k].lon - cut;
			while (rel < 0)
				rel += 360;
			while (rel >= 360)
				rel -= 360;
			lo = fmin(lo, rel), hi = fmax(hi, rel);
		}
		if (!got)
			break;
	}
	*w = cut + lo;
	*e = cut + hi;
	while (*w < -180)
		*w += 360, *e += 360;
	while (*w >= 180)
		*w -= 360, *e -= 360;
}

/* Metres on the ground per map unit along the horizontal at (x, y). */
static double ground_per_unit(rctx *c, double x, double y, double d)
{
	double px[2] = {x - d, x + d}, py[2] = {y, y};
	rproj_inv(&c->proj, px, py, 2);
	if (px[0] == HUGE_VAL || px[1] == HUGE_VAL)
		return 1;
	double m = rproj_dist(&c->proj, px[0], py[0], px[1], py[1]);
	return isfinite(m) && m > 0 ? m / (2 * d) : 1;
}

/* Widens the extent x[0]..x[1], y[0]..y[1] by the n points that PROJ could
 * place; returns how many it could not. */
static size_t widen(const double *px, const double *py, size_t n, double *x, double *y)
{
	size_t failed = 0;
	for (size_t k = 0; k < n; k++) {
		if (px[k] == HUGE_VAL) {
			failed++;
			continue;
		}
		x[0] = fmin(x[0], px[k]), x[1] = fmax(x[1], px[k]);
		y[0] = fmin(y[0], py[k]), y[1] = fmax(y[1], py[k]);
	}
	return failed;
}

/* The incidents projected into c->px, c->py (kept for the marks), and
 * their extent in x[0..1], y[0..1]. */
static im_status project_all(rctx *c, double *x, double *y, size_t *failed)
{
	size_t nv = c->nvalid;
	c->px = malloc((nv ? nv : 1) * sizeof *c->px);
	c->py = malloc((nv ? nv : 1) * sizeof *c->py);
	if (!c->px || !c->py)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t k = 0; k < nv; k++) {
		c->px[k] = c->vi[k].lon;
		c->py[k] = c->vi[k].lat;
	}
	rproj_fwd(&c->proj, c->px, c->py, nv);
	x[0] = y[0] = HUGE_VAL, x[1] = y[1] = -HUGE_VAL;
	*failed = widen(c->px, c->py, nv, x, y);
	return IM_OK;
}

/* Their extent only, projecting a slice at a time (a streaming job). */
static size_t project_streamed(rctx *c, double *x, double *y)
{
	enum { SLICE = 4096 };
	double px[SLICE], py[SLICE];
	size_t failed = 0, got = 0;
	x[0] = y[0] = HUGE_VAL, x[1] = y[1] = -HUGE_VAL;
	for (size_t at = 0; at < c->nvalid; at += got) {
		const rvinfo *v = rvi_chunk(c, at, &got);
		for (size_t k0 = 0; k0 < got; k0 += SLICE) {
			size_t m = got - k0 < SLICE ? got - k0 : SLICE;
			for (size_t k = 0; k < m; k++)
				px[k] = v[k0 + k].lon, py[k] = v[k0 + k].lat;
			rproj_fwd(&c->proj, px, py, m);
			failed += widen(px, py, m, x, y);
		}
		if (!got)
			break;
	}
	return failed;
}

/* The geographic extent of the map into g (w, s, e, n; e may pass 180):
 * the --bbox, else the incidents', else the inhabited world. */
static im_status geo_extent(rctx *c, double g[4])
{
	const im_render_opts *o = c->o;
	if (o->has_bbox) {
		double w = o->bbox[0], s = o->bbox[1], e = o->bbox[2], n = o->bbox[3];
		if (!(s < n) || w == e || fabs(w) > 180 || fabs(e) > 180 || fabs(s) > 90 ||
		    fabs(n) > 90)
			return im_error_set(c->err, IM_E_RANGE, NULL, 0, 0,
					    "--bbox wants W,S,E,N in degrees with S < N");
		if (e < w)
			e += 360; /* across the antimeridian */
		g[0] = w, g[1] = s, g[2] = e, g[3] = n;
	} else if (c->nvalid) {
		lon_extent(c, &g[0], &g[2]);
		g[1] = 90, g[3] = -90;
		size_t got = 0;
		for (size_t at = 0; at < c->nvalid; at += got) {
			const rvinfo *v = rvi_chunk(c, at, &got);
			for (size_t k = 0; k < got; k++)
				g[1] = fmin(g[1], v[k].lat), g[3] = fmax(g[3], v[k].lat);
			if (!got)
				break;
		}
	} else {
		g[0] = -180, g[2] = 180, g[1] = -60, g[3] = 85;
	}
	return IM_OK;
}

/* The map's CRS: --crs, else the one chosen for the extent g. */
static im_status open_crs(rctx *c, const double g[4])
{
	char def[512];
	c->user_crs = c->o->crs != NULL;
	if (c->o->crs)
		return rproj_open(&c->proj, c->o->crs, "--crs", c->err);
	rproj_choose(g[0], g[1], g[2], g[3], def, sizeof def);
	return rproj_open(&c->proj, def, "CRS", c->err);
}

/* The extent g's outline, projected, into b (x0, y0, x1, y1 in map
 * coordinates). */
static im_status box_extent(rctx *c, const double g[4], double b[4])
{
	enum { E = 40 };
	double bx[4 * E], by[4 * E];
	double w = g[0], s = g[1], e = g[2], n = g[3];
	double span = e - w;
	for (int i = 0; i < E; i++) {
		double t = (double)i / (E - 1);
		bx[i] = w + t * span, by[i] = s;
		bx[E + i] = w + t * span, by[E + i] = n;
		bx[2 * E + i] = w, by[2 * E + i] = s + t * (n - s);
		bx[3 * E + i] = e, by[3 * E + i] = s + t * (n - s);
	}
	for (int i = 0; i < 4 * E; i++)
		if (bx[i] > 180)
			bx[i] -= 360;
	rproj_fwd(&c->proj, bx, by, 4 * E);
	b[0] = b[1] = HUGE_VAL, b[2] = b[3] = -HUGE_VAL;
	for (int i = 0; i < 4 * E; i++)
		if (bx[i] != HUGE_VAL) {
			b[0] = fmin(b[0], bx[i]), b[2] = fmax(b[2], bx[i]);
			b[1] = fmin(b[1], by[i]), b[3] = fmax(b[3], by[i]);
		}
	if (b[0] == HUGE_VAL)
		return im_error_set(c->err, IM_E_PROJ, NULL, 0, 0,
				    "the map's extent lies outside the area of the CRS '%s'",
				    c->o->crs ? c->o->crs : c->proj.def);
	return IM_OK;
}

/* The incidents' extent b (x0, y0, x1, y1 in map coordinates) grown for a
 * map. Never a street-level map of nothing: a map of one place (all the
 * incidents within a kilometre) shows its region, POINT_SPAN_M across;
 * incidents spread over a city get a map of the city, at least MIN_SPAN_M
 * across. Then a margin for the symbols and their labels. */
static void pad_extent(rctx *c, double b[4])
{
	double x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
	double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
	double gpu = ground_per_unit(c, cx, cy, fmax(x1 - x0, 1e-6) / 4 + 1e-6);
	double spread = fmax(x1 - x0, y1 - y0) * gpu;
	double min = (spread < 1000 ? POINT_SPAN_M : MIN_SPAN_M) / gpu;
	if (x1 - x0 < min)
		x0 = cx - min / 2, x1 = cx + min / 2;
	if (y1 - y0 < min * 0.6)
		y0 = cy - min * 0.3, y1 = cy + min * 0.3;
	double mx = (x1 - x0) * 0.06, my = (y1 - y0) * 0.06;
	x0 -= mx, x1 += mx, y0 -= my, y1 += my;
	/* A margin in millimetres depends on the scale it changes: a few
	 * rounds settle it. */
	double m = 0;
	for (int it = 0; it < 3; it++) {
		rview_fit(&c->view, &c->proj, x0 - m, y0 - m, x1 + m, y1 + m, c->frame);
		m = rmm(c, 9) / c->view.k;
	}
	b[0] = x0 - m, b[1] = y0 - m, b[2] = x1 + m, b[3] = y1 + m;
}

/* Picks the extent and the CRS, projects the incidents, and fits the view. */
im_status rextent_view(rctx *c)
{
	const im_render_opts *o = c->o;
	double g[4], b[4];
	im_status st;
	if ((st = geo_extent(c, g)) || (st = open_crs(c, g)))
		return st;

	/* The incidents (or the box) in map coordinates. */
	double ix[2], iy[2];
	size_t nv = c->nvalid, failed = 0;
	if (c->job->stream) {
		/* binned later a chunk at a time (marks.c), which counts and
		 * says those PROJ cannot place; only the extent is needed */
		if (!o->has_bbox)
			failed = project_streamed(c, ix, iy);
	} else if ((st = project_all(c, ix, iy, &failed))) {
		return st;
	}
	if (nv && failed == nv && !o->has_bbox)
		return im_error_set(c->err, IM_E_PROJ, NULL, 0, 0,
				    "no incident can be drawn in the CRS '%s' (outside its area)",
				    o->crs ? o->crs : c->proj.def);
	if (failed && !c->job->stream)
		rwarn(c, "%zu incident%s outside the area of the CRS not drawn", failed,
		      failed == 1 ? "" : "s");
	if (o->has_bbox || !nv) {
		if ((st = box_extent(c, g, b)))
			return st;
	} else {
		b[0] = ix[0], b[2] = ix[1], b[1] = iy[0], b[3] = iy[1];
		pad_extent(c, b);
	}
	rview_fit(&c->view, &c->proj, b[0], b[1], b[2], b[3], c->frame);
	/* The ground across the map, at the scale of its centre (the frame's
	 * edges may be off the globe). */
	double vw = c->view.x1 - c->view.x0;
	c->span_km = vw * ground_per_unit(c, (c->view.x0 + c->view.x1) / 2,
					  (c->view.y0 + c->view.y1) / 2, vw / 100) / 1000;
	if (!isfinite(c->span_km) || c->span_km <= 0)
		c->span_km = 20000;
	return IM_OK;
}

/* The country most incidents are in (by code, else by where they fall). */
void rchoose_focus(rctx *c)
{
	const char *best = NULL;
	size_t best_n = 0;
	char codes[64][3];
	size_t counts[64], nc = 0;
	size_t got = 0;
	const rvinfo *vk = NULL;
	for (size_t k = 0, at = 0; k < c->nvalid; k++) {
		if (k == at + got) {
			at = k;
			if (!(vk = rvi_chunk(c, at, &got)))
				break;
		}
		const rvinfo *vi = &vk[k - at];
		char up[3];
		if (vi->cc[0]) {
			up[0] = vi->cc[0], up[1] = vi->cc[1], up[2] = 0;
		} else if (k < 5000) {
			up[0] = 0;
			double x = vi->lon, y = vi->lat;
			if (c->px)
				x = c->px[k], y = c->py[k];
			else
				rproj_fwd(&c->proj, &x, &y, 1);
			if (x == HUGE_VAL)
				continue;
			double u = rview_u(&c->view, x), v = rview_v(&c->view, y);
			for (size_t i = 0; i < c->ncg; i++)
				if (strlen(c->c_a2[i]) == 2 && rgeom_contains(&c->cg[i], u, v)) {
					memcpy(up, c->c_a2[i], 3);
					break;
				}
			if (!up[0])
				continue;
		} else {
			continue;
		}
		size_t j = 0;
		while (j < nc && strcmp(codes[j], up))
			j++;
		if (j == nc) {
			if (nc == 64)
				continue;
			memcpy(codes[nc], up, 3);
			counts[nc++] = 0;
		}
		counts[j]++;
	}
	for (size_t j = 0; j < nc; j++)
		if (counts[j] > best_n || (counts[j] == best_n && best && strcmp(codes[j], best) < 0))
			best = codes[j], best_n = counts[j];
	if (best)
		memcpy(c->focus, best, 3);
}

/* --timeline: a strip under the map frame, as wide as the frame, a third
 * of its height (40 to 70 mm); the map keeps the rest. */
static void timeline_box(rctx *c)
{
	double fh = c->frame.y1 - c->frame.y0;
	double h = fmin(rmm(c, 70), fmax(rmm(c, 40), fh / 3));
	double gap = rmm(c, 4);
	c->tl_box = (im_rbox){c->frame.x0, c->frame.y1 - h, c->frame.x1, c->frame.y1};
	c->frame.y1 -= h + gap;
}

/* Page layout: a title band on top, a panel (inset, legend, scale, notes) at
 * the right of a landscape page or under a portrait one, the map in the rest. */
static void layout(rctx *c)
{
	double m = rmm(c, 5);
	c->panel_right = c->W >= 1.15 * c->H;
	c->title_box = (im_rbox){m, m, c->W - m, m};
	/* Measured with the title it will have when one is given: a line in
	 * another script (Arabic) can be taller than a Latin one, and the
	 * subtitle must not slide onto the map. */
	snprintf(c->title, sizeof c->title, "%s", c->o->title ? c->o->title : "Title");
	double th = furn_title(c, 0);
	c->title_box.y1 = m + th;
	double top = c->title_box.y1 + rmm(c, 3);
	if (c->panel_right) {
		double pw = fmin(rmm(c, 70), fmax(rmm(c, 52), 0.24 * c->W));
		c->panel = (im_rbox){c->W - m - pw, top, c->W - m, c->H - m};
		c->frame = (im_rbox){m, top, c->panel.x0 - rmm(c, 4), c->H - m};
	} else {
		double ph = fmin(rmm(c, 62), fmax(rmm(c, 45), 0.28 * c->H));
		c->panel = (im_rbox){m, c->H - m - ph, c->W - m, c->H - m};
		c->frame = (im_rbox){m, top, c->W - m, c->panel.y0 - rmm(c, 4)};
	}
	if (c->o->timeline)
		timeline_box(c);
	if (c->frame.x1 - c->frame.x0 < 10)
		c->frame.x1 = c->frame.x0 + 10;
	if (c->frame.y1 - c->frame.y0 < 10)
		c->frame.y1 = c->frame.y0 + 10;
}

void rdraw_labels(rctx *c, int names)
{
	rgb white = {1, 1, 1};
	for (size_t i = 0; i < c->nlabels; i++) {
		const rlabel *L = &c->labels[i];
		int is_name = L->kind == IM_RLABEL_COUNTRY || L->kind == IM_RLABEL_PROVINCE;
		if (is_name != names)
			continue;
		double halo = rmm(c, is_name ? NAME_HALO_MM : HALO_MM);
		if (L->leader)
			rleader_draw(c, L);
		rtext_draw(c, L->lay, L->x, L->y, L->fg, halo, white);
	}
}

static im_status fill_info(rctx *c)
{
	im_render_info *in = c->info;
	snprintf(in->crs, sizeof in->crs, "%s", c->proj.def);
	in->page_w = c->W;
	in->page_h = c->H;
	in->units_per_mm = c->u;
	in->frame = c->frame;
	in->k = c->view.k;
	in->ox = c->view.box.x0 - c->view.x0 * c->view.k;
	in->oy = c->view.box.y1 + c->view.y0 * c->view.k;
	in->n_labels = c->nlabels;
	in->labels = malloc((c->nlabels ? c->nlabels : 1) * sizeof *in->labels);
	in->label_kind = malloc((c->nlabels ? c->nlabels : 1) * sizeof *in->label_kind);
	size_t nc = 0;
	for (size_t i = 0; i < c->ncities; i++)
		nc += c->cities[i].labelled;
	in->n_symbols = c->nmarks + nc;
	size_t ns = in->n_symbols ? in->n_symbols : 1;
	in->symbols = malloc(ns * sizeof *in->symbols);
	in->symbol_shape = malloc(ns * sizeof *in->symbol_shape);
	in->symbol_d = malloc(ns * sizeof *in->symbol_d);
	in->symbol_edge = malloc(ns * sizeof *in->symbol_edge);
	if (!in->labels || !in->label_kind || !in->symbols || !in->symbol_shape || !in->symbol_d ||
	    !in->symbol_edge)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < c->nlabels; i++) {
		in->labels[i] = c->labels[i].box;
		in->label_kind[i] = c->labels[i].kind;
	}
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		in->symbols[i] = rmark_box(c, m);
		in->symbol_shape[i] = m->st ? (int)m->st->shape : (int)IM_SHAPE_CIRCLE;
		in->symbol_d[i] = rmm(c, m->size_mm);
		in->symbol_edge[i] = rmark_edge(c, m);
	}
	for (size_t i = 0, k = c->nmarks; i < c->ncities; i++) {
		if (!c->cities[i].labelled)
			continue;
		int cap = c->cities[i].p.kind == IM_KIND_CAPITAL;
		double r = rmm(c, cap ? 0.95 : 0.65);
		in->symbols[k] = (im_rbox){c->cities[i].x - r, c->cities[i].y - r,
					   c->cities[i].x + r, c->cities[i].y + r};
		in->symbol_shape[k] = -1;
		in->symbol_d[k] = 2 * r;
		in->symbol_edge[k++] = rmm(c, cap ? 0.3 : 0.2);
	}
	in->n_marks = c->nmarks;
	in->n_hex = c->nhex;
	in->n_clusters = c->nclusters;
	in->n_merged = c->nmerged;
	in->n_hidden = c->nhidden;
	for (size_t i = 0; i < c->nmarks; i++)
		in->n_in_marks += c->marks[i].count;
	in->n_unlabelled = c->unlabelled;
	in->n_skipped = c->job->total - c->nvalid + c->nskipped + c->nout + c->undated_out;
	in->n_cities = nc;
	in->n_panels = c->npanels;
	in->n_admin1 = c->nadm;
	in->n_admin1_out = c->adm_none + c->adm_unmatched;
	in->n_admin1_labels = c->nadm_labels;
	in->n_admin1_outside = c->nadm_outside;
	in->sources = c->sources;
	in->sources_about = c->sources_about;
	if (c->adm_n && admin1_names(c, in->shaded, sizeof in->shaded))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	memcpy(in->focus, c->focus, 3);
	in->own_fonts = c->own_fonts;
	snprintf(in->title, sizeof in->title, "%s", c->title);
	for (size_t i = 0; i < c->nmarks; i++) {
		const rmark *m = &c->marks[i];
		if (m->precise || m->prov < 0)
			continue;
		char *name = rlayer_attr(&c->provinces, c->pg[m->prov].id, "name");
		if (!name)
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		size_t len = strlen(in->hatched);
		snprintf(in->hatched + len, sizeof in->hatched - len, "%s%s", len ? "," : "", name);
		free(name);
	}
	return IM_OK;
}

/* Opens the shapes; provinces and disputed borders may be left out of a
 * shapes folder altogether, but what is there must be whole. */
static im_status open_layers(rctx *c)
{
	const char *dir = c->o->shapes_dir;
	if (!dir || !*dir)
		return im_error_set(c->err, IM_E_IO, NULL, 0, 0, "no shapes folder given (--shapes)");
	if (!im_is_dir(dir))
		return im_error_set(c->err, IM_E_IO, dir, 0, 0,
				    "shapes folder missing (see --shapes)");
	im_status st = rlayer_open(&c->countries, dir, LAYER_COUNTRIES, SHPT_POLYGON, c->err);
	if (st)
		return st;
	const char *opt[2] = {LAYER_PROVINCES, LAYER_DISPUTED};
	int types[2] = {SHPT_POLYGON, SHPT_ARC};
	for (int i = 0; i < 2; i++) {
		char *base = im_path_join(dir, opt[i]);
		size_t n = base ? strlen(base) + 5 : 0;
		char *a = base ? malloc(n) : NULL, *b = base ? malloc(n) : NULL;
		if (!a || !b) {
			free(base), free(a), free(b);
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		}
		snprintf(a, n, "%s.shp", base);
		snprintf(b, n, "%s.dbf", base);
		int present = im_file_exists(a) || im_file_exists(b);
		free(base), free(a), free(b);
		if (!present)
			continue;
		rlayer *L = i == 0 ? &c->provinces : &c->disputed;
		if ((st = rlayer_open(L, dir, opt[i], types[i], c->err)))
			return st;
		if (i == 0)
			c->have_prov = 1;
		else
			c->have_disp = 1;
	}
	return IM_OK;
}

static void warn_outside_shapes(rctx *c)
{
	if (c->o->quiet || !c->countries.shp)
		return;
	double lo[4], hi[4];
	int n, type;
	SHPGetInfo(c->countries.shp, &n, &type, lo, hi);
	/* Natural Earth stops a little short of the antimeridian: shapes that
	 * go round the world leave no longitude out. */
	if (lo[0] < -179 && hi[0] > 179)
		lo[0] = -180, hi[0] = 180;
	size_t out = 0, got = 0;
	for (size_t at = 0; at < c->nvalid; at += got) {
		const rvinfo *v = rvi_chunk(c, at, &got);
		for (size_t k = 0; k < got; k++)
			out += v[k].lon < lo[0] || v[k].lon > hi[0] || v[k].lat < lo[1] ||
			       v[k].lat > hi[1];
		if (!got)
			break;
	}
	if (out)
		rwarn(c, "%zu incident%s beyond the base map's coverage (%.1f..%.1f E, %.1f..%.1f N)",
		      out, out == 1 ? " lies" : "s lie", lo[0], hi[0], lo[1], hi[1]);
}

static void pdf_date(const rctx *c, char *buf, size_t cap)
{
	/* Fixed, so the same input gives the same bytes: the day of the
	 * latest incident, or a constant when none is dated. */
	if (c->d1.y)
		snprintf(buf, cap, "%04d-%02d-%02dT00:00:00Z", c->d1.y, c->d1.m, c->d1.d);
	else
		snprintf(buf, cap, "2000-01-01T00:00:00Z");
}

im_status im_render_run(const im_incident_list *l, const im_render_opts *o, const char *path,
			im_render_info *info, im_error *err)
{
	/* The page keeps more of each incident than a picture: the job must
	 * know from the start. */
	im_render_opts ho;
	if (o->format == IM_RENDER_AUTO && path && format_of(o, path) == IM_RENDER_HTML) {
		ho = *o;
		ho.format = IM_RENDER_HTML;
		o = &ho;
	}
	im_render_job *j;
	im_status st = im_render_begin(o, &j, err);
	for (size_t i = 0; !st && l && i < l->n; i++)
		st = im_render_add(j, &l->v[i], err);
	if (!st)
		st = im_render_job_run(j, path, info, err);
	else if (info)
		memset(info, 0, sizeof *info);
	im_render_job_free(j);
	return st;
}

im_status im_render_finish(im_render_job *j, const char *path, im_error *err)
{
	im_status st = im_render_job_run(j, path, NULL, err);
	im_render_job_free(j);
	return st;
}

/* The interactive page: the same title and totals as the picture's. */
static im_status html_run(rctx *c, const char *path)
{
	if (!c->job->html)
		return im_error_set(c->err, IM_E_USAGE, path, 0, 0,
				    "an interactive page must be asked for before the incidents "
				    "are added (format IM_RENDER_HTML)");
	im_status st = open_layers(c);
	if (st || (st = rhtml_base(c, c->job->html)))
		return st;
	warn_outside_shapes(c);
	for (size_t k = 0; k < c->nvalid; k++)
		marks_count_country(c, c->vi[k].cc);
	furn_make_title(c);
	return rhtml_write(c, c->job->html, path);
}

im_status rfurniture(rctx *c, const char *period)
{
	furn_make_title(c);
	if (period) {
		size_t len = strlen(c->title);
		snprintf(c->title + len, sizeof c->title - len, " \u2014 %s", period);
	}
	furn_title(c, 1);
	im_status st = furn_panel(c);
	/* The map's legend shows the types in their colours, unless it shows
	 * hexagons or provinces: then the timeline has a legend of its own. */
	if (!st && c->tl)
		st = timeline_draw(c, c->tl_box, c->tl, c->o->timeline_period,
				   c->nhex > 0 || c->o->aggregate == IM_AGG_ADMIN1);
	return st;
}

static int any_dated(const rctx *c)
{
	for (size_t i = 0; i < c->nvalid; i++)
		if (c->vi[i].date)
			return 1;
	return 0;
}

/* The map of every incident in c->frame (not --by). */
static im_status single_draw(rctx *c)
{
	im_status st;
	if ((st = rextent_view(c)) || (st = base_load(c)))
		return st;
	rchoose_focus(c);
	if ((st = marks_build(c)))
		return st;
	if (c->job->spill_errno) /* a chunk could not be read back */
		return spill_failed(c->job, c->err);
	marks_hidden_ahead(c); /* while the labels are placed */
	if (c->job->stream && c->nskipped)
		rwarn(c, "%zu incident%s outside the area of the CRS not drawn", c->nskipped,
		      c->nskipped == 1 ? "" : "s");
	free(c->px); /* the marks have their page coordinates */
	free(c->py);
	c->px = c->py = NULL;
	if (rcoll_init(&c->coll, c->frame, rmm(c, 3)) ||
	    (rctx_empty(c) && rcoll_add(&c->coll, furn_no_incidents(c, 0))))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if ((st = marks_obstacles(c)) || (st = cities_load(c, 1)) || (st = marks_place_labels(c)) ||
	    (st = admin1_place_labels(c)) ||
	    (st = cities_load(c, 0)) || (st = cities_place_labels(c)) ||
	    (st = base_place_names(c)))
		return st;

	/* Draw, bottom to top. */
	cairo_t *cr = c->cr;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	base_draw(c);
	if (c->adm_n)
		admin1_draw(c);
	cairo_save(cr);
	cairo_rectangle(cr, c->frame.x0, c->frame.y0, c->frame.x1 - c->frame.x0,
			c->frame.y1 - c->frame.y0);
	cairo_clip(cr);
	rdraw_labels(c, 1);
	cities_draw(c);
	if ((st = marks_draw(c))) {
		cairo_restore(cr);
		return st;
	}
	rdraw_labels(c, 0);
	if (rctx_empty(c))
		furn_no_incidents(c, 1);
	cairo_restore(cr);
	cairo_rectangle(cr, c->frame.x0, c->frame.y0, c->frame.x1 - c->frame.x0,
			c->frame.y1 - c->frame.y0);
	rset(cr, rgb_hex(0x6b6b6b));
	cairo_set_line_width(cr, rmm(c, 0.3));
	cairo_stroke(cr);
	return IM_OK;
}

/* Where a map goes: a file (path), or a box at the origin of a page the
 * caller draws (to: the pack's PDF, pack.c). */
typedef struct rtarget {
	const char *path;
	cairo_t *to;
	double w, h;
} rtarget;

/* Paints the map recorded in rec at the origin of the caller's page. */
static im_status replay(cairo_surface_t *rec, cairo_t *to, im_error *err)
{
	cairo_save(to);
	cairo_set_source_surface(to, rec, 0, 0);
	cairo_paint(to);
	cairo_restore(to);
	cairo_status_t cs = cairo_status(to);
	return cs ? im_error_set(err, IM_E_RENDER, NULL, 0, 0, "cairo: %s",
				 cairo_status_to_string(cs))
		  : IM_OK;
}

/* Frees what the map's context holds; flush: its warnings said first. */
static void rctx_free(rctx *c, int flush)
{
	marks_hidden_end(c); /* before the marks it reads are freed */
	for (size_t i = 0; i < c->nlabels; i++)
		g_object_unref(c->labels[i].lay);
	free(c->labels);
	im_buf_free(&c->left_out);
	rcoll_free(&c->coll);
	if (c->mfont)
		cairo_font_face_destroy(c->mfont);
	rctx_text_free(c);
	base_free(c);
	rlayer_close(&c->countries);
	rlayer_close(&c->provinces);
	rlayer_close(&c->disputed);
	rproj_close(&c->proj);
	im_timeline_free(c->tl);
	admin1_free(c);
	free(c->marks);
	free(c->mix);
	free(c->hex);
	free(c->hex_grid);
	free(c->draw_order);
	free(c->px);
	free(c->py);
	if (flush)
		flush_warnings(c);
	im_buf_free(&c->warnings);
}

/* The page, the base layers and the surface the map is drawn on: the
 * caller's (recorded first), else a PNG, PDF or SVG file written
 * atomically (*af, its stream *fp). */
static im_status job_surface(rctx *c, const rtarget *tg, im_afile **af, FILE **fp,
			     cairo_surface_t **sf)
{
	const char *path = tg->path;
	im_status st;
	if ((st = page_size(c, path)) || (st = open_layers(c)))
		return st;
	warn_outside_shapes(c);
	if (tg->to) {
		/* recorded first: a map that starts over with the system's
		 * fonts leaves nothing on the page */
		cairo_rectangle_t ext = {0, 0, c->W, c->H};
		*sf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	} else {
		if ((st = im_afile_open(path, af, c->err)))
			return st;
		*fp = im_afile_fp(*af);
		if (c->fmt == IM_RENDER_PNG)
			*sf = image_surface(c);
		else if (c->fmt == IM_RENDER_PDF)
			*sf = cairo_pdf_surface_create_for_stream(write_cb, *fp, c->W, c->H);
		else
			*sf = cairo_svg_surface_create_for_stream(write_cb, *fp, c->W, c->H);
	}
	if (cairo_surface_status(*sf))
		return im_error_set(c->err, IM_E_RENDER, path, 0, 0, "cairo: %s",
				    cairo_status_to_string(cairo_surface_status(*sf)));
	return IM_OK;
}

/* The map drawn on sf: one map, or one per period (--by), and its
 * furniture. */
static im_status job_draw(rctx *c, cairo_surface_t *sf, const char *path)
{
	const im_render_opts *o = c->o;
	im_status st;
	c->cr = cairo_create(sf);
	if ((st = rctx_text_setup(c, c->err)) || (st = marker_font_new(c)))
		return st;
	layout(c);
	if (o->timeline && (st = im_timeline_new(&c->tl, c->err)))
		return st;
	if (o->by_pages && (!o->by || c->fmt != IM_RENDER_PDF))
		return im_error_set(c->err, IM_E_USAGE, path, 0, 0, "%s",
				    o->by ? "a page per period (--by-pages) needs a PDF"
					  : "--by-pages goes with --by");
	/* --by cuts the dates: without any, the one map of them all */
	int by = o->by && any_dated(c);
	if (o->by && !by && c->nvalid)
		rwarn(c, "no incident has a date to cut by %s: one map of them all",
		      im_period_name(o->by));
	if ((st = by ? multiples_draw(c) : single_draw(c)))
		return st;
	if (c->nout)
		rwarn(c, "%zu incident%s outside --bbox not drawn", c->nout, c->nout == 1 ? "" : "s");
	if (!(by && o->by_pages) && (st = rfurniture(c, NULL)))
		return st;
	return IM_OK;
}

/* The map drawn, out: replayed on the caller's page, or written to its
 * file (fp); *sf destroyed. */
static im_status job_write(rctx *c, const rtarget *tg, cairo_surface_t **sf, FILE *fp)
{
	const char *path = tg->path;
	cairo_t *cr = c->cr;
	im_status st;
	if (c->unlabelled)
		rwarn(c, "%zu incident label%s left out for lack of room: %s%s", c->unlabelled,
		      c->unlabelled == 1 ? "" : "s", c->left_out.p ? c->left_out.p : "",
		      c->unlabelled > 6 ? ", ..." : "");
	if (cairo_status(cr))
		return im_error_set(c->err, IM_E_RENDER, path, 0, 0, "cairo: %s",
				    cairo_status_to_string(cairo_status(cr)));
	if (c->fmt == IM_RENDER_PDF && !tg->to) {
		char date[32];
		pdf_date(c, date, sizeof date);
		cairo_pdf_surface_set_metadata(*sf, CAIRO_PDF_METADATA_TITLE, c->title);
		cairo_pdf_surface_set_metadata(*sf, CAIRO_PDF_METADATA_CREATOR, "incimap " IM_VERSION);
		cairo_pdf_surface_set_metadata(*sf, CAIRO_PDF_METADATA_CREATE_DATE, date);
	}
	cairo_destroy(cr);
	c->cr = NULL;
	cairo_status_t cs = CAIRO_STATUS_SUCCESS;
	if (tg->to) {
		if ((st = replay(*sf, tg->to, c->err)))
			return st;
	} else if (c->fmt == IM_RENDER_PNG) {
		if ((st = rpng_write(*sf, c->o->dpi > 0 ? c->o->dpi : 150, fp, path, c->err)))
			return st;
	} else {
		cairo_surface_finish(*sf);
		cs = cairo_surface_status(*sf);
	}
	if (cs)
		return im_error_set(c->err, cs == CAIRO_STATUS_WRITE_ERROR ? IM_E_IO : IM_E_RENDER,
				    path, 0, 0, "cannot write the map: %s", cairo_status_to_string(cs));
	cairo_surface_destroy(*sf);
	*sf = NULL;
	return IM_OK;
}

/* The map as PNG, PDF or SVG, or on the caller's page: sets *retry when
 * a label was drawn with a font that lacks some of its letters (the map
 * then starts over with every font the system has: text.c). */
static im_status job_map(rctx *c, const rtarget *tg, im_afile **af, cairo_surface_t **sf,
			 int *retry)
{
	FILE *fp = NULL;
	im_status st;
	if ((st = job_surface(c, tg, af, &fp, sf)) || (st = job_draw(c, *sf, tg->path)))
		return st;
	if (c->fonts_missing) {
		*retry = 1;
		return IM_OK;
	}
	if ((st = job_write(c, tg, sf, fp)))
		return st;
	if (c->info && (st = fill_info(c)))
		return st;
	if (*af)
		st = im_afile_commit(*af, c->err);
	*af = NULL;
	return st;
}

/* One go at the map: sysfonts 0 draws with the map's own fonts and sets
 * *retry when some text needs a font they do not have. */
static im_status job_run(im_render_job *j, const rtarget *tg, im_render_info *info,
			 im_error *err, int sysfonts, int *retry)
{
	const char *path = tg->path;
	const im_render_opts *o = j->o;
	rctx cc;
	rctx *c = &cc;
	memset(c, 0, sizeof *c);
	c->o = o;
	c->job = j;
	c->err = err;
	c->info = info;
	c->sysfonts = sysfonts;
	*retry = 0;
	if (info)
		memset(info, 0, sizeof *info);
	if (!tg->to && (!path || !*path))
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "no output file");
	c->box_w = tg->to ? tg->w : 0;
	c->box_h = tg->to ? tg->h : 0;
	c->fmt = tg->to ? IM_RENDER_PDF : format_of(o, path);
	if (c->fmt == IM_RENDER_AUTO)
		return im_error_set(err, IM_E_USAGE, path, 0, 0,
				    "cannot tell the map format: use .png, .pdf, .svg or .html");

	im_afile *af = NULL;
	cairo_surface_t *sf = NULL;
	im_status st;
	if (j->spill && (st = spill_flush(j, err)))
		return st;
	collect(c);
	st = c->fmt == IM_RENDER_HTML ? html_run(c, path) : job_map(c, tg, &af, &sf, retry);
	if (c->cr)
		cairo_destroy(c->cr);
	if (sf)
		cairo_surface_destroy(sf);
	if (af)
		im_afile_abort(af);
	rctx_free(c, !*retry);
	if ((st || *retry) && info)
		im_render_info_free(info);
	return st;
}

static im_status job_run_fonts(im_render_job *j, const rtarget *tg, im_render_info *info,
			       im_error *err)
{
	int retry;
	im_status st = job_run(j, tg, info, err, 0, &retry);
	if (!st && retry)
		st = job_run(j, tg, info, err, 1, &retry);
	return st;
}

im_status im_render_job_run(im_render_job *j, const char *path, im_render_info *info,
			    im_error *err)
{
	rtarget tg = {path, NULL, 0, 0};
	return job_run_fonts(j, &tg, info, err);
}

im_status im_render_job_draw(im_render_job *j, cairo_t *to, double w, double h,
			     im_render_info *info, im_error *err)
{
	rtarget tg = {NULL, to, w, h};
	return job_run_fonts(j, &tg, info, err);
}

im_status im_render_build_index(const char *dir, im_error *err)
{
	const char *names[3] = {LAYER_COUNTRIES, LAYER_PROVINCES, LAYER_DISPUTED};
	if (!dir || !im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "shapes folder missing");
	for (int i = 0; i < 3; i++) {
		char *base = im_path_join(dir, names[i]);
		char *shp = base ? malloc(strlen(base) + 5) : NULL;
		if (!shp) {
			free(base);
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		}
		sprintf(shp, "%s.shp", base);
		int present = im_file_exists(shp);
		free(shp);
		free(base);
		if (!present && i > 0)
			continue; /* the optional layers */
		im_status st = rlayer_build_index(dir, names[i], err);
		if (st)
			return st;
	}
	return IM_OK;
}

/* ---- the label test card ------------------------------------------------------ */

im_status im_render_label_png(const char *text, int w, int h, const char *path, im_error *err)
{
	rctx cc;
	rctx *c = &cc;
	memset(c, 0, sizeof *c);
	c->u = 150 / 25.4;
	c->s = 1;
	c->err = err;
	if (w < 16 || h < 16 || w > 4000 || h > 4000)
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0, "label card size out of range");
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(sf)) {
		cairo_surface_destroy(sf);
		return im_error_set(err, IM_E_RENDER, path, 0, 0, "cairo: %s",
				    cairo_status_to_string(cairo_surface_status(sf)));
	}
	c->cr = cairo_create(sf);
	im_status st = rctx_text_setup(c, err);
	if (!st) {
		/* A grey ground so the halo shows. */
		cairo_set_source_rgb(c->cr, 0.83, 0.89, 0.93);
		cairo_paint(c->cr);
		PangoLayout *lay = rtext_label(c, text, 16);
		double tw, th;
		rtext_size(lay, &tw, &th);
		rgb ink = rgb_hex(0x1a1a1a), white = {1, 1, 1};
		rtext_draw(c, lay, (w - tw) / 2, (h - th) / 2, ink, rmm(c, HALO_MM), white);
		g_object_unref(lay);
		if (cairo_status(c->cr))
			st = im_error_set(err, IM_E_RENDER, path, 0, 0, "cairo: %s",
					  cairo_status_to_string(cairo_status(c->cr)));
	}
	cairo_destroy(c->cr);
	rctx_text_free(c);
	im_afile *af = NULL;
	if (!st && !(st = im_afile_open(path, &af, err))) {
		if ((st = rpng_write(sf, 150, im_afile_fp(af), path, err)))
			im_afile_abort(af);
		else
			st = im_afile_commit(af, err);
	}
	cairo_surface_destroy(sf);
	return st;
}
