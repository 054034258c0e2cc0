/* text.c: every piece of text on the map goes through pango (so Arabic
 * shapes right), with fixed font options so the same input gives the same
 * pixels; and the collision index that keeps labels apart. */
#include "render_int.h"
#include "../core/fsutil.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Noto Sans for Latin, Greek and Cyrillic; Noto Sans Arabic (then Naskh)
 * when a label is in Arabic script. Both come with fonts-noto-core. */
#define FAMILIES "Noto Sans,Noto Sans Arabic,Noto Naskh Arabic,DejaVu Sans,sans-serif"

/* ---- halos ------------------------------------------------------------------ */

/* A halo is the outline of each glyph stroked wide in white under the text.
 * Stroked as a path, a label's halo costs a PDF some ten kilobytes of
 * outlines, every label over again. Instead the halos are glyphs of a cairo
 * user font (like the markers, marks.c): each halo glyph, the stroked
 * outline of one glyph of one font at one halo width, is drawn once (a
 * Type 3 glyph in PDF, a cached mask in PNG) and every label shows them as
 * a run of glyph references. Glyph index: slot << 16 | the font's glyph,
 * where a slot is one (font, halo width) pair of this render. */
typedef struct rhalo {
	double em;                /* the halo font's size, output units */
	double tol;               /* how far an outline may be simplified, in em */
	cairo_scaled_font_t **sf; /* per slot: the font (a reference) */
	double *w;                /* per slot: the halo width, output units */
	size_t n, cap;
} rhalo;

static const cairo_user_data_key_t halo_key;

static void rhalo_free(void *p)
{
	rhalo *h = p;
	for (size_t i = 0; i < h->n; i++)
		cairo_scaled_font_destroy(h->sf[i]);
	free(h->sf);
	free(h->w);
	free(h);
}

static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(ax + t * dx - px, ay + t * dy - py);
}

/* A cubic Bezier from (x0, y0) as lines within tol, into p. */
static int flatten(ptbuf *p, double x0, double y0, double x1, double y1, double x2, double y2,
		   double x3, double y3, double tol, int depth)
{
	if (depth >= 10 || (seg_dist(x1, y1, x0, y0, x3, y3) <= tol &&
			    seg_dist(x2, y2, x0, y0, x3, y3) <= tol))
		return pt_push(p, x3, y3);
	double ax = (x0 + x1) / 2, ay = (y0 + y1) / 2, bx = (x1 + x2) / 2, by = (y1 + y2) / 2;
	double cx = (x2 + x3) / 2, cy = (y2 + y3) / 2, dx = (ax + bx) / 2, dy = (ay + by) / 2;
	double ex = (bx + cx) / 2, ey = (by + cy) / 2, mx = (dx + ex) / 2, my = (dy + ey) / 2;
	return flatten(p, x0, y0, ax, ay, dx, dy, mx, my, tol, depth + 1) ||
	       flatten(p, mx, my, ex, ey, cx, cy, x3, y3, tol, depth + 1);
}

/* Marks the points of p[a..b] that Douglas-Peucker keeps. */
static void dp_keep(const ptbuf *p, size_t a, size_t b, double tol, unsigned char *keep)
{
	while (b > a + 1) {
		size_t far = a;
		double best = tol;
		for (size_t i = a + 1; i < b; i++) {
			double d = seg_dist(p->x[i], p->y[i], p->x[a], p->y[a], p->x[b], p->y[b]);
			if (d > best)
				best = d, far = i;
		}
		if (far == a)
			return;
		keep[far] = 1;
		dp_keep(p, a, far, tol, keep);
		a = far; /* the second half without recursing */
	}
}

/* Adds the ring in p (its first point repeated last) to cr, simplified. */
static int ring_out(cairo_t *cr, const ptbuf *p, double tol)
{
	if (p->n < 3)
		return 0;
	unsigned char *keep = calloc(p->n, 1);
	if (!keep)
		return -1;
	keep[0] = keep[p->n - 1] = 1;
	dp_keep(p, 0, p->n - 1, tol, keep);
	cairo_move_to(cr, p->x[0], p->y[0]);
	for (size_t i = 1; i + 1 < p->n; i++)
		if (keep[i])
			cairo_line_to(cr, p->x[i], p->y[i]);
	cairo_close_path(cr);
	free(keep);
	return 0;
}

/* A halo's outline need not follow the glyph closer than a fraction of
 * the halo's width: the current path (a glyph's outline) is replaced by
 * polygons within tol of it, with as few corners as that allows
 * (Douglas-Peucker), which makes each halo glyph of a PDF a few hundred
 * bytes instead of a few kilobytes of curves. Returns -1 when out of
 * memory (the path is then left as it was). */
static int simplify_path(cairo_t *cr, double tol)
{
	cairo_path_t *path = cairo_copy_path(cr);
	if (!path || path->status) {
		cairo_path_destroy(path);
		return -1;
	}
	ptbuf p = {0};
	int rc = 0;
	double lx = 0, ly = 0;
	cairo_new_path(cr);
	for (int i = 0; i < path->num_data && !rc; i += path->data[i].header.length) {
		const cairo_path_data_t *d = &path->data[i];
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO:
			rc = ring_out(cr, &p, tol);
			p.n = 0;
			lx = d[1].point.x, ly = d[1].point.y;
			rc = rc || pt_push(&p, lx, ly);
			break;
		case CAIRO_PATH_LINE_TO:
			lx = d[1].point.x, ly = d[1].point.y;
			rc = pt_push(&p, lx, ly);
			break;
		case CAIRO_PATH_CURVE_TO:
			rc = flatten(&p, lx, ly, d[1].point.x, d[1].point.y, d[2].point.x,
				     d[2].point.y, d[3].point.x, d[3].point.y, tol / 4, 0);
			lx = d[3].point.x, ly = d[3].point.y;
			break;
		case CAIRO_PATH_CLOSE_PATH:
			if (p.n && (p.x[p.n - 1] != p.x[0] || p.y[p.n - 1] != p.y[0]))
				rc = pt_push(&p, p.x[0], p.y[0]);
			rc = rc || ring_out(cr, &p, tol);
			p.n = 0;
			break;
		}
	}
	if (!rc && p.n) {
		if (p.x[p.n - 1] != p.x[0] || p.y[p.n - 1] != p.y[0])
			rc = pt_push(&p, p.x[0], p.y[0]);
		rc = rc || ring_out(cr, &p, tol);
	}
	if (rc) { /* back to the outline as it was */
		cairo_new_path(cr);
		cairo_append_path(cr, path);
	}
	free(p.x);
	free(p.y);
	cairo_path_destroy(path);
	return rc;
}

static cairo_status_t halo_render(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
				  cairo_text_extents_t *ext)
{
	(void)ext; /* cairo measures the drawing */
	const rhalo *h = cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(sf),
						       &halo_key);
	size_t slot = glyph >> 16;
	if (!h || slot >= h->n)
		return CAIRO_STATUS_SUCCESS;
	/* The font's outline in em units of the halo font. (Scaling the
	 * context instead would leave cairo's PDF glyph with a line width in
	 * the wrong units.) */
	cairo_scaled_font_t *real = h->sf[slot];
	cairo_matrix_t fm, em;
	cairo_scaled_font_get_font_matrix(real, &fm);
	cairo_matrix_init_scale(&em, 1 / h->em, 1 / h->em);
	cairo_matrix_multiply(&fm, &fm, &em);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_scaled_font_get_font_options(real, fo);
	cairo_set_font_face(cr, cairo_scaled_font_get_font_face(real));
	cairo_set_font_matrix(cr, &fm);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	cairo_glyph_t g = {glyph & 0xffff, 0, 0};
	cairo_glyph_path(cr, &g, 1);
	if (simplify_path(cr, h->tol))
		return CAIRO_STATUS_NO_MEMORY;
	cairo_set_line_width(cr, 2 * h->w[slot] / h->em);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	return cairo_status(cr);
}

static im_status halo_font_new(rctx *c, im_error *err)
{
	rhalo *h = calloc(1, sizeof *h);
	c->hfont = cairo_user_font_face_create();
	if (!h || cairo_font_face_status(c->hfont)) {
		free(h);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory (halo font)");
	}
	/* Larger than any label glyph with its halo: poppler draws Type 3
	 * glyphs that overflow their em badly. */
	h->em = rmm(c, 12);
	h->tol = rmm(c, 0.025) / h->em;
	cairo_user_font_face_set_render_glyph_func(c->hfont, halo_render);
	if (cairo_font_face_set_user_data(c->hfont, &halo_key, h, rhalo_free)) {
		rhalo_free(h);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory (halo font)");
	}
	return IM_OK;
}

/* The slot of (font, width), added when new; -1 when out of memory. */
static long halo_slot(rhalo *h, cairo_scaled_font_t *sf, double w)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->sf[i] == sf && h->w[i] == w)
			return (long)i;
	if (h->n >= 0xffff)
		return -1;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 8;
		cairo_scaled_font_t **nsf = realloc(h->sf, cap * sizeof *nsf);
		if (!nsf)
			return -1;
		h->sf = nsf;
		double *nw = realloc(h->w, cap * sizeof *nw);
		if (!nw)
			return -1;
		h->w = nw;
		h->cap = cap;
	}
	h->sf[h->n] = cairo_scaled_font_reference(sf);
	h->w[h->n] = w;
	return (long)h->n++;
}

/* Shows n halo glyphs; each stands for a space in a PDF's text, so copying
 * a label gives its text once. */
static void halo_show(rctx *c, cairo_glyph_t *gl, int n, cairo_text_cluster_t *cl, char *sp)
{
	if (!n)
		return;
	for (int i = 0; i < n; i++) {
		sp[i] = ' ';
		cl[i].num_bytes = 1;
		cl[i].num_glyphs = 1;
	}
	cairo_show_text_glyphs(c->cr, sp, n, gl, n, cl, n, 0);
}

static void halo_draw(rctx *c, PangoLayout *lay, double x, double y, double halo, rgb hc)
{
	rhalo *h = c->hfont ? cairo_font_face_get_user_data(c->hfont, &halo_key) : NULL;
	if (!h)
		return;
	enum { N = 128 };
	cairo_glyph_t gl[N];
	cairo_text_cluster_t cl[N];
	char sp[N];
	cairo_t *cr = c->cr;
	cairo_save(cr);
	cairo_set_font_face(cr, c->hfont);
	cairo_set_font_size(cr, h->em);
	cairo_set_font_options(cr, c->fo);
	rset(cr, hc);
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		if (!run || !run->item->analysis.font)
			continue;
		cairo_scaled_font_t *sf =
			pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
		long slot = sf ? halo_slot(h, sf, halo) : -1;
		if (slot < 0)
			continue;
		PangoRectangle lr;
		pango_layout_iter_get_run_extents(it, NULL, &lr);
		double gx = x + (double)lr.x / PANGO_SCALE;
		double gy = y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		const PangoGlyphString *gs = run->glyphs;
		int n = 0;
		for (int i = 0; i < gs->num_glyphs; i++) {
			const PangoGlyphInfo *g = &gs->glyphs[i];
			if (g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
			    g->glyph <= 0xffff) {
				gl[n].index = (unsigned long)slot << 16 | g->glyph;
				gl[n].x = gx + (double)g->geometry.x_offset / PANGO_SCALE;
				gl[n].y = gy + (double)g->geometry.y_offset / PANGO_SCALE;
				if (++n == N) {
					halo_show(c, gl, n, cl, sp);
					n = 0;
				}
			}
			gx += (double)g->geometry.width / PANGO_SCALE;
		}
		halo_show(c, gl, n, cl, sp);
	} while (pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	cairo_restore(cr);
}

/* ---- fonts -------------------------------------------------------------------- */

/* The map's own fonts. Loading the system's whole font configuration and
 * matching each text size against its hundreds of fonts costs more than
 * drawing a small map; a configuration of these files alone is made in a
 * millisecond, and the map looks the same whatever fonts the user has
 * added. Text one of them cannot show (a name in a script they lack) sends
 * the render back to the system's configuration (render.c starts over). */
static const char *const font_dirs[] = {
	"/usr/share/fonts/truetype/noto", /* Debian, Ubuntu: fonts-noto-core */
	"/usr/share/fonts/noto",          /* Arch */
	"/usr/share/fonts/google-noto",   /* Fedora */
};
static const char *const font_files[] = {
	"NotoSans-Regular.ttf",       "NotoSans-Bold.ttf",        "NotoSans-Italic.ttf",
	"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
};
#if defined(__SANITIZE_ADDRESS__)
/* fontconfig keeps a few allocations of its configuration for the life of
 * the process, by design; LeakSanitizer would call that a leak in every
 * program that draws text (here, beside the fonts' set-up, so that every
 * program that draws text links it: the timeline alone too). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
#endif

static FcConfig *own_fonts;  /* NULL: not all found */
static FcConfig *sys_fonts;
static int fonts_tried;

/* Makes the configuration of the map's fonts the process's current one,
 * once, before pango starts (pango loads the current configuration on a
 * thread of its own as its first font map is made). */
static void fonts_init(void)
{
	if (fonts_tried)
		return;
	fonts_tried = 1;
	for (size_t d = 0; d < sizeof font_dirs / sizeof *font_dirs; d++) {
		FcConfig *cfg = FcConfigCreate();
		int ok = cfg != NULL;
		for (size_t i = 0; ok && i < sizeof font_files / sizeof *font_files; i++) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", font_dirs[d], font_files[i]);
			ok = im_file_exists(path) && FcConfigAppFontAddFile(cfg, (const FcChar8 *)path);
		}
		if (ok && FcConfigSetCurrent(cfg)) {
			own_fonts = cfg;
			return;
		}
		if (cfg)
			FcConfigDestroy(cfg);
	}
}

im_status rctx_text_setup(rctx *c, im_error *err)
{
	fonts_init();
	c->fm = pango_cairo_font_map_new();
	if (!c->fm)
		return im_error_set(err, IM_E_RENDER, NULL, 0, 0, "pango: no font map");
	c->own_fonts = own_fonts && !c->sysfonts;
	if (own_fonts && c->sysfonts && PANGO_IS_FC_FONT_MAP(c->fm)) {
		if (!sys_fonts)
			sys_fonts = FcInitLoadConfigAndFonts();
		if (sys_fonts)
			pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(c->fm), sys_fonts);
	}
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
	return halo_font_new(c, err);
}

void rctx_text_free(rctx *c)
{
	if (c->hfont)
		cairo_font_face_destroy(c->hfont);
	c->hfont = NULL;
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

PangoLayout *rtext_new(rctx *c, double pt, int bold, int italic)
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
	return lay;
}

PangoLayout *rtext(rctx *c, const char *text, double pt, int bold, int italic)
{
	PangoLayout *lay = rtext_new(c, pt, bold, italic);
	rtext_set(c, lay, text);
	return lay;
}

void rtext_set(rctx *c, PangoLayout *lay, const char *text)
{
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
	if (c->own_fonts && pango_layout_get_unknown_glyphs_count(lay) > 0)
		c->fonts_missing = 1;
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

double rtext_height(rctx *c, double pt)
{
	PangoLayout *lay = rtext(c, "0", pt, 0, 0);
	double w, h;
	rtext_size(lay, &w, &h);
	g_object_unref(lay);
	return h;
}

void rtext_ink(PangoLayout *lay, double *x, double *y, double *w, double *h)
{
	PangoRectangle ink;
	pango_layout_get_extents(lay, &ink, NULL);
	*x = (double)ink.x / PANGO_SCALE;
	*y = (double)ink.y / PANGO_SCALE;
	*w = (double)ink.width / PANGO_SCALE;
	*h = (double)ink.height / PANGO_SCALE;
}

void rtext_draw(rctx *c, PangoLayout *lay, double x, double y, rgb fg, double halo, rgb hc)
{
	cairo_t *cr = c->cr;
	pango_cairo_update_layout(cr, lay);
	if (halo > 0 && c->fmt != IM_RENDER_SVG) {
		halo_draw(c, lay, x, y, halo, hc);
	} else if (halo > 0) {
		/* SVG: the outlines stroked as a path. cairo's SVG surface
		 * turns a user-font glyph's stroke into polygons, and its
		 * tessellation of a stroked glyph outline differs from run to
		 * run. */
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
	if (im_grow(&c->labels, &c->caplabels, c->nlabels + 1, sizeof *c->labels))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	rlabel *L = &c->labels[c->nlabels++];
	L->lay = lay;
	L->x = x;
	L->y = y;
	L->box = box;
	L->kind = kind;
	L->fg = fg;
	L->leader = 0;
	if (rcoll_add(&c->coll, box))
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	return IM_OK;
}

/* ---- place names ---------------------------------------------------------- */

/* Code points of Latin-script names: Latin letters and the modifier
 * letters and quotes transliterations use. */
static int latin_cp(int32_t u)
{
	return u < 0x0250 || (u >= 0x02B0 && u < 0x0370) || (u >= 0x1E00 && u < 0x1F00) ||
	       u == 0x2018 || u == 0x2019;
}

/* Whether u is a letter (for the apostrophes of transliteration). */
static int letter_cp(int32_t u)
{
	utf8proc_category_t k = utf8proc_category(u);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

size_t rdisplay_name(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	int ascii = 1, latin = 1;
	for (size_t i = 0; i < len; i++)
		ascii &= (unsigned char)in[i] < 0x80;
	utf8proc_int32_t *cps = NULL;
	utf8proc_ssize_t ncp = 0;
	if (!ascii) {
		/* Decomposed, the marks (macron, cedilla, dot below) come apart
		 * from their letters. */
		ncp = utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, NULL, 0,
					 UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
		if (ncp > 0 && (cps = malloc((size_t)ncp * sizeof *cps)))
			ncp = utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len, cps,
						 ncp, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
		for (utf8proc_ssize_t i = 0; cps && i < ncp && latin; i++)
			latin = latin_cp(cps[i]);
	}
	if (ascii || !cps || ncp <= 0 || !latin) {
		/* As it is, cut at a character boundary. */
		n = len < cap ? len : cap - 1;
		while (n > 0 && n < len && ((unsigned char)in[n] & 0xC0) == 0x80)
			n--;
		memcpy(out, in, n);
		out[n] = 0;
		free(cps);
		return n;
	}
	for (utf8proc_ssize_t i = 0; i < ncp; i++) {
		int32_t u = cps[i];
		if (u == 0x0131) /* dotless i */
			u = 'i';
		else if (u == 0x02BE || u == 0x02BF || u == 0x02BB || u == 0x02BC || u == 0x2018)
			continue; /* hamza and ayn */
		else if (u == 0x2019 && i > 0 && i + 1 < ncp && letter_cp(cps[i - 1]) &&
			 letter_cp(cps[i + 1]))
			continue; /* "Ra’s" */
		utf8proc_uint8_t b[4];
		utf8proc_ssize_t k = utf8proc_encode_char(u, b);
		if (k <= 0 || n + (size_t)k >= cap)
			break;
		memcpy(out + n, b, (size_t)k);
		n += (size_t)k;
	}
	out[n] = 0;
	free(cps);
	return n;
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
	free(c->bulk);
	free(c->bulk_at);
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
	if (im_grow(&c->boxes, &c->cap, c->n + 1, sizeof *c->boxes))
		return IM_E_NOMEM;
	size_t id = c->n++;
	c->boxes[id] = b;
	int i0, j0, i1, j1;
	cell_range(c, b, &i0, &j0, &i1, &j1);
	for (int j = j0; j <= j1; j++)
		for (int i = i0; i <= i1; i++) {
			size_t k = (size_t)j * (size_t)c->nx + (size_t)i;
			if (im_grow(&c->cells[k], &c->capcell[k], c->ncell[k] + 1,
			            sizeof *c->cells[k]))
				return IM_E_NOMEM;
			c->cells[k][c->ncell[k]++] = id;
		}
	return IM_OK;
}

/* Counts the cells each box of b covers into at[k + 1], the start of
 * cell k once summed. */
static void bulk_count(const rcoll *c, const im_rbox *b, size_t n, size_t *at)
{
	for (size_t m = 0; m < n; m++) {
		int i0, j0, i1, j1;
		cell_range(c, b[m], &i0, &j0, &i1, &j1);
		for (int j = j0; j <= j1; j++)
			for (int i = i0; i <= i1; i++)
				at[(size_t)j * (size_t)c->nx + (size_t)i + 1]++;
	}
}

im_status rcoll_add_all(rcoll *c, const im_rbox *b, size_t n)
{
	size_t ncells = (size_t)c->nx * (size_t)c->ny;
	if (c->bulk_at || c->n + n >= UINT32_MAX) { /* one block of them: the rest one by one */
		for (size_t m = 0; m < n; m++)
			if (rcoll_add(c, b[m]))
				return IM_E_NOMEM;
		return IM_OK;
	}
	if (im_grow(&c->boxes, &c->cap, c->n + n, sizeof *c->boxes) ||
	    !(c->bulk_at = calloc(ncells + 1, sizeof *c->bulk_at)))
		return IM_E_NOMEM;
	bulk_count(c, b, n, c->bulk_at);
	for (size_t k = 0; k < ncells; k++)
		c->bulk_at[k + 1] += c->bulk_at[k];
	if (!(c->bulk = malloc((c->bulk_at[ncells] ? c->bulk_at[ncells] : 1) * sizeof *c->bulk))) {
		free(c->bulk_at);
		c->bulk_at = NULL;
		return IM_E_NOMEM;
	}
	/* Filled in the order of the boxes: each cell's from its start on,
	 * then the starts put back where they were. */
	for (size_t m = 0; m < n; m++) {
		size_t id = c->n++;
		c->boxes[id] = b[m];
		int i0, j0, i1, j1;
		cell_range(c, b[m], &i0, &j0, &i1, &j1);
		for (int j = j0; j <= j1; j++)
			for (int i = i0; i <= i1; i++)
				c->bulk[c->bulk_at[(size_t)j * (size_t)c->nx + (size_t)i]++] =
				    (uint32_t)id;
	}
	for (size_t k = ncells; k > 0; k--)
		c->bulk_at[k] = c->bulk_at[k - 1];
	c->bulk_at[0] = 0;
	return IM_OK;
}

/* 1 when a box of cell k other than skip (SIZE_MAX: none) overlaps b. */
static int cell_hits(const rcoll *c, size_t k, im_rbox b, size_t skip)
{
	if (c->bulk_at)
		for (size_t m = c->bulk_at[k]; m < c->bulk_at[k + 1]; m++)
			if (c->bulk[m] != skip && rbox_overlap(c->boxes[c->bulk[m]], b))
				return 1;
	for (size_t m = 0; m < c->ncell[k]; m++)
		if (c->cells[k][m] != skip && rbox_overlap(c->boxes[c->cells[k][m]], b))
			return 1;
	return 0;
}

int rcoll_hits_except(const rcoll *c, im_rbox b, size_t skip)
{
	int i0, j0, i1, j1;
	cell_range(c, b, &i0, &j0, &i1, &j1);
	for (int j = j0; j <= j1; j++)
		for (int i = i0; i <= i1; i++)
			if (cell_hits(c, (size_t)j * (size_t)c->nx + (size_t)i, b, skip))
				return 1;
	return 0;
}

int rcoll_hits(const rcoll *c, im_rbox b)
{
	return rcoll_hits_except(c, b, SIZE_MAX);
}
