/* extract.c: articles -> incidents. Reads each sentence for event triggers,
 * dates, casualty figures, actors and the place its event happened at;
 * groups the sentences that tell the same event (an anaphor like "the
 * blast", the same place and day) into one incident, starts a new one when
 * another event comes up (another day, another place, another kind), and
 * drops background without a place. See docs/extraction.md. */
#include "extract_int.h"
#include "../core/buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TRIG 24
#define MAX_WHEN 8
#define MAX_FIG 16
#define MAX_ACT 8
#define MAX_INC_SENTS 12
#define MAX_INCIDENTS 64 /* per article: past it, the rest is ignored */
#define NOTES_MAX 1200
#define MAX_EVENT_SENTS 2000 /* per article: past it, the rest is ignored */

/* What one sentence says. Only the sentences that tell of an event are
 * kept (at most MAX_EVENT_SENTS an article). */
typedef struct sinfo {
	size_t sent;   /* its index among the document's sentences */
	size_t t0, t1; /* tokens analysed (the dateline cut off) */
	xt_trig trig[MAX_TRIG];
	size_t ntrig;
	xt_when when[MAX_WHEN];
	size_t nwhen;
	xt_fig fig[MAX_FIG];
	size_t nfig;
	int place;      /* topo index of the event's place, -1 */
	int date;       /* index in when[] of the event's date, -1 */
	int journey;    /* an end of a journey it names (topo), -1 */
	int anaphor;    /* refers back to an event told before */
	int locates;    /* only says where the event told before happened */
	int claim;      /* a claim of responsibility: its date is the claim's */
	int strong;     /* names an event of its own */
	int event;      /* takes part in an incident */
	xe_kind kind;   /* its own triggers' kind */
	xe_kind gkind;  /* the same before a bare killing is called an attack: for grouping */
} sinfo;

/* grp.inherited: the place of a sentence next to the incident's, or an
 * end of the journey its sentences tell */
#define NEIGHBOUR_PLACE 2
/* grp.inherited: the one place the report names, in no event sentence */
#define REPORT_PLACE 3

/* An incident being assembled. */
typedef struct group_t {
	size_t sent[MAX_INC_SENTS];
	size_t ns;
	int place;      /* topo index, -1 */
	int date_s;     /* sentence and when index of its date, -1 */
	int date_w;
	xe_kind kind;
	int inherited; /* its place is the incident's told just before (no place of its own),
	                * or NEIGHBOUR_PLACE: the sentence's next to it */
} grp;

typedef struct job {
	const im_gaz *g;
	const im_article *a;
	xt_doc d;
	xt_dateline dl;
	unsigned char *persons;
	xt_topos tp;
	sinfo *si;      /* the event sentences, in text order */
	size_t nsi;
	im_date anchor;
	grp incs[MAX_INCIDENTS];
	size_t ninc;
	size_t ndropped; /* incidents past MAX_INCIDENTS, reported */
	char text_hash[20]; /* im_text_hash of the text ("": not yet), made once for
	                     * all its incidents */
} job;

/* ---- helpers ------------------------------------------------------------------- */

/* A part of a town: a quarter or a site. */
static int is_sub_kind(im_kind k)
{
	return k == IM_KIND_NEIGHBOURHOOD || k == IM_KIND_SITE;
}

/* 1 the place itself, 2 near it or part of it, 3 its province. */
static int geo_precision(const xt_topo *t)
{
	if (t->flags & XP_PROVINCE)
		return 3;
	if (t->flags & XP_RELATIVE)
		return 2;
	/* "Damascus airport": a site of the town, not the site itself */
	if ((t->flags & XP_SITE_OF) && !is_sub_kind(t->place.kind))
		return 2;
	return 1;
}

static int family(xe_kind k)
{
	switch (k) {
	case XE_SUICIDE:
	case XE_AIR:
	case XE_SHELL:
	case XE_GRENADE:
	case XE_IED:
		return 1;
	case XE_PROTEST:
	case XE_RIOT:
	case XE_MOB:
	case XE_EXCESSIVE:
	case XE_INTERVENED:
		return 3;
	case XE_KILLING:
	case XE_ATTACKWORD:
	case XE_NONE:
	/* an arrest or looting told with a violent event is part of its story */
	case XE_ARREST:
	case XE_LOOT:
	case XE_HQ:
		return 0; /* fits anything */
	default:
		return 2;
	}
}

static int kinds_fit(xe_kind a, xe_kind b)
{
	int fa = family(a), fb = family(b);
	if (!fa || !fb || fa == fb)
		return 1;
	/* gunfire after a blast, a shooting at a protest: one event */
	return (fa == 1 && fb == 2) || (fa == 2 && fb == 1) || (fa == 3 && fb == 2) ||
	       (fa == 2 && fb == 3);
}

/* Where a statement was made: "told a news conference in Algiers", "said
 * in Kabul", "sent to AFP in Dakar" (a word of speaking or its audience
 * right before "in"/"at"), "the health ministry in Sanaa said" (a speaking
 * body before it and a verb of speaking right after the place). What was
 * said ("said the bombing in Samarra killed 17") is not one, nor "Police
 * in Karachi said": the police are where it happened. */
static int speaker_place(const xt_doc *d, const xt_topo *t)
{
	size_t s0 = d->sent[d->tok[t->t0].sent].t0, p = t->t0;
	if (p > s0 && xt_is(d, p - 1, "the"))
		p--;
	if (p < s0 + 2 || !(xt_is(d, p - 1, "in") || xt_is(d, p - 1, "at")))
		return 0;
	p--;
	uint32_t before = xt_lex_groups(&xt_placecues, d, p - 1);
	if (before & XG(XQ_SPEAKING))
		return 1;
	return (before & XG(XQ_SPEAKER)) && t->t1 < d->ntok &&
	       (xt_lex_in(&xt_placecues, d, t->t1, XQ_SAYS) ||
	        (t->t1 + 1 < d->ntok && xt_is(d, t->t1, ",") &&
	         xt_lex_in(&xt_placecues, d, t->t1 + 1, XQ_SAYS)));
}

/* A hospital or a morgue: where the wounded and the dead are taken. */
static int care_place(const xt_doc *d, size_t k)
{
	return xt_is(d, k, "hospital") || xt_is(d, k, "hospitals") || xt_is(d, k, "morgue");
}

/* 1 when the hospital or morgue at k is itself where it happened: "a car
 * bomb exploded at a hospital in X", "opened fire outside a morgue in X",
 * "attacked a hospital in X" (a word of place or of attack right before
 * it), not "taken to a hospital in X", "died in hospital in X". */
static int struck_place(const xt_doc *d, size_t s0, size_t k)
{
	static const char *const at[] = {"at", "outside", "near", "on", "inside", NULL};
	for (size_t b = k, hops = 0; b > s0 && hops < 3; hops++) {
		b--;
		if (xt_is(d, b, "to") || xt_is(d, b, "in"))
			return 0;
		if (xt_is_any(d, b, at) || xt_lex_in(&xt_placecues, d, b, XQ_STRUCK))
			return 1;
	}
	return 0;
}

/* 1 when topo t is an end of a journey the sentence tells ("buses
 * travelling from the city of Quetta to Karachi", "a bus en route from
 * Nyala to Zalingei", "pilgrims on their way to Najaf", "a convoy bound
 * for Bentiu"): where the travellers came from or went, not where they
 * were struck. */
static int journey_end(const xt_doc *d, const xt_topo *t)
{
	size_t s0 = d->sent[d->tok[t->t0].sent].t0, p = t->t0;
	int prep = 0;
	static const char *const other[] = {"in",     "at", "near", "around", "outside",
	                                    "inside", "on", "by",   NULL};
	for (size_t hops = 0; p > s0 && hops < 6 && !prep; hops++) {
		p--;
		prep = xt_is(d, p, "from") || xt_is(d, p, "to") || xt_is(d, p, "for");
		if (!prep && (!(d->tok[p].f & XT_WORD) || xt_is_any(d, p, other)))
			return 0;
	}
	for (size_t q = p, hops = 0; prep && q > s0 && hops < 10; hops++)
		if (xt_lex_in(&xt_placecues, d, --q, XQ_JOURNEY))
			return 1;
	return 0;
}

/* Places that are where someone was taken, or a government speaking
 * ("Ankara did not comment"), or where a statement was made, are not where
 * the event happened. */
static int not_event_place(const job *j, const xt_topo *t)
{
	if (speaker_place(&j->d, t))
		return 1;
	const xt_doc *d = &j->d;
	size_t s0 = d->sent[d->tok[t->t0].sent].t0;
	for (size_t b = t->t0, hops = 0; b > s0 && hops < 5; hops++) {
		b--;
		if (xt_lex_in(&xt_placecues, d, b, XQ_MOVED) ||
		    (care_place(d, b) && !struck_place(d, s0, b)))
			return 1;
	}
	size_t e = t->t1;
	/* "Police in Karachi said": the speakers are in the place, which is
	 * not the one speaking */
	int located = t->t0 > s0 && (xt_is(d, t->t0 - 1, "in") || xt_is(d, t->t0 - 1, "at"));
	if (e < d->ntok && !located) {
		if (xt_lex_in(&xt_placecues, d, e, XQ_STATEMENT))
			return 1;
	}
	return 0;
}

/* 1 when topo a is a quarter or a site within 25 km of topo b, a town or
 * city named in its own right (not a province, not "near X"). */
static int is_part_of(const job *j, int a, int b)
{
	const xt_topo *ta = &j->tp.v[a], *tb = &j->tp.v[b];
	if (!is_sub_kind(ta->place.kind) || is_sub_kind(tb->place.kind))
		return 0;
	/* the quarter may be "near" or "the X district" (relative): it is
	 * still finer than the town */
	if (((ta->flags | tb->flags) & XP_PROVINCE) || (tb->flags & XP_RELATIVE))
		return 0;
	if (ta->place.country[0] && tb->place.country[0] &&
	    strcmp(ta->place.country, tb->place.country) != 0)
		return 0;
	return im_gaz_dist_km(ta->place.lat, ta->place.lon, tb->place.lat, tb->place.lon) <= 25;
}

/* What topo i costs for being far from the triggers of sentence s, or in
 * a clause about something else ("as pilgrims thronged the shrine city of
 * X"). */
static double trigger_cost(const job *j, const sinfo *s, size_t i)
{
	const xt_doc *d = &j->d;
	const xt_topo *t = &j->tp.v[i];
	double cost = 0;
	size_t dmin = 1000;
	for (size_t q = 0; q < s->ntrig; q++) {
		const xt_trig *tr = &s->trig[q];
		size_t dd = tr->t0 > t->t0 ? tr->t0 - t->t0 : t->t0 - tr->t1;
		if (dd < dmin)
			dmin = dd;
		size_t lo = tr->t1 < t->t0 ? tr->t1 : t->t1;
		size_t hi = tr->t1 < t->t0 ? t->t0 : tr->t0;
		for (size_t m = lo; m < hi; m++)
			if (xt_is(d, m, "as") || xt_is(d, m, "while") || xt_is(d, m, "amid") ||
			    xt_is(d, m, "whereas") || xt_is(d, m, ";")) {
				cost += 0.35;
				break;
			}
	}
	return cost + (dmin > 20 ? 0.4 : 0.02 * (double)dmin);
}

/* 1 when relative topo i of sentence s only orients the reader: "the town
 * of Tarmiyah, 50 kilometres north of Baghdad" is the town, placed by the
 * text itself. */
static int orients_only(const job *j, const sinfo *s, size_t i)
{
	const xt_doc *d = &j->d;
	const xt_topo *t = &j->tp.v[i];
	if (!(t->flags & XP_RELATIVE) ||
	    (!(t->off_km > 0) &&
	     !(t->t0 >= 2 && xt_is(d, t->t0 - 1, "of") && xt_compass(d, t->t0 - 2))))
		return 0;
	for (size_t x = xt_topos_at(&j->tp, s->t0); x < i; x++) {
		const xt_topo *tx = &j->tp.v[x];
		/* "X, 50 km north of Y", "X town, south of Y", "X, located 130
		 * kilometres (80 miles) north of the capital Y" */
		size_t c = tx->t1 + 1 < t->t0 && xt_lex_in(&xt_placecues, d, tx->t1, XQ_SETTLEMENT)
		               ? tx->t1 + 1
		               : tx->t1;
		if (!tx->resolved || (tx->flags & XP_UNKNOWN) || tx->role != XR_PLACE ||
		    tx->country_only || tx->t1 >= t->t0 || t->t0 - tx->t1 > 14 || !xt_is(d, c, ","))
			continue;
		for (size_t m = tx->t1; m < t->t0; m++)
			if (xt_is(d, m, "of") || xt_is(d, m, "from"))
				return 1;
		return 0;
	}
	return 0;
}

/* 1 when topo t says where people came from ("militants from Ebonyi
 * State", "youth from Bambari", "herdsmen from the neighbouring state of
 * X"): the attackers' home, not where they struck, when the sentence
 * names another place. */
static int people_from(const xt_doc *d, const xt_topo *t)
{
	size_t s0 = d->sent[d->tok[t->t0].sent].t0, p = t->t0;
	for (size_t hops = 0; p > s0 && hops < 4; hops++) {
		p--;
		if (xt_is(d, p, "from"))
			return p > s0 && xt_lex_in(&xt_placecues, d, p - 1, XQ_PEOPLE);
		if (!(d->tok[p].f & XT_WORD) || !(d->tok[p].f & (XT_LOWER | XT_CAP)))
			return 0;
	}
	return 0;
}

/* 1 when topo i names an institution or a site that the text then says
 * is in a town ("the Obafemi Awolowo University, Ile-Ife", "Kibutio Mixed
 * Secondary School, Mukurwe-ini"): it was named after a person or another
 * place; the town is where it stands. */
static int named_after(const job *j, size_t i)
{
	const xt_topo *t = &j->tp.v[i];
	if (!(t->flags & XP_FACILITY) || i + 1 >= j->tp.n || !xt_is(&j->d, t->t1, ","))
		return 0;
	const xt_topo *n = &j->tp.v[i + 1];
	return n->t0 == t->t1 + 1 && n->role == XR_PLACE && n->resolved && !n->country_only &&
	       !(n->flags & XP_PROVINCE);
}

/* 1 when unknown topo t is placed at an area sentence s names: "the
 * village of Albu Hayat in Tuz Khurmatu district" is where it happened
 * (near that place, geo_precision 2); "the Al-Salam mosque in Baquba" is
 * Baquba itself. */
static int unknown_in_area(const job *j, const sinfo *s, const xt_topo *t)
{
	if (!(t->flags & XP_UNKNOWN) || t->ref < 0 || (size_t)t->ref >= j->tp.n)
		return 0;
	const xt_topo *rt = &j->tp.v[t->ref];
	if (rt->t0 < s->t0 || rt->t0 >= s->t1)
		return 0;
	return (rt->flags & XP_PROVINCE) ||
	       (rt->t1 < j->d.ntok && xt_lex_in(&xt_placecues, &j->d, rt->t1, XQ_AREA));
}

/* How well topo i places the event sentence s tells (near its triggers, in
 * a clause about it, as precise as can be); NO_PLACE when it cannot. */
#define NO_PLACE (-1e9)
static double place_score(const job *j, const sinfo *s, size_t i)
{
	const xt_topo *t = &j->tp.v[i];
	if (t->role != XR_PLACE || !t->resolved || (t->flags & XP_FOCUS) || t->country_only)
		return NO_PLACE;
	if (t->conf < 0.3 || not_event_place(j, t) || journey_end(&j->d, t))
		return NO_PLACE;
	double sc = t->conf;
	if (t->flags & XP_LOCATIVE)
		sc += 0.3;
	im_kind k = t->place.kind;
	if (t->flags & XP_PROVINCE)
		sc -= k == IM_KIND_ADMIN2 ? 0.15 : 0.25; /* a district is finer */
	else if (k == IM_KIND_NEIGHBOURHOOD || k == IM_KIND_SITE || k == IM_KIND_TOWN ||
	         k == IM_KIND_VILLAGE)
		sc += 0.3;
	else
		sc += 0.2;
	if (t->flags & XP_RELATIVE)
		sc -= 0.1;
	/* "175 km from the capital" only orients the reader */
	if (t->off_km > 100)
		sc -= 0.6;
	if (orients_only(j, s, i) || named_after(j, i))
		sc -= 1.0;
	if (people_from(&j->d, t))
		sc -= 0.6;
	sc -= trigger_cost(j, s, i);
	if (unknown_in_area(j, s, t))
		sc += 0.3;
	return sc;
}

/* 1 when topo a, a district the gazetteer files under province b ("a U.N.
 * base in Akobo, in the east of Jonglei state", "the rural district of
 * Gujba" with "Yobe State"): the finer area. */
static int district_in(const xt_topo *ta, const xt_topo *tb)
{
	return ta->place.kind == IM_KIND_ADMIN2 && tb->place.kind == IM_KIND_ADMIN1 &&
	       !ta->country_only && ta->place.admin1[0] &&
	       strcmp(ta->place.country, tb->place.country) == 0 &&
	       strcasecmp(ta->place.admin1, tb->place.admin1) == 0;
}

/* 1 when topo a, a town, a village, a quarter or a site, lies in topo b,
 * an area (a province by its name, a district or a region by distance);
 * or a is a district of province b. */
static int lies_in(const job *j, int a, int b)
{
	const xt_topo *ta = &j->tp.v[a], *tb = &j->tp.v[b];
	im_kind k = ta->place.kind;
	if ((tb->flags & XP_PROVINCE) && district_in(ta, tb))
		return 1;
	if ((ta->flags & XP_PROVINCE) || !(tb->flags & XP_PROVINCE) || k == IM_KIND_COUNTRY ||
	    k == IM_KIND_REGION || k == IM_KIND_ADMIN1 || k == IM_KIND_ADMIN2 ||
	    k == IM_KIND_OTHER || strcmp(ta->place.country, tb->place.country) != 0)
		return 0;
	if (tb->place.kind == IM_KIND_ADMIN1)
		return ta->place.admin1[0] && strcasecmp(ta->place.admin1, tb->place.admin1) == 0;
	double km = im_gaz_dist_km(ta->place.lat, ta->place.lon, tb->place.lat, tb->place.lon);
	return km <= (tb->place.kind == IM_KIND_ADMIN2 ? 80 : 300);
}

/* "the commercial centre of Adamawa State, Mubi", "Bama in Borno State":
 * a town the sentence names inside the province it names is where it
 * happened, the finer answer; -1 when there is none. */
static int finer_inside(const job *j, const sinfo *s, int area)
{
	int best = -1;
	double bs = NO_PLACE;
	for (size_t i = xt_topos_at(&j->tp, s->t0); i < j->tp.n; i++) {
		if (j->tp.v[i].t0 >= s->t1)
			break;
		if ((int)i == area || !lies_in(j, (int)i, area))
			continue;
		double sc = place_score(j, s, i);
		if (sc > bs) {
			bs = sc;
			best = (int)i;
		}
	}
	return best;
}

/* "Garubula village of Biu", "Shagai area of Jamrud tehsil", "Mastung, a
 * town south of Quetta": a place the sentence says, and the gazetteer
 * confirms, to lie in or near the one chosen is the finer answer. */
static int said_within(const job *j, const sinfo *s, int best)
{
	for (size_t i = xt_topos_at(&j->tp, s->t0); i < j->tp.n; i++) {
		const xt_topo *t = &j->tp.v[i];
		if (t->t0 >= s->t1)
			break;
		if (t->in_ref == (size_t)best + 1 && !(t->flags & XP_PROVINCE) &&
		    place_score(j, s, i) > NO_PLACE)
			return (int)i;
	}
	return best;
}

/* The best place for the event a sentence tells, near its triggers. */
static int sentence_place(const job *j, const sinfo *s)
{
	int best = -1;
	double bs = NO_PLACE;
	for (size_t i = xt_topos_at(&j->tp, s->t0); i < j->tp.n; i++) {
		if (j->tp.v[i].t0 >= s->t1)
			break;
		double sc = place_score(j, s, i);
		if (sc <= NO_PLACE)
			continue;
		if (sc > bs) {
			/* "in Sadr City in Baghdad": a quarter or site of the
			 * town that scores nearly as well is the finer answer */
			if (best >= 0 && is_part_of(j, best, (int)i) && sc < bs + 0.35)
				continue;
			bs = sc;
			best = (int)i;
		} else if (best >= 0 && sc > bs - 0.35 && is_part_of(j, (int)i, best)) {
			bs = sc;
			best = (int)i;
		}
	}
	if (best >= 0 && (j->tp.v[best].flags & XP_PROVINCE)) {
		int in = finer_inside(j, s, best);
		if (in >= 0)
			best = in;
	}
	return best >= 0 ? said_within(j, s, best) : best;
}

/* The end of a journey that sentence s names, the surest and nearest its
 * triggers ("pilgrims abducted on their way to Mardan"); -1 when none. */
static int journey_place(const job *j, const sinfo *s)
{
	int best = -1;
	double bs = NO_PLACE;
	for (size_t i = xt_topos_at(&j->tp, s->t0); i < j->tp.n; i++) {
		const xt_topo *t = &j->tp.v[i];
		if (t->t0 >= s->t1)
			break;
		if (t->role != XR_PLACE || !t->resolved || (t->flags & XP_FOCUS) ||
		    t->country_only || t->conf < 0.3 || !journey_end(&j->d, t) ||
		    not_event_place(j, t))
			continue;
		double sc = t->conf - trigger_cost(j, s, i);
		if (sc > bs) {
			bs = sc;
			best = (int)i;
		}
	}
	return best;
}

/* The date of the event a sentence tells. */
static int sentence_date(const job *j, const sinfo *s)
{
	const xt_doc *d = &j->d;
	int best = -1, rep = -1;
	size_t bd = (size_t)-1;
	for (size_t w = 0; w < s->nwhen; w++) {
		const xt_when *x = &s->when[w];
		if (x->period)
			continue;
		if (x->attrib) {
			/* "yesterday's attack" dates the attack; "last month's
			 * elections" does not */
			size_t after = x->t1 + 1;
			int trig_after = 0;
			for (size_t q = 0; q < s->ntrig; q++)
				if (s->trig[q].t0 >= after && s->trig[q].t0 <= after + 2)
					trig_after = 1;
			if (!trig_after)
				continue;
		}
		if (x->kind == XW_YEAR)
			continue;
		if (x->reporting) {
			if (rep < 0)
				rep = (int)w;
			continue;
		}
		size_t dmin = (size_t)-1;
		for (size_t q = 0; q < s->ntrig; q++) {
			const xt_trig *tr = &s->trig[q];
			size_t dd = tr->t0 > x->t0 ? tr->t0 - x->t0 : x->t0 - tr->t1;
			if (dd < dmin)
				dmin = dd;
		}
		if (best < 0 || dmin < bd) {
			best = (int)w;
			bd = dmin;
		}
	}
	(void)d;
	return best >= 0 ? best : rep;
}

/* ---- reading the sentences ---------------------------------------------------- */

/* An event of years past told as background: "a 2019 bombing", "the
 * 2014 attack", "bombings in 2016" (a year before the report's, next to
 * the trigger), "ten years after the Islamic State group seized Mosul and
 * killed thousands", "years ago", "last year", "the anniversary of". */
static int historical(const job *j, size_t s0, size_t s1, const xt_trig *t)
{
	const xt_doc *d = &j->d;
	int ay = j->anchor.y;
	size_t lo = t->t0 > s0 + 3 ? t->t0 - 3 : s0;
	size_t hi = t->t1 + 4 < s1 ? t->t1 + 4 : s1;
	for (size_t k = lo; ay && k < hi; k++) {
		if (k >= t->t0 && k < t->t1)
			continue;
		int y = xt_year_at(d, k);
		if (!y || y >= ay)
			continue;
		/* before the trigger: "a 2019 bombing", "the June 2014 attack";
		 * after it: "in 2016", "in June 2014" */
		if (k < t->t0 || (k > t->t1 && (xt_is(d, k - 1, "in") || (k >= 2 && xt_is(d, k - 2, "in")))))
			return 1;
	}
	/* "drone strikes had hit the town last year", "last year's bombing" */
	for (size_t k = lo; k + 1 < s1 && k < t->t1 + 6; k++) {
		if (k >= t->t0 && k < t->t1)
			continue;
		if (xt_is(d, k, "last") && (xt_is(d, k + 1, "year") || xt_is(d, k + 1, "year's") ||
					    xt_is(d, k + 1, "decade")))
			return 1;
		if (xt_is(d, k, "years") && xt_is(d, k + 1, "ago"))
			return 1;
		if (k >= t->t1 && (xt_is(d, k, ",") || xt_is(d, k, ";")))
			break;
	}
	for (size_t k = t->t0 > s0 + 10 ? t->t0 - 10 : s0; k < t->t0; k++) {
		if (xt_is(d, k, "anniversary"))
			return 1;
		if (xt_is(d, k, "years") && k + 1 < t->t0 &&
		    (xt_is(d, k + 1, "after") || xt_is(d, k + 1, "since") || xt_is(d, k + 1, "ago")))
			return 1;
	}
	return 0;
}

/* Does [t0, t1) claim responsibility ("X claimed responsibility", "X
 * claimed the attack", "X took responsibility")? A denied or absent claim
 * ("no group claimed responsibility", "nobody has claimed") is none: 1 a
 * claim, -1 a claim denied, 0 no word of one. */
static int claim_in(const xt_doc *d, size_t t0, size_t t1)
{
	static const char *const neg[] = {"no", "nobody", "not", "none", "yet", NULL};
	for (size_t k = t0; k + 1 < t1; k++) {
		if (!xt_lex_in(&xt_eventwords, d, k, XV_CLAIM_VERB))
			continue;
		size_t o = k + 1;
		if (o + 1 < t1 && (xt_is(d, o, "the") || xt_is(d, o, "credit")))
			o++;
		if (o < t1 && xt_is(d, o, "for"))
			o++;
		if (o + 1 < t1 && xt_is(d, o, "the"))
			o++;
		if (!xt_lex_in(&xt_eventwords, d, o, XV_CLAIM_DEED) ||
		    (!xt_is(d, k, "claimed") && !xt_is(d, k, "claim") && !xt_is(d, k, "claims") &&
		     !xt_is(d, k + 1, "responsibility")))
			continue;
		for (size_t b = k, hops = 0; b > t0 && hops < 4; hops++)
			if (xt_is_any(d, --b, neg) || (xt_is(d, b, "one") && b > t0 && xt_is(d, b - 1, "no")))
				return -1;
		return 1;
	}
	return 0;
}

/* 1 when the sentence [t0, t1) says where an event told before happened,
 * without a trigger of its own: "The deaths came in Horlivka", "All
 * fatalities occurred in Cairo", "This took place in the Dekoa area", "The
 * violence in the El-Badari area pitted two families". */
static int locating_anaphor(const xt_doc *d, size_t t0, size_t t1)
{
	static const char *const det[] = {"the", "these", "this", "all", "those", NULL};
	size_t k = t0, lim = t0 + 4 < t1 ? t0 + 4 : t1;
	while (k < lim && !xt_lex_in(&xt_eventwords, d, k, XV_ANAPHOR))
		k++;
	int pronoun = xt_is(d, t0, "this") || xt_is(d, t0, "it");
	if (k < lim && k > t0 && xt_is_any(d, k - 1, det))
		k++;
	else if (pronoun)
		k = t0 + 1;
	else
		return 0;
	if (k < t1 && (xt_is(d, k, "in") || xt_is(d, k, "at")) && !pronoun)
		return 1;
	for (size_t m = k; m < t1 && m < k + 4; m++)
		if (xt_lex_in(&xt_eventwords, d, m, XV_HAPPENED))
			return 1;
	return 0;
}

static void read_sentence(job *j, size_t si, sinfo *s)
{
	xt_doc *d = &j->d;
	memset(s, 0, sizeof *s);
	s->sent = si;
	s->t0 = d->sent[si].t0;
	s->t1 = d->sent[si].t1;
	s->place = s->date = s->journey = -1;
	if (j->dl.end > s->t0 && j->dl.end <= s->t1)
		s->t0 = j->dl.end;
	else if (j->dl.end > s->t1)
		s->t0 = s->t1;
	if (s->t0 >= s->t1 || (d->sent[si].f & XS_LINK))
		return;
	xt_trig tr[MAX_TRIG];
	size_t nt = xt_triggers(d, s->t0, s->t1, tr, MAX_TRIG);
	s->nfig = xt_figures(d, s->t0, s->t1, s->fig, MAX_FIG);
	/* "a wave of car bombs killed 33": a series told with its toll is an
	 * event; "such bombings often kill dozens" is not */
	int exact_figs = 0;
	for (size_t i = 0; i < s->nfig; i++)
		if (!(s->fig[i].flags & (XF_HEDGED | XF_VAGUE | XF_ZERO)))
			exact_figs = 1;
	for (size_t i = 0; i < nt; i++) {
		if (tr[i].flags & XE_NEGATED)
			continue;
		if ((tr[i].flags & XE_GENERIC) && !exact_figs)
			continue;
		/* a trigger word inside a person's name ("Hadi") or a capitalised
		 * name is not one */
		if (j->persons[tr[i].t0])
			continue;
		if (historical(j, s->t0, s->t1, &tr[i]))
			continue;
		s->trig[s->ntrig++] = tr[i];
	}
	s->nwhen = xt_dates(d, s->t0, s->t1, j->anchor, s->when, MAX_WHEN);
	/* "IS claimed the attack on Monday": the day of the claim, not of the
	 * attack */
	s->claim = claim_in(d, s->t0, s->t1) > 0;
	for (size_t w = 0; s->claim && w < s->nwhen; w++)
		s->when[w].reporting = 1;
	/* words said in passing ("the group, which has used drones") make
	 * no event when the sentence has words of its own */
	unsigned aside = 0;
	for (size_t i = 0; i < s->ntrig; i++)
		if (!(s->trig[i].flags & XE_ASIDE))
			aside = XE_ASIDE;
	int strong = 0, weak = 0;
	for (size_t i = 0; i < s->ntrig; i++) {
		const xt_trig *t = &s->trig[i];
		if (t->flags & aside)
			continue;
		if (t->flags & XE_ANAPHOR && t->strength >= 1 && t->kind != XE_KILLING)
			s->anaphor = 1;
		if (t->kind != XE_KILLING && t->kind != XE_ATTACKWORD && t->strength >= 2)
			strong = 1;
		else if (t->strength >= 2)
			weak = 1;
	}
	s->place = sentence_place(j, s);
	s->journey = journey_place(j, s);
	s->date = sentence_date(j, s);
	int figs = 0;
	for (size_t i = 0; i < s->nfig; i++)
		if (!(s->fig[i].flags & XF_HEDGED))
			figs = 1;
	if (!strong && weak && (figs || s->place >= 0 || s->anaphor))
		strong = 1;
	s->strong = strong;
	/* "The deaths came in Horlivka", "This took place in the Dekoa area":
	 * where the event told before happened */
	if (!strong && s->place >= 0 && locating_anaphor(d, s->t0, s->t1))
		s->anaphor = s->locates = 1;
	/* figures alone ("No one was killed") go on telling the last event */
	s->event = strong || figs || (s->anaphor && s->ntrig > 0) || s->locates;
	/* "Since Nov. 27, attacks have killed 23": a period's toll, background;
	 * "killed in clashes in Boda since Tuesday" (a weekday, yesterday: the
	 * days just past) is the event going on */
	int period = 0, dated = 0;
	for (size_t w = 0; w < s->nwhen; w++) {
		int recent = s->when[w].kind == XW_WEEKDAY || s->when[w].kind == XW_RELDAY;
		if (s->when[w].period && !recent &&
		    xt_is(d, s->when[w].t0 > s->t0 ? s->when[w].t0 - 1 : s->t0, "since"))
			period = 1;
		else if (!s->when[w].reporting)
			dated = 1;
	}
	if (period && !dated)
		s->event = 0;
	int armed = xt_victims_armed(d, s->t0, s->t1, s->trig, s->ntrig);
	s->kind = xt_decide_kind(s->trig, s->ntrig, armed, 0);
	/* for grouping, a killing or an "attack" alone fits any event */
	s->gkind = XE_NONE;
	for (size_t i = 0; i < s->ntrig; i++)
		if (s->trig[i].kind != XE_KILLING && s->trig[i].kind != XE_ATTACKWORD &&
		    s->trig[i].strength >= 2 && !(s->trig[i].flags & aside))
			s->gkind = s->kind;
}

/* ---- grouping sentences into incidents ---------------------------------------- */

static const xt_when *inc_when(const job *j, const grp *in)
{
	return in->date_s >= 0 ? &j->si[in->date_s].when[in->date_w] : NULL;
}

static int dates_fit(const xt_when *a, const xt_when *b)
{
	if (!a || !b || !a->date.y || !b->date.y)
		return 1;
	long da = im_date_to_days(a->date), db = im_date_to_days(b->date);
	long slack = (a->prec >= 3 || b->prec >= 3) ? 20 : (a->prec == 2 || b->prec == 2) ? 4 : 1;
	return labs(da - db) <= slack;
}

static int places_fit(const job *j, int pa, int pb)
{
	if (pa < 0 || pb < 0)
		return 1;
	const xt_topo *a = &j->tp.v[pa], *b = &j->tp.v[pb];
	double km = im_gaz_dist_km(a->place.lat, a->place.lon, b->place.lat, b->place.lon);
	if (km <= 25)
		return 1;
	/* a province or "south of X" is compatible with a town inside it or near */
	if ((a->flags & XP_PROVINCE) || (b->flags & XP_PROVINCE))
		return a->place.admin1[0] && strcmp(a->place.admin1, b->place.admin1) == 0;
	if ((a->flags & XP_RELATIVE) || (b->flags & XP_RELATIVE))
		return km <= 100;
	return 0;
}

/* A better place for an incident: more precise, or the first one. */
static int better_place(const job *j, int cur, int cand)
{
	if (cand < 0)
		return 0;
	if (cur < 0)
		return 1;
	int pc = geo_precision(&j->tp.v[cur]), pn = geo_precision(&j->tp.v[cand]);
	if (pn < pc)
		return 1;
	if (pn == pc && pn == 1) {
		/* a neighbourhood or site inside the town already chosen */
		return is_sub_kind(j->tp.v[cand].place.kind) &&
		       !is_sub_kind(j->tp.v[cur].place.kind) && places_fit(j, cur, cand);
	}
	return 0;
}

static void inc_add(job *j, grp *in, size_t si)
{
	sinfo *s = &j->si[si];
	if (in->ns < MAX_INC_SENTS)
		in->sent[in->ns++] = si;
	if (better_place(j, in->place, s->place))
		in->place = s->place;
	if (s->date >= 0 && in->date_s < 0) {
		in->date_s = (int)si;
		in->date_w = s->date;
	} else if (s->date >= 0) {
		/* a day beats a reporting date or a vaguer one */
		const xt_when *cur = inc_when(j, in), *nw = &s->when[s->date];
		if ((cur->reporting && !nw->reporting) || (nw->prec < cur->prec && dates_fit(cur, nw))) {
			in->date_s = (int)si;
			in->date_w = s->date;
		}
	}
	if (family(s->gkind) && (!family(in->kind) || s->gkind != in->kind)) {
		/* the kinds are decided on all sentences at the end */
		in->kind = in->kind ? in->kind : s->gkind;
	} else if (!in->kind) {
		in->kind = s->gkind;
	}
}

/* An anaphor refers to the latest incident it fits: its index, or -1. */
static int anaphor_target(const job *j, const sinfo *s, const xt_when *sw)
{
	for (size_t k = j->ninc; k-- > 0;) {
		const grp *in = &j->incs[k];
		if (kinds_fit(in->kind, s->gkind) && places_fit(j, in->place, s->place) &&
		    (dates_fit(inc_when(j, in), sw) || !s->strong || s->claim))
			return (int)k;
	}
	return -1;
}

/* 1 when sentence s goes on telling the incident last: nothing it says is
 * at odds with it. */
static int goes_on(const job *j, const sinfo *s, const xt_when *sw, size_t last)
{
	const grp *in = &j->incs[last];
	int same_kind = kinds_fit(in->kind, s->gkind) &&
			(!family(s->gkind) || !family(in->kind) ||
			 family(s->gkind) == family(in->kind));
	int own_place = s->place >= 0 && in->place >= 0 &&
			j->tp.v[s->place].place.id && j->tp.v[in->place].place.id &&
			strcmp(j->tp.v[s->place].place.id, j->tp.v[in->place].place.id) != 0;
	if (same_kind && places_fit(j, in->place, s->place) &&
	    dates_fit(inc_when(j, in), sw) &&
	    (!s->strong || !own_place || s->ntrig == 0 ||
	     s->sent == j->si[in->sent[in->ns - 1]].sent + 1))
		return 1;
	/* figures with no event word of their own */
	return !s->strong && places_fit(j, in->place, s->place) && dates_fit(inc_when(j, in), sw);
}

/* The same kind of event at the same place told again further on
 * ("demonstrating outside the Green Zone" ... "a protest camp outside the
 * Green Zone"): the incident's index, or -1. */
static int told_again(const job *j, const sinfo *s, const xt_when *sw)
{
	for (size_t k = j->ninc; k-- > 0;) {
		const grp *in = &j->incs[k];
		if (in->place < 0 || family(in->kind) != family(s->gkind))
			continue;
		const xt_topo *a = &j->tp.v[in->place], *b = &j->tp.v[s->place];
		if (im_gaz_dist_km(a->place.lat, a->place.lon, b->place.lat, b->place.lon) <= 25 &&
		    dates_fit(inc_when(j, in), sw))
			return (int)k;
	}
	return -1;
}

/* A new incident for the event sentence s: its index, or -1 when s is no
 * event sentence or there are MAX_INCIDENTS already. */
static int new_incident(job *j, const sinfo *s)
{
	if (s->strong && j->ninc >= MAX_INCIDENTS)
		j->ndropped++;
	if (!s->strong || j->ninc >= MAX_INCIDENTS)
		return -1;
	grp *in = &j->incs[j->ninc];
	memset(in, 0, sizeof *in);
	in->place = -1;
	in->date_s = in->date_w = -1;
	return (int)j->ninc++;
}

/* 1 when a sentence of the incident names a place or a demonym. */
static int names_place(const job *j, const grp *in)
{
	for (size_t q = 0; q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		for (size_t i = xt_topos_at(&j->tp, s->t0); i < j->tp.n; i++) {
			const xt_topo *t = &j->tp.v[i];
			if (t->t0 >= s->t1)
				break;
			if (t->role == XR_PLACE || t->role == XR_DEMONYM)
				return 1;
		}
	}
	return 0;
}

/* An incident told in the sentence right after another, in the same
 * paragraph, that names no place at all ("After neighbours gathered around
 * the house, a nearby car bomb exploded"): the story's place goes on. It
 * is placed near it (geo_precision 2), less surely. */
static void place_goes_on(job *j)
{
	for (size_t k = 1; k < j->ninc; k++) {
		grp *in = &j->incs[k], *prev = &j->incs[k - 1];
		if (in->place >= 0 || prev->place < 0 || !in->ns || !prev->ns)
			continue;
		size_t first = j->si[in->sent[0]].sent;
		size_t before = j->si[prev->sent[prev->ns - 1]].sent;
		if (first != before + 1 || (j->d.tok[j->d.sent[first].t0].f & XT_PARA))
			continue;
		if (!names_place(j, in)) {
			in->place = prev->place;
			in->inherited = 1;
		}
	}
}

/* An incident whose sentences name only where travellers came from or
 * went ("abducted on his way to Mardan"), or besides it only the province
 * that holds it: near there, less surely, rather than nowhere or anywhere
 * in the province. */
static void journey_places(job *j)
{
	for (size_t k = 0; k < j->ninc; k++) {
		grp *in = &j->incs[k];
		for (size_t q = 0; q < in->ns; q++) {
			int e = j->si[in->sent[q]].journey;
			if (e >= 0 && (in->place < 0 || lies_in(j, e, in->place))) {
				in->place = e;
				in->inherited = NEIGHBOUR_PLACE;
				break;
			}
		}
	}
}

/* The event sentences into incidents, then the places of those that name
 * none of their own. */
static void group(job *j)
{
	size_t last = (size_t)-1; /* the incident the previous event sentence joined */
	for (size_t si = 0; si < j->nsi; si++) {
		sinfo *s = &j->si[si];
		const xt_when *sw = s->date >= 0 ? &s->when[s->date] : NULL;
		int target = s->anaphor ? anaphor_target(j, s, sw) : -1;
		if (target < 0 && last != (size_t)-1 && goes_on(j, s, sw, last))
			target = (int)last;
		if (target < 0 && s->strong && family(s->gkind) && s->place >= 0)
			target = told_again(j, s, sw);
		if (target < 0 && (target = new_incident(j, s)) < 0)
			continue;
		inc_add(j, &j->incs[target], si);
		last = (size_t)target;
	}
	place_goes_on(j);
	journey_places(j);
}

/* 1 when no sentence in (a, b] opens a paragraph. */
static int one_paragraph(const xt_doc *d, size_t a, size_t b)
{
	for (size_t q = a + 1; q <= b; q++)
		if (d->tok[d->sent[q].t0].f & XT_PARA)
			return 0;
	return 1;
}

/* 1 when place p is in a country the text is about (named, or a people's:
 * weight 0.5 or more), or is a capital or a city of 100,000: a name
 * that is not sure to be a place ("the Jamia Farooqia mosque") is not
 * taken for a quarter abroad. */
static int believable(const job *j, const im_place *p)
{
	if (p->kind == IM_KIND_CAPITAL || p->population >= 100000)
		return 1;
	for (size_t c = 0; c < j->tp.ncc; c++)
		if (strcmp(j->tp.cc[c], p->country) == 0 && j->tp.ccw[c] >= 0.5)
			return 1;
	return 0;
}

/* The place of sentence si as an event sentence would have it, said as
 * where something is ("in", "at", "near": not "a delegation from Ankara"),
 * not a country, believable; or -1. */
static int place_of_sentence(job *j, size_t si)
{
	sinfo one;
	read_sentence(j, si, &one);
	if (one.place < 0)
		return -1;
	const xt_topo *t = &j->tp.v[one.place];
	size_t b = t->t0 > 0 && xt_is(&j->d, t->t0 - 1, "the") ? t->t0 - 1 : t->t0;
	if (t->country_only || !(t->flags & XP_LOCATIVE) ||
	    (b > 0 && xt_is(&j->d, b - 1, "from")) || !believable(j, &t->place))
		return -1;
	return one.place;
}

/* A report that places none of its incidents, whose event sentence names
 * no place ("Seven people were killed.") while the sentence just before or
 * after it in the paragraph does ("A minibus hit a mine in the Alizai
 * area", "Their bodies were found near Bayda"): the event is there, near
 * it (geo_precision 2) and less surely, rather than nowhere. */
static void place_from_neighbours(job *j)
{
	for (size_t k = 0; k < j->ninc; k++)
		if (j->incs[k].place >= 0)
			return;
	const xt_doc *d = &j->d;
	for (size_t k = 0; k < j->ninc; k++) {
		grp *in = &j->incs[k];
		if (!in->ns)
			continue;
		size_t first = j->si[in->sent[0]].sent, last = j->si[in->sent[in->ns - 1]].sent;
		int p = -1;
		if (first >= 1 && one_paragraph(d, first - 1, first))
			p = place_of_sentence(j, first - 1);
		if (p < 0 && last + 1 < d->nsent && one_paragraph(d, last, last + 1))
			p = place_of_sentence(j, last + 1);
		if (p >= 0) {
			in->place = p;
			in->inherited = NEIGHBOUR_PLACE;
		}
	}
}

/* 1 when t is a hospital's or morgue's place where the victims were
 * treated or died ("later died in a hospital in Erbil", "were taken to
 * hospital in X"), not one someone went to ("after he had taken his wife
 * to hospital in X"). */
static int care_of_victims(const xt_doc *d, const xt_topo *t)
{
	size_t s0 = d->sent[d->tok[t->t0].sent].t0;
	for (size_t b = t->t0, hops = 0; b > s0 && hops < 5; hops++) {
		b--;
		if (!care_place(d, b) || struck_place(d, s0, b))
			continue;
		for (size_t k = b, h = 0; k > s0 && h < 5; h++) {
			k--;
			if (xt_lex_in(&xt_placecues, d, k, XQ_CARE) ||
			    (xt_is(d, k, "taken") && k > s0 &&
			     (xt_is(d, k - 1, "were") || xt_is(d, k - 1, "was") ||
			      xt_is(d, k - 1, "been"))))
				return 1;
		}
	}
	return 0;
}

/* 1 when toponym t can stand for where a report's events were: a town,
 * quarter, site or province (not a country or a region of several), known
 * (not placed at a guess) and named surely enough (0.45), in a country the
 * report is about (or believable when it names none); not where a
 * statement was made ("told a news conference in Algiers"), nor the
 * hospital the victims were treated in, nor a place something comes from
 * ("a delegation from Ankara"). It may be a noun modifier ("Radio Baidoa
 * journalist", "the Kaduna based newspaper": where the victim worked),
 * not an outlet's or organisation's name ("Garowe Online"). */
static int report_place_ok(const job *j, const xt_topo *t)
{
	if (!t->resolved || t->country_only || t->conf < 0.45 ||
	    (t->role != XR_PLACE && t->role != XR_MODIFIER) ||
	    (t->flags & (XP_UNKNOWN | XP_FOCUS | XP_PREFIX | XP_RESPELT | XP_COUNTRY)) ||
	    t->place.kind == IM_KIND_COUNTRY || t->place.kind == IM_KIND_REGION ||
	    speaker_place(&j->d, t) || care_of_victims(&j->d, t))
		return 0;
	size_t b = t->t0 > 0 && xt_is(&j->d, t->t0 - 1, "the") ? t->t0 - 1 : t->t0;
	if (b > 0 && xt_is(&j->d, b - 1, "from"))
		return 0;
	int named = 0;
	for (size_t c = 0; c < j->tp.ncc; c++) {
		/* named, a demonym's, named thrice (not a big city's 0.5: the
		 * place must not vouch for its own country) */
		if (j->tp.ccw[c] <= 0.5)
			continue;
		if (strcmp(j->tp.cc[c], t->place.country) == 0)
			return 1;
		named = 1;
	}
	return !named && believable(j, &t->place);
}

/* The one place a report names, as the index of its first toponym, or -1:
 * every place it names (report_place_ok) within 25 km of the others'
 * settlement, or a province alone when it names no town. */
static int one_place_of_report(const job *j)
{
	int town = -1, area = -1;
	for (size_t i = 0; i < j->tp.n; i++) {
		const xt_topo *t = &j->tp.v[i];
		if (!report_place_ok(j, t))
			continue;
		int *slot = (t->flags & XP_PROVINCE) ? &area : &town;
		if (*slot < 0) {
			*slot = (int)i;
			continue;
		}
		const im_place *p = &j->tp.v[*slot].place;
		if (im_gaz_dist_km(p->lat, p->lon, t->place.lat, t->place.lon) > 25)
			return -1;
	}
	if (town >= 0 && area >= 0) {
		const im_place *p = &j->tp.v[town].place, *a = &j->tp.v[area].place;
		if (strcmp(p->country, a->country) != 0 ||
		    (p->admin1[0] && strcmp(p->admin1, a->name)))
			return -1;
	}
	return town >= 0 ? town : area;
}

/* 1 when incident in is told with a figure or a day ("shot dead a
 * journalist on Wednesday"), not as a trend ("Bombings have become more
 * frequent"). */
static int told_as_event(const job *j, const grp *in)
{
	if (in->date_s >= 0)
		return 1;
	for (size_t q = 0; q < in->ns; q++)
		if (j->si[in->sent[q]].nfig)
			return 1;
	return 0;
}

/* A report that still places none of its incidents, while it names one
 * place only, wherever and however ("Unknown gunmen shot dead Radio Baidoa
 * journalist X", "killed a lawmaker after he had taken his wife to hospital
 * in the capital Mogadishu"): its incidents are near it (geo_precision 2 or
 * the province's 3) and unsure (confidence at most 0.4), rather than
 * nowhere; when told with a figure or a day, and not across a paragraph. */
static void place_from_report(job *j)
{
	for (size_t k = 0; k < j->ninc; k++)
		if (j->incs[k].place >= 0)
			return;
	int p = j->ninc ? one_place_of_report(j) : -1;
	if (p < 0)
		return;
	size_t ps = j->d.tok[j->tp.v[p].t0].sent;
	for (size_t k = 0; k < j->ninc; k++) {
		grp *in = &j->incs[k];
		if (!in->ns || !told_as_event(j, in))
			continue;
		size_t s = j->si[in->sent[0]].sent;
		if (!one_paragraph(&j->d, s < ps ? s : ps, s < ps ? ps : s))
			continue;
		in->place = p;
		in->inherited = REPORT_PLACE;
	}
}

/* ---- building the records ----------------------------------------------------- */

/* The figure for one kind: the latest update, else the first stated one
 * (sums within a sentence), exact before vague, anything before zero. */
static long pick_figure(const job *j, const grp *in, int what, unsigned *flags_out,
			long *other)
{
	long best = IM_NULL_INT;
	int best_rank = -1;
	*other = IM_NULL_INT;
	*flags_out = 0;
	/* A round-up ("Violence across Iraq killed at least 11 people. In the
	 * deadliest attack, a car bomb ... killed six"): in a report of several
	 * incidents, a sentence with no place of its own gives a total of
	 * them all, not this incident's figure, when a sentence with a place
	 * gives one. */
	int placed_fig = 0;
	for (size_t q = 0; j->ninc >= 2 && q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		for (size_t f = 0; s->place >= 0 && f < s->nfig; f++)
			if (s->fig[f].what == what && !(s->fig[f].flags & XF_HEDGED))
				placed_fig = 1;
	}
	for (size_t q = 0; q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		long sum = 0;
		int any = 0, zero = 0, vague = 0, update = 0, single = 0, also = 0;
		if (placed_fig && s->place < 0) {
			int upd = 0;
			for (size_t f = 0; f < s->nfig; f++)
				if (s->fig[f].what == what && (s->fig[f].flags & XF_UPDATE))
					upd = 1;
			if (!upd) {
				for (size_t f = 0; f < s->nfig; f++)
					if (s->fig[f].what == what && *other == IM_NULL_INT &&
					    !(s->fig[f].flags & XF_ZERO))
						*other = s->fig[f].v;
				continue;
			}
		}
		for (size_t f = 0; f < s->nfig; f++) {
			const xt_fig *x = &s->fig[f];
			if (x->what != what)
				continue;
			if (x->flags & XF_HEDGED) {
				if (*other == IM_NULL_INT)
					*other = x->v;
				continue;
			}
			if (x->flags & XF_ZERO) {
				zero = 1;
				continue;
			}
			sum += x->v;
			any = 1;
			if (x->flags & XF_VAGUE)
				vague = 1;
			if (x->flags & XF_UPDATE)
				update = 1;
			if (x->flags & XF_SINGLE)
				single = 1;
			if (x->flags & XF_ALSO)
				also = 1;
		}
		int rank;
		long v;
		if (any) {
			v = sum;
			rank = update ? 5 : vague ? 2 : single ? 3 : 4;
		} else if (zero) {
			v = 0;
			rank = 1;
		} else {
			continue;
		}
		/* "also killed one of the bodyguards", "killing another 10": more
		 * victims of the same event */
		if (also && any && best != IM_NULL_INT && best_rank >= 3) {
			best += v;
			continue;
		}
		/* a later sentence wins only with a better kind of figure */
		if (rank > best_rank || (update && rank == best_rank)) {
			best = v;
			best_rank = rank;
			*flags_out = (unsigned)rank;
		}
	}
	if (*other == best)
		*other = IM_NULL_INT;
	return best;
}

static const char *adjective_of(const char *cc)
{
	static const struct {
		const char *cc, *adj;
	} a[] = {{"IQ", "Iraqi"},    {"SY", "Syrian"},  {"TR", "Turkish"},  {"IR", "Iranian"},
		 {"YE", "Yemeni"},   {"LB", "Lebanese"}, {"JO", "Jordanian"}, {"SA", "Saudi"},
		 {"EG", "Egyptian"}, {"IL", "Israeli"}, {"PS", "Palestinian"}, {"AF", "Afghan"},
		 {"PK", "Pakistani"}, {"LY", "Libyan"}, {"KW", "Kuwaiti"}};
	for (size_t i = 0; i < sizeof a / sizeof *a; i++)
		if (cc && strcmp(a[i].cc, cc) == 0)
			return a[i].adj;
	return NULL;
}

/* The incident's type once its figures are known. No one hurt: a bomb
 * defused, a missile intercepted is a disrupted weapon; a raid that only
 * arrested is an arrest (ACLED's Strategic developments). People killed in
 * a raid that also took some away: an attack first (ACLED codes the
 * gravest act). */
static xe_kind final_kind(const job *j, const grp *in, xe_kind kind, const im_incident *inc)
{
	int killed = inc->fatalities != IM_NULL_INT && inc->fatalities > 0;
	int hurt = killed || (inc->injuries != IM_NULL_INT && inc->injuries > 0);
	if (kind == XE_ABDUCT && killed)
		return XE_ATTACK;
	int explosive = kind == XE_IED || kind == XE_SHELL || kind == XE_AIR ||
			kind == XE_GRENADE || kind == XE_SUICIDE;
	if (hurt || !(explosive || kind == XE_CLASH))
		return kind;
	const xt_doc *d = &j->d;
	int disrupted = 0, arrest = 0, fight = 0;
	for (size_t q = 0; q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		for (size_t k = s->t0; k < s->t1; k++) {
			uint32_t g = xt_lex_groups(&xt_eventwords, d, k);
			disrupted |=
			    (g & XG(XV_DISRUPTED)) ||
			    (xt_is(d, k, "shot") && k + 1 < s->t1 && xt_is(d, k + 1, "down"));
			arrest |= (g & XG(XV_ARREST)) != 0;
			fight |= (g & XG(XV_FIGHT)) != 0;
		}
	}
	if (explosive && disrupted)
		return XE_DISRUPTED;
	if (kind == XE_CLASH && arrest && !fight)
		return XE_ARREST;
	return kind;
}

/* The incident's kind: every trigger of its sentences (into all, na of
 * them; armed: the victims bore arms); a protest whose protesters were
 * killed or fired on is excessive force. */
static xe_kind event_kind(const job *j, const grp *in, xt_trig *all, size_t *na)
{
	const xt_doc *d = &j->d;
	int armed = 0, protest_hit = 0;
	*na = 0;
	for (size_t q = 0; q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		for (size_t t = 0; t < s->ntrig && *na < 64; t++)
			all[(*na)++] = s->trig[t];
		if (xt_victims_armed(d, s->t0, s->t1, s->trig, s->ntrig))
			armed = 1;
		for (size_t t = 0; t < s->ntrig; t++)
			if (s->trig[t].kind == XE_EXCESSIVE)
				protest_hit = 1;
	}
	xe_kind kind = xt_decide_kind(all, *na, armed, 0);
	if (kind != XE_PROTEST && kind != XE_RIOT)
		return kind;
	/* protesters killed or fired on: excessive force */
	for (size_t q = 0; q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		for (size_t t = 0; t < s->ntrig; t++)
			if (s->trig[t].kind == XE_KILLING ||
			    (s->trig[t].kind == XE_ATTACK && xt_is(d, s->trig[t].t0, "opened")))
				for (size_t f = 0; f < s->nfig; f++)
					if (s->fig[f].what == XF_DEATHS && s->fig[f].v > 0)
						protest_hit = 1;
	}
	return protest_hit ? XE_EXCESSIVE : kind;
}

/* *dst becomes a copy of the text of tokens t0..t1 (the words as the
 * report wrote them). */
static im_status set_span_text(const xt_doc *d, size_t t0, size_t t1, char **dst)
{
	char *p = im_strndup(d->t + d->tok[t0].s, d->tok[t1 - 1].e - d->tok[t0].s);
	free(*dst);
	*dst = p;
	return p ? IM_OK : IM_E_NOMEM;
}

/* An event known only by its province ("killed two party officials in Borno
 * State") is drawn at the province's capital, as ACLED codes it (and the
 * analysts of the PITF data), one known by its district at the district's
 * town: the place and the gazetteer entry stay the area's, with
 * geo_precision 3. An area told with a direction or a distance ("in
 * northern Borno") keeps its own point. */
static void seat_point(const job *j, const xt_topo *pl, double *lat, double *lon)
{
	im_place seat;
	if ((pl->place.kind != IM_KIND_ADMIN1 && pl->place.kind != IM_KIND_ADMIN2) ||
	    !(pl->flags & XP_PROVINCE) || (pl->flags & XP_RELATIVE) || pl->has_off ||
	    !im_gaz_seat_of(j->g, &pl->place, &seat))
		return;
	*lat = seat.lat;
	*lon = seat.lon;
}

/* The incident's point, precision, gazetteer entry and place text. */
static im_status set_place(const job *j, const grp *in, const xt_topo *pl, im_incident *inc)
{
	const xt_doc *d = &j->d;
	im_status st = IM_OK;
	inc->has_point = 1;
	inc->lat = pl->has_off ? pl->olat : pl->place.lat;
	inc->lon = pl->has_off ? pl->olon : pl->place.lon;
	seat_point(j, pl, &inc->lat, &inc->lon);
	inc->lat = floor(inc->lat * 1e6 + 0.5) / 1e6;
	inc->lon = floor(inc->lon * 1e6 + 0.5) / 1e6;
	inc->geo_precision = geo_precision(pl);
	if (in->inherited && inc->geo_precision < 2)
		inc->geo_precision = 2;
	st = st ? st : im_set_str(&inc->place, pl->place.name);
	st = st ? st : im_set_str(&inc->gazetteer_id, pl->place.id);
	st = st ? st : im_set_str(&inc->admin1, pl->place.admin1[0] ? pl->place.admin1 : NULL);
	st = st ? st : im_set_str(&inc->country, pl->place.country[0] ? pl->place.country : NULL);
	im_status sp = set_span_text(d, pl->t0, pl->t1, &inc->place_text);
	return st ? st : sp;
}

/* 1 when "following" or "after" comes, after the date, within three
 * words before a trigger of the date's sentence: "following an attack"
 * told with the date of what followed. */
static int date_of_aftermath(const job *j, const grp *in, const xt_when *w)
{
	const xt_doc *d = &j->d;
	const sinfo *s = &j->si[in->date_s];
	for (size_t t = 0; t < s->ntrig; t++) {
		size_t k = s->trig[t].t0;
		for (size_t p = k, h = 0; p > s->t0 && h < 3; h++) {
			p--;
			if ((xt_is(d, p, "following") || xt_is(d, p, "after")) && w->t1 <= p)
				return 1;
		}
	}
	return 0;
}

/* Nothing said: the day the report's first dated event sentence gives (a
 * round-up's "Violence across Iraq killed 11 people on Wednesday"), else
 * the report's own day, approximately. */
static im_date anchor_day(const job *j)
{
	for (size_t q = 0; q < j->nsi && q < 3; q++) {
		const sinfo *s = &j->si[q];
		if (s->date >= 0 && s->when[s->date].date.y && s->when[s->date].prec == 1 &&
		    !s->when[s->date].reporting) {
			long dd =
			    im_date_to_days(j->anchor) - im_date_to_days(s->when[s->date].date);
			return dd >= 0 && dd <= 7 ? s->when[s->date].date : j->anchor;
		}
	}
	return j->anchor;
}

/* The incident's date, its precision and text; *conf: how sure. */
static im_status set_date(const job *j, const grp *in, im_incident *inc, double *conf)
{
	const xt_doc *d = &j->d;
	im_status st = IM_OK;
	const xt_when *w = inc_when(j, in);
	*conf = 0.5;
	if (w) {
		inc->event_date = w->date;
		inc->time_precision = w->prec;
		if (w->reporting && w->prec < 2)
			inc->time_precision = 2;
		if (inc->time_precision < 2 && date_of_aftermath(j, in, w))
			inc->time_precision = 2;
		st = set_span_text(d, w->t0, w->t1, &inc->date_text);
		*conf = w->date.y ? (w->reporting ? 0.6 : 1.0) : 0.3;
	} else if (j->anchor.y) {
		inc->event_date = anchor_day(j);
		inc->time_precision = 2;
	}
	if (inc->event_date.y && !im_date_valid(inc->event_date))
		inc->event_date = (im_date){0, 0, 0};
	return st;
}

/* The incident's figures (*od, *oi: other figures reported, for the
 * notes), then its type, which the figures may change. */
static im_status set_figures_and_type(const job *j, const grp *in, xe_kind *kind, im_incident *inc,
                                      long *od, long *oi)
{
	unsigned ff, fi;
	long fat = pick_figure(j, in, XF_DEATHS, &ff, od);
	long inj = pick_figure(j, in, XF_INJURIES, &fi, oi);
	if (fat == IM_NULL_INT && *kind == XE_PROTEST)
		fat = 0; /* a peaceful protest: no one killed (ACLED) */
	inc->fatalities = fat > 1000000 ? IM_NULL_INT : (int)fat;
	inc->injuries = inj > 1000000 ? IM_NULL_INT : (int)inj;
	xe_kind k = final_kind(j, in, *kind, inc);
	*kind = k;
	/* a weapon stopped before it hit ("intercepted a missile"), an arrest,
	 * looting, a new base: no one killed unless a figure says so */
	if ((k == XE_DISRUPTED || k == XE_ARREST || k == XE_LOOT || k == XE_HQ) &&
	    inc->fatalities == IM_NULL_INT)
		inc->fatalities = 0;
	im_status st = im_set_str(&inc->event_type, xe_event_type(k));
	return st ? st : im_set_str(&inc->sub_event_type, xe_sub_event_type(k));
}

/* How many words lie between an actor and the nearest trigger of this
 * event in its sentence (1000: none). */
static size_t actor_distance(const sinfo *s, const xt_actor *act, xe_kind kind)
{
	size_t dmin = 1000;
	for (size_t t = 0; t < s->ntrig; t++) {
		const xt_trig *tr = &s->trig[t];
		if (!kinds_fit(kind, tr->kind))
			continue;
		/* "the attack came amid a stand-off between X and Y": near a
		 * mention of the event only an actor naming it counts ("the
		 * last ISIS attack") */
		if ((tr->flags & XE_ANAPHOR) && !(act->t1 <= tr->t0 && act->t1 + 2 >= tr->t0))
			continue;
		size_t dd = tr->t0 >= act->t1   ? tr->t0 - act->t1
		            : act->t0 >= tr->t1 ? act->t0 - tr->t1
		                                : 0;
		if (dd < dmin)
			dmin = dd;
	}
	return dmin;
}

/* Actors near a trigger of this event in its sentences, or in a claim. */
static im_status add_actors(const job *j, const grp *in, xe_kind kind, const xt_topo *pl,
                            im_incident *inc)
{
	const xt_doc *d = &j->d;
	im_status st = IM_OK;
	for (size_t q = 0; !st && q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		xt_actor act[MAX_ACT];
		size_t n = xt_actors(d, s->t0, s->t1, act, MAX_ACT);
		/* "no group claimed responsibility, but ISIS is active in the
		 * area" names no one */
		int claim = claim_in(d, s->t0, s->t1);
		for (size_t k = s->t0; k + 1 < s->t1 && !claim; k++)
			if (xt_is(d, k, "carried") && xt_is(d, k + 1, "out"))
				claim = 1;
		if (claim < 0)
			continue;
		for (size_t a = 0; !st && a < n; a++) {
			if (actor_distance(s, &act[a], kind) > 10 && !claim)
				continue;
			const char *name = act[a].name;
			char qual[64];
			if (strcmp(name, "security forces") == 0 && adjective_of(pl->place.country)) {
				snprintf(qual, sizeof qual, "%s security forces",
					 adjective_of(pl->place.country));
				name = qual;
			}
			st = im_incident_add_actor(inc, name);
		}
	}
	return st;
}

/* A claim told in a sentence of its own after the incident's last one,
 * before any other event ("The Islamic State group claimed
 * responsibility"). */
static im_status add_claimed_actors(const job *j, const grp *in, im_incident *inc)
{
	const xt_doc *d = &j->d;
	im_status st = IM_OK;
	size_t last = 0;
	for (size_t q = 0; q < in->ns; q++)
		if (j->si[in->sent[q]].sent > last)
			last = j->si[in->sent[q]].sent;
	for (size_t cs = last + 1; !st && in->ns && cs < d->nsent && cs <= last + 3; cs++) {
		int event = 0;
		for (size_t q = 0; q < j->nsi && !event; q++)
			event = j->si[q].sent == cs;
		if (event)
			break;
		size_t t0 = d->sent[cs].t0, t1 = d->sent[cs].t1;
		if (claim_in(d, t0, t1) <= 0)
			continue;
		xt_actor act[MAX_ACT];
		size_t n = xt_actors(d, t0, t1, act, MAX_ACT);
		for (size_t a = 0; !st && a < n; a++)
			st = im_incident_add_actor(inc, act[a].name);
	}
	return st;
}

/* The notes: the sentences read, and other figures given. */
static im_status set_notes(const job *j, const grp *in, long od, long oi, im_incident *inc)
{
	const xt_doc *d = &j->d;
	im_status st = IM_OK;
	im_buf b = IM_BUF_INIT;
	b.max = NOTES_MAX * 2;
	for (size_t q = 0; !st && q < in->ns; q++) {
		const sinfo *s = &j->si[in->sent[q]];
		size_t a = d->tok[s->t0].s, e = d->tok[s->t1 - 1].e;
		if (b.len + (e - a) > NOTES_MAX) {
			st = im_buf_puts(&b, b.len ? " [...]" : "");
			break;
		}
		if (b.len)
			st = im_buf_putc(&b, ' ');
		/* newlines inside a sentence become spaces */
		for (size_t k = a; !st && k < e; k++)
			st = im_buf_putc(&b, d->t[k] == '\n' || d->t[k] == '\r' ? ' ' : d->t[k]);
	}
	if (!st && od != IM_NULL_INT)
		st = im_buf_printf(&b, " [Other figure reported: %ld killed.]", od);
	if (!st && oi != IM_NULL_INT)
		st = im_buf_printf(&b, " [Other figure reported: %ld injured.]", oi);
	if (!st) {
		inc->notes = im_buf_take(&b);
		if (!inc->notes)
			st = IM_E_NOMEM;
	}
	im_buf_free(&b);
	return st;
}

/* Confidence: of the place, the type (its strongest trigger) and the
 * date, two decimals. */
static double confidence(const grp *in, const xt_topo *pl, const im_incident *inc,
                         const xt_trig *all, size_t na, double date_conf)
{
	int maxstr = 0;
	for (size_t t = 0; t < na; t++)
		if (all[t].strength > maxstr)
			maxstr = all[t].strength;
	double type_conf = maxstr >= 3 ? 0.95 : maxstr == 2 ? 0.75 : 0.5;
	double place_conf = pl->conf > 1 ? 1 : pl->conf;
	if (in->inherited)
		place_conf *= 0.6; /* the place of the story, not one said of this event */
	if (inc->geo_precision == 3)
		place_conf *= 0.8;
	double c = 0.5 * place_conf + 0.3 * type_conf + 0.2 * date_conf;
	if (in->inherited == NEIGHBOUR_PLACE && c > 0.45)
		c = 0.45; /* the event's sentences name no place: for --review */
	if (in->inherited == REPORT_PLACE && c > 0.4)
		c = 0.4; /* nor does the sentence next to them */
	return floor(c * 100 + 0.5) / 100;
}

/* The report as the incident's source, and the incident's id: a hash of
 * the report's name, its first sentence and the sub-event type. */
static im_status set_source_and_id(const job *j, const grp *in, const im_extract_opts *o,
                                   im_incident *inc)
{
	const xt_doc *d = &j->d;
	im_source src = {0};
	src.id = j->a->id;
	src.file = j->a->url ? NULL : j->a->file;
	src.url = j->a->url;
	char dbuf[11];
	if (j->a->date.y) {
		im_date_format(j->a->date, dbuf);
		src.date = dbuf;
	} else if (o && o->default_date.y) {
		im_date_format(o->default_date, dbuf);
		src.date = dbuf;
	}
	src.title = j->a->title;
	memcpy(src.text_hash, j->text_hash, sizeof src.text_hash);
	im_status st = im_incident_add_source(inc, &src);
	if (st)
		return st;
	im_buf ib = IM_BUF_INIT;
	const char *who = j->a->id     ? j->a->id
	                  : j->a->url  ? j->a->url
	                  : j->a->file ? j->a->file
	                               : "";
	const sinfo *s0 = &j->si[in->sent[0]];
	st = im_buf_puts(&ib, who);
	st = st ? st : im_buf_putc(&ib, '\n');
	st = st ? st
	        : im_buf_append(&ib, d->t + d->tok[s0->t0].s,
	                        d->tok[s0->t1 - 1].e - d->tok[s0->t0].s);
	st = st ? st : im_buf_putc(&ib, '\n');
	st = st ? st : im_buf_puts(&ib, inc->sub_event_type);
	if (!st) {
		char id[20];
		im_make_id(ib.p, ib.len, id);
		st = im_set_str(&inc->id, id);
	}
	im_buf_free(&ib);
	return st;
}

static im_status build(job *j, const grp *in, const im_extract_opts *o, im_incident_list *out)
{
	if (in->place < 0)
		return IM_OK; /* nothing to put on a map: background */
	const xt_topo *pl = &j->tp.v[in->place];
	xt_trig all[64];
	size_t na;
	xe_kind kind = event_kind(j, in, all, &na);
	if (kind == XE_NONE)
		return IM_OK;
	im_incident inc;
	im_incident_init(&inc);
	double date_conf = 0.5;
	long od = IM_NULL_INT, oi = IM_NULL_INT;
	im_status st = set_place(j, in, pl, &inc);
	st = st ? st : set_date(j, in, &inc, &date_conf);
	st = st ? st : set_figures_and_type(j, in, &kind, &inc, &od, &oi);
	st = st ? st : add_actors(j, in, kind, pl, &inc);
	st = st ? st : add_claimed_actors(j, in, &inc);
	st = st ? st : set_notes(j, in, od, oi, &inc);
	inc.confidence = confidence(in, pl, &inc, all, na, date_conf);
	if (!st && !j->text_hash[0]) /* the first incident built: its report's hash */
		im_text_hash(j->a->text, j->a->len, j->text_hash);
	st = st ? st : set_source_and_id(j, in, o, &inc);
	if (!st)
		st = im_list_push(out, &inc);
	im_incident_clear(&inc);
	return st;
}

/* INCIMAP_XDEBUG=1: what was read, sentence by sentence, on stderr. */
static void debug_dump(const job *j)
{
	const xt_doc *d = &j->d;
	char a[11];
	im_date_format(j->anchor, a);
	fprintf(stderr, "== %s anchor %s dateline %zu\n", j->a->file ? j->a->file : "",
		j->anchor.y ? a : "-", j->dl.end);
	for (size_t i = 0; i < j->tp.n; i++) {
		const xt_topo *t = &j->tp.v[i];
		fprintf(stderr, "  topo %.*s role=%s fl=%x res=%d %s (%s,%s,%s) conf=%.2f in=%ld\n",
		        (int)(d->tok[t->t1 - 1].e - d->tok[t->t0].s), d->t + d->tok[t->t0].s,
		        xr_role_name(t->role), t->flags, t->resolved,
		        t->place.name ? t->place.name : "", t->place.country,
		        t->place.admin1 ? t->place.admin1 : "",
		        t->place.kind <= IM_KIND_OTHER ? im_kind_name(t->place.kind) : "?", t->conf,
		        (long)t->in_ref - 1);
	}
	for (size_t k = 0; k < j->nsi; k++) {
		const sinfo *s = &j->si[k];
		size_t si = s->sent;
		fprintf(stderr, "[%zu] ev=%d strong=%d ana=%d kind=%s place=%d date=%d | %.*s\n", si,
			s->event, s->strong, s->anaphor, xe_sub_event_type(s->kind) ? xe_sub_event_type(s->kind) : "-",
			s->place, s->date,
			(int)(d->sent[si].e - d->sent[si].s > 120 ? 120 : d->sent[si].e - d->sent[si].s),
			d->t + d->sent[si].s);
		for (size_t t = 0; t < s->ntrig; t++)
			fprintf(stderr, "     trig %.*s %s s%d f%x\n",
				(int)(d->tok[s->trig[t].t1 - 1].e - d->tok[s->trig[t].t0].s),
				d->t + d->tok[s->trig[t].t0].s, xe_sub_event_type(s->trig[t].kind),
				s->trig[t].strength, s->trig[t].flags);
		for (size_t w = 0; w < s->nwhen; w++) {
			char b[11];
			im_date_format(s->when[w].date, b);
			fprintf(stderr, "     when %.*s -> %s p%d rep%d per%d att%d\n",
				(int)(d->tok[s->when[w].t1 - 1].e - d->tok[s->when[w].t0].s),
				d->t + d->tok[s->when[w].t0].s, s->when[w].date.y ? b : "-", s->when[w].prec,
				s->when[w].reporting, s->when[w].period, s->when[w].attrib);
		}
		for (size_t f = 0; f < s->nfig; f++)
			fprintf(stderr, "     fig %s %ld f%x '%.*s'\n", s->fig[f].what == XF_DEATHS ? "D" : "I",
				s->fig[f].v, s->fig[f].flags,
				(int)(d->tok[s->fig[f].t1 - 1].e - d->tok[s->fig[f].t0].s),
				d->t + d->tok[s->fig[f].t0].s);
	}
	for (size_t i = 0; i < j->ninc; i++) {
		fprintf(stderr, "  inc %zu place=%d sents:", i, j->incs[i].place);
		for (size_t q = 0; q < j->incs[i].ns; q++)
			fprintf(stderr, " %zu", j->incs[i].sent[q]);
		fprintf(stderr, "\n");
	}
}

/* ---- the entry point -------------------------------------------------------------- */

/* ---- what an article gave (--review, the run's summary) ------------------------- */

/* 1 when tokens [t0, t1) overlap a toponym (placed, or of another role:
 * a demonym, an outlet's). */
static int spotted_name(const job *j, size_t t0, size_t t1)
{
	for (size_t i = xt_topos_at(&j->tp, t0 > 8 ? t0 - 8 : 0); i < j->tp.n; i++) {
		const xt_topo *t = &j->tp.v[i];
		if (t->t0 >= t1)
			break;
		if (t->t1 > t0)
			return 1;
	}
	return 0;
}

/* Words after a name that make it a people's or an armed group's ("the
 * Habar Gidir clan", "Fulani herdsmen", "Lashkar-i-Islam militants"). */
static int group_noun(const xt_doc *d, size_t k)
{
	return xt_tribe_word(d, k) || xt_lex_in(&xt_eventwords, d, k, XV_GROUP);
}

/* "of", "for", "and", "of the" between two capitalised words of one name. */
static int name_joint(const xt_doc *d, size_t e, size_t t1)
{
	if (!xt_is(d, e, "of") && !xt_is(d, e, "for") && !xt_is(d, e, "and"))
		return 0;
	size_t n = e + 1 < t1 && xt_is(d, e + 1, "the") ? e + 2 : e + 1;
	return n < t1 && (d->tok[n].f & XT_CAP);
}

/* 1 when token k is a number ("12", "five", "dozens"). */
static int counted(const xt_doc *d, size_t k)
{
	if (d->tok[k].f & XT_NUM)
		return 1;
	xt_num num;
	return (d->tok[k].f & XT_WORD) && xt_num_at(d, k, k + 1, &num) && num.t1 == k + 1;
}

/* When a name that is no place starts at k: an armed group ("Boko
 * Haram"), a weapon's name in capitals, an organisation ("the Kamarkhel Peace Committee",
 * "Democratic Forces for the Liberation of Rwanda": a head of organisations' names among its
 * capitalised words, joined by "of", "for", "and", "of the"), a tribe or a people ("the Habar Gidir
 * clan", "Fulani herdsmen"), a people or a religion's followers of the lexicon ("Muslims"),
 * people counted ("five Hazaras"): the end of the name, else 0. The no-incident message must not
 * name them as a missing place. */
static size_t group_name_end(const xt_doc *d, size_t k, size_t t1)
{
	const xt_lex *hit;
	/* a people or a religion's followers of the lexicon ("Fulani",
	 * "Muslims"), as a noun or an adjective ("Fulani herdsmen") */
	size_t n = xt_lex_match(&xt_common, d, k, t1, &hit);
	if (n && hit->v == XC_PEOPLE)
		return k + n;
	n = xt_lex_match(&xt_actornames, d, k, t1, &hit);
	/* a weapon's name in capitals ("Improvised Explosive Device") */
	if (!n)
		n = xt_lex_match(&xt_trigwords, d, k, t1, &hit);
	if (n)
		return k + n;
	if (!(d->tok[k].f & XT_CAP))
		return 0;
	int org = 0;
	size_t e = k;
	while (e < t1 && e < k + 12) {
		if (d->tok[e].f & XT_CAP) {
			org |= xt_lex_match(&xt_orgheads, d, e, e + 1, &hit) == 1;
			e++;
		} else if (name_joint(d, e, t1)) {
			e += xt_is(d, e + 1, "the") ? 2 : 1;
		} else {
			break;
		}
	}
	if (org || (e < t1 && group_noun(d, e)))
		return e;
	/* people counted ("five Hazaras", "12 Ahmadis"): a number is
	 * before no place */
	if (k > 0 && counted(d, k - 1))
		return e;
	return 0;
}

/* The end of the date expression ("in June", "on Friday") that holds
 * token k of the sentence, else 0. */
static size_t when_end(const sinfo *s, size_t k)
{
	for (size_t w = 0; w < s->nwhen; w++)
		if (s->when[w].t0 <= k && k < s->when[w].t1)
			return s->when[w].t1;
	return 0;
}

/* The first name in an event sentence that reads as a place but that the
 * gazetteer does not know: a toponym kept as unknown, else capitalised
 * words inside the sentence that are no person, no everyday word and no
 * name spotted as something else. */
static void unknown_name(const job *j, char *buf, size_t cap)
{
	const xt_doc *d = &j->d;
	buf[0] = '\0';
	for (size_t q = 0; q < j->nsi; q++) {
		const sinfo *s = &j->si[q];
		for (size_t i = xt_topos_at(&j->tp, s->t0); i < j->tp.n; i++) {
			const xt_topo *t = &j->tp.v[i];
			if (t->t0 >= s->t1)
				break;
			if (t->role == XR_PLACE && (!t->resolved || (t->flags & XP_UNKNOWN)) &&
			    group_name_end(d, t->t0, s->t1) < t->t1) {
				size_t a = d->tok[t->t0].s, e = d->tok[t->t1 - 1].e;
				snprintf(buf, cap, "%.*s", (int)(e - a), d->t + a);
				return;
			}
		}
		for (size_t k = s->t0 + 1; k < s->t1; k++) {
			size_t e = k;
			while (e < s->t1 && e < k + 4 && (d->tok[e].f & XT_CAP) &&
			       !(d->tok[e].f & (XT_UPPER | XT_NUM)) && !j->persons[e] &&
			       !xt_english_word(XT_STR(d, e), XT_LEN(d, e)))
				e++;
			size_t g = group_name_end(d, k, s->t1);
			if (!g)
				g = when_end(s, k);
			/* "the Kaduna based The New Democrat newspaper" */
			if (!g && (xt_is(d, k, "the") || xt_is(d, k, "a") || xt_is(d, k, "an")))
				g = k + 1;
			if (g) {
				k = g - 1;
				continue;
			}
			if (e == k || spotted_name(j, k, e)) {
				k = e > k ? e - 1 : k;
				continue;
			}
			size_t a = d->tok[k].s, z = d->tok[e - 1].e;
			snprintf(buf, cap, "%.*s", (int)(z - a), d->t + a);
			return;
		}
	}
}

/* A name known only as a village of a country the text does not name:
 * that country into cc, else "". */
static void detail_country(const im_gaz *g, const char *name, char cc[3])
{
	cc[0] = '\0';
	if (!name[0] || im_gaz_known(g, name, strlen(name)) != 2)
		return;
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.all_detail = 1;
	im_gaz_cand c;
	if (im_gaz_lookup(g, name, strlen(name), &ctx, &c, 1) && c.place.country[0])
		snprintf(cc, 3, "%s", c.place.country);
}

static void fill_note(const job *j, const im_incident_list *out, size_t i0, im_extract_note *n)
{
	memset(n, 0, sizeof *n);
	n->n_told = j->ninc;
	n->n_placed = out->n - i0;
	n->min_conf = 1;
	for (size_t i = i0; i < out->n; i++)
		if (out->v[i].confidence < n->min_conf)
			n->min_conf = out->v[i].confidence;
	unknown_name(j, n->unknown, sizeof n->unknown);
	detail_country(j->g, n->unknown, n->unknown_cc);
}

/* The date the dateline itself gives ("KANO, March 12 (Reuters) -"): a
 * full date, or a day and month whose year comes from ref (the one that
 * puts it within a week after ref at the latest). y == 0: none. */
static im_date dateline_date(const job *j, im_date ref)
{
	im_date r = {0, 0, 0};
	const xt_doc *d = &j->d;
	if (!j->dl.end)
		return r;
	if (xt_full_date(d, 0, j->dl.end, &r))
		return r;
	if (!ref.y)
		return r;
	xt_when w[4];
	size_t n = xt_dates(d, 0, j->dl.end, im_date_add_days(ref, 7), w, 4);
	for (size_t i = 0; i < n; i++)
		if (w[i].kind == XW_MONTHDAY && w[i].date.y)
			return w[i].date;
	return r;
}

/* The date that "on Monday" counts from: the article's own date, else the
 * dateline's, else --date, else a full date early in the text, else the
 * latest one in it. */
static im_date pick_anchor(const job *j, const im_extract_opts *o)
{
	if (j->a->date.y && im_date_valid(j->a->date))
		return j->a->date;
	im_date deflt = {0, 0, 0};
	if (o && o->default_date.y && im_date_valid(o->default_date))
		deflt = o->default_date;
	im_date r = dateline_date(j, deflt);
	if (r.y)
		return r;
	if (deflt.y)
		return deflt;
	const xt_doc *d = &j->d;
	/* the first sentences', else the latest in the text */
	size_t lim = d->nsent > 2 ? d->sent[2].t0 : d->ntok;
	if (xt_full_date(d, 0, lim, &r))
		return r;
	im_date latest = {0, 0, 0};
	for (size_t s = 0; s < d->nsent; s++) {
		if (xt_full_date(d, d->sent[s].t0, d->sent[s].t1, &r) &&
		    (!latest.y || im_date_to_days(r) > im_date_to_days(latest)))
			latest = r;
	}
	return latest;
}

im_status im_extract_article(const im_gaz *g, const im_article *a, const im_extract_opts *o,
			     im_incident_list *out, im_error *err)
{
	if (o && o->context_out)
		*o->context_out = 0;
	if (o && o->note_out) {
		memset(o->note_out, 0, sizeof *o->note_out);
		o->note_out->min_conf = 1;
	}
	if (!a || !a->text || a->len == 0)
		return IM_OK;
	size_t i0 = out->n;
	job *j = calloc(1, sizeof *j);
	if (!j)
		return im_error_set(err, IM_E_NOMEM, a->file, a->line, 0, "out of memory");
	j->g = g;
	j->a = a;
	xt_lex_load(); /* before the text is read: its tokens' lists (xt_tok.lists) */
	im_status st = xt_doc_parse(&j->d, a->text, a->len);
	if (!st && j->d.ntok) {
		j->persons = malloc(j->d.ntok);
		if (!j->persons)
			st = IM_E_NOMEM;
	}
	if (!st && j->d.ntok) {
		xt_dateline_find(&j->d, &j->dl);
		xt_mark_persons(&j->d, j->persons);
		j->anchor = pick_anchor(j, o);
		st = xt_toponyms(g, &j->d, &j->dl, j->persons, o, &j->tp);
		if (!st && o && o->context_out)
			*o->context_out = j->tp.ncc;
		if (!st && j->tp.n >= XT_MAX_TOPOS)
			im_warn(a->file, a->line,
				"more than %d place names in one article: the rest are not looked up",
				XT_MAX_TOPOS);
	}
	if (!st && j->d.ntok) {
		size_t cap = 0;
		sinfo one;
		size_t s = 0;
		for (; !st && s < j->d.nsent && j->nsi < MAX_EVENT_SENTS; s++) {
			read_sentence(j, s, &one);
			if (!one.event)
				continue;
			if (im_grow(&j->si, &cap, j->nsi + 1, sizeof *j->si)) {
				st = IM_E_NOMEM;
				break;
			}
			j->si[j->nsi++] = one;
		}
		if (!st && s < j->d.nsent)
			im_warn(a->file, a->line,
				"more than %d sentences tell of events in one article: the rest is not read",
				MAX_EVENT_SENTS);
		if (!st) {
			group(j);
			place_from_neighbours(j);
			place_from_report(j);
		}
		if (!st && j->ndropped)
			im_warn(a->file, a->line,
				"more than %d incidents in one article: %zu more not kept", MAX_INCIDENTS,
				j->ndropped);
		if (getenv("INCIMAP_XDEBUG"))
			debug_dump(j);
		for (size_t i = 0; !st && i < j->ninc; i++)
			st = build(j, &j->incs[i], o, out);
		if (!st && o && o->note_out)
			fill_note(j, out, i0, o->note_out);
	}
	xt_topos_free(&j->tp);
	free(j->persons);
	free(j->si);
	xt_doc_free(&j->d);
	free(j);
	if (st)
		return im_error_set(err, st, a->file, a->line, 0, "%s",
				    st == IM_E_NOMEM ? "out of memory" : im_status_str(st));
	return IM_OK;
}

/* ---- the toponym listing (bench/, --toponyms) ---------------------------------- */

im_status im_extract_toponyms(const im_gaz *g, const im_article *a, FILE *fp, im_error *err)
{
	xt_doc d;
	xt_dateline dl;
	xt_topos tp;
	unsigned char *persons = NULL;
	im_buf b = IM_BUF_INIT;
	memset(&tp, 0, sizeof tp);
	xt_lex_load();
	im_status st = xt_doc_parse(&d, a->text ? a->text : "", a->text ? a->len : 0);
	if (!st && d.ntok && !(persons = malloc(d.ntok)))
		st = IM_E_NOMEM;
	if (!st && d.ntok) {
		xt_dateline_find(&d, &dl);
		xt_mark_persons(&d, persons);
		st = xt_toponyms(g, &d, &dl, persons, NULL, &tp);
	}
	st = st ? st : im_buf_puts(&b, "{\"id\":");
	st = st ? st : (a->id ? im_buf_json_str(&b, a->id) : im_buf_puts(&b, "null"));
	st = st ? st : im_buf_puts(&b, ",\"file\":");
	st = st ? st : im_buf_json_str(&b, a->file ? a->file : "");
	st = st ? st : im_buf_printf(&b, ",\"line\":%ld,\"toponyms\":[", a->line);
	int first = 1;
	for (size_t i = 0; !st && i < tp.n; i++) {
		const xt_topo *t = &tp.v[i];
		/* guesses kept for context only ("Iraqis", a weak name), and "the
		 * capital", which is no name */
		if (t->conf < 0.25 || (t->flags & XP_CAPITAL))
			continue;
		size_t s0 = d.tok[t->t0].s, e0 = d.tok[t->t1 - 1].e;
		if ((t->flags & XP_PART) && t->nlen && s0 + t->noff + t->nlen <= e0) {
			s0 += t->noff;
			e0 = s0 + t->nlen;
		}
		st = im_buf_printf(&b, "%s{\"start\":%zu,\"end\":%zu,\"text\":", first ? "" : ",",
				   s0 + a->text_off, e0 + a->text_off);
		first = 0;
		st = st ? st : im_buf_json_strn(&b, d.t + s0, e0 - s0);
		st = st ? st : im_buf_printf(&b, ",\"role\":\"%s\",\"conf\":", xr_role_name(t->role));
		st = st ? st : im_buf_num(&b, t->conf, 3);
		st = st ? st : im_buf_printf(&b, ",\"relative\":%s,\"unknown\":%s,\"focus\":%s",
					     t->flags & XP_RELATIVE ? "true" : "false",
					     t->flags & XP_UNKNOWN ? "true" : "false",
					     t->flags & XP_FOCUS ? "true" : "false");
		if (!st && t->resolved) {
			st = im_buf_puts(&b, ",\"lat\":");
			st = st ? st : im_buf_num(&b, t->place.lat, 6);
			st = st ? st : im_buf_puts(&b, ",\"lon\":");
			st = st ? st : im_buf_num(&b, t->place.lon, 6);
			st = st ? st : im_buf_puts(&b, ",\"gazetteer_id\":");
			st = st ? st : im_buf_json_str(&b, t->place.id ? t->place.id : "");
			st = st ? st : im_buf_puts(&b, ",\"name\":");
			st = st ? st : im_buf_json_str(&b, t->place.name ? t->place.name : "");
			st = st ? st : im_buf_puts(&b, ",\"country\":");
			st = st ? st : im_buf_json_str(&b, t->place.country);
			st = st ? st : im_buf_puts(&b, ",\"kind\":");
			st = st ? st : im_buf_json_str(&b, im_kind_name(t->place.kind));
		} else if (!st && (t->flags & XP_FOCUS)) {
			st = im_buf_puts(&b, ",\"lat\":");
			st = st ? st : im_buf_num(&b, t->place.lat, 6);
			st = st ? st : im_buf_puts(&b, ",\"lon\":");
			st = st ? st : im_buf_num(&b, t->place.lon, 6);
		}
		st = st ? st : im_buf_putc(&b, '}');
	}
	st = st ? st : im_buf_puts(&b, "]}\n");
	if (!st && fwrite(b.p, 1, b.len, fp) != b.len)
		st = IM_E_IO;
	im_buf_free(&b);
	xt_topos_free(&tp);
	free(persons);
	xt_doc_free(&d);
	if (st)
		return im_error_set(err, st, a->file, a->line, 0, "%s",
				    st == IM_E_NOMEM ? "out of memory" : "cannot write the toponyms");
	return IM_OK;
}
