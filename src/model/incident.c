/* incident.c: incident records and lists. */
#include "incident.h"
#include "../core/buf.h"

#include <stdlib.h>
#include <string.h>

void im_incident_init(im_incident *inc)
{
	memset(inc, 0, sizeof *inc);
	inc->time_precision = 3;
	inc->geo_precision = 3;
	inc->fatalities = IM_NULL_INT;
	inc->injuries = IM_NULL_INT;
}

void im_source_clear(im_source *s)
{
	free(s->id);
	free(s->file);
	free(s->url);
	free(s->date);
	free(s->title);
	memset(s, 0, sizeof *s);
}

void im_incident_clear(im_incident *inc)
{
	free(inc->id);
	free(inc->date_text);
	free(inc->event_type);
	free(inc->sub_event_type);
	free(inc->place);
	free(inc->place_text);
	free(inc->admin1);
	free(inc->country);
	free(inc->gazetteer_id);
	free(inc->notes);
	for (size_t i = 0; i < inc->n_actors; i++)
		free(inc->actors[i]);
	free(inc->actors);
	for (size_t i = 0; i < inc->n_sources; i++)
		im_source_clear(&inc->sources[i]);
	free(inc->sources);
	im_incident_init(inc);
}

im_status im_set_str(char **field, const char *s)
{
	char *c = NULL;
	if (s && !(c = im_strdup(s)))
		return IM_E_NOMEM;
	free(*field);
	*field = c;
	return IM_OK;
}

im_status im_incident_add_actor(im_incident *inc, const char *s)
{
	for (size_t i = 0; i < inc->n_actors; i++)
		if (strcmp(inc->actors[i], s) == 0)
			return IM_OK;
	char **v = realloc(inc->actors, (inc->n_actors + 1) * sizeof *v);
	if (!v)
		return IM_E_NOMEM;
	inc->actors = v;
	if (!(v[inc->n_actors] = im_strdup(s)))
		return IM_E_NOMEM;
	inc->n_actors++;
	return IM_OK;
}

im_status im_incident_add_source(im_incident *inc, const im_source *src)
{
	im_source *v = realloc(inc->sources, (inc->n_sources + 1) * sizeof *v);
	if (!v)
		return IM_E_NOMEM;
	inc->sources = v;
	im_source *d = &v[inc->n_sources];
	memset(d, 0, sizeof *d);
	if ((src->id && !(d->id = im_strdup(src->id))) ||
	    (src->file && !(d->file = im_strdup(src->file))) ||
	    (src->url && !(d->url = im_strdup(src->url))) ||
	    (src->date && !(d->date = im_strdup(src->date))) ||
	    (src->title && !(d->title = im_strdup(src->title)))) {
		im_source_clear(d);
		return IM_E_NOMEM;
	}
	memcpy(d->text_hash, src->text_hash, sizeof d->text_hash);
	inc->n_sources++;
	return IM_OK;
}

im_status im_incident_copy(im_incident *dst, const im_incident *src)
{
	im_incident_init(dst);
	dst->has_point = src->has_point;
	dst->lon = src->lon;
	dst->lat = src->lat;
	dst->event_date = src->event_date;
	dst->time_precision = src->time_precision;
	dst->geo_precision = src->geo_precision;
	dst->fatalities = src->fatalities;
	dst->injuries = src->injuries;
	dst->confidence = src->confidence;
	im_status st = IM_OK;
	st = st ? st : im_set_str(&dst->id, src->id);
	st = st ? st : im_set_str(&dst->date_text, src->date_text);
	st = st ? st : im_set_str(&dst->event_type, src->event_type);
	st = st ? st : im_set_str(&dst->sub_event_type, src->sub_event_type);
	st = st ? st : im_set_str(&dst->place, src->place);
	st = st ? st : im_set_str(&dst->place_text, src->place_text);
	st = st ? st : im_set_str(&dst->admin1, src->admin1);
	st = st ? st : im_set_str(&dst->country, src->country);
	st = st ? st : im_set_str(&dst->gazetteer_id, src->gazetteer_id);
	st = st ? st : im_set_str(&dst->notes, src->notes);
	for (size_t i = 0; !st && i < src->n_actors; i++)
		st = im_incident_add_actor(dst, src->actors[i]);
	for (size_t i = 0; !st && i < src->n_sources; i++)
		st = im_incident_add_source(dst, &src->sources[i]);
	if (st)
		im_incident_clear(dst);
	return st;
}

im_status im_list_push(im_incident_list *l, im_incident *inc)
{
	if (im_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v))
		return IM_E_NOMEM;
	l->v[l->n++] = *inc;
	im_incident_init(inc);
	return IM_OK;
}

void im_list_clear(im_incident_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		im_incident_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int cmp_incident(const void *pa, const void *pb)
{
	const im_incident *a = pa, *b = pb;
	int ka = a->event_date.y != 0, kb = b->event_date.y != 0;
	if (ka != kb)
		return kb - ka;
	if (ka) {
		long da = im_date_to_days(a->event_date), db = im_date_to_days(b->event_date);
		if (da != db)
			return da < db ? -1 : 1;
	}
	return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

void im_list_sort(im_incident_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_incident);
}

#define FNV_BASIS 1469598103934665603ULL

static uint64_t fnv(uint64_t h, unsigned char c)
{
	return (h ^ c) * 1099511628211ULL;
}

void im_make_id(const void *data, size_t n, char buf[20])
{
	const unsigned char *p = data;
	uint64_t h = FNV_BASIS;
	for (size_t i = 0; i < n; i++)
		h = fnv(h, p[i]);
	snprintf(buf, 20, "im-%016llx", (unsigned long long)h);
}

/* The length of the white space at p (0 when none): ASCII's, U+00A0. */
static size_t space_at(const unsigned char *p, size_t left)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	return left >= 2 && p[0] == 0xC2 && p[1] == 0xA0 ? 2 : 0;
}

void im_text_hash(const char *text, size_t n, char buf[20])
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t h = FNV_BASIS;
	int gap = 0, any = 0;
	for (size_t i = 0; i < n;) {
		size_t w = space_at(p + i, n - i);
		if (w) {
			gap = 1;
			i += w;
			continue;
		}
		if (gap && any)
			h = fnv(h, ' ');
		gap = 0;
		any = 1;
		h = fnv(h, p[i] >= 'A' && p[i] <= 'Z' ? (unsigned char)(p[i] + 32) : p[i]);
		i++;
	}
	snprintf(buf, 20, "im-%016llx", (unsigned long long)h);
}
