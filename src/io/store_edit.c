/* store_edit.c: the analyst's corrections: each changed field a row of
 * incimap_corrections (old and new value as text, time, user, note), applied
 * again whenever the incident is rewritten so a later extraction never
 * undoes them; the history, and taking the last edit back. */
#include "store_int.h"

#include <errno.h>
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

static im_status record(im_store *s, long long edit, const char *id, const char *field,
			const im_incident *inc, const change *c, const im_store_edit *e,
			im_error *err)
{
	im_buf old = IM_BUF_INIT;
	int old_null;
	im_status st = field_text(inc, field, &old, &old_null);
	sqlite3_stmt *q = st ? NULL
			     : im_store_prepare(s,
						"INSERT INTO incimap_corrections (edit, incident_id, "
						"field, old_value, new_value, at, user, note) VALUES "
						"(?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', "
						"'now'), ?6, ?7)",
						err);
	if (!q) {
		im_buf_free(&old);
		return st ? im_error_set(err, st, s->path, 0, 0, "out of memory") : IM_E_IO;
	}
	sqlite3_bind_int64(q, 1, edit);
	sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, field, -1, SQLITE_STATIC);
	if (!old_null)
		sqlite3_bind_text(q, 4, old.p ? old.p : "", (int)old.len, SQLITE_STATIC);
	if (c && !c->null)
		sqlite3_bind_text(q, 5, c->value.p ? c->value.p : "", (int)c->value.len,
				  SQLITE_STATIC);
	else if (!c) /* deleted, note */
		sqlite3_bind_text(q, 5, strcmp(field, "deleted") == 0 ? "1" : e->note, -1,
				  SQLITE_STATIC);
	if (e->user)
		sqlite3_bind_text(q, 6, e->user, -1, SQLITE_STATIC);
	if (e->note)
		sqlite3_bind_text(q, 7, e->note, -1, SQLITE_STATIC);
	st = sqlite3_step(q) == SQLITE_DONE ? IM_OK
					    : im_store_sql_error(s, err, "cannot record the edit");
	sqlite3_finalize(q);
	im_buf_free(&old);
	return st;
}

static long long next_edit(im_store *s)
{
	sqlite3_stmt *q = im_store_prepare(
		s, "SELECT coalesce(max(edit), 0) + 1 FROM incimap_corrections", NULL);
	long long v = q && sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 1;
	sqlite3_finalize(q);
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
	char sql[1024];
	const char *from = to_deleted ? "incidents" : "incimap_deleted";
	const char *to = to_deleted ? "incimap_deleted" : "incidents";
	snprintf(sql, sizeof sql,
		 "INSERT INTO %s (" IM_STORE_COLS ") SELECT " IM_STORE_COLS
		 " FROM %s WHERE id = ?1; ",
		 to, from);
	sqlite3_stmt *q = im_store_prepare(s, sql, err);
	if (!q)
		return IM_E_IO;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	im_status st = sqlite3_step(q) == SQLITE_DONE ? IM_OK
						      : im_store_sql_error(s, err, "cannot write");
	sqlite3_finalize(q);
	if (st)
		return st;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?1", from);
	if (!(q = im_store_prepare(s, sql, err)))
		return IM_E_IO;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	st = sqlite3_step(q) == SQLITE_DONE ? IM_OK : im_store_sql_error(s, err, "cannot write");
	sqlite3_finalize(q);
	return st;
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

static im_status undo_locked(im_store *s, const char *id, im_error *err)
{
	sqlite3_stmt *q = im_store_prepare(
		s,
		"SELECT edit, field, old_value FROM incimap_corrections WHERE incident_id = ?1 "
		"AND undone = 0 AND edit = (SELECT max(edit) FROM incimap_corrections WHERE "
		"incident_id = ?1 AND undone = 0) ORDER BY seq DESC",
		err);
	if (!q)
		return IM_E_IO;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	long long edit = 0;
	int undelete = 0;
	im_incident inc;
	im_incident_init(&inc);
	int deleted = !im_store_get(s, id, 1, &inc, NULL);
	im_status st = deleted ? IM_OK : im_store_get(s, id, 0, &inc, err);
	int rc;
	while (!st && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		edit = sqlite3_column_int64(q, 0);
		const char *field = (const char *)sqlite3_column_text(q, 1);
		if (field && strcmp(field, "deleted") == 0)
			undelete = 1;
		else if (im_store_apply_field(&inc, field,
					      (const char *)sqlite3_column_text(q, 2)))
			st = im_error_set(err, IM_E_PARSE, s->path, 0, 0,
					  "incident %s: a correction cannot be taken back", id);
	}
	sqlite3_finalize(q);
	if (!st && !edit)
		st = im_error_set(err, IM_E_NOTFOUND, s->path, 0, 0,
				  "incident %s has no correction to undo", id);
	if (!st) {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE incimap_corrections SET undone = 1 WHERE edit = %lld",
			 edit);
		st = im_store_exec(s, sql, err);
	}
	if (!st && undelete)
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

static const char *or_null(const unsigned char *s)
{
	return s ? (const char *)s : "null";
}

im_status im_store_history(im_store *s, const char *id, FILE *fp, im_error *err)
{
	sqlite3_stmt *q = im_store_prepare(
		s,
		"SELECT at, user, field, old_value, new_value, note, undone, edit FROM "
		"incimap_corrections WHERE incident_id = ?1 ORDER BY seq",
		err);
	if (!q)
		return IM_E_IO;
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	int rc, n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(q, 2);
		const char *user = (const char *)sqlite3_column_text(q, 1);
		fprintf(fp, "%s  edit %lld  %s  ", or_null(sqlite3_column_text(q, 0)),
			(long long)sqlite3_column_int64(q, 7), user ? user : "unknown");
		if (field && strcmp(field, "deleted") == 0)
			fputs("deleted", fp);
		else if (field && strcmp(field, "note") == 0)
			fputs("note", fp);
		else
			fprintf(fp, "%s: %s -> %s", field ? field : "?",
				or_null(sqlite3_column_text(q, 3)),
				or_null(sqlite3_column_text(q, 4)));
		const unsigned char *note = sqlite3_column_text(q, 5);
		if (note)
			fprintf(fp, "  (%s)", note);
		if (sqlite3_column_int(q, 6))
			fputs("  [undone]", fp);
		fputc('\n', fp);
		n++;
	}
	im_status st = rc == SQLITE_DONE ? IM_OK : im_store_sql_error(s, err, "cannot read");
	sqlite3_finalize(q);
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
