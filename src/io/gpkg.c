/* gpkg.c: the incident store as a GeoPackage 1.3 over SQLite: the schema
 * (written from the OGC specification), the geometry blobs, the R-tree
 * functions its triggers call, reading and writing incidents, the
 * transaction around every write, and the schema version check. */
#include "store_int.h"
#include "../core/fsutil.h"
#include "pg.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define GPKG_APPLICATION_ID 0x47504B47 /* "GPKG" */
#define GPKG_USER_VERSION 10300       /* GeoPackage 1.3.0 */
#define BUSY_MS 60000

/* ---- geometry blobs (GeoPackage 2.1.3) ------------------------------------ */

/* A point: the 8-byte header (magic, version 0, flags: little endian, no
 * envelope), the SRS id, then little-endian WKB. */
void im_gpkg_point_blob(double lon, double lat, unsigned char out[IM_GPKG_POINT_BLOB])
{
	static const unsigned char head[] = {'G', 'P', 0, 0x01, 0xE6, 0x10, 0, 0, /* 4326 */
					     0x01, 0x01, 0, 0, 0};
	memcpy(out, head, sizeof head);
	uint64_t x, y;
	memcpy(&x, &lon, 8);
	memcpy(&y, &lat, 8);
	for (int i = 0; i < 8; i++) {
		out[13 + i] = (unsigned char)(x >> (8 * i));
		out[21 + i] = (unsigned char)(y >> (8 * i));
	}
}

static double get_f64(const unsigned char *p, int little)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[little ? i : 7 - i] << (8 * i);
	double d;
	memcpy(&d, &v, 8);
	return d;
}

/* Envelope sizes by the indicator in bits 1-3 of the flags. */
static size_t envelope_len(int ind)
{
	static const size_t len[] = {0, 32, 48, 48, 64};
	return ind >= 0 && ind <= 4 ? len[ind] : (size_t)-1;
}

/* The WKB after the header and envelope of a blob, or NULL. */
static const unsigned char *blob_wkb(const unsigned char *p, size_t n, int *little, int *empty)
{
	if (n < 8 || p[0] != 'G' || p[1] != 'P' || p[2] != 0)
		return NULL;
	int flags = p[3];
	*little = flags & 1;
	size_t env = envelope_len((flags >> 1) & 7);
	*empty = (flags >> 4) & 1;
	if (env == (size_t)-1 || n < 8 + env)
		return NULL;
	return p + 8 + env;
}

int im_gpkg_blob_point(const unsigned char *p, size_t n, double *x, double *y, int *empty)
{
	int little;
	const unsigned char *w = blob_wkb(p, n, &little, empty);
	if (!w || n - (size_t)(w - p) < 21)
		return 0;
	int wl = w[0] == 1;
	uint32_t type = wl ? (uint32_t)w[1] | (uint32_t)w[2] << 8 | (uint32_t)w[3] << 16 |
				     (uint32_t)w[4] << 24
			   : (uint32_t)w[4] | (uint32_t)w[3] << 8 | (uint32_t)w[2] << 16 |
				     (uint32_t)w[1] << 24;
	if (type % 1000 != 1)
		return 0;
	*x = get_f64(w + 5, wl);
	*y = get_f64(w + 13, wl);
	if (isnan(*x) && isnan(*y))
		*empty = 1;
	return 1;
}

int im_gpkg_blob_box(const unsigned char *p, size_t n, double box[4], int *empty)
{
	int little;
	const unsigned char *w = blob_wkb(p, n, &little, empty);
	if (!w)
		return 0;
	if (*empty)
		return 1;
	if (w > p + 8) {
		box[0] = get_f64(p + 8, little);
		box[1] = get_f64(p + 16, little);
		box[2] = get_f64(p + 24, little);
		box[3] = get_f64(p + 32, little);
		return 1;
	}
	/* no envelope: only a point is read here */
	double x, y;
	if (!im_gpkg_blob_point(p, n, &x, &y, empty))
		return 0;
	box[0] = box[1] = x;
	box[2] = box[3] = y;
	return 1;
}

/* SQL functions the R-tree triggers call: ST_MinX(geom) and the others,
 * ST_IsEmpty(geom). NULL for what is not a geometry blob. */
static void st_box(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int which = (int)(intptr_t)sqlite3_user_data(ctx);
	const unsigned char *p = sqlite3_value_blob(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	double box[4];
	int empty;
	(void)argc;
	if (!p || !im_gpkg_blob_box(p, (size_t)n, box, &empty)) {
		sqlite3_result_null(ctx);
		return;
	}
	if (which == 4)
		sqlite3_result_int(ctx, empty);
	else if (empty)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_double(ctx, box[which]);
}

static int register_functions(sqlite3 *db)
{
	static const char *const names[] = {"ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY",
					    "ST_IsEmpty"};
	for (int i = 0; i < 5; i++)
		if (sqlite3_create_function(db, names[i], 1,
					    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					    (void *)(intptr_t)i, st_box, NULL, NULL) != SQLITE_OK)
			return 0;
	return 1;
}

/* ---- errors ---------------------------------------------------------------- */

im_status im_store_sql_error(im_store *s, im_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	im_status st = code == SQLITE_NOMEM ? IM_E_NOMEM
		       : (code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB ? IM_E_PARSE
		       : IM_E_IO;
	return im_error_set(err, st, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

im_status im_store_exec(im_store *s, const char *sql, im_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return im_store_sql_error(s, err, "cannot write the store");
	return IM_OK;
}

sqlite3_stmt *im_store_prepare(im_store *s, const char *sql, im_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		im_store_sql_error(s, err, "cannot read the store");
		return NULL;
	}
	return st;
}

/* ---- schema ----------------------------------------------------------------- */

#define FEATURE_COLUMNS                                                                  \
	"fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, id TEXT NOT NULL "  \
	"UNIQUE, event_date DATE, time_precision INTEGER, date_text TEXT, event_type "   \
	"TEXT, sub_event_type TEXT, place TEXT, place_text TEXT, admin1 TEXT, country "   \
	"TEXT, geo_precision INTEGER, gazetteer_id TEXT, fatalities INTEGER, injuries "   \
	"INTEGER, actors TEXT, sources TEXT, notes TEXT, confidence REAL"

/* The R-tree triggers of GeoPackage 1.3 (F.3), for incidents.geom. */
#define RTREE_VALUES                                                                     \
	"INSERT OR REPLACE INTO rtree_incidents_geom VALUES (NEW.fid, ST_MinX(NEW.geom), " \
	"ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));"

/* The one trigger a write into an empty store drops for its length and
 * makes again at its end, after filling the R-tree in one pass
 * (gpkg_rtree.c). */
#define RTREE_INSERT_TRIGGER                                                                       \
	"CREATE TRIGGER rtree_incidents_geom_insert AFTER INSERT ON incidents "                    \
	"WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN " RTREE_VALUES " END;"

/* One row per report of each incident, keyed by what names the report: the
 * incident, when it was added (Unix time), the hash of its text. The rest
 * of the report (title, url, date) is in the incident's sources column. */
#define SOURCES_TABLE(name)                                                                        \
	"CREATE TABLE " name " (source_key TEXT NOT NULL, incident_id TEXT NOT NULL, added "      \
	"INTEGER NOT NULL DEFAULT (CAST(strftime('%s','now') AS INTEGER)), text_hash TEXT, "    \
	"PRIMARY KEY (source_key, incident_id)) WITHOUT ROWID;"

static const char schema_sql[] =
	"PRAGMA application_id = 1196444487;"
	"PRAGMA user_version = 10300;"
	"CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL "
	"PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, "
	"definition TEXT NOT NULL, description TEXT);"
	"INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, "
	"'undefined', 'undefined cartesian coordinate reference system');"
	"INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, "
	"'undefined', 'undefined geographic coordinate reference system');"
	"INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, "
	"'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
	"AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
	"AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\","
	"\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\","
	"\"4326\"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 "
	"spheroid');"
	"CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT "
	"NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT "
	"NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, "
	"max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY "
	"(srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
	"CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT "
	"NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, "
	"m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
	"CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY "
	"(table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY "
	"(srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));"
	"CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT "
	"NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE "
	"(table_name, column_name, extension_name));"
	"CREATE TABLE incidents (" FEATURE_COLUMNS ");"
	"CREATE INDEX incidents_event_date ON incidents(event_date);"
	"INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
	"VALUES ('incidents', 'features', 'incidents', 'security incidents read from news "
	"reports by incimap', 4326);"
	"INSERT INTO gpkg_geometry_columns VALUES ('incidents', 'geom', 'POINT', 4326, 0, 0);"
	"CREATE VIRTUAL TABLE rtree_incidents_geom USING rtree(id, minx, maxx, miny, maxy);"
	"INSERT INTO gpkg_extensions VALUES ('incidents', 'geom', 'gpkg_rtree_index', "
	"'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');"
	RTREE_INSERT_TRIGGER
	"CREATE TRIGGER rtree_incidents_geom_update1 AFTER UPDATE OF geom ON incidents "
	"WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN "
	RTREE_VALUES " END;"
	"CREATE TRIGGER rtree_incidents_geom_update2 AFTER UPDATE OF geom ON incidents "
	"WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN "
	"DELETE FROM rtree_incidents_geom WHERE id = OLD.fid; END;"
	"CREATE TRIGGER rtree_incidents_geom_update3 AFTER UPDATE ON incidents "
	"WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN "
	"DELETE FROM rtree_incidents_geom WHERE id = OLD.fid; " RTREE_VALUES " END;"
	"CREATE TRIGGER rtree_incidents_geom_update4 AFTER UPDATE ON incidents "
	"WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN "
	"DELETE FROM rtree_incidents_geom WHERE id IN (OLD.fid, NEW.fid); END;"
	"CREATE TRIGGER rtree_incidents_geom_delete AFTER DELETE ON incidents "
	"WHEN old.geom NOT NULL BEGIN DELETE FROM rtree_incidents_geom WHERE id = OLD.fid; END;"
	/* QGIS's style table, registered as attributes as QGIS itself does */
	"CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
	"f_table_catalog TEXT, f_table_schema TEXT, f_table_name TEXT, f_geometry_column "
	"TEXT, styleName TEXT, styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, "
	"description TEXT, owner TEXT, ui TEXT, update_time DATETIME DEFAULT "
	"(strftime('%Y-%m-%dT%H:%M:%fZ','now')));"
	"INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
	"('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles');"
	/* incimap's own tables */
	"CREATE TABLE incimap_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);"
	"CREATE TABLE incimap_deleted (" FEATURE_COLUMNS ");"
	"CREATE INDEX incimap_deleted_event_date ON incimap_deleted(event_date);"
	SOURCES_TABLE("incimap_sources")
	"CREATE INDEX incimap_sources_text ON incimap_sources(text_hash) WHERE text_hash IS NOT "
	"NULL;"
	"CREATE TABLE incimap_corrections (seq INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
	"edit INTEGER NOT NULL, incident_id TEXT NOT NULL, field TEXT NOT NULL, old_value "
	"TEXT, new_value TEXT, at DATETIME NOT NULL, user TEXT, note TEXT, undone INTEGER NOT "
	"NULL DEFAULT 0);"
	"CREATE INDEX incimap_corrections_id ON incimap_corrections(incident_id);";

/* Migrations: migrations[v - 1] brings a store of schema v to v + 1. */
static const char *const migrations[] = {
	/* 1 -> 2: the hash of each report's text, to know a text read before */
	"ALTER TABLE incimap_sources ADD COLUMN text_hash TEXT;"
	"CREATE INDEX incimap_sources_text ON incimap_sources(text_hash) WHERE text_hash IS NOT "
	"NULL;",
	/* 2 -> 3: the reports table slimmed to its key, incident, time and
	 * hash (the title, url, date are in the incident's sources), keyed by
	 * the report, without a rowid */
	SOURCES_TABLE("incimap_sources_3")
	"INSERT OR IGNORE INTO incimap_sources_3 SELECT source_key, incident_id, "
	"coalesce(CAST(strftime('%s', added) AS INTEGER), 0), text_hash FROM incimap_sources;"
	"DROP TABLE incimap_sources;"
	"ALTER TABLE incimap_sources_3 RENAME TO incimap_sources;"
	"CREATE INDEX incimap_sources_text ON incimap_sources(text_hash) WHERE text_hash IS NOT "
	"NULL;",
};

static im_status put_style(im_store *s, im_error *err)
{
	im_buf qml = IM_BUF_INIT;
	if (im_qml_text(&qml)) {
		im_buf_free(&qml);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	sqlite3_stmt *q = im_store_prepare(
		s,
		"INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
		"f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
		"owner) VALUES ('', '', 'incidents', 'geom', 'incimap', ?1, '', 1, "
		"'incimap incident symbology', 'incimap')",
		err);
	im_status st = q ? IM_OK : IM_E_IO;
	if (q) {
		sqlite3_bind_text(q, 1, qml.p, (int)qml.len, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_DONE)
			st = im_store_sql_error(s, err, "cannot write the style");
		sqlite3_finalize(q);
	}
	im_buf_free(&qml);
	return st;
}

/* Pages of 8 KiB for a new store, before its first write fixes them: a
 * million incidents take 3% less room and 7% less CPU to write than in
 * SQLite's 4 KiB (fewer pages to split, balance and write). A store made
 * with other pages keeps them. */
#define PAGE_SIZE_SQL "PRAGMA page_size = 8192"

static im_status create_schema(im_store *s, im_error *err)
{
	im_status st = im_store_exec(s, PAGE_SIZE_SQL, err);
	st = st ? st : im_store_exec(s, "BEGIN IMMEDIATE", err);
	if (st)
		return st;
	/* another process may have made it while this one waited */
	sqlite3_stmt *q = im_store_prepare(s, "SELECT count(*) FROM sqlite_master", err);
	if (!q) {
		im_store_exec(s, "ROLLBACK", NULL);
		return IM_E_IO;
	}
	int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
	sqlite3_finalize(q);
	if (n != 0) {
		im_store_exec(s, "ROLLBACK", NULL);
		return IM_OK;
	}
	char meta[160];
	snprintf(meta, sizeof meta,
		 "INSERT INTO incimap_meta VALUES ('schema_version', '%d'), ('created_by', "
		 "'incimap " IM_VERSION "');",
		 IM_STORE_SCHEMA);
	st = im_store_exec(s, schema_sql, err);
	st = st ? st : im_store_exec(s, meta, err);
	st = st ? st : put_style(s, err);
	st = st ? st : im_store_exec(s, "COMMIT", err);
	if (st)
		im_store_exec(s, "ROLLBACK", NULL);
	return st;
}

long long im_store_int(im_store *s, const char *sql)
{
	sqlite3_stmt *q = im_store_prepare(s, sql, NULL);
	long long v = -1;
	if (q && sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

static int schema_version(im_store *s)
{
	return (int)im_store_int(s, "SELECT value FROM incimap_meta WHERE key = 'schema_version'");
}

/* Brings an older store to this schema, inside the write transaction that
 * first finds it older (so a store only read is never changed). */
static im_status migrate(im_store *s, im_error *err)
{
	int from = schema_version(s);
	im_status st = IM_OK;
	for (int v = from; !st && v >= 1 && v < IM_STORE_SCHEMA; v++)
		st = im_store_exec(s, migrations[v - 1], err);
	if (!st && from < IM_STORE_SCHEMA) {
		char sql[96];
		snprintf(sql, sizeof sql,
			 "UPDATE incimap_meta SET value = '%d' WHERE key = 'schema_version'",
			 IM_STORE_SCHEMA);
		st = im_store_exec(s, sql, err);
	}
	return st;
}

/* What the file is: a store of our schema or an older one (migrated by the
 * first write), or an error saying what it is instead. */
static im_status check_schema(im_store *s, im_error *err)
{
	long long app = im_store_int(s, "PRAGMA application_id");
	if (app < 0 && sqlite3_errcode(s->db) == SQLITE_CORRUPT)
		return im_store_sql_error(s, err, "damaged (a partial copy?)");
	if (app < 0)
		return im_store_sql_error(s, err, "not a GeoPackage");
	if (app != GPKG_APPLICATION_ID)
		return im_error_set(err, IM_E_PARSE, s->path, 0, 0,
				    "not a GeoPackage (an SQLite database whose application_id is "
				    "0x%08llX, not 'GPKG')",
				    (unsigned long long)app);
	sqlite3_stmt *q = im_store_prepare(
		s, "SELECT value FROM incimap_meta WHERE key = 'schema_version'", NULL);
	if (!q)
		return im_error_set(err, IM_E_PARSE, s->path, 0, 0,
				    "a GeoPackage, but not an incimap store (no incimap_meta table)");
	int v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (v < 1)
		return im_error_set(err, IM_E_PARSE, s->path, 0, 0,
				    "an incimap store without a schema version: damaged");
	if (v > IM_STORE_SCHEMA)
		return im_error_set(err, IM_E_UNSUPPORTED, s->path, 0, 0,
				    "written by a newer incimap (store schema %d; this one knows up "
				    "to %d): upgrade incimap",
				    v, IM_STORE_SCHEMA);
	return IM_OK;
}

/* ---- open and close ----------------------------------------------------------- */

int im_store_sniff(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char head[16];
	int ok = fp && fread(head, 1, 16, fp) == 16 && memcmp(head, "SQLite format 3", 16) == 0;
	if (fp)
		fclose(fp);
	return ok;
}

/* SQLite's memory statistics off, before its first use: each allocation
 * would otherwise take a global mutex to count itself. */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* A connection is used by one thread at a time: no mutex of its own. */
static im_status open_db(im_store *s, int create, im_error *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	int exists = im_file_exists(s->path);
	if (!exists && !create)
		return im_error_set(err, IM_E_IO, s->path, 0, 0, "cannot open: %s", strerror(ENOENT));
	if (exists && im_is_dir(s->path))
		return im_error_set(err, IM_E_IO, s->path, 0, 0, "is a folder, not a store");
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(s->path, &s->db, flags, NULL) != SQLITE_OK) {
		if (!s->db)
			return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
		if (!create) { /* a read-only file is still readable */
			sqlite3_close(s->db);
			s->db = NULL;
			if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
					    NULL) ==
			    SQLITE_OK)
				return IM_OK;
		}
		return im_store_sql_error(s, err, "cannot open");
	}
	return IM_OK;
}

im_status im_store_open(const char *path, int create, im_store **out, im_error *err)
{
	*out = NULL;
	im_store *s = calloc(1, sizeof *s);
	if (!s || !(s->path = im_strdup(path))) {
		free(s);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	s->box[0] = s->box[2] = INFINITY;
	s->box[1] = s->box[3] = -INFINITY;
	if (im_pg_is_target(path)) { /* a PostgreSQL table (store_pg.c) */
		im_status st = im_pgs_open(s, path, create, err);
		if (st)
			im_store_close(s);
		else
			*out = s;
		return st;
	}
	im_status st = open_db(s, create, err);
	if (!st && (!register_functions(s->db) ||
		    sqlite3_busy_timeout(s->db, BUSY_MS) != SQLITE_OK))
		st = im_store_sql_error(s, err, "cannot open");
	if (!st && im_store_int(s, "PRAGMA page_count") == 0 && im_store_int(s, "PRAGMA page_size") > 0) {
		if (!create)
			st = im_error_set(err, IM_E_PARSE, path, 0, 0,
					  "an empty file, not a GeoPackage");
		else
			st = create_schema(s, err);
	} else if (!st && !im_store_sniff(path)) {
		st = im_error_set(err, IM_E_PARSE, path, 0, 0,
				  "not a GeoPackage (not an SQLite database)");
	}
	st = st ? st : check_schema(s, err);
	if (st) {
		im_store_close(s);
		return st;
	}
	*out = s;
	return IM_OK;
}

void im_store_close(im_store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		im_store_rollback(s);
	im_pgs_close(s);
	im_gpkg_rtree_forget(s);
	im_store_held_free(s); /* its statements: before the close, which they would keep open */
	for (size_t i = 0; i < IM_STORE_N_STMT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *im_store_path(const im_store *s)
{
	return s->path;
}

/* ---- transactions --------------------------------------------------------------- */

/* The secondary indexes a write into an empty store builds at its end, in
 * one sorted pass, instead of row by row (a million rows in random order
 * spill the page cache): nothing such a write does looks through them. */
static const char drop_bulk_indexes[] =
	"DROP TRIGGER IF EXISTS rtree_incidents_geom_insert;"
	"DROP INDEX IF EXISTS incidents_event_date; DROP INDEX IF EXISTS incimap_sources_text;";
static const char make_bulk_indexes[] =
	RTREE_INSERT_TRIGGER
	"CREATE INDEX IF NOT EXISTS incidents_event_date ON incidents(event_date);"
	"CREATE INDEX IF NOT EXISTS incimap_sources_text ON incimap_sources(text_hash) WHERE "
	"text_hash IS NOT NULL;";

im_status im_store_begin(im_store *s, im_error *err)
{
	if (s->pg)
		return im_pgs_begin(s, err);
	/* A page cache of 64 MiB: past SQLite's default 2 MiB a large write
	 * spills pages into the file mid-transaction, and each spill syncs the
	 * rollback journal first (on a busy disk, most of an append's time).
	 * Temporary data in memory: each insert into a table with triggers
	 * keeps a statement journal, which SQLite otherwise writes to a file. */
	im_status st = im_store_exec(s, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY", err);
	st = st ? st : im_store_exec(s, "BEGIN IMMEDIATE", err);
	if (st)
		return st;
	s->in_tx = 1;
	if ((st = migrate(s, err))) {
		im_store_rollback(s);
		return st;
	}
	s->box[0] = s->box[2] = INFINITY;
	s->box[1] = s->box[3] = -INFINITY;
	if (im_store_held_begin(s)) {
		im_store_rollback(s);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	s->has_corrections = im_store_int(s, "SELECT EXISTS (SELECT 1 FROM incimap_corrections "
					   "WHERE undone = 0)") == 1;
	s->fresh = im_store_int(s, "SELECT NOT EXISTS (SELECT 1 FROM incidents) AND NOT EXISTS "
				 "(SELECT 1 FROM incimap_deleted)") == 1;
	if (s->fresh && (st = im_store_exec(s, drop_bulk_indexes, err)))
		im_store_rollback(s);
	return st;
}

/* Widens the layer's extent in gpkg_contents by what was written. */
static im_status update_extent(im_store *s, im_error *err)
{
	int placed = s->box[0] <= s->box[1];
	sqlite3_stmt *q = im_store_prepare(
		s,
		placed ? "UPDATE gpkg_contents SET last_change = "
			 "strftime('%Y-%m-%dT%H:%M:%fZ','now'), min_x = min(coalesce(min_x, ?1), "
			 "?1), max_x = max(coalesce(max_x, ?2), ?2), min_y = min(coalesce(min_y, "
			 "?3), ?3), max_y = max(coalesce(max_y, ?4), ?4) WHERE table_name = "
			 "'incidents'"
		       : "UPDATE gpkg_contents SET last_change = "
			 "strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'incidents'",
		err);
	if (!q)
		return IM_E_IO;
	for (int i = 0; placed && i < 4; i++)
		sqlite3_bind_double(q, i + 1, s->box[i]);
	im_status st = sqlite3_step(q) == SQLITE_DONE ? IM_OK
						      : im_store_sql_error(s, err, "cannot write");
	sqlite3_finalize(q);
	return st;
}

im_status im_store_commit(im_store *s, im_error *err)
{
	if (s->pg)
		return im_pgs_commit(s, err);
	im_status st = im_store_flush(s, err);
	st = st ? st : s->fresh ? im_gpkg_rtree_build(s, err) : IM_OK;
	st = st ? st : s->fresh ? im_store_exec(s, make_bulk_indexes, err) : IM_OK;
	st = st ? st : update_extent(s, err);
	st = st ? st : im_store_exec(s, "COMMIT", err);
	if (st) {
		im_store_rollback(s);
		return st;
	}
	s->in_tx = 0;
	im_gpkg_rtree_forget(s);
	im_store_held_drop(s);
	return IM_OK;
}

void im_store_rollback(im_store *s)
{
	if (s->pg) {
		im_pgs_rollback(s);
		return;
	}
	if (s->in_tx)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_tx = 0;
	im_gpkg_rtree_forget(s);
	im_store_held_drop(s);
}
