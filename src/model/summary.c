/* summary.c: the briefing pack's tables (summary.h). Incidents are grouped
 * by sorting pointers to them, so 100,000 incidents cost a sort, not a
 * search per incident. */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int by_type(const void *pa, const void *pb)
{
	const im_incident *a = *(const im_incident *const *)pa,
	                  *b = *(const im_incident *const *)pb;
	return str_cmp(a->event_type, b->event_type);
}

static int by_province(const void *pa, const void *pb)
{
	const im_incident *a = *(const im_incident *const *)pa,
	                  *b = *(const im_incident *const *)pb;
	int c = str_cmp(a->country, b->country);
	return c ? c : str_cmp(a->admin1, b->admin1);
}

/* Most incidents first, then by country and name. */
static int by_count(const void *pa, const void *pb)
{
	const im_sum_row *a = pa, *b = pb;
	if (a->incidents != b->incidents)
		return a->incidents < b->incidents ? 1 : -1;
	int c = strcmp(a->country, b->country);
	return c ? c : str_cmp(a->name, b->name);
}

static void row_add(im_sum_row *r, const im_incident *inc)
{
	r->incidents++;
	if (inc->fatalities != IM_NULL_INT) {
		r->fatalities += inc->fatalities;
		r->fat_known++;
	}
	if (inc->injuries != IM_NULL_INT) {
		r->injuries += inc->injuries;
		r->inj_known++;
	}
}

/* Sorts v with cmp and makes a row of each run of equal incidents. */
static im_status group(const im_incident **v, size_t n, int (*cmp)(const void *, const void *),
                       int province, im_sum_row **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	if (!n)
		return IM_OK;
	qsort(v, n, sizeof *v, cmp);
	im_sum_row *rows = calloc(n, sizeof *rows); /* at most a row each */
	if (!rows)
		return IM_E_NOMEM;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || cmp(&v[i - 1], &v[i]) != 0) {
			im_sum_row *r = &rows[k++];
			r->name = province ? v[i]->admin1 : v[i]->event_type;
			if (province && v[i]->country)
				snprintf(r->country, sizeof r->country, "%s", v[i]->country);
		}
		row_add(&rows[k - 1], v[i]);
	}
	qsort(rows, k, sizeof *rows, by_count);
	*out = rows;
	*nout = k;
	return IM_OK;
}

static void dates(const im_incident_list *l, im_summary *s)
{
	for (size_t i = 0; i < l->n; i++) {
		im_date d = l->v[i].event_date;
		if (!d.y) {
			s->undated++;
			continue;
		}
		if (!s->first.y || im_date_to_days(d) < im_date_to_days(s->first))
			s->first = d;
		if (!s->last.y || im_date_to_days(d) > im_date_to_days(s->last))
			s->last = d;
	}
}

im_status im_summary_make(const im_incident_list *l, im_summary *s)
{
	memset(s, 0, sizeof *s);
	s->total.name = "Total";
	if (!l || !l->n)
		return IM_OK;
	const im_incident **v = malloc(l->n * sizeof *v);
	if (!v)
		return IM_E_NOMEM;
	for (size_t i = 0; i < l->n; i++) {
		v[i] = &l->v[i];
		row_add(&s->total, &l->v[i]);
	}
	dates(l, s);
	im_status st = group(v, l->n, by_type, 0, &s->types, &s->n_types);
	if (!st)
		st = group(v, l->n, by_province, 1, &s->provinces, &s->n_provinces);
	free(v);
	if (st)
		im_summary_free(s);
	return st;
}

void im_summary_free(im_summary *s)
{
	if (!s)
		return;
	free(s->types);
	free(s->provinces);
	memset(s, 0, sizeof *s);
}
