/* store.c: incidents as rows of the store: typed columns and back, writing
 * under a stable id with the corrections on top, the reports of each
 * incident, the candidates for a merge, and the cursor the reader walks. */
#include "../model/filter.h"
#include "pg.h"
#include "store_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- incident -> row ----------------------------------------------------------- */

/* Every text bound stays where it is until the statement has run (the
 * incident, the caller's parameters): SQLite need not copy it. */
static void bind_text(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

im_status im_store_actors_json(im_buf *b, const im_incident *inc)
{
	im_status st = im_buf_putc(b, '[');
	for (size_t i = 0; !st && i < inc->n_actors; i++) {
		st = i ? im_buf_putc(b, ',') : IM_OK;
		st = st ? st : im_io_json_str(b, inc->actors[i]);
	}
	return st ? st : im_buf_putc(b, ']');
}

/* inc's IM_STORE_COLS values as the next row of r (r->st on failure). */
static void incident_row(im_rows *r, const im_incident *inc)
{
	if (inc->has_point) {
		unsigned char blob[IM_GPKG_POINT_BLOB];
		im_gpkg_point_blob(inc->lon, inc->lat, blob);
		im_rows_blob(r, blob, sizeof blob);
	} else {
		im_rows_null(r);
	}
	im_rows_text(r, inc->id);
	if (inc->event_date.y) {
		char d[11];
		im_date_format(inc->event_date, d);
		im_rows_text(r, d);
	} else {
		im_rows_null(r);
	}
	im_rows_int(r, inc->time_precision);
	const char *const text[] = {inc->date_text, inc->event_type, inc->sub_event_type,
				    inc->place,     inc->place_text, inc->admin1,
				    inc->country};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		im_rows_text(r, text[i]);
	im_rows_int(r, inc->geo_precision);
	im_rows_text(r, inc->gazetteer_id);
	const int counts[] = {inc->fatalities, inc->injuries};
	for (size_t i = 0; i < 2; i++) {
		if (counts[i] == IM_NULL_INT)
			im_rows_null(r);
		else
			im_rows_int(r, counts[i]);
	}
	if (im_store_actors_json(im_rows_text_begin(r), inc))
		r->st = IM_E_NOMEM;
	im_rows_text_end(r);
	if (im_io_sources_to_json(im_rows_text_begin(r), inc))
		r->st = IM_E_NOMEM;
	im_rows_text_end(r);
	im_rows_text(r, inc->notes);
	im_rows_real(r, inc->confidence);
}

/* ---- row -> incident --------------------------------------------------------------- */

static im_status bad_at(const char *path, const im_incident *inc, im_error *err, const char *what)
{
	return im_error_set(err, IM_E_PARSE, path, 0, 0, "incident %s: %s",
			    inc->id ? inc->id : "(no id)", what);
}

static im_status row_bad(im_store *s, const im_incident *inc, im_error *err, const char *what)
{
	return bad_at(s->path, inc, err, what);
}

static im_status col_text(sqlite3_stmt *q, int i, char **field)
{
	const char *t = (const char *)sqlite3_column_text(q, i);
	if (!t)
		return sqlite3_errcode(sqlite3_db_handle(q)) == SQLITE_NOMEM ? IM_E_NOMEM : IM_OK;
	return im_set_str(field, t);
}

static int col_int(sqlite3_stmt *q, int i, int null_value, int *out)
{
	int type = sqlite3_column_type(q, i);
	if (type == SQLITE_NULL) {
		*out = null_value;
		return 1;
	}
	if (type != SQLITE_INTEGER)
		return 0;
	long long v = sqlite3_column_int64(q, i);
	if (v < INT_MIN || v > INT_MAX)
		return 0;
	*out = (int)v;
	return 1;
}

static im_status read_geom(im_store *s, sqlite3_stmt *q, im_incident *inc, im_error *err)
{
	if (sqlite3_column_type(q, 0) == SQLITE_NULL)
		return IM_OK;
	const unsigned char *p = sqlite3_column_blob(q, 0);
	double box[4];
	int empty;
	if (!p || !im_gpkg_blob_box(p, (size_t)sqlite3_column_bytes(q, 0), box, &empty) ||
	    box[0] != box[1] || box[2] != box[3])
		return row_bad(s, inc, err, "geom is not a GeoPackage point");
	if (empty)
		return IM_OK;
	inc->has_point = 1;
	inc->lon = box[0];
	inc->lat = box[2];
	return IM_OK;
}

im_status im_store_lists(const char *path, const char *actors, const char *sources, size_t n,
			 im_incident *inc, im_error *err)
{
	im_io_where w = {path, 0, 0, 0};
	im_status st = actors ? im_io_actors_decode(inc, actors, &w, "actors", err) : IM_OK;
	if (st || !sources)
		return st;
	if (im_io_sources_fast(inc, sources, n))
		return IM_OK;
	json_object *arr = json_tokener_parse(sources);
	if (!arr || !json_object_is_type(arr, json_type_array)) {
		json_object_put(arr);
		return bad_at(path, inc, err, "sources is not a JSON array of sources");
	}
	st = im_io_sources_from_json(inc, arr, &w, "sources", err);
	json_object_put(arr);
	return st;
}

static im_status read_lists(im_store *s, sqlite3_stmt *q, im_incident *inc, im_error *err)
{
	const char *actors = (const char *)sqlite3_column_text(q, 15);
	const char *sources = (const char *)sqlite3_column_text(q, 16);
	size_t n = (size_t)sqlite3_column_bytes(q, 16);
	return im_store_lists(s->path, actors, sources, n, inc, err);
}

im_status im_store_row(im_store *s, sqlite3_stmt *q, im_incident *inc, im_error *err)
{
	im_incident_clear(inc);
	im_status st = col_text(q, 1, &inc->id);
	st = st ? st : read_geom(s, q, inc, err);
	if (st)
		return st == IM_E_NOMEM ? im_error_set(err, st, s->path, 0, 0, "out of memory") : st;
	const char *d = (const char *)sqlite3_column_text(q, 2);
	if (d && !im_date_parse_iso(d, strlen(d), &inc->event_date))
		return row_bad(s, inc, err, "event_date is not a YYYY-MM-DD date");
	if (!col_int(q, 3, 3, &inc->time_precision) || !col_int(q, 11, 3, &inc->geo_precision) ||
	    !col_int(q, 13, IM_NULL_INT, &inc->fatalities) ||
	    !col_int(q, 14, IM_NULL_INT, &inc->injuries))
		return row_bad(s, inc, err, "a whole-number column holds something else");
	st = col_text(q, 4, &inc->date_text);
	st = st ? st : col_text(q, 5, &inc->event_type);
	st = st ? st : col_text(q, 6, &inc->sub_event_type);
	st = st ? st : col_text(q, 7, &inc->place);
	st = st ? st : col_text(q, 8, &inc->place_text);
	st = st ? st : col_text(q, 9, &inc->admin1);
	st = st ? st : col_text(q, 10, &inc->country);
	st = st ? st : col_text(q, 12, &inc->gazetteer_id);
	st = st ? st : col_text(q, 17, &inc->notes);
	if (st)
		return im_error_set(err, st, s->path, 0, 0, "out of memory");
	inc->confidence = sqlite3_column_type(q, 18) == SQLITE_NULL ? 0
								     : sqlite3_column_double(q, 18);
	if ((st = read_lists(s, q, inc, err)))
		return st;
	im_error e;
	if (im_io_check(inc, s->path, 0, &e))
		return row_bad(s, inc, err, e.msg);
	return IM_OK;
}

/* ---- SQL for both kinds of store ------------------------------------------------------ */

im_status im_store_sql(const im_store *s, const char *t, im_buf *out)
{
	im_status st = IM_OK;
	while (!st && *t) {
		size_t n = strcspn(t, "@?");
		st = im_buf_append(out, t, n);
		t += n;
		if (st || !*t)
			break;
		if (*t == '?') { /* ?N: PostgreSQL's $N */
			st = im_buf_putc(out, s->pg ? '$' : '?');
			t++;
			continue;
		}
		size_t w = strspn(t + 1, "abcdefghijklmnopqrstuvwxyz_");
		int main_table = w == 9 && strncmp(t + 1, "incidents", 9) == 0;
		if (s->pg)
			st = main_table ? im_buf_printf(out, "\"%s\"", im_pgs_table(s))
					: im_buf_printf(out, "\"%s_%.*s\"", im_pgs_table(s), (int)w,
							t + 1);
		else
			st = im_buf_printf(out, "%s%.*s", main_table ? "" : "incimap_", (int)w, t + 1);
		t += 1 + w;
	}
	return st;
}

static im_status sqlite_query(im_store *s, const char *tmpl, int n, const char *const *params,
			      im_store_row_fn fn, void *ctx, im_error *err)
{
	if (im_store_flush(s, err))
		return IM_E_IO;
	im_buf sql = IM_BUF_INIT;
	if (im_store_sql(s, tmpl, &sql)) {
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	sqlite3_stmt *q = im_store_prepare(s, sql.p, err);
	im_buf_free(&sql);
	if (!q)
		return IM_E_IO;
	for (int i = 0; i < n; i++)
		bind_text(q, i + 1, params[i]);
	int nc = sqlite3_column_count(q), rc;
	const char *cells[24];
	nc = nc > 24 ? 24 : nc;
	im_status st = IM_OK;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (int c = 0; c < nc; c++)
			cells[c] = (const char *)sqlite3_column_text(q, c);
		st = fn ? fn(ctx, nc, cells) : IM_OK;
	}
	if (!st && rc != SQLITE_DONE)
		st = im_store_sql_error(s, err, "cannot use the store");
	sqlite3_finalize(q);
	return st;
}

im_status im_store_query(im_store *s, const char *tmpl, int n, const char *const *params,
			 im_store_row_fn fn, void *ctx, im_error *err)
{
	return s->pg ? im_pgs_query(s, tmpl, n, params, fn, ctx, err)
		     : sqlite_query(s, tmpl, n, params, fn, ctx, err);
}

static im_status found_row(void *ctx, int ncols, const char *const *cells)
{
	(void)ncols;
	(void)cells;
	*(int *)ctx = 1;
	return IM_OK;
}

/* ---- cached statements ------------------------------------------------------------- */

/* A report read before: the same name, or the same text under another. */
#define HAS_SOURCE_SQL                                                                     \
	"SELECT 1 FROM @sources WHERE source_key = ?1 UNION ALL SELECT 1 FROM @sources "    \
	"WHERE text_hash = ?2 LIMIT 1"

static const char *const stmt_sql[IM_STORE_N_STMT] = {
	/* not an UPSERT: its conflict clause would override the R-tree
	 * triggers' INSERT OR REPLACE */
	[STMT_UPDATE] = "UPDATE incidents SET geom = ?1, event_date = ?3, time_precision = ?4, "
			"date_text = ?5, event_type = ?6, sub_event_type = ?7, place = ?8, "
			"place_text = ?9, admin1 = ?10, country = ?11, geo_precision = ?12, "
			"gazetteer_id = ?13, fatalities = ?14, injuries = ?15, actors = ?16, "
			"sources = ?17, notes = ?18, confidence = ?19 WHERE id = ?2",
	[STMT_INSERT] = "INSERT INTO incidents (" IM_STORE_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, "
			"?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
	[STMT_UPSERT_DEL] = "INSERT OR REPLACE INTO incimap_deleted (" IM_STORE_COLS
			    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
			    "?14, ?15, ?16, ?17, ?18, ?19)",
	[STMT_IS_DELETED] = "SELECT 1 FROM incimap_deleted WHERE id = ?1",
	[STMT_HAS_SOURCE] = HAS_SOURCE_SQL,
	[STMT_CORRECTIONS] = "SELECT field, new_value FROM incimap_corrections WHERE "
			     "incident_id = ?1 AND undone = 0 ORDER BY seq",
};

static sqlite3_stmt *stmt(im_store *s, int which, im_error *err)
{
	if (!s->stmt[which]) {
		im_buf sql = IM_BUF_INIT;
		if (!im_store_sql(s, stmt_sql[which], &sql))
			s->stmt[which] = im_store_prepare(s, sql.p, err);
		else
			im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
		im_buf_free(&sql);
	} else {
		sqlite3_reset(s->stmt[which]); /* each use binds every parameter */
	}
	return s->stmt[which];
}

/* ---- writing -------------------------------------------------------------------------- */

im_status im_store_source_key(const im_source *src, im_buf *b)
{
	const char *kind = src->id ? "id:" : src->url ? "url:" : src->file ? "file:" : NULL;
	if (!kind)
		return IM_E_NOTFOUND;
	im_status st = im_buf_puts(b, kind);
	return st ? st : im_buf_puts(b, src->id ? src->id : src->url ? src->url : src->file);
}

int im_store_has_source(im_store *s, const im_source *src)
{
	im_buf b = IM_BUF_INIT;
	int found = 0;
	sqlite3_stmt *q;
	const char *hash = src->text_hash[0] ? src->text_hash : NULL;
	if (s->pg && !im_store_source_key(src, &b)) {
		const char *v[2] = {b.p, hash};
		if (im_store_query(s, HAS_SOURCE_SQL, 2, v, found_row, &found, NULL))
			found = 0;
	} else if (!s->pg && !im_store_source_key(src, &b) && !im_store_flush(s, NULL) &&
		   (q = stmt(s, STMT_HAS_SOURCE, NULL))) {
		sqlite3_bind_text(q, 1, b.p, (int)b.len, SQLITE_STATIC);
		bind_text(q, 2, hash);
		found = sqlite3_step(q) == SQLITE_ROW;
		sqlite3_reset(q);
	}
	im_buf_free(&b);
	return found;
}

/* ---- rows held, several to a statement ---------------------------------------------- */

#define SOURCES_HEAD                                                                       \
	"INSERT OR IGNORE INTO incimap_sources (incident_id, source_key, text_hash, added) " \
	"VALUES"
#define BATCH_HEAD "INSERT OR IGNORE INTO incidents (" IM_STORE_COLS ") VALUES"

static im_status held_init(im_store *s)
{
	if (s->row.cells)
		return IM_OK;
	im_status st = im_rows_init(&s->row, 19, 1);
	st = st ? st : im_rows_init(&s->batch, 19, IM_STORE_BATCH);
	return st ? st : im_rows_init(&s->src, 4, 64);
}

/* Some of the held incidents were left out by the batch's INSERT OR
 * IGNORE: ids this write had inserted already. Each held row is written
 * again by its id, in order, so that the last of an id wins as it does
 * one by one; the R-tree is then read from the table. */
static im_status rewrite_batch(im_store *s, im_error *err)
{
	im_gpkg_rtree_stale(s);
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < s->batch.n; i++) {
		sqlite3_stmt *q = stmt(s, STMT_UPDATE, err);
		if (!q)
			return IM_E_IO;
		im_rows_bind(&s->batch, q, i, 1);
		if (sqlite3_step(q) != SQLITE_DONE)
			st = im_store_sql_error(s, err, "cannot write");
		sqlite3_reset(q);
	}
	return st;
}

/* Notes the points of the held incidents for the R-tree, all of them
 * inserted: their fids follow each other up to the last one. */
static im_status note_batch(im_store *s, im_error *err)
{
	size_t n = s->batch.n;
	sqlite3_int64 last = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < n; i++)
		if (s->batch_pt[i].has &&
		    im_gpkg_rtree_note(s, last - (sqlite3_int64)(n - 1 - i), s->batch_pt[i].lon,
				       s->batch_pt[i].lat))
			return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	return IM_OK;
}

/* Writes the incidents a fresh write holds. */
static im_status flush_batch(im_store *s, im_error *err)
{
	if (!s->batch.n)
		return IM_OK;
	sqlite3_int64 before = sqlite3_total_changes64(s->db);
	im_status st = im_rows_run(s, &s->batch, BATCH_HEAD, err);
	if (!st)
		st = sqlite3_total_changes64(s->db) - before == (sqlite3_int64)s->batch.n
			     ? note_batch(s, err)
			     : rewrite_batch(s, err);
	im_rows_clear(&s->batch);
	return st;
}

im_status im_store_flush(im_store *s, im_error *err)
{
	if (s->pg || !s->row.cells)
		return IM_OK;
	im_status st = flush_batch(s, err);
	return st ? st : im_rows_flush(s, &s->src, SOURCES_HEAD, err);
}

void im_store_held_drop(im_store *s)
{
	im_rows_clear(&s->batch);
	im_rows_clear(&s->src);
}

void im_store_held_free(im_store *s)
{
	im_store_held_drop(s);
	im_rows_free(&s->row);
	im_rows_free(&s->batch);
	im_rows_free(&s->src);
}

im_status im_store_held_begin(im_store *s)
{
	im_store_held_drop(s);
	s->now = (sqlite3_int64)time(NULL);
	return s->pg ? IM_OK : held_init(s);
}

/* Holds one report of inc, to be recorded in incimap_sources. */
static im_status hold_source(im_store *s, const im_incident *inc, const im_source *src,
			     im_error *err)
{
	im_rows_text(&s->src, inc->id);
	if (im_store_source_key(src, im_rows_text_begin(&s->src)))
		s->src.st = IM_E_NOMEM;
	im_rows_text_end(&s->src);
	im_rows_text(&s->src, src->text_hash[0] ? src->text_hash : NULL);
	im_rows_int(&s->src, s->now);
	if (s->src.st)
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	return im_rows_end(&s->src) ? im_rows_flush(s, &s->src, SOURCES_HEAD, err) : IM_OK;
}

static im_status put_sources(im_store *s, const im_incident *inc, im_error *err)
{
	im_buf b = IM_BUF_INIT;
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < inc->n_sources; i++) {
		const im_source *src = &inc->sources[i];
		if (!src->id && !src->url && !src->file)
			continue; /* a report with no name */
		if (!s->pg) {
			st = hold_source(s, inc, src, err);
			continue;
		}
		im_buf_reset(&b);
		if ((st = im_store_source_key(src, &b))) {
			st = im_error_set(err, st, s->path, 0, 0, "out of memory");
			break;
		}
		const char *v[3] = {inc->id, b.p, src->text_hash[0] ? src->text_hash : NULL};
		st = im_store_query(s, "INSERT INTO @sources (incident_id, source_key, text_hash) "
				       "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
				    3, v, NULL, NULL, err);
	}
	im_buf_free(&b);
	return st;
}

/* Applies the corrections in force for inc's id. */
static im_status apply_row(void *ctx, int ncols, const char *const *cells)
{
	return ncols == 2 ? im_store_apply_field(ctx, cells[0], cells[1]) : IM_E_PARSE;
}

static im_status apply_corrections(im_store *s, im_incident *inc, im_error *err)
{
	if (s->pg) {
		const char *v[1] = {inc->id};
		im_status st = im_store_query(s, "SELECT field, new_value FROM @corrections WHERE "
						 "incident_id = ?1 AND undone = 0 ORDER BY seq",
					      1, v, apply_row, inc, err);
		return st == IM_E_PARSE ? im_error_set(err, st, s->path, 0, 0,
						       "incident %s: a correction cannot be applied",
						       inc->id)
					: st;
	}
	sqlite3_stmt *q = stmt(s, STMT_CORRECTIONS, err);
	if (!q)
		return IM_E_IO;
	bind_text(q, 1, inc->id);
	im_status st = IM_OK;
	int rc;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW)
		st = im_store_apply_field(inc, (const char *)sqlite3_column_text(q, 0),
					  (const char *)sqlite3_column_text(q, 1));
	if (!st && rc != SQLITE_DONE)
		st = im_store_sql_error(s, err, "cannot read the corrections");
	else if (st)
		st = im_error_set(err, st, s->path, 0, 0, "incident %s: a correction cannot be applied",
				  inc->id);
	sqlite3_reset(q);
	return st;
}

static int is_deleted(im_store *s, const char *id)
{
	if (s->pg) {
		int found = 0;
		const char *v[1] = {id};
		return !im_store_query(s, "SELECT 1 FROM @deleted WHERE id = ?1", 1, v, found_row,
				       &found, NULL) &&
		       found;
	}
	sqlite3_stmt *q = stmt(s, STMT_IS_DELETED, NULL);
	if (!q)
		return 0;
	bind_text(q, 1, id);
	int found = sqlite3_step(q) == SQLITE_ROW;
	sqlite3_reset(q);
	return found;
}

/* The statement which with inc bound to it; NULL with err set. */
static sqlite3_stmt *bound_row(im_store *s, int which, const im_incident *inc, im_error *err)
{
	sqlite3_stmt *q = stmt(s, which, err);
	if (!q)
		return NULL;
	im_rows_clear(&s->row);
	incident_row(&s->row, inc);
	if (s->row.st) {
		im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
		return NULL;
	}
	im_rows_bind(&s->row, q, 0, 1);
	return q;
}

static im_status write_row(im_store *s, int which, const im_incident *inc, im_error *err)
{
	sqlite3_stmt *q = bound_row(s, which, inc, err);
	if (!q)
		return IM_E_IO;
	im_status st = sqlite3_step(q) == SQLITE_DONE ? IM_OK
						      : im_store_sql_error(s, err, "cannot write");
	sqlite3_reset(q);
	return st;
}

static void widen_box(im_store *s, const im_incident *inc)
{
	if (inc->has_point) {
		s->box[0] = fmin(s->box[0], inc->lon);
		s->box[1] = fmax(s->box[1], inc->lon);
		s->box[2] = fmin(s->box[2], inc->lat);
		s->box[3] = fmax(s->box[3], inc->lat);
	}
}

/* Into a store that held nothing at the start of the transaction: held,
 * to go in with the next IM_STORE_BATCH, no look-ups. */
static im_status hold(im_store *s, const im_incident *inc, im_error *err)
{
	size_t i = s->batch.n;
	incident_row(&s->batch, inc);
	if (s->batch.st)
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	s->batch_pt[i].has = inc->has_point;
	s->batch_pt[i].lon = inc->lon;
	s->batch_pt[i].lat = inc->lat;
	widen_box(s, inc);
	return im_rows_end(&s->batch) ? flush_batch(s, err) : IM_OK;
}

/* im_store_put once the corrections are on inc. */
static im_status put_corrected(im_store *s, const im_incident *inc, im_error *err)
{
	im_status st;
	if (!s->pg && s->fresh)
		return (st = hold(s, inc, err)) ? st : put_sources(s, inc, err);
	if (!s->pg)
		im_gpkg_rtree_stale(s);
	int del = is_deleted(s, inc->id);
	if (s->pg)
		return (st = im_pgs_write(s, inc, del, err)) ? st : put_sources(s, inc, err);
	if ((st = write_row(s, del ? STMT_UPSERT_DEL : STMT_UPDATE, inc, err)))
		return st;
	if (!del && sqlite3_changes(s->db) == 0 && (st = write_row(s, STMT_INSERT, inc, err)))
		return st;
	if (!st)
		widen_box(s, inc);
	return st ? st : put_sources(s, inc, err);
}

im_status im_store_put(im_store *s, const im_incident *inc, im_error *err)
{
	if (!inc->id)
		return im_error_set(err, IM_E_RANGE, s->path, 0, 0, "an incident without an id");
	if (!s->has_corrections) /* nothing to put on top: inc as it is */
		return put_corrected(s, inc, err);
	im_incident copy;
	if (im_incident_copy(&copy, inc))
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	im_status st = apply_corrections(s, &copy, err);
	st = st ? st : put_corrected(s, &copy, err);
	im_incident_clear(&copy);
	return st;
}

struct im_store_many {
	im_store *s;
	im_pg_writer *pg; /* PostgreSQL: the COPY */
};

im_status im_store_many_begin(im_store *s, im_store_many **out, im_error *err)
{
	im_store_many *m = calloc(1, sizeof *m);
	if (!m)
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	m->s = s;
	im_status st = s->pg ? im_pg_writer_on(s, &m->pg, err) : IM_OK;
	if (st) {
		free(m);
		m = NULL;
	}
	*out = m;
	return st;
}

im_status im_store_many_put(im_store_many *m, const im_incident *inc, im_error *err)
{
	return m->pg ? im_pg_writer_add(m->pg, inc, err) : im_store_put(m->s, inc, err);
}

im_status im_store_many_end(im_store_many *m, im_error *err)
{
	im_status st = m->pg ? im_pg_writer_finish(m->pg, err) : IM_OK;
	free(m);
	return st;
}

void im_store_many_abort(im_store_many *m)
{
	if (m)
		im_pg_writer_abort(m->pg);
	free(m);
}

im_status im_store_drop(im_store *s, const char *id, im_error *err)
{
	if (s->pg) {
		const char *v[1] = {id};
		return im_store_query(s, "DELETE FROM @incidents WHERE id = ?1", 1, v, NULL, NULL,
				      err);
	}
	im_status st = im_store_flush(s, err);
	if (st)
		return st;
	im_gpkg_rtree_stale(s);
	sqlite3_stmt *q = im_store_prepare(s, "DELETE FROM incidents WHERE id = ?1", err);
	if (!q)
		return IM_E_IO;
	bind_text(q, 1, id);
	st = sqlite3_step(q) == SQLITE_DONE ? IM_OK : im_store_sql_error(s, err, "cannot write");
	sqlite3_finalize(q);
	return st;
}

/* ---- reading ---------------------------------------------------------------------------- */

static im_status load_query(im_store *s, sqlite3_stmt *q, im_incident_list *l, im_error *err)
{
	im_incident inc;
	im_incident_init(&inc);
	im_status st = IM_OK;
	int rc;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		st = im_store_row(s, q, &inc, err);
		if (!st && im_list_push(l, &inc))
			st = im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	if (!st && rc != SQLITE_DONE)
		st = im_store_sql_error(s, err, "cannot read");
	im_incident_clear(&inc);
	return st;
}

im_status im_store_load_window(im_store *s, im_date from, im_date to, im_incident_list *l,
			       im_error *err)
{
	if (s->pg) {
		char a[11], b[11];
		im_date_format(from, a);
		im_date_format(to, b);
		const char *v[2] = {a, b};
		im_status st = im_pgs_load(s, "FROM @incidents WHERE event_date BETWEEN $1 AND $2 "
					      "OR event_date IS NULL",
					   2, v, l, err);
		return st ? st
			  : im_pgs_load(s, "FROM @deleted WHERE event_date BETWEEN $1 AND $2 OR "
					   "event_date IS NULL",
					2, v, l, err);
	}
	if (im_store_flush(s, err))
		return IM_E_IO;
	sqlite3_stmt *q = im_store_prepare(
		s,
		"SELECT " IM_STORE_COLS " FROM incidents WHERE event_date BETWEEN ?1 AND ?2 OR "
		"event_date IS NULL UNION ALL SELECT " IM_STORE_COLS " FROM incimap_deleted "
		"WHERE event_date BETWEEN ?1 AND ?2 OR event_date IS NULL",
		err);
	if (!q)
		return IM_E_IO;
	char a[11], b[11];
	im_date_format(from, a);
	im_date_format(to, b);
	sqlite3_bind_text(q, 1, a, 10, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, b, 10, SQLITE_STATIC);
	im_status st = load_query(s, q, l, err);
	sqlite3_finalize(q);
	return st;
}

static im_status pg_get(im_store *s, const char *id, int deleted, im_incident *inc,
			im_error *err)
{
	im_incident_list l = {0};
	const char *v[1] = {id};
	im_status st = im_pgs_load(s, deleted ? "FROM @deleted WHERE id = $1"
					      : "FROM @incidents WHERE id = $1",
				   1, v, &l, err);
	if (!st && !l.n)
		st = im_error_set(err, IM_E_NOTFOUND, s->path, 0, 0, "no incident %s%s", id,
				  deleted ? " was deleted" : "");
	if (!st) {
		im_incident_clear(inc);
		*inc = l.v[0];
		im_incident_init(&l.v[0]);
	}
	im_list_clear(&l);
	return st;
}

im_status im_store_get(im_store *s, const char *id, int deleted, im_incident *inc,
		       im_error *err)
{
	if (s->pg)
		return pg_get(s, id, deleted, inc, err);
	if (im_store_flush(s, err))
		return IM_E_IO;
	sqlite3_stmt *q = im_store_prepare(
		s,
		deleted ? "SELECT " IM_STORE_COLS " FROM incimap_deleted WHERE id = ?1"
			: "SELECT " IM_STORE_COLS " FROM incidents WHERE id = ?1",
		err);
	if (!q)
		return IM_E_IO;
	bind_text(q, 1, id);
	int rc = sqlite3_step(q);
	im_status st = rc == SQLITE_ROW    ? im_store_row(s, q, inc, err)
		       : rc == SQLITE_DONE ? im_error_set(err, IM_E_NOTFOUND, s->path, 0, 0,
							  "no incident %s%s", id,
							  deleted ? " was deleted" : "")
					   : im_store_sql_error(s, err, "cannot read");
	sqlite3_finalize(q);
	return st;
}

static im_status count_row(void *ctx, int ncols, const char *const *cells)
{
	*(long long *)ctx = ncols == 1 && cells[0] ? atoll(cells[0]) : 0;
	return IM_OK;
}

im_status im_store_count(im_store *s, long long *n, im_error *err)
{
	if (s->pg)
		return im_store_query(s, "SELECT count(*) FROM @incidents", 0, NULL, count_row, n,
				      err);
	if (im_store_flush(s, err))
		return IM_E_IO;
	sqlite3_stmt *q = im_store_prepare(s, "SELECT count(*) FROM incidents", err);
	if (!q)
		return IM_E_IO;
	im_status st = sqlite3_step(q) == SQLITE_ROW ? IM_OK
						     : im_store_sql_error(s, err, "cannot read");
	*n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return st;
}

struct im_store_cursor {
	im_store *s;
	im_pgs_cursor *pg;
	sqlite3_stmt *q;
	int filtered;
	size_t n_read, left_out;
};

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* The WHERE clause for f: every condition keeps at least what the filter
 * keeps (NOCASE where it compares case-insensitively, the R-tree's boxes
 * rounded outwards); a province with non-ASCII letters, which NOCASE would
 * not fold, is left to im_filter_match. Parameters are bound in order by
 * bind_filter. */
static im_status filter_sql(const im_filter *f, im_buf *b)
{
	im_status st = im_buf_puts(b, " WHERE 1");
	if (f->since.y)
		st = st ? st : im_buf_puts(b, " AND event_date >= ?");
	if (f->until.y)
		st = st ? st : im_buf_puts(b, " AND event_date <= ?");
	if (f->n_types) {
		st = st ? st : im_buf_puts(b, " AND (0");
		for (size_t i = 0; !st && i < f->n_types; i++)
			st = im_buf_puts(b, " OR event_type = ? COLLATE NOCASE OR sub_event_type = ? "
					    "COLLATE NOCASE");
		st = st ? st : im_buf_putc(b, ')');
	}
	if (f->n_countries) {
		st = st ? st : im_buf_puts(b, " AND country COLLATE NOCASE IN (?");
		for (size_t i = 1; !st && i < f->n_countries; i++)
			st = im_buf_puts(b, ", ?");
		st = st ? st : im_buf_putc(b, ')');
	}
	if (f->admin1 && ascii(f->admin1))
		st = st ? st : im_buf_puts(b, " AND admin1 = ? COLLATE NOCASE");
	if (f->min_fatalities != IM_NULL_INT)
		st = st ? st : im_buf_puts(b, " AND coalesce(fatalities, 0) >= ?");
	if (f->has_bbox)
		st = st ? st : im_buf_printf(b, " AND fid IN (SELECT id FROM rtree_incidents_geom "
						"WHERE maxy >= ? AND miny <= ? AND %s)",
					     f->w <= f->e ? "maxx >= ? AND minx <= ?"
							  : "(maxx >= ? OR minx <= ?)");
	return st;
}

static void bind_filter(sqlite3_stmt *q, const im_filter *f)
{
	int i = 1;
	char d[11];
	if (f->since.y) {
		im_date_format(f->since, d);
		sqlite3_bind_text(q, i++, d, 10, SQLITE_TRANSIENT);
	}
	if (f->until.y) {
		im_date_format(f->until, d);
		sqlite3_bind_text(q, i++, d, 10, SQLITE_TRANSIENT);
	}
	for (size_t k = 0; k < f->n_types; k++) {
		sqlite3_bind_text(q, i++, f->types[k], -1, SQLITE_STATIC);
		sqlite3_bind_text(q, i++, f->types[k], -1, SQLITE_STATIC);
	}
	for (size_t k = 0; k < f->n_countries; k++)
		sqlite3_bind_text(q, i++, f->countries[k], -1, SQLITE_STATIC);
	if (f->admin1 && ascii(f->admin1))
		sqlite3_bind_text(q, i++, f->admin1, -1, SQLITE_STATIC);
	if (f->min_fatalities != IM_NULL_INT)
		sqlite3_bind_int(q, i++, f->min_fatalities);
	if (f->has_bbox) {
		sqlite3_bind_double(q, i++, f->s);
		sqlite3_bind_double(q, i++, f->n);
		sqlite3_bind_double(q, i++, f->w);
		sqlite3_bind_double(q, i++, f->e);
	}
}

/* Whether the cursor reads f's incidents through the date index: with a
 * date bound and no box (the R-tree reads a box). SQLite, with no
 * statistics, would rather walk the whole table in fid order than read an
 * open range of dates (--since alone) and sort it; ordering by +fid, which
 * no index gives, lets the date index win. */
static int by_date(const im_filter *f)
{
	return f && (f->since.y || f->until.y) && !f->has_bbox;
}

im_status im_store_cursor_open(im_store *s, const im_filter *f, im_store_cursor **out,
			       im_error *err)
{
	*out = NULL;
	im_store_cursor *c = calloc(1, sizeof *c);
	if (c && s->pg) {
		c->s = s;
		im_status st = im_pgs_cursor_open(s, f, &c->pg, err);
		if (st)
			free(c);
		else
			*out = c;
		return st;
	}
	if (im_store_flush(s, err)) {
		free(c);
		return IM_E_IO;
	}
	im_buf sql = IM_BUF_INIT;
	im_status st = c ? im_buf_puts(&sql, "SELECT " IM_STORE_COLS " FROM incidents") : IM_E_NOMEM;
	if (!st)
		c->filtered = f && im_filter_active(f);
	if (!st && c->filtered)
		st = filter_sql(f, &sql);
	st = st ? st : im_buf_puts(&sql, by_date(c->filtered ? f : NULL) ? " ORDER BY +fid"
									: " ORDER BY fid");
	if (st) {
		free(c);
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, s->path, 0, 0, "out of memory");
	}
	c->s = s;
	c->q = im_store_prepare(s, sql.p, err);
	im_buf_free(&sql);
	if (!c->q) {
		free(c);
		return IM_E_IO;
	}
	if (c->filtered)
		bind_filter(c->q, f);
	*out = c;
	return IM_OK;
}

size_t im_store_cursor_left_out(const im_store_cursor *c)
{
	if (c && c->pg)
		return im_pgs_cursor_left_out(c->pg);
	return c ? c->left_out : 0;
}

im_status im_store_cursor_next(im_store_cursor *c, im_incident *inc, int *done, im_error *err)
{
	if (c->pg)
		return im_pgs_cursor_next(c->pg, inc, done, err);
	*done = 0;
	int rc = sqlite3_step(c->q);
	if (rc == SQLITE_DONE) {
		*done = 1;
		long long n = (long long)c->n_read;
		if (c->filtered && !im_store_count(c->s, &n, err) && n > (long long)c->n_read)
			c->left_out = (size_t)(n - (long long)c->n_read);
		return IM_OK;
	}
	if (rc != SQLITE_ROW)
		return im_store_sql_error(c->s, err, "cannot read");
	c->n_read++;
	return im_store_row(c->s, c->q, inc, err);
}

void im_store_cursor_free(im_store_cursor *c)
{
	if (!c)
		return;
	im_pgs_cursor_free(c->pg);
	sqlite3_finalize(c->q);
	free(c);
}
