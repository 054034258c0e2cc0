/* pg.c: many incidents at once into the PostgreSQL store (store_pg.c), as
 * convert and the other writers send them: COPY into a staging table, then
 * in one statement each into the table replacing the one of the same id,
 * with what the GeoPackage's im_store_put does row by row: an id deleted by
 * the analyst stays deleted, the reports are recorded, the corrections in
 * force are applied again. Into an empty table (nothing stored, deleted,
 * corrected or read yet) the rows go straight in by COPY, the reports by a
 * second COPY, with the indexes and keys dropped for the load and made
 * again at its end, in one sorted pass each. One transaction. The rows
 * travel in COPY's binary format (pgcopy.c), so the server parses no text,
 * and are sent by a thread of their own (sender) while the next ones are
 * encoded, so the server's work on a chunk overlaps the client's on the
 * next instead of waiting for it. */
#include "store_int.h"
#include "pg.h"
#include "pgcopy.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_CHUNK (256 << 10) /* bytes of rows handed to the sender at once */

/* The thread that sends the rows of the COPY under way: the encoder hands
 * it a full buffer and goes on with an empty one while it is sent. Only
 * one thread uses the connection at a time: the sender while busy or
 * running, the writer's once it is stopped. */
typedef struct sender {
	pthread_t t;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	PGconn *conn;
	im_buf out;  /* being sent while busy */
	int running; /* the thread exists */
	int busy;    /* out is being sent */
	int quit;
	int failed; /* PQputCopyData failed: the connection's message says why */
} sender;

struct im_pg_writer {
	im_store *s;
	PGconn *conn;
	im_buf row;
	int own;    /* the writer opened s (else it writes in its caller's transaction) */
	int fresh;  /* into an empty table: COPY into it, indexes after */
	im_buf src; /* the reports' rows, for their COPY at the end */
	int jsonb[2]; /* actors, sources: jsonb columns (else json or text) */
	im_buf tmp;   /* a row's JSON, a report's key */
	size_t n;
	sender snd;
};

static im_status pg_error(im_pg_writer *w, im_error *err, const char *what)
{
	const char *m = PQerrorMessage(w->conn);
	size_t n = strcspn(m, "\n");
	return im_error_set(err, IM_E_IO, im_store_path(w->s), 0, 0, "%s: %.*s", what, (int)n, m);
}

/* Sends b whole into the COPY under way; 0 on failure. */
static int put_all(PGconn *conn, const im_buf *b)
{
	for (size_t at = 0, n; at < b->len; at += n) {
		n = b->len - at < COPY_CHUNK ? b->len - at : COPY_CHUNK;
		if (PQputCopyData(conn, b->p + at, (int)n) != 1)
			return 0;
	}
	return 1;
}

static void *sender_main(void *arg)
{
	sender *d = arg;
	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (!d->busy && !d->quit)
			pthread_cond_wait(&d->cv, &d->mu);
		if (!d->busy)
			break;
		pthread_mutex_unlock(&d->mu);
		int ok = d->failed || put_all(d->conn, &d->out); /* after a failure: dropped */
		pthread_mutex_lock(&d->mu);
		d->failed |= !ok;
		im_buf_reset(&d->out);
		d->busy = 0;
		pthread_cond_broadcast(&d->cv);
	}
	pthread_mutex_unlock(&d->mu);
	return NULL;
}

static im_status sender_start(im_pg_writer *w, im_error *err)
{
	sender *d = &w->snd;
	d->conn = w->conn;
	if (pthread_mutex_init(&d->mu, NULL))
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "cannot start a thread");
	if (pthread_cond_init(&d->cv, NULL)) {
		pthread_mutex_destroy(&d->mu);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "cannot start a thread");
	}
	if (pthread_create(&d->t, NULL, sender_main, d)) {
		pthread_cond_destroy(&d->cv);
		pthread_mutex_destroy(&d->mu);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "cannot start a thread");
	}
	d->running = 1;
	return IM_OK;
}

/* Hands b's bytes to the sender (once it has sent the ones before) and
 * gives b back empty; 0 when the sending failed. */
static int sender_hand(sender *d, im_buf *b)
{
	pthread_mutex_lock(&d->mu);
	while (d->busy)
		pthread_cond_wait(&d->cv, &d->mu);
	int ok = !d->failed;
	if (ok) {
		im_buf t = d->out;
		d->out = *b;
		*b = t;
		d->busy = 1;
		pthread_cond_broadcast(&d->cv);
	}
	pthread_mutex_unlock(&d->mu);
	return ok;
}

/* Ends the thread once it has sent what it was given; 0 when it failed. */
static int sender_stop(sender *d)
{
	if (!d->running)
		return !d->failed;
	pthread_mutex_lock(&d->mu);
	d->quit = 1;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mu);
	pthread_join(d->t, NULL);
	pthread_cond_destroy(&d->cv);
	pthread_mutex_destroy(&d->mu);
	d->running = 0;
	im_buf_free(&d->out);
	return !d->failed;
}

static void writer_free(im_pg_writer *w)
{
	if (!w)
		return;
	sender_stop(&w->snd);
	if (w->own)
		im_store_close(w->s); /* an open transaction is rolled back */
	im_buf_free(&w->row);
	im_buf_free(&w->src);
	im_buf_free(&w->tmp);
	free(w);
}

/* Runs the statements of list (in the store's SQL), one by one. */
static im_status run_all(im_pg_writer *w, const char *const *list, size_t n, im_error *err)
{
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < n; i++)
		st = im_store_query(w->s, list[i], 0, NULL, NULL, NULL, err);
	return st;
}

static const char *const make_stage[] = {
    ("CREATE TEMP TABLE incimap_stage ON COMMIT DROP AS SELECT " IM_STORE_COLS
     " FROM @incidents WITH NO DATA"),
    "ALTER TABLE incimap_stage ADD COLUMN ord bigserial",
    ("CREATE TEMP TABLE incimap_stage_src ON COMMIT DROP AS SELECT incident_id, source_key, "
     "text_hash FROM @sources WITH NO DATA"),
};

/* What a load into an empty table does without (made again at its end). */
static const char *const drop_for_load[] = {
	"ALTER TABLE @incidents DROP CONSTRAINT IF EXISTS @pkey",
	"ALTER TABLE @incidents DROP CONSTRAINT IF EXISTS @id_key",
	"DROP INDEX IF EXISTS @geom_idx",
	"DROP INDEX IF EXISTS @event_date_idx",
	"ALTER TABLE @sources DROP CONSTRAINT IF EXISTS @sources_pkey",
	"DROP INDEX IF EXISTS @sources_key_idx", /* an older table's: its key now leads */
	"DROP INDEX IF EXISTS @sources_text_idx",
};

static im_status is_true(void *ctx, int ncols, const char *const *cells)
{
	*(int *)ctx = ncols == 1 && cells[0] && cells[0][0] == 't';
	return IM_OK;
}

static im_status start_copy(im_pg_writer *w, const char *tmpl, im_error *err)
{
	im_buf sql = IM_BUF_INIT;
	if (im_store_sql(w->s, tmpl, &sql)) {
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	PGresult *r = PQexec(w->conn, sql.p);
	im_buf_free(&sql);
	im_status st = PQresultStatus(r) == PGRES_COPY_IN ? IM_OK
							  : pg_error(w, err, "cannot start COPY");
	PQclear(r);
	im_buf h = IM_BUF_INIT;
	if (!st && im_pgcopy_header(&h))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st && PQputCopyData(w->conn, h.p, (int)h.len) != 1)
		st = pg_error(w, err, "COPY failed");
	im_buf_free(&h);
	return st;
}

/* Each column and the type the binary COPY writes into it ("json": json,
 * jsonb or text), in IM_STORE_COLS's order. */
static const struct {
	const char *name, *type;
} cols[19] = {
	{"geom", "geometry"},	    {"id", "text"},	       {"event_date", "date"},
	{"time_precision", "integer"}, {"date_text", "text"},     {"event_type", "text"},
	{"sub_event_type", "text"},    {"place", "text"},	       {"place_text", "text"},
	{"admin1", "text"},	       {"country", "text"},       {"geo_precision", "integer"},
	{"gazetteer_id", "text"},      {"fatalities", "integer"}, {"injuries", "integer"},
	{"actors", "json"},	       {"sources", "json"},       {"notes", "text"},
	{"confidence", "double precision"},
};

typedef struct col_check {
	im_pg_writer *w;
	im_error *err;
	int seen;
} col_check;

static int type_fits(const char *want, const char *type)
{
	if (!strcmp(want, "text"))
		return !strcmp(type, "text") || !strcmp(type, "character varying");
	if (!strcmp(want, "json"))
		return !strcmp(type, "json") || !strcmp(type, "jsonb") || !strcmp(type, "text");
	return !strcmp(want, type);
}

/* One column of the table (name, type): refused when the COPY would write
 * another type into it; the JSON columns' kind noted. */
static im_status check_col(void *ctx, int ncols, const char *const *cells)
{
	col_check *c = ctx;
	if (ncols != 2 || !cells[0] || !cells[1])
		return IM_OK;
	for (int i = 0; i < 19; i++) {
		if (strcmp(cols[i].name, cells[0]))
			continue;
		c->seen++;
		if (!type_fits(cols[i].type, cells[1]))
			return im_error_set(c->err, IM_E_PARSE, im_store_path(c->w->s), 0, 0,
					    "column %s is %s, where incimap writes %s", cells[0],
					    cells[1], cols[i].type);
		if (i == 15 || i == 16)
			c->w->jsonb[i - 15] = !strcmp(cells[1], "jsonb");
	}
	return IM_OK;
}

/* The table's columns have the types the binary COPY writes (a table made
 * by incimap has; one altered by hand may not). */
static im_status check_columns(im_pg_writer *w, im_error *err)
{
	col_check c = {w, err, 0};
	im_status st = im_store_query(
		w->s,
		"SELECT attname, format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = "
		"'@incidents'::regclass AND attnum > 0 AND NOT attisdropped",
		0, NULL, check_col, &c, err);
	if (!st && c.seen != 19)
		st = im_error_set(err, IM_E_PARSE, im_store_path(w->s), 0, 0,
				  "the table lacks some of incimap's columns");
	return st;
}

/* Into an empty table with no corrections, deleted ids or reports: the
 * load, else the staging table. */
static im_status prepare(im_pg_writer *w, im_error *err)
{
	im_status st = check_columns(w, err);
	if (!st && !w->s->has_corrections)
		st = im_store_query(w->s,
				    "SELECT NOT EXISTS (SELECT 1 FROM @incidents) AND NOT EXISTS "
				    "(SELECT 1 FROM @deleted) AND NOT EXISTS (SELECT 1 FROM @sources)",
				    0, NULL, is_true, &w->fresh, err);
	if (!st && w->fresh)
		st = run_all(w, drop_for_load, sizeof drop_for_load / sizeof *drop_for_load, err);
	else if (!st)
		st = run_all(w, make_stage, sizeof make_stage / sizeof *make_stage, err);
	st = st ? st
	        : start_copy(w,
	                     w->fresh ? "COPY @incidents (fid, " IM_STORE_COLS
	                                ") FROM STDIN (FORMAT binary)"
	                              : "COPY incimap_stage (" IM_STORE_COLS
	                                ") FROM STDIN (FORMAT binary)",
	                     err);
	return st ? st : sender_start(w, err);
}

im_status im_pg_writer_open(const char *target, im_pg_writer **out, im_error *err)
{
	*out = NULL;
	im_pg_writer *w = calloc(1, sizeof *w);
	if (!w)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	w->own = 1;
	im_status st = im_store_open(target, 1, &w->s, err);
	st = st ? st : im_store_begin(w->s, err);
	if (!st) {
		w->conn = im_pgs_conn(w->s);
		st = prepare(w, err);
	}
	if (st) {
		writer_free(w);
		return st;
	}
	*out = w;
	return IM_OK;
}

im_status im_pg_writer_on(im_store *s, im_pg_writer **out, im_error *err)
{
	*out = NULL;
	im_pg_writer *w = calloc(1, sizeof *w);
	if (!w)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	w->s = s;
	w->conn = im_pgs_conn(s);
	im_status st = prepare(w, err);
	if (st) {
		writer_free(w);
		return st;
	}
	*out = w;
	return IM_OK;
}

/* One incident as a row of the binary COPY, its columns IM_STORE_COLS,
 * after fid when fid is not 0 (j: a buffer for its JSON, reused). */
static im_status copy_row(im_buf *b, const im_incident *inc, const int jsonb[2], long long fid,
			 im_buf *j)
{
	im_status st = im_pgcopy_row(b, fid ? 20 : 19);
	st = st || !fid ? st : im_pgcopy_int8(b, fid);
	if (!st)
		st = inc->has_point ? im_pgcopy_point(b, inc->lon, inc->lat) : im_pgcopy_null(b);
	st = st ? st : im_pgcopy_text(b, inc->id);
	st = st ? st : im_pgcopy_date(b, inc->event_date);
	st = st ? st : im_pgcopy_int4(b, inc->time_precision, 0);
	st = st ? st : im_pgcopy_text(b, inc->date_text);
	st = st ? st : im_pgcopy_text(b, inc->event_type);
	st = st ? st : im_pgcopy_text(b, inc->sub_event_type);
	st = st ? st : im_pgcopy_text(b, inc->place);
	st = st ? st : im_pgcopy_text(b, inc->place_text);
	st = st ? st : im_pgcopy_text(b, inc->admin1);
	st = st ? st : im_pgcopy_text(b, inc->country);
	st = st ? st : im_pgcopy_int4(b, inc->geo_precision, 0);
	st = st ? st : im_pgcopy_text(b, inc->gazetteer_id);
	st = st ? st : im_pgcopy_int4(b, inc->fatalities, inc->fatalities == IM_NULL_INT);
	st = st ? st : im_pgcopy_int4(b, inc->injuries, inc->injuries == IM_NULL_INT);
	im_buf_reset(j);
	st = st ? st : im_store_actors_json(j, inc);
	st = st ? st : im_pgcopy_json(b, j->p, jsonb[0]);
	im_buf_reset(j);
	st = st ? st : im_io_sources_to_json(j, inc);
	st = st ? st : im_pgcopy_json(b, j->p, jsonb[1]);
	st = st ? st : im_pgcopy_text(b, inc->notes);
	return st ? st : im_pgcopy_float8(b, inc->confidence);
}

/* The reports of inc as rows of the reports' binary COPY (incident_id,
 * source_key, text_hash), keyed as store.c keys them (key: a buffer for
 * the key, reused). */
static im_status source_rows(im_buf *b, const im_incident *inc, im_buf *key)
{
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < inc->n_sources; i++) {
		const im_source *src = &inc->sources[i];
		im_buf_reset(key);
		if ((st = im_store_source_key(src, key))) {
			st = st == IM_E_NOTFOUND ? IM_OK : st; /* a report with no name */
			continue;
		}
		st = im_pgcopy_row(b, 3);
		st = st ? st : im_pgcopy_text(b, inc->id);
		st = st ? st : im_pgcopy_text(b, key->p);
		st = st ? st : im_pgcopy_text(b, src->text_hash[0] ? src->text_hash : NULL);
	}
	return st;
}

/* Sends b's rows (by the sender while it runs) and empties b. */
static im_status send_rows(im_pg_writer *w, im_buf *b, im_error *err)
{
	int ok = w->snd.running ? sender_hand(&w->snd, b) : put_all(w->conn, b);
	im_buf_reset(b);
	return ok ? IM_OK : pg_error(w, err, "COPY failed");
}

/* Ends the COPY under way: b's rows, the trailer, and the server's answer. */
static im_status end_copy(im_pg_writer *w, im_buf *b, im_error *err)
{
	if (im_pgcopy_trailer(b))
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_status st = send_rows(w, b, err);
	if (!sender_stop(&w->snd) && !st)
		st = pg_error(w, err, "COPY failed");
	if (!st && PQputCopyEnd(w->conn, NULL) != 1)
		st = pg_error(w, err, "COPY failed");
	for (PGresult *r; !st && (r = PQgetResult(w->conn));) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			st = pg_error(w, err, "COPY failed");
		PQclear(r);
	}
	return st;
}

im_status im_pg_writer_add(im_pg_writer *w, const im_incident *inc, im_error *err)
{
	im_status st = im_io_check(inc, im_store_path(w->s), w->n + 1, err);
	if (st)
		return st;
	long long fid = w->fresh ? (long long)w->n + 1 : 0; /* the load numbers its rows */
	if (copy_row(&w->row, inc, w->jsonb, fid, &w->tmp) || source_rows(&w->src, inc, &w->tmp))
		return im_error_set(err, IM_E_NOMEM, im_store_path(w->s), 0, 0, "out of memory");
	w->n++;
	return w->row.len >= COPY_CHUNK ? send_rows(w, &w->row, err) : IM_OK;
}

/* From the staging table into the store, in the order im_store_put keeps:
 * the reports recorded (keyed as store.c keys them), ids the analyst
 * deleted into the deleted table, the rest into the table, new ids
 * inserted and known ones replaced. */
static const char *const from_stage[] = {
    "INSERT INTO @sources (incident_id, source_key, text_hash) SELECT incident_id, "
    "source_key, text_hash FROM incimap_stage_src ON CONFLICT DO NOTHING",
    "INSERT INTO @deleted (" IM_STORE_COLS ") SELECT DISTINCT ON (id) " IM_STORE_COLS
    " FROM incimap_stage WHERE id IN (SELECT id FROM @deleted) ORDER BY id, ord DESC ON "
    "CONFLICT (id) DO UPDATE SET " IM_PG_UPDATE_SET,
    /* the last of an id, in the order they came (the GeoPackage's order) */
    "INSERT INTO @incidents (" IM_STORE_COLS ") SELECT " IM_STORE_COLS " FROM (SELECT "
    "DISTINCT ON (id) * FROM incimap_stage WHERE id NOT IN (SELECT id FROM @deleted) ORDER "
    "BY id, ord DESC) last ORDER BY ord ON CONFLICT (id) DO UPDATE SET " IM_PG_UPDATE_SET,
};

/* The reports' rows held (source_rows) into table (in the store's SQL), by COPY. */
static im_status copy_sources(im_pg_writer *w, const char *table, im_error *err)
{
	if (!w->src.len)
		return IM_OK;
	im_buf sql = IM_BUF_INIT;
	if (im_buf_printf(&sql,
	                  "COPY %s (incident_id, source_key, text_hash) FROM STDIN (FORMAT binary)",
	                  table)) {
		im_buf_free(&sql);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	im_status st = start_copy(w, sql.p, err);
	im_buf_free(&sql);
	return st ? st : end_copy(w, &w->src, err);
}

typedef struct again {
	im_store *s;
	im_error *err;
} again;

/* A corrected incident just replaced: written again, corrections on top. */
static im_status correct_again(void *ctx, int ncols, const char *const *cells)
{
	again *a = ctx;
	if (ncols != 1 || !cells[0])
		return IM_OK;
	im_incident inc;
	im_incident_init(&inc);
	im_status st = im_store_get(a->s, cells[0], 0, &inc, NULL);
	if (st == IM_E_NOTFOUND)
		st = im_store_get(a->s, cells[0], 1, &inc, a->err);
	st = st ? st : im_store_put(a->s, &inc, a->err);
	im_incident_clear(&inc);
	return st;
}

static im_status merge_stage(im_pg_writer *w, im_error *err)
{
	im_status st = copy_sources(w, "incimap_stage_src", err);
	for (size_t i = 0; !st && i < sizeof from_stage / sizeof *from_stage; i++)
		st = im_store_query(w->s, from_stage[i], 0, NULL, NULL, NULL, err);
	again a = {w->s, err};
	if (!st && w->s->has_corrections)
		st = im_store_query(w->s,
				    "SELECT DISTINCT incident_id FROM @corrections WHERE undone = 0 "
				    "AND incident_id IN (SELECT id FROM incimap_stage)",
				    0, NULL, correct_again, &a, err);
	return st;
}

/* A key made again after the load; when the load holds an id (or a
 * report of an id) twice, the earlier rows go first, as the staging
 * table's merge would have it: the last of an id wins. */
static im_status add_key(im_pg_writer *w, const char *add, const char *dedup, im_error *err)
{
	im_error ignored;
	im_status st = im_store_query(w->s, "SAVEPOINT incimap_key", 0, NULL, NULL, NULL, err);
	if (st || !im_store_query(w->s, add, 0, NULL, NULL, NULL, &ignored))
		return st;
	const char *const retry[] = {"ROLLBACK TO SAVEPOINT incimap_key", dedup, add};
	return run_all(w, retry, 3, err);
}

static const char *const index_after_load[] = {
	"ALTER TABLE @incidents ADD CONSTRAINT @pkey PRIMARY KEY (fid)",
	"CREATE INDEX @geom_idx ON @incidents USING gist (geom)",
	"CREATE INDEX @event_date_idx ON @incidents (event_date)",
	"CREATE INDEX @sources_text_idx ON @sources (text_hash) WHERE text_hash IS NOT NULL",
};

/* The end of a load into an empty table: the reports, the keys, the indexes. */
static im_status finish_load(im_pg_writer *w, im_error *err)
{
	char n[32];
	snprintf(n, sizeof n, "%zu", w->n);
	const char *param[1] = {n};
	/* the fids the rows came with, the next one the sequence's */
	im_status st = w->n ? im_store_query(w->s,
					      "SELECT setval(pg_get_serial_sequence('@incidents', "
					      "'fid'), ?1::bigint)",
					      1, param, NULL, NULL, err)
			    : IM_OK;
	/* the keys' and indexes' sorts in memory, for this transaction only */
	st = st ? st
		: im_store_query(w->s,
				 "SELECT set_config('maintenance_work_mem', '256MB', true) WHERE "
				 "pg_size_bytes(current_setting('maintenance_work_mem')) < 268435456",
				 0, NULL, NULL, NULL, err);
	st = st ? st : copy_sources(w, "@sources", err);
	st = st ? st
		: add_key(w, "ALTER TABLE @incidents ADD CONSTRAINT @id_key UNIQUE (id)",
			  "DELETE FROM @incidents a USING @incidents b WHERE a.id = b.id AND a.fid < "
			  "b.fid",
			  err);
	st = st ? st
		: add_key(w,
			  "ALTER TABLE @sources ADD CONSTRAINT @sources_pkey PRIMARY KEY "
			  "(source_key, incident_id)",
			  "DELETE FROM @sources a USING @sources b WHERE a.incident_id = "
			  "b.incident_id AND a.source_key = b.source_key AND a.ctid < b.ctid",
			  err);
	return st ? st
		  : run_all(w, index_after_load, sizeof index_after_load / sizeof *index_after_load,
			    err);
}

/* Ends the COPY of the rows and moves them into the table. */
static im_status finish(im_pg_writer *w, im_error *err)
{
	im_status st = end_copy(w, &w->row, err);
	return st ? st : w->fresh ? finish_load(w, err) : merge_stage(w, err);
}

im_status im_pg_writer_close(im_pg_writer *w, im_error *err)
{
	im_status st = finish(w, err);
	st = st ? st : im_store_commit(w->s, err);
	writer_free(w);
	return st;
}

im_status im_pg_writer_finish(im_pg_writer *w, im_error *err)
{
	im_status st = finish(w, err);
	writer_free(w);
	return st;
}

void im_pg_writer_abort(im_pg_writer *w)
{
	writer_free(w);
}
