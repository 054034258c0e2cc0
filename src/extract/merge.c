/* merge.c: the same incident told by several reports becomes one: same event
 * type and sub-type, places that can be the same (points within 25 km, and
 * not two distinct quarters, towns, cities or districts: "in Karrada" and
 * "in Sadr City" are two bombings, "in Baghdad" and "in Sadr City" may be
 * one),
 * dates that fit each other, and no report in common (one report's
 * incidents were already told apart). Every member of a merged group fits
 * every other (no chains of day-apart reports). The result keeps every
 * source, the most precise place and date, and the figures of the latest
 * report. */
#include "extract_int.h"
#include "../core/buf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MERGE_KM 25.0

static int same_str(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int same_source(const im_source *a, const im_source *b)
{
	if (a->id && b->id)
		return strcmp(a->id, b->id) == 0 &&
		       (a->file == NULL || b->file == NULL || strcmp(a->file, b->file) == 0);
	if (a->url && b->url)
		return strcmp(a->url, b->url) == 0;
	if (a->file && b->file)
		return strcmp(a->file, b->file) == 0 && !a->id && !b->id;
	return 0;
}

static int share_source(const im_incident *a, const im_incident *b)
{
	for (size_t i = 0; i < a->n_sources; i++)
		for (size_t j = 0; j < b->n_sources; j++)
			if (same_source(&a->sources[i], &b->sources[j]))
				return 1;
	return 0;
}

static int dates_fit(const im_incident *a, const im_incident *b)
{
	if (!a->event_date.y || !b->event_date.y)
		return 1;
	long d = labs(im_date_to_days(a->event_date) - im_date_to_days(b->event_date));
	int p = a->time_precision > b->time_precision ? a->time_precision : b->time_precision;
	return d <= (p >= 3 ? 16 : p == 2 ? 4 : 1);
}

/* What the gazetteer says a place is: a part of a town (a quarter, a
 * site), a town or village, a city (with the reach of its built-up area,
 * from its population), an area (a country, region, province, district),
 * or unknown. */
enum { PK_UNKNOWN, PK_PART, PK_SMALL, PK_CITY, PK_AREA };

typedef struct pclass {
	int cls;
	double reach_km; /* PK_CITY: how far from its point its quarters lie */
} pclass;

static pclass place_class(const im_gaz *g, const im_incident *a)
{
	pclass c = {PK_UNKNOWN, 0};
	im_place pl;
	if (!g || !a->gazetteer_id || !im_gaz_get(g, a->gazetteer_id, &pl))
		return c;
	switch (pl.kind) {
	case IM_KIND_NEIGHBOURHOOD:
	case IM_KIND_SITE:
		c.cls = PK_PART;
		break;
	case IM_KIND_TOWN:
	case IM_KIND_VILLAGE:
		c.cls = PK_SMALL;
		break;
	case IM_KIND_CAPITAL:
	case IM_KIND_ADMIN_SEAT:
	case IM_KIND_CITY:
		c.cls = PK_CITY;
		/* Baghdad (7 M): 16 km; a city of 1 M: 8 km; unknown size: 3 km */
		c.reach_km = 3 + sqrt((double)(pl.population > 0 ? pl.population : 0)) / 200;
		if (c.reach_km > MERGE_KM)
			c.reach_km = MERGE_KM;
		break;
	case IM_KIND_COUNTRY:
	case IM_KIND_REGION:
	case IM_KIND_ADMIN1:
	case IM_KIND_ADMIN2:
		c.cls = PK_AREA;
		break;
	default:
		break;
	}
	return c;
}

/* Two places named outright (not "near X") more than 2 km apart are one
 * place told two ways only when one can hold the other: an area and a
 * place in it, a city and a quarter, site or small town within its reach.
 * Two quarters, two sites, two towns, two cities, two districts are two
 * places; so are a city and a quarter of another city. */
#define SAME_SPOT_KM 2.0

static int places_fit(const im_incident *a, pclass ca, const im_incident *b, pclass cb, double km)
{
	if (km > MERGE_KM)
		return 0;
	if (a->geo_precision == 2 || b->geo_precision == 2 || km <= SAME_SPOT_KM)
		return 1;
	if (same_str(a->gazetteer_id, b->gazetteer_id))
		return 1;
	if (ca.cls == PK_UNKNOWN || cb.cls == PK_UNKNOWN)
		return 1;
	if ((ca.cls == PK_AREA) != (cb.cls == PK_AREA))
		return 1;
	if (ca.cls == PK_CITY && (cb.cls == PK_PART || cb.cls == PK_SMALL))
		return km <= ca.reach_km;
	if (cb.cls == PK_CITY && (ca.cls == PK_PART || ca.cls == PK_SMALL))
		return km <= cb.reach_km;
	return 0;
}

static int same_incident(const im_incident *a, pclass ca, const im_incident *b, pclass cb)
{
	if (!a->has_point || !b->has_point)
		return 0;
	if (!same_str(a->event_type, b->event_type) || !same_str(a->sub_event_type, b->sub_event_type))
		return 0;
	if (!places_fit(a, ca, b, cb, im_gaz_dist_km(a->lat, a->lon, b->lat, b->lon)))
		return 0;
	return dates_fit(a, b) && !share_source(a, b);
}

/* ---- union-find --------------------------------------------------------------- */

static size_t find(size_t *p, size_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

static void unite(size_t *p, size_t a, size_t b)
{
	a = find(p, a);
	b = find(p, b);
	if (a != b) {
		if (a < b)
			p[b] = a;
		else
			p[a] = b;
	}
}

/* Can the groups of a and b become one: is every incident of one the same
 * incident as every incident of the other (and so no two incidents of one
 * report come together: the same report's incidents were told apart
 * already)? The members of a group are a ring through next[]. */
static int groups_fit(const im_incident_list *l, const pclass *cls, const size_t *next, size_t a,
		      size_t b)
{
	size_t i = a;
	do {
		size_t k = b;
		do {
			if (!same_incident(&l->v[i], cls[i], &l->v[k], cls[k]))
				return 0;
			k = next[k];
		} while (k != b);
		i = next[i];
	} while (i != a);
	return 1;
}

typedef struct ll {
	double lat;
	size_t i;
} ll;

static int by_lat(const void *x, const void *y)
{
	const ll *a = x, *b = y;
	if (a->lat != b->lat)
		return a->lat < b->lat ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The report date of an incident's latest source ("" when none). */
static const char *latest_report(const im_incident *a)
{
	const char *best = "";
	for (size_t i = 0; i < a->n_sources; i++)
		if (a->sources[i].date && strcmp(a->sources[i].date, best) > 0)
			best = a->sources[i].date;
	return best;
}

/* Folds b into a (cb, *ca: their place classes). */
static im_status fold(im_incident *a, pclass *ca, const im_incident *b, pclass cb)
{
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < b->n_sources; i++) {
		int dup = 0;
		for (size_t k = 0; k < a->n_sources; k++)
			if (same_source(&a->sources[k], &b->sources[i]))
				dup = 1;
		if (!dup)
			st = im_incident_add_source(a, &b->sources[i]);
	}
	for (size_t i = 0; !st && i < b->n_actors; i++)
		st = im_incident_add_actor(a, b->actors[i]);
	if (st)
		return st;
	/* the more precise place: a quarter or site over the city holding it */
	if (b->geo_precision < a->geo_precision ||
	    (b->geo_precision == a->geo_precision && cb.cls == PK_PART && ca->cls != PK_PART)) {
		*ca = cb;
		a->lat = b->lat;
		a->lon = b->lon;
		a->geo_precision = b->geo_precision;
		st = st ? st : im_set_str(&a->place, b->place);
		st = st ? st : im_set_str(&a->place_text, b->place_text);
		st = st ? st : im_set_str(&a->admin1, b->admin1);
		st = st ? st : im_set_str(&a->country, b->country);
		st = st ? st : im_set_str(&a->gazetteer_id, b->gazetteer_id);
	}
	/* the more precise date */
	if (b->event_date.y && (!a->event_date.y || b->time_precision < a->time_precision)) {
		a->event_date = b->event_date;
		a->time_precision = b->time_precision;
		st = st ? st : im_set_str(&a->date_text, b->date_text);
	}
	/* figures: a known one over none; the later report over the earlier */
	int b_later = strcmp(latest_report(b), latest_report(a)) > 0;
	if (b->fatalities != IM_NULL_INT && (a->fatalities == IM_NULL_INT || b_later))
		a->fatalities = b->fatalities;
	if (b->injuries != IM_NULL_INT && (a->injuries == IM_NULL_INT || b_later))
		a->injuries = b->injuries;
	if (!st && b->notes && *b->notes) {
		im_buf nb = IM_BUF_INIT;
		st = im_buf_puts(&nb, a->notes ? a->notes : "");
		if (!st && nb.len < 4000) {
			st = nb.len ? im_buf_puts(&nb, " | ") : IM_OK;
			st = st ? st : im_buf_puts(&nb, b->notes);
		}
		if (!st) {
			free(a->notes);
			a->notes = im_buf_take(&nb);
			if (!a->notes)
				st = IM_E_NOMEM;
		}
		im_buf_free(&nb);
	}
	if (b->confidence > a->confidence)
		a->confidence = b->confidence;
	/* the smallest id, so the merged id does not depend on input order */
	if (!st && b->id && (!a->id || strcmp(b->id, a->id) < 0))
		st = im_set_str(&a->id, b->id);
	return st;
}

im_status im_extract_merge(const im_gaz *g, im_incident_list *l)
{
	if (!l || l->n < 2)
		return IM_OK;
	size_t n = l->n;
	size_t *p = malloc(n * sizeof *p), *next = malloc(n * sizeof *next);
	ll *ord = malloc(n * sizeof *ord);
	pclass *cls = malloc(n * sizeof *cls);
	if (!p || !ord || !next || !cls) {
		free(p);
		free(next);
		free(ord);
		free(cls);
		return IM_E_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		p[i] = next[i] = i;
		cls[i] = place_class(g, &l->v[i]);
		ord[i].lat = l->v[i].has_point ? l->v[i].lat : 1000;
		ord[i].i = i;
	}
	qsort(ord, n, sizeof *ord, by_lat);
	/* 25 km is under 0.23 degrees of latitude: a sweep over latitude */
	for (size_t i = 0; i < n; i++) {
		const im_incident *a = &l->v[ord[i].i];
		if (!a->has_point)
			continue;
		for (size_t k = i + 1; k < n; k++) {
			const im_incident *b = &l->v[ord[k].i];
			if (ord[k].lat - ord[i].lat > 0.25)
				break;
			size_t x = ord[i].i, y = ord[k].i;
			if (find(p, x) != find(p, y) && same_incident(a, cls[x], b, cls[y]) &&
			    groups_fit(l, cls, next, x, y)) {
				unite(p, x, y);
				size_t t = next[x]; /* splice the two rings */
				next[x] = next[y];
				next[y] = t;
			}
		}
	}
	/* Fold each group into its first member (in list order). */
	im_status st = IM_OK;
	size_t merged = 0;
	for (size_t i = 0; !st && i < n; i++) {
		size_t r = find(p, i);
		if (r == i)
			continue;
		st = fold(&l->v[r], &cls[r], &l->v[i], cls[i]);
		merged++;
	}
	if (!st && merged) {
		size_t w = 0;
		for (size_t i = 0; i < n; i++) {
			if (find(p, i) == i)
				l->v[w++] = l->v[i];
			else
				im_incident_clear(&l->v[i]);
		}
		l->n = w;
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].n_sources > 1 && l->v[i].confidence < 0.95)
				l->v[i].confidence = floor((l->v[i].confidence + 0.05) * 100 + 0.5) / 100;
	}
	free(p);
	free(next);
	free(ord);
	free(cls);
	return st;
}
