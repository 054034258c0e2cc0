/* rproj.c: the map's projection (PROJ), the CRS incimap chooses for an
 * extent, and views (which part of the projected plane lands where on the
 * page, and which lon/lat boxes to read shapes in). */
#include "render_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* PROJ logs to stderr by default; keep its last complaint for our message. */
static void proj_logger(void *ud, int level, const char *msg)
{
	rproj *p = ud;
	if (level <= PJ_LOG_ERROR && msg)
		snprintf(p->log, sizeof p->log, "%s", msg);
}

static im_status proj_fail(rproj *p, const char *what, const char *crs, im_error *err)
{
	int e = proj_context_errno(p->ctx);
	const char *why = p->log[0] ? p->log : e ? proj_context_errno_string(p->ctx, e) : NULL;
	return im_error_set(err, IM_E_PROJ, NULL, 0, 0, "%s '%s': PROJ cannot use it%s%s", what,
			    crs, why ? ": " : "", why ? why : "");
}

/* A projection on WGS 84 given as a PROJ string (every CRS incimap
 * chooses, and many a user gives) needs no datum shift: the pipeline
 * degrees -> radians -> projection does it without the EPSG database,
 * which costs more than drawing a small map. Anything else (EPSG codes,
 * other datums, axis orders, geographic CRSs) goes through
 * proj_create_crs_to_crs. Returns 1 when p is ready. */
static int fast_def(const char *d)
{
	if (strncmp(d, "+proj=", 6) != 0 || !strstr(d, "+datum=WGS84"))
		return 0;
	static const char *const avoid[] = {"+proj=longlat", "+proj=latlong", "+proj=lonlat",
					    "+proj=latlon",  "+proj=geocent", "+proj=pipeline",
					    "+axis=",        "+towgs84",      "+nadgrids",
					    "+geoidgrids",   "+init=",        "+ellps=",
					    "+pm=",          "+proj=cart"};
	for (size_t i = 0; i < sizeof avoid / sizeof *avoid; i++)
		if (strstr(d, avoid[i]))
			return 0;
	return 1;
}

static int fast_path(rproj *p)
{
	const char *d = p->def;
	if (!fast_def(d))
		return 0;
	char pipe[700], step[512];
	snprintf(step, sizeof step, "%s", d);
	char *t = strstr(step, " +type=crs");
	if (t)
		memmove(t, t + 10, strlen(t + 10) + 1);
	snprintf(pipe, sizeof pipe,
		 "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step %s", step + 1);
	PJ *pj = proj_create(p->ctx, pipe);
	PJ *geod = pj ? proj_create(p->ctx, "+proj=longlat +ellps=WGS84") : NULL;
	if (!pj || !geod) {
		if (pj)
			proj_destroy(pj);
		proj_errno_reset(NULL);
		p->log[0] = 0;
		return 0;
	}
	p->pj = pj;
	p->geod = geod;
	return 1;
}

/* What kind of CRS crs is, in words, for a message. */
static const char *crs_kind(const PJ *crs)
{
	switch (proj_get_type(crs)) {
	case PJ_TYPE_GEOCENTRIC_CRS:
		return "geocentric CRS";
	case PJ_TYPE_GEOGRAPHIC_3D_CRS:
		return "geographic 3D CRS";
	case PJ_TYPE_VERTICAL_CRS:
		return "vertical CRS";
	case PJ_TYPE_COMPOUND_CRS:
		return "compound CRS";
	case PJ_TYPE_ENGINEERING_CRS:
		return "engineering CRS";
	case PJ_TYPE_TEMPORAL_CRS:
		return "temporal CRS";
	default:
		return "CRS of another kind";
	}
}

/* 1 when crs draws a flat map: a projected or a geographic 2D CRS (or one
 * of them bound to WGS 84 by a transformation). A geocentric (EPSG:4978),
 * geographic 3D, vertical or engineering CRS gives x and y that are no
 * map, so it is refused. */
static int crs_is_2d(PJ_CONTEXT *ctx, const PJ *crs)
{
	PJ_TYPE t = proj_get_type(crs);
	if (t == PJ_TYPE_BOUND_CRS) {
		PJ *base = proj_get_source_crs(ctx, crs);
		t = base ? proj_get_type(base) : PJ_TYPE_UNKNOWN;
		proj_destroy(base);
	}
	return t == PJ_TYPE_PROJECTED_CRS || t == PJ_TYPE_GEOGRAPHIC_2D_CRS;
}

im_status rproj_open(rproj *p, const char *crs, const char *what, im_error *err)
{
	return rproj_open_in(p, NULL, crs, what, err);
}

im_status rproj_open_in(rproj *p, PJ_CONTEXT *ctx, const char *crs, const char *what,
			im_error *err)
{
	memset(p, 0, sizeof *p);
	if (!crs || !*crs)
		return im_error_set(err, IM_E_PROJ, NULL, 0, 0, "%s: empty CRS", what);
	/* A bare "+proj=..." string is an operation to PROJ; ask for the CRS. */
	if (crs[0] == '+' && !strstr(crs, "type=crs"))
		snprintf(p->def, sizeof p->def, "%s +type=crs", crs);
	else
		snprintf(p->def, sizeof p->def, "%s", crs);
	/* PROJ 9.1 opens its database (proj.db) for every proj_create, even
	 * of a PROJ string that needs none, and opening it costs more than
	 * drawing a small map. A context for the fast path (below) is
	 * therefore kept from finding it; should the fast path fail, a
	 * context that can find it takes over. */
	int nodb = !ctx && fast_def(p->def);
	for (;;) {
		if (ctx) {
			/* Borrowed (its logger stays its owner's). */
			p->ctx = ctx;
		} else {
			if (!(p->ctx = proj_context_create()))
				return im_error_set(err, IM_E_NOMEM, NULL, 0, 0,
						    "out of memory (PROJ context)");
			p->own_ctx = 1;
			proj_log_func(p->ctx, p, proj_logger);
			proj_log_level(p->ctx, PJ_LOG_ERROR);
			if (nodb) {
				const char *none[1] = {"/nonexistent/incimap-needs-no-proj-db"};
				proj_context_set_search_paths(p->ctx, 1, none);
			}
		}
		if (fast_path(p)) {
			p->log[0] = 0;
			return IM_OK;
		}
		if (!nodb)
			break;
		proj_context_destroy(p->ctx);
		p->ctx = NULL;
		p->own_ctx = 0;
		nodb = 0;
	}

	im_status st = IM_OK;
	PJ *src = proj_create(p->ctx, "+proj=longlat +datum=WGS84 +no_defs +type=crs");
	PJ *dst = proj_create(p->ctx, p->def);
	PJ *op = NULL;
	if (!src) {
		st = proj_fail(p, "WGS 84", "+proj=longlat", err);
	} else if (!dst) {
		st = proj_fail(p, what, crs, err);
	} else if (!proj_is_crs(dst)) {
		st = im_error_set(err, IM_E_PROJ, NULL, 0, 0,
				  "%s '%s' is not a coordinate reference system", what, crs);
	} else if (!crs_is_2d(p->ctx, dst)) {
		st = im_error_set(
		    err, IM_E_PROJ, NULL, 0, 0,
		    "%s '%s' is not a projected or geographic 2D CRS (a %s): no map can "
		    "be drawn in it",
		    what, crs, crs_kind(dst));
	} else if (!(op = proj_create_crs_to_crs_from_pj(p->ctx, src, dst, NULL, NULL))) {
		st = proj_fail(p, what, crs, err);
	} else if (!(p->pj = proj_normalize_for_visualization(p->ctx, op))) {
		st = proj_fail(p, what, crs, err);
	} else if (!(p->geod = proj_create(p->ctx, "+proj=longlat +ellps=WGS84"))) {
		st = proj_fail(p, "WGS 84 ellipsoid", "+ellps=WGS84", err);
	}
	proj_destroy(op);
	proj_destroy(src);
	proj_destroy(dst);
	if (!st) {
		/* A CRS PROJ accepts may still be unusable where we are (a UTM zone
		 * for the far side of the world); rview_fit and the callers check
		 * each point, so nothing more here. */
		p->log[0] = 0;
	} else {
		rproj_close(p);
	}
	return st;
}

void rproj_close(rproj *p)
{
	if (p->pj)
		proj_destroy(p->pj);
	if (p->geod)
		proj_destroy(p->geod);
	if (p->ctx && p->own_ctx)
		proj_context_destroy(p->ctx);
	p->pj = p->geod = NULL;
	p->ctx = NULL;
}

static size_t trans(rproj *p, PJ_DIRECTION dir, double *x, double *y, size_t n)
{
	if (!n)
		return 0;
	proj_errno_reset(p->pj);
	proj_trans_generic(p->pj, dir, x, sizeof *x, n, y, sizeof *y, n, NULL, 0, 0, NULL, 0, 0);
	size_t bad = 0;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]) || !isfinite(y[i]) || fabs(x[i]) > 1e15 || fabs(y[i]) > 1e15) {
			x[i] = y[i] = HUGE_VAL;
			bad++;
		}
	proj_errno_reset(p->pj);
	return bad;
}

size_t rproj_fwd(rproj *p, double *x, double *y, size_t n)
{
	return trans(p, PJ_FWD, x, y, n);
}

size_t rproj_inv(rproj *p, double *x, double *y, size_t n)
{
	return trans(p, PJ_INV, x, y, n);
}

double rproj_dist(rproj *p, double lon1, double lat1, double lon2, double lat2)
{
	PJ_COORD a = proj_coord(proj_torad(lon1), proj_torad(lat1), 0, 0);
	PJ_COORD b = proj_coord(proj_torad(lon2), proj_torad(lat2), 0, 0);
	double d = proj_lp_dist(p->geod, a, b);
	proj_errno_reset(p->geod);
	return d;
}

static double wrap180(double lon)
{
	while (lon > 180)
		lon -= 360;
	while (lon <= -180)
		lon += 360;
	return lon;
}

void rproj_choose(double w, double s, double e, double n, char *buf, size_t cap)
{
	double dlon = e - w, dlat = n - s;
	if (dlon > 150 || dlat > 100) {
		/* Most of the world: an equal-area world projection (Equal Earth);
		 * centred on Greenwich because Natural Earth cuts its shapes at
		 * the antimeridian. */
		snprintf(buf, cap, "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs +type=crs");
		return;
	}
	/* A region or a country: Lambert azimuthal equal-area centred on the
	 * data, so areas (and the symbols' spread) are true, and shapes near the
	 * centre are barely distorted; rounded so the definition reads well. */
	double lon0 = wrap180((w + e) / 2), lat0 = (s + n) / 2;
	lon0 = round(lon0 * 100) / 100;
	lat0 = round(lat0 * 100) / 100;
	if (lon0 == 0)
		lon0 = 0; /* no "-0" */
	if (lat0 == 0)
		lat0 = 0;
	snprintf(buf, cap, "+proj=laea +lat_0=%g +lon_0=%g +datum=WGS84 +units=m +no_defs +type=crs",
		 lat0, lon0);
}

/* The view's geographic centre, and how much ground a page unit covers
 * there (for thinning shapes before they are projected). */
static void view_centre(rview *v, rproj *p, double cx, double cy)
{
	double lx = cx, ly = cy;
	rproj_inv(p, &lx, &ly, 1);
	v->lon_c = isfinite(lx) && lx != HUGE_VAL ? lx : 0;
	v->lat_c = isfinite(ly) && ly != HUGE_VAL ? ly : 0;
	double gx[2] = {v->lon_c, v->lon_c}, gy[2] = {v->lat_c, v->lat_c + (v->lat_c > 0 ? -1 : 1)};
	v->deg_per_unit = 0;
	if (rproj_fwd(p, gx, gy, 2) == 0) {
		double units = hypot(gx[1] - gx[0], gy[1] - gy[0]) * v->k;
		if (units > 0)
			v->deg_per_unit = 1 / units;
	}
}

/* The geographic span of the frame (w by h map units) sampled on its edges
 * and inside: lim gets the lowest and highest latitude and longitude from
 * the centre's (lat_lo, lat_hi, rel_lo, rel_hi); how many samples are on
 * the globe. */
static size_t view_sample(const rview *v, rproj *p, double w, double h, double lim[4])
{
	enum { EDGE = 48, GRID = 12, NS = 4 * EDGE + GRID * GRID };
	double sx[NS], sy[NS];
	size_t ns = 0;
	for (int i = 0; i < EDGE; i++) {
		double t = (double)i / (EDGE - 1);
		sx[ns] = v->x0 + t * w, sy[ns++] = v->y0;
		sx[ns] = v->x0 + t * w, sy[ns++] = v->y1;
		sx[ns] = v->x0, sy[ns++] = v->y0 + t * h;
		sx[ns] = v->x1, sy[ns++] = v->y0 + t * h;
	}
	for (int i = 0; i < GRID; i++)
		for (int j = 0; j < GRID; j++) {
			sx[ns] = v->x0 + (i + 0.5) * w / GRID;
			sy[ns++] = v->y0 + (j + 0.5) * h / GRID;
		}
	rproj_inv(p, sx, sy, ns);
	lim[0] = 90, lim[1] = -90, lim[2] = 180, lim[3] = -180;
	size_t good = 0;
	for (size_t i = 0; i < ns; i++) {
		if (sx[i] == HUGE_VAL)
			continue;
		good++;
		double rel = wrap180(sx[i] - v->lon_c);
		if (sy[i] < lim[0])
			lim[0] = sy[i];
		if (sy[i] > lim[1])
			lim[1] = sy[i];
		if (rel < lim[2])
			lim[2] = rel;
		if (rel > lim[3])
			lim[3] = rel;
	}
	return good;
}

/* 1 when a pole is inside the frame (every longitude is then in view); its
 * latitude then bounds lim (as view_sample's). */
static int view_pole(const rview *v, rproj *p, double lim[4])
{
	int pole = 0;
	for (int k = -1; k <= 1; k += 2) {
		double px = v->lon_c, py = 90.0 * k;
		if (rproj_fwd(p, &px, &py, 1) == 0 && px >= v->x0 && px <= v->x1 && py >= v->y0 &&
		    py <= v->y1) {
			pole = 1;
			if (k < 0)
				lim[0] = -90;
			else
				lim[1] = 90;
		}
	}
	return pole;
}

/* The geographic boxes to read shapes in, from the span lim (as
 * view_sample's) with a margin: one, or two across the antimeridian. */
static void view_boxes(rview *v, const double lim[4], int pole)
{
	double lat_lo = lim[0], lat_hi = lim[1], rel_lo = lim[2], rel_hi = lim[3];
	double mlat = 0.1 * (lat_hi - lat_lo) + 0.5, mlon = 0.1 * (rel_hi - rel_lo) + 0.5;
	double s = fmax(-90, lat_lo - mlat), n = fmin(90, lat_hi + mlat);
	double west = v->lon_c + rel_lo - mlon, east = v->lon_c + rel_hi + mlon;
	if (pole || east - west >= 350) {
		v->gq[0][0] = -180, v->gq[0][1] = s, v->gq[0][2] = 180, v->gq[0][3] = n;
		v->ngq = 1;
		v->world = n - s > 120;
		return;
	}
	while (west < -180)
		west += 360, east += 360;
	while (west >= 180)
		west -= 360, east -= 360;
	v->gq[0][0] = west, v->gq[0][1] = s, v->gq[0][3] = n;
	if (east <= 180) {
		v->gq[0][2] = east;
		v->ngq = 1;
	} else {
		v->gq[0][2] = 180;
		v->gq[1][0] = -180, v->gq[1][1] = s, v->gq[1][2] = east - 360, v->gq[1][3] = n;
		v->ngq = 2;
	}
}

void rview_fit(rview *v, rproj *p, double x0, double y0, double x1, double y1, im_rbox box)
{
	memset(v, 0, sizeof *v);
	v->proj = p;
	v->box = box;
	double bw = box.x1 - box.x0, bh = box.y1 - box.y0;
	double w = x1 - x0, h = y1 - y0;
	if (w <= 0)
		w = 1;
	if (h <= 0)
		h = 1;
	double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
	if (w / h < bw / bh)
		w = h * bw / bh;
	else
		h = w * bh / bw;
	v->x0 = cx - w / 2;
	v->x1 = cx + w / 2;
	v->y0 = cy - h / 2;
	v->y1 = cy + h / 2;
	v->k = bw / w;
	view_centre(v, p, cx, cy);
	double lim[4];
	size_t good = view_sample(v, p, w, h, lim);
	int pole = view_pole(v, p, lim);
	if (!good) {
		lim[0] = -90, lim[1] = 90, lim[2] = -180, lim[3] = 180;
		pole = 1;
	}
	view_boxes(v, lim, pole);
}
