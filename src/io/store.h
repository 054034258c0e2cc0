/* store.h: the incident store, a GeoPackage (OGC 12-128r18, version 1.3)
 * written over SQLite: the incidents as a point feature table with an
 * R-tree index, the reports of each incident, the analyst's corrections
 * and their history, and the QGIS style in layer_styles. docs/store.md
 * describes the schema and the guarantees. */
#ifndef IM_STORE_H
#define IM_STORE_H

#include "../core/im.h"
#include "../model/incident.h"

/* incimap's own schema version, kept in incimap_meta (user_version holds
 * the GeoPackage version, 10300, as the specification requires). A store
 * of an older version is migrated when opened for writing; a newer one is
 * refused. */
#define IM_STORE_SCHEMA 3

typedef struct im_store im_store;

/* Opens the store at path. With create set, a missing or empty file is
 * made a new store (the schema written in one transaction); without it, a
 * missing file is IM_E_IO. A file that is not a GeoPackage, a GeoPackage
 * that is not an incimap store, or a store of a newer schema is IM_E_PARSE
 * or IM_E_UNSUPPORTED, with a message naming the file. Writers wait up to
 * 60 s for another process's write to finish. Caller frees with
 * im_store_close. */
im_status im_store_open(const char *path, int create, im_store **out, im_error *err);
/* Closes; a transaction still open is rolled back. NULL is fine. */
void im_store_close(im_store *s);
const char *im_store_path(const im_store *s);

/* Every write is one transaction: begin takes the write lock (waiting for
 * other writers), commit updates the layer's extent and makes it durable,
 * rollback drops everything since begin. */
im_status im_store_begin(im_store *s, im_error *err);
im_status im_store_commit(im_store *s, im_error *err);
void im_store_rollback(im_store *s);

/* Writes inc under its id: inserts it, or replaces the incident of the
 * same id (a deleted one stays deleted). The analyst's corrections of
 * that id are applied on top first (to a copy: inc is left as it is), so
 * that a correction is never overwritten. Its reports are recorded in
 * incimap_sources. Inside a transaction. */
im_status im_store_put(im_store *s, const im_incident *inc, im_error *err);
/* Several incidents written at once, each as im_store_put writes one: into
 * a PostgreSQL table by one COPY (pg.c), into a GeoPackage one by one.
 * Inside a transaction; nothing else uses the store until end, which
 * frees m (abort frees it too, the rows not written: roll back). */
typedef struct im_store_many im_store_many;
im_status im_store_many_begin(im_store *s, im_store_many **out, im_error *err);
im_status im_store_many_put(im_store_many *m, const im_incident *inc, im_error *err);
im_status im_store_many_end(im_store_many *m, im_error *err);
void im_store_many_abort(im_store_many *m);
/* Removes the incident of that id (merged into another one). */
im_status im_store_drop(im_store *s, const char *id, im_error *err);
/* 1 when the store already holds this report (same id, else url, else file). */
int im_store_has_source(im_store *s, const im_source *src);
/* Appends to l the incidents (deleted ones too) dated from..to, and
 * those with no date: the candidates for merging with new ones. */
im_status im_store_load_window(im_store *s, im_date from, im_date to, im_incident_list *l,
			       im_error *err);
/* Number of incidents (not deleted). */
im_status im_store_count(im_store *s, long long *n, im_error *err);

/* ---- corrections (incimap edit) ------------------------------------------ */

/* What one `edit` changes; unset fields are left alone. */
typedef struct im_store_edit {
	int set_point;
	double lat, lon;
	const char *place;      /* NULL: unchanged */
	const char *admin1, *country, *gazetteer_id; /* with place: where it lies */
	int set_date;
	im_date date;           /* y == 0: null */
	const char *type;       /* event_type or sub_event_type */
	const char *sub_type;   /* sub_event_type, when type is one */
	int set_fatalities, fatalities; /* IM_NULL_INT: null */
	int set_injuries, injuries;
	const char *const *actors;
	size_t n_actors;
	int set_actors;
	int delete_it;
	const char *note;       /* why; may come alone */
	const char *user;       /* who (from the environment) */
} im_store_edit;

/* Records the edit of incident id, with the time and the user, and applies
 * it, in one transaction. IM_E_NOTFOUND when there is no such incident. */
im_status im_store_edit_apply(im_store *s, const char *id, const im_store_edit *e,
			      im_error *err);
/* Takes back the last edit of id still in force (IM_E_NOTFOUND when there
 * is none). */
im_status im_store_edit_undo(im_store *s, const char *id, im_error *err);
/* Prints the corrections of id, oldest first: time, user, field, old ->
 * new, note; undone ones marked. */
im_status im_store_history(im_store *s, const char *id, FILE *fp, im_error *err);

/* ---- reading, for the io stage's reader ------------------------------------ */

struct im_filter;
typedef struct im_store_cursor im_store_cursor;
/* Walks the incidents in the order they were stored. With a filter (may be
 * NULL), only rows that may pass it are read, through the store's indexes
 * (the R-tree for the box, the date index for --since/--until): a superset
 * of what im_filter_match keeps, which the caller still applies. */
im_status im_store_cursor_open(im_store *s, const struct im_filter *f, im_store_cursor **out,
			       im_error *err);
/* At the end: how many stored incidents the filter's query left unread. */
size_t im_store_cursor_left_out(const im_store_cursor *c);
/* IM_OK with *done = 0 and inc filled (cleared first), *done = 1 at the end. */
im_status im_store_cursor_next(im_store_cursor *c, im_incident *inc, int *done, im_error *err);
void im_store_cursor_free(im_store_cursor *c);

/* 1 when the file starts with SQLite's header (so is meant as a store). */
int im_store_sniff(const char *path);

/* The point of a GeoPackage geometry blob (a Point, 2D or with Z or M;
 * any envelope skipped): 1 with *x, *y (*empty for an empty point), 0 when
 * the blob is no geometry blob or not a Point. Reads at most n bytes. */
int im_gpkg_blob_point(const unsigned char *p, size_t n, double *x, double *y, int *empty);

#endif
