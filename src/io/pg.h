/* pg.h: writing incidents into PostgreSQL/PostGIS (pg.c), for the io
 * stage's writer. The target is a libpq URI with a table parameter,
 * "postgresql://USER@HOST/DB?table=T", or GDAL's "PG:dbname=DB table=T";
 * the password comes from libpq's environment (PGPASSWORD) or ~/.pgpass. */
#ifndef IM_PG_H
#define IM_PG_H

#include "../core/im.h"
#include "../model/incident.h"

/* 1 when s names a PostgreSQL target (postgresql://, postgres://, PG:). */
int im_pg_is_target(const char *s);

typedef struct im_pg_writer im_pg_writer;
/* Connects, opens a transaction, makes the table (and its GiST and date
 * indexes, and QGIS's layer_styles with the style) when missing, and
 * starts a COPY into a staging table. */
im_status im_pg_writer_open(const char *target, im_pg_writer **out, im_error *err);
im_status im_pg_writer_add(im_pg_writer *w, const im_incident *inc, im_error *err);
/* Ends the COPY, moves the rows into the table (replacing those of the
 * same id) and commits; consumes w. */
im_status im_pg_writer_close(im_pg_writer *w, im_error *err);
/* Rolls back and disconnects (consumes w; NULL is fine). */
void im_pg_writer_abort(im_pg_writer *w);

#endif
