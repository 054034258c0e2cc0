/* pg.c: the incident table in PostgreSQL/PostGIS, for a team: the same
 * typed columns as the GeoPackage, geometry(Point,4326) with a GiST index,
 * the QGIS style in layer_styles; written with COPY into a staging table
 * and merged by id in one transaction. */
#include "io_int.h"
#include "pg.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TABLE "incidents"
#define COPY_CHUNK (1 << 20)

struct im_pg_writer {
	PGconn *conn;
	char *where;      /* the target as given, for messages (no password) */
	char table[128];  /* quoted identifier */
	char bare[64];    /* the table's name unquoted (for layer_styles) */
	im_buf row;
	size_t n;
};

int im_pg_is_target(const char *s)
{
	return s && (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0 ||
		     strncmp(s, "PG:", 3) == 0);
}

/* A table name is a plain identifier: letters, digits, '_', not a digit first. */
static int good_name(const char *s, size_t n)
{
	if (n == 0 || n >= 64 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

/* Splits the target into libpq's connection string (caller frees) and the
 * table name: "postgresql://...?table=T&..." (the table parameter taken
 * out) or GDAL's "PG:dbname=... table=T". */
static im_status split_target(const char *target, char **conninfo, char *table, im_error *err)
{
	const char *uri = strncmp(target, "PG:", 3) == 0 ? target + 3 : target;
	im_buf b = IM_BUF_INIT;
	const char *t = NULL;
	size_t tn = 0;
	int is_uri = uri == target;
	const char *q = is_uri ? strchr(uri, '?') : NULL;
	im_status st = IM_OK;
	if (is_uri) {
		st = im_buf_append(&b, uri, q ? (size_t)(q - uri) : strlen(uri));
		char sep = '?';
		for (const char *p = q ? q + 1 : NULL; !st && p && *p;) {
			const char *e = strchr(p, '&');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n > 6 && strncmp(p, "table=", 6) == 0) {
				t = p + 6;
				tn = n - 6;
			} else if (n) {
				st = im_buf_putc(&b, sep);
				st = st ? st : im_buf_append(&b, p, n);
				sep = '&';
			}
			p = e ? e + 1 : NULL;
		}
	} else { /* key=value words */
		for (const char *p = uri; !st && *p;) {
			while (*p == ' ')
				p++;
			const char *e = strchr(p, ' ');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n > 6 && strncmp(p, "table=", 6) == 0) {
				t = p + 6;
				tn = n - 6;
			} else if (n) {
				st = b.len ? im_buf_putc(&b, ' ') : IM_OK;
				st = st ? st : im_buf_append(&b, p, n);
			}
			p = e ? e : p + n;
		}
	}
	if (st) {
		im_buf_free(&b);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (!t) {
		t = DEFAULT_TABLE;
		tn = strlen(t);
	}
	if (!good_name(t, tn)) {
		im_buf_free(&b);
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
				    "PostgreSQL: the table must be a plain name (letters, digits, '_'), "
				    "not '%.*s'",
				    (int)(tn > 64 ? 64 : tn), t);
	}
	memcpy(table, t, tn);
	table[tn] = '\0';
	*conninfo = im_buf_take(&b);
	return *conninfo ? IM_OK : im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
}

/* The first line of libpq's message. */
static im_status pg_error(im_pg_writer *w, im_error *err, const char *what)
{
	const char *m = PQerrorMessage(w->conn);
	size_t n = strcspn(m, "\n");
	return im_error_set(err, IM_E_IO, w->where, 0, 0, "%s: %.*s", what, (int)n, m);
}

static im_status exec(im_pg_writer *w, const char *sql, im_error *err)
{
	PGresult *r = PQexec(w->conn, sql);
	ExecStatusType s = PQresultStatus(r);
	PQclear(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		return pg_error(w, err, "PostgreSQL refused the write");
	return IM_OK;
}

#define PG_COLS                                                                            \
	"geom, id, event_date, time_precision, date_text, event_type, sub_event_type, "   \
	"place, place_text, admin1, country, geo_precision, gazetteer_id, fatalities, "   \
	"injuries, actors, sources, notes, confidence"

#define PG_COLDEFS                                                                         \
	"id text NOT NULL UNIQUE, event_date date, time_precision integer, date_text "    \
	"text, event_type text, sub_event_type text, place text, place_text text, admin1 " \
	"text, country text, geo_precision integer, gazetteer_id text, fatalities integer, " \
	"injuries integer, actors jsonb, sources jsonb, notes text, confidence double "    \
	"precision"

static im_status make_schema(im_pg_writer *w, im_error *err)
{
	im_buf b = IM_BUF_INIT;
	im_status st = im_buf_printf(
		&b,
		"SET client_min_messages = warning;"
		"CREATE TABLE IF NOT EXISTS %s (fid bigserial PRIMARY KEY, geom "
		"geometry(Point, 4326), " PG_COLDEFS ");"
		"CREATE INDEX IF NOT EXISTS %s_geom_idx ON %s USING gist (geom);"
		"CREATE INDEX IF NOT EXISTS %s_event_date_idx ON %s (event_date);"
		"CREATE TABLE IF NOT EXISTS layer_styles (id serial PRIMARY KEY, f_table_catalog "
		"varchar, f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, "
		"stylename text, styleqml xml, stylesld xml, useasdefault boolean, description "
		"text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp "
		"DEFAULT CURRENT_TIMESTAMP, type varchar);"
		"CREATE TEMP TABLE incimap_stage (geom geometry(Point, 4326), " PG_COLDEFS
		") ON COMMIT DROP;",
		w->table, w->bare, w->table, w->bare, w->table);
	if (st) {
		im_buf_free(&b);
		return im_error_set(err, IM_E_NOMEM, w->where, 0, 0, "out of memory");
	}
	st = exec(w, b.p, err);
	im_buf_free(&b);
	return st;
}

/* The QGIS style, once per table, as QGIS's own "save as default" would. */
static im_status put_style(im_pg_writer *w, im_error *err)
{
	im_buf qml = IM_BUF_INIT;
	if (im_qml_text(&qml)) {
		im_buf_free(&qml);
		return im_error_set(err, IM_E_NOMEM, w->where, 0, 0, "out of memory");
	}
	const char *params[2] = {w->bare, qml.p};
	PGresult *r = PQexecParams(
		w->conn,
		"INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
		"f_geometry_column, stylename, styleqml, stylesld, useasdefault, description, "
		"type) SELECT current_database(), current_schema(), $1::varchar, 'geom', 'incimap', "
		"XMLPARSE(DOCUMENT $2), XMLPARSE(DOCUMENT '<StyledLayerDescriptor/>'), true, "
		"'incimap incident symbology', 'Point' WHERE NOT EXISTS (SELECT 1 FROM "
		"layer_styles WHERE f_table_name = $1::varchar AND f_table_schema = current_schema())",
		2, NULL, params, NULL, NULL, 0);
	ExecStatusType s = PQresultStatus(r);
	PQclear(r);
	im_buf_free(&qml);
	return s == PGRES_COMMAND_OK ? IM_OK : pg_error(w, err, "cannot write the style");
}

static void writer_free(im_pg_writer *w)
{
	if (!w)
		return;
	PQfinish(w->conn); /* an open transaction is rolled back */
	im_buf_free(&w->row);
	free(w->where);
	free(w);
}

im_status im_pg_writer_open(const char *target, im_pg_writer **out, im_error *err)
{
	*out = NULL;
	im_pg_writer *w = calloc(1, sizeof *w);
	char *conninfo = NULL;
	if (!w || !(w->where = im_strdup(target))) {
		free(w);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	/* no password in messages: keep only what precedes "://user:" */
	char *at = strchr(w->where, '@'), *colon = strstr(w->where, "://");
	if (at && colon && memchr(colon + 3, ':', (size_t)(at - colon - 3)))
		memmove(strchr(colon + 3, ':'), at, strlen(at) + 1);
	im_status st = split_target(target, &conninfo, w->bare, err);
	if (!st) {
		snprintf(w->table, sizeof w->table, "\"%s\"", w->bare);
		w->conn = PQconnectdb(conninfo);
		if (!w->conn)
			st = im_error_set(err, IM_E_NOMEM, w->where, 0, 0, "out of memory");
		else if (PQstatus(w->conn) != CONNECTION_OK)
			st = pg_error(w, err, "cannot connect");
	}
	free(conninfo);
	st = st ? st : exec(w, "BEGIN", err);
	st = st ? st : make_schema(w, err);
	st = st ? st : put_style(w, err);
	if (!st) {
		PGresult *r = PQexec(w->conn, "COPY incimap_stage (" PG_COLS ") FROM STDIN");
		if (PQresultStatus(r) != PGRES_COPY_IN)
			st = pg_error(w, err, "cannot start COPY");
		PQclear(r);
	}
	if (st) {
		writer_free(w);
		return st;
	}
	*out = w;
	return IM_OK;
}

/* One COPY text field: backslash, tab, newline, CR escaped; NULL is \N. */
static im_status field(im_buf *b, const char *s, int last)
{
	im_status st = IM_OK;
	if (!s) {
		st = im_buf_puts(b, "\\N");
	} else {
		for (; !st && *s; s++) {
			switch (*s) {
			case '\\': st = im_buf_puts(b, "\\\\"); break;
			case '\t': st = im_buf_puts(b, "\\t"); break;
			case '\n': st = im_buf_puts(b, "\\n"); break;
			case '\r': st = im_buf_puts(b, "\\r"); break;
			default: st = im_io_putc(b, *s);
			}
		}
	}
	return st ? st : im_io_putc(b, last ? '\n' : '\t');
}

static im_status int_field(im_buf *b, int v, int is_null)
{
	if (is_null)
		return im_buf_puts(b, "\\N\t");
	im_status st = im_io_int(b, v);
	return st ? st : im_io_putc(b, '\t');
}

/* The point as hex EWKB (SRID 4326), which PostGIS reads without parsing text. */
static im_status ewkb(im_buf *b, double lon, double lat)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char raw[16];
	memcpy(raw, &lon, 8);
	memcpy(raw + 8, &lat, 8);
	im_status st = im_buf_puts(b, "0101000020E6100000");
	for (int i = 0; !st && i < 16; i++) {
		st = im_io_putc(b, hex[raw[i] >> 4]);
		st = st ? st : im_io_putc(b, hex[raw[i] & 15]);
	}
	return st ? st : im_io_putc(b, '\t');
}

static im_status copy_row(im_buf *b, const im_incident *inc)
{
	im_status st = inc->has_point ? ewkb(b, inc->lon, inc->lat) : im_buf_puts(b, "\\N\t");
	char date[11];
	if (inc->event_date.y)
		im_date_format(inc->event_date, date);
	st = st ? st : field(b, inc->id, 0);
	st = st ? st : field(b, inc->event_date.y ? date : NULL, 0);
	st = st ? st : int_field(b, inc->time_precision, 0);
	st = st ? st : field(b, inc->date_text, 0);
	st = st ? st : field(b, inc->event_type, 0);
	st = st ? st : field(b, inc->sub_event_type, 0);
	st = st ? st : field(b, inc->place, 0);
	st = st ? st : field(b, inc->place_text, 0);
	st = st ? st : field(b, inc->admin1, 0);
	st = st ? st : field(b, inc->country, 0);
	st = st ? st : int_field(b, inc->geo_precision, 0);
	st = st ? st : field(b, inc->gazetteer_id, 0);
	st = st ? st : int_field(b, inc->fatalities, inc->fatalities == IM_NULL_INT);
	st = st ? st : int_field(b, inc->injuries, inc->injuries == IM_NULL_INT);
	im_buf j = IM_BUF_INIT;
	st = st ? st : im_buf_putc(&j, '[');
	for (size_t i = 0; !st && i < inc->n_actors; i++) {
		st = i ? im_buf_putc(&j, ',') : IM_OK;
		st = st ? st : im_io_json_str(&j, inc->actors[i]);
	}
	st = st ? st : im_buf_putc(&j, ']');
	st = st ? st : field(b, j.p, 0);
	im_buf_reset(&j);
	st = st ? st : im_io_sources_to_json(&j, inc);
	st = st ? st : field(b, j.p, 0);
	im_buf_free(&j);
	st = st ? st : field(b, inc->notes, 0);
	st = st ? st : im_io_num(b, inc->confidence, 1);
	return st ? st : im_io_putc(b, '\n');
}

static im_status flush_rows(im_pg_writer *w, im_error *err)
{
	if (w->row.len && PQputCopyData(w->conn, w->row.p, (int)w->row.len) != 1)
		return pg_error(w, err, "COPY failed");
	im_buf_reset(&w->row);
	return IM_OK;
}

im_status im_pg_writer_add(im_pg_writer *w, const im_incident *inc, im_error *err)
{
	im_status st = im_io_check(inc, w->where, w->n + 1, err);
	if (st)
		return st;
	if (copy_row(&w->row, inc))
		return im_error_set(err, IM_E_NOMEM, w->where, 0, 0, "out of memory");
	w->n++;
	return w->row.len >= COPY_CHUNK ? flush_rows(w, err) : IM_OK;
}

/* From the staging table into the table: new ids inserted, known ones
 * replaced (the same rule as the GeoPackage's convert). */
static im_status merge_stage(im_pg_writer *w, im_error *err)
{
	im_buf b = IM_BUF_INIT;
	im_status st = im_buf_printf(
		&b,
		"INSERT INTO %s (" PG_COLS ") SELECT DISTINCT ON (id) " PG_COLS
		" FROM incimap_stage ORDER BY id ON CONFLICT (id) DO UPDATE SET geom = "
		"EXCLUDED.geom, event_date = EXCLUDED.event_date, time_precision = "
		"EXCLUDED.time_precision, date_text = EXCLUDED.date_text, event_type = "
		"EXCLUDED.event_type, sub_event_type = EXCLUDED.sub_event_type, place = "
		"EXCLUDED.place, place_text = EXCLUDED.place_text, admin1 = EXCLUDED.admin1, "
		"country = EXCLUDED.country, geo_precision = EXCLUDED.geo_precision, gazetteer_id "
		"= EXCLUDED.gazetteer_id, fatalities = EXCLUDED.fatalities, injuries = "
		"EXCLUDED.injuries, actors = EXCLUDED.actors, sources = EXCLUDED.sources, notes = "
		"EXCLUDED.notes, confidence = EXCLUDED.confidence",
		w->table);
	if (st) {
		im_buf_free(&b);
		return im_error_set(err, IM_E_NOMEM, w->where, 0, 0, "out of memory");
	}
	st = exec(w, b.p, err);
	im_buf_free(&b);
	return st;
}

im_status im_pg_writer_close(im_pg_writer *w, im_error *err)
{
	im_status st = flush_rows(w, err);
	if (!st && PQputCopyEnd(w->conn, NULL) != 1)
		st = pg_error(w, err, "COPY failed");
	for (PGresult *r; !st && (r = PQgetResult(w->conn));) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			st = pg_error(w, err, "COPY failed");
		PQclear(r);
	}
	st = st ? st : merge_stage(w, err);
	st = st ? st : exec(w, "COMMIT", err);
	writer_free(w);
	return st;
}

void im_pg_writer_abort(im_pg_writer *w)
{
	writer_free(w);
}
