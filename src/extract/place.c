/* place.c: toponyms. Spots place names with the gazetteer (token n-grams it
 * knows) and with cues (capitals, "in", "near", "northwest of", "the city
 * of", "X province", "X Street", demonyms), sets aside what only looks like
 * a place (persons, outlets, the dateline, common words, organisation
 * names), then resolves each name with the whole document as context:
 * countries and provinces named, demonyms, the dateline's country as a weak
 * prior, and the point the other places cluster around. */
#include "../core/buf.h"
#include "extract_int.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_NGRAM 6
#define NCAND 12
#define HELD_MAX 8    /* provinces read again once the countries are known */
#define PROMINENT 0.4 /* bonus of a capital of 500,000+ (0.6 of it for a city of a million) */
/* malus of a world city abroad when a namesake lies in a province the
 * text is about (Paris in a story of Texas) */
#define LOCAL_OVER_WORLD 0.6

const char *xr_role_name(xr_role r)
{
	switch (r) {
	case XR_PLACE: return "place";
	case XR_DATELINE: return "dateline";
	case XR_DEMONYM: return "demonym";
	case XR_EMBEDDED: return "embedded";
	case XR_MODIFIER: return "modifier";
	}
	return "place";
}

static int cmp_topo(const void *a, const void *b)
{
	const xt_topo *x = a, *y = b;
	if (x->t0 != y->t0)
		return x->t0 < y->t0 ? -1 : 1;
	return x->t1 < y->t1 ? -1 : x->t1 > y->t1;
}

size_t xt_topos_at(const xt_topos *ts, size_t tok)
{
	size_t lo = 0, hi = ts->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ts->v[mid].t0 < tok)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void xt_topos_free(xt_topos *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

static im_status push(xt_topos *ts, const xt_topo *t)
{
	/* a text with more names than this is not a news report: the rest
	 * is not spotted, so the passes below stay fast */
	if (ts->n >= XT_MAX_TOPOS)
		return IM_OK;
	if (im_grow(&ts->v, &ts->cap, ts->n + 1, sizeof *ts->v))
		return IM_E_NOMEM;
	ts->v[ts->n++] = *t;
	return IM_OK;
}

/* ---- token helpers --------------------------------------------------------- */

static int al_word(const xt_doc *d, size_t k)
{
	const char *s = XT_STR(d, k);
	size_t n = XT_LEN(d, k);
	return n > 3 && (s[0] == 'a' || s[0] == 'e') && s[1] == 'l' && s[2] == '-';
}

/* A word that may start or end a place name. */
static int capword(const xt_doc *d, size_t k)
{
	uint32_t f = d->tok[k].f;
	if (!(f & XT_WORD) || (f & XT_NUM) || (f & XT_POSS))
		return 0;
	return (f & (XT_CAP | XT_NONLATIN)) || al_word(d, k);
}

/* A word that may sit inside a place name: "Deir ez-Zor", "Isle of Man",
 * "Kurdistan Region of Iraq", "Tal al-Hawa", "Rio de Janeiro". */
static int connector(const xt_doc *d, size_t k)
{
	static const char *const w[] = {"of", "al", "el", "de", "del", "da", "do", "dos", "das",
					"la", "le", "les", "du", "des", "upon", "en", "am",
					"im", "an", "and", "y", "di", "ash", "as", "ad", "ar", "az",
					"at", "ed", "es", "ez", "ibn", "bin", "abu", NULL};
	uint32_t f = d->tok[k].f;
	if (!(f & XT_WORD) || (f & XT_NUM))
		return 0;
	if (xt_is_any(d, k, w))
		return 1;
	/* "ez-Zor", "ash-Sham" */
	const char *s = XT_STR(d, k);
	size_t n = XT_LEN(d, k);
	const char *h = memchr(s, '-', n);
	return h && h - s <= 3 && h + 1 < s + n && h[1] >= 'A' && h[1] <= 'Z';
}

/* An upper-case letter after a lower-case one: "YouTube", "IoT"; names like
 * "McAllen", "DeKalb", "LaSalle" are not counted. */
static int camel(const xt_doc *d, size_t k)
{
	const char *s = XT_STR(d, k);
	size_t n = XT_LEN(d, k);
	size_t from = 1;
	if (n > 2 && ((s[0] == 'M' && s[1] == 'c') || (s[0] == 'D' && s[1] == 'e') ||
		      (s[0] == 'L' && (s[1] == 'a' || s[1] == 'e')) || (s[0] == 'D' && s[1] == 'i')))
		from = 3;
	if (n > 3 && s[0] == 'M' && s[1] == 'a' && s[2] == 'c')
		from = 4;
	for (size_t i = from; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z')
			return 1;
	return 0;
}

static int is_common(const xt_doc *d, size_t t0, size_t t1)
{
	const xt_lex *hit;
	size_t n = xt_lex_match(&xt_common, d, t0, t1, &hit);
	if (n == t1 - t0)
		return hit->v != 1; /* XC_PEOPLE: not a place without a cue either */
	if (t1 - t0 == 1 && xt_english_word(XT_STR(d, t0), XT_LEN(d, t0)))
		return 1;
	/* a title alone: "Secretary", "Commissioner", "Mr." */
	if (xt_lex_match(&xt_titles, d, t0, t1, &hit) == t1 - t0)
		return 1;
	return 0;
}

static int is_starter(const xt_doc *d, size_t k)
{
	const xt_lex *hit;
	return xt_lex_match(&xt_starters, d, k, k + 1, &hit) == 1;
}

/* First token of its sentence, or first after an opening quote or dash. */
static int sentence_initial(const xt_doc *d, size_t k)
{
	if (d->tok[k].f & (XT_SSTART | XT_NL))
		return 1;
	if (k > 0 && (d->tok[k - 1].f & (XT_QUOTE | XT_DASH)) &&
	    (k == 1 || (d->tok[k - 1].f & XT_SSTART) || (d->tok[k - 1].f & XT_NL)))
		return 1;
	if (k > 0 && xt_is(d, k - 1, ":"))
		return 1;
	return 0;
}

/* Compass words and how far a "X of" phrase shifts the point (it does
 * not: the reference place is kept with geo_precision 2). */
int xt_compass(const xt_doc *d, size_t k)
{
	static const char *const w[] = {
		"north", "south", "east", "west", "northeast", "northwest", "southeast",
		"southwest", "north-east", "north-west", "south-east", "south-west",
		"northern", "southern", "eastern", "western", "north-eastern",
		"north-western", "south-eastern", "south-western", "northeastern",
		"northwestern", "southeastern", "southwestern", NULL};
	return xt_is_any(d, k, w);
}

static int weekday(const xt_doc *d, size_t k)
{
	static const char *const w[] = {"monday", "tuesday", "wednesday", "thursday",
					"friday", "saturday", "sunday", NULL};
	return xt_is_any(d, k, w);
}

/* Weekdays and months: "the capital Wednesday" names no place. */
static int calendar_name(const xt_doc *d, size_t k)
{
	static const char *const w[] = {"january", "february", "march", "april",
					"may",     "june",     "july",  "august",
					"september", "october", "november", "december", NULL};
	return weekday(d, k) || xt_is_any(d, k, w);
}

int xt_tribe_word(const xt_doc *d, size_t k)
{
	return xt_lex_in(&xt_placecues, d, k, XQ_TRIBE);
}

/* Marks the names of tribes and clans as no places: the names before a
 * tribe word, with the names joined to them by "and" or a comma ("between
 * the Rizeigat and Ma'alia tribes", "Habaniya tribesmen", "the Garre
 * clan"), and after "tribes of" ("the tribes of Beni Halba and Gimr"). */
static void mark_tribes(const xt_doc *d, unsigned char *used)
{
	for (size_t k = 1; k < d->ntok; k++) {
		if (!xt_tribe_word(d, k) || !(d->tok[k].f & XT_WORD))
			continue;
		size_t s0 = d->sent[d->tok[k].sent].t0, b = k;
		for (int names = 0; names < 4; names++) {
			size_t e = b;
			while (b > s0 && capword(d, b - 1) && e - b < 3)
				b--;
			if (b == e)
				break;
			for (size_t i = b; i < e; i++)
				used[i] = 1;
			if (b < s0 + 2 || !(xt_is(d, b - 1, "and") || xt_is(d, b - 1, ",")) ||
			    !capword(d, b - 2))
				break;
			b--;
		}
		if (!xt_is(d, k + 1, "of"))
			continue;
		for (size_t f = k + 2; f < d->ntok && f < k + 12; f++) {
			if (capword(d, f))
				used[f] = 1;
			else if (!(xt_is(d, f, "and") || xt_is(d, f, ",")) || !capword(d, f - 1))
				break;
		}
	}
}

/* The countries an armed group implies (canonical: its canonical name),
 * ISO codes joined by commas ("SO,KE"), or NULL: a prior as weak as --focus (ACTOR_W), enough for the villages of a
 * detail country, never a place of its own. */
#define ACTOR_W 0.45
static const char *actor_country(const char *canonical)
{
	char low[64];
	size_t n = strlen(canonical);
	if (n >= sizeof low)
		return NULL;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)canonical[i]);
	const xt_lex *c = xt_lex_get(&xt_actor_countries, low, n);
	return c ? c->s : NULL;
}

/* What comes before a toponym at k: locative cues and relative ones.
 * Returns flags XP_LOCATIVE / XP_RELATIVE; *settlement is set for "the
 * city/town/village of", *province for "province of". */
static unsigned cue_before(const xt_doc *d, size_t k, int *settlement, int *province,
			   int *village)
{
	unsigned fl = 0;
	*settlement = *province = *village = 0;
	size_t b = k;
	size_t s0 = d->sent[d->tok[k].sent].t0;
	/* "the (southern) (oil-rich) city of", "the Iranian city of" */
	if (b >= s0 + 2 && xt_is(d, b - 1, "of")) {
		size_t h = b - 2;
		if (xt_lex_in(&xt_placecues, d, h, XQ_SETTLEMENT_OF)) {
			if (xt_is(d, h, "village") || xt_is(d, h, "hamlet"))
				*village = 1;
			if (xt_is(d, h, "outskirts") || xt_is(d, h, "suburbs") ||
			    xt_is(d, h, "countryside") || xt_is(d, h, "vicinity") ||
			    xt_is(d, h, "edge") || xt_is(d, h, "edges"))
				fl |= XP_RELATIVE;
			else if (xt_is(d, h, "city") || xt_is(d, h, "town") || xt_is(d, h, "village") ||
				 xt_is(d, h, "capital") || xt_is(d, h, "hamlet") || xt_is(d, h, "township") ||
				 xt_is(d, h, "port"))
				*settlement = 1;
			fl |= XP_LOCATIVE;
			/* walk back over the noun phrase to the preposition */
			size_t p = h;
			while (p > s0 && p > h - 6 && (d->tok[p - 1].f & XT_WORD) &&
			       !xt_is(d, p - 1, "in") && !xt_is(d, p - 1, "near") &&
			       !xt_is(d, p - 1, "outside") && !xt_is(d, p - 1, "of"))
				p--;
			if (p > s0 && (xt_is(d, p - 1, "outside") || xt_is(d, p - 1, "near") ||
				       xt_is(d, p - 1, "around")))
				fl |= XP_RELATIVE;
			return fl;
		}
		if (xt_lex_in(&xt_placecues, d, h, XQ_PROVINCE_OF)) {
			*province = 1;
			return fl | XP_LOCATIVE;
		}
		/* "north of", "30 km south of", "northwest of" */
		if (xt_compass(d, h)) {
			fl |= XP_LOCATIVE | XP_RELATIVE;
			return fl;
		}
		/* "outside of", "east of" handled; "in the north of X" is X's region */
		if (xt_is(d, h, "outside") || xt_is(d, h, "part") || xt_is(d, h, "parts") ||
		    xt_is(d, h, "south") || xt_is(d, h, "north"))
			return fl | XP_LOCATIVE | XP_RELATIVE;
	}
	/* "the capital, Baghdad", "the city, Basra", "the capital Mogadishu" */
	if ((b >= s0 + 2 && xt_is(d, b - 1, ",") &&
	     (xt_is(d, b - 2, "capital") || xt_is(d, b - 2, "city") || xt_is(d, b - 2, "town"))) ||
	    (b >= s0 + 2 && xt_is(d, b - 1, "capital") && (d->tok[b - 1].f & XT_LOWER) &&
	     xt_is(d, b - 2, "the") && !(b >= s0 + 3 && xt_is(d, b - 3, "of")))) {
		*settlement = 1;
		return fl | XP_LOCATIVE;
	}
	if (b > s0) {
		size_t p = b - 1;
		/* skip "the" and "central", "northern", "downtown": "in central Kut" */
		static const char *const adj[] = {"central", "downtown", "northern", "southern",
						  "eastern", "western", "north", "south", "east",
						  "west", "northeastern", "northwestern",
						  "southeastern", "southwestern", "rural", "greater",
						  "restive", "nearby", "neighbouring", "neighboring",
						  "suburban", "old", "northwest", "northeast",
						  "southwest", "southeast", NULL};
		int compass_adj = 0;
		while (p > s0 && xt_is_any(d, p, adj) && (d->tok[p].f & XT_LOWER)) {
			if (!xt_is(d, p, "central") && !xt_is(d, p, "downtown") &&
			    !xt_is(d, p, "restive") && !xt_is(d, p, "greater"))
				compass_adj = 1;
			p--;
		}
		if (compass_adj && p + 1 < b)
			fl |= XP_RELATIVE; /* "in northern Baghdad": part of it */
		if (xt_is(d, p, "the") && p > s0)
			p--;
		static const char *const loc[] = {"in", "at", "from", "to", "into", "across",
						  "throughout", "toward", "towards", "through",
						  "via", "within", "inside", "between", "and",
						  "on", "onto", "reach", "reached", "entered",
						  "leaving", "left", "visit", "visited", "hit",
						  "struck", "targeted", "attacked", "besieged",
						  "captured", "recaptured", "liberated", "shelled",
						  "bombed", "over", "along", "under", "beyond",
						  "all", NULL};
		static const char *const rel[] = {"near", "nearby", "outside", "around",
						  "surrounding", "close", "beside", "by", NULL};
		if (xt_is_any(d, p, rel)) {
			fl |= XP_LOCATIVE | XP_RELATIVE;
			if (xt_is(d, p, "close") || xt_is(d, p, "by"))
				fl &= ~(unsigned)XP_RELATIVE;
			if (xt_is(d, p, "by"))
				fl &= ~(unsigned)XP_LOCATIVE;
			return fl;
		}
		if (xt_is(d, p, "to") && p > s0 && xt_is(d, p - 1, "close"))
			return fl | XP_LOCATIVE | XP_RELATIVE;
		/* "on the highway between Baghdad and Babylon": somewhere on the
		 * way, near either end */
		if (xt_is(d, p, "between") ||
		    (xt_is(d, p, "and") && p > s0 + 1 && capword(d, p - 1) &&
		     (xt_is(d, p - 2, "between") || (p > s0 + 2 && xt_is(d, p - 3, "between")))))
			return fl | XP_LOCATIVE | XP_RELATIVE;
		if (xt_is_any(d, p, loc))
			fl |= XP_LOCATIVE;
	}
	return fl;
}

/* The text of tokens [t0, t1) as it was written. */
static const char *span_str(const xt_doc *d, size_t t0, size_t t1, size_t *len)
{
	*len = d->tok[t1 - 1].e - d->tok[t0].s;
	return d->t + d->tok[t0].s;
}

/* ---- per-document lookup cache ---------------------------------------------- */

typedef struct lk {
	uint32_t s, e;   /* bytes of the name */
	im_gaz_name nm;  /* as the gazetteer holds it */
	int known;       /* im_gaz_known_name of it */
} lk;

#define NCACHE 512 /* a power of two */

/* The names of a document, each normalised once: spotting asks about
 * every run of capitalised words, and each pass of the resolver looks the
 * names found up again (most more than once: a text repeats its places). */
typedef struct ctxbuf {
	const im_gaz *g;
	const xt_doc *d;
	/* open addressing on the name's bytes: its entry's index + 1, 0 when
	 * empty (the only part cleared for each document) */
	uint16_t slot[NCACHE];
	lk ent[NCACHE / 2];
	size_t ncache;
} ctxbuf;

/* The name of the len bytes at s, from the cache when s lies in the
 * document's text; found in the gazetteer (and kept, while there is room)
 * otherwise. */
static lk name_of(ctxbuf *cb, const char *s, size_t len)
{
	const char *t = cb->d->t;
	/* compared as addresses: s may be a string of the lexicon's (an alias) */
	uintptr_t off = (uintptr_t)s - (uintptr_t)t;
	if (len > 120 || (uintptr_t)s < (uintptr_t)t || off > cb->d->n || len > cb->d->n - off) {
		im_gaz_name nm = im_gaz_find(cb->g, s, len);
		return (lk){0, 0, nm, im_gaz_known_name(cb->g, nm)};
	}
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	for (size_t i = h & (NCACHE - 1);; i = (i + 1) & (NCACHE - 1)) {
		if (!cb->slot[i]) {
			im_gaz_name nm = im_gaz_find(cb->g, s, len);
			lk v = {(uint32_t)off, (uint32_t)(off + len), nm, im_gaz_known_name(cb->g, nm)};
			if (cb->ncache < NCACHE / 2) {
				cb->ent[cb->ncache++] = v;
				cb->slot[i] = (uint16_t)cb->ncache;
			}
			return v;
		}
		const lk *c = &cb->ent[cb->slot[i] - 1];
		if (c->e - c->s == len && memcmp(t + c->s, s, len) == 0)
			return *c;
	}
}

static int known(ctxbuf *cb, size_t t0, size_t t1)
{
	size_t len;
	const char *s = span_str(cb->d, t0, t1, &len);
	if (len > 120)
		return 0;
	return name_of(cb, s, len).known;
}

/* im_gaz_lookup of the len bytes at s, normalised once a document. */
static size_t lookup(ctxbuf *cb, const char *s, size_t len, const im_gaz_ctx *ctx,
                     im_gaz_cand *out, size_t max)
{
	return im_gaz_lookup_name(cb->g, name_of(cb, s, len).nm, ctx, out, max);
}

/* 1 when "town of", "city of" or "village of" stands right before k. */
static int town_of_cue(const xt_doc *d, size_t k)
{
	return k >= 2 && xt_is(d, k - 1, "of") && xt_lex_in(&xt_placecues, d, k - 2, XQ_TOWN_OF);
}

/* 1 when "province of", "state of" or "region of" stands right before k. */
static int province_of_cue(const xt_doc *d, size_t k)
{
	return k >= 2 && xt_is(d, k - 1, "of") &&
	       xt_lex_in(&xt_placecues, d, k - 2, XQ_PROVINCE_OF);
}

/* 1 when the name [k, e) stands where a place does: after "in", "at" or
 * "near", not a possessive ("in Malam Fatori, a commercial hub"; not "at
 * Sheikh Ali's house"). */
static int in_cue(const xt_doc *d, size_t k, size_t e)
{
	return k >= 1 &&
	       (xt_is(d, k - 1, "in") || xt_is(d, k - 1, "at") || xt_is(d, k - 1, "near")) &&
	       !(e < d->ntok && ((d->tok[e].f & (XT_POSS | XT_QUOTE)) || xt_is(d, e, "'")));
}

/* The length of a lower-case place head at k that may close a name
 * ("checkpoint", "bridge", "air base", "market"; not an admin or settlement
 * word, which the normaliser drops or which names the place itself), or 0. */
static size_t site_head_at(const xt_doc *d, size_t k, size_t end, const unsigned char *used)
{
	if (k >= end || used[k] || !(d->tok[k].f & XT_LOWER) || (d->tok[k].f & XT_NL))
		return 0;
	const xt_lex *h;
	size_t n = xt_lex_match(&xt_placeheads, d, k, end, &h);
	if (!n || strcmp(h->s, "admin") == 0 || strcmp(h->s, "settlement") == 0)
		return 0;
	for (size_t i = k; i < k + n; i++)
		if (used[i])
			return 0;
	return n;
}

/* Longest known n-gram starting at k within [k, end) over capitalised
 * words and connectors, ending on a capitalised word. 0 when none. */
static size_t longest_known(ctxbuf *cb, size_t k, size_t end, const unsigned char *used)
{
	const xt_doc *d = cb->d;
	if (!capword(d, k) || used[k])
		return 0;
	/* "The Iranian city": an article starts no name here */
	if (xt_is(d, k, "the") || xt_is(d, k, "a") || xt_is(d, k, "an"))
		return 0;
	size_t lim = k;
	while (lim < end && lim < k + MAX_NGRAM && !used[lim] &&
	       (capword(d, lim) || (lim > k && connector(d, lim))) &&
	       !(lim > k && ((d->tok[lim].f & XT_NL) || calendar_name(d, lim))))
		lim++;
	/* "the Al-Nakhla checkpoint", "Zaatari camp": a head word in lower case
	 * after the run, when the name and its head are known as a whole */
	size_t hl = site_head_at(d, lim, end, used);
	if (hl && lim > k && capword(d, lim - 1) && known(cb, k, lim + hl))
		return lim + hl - k;
	/* hyphenated compounds: "Iran-backed" is Iran */
	for (size_t e = lim; e > k; e--) {
		if (!capword(d, e - 1))
			continue;
		if (known(cb, k, e))
			return e - k;
	}
	return 0;
}

/* 1 when the capitalised word at k goes on a place name rather than
 * qualifying it: no word of the lexicon (a head such as District or
 * Town, an organisation's, a title, an everyday word, a demonym, a
 * group's name), no month or weekday, no acronym. "Maraba Foron", "Sabon
 * Garin Yamdula", "Padang Besar" go on; "Kano State", "Baghdad Police",
 * "Basra Governor", "Mosul University" do not. */
static int name_goes_on(const im_gaz *g, const xt_doc *d, size_t k, const unsigned char *used)
{
	static const xt_lexicon *const lists[] = {
	    &xt_placeheads, &xt_orgheads, &xt_titles,   &xt_common,  &xt_starters,
	    &xt_demonyms,   &xt_world,    &xt_given,    &xt_outlets, &xt_actornames,
	    &xt_trigwords,  &xt_abbrevs,  &xt_us_states};
	if (k >= d->ntok || used[k] || !capword(d, k) || connector(d, k) ||
	    (d->tok[k].f & (XT_NL | XT_UPPER | XT_NONLATIN)) || calendar_name(d, k) ||
	    xt_compass(d, k) || xt_tribe_word(d, k) || camel(d, k))
		return 0;
	/* a name of its own ("Greece Italy"), unless only a country's
	 * villages bear it */
	if (xt_english_word(XT_STR(d, k), XT_LEN(d, k)) ||
	    im_gaz_known(g, XT_STR(d, k), XT_LEN(d, k)) == 1)
		return 0;
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		const xt_lex *h;
		if (xt_lex_match(lists[i], d, k, k + 1, &h) == 1)
			return 0;
	}
	return 1;
}

/* 1 for a place known the world over: a country, a province, a capital,
 * a city of a million. */
static int prominent(const im_place *p)
{
	im_kind k = p->kind;
	return k == IM_KIND_COUNTRY || k == IM_KIND_ADMIN1 || k == IM_KIND_REGION ||
	       k == IM_KIND_CAPITAL || p->population >= 1000000;
}

/* 1 when the candidate bears the name as written, as its own name or
 * another. */
static int as_written(const im_gaz_cand *c)
{
	return c->match == IM_GAZ_OWN_NAME || c->match == IM_GAZ_OTHER_NAME;
}

/* ---- resolution ----------------------------------------------------------------- */

enum { WANT_ANY, WANT_SETTLEMENT, WANT_PROVINCE, WANT_SITE, WANT_VILLAGE, WANT_COUNTRY };

static int is_admin(im_kind k)
{
	return k == IM_KIND_ADMIN1 || k == IM_KIND_ADMIN2 || k == IM_KIND_REGION;
}

/* 1 for a place no one would call a village: a capital, a city, or any
 * settlement of 100,000 people or more. */
static int city_sized(const im_place *p)
{
	return p->kind == IM_KIND_CAPITAL || p->kind == IM_KIND_CITY ||
	       (p->population >= 100000 && !is_admin(p->kind) && p->kind != IM_KIND_COUNTRY);
}

/* The heaviest weight the text gives any country. */
static double ctx_top(const im_gaz_ctx *ctx)
{
	double top = 0;
	for (size_t i = 0; ctx && i < ctx->n_countries; i++)
		if (ctx->country_w[i] > top)
			top = ctx->country_w[i];
	return top;
}

/* 1 when some place outside country cc (a detail village included) bears
 * the name exactly as written. */
static int exact_elsewhere(const im_gaz *g, const char *s, size_t len, const char *cc)
{
	im_gaz_ctx all;
	memset(&all, 0, sizeof all);
	all.all_detail = 1;
	im_gaz_cand c[NCAND];
	size_t n = im_gaz_lookup(g, s, len, &all, c, NCAND);
	for (size_t i = 0; i < n && i < NCAND; i++)
		if (c[i].match == IM_GAZ_OWN_NAME && strcmp(c[i].place.country, cc))
			return 1;
	return 0;
}

/* How alike two names are, 0 to 1: the share of letter pairs they have
 * in common (Dice's coefficient over the pairs of their normalised
 * forms, im_gaz_norm): "Stanytsya Luhanska" and "Stanytsia Luhanska"
 * share most, "Cuei" and "Cuveglio" 0.2. */
static double name_likeness(const char *a, size_t la, const char *b, size_t lb)
{
	char na[128], nb[128];
	size_t n1 = im_gaz_norm(a, la, na, sizeof na), n2 = im_gaz_norm(b, lb, nb, sizeof nb);
	if (n1 > sizeof na - 1)
		n1 = sizeof na - 1;
	if (n2 > sizeof nb - 1)
		n2 = sizeof nb - 1;
	if (n1 < 2 || n2 < 2)
		return 0;
	unsigned char used[128] = {0};
	size_t common = 0;
	for (size_t i = 0; i + 1 < n1; i++)
		for (size_t j = 0; j + 1 < n2; j++)
			if (!used[j] && na[i] == nb[j] && na[i + 1] == nb[j + 1]) {
				used[j] = 1;
				common++;
				break;
			}
	return 2.0 * (double)common / (double)(n1 - 1 + n2 - 1);
}

/* 1 when the candidate bears the name as one of its own: its name as
 * written, a respelling of it, or another of its names much like its
 * own ("Ozamiz" for Ozamiz City); 0 for a name of another tongue ("Cuei"
 * for Cuveglio, "Uchturpan" for Wushi). */
static int own_name_match(const im_gaz_cand *c, const char *s, size_t len)
{
	if (c->match == IM_GAZ_OWN_NAME || c->match == IM_GAZ_VARIANT)
		return 1;
	return c->place.name && name_likeness(s, len, c->place.name, strlen(c->place.name)) > 0.5;
}

/* 1 when the candidate bears the name only as another of its names
 * ("Damask", Damascus in German; "Sool", a respelling of one of Seoul's). */
static int other_name_only(const im_gaz_cand *c)
{
	return c->match == IM_GAZ_OTHER_NAME || c->match == IM_GAZ_OTHER_VARIANT;
}

/* The candidate to take instead of best when best bears the name only as
 * another of its names, in a country the text gives nothing (less than
 * 0.3), while a place of a country the text is about (IM_GAZ_ABOUT_W)
 * bears it too: a foreign form of a city abroad is less likely than the
 * place at home ("the town of Damask" in a Boko Haram story is Damasak,
 * one of whose other names it is, not Damascus in German). The best of
 * those, else best. */
static size_t own_name_at_home(const im_gaz_cand *c, size_t n, const double *adj,
                               const im_gaz_ctx *ctx, size_t best)
{
	if (!ctx || !other_name_only(&c[best]) ||
	    im_gaz_ctx_weight(ctx, c[best].place.country) >= 0.3)
		return best;
	size_t home = n;
	for (size_t i = 0; i < n; i++)
		if (im_gaz_ctx_weight(ctx, c[i].place.country) >= IM_GAZ_ABOUT_W &&
		    (home == n || adj[i] > adj[home]))
			home = i;
	return home < n ? home : best;
}

/* The name a toponym is looked up by: its alias ("Wash." is Washington),
 * else the name part of its span ("Diyala" of "Diyala province"), else the
 * span. */
static const char *topo_name(const xt_doc *d, const xt_topo *t, size_t *len)
{
	if (t->alias) {
		*len = strlen(t->alias);
		return t->alias;
	}
	const char *s = span_str(d, t->t0, t->t1, len);
	if (t->nlen && t->noff + t->nlen <= *len) {
		s += t->noff;
		*len = t->nlen;
	}
	return s;
}

/* 1 when the name ends with an admin word, or one follows it ("Wakuna
 * District", "Turkana county"). */
static int admin_head(const xt_doc *d, const xt_topo *t)
{
	const xt_lex *h;
	for (size_t k = t->t1 - 1; k <= t->t1 && k < d->ntok; k++)
		if (xt_lex_match(&xt_placeheads, d, k, k + 1, &h) == 1 && strcmp(h->s, "admin") == 0)
			return 1;
	return 0;
}

/* 1 when the name ends with, or is followed by, the word of a first-level
 * area ("Sool region", "Borno State", "Zabul province"), not a
 * district's, and no capitalised word goes on ("Belchertown State
 * School" is a school). */
static int province_head(const xt_doc *d, const xt_topo *t)
{
	for (size_t k = t->t1 - 1; k <= t->t1 && k < d->ntok; k++)
		if (xt_lex_in(&xt_placecues, d, k, XQ_PROVINCE_HEAD))
			return !(k + 1 < d->ntok && (d->tok[k + 1].f & XT_CAP));
	return 0;
}

/* Looks the name up and picks a candidate; sets t->place, score, conf. */
/* 1 when the candidates c that bear the name as written are one place
 * (and some do): all within 25 km of the first. */
static int one_place(const im_gaz_cand *c, size_t n)
{
	const im_place *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!as_written(&c[i]))
			continue;
		if (!first)
			first = &c[i].place;
		else if (im_gaz_dist_km(first->lat, first->lon, c[i].place.lat, c[i].place.lon) >
		         25)
			return 0;
	}
	return first != NULL;
}

/* A district named after its town is first the town ("Mellit", "Kutum":
 * Darfur's localities bear their seats' names; "Kabasalan" is the town,
 * not its municipality): the town takes the district's rank when it is
 * lower, and is no rival to it, unless the text calls the name a
 * district ("Mellit locality"). */
static void districts_to_towns(const im_gaz_cand *c, size_t n, double *adj)
{
	for (size_t i = 0; i < n; i++) {
		if (c[i].place.kind != IM_KIND_ADMIN2)
			continue;
		int m = im_gaz_town_of(c, n, &c[i].place, i);
		if (m < 0)
			continue;
		if (adj[m] <= adj[i])
			adj[m] = adj[i] + 0.05;
		adj[i] -= 1.0; /* one place with its town: no rival to make it doubtful */
	}
}

/* 1 when province a1 is one the text is about (named, or agreed on). */
static int ctx_has_admin1(const im_gaz_ctx *ctx, const char *a1)
{
	for (size_t q = 0; a1 && a1[0] && q < ctx->n_admin1 && q < 8; q++)
		if (ctx->admin1[q] && strcmp(ctx->admin1[q], a1) == 0)
			return 1;
	return 0;
}

/* 1 when candidate c, a settlement bearing the name as written, lies in
 * a province the text is about (named, or agreed on by its places), in a
 * local story: one that names no other country outright (a story that
 * names Spain and Taiwan is no local news of California, whatever
 * university it quotes). */
static int local_namesake(const im_gaz_ctx *ctx, const im_gaz_cand *c)
{
	const im_place *p = &c->place;
	if (!p->admin1 || !p->admin1[0] || is_admin(p->kind) || p->kind == IM_KIND_COUNTRY ||
	    !as_written(c))
		return 0;
	for (size_t q = 0; q < ctx->n_countries && q < 8; q++)
		if (ctx->country_w[q] >= 0.9 && strcmp(ctx->countries[q], p->country) != 0)
			return 0;
	return ctx_has_admin1(ctx, p->admin1);
}

/* 1 when, of candidates c, a town of another country than `country`'s
 * bears the name as written and lies in a province the text is about, in
 * a local story ("Palestine" among Anderson County's places is the Texan
 * town, not the country). */
static int local_country_namesake(const im_gaz_ctx *ctx, const im_gaz_cand *c, size_t n,
                                  const im_place *country)
{
	for (size_t m = 0; ctx && m < n; m++) {
		const char *cc = c[m].place.country;
		if (!strcmp(cc, country->country) ||
		    c[m].match != IM_GAZ_OWN_NAME || !local_namesake(ctx, &c[m]))
			continue;
		/* a story that speaks of a third country ("Canadian experts")
		 * is no local news */
		int third = 0;
		for (size_t q = 0; q < ctx->n_countries && q < 8; q++)
			if (ctx->country_w[q] >= IM_GAZ_ABOUT_W && strcmp(ctx->countries[q], cc))
				third = 1;
		if (!third)
			return 1;
	}
	return 0;
}

/* 1 when candidate c lies in a country the text gives almost nothing
 * (less than 0.3) while another of the name's candidates lies in a country
 * it is about (IM_GAZ_ABOUT_W or more): a namesake abroad. */
static int abroad_of_home(const im_gaz_ctx *ctx, const im_gaz_cand *c, size_t n, size_t i)
{
	if (!ctx || im_gaz_ctx_weight(ctx, c[i].place.country) >= 0.3)
		return 0;
	for (size_t m = 0; m < n; m++)
		if (im_gaz_ctx_weight(ctx, c[m].place.country) >= IM_GAZ_ABOUT_W)
			return 1;
	return 0;
}

static const xt_lex *head_after(const xt_doc *d, size_t k, size_t *hl);

/* 1 when the name that ends before token k follows another name of a
 * list: "Barrow and", "Clay, " before it. */
static int listed_after_name(const xt_doc *d, size_t k)
{
	return k >= 2 && (xt_is(d, k - 1, ",") || xt_is(d, k - 1, "and") || xt_is(d, k - 1, "or")) &&
	       capword(d, k - 2);
}

/* The token of a plural admin head ("counties", "parishes") that ends a
 * list of two or more names, from the name that ends at token e on:
 * right there ("Barrow and Jackson counties", the name t0 follows
 * another), or after more names joined by commas and "and" ("Becker,
 * Clay and Otter Tail counties"). 0 when none, or for one name alone
 * ("the metro Athens counties" are those around Athens): each name of
 * such a list is one of them. */
static size_t plural_admin_after(const xt_doc *d, size_t t0, size_t e)
{
	for (size_t q = e, names = 0; q < d->ntok && names < 16; names++) {
		size_t hl = 0;
		const xt_lex *h = head_after(d, q, &hl);
		if (h && hl == 1 && strcmp(h->s, "admin") == 0 && (d->tok[q].f & XT_LOWER) &&
		    XT_LEN(d, q) > 3 && d->t[d->tok[q].e - 1] == 's')
			return names || listed_after_name(d, t0) ? q : 0;
		if (xt_is(d, q, ","))
			q++;
		if (q < d->ntok && (xt_is(d, q, "and") || xt_is(d, q, "or")))
			q++;
		if (q == e || q >= d->ntok || !capword(d, q))
			return 0;
		for (size_t w = 0; w < 3 && q < d->ntok && capword(d, q); w++)
			q++;
	}
	return 0;
}

/* The name of one of a list before a plural admin head, with the head's
 * singular ("Barrow" of "Barrow and Jackson counties" is "Barrow County"),
 * into buf; its length, 0 when the toponym is no such name. */
static size_t listed_admin_name(const xt_doc *d, size_t t0, size_t t1, const char *s,
                                size_t len, char *buf, size_t cap)
{
	size_t h = plural_admin_after(d, t0, t1);
	if (!h)
		return 0;
	const char *w = d->t + d->tok[h].s;
	size_t wl = XT_LEN(d, h) - 1; /* "districts" -> "district" */
	if (wl > 3 && strncasecmp(w + wl - 2, "ie", 2) == 0)
		wl -= 2; /* "counties" -> "count" + "y" */
	else if (wl > 3 && w[wl - 1] == 'e' && w[wl - 2] == 'h')
		wl--; /* "parishes" -> "parish" */
	int y = wl < XT_LEN(d, h) - 2;
	if (len + 2 + wl + (size_t)y >= cap)
		return 0;
	memcpy(buf, s, len);
	buf[len] = ' ';
	memcpy(buf + len + 1, w, wl);
	buf[len + 1] = (char)toupper((unsigned char)buf[len + 1]);
	size_t n = len + 1 + wl;
	if (y)
		buf[n++] = 'y';
	buf[n] = '\0';
	return n;
}

/* 1 when the names [t0, t1) are one of a list before a plural admin head
 * that the gazetteer knows with the head's singular ("Oconee County"). */
static int listed_county(ctxbuf *cb, size_t t0, size_t t1)
{
	size_t len;
	const char *s = span_str(cb->d, t0, t1, &len);
	char name[128];
	size_t n = listed_admin_name(cb->d, t0, t1, s, len, name, sizeof name);
	return n && im_gaz_known(cb->g, name, n);
}

/* A toponym's candidates as resolve weighs them. */
typedef struct cands {
	const char *s; /* the name looked up */
	size_t len;
	int want;
	const im_gaz_ctx *ctx; /* the context, or its widened copy */
	im_gaz_ctx wide;
	double top; /* the weight of the country the text is most about */
	im_gaz_cand c[NCAND];
	double adj[NCAND]; /* each one's score, weighed */
	size_t n;
} cands;

/* The candidates of the toponym t; 0 when none is worth weighing. */
static size_t lookup_cands(ctxbuf *cb, const xt_topo *t, const im_gaz_ctx *ctx, int want, cands *cs)
{
	cs->s = topo_name(cb->d, t, &cs->len);
	/* "Zabol Province": the normaliser drops the word, the text still says
	 * what it names (the province, not Zabol the Iranian town) */
	int admin = admin_head(cb->d, t);
	if (want == WANT_ANY && admin)
		want = WANT_PROVINCE;
	cs->want = want;
	/* "Turkana County", "the district of X" in a text about no country yet:
	 * a province or district, whichever country's, is a candidate (in a
	 * text about a country, that country's are already) */
	cs->top = ctx_top(ctx); /* the same with the widened copy below */
	/* "the town of Kiklah", "the village of Mainok": a name only the
	 * detail files hold, called a settlement in a text about no country
	 * yet, is that place when only one place bears it */
	int cued = (want == WANT_SETTLEMENT || want == WANT_VILLAGE) && cs->top < IM_GAZ_ABOUT_W &&
	           name_of(cb, cs->s, cs->len).known == 2;
	if (((want == WANT_PROVINCE || admin) && cs->top < IM_GAZ_ABOUT_W) || cued) {
		if (ctx)
			cs->wide = *ctx;
		else
			memset(&cs->wide, 0, sizeof cs->wide);
		cs->wide.detail_admin = !cued;
		cs->wide.all_detail = cued;
		ctx = &cs->wide;
	}
	cs->ctx = ctx;
	size_t n = 0;
	char listed[128];
	size_t ll = want == WANT_PROVINCE
	                ? listed_admin_name(cb->d, t->t0, t->t1, cs->s, cs->len, listed, sizeof listed)
	                : 0;
	if (ll)
		n = im_gaz_lookup(cb->g, listed, ll, ctx, cs->c, NCAND);
	if (!n)
		n = lookup(cb, cs->s, cs->len, ctx, cs->c, NCAND);
	if (n > NCAND)
		n = NCAND;
	if (!n || (cued && !one_place(cs->c, n)))
		return 0;
	return cs->n = n;
}

/* Candidate i's score a, weighed by the kind the toponym wants. */
static double weigh_wanted(const cands *cs, const xt_topo *t, size_t i, double a)
{
	im_kind k = cs->c[i].place.kind;
	switch (cs->want) {
	case WANT_PROVINCE:
		/* a US state's abbreviation ("Wash.", "Calif.") is the
		 * state, never a city of its name */
		if (t->alias && k != IM_KIND_ADMIN1)
			a -= 100;
		/* the head says a province, not whose: not one abroad
		 * over a namesake in a country the text is about ("the
		 * Beni region" of a Congolese story is no Bolivian
		 * department, "Donga LGA of Taraba State" none of
		 * Benin's) */
		if (abroad_of_home(cs->ctx, cs->c, cs->n, i))
			break;
		if (k == IM_KIND_ADMIN1)
			a += 1.2;
		else if (k == IM_KIND_ADMIN2 || k == IM_KIND_REGION)
			a += 0.8;
		break;
	case WANT_SETTLEMENT:
	case WANT_VILLAGE:
		if (is_admin(k) || k == IM_KIND_COUNTRY)
			a -= 1.0;
		if (cs->want == WANT_VILLAGE && (k == IM_KIND_VILLAGE || k == IM_KIND_TOWN))
			a += 0.4;
		break;
	case WANT_SITE:
		if (k == IM_KIND_SITE || k == IM_KIND_NEIGHBOURHOOD)
			a += 0.6;
		break;
	case WANT_COUNTRY:
		if (k == IM_KIND_COUNTRY)
			a += 2;
		break;
	}
	return a;
}

/* World cities: London is London, England, unless the text says
 * otherwise louder than a mention of the US; not when it names the
 * country of a namesake ("Lebanon's Tripoli"). The other country's
 * namesake must be a place of weight itself (Tripoli, Lebanon, a city of
 * 230,000), not London, Kentucky, and the world city's own country must
 * not be named as loudly. Candidate i's score a, weighed. */
static double weigh_world_city(const cands *cs, size_t i, double a)
{
	const im_gaz_ctx *ctx = cs->ctx;
	const im_place *p = &cs->c[i].place;
	int named_other = 0, local = 0;
	double own_w = 0;
	for (size_t q = 0; ctx && q < ctx->n_countries; q++)
		if (strcmp(ctx->countries[q], p->country) == 0)
			own_w = ctx->country_w[q];
	for (size_t m = 0; ctx && m < cs->n; m++) {
		const im_place *o = &cs->c[m].place;
		/* a namesake in a province the text is about
		 * (Paris in a story of Texas) */
		if (strcmp(o->country, p->country) != 0 && local_namesake(ctx, &cs->c[m]))
			local = 1;
		if (strcmp(o->country, p->country) == 0 ||
		    !(o->population >= 100000 || o->kind == IM_KIND_CAPITAL || is_admin(o->kind)))
			continue;
		for (size_t q = 0; q < ctx->n_countries; q++)
			if (ctx->country_w[q] >= 0.6 && ctx->country_w[q] > own_w &&
			    strcmp(ctx->countries[q], o->country) == 0)
				named_other = 1;
	}
	if (local)
		a -= LOCAL_OVER_WORLD;
	else if (!named_other)
		a += p->kind == IM_KIND_CAPITAL ? PROMINENT : PROMINENT * 0.6;
	return a;
}

/* A country called by its own name is meant far more often than a
 * namesake town ("China", not China, Texas), unless a province of that
 * name lies in the country the text is about ("Georgia" in a story about
 * the United States is the state). Candidate i's score a, weighed. */
static double weigh_country_name(const cands *cs, const xt_topo *t, size_t i, double a)
{
	const im_gaz_ctx *ctx = cs->ctx;
	if (t->flags & XP_FOLK)
		return a - 2.0; /* "a Palestine man": a town's */
	double own_w = 0, prov_w = 0;
	for (size_t q = 0; ctx && q < ctx->n_countries; q++)
		if (strcmp(ctx->countries[q], cs->c[i].place.country) == 0)
			own_w = ctx->country_w[q];
	for (size_t m = 0; ctx && m < cs->n; m++) {
		const im_place *o = &cs->c[m].place;
		if (o->kind != IM_KIND_ADMIN1 || !o->name || strlen(o->name) != cs->len ||
		    strncasecmp(o->name, cs->s, cs->len) != 0)
			continue;
		for (size_t q = 0; q < ctx->n_countries; q++)
			if (strcmp(ctx->countries[q], o->country) == 0 &&
			    ctx->country_w[q] > prov_w)
				prov_w = ctx->country_w[q];
	}
	/* "a Palestine man" in a story of Texas that says
	 * nothing else of the country: the Texan town */
	if (own_w < 0.3 && local_country_namesake(ctx, cs->c, cs->n, &cs->c[i].place))
		a -= LOCAL_OVER_WORLD;
	else if (!(prov_w >= 0.5 && prov_w > own_w))
		a += 1.2;
	return a;
}

/* 1 when a town of the province i's name stands for it: its capital bears
 * it ("Basra" is first the city), or a city of a million in it does ("New
 * York" is first the city, wherever the state's middle lies), or a big
 * city elsewhere bears the name as its own ("Gaza" is the city before
 * Mozambique's province: context decides). */
static int town_of_province_name(const cands *cs, size_t i)
{
	const im_place *p = &cs->c[i].place;
	int town = 0;
	for (size_t m = 0; m < cs->n; m++) {
		const im_gaz_cand *cm = &cs->c[m];
		im_kind km = cm->place.kind;
		/* its own name as written (Oregon City is no "Oregon", Oklahoma
		 * City only another name for it); any name for a city of a
		 * million */
		int own_name = cm->match == IM_GAZ_OWN_NAME;
		int any_name = as_written(cm);
		int same_a1 = strcmp(cm->place.admin1, p->admin1) == 0;
		if ((km == IM_KIND_CAPITAL || km == IM_KIND_ADMIN_SEAT || km == IM_KIND_CITY ||
		     km == IM_KIND_TOWN) &&
		    strcmp(cm->place.country, p->country) == 0 &&
		    ((own_name && (same_a1 || im_gaz_dist_km_upto(cm->place.lat, cm->place.lon,
		                                                  p->lat, p->lon, 250) < 250)) ||
		     (any_name && same_a1 && cm->place.population >= 1000000)))
			town = 1;
		if (own_name && cm->place.population >= 250000 &&
		    (km == IM_KIND_CAPITAL || km == IM_KIND_ADMIN_SEAT || km == IM_KIND_CITY))
			town = 1;
	}
	return town;
}

/* The place's own name as written beats a place that only has it among
 * its other names ("Arizona" the state, not Yuma). Candidate i's score a,
 * weighed. */
static double weigh_own_name(const cands *cs, const xt_topo *t, size_t i, double a)
{
	const char *nm = cs->c[i].place.name;
	im_kind k = cs->c[i].place.kind;
	if (!(nm && strlen(nm) == cs->len && strncasecmp(nm, cs->s, cs->len) == 0))
		return a;
	a += 0.3;
	if (k == IM_KIND_COUNTRY)
		a = weigh_country_name(cs, t, i, a);
	/* a province by its own name ("California") */
	if (k == IM_KIND_ADMIN1 && !town_of_province_name(cs, i))
		a += 0.4;
	return a;
}

/* Each candidate's score, weighed by the toponym's cues and the context. */
static void weigh_cands(cands *cs, const xt_topo *t)
{
	for (size_t i = 0; i < cs->n; i++) {
		im_kind k = cs->c[i].place.kind;
		double a = weigh_wanted(cs, t, i, cs->c[i].score);
		if (k == IM_KIND_OTHER)
			a -= 0.3;
		if ((t->flags & XP_VILLAGE) && city_sized(&cs->c[i].place))
			a -= 2.0;
		if ((k == IM_KIND_CAPITAL && cs->c[i].place.population >= 500000) ||
		    cs->c[i].place.population >= 1000000)
			a = weigh_world_city(cs, i, a);
		cs->adj[i] = weigh_own_name(cs, t, i, a);
	}
	if (cs->want != WANT_PROVINCE)
		districts_to_towns(cs->c, cs->n, cs->adj);
}

/* The best candidate; *second: the best score somewhere else (25 km away
 * or more: a name shared by a town and its district is not ambiguous), or
 * -1e9. */
static size_t best_cand(const cands *cs, double *second)
{
	const im_gaz_cand *c = cs->c;
	size_t best = 0;
	for (size_t i = 1; i < cs->n; i++)
		if (cs->adj[i] > cs->adj[best])
			best = i;
	best = own_name_at_home(c, cs->n, cs->adj, cs->ctx, best);
	*second = -1e9;
	for (size_t i = 0; i < cs->n; i++) {
		/* the distance only of one that would be the second so far */
		if (i == best || !(cs->adj[i] > *second))
			continue;
		if (im_gaz_dist_km_upto(c[i].place.lat, c[i].place.lon, c[best].place.lat,
		                        c[best].place.lon, 25) < 25)
			continue;
		*second = cs->adj[i];
	}
	return best;
}

/* 1 when the best candidate b misfits what the text calls the name. A
 * name the text calls a village is no city of 100,000 or capital:
 * "Kaakong village" in Turkana is not Shaoguan, one of whose other names
 * it is; "Rim and Shonong villages" are not Rome. A name it calls a
 * province or region is no town or village: "Sool region" is not the
 * hamlet of Sool 700 km away when the gazetteer lacks the region (a seat
 * or city of the name may stand for it, and so may a town of 10,000
 * people: "the Chaman region of Balochistan"). Left unknown (placed by
 * its reference, or not at all). */
static int misfits_cue(const xt_doc *d, const xt_topo *t, const im_place *b)
{
	if ((t->flags & XP_VILLAGE) && city_sized(b))
		return 1;
	im_kind bk = b->kind;
	return (bk == IM_KIND_TOWN || bk == IM_KIND_VILLAGE || bk == IM_KIND_NEIGHBOURHOOD ||
	        bk == IM_KIND_SITE || bk == IM_KIND_OTHER) &&
	       b->population < 10000 && province_head(d, t);
}

/* 1 when the best candidate b is too weak a match abroad: the name is
 * more likely one of a place the gazetteer lacks in the country the text
 * is about. *doubt: 1 when the toponym's confidence is to fall to what
 * the far place would have made it. own_w: the weight of b's country. */
static int far_namesake(ctxbuf *cb, const cands *cs, const xt_topo *t, const im_gaz_cand *b,
                        double own_w, int *doubt)
{
	const char *s = cs->s;
	size_t len = cs->len;
	double top = cs->top;
	im_kind bk = b->place.kind;
	*doubt = 1;
	if ((t->flags & XP_PREFIX) && own_w < IM_GAZ_ABOUT_W && top >= IM_GAZ_ABOUT_W &&
	    !prominent(&b->place))
		return 1;
	/* Only another of its names (one in another language: "Cuei" is
	 * Cuveglio's in Lombard, "Sangan" Sangano's in Piedmontese) for a
	 * place that is not known the world over, in a country the text is
	 * not about while it is about another: English reports call such a
	 * place by its own name, so the name is more likely one of that other
	 * country's places that the gazetteer lacks; left unknown. */
	if (!own_name_match(b, s, len) && own_w < IM_GAZ_ABOUT_W &&
	    (bk == IM_KIND_TOWN || bk == IM_KIND_VILLAGE || bk == IM_KIND_OTHER) &&
	    b->place.population < 100000)
		return 1;
	int variant = b->match == IM_GAZ_VARIANT || b->match == IM_GAZ_OTHER_VARIANT;
	int other_variant = b->match == IM_GAZ_OTHER_VARIANT;
	if (other_variant && own_w < IM_GAZ_ABOUT_W &&
	    exact_elsewhere(cb->g, s, len, b->place.country)) {
		*doubt = 0;
		return 1;
	}
	/* ... nor another of its names as written, however like its own, for
	 * a town of less than 100,000 people, while a place elsewhere bears
	 * the name as its own: "Sangan" is Sangano's in Piedmontese, and the
	 * name of villages in Afghanistan and Iran */
	if (b->match == IM_GAZ_OTHER_NAME && own_w < IM_GAZ_ABOUT_W &&
	    (bk == IM_KIND_TOWN || bk == IM_KIND_VILLAGE || bk == IM_KIND_OTHER) &&
	    b->place.population < 100000 && exact_elsewhere(cb->g, s, len, b->place.country))
		return 1;
	/* Only a respelling of a place in a country the text is not about,
	 * while it names another outright: most likely a place of that other
	 * country that the gazetteer lacks ("Lomelo" in a Kenyan story is no
	 * Lomello in Italy); left unresolved rather than drawn abroad, and no
	 * surer a name than the far place would have made it. Not on a
	 * people's word alone ("Saudi jets" over Taiz), unless the match is
	 * only a respelling of another of the far place's names: two weak
	 * links ("Kitaf" in a story of a Yemeni province is no Norwegian town
	 * that one of its other names, respelled, would make), nor when the
	 * text is about another country on any evidence (an armed group, its
	 * places that agree: "Chukku" in a Boko Haram story is no Zhoukou). */
	if (variant && own_w < 0.3 && (top >= 0.9 || (other_variant && top >= IM_GAZ_ABOUT_W)))
		return 1;
	/* ... nor a respelling of another of its names (two weak links) in a
	 * neighbour the text only implies (an armed group: 0.45), while it
	 * names another country outright: "Yebi village near Bosso in
	 * southeast Niger" is no Nigerian Ngurore Yebbi, whatever group
	 * Nigeria shares with Niger */
	if (other_variant && own_w < 0.6 && top >= 0.9)
		return 1;
	*doubt = 0;
	return 0;
}

/* How sure the choice of a place of kind k is, from its margin over the
 * second: a small place in a country the text does not speak of, when it
 * does speak of others, is most likely a namesake of a place the
 * gazetteer lacks ("Qabak" in Nineveh is not a village in the
 * Philippines). */
static double certainty_of(const cands *cs, const im_place *p, double margin, double here)
{
	const im_gaz_ctx *ctx = cs->ctx;
	double top = cs->top;
	double certainty = margin >= 1.0 ? 1.0 : margin <= 0 ? 0.45 : 0.45 + 0.55 * margin;
	if (!(ctx && ctx->n_countries))
		return certainty;
	im_kind k = p->kind;
	int small = k == IM_KIND_TOWN || k == IM_KIND_VILLAGE || k == IM_KIND_NEIGHBOURHOOD ||
	            k == IM_KIND_SITE || k == IM_KIND_OTHER || k == IM_KIND_ADMIN2 ||
	            ((k == IM_KIND_CITY || k == IM_KIND_ADMIN_SEAT) && p->population < 200000);
	if (top >= 0.9 && here < 0.3 && small)
		certainty *= 0.35;
	/* ... or speaks of one through a big city or the dateline only
	 * ("Bashir" south of Kirkuk is no village in Syria); not through
	 * a people (0.8: "Saudi warplanes" over a Yemeni town) */
	else if (top >= 0.5 && top < 0.75 && here < 0.3 && small)
		certainty *= 0.35;
	/* a mid-sized city abroad too ("Danan" in Yemen is not Da Nang):
	 * only capitals and cities of a million are named in passing */
	else if (top >= 0.9 && here < 0.3 && !small && k != IM_KIND_CAPITAL &&
	         p->population < 1000000 && !is_admin(k) && k != IM_KIND_COUNTRY)
		certainty *= 0.55;
	return certainty;
}

/* The toponym t to the candidate b, with its score, margin and flags. */
static void take_cand(const cands *cs, xt_topo *t, size_t b, double second, double own_w)
{
	int variant = cs->c[b].match == IM_GAZ_VARIANT || cs->c[b].match == IM_GAZ_OTHER_VARIANT;
	t->place = cs->c[b].place;
	t->score = cs->adj[b];
	if (variant)
		t->flags |= XP_RESPELT;
	else
		t->flags &= ~(unsigned)XP_RESPELT;
	t->resolved = 1;
	double margin = second < -1e8 ? 2 : cs->adj[b] - second;
	t->margin = margin;
	t->conf *= certainty_of(cs, &t->place, margin, own_w);
	/* a country, and a continent, sea or region of several countries, is
	 * context, never an incident's place */
	if (t->place.kind == IM_KIND_COUNTRY ||
	    (t->place.kind == IM_KIND_REGION && !t->place.country[0]))
		t->country_only = 1;
	if (is_admin(t->place.kind))
		t->flags |= XP_PROVINCE;
	if (t->place.kind == IM_KIND_COUNTRY)
		t->flags |= XP_COUNTRY;
}

/* The toponym t to the best of its candidates in the context ctx, for
 * the kind it wants; 0 when it stays unresolved. */
static int resolve(ctxbuf *cb, xt_topo *t, const im_gaz_ctx *ctx, int want)
{
	cands cs;
	if (!lookup_cands(cb, t, ctx, want, &cs))
		return 0;
	weigh_cands(&cs, t);
	double second;
	size_t best = best_cand(&cs, &second);
	const im_gaz_cand *b = &cs.c[best];
	if (misfits_cue(cb->d, t, &b->place))
		return 0;
	double own_w = im_gaz_ctx_weight(cs.ctx, b->place.country);
	int doubt;
	if (far_namesake(cb, &cs, t, b, own_w, &doubt)) {
		if (doubt)
			t->conf *= 0.35; /* as sure as the far place would have been */
		return 0;
	}
	take_cand(&cs, t, best, second, own_w);
	return 1;
}

/* 1 when a country toponym's name, as written, is also the exact name of
 * a province of another country ("Georgia", the US state), 2 when of a
 * town there ("Palestine", Texas; "Lebanon", Pennsylvania): decided once
 * the provinces the text is about are known. */
static int province_namesake(const im_gaz *g, const xt_doc *d, const xt_topo *t)
{
	size_t len;
	const char *s = topo_name(d, t, &len);
	im_gaz_cand c[NCAND];
	size_t n = im_gaz_lookup(g, s, len, NULL, c, NCAND);
	int town = 0;
	for (size_t i = 0; i < n && i < NCAND; i++) {
		im_kind k = c[i].place.kind;
		if ((k == IM_KIND_ADMIN1 || k == IM_KIND_ADMIN_SEAT || k == IM_KIND_CITY ||
		     k == IM_KIND_TOWN || k == IM_KIND_VILLAGE) &&
		    strcmp(c[i].place.country, t->place.country) && c[i].place.name &&
		    strlen(c[i].place.name) == len && strncasecmp(c[i].place.name, s, len) == 0)
			town = k == IM_KIND_ADMIN1 ? 1 : town ? town : 2;
	}
	return town;
}

/* The capital of country cc: the gazetteer lists capitals first among the
 * places of a box around the country. 1 when found. */
static int capital_of(const im_gaz *g, const char *cc, im_place *out)
{
	const char *name = im_gaz_country_name(g, cc);
	if (!name)
		return 0;
	im_gaz_cand c[8];
	size_t n = im_gaz_lookup(g, name, strlen(name), NULL, c, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		if (c[i].place.kind != IM_KIND_COUNTRY || strcmp(c[i].place.country, cc) != 0)
			continue;
		double la = c[i].place.lat, lo = c[i].place.lon;
		im_place p[64];
		size_t m = im_gaz_in_bbox(g, lo - 25, la - 20, lo + 25, la + 20, 0, p, 64);
		for (size_t j = 0; j < m; j++)
			if (p[j].kind == IM_KIND_CAPITAL && strcmp(p[j].country, cc) == 0) {
				*out = p[j];
				return 1;
			}
	}
	return 0;
}

/* "20 km north of", "30 kilometres (19 miles) south-east of", "about 60
 * miles from" right before token k: the distance in km and the bearing in
 * degrees (-1 when only a distance is given). */
/* The token before "the capital", "the provincial capital", "the town of",
 * "the central town of" (city, village; up to two words before the head)
 * that ends at p, a settlement's head between a distance and its
 * reference ("north of the capital Naypyidaw", "south of the central town
 * of Bambari"); p itself when there is none. */
static size_t before_settlement_head(const xt_doc *d, size_t s0, size_t p)
{
	size_t h = p;
	if (xt_is(d, h, "of") && h > s0 + 1 && xt_lex_in(&xt_placecues, d, h - 1, XQ_TOWN_OF))
		h--;
	else if (!xt_is(d, h, "capital") || !(d->tok[h].f & XT_LOWER))
		return p;
	for (int n = 0;
	     n < 2 && h > s0 + 1 && (d->tok[h - 1].f & XT_LOWER) && !xt_is(d, h - 1, "the") &&
	     !xt_is(d, h - 1, "of") && !xt_is(d, h - 1, "from");
	     n++)
		h--;
	return h > s0 + 1 && xt_is(d, h - 1, "the") ? h - 2 : p;
}

/* A distance written as one word ("170km", "20kms") at token p: its
 * kilometres, or 0. */
static double glued_km(const xt_doc *d, size_t p)
{
	const char *s = XT_LOW(d, p);
	char *end;
	if (!isdigit((unsigned char)s[0]))
		return 0;
	double v = strtod(s, &end);
	return strcmp(end, "km") == 0 || strcmp(end, "kms") == 0 ? v : 0;
}

static int distance_before(const xt_doc *d, size_t k, double *km, double *brg)
{
	size_t s0 = d->sent[d->tok[k].sent].t0;
	if (k < s0 + 3)
		return 0;
	size_t p = before_settlement_head(d, s0, k - 1);
	if (xt_is(d, p, "the") && p > s0)
		p--;
	if (!xt_is(d, p, "of") && !xt_is(d, p, "from"))
		return 0;
	int from = xt_is(d, p, "from");
	p--;
	*brg = -1;
	static const struct {
		const char *w;
		double b;
	} dirs[] = {{"north", 0},         {"northeast", 45},  {"north-east", 45}, {"east", 90},
		    {"southeast", 135},   {"south-east", 135}, {"south", 180},    {"southwest", 225},
		    {"south-west", 225},  {"west", 270},      {"northwest", 315}, {"north-west", 315}};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		if (xt_is(d, p, dirs[i].w)) {
			*brg = dirs[i].b;
			break;
		}
	if (*brg >= 0) {
		if (p == s0)
			return 0;
		p--;
	} else if (!from) {
		return 0;
	}
	/* "(19 miles)" in brackets after the kilometres */
	if (xt_is(d, p, ")")) {
		while (p > s0 && !xt_is(d, p, "("))
			p--;
		if (p == s0)
			return 0;
		p--;
	}
	double unit, glued = glued_km(d, p);
	if (glued > 0) {
		*km = glued;
		return *km < 2000;
	}
	if (xt_is(d, p, "km") || xt_is(d, p, "kilometres") || xt_is(d, p, "kilometers") ||
	    xt_is(d, p, "kilometre") || xt_is(d, p, "kilometer") || xt_is(d, p, "kms"))
		unit = 1;
	else if (xt_is(d, p, "miles") || xt_is(d, p, "mile") || xt_is(d, p, "mi"))
		unit = 1.609344;
	else
		return 0;
	if (p == s0)
		return 0;
	p--;
	/* the number: "20", "twenty", "about 20" */
	for (size_t q = p + 1; q-- > s0 && q + 3 > p;) {
		xt_num num;
		if (xt_num_at(d, q, p + 1, &num) && num.t1 == p + 1) {
			*km = (double)num.v * unit;
			return *km > 0 && *km < 2000;
		}
	}
	return 0;
}

/* The name of t starts at token q: its span does, or a compass word or
 * "Republic of" written before it does ("in East Jebel Marra"). */
static int starts_at(const xt_topo *t, size_t q)
{
	return t->t0 == q || (t->t0 < q && q < t->t1 && t->noff && !(t->flags & XP_PART));
}

/* The place toponym of the names r0..r1 other than i that starts at token
 * q, or -1. */
static int place_from(const xt_topos *ts, size_t r0, size_t r1, size_t i, size_t q)
{
	for (size_t r = r0; r < r1; r++)
		if (r != i && starts_at(&ts->v[r], q) && ts->v[r].role == XR_PLACE)
			return (int)r;
	return -1;
}

/* The token after a short aside in brackets that opens at token m ("[subdivision]",
 * "(Kebbi State)"), or m when none does; e ends the sentence. */
static size_t past_aside(const xt_doc *d, size_t m, size_t e)
{
	if (m >= e || !(xt_is(d, m, "[") || xt_is(d, m, "(")))
		return m;
	const char *close = xt_is(d, m, "[") ? "]" : ")";
	for (size_t q = m + 1; q < e && q <= m + 8; q++)
		if (xt_is(d, q, close))
			return q + 1;
	return m;
}

/* 1 when place p lies in the province prov (its country and province). */
static int in_province(const im_place *p, const im_place *prov)
{
	return p->admin1 && prov->admin1 && p->admin1[0] &&
	       strcmp(p->country, prov->country) == 0 && strcmp(p->admin1, prov->admin1) == 0;
}

/* 1 when the tokens from m, up to e, read a settlement's head, a comma
 * and a distance ("town, 185 kilometers", "village, about 20 km"): what
 * follows is where the settlement lies, not only what orients the
 * reader ("Marib city, east of the capital"). */
static int settlement_distance(const xt_doc *d, size_t m, size_t e)
{
	if (m + 2 >= e || !(d->tok[m].f & XT_LOWER) || !xt_is(d, m + 1, ",") ||
	    !xt_lex_in(&xt_placecues, d, m, XQ_SETTLEMENT))
		return 0;
	size_t n = m + 2;
	if (xt_is(d, n, "about") || xt_is(d, n, "some") || xt_is(d, n, "around"))
		n++;
	if (n + 1 >= e || !(d->tok[n].f & XT_NUM))
		return 0;
	if (glued_km(d, n) > 0)
		return 1;
	size_t u = n + 1;
	return xt_is(d, u, "km") || xt_is(d, u, "kms") || xt_is(d, u, "kilometres") ||
	       xt_is(d, u, "kilometers") || xt_is(d, u, "miles");
}

/* 1 when token m, before e, is a lower-case site's head right before
 * "near" or "outside" ("Ba'ad market near Mogadishu", "X checkpoint
 * outside Y"): the place after it is the name's reference. */
static int head_before_near(const xt_doc *d, size_t m, size_t e)
{
	const xt_lex *h;
	if (m + 2 >= e || !(d->tok[m].f & XT_LOWER) ||
	    !(xt_is(d, m + 1, "near") || xt_is(d, m + 1, "outside")) ||
	    xt_lex_match(&xt_placeheads, d, m, m + 1, &h) != 1)
		return 0;
	return strcmp(h->s, "site") == 0;
}

/* What a toponym is said to lie near or in: an apposition with a direction
 * ("X, a village north of Y", "X, 20 km east of Y"), "the X area of Y",
 * "Y's X". Returns the reference's index or -1; *part is 1 when X is part
 * of Y (a district or neighbourhood of a city), 3 when only presumed so
 * ("the X area" after a town: Y is the last town named), 2 when X is in
 * the area Y ("X in Y district"), 4 when it is a settlement of Y ("X
 * village of Y local government area"). */
static int find_ref(const xt_doc *d, const xt_topos *ts, size_t i, int *part)
{
	const xt_topo *t = &ts->v[i];
	size_t s = d->tok[t->t0].sent, e = d->sent[s].t1;
	/* the names of this sentence (the list is in text order) */
	size_t r0 = xt_topos_at(ts, d->sent[s].t0), r1 = xt_topos_at(ts, e);
	*part = 0;
	size_t j = t->t1;
	/* "Y's X", "the capital's X", "Baghdad's heavily fortified Green
	 * Zone" (up to three lower-case words between) */
	size_t pb = t->t0;
	while (pb > d->sent[s].t0 + 1 && pb + 3 > t->t0 && (d->tok[pb - 1].f & XT_LOWER) &&
	       (d->tok[pb - 1].f & XT_WORD) && !(d->tok[pb - 1].f & XT_POSS))
		pb--;
	if (pb >= 2 && (d->tok[pb - 1].f & XT_POSS)) {
		for (size_t r = r0; r < r1; r++)
			if (ts->v[r].t1 == pb - 1 && r != i) {
				*part = 1;
				return (int)r;
			}
	}
	/* "the X area of (north) Y", "X district of Y" */
	if (j < e && xt_lex_in(&xt_placecues, d, j, XQ_PART) && (d->tok[j].f & XT_LOWER)) {
		size_t q = j + 1;
		if (q < e && xt_is(d, q, "of")) {
			q++;
			while (q < e &&
			       (xt_is(d, q, "the") || xt_compass(d, q) || xt_is(d, q, "central")))
				q++;
			for (size_t r = r0; r < r1; r++)
				if (starts_at(&ts->v[r], q) && r != i) {
					*part = 1;
					return (int)r;
				}
		}
		/* "the X area" alone: the last town named before it */
		for (size_t r = i; r-- > 0;) {
			const xt_topo *rt = &ts->v[r];
			if (d->tok[rt->t0].sent + 2 < s)
				break;
			if (rt->resolved && !rt->country_only && rt->role == XR_PLACE &&
			    !(rt->flags & XP_PROVINCE)) {
				*part = 3;
				return (int)r;
			}
		}
		return -1;
	}
	/* "the village of Albu Hayat in Tuz Khurmatu district", "Tikrit in
	 * Salahuddin": in an area (*part 2), or a quarter in its town */
	{
		size_t m = j;
		int of = m < e && xt_lex_in(&xt_placecues, d, m, XQ_SETTLEMENT_IN);
		if (m < e && (d->tok[m].f & XT_LOWER) && !xt_is(d, m, "in"))
			m++; /* "village", "district" */
		m = past_aside(d, m, e); /* "Ladha tehsil [subdivision] in" */
		/* "Garubula village of Biu local government area" */
		if (m + 1 < e && (xt_is(d, m, "in") || (of && xt_is(d, m, "of")))) {
			/* "in the north of", "in central": skipped, but not the
			 * first word of a name ("in South Waziristan") */
			size_t x = m + 1;
			int r = -1, prov = 0;
			while (x < e && (r = place_from(ts, r0, r1, i, x)) < 0) {
				int pc = province_of_cue(d, x + 2); /* "province of" at x */
				if (!(pc || xt_is(d, x, "the") || xt_compass(d, x) ||
				      xt_is(d, x, "central")))
					break;
				prov |= pc;
				x += pc ? 2 : 1;
			}
			/* "in the province of Sultan Kudarat": only a province
			 * read as one ("the province of Hodeida" read as its
			 * city is no town the place lies in) */
			if (r >= 0 && prov && !is_admin(ts->v[r].place.kind))
				r = -1;
			if (r >= 0) {
				*part = xt_is(d, m, "of") ? 4 : 2;
				return r;
			}
		}
	}
	/* "the Saqr base south of Baghdad", "a village 20 km south of
	 * Kirkuk": a head noun and a distance may stand between */
	{
		size_t m = j;
		if (m < e && (d->tok[m].f & XT_LOWER) && !xt_compass(d, m) &&
		    !(d->tok[m].f & XT_NUM))
			m++; /* "base", "camp", "village" */
		xt_num num;
		if (m < e && xt_num_at(d, m, e, &num) && num.t1 < e &&
		    (xt_is(d, num.t1, "km") || xt_is(d, num.t1, "kilometres") ||
		     xt_is(d, num.t1, "kilometers") || xt_is(d, num.t1, "miles")))
			m = num.t1 + 1;
		if (m + 1 < e && xt_compass(d, m) && (d->tok[m].f & XT_LOWER) &&
		    xt_is(d, m + 1, "of")) {
			size_t x = m + 2;
			while (x < e && xt_is(d, x, "the"))
				x++;
			for (size_t r = r0; r < r1; r++)
				if (r != i && starts_at(&ts->v[r], x) && ts->v[r].role == XR_PLACE)
					return (int)r;
		}
	}
	/* "Bosso, in southeast Niger": in the country named (*part 5) */
	if (j + 2 < e && xt_is(d, j, ",") && xt_is(d, j + 1, "in")) {
		size_t x = j + 2;
		while (x < e && (xt_is(d, x, "the") || xt_compass(d, x) || xt_is(d, x, "central")))
			x++;
		int r = place_from(ts, r0, r1, i, x);
		if (r >= 0 && ts->v[r].country_only) {
			*part = 5;
			return r;
		}
	}
	/* "X, (a village|about 20 km) (just) north of Y", "X near Y"; a
	 * settlement's head may stand before the comma ("Bui town, 185
	 * kilometers south of Maiduguri": not a Bui 750 km from it) */
	size_t q = j;
	if (settlement_distance(d, q, e) || head_before_near(d, q, e))
		q++;
	if (q < e && xt_is(d, q, ","))
		q++;
	else if (!(q < e && (xt_is(d, q, "near") || xt_is(d, q, "outside"))))
		return -1;
	for (size_t m = q; m < e && m < q + 14; m++) {
		if (xt_is(d, m, ",") || xt_is(d, m, ";") || xt_is(d, m, "."))
			break;
		if (xt_is(d, m, "of") || xt_is(d, m, "near") || xt_is(d, m, "from") ||
		    xt_is(d, m, "outside")) {
			size_t x = m + 1;
			while (x < e && (xt_is(d, x, "the") || xt_is(d, x, "provincial") ||
					 xt_is(d, x, "central")))
				x++;
			for (size_t r = r0; r < r1; r++)
				if (r != i && ts->v[r].t0 >= m + 1 && ts->v[r].t0 <= x + 3 &&
				    ts->v[r].role == XR_PLACE)
					return (int)r;
		}
	}
	return -1;
}

/* 1 when a place dk km from its reference rt lies where the text says:
 * in it (part: a district or town of it), at about the distance told ("X,
 * 40 km north of Y"), or next to it ("X, on the outskirts of Y", "X, a
 * village north of Y": 25 km). */
static int near_enough(int part, const xt_topo *rt, double dk)
{
	return part || (rt->off_km > 0 ? dk <= rt->off_km + 40 : dk <= 25);
}

/* t lies where the text says, in or near topo r: r is its reference, and
 * the agreement makes a doubtful t a place that may be the event's (a
 * village of a district, found there). */
static void confirm_in(xt_topo *t, int r)
{
	t->in_ref = (size_t)r + 1;
	if (t->conf < 0.35)
		t->conf = 0.35;
}

/* Resolves t with a near point and keeps the result only within lim km. */
static int resolve_near(ctxbuf *cb, xt_topo *t, const im_gaz_ctx *ctx, double lim)
{
	if (!resolve(cb, t, ctx, WANT_ANY))
		return 0;
	return im_gaz_dist_km(t->place.lat, t->place.lon, ctx->near_lat, ctx->near_lon) <= lim;
}

/* ---- context --------------------------------------------------------------------- */

static void add_country(xt_topos *ts, const char *cc, double w)
{
	if (!cc || !cc[0])
		return;
	for (size_t i = 0; i < ts->ncc; i++)
		if (strcmp(ts->cc[i], cc) == 0) {
			/* named again: more weight */
			ts->ccw[i] = ts->ccw[i] + w * 0.5 > 1 ? 1 : ts->ccw[i] + w * 0.5;
			if (w > ts->ccw[i])
				ts->ccw[i] = w;
			return;
		}
	if (ts->ncc < 8) {
		memcpy(ts->cc[ts->ncc], cc, 2);
		ts->cc[ts->ncc][2] = '\0';
		ts->ccw[ts->ncc++] = w;
	} else {
		/* replace the weakest */
		size_t lo = 0;
		for (size_t i = 1; i < 8; i++)
			if (ts->ccw[i] < ts->ccw[lo])
				lo = i;
		if (w > ts->ccw[lo]) {
			memcpy(ts->cc[lo], cc, 2);
			ts->cc[lo][2] = '\0';
			ts->ccw[lo] = w;
		}
	}
}

static void add_admin1(xt_topos *ts, const char *a1)
{
	if (!a1 || !a1[0])
		return;
	for (size_t i = 0; i < ts->nadmin1; i++)
		if (strcmp(ts->admin1[i], a1) == 0)
			return;
	if (ts->nadmin1 < 8)
		ts->admin1[ts->nadmin1++] = a1;
}

/* A province or district the text names: its country is context (w of a
 * place named, 0.8 of it), and its province. */
static void add_province(xt_topos *out, const xt_topo *t, double w)
{
	add_country(out, t->place.country, w * 0.8);
	if (t->place.kind == IM_KIND_ADMIN1 || t->place.kind == IM_KIND_ADMIN2)
		add_admin1(out, t->place.admin1);
}

static void fill_ctx(const xt_topos *ts, im_gaz_ctx *ctx, int with_near)
{
	memset(ctx, 0, sizeof *ctx);
	for (size_t i = 0; i < ts->ncc; i++) {
		ctx->countries[i] = ts->cc[i];
		ctx->country_w[i] = ts->ccw[i];
	}
	ctx->n_countries = ts->ncc;
	for (size_t i = 0; i < ts->nadmin1; i++)
		ctx->admin1[i] = ts->admin1[i];
	ctx->n_admin1 = ts->nadmin1;
	if (with_near && ts->has_focus) {
		ctx->has_near = 1;
		ctx->near_lat = ts->focus_lat;
		ctx->near_lon = ts->focus_lon;
	}
}

/* Leaves t unknown: placed by its reference, or not at all. */
static void unresolve_far(xt_topo *t)
{
	t->resolved = 0;
	t->conf *= 0.35; /* as sure as the far place would have been */
	t->flags |= XP_UNKNOWN;
	t->flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
	t->ref = -1;
	t->nlen = 0;
}

/* The country the text is most about (weight 0.5 or more: named, a
 * people's, a capital's or a big city's), or NULL. */
static const char *home_country(const xt_topos *out)
{
	const char *home = NULL;
	double bw = 0.5 - 1e-9;
	for (size_t c = 0; c < out->ncc; c++)
		if (out->ccw[c] > bw) {
			bw = out->ccw[c];
			home = out->cc[c];
		}
	return home;
}

/* A town or village in a country the text gives nothing (less than 0.3),
 * while it is about another (0.5 or more), the only place the text names
 * in its own country, and more than FAR_HOME_KM from every place the text
 * names in that other country: a namesake of a place the gazetteer lacks,
 * or the start of a longer name ("Zone E, Apo Legislative Quarters,
 * Abuja" is no village of Lombardy). Left unknown (placed by its
 * reference, or not at all) rather than drawn on another continent. A
 * province, a capital, a city or a town of 100,000 is believed (named on
 * purpose); so is a name too weak to place an incident (under 0.3), a
 * reference's or a facility's (their own rules), and any place when the
 * text names no town or province of the country it is about ("Saudi
 * jets over Taiz"). */
#define FAR_HOME_KM 500.0

/* How far topo i lies from the nearest town or province the text places in
 * country home (1e9: none), and in *mates how many other places it places
 * in i's own country. */
static double nearest_at_home(const xt_topos *out, size_t nt, size_t i, const char *home,
                              size_t *mates)
{
	const xt_topo *t = &out->v[i];
	double nearest = 1e9;
	*mates = 0;
	for (size_t j = 0; j < nt; j++) {
		const xt_topo *u = &out->v[j];
		if (j == i || !u->resolved || u->country_only)
			continue;
		if (strcmp(u->place.country, t->place.country) == 0 &&
		    (!u->place.id || !t->place.id || strcmp(u->place.id, t->place.id) != 0))
			(*mates)++;
		if (strcmp(u->place.country, home) != 0)
			continue;
		double km = im_gaz_dist_km(t->place.lat, t->place.lon, u->place.lat, u->place.lon);
		if (km < nearest)
			nearest = km;
	}
	return nearest;
}

static void far_from_home(xt_topos *out, size_t nt)
{
	const char *home = home_country(out);
	if (!home)
		return;
	for (size_t i = 0; i < nt; i++) {
		xt_topo *t = &out->v[i];
		if (!t->resolved || t->country_only || t->role != XR_PLACE || t->conf < 0.3 ||
		    (t->flags & (XP_RELATIVE | XP_FACILITY)) ||
		    !t->place.country[0] || strcmp(t->place.country, home) == 0 ||
		    is_admin(t->place.kind) || city_sized(&t->place))
			continue;
		double own_w = 0;
		for (size_t c = 0; c < out->ncc; c++)
			if (strcmp(out->cc[c], t->place.country) == 0)
				own_w = out->ccw[c];
		size_t mates;
		double km = nearest_at_home(out, nt, i, home, &mates);
		if (own_w < 0.3 && !mates && km > FAR_HOME_KM && km < 1e8)
			unresolve_far(t);
	}
}

/* A place the text says lies in a country ("Bosso, in southeast Niger")
 * and that was read as a namesake abroad (Nigeria's Bosso): read again
 * with that country as the text's, and kept there if a place of the name
 * is found in it; else the name is left to the country. */
static void in_country(ctxbuf *cb, const xt_topos *out, xt_topo *t, int r, double conf)
{
	const xt_topo *rt = &out->v[r];
	if (!t->resolved || !rt->place.country[0] ||
	    strcmp(t->place.country, rt->place.country) == 0)
		return;
	im_gaz_ctx ctx;
	fill_ctx(out, &ctx, 0);
	for (size_t c = 0; c < ctx.n_countries; c++)
		if (strcmp(ctx.countries[c], rt->place.country) != 0 && ctx.country_w[c] > 0.3)
			ctx.country_w[c] = 0.3;
	xt_topo again = *t;
	again.conf = conf;
	again.flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
	if (resolve(cb, &again, &ctx, WANT_ANY) &&
	    strcmp(again.place.country, rt->place.country) == 0) {
		*t = again;
		return;
	}
	t->resolved = 0;
	t->flags |= XP_UNKNOWN;
	t->ref = r;
}

/* Country cc with weight w into ctx (the larger weight when there). */
static void ctx_add(im_gaz_ctx *ctx, const char *cc, double w)
{
	for (size_t q = 0; q < ctx->n_countries; q++)
		if (strcmp(ctx->countries[q], cc) == 0) {
			if (ctx->country_w[q] < w)
				ctx->country_w[q] = w;
			return;
		}
	if (ctx->n_countries < 8) {
		ctx->countries[ctx->n_countries] = cc;
		ctx->country_w[ctx->n_countries++] = w;
	}
}

/* 1 when ctx makes the text about a country other than cc. */
static int other_country(const im_gaz_ctx *ctx, const char *cc)
{
	for (size_t q = 0; q < ctx->n_countries; q++)
		if (ctx->country_w[q] >= IM_GAZ_ABOUT_W && strcmp(ctx->countries[q], cc) != 0)
			return 1;
	return 0;
}

/* The provinces of countries the text was not yet known to be about when
 * first read (held; their first readings' countries in cc, places in id),
 * read again with all the countries the text names, and each with the
 * countries of the other places among them as a province's (0.72):
 * "Donga LGA of Taraba State" is Nigeria's Donga once Taraba is known,
 * not Benin's department; a province must not vouch for its own country.
 * Then counted as context. */
/* A state's name inside an organisation's name, mostly its agency's
 * ("the Indiana Department of Transportation", "Indiana State Police",
 * a state's school conference): a voter for the province the text is
 * about, though no place of its own; not a district's ("Marion County
 * Sheriff's Office" is named by its county already). */
static int state_agency(const xt_topo *t)
{
	return t->role == XR_EMBEDDED && t->place.kind == IM_KIND_ADMIN1 && t->conf >= 0.45;
}

/* 1 when resolved t names a province the text is about: confidently as a
 * place, or as its state's agency. */
static int province_voter(const xt_topo *t)
{
	return is_admin(t->place.kind) &&
	       (t->role != XR_EMBEDDED ? t->conf >= 0.6 : state_agency(t));
}

static void reread_held(ctxbuf *cb, xt_topos *out, const im_gaz_ctx *ctx, const size_t *held,
                        char (*cc)[3], const char *const *id, size_t nheld, const double *base,
                        const int *want)
{
	for (size_t h = 0; h < nheld; h++) {
		xt_topo *t = &out->v[held[h]];
		im_gaz_ctx c2 = *ctx;
		for (size_t o = 0; o < nheld; o++)
			if (strcmp(id[o], id[h]) != 0)
				ctx_add(&c2, cc[o], 0.72);
		if (!other_country(&c2, cc[h]))
			continue; /* nothing else to read it by */
		xt_topo first = *t;
		t->conf = base[held[h]];
		t->resolved = 0;
		t->country_only = 0;
		t->flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY | XP_RESPELT);
		/* only ever a namesake in another country instead: a place of
		 * the same country keeps its first reading, no less sure for
		 * the countries named since */
		if (!resolve(cb, t, &c2, want[held[h]]) || strcmp(t->place.country, cc[h]) == 0)
			*t = first;
	}
	for (size_t h = 0; h < nheld; h++) {
		const xt_topo *t = &out->v[held[h]];
		if (t->resolved && province_voter(t)) /* a place named (no dateline) */
			add_province(out, t, t->role == XR_EMBEDDED ? 0.3 : 0.9);
	}
}

/* ---- spotting ---------------------------------------------------------------------- */

/* Does a capitalised run starting at k (after a place name) hold an
 * organisation head ("Operations Command", "Democratic Party")? Returns
 * 1 for an organisation, 2 for a site-like institution (university,
 * hospital), 0 for none. */
/* 1 when the body's head at token j, right after a name that ends at
 * token k, makes it the town's own ("Gainesville Police", "Dublin City
 * Council", "Concord Town Council"; not "Kurdistan Security Council"). */
static int town_body_at(const xt_doc *d, size_t k, size_t j)
{
	return j == k || (j == k + 1 && (xt_is(d, k, "city") || xt_is(d, k, "town")));
}

/* 1 when tokens k.. are a town's body named without the town: "City" or
 * "Town" and a body's head ("the City Council voted"; not Council,
 * Idaho). */
static int bare_body(const xt_doc *d, size_t k)
{
	const xt_lex *hit;
	return (xt_is(d, k, "city") || xt_is(d, k, "town")) &&
	       xt_lex_match(&xt_orgheads, d, k + 1, k + 2, &hit) == 1 && hit->v == 2;
}

/* 1 when the acronym at token a spells the capital letters of tokens
 * [s, e), in order: "Ahle Sunnat WalJama (ASWJ)". */
static int acronym_of(const xt_doc *d, size_t s, size_t e, size_t a)
{
	const char *ac = d->t + d->tok[a].s, *ae = d->t + d->tok[a].e;
	for (size_t i = s; i < e; i++)
		for (uint32_t b = d->tok[i].s; b < d->tok[i].e; b++) {
			char c = d->t[b];
			if (c < 'A' || c > 'Z')
				continue;
			if (ac == ae || *ac != c)
				return 0;
			ac++;
		}
	return ac == ae;
}

/* The end of the capitalised run after a name [k, e) when the run, from
 * before the name, is followed by its own acronym in brackets: "Ahle
 * Sunnat WalJama (ASWJ)" is a group's name, not a place (0 otherwise).
 * A name that opens the run ("Pakistan Tehrik-i-Insaf (PTI)") or is the
 * whole run ("Khyber Pakhtunkhwa (KP)") is not read so. */
static size_t acronym_run(const xt_doc *d, size_t k, size_t e)
{
	if (k == 0 || !capword(d, k - 1) || (d->tok[k].f & XT_NL))
		return 0;
	size_t j = e;
	while (j < d->ntok && j < e + 4 && capword(d, j) && !(d->tok[j].f & XT_NL))
		j++;
	if (j == e || j + 2 >= d->ntok || !xt_is(d, j, "(") || !xt_is(d, j + 2, ")") ||
	    !(d->tok[j + 1].f & XT_UPPER))
		return 0;
	size_t s = k - 1;
	while (s > 0 && capword(d, s - 1) && !(d->tok[s].f & XT_NL))
		s--;
	return acronym_of(d, s, j, j + 1) ? j : 0;
}

/* Where an organisation's name that a place name [k, e) opens ends when
 * the rest is no place of its own: its head right after the name, when
 * the gazetteer knows the head as a name ("Jubo Dal"), or the run its
 * acronym spells; e otherwise. */
static size_t org_rest(ctxbuf *cb, size_t k, size_t e)
{
	const xt_doc *d = cb->d;
	const xt_lex *hit;
	if (e < d->ntok && capword(d, e) && xt_lex_match(&xt_orgheads, d, e, e + 1, &hit) == 1 &&
	    hit->v == 0 && known(cb, e, e + 1))
		return e + 1;
	size_t j = acronym_run(d, k, e);
	return j ? j : e;
}

/* What a capitalised run from token k is: 0 none, 1 an organisation's
 * name, 2 a site-like institution ("Mosul University"), 3 a town's own
 * body ("Concord Police"). */
static int org_follows(const xt_doc *d, size_t k, size_t *end)
{
	size_t j = k;
	int kind = 0;
	while (j < d->ntok && j < k + 5 && (capword(d, j) || (j > k && connector(d, j))) &&
	       !(d->tok[j].f & XT_NL)) {
		const xt_lex *hit;
		/* a run that ends on an admin head is a place's name, whatever
		 * words it holds ("Gwoza Local Government Area") */
		size_t ah = xt_lex_match(&xt_placeheads, d, j, d->ntok, &hit);
		if (ah && strcmp(hit->s, "admin") == 0 && !(j + ah < d->ntok && capword(d, j + ah)))
			return 0;
		if (xt_lex_match(&xt_orgheads, d, j, j + 1, &hit) == 1) {
			/* "Concord Police Department": still the town's */
			if (kind != 3)
				kind = hit->v == 1                            ? 2
				       : hit->v == 2 && town_body_at(d, k, j) ? 3
				                                              : 1;
			*end = j + 1;
		}
		j++;
	}
	return kind;
}

/* A place head right after the name: "Street", "province", "Governorate". */
static const xt_lex *head_after(const xt_doc *d, size_t k, size_t *hl)
{
	if (k >= d->ntok)
		return NULL;
	const xt_lex *hit;
	size_t n = xt_lex_match(&xt_placeheads, d, k, d->ntok, &hit);
	if (!n)
		return NULL;
	/* lower-case heads count for admin and settlement words only:
	 * "Diyala province", but not "Baghdad market" */
	if (!(d->tok[k].f & XT_CAP) && strcmp(hit->s, "admin") != 0 &&
	    !xt_is(d, k, "city"))
		return NULL;
	*hl = n;
	return hit;
}

static int title_follows(const xt_doc *d, size_t k)
{
	const xt_lex *hit;
	if (k >= d->ntok)
		return 0;
	if (xt_lex_match(&xt_titles, d, k, d->ntok, &hit))
		return 1;
	return xt_lex_in(&xt_placecues, d, k, XQ_BODY);
}

/* "White House aides", "staffers", "staff": the people of an institution. */
static int staff_follows(const xt_doc *d, size_t k)
{
	return xt_lex_in(&xt_placecues, d, k, XQ_STAFF);
}

/* A building named before the people who work in it ("White House press
 * secretary", "White House aides") is their employer, not a place: kept
 * for context only. A town so named ("Baghdad police chief") stays. */
static void drop_employers(xt_topos *out)
{
	for (size_t i = 0; i < out->n; i++) {
		xt_topo *t = &out->v[i];
		if ((t->flags & XP_STAFF) && !(t->flags & XP_LOCATIVE) && t->resolved &&
		    t->place.kind == IM_KIND_SITE && t->conf > 0.2)
			t->conf = 0.2;
	}
}

static im_status add_topo(xt_topos *ts, size_t t0, size_t t1, xr_role role, unsigned fl,
			  double conf)
{
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = t0;
	t.t1 = t1;
	t.role = role;
	t.flags = fl;
	t.conf = conf;
	t.ref = -1;
	return push(ts, &t);
}

/* Known names inside [t0, t1) with the given role (dateline, outlet). */
static im_status spot_range(ctxbuf *cb, xt_topos *ts, size_t t0, size_t t1, xr_role role,
			    unsigned char *used, double conf)
{
	for (size_t k = t0; k < t1;) {
		size_t l = longest_known(cb, k, t1, used);
		if (l && !is_common(cb->d, k, k + l)) {
			im_status st = add_topo(ts, k, k + l, role, 0, conf);
			if (st)
				return st;
			ts->v[ts->n - 1].ref = WANT_ANY;
			k += l;
		} else {
			k++;
		}
	}
	return IM_OK;
}

/* 1 when the name at k..e is called a village after it: "Kaakong village",
 * "Wala Village", "Rim and Shonong villages", "Wari Walo village" (the
 * rest of a longer name, or a list of names, before the word). */
/* A name the text once shows to be a town's ("a Palestine man") is the
 * town's wherever it comes back ("of Palestine"): the cue is shared by
 * every toponym of the same name (the first 300 of them). */
static void share_townsfolk(const xt_doc *d, xt_topos *out)
{
	size_t n = out->n < 300 ? out->n : 300;
	for (size_t i = 0; i < n; i++) {
		const xt_topo *a = &out->v[i];
		if (!(a->flags & XP_FOLK))
			continue;
		size_t la, lb;
		const char *sa = topo_name(d, a, &la);
		for (size_t j = 0; j < n; j++) {
			xt_topo *b = &out->v[j];
			const char *sb = topo_name(d, b, &lb);
			if (lb == la && b->role != XR_DEMONYM && memcmp(sa, sb, la) == 0)
				b->flags |= XP_FOLK;
		}
	}
}

/* 1 when token e says the name before it is where people live or come
 * from: "a 36-year-old Palestine man", "the Jordan resident". A country's
 * people are its demonym ("a Palestinian man"): the name is a town's. */
static int townsfolk_after(const xt_doc *d, size_t e)
{
	return e < d->ntok && xt_lex_in(&xt_placecues, d, e, XQ_FOLK);
}

static int village_after(const xt_doc *d, size_t e)
{
	for (size_t j = e; j < d->ntok && j < e + 6; j++) {
		if (xt_lex_in(&xt_placecues, d, j, XQ_VILLAGE))
			return 1;
		if (!(d->tok[j].f & XT_CAP) && !xt_is(d, j, "and") && !xt_is(d, j, ","))
			return 0;
		if (d->tok[j].f & XT_NL)
			return 0;
	}
	return 0;
}

/* "X's": a possessive after the name. */
static int poss_after(const xt_doc *d, size_t k)
{
	return k < d->ntok && (d->tok[k].f & XT_POSS);
}

/* A US state's short form at k ("La.", "Calif.", "IL", and in two tokens
 * "W.Va.", "W. Va.", "N. Y."): the entry and how many tokens it spans. */
static const xt_lex *us_state_at(const xt_doc *d, size_t k, size_t *ntok)
{
	if (k >= d->ntok)
		return NULL;
	const xt_lex *hit = xt_lex_get(&xt_us_states, XT_LOW(d, k), d->tok[k].ll);
	if (hit) {
		if (hit->v == 2 && !(d->tok[k].f & XT_UPPER))
			return NULL; /* "in", "me", "or" are words; "IN", "ME" states */
		*ntok = 1;
		return hit;
	}
	/* "W." + "Va.": one letter and a period, then the rest */
	if (k + 1 < d->ntok && d->tok[k].ll == 2 && XT_LOW(d, k)[1] == '.' &&
	    (d->tok[k].f & XT_CAP) && (d->tok[k + 1].f & XT_CAP) && d->tok[k + 1].ll < 8) {
		char w[16];
		memcpy(w, XT_LOW(d, k), 2);
		memcpy(w + 2, XT_LOW(d, k + 1), d->tok[k + 1].ll);
		size_t n = 2 + d->tok[k + 1].ll;
		if ((hit = xt_lex_get(&xt_us_states, w, n)) && hit->v != 2) {
			*ntok = 2;
			return hit;
		}
	}
	return NULL;
}

/* ", La.", ", Calif.", ", Texas", ", Iraq": a comma and a region after. */
static int comma_region(const xt_doc *d, size_t k, const char **state)
{
	*state = NULL;
	if (k + 1 >= d->ntok || !xt_is(d, k, ","))
		return 0;
	size_t nt;
	const xt_lex *hit = us_state_at(d, k + 1, &nt);
	if (hit) {
		*state = hit->s;
		return 1;
	}
	return 0;
}

/* First words of place names that are not given names: "New Haven",
 * "North Waziristan", "Fort Worth". */
static const char *const name_prefix[] = {
	"new", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
	"upper", "lower", "greater", "central", "old", "fort", "port", "saint", "st.", "st",
	"san", "santa", "lake", "mount", "mt.", "al", "el", "la", "le", "los", "las", "great",
	"little", "inner", "outer", "middle", "downtown", "metro", "camp", "cape", "glen",
	"point", "royal", "holy", "tel", "tal", "deir", "ras", "ain", "bab", "jabal", "jebel",
	"wadi", "kafr", "kfar", "umm", "abu", "beit", "bir", "qasr", "sidi", "ban", NULL};

/* Words before a name that make a feature of it: "Lake Manassas". */
static const char *const feature_prefix[] = {"lake", "mount", "mt.", "cape", "isle",
					     "lac", "jebel", "jabal", "wadi", NULL};

/* Most words of the sentence capitalised ("Piano Competition Opens In
 * Dublin"): capitals say nothing there. */
static int headline_case(const xt_doc *d, size_t k)
{
	const xt_sent *s = &d->sent[d->tok[k].sent];
	size_t words = 0, caps = 0;
	for (size_t i = s->t0; i < s->t1 && i < s->t0 + 40; i++) {
		if (!(d->tok[i].f & XT_WORD) || (d->tok[i].f & XT_NUM))
			continue;
		words++;
		if (d->tok[i].f & (XT_CAP | XT_UPPER))
			caps++;
	}
	return words >= 6 && caps * 4 >= words * 3;
}

/* A region or a short country name at k (xt_world); its length, 0 none. */
static size_t world_at(const xt_doc *d, size_t k, const unsigned char *used, const xt_lex **hit)
{
	if (!(d->tok[k].f & (XT_CAP | XT_UPPER)))
		return 0;
	size_t l = xt_lex_match(&xt_world, d, k, d->ntok, hit);
	if (!l)
		return 0;
	for (size_t i = k; i < k + l; i++)
		if (used[i])
			return 0;
	size_t kl = strlen((*hit)->k);
	if (kl <= 3 && !strchr((*hit)->k, '.') && !(d->tok[k].f & XT_UPPER))
		return 0; /* "us", "eu" are words; "US", "EU" are names */
	if (!(d->tok[k + l - 1].f & (XT_CAP | XT_UPPER)))
		return 0;
	return l;
}

/* 1 when token k is a capitalised compass word before another
 * capitalised word ("Northeast Georgia"): part of that name, no place of
 * its own (Iceland's Northeast). */
static int compass_before_name(const xt_doc *d, size_t k, const unsigned char *used)
{
	const xt_lex *hit;
	/* "North American", "South Asian": a region's name or people */
	return xt_compass(d, k) && k + 1 < d->ntok && !used[k + 1] && capword(d, k + 1) &&
	       !(d->tok[k + 1].f & XT_NL) && !world_at(d, k, used, &hit) &&
	       !xt_lex_match(&xt_demonyms, d, k, d->ntok, &hit);
}

/* A gazetteer id in a word list ("im:europe", "gn:6269131"), not a
 * country code ("IQ"). */
static int lex_is_id(const char *s)
{
	return s && strchr(s, ':') != NULL;
}

/* Places t at the gazetteer entry id. A continent, a sea or a region of
 * several countries is context, never an incident's place (country_only);
 * a province ("England", "B.C.") is one like any other. 0 when the
 * gazetteer lacks the entry (a folder without regions.txt): the name is
 * still spotted, with no point. */
static int place_by_id(const im_gaz *g, xt_topo *t, const char *id)
{
	if (!im_gaz_get(g, id, &t->place))
		return 0;
	t->resolved = 1;
	t->score = 2;
	t->margin = 2;
	im_kind k = t->place.kind;
	if (k == IM_KIND_COUNTRY || (k == IM_KIND_REGION && !t->place.country[0]))
		t->country_only = 1;
	if (k == IM_KIND_REGION || k == IM_KIND_ADMIN1 || k == IM_KIND_ADMIN2)
		t->flags |= XP_PROVINCE;
	if (k == IM_KIND_COUNTRY)
		t->flags |= XP_COUNTRY;
	return 1;
}

static im_status add_world(const im_gaz *g, xt_topos *out, const xt_doc *d, size_t k, size_t l,
			   const xt_lex *hit)
{
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = k;
	t.t1 = k + l;
	t.role = XR_PLACE;
	t.conf = sentence_initial(d, k) ? 0.7 : 0.8;
	t.ref = -3; /* resolved here, not by the gazetteer passes */
	if (hit->v < 0) {
		t.country_only = 1;
		t.flags = XP_COUNTRY;
		memcpy(t.place.country, hit->s, 2);
		/* "a US strike", "US forces", "the UK embassy": the country as an
		 * adjective, a people's weight (a demonym's), not named outright */
		int adj = k + l < d->ntok && (d->tok[k + l].f & XT_LOWER) &&
			  xt_lex_in(&xt_placecues, d, k + l, XQ_COUNTRY_ATTR);
		add_country(out, hit->s, adj ? 0.8 : 1.0);
	} else if (lex_is_id(hit->s) && place_by_id(g, &t, hit->s)) {
		/* a region inside one country says something of it */
		if (t.place.country[0])
			add_country(out, t.place.country,
			            t.place.kind == IM_KIND_ADMIN1 ? 0.8 : 0.5);
		if (t.place.kind == IM_KIND_ADMIN1)
			add_admin1(out, t.place.admin1);
	}
	return push(out, &t);
}

/* 1 when a border word stands at k ("the Cameroonian border"): the
 * people's name says which side the border has, not where the place is. */
static int border_at(const xt_doc *d, size_t k)
{
	return xt_is(d, k, "border") || xt_is(d, k, "borders") || xt_is(d, k, "frontier");
}

/* A demonym's toponym; border: it qualifies a border ("the Cameroonian
 * border"), a weak hint of its country (0.2, as "pro-Russian" is). */
static im_status add_demonym(const im_gaz *g, xt_topos *out, size_t k, size_t l,
			     const xt_lex *hit, int border)
{
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = k;
	t.t1 = k + l;
	t.role = XR_DEMONYM;
	/* "Iraqis" names people, not the country: context only */
	t.conf = hit->v == 2 ? 0.4 : hit->v == 1 ? 0.2 : 0.8;
	t.ref = -1;
	if (lex_is_id(hit->s)) {
		/* "European", "African": a continent or region */
		if (place_by_id(g, &t, hit->s)) {
			t.country_only = 1;
			t.ref = -3;
		}
	} else {
		memcpy(t.place.country, hit->s, 2);
		t.place.country[2] = '\0';
		add_country(out, hit->s, border ? 0.2 : hit->v == 2 ? 0.3 : 0.8);
	}
	return push(out, &t);
}

/* Words before a language's name: "in English", "speaks Spanish". */
static const char *const language_cue[] = {"in",    "into",       "speak",    "speaks",
                                           "spoke", "speaking",   "studying", "learning",
                                           "learn", "translated", NULL};

/* A demonym used as a noun, not before one: what follows it (token e) is
 * a stop, a verb or a preposition ("in English.", "many Chinese are",
 * "were British,", "French to gain"): a language or a people, context
 * only. "British and American troops" and "Iraqi troops" are adjectives. */
static int demonym_noun(const xt_doc *d, size_t e)
{
	static const char *const after[] = {
	    "is",    "was",    "are",    "were", "will",     "would",   "has",   "have", "had",
	    "can",   "could",  "should", "may",  "must",     "need",    "needs", "who",  "whose",
	    "after", "before", "during", "from", "to",       "at",      "with",  "by",   "for",
	    "on",    "in",     "as",     "than", "provides", "remains", NULL};
	if (e >= d->ntok)
		return 1;
	uint32_t f = d->tok[e].f;
	/* "German, Irish and other immigrants": a list of adjectives */
	if (xt_is(d, e, ",") && e + 1 < d->ntok && (d->tok[e + 1].f & XT_CAP))
		return 0;
	if ((f & XT_PUNCT) && !(f & XT_POSS) && !xt_is(d, e, "-") && !xt_is(d, e, "/"))
		return 1;
	return xt_is_any(d, e, after);
}

/* The words before a name that its writer made part of it: a capitalised
 * compass word ("South Florida", "Northern Europe", "West Wales") and
 * "Republic of" ("the Republic of Armenia"). The span then starts there;
 * the name looked up stays the place's own. */
static void widen_name(const xt_doc *d, const unsigned char *used, xt_topo *t)
{
	size_t k = t->t0, b = k;
	if (k >= 2 && xt_is(d, k - 1, "of") && xt_is(d, k - 2, "republic") &&
	    (d->tok[k - 2].f & XT_CAP) && !used[k - 2])
		b = k - 2;
	else if (k >= 1 && xt_compass(d, k - 1) && (d->tok[k - 1].f & XT_CAP) &&
	         !(d->tok[k - 1].f & XT_UPPER) && !used[k - 1] && !(d->tok[k].f & XT_NL))
		b = k - 1;
	if (b == k || (t->flags & XP_PART))
		return;
	if (!t->nlen)
		t->nlen = d->tok[t->t1 - 1].e - d->tok[k].s;
	t->noff += d->tok[k].s - d->tok[b].s;
	t->t0 = b;
}

/* A capitalised run right after a name that ends on a place head ("Street",
 * "International Airport", "River"): the head entry, *end after it. */
static const xt_lex *run_head(const xt_doc *d, size_t k, size_t *end)
{
	const xt_lex *best = NULL, *street = NULL;
	for (size_t j = k; j < d->ntok && j < k + 4; j++) {
		if (!(d->tok[j].f & XT_CAP) || (d->tok[j].f & XT_NL))
			break;
		const xt_lex *h;
		size_t n = xt_lex_match(&xt_placeheads, d, j, d->ntok, &h);
		if (n && strcmp(h->s, "admin") != 0 && strcmp(h->s, "settlement") != 0 &&
		    (d->tok[j + n - 1].f & XT_CAP)) {
			if (j == k && strcmp(h->s, "street") == 0)
				street = h;
			best = h;
			*end = j + n;
			j += n - 1;
		}
	}
	/* "Bauchi Road Motor Park": a site on a road named after the place,
	 * which is a street's name as "Bauchi Road" alone is */
	return street ? street : best;
}

/* The index of the one vote count that is 2 or more and above every
 * other, SIZE_MAX when there is none (a tie is no agreement). The counts
 * are size_t members stride bytes apart, the first at n. */
static size_t clear_winner(const void *n, size_t count, size_t stride)
{
	size_t best = SIZE_MAX, top = 0, second = 0;
	for (size_t q = 0; q < count; q++) {
		size_t v;
		memcpy(&v, (const char *)n + q * stride, sizeof v);
		if (v > top) {
			second = top;
			top = v;
			best = q;
		} else if (v > second)
			second = v;
	}
	return top >= 2 && top > second ? best : SIZE_MAX;
}

/* The key two or more different places of the text share, more of them
 * than any other key: their country, or (by_admin1) their province; NULL
 * when none. Places named with confidence only, each once. */
static const char *agreed(const xt_topos *out, size_t nt, const int *want, int by_admin1)
{
	const char *key[16];
	size_t cnt[16], nkey = 0;
	const char *seen[64];
	size_t nseen = 0;
	for (size_t i = 0; i < nt && nseen < 64; i++) {
		const xt_topo *t = &out->v[i];
		if (want[i] < 0 || !t->resolved || t->role != XR_PLACE || t->country_only ||
		    !t->place.id || !t->place.country[0] || t->conf < 0.4)
			continue;
		const char *kv = by_admin1 ? t->place.admin1 : t->place.country;
		if (!kv || !kv[0] || (by_admin1 && is_admin(t->place.kind)))
			continue;
		size_t k = 0;
		while (k < nseen && strcmp(seen[k], t->place.id) != 0)
			k++;
		if (k < nseen)
			continue; /* the same place named again */
		seen[nseen++] = t->place.id;
		for (k = 0; k < nkey && strcmp(key[k], kv) != 0; k++)
			;
		if (k == nkey) {
			if (nkey == 16)
				continue;
			key[nkey] = kv;
			cnt[nkey++] = 0;
		}
		cnt[k]++;
	}
	size_t bi = clear_winner(cnt, nkey, sizeof cnt[0]);
	return bi != SIZE_MAX ? key[bi] : NULL;
}

static void agree_country(xt_topos *out, size_t nt, const int *want)
{
	for (size_t c = 0; c < out->ncc; c++)
		if (out->ccw[c] >= 0.9)
			return;
	const char *cc = agreed(out, nt, want, 0);
	if (cc)
		add_country(out, cc, 0.7);
}

/* The same for provinces: when the text names none, two or more towns of
 * one province say it is about that province ("Boone County" among
 * Florence and Burlington is Kentucky's). */
static void agree_admin1(xt_topos *out, size_t nt, const int *want)
{
	if (out->nadmin1)
		return;
	const char *a1 = agreed(out, nt, want, 1);
	if (a1)
		add_admin1(out, a1);
}

/* Names that agree on a country through its villages: when the text
 * names no country outright, two or more of its names that only one
 * country bears among them, as written (a village of the gazetteer's
 * detail files counts: "Hindi near Mpeketoni" are both villages of
 * Kenya's coast), make the text about that country, so that its villages
 * are believed there (Hindi is then Kenya's, not one of Mariupol's
 * names). Only confident names, and at most DETAIL_VOTERS of them. */
#define DETAIL_VOTERS 32
#define DETAIL_CAND 48
static void agree_detail(ctxbuf *cb, xt_topos *out, size_t nt, const int *want)
{
	for (size_t c = 0; c < out->ncc; c++)
		if (out->ccw[c] >= 0.9)
			return;
	struct {
		char cc[3];
		size_t n;
	} vote[16];
	size_t nv = 0, voters = 0;
	im_gaz_cand *c = malloc(DETAIL_CAND * sizeof *c);
	if (!c)
		return; /* only less context */
	im_gaz_ctx all;
	memset(&all, 0, sizeof all);
	all.all_detail = 1;
	for (size_t i = 0; i < nt && voters < DETAIL_VOTERS; i++) {
		const xt_topo *t = &out->v[i];
		if (want[i] < 0 || t->role != XR_PLACE || t->country_only || t->conf < 0.5 ||
		    (t->flags & (XP_UNKNOWN | XP_PART)) || t->alias)
			continue;
		size_t len;
		const char *s = topo_name(cb->d, t, &len);
		int dup = 0; /* the same name again votes once */
		for (size_t j = 0; j < i && !dup; j++) {
			size_t l2;
			const char *s2 = topo_name(cb->d, &out->v[j], &l2);
			dup = want[j] >= 0 && out->v[j].role == XR_PLACE && l2 == len &&
			      strncasecmp(s, s2, len) == 0;
		}
		if (dup)
			continue;
		voters++;
		size_t n = lookup(cb, s, len, &all, c, DETAIL_CAND);
		if (n > DETAIL_CAND)
			n = DETAIL_CAND;
		/* a place known the world over bearing the name speaks for its
		 * own country only ("London" is no vote for a village of Nigeria
		 * called so) */
		int famous = 0;
		for (size_t k = 0; k < n; k++)
			famous |= c[k].match == IM_GAZ_OWN_NAME && prominent(&c[k].place);
		char seen[DETAIL_CAND][3];
		size_t ns = 0;
		for (size_t k = 0; k < n; k++) {
			const char *cc = c[k].place.country;
			if (c[k].match != IM_GAZ_OWN_NAME || !cc[0] ||
			    (famous && !prominent(&c[k].place)))
				continue;
			size_t q = 0;
			while (q < ns && strcmp(seen[q], cc) != 0)
				q++;
			if (q < ns)
				continue;
			memcpy(seen[ns++], cc, 3);
			for (q = 0; q < nv && strcmp(vote[q].cc, cc) != 0; q++)
				;
			if (q == nv) {
				if (nv == 16)
					continue;
				memcpy(vote[nv].cc, cc, 3);
				vote[nv++].n = 0;
			}
			vote[q].n++;
		}
	}
	free(c);
	size_t best = clear_winner(&vote[0].n, nv, sizeof vote[0]);
	if (best != SIZE_MAX)
		add_country(out, vote[best].cc, 0.7);
}

#define PROV_VOTERS 24
#define PROV_CAND 64
#define PROV_KEYS 256

/* One vote of a name for each province (country and admin1) where a place
 * bears it as written, each province once: a name a place known the
 * world over bears votes for that place's province only ("Paris" is no
 * vote for Texas; "Georgia" votes for the state, a province itself). */
typedef struct a1vote {
	const char *a1;
	char cc[3];
	size_t n;
} a1vote;

static size_t vote_provinces(const im_gaz_cand *c, size_t n, a1vote *v, size_t nv, size_t cap)
{
	int famous = 0;
	for (size_t k = 0; k < n; k++)
		famous |= as_written(&c[k]) && prominent(&c[k].place);
	size_t mine[PROV_CAND], nm = 0; /* the provinces this name voted for */
	for (size_t k = 0; k < n && k < PROV_CAND; k++) {
		const im_place *p = &c[k].place;
		if (!as_written(&c[k]) || !p->admin1 || !p->admin1[0] ||
		    !p->country[0] || (famous && !prominent(p)) || p->kind == IM_KIND_COUNTRY)
			continue;
		size_t q = 0;
		while (q < nv &&
		       !(strcmp(v[q].a1, p->admin1) == 0 && strcmp(v[q].cc, p->country) == 0))
			q++;
		size_t m = 0;
		while (m < nm && mine[m] != q)
			m++;
		if (m < nm)
			continue;
		if (q == nv) {
			if (nv == cap)
				continue;
			v[nv].a1 = p->admin1;
			memcpy(v[nv].cc, p->country, 3);
			v[nv++].n = 0;
		}
		v[q].n++;
		mine[nm++] = q;
	}
	return nv;
}

/* The province a toponym was resolved to by its own name as written
 * ("Texas", "Tenn."), NULL when none ("Georgia", first read as the
 * country, waits for the places that agree). */
static const char *province_named(const xt_doc *d, const xt_topo *t)
{
	if (!t->resolved || t->place.kind != IM_KIND_ADMIN1 || !t->place.name || t->conf < 0.45)
		return NULL;
	size_t len;
	const char *s = topo_name(d, t, &len);
	return strlen(t->place.name) == len && strncasecmp(t->place.name, s, len) == 0
	           ? t->place.admin1
	           : NULL;
}

/* The weight the text gives country cc so far. */
static double topos_weight(const xt_topos *ts, const char *cc)
{
	for (size_t i = 0; i < ts->ncc; i++)
		if (strcmp(ts->cc[i], cc) == 0)
			return ts->ccw[i];
	return 0;
}

/* Names that agree on a province: each confident name of the text, the
 * dateline's too (at most PROV_VOTERS different names), votes for every
 * province where a place bears it as written; a province that two or
 * more names vote for,
 * and more than for any other, is what the text is about ("Barrow",
 * "Oconee" and "Clarke County" are Georgia's together, though each has
 * namesakes in other states), and its country too, when the text names
 * none as loudly. A local report seldom names its own state; its towns
 * do. */
static void agree_provinces(ctxbuf *cb, xt_topos *out, size_t nt, const int *want)
{
	im_gaz_cand *c = malloc(PROV_CAND * sizeof *c);
	a1vote *v = malloc(PROV_KEYS * sizeof *v);
	if (!c || !v) {
		free(c);
		free(v);
		return; /* only less context */
	}
	size_t nv = 0, voters = 0, nnamed = 0;
	const char *named[4];
	/* bounded work on a hostile text of 5,000 names: the first 512 only */
	for (size_t i = 0; i < nt && i < 512 && voters < PROV_VOTERS; i++) {
		const xt_topo *t = &out->v[i];
		if (want[i] < 0 || (t->role != XR_PLACE && t->role != XR_DATELINE) ||
		    t->conf < 0.3 || (t->flags & (XP_UNKNOWN | XP_PART)))
			continue;
		size_t len;
		const char *s = topo_name(cb->d, t, &len);
		int dup = 0; /* the same name again votes once */
		for (size_t j = 0; j < i && !dup; j++) {
			size_t l2;
			const char *s2 = topo_name(cb->d, &out->v[j], &l2);
			dup = want[j] >= 0 &&
			      (out->v[j].role == XR_PLACE || out->v[j].role == XR_DATELINE) &&
			      l2 == len && strncasecmp(s, s2, len) == 0;
		}
		if (dup)
			continue;
		voters++;
		size_t n = lookup(cb, s, len, NULL, c, PROV_CAND);
		n = n > PROV_CAND ? PROV_CAND : n;
		nv = vote_provinces(c, n, v, nv, PROV_KEYS);
		const char *a1 = province_named(cb->d, t);
		if (a1 && nnamed < 4)
			named[nnamed++] = a1;
	}
	free(c);
	for (size_t k = 0; k < nnamed; k++)
		add_admin1(out, named[k]);
	size_t best = clear_winner(&v[0].n, nv, sizeof v[0]);
	if (best != SIZE_MAX) {
		add_admin1(out, v[best].a1);
		if (topos_weight(out, v[best].cc) < 0.7)
			add_country(out, v[best].cc, 0.7);
	}
	free(v);
}

/* A name that only a country's villages bear (the gazetteer's detail
 * places), in a text that is not about that country, is no place name:
 * "Salome" or "Kohl" spotted because a village somewhere is called so.
 * Such names that nothing resolved are dropped (references to them
 * renumbered). */
/* 1 for a place weakly matched: the known start of a longer unknown name
 * ("Yar" of "Yar Galadima"; not a city's: "Seattle Seahawks"), or a hamlet (a town or village whose people
 * the gazetteer does not count). */
static int weak_match(const xt_topo *t)
{
	im_kind k = t->place.kind;
	return ((t->flags & XP_PREFIX) && !city_sized(&t->place)) ||
	       ((k == IM_KIND_TOWN || k == IM_KIND_VILLAGE || k == IM_KIND_OTHER) &&
	        t->place.population == 0);
}

/* 1 when place p lies in or near the area a: in a province of that name,
 * or within 300 km of a province's point, 100 km of a district's. */
static int near_area(const im_place *p, const im_place *a)
{
	if (a->kind == IM_KIND_ADMIN1 && a->admin1 && p->admin1 && a->admin1[0] &&
	    strcmp(a->admin1, p->admin1) == 0)
		return 1;
	double lim = a->kind == IM_KIND_ADMIN2 ? 100 : 300;
	return im_gaz_dist_km_upto(p->lat, p->lon, a->lat, a->lon, lim) <= lim;
}

#define VOUCHERS 64 /* areas and towns a weak match is checked against */

/* 1 when t lies near one of the n vouchers v of its country: an area
 * (near_area) or another town of the story within 100 km; *areas counts
 * the areas of its country met. */
static int vouched(const xt_topos *out, const size_t *v, size_t n, const xt_topo *t, int *areas)
{
	for (size_t j = 0; j < n; j++) {
		const xt_topo *a = &out->v[v[j]];
		if (a == t || strcmp(a->place.country, t->place.country) != 0)
			continue;
		if (is_admin(a->place.kind)) {
			(*areas)++;
			if (near_area(&t->place, &a->place))
				return 1;
		} else if (im_gaz_dist_km_upto(t->place.lat, t->place.lon, a->place.lat,
		                               a->place.lon, 100) <= 100)
			return 1; /* "Obinze", near Owerri, in a story that names
				   * Sokoto State in passing */
	}
	return 0;
}

/* 1 when t, a weak match in a country the text gives nothing (under
 * 0.3), names no area of and surely places no town in, lies far from
 * every area it names, all in other countries ("Bulla Hodhan, Wajir county" is no hamlet Bulla of Nigeria;
 * "Miski, in the country's far-northern Tibesti region" no Miski of
 * Darfur): most likely a place of those areas that the gazetteer lacks. */
static int far_from_areas_abroad(const xt_doc *d, const xt_topos *out, const size_t *v,
                                 size_t n, size_t i)
{
	const xt_topo *t = &out->v[i];
	int other = 0, part;
	if (t->flags & (XP_RELATIVE | XP_FACILITY))
		return 0;
	/* "the village of Doulo in the Mayo-Sava district": the area it is
	 * said to lie in judges it (read_references) */
	int r = find_ref(d, out, i, &part);
	if (r >= 0 && part && out->v[r].resolved)
		return 0;
	for (size_t j = 0; j < n; j++) {
		const xt_topo *a = &out->v[v[j]];
		if (a == t)
			continue;
		if (strcmp(a->place.country, t->place.country) == 0)
			return 0; /* vouched judges it */
		if (is_admin(a->place.kind)) {
			if (near_area(&t->place, &a->place))
				return 0;
			other = 1;
		}
	}
	return other;
}

/* A weak match far from every province and district the text names in
 * its country, and from its other towns ("Yar Galadima village in
 * Zamfara state": not the Yar of Benue, 600 km away; "El Serif Beni
 * Hussein locality, North Darfur": not the Sharif of the Nile) is most
 * likely a place of that area that the gazetteer lacks: left unknown, no
 * surer than the far place, so that the area itself places the event. */
static void drop_far_from_area(const xt_doc *d, xt_topos *out, size_t nt, const int *want)
{
	/* the provinces and districts named, and the towns surely placed: at
	 * most VOUCHERS of each, so that the work stays linear */
	size_t v[2 * VOUCHERS], nv = 0, na = 0, ntown = 0;
	for (size_t j = 0; j < nt && nv < 2 * VOUCHERS; j++) {
		const xt_topo *a = &out->v[j];
		if (!a->resolved || a->role != XR_PLACE || a->conf < 0.5 || a->country_only)
			continue;
		int area = a->place.kind == IM_KIND_ADMIN1 || a->place.kind == IM_KIND_ADMIN2;
		if (area && na < VOUCHERS) {
			v[nv++] = j;
			na++;
		} else if (!area && !is_admin(a->place.kind) && !weak_match(a) && ntown < VOUCHERS) {
			v[nv++] = j;
			ntown++;
		}
	}
	if (!na)
		return;
	for (size_t i = 0; i < nt; i++) {
		xt_topo *t = &out->v[i];
		if (want[i] < 0 || !t->resolved || t->role != XR_PLACE || t->country_only ||
		    is_admin(t->place.kind) || !weak_match(t))
			continue;
		int areas = 0;
		if (!vouched(out, v, nv, t, &areas) &&
		    (areas || far_from_areas_abroad(d, out, v, nv, i))) {
			t->resolved = 0;
			t->conf *= 0.35;
		}
	}
}

/* ---- a county and a town in it agree ------------------------------------- */

#define CT_NAMES 24 /* names looked at, the first of each class in text order */
#define CT_CAND 8   /* namesakes of each */
#define CT_KM 50.0  /* a town within this of a county's point lies in or by it */

typedef struct ct_name {
	size_t first;  /* its first toponym */
	const char *s; /* the name looked up */
	size_t len;
	int county; /* 1: a district or county, 0: a town */
	size_t nc;
	im_place c[CT_CAND]; /* its namesakes of its class, the one chosen first */
} ct_name;

/* 0 not a class of its own, 1 a town, 2 a district or county. */
static int ct_class(im_kind k)
{
	if (k == IM_KIND_ADMIN2)
		return 2;
	return k == IM_KIND_CAPITAL || k == IM_KIND_ADMIN_SEAT || k == IM_KIND_CITY ||
	       k == IM_KIND_TOWN || k == IM_KIND_VILLAGE;
}

/* The class of a toponym as resolved. A country's name counts as a
 * town's when the text names no other country ("Lebanon" beside "Boone
 * County" is Lebanon, Indiana; "Palestine" beside "Anderson County"
 * Palestine, Texas), so that its town namesakes are looked at and its
 * agreement with a county decides; "Turkey" beside "Iraq" stays the
 * country. */
static int ct_topo_class(const xt_topo *t, int one_country)
{
	if (!t->resolved)
		return 0;
	if (t->place.kind == IM_KIND_COUNTRY)
		return one_country && t->role == XR_PLACE;
	return t->country_only ? 0 : ct_class(t->place.kind);
}

/* 1 when the text names one country at most by its name (a people's
 * name, "Mexican", is no second country: the local news has them). */
static int ct_one_country(const xt_topos *out, size_t nt, const int *want)
{
	const char *cc = NULL;
	for (size_t i = 0; i < nt; i++) {
		const xt_topo *t = &out->v[i];
		if (want[i] < 0 || !t->resolved || t->place.kind != IM_KIND_COUNTRY ||
		    t->role != XR_PLACE)
			continue;
		if (cc && strcmp(cc, t->place.country) != 0)
			return 0;
		cc = t->place.country;
	}
	return 1;
}

/* "DeKalb" and "DeKalb County", "Harris" and "Harris County": a county
 * named after its town, or written once with its head and once without,
 * is no second witness. */
static int ct_same_stem(const ct_name *a, const ct_name *b)
{
	const ct_name *s = a->len < b->len ? a : b, *l = a->len < b->len ? b : a;
	return strncasecmp(s->s, l->s, s->len) == 0 && (l->len == s->len || l->s[s->len] == ' ');
}

/* How many names of the other class have a namesake within CT_KM of the
 * point, in its country. */
static size_t ct_support(const ct_name *nm, size_t n, size_t self, double lat, double lon,
                         const char *cc)
{
	size_t sup = 0;
	for (size_t j = 0; j < n; j++) {
		const ct_name *o = &nm[j];
		if (j == self || o->county == nm[self].county || ct_same_stem(o, &nm[self]))
			continue;
		for (size_t c = 0; c < o->nc; c++)
			if (strcmp(o->c[c].country, cc) == 0 && fabs(o->c[c].lat - lat) < 0.5 &&
			    im_gaz_dist_km(lat, lon, o->c[c].lat, o->c[c].lon) <= CT_KM) {
				sup++;
				break;
			}
	}
	return sup;
}

/* The names of the text's towns and counties, each with its point as
 * resolved. Returns how many; 0 unless both classes are there. */
static size_t ct_names(ctxbuf *cb, const xt_topos *out, size_t nt, const int *want, ct_name *nm)
{
	size_t n = 0;
	int seen[2] = {0, 0};
	int one = ct_one_country(out, nt, want);
	for (size_t i = 0; i < nt && i < 512 && n < CT_NAMES; i++) {
		const xt_topo *t = &out->v[i];
		int cls = ct_topo_class(t, one);
		if (want[i] < 0 || !cls || t->role == XR_DEMONYM ||
		    (t->flags & (XP_UNKNOWN | XP_PART)))
			continue;
		ct_name *x = &nm[n];
		x->s = topo_name(cb->d, t, &x->len);
		int dup = 0;
		for (size_t j = 0; j < n && !dup; j++)
			dup = nm[j].len == x->len && strncasecmp(nm[j].s, x->s, x->len) == 0;
		if (dup)
			continue;
		x->first = i;
		x->county = cls == 2;
		x->c[0] = t->place;
		x->nc = 1;
		seen[x->county] = 1;
		n++;
	}
	return seen[0] && seen[1] ? n : 0;
}

/* The namesakes, of its class, of each name that no name of the other
 * class agrees with as resolved (a pair that agrees stays as it is, and
 * costs no lookup). Returns how many names were looked up. */
static size_t ct_namesakes(ctxbuf *cb, const im_gaz_ctx *ctx, ct_name *nm, size_t n)
{
	unsigned char agreed[CT_NAMES];
	for (size_t i = 0; i < n; i++)
		agreed[i] =
		    ct_support(nm, n, i, nm[i].c[0].lat, nm[i].c[0].lon, nm[i].c[0].country) > 0;
	size_t looked = 0;
	im_gaz_cand c[CT_CAND];
	for (size_t i = 0; i < n; i++) {
		if (agreed[i])
			continue;
		ct_name *x = &nm[i];
		size_t k = lookup(cb, x->s, x->len, ctx, c, CT_CAND);
		for (size_t m = 0; m < k && m < CT_CAND && x->nc < CT_CAND; m++)
			if (ct_class(c[m].place.kind) == 1 + x->county &&
			    !(c[m].place.id && x->c[0].id &&
			      strcmp(c[m].place.id, x->c[0].id) == 0))
				x->c[x->nc++] = c[m].place;
		looked++;
	}
	return looked;
}

/* The namesake of nm[i] that more names of the other class lie by than
 * by the one chosen, and no namesake elsewhere as many: its index, or
 * -1. */
static int ct_better(const ct_name *nm, size_t n, size_t i, const xt_topo *t)
{
	const ct_name *x = &nm[i];
	size_t cur = ct_support(nm, n, i, t->place.lat, t->place.lon, t->place.country);
	size_t top = cur;
	int best = -1;
	for (size_t c = 0; c < x->nc; c++) {
		size_t s = ct_support(nm, n, i, x->c[c].lat, x->c[c].lon, x->c[c].country);
		if (s > top) {
			top = s;
			best = (int)c;
		}
	}
	for (size_t c = 0; best >= 0 && c < x->nc; c++)
		if ((int)c != best &&
		    ct_support(nm, n, i, x->c[c].lat, x->c[c].lon, x->c[c].country) == top &&
		    im_gaz_dist_km(x->c[c].lat, x->c[c].lon, x->c[best].lat, x->c[best].lon) >
		        CT_KM)
			return -1;
	return best;
}

/* A county and a town the text names agree: "Rochester" and "Olmsted
 * County" are Minnesota's, "Columbus" and "Harris County" Georgia's,
 * though each name alone is first another state's. Of a name's
 * namesakes, the one by which more names of the other class have one
 * (a town within CT_KM km of the county's point) is taken, unless a
 * province the text names holds the one chosen and not it. */
static void agree_county_town(ctxbuf *cb, xt_topos *out, size_t nt, const int *want,
                              const double *base, const im_gaz_ctx *ctx)
{
	ct_name *nm = malloc(CT_NAMES * sizeof *nm);
	if (!nm)
		return; /* only less agreement */
	size_t n = ct_names(cb, out, nt, want, nm);
	if (!n || !ct_namesakes(cb, ctx, nm, n)) {
		free(nm);
		return;
	}
	int pick[CT_NAMES];
	for (size_t i = 0; i < n; i++)
		pick[i] = ct_better(nm, n, i, &out->v[nm[i].first]);
	int one = ct_one_country(out, nt, want);
	for (size_t i = 0; i < n; i++) {
		if (pick[i] < 0)
			continue;
		im_gaz_ctx near = *ctx;
		near.has_near = 1;
		near.near_lat = nm[i].c[pick[i]].lat;
		near.near_lon = nm[i].c[pick[i]].lon;
		for (size_t j = nm[i].first; j < nt; j++) {
			xt_topo *t = &out->v[j];
			size_t len;
			const char *s = topo_name(cb->d, t, &len);
			if (want[j] < 0 || ct_topo_class(t, one) != 1 + nm[i].county || len != nm[i].len ||
			    strncasecmp(s, nm[i].s, len) != 0)
				continue;
			xt_topo again = *t;
			again.conf = base[j];
			again.flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
			again.country_only = 0;
			if (!resolve(cb, &again, &near, want[j]) ||
			    im_gaz_dist_km(again.place.lat, again.place.lon, near.near_lat,
			                   near.near_lon) > CT_KM) {
				/* a world city that its namesake loses to
				 * however near ("Paris" beside Henry County):
				 * the pair says otherwise */
				again = *t;
				again.place = nm[i].c[pick[i]];
				again.flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
				again.country_only = 0;
			}
			/* "Alexandria, La.": the state said stays */
			if (ctx_has_admin1(ctx, t->place.admin1) &&
			    !ctx_has_admin1(ctx, again.place.admin1))
				continue;
			*t = again;
		}
	}
	free(nm);
}

static void drop_detail_misses(const im_gaz *g, const xt_doc *d, xt_topos *out)
{
	size_t n = out->n, w = 0;
	int *map = malloc((n ? n : 1) * sizeof *map);
	if (!map)
		return; /* keeping them is only less tidy */
	for (size_t i = 0; i < n; i++) {
		xt_topo *t = &out->v[i];
		size_t len;
		const char *s = topo_name(d, t, &len);
		if (!t->resolved && !t->alias && t->role == XR_PLACE &&
		    !(t->flags & (XP_UNKNOWN | XP_FOCUS)) && im_gaz_known(g, s, len) == 2) {
			map[i] = -1;
			continue;
		}
		map[i] = (int)w;
		out->v[w++] = *t;
	}
	for (size_t i = 0; i < w; i++) {
		int r = out->v[i].ref;
		if (r >= 0 && (size_t)r < n)
			out->v[i].ref = map[r];
	}
	out->n = w;
	free(map);
}

/* The toponym of out, not a capital phrase, that ends right before token
 * e, or NULL. */
static const xt_topo *topo_ending(const xt_topos *out, size_t e)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].t1 == e && !(out->v[i].flags & XP_CAPITAL))
			return &out->v[i];
	return NULL;
}

/* The toponym of out, not a capital phrase, that starts at token k, or
 * NULL. */
static const xt_topo *topo_starting(const xt_topos *out, size_t k)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].t0 == k && !(out->v[i].flags & XP_CAPITAL))
			return &out->v[i];
	return NULL;
}

/* "the capital of (the) (war-torn) X", "of" at token k: X's toponym, or
 * NULL. */
static const xt_topo *capital_owner_after(const xt_doc *d, const xt_topos *out, size_t k)
{
	size_t q = k + 1;
	if (q < d->ntok && xt_is(d, q, "the"))
		q++;
	for (int n = 0; n < 4 && q < d->ntok && !topo_starting(out, q) &&
	                ((d->tok[q].f & XT_LOWER) || xt_is(d, q, "-"));
	     n++)
		q++;
	const xt_topo *own = q < d->ntok ? topo_starting(out, q) : NULL;
	/* "the capital of Iraq's Kurdistan region", "the capital of
	 * Balochistan province's Qila Abdullah district": of another place */
	for (size_t e = own ? own->t1 : 0; own && e < d->ntok && e <= own->t1 + 1; e++)
		if (d->tok[e].f & XT_POSS)
			return NULL;
	return own;
}

/* 1 when the words after "capital" at k give its name ("the capital
 * Baghdad", "the capital, Baghdad", "the capital city"): it is spotted on
 * its own. Not a name that starts a clause of its own ("the Libyan
 * capital, Sudan's media said"). */
static int capital_named(const xt_doc *d, size_t k)
{
	if (k + 1 >= d->ntok)
		return 0;
	if (xt_is(d, k + 1, "city"))
		return 1;
	if ((d->tok[k + 1].f & XT_CAP) && !calendar_name(d, k + 1))
		return 1;
	return xt_is(d, k + 1, ",") && k + 2 < d->ntok && (d->tok[k + 2].f & XT_CAP) &&
	       !calendar_name(d, k + 2) && !(k + 3 < d->ntok && (d->tok[k + 3].f & XT_POSS));
}

/* The first token of a capital phrase whose "capital" is at k, with the
 * country it names (a demonym's or a country of the world list) in cc;
 * its owner, a country or province named before it ("Burundi's capital",
 * "the Afghanistan capital", "the Borno State capital"), is resolved
 * later. NOCAP when the words before make no capital phrase. */
#define NOCAP ((size_t)-1)
static size_t capital_start(const xt_doc *d, const xt_topos *out, size_t k, char cc[3])
{
	size_t b = k - 1;
	const xt_lex *hit;
	const xt_topo *own = topo_ending(out, (d->tok[b].f & XT_POSS) ? b : k);
	if (own && (own->flags & XP_COUNTRY) && own->place.country[0])
		memcpy(cc, own->place.country, 3);
	if ((d->tok[b].f & XT_POSS) && b > 0) {
		/* "Yemen's capital", "the country's capital" */
		if (!own && !xt_is(d, b - 1, "country") && !xt_is(d, b - 1, "nation"))
			return NOCAP;
		size_t start = own ? own->t0 : b - 1;
		return start > 0 && xt_is(d, start - 1, "the") ? start - 1 : start;
	}
	/* "the Iraqi capital", "the rebel-held Yemeni capital", "the capital",
	 * "the Afghanistan capital", "in Somali capital" */
	size_t q = b;
	if (own) {
		q = own->t0 > 0 ? own->t0 - 1 : 0;
	} else if (xt_lex_match(&xt_demonyms, d, q, k, &hit) == 1 && hit->s[0] != '#') {
		memcpy(cc, hit->s, 2);
		cc[2] = '\0';
		q = q > 0 ? q - 1 : q;
	}
	int named = own || cc[0];
	while (q > 0 && q + 3 > b && (d->tok[q].f & XT_LOWER) && !xt_is(d, q, "the") &&
	       !(named && xt_is(d, q, "in")) && !xt_is(d, q, "provincial") &&
	       !xt_is(d, q, "regional") && !xt_is(d, q, "state") && !xt_is(d, q, "district"))
		q--;
	if (xt_is(d, q, "the"))
		return q;
	return named && xt_is(d, q, "in") ? q + 1 : NOCAP;
}

/* The resolved toponym a capital phrase i holds ("Burundi" in "Burundi's
 * capital"), or NULL. */
static const xt_topo *capital_owner(const xt_topos *out, size_t i)
{
	const xt_topo *t = &out->v[i];
	for (size_t j = 0; j < out->n; j++) {
		const xt_topo *o = &out->v[j];
		if (j != i && o->resolved && o->t0 >= t->t0 && o->t1 <= t->t1 &&
		    !(o->flags & XP_CAPITAL))
			return o;
	}
	return NULL;
}

/* 1 when the part of a hyphenated word tx that starts at off follows
 * "pro-" or "anti-" ("pro-Russian", "anti-US"). */
static int attitude(const char *tx, size_t off)
{
	return (off == 4 && strncasecmp(tx, "pro-", 4) == 0) ||
	       (off == 5 && strncasecmp(tx, "anti-", 5) == 0);
}

/* Spots the capital phrases ("the Iraqi capital", "Burundi's capital",
 * "the capital of the Central African Republic", "the capital"): a
 * toponym that spans the country or province it names, resolved to its
 * capital once the countries of the text are known (ref -4). A name right
 * after "capital" ("the capital, Baghdad") is spotted on its own. */
static im_status spot_capitals(const xt_doc *d, unsigned char *used, xt_topos *out)
{
	for (size_t k = 1; k < d->ntok; k++) {
		if (!xt_is(d, k, "capital") || used[k] || !(d->tok[k].f & XT_LOWER))
			continue;
		char cc[3] = "";
		size_t start, end = k + 1;
		if (k + 1 < d->ntok && xt_is(d, k + 1, "of")) {
			/* "the capital of the Central African Republic" */
			const xt_topo *own = capital_owner_after(d, out, k + 1);
			if (!own || !xt_is(d, k - 1, "the"))
				continue;
			if ((own->flags & XP_COUNTRY) && own->place.country[0])
				memcpy(cc, own->place.country, 3);
			start = k - 1;
			end = own->t1;
		} else if (capital_named(d, k) || (start = capital_start(d, out, k, cc)) == NOCAP) {
			continue;
		}
		xt_topo t;
		memset(&t, 0, sizeof t);
		t.t0 = start;
		t.t1 = end;
		t.role = XR_PLACE;
		t.flags = XP_CAPITAL | cue_before(d, t.t0, &(int){0}, &(int){0}, &(int){0});
		t.conf = 0.8;
		t.ref = -4;
		memcpy(t.place.country, cc, 3);
		im_status st = push(out, &t);
		if (st)
			return st;
		used[k] = 1;
	}
	return IM_OK;
}

/* ---- xt_toponyms: spotting ---------------------------------------------- */

/* What the spotting passes share: the document, the tokens already taken
 * and the toponyms found so far. */
typedef struct spotter {
	const im_gaz *g;
	const xt_doc *d;
	const unsigned char *persons; /* the person marks of the tokens, or NULL */
	ctxbuf *cb;
	unsigned char *used; /* 1: the token is taken */
	xt_topos *out;
	struct {
		uint32_t s, e;
	} sur[32]; /* surnames of persons found on the way */
	size_t nsur;
} spotter;

/* The cues before a name, read once: what spot_unknown and spot_known
 * weigh. */
typedef struct cues {
	unsigned fl;
	int settlement, province, village;
	int initial; /* at the start of a sentence or in a headline */
} cues;

static void take(spotter *sp, size_t t0, size_t t1)
{
	for (size_t i = t0; i < t1; i++)
		sp->used[i] = 1;
}

/* Person names are not places, unless a settlement's or a province's
 * cue names the whole as a place the gazetteer knows ("the North Sinai
 * town of Sheikh Zuweid", "the province of Sultan Kudarat": Sheikh and
 * Sultan are titles elsewhere). */
static void skip_persons(spotter *sp)
{
	const xt_doc *d = sp->d;
	const unsigned char *persons = sp->persons;
	for (size_t k = 0; k < d->ntok; k++) {
		if (!persons || persons[k] != 2)
			continue;
		size_t e = k, b = k;
		while (e < d->ntok && persons[e] == 2)
			e++;
		const xt_lex *hit;
		if (b > 0 && xt_lex_match(&xt_titles, d, b - 1, b, &hit) == 1)
			b--; /* the title itself */
		if (!(town_of_cue(d, b) || province_of_cue(d, b) || in_cue(d, b, e)) ||
		    !known(sp->cb, b, e))
			take(sp, k, e);
		k = e - 1;
	}
}

/* The dateline: where the report was filed. */
static im_status spot_dateline(spotter *sp, const xt_dateline *dl)
{
	if (!dl || !dl->end)
		return IM_OK;
	const xt_doc *d = sp->d;
	xt_topos *out = sp->out;
	im_status st = spot_range(sp->cb, out, dl->p0, dl->p1, XR_DATELINE, sp->used, 0.9);
	size_t sn = 0;
	const xt_lex *sh = dl->c1 > dl->c0 ? us_state_at(d, dl->c0, &sn) : NULL;
	if (!st && sh && dl->c0 + sn == dl->c1) {
		/* "CAMP MURRAY, Wash. -": a US state, not the village of Wash */
		st = add_topo(out, dl->c0, dl->c1, XR_DATELINE, 0, 0.9);
		if (!st) {
			out->v[out->n - 1].ref = WANT_PROVINCE;
			out->v[out->n - 1].alias = sh->s;
		}
	} else if (!st && dl->c1 > dl->c0)
		st = spot_range(sp->cb, out, dl->c0, dl->c1, XR_DATELINE, sp->used, 0.9);
	if (!st && dl->o1 > dl->o0)
		st = spot_range(sp->cb, out, dl->o0, dl->o1, XR_EMBEDDED, sp->used, 0.5);
	/* from its place on: a title before it is read as text */
	take(sp, dl->p0, dl->end);
	return st;
}

/* Outlets, and places inside their names ("Kurdistan 24"). */
static im_status spot_outlets(spotter *sp)
{
	const xt_doc *d = sp->d;
	im_status st = IM_OK;
	for (size_t k = 0; !st && k < d->ntok; k++) {
		if (sp->used[k])
			continue;
		size_t l = xt_outlet_at(d, k, d->ntok);
		if (!l)
			continue;
		if (l > 1) /* "Kurdistan 24", but not "AP" */
			st = spot_range(sp->cb, sp->out, k, k + l, XR_EMBEDDED, sp->used, 0.5);
		take(sp, k, k + l);
		k += l - 1;
	}
	return st;
}

/* The words of an armed group's name [k, k + l): "Kurdish Peshmerga",
 * "Iraqi army", "U.S. troops" are still a hint of the country. */
static im_status spot_in_actor(spotter *sp, size_t k, size_t l, im_status st)
{
	const xt_doc *d = sp->d;
	xt_topos *out = sp->out;
	for (size_t i = k; i < k + l; i++) {
		const xt_lex *dh;
		if (!st && (d->tok[i].f & XT_CAP) &&
		    xt_lex_match(&xt_demonyms, d, i, i + 1, &dh) == 1) {
			st = add_demonym(sp->g, out, i, 1, dh, 0);
			out->v[out->n - 1].role = XR_EMBEDDED;
		} else if (!st && (d->tok[i].f & (XT_CAP | XT_UPPER)) &&
		           world_at(d, i, sp->used, &dh) == 1 && dh->v < 0) {
			st = add_world(sp->g, out, d, i, 1, dh);
			out->v[out->n - 1].role = XR_EMBEDDED;
		}
		sp->used[i] = 1;
	}
	return st;
}

/* Armed groups' names are not places ("Popular Mobilization Forces");
 * the demonyms in them were taken above. */
static im_status spot_actors(spotter *sp)
{
	const xt_doc *d = sp->d;
	im_status st = IM_OK;
	for (size_t k = 0; k < d->ntok; k++) {
		const xt_lex *hit;
		size_t l = xt_lex_match(&xt_actornames, d, k, d->ntok, &hit);
		if (l >= 2 ||
		    (l == 1 && hit->v != 2 && ((d->tok[k].f & XT_CAP) || al_word(d, k)))) {
			const char *ac = actor_country(hit->s);
			for (; ac && ac[0] && ac[1]; ac += ac[2] ? 3 : 2)
				add_country(sp->out, (char[3]){ac[0], ac[1], '\0'}, ACTOR_W);
			st = spot_in_actor(sp, k, l, st);
			k += l - 1;
		}
	}
	return st;
}

/* The part [p, p + pl) of a hyphenated word, lower-cased into the
 * caller's low (cap bytes), looked up among the demonyms (*dem) and the
 * world's names (*wld); 0 when it does not fit in low. */
static int part_lookup(const char *p, size_t pl, char *low, size_t cap, const xt_lex **dem,
                       const xt_lex **wld)
{
	if (pl >= cap)
		return 0;
	for (size_t i = 0; i < pl; i++)
		low[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	low[pl] = '\0';
	*dem = xt_lex_get(&xt_demonyms, low, pl);
	*wld = xt_lex_get(&xt_world, low, pl);
	return 1;
}

/* "Iran-backed", "Baghdad-based", "Iranian-backed" at k: the name before
 * the hyphen, used as a modifier. */
static im_status spot_modifier_at(spotter *sp, size_t k)
{
	const xt_doc *d = sp->d;
	unsigned char *used = sp->used;
	if (used[k] || !(d->tok[k].f & XT_CAP))
		return IM_OK;
	const char *tx = XT_STR(d, k);
	size_t n = XT_LEN(d, k);
	const char *h = memchr(tx, '-', n);
	if (!h || h == tx || h + 1 >= tx + n || !(h[1] >= 'a' && h[1] <= 'z'))
		return IM_OK;
	/* the start of a longer name the gazetteer knows: "Sar-e Pol"
	 * (the Persian ezafe), not Sar used as a modifier */
	if (longest_known(sp->cb, k, d->ntok, used) >= 2)
		return IM_OK;
	size_t pl = (size_t)(h - tx);
	char low[40];
	const xt_lex *dem, *wld;
	if (!part_lookup(tx, pl, low, sizeof low, &dem, &wld))
		return IM_OK;
	if (dem && lex_is_id(dem->s))
		dem = NULL; /* "European-led": no one country */
	if (!dem && wld && wld->v < 0)
		dem = wld; /* "UK-based", "US-led" */
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = k;
	t.t1 = k + 1;
	t.nlen = (uint32_t)pl;
	t.flags |= XP_PART;
	t.ref = WANT_ANY;
	/* "Los Angeles-based", "Abu Dhabi-based": the name's first
	 * word comes before the hyphenated one */
	size_t w0 =
	    k > 0 && !used[k - 1] && capword(d, k - 1) && !(d->tok[k].f & XT_NL) ? k - 1 : k;
	size_t wl = (size_t)(h - d->t) - d->tok[w0].s;
	if (w0 < k && !dem && im_gaz_known(sp->g, d->t + d->tok[w0].s, wl)) {
		t.t0 = w0;
		t.nlen = (uint32_t)wl;
		t.role = XR_MODIFIER;
		t.conf = 0.55;
		used[w0] = 1;
	} else if (dem) {
		t.role = XR_DEMONYM;
		t.conf = 0.6;
		memcpy(t.place.country, dem->s, 2);
		add_country(sp->out, dem->s, 0.5);
	} else if (!(pl <= 3 && !islower((unsigned char)tx[1])) &&
	           !xt_lex_get(&xt_common, low, pl) && im_gaz_known(sp->g, tx, pl)) {
		t.role = XR_MODIFIER;
		t.conf = 0.55;
	} else {
		return IM_OK;
	}
	im_status st = push(sp->out, &t);
	used[k] = 1;
	return st;
}

/* The part [off, off + pl) of the hyphenated word at k when it is a
 * demonym, a country or a region: "Syrian" in "Syrian-Turkish". */
static im_status spot_hyphen_part(spotter *sp, size_t k, size_t off, size_t pl)
{
	const char *tx = XT_STR(sp->d, k);
	const char *p = tx + off;
	char low[40];
	const xt_lex *dem, *wld;
	if (!(pl >= 2 && p[0] >= 'A' && p[0] <= 'Z') ||
	    !part_lookup(p, pl, low, sizeof low, &dem, &wld))
		return IM_OK;
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = k;
	t.t1 = k + 1;
	t.noff = (uint32_t)off;
	t.nlen = (uint32_t)pl;
	t.flags = XP_PART;
	t.ref = -1;
	/* "pro-Russian", "anti-American": a side taken, said anywhere, is a
	 * weaker hint of the country */
	double w = attitude(tx, off) ? 0.2 : 0.5;
	if (dem && !lex_is_id(dem->s) && dem->v != 1) {
		t.role = XR_DEMONYM;
		t.conf = 0.6;
		memcpy(t.place.country, dem->s, 2);
		add_country(sp->out, dem->s, w);
	} else if (wld && wld->v < 0) {
		t.role = XR_DEMONYM; /* "US-led": the country, as an adjective */
		t.conf = 0.6;
		memcpy(t.place.country, wld->s, 2);
		add_country(sp->out, wld->s, w);
	} else if ((dem && lex_is_id(dem->s)) || (wld && lex_is_id(wld->s))) {
		t.role = dem ? XR_DEMONYM : XR_PLACE;
		t.conf = 0.6;
		if (!place_by_id(sp->g, &t, dem ? dem->s : wld->s))
			return IM_OK;
		t.ref = -3;
	} else {
		/* a country by its own name: "Mexico" in "US-Mexico" */
		im_gaz_cand c;
		if (!(im_gaz_lookup(sp->g, p, pl, NULL, &c, 1) && c.place.kind == IM_KIND_COUNTRY &&
		      c.place.name && strlen(c.place.name) == pl &&
		      strncasecmp(c.place.name, p, pl) == 0))
			return IM_OK;
		t.role = XR_DEMONYM;
		t.conf = 0.6;
		memcpy(t.place.country, c.place.country, 3);
		add_country(sp->out, c.place.country, w);
	}
	return push(sp->out, &t);
}

/* "Syrian-Turkish border", "US-Mexico talks", "Asia-Pacific",
 * "anti-Russian", "pro-Iranian": each capitalised part of a hyphenated
 * word that is a demonym, a country or a region, when the whole word
 * is not a place of its own ("Saint-Denis"). */
static im_status spot_hyphen_parts(spotter *sp)
{
	const xt_doc *d = sp->d;
	im_status st = IM_OK;
	for (size_t k = 0; !st && k < d->ntok; k++) {
		if (sp->used[k] || !(d->tok[k].f & XT_WORD) || (d->tok[k].f & XT_NUM))
			continue;
		const char *tx = XT_STR(d, k);
		size_t n = XT_LEN(d, k);
		if (!memchr(tx, '-', n) || n > 60 || im_gaz_known(sp->g, tx, n))
			continue;
		size_t before = sp->out->n;
		for (size_t off = 0; !st && off < n;) {
			const char *h = memchr(tx + off, '-', n - off);
			size_t pl = (h ? (size_t)(h - tx) : n) - off;
			st = spot_hyphen_part(sp, k, off, pl);
			off += pl + 1;
		}
		if (sp->out->n > before)
			sp->used[k] = 1;
	}
	return st;
}

static im_status spot_modifiers(spotter *sp)
{
	im_status st = IM_OK;
	for (size_t k = 0; !st && k < sp->d->ntok; k++)
		st = spot_modifier_at(sp, k);
	return st;
}

/* 1 when the word at k is the surname of a person met before, alone. */
static int surname_again(const spotter *sp, size_t k)
{
	const xt_doc *d = sp->d;
	for (size_t i = 0; i < sp->nsur; i++)
		if (sp->sur[i].e - sp->sur[i].s == XT_LEN(d, k) &&
		    memcmp(d->t + sp->sur[i].s, XT_STR(d, k), XT_LEN(d, k)) == 0 &&
		    !(k + 1 < d->ntok && capword(d, k + 1)))
			return 1;
	return 0;
}

/* "Alexandria, La.", "Springfield, IL": a US state after a comma;
 * anywhere, the short forms with a dot inside, which are nothing
 * else ("S.C.", "N.J.", "W.Va.": not "Miss." or "La."). 1 when one is
 * spotted at k (*next: the token after it). */
static int spot_us_state(spotter *sp, size_t k, size_t *next, im_status *st)
{
	const xt_doc *d = sp->d;
	size_t sn = 0;
	const xt_lex *sh = us_state_at(d, k, &sn);
	int dotted = sh && sh->v != 2 && strchr(sh->k, '.') &&
	             strchr(sh->k, '.') < sh->k + strlen(sh->k) - 1;
	if (!(dotted || (k > 0 && xt_is(d, k - 1, ",") && k >= 2 && capword(d, k - 2))))
		return 0;
	if (!sh || sp->used[k] || sp->used[k + sn - 1])
		return 0;
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = k;
	t.t1 = k + sn;
	t.role = XR_PLACE;
	t.conf = 0.8;
	t.ref = WANT_PROVINCE;
	t.alias = sh->s;
	*st = push(sp->out, &t);
	take(sp, k, k + sn);
	*next = k + sn;
	return 1;
}

/* A region or short country name (xt_world) or a demonym at k, when it is
 * at least as long as the known name of l words there. 1 when one is
 * spotted (*next: the token after it). */
static int spot_world_demonym(spotter *sp, size_t k, size_t l, size_t *next, im_status *st)
{
	const xt_doc *d = sp->d;
	xt_topos *out = sp->out;
	const xt_lex *wh = NULL, *dh = NULL;
	size_t lw = world_at(d, k, sp->used, &wh);
	size_t ld = (d->tok[k].f & XT_CAP) ? xt_lex_match(&xt_demonyms, d, k, d->ntok, &dh) : 0;
	for (size_t i = k; i < k + ld; i++)
		if (sp->used[i])
			ld = 0;
	if (lw && lw >= l && lw >= ld) {
		*st = add_world(sp->g, out, d, k, lw, wh);
		if (!*st && out->n && out->v[out->n - 1].t0 == k) {
			widen_name(d, sp->used, &out->v[out->n - 1]);
			if (title_follows(d, k + lw) || staff_follows(d, k + lw) ||
			    (xt_is(d, k + lw, "press") && title_follows(d, k + lw + 1)))
				out->v[out->n - 1].flags |= XP_STAFF;
		}
		take(sp, k, k + lw);
		*next = k + lw;
		return 1;
	}
	if (ld && ld >= l) {
		int noun = demonym_noun(d, k + ld);
		/* "in English.", "speaks Spanish after": a language, not
		 * even a hint of the country */
		if (!(noun && k > 0 && xt_is_any(d, k - 1, language_cue)))
			*st = add_demonym(sp->g, out, k, ld, dh, border_at(d, k + ld));
		if (!*st && noun && out->n && out->v[out->n - 1].t0 == k &&
		    out->v[out->n - 1].conf > 0.2)
			out->v[out->n - 1].conf = 0.2;
		take(sp, k, k + ld);
		*next = k + ld;
		return 1;
	}
	return 0;
}

/* "the English city of Salisbury", "the Iraqi town of Tuz" before k: the
 * demonym says outright which country the place is in; the demonym inside
 * "the (adjectives) DEMONYM (adjectives) city of", not a word before it
 * ("Saudi warplanes in the city of"). */
static void demonym_of_cue(spotter *sp, size_t k)
{
	const xt_doc *d = sp->d;
	size_t s0 = d->sent[d->tok[k].sent].t0, q = k - 3, hops = 0;
	const xt_lex *dh2 = NULL;
	while (q > s0 && hops++ < 4) {
		if ((d->tok[q].f & XT_CAP) && xt_lex_match(&xt_demonyms, d, q, q + 1, &dh2) == 1)
			break;
		dh2 = NULL;
		if (!(d->tok[q].f & XT_LOWER) || xt_is(d, q, "the") || xt_is(d, q, "in"))
			break;
		q--;
	}
	if (dh2 && q > s0 && (xt_is(d, q - 1, "the") || xt_is(d, q - 1, "a")) && !lex_is_id(dh2->s))
		add_country(sp->out, dh2->s, 1.0);
}

/* "Lake Manassas", "Mount Sinjar" at k: a feature named after a place.
 * 1 when one is spotted (*next: the token after it). */
static int spot_feature(spotter *sp, size_t k, const cues *c, size_t *next, im_status *st)
{
	const xt_doc *d = sp->d;
	if (!(xt_is_any(d, k, feature_prefix) && k + 1 < d->ntok))
		return 0;
	size_t l2 = longest_known(sp->cb, k + 1, d->ntok, sp->used);
	if (!l2 || is_common(d, k + 1, k + 1 + l2))
		return 0;
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = k;
	t.t1 = k + 1 + l2;
	t.role = XR_PLACE;
	t.flags = c->fl | XP_RELATIVE;
	t.conf = c->initial ? 0.45 : 0.6;
	t.ref = WANT_ANY;
	t.noff = d->tok[k + 1].s - d->tok[k].s;
	t.nlen = d->tok[k + l2].e - d->tok[k + 1].s;
	*st = push(sp->out, &t);
	take(sp, k, t.t1);
	*next = t.t1;
	return 1;
}

/* The end of the run of capitalised words at k that the gazetteer does
 * not know (four at most, one line, no month or weekday after the first). */
static size_t unknown_run(const spotter *sp, size_t k)
{
	const xt_doc *d = sp->d;
	size_t j = k;
	while (j < d->ntok && j < k + 4 && !sp->used[j] &&
	       (capword(d, j) || (j > k && connector(d, j))) &&
	       !(j > k && ((d->tok[j].f & XT_NL) || calendar_name(d, j))))
		j++;
	while (j > k + 1 && !capword(d, j - 1))
		j--;
	return j;
}

/* 1 when the unknown run [k, j) is named as a site, a street, a natural
 * feature or a province or district by its head ("Cuyahoga County",
 * "Sabir District", "Al-Samoud Intersection"); *hl: the words of a head
 * after the run. */
static int unknown_site(const xt_doc *d, size_t k, size_t j, size_t *hl)
{
	const xt_lex *head = NULL;
	int admin_named = 0;
	/* the head may be the last word of the run itself */
	if (j > k + 1) {
		const xt_lex *h2;
		if (xt_lex_match(&xt_placeheads, d, j - 1, j, &h2) == 1) {
			if (strcmp(h2->s, "admin") != 0)
				head = h2;
			else
				admin_named = 1; /* "Cuyahoga County" */
		}
	}
	if (!head && j < d->ntok)
		head = head_after(d, j, hl);
	/* a province or district the gazetteer lacks, when the head is part
	 * of the name */
	int sitey = head && (strcmp(head->s, "site") == 0 || strcmp(head->s, "street") == 0 ||
	                     strcmp(head->s, "natural") == 0 ||
	                     (strcmp(head->s, "admin") == 0 && *hl && (d->tok[j].f & XT_CAP)));
	return admin_named ? 1 : sitey;
}

/* A known name inside the run [k, j) ("Air Zimbabwe") is spotted on its
 * own: the run is then an organisation's name. 1 when there is one;
 * *inner_end: the end of the first. */
static int known_inside(spotter *sp, size_t k, size_t j, size_t *inner_end)
{
	for (size_t m = k + 1; m < j; m++) {
		const xt_lex *wh, *dh2;
		size_t li = longest_known(sp->cb, m, j, sp->used);
		if (li || world_at(sp->d, m, sp->used, &wh) ||
		    xt_lex_match(&xt_demonyms, sp->d, m, j, &dh2)) {
			*inner_end = m + li;
			return 1;
		}
	}
	return 0;
}

/* "Conor McGregor", "Sheryl Sandberg": an unknown first word at k and a
 * known last one before j make a person's name, not a place. */
static int person_name(const spotter *sp, size_t k, size_t j, int initial)
{
	const xt_doc *d = sp->d;
	const xt_lex *dh;
	for (size_t m = k + 1; m < j; m++)
		if (!capword(d, m))
			return 0; /* "CEOs of Europe": a connector makes no name */
	return j - k <= 3 && !xt_is_any(d, k, name_prefix) && !is_common(d, k, k + 1) &&
	       !(d->tok[k].f & XT_UPPER) && !xt_lex_match(&xt_demonyms, d, k, k + 1, &dh) &&
	       !xt_lex_match(&xt_orgheads, d, k, k + 1, &dh) && !initial &&
	       sp->nsur < sizeof sp->sur / sizeof *sp->sur;
}

/* A capitalised name at k the gazetteer does not know: "the village of
 * Lheban", "Al-Samoud Intersection", "Palestine Street" (the head
 * decides). Returns the token to go on from. */
static size_t spot_unknown(spotter *sp, size_t k, const cues *c, im_status *st)
{
	const xt_doc *d = sp->d;
	const unsigned char *persons = sp->persons;
	size_t next;
	if (spot_feature(sp, k, c, &next, st))
		return next;
	size_t j = unknown_run(sp, k);
	/* "Oconee" of "Walton and Oconee counties": a county the gazetteer
	 * knows by its full name only */
	if (j > k && !c->initial && !(persons && persons[k]) && listed_county(sp->cb, k, j)) {
		xt_topo t;
		memset(&t, 0, sizeof t);
		t.t0 = k;
		t.t1 = j;
		t.role = XR_PLACE;
		t.flags = c->fl;
		t.conf = 0.9;
		t.ref = WANT_PROVINCE;
		*st = push(sp->out, &t);
		take(sp, k, j);
		return j;
	}
	size_t hl = 0;
	int sitey = unknown_site(d, k, j, &hl);
	size_t inner_end = 0;
	int inner = known_inside(sp, k, j, &inner_end);
	/* the surname alone is then a person too, further on */
	if (inner && inner_end == j && person_name(sp, k, j, c->initial)) {
		take(sp, k, j);
		sp->sur[sp->nsur].s = d->tok[j - 1].s;
		sp->sur[sp->nsur++].e = d->tok[j - 1].e;
		return j;
	}
	if (inner)
		return k + 1;
	int cued = (c->settlement || c->village) && !c->initial;
	if ((sitey && (j > k + 1 || hl)) || cued) {
		if (!(persons && persons[k]) && !is_common(d, k, j) &&
		    !(c->initial && is_starter(d, k))) {
			*st = add_topo(sp->out, k, j + hl, XR_PLACE, c->fl | XP_UNKNOWN,
			               cued ? 0.6 : 0.5);
			take(sp, k, j + hl);
			return j + hl;
		}
	}
	/* An unknown capitalised name after "in"/"near": detected, placed
	 * only at its document's focus (bench listing). */
	if ((c->fl & XP_LOCATIVE) && !c->initial && !(persons && persons[k]) &&
	    !is_common(d, k, j) && !(d->tok[k].f & XT_UPPER) && j - k <= 3) {
		size_t oe;
		if (!org_follows(d, k, &oe)) {
			*st = add_topo(sp->out, k, j, XR_PLACE, c->fl | XP_UNKNOWN, 0.35);
			take(sp, k, j);
			return j;
		}
	}
	return j > k ? j : k + 1;
}

/* A name the gazetteer knows, [k, e), as its cues make it out. */
typedef struct reading {
	size_t k, e;
	size_t span_end; /* the toponym's end: past e when a head is part of the name */
	size_t hl;       /* the words of the head after e */
	size_t org_end;  /* the end of an organisation's name it starts */
	const xt_lex *head;
	const char *state; /* "Alexandria, La.": the state after it */
	double conf;
	xr_role role;
	int want;
	int org;
	int listed; /* one of a list before "counties" */
	unsigned fl;
	uint32_t nlen;
} reading;

/* A capitalised run after the name that ends on a site or natural head
 * (rh, ending at he): "Mosul University", "Dulles International
 * Airport", "Mississippi River" (in or at the place); else an
 * organisation's name or a title after it. */
static void read_what_follows(const xt_doc *d, reading *r, const xt_lex *rh, size_t he)
{
	size_t e = r->e;
	if (rh && (strcmp(rh->s, "site") == 0 || strcmp(rh->s, "natural") == 0)) {
		r->fl |= XP_RELATIVE;
		if (strcmp(rh->s, "site") == 0)
			r->fl |= XP_FACILITY;
		r->span_end = he;
		r->nlen = d->tok[e - 1].e - d->tok[r->k].s;
		r->org = 0;
	} else if (r->org == 1 || r->org == 3) {
		r->role = XR_EMBEDDED;
		r->conf = 0.5;
		if (r->org == 3)
			r->fl |= XP_BODY_OF;
	} else if (r->org == 2) {
		/* "Mosul University": an institution in the place */
		r->fl |= XP_RELATIVE | XP_FACILITY;
		r->conf = 0.6;
	} else if (title_follows(d, e) || staff_follows(d, e) ||
	           (xt_is(d, e, "press") && title_follows(d, e + 1))) {
		r->fl |= XP_STAFF;
		r->role = XR_MODIFIER;
		r->conf = 0.6;
	}
}

/* The head after the name: "Diyala province", "the Tal Afar district"
 * (a province), "Sinjar town" (a settlement). */
static void read_head(const xt_doc *d, reading *r)
{
	size_t e = r->e;
	if (r->head && strcmp(r->head->s, "admin") == 0) {
		r->want = WANT_PROVINCE;
		r->conf = 0.9;
		if (d->tok[e].f & XT_CAP) {
			/* "Cuyahoga County", "Diyala Governorate": the head is part
			 * of the name; "Diyala province" is not */
			r->span_end = e + r->hl;
			r->nlen = d->tok[e - 1].e - d->tok[r->k].s;
		}
	} else if (r->head && strcmp(r->head->s, "settlement") == 0) {
		r->want = WANT_SETTLEMENT;
		r->conf = 0.85;
	} else if (!r->head && plural_admin_after(d, r->k, e)) {
		/* "Becker, Clay and Otter Tail counties": each a county */
		r->want = WANT_PROVINCE;
		r->conf = 0.9;
		r->listed = 1;
	}
}

/* "Damascus airport", "the Mosul dam", "Kirkuk's oil field": a site
 * outside the town it is named after. */
static void read_site_after(spotter *sp, reading *r)
{
	const xt_doc *d = sp->d;
	size_t e = r->e;
	if (!(e < d->ntok && (d->tok[e].f & XT_LOWER)))
		return;
	size_t sl = xt_lex_in(&xt_placecues, d, e, XQ_OUT_SITE) ? 1
	            : e + 1 < d->ntok &&
	                    (xt_is(d, e, "air") || xt_is(d, e, "oil") || xt_is(d, e, "gas")) &&
	                    (xt_is(d, e + 1, "base") || xt_is(d, e + 1, "field"))
	                ? 2
	                : 0;
	/* the site itself when the gazetteer knows it by that name
	 * ("Baghdad airport") */
	if (sl && r->span_end == r->e && known(sp->cb, r->k, e + sl)) {
		r->span_end = e + sl;
		r->nlen = (uint32_t)(d->tok[e + sl - 1].e - d->tok[r->k].s);
	} else if (sl) {
		r->fl |= XP_SITE_OF;
	}
}

/* The kind the cues ask for, and how much they vouch for a place. */
static void read_cues(const xt_doc *d, reading *r, const cues *c)
{
	size_t e = r->e;
	if (c->province)
		r->want = WANT_PROVINCE;
	if (c->settlement)
		r->want = WANT_SETTLEMENT;
	if (c->village)
		r->want = WANT_VILLAGE;
	if (c->village || village_after(d, e))
		r->fl |= XP_VILLAGE;
	if (townsfolk_after(d, e))
		r->fl |= XP_FOLK;
	if (r->fl & XP_LOCATIVE)
		r->conf += 0.25;
	if (poss_after(d, e))
		r->conf += 0.15;
	if (comma_region(d, e, &r->state))
		r->conf += 0.25;
}

/* What makes a known name less likely a place: the start of a sentence, a
 * common word, a person's name, an acronym, a foreign script. */
static void weigh_doubts(const spotter *sp, reading *r, const cues *c)
{
	const xt_doc *d = sp->d;
	size_t k = r->k, e = r->e, l = e - k;
	if (c->initial) {
		r->conf -= 0.25;
		if (is_starter(d, k) && l == 1)
			r->conf -= 0.5;
	}
	if (is_common(d, k, e) && r->span_end == e && !r->listed) {
		/* "March", "Mobile", "Police": places only with a clear cue
		 * ("Orange County" has one: its head) */
		if (!(r->fl & XP_LOCATIVE) || c->initial ||
		    (c->settlement == 0 && !r->state && !c->province))
			r->conf -= 0.6;
	}
	if (sp->persons && sp->persons[k] == 1)
		r->conf -= 0.2;
	if ((d->tok[k].f & XT_UPPER) && l == 1 && XT_LEN(d, k) <= 3)
		r->conf = 0; /* "BA", "UN", "IS" are acronyms ("US", "UK" are in xt_world) */
	else if ((d->tok[k].f & XT_UPPER) && l == 1 && XT_LEN(d, k) <= 5 && !c->initial)
		r->conf -= 0.4; /* "INIS", "NAFTA" */
	else if (camel(d, k))
		r->conf -= 0.4; /* "IoT", "UConn", "YouTube" */
	if (d->tok[k].f & XT_UPPER && l == 1 && k > 0 && xt_is(d, k - 1, "(") && e < d->ntok &&
	    xt_is(d, e, ")"))
		r->conf = 0; /* "(INIS)": the short name of what came before */
	if ((d->tok[k].f & XT_NONLATIN) && !(r->fl & XP_LOCATIVE))
		r->conf -= 0.3; /* Arabic script in an English report: mostly names */
}

/* Pushes the known name as read; returns the token to go on from. */
static size_t push_known(spotter *sp, const reading *r, im_status *st)
{
	xt_topo t;
	memset(&t, 0, sizeof t);
	t.t0 = r->k;
	t.t1 = r->span_end;
	t.nlen = r->nlen;
	t.role = r->role;
	t.flags = r->fl;
	t.conf = r->conf > 1 ? 1 : r->conf;
	t.ref = r->want; /* stash the wanted kind until resolution */
	widen_name(sp->d, sp->used, &t);
	*st = push(sp->out, &t);
	if (r->state) {
		/* "Alexandria, La.": the state narrows the city down */
		add_country(sp->out, "US", 1.0);
		add_admin1(sp->out, r->state);
	}
	take(sp, r->k, r->span_end);
	size_t k = r->span_end +
	           (r->head && strcmp(r->head->s, "admin") == 0 && r->span_end == r->e ? r->hl : 0);
	/* the rest of an organisation's name is no place ("Jubo Dal") */
	for (; k < r->org_end; k++)
		sp->used[k] = 1;
	return k;
}

/* A name of l words at k that the gazetteer knows: its cues weighed.
 * Returns the token to go on from. */
static size_t spot_known(spotter *sp, size_t k, size_t l, const cues *c, im_status *st)
{
	const xt_doc *d = sp->d;
	size_t e = k + l, oe = 0;
	reading r = {.k = k,
	             .e = e,
	             .span_end = e,
	             .conf = 0.6,
	             .role = XR_PLACE,
	             .want = WANT_ANY,
	             .fl = c->fl};
	r.head = head_after(d, e, &r.hl);
	r.org = org_follows(d, e, &oe);
	r.org_end = r.org <= 1 ? org_rest(sp->cb, k, e) : e;
	if (r.org_end > e)
		r.org = 1;
	if (sp->persons && sp->persons[k] == 1 && !(r.fl & XP_LOCATIVE) && l < 2)
		return e; /* "Kurdish Security Council said": a weak person guess;
		           * not a name the gazetteer knows whole ("Tamil Nadu said") */
	/* "Palestine Street": a street named after a place, somewhere else */
	size_t he = 0;
	const xt_lex *rh = run_head(d, e, &he);
	if (rh && strcmp(rh->s, "street") == 0) {
		*st = add_topo(sp->out, k, he, XR_PLACE, r.fl | XP_UNKNOWN, 0.55);
		take(sp, k, he);
		return he;
	}
	read_what_follows(d, &r, rh, he);
	read_head(d, &r);
	read_site_after(sp, &r);
	read_cues(d, &r, c);
	weigh_doubts(sp, &r, c);
	if (r.conf < 0.3)
		return e;
	return push_known(sp, &r, st);
}

/* The capitalised word at k, the left-to-right pass: the longest of a
 * region or short country name (xt_world), a demonym, and a name the
 * gazetteer knows; then names with strong cues it does not know. Returns
 * the token to go on from. */
static size_t spot_at(spotter *sp, size_t k, im_status *st)
{
	const xt_doc *d = sp->d;
	const unsigned char *persons = sp->persons;
	if (sp->used[k] || !capword(d, k) || surname_again(sp, k))
		return k + 1;
	size_t l = longest_known(sp->cb, k, d->ntok, sp->used);
	/* "Thursday's bombings": a day is no place (Thursday Island);
	 * nor is a compass word before a name ("Northeast Georgia", which
	 * the name then spans), nor a town's own body without its name
	 * ("the City Council") */
	if ((l == 1 && weekday(d, k)) || (l == 1 && compass_before_name(d, k, sp->used)))
		return k + 1;
	if (bare_body(d, k))
		return k + 2;
	/* A given name and a surname, unless the gazetteer knows the pair
	 * as a place ("Beverly Hills", "Santa Barbara"). */
	if (persons && persons[k] == 3 && l < 2) {
		while (k < d->ntok && persons[k] == 3)
			k++;
		return k;
	}
	size_t next;
	if (spot_us_state(sp, k, &next, st) || spot_world_demonym(sp, k, l, &next, st))
		return next;
	cues c;
	c.fl = cue_before(d, k, &c.settlement, &c.province, &c.village);
	if ((c.settlement || c.village) && k >= 4 && xt_is(d, k - 1, "of"))
		demonym_of_cue(sp, k);
	c.initial = sentence_initial(d, k) || headline_case(d, k);
	/* "at Maraba Foron", "in Sabon Garin Yamdula": a known name that
	 * a longer one only starts may be a namesake of the whole, which
	 * the gazetteer lacks: believed only in a country the text is
	 * about, or as a place of weight (Maraba is no Marabá, Brazil,
	 * in a story of Plateau State; "Dubai Police" is Dubai) */
	if (l && !c.initial && name_goes_on(sp->g, d, k + l, sp->used))
		c.fl |= XP_PREFIX;
	if (!l)
		return spot_unknown(sp, k, &c, st);
	return spot_known(sp, k, l, &c, st);
}

/* All the toponyms of the text, in the order of the passes. */
static im_status spot_toponyms(spotter *sp, const xt_dateline *dl)
{
	skip_persons(sp);
	im_status st = spot_dateline(sp, dl);
	if (!st)
		st = spot_outlets(sp);
	if (!st)
		st = spot_actors(sp);
	mark_tribes(sp->d, sp->used);
	if (!st)
		st = spot_modifiers(sp);
	if (!st)
		st = spot_hyphen_parts(sp);
	for (size_t k = 0; !st && k < sp->d->ntok;)
		k = spot_at(sp, k, &st);
	/* "the Iraqi capital", "Yemen's capital", "the capital": the capital of
	 * a country, found once the countries of the text are known. */
	if (!st)
		st = spot_capitals(sp->d, sp->used, sp->out);
	return st;
}

/* ---- xt_toponyms: resolving and re-reading ------------------------------ */

/* What the resolution passes share: the toponyms spotted, each one's
 * wanted kind and first confidence, and the context of the text. */
typedef struct resolver {
	const im_gaz *g;
	const xt_doc *d;
	ctxbuf *cb;
	xt_topos *out;
	size_t nt;              /* the toponyms spotted (out->n may grow) */
	int *want;              /* the kind each wants; < 0: not resolved so */
	double *base;           /* each one's confidence as spotted */
	unsigned char *city_cc; /* 1: a city whose country may count; 2, 3: a
	                         * country named like a province or a town */
	im_gaz_ctx ctx;
} resolver;

/* Provinces held back by pass 1 until the countries are known. */
typedef struct heldset {
	size_t i[HELD_MAX], n;
	char cc[HELD_MAX][3];
	const char *id[HELD_MAX];
} heldset;

/* Pass 1 for the toponym i, resolved: what it says of the countries and
 * provinces of the text. */
static void count_first(resolver *rs, size_t i, heldset *h)
{
	xt_topos *out = rs->out;
	xt_topo *t = &out->v[i];
	double w = t->role == XR_DATELINE ? 0.3 : t->role == XR_EMBEDDED ? 0.3 : 0.9;
	int namesake = t->place.kind == IM_KIND_COUNTRY && t->role == XR_PLACE
	                   ? province_namesake(rs->g, rs->d, t)
	                   : 0;
	if (namesake) {
		/* "Georgia": the country, or the state? Decided below, once
		 * the other countries are known; it must not vouch for
		 * itself meanwhile */
		rs->city_cc[i] = (unsigned char)(1 + namesake);
	} else if (t->place.kind == IM_KIND_COUNTRY && t->role != XR_EMBEDDED)
		add_country(out, t->place.country, t->role == XR_DATELINE ? 0.4 : 1.0);
	else if (t->role == XR_DATELINE)
		add_country(out, t->place.country, 0.4); /* filed from there: a weak prior */
	else if (t->role == XR_PLACE && t->conf >= 0.6 &&
	         (t->place.kind == IM_KIND_CAPITAL || t->place.population >= 100000))
		/* a city of that country, named: below; not one that only a
		 * respelling found ("Mumbi" for Mumbai) */
		rs->city_cc[i] = !(t->flags & XP_RESPELT);
	else if (province_voter(t)) {
		/* a province of a country not yet known to the text: read
		 * again once all the countries it names are ("the Beni
		 * region of ... Congo"), so that it does not vouch for
		 * its own country meanwhile */
		if (h->n < HELD_MAX && im_gaz_ctx_weight(&rs->ctx, t->place.country) < 0.3) {
			h->i[h->n] = i;
			h->id[h->n] = t->place.id ? t->place.id : "";
			memcpy(h->cc[h->n++], t->place.country, 3);
		} else
			add_province(out, t, w);
	}
}

/* Pass 1: countries and provinces first. */
static void resolve_first(resolver *rs)
{
	heldset h;
	h.n = 0;
	fill_ctx(rs->out, &rs->ctx, 0);
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &rs->out->v[i];
		if (rs->want[i] < 0 || t->role == XR_DEMONYM)
			continue;
		t->conf = rs->base[i];
		if (resolve(rs->cb, t, &rs->ctx, rs->want[i]))
			count_first(rs, i, &h);
	}
	fill_ctx(rs->out, &rs->ctx, 0);
	reread_held(rs->cb, rs->out, &rs->ctx, h.i, h.cc, h.id, h.n, rs->base, rs->want);
}

/* The countries of the cities named, once the countries named outright
 * are known: a city abroad in a text that names other countries may be
 * a namesake ("Danan" in Yemen is not Da Nang), and must not vouch for
 * itself; a capital or a city of a million may. */
static void count_city_countries(resolver *rs)
{
	xt_topos *out = rs->out;
	int named = 0;
	for (size_t c = 0; c < out->ncc; c++)
		if (out->ccw[c] >= 0.9)
			named = 1;
	for (size_t i = 0; i < rs->nt; i++) {
		if (rs->city_cc[i] != 1)
			continue;
		const im_place *pl = &out->v[i].place;
		int listed = 0;
		for (size_t c = 0; c < out->ncc; c++)
			if (strcmp(out->cc[c], pl->country) == 0)
				listed = 1;
		if (!named || listed || pl->kind == IM_KIND_CAPITAL || pl->population >= 1000000)
			add_country(out, pl->country, 0.5);
	}
}

/* A place the text comes back to again and again is what it is about,
 * however it names other countries in passing ("Orange County" twelve
 * times, "Greece" once): its country counts as context. Only a place
 * of weight, or a name of several words, so that a person's surname
 * met three times does not make a country. */
static void count_recurring(resolver *rs)
{
	xt_topos *out = rs->out;
	size_t nt = rs->nt;
	for (size_t i = 0, tried = 0; i < nt && tried < 300; i++) {
		const xt_topo *t = &out->v[i];
		if (!t->resolved || t->role != XR_PLACE || t->country_only || !t->place.id ||
		    !t->place.country[0])
			continue;
		if (!(is_admin(t->place.kind) || t->place.population >= 100000 ||
		      t->t1 - t->t0 >= 2))
			continue;
		tried++; /* bounded work on a hostile text of 5,000 names */
		size_t times = 0;
		int first = 1;
		for (size_t j = 0; j < nt && times < 3; j++) {
			const xt_topo *u = &out->v[j];
			if (u->resolved && u->place.id && strcmp(u->place.id, t->place.id) == 0) {
				if (j < i)
					first = 0;
				times++;
			}
		}
		if (first && times >= 3)
			add_country(out, t->place.country, 0.6);
	}
}

/* Countries named like a province elsewhere, now that the others are
 * known: resolved again with them, then counted. */
static void reread_namesakes(resolver *rs)
{
	xt_topos *out = rs->out;
	fill_ctx(out, &rs->ctx, 0);
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &out->v[i];
		if (rs->city_cc[i] < 2)
			continue;
		xt_topo first = *t;
		t->conf = rs->base[i];
		t->resolved = 0;
		t->country_only = 0;
		t->flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
		int ok = resolve(rs->cb, t, &rs->ctx, rs->want[i]);
		/* a town's namesake only as the town in a province the text is
		 * about; else the country as first read ("China" stays China in
		 * a story that names Texas) */
		if (rs->city_cc[i] == 3 && !(ok && t->place.kind != IM_KIND_COUNTRY &&
		                             ctx_has_admin1(&rs->ctx, t->place.admin1))) {
			*t = first;
			ok = 1;
		}
		if (!ok)
			continue;
		if (t->place.kind == IM_KIND_COUNTRY)
			add_country(out, t->place.country, 1.0);
		else if (t->place.kind == IM_KIND_ADMIN1 && t->conf >= 0.6) {
			add_country(out, t->place.country, 0.72);
			add_admin1(out, t->place.admin1);
		}
	}
}

/* Demonyms and short country names to countries: the entry of their code. */
static void demonyms_to_countries(resolver *rs)
{
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &rs->out->v[i];
		if (t->role != XR_DEMONYM && !(rs->want[i] == -3 && !t->resolved))
			continue;
		const char *name = im_gaz_country_name(rs->g, t->place.country);
		if (!name)
			continue;
		im_gaz_cand c[8];
		size_t n = im_gaz_lookup(rs->g, name, strlen(name), NULL, c, 8);
		for (size_t j = 0; j < n && j < 8; j++)
			if (c[j].place.kind == IM_KIND_COUNTRY &&
			    strcmp(c[j].place.country, t->place.country) == 0) {
				t->place = c[j].place;
				t->resolved = 1;
				t->country_only = 1;
				t->flags |= XP_COUNTRY;
				break;
			}
	}
}

/* A capital phrase (want -4) to its capital: the country named with it,
 * else the one the text is most about. */
static void place_capital(resolver *rs, size_t i)
{
	const xt_topos *out = rs->out;
	xt_topo *t = &rs->out->v[i];
	const char *cc = t->place.country;
	const xt_topo *own = cc[0] ? NULL : capital_owner(out, i);
	if (own && own->place.kind != IM_KIND_COUNTRY) {
		/* "the Borno State capital": the province's seat */
		if (is_admin(own->place.kind) && im_gaz_seat_of(rs->g, &own->place, &t->place)) {
			t->resolved = 1;
			t->score = 2;
		}
		return;
	}
	if (own)
		cc = own->place.country;
	if (!cc[0]) {
		double bw = 0;
		for (size_t c = 0; c < out->ncc; c++)
			if (out->ccw[c] > bw) {
				bw = out->ccw[c];
				cc = out->cc[c];
			}
		if (bw < 0.5)
			return;
	}
	if (capital_of(rs->g, cc, &t->place)) {
		t->resolved = 1;
		t->score = 2;
	}
}

/* Pass 2: places, with the countries named as context. */
static void resolve_in_countries(resolver *rs)
{
	const im_gaz_ctx *ctx = &rs->ctx;
	fill_ctx(rs->out, &rs->ctx, 0);
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &rs->out->v[i];
		if (rs->want[i] < 0 || t->role == XR_DEMONYM)
			continue;
		if (t->resolved && (t->place.kind == IM_KIND_COUNTRY))
			continue;
		/* the countries named cannot overturn a wide margin, nor change a
		 * name with one candidate */
		if (t->resolved && t->margin >= 1.5) {
			int in_ctx = ctx->n_countries == 0;
			for (size_t c = 0; c < ctx->n_countries; c++)
				if (strcmp(ctx->countries[c], t->place.country) == 0)
					in_ctx = 1;
			if (in_ctx)
				continue;
		}
		t->resolved = 0;
		t->country_only = 0;
		t->flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
		t->conf = rs->base[i];
		resolve(rs->cb, t, &rs->ctx, rs->want[i]);
	}
}

/* "Mexico said", "Syria has": a country by its own name is one, even at
 * the start of a sentence; inside an organisation's name only a
 * well-known place counts ("Washington Post", not the village of "Fox
 * News"). */
static void weigh_own_names(resolver *rs)
{
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &rs->out->v[i];
		if (rs->want[i] < 0 || !t->resolved)
			continue;
		size_t nl;
		const char *nm = span_str(rs->d, t->t0, t->t1, &nl);
		int own = t->place.name && strlen(t->place.name) == nl &&
		          strncasecmp(t->place.name, nm, nl) == 0;
		if (own && t->place.kind == IM_KIND_COUNTRY && t->role == XR_PLACE && t->conf < 0.6)
			t->conf = 0.6;
		if (t->role == XR_EMBEDDED && !(t->flags & XP_BODY_OF) &&
		    !(t->place.kind <= IM_KIND_CITY || t->place.population >= 100000))
			t->conf = 0;
	}
}

/* The focus: where the confidently placed towns and cities cluster. */
static void find_focus(resolver *rs)
{
	xt_topos *out = rs->out;
	size_t nt = rs->nt;
	double bw = 0;
	size_t tried = 0, nb = nt < 3000 ? nt : 3000;
	/* the cosines of the latitudes, once a place, not at each pair */
	double *cosv = nb ? malloc(nb * sizeof *cosv) : NULL;
	for (size_t j = 0; cosv && j < nb; j++)
		cosv[j] = im_gaz_cos_lat(out->v[j].place.lat);
	for (size_t i = 0; i < nt && tried < 300; i++) {
		xt_topo *a = &out->v[i];
		if (!a->resolved || a->country_only || is_admin(a->place.kind) ||
		    a->role == XR_EMBEDDED || a->conf < 0.45)
			continue;
		tried++;
		double w = 0, ca = im_gaz_cos_lat(a->place.lat);
		for (size_t j = 0; j < nb; j++) {
			xt_topo *b = &out->v[j];
			if (!b->resolved || b->country_only || b->role == XR_EMBEDDED)
				continue;
			double cb = cosv ? cosv[j] : im_gaz_cos_lat(b->place.lat);
			double dk = im_gaz_dist_km_cos(a->place.lat, ca, a->place.lon, b->place.lat,
			                               cb, b->place.lon);
			w += b->conf * exp(-dk / 150.0) * (b->role == XR_DATELINE ? 0.5 : 1.0);
		}
		if (w > bw) {
			bw = w;
			out->has_focus = 1;
			out->focus_lat = a->place.lat;
			out->focus_lon = a->place.lon;
		}
	}
	free(cosv);
}

/* 1 when the toponym i, a clear winner, lies abroad and far from where
 * the text's places cluster: a world city ("Dublin") in a story whose
 * places are around its namesake in a country the text names (Dublin,
 * Ohio). */
static int far_abroad(const resolver *rs, const xt_topo *t)
{
	const im_gaz_ctx *ctx = &rs->ctx;
	double w = 0;
	for (size_t c = 0; c < ctx->n_countries; c++)
		if (strcmp(ctx->countries[c], t->place.country) == 0)
			w = ctx->country_w[c];
	return w < 0.6 && !is_admin(t->place.kind) &&
	       im_gaz_dist_km(t->place.lat, t->place.lon, rs->out->focus_lat, rs->out->focus_lon) >
	           300;
}

/* Pass 3 for the toponym i: read again near the focus. */
static void reread_near_focus(resolver *rs, size_t i)
{
	const im_gaz_ctx *ctx = &rs->ctx;
	const xt_topos *out = rs->out;
	xt_topo *t = &rs->out->v[i];
	/* A clear winner stays, unless it lies abroad and far */
	int abroad = 0;
	if (!(t->conf < rs->base[i] * 0.9)) {
		abroad = far_abroad(rs, t);
		if (!abroad)
			return;
	}
	xt_topo again = *t;
	again.conf = rs->base[i];
	again.flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
	if (!resolve(rs->cb, &again, &rs->ctx, rs->want[i]))
		return;
	/* The focus may only break near-ties: a clear winner stays,
	 * and so does a country or province called by its own name. */
	size_t nl;
	const char *nm = span_str(rs->d, t->t0, t->t1, &nl);
	int own = t->place.name && strlen(t->place.name) == nl &&
	          strncasecmp(t->place.name, nm, nl) == 0 &&
	          (is_admin(t->place.kind) || t->place.kind == IM_KIND_COUNTRY);
	int near_home = 0;
	if (abroad) {
		for (size_t c = 0; c < ctx->n_countries; c++)
			if (strcmp(ctx->countries[c], again.place.country) == 0 &&
			    ctx->country_w[c] >= 0.3)
				near_home = im_gaz_dist_km(again.place.lat, again.place.lon,
				                           out->focus_lat, out->focus_lon) < 100;
	}
	if (strcmp(again.place.id, t->place.id) != 0 && !own &&
	    (abroad ? near_home : t->conf < rs->base[i] * 0.9))
		*t = again;
}

/* Pass 3: ambiguous names again, near the focus. */
static void resolve_near_focus(resolver *rs)
{
	if (!rs->out->has_focus)
		return;
	fill_ctx(rs->out, &rs->ctx, 1);
	for (size_t i = 0; i < rs->nt; i++) {
		const xt_topo *t = &rs->out->v[i];
		if (rs->want[i] < 0 || t->role == XR_DEMONYM || !t->resolved || t->country_only)
			continue;
		reread_near_focus(rs, i);
	}
}

/* Facilities named after a person or a far small town: "Carnegie
 * Library", "Karl Bremer Hospital", "Rogers Centre" are in the story's
 * city, not at a village called Carnegie. A small place far from where
 * the story's places cluster is taken for a person's name; the facility
 * is then placed as an unknown name (below). */
static void unplace_far_facilities(resolver *rs)
{
	xt_topos *out = rs->out;
	if (!out->has_focus)
		return;
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &out->v[i];
		if (!(t->flags & XP_FACILITY) || !t->resolved || t->country_only ||
		    t->role != XR_PLACE)
			continue;
		im_kind k = t->place.kind;
		int small = (k == IM_KIND_TOWN || k == IM_KIND_VILLAGE ||
		             k == IM_KIND_NEIGHBOURHOOD || k == IM_KIND_ADMIN_SEAT ||
		             k == IM_KIND_SITE || k == IM_KIND_OTHER || k == IM_KIND_CITY) &&
		            t->place.population < 100000;
		if (small && im_gaz_dist_km(t->place.lat, t->place.lon, out->focus_lat,
		                            out->focus_lon) > 300) {
			t->resolved = 0;
			t->flags |= XP_UNKNOWN;
			t->flags &= ~(unsigned)XP_PROVINCE;
			t->ref = -1;
			t->nlen = 0;
		}
	}
}

/* "20 km north of X" moves the point: the distance and bearing before
 * each placed name. */
static void apply_offsets(resolver *rs)
{
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &rs->out->v[i];
		double km, brg;
		if (t->resolved && !t->country_only && distance_before(rs->d, t->t0, &km, &brg)) {
			t->off_km = km;
			t->flags |= XP_RELATIVE;
			if (km <= 100 && brg >= 0) {
				double r = km / 6371.0088, b = brg * M_PI / 180;
				double la = t->place.lat * M_PI / 180,
				       lo = t->place.lon * M_PI / 180;
				double la2 = asin(sin(la) * cos(r) + cos(la) * sin(r) * cos(b));
				double lo2 = lo + atan2(sin(b) * sin(r) * cos(la),
				                        cos(r) - sin(la) * sin(la2));
				t->has_off = 1;
				t->olat = la2 * 180 / M_PI;
				t->olon = lo2 * 180 / M_PI;
			}
		} else {
			t->off_km = -1;
		}
	}
}

/* How far the toponym may lie from its reference rt: a district lies
 * within a city, a village within its district or province; "north of X"
 * may be far. */
static double ref_limit(int part, const xt_topo *rt)
{
	im_kind rk = rt->place.kind;
	return part && (rk == IM_KIND_ADMIN1 || rk == IM_KIND_REGION) ? 300
	       : part && rk == IM_KIND_ADMIN2                         ? 80
	       : part                                                 ? 40
	       : rt->off_km > 0                                       ? rt->off_km + 40
	                                                              : 300;
}

/* The toponym i, resolved, against its reference r (found by find_ref,
 * part its kind) at most lim km away: kept, moved to a namesake near
 * the reference, or left unknown with only the reference placed. area:
 * a district that holds the town before it. */
static void place_near_ref(resolver *rs, size_t i, int r, int part, double lim, int area)
{
	xt_topo *t = &rs->out->v[i];
	const xt_topo *rt = &rs->out->v[r];
	/* "Um Keddada locality in North Darfur": a place of the province
	 * named lies in it, however far from the province's point */
	if (part == 2 && rt->place.kind == IM_KIND_ADMIN1 && in_province(&t->place, &rt->place)) {
		confirm_in(t, r);
		return;
	}
	double dk = im_gaz_dist_km(t->place.lat, t->place.lon, rt->place.lat, rt->place.lon);
	/* within a district or a town: of the namesakes there, the
	 * nearest ("Ejule in Ofu Local Government": Kogi has two) */
	if (dk <= lim && lim > 80) {
		if (near_enough(part, rt, dk))
			confirm_in(t, r);
		return;
	}
	/* a namesake near the reference? */
	im_gaz_ctx near;
	fill_ctx(rs->out, &near, 0);
	near.has_near = 1;
	near.near_lat = rt->place.lat;
	near.near_lon = rt->place.lon;
	xt_topo again = *t;
	again.conf = rs->base[i];
	again.flags &= ~(unsigned)(XP_PROVINCE | XP_COUNTRY);
	if (resolve_near(rs->cb, &again, &near, lim)) {
		double conf = t->conf;
		*t = again;
		if (dk <= lim)
			t->conf = conf; /* only the namesake changes */
		if (near_enough(
		        part, rt,
		        im_gaz_dist_km(t->place.lat, t->place.lon, rt->place.lat, rt->place.lon)))
			confirm_in(t, r);
		return;
	}
	if (dk <= lim && !area && near_enough(part, rt, dk))
		confirm_in(t, r);
	/* "the Ali Nagar village of the Mohammad district": when the
	 * district is not found near it, it is the district's name that
	 * was misread, not the village's */
	if (dk <= lim || area || part == 4)
		return;
	/* only the reference is known */
	t->flags |= XP_UNKNOWN;
	t->ref = r;
	t->resolved = 0;
}

/* References: "Anbakiya, a village north of Baquba", "the Qahira area of
 * north Baghdad", "the capital's Qahira neighbourhood": the name must lie
 * near its reference, else it is a namesake and only the reference is
 * known. */
static void read_reference(resolver *rs, size_t i)
{
	const xt_doc *d = rs->d;
	xt_topo *t = &rs->out->v[i];
	int part = 0;
	int r = find_ref(d, rs->out, i, &part);
	if (part == 5 && r >= 0 && rs->out->v[r].resolved) {
		in_country(rs->cb, rs->out, t, r, rs->base[i]);
		return;
	}
	if (r < 0 || !rs->out->v[r].resolved || rs->out->v[r].country_only)
		return;
	const xt_topo *rt = &rs->out->v[r];
	/* "in Baghdad's heavily fortified Green Zone": the quarter is
	 * where the "in" points */
	if (part && rt->t1 < t->t0 && (d->tok[rt->t1].f & XT_POSS) && (rt->flags & XP_LOCATIVE) &&
	    !(t->flags & XP_LOCATIVE)) {
		t->flags |= XP_LOCATIVE;
		t->conf = t->conf + 0.25 > 1 ? 1 : t->conf + 0.25;
	}
	double lim = ref_limit(part, rt);
	/* "Zarqa in Telkef district", "the village of X of the Arhab
	 * district": a district the gazetteer knows holds the town
	 * before it rather than lying in it; a namesake near that town
	 * is taken, else the district stays what it is */
	int area = part == 3 && t->resolved &&
	           (t->place.kind == IM_KIND_ADMIN2 || t->place.kind == IM_KIND_ADMIN1);
	if (area)
		lim = 80;
	if (t->flags & XP_UNKNOWN) {
		t->ref = r;
		return; /* placed below */
	}
	if (t->resolved)
		place_near_ref(rs, i, r, part, lim, area);
}

static void read_references(resolver *rs)
{
	for (size_t i = 0; i < rs->nt; i++) {
		const xt_topo *t = &rs->out->v[i];
		if (t->role != XR_PLACE || t->country_only || rs->want[i] == -4)
			continue;
		read_reference(rs, i);
	}
}

/* The place an unknown name i is in: its reference, a relative place
 * right after it, the city whose possession it is, or the last city
 * placed nearby; -1 when none. */
static int unknown_ref(const resolver *rs, size_t i)
{
	const xt_doc *d = rs->d;
	const xt_topos *out = rs->out;
	const xt_topo *t = &out->v[i];
	size_t nt = rs->nt;
	int ref = t->ref >= 0 && (size_t)t->ref < nt && out->v[t->ref].resolved ? t->ref : -1;
	size_t s = d->tok[t->t0].sent;
	/* "the village of Lheban northwest of Kirkuk": a relative place
	 * right after it in the sentence */
	for (size_t j = i + 1; j < nt; j++) {
		const xt_topo *r = &out->v[j];
		if (d->tok[r->t0].sent != s || r->t0 > t->t1 + 6)
			break;
		if (r->resolved && !r->country_only && (r->flags & XP_RELATIVE) &&
		    r->role == XR_PLACE) {
			ref = (int)j;
			break;
		}
	}
	/* "in Baghdad's Palestine Street", "the city's Al-Samoud
	 * Intersection": the city named just before */
	size_t pq = t->t0;
	while (pq > 0 && (d->tok[pq - 1].f & XT_QUOTE))
		pq--;
	if (ref < 0 && pq >= 2 && (d->tok[pq - 1].f & XT_POSS)) {
		for (size_t j = i; j-- > 0;) {
			const xt_topo *r = &out->v[j];
			if (r->t1 == pq - 1 && r->resolved) {
				ref = (int)j;
				break;
			}
			if (xt_is(d, pq - 2, "city") || xt_is(d, pq - 2, "town")) {
				/* the last settlement placed before it */
				if (r->resolved && !r->country_only && !is_admin(r->place.kind) &&
				    r->role == XR_PLACE) {
					ref = (int)j;
					break;
				}
			}
		}
	}
	/* "X Street" and friends: the last city placed in the sentence or
	 * the one before */
	if (ref < 0) {
		for (size_t j = i; j-- > 0;) {
			const xt_topo *r = &out->v[j];
			if (d->tok[r->t0].sent + 1 < s)
				break;
			if (r->resolved && !r->country_only && !is_admin(r->place.kind) &&
			    r->role == XR_PLACE && !(r->flags & XP_UNKNOWN)) {
				ref = (int)j;
				break;
			}
		}
		/* a bare capitalised name is only a guess */
		if (ref >= 0 && !(t->conf >= 0.5))
			ref = -1;
	}
	return ref;
}

/* Unknown names: at their reference place, or at the focus. */
static void place_unknowns(resolver *rs)
{
	xt_topos *out = rs->out;
	for (size_t i = 0; i < rs->nt; i++) {
		xt_topo *t = &out->v[i];
		if (!(t->flags & XP_UNKNOWN))
			continue;
		int ref = unknown_ref(rs, i);
		if (ref >= 0) {
			t->ref = ref;
			t->place = out->v[ref].place;
			t->has_off = out->v[ref].has_off;
			t->olat = out->v[ref].olat;
			t->olon = out->v[ref].olon;
			t->resolved = 1;
			t->flags |= XP_RELATIVE;
			t->flags &= ~(unsigned)XP_PROVINCE;
			if (out->v[ref].flags & XP_PROVINCE)
				t->flags |= XP_PROVINCE;
			t->conf *= out->v[ref].conf > 0.5 ? out->v[ref].conf : 0.5;
		} else if (out->has_focus) {
			t->flags |= XP_FOCUS;
			t->place.lat = out->focus_lat;
			t->place.lon = out->focus_lon;
			t->place.id = "";
			t->place.name = "";
			t->place.admin1 = "";
			t->conf *= 0.3;
		}
	}
}

/* Each toponym spotted to a place, in three passes (countries and
 * provinces, places in the countries named, ambiguous names near the
 * focus), then the references and the unknown names. */
static void resolve_toponyms(resolver *rs)
{
	xt_topos *out = rs->out;
	size_t nt = rs->nt;
	for (size_t i = 0; i < nt; i++)
		rs->base[i] = out->v[i].conf;
	for (size_t i = 0; i < nt; i++) {
		xt_topo *t = &out->v[i];
		rs->want[i] = t->ref == -3 || t->ref == -4 ? t->ref
		              : t->role == XR_DEMONYM      ? WANT_COUNTRY
		              : (t->flags & XP_UNKNOWN)    ? -1
		                                           : t->ref;
		t->ref = -1;
	}
	resolve_first(rs);
	count_city_countries(rs);
	/* Places that agree: when no country is named outright, two or more
	 * different places resolved in one country, and more than in any
	 * other, say the text is about it ("Wala village, Gwoza, Borno" is
	 * Nigeria's, not New Caledonia's Wala): a weight that lets that
	 * country's villages be candidates (the gazetteer's detail places). */
	agree_country(out, nt, rs->want);
	agree_admin1(out, nt, rs->want);
	agree_detail(rs->cb, out, nt, rs->want);
	agree_provinces(rs->cb, out, nt, rs->want);
	count_recurring(rs);
	reread_namesakes(rs);
	demonyms_to_countries(rs);
	for (size_t i = 0; i < nt; i++)
		if (rs->want[i] == -4)
			place_capital(rs, i);
	resolve_in_countries(rs);
	weigh_own_names(rs);
	drop_far_from_area(rs->d, out, nt, rs->want);
	agree_county_town(rs->cb, out, nt, rs->want, rs->base, &rs->ctx);
	find_focus(rs);
	resolve_near_focus(rs);
	far_from_home(out, nt);
	unplace_far_facilities(rs);
	apply_offsets(rs);
	read_references(rs);
	place_unknowns(rs);
	drop_employers(out);
	drop_detail_misses(rs->g, rs->d, out);
}

im_status xt_toponyms(const im_gaz *g, const xt_doc *d, const xt_dateline *dl,
                      const unsigned char *persons, const im_extract_opts *o, xt_topos *out)
{
	memset(out, 0, sizeof *out);
	if (!d->ntok)
		return IM_OK;
	/* `--focus`: the countries the reports are about, a prior a little
	 * stronger than a dateline's */
	for (size_t i = 0; o && i < o->n_focus && i < IM_MAX_FOCUS; i++)
		add_country(out, o->focus[i], 0.45);
	ctxbuf *cb = malloc(sizeof *cb);
	unsigned char *used = calloc(d->ntok, 1);
	if (!cb || !used) {
		free(cb);
		free(used);
		return IM_E_NOMEM;
	}
	cb->g = g;
	cb->d = d;
	cb->ncache = 0;
	memset(cb->slot, 0, sizeof cb->slot);
	spotter sp = {.g = g, .d = d, .persons = persons, .cb = cb, .used = used, .out = out};
	im_status st = spot_toponyms(&sp, dl);
	if (!st) {
		/* In text order, so that the passes below can look at one
		 * sentence's names (xt_topos_at). */
		if (out->n > 1)
			qsort(out->v, out->n, sizeof *out->v, cmp_topo);
		share_townsfolk(d, out);
		size_t nt = out->n;
		resolver rs = {.g = g, .d = d, .cb = cb, .out = out, .nt = nt};
		rs.want = malloc((nt ? nt : 1) * sizeof *rs.want);
		rs.base = malloc((nt ? nt : 1) * sizeof *rs.base);
		rs.city_cc = calloc(nt ? nt : 1, 1);
		if (rs.want && rs.base && rs.city_cc)
			resolve_toponyms(&rs);
		else
			st = IM_E_NOMEM;
		free(rs.want);
		free(rs.base);
		free(rs.city_cc);
	}
	free(cb);
	free(used);
	if (st)
		xt_topos_free(out);
	return st;
}
