/* pgcopy.h: PostgreSQL's binary COPY format, written into a buffer for
 * PQputCopyData (pg.c): the header, then per row its field count and
 * each field as a 32-bit length (-1 for SQL's null) and the bytes of the
 * column type's binary form, integers in network order; the trailer. The
 * server then reads each value as it stands, without parsing text. */
#ifndef IM_PGCOPY_H
#define IM_PGCOPY_H

#include "../core/buf.h"
#include "../core/im.h"

/* "PGCOPY\n\377\r\n\0", no flags, no header extension. */
im_status im_pgcopy_header(im_buf *b);
/* The end of the data: a field count of -1. */
im_status im_pgcopy_trailer(im_buf *b);
/* A row of n fields starts. */
im_status im_pgcopy_row(im_buf *b, int n);
im_status im_pgcopy_null(im_buf *b);
/* text (any text type): the bytes of s, UTF-8; NULL s is null. */
im_status im_pgcopy_text(im_buf *b, const char *s);
/* integer (int4): null when is_null. */
im_status im_pgcopy_int4(im_buf *b, int v, int is_null);
/* bigint (int8). */
im_status im_pgcopy_int8(im_buf *b, long long v);
/* double precision (float8): the IEEE 754 bits in network order. */
im_status im_pgcopy_float8(im_buf *b, double v);
/* date: days since 2000-01-01 (int4); null when d.y is 0. */
im_status im_pgcopy_date(im_buf *b, im_date d);
/* geometry(Point, 4326): the point as EWKB (little-endian, with its SRID),
 * as PostGIS's geometry_recv reads it. */
im_status im_pgcopy_point(im_buf *b, double lon, double lat);
/* A JSON text into a jsonb column (when jsonb is set: a version byte 1,
 * then the text) or a json or text one (the text); NULL s is null. */
im_status im_pgcopy_json(im_buf *b, const char *s, int jsonb);

#endif
