/* where.c: the country and province a point lies in, from the base-map
 * shapes (Natural Earth's admin-1 and admin-0 shapefiles in shapes/), named
 * as the gazetteer names them: what `gazetteer add` records when it is
 * given only coordinates. */
#include "../core/fsutil.h"
#include "gaz_int.h"

#include <shapefil.h>
#include <stdlib.h>
#include <string.h>

#define LAYER_PROVINCES "ne10m_generalized_states_provinces"
#define LAYER_COUNTRIES "ne10m_generalized_countries"

/* What a layer says of the shape that holds the point. */
typedef struct shape_hit {
	int found;
	char a2[3];        /* "" when the layer gives no two-letter code */
	char name[3][128]; /* the layer's names for it, best first ("" when none) */
} shape_hit;

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

/* The records whose bounding box may hold the point: from the .qix
 * quadtree when there is one, else every record. Caller frees. */
static int *candidates(const char *base, SHPHandle shp, double x, double y, int *n)
{
	size_t ql = strlen(base) + 5;
	char *qix = malloc(ql);
	int *ids = NULL;
	*n = 0;
	if (qix) {
		snprintf(qix, ql, "%s.qix", base);
		SAHooks h;
		SASetupDefaultHooks(&h);
		SHPTreeDiskHandle t = im_file_exists(qix) ? SHPOpenDiskTree(qix, &h) : NULL;
		if (t) {
			double lo[4] = {x, y, 0, 0}, hi[4] = {x, y, 0, 0};
			ids = SHPSearchDiskTreeEx(t, lo, hi, n);
			SHPCloseDiskTree(t);
		}
		free(qix);
	}
	if (ids)
		return ids;
	int count = 0;
	SHPGetInfo(shp, &count, NULL, NULL, NULL);
	ids = malloc((size_t)(count > 0 ? count : 1) * sizeof *ids);
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

/* Reads layer dir/name and finds the shape that holds (lat, lon). A missing
 * layer is IM_E_IO; a point in no shape is out->found == 0. */
static im_status layer_at(const char *dir, const char *name, double lat, double lon,
                          const char *const *a2_fields, const char *const *name_fields,
                          shape_hit *out, im_error *err)
{
	memset(out, 0, sizeof *out);
	char *base = im_path_join(dir, name);
	if (!base)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	SAHooks h;
	SASetupDefaultHooks(&h);
	SHPHandle shp = SHPOpenLL(base, "rb", &h);
	DBFHandle dbf = shp ? DBFOpenLL(base, "rb", &h) : NULL;
	if (!shp || !dbf) {
		if (shp)
			SHPClose(shp);
		im_status st = im_error_set(err, IM_E_IO, base, 0, 0,
		                            "cannot read the base-map shapes (see --shapes)");
		free(base);
		return st;
	}
	int n = 0;
	int *ids = candidates(base, shp, lon, lat, &n);
	im_status st = ids ? IM_OK : im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (int i = 0; !st && i < n && !out->found; i++) {
		if (ids[i] < 0 || ids[i] >= DBFGetRecordCount(dbf))
			continue;
		SHPObject *o = SHPReadObject(shp, ids[i]);
		if (o &&
		    (o->nSHPType == SHPT_POLYGON || o->nSHPType == SHPT_POLYGONZ ||
		     o->nSHPType == SHPT_POLYGONM) &&
		    polygon_has(o, lon, lat)) {
			out->found = 1;
			attr_a2(dbf, ids[i], a2_fields, out->a2);
			for (size_t k = 0; k < 3 && name_fields[k]; k++)
				attr(dbf, ids[i], name_fields[k], out->name[k],
				     sizeof out->name[k]);
		}
		SHPDestroyObject(o);
	}
	free(ids);
	DBFClose(dbf);
	SHPClose(shp);
	free(base);
	return st;
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

im_status im_gaz_where(const im_gaz *g, const char *shapes_dir, double lat, double lon, char cc[3],
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
	im_status st =
	    layer_at(shapes_dir, LAYER_PROVINCES, lat, lon, prov_a2, prov_names, &p, err);
	if (st)
		return st;
	if (p.found && p.a2[0] && im_gaz_country_name(g, p.a2)) {
		memcpy(cc, p.a2, 3);
	} else {
		st = layer_at(shapes_dir, LAYER_COUNTRIES, lat, lon, ctry_a2, ctry_names, &c, err);
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
