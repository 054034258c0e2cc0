/* shapes.c: the base-map shapefiles of shapes/ (shapelib): opening them with
 * clear errors, reading only the shapes in view through the .qix quadtree,
 * clipping them to the view in lon/lat, projecting them onto the page. */
#include "render_int.h"
#include "../core/buf.h"
#include "../core/fsutil.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* shapelib reports through a hook without user data: keep the last message
 * (the renderer runs on one thread). */
static char shp_msg[400];

static void shp_error(const char *msg)
{
	snprintf(shp_msg, sizeof shp_msg, "%s", msg ? msg : "");
	size_t n = strlen(shp_msg);
	while (n && (shp_msg[n - 1] == '\n' || shp_msg[n - 1] == '.'))
		shp_msg[--n] = 0;
}

static void hooks(SAHooks *h)
{
	SASetupDefaultHooks(h);
	h->Error = shp_error;
}

static char *with_ext(const char *base, const char *ext)
{
	size_t n = strlen(base) + strlen(ext) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s", base, ext);
	return s;
}

/* "missing" or the shapelib message, with the file that has the problem. */
static im_status open_fail(const char *base, const char *ext, im_error *err)
{
	char *f = with_ext(base, ext);
	im_status st;
	if (!f)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!im_file_exists(f))
		st = im_error_set(err, IM_E_IO, f, 0, 0, "base-map file missing (see --shapes)");
	else
		st = im_error_set(err, IM_E_RENDER, f, 0, 0, "not a readable shapefile%s%s",
				  shp_msg[0] ? ": " : "", shp_msg);
	free(f);
	return st;
}

static im_status truncated(const char *path, const char *what, long long i, uint64_t end,
                           long long size, im_error *err)
{
	return im_error_set(err, IM_E_RENDER, path, 0, 0,
	                    "truncated: %s %lld ends at byte %llu of %lld (a partial copy?)", what,
	                    i, (unsigned long long)end, size);
}

/* A truncated .shp: a record the .shx points at ends past the end of the
 * file. Checked when the layer is opened, whatever is in view, so that a
 * cut-off file is an error and not a map with countries silently missing. */
static im_status shp_truncated(const rlayer *L, im_error *err)
{
	char *f = with_ext(L->path, ".shp");
	struct stat sb;
	im_status st = IM_OK;
	if (f && stat(f, &sb) == 0) {
		for (int i = 0; i < L->n && !st; i++) {
			uint64_t end =
			    (uint64_t)L->shp->panRecOffset[i] + L->shp->panRecSize[i] + 8;
			if (end > (uint64_t)sb.st_size)
				st = truncated(f, "shape", i, end, (long long)sb.st_size, err);
		}
	}
	free(f);
	return st;
}

/* A truncated .dbf: its header counts more records than the file holds
 * (shapelib would read the missing ones as empty, and the map would lose
 * its names). */
static im_status dbf_truncated(const rlayer *L, im_error *err)
{
	char *f = with_ext(L->path, ".dbf");
	struct stat sb;
	im_status st = IM_OK;
	const DBFInfo *d = L->dbf;
	if (f && stat(f, &sb) == 0 && d->nRecordLength > 0) {
		uint64_t need =
		    (uint64_t)d->nHeaderLength + (uint64_t)d->nRecords * d->nRecordLength;
		if (need > (uint64_t)sb.st_size) {
			uint64_t fit =
			    sb.st_size > d->nHeaderLength
			        ? ((uint64_t)sb.st_size - d->nHeaderLength) / d->nRecordLength
			        : 0;
			st = truncated(f, "record", (long long)fit,
			               d->nHeaderLength + (fit + 1) * d->nRecordLength,
			               (long long)sb.st_size, err);
		}
	}
	free(f);
	return st;
}

im_status rlayer_open(rlayer *L, const char *dir, const char *name, int want_type, im_error *err)
{
	memset(L, 0, sizeof *L);
	SAHooks h;
	hooks(&h);
	L->path = im_path_join(dir, name);
	if (!L->path)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	shp_msg[0] = 0;
	char *shx = with_ext(L->path, ".shx");
	if (!shx)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	int have_shx = im_file_exists(shx);
	free(shx);
	char *shp = with_ext(L->path, ".shp");
	int have_shp = shp && im_file_exists(shp);
	free(shp);
	if (!have_shp)
		return open_fail(L->path, ".shp", err);
	if (!have_shx)
		return open_fail(L->path, ".shx", err);
	if (!(L->shp = SHPOpenLL(L->path, "rb", &h)))
		return open_fail(L->path, ".shp", err);
	shp_msg[0] = 0;
	if (!(L->dbf = DBFOpenLL(L->path, "rb", &h))) {
		im_status st = open_fail(L->path, ".dbf", err);
		rlayer_close(L);
		return st;
	}
	int type;
	double lo[4], hi[4];
	SHPGetInfo(L->shp, &L->n, &type, lo, hi);
	int base = type % 10; /* Z and M variants: 15/25 polygons, 13/23 arcs */
	if (base == SHPT_POLYGON)
		L->type = SHPT_POLYGON;
	else if (base == SHPT_ARC)
		L->type = SHPT_ARC;
	else
		L->type = -1;
	if (L->type != want_type || L->n < 0) {
		char *f = with_ext(L->path, ".shp");
		im_status st = im_error_set(err, IM_E_RENDER, f ? f : name, 0, 0,
					    "holds shape type %d, not %s", type,
					    want_type == SHPT_POLYGON ? "polygons" : "lines");
		free(f);
		rlayer_close(L);
		return st;
	}
	im_status tst = shp_truncated(L, err);
	if (!tst)
		tst = dbf_truncated(L, err);
	if (tst) {
		rlayer_close(L);
		return tst;
	}
	if (DBFGetRecordCount(L->dbf) != L->n) {
		char *f = with_ext(L->path, ".dbf");
		im_status st = im_error_set(err, IM_E_RENDER, f ? f : name, 0, 0,
					    "has %d records but the .shp has %d shapes",
					    DBFGetRecordCount(L->dbf), L->n);
		free(f);
		rlayer_close(L);
		return st;
	}
	/* The quadtree, unless it is clearly older than the shapes it indexes
	 * (the shapes were replaced): then read every shape once instead. */
	char *qix = with_ext(L->path, ".qix");
	char *shpf = with_ext(L->path, ".shp");
	if (qix && shpf && im_file_exists(qix) &&
	    im_mtime_ns(qix) + 2000000000LL >= im_mtime_ns(shpf))
		L->qix = SHPOpenDiskTree(qix, &h);
	free(qix);
	free(shpf);
	if (!L->qix) {
		L->tree = SHPCreateTree(L->shp, 2, 0, NULL, NULL);
		if (!L->tree) {
			char *f = with_ext(L->path, ".shp");
			im_status st = im_error_set(err, IM_E_RENDER, f ? f : name, 0, 0,
						    "cannot index the shapes%s%s",
						    shp_msg[0] ? ": " : "", shp_msg);
			free(f);
			rlayer_close(L);
			return st;
		}
	}
	return IM_OK;
}

void rlayer_close(rlayer *L)
{
	if (L->qix)
		SHPCloseDiskTree(L->qix);
	if (L->tree)
		SHPDestroyTree(L->tree);
	if (L->shp)
		SHPClose(L->shp);
	if (L->dbf)
		DBFClose(L->dbf);
	free(L->path);
	memset(L, 0, sizeof *L);
}

char *rlayer_attr(rlayer *L, int id, const char *field)
{
	int f = DBFGetFieldIndex(L->dbf, field);
	const char *s = NULL;
	if (f >= 0 && id >= 0 && id < DBFGetRecordCount(L->dbf) && !DBFIsAttributeNULL(L->dbf, id, f))
		s = DBFReadStringAttribute(L->dbf, id, f);
	return im_strdup(s ? s : "");
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* ---- clipping in lon/lat ------------------------------------------------- */

int pt_push(ptbuf *b, double x, double y)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		double *nx = realloc(b->x, cap * sizeof *nx);
		if (!nx)
			return -1;
		b->x = nx;
		double *ny = realloc(b->y, cap * sizeof *ny);
		if (!ny)
			return -1;
		b->y = ny;
		b->cap = cap;
	}
	b->x[b->n] = x;
	b->y[b->n++] = y;
	return 0;
}

/* One Sutherland-Hodgman pass: keep the side of the line `coord (axis) >= v`
 * (sign 1) or `<= v` (sign -1). */
static int clip_pass(const ptbuf *in, ptbuf *out, int axis, double v, int sign)
{
	out->n = 0;
	if (!in->n)
		return 0;
	for (size_t i = 0; i < in->n; i++) {
		size_t j = (i + in->n - 1) % in->n;
		double ax = in->x[j], ay = in->y[j], bx = in->x[i], by = in->y[i];
		double ac = axis ? ay : ax, bc = axis ? by : bx;
		int ain = sign * (ac - v) >= 0, bin = sign * (bc - v) >= 0;
		if (ain != bin) {
			double t = (v - ac) / (bc - ac);
			double ix = ax + t * (bx - ax), iy = ay + t * (by - ay);
			if (axis)
				iy = v;
			else
				ix = v;
			if (pt_push(out, ix, iy))
				return -1;
		}
		if (bin && pt_push(out, bx, by))
			return -1;
	}
	return 0;
}

/* ---- reading ------------------------------------------------------------- */

typedef struct gbuild {
	ptbuf pts;            /* lon/lat, then page units */
	int *parts;
	size_t nparts, capparts;
} gbuild;

static int part_push(gbuild *g, int start)
{
	if (im_grow(&g->parts, &g->capparts, g->nparts + 1, sizeof *g->parts))
		return -1;
	g->parts[g->nparts++] = start;
	return 0;
}

/* Appends the clipped parts of one shape (box = w, s, e, n) to g, without
 * the vertices closer than `eps` degrees to the last one kept. */
static int clip_shape(const SHPObject *o, const double box[4], int polygon, double eps,
		      gbuild *g, ptbuf *t1, ptbuf *t2)
{
	for (int p = 0; p < o->nParts; p++) {
		int a = o->panPartStart[p];
		int b = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
		if (a < 0 || b > o->nVertices || a >= b)
			continue;
		if (polygon) {
			t1->n = 0;
			for (int i = a; i < b; i++) {
				if (t1->n && i + 1 < b && fabs(o->padfX[i] - t1->x[t1->n - 1]) < eps &&
				    fabs(o->padfY[i] - t1->y[t1->n - 1]) < eps)
					continue;
				if (pt_push(t1, o->padfX[i], o->padfY[i]))
					return -1;
			}
			if (clip_pass(t1, t2, 0, box[0], 1) || clip_pass(t2, t1, 0, box[2], -1) ||
			    clip_pass(t1, t2, 1, box[1], 1) || clip_pass(t2, t1, 1, box[3], -1))
				return -1;
			if (t1->n < 3)
				continue;
			if (part_push(g, (int)g->pts.n))
				return -1;
			for (size_t i = 0; i < t1->n; i++)
				if (pt_push(&g->pts, t1->x[i], t1->y[i]))
					return -1;
		} else {
			/* Lines: keep the runs of vertices in the box, each with its
			 * neighbours outside so the line reaches the box edge (the
			 * box is larger than the view). */
			int in_run = 0;
			for (int i = a; i < b; i++) {
				int keep = 0;
				for (int j = i - 1; j <= i + 1; j++)
					if (j >= a && j < b && o->padfX[j] >= box[0] &&
					    o->padfX[j] <= box[2] && o->padfY[j] >= box[1] &&
					    o->padfY[j] <= box[3])
						keep = 1;
				if (keep && !in_run) {
					if (part_push(g, (int)g->pts.n))
						return -1;
					in_run = 1;
				} else if (!keep) {
					in_run = 0;
				}
				if (keep && pt_push(&g->pts, o->padfX[i], o->padfY[i]))
					return -1;
			}
		}
	}
	return 0;
}

/* Projects g's points to the page, drops failed and too-close vertices and
 * too-short parts, and stores the result in out. */
/* Projects g's points to the page, drops failed and too-close vertices,
 * clips what lies well outside the view's box (its path would only make
 * the PDF and SVG bigger and the fill slower), drops too-short parts, and
 * stores the result in out. t1, t2: scratch. */
static int finish_geom(gbuild *g, const rview *v, double min_step, int polygon, int id,
		       rgeom *out, ptbuf *t1, ptbuf *t2)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	rproj_fwd(v->proj, g->pts.x, g->pts.y, g->pts.n);
	double m = 0.05 * fmax(v->box.x1 - v->box.x0, v->box.y1 - v->box.y0);
	im_rbox r = {v->box.x0 - m, v->box.y0 - m, v->box.x1 + m, v->box.y1 + m};
	ptbuf o = {0};
	int *parts = NULL;
	size_t np = 0, capp = 0;
	for (size_t p = 0; p < g->nparts; p++) {
		size_t a = (size_t)g->parts[p], b = p + 1 < g->nparts ? (size_t)g->parts[p + 1]
								      : g->pts.n;
		t1->n = 0;
		for (size_t i = a; i < b; i++) {
			if (g->pts.x[i] == HUGE_VAL)
				continue;
			double u = rview_u(v, g->pts.x[i]), w = rview_v(v, g->pts.y[i]);
			if (t1->n && i + 1 < b && fabs(u - t1->x[t1->n - 1]) < min_step &&
			    fabs(w - t1->y[t1->n - 1]) < min_step)
				continue;
			if (pt_push(t1, u, w))
				goto nomem;
		}
		/* Each piece that survives: [from, to) of t1 after clipping. */
		size_t runs[2][64], nr = 0;
		if (polygon) {
			if (clip_pass(t1, t2, 0, r.x0, 1) || clip_pass(t2, t1, 0, r.x1, -1) ||
			    clip_pass(t1, t2, 1, r.y0, 1) || clip_pass(t2, t1, 1, r.y1, -1))
				goto nomem;
			if (t1->n >= 3)
				runs[0][0] = 0, runs[1][0] = t1->n, nr = 1;
		} else {
			/* Lines: the runs of vertices in the box, with one
			 * neighbour outside on each end so they reach its edge. */
			size_t i = 0;
			while (i < t1->n && nr < 64) {
				while (i < t1->n && !(t1->x[i] >= r.x0 && t1->x[i] <= r.x1 &&
						      t1->y[i] >= r.y0 && t1->y[i] <= r.y1))
					i++;
				if (i == t1->n)
					break;
				size_t from = i ? i - 1 : 0;
				while (i < t1->n && t1->x[i] >= r.x0 && t1->x[i] <= r.x1 &&
				       t1->y[i] >= r.y0 && t1->y[i] <= r.y1)
					i++;
				size_t to = i < t1->n ? i + 1 : i;
				if (to - from >= 2)
					runs[0][nr] = from, runs[1][nr++] = to;
			}
		}
		for (size_t k = 0; k < nr; k++) {
			if (im_grow(&parts, &capp, np + 1, sizeof *parts))
				goto nomem;
			parts[np++] = (int)o.n;
			for (size_t i = runs[0][k]; i < runs[1][k]; i++)
				if (pt_push(&o, t1->x[i], t1->y[i]))
					goto nomem;
		}
	}
	if (!np) {
		free(o.x), free(o.y), free(parts);
		return 0;
	}
	im_rbox bb = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
	for (size_t i = 0; i < o.n; i++) {
		bb.x0 = fmin(bb.x0, o.x[i]), bb.x1 = fmax(bb.x1, o.x[i]);
		bb.y0 = fmin(bb.y0, o.y[i]), bb.y1 = fmax(bb.y1, o.y[i]);
	}
	out->x = o.x, out->y = o.y, out->parts = parts;
	out->npts = (int)o.n, out->nparts = (int)np, out->bbox = bb;
	return 1;
nomem:
	free(o.x), free(o.y), free(parts);
	return -1;
}

im_status rlayer_read(rlayer *L, const rview *v, double min_step, rgeom **out, size_t *nout,
		      im_error *err)
{
	*out = NULL;
	*nout = 0;
	rgeom *gs = NULL;
	size_t ng = 0, capg = 0;
	gbuild g = {{0}, 0, 0, 0};
	ptbuf t1 = {0}, t2 = {0};
	im_status st = IM_OK;
	int polygon = L->type == SHPT_POLYGON;
	/* Thin in degrees first (half the step on the page, so the page's own
	 * thinning still decides), which spares projecting what would go. */
	double eps = v->deg_per_unit > 0 ? 0.5 * min_step * v->deg_per_unit : 0;
	for (int q = 0; q < v->ngq && !st; q++) {
		double lo[4] = {v->gq[q][0], v->gq[q][1], 0, 0};
		double hi[4] = {v->gq[q][2], v->gq[q][3], 0, 0};
		int count = 0;
		int *ids = L->qix ? SHPSearchDiskTreeEx(L->qix, lo, hi, &count)
				  : SHPTreeFindLikelyShapes(L->tree, lo, hi, &count);
		if (!ids && count > 0) {
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			break;
		}
		if (ids)
			qsort(ids, (size_t)count, sizeof *ids, cmp_int);
		for (int i = 0; i < count && !st; i++) {
			if (ids[i] < 0 || ids[i] >= L->n) {
				st = im_error_set(err, IM_E_RENDER, L->path, 0, 0,
						  ".qix index does not match the .shp (rebuild it "
						  "with 'incimap render --build-index')");
				break;
			}
			shp_msg[0] = 0;
			SHPObject *o = SHPReadObject(L->shp, ids[i]);
			if (!o) {
				char *f = with_ext(L->path, ".shp");
				st = im_error_set(err, IM_E_RENDER, f ? f : L->path, 0, 0,
						  "shape %d cannot be read (corrupt file?)%s%s",
						  ids[i], shp_msg[0] ? ": " : "", shp_msg);
				free(f);
				break;
			}
			/* The quadtree is coarse: check the shape's own box. */
			int hit = o->nSHPType != SHPT_NULL && o->nVertices > 0 &&
				  !(o->dfXMax < lo[0] || o->dfXMin > hi[0] || o->dfYMax < lo[1] ||
				    o->dfYMin > hi[1]);
			g.pts.n = 0;
			g.nparts = 0;
			if (hit && clip_shape(o, v->gq[q], polygon, eps, &g, &t1, &t2))
				st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			SHPDestroyObject(o);
			if (st || !hit || !g.nparts)
				continue;
			if (im_grow(&gs, &capg, ng + 1, sizeof *gs)) {
				st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
				break;
			}
			int r = finish_geom(&g, v, min_step, polygon, ids[i], &gs[ng], &t1, &t2);
			if (r < 0)
				st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			else if (r > 0)
				ng++;
		}
		free(ids);
	}
	free(g.pts.x), free(g.pts.y), free(g.parts);
	free(t1.x), free(t1.y), free(t2.x), free(t2.y);
	if (st) {
		rgeoms_free(gs, ng);
		return st;
	}
	*out = gs;
	*nout = ng;
	return IM_OK;
}

void rgeoms_free(rgeom *g, size_t n)
{
	if (!g)
		return;
	for (size_t i = 0; i < n; i++) {
		free(g[i].x);
		free(g[i].y);
		free(g[i].parts);
	}
	free(g);
}

static int part_end(const rgeom *g, int p)
{
	return p + 1 < g->nparts ? g->parts[p + 1] : g->npts;
}

int rgeom_contains(const rgeom *g, double x, double y)
{
	if (x < g->bbox.x0 || x > g->bbox.x1 || y < g->bbox.y0 || y > g->bbox.y1)
		return 0;
	int in = 0;
	for (int p = 0; p < g->nparts; p++) {
		int a = g->parts[p], b = part_end(g, p);
		for (int i = a, j = b - 1; i < b; j = i++) {
			if ((g->y[i] > y) != (g->y[j] > y) &&
			    x < (g->x[j] - g->x[i]) * (y - g->y[i]) / (g->y[j] - g->y[i]) + g->x[i])
				in = !in;
		}
	}
	return in;
}

void rgeom_path(cairo_t *cr, const rgeom *g, int closed)
{
	for (int p = 0; p < g->nparts; p++) {
		int a = g->parts[p], b = part_end(g, p);
		cairo_move_to(cr, g->x[a], g->y[a]);
		for (int i = a + 1; i < b; i++)
			cairo_line_to(cr, g->x[i], g->y[i]);
		if (closed)
			cairo_close_path(cr);
	}
}

/* Distance from (x, y) to the nearest edge of g, or of the clip box; over
 * long outlines, to a chord every `stride` vertices (a label point needs no
 * more). */
static double edge_dist(const rgeom *g, im_rbox clip, double x, double y)
{
	double best = fmin(fmin(x - clip.x0, clip.x1 - x), fmin(y - clip.y0, clip.y1 - y));
	double b2 = best * best;
	int stride = g->npts > 240 ? g->npts / 240 : 1;
	for (int p = 0; p < g->nparts; p++) {
		int a = g->parts[p], b = part_end(g, p);
		int j = b - 1;
		for (int i = a; i < b;) {
			double ax = g->x[j], ay = g->y[j], dx = g->x[i] - ax, dy = g->y[i] - ay;
			double l2 = dx * dx + dy * dy;
			double t = l2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0;
			t = t < 0 ? 0 : t > 1 ? 1 : t;
			double ex = ax + t * dx - x, ey = ay + t * dy - y;
			double d2 = ex * ex + ey * ey;
			if (d2 < b2)
				b2 = d2;
			j = i;
			if (i == b - 1)
				break;
			i = i + stride < b ? i + stride : b - 1;
		}
	}
	return sqrt(b2);
}

int rgeom_label_points(const rgeom *g, im_rbox clip, double *px, double *py, int max)
{
	im_rbox b = {fmax(g->bbox.x0, clip.x0), fmax(g->bbox.y0, clip.y0),
		     fmin(g->bbox.x1, clip.x1), fmin(g->bbox.y1, clip.y1)};
	if (b.x0 >= b.x1 || b.y0 >= b.y1 || max < 1)
		return 0;
	/* Samples on a grid, best first by distance to the nearest edge (the
	 * best one refined on a finer grid): roughly the "poles of
	 * inaccessibility", where a name reads as belonging to its shape. */
	enum { N = 10, R = 6 };
	double sx[N * N], sy[N * N], sd[N * N];
	int ns = 0;
	double cw = (b.x1 - b.x0) / N, ch = (b.y1 - b.y0) / N;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			double x = b.x0 + (i + 0.5) * cw, y = b.y0 + (j + 0.5) * ch;
			if (x <= clip.x0 || x >= clip.x1 || y <= clip.y0 || y >= clip.y1 ||
			    !rgeom_contains(g, x, y))
				continue;
			sx[ns] = x, sy[ns] = y, sd[ns] = edge_dist(g, clip, x, y);
			ns++;
		}
	int n = 0;
	while (n < max) {
		int best = -1;
		for (int k = 0; k < ns; k++)
			if (sd[k] >= 0 && (best < 0 || sd[k] > sd[best]))
				best = k;
		if (best < 0)
			break;
		double bx = sx[best], by = sy[best], bd = sd[best];
		if (n == 0) {
			for (int i = 0; i < R; i++)
				for (int j = 0; j < R; j++) {
					double x = sx[best] - cw + (i + 0.5) * 2 * cw / R;
					double y = sy[best] - ch + (j + 0.5) * 2 * ch / R;
					if (x <= clip.x0 || x >= clip.x1 || y <= clip.y0 || y >= clip.y1 ||
					    !rgeom_contains(g, x, y))
						continue;
					double d = edge_dist(g, clip, x, y);
					if (d > bd)
						bd = d, bx = x, by = y;
				}
		}
		px[n] = bx, py[n] = by;
		n++;
		/* The next candidates stay a few cells away from this one. */
		for (int k = 0; k < ns; k++)
			if (fabs(sx[k] - sx[best]) < 3 * cw && fabs(sy[k] - sy[best]) < 3 * ch)
				sd[k] = -1;
	}
	return n;
}

im_status rlayer_build_index(const char *dir, const char *name, im_error *err)
{
	SAHooks h;
	hooks(&h);
	char *base = im_path_join(dir, name);
	char *qix = base ? with_ext(base, ".qix") : NULL;
	if (!base || !qix) {
		free(base);
		free(qix);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	shp_msg[0] = 0;
	SHPHandle shp = SHPOpenLL(base, "rb", &h);
	im_status st = IM_OK;
	if (!shp) {
		st = open_fail(base, ".shp", err);
	} else {
		SHPTree *t = SHPCreateTree(shp, 2, 0, NULL, NULL);
		im_afile *af = NULL;
		if (!t) {
			st = im_error_set(err, IM_E_RENDER, base, 0, 0, "cannot index the shapes");
		} else if (!(st = im_afile_open(qix, &af, err))) {
			SHPTreeTrimExtraNodes(t);
			/* shapelib writes the file itself: into our temporary name,
			 * which the commit then renames into place. */
			if (!im_afile_tmpname(af)) {
				im_afile_abort(af);
				st = im_error_set(err, IM_E_IO, qix, 0, 0,
				                  "cannot write the index: not a regular file");
			} else if (!SHPWriteTreeLL(t, im_afile_tmpname(af), &h)) {
				im_afile_abort(af);
				st = im_error_set(err, IM_E_IO, qix, 0, 0, "cannot write the index%s%s",
						  shp_msg[0] ? ": " : "", shp_msg);
			} else {
				st = im_afile_commit(af, err);
			}
		}
		if (t)
			SHPDestroyTree(t);
		SHPClose(shp);
	}
	free(base);
	free(qix);
	return st;
}
