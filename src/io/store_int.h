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

struct im_store {
	sqlite3 *db;
	char *path;
	int in_tx;
	int has_corrections;  /* any correction in force (else put skips the look-up) */
	double box[4];        /* minx, maxx, miny, maxy of what this transaction wrote */
	sqlite3_stmt *stmt[IM_STORE_N_STMT];
};

#define IM_GPKG_POINT_BLOB 29
/* The GeoPackage blob of a point in EPSG:4326. */
void im_gpkg_point_blob(double lon, double lat, unsigned char out[IM_GPKG_POINT_BLOB]);
/* The box (minx, maxx, miny, maxy) of a GeoPackage geometry blob, from its
 * envelope, or of a point without one; *empty for an empty geometry.
 * 0 when the blob is not one (or is neither a point nor enveloped). */
int im_gpkg_blob_box(const unsigned char *p, size_t n, double box[4], int *empty);

/* "what: sqlite's message", with the status that fits its code. */
im_status im_store_sql_error(im_store *s, im_error *err, const char *what);
im_status im_store_exec(im_store *s, const char *sql, im_error *err);
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

#endif
