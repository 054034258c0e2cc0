/* store_append.c: a run's incidents into the incident store: the reports
 * it has read already are left out, the rest merged with what it holds by
 * the same rules as one run's merging, stored incidents keeping their ids. */
#include "pipeline.h"
#include "../core/buf.h"
#include "../io/store.h"

#include <stdlib.h>
#include <string.h>

/* Stored incidents carry this byte before their id while merging: it sorts
 * before every id, so a group holding a stored incident keeps its id (the
 * merge keeps the smallest). */
#define STORED_MARK '\x01'

typedef struct stored {
	char *id;       /* without the mark (owned) */
	size_t n_sources;
	int seen;
} stored;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const stored *)a)->id, ((const stored *)b)->id);
}

/* 1 when every report of inc is in the store already. */
static int already_read(im_store *s, const im_incident *inc)
{
	if (!inc->n_sources)
		return 0;
	for (size_t i = 0; i < inc->n_sources; i++)
		if (!im_store_has_source(s, &inc->sources[i]))
			return 0;
	return 1;
}

/* Drops the incidents of known reports from l; the dates the rest span. */
static void drop_known(im_store *s, im_incident_list *l, im_append_stats *stats,
		       long *lo, long *hi)
{
	size_t k = 0;
	*lo = im_date_to_days((im_date){9999, 12, 31});
	*hi = im_date_to_days((im_date){1000, 1, 1});
	for (size_t i = 0; i < l->n; i++) {
		if (already_read(s, &l->v[i])) {
			im_incident_clear(&l->v[i]);
			stats->known++;
			continue;
		}
		if (l->v[i].event_date.y) {
			long d = im_date_to_days(l->v[i].event_date);
			*lo = d < *lo ? d : *lo;
			*hi = d > *hi ? d : *hi;
		}
		l->v[k++] = l->v[i];
	}
	l->n = k;
}

/* Marks the loaded incidents and notes what they were. */
static im_status mark_stored(im_incident_list *c, stored **out)
{
	stored *v = calloc(c->n ? c->n : 1, sizeof *v);
	if (!v)
		return IM_E_NOMEM;
	for (size_t i = 0; i < c->n; i++) {
		im_incident *inc = &c->v[i];
		size_t n = strlen(inc->id);
		char *m = malloc(n + 2);
		if (!m || !(v[i].id = im_strdup(inc->id))) {
			free(m);
			for (size_t j = 0; j <= i; j++)
				free(v[j].id);
			free(v);
			return IM_E_NOMEM;
		}
		m[0] = STORED_MARK;
		memcpy(m + 1, inc->id, n + 1);
		free(inc->id);
		inc->id = m;
		v[i].n_sources = inc->n_sources;
	}
	qsort(v, c->n, sizeof *v, by_id);
	*out = v;
	return IM_OK;
}

/* Writes the merged list (all at once: one COPY into PostgreSQL): new
 * incidents and stored ones that gained a report; then drops stored
 * incidents that were merged into another. */
static im_status write_merged(im_store *s, im_incident_list *c, stored *v, size_t nv,
			      im_append_stats *stats, im_error *err)
{
	im_store_many *m;
	im_status st = im_store_many_begin(s, &m, err);
	for (size_t i = 0; !st && i < c->n; i++) {
		im_incident *inc = &c->v[i];
		if (inc->id[0] == STORED_MARK) {
			memmove(inc->id, inc->id + 1, strlen(inc->id));
			stored key = {inc->id, 0, 0};
			stored *hit = bsearch(&key, v, nv, sizeof *v, by_id);
			if (hit)
				hit->seen = 1;
			if (hit && hit->n_sources == inc->n_sources)
				continue; /* nothing new */
			stats->merged++;
		} else {
			stats->added++;
		}
		st = im_store_many_put(m, inc, err);
	}
	if (st)
		im_store_many_abort(m);
	else
		st = im_store_many_end(m, err);
	for (size_t i = 0; !st && i < nv; i++)
		if (!v[i].seen)
			st = im_store_drop(s, v[i].id, err);
	return st;
}

static im_status append_locked(const im_gaz *gaz, im_store *s, im_incident_list *l,
			       im_append_stats *stats, im_error *err)
{
	long lo, hi;
	drop_known(s, l, stats, &lo, &hi);
	if (!l->n)
		return IM_OK;
	/* the widest date difference the merge accepts is 16 days */
	im_incident_list c = {0};
	im_status st = im_store_load_window(s, im_date_from_days(lo - 16),
					    im_date_from_days(hi + 16), &c, err);
	stored *v = NULL;
	size_t nv = c.n;
	if (!st && mark_stored(&c, &v))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; !st && i < l->n; i++)
		if (im_list_push(&c, &l->v[i]))
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st && im_extract_merge(gaz, &c))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st) {
		im_list_sort(&c);
		st = write_merged(s, &c, v, nv, stats, err);
	}
	for (size_t i = 0; v && i < nv; i++)
		free(v[i].id);
	free(v);
	im_list_clear(&c);
	return st;
}

im_status im_append_store(const im_gaz *gaz, const char *path, im_incident_list *l,
			  im_append_stats *stats, im_error *err)
{
	memset(stats, 0, sizeof *stats);
	im_store *s;
	im_status st = im_store_open(path, 1, &s, err);
	st = st ? st : im_store_begin(s, err);
	st = st ? st : append_locked(gaz, s, l, stats, err);
	st = st ? st : im_store_commit(s, err);
	im_store_close(s); /* rolls back what was not committed */
	im_list_clear(l);
	return st;
}
