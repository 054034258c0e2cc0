/* pg.c: many incidents at once into the PostgreSQL store (store_pg.c), as
 * convert and the other writers send them: COPY into a staging table, then
 * in one statement each into the table replacing the one of the same id,
 * with what the GeoPackage's im_store_put does row by row: an id deleted by
 * the analyst stays deleted, the reports are recorded, the corrections in
 * force are applied again. One transaction. */
#include "store_int.h"
#include "pg.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#define COPY_CHUNK (1 << 20)

struct im_pg_writer {
	im_store *s;
	PGconn *conn;
	im_buf row;
	size_t n;
};

static im_status pg_error(im_pg_writer *w, im_error *err, const char *what)
{
	const char *m = PQerrorMessage(w->conn);
	size_t n = strcspn(m, "\n");
	return im_error_set(err, IM_E_IO, im_store_path(w->s), 0, 0, "%s: %.*s", what, (int)n, m);
}

static void writer_free(im_pg_writer *w)
{
	if (!w)
		return;
	im_store_close(w->s); /* an open transaction is rolled back */
	im_buf_free(&w->row);
	free(w);
}

im_status im_pg_writer_open(const char *target, im_pg_writer **out, im_error *err)
{
	*out = NULL;
	im_pg_writer *w = calloc(1, sizeof *w);
	if (!w)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_status st = im_store_open(target, 1, &w->s, err);
	st = st ? st : im_store_begin(w->s, err);
	st = st ? st
		: im_store_query(w->s,
				 "CREATE TEMP TABLE incimap_stage ON COMMIT DROP AS SELECT "
				 IM_STORE_COLS " FROM @incidents WITH NO DATA",
				 0, NULL, NULL, NULL, err);
	st = st ? st
		: im_store_query(w->s, "ALTER TABLE incimap_stage ADD COLUMN ord bigserial", 0,
				 NULL, NULL, NULL, err);
	if (!st) {
		w->conn = im_pgs_conn(w->s);
		PGresult *r = PQexec(w->conn, "COPY incimap_stage (" IM_STORE_COLS ") FROM STDIN");
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

static im_status copy_row(im_buf *b, const im_incident *inc)
{
	char geom[IM_PG_EWKB_LEN + 1];
	if (inc->has_point)
		im_pg_ewkb(geom, inc->lon, inc->lat);
	im_status st = field(b, inc->has_point ? geom : NULL, 0);
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
	st = st ? st : im_store_actors_json(&j, inc);
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
	im_status st = im_io_check(inc, im_store_path(w->s), w->n + 1, err);
	if (st)
		return st;
	if (copy_row(&w->row, inc))
		return im_error_set(err, IM_E_NOMEM, im_store_path(w->s), 0, 0, "out of memory");
	w->n++;
	return w->row.len >= COPY_CHUNK ? flush_rows(w, err) : IM_OK;
}

/* From the staging table into the store, in the order im_store_put keeps:
 * the reports recorded (keyed as store.c keys them), ids the analyst
 * deleted into the deleted table, the rest into the table, new ids
 * inserted and known ones replaced. */
static const char *const from_stage[] = {
	"INSERT INTO @sources (incident_id, source_key, source_id, file, url, date, title) "
	"SELECT s.id, CASE WHEN e->>'id' IS NOT NULL THEN 'id:' || (e->>'id') WHEN e->>'url' "
	"IS NOT NULL THEN 'url:' || (e->>'url') ELSE 'file:' || (e->>'file') END, e->>'id', "
	"e->>'file', e->>'url', e->>'date', e->>'title' FROM incimap_stage s, "
	"jsonb_array_elements(s.sources) e WHERE coalesce(e->>'id', e->>'url', e->>'file') IS "
	"NOT NULL ON CONFLICT DO NOTHING",
	"INSERT INTO @deleted (" IM_STORE_COLS ") SELECT DISTINCT ON (id) " IM_STORE_COLS
	" FROM incimap_stage WHERE id IN (SELECT id FROM @deleted) ORDER BY id, ord DESC ON "
	"CONFLICT (id) DO UPDATE SET " IM_PG_UPDATE_SET,
	/* the last of an id, in the order they came (the GeoPackage's order) */
	"INSERT INTO @incidents (" IM_STORE_COLS ") SELECT " IM_STORE_COLS " FROM (SELECT "
	"DISTINCT ON (id) * FROM incimap_stage WHERE id NOT IN (SELECT id FROM @deleted) ORDER "
	"BY id, ord DESC) last ORDER BY ord ON CONFLICT (id) DO UPDATE SET " IM_PG_UPDATE_SET,
};

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
	im_status st = IM_OK;
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
	st = st ? st : im_store_commit(w->s, err);
	writer_free(w);
	return st;
}

void im_pg_writer_abort(im_pg_writer *w)
{
	writer_free(w);
}
