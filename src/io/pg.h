/* pg.h: writing incidents into PostgreSQL/PostGIS (pg.c), for the io
 * stage's writer. The target is a libpq URI with a table parameter,
 * "postgresql://USER@HOST/DB?table=T", or GDAL's "PG:dbname=DB table=T";
 * the password comes from libpq's environment (PGPASSWORD) or ~/.pgpass. */
#ifndef IM_PG_H
#define IM_PG_H

#include "../core/buf.h"
#include "../core/im.h"
#include "../model/incident.h"

/* 1 when s names a PostgreSQL target (postgresql://, postgres://, PG:). */
int im_pg_is_target(const char *s);

/* The longest table name (its companions add up to 12 letters to it,
 * within PostgreSQL's 63). */
#define IM_PG_TABLE_MAX 48
/* The staging tables of a load into a new table start with this, then
 * the connection's server process id (docs/store.md). */
#define IM_PG_LOAD_PREFIX "incimap_load_"
/* Splits a target into libpq's connection string (appended to conninfo,
 * the table parameter taken out) and the table (into table, of
 * IM_PG_TABLE_MAX + 1 bytes; "incidents" when not given). IM_E_USAGE for
 * a table that is not a plain name. */
im_status im_pg_split_target(const char *target, im_buf *conninfo, char *table, im_error *err);
/* Removes the password from a target shown in messages, in place. */
void im_pg_hide_password(char *where);
/* Fills inc (cleared first) from the 19 text cells of a row as incimap
 * reads a table (NULL for SQL's null): geom as PostGIS's hex EWKB, id,
 * event_date, then the other columns of IM_STORE_COLS in its order, the
 * numbers as text, actors and sources as JSON. A value the store should not
 * hold is IM_E_PARSE naming path and the incident. */
im_status im_pg_row_decode(const char *path, const char *const *cells, im_incident *inc,
			   im_error *err);

typedef struct im_pg_writer im_pg_writer;
/* Connects, opens a transaction, makes the table (and its GiST and date
 * indexes, and QGIS's layer_styles with the style) when missing, and
 * starts a binary COPY into a staging table (or, into an empty table,
 * into it). A table whose columns have other types than incimap's is
 * IM_E_PARSE. */
im_status im_pg_writer_open(const char *target, im_pg_writer **out, im_error *err);
im_status im_pg_writer_add(im_pg_writer *w, const im_incident *inc, im_error *err);
struct im_store;
/* The same, into the PostgreSQL store s, in the transaction its caller
 * began (extract's append): ended by im_pg_writer_finish, which moves the
 * rows in and leaves the transaction open. */
im_status im_pg_writer_on(struct im_store *s, im_pg_writer **out, im_error *err);
im_status im_pg_writer_finish(im_pg_writer *w, im_error *err);
/* Ends the COPY, moves the rows into the table (replacing those of the
 * same id) and commits; consumes w. */
im_status im_pg_writer_close(im_pg_writer *w, im_error *err);
/* Rolls back and disconnects (consumes w; NULL is fine); of a writer on a
 * store, frees it only (its caller rolls back). */
void im_pg_writer_abort(im_pg_writer *w);

#endif
