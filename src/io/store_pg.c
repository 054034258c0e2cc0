/* store_pg.c: a PostgreSQL/PostGIS table as the incident store, for a team:
 * the GeoPackage's typed columns with geometry(Point,4326) and a GiST
 * index, and beside the table T its own T_sources, T_corrections and
 * T_deleted (the GeoPackage's incimap_* tables), the QGIS style in
 * layer_styles. Where the SQL is the same as the GeoPackage's, store.c and
 * store_edit.c run it through im_store_query; here is what differs:
 * connecting, the schema, transactions, writing a row, decoding one, and
 * the filters as SQL. */
#include "store_int.h"
#include "pg.h"
#include "../core/utf8.h"
#include "../model/filter.h"

#include <libpq-fe.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TABLE "incidents"
/* "T_corrections" must fit PostgreSQL's 63 bytes */
#define NAME_MAX_LEN IM_PG_TABLE_MAX
/* the filters' values at most (dates, 64 types, 64 countries, province,
 * deaths, box) */
#define MAX_PARAMS 160
#define MAX_COLS 24

struct im_pgs {
	PGconn *conn;
	char name[NAME_MAX_LEN + 1]; /* the table, unquoted */
};

int im_pg_is_target(const char *s)
{
	return s && (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0 ||
		     strncmp(s, "PG:", 3) == 0);
}

/* A table name is a plain identifier: letters, digits, '_', not a digit first. */
static int good_name(const char *s, size_t n)
{
	if (n == 0 || n > NAME_MAX_LEN || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

/* Takes "table=T" out of one parameter of the target; 1 when it was that. */
static int take_table(const char *p, size_t n, const char **t, size_t *tn)
{
	if (n <= 6 || strncmp(p, "table=", 6) != 0)
		return 0;
	*t = p + 6;
	*tn = n - 6;
	return 1;
}

/* Splits the target into libpq's connection string and the table name:
 * "postgresql://...?table=T&..." (the table parameter taken out) or GDAL's
 * "PG:dbname=... table=T". */
im_status im_pg_split_target(const char *target, im_buf *conninfo, char *table, im_error *err)
{
	int is_uri = strncmp(target, "PG:", 3) != 0;
	const char *uri = is_uri ? target : target + 3;
	const char *t = NULL, *q = is_uri ? strchr(uri, '?') : NULL;
	size_t tn = 0;
	im_status st = IM_OK;
	if (is_uri) {
		st = im_buf_append(conninfo, uri, q ? (size_t)(q - uri) : strlen(uri));
		char sep = '?';
		for (const char *p = q ? q + 1 : NULL; !st && p && *p;) {
			const char *e = strchr(p, '&');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (!take_table(p, n, &t, &tn) && n) {
				st = im_buf_putc(conninfo, sep);
				st = st ? st : im_buf_append(conninfo, p, n);
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
			if (!take_table(p, n, &t, &tn) && n) {
				st = conninfo->len ? im_buf_putc(conninfo, ' ') : IM_OK;
				st = st ? st : im_buf_append(conninfo, p, n);
			}
			p = e ? e : p + n;
		}
	}
	if (st)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!t) {
		t = DEFAULT_TABLE;
		tn = strlen(t);
	}
	if (!good_name(t, tn))
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
				    "PostgreSQL: the table must be a plain name (letters, digits, '_'; "
				    "up to %d), not '%.*s'",
				    NAME_MAX_LEN, (int)(tn > 64 ? 64 : tn), t);
	memcpy(table, t, tn);
	table[tn] = '\0';
	return IM_OK;
}

/* The first line of libpq's message. */
static im_status pg_error(im_store *s, im_error *err, const char *what)
{
	const char *m = PQerrorMessage(s->pg->conn);
	size_t n = strcspn(m, "\n");
	return im_error_set(err, IM_E_IO, s->path, 0, 0, "%s: %.*s", what, (int)n, m);
}

static int result_ok(PGresult *r)
{
	ExecStatusType t = PQresultStatus(r);
	return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

/* tmpl, in this store's SQL (im_store_sql), run without parameters. */
static im_status exec(im_store *s, const char *tmpl, im_error *err, const char *what)
{
	im_buf sql = IM_BUF_INIT;
	if (im_store_sql(s, tmpl, &sql)) {
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	PGresult *r = PQexec(s->pg->conn, sql.p);
	im_buf_free(&sql);
	im_status st = result_ok(r) ? IM_OK : pg_error(s, err, what);
	PQclear(r);
	return st;
}

const char *im_pgs_table(const im_store *s)
{
	return s->pg->name;
}

/* ---- connecting --------------------------------------------------------------------- */

/* The target as shown in messages: no password ("://user:secret@" loses
 * ":secret", "password=secret" its value). */
void im_pg_hide_password(char *where)
{
	char *at = strchr(where, '@'), *scheme = strstr(where, "://");
	char *colon = scheme && at && at > scheme ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3))
						 : NULL;
	if (colon)
		memmove(colon, at, strlen(at) + 1);
	for (char *p = strstr(where, "password="); p; p = strstr(p + 9, "password=")) {
		size_t n = strcspn(p + 9, " &");
		memmove(p + 9, p + 9 + n, strlen(p + 9 + n) + 1);
	}
}

/* The staging tables of a load into a new table: "incimap_load_PID_HEX"
 * (PID: its connection's server process) and "..._src", never part of the
 * store; their keys and indexes "..._fid", "_id", "_geom", "_date",
 * "_src_pkey", "_src_text". Those of a session that is gone (a killed
 * run) are dropped by the next incimap to connect to the database. */
static const char drop_stale_sql[] =
	"DO $$DECLARE r record; BEGIN FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN "
	"pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relname ~ "
	"'^" IM_PG_LOAD_PREFIX "[0-9]+_[0-9a-f]+(_src)?$' AND NOT EXISTS (SELECT 1 FROM "
	"pg_stat_activity a WHERE a.pid = substring(c.relname FROM '^" IM_PG_LOAD_PREFIX
	"([0-9]+)_')::int) LOOP BEGIN EXECUTE format('DROP TABLE IF EXISTS %I.%I', r.nspname, "
	"r.relname); EXCEPTION WHEN OTHERS THEN NULL; END; END LOOP; END$$";

static im_status table_exists(im_store *s, int *yes, im_error *err)
{
	char quoted[NAME_MAX_LEN + 3];
	snprintf(quoted, sizeof quoted, "\"%s\"", s->pg->name);
	const char *p[1] = {quoted};
	PGresult *r = PQexecParams(s->pg->conn, "SELECT to_regclass($1) IS NOT NULL", 1, NULL, p,
				   NULL, NULL, 0);
	im_status st = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
			       ? IM_OK
			       : pg_error(s, err, "cannot read");
	*yes = !st && PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	return st;
}

im_status im_pg_connect(const char *target, const char *where, char *table, const char *setup,
			struct pg_conn **out, im_error *err)
{
	*out = NULL;
	char ignored[IM_PG_TABLE_MAX + 1];
	im_buf ci = IM_BUF_INIT;
	im_status st = im_pg_split_target(target, &ci, table ? table : ignored, err);
	if (!st && !ci.p && im_buf_puts(&ci, ""))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	PGconn *c = st ? NULL : PQconnectdb(ci.p);
	im_buf_free(&ci);
	if (!st && !c)
		st = im_error_set(err, IM_E_NOMEM, where, 0, 0, "out of memory");
	/* every double back as written (PostgreSQL 11 and older round them) */
	PGresult *r = st || PQstatus(c) != CONNECTION_OK
			      ? NULL
			      : PQexec(c, "SET client_min_messages = warning; SET extra_float_digits = 3");
	int ok = result_ok(r);
	PQclear(r);
	if (ok && setup) {
		r = PQexec(c, setup);
		ok = result_ok(r);
		PQclear(r);
	}
	if (!st && !ok) {
		const char *m = PQerrorMessage(c);
		st = im_error_set(err, IM_E_IO, where, 0, 0, "cannot connect: %.*s",
				  (int)strcspn(m, "\n"), m);
	}
	if (st)
		PQfinish(c);
	else
		*out = c;
	return st;
}

/* A table that is there holds incimap's columns (IM_STORE_COLS): another
 * table of the same name is refused before anything reads or writes it. */
static im_status check_shape(im_store *s, im_error *err)
{
	char quoted[NAME_MAX_LEN + 3];
	snprintf(quoted, sizeof quoted, "\"%s\"", s->pg->name);
	const char *p[2] = {quoted, IM_STORE_COLS};
	PGresult *r = PQexecParams(
		s->pg->conn,
		"SELECT string_agg(w.c, ', ' ORDER BY w.o) FROM unnest(string_to_array($2, ', ')) "
		"WITH ORDINALITY AS w(c, o) WHERE NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE "
		"a.attrelid = to_regclass($1) AND a.attname = w.c AND a.attnum > 0 AND NOT "
		"a.attisdropped)",
		2, NULL, p, NULL, NULL, 0);
	im_status st = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1
			       ? IM_OK
			       : pg_error(s, err, "cannot read");
	if (!st && !PQgetisnull(r, 0, 0))
		st = im_error_set(err, IM_E_PARSE, s->path, 0, 0,
				  "table \"%s\" is not an incimap store: it lacks the column(s) %s",
				  s->pg->name, PQgetvalue(r, 0, 0));
	PQclear(r);
	return st;
}

im_status im_pgs_open(im_store *s, const char *target, int create, im_error *err)
{
	s->pg = calloc(1, sizeof *s->pg);
	if (!s->pg)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_pg_hide_password(s->path);
	im_status st = im_pg_connect(target, s->path, s->pg->name, NULL, &s->pg->conn, err);
	if (!st) /* a killed load's staging tables; a failure here is no one's concern */
		PQclear(PQexec(s->pg->conn, drop_stale_sql));
	int exists = 0;
	st = st ? st : table_exists(s, &exists, err);
	if (!st && !create && !exists)
		st = im_error_set(err, IM_E_IO, s->path, 0, 0, "no table \"%s\" in the database",
				  s->pg->name);
	if (!st && exists)
		st = check_shape(s, err);
	return st;
}

void im_pgs_close(im_store *s)
{
	if (!s->pg)
		return;
	PQfinish(s->pg->conn); /* an open transaction is rolled back */
	free(s->pg);
	s->pg = NULL;
}

/* ---- schema and transactions ------------------------------------------------------------ */

/* The keys (ids, report keys, text hashes) are compared byte by byte (COLLATE
 * "C"), as the GeoPackage's SQLite compares them: their B-trees are then
 * sorted with memcmp, not with the database's language rules (strcoll), which
 * on a server made with a locale such as en_US.UTF-8 cost several times as
 * much in a load's key builds, and order nothing a reader sees. */
#define PG_KEY "text COLLATE \"C\""

/* The columns after id (a staging table's id has no key until its load is
 * indexed). */
#define PG_COLS_AFTER_ID                                                                           \
	"event_date date, time_precision integer, "                                                \
	"date_text text, event_type text, sub_event_type text, place text, place_text "            \
	"text, admin1 text, country text, geo_precision integer, gazetteer_id text, "              \
	"fatalities integer, injuries integer, actors text, sources text, notes text, "            \
	"confidence double precision"
#define PG_COLDEFS "id " PG_KEY " NOT NULL UNIQUE, " PG_COLS_AFTER_ID
/* The reports' columns before text_hash (added to older tables). */
#define PG_SOURCE_COLS                                                                             \
	"incident_id " PG_KEY " NOT NULL, source_key " PG_KEY " NOT NULL, added timestamptz NOT "   \
	"NULL DEFAULT now()"

/* Everything the table needs, made when missing; writers of one table
 * queue on an advisory lock held to the end of their transaction (so two
 * first writes do not both make the table, and two appends merge in turn). */
static const char schema_sql[] =
	"SELECT pg_advisory_xact_lock(hashtext('incimap ' || '@incidents'));"
	"CREATE TABLE IF NOT EXISTS @incidents (fid bigserial PRIMARY KEY, geom "
	"geometry(Point, 4326), " PG_COLDEFS ");"
	"CREATE INDEX IF NOT EXISTS @geom_idx ON @incidents USING gist (geom);"
	"CREATE INDEX IF NOT EXISTS @event_date_idx ON @incidents (event_date);"
	"CREATE TABLE IF NOT EXISTS @deleted (fid bigserial PRIMARY KEY, geom geometry(Point, "
	"4326), " PG_COLDEFS ");"
	"CREATE TABLE IF NOT EXISTS @sources (" PG_SOURCE_COLS ", PRIMARY KEY (source_key, "
	"incident_id));"
	"ALTER TABLE @sources ADD COLUMN IF NOT EXISTS text_hash " PG_KEY ";"
	"CREATE INDEX IF NOT EXISTS @sources_text_idx ON @sources (text_hash) WHERE text_hash IS "
	"NOT NULL;"
	"CREATE TABLE IF NOT EXISTS @corrections (seq bigserial PRIMARY KEY, edit bigint NOT "
	"NULL, incident_id " PG_KEY " NOT NULL, field text NOT NULL, old_value text, "
	"new_value text, at text NOT NULL, \"user\" text, note text, undone integer NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS @corrections_id_idx ON @corrections (incident_id);"
	"CREATE TABLE IF NOT EXISTS layer_styles (id serial PRIMARY KEY, f_table_catalog "
	"varchar, f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, "
	"stylename text, styleqml xml, stylesld xml, useasdefault boolean, description "
	"text, owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp "
	"DEFAULT CURRENT_TIMESTAMP, type varchar);";

/* The QGIS style, once per table, as QGIS's own "save as default" would. */
static im_status put_style(im_store *s, im_error *err)
{
	im_buf qml = IM_BUF_INIT;
	if (im_qml_text(&qml)) {
		im_buf_free(&qml);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	const char *params[2] = {s->pg->name, qml.p};
	im_status st = im_pgs_query(
		s,
		"INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
		"f_geometry_column, stylename, styleqml, stylesld, useasdefault, description, "
		"type) SELECT current_database(), current_schema(), $1::varchar, 'geom', 'incimap', "
		"XMLPARSE(DOCUMENT $2), XMLPARSE(DOCUMENT '<StyledLayerDescriptor/>'), true, "
		"'incimap incident symbology', 'Point' WHERE NOT EXISTS (SELECT 1 FROM "
		"layer_styles WHERE f_table_name = $1::varchar AND f_table_schema = current_schema())",
		2, params, NULL, NULL, err);
	im_buf_free(&qml);
	return st;
}

static im_status has_corrections(void *ctx, int ncols, const char *const *cells)
{
	*(int *)ctx = ncols == 1 && cells[0] && cells[0][0] == 't';
	return IM_OK;
}

/* ---- a new table's load: staging tables, renamed at its end ---------------------------- */

/* tmpl in this store's SQL with '#' the staging table's name. */
im_status im_pgs_stage_sql(const im_store *s, const char *stage, const char *tmpl, im_buf *out)
{
	im_buf t = IM_BUF_INIT;
	im_status st = IM_OK;
	for (const char *p = tmpl; !st && *p; p++)
		st = *p == '#' ? im_buf_puts(&t, stage) : im_buf_putc(&t, *p);
	st = st ? st : im_buf_puts(&t, "");
	st = st ? st : im_store_sql(s, t.p, out);
	im_buf_free(&t);
	return st;
}

static im_status stage_exec(im_store *s, const char *stage, const char *tmpl, im_error *err,
			    const char *what)
{
	im_buf sql = IM_BUF_INIT;
	im_status st = im_pgs_stage_sql(s, stage, tmpl, &sql)
			       ? im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory")
			       : IM_OK;
	if (!st) {
		PGresult *r = PQexec(s->pg->conn, sql.p);
		st = result_ok(r) ? IM_OK : pg_error(s, err, what);
		PQclear(r);
	}
	im_buf_free(&sql);
	return st;
}

/* No autovacuum on the staging tables: no one reads them, and a vacuum of
 * one under way when a build of the load asks for its table waits until
 * the server cancels it (deadlock_timeout, a second), or, taking its locks
 * in another order than the last transaction's renames, fails the load
 * as a deadlock. Their own setting comes back with adopt_sql. */
im_status im_pgs_stage_make(im_store *s, const char *stage, im_error *err)
{
	return stage_exec(s, stage,
			  "CREATE TABLE # (fid bigserial NOT NULL, geom geometry(Point, 4326), "
			  "id " PG_KEY " NOT NULL, " PG_COLS_AFTER_ID
			  ") WITH (autovacuum_enabled = false);"
			  "CREATE TABLE #_src (" PG_SOURCE_COLS ", text_hash " PG_KEY
			  ") WITH (autovacuum_enabled = false)",
			  err, "cannot make the staging table");
}

/* The staging tables become the store: autovacuum as on any table, keys
 * from their unique indexes, everything renamed to the names a table made
 * by schema_sql has. */
static const char adopt_sql[] =
	"ALTER TABLE # RESET (autovacuum_enabled);"
	"ALTER TABLE #_src RESET (autovacuum_enabled);"
	"ALTER TABLE # ADD CONSTRAINT @pkey PRIMARY KEY USING INDEX #_fid;"
	"ALTER TABLE # ADD CONSTRAINT @id_key UNIQUE USING INDEX #_id;"
	"ALTER INDEX #_geom RENAME TO @geom_idx;"
	"ALTER INDEX #_date RENAME TO @event_date_idx;"
	"ALTER SEQUENCE #_fid_seq RENAME TO @fid_seq;"
	"ALTER TABLE # RENAME TO @incidents;"
	"ALTER INDEX #_src_pkey RENAME TO @sources_pkey;"
	"ALTER INDEX #_src_text RENAME TO @sources_text_idx;"
	"ALTER TABLE #_src RENAME TO @sources";

/* BEGIN, the staging tables adopted (stage not NULL), what is missing made. */
static im_status begin_with(im_store *s, const char *stage, im_error *err)
{
	im_status st = exec(s, "BEGIN", err, "cannot write");
	st = st || !stage ? st : stage_exec(s, stage, adopt_sql, err, "cannot make the table");
	st = st ? st : exec(s, schema_sql, err, "cannot make the table");
	st = st ? st : put_style(s, err);
	if (st) {
		im_pgs_rollback(s);
		return st;
	}
	s->in_tx = 1;
	return im_pgs_query(s, "SELECT EXISTS (SELECT 1 FROM @corrections WHERE undone = 0)", 0,
			    NULL, has_corrections, &s->has_corrections, err);
}

im_status im_pgs_begin_adopting(im_store *s, const char *stage, im_error *err)
{
	return begin_with(s, stage, err);
}

im_status im_pgs_begin(im_store *s, im_error *err)
{
	return begin_with(s, NULL, err);
}

im_status im_pgs_commit(im_store *s, im_error *err)
{
	im_status st = exec(s, "COMMIT", err, "cannot write");
	if (st)
		im_pgs_rollback(s);
	s->in_tx = 0;
	return st;
}

void im_pgs_rollback(im_store *s)
{
	PQclear(PQexec(s->pg->conn, "ROLLBACK"));
	s->in_tx = 0;
}

/* ---- queries ------------------------------------------------------------------------------ */

im_status im_pgs_query(im_store *s, const char *tmpl, int n, const char *const *params,
		       im_store_row_fn fn, void *ctx, im_error *err)
{
	im_buf sql = IM_BUF_INIT;
	if (im_store_sql(s, tmpl, &sql)) {
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	PGresult *r = PQexecParams(s->pg->conn, sql.p, n, NULL, params, NULL, NULL, 0);
	im_buf_free(&sql);
	im_status st = result_ok(r) ? IM_OK : pg_error(s, err, "PostgreSQL refused");
	int nc = PQnfields(r);
	const char *cells[MAX_COLS];
	if (nc > MAX_COLS)
		nc = MAX_COLS;
	for (int i = 0; !st && fn && i < PQntuples(r); i++) {
		for (int c = 0; c < nc; c++)
			cells[c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
		st = fn(ctx, nc, cells);
	}
	PQclear(r);
	return st;
}

/* ---- incident <-> row ------------------------------------------------------------------- */

/* The columns, in the order im_pg_row_decode reads them: the point as
 * PostGIS writes a geometry as text, hex EWKB. */
#define PG_SELECT                                                                          \
	"geom, id, event_date::text, time_precision, date_text, "                         \
	"event_type, sub_event_type, place, place_text, admin1, country, geo_precision, "    \
	"gazetteer_id, fatalities, injuries, actors::text, sources::text, notes, confidence"

/* Text parameters built in one buffer (offsets, as it may move). */
typedef struct params {
	im_buf b;
	size_t off[MAX_PARAMS];
	int null[MAX_PARAMS];
	int n;
	im_status st;
} params;

static void param(params *p, const char *s)
{
	if (p->n == MAX_PARAMS) {
		p->st = IM_E_RANGE;
		return;
	}
	p->null[p->n] = !s;
	p->off[p->n++] = p->b.len;
	if (s && !p->st)
		p->st = im_buf_append(&p->b, s, strlen(s) + 1);
}

static void param_int(params *p, int v, int null_value)
{
	char t[24];
	snprintf(t, sizeof t, "%d", v);
	param(p, v == null_value ? NULL : t);
}

static void params_out(const params *p, const char **out)
{
	for (int i = 0; i < p->n; i++)
		out[i] = p->null[i] ? NULL : p->b.p + p->off[i];
}

/* The point as hex EWKB (SRID 4326), which PostGIS reads without parsing text. */
void im_pg_ewkb(char out[IM_PG_EWKB_LEN + 1], double lon, double lat)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char raw[16];
	memcpy(raw, &lon, 8);
	memcpy(raw + 8, &lat, 8);
	memcpy(out, "0101000020E6100000", 18);
	for (int i = 0; i < 16; i++) {
		out[18 + 2 * i] = hex[raw[i] >> 4];
		out[19 + 2 * i] = hex[raw[i] & 15];
	}
	out[IM_PG_EWKB_LEN] = '\0';
}

static void incident_params(params *p, const im_incident *inc, im_buf *tmp)
{
	char ewkb[IM_PG_EWKB_LEN + 1], date[11], conf[32];
	if (inc->has_point)
		im_pg_ewkb(ewkb, inc->lon, inc->lat);
	param(p, inc->has_point ? ewkb : NULL);
	param(p, inc->id);
	if (inc->event_date.y)
		im_date_format(inc->event_date, date);
	param(p, inc->event_date.y ? date : NULL);
	param_int(p, inc->time_precision, INT_MIN);
	param(p, inc->date_text);
	param(p, inc->event_type);
	param(p, inc->sub_event_type);
	param(p, inc->place);
	param(p, inc->place_text);
	param(p, inc->admin1);
	param(p, inc->country);
	param_int(p, inc->geo_precision, INT_MIN);
	param(p, inc->gazetteer_id);
	param_int(p, inc->fatalities, IM_NULL_INT);
	param_int(p, inc->injuries, IM_NULL_INT);
	im_buf_reset(tmp);
	if (!p->st)
		p->st = im_store_actors_json(tmp, inc);
	param(p, tmp->p ? tmp->p : "[]");
	im_buf_reset(tmp);
	if (!p->st)
		p->st = im_io_sources_to_json(tmp, inc);
	param(p, tmp->p ? tmp->p : "[]");
	param(p, inc->notes);
	snprintf(conf, sizeof conf, "%.17g", inc->confidence);
	param(p, conf);
}

im_status im_pgs_write(im_store *s, const im_incident *inc, int deleted, im_error *err)
{
	params p = {IM_BUF_INIT, {0}, {0}, 0, IM_OK};
	im_buf tmp = IM_BUF_INIT;
	incident_params(&p, inc, &tmp);
	im_buf_free(&tmp);
	if (p.st) {
		im_buf_free(&p.b);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	const char *v[MAX_PARAMS];
	params_out(&p, v);
	im_status st = im_pgs_query(
		s,
		deleted ? "INSERT INTO @deleted (" IM_STORE_COLS ") VALUES ($1, $2, $3, $4, $5, $6, "
			  "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) "
			  "ON CONFLICT (id) DO UPDATE SET " IM_PG_UPDATE_SET
			: "INSERT INTO @incidents (" IM_STORE_COLS ") VALUES ($1, $2, $3, $4, $5, $6, "
			  "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) "
			  "ON CONFLICT (id) DO UPDATE SET " IM_PG_UPDATE_SET,
		p.n, v, NULL, NULL, err);
	im_buf_free(&p.b);
	return st;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
				      : -1;
}

static uint64_t get_uint(const unsigned char *p, int n, int little)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[little ? i : n - 1 - i] << (8 * i);
	return v;
}

/* A point in hex EWKB (either byte order, with or without its SRID, Z
 * and M ignored): 1 and the point, or *empty for POINT EMPTY; 0 when the
 * text is not that. */
static int ewkb_point(const char *hex, double *x, double *y, int *empty)
{
	unsigned char b[5 + 4 + 4 * 8];
	size_t n = strlen(hex) / 2;
	if (strlen(hex) % 2 || n < 21 || n > sizeof b)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		b[i] = (unsigned char)(hi << 4 | lo);
	}
	int little = b[0];
	uint32_t type = (uint32_t)get_uint(b + 1, 4, little);
	size_t at = 5 + (type & 0x20000000 ? 4 : 0);
	size_t dims = 2 + !!(type & 0x80000000) + !!(type & 0x40000000);
	if (b[0] > 1 || (type & 0x0FFFFFFF) != 1 || n != at + 8 * dims)
		return 0;
	uint64_t u = get_uint(b + at, 8, little), v = get_uint(b + at + 8, 8, little);
	memcpy(x, &u, 8);
	memcpy(y, &v, 8);
	*empty = isnan(*x) && isnan(*y);
	return 1;
}

im_status im_pg_row_decode(const char *path, const char *const *c, im_incident *inc,
			   im_error *err)
{
	im_incident_clear(inc);
	if (!c[1])
		return im_error_set(err, IM_E_PARSE, path, 0, 0, "an incident without an id");
	if (im_set_str(&inc->id, c[1]))
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	int empty = 1;
	if (c[0] && !ewkb_point(c[0], &inc->lon, &inc->lat, &empty))
		return im_error_set(err, IM_E_PARSE, path, 0, 0, "incident %s: geom is not a point",
				    c[1]);
	inc->has_point = !empty;
	for (int i = 1; i < 19; i++) /* a database in SQL_ASCII holds any bytes */
		if (c[i] && !im_utf8_valid(c[i], strlen(c[i]), NULL))
			return im_error_set(err, IM_E_PARSE, path, 0, 0,
					    "incident %s: column %d is not UTF-8 text",
					    i == 1 ? "(its id)" : c[1], i + 1);
	if (c[2] && !im_date_parse_iso(c[2], strlen(c[2]), &inc->event_date))
		return im_error_set(err, IM_E_PARSE, path, 0, 0,
				    "incident %s: event_date is not a date", c[1]);
	long v[4] = {3, 3, IM_NULL_INT, IM_NULL_INT};
	const int col[4] = {3, 11, 13, 14};
	for (int i = 0; i < 4; i++)
		if (c[col[i]] && !im_io_parse_long(c[col[i]], strlen(c[col[i]]), &v[i]))
			return im_error_set(err, IM_E_PARSE, path, 0, 0,
					    "incident %s: a whole-number column holds something else",
					    c[1]);
	inc->time_precision = (int)v[0];
	inc->geo_precision = (int)v[1];
	inc->fatalities = (int)v[2];
	inc->injuries = (int)v[3];
	char **text[8] = {&inc->date_text, &inc->event_type, &inc->sub_event_type, &inc->place,
			  &inc->place_text, &inc->admin1,    &inc->country,        &inc->gazetteer_id};
	const int tcol[8] = {4, 5, 6, 7, 8, 9, 10, 12};
	for (int i = 0; i < 8; i++)
		if (im_set_str(text[i], c[tcol[i]]))
			return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	if (im_set_str(&inc->notes, c[17]))
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	inc->confidence = c[18] ? strtod(c[18], NULL) : 0;
	im_status st = im_store_lists(path, c[15], c[16], c[16] ? strlen(c[16]) : 0, inc, err);
	im_error e;
	if (!st && im_io_check(inc, path, 0, &e))
		st = im_error_set(err, IM_E_PARSE, path, 0, 0, "incident %s: %s", c[1], e.msg);
	return st;
}

typedef struct loader {
	im_store *s;
	im_incident_list *l;
	im_error *err;
} loader;

static im_status load_row(void *ctx, int ncols, const char *const *cells)
{
	loader *ld = ctx;
	if (ncols != 19)
		return im_error_set(ld->err, IM_E_INTERNAL, ld->s->path, 0, 0, "a row of %d columns",
				    ncols);
	im_incident inc;
	im_incident_init(&inc);
	im_status st = im_pg_row_decode(ld->s->path, cells, &inc, ld->err);
	if (!st && im_list_push(ld->l, &inc))
		st = im_error_set(ld->err, IM_E_NOMEM, ld->s->path, 0, 0, "out of memory");
	im_incident_clear(&inc);
	return st;
}

im_status im_pgs_load(im_store *s, const char *rest, int n, const char *const *v,
		      im_incident_list *l, im_error *err)
{
	im_buf sql = IM_BUF_INIT;
	if (im_buf_printf(&sql, "SELECT " PG_SELECT " %s", rest)) {
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	loader ld = {s, l, err};
	im_status st = im_pgs_query(s, sql.p, n, v, load_row, &ld, err);
	im_buf_free(&sql);
	return st;
}

/* ---- the cursor, with the filters as SQL ---------------------------------------------------- */

struct im_pgs_cursor {
	im_store *s;
	int filtered, running, started;
	size_t n_read, left_out;
	char *sql;      /* sent by the first next (a cursor replaced unread costs nothing) */
	params p;
};

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static void param_num(params *p, double v)
{
	char t[32];
	snprintf(t, sizeof t, "%.17g", v);
	param(p, t);
}

/* The WHERE clause for f, keeping at least what im_filter_match keeps:
 * the dates through the index on event_date, the box through the GiST
 * index (both halves of one across the antimeridian). */
static im_status filter_sql(const im_filter *f, im_buf *b, params *p)
{
	char d[11];
	im_status st = im_buf_puts(b, " WHERE true");
	if (f->since.y) {
		im_date_format(f->since, d);
		param(p, d);
		st = st ? st : im_buf_printf(b, " AND event_date >= $%d", p->n);
	}
	if (f->until.y) {
		im_date_format(f->until, d);
		param(p, d);
		st = st ? st : im_buf_printf(b, " AND event_date <= $%d", p->n);
	}
	for (size_t i = 0; !st && i < f->n_types; i++) {
		param(p, f->types[i]);
		st = im_buf_printf(b, "%s lower(event_type) = lower($%d) OR lower(sub_event_type) = "
				      "lower($%d)%s",
				   i ? " OR" : " AND (", p->n, p->n, i + 1 == f->n_types ? ")" : "");
	}
	for (size_t i = 0; !st && i < f->n_countries; i++) {
		param(p, f->countries[i]);
		st = im_buf_printf(b, "%s$%d%s", i ? ", " : " AND upper(country) IN (", p->n,
				   i + 1 == f->n_countries ? ")" : "");
	}
	if (f->admin1 && ascii(f->admin1)) {
		param(p, f->admin1);
		st = st ? st : im_buf_printf(b, " AND lower(admin1) = lower($%d)", p->n);
	}
	if (f->min_fatalities != IM_NULL_INT) {
		param_int(p, f->min_fatalities, INT_MIN);
		st = st ? st : im_buf_printf(b, " AND coalesce(fatalities, 0) >= $%d", p->n);
	}
	if (f->has_bbox) {
		param_num(p, f->w);
		param_num(p, f->s);
		param_num(p, f->e);
		param_num(p, f->n);
		int k = p->n - 3;
		st = st ? st
			: f->w <= f->e
			? im_buf_printf(b, " AND geom && ST_MakeEnvelope($%d, $%d, $%d, $%d, 4326)", k,
					k + 1, k + 2, k + 3)
			: im_buf_printf(b,
					" AND (geom && ST_MakeEnvelope($%d, $%d, 180, $%d, 4326) OR "
					"geom && ST_MakeEnvelope(-180, $%d, $%d, $%d, 4326))",
					k, k + 1, k + 3, k + 1, k + 2, k + 3);
	}
	return st ? st : p->st;
}

im_status im_pgs_cursor_open(im_store *s, const im_filter *f, im_pgs_cursor **out,
			     im_error *err)
{
	*out = NULL;
	im_pgs_cursor *c = calloc(1, sizeof *c);
	params p = {IM_BUF_INIT, {0}, {0}, 0, IM_OK};
	im_buf sql = IM_BUF_INIT;
	im_status st = c ? im_buf_puts(&sql, "SELECT " PG_SELECT " FROM @incidents") : IM_E_NOMEM;
	if (!st)
		c->filtered = f && im_filter_active(f);
	if (!st && c->filtered)
		st = filter_sql(f, &sql, &p);
	st = st ? st : im_buf_puts(&sql, " ORDER BY fid");
	im_buf q = IM_BUF_INIT;
	st = st ? st : im_store_sql(s, sql.p, &q);
	im_buf_free(&sql);
	if (st) {
		free(c);
		im_buf_free(&p.b);
		im_buf_free(&q);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	c->s = s;
	c->p = p;
	c->sql = im_buf_take(&q);
	if (!c->sql) {
		im_pgs_cursor_free(c);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	*out = c;
	return IM_OK;
}

/* Sends the query, to be read one row at a time (a million incidents are
 * not held in memory). */
static im_status start(im_pgs_cursor *c, im_error *err)
{
	const char *v[MAX_PARAMS];
	params_out(&c->p, v);
	c->started = 1;
	if (!PQsendQueryParams(c->s->pg->conn, c->sql, c->p.n, NULL, v, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(c->s->pg->conn))
		return pg_error(c->s, err, "cannot read");
	c->running = 1;
	return IM_OK;
}

static im_status count_row(void *ctx, int ncols, const char *const *cells)
{
	*(long long *)ctx = ncols == 1 && cells[0] ? atoll(cells[0]) : 0;
	return IM_OK;
}

/* The end of the query: what the filter left unread. */
static im_status cursor_end(im_pgs_cursor *c, im_error *err)
{
	long long n = 0;
	c->running = 0;
	im_status st = c->filtered ? im_pgs_query(c->s, "SELECT count(*) FROM @incidents", 0,
						  NULL, count_row, &n, err)
				   : IM_OK;
	if (!st && n > (long long)c->n_read)
		c->left_out = (size_t)(n - (long long)c->n_read);
	return st;
}

/* Stops a query still sending rows, so the connection can be used again. */
static void stop(im_pgs_cursor *c)
{
	if (!c->running)
		return;
	PGcancel *k = PQgetCancel(c->s->pg->conn);
	char why[256];
	if (k)
		PQcancel(k, why, sizeof why);
	PQfreeCancel(k);
	for (PGresult *r; (r = PQgetResult(c->s->pg->conn));)
		PQclear(r);
	c->running = 0;
}

im_status im_pgs_cursor_next(im_pgs_cursor *c, im_incident *inc, int *done, im_error *err)
{
	*done = 0;
	im_status st = c->started ? IM_OK : start(c, err);
	if (st)
		return st;
	if (!c->running) {
		*done = 1;
		return IM_OK;
	}
	PGresult *r = PQgetResult(c->s->pg->conn);
	ExecStatusType t = PQresultStatus(r);
	if (t == PGRES_SINGLE_TUPLE && PQnfields(r) == 19) {
		const char *cells[19];
		for (int i = 0; i < 19; i++)
			cells[i] = PQgetisnull(r, 0, i) ? NULL : PQgetvalue(r, 0, i);
		c->n_read++;
		st = im_pg_row_decode(c->s->path, cells, inc, err);
	} else if (t == PGRES_TUPLES_OK) { /* the end: then a NULL result */
		PQclear(r);
		while ((r = PQgetResult(c->s->pg->conn)))
			PQclear(r);
		*done = 1;
		return cursor_end(c, err);
	} else {
		st = pg_error(c->s, err, "cannot read");
	}
	PQclear(r);
	if (st)
		stop(c);
	return st;
}

size_t im_pgs_cursor_left_out(const im_pgs_cursor *c)
{
	return c ? c->left_out : 0;
}

void im_pgs_cursor_free(im_pgs_cursor *c)
{
	if (!c)
		return;
	stop(c);
	im_buf_free(&c->p.b);
	free(c->sql);
	free(c);
}

/* ---- the COPY writer's connection (pg.c) ------------------------------------------------------ */

void *im_pgs_conn(im_store *s)
{
	return s->pg ? s->pg->conn : NULL;
}
