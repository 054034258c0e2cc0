/* store_int.h: what the store's files (gpkg.c: schema and transactions;
 * store.c: incidents as rows; edit.c... corrections) share. */
#ifndef IM_STORE_INT_H
#define IM_STORE_INT_H

#include "store.h"
#include "io_int.h"

#include <sqlite3.h>

/* Statements kept prepared for the length of the handle. */
enum {
	STMT_UPDATE,       /* an incident of incidents, by id */
	STMT_INSERT,       /* a new one */
	STMT_UPSERT_DEL,   /* ... into incimap_deleted */
	STMT_IS_DELETED,   /* is this id deleted */
	STMT_SOURCE,       /* one report of an incident */
	STMT_HAS_SOURCE,   /* is this report known */
	STMT_CORRECTIONS,  /* the corrections in force for an id */
	IM_STORE_N_STMT
};

#define IM_GPKG_POINT_BLOB 29
#define IM_STORE_BATCH 64 /* incidents to one INSERT in a fresh write */

/* Rows of statement parameters held in one buffer (store_rows.c): filled
 * cell by cell, row by row, then bound without copies, per_stmt rows to
 * one statement. A failed fill (out of memory) is kept in st. */
typedef struct im_rows_cell im_rows_cell;
typedef struct im_rows {
	int cols, per_stmt; /* cells of a row; rows of a full statement */
	im_rows_cell *cells;
	im_buf bytes; /* the texts and blobs of the cells */
	size_t n;     /* rows held */
	int col;      /* the next cell of the row being filled */
	im_status st;
	sqlite3_stmt *many, *one; /* per_stmt rows; one row (made by flush) */
} im_rows;

im_status im_rows_init(im_rows *r, int cols, int per_stmt);
void im_rows_free(im_rows *r);
void im_rows_null(im_rows *r);
void im_rows_int(im_rows *r, sqlite3_int64 v);
void im_rows_real(im_rows *r, double v);
void im_rows_text(im_rows *r, const char *s); /* NULL: null */
void im_rows_blob(im_rows *r, const void *p, size_t n);
/* A text written into the buffer returned, ended by im_rows_text_end. */
im_buf *im_rows_text_begin(im_rows *r);
void im_rows_text_end(im_rows *r);
/* Ends the row being filled; 1 when the rows fill a statement. */
int im_rows_end(im_rows *r);
/* Binds row's cells to q's parameters first, first + 1, ... */
void im_rows_bind(const im_rows *r, sqlite3_stmt *q, size_t row, int first);
/* Runs "head (?, ...), ..." over the rows held: one statement when they
 * fill one, else one per row. */
im_status im_rows_run(im_store *s, im_rows *r, const char *head, im_error *err);
/* im_rows_run, then empties r. */
im_status im_rows_flush(im_store *s, im_rows *r, const char *head, im_error *err);
void im_rows_clear(im_rows *r);

typedef struct im_pgs im_pgs; /* a PostgreSQL table as the store (store_pg.c) */
/* The boxes of the rows a write into an empty store inserted, noted in
 * fid order as they went in, for its R-tree (gpkg_rtree.c). */
typedef struct im_gpkg_boxes {
	struct rt_entry *v;
	size_t n, cap;
	int stale; /* a row was written otherwise: the build reads the table */
} im_gpkg_boxes;

struct im_store {
	sqlite3 *db;          /* the GeoPackage, or NULL when pg is set */
	im_pgs *pg;
	char *path;
	int in_tx;
	int has_corrections;  /* any correction in force (else put skips the look-up) */
	int fresh;            /* the store held nothing when this transaction began:
	                       * put inserts first (no look-up of deleted ids) */
	double box[4];        /* minx, maxx, miny, maxy of what this transaction wrote */
	im_gpkg_boxes boxes;
	sqlite3_stmt *stmt[IM_STORE_N_STMT];
	/* rows of values bound without copies (store.c, store_rows.c) */
	im_rows row;   /* one incident, for a statement of its own */
	im_rows batch; /* incidents a fresh write holds, IM_STORE_BATCH to an INSERT */
	struct { int has; double lon, lat; } batch_pt[IM_STORE_BATCH]; /* their points */
	im_rows src;   /* reports to record in incimap_sources */
	sqlite3_int64 now; /* when this transaction began (Unix time): the reports' added */
};

/* The GeoPackage blob of a point in EPSG:4326. */
void im_gpkg_point_blob(double lon, double lat, unsigned char out[IM_GPKG_POINT_BLOB]);
/* The box (minx, maxx, miny, maxy) of a GeoPackage geometry blob, from its
 * envelope, or of a point without one; *empty for an empty geometry.
 * 0 when the blob is not one (or is neither a point nor enveloped). */
int im_gpkg_blob_box(const unsigned char *p, size_t n, double box[4], int *empty);

/* Fills the R-tree of incidents.geom from the table in one pass, at the end
 * of a write into an empty store (whose insert trigger was dropped for it):
 * packed into full nodes when the tree is still empty, else (rows put
 * through the module by update triggers) the missing rows one by one. */
im_status im_gpkg_rtree_build(im_store *s, im_error *err);
/* Notes the point of the row fid a write into an empty store inserted, for
 * im_gpkg_rtree_build; IM_E_NOMEM. */
im_status im_gpkg_rtree_note(im_store *s, sqlite3_int64 fid, double lon, double lat);
/* A row of this write was changed otherwise than by an insert: the build
 * reads the table instead of what was noted. */
void im_gpkg_rtree_stale(im_store *s);
/* Drops what was noted (the end of a transaction). */
void im_gpkg_rtree_forget(im_store *s);

/* The rows held (store.c): a fresh write's incidents and the reports of
 * any write wait in s's buffers to go in several to a statement. begin
 * starts a transaction's (its time, no ids yet); flush writes what is
 * held (before anything reads the store, and at commit); drop forgets it
 * (rollback); free at close. */
im_status im_store_held_begin(im_store *s);
im_status im_store_flush(im_store *s, im_error *err);
void im_store_held_drop(im_store *s);
void im_store_held_free(im_store *s);

/* "what: sqlite's message", with the status that fits its code. */
im_status im_store_sql_error(im_store *s, im_error *err, const char *what);
im_status im_store_exec(im_store *s, const char *sql, im_error *err);
/* The first column of the first row of sql, as a number; -1 without one. */
long long im_store_int(im_store *s, const char *sql);
/* NULL with err set on failure (err may be NULL). */
sqlite3_stmt *im_store_prepare(im_store *s, const char *sql, im_error *err);

/* The incident columns, in the order im_store_row reads them. */
#define IM_STORE_COLS                                                                      \
	"geom, id, event_date, time_precision, date_text, event_type, sub_event_type, "   \
	"place, place_text, admin1, country, geo_precision, gazetteer_id, fatalities, "   \
	"injuries, actors, sources, notes, confidence"
/* Fills inc (cleared first) from the row q is on, its columns IM_STORE_COLS
 * from column 0. A value the store should not hold is IM_E_PARSE naming
 * the incident. */
im_status im_store_row(im_store *s, sqlite3_stmt *q, im_incident *inc, im_error *err);
/* Loads the incident of that id from incidents (or from incimap_deleted
 * when deleted is set) into inc; IM_E_NOTFOUND when there is none. */
im_status im_store_get(im_store *s, const char *id, int deleted, im_incident *inc,
		       im_error *err);
/* Sets one field of inc from its text in incimap_corrections. */
im_status im_store_apply_field(im_incident *inc, const char *field, const char *value);
/* The actors as a JSON array. */
im_status im_store_actors_json(im_buf *b, const im_incident *inc);
/* Fills inc's actors and sources from their JSON text (either may be NULL);
 * errors name path. */
im_status im_store_lists(const char *path, const char *actors, const char *sources, size_t n,
			 im_incident *inc, im_error *err);
/* What tells a report from another: its id, else its url, else its file
 * (IM_E_NOTFOUND for a report with none). */
im_status im_store_source_key(const im_source *src, im_buf *b);

/* ---- SQL that both kinds of store run ------------------------------------------------ */

/* One row of a query's result: ncols cells as text, NULL for null. */
typedef im_status (*im_store_row_fn)(void *ctx, int ncols, const char *const *cells);
/* Runs tmpl with text parameters (NULL for null) on either kind of store,
 * calling fn (may be NULL) for each row. In tmpl, "@incidents", "@deleted",
 * "@sources" and "@corrections" name the store's tables and "?N" the
 * parameters; im_store_sql turns them into the store's own SQL. */
im_status im_store_query(im_store *s, const char *tmpl, int n, const char *const *params,
			 im_store_row_fn fn, void *ctx, im_error *err);
im_status im_store_sql(const im_store *s, const char *tmpl, im_buf *out);

/* ---- PostgreSQL (store_pg.c), the GeoPackage's twin where SQL differs ----------- */

im_status im_pgs_open(im_store *s, const char *target, int create, im_error *err);
struct pg_conn; /* libpq's PGconn */
/* A connection to target (its table taken out into table, of
 * IM_PG_TABLE_MAX + 1 bytes, when not NULL), set up as incimap's are
 * (warnings only, doubles in full), then setup (SQL, or NULL) run on it;
 * where names it in messages. */
im_status im_pg_connect(const char *target, const char *where, char *table, const char *setup,
			struct pg_conn **out, im_error *err);
void im_pgs_close(im_store *s);
/* The table's name (unquoted). */
const char *im_pgs_table(const im_store *s);
im_status im_pgs_begin(im_store *s, im_error *err);
/* A load into a new table: its staging tables stage and stage_src made
 * (im_pgs_stage_make), and at its end, once their keys and indexes are
 * built, made the store's table and reports in the transaction that
 * im_pgs_begin_adopting begins (as im_pgs_begin, the rest made there).
 * im_pgs_stage_sql is tmpl in the store's SQL with '#' for stage. */
im_status im_pgs_stage_make(im_store *s, const char *stage, im_error *err);
im_status im_pgs_begin_adopting(im_store *s, const char *stage, im_error *err);
im_status im_pgs_stage_sql(const im_store *s, const char *stage, const char *tmpl, im_buf *out);
im_status im_pgs_commit(im_store *s, im_error *err);
void im_pgs_rollback(im_store *s);
im_status im_pgs_query(im_store *s, const char *sql, int n, const char *const *params,
		       im_store_row_fn fn, void *ctx, im_error *err);
/* Inserts or replaces inc by id in the table (or its _deleted twin). */
im_status im_pgs_write(im_store *s, const im_incident *inc, int deleted, im_error *err);
/* The rows of "SELECT <columns> FROM ..." + rest, decoded, appended to l. */
im_status im_pgs_load(im_store *s, const char *rest, int n, const char *const *params,
		      im_incident_list *l, im_error *err);
typedef struct im_pgs_cursor im_pgs_cursor;
im_status im_pgs_cursor_open(im_store *s, const struct im_filter *f, im_pgs_cursor **out,
			     im_error *err);
im_status im_pgs_cursor_next(im_pgs_cursor *c, im_incident *inc, int *done, im_error *err);
size_t im_pgs_cursor_left_out(const im_pgs_cursor *c);
void im_pgs_cursor_free(im_pgs_cursor *c);
/* The store's PGconn (for pg.c's COPY). */
void *im_pgs_conn(im_store *s);
/* A point as hex EWKB in EPSG:4326, PostGIS's own form. */
#define IM_PG_EWKB_LEN 50
void im_pg_ewkb(char out[IM_PG_EWKB_LEN + 1], double lon, double lat);
/* The columns an incident replacing another of the same id sets (after
 * "ON CONFLICT (id) DO UPDATE SET"). */
#define IM_PG_UPDATE_SET                                                                   \
	"geom = EXCLUDED.geom, event_date = EXCLUDED.event_date, time_precision = "       \
	"EXCLUDED.time_precision, date_text = EXCLUDED.date_text, event_type = "          \
	"EXCLUDED.event_type, sub_event_type = EXCLUDED.sub_event_type, place = "          \
	"EXCLUDED.place, place_text = EXCLUDED.place_text, admin1 = EXCLUDED.admin1, "    \
	"country = EXCLUDED.country, geo_precision = EXCLUDED.geo_precision, gazetteer_id " \
	"= EXCLUDED.gazetteer_id, fatalities = EXCLUDED.fatalities, injuries = "           \
	"EXCLUDED.injuries, actors = EXCLUDED.actors, sources = EXCLUDED.sources, notes = " \
	"EXCLUDED.notes, confidence = EXCLUDED.confidence"

#endif
