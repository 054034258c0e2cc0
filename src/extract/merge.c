/* merge.c: the same incident told by several reports becomes one: same event
 * type and sub-type, places that can be the same (points within 25 km, and
 * not two distinct quarters, towns, cities or districts: "in Karrada" and
 * "in Sadr City" are two bombings, "in Baghdad" and "in Sadr City" may be
 * one),
 * dates that fit each other, and no report in common (one report's
 * incidents were already told apart). Every member of a merged group fits
 * every other (no chains of day-apart reports). The result keeps every
 * source, the most precise place and date, and the lowest of the figures
 * the reports give (said in the notes when they differ). */
#include "../core/buf.h"
#include "extract_int.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* How many days apart two dates at time precision p (the coarser of the
 * two) may be at most: a day at precision 1 (only through a night, see
 * dates_fit), 4 days at 2, 16 at 3 and coarser. The
 * index below relies on it: it never exceeds MERGE_MAX_DAYS, and it never
 * shrinks when p grows. */
#define MERGE_MAX_DAYS 16

static long date_tol(int p)
{
	return p >= 3 ? MERGE_MAX_DAYS : p == 2 ? 4 : 1;
}

/* 1 when a report says its incident ran through a night ("late on Monday
 * night", "overnight", "around midnight"): a report of the next day may
 * date the same event a day later. */
static int overnight(const im_incident *a)
{
	for (const char *p = a->date_text; p && *p; p++)
		if (strncasecmp(p, "night", 5) == 0)
			return 1;
	return 0;
}

/* Two days told exactly (precision 1 both) are two events unless one
 * report says its event ran through the night between them; a vaguer date
 * fits within date_tol of the other. */
static int dates_fit(const im_incident *a, long da, const im_incident *b, long db)
{
	if (!a->event_date.y || !b->event_date.y)
		return 1;
	long d = labs(da - db);
	int p = a->time_precision > b->time_precision ? a->time_precision : b->time_precision;
	if (p == 1 && d > 0)
		return d == 1 && (overnight(a) || overnight(b));
	return d <= date_tol(p);
}

/* What the gazetteer says a place is: a part of a town (a quarter, a
 * site), a town or village, a city (with the reach of its built-up area,
 * from its population), an area (a country, region, province, district),
 * or unknown. */
enum { PK_UNKNOWN, PK_PART, PK_SMALL, PK_CITY, PK_AREA };

/* What the merge works out once for each incident: the class of its place,
 * and its type and date as numbers (cheaper to compare than strings). */
typedef struct pclass {
	int cls;
	double reach_km; /* PK_CITY: how far from its point its quarters lie */
	size_t type;     /* the event type and sub-type as a number (SIZE_MAX: none) */
	long day;        /* the event date in days (dated ones) */
} pclass;

static pclass place_class(const im_gaz *g, const im_incident *a)
{
	pclass c = {PK_UNKNOWN, 0, SIZE_MAX, 0};
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

/* Two places named outright (not "near X") under two names, or more than
 * 2 km apart, are one place told two ways only when one can hold the other: an area and a
 * place in it, a city and a quarter, site or small town within its reach.
 * Two quarters, two sites, two towns, two cities, two districts are two
 * places; so are a city and a quarter of another city. */
#define SAME_SPOT_KM 2.0

static int places_fit(const im_incident *a, pclass ca, const im_incident *b, pclass cb, double km)
{
	if (km > MERGE_KM)
		return 0;
	if (a->geo_precision == 2 || b->geo_precision == 2)
		return 1;
	if (same_str(a->gazetteer_id, b->gazetteer_id))
		return 1;
	/* one spot under one name (a town the gazetteer holds twice); two
	 * names there are two places unless one holds the other, below */
	if (km <= SAME_SPOT_KM && !(a->place && b->place && strcasecmp(a->place, b->place) != 0))
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

/* May a and b be one incident? The one decision of the merge: the rules
 * live here and in the functions it calls. The index (merge_index below)
 * only offers the pairs that can pass it, so whatever the rules become they
 * must keep to its three bounds: both have a point and the same event type
 * and sub-type, their points lie within MERGE_KM, and dated ones lie at
 * most date_tol(the coarser precision) days apart. */
static int same_incident(const im_incident *a, pclass ca, const im_incident *b, pclass cb)
{
	if (!a->has_point || !b->has_point)
		return 0;
	/* same event type and sub-type: their numbers (number_types) */
	if (ca.type == SIZE_MAX || ca.type != cb.type)
		return 0;
	/* reports of one place share its point: no trigonometry for them */
	int same_point = a->lat == b->lat && a->lon == b->lon;
	if (!places_fit(a, ca, b, cb,
			same_point ? 0 : im_gaz_dist_km(a->lat, a->lon, b->lat, b->lon)))
		return 0;
	return dates_fit(a, ca.day, b, cb.day) && !share_source(a, b);
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

/* ---- the index of candidate pairs ---------------------------------------------
 * Incidents are taken in order of latitude (then list order), as a sweep
 * would, and each is offered only the later ones that share its event type
 * and sub-type, lie in its cell of 0.25 degrees of latitude or the next one
 * up, within the longitudes 25 km can span there, and have a date that can
 * fit its own: the pairs the sweep would find, in the order it would find
 * them, without looking at the others. An entry leaves the index once its
 * own turn is over (it is never offered again) or when its group is full
 * (MERGE_MAX_REPORTS: no more report can join it), so the work stays in
 * proportion to the incidents a report could still join. */

#define CELL_DEG 0.25
#define LON_CELLS 1440 /* 360 / CELL_DEG */
#define N_CLS 4        /* date classes: date_tol 1, 4, 16; undated */
#define UNDATED 3

/* The most reports one incident is told by: past it, a group takes no more
 * (a year of reports of one city must not make one incident of thousands,
 * nor cost a pass over all of them for each). */
#define MERGE_MAX_REPORTS 64

/* The most candidates one incident's turn looks at (IM_MERGE_MAX_LOOKS):
 * past them its turn ends, and the run says how many turns were cut.
 * Reports that cannot be one (told apart by one article, two quarters of a
 * city) are all offered to each other when they share a day, or when they
 * are undated (an undated report fits any date): without this bound, tens
 * of thousands of them would cost the square of their number. A turn that
 * finds its repeats stops long before (at 64, or at the first report too
 * far north). */
#define MERGE_MAX_LOOKS IM_MERGE_MAX_LOOKS

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

typedef struct entry {
	size_t type;   /* the event type and sub-type, as a number */
	long lat, lon; /* cell */
	int cls;
	long day;
	size_t pos; /* in the latitude order */
} entry;

static int entry_cmp(const entry *a, const entry *b, int with_pos)
{
#define CMP(f)                                                                                     \
	if (a->f != b->f)                                                                          \
		return a->f < b->f ? -1 : 1;
	CMP(type)
	CMP(lat)
	CMP(lon)
	CMP(cls)
	CMP(day)
	if (with_pos)
		CMP(pos)
#undef CMP
	return 0;
}

static int by_entry(const void *x, const void *y)
{
	return entry_cmp(x, y, 1);
}

typedef struct bucket {
	size_t start, end; /* entries of one type, cell and date class */
} bucket;

typedef struct mindex {
	entry *e;
	size_t ne;
	size_t *alive;    /* alive[k] == k: entry k still offered; else a later one to try */
	bucket *tab;      /* open addressing over the buckets, by their first entry */
	size_t ntab;      /* a power of two */
	size_t *entry_of; /* incident -> its entry, SIZE_MAX: none */
} mindex;

static int date_cls(const im_incident *a)
{
	if (!a->event_date.y)
		return UNDATED;
	long t = date_tol(a->time_precision);
	return t >= MERGE_MAX_DAYS ? 2 : t > 1 ? 1 : 0;
}

static const long cls_tol[N_CLS - 1] = {1, 4, MERGE_MAX_DAYS};

static int indexed(const im_incident *a)
{
	return a->has_point && a->event_type && a->sub_event_type && isfinite(a->lat) &&
	       isfinite(a->lon) && fabs(a->lat) <= 90;
}

static long lon_cell(double lon)
{
	long c = (long)floor((lon + 180) / CELL_DEG) % LON_CELLS;
	return c < 0 ? c + LON_CELLS : c;
}

static size_t key_hash(size_t type, long lat, long lon, int cls)
{
	uint64_t h = 1469598103934665603u;
	uint64_t v[4] = {type, (uint64_t)lat, (uint64_t)lon, (uint64_t)cls};
	for (int i = 0; i < 4; i++)
		h = (h ^ v[i]) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

static const bucket *bucket_get(const mindex *m, size_t type, long lat, long lon, int cls)
{
	size_t mask = m->ntab - 1;
	for (size_t h = key_hash(type, lat, lon, cls) & mask;; h = (h + 1) & mask) {
		const bucket *b = &m->tab[h];
		if (b->start == b->end)
			return NULL;
		const entry *x = &m->e[b->start];
		if (x->type == type && x->lat == lat && x->lon == lon && x->cls == cls)
			return b;
	}
}

/* Numbers the event type and sub-type pairs (cls[i].type; SIZE_MAX: none)
 * with a hash table of the distinct pairs, each held by its first incident:
 * equal numbers, equal strings. */
static size_t pair_hash(const im_incident *a)
{
	uint64_t h = 1469598103934665603u;
	for (const char *s = a->event_type; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	h = (h ^ 0x100) * 1099511628211u; /* between the two strings */
	for (const char *s = a->sub_event_type; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

/* The slot of a's pair in tab (ntab, a power of two): the one holding an
 * incident of the same pair, else the empty one where it goes. */
static size_t pair_slot(const im_incident_list *l, const size_t *tab, size_t ntab,
                        const im_incident *a)
{
	size_t h = pair_hash(a) & (ntab - 1);
	while (tab[h] != SIZE_MAX && (strcmp(l->v[tab[h]].event_type, a->event_type) != 0 ||
	                              strcmp(l->v[tab[h]].sub_event_type, a->sub_event_type) != 0))
		h = (h + 1) & (ntab - 1);
	return h;
}

/* A table of 2 * *ntab slots holding the pairs of tab (which it frees). */
static size_t *pairs_grow(const im_incident_list *l, size_t *tab, size_t *ntab)
{
	size_t n = *ntab * 2, *t = malloc(n * sizeof *t);
	if (t) {
		for (size_t h = 0; h < n; h++)
			t[h] = SIZE_MAX;
		for (size_t h = 0; tab && h < *ntab; h++)
			if (tab[h] != SIZE_MAX)
				t[pair_slot(l, t, n, &l->v[tab[h]])] = tab[h];
		*ntab = n;
	}
	free(tab);
	return t;
}

static im_status number_types(const im_incident_list *l, pclass *cls)
{
	size_t ntab = 32, nt = 0;
	size_t *tab = pairs_grow(l, NULL, &ntab); /* 64 empty slots */
	for (size_t i = 0; tab && i < l->n; i++) {
		const im_incident *a = &l->v[i];
		cls[i].type = SIZE_MAX;
		if (!a->event_type || !a->sub_event_type)
			continue;
		if (2 * (nt + 1) > ntab && !(tab = pairs_grow(l, tab, &ntab)))
			break;
		size_t h = pair_slot(l, tab, ntab, a);
		if (tab[h] == SIZE_MAX) {
			tab[h] = i;
			cls[i].type = nt++;
		} else {
			cls[i].type = cls[tab[h]].type;
		}
	}
	if (!tab)
		return IM_E_NOMEM;
	free(tab);
	return IM_OK;
}

static void mindex_free(mindex *m)
{
	free(m->e);
	free(m->alive);
	free(m->tab);
	free(m->entry_of);
}

static im_status mindex_build(mindex *m, const im_incident_list *l, const pclass *cls,
                              const ll *ord)
{
	size_t n = l->n;
	memset(m, 0, sizeof *m);
	m->e = malloc(n * sizeof *m->e);
	m->alive = malloc((n + 1) * sizeof *m->alive);
	m->entry_of = malloc(n * sizeof *m->entry_of);
	if (!m->e || !m->alive || !m->entry_of) {
		mindex_free(m);
		return IM_E_NOMEM;
	}
	for (size_t pos = 0; pos < n; pos++) {
		const im_incident *a = &l->v[ord[pos].i];
		const pclass *c = &cls[ord[pos].i];
		if (c->type == SIZE_MAX || !indexed(a))
			continue;
		entry *x = &m->e[m->ne++];
		x->type = c->type;
		x->lat = (long)floor(a->lat / CELL_DEG);
		x->lon = lon_cell(a->lon);
		x->cls = date_cls(a);
		x->day = x->cls == UNDATED ? 0 : c->day;
		x->pos = pos;
	}
	if (m->ne > 1)
		qsort(m->e, m->ne, sizeof *m->e, by_entry);
	for (size_t i = 0; i < n; i++)
		m->entry_of[i] = SIZE_MAX;
	for (size_t k = 0; k <= m->ne; k++)
		m->alive[k] = k;
	for (size_t k = 0; k < m->ne; k++)
		m->entry_of[ord[m->e[k].pos].i] = k;
	for (m->ntab = 16; m->ntab < 2 * m->ne; m->ntab *= 2)
		;
	m->tab = calloc(m->ntab, sizeof *m->tab);
	if (!m->tab) {
		mindex_free(m);
		return IM_E_NOMEM;
	}
	for (size_t k = 0; k < m->ne;) {
		size_t end = k + 1;
		while (end < m->ne && m->e[end].type == m->e[k].type &&
		       m->e[end].lat == m->e[k].lat && m->e[end].lon == m->e[k].lon &&
		       m->e[end].cls == m->e[k].cls)
			end++;
		size_t mask = m->ntab - 1, h;
		for (h = key_hash(m->e[k].type, m->e[k].lat, m->e[k].lon, m->e[k].cls) & mask;
		     m->tab[h].start != m->tab[h].end; h = (h + 1) & mask)
			;
		m->tab[h] = (bucket){k, end};
		k = end;
	}
	return IM_OK;
}

/* The first entry still offered at or after k (ne: none). */
static size_t next_alive(mindex *m, size_t k)
{
	size_t r = k;
	while (m->alive[r] != r)
		r = m->alive[r];
	while (m->alive[k] != r) {
		size_t t = m->alive[k];
		m->alive[k] = r;
		k = t;
	}
	return r;
}

static void kill_entry(mindex *m, size_t incident)
{
	size_t k = m->entry_of[incident];
	if (k != SIZE_MAX && m->alive[k] == k)
		m->alive[k] = k + 1;
}

/* The first entry of [lo, hi) with a day of at least day. */
static size_t first_day(const mindex *m, size_t lo, size_t hi, long day)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->e[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first entry of [lo, hi) (one day's, so in latitude order) past pos. */
static size_t first_after(const mindex *m, size_t lo, size_t hi, size_t pos)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->e[mid].pos <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- the candidates of a turn, in latitude order ------------------------------
 * The entries a turn may look at are runs (a bucket's entries of one day,
 * in latitude order); a heap of the runs gives them earliest first, so a
 * turn looks only at the ones it reaches (its group fills, or the next lies
 * too far north) rather than gathering and sorting all that the index
 * holds for it. */

typedef struct span {
	size_t k, end; /* the run's next entry still offered; its end */
} span;

typedef struct heap {
	span *v;
	size_t n, cap;
} heap;

static int span_before(const mindex *m, const span *a, const span *b)
{
	return m->e[a->k].pos < m->e[b->k].pos;
}

static void heap_down(const mindex *m, heap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, s = i;
		if (l < h->n && span_before(m, &h->v[l], &h->v[s]))
			s = l;
		if (r < h->n && span_before(m, &h->v[r], &h->v[s]))
			s = r;
		if (s == i)
			return;
		span t = h->v[i];
		h->v[i] = h->v[s];
		h->v[s] = t;
		i = s;
	}
}

static im_status heap_add(heap *h, span x)
{
	if (im_grow(&h->v, &h->cap, h->n + 1, sizeof *h->v))
		return IM_E_NOMEM;
	h->v[h->n++] = x;
	return IM_OK;
}

/* Adds the runs of bucket b from day lo to hi, each from its first entry
 * still offered after pos. */
static im_status add_runs(mindex *m, const bucket *b, long lo, long hi, size_t pos, heap *h)
{
	for (size_t s = first_day(m, b->start, b->end, lo); s < b->end && m->e[s].day <= hi;) {
		long day = m->e[s].day;
		size_t end = day == LONG_MAX ? b->end : first_day(m, s, b->end, day + 1);
		size_t k = next_alive(m, first_after(m, s, end, pos));
		if (k < end && heap_add(h, (span){k, end}))
			return IM_E_NOMEM;
		s = end;
	}
	return IM_OK;
}

/* The position of the next candidate, taken from the heap (SIZE_MAX: none). */
static size_t heap_next(mindex *m, heap *h)
{
	if (!h->n)
		return SIZE_MAX;
	span *top = &h->v[0];
	size_t pos = m->e[top->k].pos;
	top->k = next_alive(m, top->k + 1);
	if (top->k >= top->end)
		*top = h->v[--h->n];
	heap_down(m, h, 0);
	return pos;
}

/* Appends text to a's notes after " | ", up to 4000 bytes of notes (past
 * them, nothing is added). Fails only for want of memory. */
static im_status add_note(im_incident *a, const char *text)
{
	size_t la = a->notes ? strlen(a->notes) : 0;
	if (!text || !*text || la >= 4000)
		return IM_OK;
	size_t lb = strlen(text), sep = la ? 3 : 0;
	char *v = realloc(a->notes, la + sep + lb + 1);
	if (!v)
		return IM_E_NOMEM;
	memcpy(v + la, " | ", sep);
	memcpy(v + la + sep, text, lb + 1);
	a->notes = v;
	return IM_OK;
}

/* Folds the figure fb of another report into *fa: a known figure over none
 * and, when the reports differ, the lowest (ACLED's rule: the most
 * conservative figure), said in a's notes. */
static im_status fold_figure(im_incident *a, int *fa, int fb, const char *what)
{
	if (fb == IM_NULL_INT || fb == *fa)
		return IM_OK;
	if (*fa == IM_NULL_INT) {
		*fa = fb;
		return IM_OK;
	}
	char note[96];
	int lo = fb < *fa ? fb : *fa, hi = fb < *fa ? *fa : fb;
	snprintf(note, sizeof note, "reports differ on %s (%d and %d): the lower kept", what, lo,
	         hi);
	*fa = lo;
	return add_note(a, note);
}

/* Folds b into a (cb, *ca: their place classes). */
static im_status fold(im_incident *a, pclass *ca, const im_incident *b, pclass cb)
{
	im_status st = IM_OK;
	/* no source of b is one of a's (members of a group share none, see
	 * same_incident): only b's own repeats are left out */
	size_t n0 = a->n_sources;
	for (size_t i = 0; !st && i < b->n_sources; i++) {
		int dup = 0;
		for (size_t k = n0; k < a->n_sources; k++)
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
	/* the notes of all, then the figures (the lower where they differ) */
	st = st ? st : add_note(a, b->notes);
	st = st ? st : fold_figure(a, &a->fatalities, b->fatalities, "deaths");
	st = st ? st : fold_figure(a, &a->injuries, b->injuries, "injured");
	if (b->confidence > a->confidence)
		a->confidence = b->confidence;
	/* the smallest id, so the merged id does not depend on input order */
	if (!st && b->id && (!a->id || strcmp(b->id, a->id) < 0))
		st = im_set_str(&a->id, b->id);
	return st;
}

/* How many degrees of longitude points within MERGE_KM of latitude lat
 * (and of anything up to CELL_DEG north of it) can be apart; 180 or more:
 * any. From the great-circle formula with a smaller Earth, to be safe. */
static double lon_reach(double lat)
{
	double worst = fabs(lat) + CELL_DEG;
	if (worst >= 90)
		return 360;
	double s = sin(MERGE_KM / (2 * 6300.0)) / cos(worst * M_PI / 180);
	return s >= 1 ? 360 : 2 * asin(s) * 180 / M_PI + 1e-6;
}

/* Fills h with the runs of the entries after pos (incident a) that the
 * index offers it. */
static im_status cand_start(mindex *m, const im_incident *a, size_t incident, size_t pos, heap *h)
{
	h->n = 0;
	size_t ek = m->entry_of[incident];
	if (ek == SIZE_MAX)
		return IM_OK;
	const entry *x = &m->e[ek];
	double reach = lon_reach(a->lat);
	long lo = reach >= 180 ? 0 : (long)floor((a->lon - reach + 180) / CELL_DEG);
	long hi = reach >= 180 ? LON_CELLS - 1 : (long)floor((a->lon + reach + 180) / CELL_DEG);
	if (hi - lo >= LON_CELLS)
		hi = lo + LON_CELLS - 1;
	for (long lat = x->lat; lat <= x->lat + 1; lat++)
		for (long c = lo; c <= hi; c++)
			for (int cls = 0; cls < N_CLS; cls++) {
				long lc = (c % LON_CELLS + LON_CELLS) % LON_CELLS;
				const bucket *b = bucket_get(m, x->type, lat, lc, cls);
				if (!b)
					continue;
				long d0 = LONG_MIN, d1 = LONG_MAX;
				if (x->cls != UNDATED && cls != UNDATED) {
					long w = cls_tol[x->cls];
					if (cls_tol[cls] > w)
						w = cls_tol[cls];
					d0 = x->day - w;
					d1 = x->day + w;
				}
				if (add_runs(m, b, d0, d1, pos, h))
					return IM_E_NOMEM;
			}
	for (size_t i = h->n / 2; i-- > 0;)
		heap_down(m, h, i);
	return IM_OK;
}

/* Takes every member of the group holding x out of the index. */
static void kill_group(mindex *m, const size_t *next, size_t x)
{
	size_t i = x;
	do {
		kill_entry(m, i);
		i = next[i];
	} while (i != x);
}

/* The incidents in latitude order, each offered the later ones the index
 * gives, earliest first; it joins their group when it fits every member of
 * it. */
static im_status group(const im_incident_list *l, const pclass *cls, const ll *ord, size_t *p,
                       size_t *next, size_t *size, size_t *pairs, size_t *cut)
{
	size_t n = l->n;
	mindex m;
	heap h = {0};
	if (mindex_build(&m, l, cls, ord))
		return IM_E_NOMEM;
	im_status st = IM_OK;
	for (size_t i = 0; !st && i < n; i++) {
		size_t x = ord[i].i;
		const im_incident *a = &l->v[x];
		h.n = 0;
		if (size[find(p, x)] < MERGE_MAX_REPORTS)
			st = cand_start(&m, a, x, i, &h);
		size_t looks = 0;
		for (size_t k; !st && (k = heap_next(&m, &h)) != SIZE_MAX; looks++) {
			size_t y = ord[k].i;
			const im_incident *b = &l->v[y];
			if (looks == MERGE_MAX_LOOKS) {
				(*cut)++;
				break;
			}
			(*pairs)++;
			if (ord[k].lat - ord[i].lat > 0.25)
				break;
			size_t rx = find(p, x), ry = find(p, y);
			if (rx == ry || size[rx] + size[ry] > MERGE_MAX_REPORTS)
				continue;
			if (same_incident(a, cls[x], b, cls[y]) && groups_fit(l, cls, next, x, y)) {
				unite(p, x, y);
				size[find(p, x)] = size[rx] + size[ry];
				size_t t = next[x]; /* splice the two rings */
				next[x] = next[y];
				next[y] = t;
				if (size[find(p, x)] == MERGE_MAX_REPORTS) {
					kill_group(&m, next, x);
					break;
				}
			}
		}
		kill_entry(&m, x); /* its turn is over */
	}
	free(h.v);
	mindex_free(&m);
	return st;
}

im_status im_extract_merge(const im_gaz *g, im_incident_list *l)
{
	size_t pairs, cut;
	return im_merge_counted(g, l, &pairs, &cut);
}

im_status im_extract_merge_noting(const im_gaz *g, im_incident_list *l, size_t *n_cut)
{
	size_t pairs;
	return im_merge_counted(g, l, &pairs, n_cut);
}

im_status im_merge_counted(const im_gaz *g, im_incident_list *l, size_t *pairs, size_t *cut)
{
	*pairs = *cut = 0;
	if (!l || l->n < 2)
		return IM_OK;
	size_t n = l->n;
	size_t *p = malloc(n * sizeof *p), *next = malloc(n * sizeof *next);
	size_t *size = malloc(n * sizeof *size);
	ll *ord = malloc(n * sizeof *ord);
	pclass *cls = malloc(n * sizeof *cls);
	if (!p || !ord || !next || !cls || !size) {
		free(p);
		free(next);
		free(size);
		free(ord);
		free(cls);
		return IM_E_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		p[i] = next[i] = i;
		size[i] = 1;
		cls[i] = place_class(g, &l->v[i]);
		if (l->v[i].event_date.y)
			cls[i].day = im_date_to_days(l->v[i].event_date);
		ord[i].lat = l->v[i].has_point ? l->v[i].lat : 1000;
		ord[i].i = i;
	}
	if (n > 1)
		qsort(ord, n, sizeof *ord, by_lat);
	im_status st = number_types(l, cls);
	st = st ? st : group(l, cls, ord, p, next, size, pairs, cut);
	/* Fold each group into its first member (in list order). */
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
	free(size);
	free(ord);
	free(cls);
	return st;
}
