/* base.c: the base map under the incidents: sea, land with the country of
 * interest emphasised and its neighbours muted, province boundaries,
 * disputed borders, country and province names, and reference cities from
 * the gazetteer. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SEA 0xd4e4ee
#define LAND 0xe8e5df
#define FOCUS 0xfcfbf8
#define BORDER 0x8f8c86
#define FOCUS_BORDER 0x4a4844
#define PROVINCE 0xc4bfb5
#define FOCUS_PROVINCE 0xa59f93
/* Wider maps than this (km across) show provinces in the country of
 * interest only. */
#define PROVINCES_KM 6000

static int country_is_focus(const rctx *c, size_t i)
{
	return c->focus[0] && strcasecmp(c->c_a2[i], c->focus) == 0;
}

static int province_in_focus(const rctx *c, size_t i)
{
	return c->focus[0] && c->p_a2 && strcasecmp(c->p_a2[i], c->focus) == 0;
}

im_status base_load(rctx *c)
{
	im_status st;
	double step = rmm(c, 0.12);
	if ((st = rlayer_read(&c->countries, &c->view, step, &c->cg, &c->ncg, c->err)))
		return st;
	c->c_a2 = calloc(c->ncg ? c->ncg : 1, sizeof *c->c_a2);
	c->c_name = calloc(c->ncg ? c->ncg : 1, sizeof *c->c_name);
	if (!c->c_a2 || !c->c_name)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < c->ncg; i++) {
		char *a2 = rlayer_attr(&c->countries, c->cg[i].id, "iso_a2");
		/* Natural Earth codes a few countries (France, Norway) -99 in
		 * ISO_A2; the World Bank column has them. */
		if (a2 && strlen(a2) != 2) {
			free(a2);
			a2 = rlayer_attr(&c->countries, c->cg[i].id, "WB_A2");
		}
		c->c_a2[i] = a2;
		c->c_name[i] = rlayer_attr(&c->countries, c->cg[i].id, "NAME");
		if (!c->c_a2[i] || !c->c_name[i])
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (c->have_prov &&
	    (st = rlayer_read(&c->provinces, &c->view, step, &c->pg, &c->npg, c->err)))
		return st;
	/* Each province's country, read once (the .dbf is read record by
	 * record). */
	c->p_a2 = calloc(c->npg ? c->npg : 1, sizeof *c->p_a2);
	if (!c->p_a2)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < c->npg; i++) {
		c->p_a2[i] = rlayer_attr(&c->provinces, c->pg[i].id, "iso_a2");
		if (!c->p_a2[i])
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (c->have_disp &&
	    (st = rlayer_read(&c->disputed, &c->view, step, &c->dg, &c->ndg, c->err)))
		return st;
	return IM_OK;
}

/* The names a province goes by, normalised: Natural Earth's (name,
 * gn_name, woe_name) and the gazetteer's own for them ("Al-Basrah" is the
 * gazetteer's "Basra"), each followed by '\n'. NULL when out of memory. */
static char *province_keys(rctx *c, size_t i)
{
	static const char *const fields[] = {"name", "gn_name", "woe_name"};
	im_buf b = IM_BUF_INIT;
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.only_country = c->p_a2[i];
	int ok = 1;
	for (size_t k = 0; ok && k < 3; k++) {
		char *name = rlayer_attr(&c->provinces, c->pg[i].id, fields[k]);
		if (!name)
			break;
		char key[256];
		if (*name && im_gaz_norm(name, strlen(name), key, sizeof key))
			ok = !im_buf_puts(&b, key) && !im_buf_putc(&b, '\n');
		im_gaz_cand cand[8];
		size_t n = c->o->gaz && *name ? im_gaz_lookup(c->o->gaz, name, strlen(name), &ctx,
							      cand, 8)
					      : 0;
		for (size_t j = 0; ok && j < n && j < 8; j++)
			if (cand[j].place.kind == IM_KIND_ADMIN1 &&
			    im_gaz_norm(cand[j].place.name, strlen(cand[j].place.name), key,
					sizeof key))
				ok = !im_buf_puts(&b, key) && !im_buf_putc(&b, '\n');
		free(name);
	}
	if (!ok) {
		im_buf_free(&b);
		return NULL;
	}
	return im_buf_take(&b);
}

int base_province_of(rctx *c, const char *admin1, const char cc[2])
{
	char key[258];
	size_t n = im_gaz_norm(admin1, strlen(admin1), key + 1, sizeof key - 2);
	if (!n || !c->npg)
		return -1;
	key[0] = '\n';
	key[n + 1] = '\n';
	key[n + 2] = '\0';
	if (!c->p_keys && !(c->p_keys = calloc(c->npg, sizeof *c->p_keys)))
		return -1;
	for (size_t i = 0; i < c->npg; i++) {
		if (cc[0] && (c->p_a2[i][0] != cc[0] || c->p_a2[i][1] != cc[1]))
			continue;
		if (!c->p_keys[i]) {
			char *k = province_keys(c, i);
			if (!k)
				return -1;
			/* a leading '\n' so that every key is found as "\nKEY\n" */
			size_t kl = strlen(k);
			c->p_keys[i] = malloc(kl + 2);
			if (!c->p_keys[i]) {
				free(k);
				return -1;
			}
			c->p_keys[i][0] = '\n';
			memcpy(c->p_keys[i] + 1, k, kl + 1);
			free(k);
		}
		if (strstr(c->p_keys[i], key))
			return (int)i;
	}
	return -1;
}

void base_free(rctx *c)
{
	for (size_t i = 0; c->p_keys && i < c->npg; i++)
		free(c->p_keys[i]);
	free(c->p_keys);
	c->p_keys = NULL;
	for (size_t i = 0; c->c_a2 && i < c->ncg; i++)
		free(c->c_a2[i]);
	for (size_t i = 0; c->c_name && i < c->ncg; i++)
		free(c->c_name[i]);
	for (size_t i = 0; c->p_a2 && i < c->npg; i++)
		free(c->p_a2[i]);
	free(c->p_a2);
	c->p_a2 = NULL;
	free(c->c_a2);
	free(c->c_name);
	rgeoms_free(c->cg, c->ncg);
	rgeoms_free(c->pg, c->npg);
	rgeoms_free(c->dg, c->ndg);
	c->c_a2 = c->c_name = NULL;
	c->cg = c->pg = c->dg = NULL;
	c->ncg = c->npg = c->ndg = 0;
	free(c->cities);
	c->cities = NULL;
	free(c->cand);
	c->cand = NULL;
}

/* The outline of the earth in the map (for world maps, where the frame's
 * corners are off the globe). */
static void globe_path(rctx *c)
{
	enum { N = 90 };
	double x[4 * N], y[4 * N];
	size_t n = 0;
	for (int i = 0; i < N; i++)
		x[n] = -180 + 360.0 * i / (N - 1), y[n++] = -90;
	for (int i = 0; i < N; i++)
		x[n] = 180 - 1e-9, y[n++] = -90 + 180.0 * i / (N - 1);
	for (int i = 0; i < N; i++)
		x[n] = 180 - 360.0 * i / (N - 1), y[n++] = 90;
	for (int i = 0; i < N; i++)
		x[n] = -180 + 1e-9, y[n++] = 90 - 180.0 * i / (N - 1);
	rproj_fwd(&c->proj, x, y, n);
	int first = 1;
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		double u = rview_u(&c->view, x[i]), v = rview_v(&c->view, y[i]);
		if (first)
			cairo_move_to(c->cr, u, v);
		else
			cairo_line_to(c->cr, u, v);
		first = 0;
	}
	cairo_close_path(c->cr);
}

void base_draw(rctx *c)
{
	cairo_t *cr = c->cr;
	im_rbox f = c->frame;
	cairo_save(cr);
	cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
	cairo_clip(cr);
	cairo_new_path(cr);
	if (c->view.world)
		globe_path(c);
	else
		cairo_rectangle(cr, f.x0, f.y0, f.x1 - f.x0, f.y1 - f.y0);
	rset(cr, rgb_hex(SEA));
	cairo_fill(cr);

	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	/* Bevel joins and cairo's faster antialiasing for these lines: at their
	 * widths (about a pixel) neither shows, and stroking the province
	 * outlines otherwise takes longer than the rest of the map. (PDF and
	 * SVG keep the vectors; antialiasing is the viewer's.) */
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
	/* Land: neighbours in one muted fill, the country of interest light. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->ncg; i++)
			if (country_is_focus(c, i) == pass)
				rgeom_path(cr, &c->cg[i], 1);
		rset(cr, rgb_hex(pass ? FOCUS : LAND));
		cairo_fill(cr);
	}
	/* Province boundaries, a little stronger inside the country of
	 * interest; on a map of a continent or more, only there (elsewhere
	 * they would be a grey mesh). */
	if (c->npg) {
		for (int pass = c->span_km > PROVINCES_KM; pass < 2; pass++) {
			for (size_t i = 0; i < c->npg; i++)
				if (province_in_focus(c, i) == pass)
					rgeom_path(cr, &c->pg[i], 1);
			rset(cr, rgb_hex(pass ? FOCUS_PROVINCE : PROVINCE));
			cairo_set_line_width(cr, rmm(c, pass ? 0.2 : 0.13));
			cairo_stroke(cr);
		}
	}
	marks_draw_hatches(c);
	/* Country borders (and coasts) over the provinces. */
	for (size_t i = 0; i < c->ncg; i++)
		if (!country_is_focus(c, i))
			rgeom_path(cr, &c->cg[i], 1);
	rset(cr, rgb_hex(BORDER));
	cairo_set_line_width(cr, rmm(c, 0.3));
	cairo_stroke(cr);
	for (size_t i = 0; i < c->ncg; i++)
		if (country_is_focus(c, i))
			rgeom_path(cr, &c->cg[i], 1);
	rset(cr, rgb_hex(FOCUS_BORDER));
	cairo_set_line_width(cr, rmm(c, 0.55));
	cairo_stroke(cr);
	if (c->ndg) {
		double dash[2] = {rmm(c, 1.2), rmm(c, 0.8)};
		for (size_t i = 0; i < c->ndg; i++)
			rgeom_path(cr, &c->dg[i], 0);
		cairo_set_dash(cr, dash, 2, 0);
		rset(cr, rgb_hex(0x6f6c66));
		cairo_set_line_width(cr, rmm(c, 0.3));
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	cairo_restore(cr);
}

im_status rlabel_in_shape(rctx *c, const rgeom *g, PangoLayout *lay, double halo,
			  im_rlabel_kind kind, rgb fg)
{
	double xs[6], ys[6];
	double inset = rmm(c, 1.5);
	im_rbox clip = {c->frame.x0 + inset, c->frame.y0 + inset, c->frame.x1 - inset,
			c->frame.y1 - inset};
	double w, h;
	rtext_size(lay, &w, &h);
	/* No need to look for room inside a shape smaller than its name. */
	double vw = fmin(g->bbox.x1, clip.x1) - fmax(g->bbox.x0, clip.x0);
	double vh = fmin(g->bbox.y1, clip.y1) - fmax(g->bbox.y0, clip.y0);
	int np = vw > w && vh > h ? rgeom_label_points(g, clip, xs, ys, 6) : 0;
	if (!np) {
		g_object_unref(lay);
		return IM_OK;
	}
	for (int k = 0; k < np; k++) {
		double tries[3] = {0, -h, h};
		for (int t = 0; t < 3; t++) {
			double tx = xs[k] - w / 2, ty = ys[k] - h / 2 + tries[t];
			im_rbox b = {tx - halo, ty - halo, tx + w + halo, ty + h + halo};
			/* The name should sit on its own shape, not spill over a
			 * border. */
			double mid = (b.y0 + b.y1) / 2;
			if (!rbox_inside(b, clip) || !rgeom_contains(g, b.x0, mid) ||
			    !rgeom_contains(g, b.x1, mid) || rcoll_hits(&c->coll, b))
				continue;
			return rlabel_keep(c, lay, tx, ty, b, kind, fg);
		}
	}
	g_object_unref(lay);
	return IM_OK;
}

/* Names: country names in spaced capitals, the country of interest's
 * provinces in italics; placed at a point well inside each shape, left out
 * quietly when they would cover an incident or its label. */
static im_status place_name(rctx *c, const rgeom *g, const char *name, double pt, int bold,
			    int italic, rgb fg, im_rlabel_kind kind)
{
	if (!name || !*name)
		return IM_OK;
	PangoLayout *lay = rtext(c, name, pt, bold, italic);
	if (kind == IM_RLABEL_COUNTRY) {
		PangoAttrList *al = pango_attr_list_new();
		pango_attr_list_insert(al, pango_attr_letter_spacing_new(
						   (int)(rmm(c, 0.35) * PANGO_SCALE)));
		pango_layout_set_attributes(lay, al);
		pango_attr_list_unref(al);
	}
	return rlabel_in_shape(c, g, lay, rmm(c, NAME_HALO_MM), kind, fg);
}

static double geom_area(const rgeom *g)
{
	return (g->bbox.x1 - g->bbox.x0) * (g->bbox.y1 - g->bbox.y0);
}

im_status base_place_names(rctx *c)
{
	im_status st = IM_OK;
	/* Countries, largest first, the country of interest before all. */
	size_t *ord = malloc((c->ncg ? c->ncg : 1) * sizeof *ord);
	if (!ord)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < c->ncg; i++)
		ord[i] = i;
	for (size_t i = 1; i < c->ncg; i++) /* insertion sort: a few dozen */
		for (size_t j = i; j > 0; j--) {
			size_t a = ord[j - 1], b = ord[j];
			int fa = country_is_focus(c, a), fb = country_is_focus(c, b);
			if (fa > fb || (fa == fb && geom_area(&c->cg[a]) >= geom_area(&c->cg[b])))
				break;
			ord[j - 1] = b, ord[j] = a;
		}
	for (size_t k = 0; k < c->ncg && !st; k++) {
		size_t i = ord[k];
		int focus = country_is_focus(c, i);
		char up[128];
		size_t n = 0;
		for (const char *p = c->c_name[i]; *p && n + 1 < sizeof up; p++)
			up[n++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
		up[n] = 0;
		st = place_name(c, &c->cg[i], up, focus ? PT_SUB : PT_TEXT, 0, 0,
				rgb_hex(focus ? 0x3d3b37 : 0x77746e), IM_RLABEL_COUNTRY);
	}
	free(ord);
	for (size_t i = 0; i < c->npg && !st && c->focus[0]; i++) {
		if (!province_in_focus(c, i))
			continue;
		char *name = rlayer_attr(&c->provinces, c->pg[i].id, "name");
		if (!name)
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		st = place_name(c, &c->pg[i], name, PT_SMALL, 0, 1, rgb_hex(0x8a8478),
				IM_RLABEL_PROVINCE);
		free(name);
	}
	return st;
}

/* ---- reference cities ------------------------------------------------------ */

#define MAX_CITIES 24

static double city_r(const rctx *c, const im_place *p)
{
	return rmm(c, p->kind == IM_KIND_CAPITAL ? 0.95 : 0.65);
}

/* Whether a city or town is part of a capital or seat near it. GeoNames
 * and Who's On First list sections and districts of some cities as
 * populated places of their own, often with the population of the whole
 * city ("Pasragad Branch" beside Hamadan, Istanbul's districts): a place
 * that is not a seat, within a distance of a capital or seat that grows
 * with the seat's size (8 km, 25 km for the largest cities), is taken for
 * a part of it and not shown. A town beyond that (Kufa beside Najaf) is a
 * town of its own. */
static int part_of_seat(rctx *c, const im_place *p, const im_place *got, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const im_place *s = &got[i];
		if ((s->kind != IM_KIND_CAPITAL && s->kind != IM_KIND_ADMIN_SEAT) || s == p)
			continue;
		double r_km = fmin(25, fmax(8, 5 * sqrt((double)s->population / 250000)));
		/* A cheap test first: a degree of latitude is 111 km. */
		if (fabs(s->lat - p->lat) * 110 > r_km)
			continue;
		if (rproj_dist(&c->proj, p->lon, p->lat, s->lon, s->lat) < r_km * 1000)
			return 1;
	}
	return 0;
}

/* The places that may be reference cities, into c->cand: every capital
 * in view however small (the gazetteer gives the capitals first), then the
 * places of enough people for the ground the map covers; in the country
 * of interest, places of the next size down as well. */
#define CAND_MAX (12 * MAX_CITIES)
static im_status cities_candidates(rctx *c)
{
	static const int64_t pops[] = {10000, 50000, 150000, 500000, 2000000};
	double km = c->span_km;
	int cls = km < 200 ? 0 : km < 600 ? 1 : km < 1500 ? 2 : km < 4000 ? 3 : 4;
	int64_t min_pop = pops[cls], focus_pop = c->focus[0] && cls ? pops[cls - 1] : min_pop;
	c->cand = malloc(CAND_MAX * sizeof *c->cand);
	if (!c->cand)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_place *got = c->cand;
	size_t n = 0;
	for (int q = 0; q < c->view.ngq; q++) {
		im_place caps[2 * MAX_CITIES];
		size_t nc = im_gaz_in_bbox(c->o->gaz, c->view.gq[q][0], c->view.gq[q][1],
					   c->view.gq[q][2], c->view.gq[q][3], 0, caps, 2 * MAX_CITIES);
		for (size_t i = 0; i < nc && caps[i].kind == IM_KIND_CAPITAL && n < CAND_MAX; i++)
			got[n++] = caps[i];
		/* Each box its share of what room is left. */
		size_t share = (CAND_MAX - n) / (size_t)(c->view.ngq - q);
		size_t nb = im_gaz_in_bbox(c->o->gaz, c->view.gq[q][0], c->view.gq[q][1],
					   c->view.gq[q][2], c->view.gq[q][3], focus_pop, got + n,
					   share);
		size_t w = n;
		for (size_t i = n; i < n + nb; i++) {
			const im_place *p = &got[i];
			if (p->kind == IM_KIND_CAPITAL) /* in already */
				continue;
			if (p->population < min_pop && strcasecmp(p->country, c->focus) != 0)
				continue;
			got[w++] = *p;
		}
		n = w;
	}
	c->ncand = n;
	double fw = (c->frame.x1 - c->frame.x0) / rmm(c, 1), fh = (c->frame.y1 - c->frame.y0) / rmm(c, 1);
	c->maxcities = (size_t)fmin(MAX_CITIES, fmax(4, fw * fh / 1600));
	c->cities = calloc(c->maxcities, sizeof *c->cities);
	if (!c->cities)
		return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	return IM_OK;
}

im_status cities_load(rctx *c, int capitals)
{
	if (!c->o->gaz)
		return IM_OK;
	im_status st;
	if (capitals && (st = cities_candidates(c)))
		return st;
	if (!c->cand)
		return IM_OK;
	/* Capitals (before the incidents' labels, which keep clear of them),
	 * then (after those labels) seats of provinces, other cities and, on
	 * a map of a region, towns, each by size as the gazetteer gives
	 * them. */
	static const im_kind order[4] = {IM_KIND_CAPITAL, IM_KIND_ADMIN_SEAT, IM_KIND_CITY,
					 IM_KIND_TOWN};
	int k0 = capitals ? 0 : 1, k1 = capitals ? 1 : c->span_km < 600 ? 4 : 3;
	double space = rmm(c, 9);
	const im_place *got = c->cand;
	size_t n = c->ncand, first = c->ncities;
	for (int k = k0; k < k1; k++)
		for (size_t i = 0; i < n && c->ncities < c->maxcities; i++) {
			if (got[i].kind != order[k])
				continue;
			if (k >= 2 && part_of_seat(c, &got[i], got, n))
				continue;
			double x = got[i].lon, y = got[i].lat;
			if (rproj_fwd(&c->proj, &x, &y, 1))
				continue;
			double u = rview_u(&c->view, x), v = rview_v(&c->view, y);
			double r = city_r(c, &got[i]) + rmm(c, 0.3);
			im_rbox b = {u - r, v - r, u + r, v + r};
			if (!rbox_inside(b, c->frame))
				continue;
			/* A city under an incident symbol is named by the incident;
			 * one under an incident's label is left out too. */
			if (rcoll_hits(&c->coll, b))
				continue;
			int crowded = 0;
			for (size_t j = 0; j < c->ncities && !crowded; j++)
				crowded = hypot(c->cities[j].x - u, c->cities[j].y - v) < space;
			if (crowded)
				continue;
			rcity *ct = &c->cities[c->ncities++];
			ct->p = got[i];
			ct->x = u;
			ct->y = v;
		}
	for (size_t i = first; i < c->ncities; i++) {
		double r = city_r(c, &c->cities[i].p) + rmm(c, 0.3);
		im_rbox b = {c->cities[i].x - r, c->cities[i].y - r, c->cities[i].x + r,
			     c->cities[i].y + r};
		if (rcoll_add(&c->coll, b))
			return im_error_set(c->err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	return IM_OK;
}

void cities_draw(rctx *c)
{
	cairo_t *cr = c->cr;
	for (size_t i = 0; i < c->ncities; i++) {
		const rcity *ct = &c->cities[i];
		if (!ct->labelled)
			continue;
		double r = city_r(c, &ct->p);
		cairo_new_path(cr);
		cairo_arc(cr, ct->x, ct->y, r, 0, 2 * M_PI);
		rset(cr, ct->p.kind == IM_KIND_CAPITAL ? rgb_hex(0xffffff) : rgb_hex(0x3a3a3a));
		cairo_fill_preserve(cr);
		rset(cr, ct->p.kind == IM_KIND_CAPITAL ? rgb_hex(0x3a3a3a) : rgb_hex(0xffffff));
		cairo_set_line_width(cr, rmm(c, ct->p.kind == IM_KIND_CAPITAL ? 0.3 : 0.2));
		cairo_stroke(cr);
		if (ct->p.kind == IM_KIND_CAPITAL) {
			cairo_arc(cr, ct->x, ct->y, r * 0.45, 0, 2 * M_PI);
			rset(cr, rgb_hex(0x3a3a3a));
			cairo_fill(cr);
		}
	}
}

im_status cities_place_labels(rctx *c)
{
	double inset = rmm(c, 1.0), halo = rmm(c, HALO_MM);
	im_rbox area = {c->frame.x0 + inset, c->frame.y0 + inset, c->frame.x1 - inset,
			c->frame.y1 - inset};
	for (size_t i = 0; i < c->ncities; i++) {
		rcity *ct = &c->cities[i];
		int cap = ct->p.kind == IM_KIND_CAPITAL;
		char name[256];
		rdisplay_name(ct->p.name, strlen(ct->p.name), name, sizeof name);
		PangoLayout *lay = rtext(c, name, PT_TEXT, cap, 0);
		double w, h;
		rtext_size(lay, &w, &h);
		double r = city_r(c, &ct->p) + rmm(c, 0.3) + halo + rmm(c, 0.3);
		double d = city_r(c, &ct->p) + rmm(c, 0.3) + halo + rmm(c, 0.05);
		double cand[8][2] = {
			{ct->x + r, ct->y - h / 2},     {ct->x - r - w, ct->y - h / 2},
			{ct->x + d, ct->y - d - h},     {ct->x + d, ct->y + d},
			{ct->x - d - w, ct->y - d - h}, {ct->x - d - w, ct->y + d},
			{ct->x - w / 2, ct->y - r - h}, {ct->x - w / 2, ct->y + r},
		};
		int placed = 0;
		for (int k = 0; k < 8 && !placed; k++) {
			im_rbox b = {cand[k][0] - halo, cand[k][1] - halo, cand[k][0] + w + halo,
				     cand[k][1] + h + halo};
			if (!rbox_inside(b, area) || rcoll_hits(&c->coll, b))
				continue;
			im_status st = rlabel_keep(c, lay, cand[k][0], cand[k][1], b, IM_RLABEL_CITY,
						   rgb_hex(0x333333));
			if (st)
				return st;
			placed = ct->labelled = 1;
		}
		if (!placed)
			g_object_unref(lay);
	}
	return IM_OK;
}
