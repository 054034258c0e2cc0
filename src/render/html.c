/* html.c: the interactive map, one self-contained HTML page that works with
 * no network: Leaflet and its marker-cluster plug-in (Debian's files, put
 * into the binary at build time by tools/embed.cmake) inlined with their
 * licences, our own script and styles (src/render/html/), the base map
 * from the shapefiles as coordinate arrays, and the incidents as one JSON
 * data block. The symbology (shapes, colours, sizes) is the table of
 * style.h, written into the data, never repeated in the script. */
#include "render_int.h"
#include "../core/fsutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The files embedded by tools/embed.cmake (html_assets.c). */
#define ASSET(name)                                                                                \
	extern const unsigned char im_asset_##name[];                                              \
	extern const size_t im_asset_##name##_len;
ASSET(leaflet_js)
ASSET(leaflet_css)
ASSET(cluster_js)
ASSET(cluster_css)
ASSET(cluster_default_css)
ASSET(map_js)
ASSET(map_css)
ASSET(leaflet_copyright)
ASSET(cluster_copyright)
#undef ASSET

/* Coordinates of the incidents: 5 decimals (about a metre). */
#define COORD_DEC 5
/* The base map: the world coarse, the incidents' extent finer, in steps
 * of a fraction of the shown width. */
#define WORLD_STEP_DEG 0.5
#define EXTENT_STEPS 1500.0
#define EXTENT_MARGIN 0.35 /* of the incidents' extent, on each side */
#define EXTENT_MIN_DEG 3.0
/* Past this width (degrees), the world's coarse outline is detail enough:
 * no finer countries, no provinces (they would weigh megabytes). */
#define FINE_MAX_DEG 90.0

/* Data past this size goes into the page gzip-compressed, as base64: the
 * browser inflates it (DecompressionStream) in a fraction of the time
 * the download or the disk would take for three times the bytes. */
#define GZIP_MIN (1024 * 1024)

/* ---- strings said once -------------------------------------------------- */

/* A table of distinct strings: each is written once into the page and
 * referred to by its index (sub-types, places, actors, sources repeat). */
typedef struct strtab {
	im_buf raw;  /* the strings, NUL-terminated */
	size_t *off; /* per index: offset in raw */
	size_t n, cap;
	uint32_t *slot; /* hash table: index + 1, 0 empty */
	size_t nslot;
} strtab;

struct rhtml {
	strtab str;
	strtab src;  /* sources, as "title\x1furl\x1ffile\x1fdate" */
	im_buf recs; /* the incidents' records, comma-separated */
	size_t nrec;
	double w, s, e, n; /* the incidents' extent */
	int fat_max;       /* the largest known death toll */
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void strtab_free(strtab *t)
{
	im_buf_free(&t->raw);
	free(t->off);
	free(t->slot);
}

static im_status strtab_grow(strtab *t)
{
	size_t ns = t->nslot ? t->nslot * 2 : 1024;
	uint32_t *slot = calloc(ns, sizeof *slot);
	if (!slot)
		return IM_E_NOMEM;
	for (size_t i = 0; i < t->n; i++) {
		size_t k = (size_t)hash_str(t->raw.p + t->off[i]) & (ns - 1);
		while (slot[k])
			k = (k + 1) & (ns - 1);
		slot[k] = (uint32_t)(i + 1);
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = ns;
	return IM_OK;
}

/* The index of s in t, added when new; -1 for NULL or "" (nothing said). */
static im_status strtab_id(strtab *t, const char *s, long *id)
{
	*id = -1;
	if (!s || !*s)
		return IM_OK;
	if ((t->n + 1) * 2 > t->nslot && strtab_grow(t))
		return IM_E_NOMEM;
	size_t k = (size_t)hash_str(s) & (t->nslot - 1);
	for (; t->slot[k]; k = (k + 1) & (t->nslot - 1))
		if (strcmp(t->raw.p + t->off[t->slot[k] - 1], s) == 0) {
			*id = (long)t->slot[k] - 1;
			return IM_OK;
		}
	if (im_grow(&t->off, &t->cap, t->n + 1, sizeof *t->off))
		return IM_E_NOMEM;
	if (t->n >= UINT32_MAX - 1)
		return IM_E_TOO_LARGE;
	t->off[t->n] = t->raw.len;
	if (im_buf_puts(&t->raw, s) || im_buf_putc(&t->raw, '\0'))
		return IM_E_NOMEM;
	t->slot[k] = (uint32_t)(t->n + 1);
	*id = (long)t->n++;
	return IM_OK;
}

/* ---- the job's part: a record per incident ------------------------------ */

im_status rhtml_new(rhtml **out)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return IM_E_NOMEM;
	(*out)->w = (*out)->s = HUGE_VAL;
	(*out)->e = (*out)->n = -HUGE_VAL;
	return IM_OK;
}

void rhtml_free(rhtml *h)
{
	if (!h)
		return;
	strtab_free(&h->str);
	strtab_free(&h->src);
	im_buf_free(&h->recs);
	free(h);
}

static im_status put_id(im_buf *b, strtab *t, const char *s)
{
	long id;
	im_status st = strtab_id(t, s, &id);
	return st ? st : im_buf_printf(b, ",%ld", id);
}

static im_status put_int_or_null(im_buf *b, int v)
{
	return v < 0 ? im_buf_puts(b, ",null") : im_buf_printf(b, ",%d", v);
}

static im_status put_source(rhtml *h, const im_source *s, int first)
{
	im_buf key = IM_BUF_INIT;
	const char *parts[4] = {s->title, s->url, s->file, s->date};
	im_status st = IM_OK;
	for (int i = 0; !st && i < 4; i++)
		st = im_buf_printf(&key, "%s%s", i ? "\x1f" : "", parts[i] ? parts[i] : "");
	long id = -1;
	if (!st)
		st = strtab_id(&h->src, key.p, &id);
	im_buf_free(&key);
	return st ? st : im_buf_printf(&h->recs, "%s%ld", first ? "" : ",", id);
}

/* The record the script reads (map.js names the fields by position):
 * lat, lon, style, sub-type, yyyymmdd (0 unknown), date as written, time
 * precision, place, place as written, admin1, country, geo precision,
 * killed, injured (null unknown), [actors], notes, [sources], id.
 * Strings but the notes and the id are indices into the string table. */
im_status rhtml_add(rhtml *h, const im_incident *inc, size_t style)
{
	im_buf *b = &h->recs;
	im_status st = im_buf_puts(b, h->nrec ? ",[" : "[");
	st = st ? st : im_buf_num(b, inc->lat, COORD_DEC);
	st = st ? st : im_buf_putc(b, ',');
	st = st ? st : im_buf_num(b, inc->lon, COORD_DEC);
	st = st ? st : im_buf_printf(b, ",%zu", style);
	st = st ? st : put_id(b, &h->str, inc->sub_event_type);
	const im_date *d = &inc->event_date;
	st = st ? st : im_buf_printf(b, ",%d", d->y ? d->y * 10000 + d->m * 100 + d->d : 0);
	st = st ? st : put_id(b, &h->str, inc->date_text);
	st = st ? st : im_buf_printf(b, ",%d", inc->time_precision);
	st = st ? st : put_id(b, &h->str, inc->place);
	st = st ? st : put_id(b, &h->str, inc->place_text);
	st = st ? st : put_id(b, &h->str, inc->admin1);
	st = st ? st : put_id(b, &h->str, inc->country);
	st = st ? st : im_buf_printf(b, ",%d", inc->geo_precision);
	st = st ? st : put_int_or_null(b, inc->fatalities);
	st = st ? st : put_int_or_null(b, inc->injuries);
	st = st ? st : im_buf_puts(b, ",[");
	for (size_t i = 0; !st && i < inc->n_actors; i++) {
		long id;
		st = strtab_id(&h->str, inc->actors[i], &id);
		st = st ? st : im_buf_printf(b, "%s%ld", i ? "," : "", id);
	}
	st = st ? st : im_buf_puts(b, "],");
	st = st ? st : im_buf_json_str(b, inc->notes ? inc->notes : "");
	st = st ? st : im_buf_puts(b, ",[");
	for (size_t i = 0; !st && i < inc->n_sources; i++)
		st = put_source(h, &inc->sources[i], i == 0);
	st = st ? st : im_buf_puts(b, "],");
	st = st ? st : im_buf_json_str(b, inc->id ? inc->id : "");
	st = st ? st : im_buf_putc(b, ']');
	if (st)
		return st;
	h->nrec++;
	h->w = fmin(h->w, inc->lon), h->e = fmax(h->e, inc->lon);
	h->s = fmin(h->s, inc->lat), h->n = fmax(h->n, inc->lat);
	if (inc->fatalities > h->fat_max)
		h->fat_max = inc->fatalities;
	return IM_OK;
}

/* ---- escaping ------------------------------------------------------------ */

im_status rhtml_script_safe(im_buf *out, const char *json, size_t n)
{
	/* JSON inside <script>: "<" could start "</script>" or "<!--", and
	 * U+2028/2029 end a line in older JavaScript; both are written as
	 * \u escapes, which JSON reads back as the same characters (they
	 * only ever stand inside strings in our JSON). */
	size_t from = 0;
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < n; i++) {
		const char *esc = NULL;
		size_t skip = 1;
		if (json[i] == '<')
			esc = "\\u003c";
		else if (json[i] == '>')
			esc = "\\u003e";
		else if (json[i] == '&')
			esc = "\\u0026";
		else if ((unsigned char)json[i] == 0xE2 && i + 2 < n &&
		         (unsigned char)json[i + 1] == 0x80 &&
		         ((unsigned char)json[i + 2] == 0xA8 || (unsigned char)json[i + 2] == 0xA9))
			esc = (unsigned char)json[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", skip = 3;
		if (!esc)
			continue;
		st = im_buf_append(out, json + from, i - from);
		st = st ? st : im_buf_puts(out, esc);
		i += skip - 1;
		from = i + 1;
	}
	return st ? st : im_buf_append(out, json + from, n - from);
}

im_status rhtml_text(im_buf *out, const char *s)
{
	im_status st = IM_OK;
	for (; !st && *s; s++) {
		switch (*s) {
		case '<':
			st = im_buf_puts(out, "&lt;");
			break;
		case '>':
			st = im_buf_puts(out, "&gt;");
			break;
		case '&':
			st = im_buf_puts(out, "&amp;");
			break;
		case '"':
			st = im_buf_puts(out, "&quot;");
			break;
		case '\'':
			st = im_buf_puts(out, "&#39;");
			break;
		default:
			st = im_buf_putc(out, *s);
		}
	}
	return st;
}

/* ---- the data block ----------------------------------------------------- */

static im_status put_styles(im_buf *b)
{
	im_status st = im_buf_puts(b, "\"styles\":[");
	for (size_t i = 0; !st && i < im_n_styles; i++) {
		const im_style *s = &im_styles[i];
		char hex[8];
		im_style_hex(s, hex);
		st = im_buf_puts(b, i ? ",{\"type\":" : "{\"type\":");
		st = st ? st : im_buf_json_str(b, s->event_type ? s->event_type : "");
		st = st ? st : im_buf_puts(b, ",\"label\":");
		st = st ? st : im_buf_json_str(b, s->label);
		st = st ? st : im_buf_printf(b, ",\"color\":\"%s\",\"shape\":[", hex);
		double x[RSHAPE_MAX], y[RSHAPE_MAX];
		int np = rshape_points(s->shape, x, y);
		for (int k = 0; !st && k < np; k++) {
			st = im_buf_puts(b, k ? ",[" : "[");
			st = st ? st : im_buf_num(b, x[k], 4);
			st = st ? st : im_buf_putc(b, ',');
			st = st ? st : im_buf_num(b, y[k], 4);
			st = st ? st : im_buf_putc(b, ']');
		}
		st = st ? st : im_buf_puts(b, "]}");
	}
	st = st ? st
	        : im_buf_printf(b,
	                        "],\"edge\":{\"color\":\"#%02x%02x%02x\",\"mm\":", IM_STYLE_EDGE_R,
	                        IM_STYLE_EDGE_G, IM_STYLE_EDGE_B);
	st = st ? st : im_buf_num(b, IM_STYLE_EDGE_MM, 3);
	st = st ? st : im_buf_puts(b, ",\"open_mm\":");
	st = st ? st : im_buf_num(b, IM_STYLE_OPEN_EDGE_MM, 3);
	return st ? st : im_buf_putc(b, '}');
}

/* Symbol diameters by death toll, 0 up to the first that reaches the cap
 * (or the largest toll on the map): the script looks sizes up here. */
static im_status put_sizes(im_buf *b, int fat_max)
{
	im_status st = im_buf_puts(b, ",\"sizes\":[");
	for (int f = 0; !st; f++) {
		double mm = im_style_size_mm(f);
		st = im_buf_puts(b, f ? "," : "");
		st = st ? st : im_buf_num(b, mm, 2);
		if (mm >= IM_STYLE_MAX_MM || f >= fat_max)
			break;
	}
	return st ? st : im_buf_putc(b, ']');
}

static im_status put_strings(im_buf *b, const strtab *t)
{
	im_status st = im_buf_puts(b, ",\"strings\":[");
	for (size_t i = 0; !st && i < t->n; i++) {
		st = im_buf_puts(b, i ? "," : "");
		st = st ? st : im_buf_json_str(b, t->raw.p + t->off[i]);
	}
	return st ? st : im_buf_putc(b, ']');
}

/* The sources: each [title, url, file, date] as indices into the strings,
 * which take their fields in first (so call before put_strings). */
static im_status put_sources(im_buf *b, rhtml *h)
{
	im_status st = im_buf_puts(b, ",\"sources\":[");
	for (size_t i = 0; !st && i < h->src.n; i++) {
		const char *s = h->src.raw.p + h->src.off[i];
		st = im_buf_puts(b, i ? ",[" : "[");
		for (int k = 0; !st && k < 4; k++) {
			const char *end = strchr(s, '\x1f');
			size_t len = end ? (size_t)(end - s) : strlen(s);
			char *part = im_strndup(s, len);
			long id = -1;
			st = part ? strtab_id(&h->str, part, &id) : IM_E_NOMEM;
			free(part);
			st = st ? st : im_buf_printf(b, "%s%ld", k ? "," : "", id);
			s = end ? end + 1 : s + len;
		}
		st = st ? st : im_buf_putc(b, ']');
	}
	return st ? st : im_buf_putc(b, ']');
}

/* ---- the base map ------------------------------------------------------- */

/* The parts of g (read for the lon/lat view v) as rings or lines, each
 * "[x,y,dx,dy,...]": integers in units of 10^-dec degrees, the first point
 * whole and each next one as the step from the last (map.js adds them up);
 * a step of nothing is left out. After a comma unless *first. */
static im_status put_geoms(im_buf *b, const rgeom *g, size_t ng, const rview *v, int dec,
                           int *first)
{
	double q = pow(10, dec);
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < ng; i++)
		for (int p = 0; !st && p < g[i].nparts; p++) {
			int a = g[i].parts[p];
			int z = p + 1 < g[i].nparts ? g[i].parts[p + 1] : g[i].npts;
			if (z - a < 2)
				continue;
			st = im_buf_puts(b, *first ? "[" : ",[");
			*first = 0;
			long long lx = 0, ly = 0;
			for (int k = a; !st && k < z; k++) {
				double lon = v->x0 + (g[i].x[k] - v->box.x0) / v->k;
				double lat = v->y0 + (v->box.y1 - g[i].y[k]) / v->k;
				long long x = llround(lon * q), y = llround(lat * q);
				if (k > a && x == lx && y == ly)
					continue;
				st = im_buf_printf(b, "%s%lld,%lld", k > a ? "," : "", x - lx,
				                   y - ly);
				lx = x, ly = y;
			}
			st = st ? st : im_buf_putc(b, ']');
		}
	return st;
}

/* Decimals enough for steps of step degrees. */
static int decimals_for(double step)
{
	int d = (int)ceil(-log10(step));
	return d < 1 ? 1 : d > 5 ? 5 : d;
}

/* Fits v to the lon/lat box (w, s, e, n) on a page `steps` units wide:
 * shapes are then thinned to steps of (e - w) / steps degrees. */
static void fit_box(rview *v, rproj *ll, const double box[4], double steps)
{
	im_rbox page = {0, 0, steps, steps * (box[3] - box[1]) / (box[2] - box[0])};
	rview_fit(v, ll, box[0], box[1], box[2], box[3], page);
}

/* Where the page opens (view): --bbox, else the incidents' extent, else
 * the world; and what the finer base map covers (fine, unless NULL): that
 * with a margin. */
static void extent_of(const im_render_opts *o, const rhtml *h, double view[4], double fine[4])
{
	if (o->has_bbox)
		memcpy(view, o->bbox, 4 * sizeof *view);
	else if (h->nrec)
		view[0] = h->w, view[1] = h->s, view[2] = h->e, view[3] = h->n;
	else
		view[0] = -180, view[1] = -60, view[2] = 180, view[3] = 80;
	if (!fine)
		return;
	double mx = fmax(EXTENT_MIN_DEG, (view[2] - view[0]) * (1 + 2 * EXTENT_MARGIN)) / 2;
	double my = fmax(EXTENT_MIN_DEG, (view[3] - view[1]) * (1 + 2 * EXTENT_MARGIN)) / 2;
	double cx = (view[0] + view[2]) / 2, cy = (view[1] + view[3]) / 2;
	fine[0] = fmax(-180, cx - mx), fine[2] = fmin(180, cx + mx);
	fine[1] = fmax(-89.9, cy - my), fine[3] = fmin(89.9, cy + my);
}

/* The world's countries, coarse; then the countries, provinces and
 * disputed borders that base_load read for the view (finer). */
static im_status put_base(im_buf *b, rctx *c)
{
	static const double world[4] = {-180, -89.9, 180, 89.9};
	rview wv;
	fit_box(&wv, &c->proj, world, 360 / WORLD_STEP_DEG);
	rgeom *g = NULL;
	size_t ng = 0;
	int first = 1;
	im_status st = rlayer_read(&c->countries, &wv, 1.0, &g, &ng, c->err);
	if (st)
		return st;
	int wdec = decimals_for(WORLD_STEP_DEG);
	int dec = decimals_for((c->view.x1 - c->view.x0) / EXTENT_STEPS);
	st = im_buf_printf(b, ",\"base\":{\"world_scale\":%d,\"scale\":%d,\"world\":[", wdec, dec);
	st = st ? st : put_geoms(b, g, ng, &wv, wdec, &first);
	rgeoms_free(g, ng);
	first = 1;
	st = st ? st : im_buf_puts(b, "],\"countries\":[");
	if (c->view.x1 - c->view.x0 <= FINE_MAX_DEG)
		st = st ? st : put_geoms(b, c->cg, c->ncg, &c->view, dec, &first);
	first = 1;
	st = st ? st : im_buf_puts(b, "],\"provinces\":[");
	st = st ? st : put_geoms(b, c->pg, c->npg, &c->view, dec, &first);
	first = 1;
	st = st ? st : im_buf_puts(b, "],\"disputed\":[");
	st = st ? st : put_geoms(b, c->dg, c->ndg, &c->view, dec, &first);
	st = st ? st : im_buf_puts(b, "]}");
	return st ? im_error_set(c->err, st, NULL, 0, 0, "out of memory") : IM_OK;
}

/* ---- the page ----------------------------------------------------------- */

static const char csp[] =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'";

/* The data block's JSON, all but the incidents' records. */
static im_status put_data_head(im_buf *b, rctx *c, rhtml *h, const double view[4], const char *sub)
{
	im_status st = im_buf_puts(b, "{\"title\":");
	st = st ? st : im_buf_json_str(b, c->title);
	st = st ? st : im_buf_puts(b, ",\"subtitle\":");
	st = st ? st : im_buf_json_str(b, sub);
	st = st ? st : im_buf_printf(b, ",\"undated\":%zu,", c->undated);
	st = st ? st : put_styles(b);
	st = st ? st : put_sizes(b, h->fat_max);
	st = st ? st : im_buf_puts(b, ",\"view\":[");
	for (int i = 0; !st && i < 4; i++) {
		st = im_buf_puts(b, i ? "," : "");
		st = st ? st : im_buf_num(b, view[i], 4);
	}
	st = st ? st : im_buf_putc(b, ']');
	if (!st && (st = put_base(b, c)))
		return st;
	st = st ? st : put_sources(b, h);
	st = st ? st : put_strings(b, &h->str);
	return st ? st : im_buf_puts(b, ",\"inc\":[");
}

static im_status put_asset(im_buf *b, const unsigned char *a, size_t n)
{
	return im_buf_append(b, a, n);
}

/* Everything before the data block. */
static im_status put_top(im_buf *b, const rctx *c, const char *sub)
{
	im_status st =
	    im_buf_printf(b,
	                  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                  "<meta charset=\"utf-8\">\n"
	                  "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
	                  "<meta name=\"viewport\" content=\"width=device-width, "
	                  "initial-scale=1\">\n"
	                  "<meta name=\"generator\" content=\"incimap %s\">\n<title>",
	                  csp, IM_VERSION);
	st = st ? st : rhtml_text(b, c->title);
	st = st ? st : im_buf_puts(b, "</title>\n<style>\n");
	st = st ? st : put_asset(b, im_asset_leaflet_css, im_asset_leaflet_css_len);
	st = st ? st : put_asset(b, im_asset_cluster_css, im_asset_cluster_css_len);
	st = st ? st : put_asset(b, im_asset_cluster_default_css, im_asset_cluster_default_css_len);
	st = st ? st : put_asset(b, im_asset_map_css, im_asset_map_css_len);
	st = st ? st : im_buf_puts(b, "</style>\n</head>\n<body>\n<header><h1 dir=\"auto\">");
	st = st ? st : rhtml_text(b, c->title);
	st = st ? st : im_buf_puts(b, "</h1><p id=\"subtitle\" dir=\"auto\">");
	st = st ? st : rhtml_text(b, sub);
	st =
	    st ? st
	       : im_buf_puts(b, "</p></header>\n<div id=\"map\"></div>\n"
	                        "<aside id=\"panel\"><div id=\"controls\"></div>\n"
	                        "<details class=\"im-licences\"><summary>About this map</summary>\n"
	                        "<p>Made by incimap from news reports; base map from Natural "
	                        "Earth (public domain). Drawn with Leaflet and "
	                        "Leaflet.markercluster, included here under their licences:</p>\n"
	                        "<pre>");
	st = st ? st : rhtml_text(b, (const char *)im_asset_leaflet_copyright);
	st = st ? st : im_buf_puts(b, "</pre>\n<pre>");
	st = st ? st : rhtml_text(b, (const char *)im_asset_cluster_copyright);
	st = st ? st
	        : im_buf_puts(b, "</pre></details></aside>\n"
	                         "<noscript>This map needs JavaScript.</noscript>\n");
	return st;
}

static im_status put_bottom(im_buf *b)
{
	im_status st = im_buf_puts(b, "</script>\n<script>");
	st = st ? st : put_asset(b, im_asset_leaflet_js, im_asset_leaflet_js_len);
	st = st ? st : im_buf_puts(b, "</script>\n<script>");
	st = st ? st : put_asset(b, im_asset_cluster_js, im_asset_cluster_js_len);
	st = st ? st : im_buf_puts(b, "</script>\n<script>");
	st = st ? st : put_asset(b, im_asset_map_js, im_asset_map_js_len);
	return st ? st : im_buf_puts(b, "</script>\n</body>\n</html>\n");
}

static im_status write_buf(FILE *fp, const im_buf *b)
{
	return b->len && fwrite(b->p, 1, b->len, fp) != b->len ? IM_E_IO : IM_OK;
}

im_status rhtml_gzip64(im_buf *out, const char *data, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	/* windowBits 16 + 15: a gzip wrapper, as DecompressionStream('gzip')
	 * wants; level 4 (on 100,000 incidents level 6 takes three times as
	 * long for 13% less); no time stamp: the same data, the same bytes */
	if (n > UINT32_MAX || deflateInit2(&z, 4, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return n > UINT32_MAX ? IM_E_TOO_LARGE : IM_E_NOMEM;
	uLong cap = deflateBound(&z, (uLong)n);
	unsigned char *gz = malloc(cap);
	if (!gz) {
		deflateEnd(&z);
		return IM_E_NOMEM;
	}
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)n;
	z.next_out = gz;
	z.avail_out = (uInt)cap;
	int zr = deflate(&z, Z_FINISH);
	size_t len = z.total_out;
	deflateEnd(&z);
	if (zr != Z_STREAM_END) {
		free(gz);
		return IM_E_NOMEM;
	}
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	im_status st = im_buf_reserve(out, (len + 2) / 3 * 4 + 1);
	for (size_t i = 0; !st && i < len; i += 3) {
		unsigned v = (unsigned)gz[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)gz[i + 1] << 8;
		if (i + 2 < len)
			v |= gz[i + 2];
		char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < len ? b64[v >> 6 & 63] : '=',
			     i + 2 < len ? b64[v & 63] : '='};
		st = im_buf_append(out, q, 4);
	}
	free(gz);
	return st;
}

/* The data block, whole: JSON made safe for <script>, or past GZIP_MIN
 * the JSON gzip-compressed, in base64 (map.js reads both). */
static im_status put_data(im_buf *page, const im_buf *head, const im_buf *recs)
{
	im_buf json = IM_BUF_INIT;
	im_status st = im_buf_append(&json, head->p, head->len);
	st = st ? st : im_buf_append(&json, recs->p ? recs->p : "", recs->len);
	st = st ? st : im_buf_puts(&json, "]}");
	int gz = !st && json.len > GZIP_MIN;
	st = st ? st : im_buf_printf(page, "<script type=\"%s\" id=\"im-data\">",
				     gz ? "application/gzip+base64" : "application/json");
	if (!st)
		st = gz ? rhtml_gzip64(page, json.p, json.len)
			: rhtml_script_safe(page, json.p, json.len);
	im_buf_free(&json);
	return st;
}

im_status rhtml_base(rctx *c, rhtml *h)
{
	double view[4], fine[4];
	extent_of(c->o, h, view, fine);
	im_status st = rproj_open(&c->proj, "EPSG:4326", "the interactive map", c->err);
	if (st)
		return st;
	/* base_load thins the shapes to 0.12 mm: one unit of this page */
	c->u = 1 / 0.12, c->s = 1;
	fit_box(&c->view, &c->proj, fine, EXTENT_STEPS);
	if (c->view.x1 - c->view.x0 > FINE_MAX_DEG)
		c->have_prov = c->have_disp = 0;
	return base_load(c);
}

im_status rhtml_write(rctx *c, rhtml *h, const char *path)
{
	char sub[512];
	furn_subtitle(c, sub, sizeof sub);
	double view[4];
	extent_of(c->o, h, view, NULL);
	im_buf page = IM_BUF_INIT, head = IM_BUF_INIT;
	im_status st = put_data_head(&head, c, h, view, sub);
	if (st)
		goto out; /* err says why */
	st = put_top(&page, c, sub);
	st = st ? st : put_data(&page, &head, &h->recs);
	st = st ? st : put_bottom(&page);
	if (st) {
		im_error_set(c->err, st, path, 0, 0,
			     st == IM_E_NOMEM ? "out of memory" : "too big for one page");
		goto out;
	}
	im_afile *af;
	if ((st = im_afile_open(path, &af, c->err)))
		goto out;
	if ((st = write_buf(im_afile_fp(af), &page))) {
		im_afile_abort(af);
		st = im_error_set(c->err, st, path, 0, 0, "cannot write the map");
		goto out;
	}
	st = im_afile_commit(af, c->err);
out:
	im_buf_free(&page);
	im_buf_free(&head);
	return st;
}
