/* store_edit.c: the analyst's corrections: each changed field a row of
 * incimap_corrections (old and new value as text, time, user, note), applied
 * again whenever the incident is rewritten so a later extraction never
 * undoes them; the history, and taking the last edit back. */
#include "store_int.h"

#include <errno.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

/* ---- fields as text ------------------------------------------------------------ */

static im_status count_text(int v, im_buf *b)
{
	return v == IM_NULL_INT ? IM_OK : im_buf_printf(b, "%d", v);
}

/* The text of inc's field (b left empty for null). */
static im_status field_text(const im_incident *inc, const char *field, im_buf *b, int *null)
{
	im_status st = IM_OK;
	const char *s = NULL;
	*null = 0;
	if (strcmp(field, "point") == 0) {
		if (!inc->has_point)
			*null = 1;
		else
			st = im_buf_printf(b, "%.6f,%.6f", inc->lat, inc->lon);
	} else if (strcmp(field, "event_date") == 0) {
		char d[11];
		if (!inc->event_date.y)
			*null = 1;
		else {
			im_date_format(inc->event_date, d);
			st = im_buf_puts(b, d);
		}
	} else if (strcmp(field, "fatalities") == 0 || strcmp(field, "injuries") == 0) {
		int v = field[0] == 'f' ? inc->fatalities : inc->injuries;
		*null = v == IM_NULL_INT;
		st = count_text(v, b);
	} else if (strcmp(field, "actors") == 0) {
		st = im_buf_putc(b, '[');
		for (size_t i = 0; !st && i < inc->n_actors; i++) {
			st = i ? im_buf_putc(b, ',') : IM_OK;
			st = st ? st : im_io_json_str(b, inc->actors[i]);
		}
		st = st ? st : im_buf_putc(b, ']');
	} else if (strcmp(field, "place") == 0) {
		s = inc->place;
	} else if (strcmp(field, "admin1") == 0) {
		s = inc->admin1;
	} else if (strcmp(field, "country") == 0) {
		s = inc->country;
	} else if (strcmp(field, "gazetteer_id") == 0) {
		s = inc->gazetteer_id;
	} else if (strcmp(field, "event_type") == 0) {
		s = inc->event_type;
	} else if (strcmp(field, "sub_event_type") == 0) {
		s = inc->sub_event_type;
	} else {
		*null = 1; /* deleted, note: no value of the incident */
	}
	if (!st && s)
		st = im_buf_puts(b, s);
	else if (!st && !s && b->len == 0 && strcmp(field, "actors") != 0 &&
		 strcmp(field, "point") != 0 && strcmp(field, "event_date") != 0 &&
		 strcmp(field, "fatalities") != 0 && strcmp(field, "injuries") != 0)
		*null = 1;
	return st;
}

im_status im_store_apply_field(im_incident *inc, const char *field, const char *v)
{
	if (!field)
		return IM_E_PARSE;
	if (strcmp(field, "point") == 0) {
		double lat, lon;
		if (!v) {
			inc->has_point = 0;
			return IM_OK;
		}
		if (sscanf(v, "%lf,%lf", &lat, &lon) != 2)
			return IM_E_PARSE;
		inc->has_point = 1;
		inc->lat = lat;
		inc->lon = lon;
		return IM_OK;
	}
	if (strcmp(field, "event_date") == 0) {
		im_date d = {0, 0, 0};
		if (v && !im_date_parse_iso(v, strlen(v), &d))
			return IM_E_PARSE;
		inc->event_date = d;
		if (d.y)
			inc->time_precision = 1;
		return IM_OK;
	}
	if (strcmp(field, "fatalities") == 0 || strcmp(field, "injuries") == 0) {
		long n = IM_NULL_INT;
		if (v && !im_io_parse_long(v, strlen(v), &n))
			return IM_E_PARSE;
		*(field[0] == 'f' ? &inc->fatalities : &inc->injuries) = (int)n;
		return IM_OK;
	}
	if (strcmp(field, "actors") == 0) {
		for (size_t i = 0; i < inc->n_actors; i++)
			free(inc->actors[i]);
		inc->n_actors = 0;
		im_io_where w = {"correction", 0, 0, 0};
		return v ? im_io_actors_decode(inc, v, &w, "actors", NULL) : IM_OK;
	}
	char **f = strcmp(field, "place") == 0            ? &inc->place
		   : strcmp(field, "admin1") == 0         ? &inc->admin1
		   : strcmp(field, "country") == 0        ? &inc->country
		   : strcmp(field, "gazetteer_id") == 0   ? &inc->gazetteer_id
		   : strcmp(field, "event_type") == 0     ? &inc->event_type
		   : strcmp(field, "sub_event_type") == 0 ? &inc->sub_event_type
							  : NULL;
	if (f)
		return im_set_str(f, v);
	return IM_OK; /* deleted, note: nothing of the record */
}

/* ---- recording ---------------------------------------------------------------------- */

typedef struct change {
	const char *field;
	im_buf value;
	int null;
} change;

/* Now, in UTC, as the corrections record it. */
static void utc_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(out, "1970-01-01T00:00:00Z");
}

static im_status record(im_store *s, long long edit, const char *id, const char *field,
			const im_incident *inc, const change *c, const im_store_edit *e,
			im_error *err)
{
	im_buf old = IM_BUF_INIT;
	int old_null;
	im_status st = field_text(inc, field, &old, &old_null);
	if (st) {
		im_buf_free(&old);
		return im_error_set(err, st, s->path, 0, 0, "out of memory");
	}
	char n[24], at[21];
	snprintf(n, sizeof n, "%lld", edit);
	utc_now(at);
	const char *v[8] = {n, id, field, old_null ? NULL : old.p ? old.p : "", NULL, at, e->user,
			    e->note};
	if (c && !c->null)
		v[4] = c->value.p ? c->value.p : "";
	else if (!c) /* deleted, note */
		v[4] = strcmp(field, "deleted") == 0 ? "1" : e->note;
	st = im_store_query(s,
			    "INSERT INTO @corrections (edit, incident_id, field, old_value, "
			    "new_value, at, \"user\", note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			    8, v, NULL, NULL, err);
	im_buf_free(&old);
	return st;
}

static im_status number_row(void *ctx, int ncols, const char *const *cells)
{
	*(long long *)ctx = ncols == 1 && cells[0] ? atoll(cells[0]) : 1;
	return IM_OK;
}

static long long next_edit(im_store *s)
{
	long long v = 1;
	if (im_store_query(s, "SELECT coalesce(max(edit), 0) + 1 FROM @corrections", 0, NULL,
			   number_row, &v, NULL))
		v = 1;
	return v;
}

/* The changes an edit asks for, as text, into c (up to 10). */
static size_t edit_changes(const im_store_edit *e, change *c)
{
	size_t n = 0;
#define ADD_STR(fld, v)                                                                     \
	do {                                                                                \
		c[n].field = fld;                                                           \
		c[n].null = !(v);                                                           \
		if (v)                                                                      \
			im_buf_puts(&c[n].value, v);                                        \
		n++;                                                                        \
	} while (0)
	if (e->set_point) {
		c[n].field = "point";
		im_buf_printf(&c[n++].value, "%.6f,%.6f", e->lat, e->lon);
	}
	if (e->place)
		ADD_STR("place", e->place);
	if (e->place && e->admin1)
		ADD_STR("admin1", e->admin1);
	if (e->place && e->country)
		ADD_STR("country", e->country);
	if (e->place && e->gazetteer_id)
		ADD_STR("gazetteer_id", e->gazetteer_id);
	if (e->set_date) {
		char d[11];
		im_date_format(e->date, d);
		const char *dv = e->date.y ? d : NULL;
		ADD_STR("event_date", dv);
	}
	if (e->type)
		ADD_STR("event_type", e->type);
	if (e->sub_type)
		ADD_STR("sub_event_type", e->sub_type);
	if (e->set_fatalities) {
		c[n].field = "fatalities";
		c[n].null = e->fatalities == IM_NULL_INT;
		count_text(e->fatalities, &c[n++].value);
	}
	if (e->set_injuries) {
		c[n].field = "injuries";
		c[n].null = e->injuries == IM_NULL_INT;
		count_text(e->injuries, &c[n++].value);
	}
	if (e->set_actors) {
		c[n].field = "actors";
		im_buf_putc(&c[n].value, '[');
		for (size_t i = 0; i < e->n_actors; i++) {
			if (i)
				im_buf_putc(&c[n].value, ',');
			im_io_json_str(&c[n].value, e->actors[i]);
		}
		im_buf_putc(&c[n++].value, ']');
	}
#undef ADD_STR
	return n;
}

/* Moves the incident of id between incidents and incimap_deleted. */
static im_status move_row(im_store *s, const char *id, int to_deleted, im_error *err)
{
	const char *v[1] = {id};
	if (!s->pg)
		im_gpkg_rtree_stale(s);
	im_status st = im_store_query(
		s,
		to_deleted ? "INSERT INTO @deleted (" IM_STORE_COLS ") SELECT " IM_STORE_COLS
			     " FROM @incidents WHERE id = ?1"
			   : "INSERT INTO @incidents (" IM_STORE_COLS ") SELECT " IM_STORE_COLS
			     " FROM @deleted WHERE id = ?1",
		1, v, NULL, NULL, err);
	return st ? st
		  : im_store_query(s,
				   to_deleted ? "DELETE FROM @incidents WHERE id = ?1"
					      : "DELETE FROM @deleted WHERE id = ?1",
				   1, v, NULL, NULL, err);
}

static im_status apply_locked(im_store *s, const char *id, const im_store_edit *e,
			      im_incident *inc, im_error *err)
{
	im_status st = im_store_get(s, id, 0, inc, err);
	if (st)
		return st;
	change c[12];
	memset(c, 0, sizeof c);
	size_t n = edit_changes(e, c);
	long long edit = next_edit(s);
	for (size_t i = 0; !st && i < n; i++)
		st = record(s, edit, id, c[i].field, inc, &c[i], e, err);
	if (!st && e->delete_it)
		st = record(s, edit, id, "deleted", inc, NULL, e, err);
	if (!st && !n && !e->delete_it && e->note)
		st = record(s, edit, id, "note", inc, NULL, e, err);
	for (size_t i = 0; i < n; i++)
		im_buf_free(&c[i].value);
	s->has_corrections = 1;
	st = st ? st : im_store_put(s, inc, err);
	if (!st && e->delete_it)
		st = move_row(s, id, 1, err);
	return st;
}

im_status im_store_edit_apply(im_store *s, const char *id, const im_store_edit *e,
			      im_error *err)
{
	im_status st = im_store_begin(s, err);
	if (st)
		return st;
	im_incident inc;
	im_incident_init(&inc);
	st = apply_locked(s, id, e, &inc, err);
	im_incident_clear(&inc);
	st = st ? st : im_store_commit(s, err);
	if (st)
		im_store_rollback(s);
	return st;
}

/* ---- undo and history ------------------------------------------------------------------ */

typedef struct undoing {
	im_incident *inc;
	long long edit;
	int undelete, bad;
} undoing;

/* One field of the edit taken back: its old value into the incident. */
static im_status undo_row(void *ctx, int ncols, const char *const *cells)
{
	undoing *u = ctx;
	if (ncols != 3)
		return IM_E_INTERNAL;
	u->edit = cells[0] ? atoll(cells[0]) : 0;
	if (cells[1] && strcmp(cells[1], "deleted") == 0)
		u->undelete = 1;
	else if (im_store_apply_field(u->inc, cells[1], cells[2]))
		u->bad = 1;
	return IM_OK;
}

static im_status undo_locked(im_store *s, const char *id, im_error *err)
{
	im_incident inc;
	im_incident_init(&inc);
	int deleted = !im_store_get(s, id, 1, &inc, NULL);
	im_status st = deleted ? IM_OK : im_store_get(s, id, 0, &inc, err);
	undoing u = {&inc, 0, 0, 0};
	const char *v[1] = {id};
	st = st ? st
		: im_store_query(s,
				 "SELECT edit, field, old_value FROM @corrections WHERE incident_id "
				 "= ?1 AND undone = 0 AND edit = (SELECT max(edit) FROM "
				 "@corrections WHERE incident_id = ?1 AND undone = 0) ORDER BY seq DESC",
				 1, v, undo_row, &u, err);
	if (!st && u.bad)
		st = im_error_set(err, IM_E_PARSE, s->path, 0, 0,
				  "incident %s: a correction cannot be taken back", id);
	if (!st && !u.edit)
		st = im_error_set(err, IM_E_NOTFOUND, s->path, 0, 0,
				  "incident %s has no correction to undo", id);
	char n[24];
	snprintf(n, sizeof n, "%lld", u.edit);
	const char *e[1] = {n};
	st = st ? st
		: im_store_query(s, "UPDATE @corrections SET undone = 1 WHERE edit = ?1", 1, e,
				 NULL, NULL, err);
	if (!st && u.undelete)
		st = move_row(s, id, 0, err);
	st = st ? st : im_store_put(s, &inc, err);
	im_incident_clear(&inc);
	return st;
}

im_status im_store_edit_undo(im_store *s, const char *id, im_error *err)
{
	im_status st = im_store_begin(s, err);
	st = st ? st : undo_locked(s, id, err);
	st = st ? st : im_store_commit(s, err);
	if (st)
		im_store_rollback(s);
	return st;
}

static const char *or_null(const char *s)
{
	return s ? s : "null";
}

typedef struct history {
	FILE *fp;
	int n;
} history;

/* One correction: at, user, field, old, new, note, undone, edit. */
static im_status history_row(void *ctx, int ncols, const char *const *c)
{
	history *h = ctx;
	if (ncols != 8)
		return IM_E_INTERNAL;
	const char *field = c[2];
	fprintf(h->fp, "%s  edit %s  %s  ", or_null(c[0]), or_null(c[7]), c[1] ? c[1] : "unknown");
	if (field && strcmp(field, "deleted") == 0)
		fputs("deleted", h->fp);
	else if (field && strcmp(field, "note") == 0)
		fputs("note", h->fp);
	else
		fprintf(h->fp, "%s: %s -> %s", field ? field : "?", or_null(c[3]), or_null(c[4]));
	if (c[5])
		fprintf(h->fp, "  (%s)", c[5]);
	if (c[6] && strcmp(c[6], "0") != 0)
		fputs("  [undone]", h->fp);
	fputc('\n', h->fp);
	h->n++;
	return IM_OK;
}

im_status im_store_history(im_store *s, const char *id, FILE *fp, im_error *err)
{
	history h = {fp, 0};
	const char *v[1] = {id};
	im_status st = im_store_query(s,
				      "SELECT at, \"user\", field, old_value, new_value, note, "
				      "undone, edit FROM @corrections WHERE incident_id = ?1 ORDER BY seq",
				      1, v, history_row, &h, err);
	int n = h.n;
	if (!st && n == 0) {
		im_incident inc;
		im_incident_init(&inc);
		int known = !im_store_get(s, id, 0, &inc, NULL) || !im_store_get(s, id, 1, &inc, NULL);
		im_incident_clear(&inc);
		if (!known)
			return im_error_set(err, IM_E_NOTFOUND, s->path, 0, 0, "no incident %s", id);
		fprintf(fp, "%s: no corrections\n", id);
	}
	return st;
}
