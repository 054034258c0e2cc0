/* gpkg_rtree.c: the store's R-tree built in one pass at the end of a write
 * into an empty store, instead of point by point through SQLite's rtree
 * module (an R*-tree insert per row, most of such a write's time): the
 * boxes are packed sort-tile-recursive into full nodes, written straight
 * into the three tables behind the virtual table (%_node, %_rowid,
 * %_parent) in the module's own format (SQLite's ext/rtree/rtree.c: a node
 * is a 2-byte depth, kept in the root only, a 2-byte cell count, then cells
 * of a big-endian 64-bit id and four big-endian 32-bit floats minx, maxx,
 * miny, maxy; the root is node 1; every node has the root's size). The
 * module then reads, searches and updates that tree as one it made. */
#include "store_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct rt_entry {
	sqlite3_int64 id; /* a fid (leaves) or a node number */
	float box[4];     /* minx, maxx, miny, maxy */
	size_t pos;       /* a leaf's place in fid order */
};
typedef struct rt_entry rt_entry;

typedef struct rt_leaf {
	sqlite3_int64 fid, node;
} rt_leaf;

/* (child, node) rows of %_rowid or %_parent go in LINKS to a statement:
 * one statement per row was most of the build's time. */
#define LINKS 128
#define ROWID_HEAD "INSERT INTO rtree_incidents_geom_rowid VALUES"
#define PARENT_HEAD "INSERT INTO rtree_incidents_geom_parent VALUES"

typedef struct rt_build {
	im_store *s;
	size_t node_size, cap; /* bytes of a node; cells it holds */
	sqlite3_stmt *node;
	im_rows rowid, parent;
	sqlite3_int64 next_node;
	unsigned char *blob;
	rt_leaf *leaf; /* the leaf of each fid, in fid order (for %_rowid) */
} rt_build;

/* A double as the R-tree keeps it: rounded down for a minimum, up for a
 * maximum (as the module does with what it is given). */
static float round_down(double d)
{
	float f = (float)d;
	if (f > d)
		f = (float)(d * (d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0));
	return f;
}

static float round_up(double d)
{
	float f = (float)d;
	if (f < d)
		f = (float)(d * (d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0));
	return f;
}

/* Appends e to the boxes, growing them; 0 when out of memory. */
static int boxes_push(im_gpkg_boxes *b, const rt_entry *e)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 1024;
		rt_entry *w = realloc(b->v, cap * sizeof *w);
		if (!w)
			return 0;
		b->v = w;
		b->cap = cap;
	}
	b->v[b->n] = *e;
	b->v[b->n].pos = b->n;
	b->n++;
	return 1;
}

static void set_box(rt_entry *e, sqlite3_int64 fid, const double box[4])
{
	e->id = fid;
	e->box[0] = round_down(box[0]);
	e->box[1] = round_up(box[1]);
	e->box[2] = round_down(box[2]);
	e->box[3] = round_up(box[3]);
}

im_status im_gpkg_rtree_note(im_store *s, sqlite3_int64 fid, double lon, double lat)
{
	if (s->boxes.stale)
		return IM_OK;
	rt_entry e;
	set_box(&e, fid, (const double[4]){lon, lon, lat, lat});
	return boxes_push(&s->boxes, &e) ? IM_OK : IM_E_NOMEM;
}

void im_gpkg_rtree_stale(im_store *s)
{
	im_gpkg_rtree_forget(s);
	s->boxes.stale = 1;
}

void im_gpkg_rtree_forget(im_store *s)
{
	free(s->boxes.v);
	s->boxes = (im_gpkg_boxes){NULL, 0, 0, 0};
}

/* The sort key of e on an axis (0: x, 1: y): the sum of its box's two
 * values there, as an unsigned number in the float's order. */
static uint32_t axis_key(const rt_entry *e, int axis)
{
	float f = e->box[2 * axis] + e->box[2 * axis + 1];
	if (f == 0)
		f = 0; /* -0 and 0 are one place */
	uint32_t u;
	memcpy(&u, &f, 4);
	return u & 0x80000000u ? ~u : u | 0x80000000u;
}

/* v[0..n) in axis_key order, stable, a byte at a time; tmp holds n. */
static void radix_sort(rt_entry *v, rt_entry *tmp, size_t n, int axis)
{
	rt_entry *from = v, *to = tmp;
	for (int shift = 0; shift < 32; shift += 8) {
		size_t at[257] = {0};
		for (size_t i = 0; i < n; i++)
			at[((axis_key(&from[i], axis) >> shift) & 255) + 1]++;
		if (at[((axis_key(&from[0], axis) >> shift) & 255) + 1] == n)
			continue; /* one value of this byte throughout */
		for (int k = 0; k < 256; k++)
			at[k + 1] += at[k];
		for (size_t i = 0; i < n; i++)
			to[at[(axis_key(&from[i], axis) >> shift) & 255]++] = from[i];
		rt_entry *t = from;
		from = to;
		to = t;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
}

/* Sort-tile-recursive order: n boxes in vertical slabs of whole nodes,
 * each slab by y, so that runs of cap neighbours make the nodes. */
static im_status str_sort(rt_entry *v, size_t n, size_t cap)
{
	size_t nodes = (n + cap - 1) / cap, slabs = 1;
	while (slabs * slabs < nodes)
		slabs++;
	size_t per = slabs * cap;
	rt_entry *tmp = malloc(n * sizeof *tmp);
	if (!tmp)
		return IM_E_NOMEM;
	radix_sort(v, tmp, n, 0);
	for (size_t i = 0; i < n; i += per)
		radix_sort(v + i, tmp, n - i < per ? n - i : per, 1);
	free(tmp);
	return IM_OK;
}

static void put_u16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void put_f32(unsigned char *p, float f)
{
	uint32_t u;
	memcpy(&u, &f, 4);
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(u >> (24 - 8 * i));
}

static void put_cell(unsigned char *p, const rt_entry *e)
{
	uint64_t id = (uint64_t)e->id;
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(id >> (56 - 8 * i));
	for (int k = 0; k < 4; k++)
		put_f32(p + 8 + 4 * k, e->box[k]);
}

static im_status step(rt_build *b, sqlite3_stmt *q)
{
	im_status st = sqlite3_step(q) == SQLITE_DONE
	                   ? IM_OK
	                   : im_store_sql_error(b->s, NULL, "cannot write the R-tree");
	sqlite3_reset(q);
	return st;
}

static im_status put_link(rt_build *b, im_rows *l, const char *head, sqlite3_int64 child,
			  sqlite3_int64 node)
{
	im_rows_int(l, child);
	im_rows_int(l, node);
	return im_rows_end(l) ? im_rows_flush(b->s, l, head, NULL) : IM_OK;
}

/* Writes node no holding v[0..n) (depth only for the root); its box into
 * *out. Records each cell's parent: for %_rowid later for a leaf, into
 * %_parent above. */
static im_status put_node(rt_build *b, sqlite3_int64 no, int leaf, int depth, const rt_entry *v,
                          size_t n, rt_entry *out)
{
	memset(b->blob, 0, b->node_size);
	put_u16(b->blob, no == 1 ? (unsigned)depth : 0);
	put_u16(b->blob + 2, (unsigned)n);
	rt_entry box = {no, {v[0].box[0], v[0].box[1], v[0].box[2], v[0].box[3]}, 0};
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < n; i++) {
		put_cell(b->blob + 4 + 24 * i, &v[i]);
		box.box[0] = v[i].box[0] < box.box[0] ? v[i].box[0] : box.box[0];
		box.box[1] = v[i].box[1] > box.box[1] ? v[i].box[1] : box.box[1];
		box.box[2] = v[i].box[2] < box.box[2] ? v[i].box[2] : box.box[2];
		box.box[3] = v[i].box[3] > box.box[3] ? v[i].box[3] : box.box[3];
		if (leaf)
			b->leaf[v[i].pos] = (rt_leaf){v[i].id, no};
		else
			st = put_link(b, &b->parent, PARENT_HEAD, v[i].id, no);
	}
	if (st)
		return st;
	*out = box; /* may be v[0]: only now */
	sqlite3_bind_int64(b->node, 1, no);
	sqlite3_bind_blob(b->node, 2, b->blob, (int)b->node_size, SQLITE_STATIC);
	return step(b, b->node);
}

/* Packs v[0..n) level by level into nodes until the root holds the rest. */
static im_status pack(rt_build *b, rt_entry *v, size_t n)
{
	int depth = 0;
	im_status st = IM_OK;
	while (!st && n > b->cap) {
		if ((st = str_sort(v, n, b->cap)))
			return st;
		size_t k = 0;
		for (size_t i = 0; !st && i < n; i += b->cap, k++)
			st = put_node(b, b->next_node++, depth == 0, 0, v + i,
			              n - i < b->cap ? n - i : b->cap, &v[k]);
		n = k; /* the level's nodes, in place of their cells */
		depth++;
	}
	rt_entry root;
	st = st ? st : put_node(b, 1, depth == 0, depth, v, n, &root);
	return st;
}

/* %_rowid in fid order: appended, not inserted here and there. */
static im_status put_rowids(rt_build *b, size_t n)
{
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < n; i++)
		st = put_link(b, &b->rowid, ROWID_HEAD, b->leaf[i].fid, b->leaf[i].node);
	return st ? st : im_rows_flush(b->s, &b->rowid, ROWID_HEAD, NULL);
}

static im_status read_boxes(im_store *s, rt_entry **out, size_t *n, im_error *err)
{
	sqlite3_stmt *q = im_store_prepare(s, "SELECT fid, geom FROM incidents", err);
	if (!q)
		return IM_E_IO;
	im_gpkg_boxes b = {NULL, 0, 0, 0};
	im_status st = IM_OK;
	int rc;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(q, 1);
		double box[4];
		int empty;
		if (!p || !im_gpkg_blob_box(p, (size_t)sqlite3_column_bytes(q, 1), box, &empty) ||
		    empty)
			continue;
		rt_entry e;
		set_box(&e, sqlite3_column_int64(q, 0), box);
		if (!boxes_push(&b, &e))
			st = IM_E_NOMEM;
	}
	if (!st && rc != SQLITE_DONE)
		st = im_store_sql_error(s, err, "cannot read the store");
	else if (st)
		st = im_error_set(err, st, s->path, 0, 0, "out of memory");
	sqlite3_finalize(q);
	if (st) {
		free(b.v);
	} else {
		*out = b.v;
		*n = b.n;
	}
	return st;
}

static void build_free(rt_build *b)
{
	sqlite3_finalize(b->node);
	im_rows_free(&b->rowid);
	im_rows_free(&b->parent);
	free(b->blob);
	free(b->leaf);
}

im_status im_gpkg_rtree_build(im_store *s, im_error *err)
{
	/* only into an empty tree (nothing of this write went through the
	 * module), else the rows it lacks go in one by one */
	long long used = im_store_int(s, "SELECT EXISTS (SELECT 1 FROM rtree_incidents_geom_rowid)");
	long long size = im_store_int(s, "SELECT length(data) FROM rtree_incidents_geom_node "
	                              "WHERE nodeno = 1");
	if (used != 0 || size < 4 + 24 * 2)
		return im_store_exec(s,
		                     "INSERT OR REPLACE INTO rtree_incidents_geom SELECT fid, "
		                     "ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) "
		                     "FROM incidents WHERE geom NOT NULL AND NOT ST_IsEmpty(geom) "
		                     "AND fid NOT IN (SELECT id FROM rtree_incidents_geom)",
		                     err);
	rt_entry *v = NULL;
	size_t n = 0;
	im_status st = IM_OK;
	if (!s->boxes.stale) { /* noted as the rows went in */
		v = s->boxes.v;
		n = s->boxes.n;
		s->boxes.v = NULL;
	} else {
		st = read_boxes(s, &v, &n, err);
	}
	im_gpkg_rtree_forget(s);
	if (st || n == 0) {
		free(v);
		return st;
	}
	rt_build b;
	memset(&b, 0, sizeof b);
	b.s = s;
	b.node_size = (size_t)size;
	b.cap = ((size_t)size - 4) / 24;
	b.next_node = 2;
	b.blob = malloc(b.node_size);
	b.leaf = malloc(n * sizeof *b.leaf);
	b.node = im_store_prepare(
	    s, "INSERT OR REPLACE INTO rtree_incidents_geom_node VALUES (?1, ?2)", err);
	if (!b.blob || !b.leaf)
		st = im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	else if (im_rows_init(&b.rowid, 2, LINKS) || im_rows_init(&b.parent, 2, LINKS))
		st = im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	else if (!b.node)
		st = IM_E_IO;
	else if ((st = pack(&b, v, n)) || (st = im_rows_flush(s, &b.parent, PARENT_HEAD, NULL)) ||
	         (st = put_rowids(&b, n)))
		st = st == IM_E_NOMEM ? im_error_set(err, st, s->path, 0, 0, "out of memory")
		                      : im_store_sql_error(s, err, "cannot write the R-tree");
	build_free(&b);
	free(v);
	return st;
}
