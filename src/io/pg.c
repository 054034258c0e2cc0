/* pg.c: many incidents at once into the PostgreSQL store (store_pg.c), as
 * convert and the other writers send them: COPY into a staging table, then
 * in one statement each into the table replacing the one of the same id,
 * with what the GeoPackage's im_store_put does row by row: an id deleted by
 * the analyst stays deleted, the reports are recorded, the corrections in
 * force are applied again. Into an empty table (nothing stored, deleted,
 * corrected or read yet) the rows go straight in by COPY, the reports by a
 * second COPY, with the indexes and keys dropped for the load and made
 * again at its end, in one sorted pass each. One transaction. Into a new
 * table (none of its name or companions there), the rows go into staging
 * tables of a name of their own, committed, the reports by their COPY on
 * a second connection beside the incidents' (streamed, not held), and the
 * keys and indexes are then built on the two connections at once (the
 * server's work on both cores), and one last transaction renames them to
 * the store's names: the table appears whole or not at all
 * (docs/store.md). The rows
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
#include <time.h>

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
	int load;       /* into a new table, by the staging tables */
	int staged;     /* they are committed and not (yet) the store: dropped at the end */
	char stage[64]; /* their name ('#' in the SQL); "" when none */
	char *target;   /* for the load's second connection */
	PGconn *conn2;  /* the load's second connection (NULL: none to be had) */
	sender snd2;    /* its COPY of the reports, under way beside the incidents' */
};

static im_status conn_error(im_pg_writer *w, PGconn *c, im_error *err, const char *what)
{
	const char *m = PQerrorMessage(c);
	size_t n = strcspn(m, "\n");
	return im_error_set(err, IM_E_IO, im_store_path(w->s), 0, 0, "%s: %.*s", what, (int)n, m);
}

static im_status no_memory(im_error *err)
{
	return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
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

static im_status sender_start(sender *d, PGconn *conn, im_error *err)
{
	d->conn = conn;
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

static void drop_stage(im_pg_writer *w);
static PGconn *connect_second(im_pg_writer *w);

static void writer_free(im_pg_writer *w)
{
	if (!w)
		return;
	sender_stop(&w->snd);
	sender_stop(&w->snd2);
	PQfinish(w->conn2); /* its COPY, if under way, is rolled back: the tables can go */
	if (w->staged)
		drop_stage(w);
	free(w->target);
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

/* tmpl (in the store's SQL, '#' the staging table) run on c; PQexec's result. */
static PGresult *exec_on(im_pg_writer *w, PGconn *c, const char *tmpl)
{
	im_buf sql = IM_BUF_INIT;
	PGresult *r = im_pgs_stage_sql(w->s, w->stage, tmpl, &sql) ? NULL : PQexec(c, sql.p);
	im_buf_free(&sql);
	return r;
}

static im_status start_copy_on(im_pg_writer *w, PGconn *c, const char *tmpl, im_error *err)
{
	PGresult *r = exec_on(w, c, tmpl);
	im_status st = !r				     ? no_memory(err)
		       : PQresultStatus(r) == PGRES_COPY_IN ? IM_OK
							     : conn_error(w, c, err, "cannot start COPY");
	PQclear(r);
	im_buf h = IM_BUF_INIT;
	if (!st && im_pgcopy_header(&h))
		st = no_memory(err);
	if (!st && PQputCopyData(c, h.p, (int)h.len) != 1)
		st = conn_error(w, c, err, "COPY failed");
	im_buf_free(&h);
	return st;
}

static im_status start_copy(im_pg_writer *w, const char *tmpl, im_error *err)
{
	return start_copy_on(w, w->conn, tmpl, err);
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
	return st ? st : sender_start(&w->snd, w->conn, err);
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

/* Sends b's rows into the COPY under way on c (by its sender d while it
 * runs) and empties b. */
static im_status send_on(im_pg_writer *w, sender *d, PGconn *c, im_buf *b, im_error *err)
{
	int ok = d->running ? sender_hand(d, b) : put_all(c, b);
	im_buf_reset(b);
	return ok ? IM_OK : conn_error(w, c, err, "COPY failed");
}

static im_status send_rows(im_pg_writer *w, im_buf *b, im_error *err)
{
	return send_on(w, &w->snd, w->conn, b, err);
}

/* Ends the COPY under way on c (its rows all sent): the trailer, and the
 * server's answer. */
static im_status copy_end(im_pg_writer *w, PGconn *c, im_error *err)
{
	im_buf t = IM_BUF_INIT;
	im_status st = im_pgcopy_trailer(&t) ? no_memory(err) : IM_OK;
	if (!st && (!put_all(c, &t) || PQputCopyEnd(c, NULL) != 1))
		st = conn_error(w, c, err, "COPY failed");
	im_buf_free(&t);
	for (PGresult *r; !st && (r = PQgetResult(c));) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			st = conn_error(w, c, err, "COPY failed");
		PQclear(r);
	}
	return st;
}

/* Ends the COPY on c sent by d: b's rows, the trailer, the server's answer. */
static im_status end_copy_on(im_pg_writer *w, sender *d, PGconn *c, im_buf *b, im_error *err)
{
	im_status st = send_on(w, d, c, b, err);
	if (!sender_stop(d) && !st)
		st = conn_error(w, c, err, "COPY failed");
	return st ? st : copy_end(w, c, err);
}

/* Ends the COPY of the incidents. */
static im_status end_copy(im_pg_writer *w, im_buf *b, im_error *err)
{
	return end_copy_on(w, &w->snd, w->conn, b, err);
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
	st = w->row.len >= COPY_CHUNK ? send_rows(w, &w->row, err) : IM_OK;
	if (!st && w->snd2.running && w->src.len >= COPY_CHUNK) /* the reports' COPY is under way */
		st = send_on(w, &w->snd2, w->conn2, &w->src, err);
	return st;
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

/* The reports' COPY into table (in the store's SQL) started on c. */
static im_status start_sources_on(im_pg_writer *w, PGconn *c, const char *table, im_error *err)
{
	im_buf sql = IM_BUF_INIT;
	if (im_buf_printf(&sql,
	                  "COPY %s (incident_id, source_key, text_hash) FROM STDIN (FORMAT binary)",
	                  table)) {
		im_buf_free(&sql);
		return no_memory(err);
	}
	im_status st = start_copy_on(w, c, sql.p, err);
	im_buf_free(&sql);
	return st;
}

/* The reports' rows held (source_rows) into table (in the store's SQL), by
 * COPY on c. */
static im_status copy_sources_on(im_pg_writer *w, PGconn *c, const char *table, im_error *err)
{
	if (!w->src.len)
		return IM_OK;
	im_status st = start_sources_on(w, c, table, err);
	if (!st && !put_all(c, &w->src))
		st = conn_error(w, c, err, "COPY failed");
	return st ? st : copy_end(w, c, err);
}

static im_status copy_sources(im_pg_writer *w, const char *table, im_error *err)
{
	return copy_sources_on(w, w->conn, table, err);
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

/* The keys' and indexes' sorts in memory: for the transaction (LOCAL
 * "true") or the session ("false"). */
#define SORT_MEMORY(LOCAL)                                                                 \
	"SELECT set_config('maintenance_work_mem', '256MB', " LOCAL ") WHERE "              \
	"pg_size_bytes(current_setting('maintenance_work_mem')) < 268435456"

/* After a load numbered its rows: the next fid the sequence's. */
static im_status set_next_fid(im_pg_writer *w, im_error *err)
{
	char n[32];
	snprintf(n, sizeof n, "%zu", w->n);
	const char *param[1] = {n};
	return w->n ? im_store_query(w->s,
				     "SELECT setval(pg_get_serial_sequence('@incidents', 'fid'), "
				     "?1::bigint)",
				     1, param, NULL, NULL, err)
		    : IM_OK;
}

/* The end of a load into an empty table: the reports, the keys, the indexes. */
static im_status finish_load(im_pg_writer *w, im_error *err)
{
	im_status st = set_next_fid(w, err);
	st = st ? st : im_store_query(w->s, SORT_MEMORY("true"), 0, NULL, NULL, NULL, err);
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

/* ---- a load into a new table --------------------------------------------------------- */

/* One statement of the load's index builds; its dedup, when it fails, is
 * run before it is tried again (an id or a report of an id loaded twice:
 * the earlier rows go, the last of an id wins). A NULL sql is the reports'
 * COPY. */
typedef struct step {
	const char *sql, *dedup;
} step;

/* The builds, in two lanes of about the same server time (bench/results-store-pg.md). */
static const step lane_a[] = {
	{"CREATE INDEX #_geom ON # USING gist (geom)", NULL},
	{"CREATE UNIQUE INDEX #_fid ON # (fid)", NULL},
};
static const step lane_b[] = {
	{NULL, NULL}, /* nothing left to send when the COPY ran beside the incidents' */
	{"ALTER TABLE #_src ADD CONSTRAINT #_src_pkey PRIMARY KEY (source_key, incident_id)",
	 "DELETE FROM #_src a USING #_src b WHERE a.incident_id = b.incident_id AND a.source_key "
	 "= b.source_key AND a.ctid < b.ctid"},
	{"CREATE INDEX #_src_text ON #_src (text_hash) WHERE text_hash IS NOT NULL", NULL},
	{"CREATE UNIQUE INDEX #_id ON # (id)",
	 "DELETE FROM # a USING # b WHERE a.id = b.id AND a.fid < b.fid"},
	{"CREATE INDEX #_date ON # (event_date)", NULL},
};

/* A connection running its steps (in a thread of its own for the second). */
typedef struct lane {
	im_pg_writer *w;
	PGconn *conn;
	const step *steps;
	size_t n;
	im_status st;
	im_error err;
} lane;

static im_status lane_exec(lane *l, const char *tmpl)
{
	PGresult *r = exec_on(l->w, l->conn, tmpl);
	im_status st = !r ? no_memory(&l->err)
		       : PQresultStatus(r) == PGRES_COMMAND_OK
			       ? IM_OK
			       : conn_error(l->w, l->conn, &l->err, "cannot index the load");
	PQclear(r);
	return st;
}

static void *lane_run(void *arg)
{
	lane *l = arg;
	for (size_t i = 0; !l->st && i < l->n; i++) {
		const step *p = &l->steps[i];
		if (!p->sql) {
			l->st = copy_sources_on(l->w, l->conn, "#_src", &l->err);
			continue;
		}
		l->st = lane_exec(l, p->sql);
		if (l->st && p->dedup && !(l->st = lane_exec(l, p->dedup)))
			l->st = lane_exec(l, p->sql);
	}
	return NULL;
}

/* A second connection to the target, set up as the first; NULL when the
 * server has none to give (the load then runs on one). */
static PGconn *connect_second(im_pg_writer *w)
{
	PGconn *c;
	im_error ignored;
	return im_pg_connect(w->target, NULL, NULL, SORT_MEMORY("false"), &c, &ignored) ? NULL : c;
}

/* The staging tables' keys and indexes, both lanes at once when a second
 * connection and thread can be had, else one after the other. */
static im_status build_in_two(im_pg_writer *w, im_error *err)
{
	lane a = {w, w->conn, lane_a, sizeof lane_a / sizeof *lane_a, IM_OK, {0}};
	lane b = {w, w->conn2, lane_b, sizeof lane_b / sizeof *lane_b, IM_OK, {0}};
	pthread_t t;
	int two = b.conn && !pthread_create(&t, NULL, lane_run, &b);
	if (!two)
		b.conn = w->conn;
	lane_run(&a);
	if (two)
		pthread_join(t, NULL);
	else if (!a.st)
		lane_run(&b);
	const lane *bad = a.st ? &a : b.st ? &b : NULL;
	if (bad && err)
		*err = bad->err;
	return bad ? bad->st : IM_OK;
}

/* Writers of a table queue on this lock, as on schema_sql's (held here
 * for the session: the load spans several transactions). */
#define TABLE_LOCK "SELECT pg_advisory_lock(hashtext('incimap ' || '@incidents'))"

/* *yes: neither the table nor its companions exist. */
static im_status is_new(im_pg_writer *w, int *yes, im_error *err)
{
	return im_store_query(w->s,
			      "SELECT to_regclass('@incidents') IS NULL AND to_regclass('@sources') "
			      "IS NULL AND to_regclass('@deleted') IS NULL AND "
			      "to_regclass('@corrections') IS NULL",
			      0, NULL, is_true, yes, err);
}

/* *yes: the table is new, and this writer holds its lock (asked only then:
 * another writer may have made it meanwhile). */
static im_status take_new(im_pg_writer *w, int *yes, im_error *err)
{
	im_status st = is_new(w, yes, err);
	if (st || !*yes)
		return st;
	st = im_store_query(w->s, TABLE_LOCK, 0, NULL, NULL, NULL, err);
	return st ? st : is_new(w, yes, err);
}

/* The reports' COPY into the staging tables' companion started on a
 * second connection, beside the incidents' COPY on the first (none to be
 * had: they are held and sent after the incidents, on the first). */
static im_status start_sources(im_pg_writer *w, im_error *err)
{
	if (!(w->conn2 = connect_second(w)))
		return IM_OK;
	im_status st = start_sources_on(w, w->conn2, "#_src", err);
	return st ? st : sender_start(&w->snd2, w->conn2, err);
}

/* The load's staging tables made (committed, so that the second
 * connection sees them) and the COPYs into them started. */
static im_status load_open(im_pg_writer *w, const char *target, im_error *err)
{
	w->load = w->fresh = 1;
	if (!(w->target = strdup(target)))
		return no_memory(err);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long salt = ((unsigned long)ts.tv_nsec ^ (unsigned long)ts.tv_sec * 2654435761UL);
	snprintf(w->stage, sizeof w->stage, IM_PG_LOAD_PREFIX "%d_%08lx", PQbackendPID(w->conn),
		 salt & 0xffffffffUL);
	im_status st = im_pgs_stage_make(w->s, w->stage, err);
	w->staged = !st;
	st = st ? st
		: start_copy(w, "COPY # (fid, " IM_STORE_COLS ") FROM STDIN (FORMAT binary)", err);
	st = st ? st : sender_start(&w->snd, w->conn, err);
	return st ? st : start_sources(w, err);
}

/* The end of a load into a new table: its rows committed in the staging
 * tables (each COPY its own transaction), their keys and indexes built on
 * two connections, and the transaction begun that makes them the store
 * (committed by the caller). */
static im_status finish_staged(im_pg_writer *w, im_error *err)
{
	im_status st = end_copy(w, &w->row, err);
	st = st || !w->conn2 ? st : end_copy_on(w, &w->snd2, w->conn2, &w->src, err);
	st = st ? st : im_store_query(w->s, SORT_MEMORY("false"), 0, NULL, NULL, NULL, err);
	st = st ? st : build_in_two(w, err);
	st = st ? st : im_pgs_begin_adopting(w->s, w->stage, err);
	return st ? st : set_next_fid(w, err);
}

/* A failed load's staging tables, dropped (a killed one's are dropped by
 * the next incimap to connect). */
static void drop_stage(im_pg_writer *w)
{
	if (PQtransactionStatus(w->conn) != PQTRANS_IDLE)
		im_pgs_rollback(w->s);
	PQclear(exec_on(w, w->conn, "DROP TABLE IF EXISTS #, #_src"));
}

/* Ends the COPY of the rows and moves them into the table. */
static im_status finish(im_pg_writer *w, im_error *err)
{
	im_status st = end_copy(w, &w->row, err);
	return st ? st : w->fresh ? finish_load(w, err) : merge_stage(w, err);
}

im_status im_pg_writer_open(const char *target, im_pg_writer **out, im_error *err)
{
	*out = NULL;
	im_pg_writer *w = calloc(1, sizeof *w);
	if (!w)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	w->own = 1;
	int is_new_table = 0;
	im_status st = im_store_open(target, 1, &w->s, err);
	if (!st) {
		w->conn = im_pgs_conn(w->s);
		st = take_new(w, &is_new_table, err);
	}
	if (!st && is_new_table)
		st = load_open(w, target, err);
	else if (!st && !(st = im_store_begin(w->s, err)))
		st = prepare(w, err);
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

im_status im_pg_writer_close(im_pg_writer *w, im_error *err)
{
	im_status st = w->load ? finish_staged(w, err) : finish(w, err);
	st = st ? st : im_store_commit(w->s, err);
	if (!st)
		w->staged = 0; /* they are the store now */
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
