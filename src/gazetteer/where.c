/* where.c: the country and province a point lies in, from the base-map
 * shapes (Natural Earth's admin-1 and admin-0 shapefiles in shapes/), named
 * as the gazetteer names them: what `gazetteer add` and `import` record
 * when they are given only coordinates. */
#include "../core/buf.h"
#include "../core/fsutil.h"
#include "gaz_int.h"

#include <shapefil.h>
#include <stdlib.h>
#include <string.h>

#define LAYER_PROVINCES "ne10m_generalized_states_provinces"
#define LAYER_COUNTRIES "ne10m_generalized_countries"

/* One shapefile, opened on first use and kept for the next points. */
typedef struct layer {
	const char *name;
	int tried;     /* 1 once opened (or failed to) */
	im_status st;  /* how opening went */
	char msg[300]; /* and why it failed */
	char *base;    /* dir/name, for messages */
	SHPHandle shp;
	DBFHandle dbf;
	SHPTreeDiskHandle qix; /* NULL: every shape is tried */
} layer;

struct gaz_shapes {
	char *dir;
	layer prov, ctry;
};

/* What a layer says of the shape that holds the point. */
typedef struct shape_hit {
	int found;
	char a2[3];        /* "" when the layer gives no two-letter code */
	char name[3][128]; /* the layer's names for it, best first ("" when none) */
} shape_hit;

gaz_shapes *gaz_shapes_new(const char *dir)
{
	gaz_shapes *s = calloc(1, sizeof *s);
	if (!s || !(s->dir = im_strdup(dir ? dir : ""))) {
		free(s);
		return NULL;
	}
	s->prov.name = LAYER_PROVINCES;
	s->ctry.name = LAYER_COUNTRIES;
	return s;
}

static void layer_close(layer *L)
{
	if (L->qix)
		SHPCloseDiskTree(L->qix);
	if (L->shp)
		SHPClose(L->shp);
	if (L->dbf)
		DBFClose(L->dbf);
	free(L->base);
}

void gaz_shapes_free(gaz_shapes *s)
{
	if (!s)
		return;
	layer_close(&s->prov);
	layer_close(&s->ctry);
	free(s->dir);
	free(s);
}

/* Opens L in dir once: the .shp and .dbf, and the .qix quadtree when there
 * is one that is not older than the shapes it indexes. */
static im_status layer_open(layer *L, const char *dir, im_error *err)
{
	if (L->tried) {
		if (L->st)
			im_error_set(err, L->st, L->base, 0, 0, "%s", L->msg);
		return L->st;
	}
	L->tried = 1;
	if (!(L->base = im_path_join(dir, L->name))) {
		L->st = IM_E_NOMEM;
		snprintf(L->msg, sizeof L->msg, "out of memory");
		return im_error_set(err, L->st, NULL, 0, 0, "%s", L->msg);
	}
	SAHooks h;
	SASetupDefaultHooks(&h);
	L->shp = SHPOpenLL(L->base, "rb", &h);
	L->dbf = L->shp ? DBFOpenLL(L->base, "rb", &h) : NULL;
	if (!L->shp || !L->dbf) {
		L->st = IM_E_IO;
		snprintf(L->msg, sizeof L->msg, "cannot read the base-map shapes (see --shapes)");
		return im_error_set(err, L->st, L->base, 0, 0, "%s", L->msg);
	}
	size_t n = strlen(L->base) + 5;
	char *qix = malloc(n), *shp = malloc(n);
	if (qix && shp) {
		snprintf(qix, n, "%s.qix", L->base);
		snprintf(shp, n, "%s.shp", L->base);
		if (im_file_exists(qix) && im_mtime_ns(qix) + 2000000000LL >= im_mtime_ns(shp))
			L->qix = SHPOpenDiskTree(qix, &h);
	}
	free(qix);
	free(shp);
	return IM_OK;
}

/* 1 when (x, y) lies inside the polygon o: even-odd over all its rings, so
 * holes (a lake, an enclave) count as outside. */
static int polygon_has(const SHPObject *o, double x, double y)
{
	if (x < o->dfXMin || x > o->dfXMax || y < o->dfYMin || y > o->dfYMax)
		return 0;
	int in = 0;
	for (int p = 0; p < o->nParts; p++) {
		int a = o->panPartStart[p];
		int b = p + 1 < o->nParts ? o->panPartStart[p + 1] : o->nVertices;
		for (int i = a, j = b - 1; i < b; j = i++) {
			double xi = o->padfX[i], yi = o->padfY[i];
			double xj = o->padfX[j], yj = o->padfY[j];
			if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
				in = !in;
		}
	}
	return in;
}

/* The records whose bounding box may hold the point: from the quadtree
 * when there is one, else every record. Caller frees; NULL: no memory. */
static int *candidates(const layer *L, double x, double y, int *n)
{
	*n = 0;
	if (L->qix) {
		double lo[4] = {x, y, 0, 0}, hi[4] = {x, y, 0, 0};
		int *ids = SHPSearchDiskTreeEx(L->qix, lo, hi, n);
		if (ids || *n == 0)
			return ids ? ids : calloc(1, sizeof(int));
	}
	int count = 0;
	SHPGetInfo(L->shp, &count, NULL, NULL, NULL);
	int *ids = malloc((size_t)(count > 0 ? count : 1) * sizeof *ids);
	if (!ids)
		return NULL;
	for (int i = 0; i < count; i++)
		ids[i] = i;
	*n = count;
	return ids;
}

static void attr(DBFHandle dbf, int rec, const char *field, char *out, size_t cap)
{
	out[0] = '\0';
	int f = DBFGetFieldIndex(dbf, field);
	if (f < 0 || DBFIsAttributeNULL(dbf, rec, f))
		return;
	const char *s = DBFReadStringAttribute(dbf, rec, f);
	snprintf(out, cap, "%s", s ? s : "");
	size_t n = strlen(out);
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
}

/* A two-letter code from the first of fields that holds one. */
static void attr_a2(DBFHandle dbf, int rec, const char *const *fields, char a2[3])
{
	a2[0] = '\0';
	for (size_t i = 0; fields[i]; i++) {
		char v[16];
		attr(dbf, rec, fields[i], v, sizeof v);
		if (strlen(v) == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z') {
			memcpy(a2, v, 3);
			return;
		}
	}
}

/* The shape of layer L (opened in dir on first use) that holds (lat, lon).
 * A layer that cannot be read is IM_E_IO; a point in no shape is
 * out->found == 0. */
static im_status layer_at(layer *L, const char *dir, double lat, double lon,
                          const char *const *a2_fields, const char *const *name_fields,
                          shape_hit *out, im_error *err)
{
	memset(out, 0, sizeof *out);
	im_status st = layer_open(L, dir, err);
	if (st)
		return st;
	int n = 0;
	int *ids = candidates(L, lon, lat, &n);
	if (!ids)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; i < n && !out->found; i++) {
		if (ids[i] < 0 || ids[i] >= DBFGetRecordCount(L->dbf))
			continue;
		SHPObject *o = SHPReadObject(L->shp, ids[i]);
		if (o &&
		    (o->nSHPType == SHPT_POLYGON || o->nSHPType == SHPT_POLYGONZ ||
		     o->nSHPType == SHPT_POLYGONM) &&
		    polygon_has(o, lon, lat)) {
			out->found = 1;
			attr_a2(L->dbf, ids[i], a2_fields, out->a2);
			for (size_t k = 0; k < 3 && name_fields[k]; k++)
				attr(L->dbf, ids[i], name_fields[k], out->name[k],
				     sizeof out->name[k]);
		}
		SHPDestroyObject(o);
	}
	free(ids);
	return IM_OK;
}

/* The gazetteer's own name for the province the shape names (Natural
 * Earth's "Al-Basrah" is the gazetteer's "Basra"); "" when it has none. */
static void province_name(const im_gaz *g, const char *cc, const shape_hit *p, char *out,
                          size_t cap)
{
	out[0] = '\0';
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.only_country = cc;
	for (size_t k = 0; k < 3; k++) {
		if (!p->name[k][0])
			continue;
		im_gaz_cand c[8];
		size_t n = im_gaz_lookup(g, p->name[k], strlen(p->name[k]), &ctx, c, 8);
		for (size_t i = 0; i < n && i < 8; i++) {
			if (c[i].place.kind == IM_KIND_ADMIN1) {
				snprintf(out, cap, "%s", c[i].place.name);
				return;
			}
		}
	}
}

im_status gaz_shapes_where(gaz_shapes *s, const im_gaz *g, double lat, double lon, char cc[3],
                           char *admin1, size_t cap, im_error *err)
{
	static const char *const prov_a2[] = {"iso_a2", NULL};
	static const char *const prov_names[] = {"name", "gn_name", "woe_name"};
	/* Natural Earth codes a few countries (France, Norway) -99 in ISO_A2;
	 * the World Bank column has them */
	static const char *const ctry_a2[] = {"iso_a2", "WB_A2", NULL};
	static const char *const ctry_names[] = {"NAME", NULL, NULL};
	cc[0] = '\0';
	if (cap)
		admin1[0] = '\0';
	shape_hit p, c;
	im_status st = layer_at(&s->prov, s->dir, lat, lon, prov_a2, prov_names, &p, err);
	if (st)
		return st;
	if (p.found && p.a2[0] && im_gaz_country_name(g, p.a2)) {
		memcpy(cc, p.a2, 3);
	} else {
		st = layer_at(&s->ctry, s->dir, lat, lon, ctry_a2, ctry_names, &c, err);
		if (st)
			return st;
		if (c.found && c.a2[0] && im_gaz_country_name(g, c.a2))
			memcpy(cc, c.a2, 3);
	}
	if (cc[0] && p.found && cap) {
		province_name(g, cc, &p, admin1, cap);
		if (!admin1[0]) /* a province the gazetteer lacks: the map's name */
			snprintf(admin1, cap, "%s", p.name[0]);
	}
	return IM_OK;
}

im_status im_gaz_where(const im_gaz *g, const char *shapes_dir, double lat, double lon, char cc[3],
                       char *admin1, size_t cap, im_error *err)
{
	gaz_shapes *s = gaz_shapes_new(shapes_dir);
	if (!s)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_status st = gaz_shapes_where(s, g, lat, lon, cc, admin1, cap, err);
	gaz_shapes_free(s);
	return st;
}
