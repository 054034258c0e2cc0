/* extract_int.h: what only the extract stage (and its unit tests) sees:
 * tokens and sentences, word lists, numbers, dates, event types, actors,
 * casualty figures, datelines and names, toponyms. */
#ifndef IM_EXTRACT_INT_H
#define IM_EXTRACT_INT_H

#include "extract.h"

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* ---- tokens and sentences (text.c) ------------------------------------ */

enum {
	XT_WORD = 1u << 0,     /* letters or digits (a number is also a word) */
	XT_NUM = 1u << 1,      /* starts with a digit */
	XT_PUNCT = 1u << 2,    /* one punctuation mark (or "...") */
	XT_CAP = 1u << 3,      /* first letter is upper case */
	XT_UPPER = 1u << 4,    /* two or more letters, all upper case */
	XT_NL = 1u << 5,       /* a line break comes before it */
	XT_PARA = 1u << 6,     /* a blank line comes before it */
	XT_SP = 1u << 7,       /* white space comes before it */
	XT_ABBR = 1u << 8,     /* ends with its own period: "Dec.", "U.S.", "Lt." */
	XT_NONLATIN = 1u << 9, /* Arabic script (capitalisation means nothing) */
	XT_SSTART = 1u << 10,  /* first token of its sentence */
	XT_QUOTE = 1u << 11,   /* a quotation mark */
	XT_POSS = 1u << 12,    /* the "'s" of a possessive */
	XT_DASH = 1u << 13,    /* "-", "–", "—" standing alone */
	XT_LOWER = 1u << 14    /* starts with a lower-case letter */
};

typedef struct xt_tok {
	uint32_t s, e;   /* bytes [s, e) of the text */
	uint32_t f;      /* XT_* */
	uint32_t sent;   /* index of its sentence */
	uint32_t lo;     /* its lower-cased form: xt_doc.low + lo, NUL-terminated */
	uint32_t ll;     /* length of that form */
	uint32_t h;      /* FNV-1a hash of that form (the word lists' index) */
	uint32_t lists;  /* the word lists with an entry that starts with this
	                  * word: bit L.id (xt_lex_firsts), when xt_doc.lists_ok */
} xt_tok;

enum {
	XS_HEADLINE = 1u << 0, /* a line with no final stop: a title or heading */
	XS_LINK = 1u << 1,     /* "Read more: ...": another article's headline */
	XS_QUOTED = 1u << 2    /* opens with a quotation mark */
};

typedef struct xt_sent {
	uint32_t t0, t1; /* tokens [t0, t1) */
	uint32_t s, e;   /* bytes [s, e) */
	uint32_t f;      /* XS_* */
} xt_sent;

typedef struct xt_doc {
	const char *t; /* borrowed text */
	size_t n;
	xt_tok *tok;
	size_t ntok;
	xt_sent *sent;
	size_t nsent;
	char *low;     /* the tokens lower-cased (ASCII, ’ as '), each NUL-terminated */
	int lists_ok;  /* 1: the tokens' lists are filled (the lexicon was
	                * loaded before the document was read) */
} xt_doc;

/* Tokenises text (valid UTF-8) and splits it into sentences. On failure
 * (IM_E_NOMEM) d is left empty. Free with xt_doc_free. */
im_status xt_doc_parse(xt_doc *d, const char *text, size_t len);
void xt_doc_free(xt_doc *d);

/* Token i lower-cased (ASCII only, ’ as ') into buf; "" when longer than
 * cap - 1. Returns the length. */
size_t xt_lower(const xt_doc *d, size_t i, char *buf, size_t cap);
/* Token i lower-cased, borrowed from the document. */
#define XT_LOW(d, i) ((d)->low + (d)->tok[i].lo)

/* The word tests below are the inner loop of every rule (some 13 M asks on
 * the speed corpus): inlined even into the long rule functions, where the
 * compiler's size limits would otherwise make each a call costing more
 * than the test itself (and a strlen of the literal word that inlining
 * folds away). */
#if defined(__GNUC__)
#define XT_WORD_TEST static inline __attribute__((always_inline))
#else
#define XT_WORD_TEST static inline
#endif

/* 1 when token i is the word w (lower case; ASCII case ignored in the
 * text, ’ read as '). */
XT_WORD_TEST int xt_is(const xt_doc *d, size_t i, const char *w)
{
	if (i >= d->ntok)
		return 0;
	const xt_tok *t = &d->tok[i];
	const char *low = d->low + t->lo;
	if (low[0] != w[0]) /* most tokens asked: no strlen, no memcmp */
		return 0;
	size_t n = strlen(w);
	return t->ll == n && memcmp(low, w, n) == 0;
}

/* 1 when token i is one of the NULL-terminated words. */
static inline int xt_is_any(const xt_doc *d, size_t i, const char *const *ws)
{
	if (i >= d->ntok)
		return 0;
	const xt_tok *t = &d->tok[i];
	const char *low = d->low + t->lo;
	/* the first two bytes before a strcmp (both strings end in a NUL) */
	for (; *ws; ws++)
		if ((*ws)[0] == low[0] && (!low[0] || (*ws)[1] == low[1]) && strcmp(*ws, low) == 0)
			return 1;
	return 0;
}

/* FNV-1a hash of the n bytes at s: xt_tok.h of a token whose lower-cased
 * form they are. */
uint32_t xt_word_hash(const char *s, size_t n);

/* A word list tested at every token: its words (lower case, NULL-
 * terminated) and a signature of their hashes, 2 bits of 1024 a word, made
 * at its first use (by whichever thread comes first: the same bits), from
 * which xt_in tells most tokens that are none of them without reading the
 * list. Declare it static: static xt_words kill = XT_WORDS(kill_list). */
#define XT_SIG_BITS 1024 /* a list of 60 words lets some 1 token in 70 through */
typedef struct xt_words {
	const char *const *w; /* NULL: group g of the lexicon's list L */
	_Atomic uint64_t sig[XT_SIG_BITS / 64];
	_Atomic int signed_;
	struct xt_lexicon *L;
	int g;
} xt_words;
#define XT_WORDS(list) {(list), {0}, 0, NULL, 0}
/* A word set of a group of a list of groups (lexicon/casualty-words.txt's
 * group 3: XT_GROUP(&xt_casualtywords, XK_DEATH)), its words the file's and
 * the user's: static xt_words dead = XT_GROUP(&xt_casualtywords, XK_DEATH). */
#define XT_GROUP(list, group) {NULL, {0}, 0, (list), (group)}

/* 1 when token i is one of ws's words, read from the list (after signing
 * ws when it is not yet): xt_in's slow path. */
int xt_in_list(const xt_doc *d, size_t i, xt_words *ws);

/* 1 when token i is one of ws's words: xt_is_any, mostly without the list. */
XT_WORD_TEST int xt_in(const xt_doc *d, size_t i, xt_words *ws)
{
	if (i >= d->ntok)
		return 0;
	uint32_t h = d->tok[i].h, a = h % XT_SIG_BITS, b = (h / XT_SIG_BITS) % XT_SIG_BITS;
	if (atomic_load_explicit(&ws->signed_, memory_order_acquire) &&
	    (!((atomic_load_explicit(&ws->sig[a >> 6], memory_order_relaxed) >> (a & 63)) & 1) ||
	     !((atomic_load_explicit(&ws->sig[b >> 6], memory_order_relaxed) >> (b & 63)) & 1)))
		return 0;
	return xt_in_list(d, i, ws);
}
#define XT_LEN(d, i) ((size_t)((d)->tok[i].e - (d)->tok[i].s))
#define XT_STR(d, i) ((d)->t + (d)->tok[i].s)

/* ---- word lists (lex.c) ----------------------------------------------- */

/* One entry: k is lower case, words separated by one space; v and s are
 * whatever the list means (a number, a canonical name, a country code). */
typedef struct xt_lex {
	const char *k;
	int v;
	const char *s;
} xt_lex;

typedef struct xt_lexicon {
	const char *name;
	const xt_lex *e; /* sorted by k (strcmp) */
	size_t n;
	int id;          /* its index among the lists (its bit in xt_tok.lists) */
} xt_lexicon;

/* xt_lex_match's lookup, for a token some entry of L may start with. */
size_t xt_lex_match_at(const xt_lexicon *L, const xt_doc *d, size_t i, size_t end,
		       const xt_lex **hit);
/* The longest entry that matches the tokens from i on (not past end):
 * returns how many tokens it spans (0: none) and the entry in *hit.
 * Inline: most tokens asked start no entry of L, which their lists say. */
static inline size_t xt_lex_match(const xt_lexicon *L, const xt_doc *d, size_t i, size_t end,
				  const xt_lex **hit)
{
	if (d->lists_ok && i < d->ntok && L->id >= 0 && L->id < 32 &&
	    !((d->tok[i].lists >> L->id) & 1)) {
		*hit = NULL;
		return 0;
	}
	return xt_lex_match_at(L, d, i, end, hit);
}
/* An entry for exactly the string s (already lower case); NULL if none. */
const xt_lex *xt_lex_get(const xt_lexicon *L, const char *s, size_t n);
/* 1 when s (any case, ASCII) is an everyday English word or its plural. */
int xt_english_word(const char *s, size_t n);
/* What token k is in lexicon/figure-words.txt: XW_INTENT ("tried"),
 * XW_ANIMAL ("camels"), XW_MACHINE ("drone"); 0 when none. */
int xt_figure_word(const xt_doc *d, size_t k);
/* 1 when token k is a word of tribes and clans ("tribe", "clansmen"). */
int xt_tribe_word(const xt_doc *d, size_t k);
/* 1 when token k is a compass word ("north", "south-east", "northern"). */
int xt_compass(const xt_doc *d, size_t k);
/* The groups token k is in, in a list of groups (XN_GROUP: place-cues,
 * event-words): bit g set for group g (XG(g)); 0 when none. One probe of
 * the list's hash. */
uint32_t xt_lex_groups_at(const xt_lexicon *L, const xt_doc *d, size_t k);
static inline uint32_t xt_lex_groups(const xt_lexicon *L, const xt_doc *d, size_t k)
{
	/* a word that starts no entry of L (its lists say so): no group */
	if (k < d->ntok && d->lists_ok && (d->tok[k].f & XT_WORD) && L->id >= 0 && L->id < 32 &&
	    !((d->tok[k].lists >> L->id) & 1))
		return 0;
	return xt_lex_groups_at(L, d, k);
}
/* The words of group g of L, NULL-terminated (none: an empty list). */
const char *const *xt_lex_group_words(const xt_lexicon *L, int g);
#define XG(g) ((uint32_t)1 << (g))
/* 1 when token k is in group g of L. */
static inline int xt_lex_in(const xt_lexicon *L, const xt_doc *d, size_t k, int g)
{
	return (xt_lex_groups(L, d, k) & XG(g)) != 0;
}
/* Fills the lists now (else done at the first lookup). */
void xt_lex_load(void);
/* 1 once the lists are filled (xt_lex_load or a first lookup has ended). */
int xt_lex_ready(void);
/* The lists (bit L.id) with an entry whose first word is w (n bytes, lower
 * case, hash h = xt_word_hash(w, n)), once the lists are filled:
 * XT_LISTS_ANY when that cannot be told. */
uint32_t xt_lex_firsts(const char *w, size_t n, uint32_t h);
#define XT_LISTS_ANY 0xFFFFFFFFu
/* 1 when e, an entry of L, is the user's (lexicon.tsv). */
int xt_lex_is_users(const xt_lexicon *L, const xt_lex *e);
/* 0 when every shipped lexicon file read cleanly and every list is sorted
 * without duplicates; else 1 with the first problem in msg. */
int xt_lex_check(char *msg, size_t cap);

/* The lists, filled from lexicon/NAME.txt (NAME is their `name`) and the
 * user's lexicon.txt at the first lookup. */
extern xt_lexicon xt_abbrevs;         /* words that keep their period */
extern xt_lexicon xt_titles;          /* person titles: v 1 = comes before a name */
extern xt_lexicon xt_given;           /* given names */
extern xt_lexicon xt_outlets;         /* news outlets and agencies */
extern xt_lexicon xt_demonyms;        /* "iranian" -> s "IR" ("european" -> s "im:europe",
                                       * a gazetteer id); v 1 = people noun */
extern xt_lexicon xt_common;          /* common words that are also place names */
enum { XC_PEOPLE = 2 };               /* xt_common's number of a people ("Fulani", "Muslims") */
extern xt_lexicon xt_starters;        /* words that often open a sentence */
extern xt_lexicon xt_placeheads;      /* "street", "province": s = kind word */
extern xt_lexicon xt_orgheads;        /* "command", "ministry", "university" */
extern xt_lexicon xt_actornames;      /* alias -> canonical actor (s) */
extern xt_lexicon xt_actor_countries; /* canonical actor, lower case -> ISO codes (s) */
extern xt_lexicon xt_us_states;       /* "calif." -> s "California" */
extern xt_lexicon xt_world;           /* short names of countries (v -1, s the code) and of
                                       * regions (v 1, s the gazetteer id) */
extern xt_lexicon xt_trigwords;       /* event triggers: v = xe_kind * 10 + strength */
extern xt_lexicon xt_english;         /* everyday English words */
extern xt_lexicon xt_figwords;        /* words the figures are read with: v XW_... */
extern xt_lexicon xt_placecues;       /* words around a place: groups XQ_... */
extern xt_lexicon xt_eventwords;      /* words that say what an incident was: XV_... */
extern xt_lexicon xt_casualtywords;   /* words the figures are read with: XK_... */
extern xt_lexicon xt_triggercues;     /* words near a trigger: XU_... */
extern xt_lexicon xt_namecues;        /* words near a person's name: XM_BYLINE, XM_SPEECH */
enum { XW_INTENT = 1, XW_ANIMAL = 2, XW_MACHINE = 3 }; /* xt_figwords' numbers */
/* xt_placecues' groups (lexicon/place-cues.txt says what each holds) */
enum {
	XQ_JOURNEY = 1,
	XQ_MOVED,
	XQ_PEOPLE,
	XQ_SPEAKING,
	XQ_SPEAKER,
	XQ_SAYS,
	XQ_STATEMENT,
	XQ_CARE,
	XQ_STRUCK,
	XQ_AREA,
	XQ_SETTLEMENT,
	XQ_TRIBE,
	XQ_SETTLEMENT_OF,
	XQ_PROVINCE_OF,
	XQ_TOWN_OF,
	XQ_PROVINCE_HEAD,
	XQ_PART,
	XQ_SETTLEMENT_IN,
	XQ_BODY,
	XQ_STAFF,
	XQ_FOLK,
	XQ_VILLAGE,
	XQ_COUNTRY_ATTR,
	XQ_OUT_SITE
};
/* xt_namecues' groups (lexicon/name-cues.txt) */
enum { XM_BYLINE = 1, XM_SPEECH };
/* xt_triggercues' groups (lexicon/trigger-cues.txt) */
enum {
	XU_NOT_VICTIM = 1,
	XU_NOT_KILLED,
	XU_AIMLESS,
	XU_SHOTS,
	XU_BOOMING,
	XU_GENERIC,
	XU_PLANNED,
	XU_ARMED,
	XU_ARMED_PLACE,
	XU_SOURCE,
	XU_SIGHTED
};
/* xt_casualtywords' groups (lexicon/casualty-words.txt) */
enum {
	XK_TO_DEATH = 1,
	XK_HARMED,
	XK_DEATH,
	XK_INJURY,
	XK_KILL_VERB,
	XK_INJURE_VERB,
	XK_OTHER_VERB,
	XK_PLURAL,
	XK_COLLECTIVE,
	XK_ATTACKER,
	XK_KILL_LIST,
	XK_HURT_LIST,
	XK_KILLING,
	XK_DEATH_NOUN,
	XK_ONE_OF_MANY,
	XK_EARLIER,
	XK_RISE,
	XK_BEFORE_VERB,
	XK_PHRASE_END,
	XK_UPDATE,
	XK_UNIT
};
/* xt_eventwords' groups (lexicon/event-words.txt) */
enum {
	XV_CLAIM_DEED = 1,
	XV_CLAIM_VERB,
	XV_ANAPHOR,
	XV_HAPPENED,
	XV_DISRUPTED,
	XV_ARREST,
	XV_FIGHT,
	XV_GROUP,
	XV_SUSPECTED,
	XV_REPORTED
};

/* ---- the lexicon's files (lexfile.c) ------------------------------------ */

enum { XL_NONE, XL_TEXT, XL_KIND }; /* a list's third column: none, text, event kind */
/* A list's NUMBER column: none; a number; a group (one word a line, which
 * may be in several groups, a line for each: xt_lex_groups). */
enum { XN_NONE, XN_NUMBER, XN_GROUP };

typedef struct xt_listspec {
	xt_lexicon *L;      /* its name is its file's stem: "actors" */
	unsigned char num;  /* XN_...: whether a NUMBER column is read, and what */
	unsigned char text; /* XL_...: what the third column holds */
} xt_listspec;

size_t xt_lex_nlists(void);
const xt_listspec *xt_lex_spec(size_t id);              /* NULL past the last */
const xt_listspec *xt_lex_spec_named(const char *name); /* NULL: no such list */

/* An entry as read: its list and line. */
typedef struct xt_lexent {
	xt_lex e;
	uint32_t list, line;
} xt_lexent;

typedef struct xt_lexset {
	xt_lexent *v;
	size_t n, cap;
} xt_lexset;

/* Reads text[0..len) (text[len] must be writable: it becomes a NUL) as the
 * file of list `list` (-1: the user's file, whose first column names the
 * list) and appends its entries to out; they point into text, which is
 * changed in place. The first bad line, or a key given twice in one list,
 * stops the read with FILE:LINE in err (IM_E_PARSE). */
im_status xt_lex_read(const char *file, char *text, size_t len, int list, xt_lexset *out,
                      im_error *err);
void xt_lexset_free(xt_lexset *s);
/* qsort order of entries: by list, then key, then line (of equal keys the
 * one read last sorts last). */
int xt_lexent_cmp(const void *a, const void *b);
/* 1 when a and b are one entry: of one list, one key (and one group, in a
 * list of groups); the later replaces the earlier. */
int xt_lexent_same(const xt_lexent *a, const xt_lexent *b);
/* The event kind a triggers file names ("suicide" -> XE_SUICIDE), -1 none;
 * and back (NULL: none). */
int xt_lex_kind_named(const char *s);
const char *xt_lex_kind_name(int kind);

/* ---- numbers (num.c) -------------------------------------------------- */

enum {
	XN_ATLEAST = 1u << 0, /* "at least", "more than", "over" */
	XN_APPROX = 1u << 1,  /* "about", "nearly", "some" */
	XN_VAGUE = 1u << 2,   /* "several", "dozens": ACLED's conventional figures */
	XN_WORD = 1u << 3,    /* written in words */
	XN_UPTO = 1u << 4     /* "up to" */
};

typedef struct xt_num {
	long v;
	unsigned flags;
	size_t t0, t1; /* tokens, qualifiers included */
} xt_num;

/* Value of one number word: "four" 4, "twenty-five" 25, "dozen" 12;
 * -1 when s is not one. */
long xt_num_word(const char *s, size_t n);
/* Reads a count at token i (not past end): "35", "1,200", "four", "twenty
 * five", "a dozen", "dozens of", "at least 35", "more than 80". 1 when
 * found, with the tokens it spans. Years and clock times are not counts. */
int xt_num_at(const xt_doc *d, size_t i, size_t end, xt_num *out);

/* ---- dates (when.c) --------------------------------------------------- */

enum {
	XW_FULL = 1,   /* "April 16, 2024", "2024-04-16" */
	XW_MONTHDAY,   /* "Dec. 7", "7 November" */
	XW_WEEKDAY,    /* "on Tuesday", "last Tuesday" */
	XW_RELDAY,     /* "yesterday", "today", "last night" */
	XW_SAMEDAY,    /* "earlier that day", "the same day" */
	XW_WEEK,       /* "last week", "this week" */
	XW_MONTH,      /* "in July", "last month", "July 2021" */
	XW_YEAR,       /* "in 2019", "last year" */
	XW_DURATION    /* "for nearly a month": ongoing until the anchor */
};

typedef struct xt_when {
	int kind;        /* XW_* */
	im_date date;    /* y == 0 when it cannot be known (no anchor) */
	int prec;        /* ACLED time precision: 1 day, 2 week, 3 month+ */
	size_t t0, t1;   /* tokens */
	int reporting;   /* the date of a statement ("said on Sunday") */
	int period;      /* "since Nov. 27", "after last month's": not an event's date */
	int attrib;      /* "last month's elections": belongs to the noun after it */
} xt_when;

/* The year a token is (a four-digit number 1900..2100), or 0. */
int xt_year_at(const xt_doc *d, size_t i);

/* Date expressions in tokens [t0, t1), resolved against anchor (y == 0:
 * none, so only expressions with their own year get a date). Writes at
 * most max; returns how many were written. */
size_t xt_dates(const xt_doc *d, size_t t0, size_t t1, im_date anchor, xt_when *out,
		size_t max);
/* The first date with day, month and year written in tokens [t0, t1). */
int xt_full_date(const xt_doc *d, size_t t0, size_t t1, im_date *out);
/* Latest weekday wd (0 Monday..6 Sunday) on or before anchor; with
 * strictly != 0, before it. */
im_date xt_weekday_before(im_date anchor, int wd, int strictly);
/* Month m (1..12) of the latest year that makes it not later than anchor,
 * coded to its middle day ((days + 1) / 2: the 16th of July, the 15th of
 * June, the 14th of a 28-day February). */
im_date xt_month_before(im_date anchor, int m);

/* ---- event types (evtype.c) ------------------------------------------- */

typedef enum xe_kind {
	XE_NONE = 0,
	XE_SUICIDE,     /* Explosions/Remote violence / Suicide bomb */
	XE_AIR,         /* Explosions/Remote violence / Air/drone strike */
	XE_SHELL,       /* Explosions/Remote violence / Shelling/artillery/missile attack */
	XE_GRENADE,     /* Explosions/Remote violence / Grenade */
	XE_IED,         /* Explosions/Remote violence / Remote explosive/landmine/IED */
	XE_ABDUCT,      /* Violence against civilians / Abduction/forced disappearance */
	XE_SEXUAL,      /* Violence against civilians / Sexual violence */
	XE_ATTACK,      /* Violence against civilians / Attack */
	XE_CLASH,       /* Battles / Armed clash */
	XE_TAKEOVER,    /* Battles / Non-state actor overtakes territory */
	XE_EXCESSIVE,   /* Protests / Excessive force against protesters */
	XE_INTERVENED,  /* Protests / Protest with intervention */
	XE_RIOT,        /* Riots / Violent demonstration */
	XE_MOB,         /* Riots / Mob violence */
	XE_PROTEST,     /* Protests / Peaceful protest */
	XE_KILLING,     /* a killing with no more said: Attack or Armed clash by target */
	XE_ATTACKWORD,  /* "attack", "assault": type from the rest of the incident */
	XE_DISRUPTED,   /* Strategic developments / Disrupted weapons use (not a trigger:
			 * a bomb defused, a missile intercepted, no one hurt) */
	XE_ARREST,      /* Strategic developments / Arrests ("arrested", "detained"; a
			 * raid that only arrested) */
	XE_LOOT,        /* Strategic developments / Looting/property destruction */
	XE_HQ,          /* Strategic developments / Headquarters or base established */
	XE_N
} xe_kind;

const char *xe_event_type(xe_kind k);
const char *xe_sub_event_type(xe_kind k);

enum {
	XE_GENERIC = 1u << 0,  /* plural or habitual: "attacks have risen" */
	XE_ANAPHOR = 1u << 1,  /* "the attack", "the blast": refers back */
	XE_SUSPECT = 1u << 2,  /* hedged or hypothetical */
	XE_NEGATED = 1u << 3,  /* "no attack", "foiled" */
	XE_ASIDE = 1u << 4     /* in a passing clause: ", which has used drones",
				* "drones were seen": not the incident's own word */
};

typedef struct xt_trig {
	xe_kind kind;
	size_t t0, t1;
	unsigned flags;  /* XE_GENERIC ... */
	int strength;    /* 1 weak ("incident"), 2 a noun/verb, 3 a specific phrase */
} xt_trig;

/* 1 when the violence word at [k, e) is a figure of speech ("killed the
 * bill", "shot the film", "prices exploded"). */
int xt_figurative(const xt_doc *d, size_t k, size_t e, size_t t1);

/* Event triggers in tokens [t0, t1). Writes at most max, returns count. */
size_t xt_triggers(const xt_doc *d, size_t t0, size_t t1, xt_trig *out, size_t max);
/* 1 when tokens [t0, t1) name an armed target (soldiers, police, a base,
 * a patrol, fighters): an attack on them is a battle, not on civilians. */
int xt_armed_target(const xt_doc *d, size_t t0, size_t t1);
/* Are the victims of these triggers armed? Looks after active triggers
 * ("killed three soldiers") and before passive ones ("two soldiers were
 * wounded"), never at the attackers ("gunmen shot ..."). */
int xt_victims_armed(const xt_doc *d, size_t t0, size_t t1, const xt_trig *tr, size_t n);
/* Combines triggers of one incident (and whether its target is armed)
 * into one kind. */
xe_kind xt_decide_kind(const xt_trig *t, size_t n, int armed_target, int protesters_hit);

/* ---- actors (actors.c) ------------------------------------------------ */

typedef struct xt_actor {
	const char *name; /* canonical, static */
	size_t t0, t1;
} xt_actor;

/* Named actors in tokens [t0, t1), normalised ("Daesh" -> "Islamic State");
 * suspicion ("hallmarks of ISIS", "blamed on") is skipped. */
size_t xt_actors(const xt_doc *d, size_t t0, size_t t1, xt_actor *out, size_t max);

/* ---- casualties (casualty.c) ------------------------------------------ */

enum { XF_DEATHS = 1, XF_INJURIES = 2 };
enum {
	XF_UPDATE = 1u << 0,  /* "the toll rose to": the latest figure */
	XF_ZERO = 1u << 1,    /* "no one was killed" */
	XF_SINGLE = 1u << 2,  /* "killing the deputy head": one person */
	XF_HEDGED = 1u << 3,  /* "only two, some sources said": an other account */
	XF_VAGUE = 1u << 4,   /* "dozens", "several" */
	XF_ALSO = 1u << 5     /* "also killed", "another 10": more of the same event */
};

typedef struct xt_fig {
	int what;       /* XF_DEATHS or XF_INJURIES */
	long v;
	unsigned flags; /* XF_* */
	size_t t0, t1;  /* tokens of the figure */
} xt_fig;

/* Casualty figures in tokens [t0, t1). Writes at most max, returns count. */
size_t xt_figures(const xt_doc *d, size_t t0, size_t t1, xt_fig *out, size_t max);

/* ---- datelines and names (names.c) ------------------------------------ */

typedef struct xt_dateline {
	size_t end;       /* first token after the dateline (0: none) */
	size_t p0, p1;    /* the place tokens ("ERBIL") */
	size_t c0, c1;    /* a country or region after it ("Iraq"), else c0 == c1 */
	size_t o0, o1;    /* an outlet in brackets, else o0 == o1 */
} xt_dateline;

/* Finds a dateline at the start of the text: upper-case place, optional
 * ", Country", optional date, optional "(Outlet)", then a dash or colon. */
int xt_dateline_find(const xt_doc *d, xt_dateline *out);

/* How many tokens of a news outlet's name start at i (0: none). */
size_t xt_outlet_at(const xt_doc *d, size_t i, size_t end);

/* Marks person names, for each token that is part of one: mark[i] = 2
 * for titles ("Gov. Asaad al-Eidani"), ages ("al-Obeidi, 52,") and names
 * seen before in the document; 3 for a given name and a surname ("Hadi
 * al-Ameri": a place the gazetteer knows as a whole may still win, as in
 * "Beverly Hills"); 1 for a weak guess (capitalised words before "said").
 * mark has d->ntok entries. */
void xt_mark_persons(const xt_doc *d, unsigned char *mark);

/* ---- toponyms (place.c) ----------------------------------------------- */

typedef enum xr_role {
	XR_PLACE = 0,    /* a place used as one */
	XR_DATELINE,     /* where the report was filed */
	XR_DEMONYM,      /* "Iranian", "Iraqis": the country, as an adjective */
	XR_EMBEDDED,     /* inside an organisation or outlet name */
	XR_MODIFIER      /* "Basra Governor": a noun modifier */
} xr_role;

enum {
	XP_RELATIVE = 1u << 0, /* "northwest of X", "outskirts of X", "near X" */
	XP_UNKNOWN = 1u << 1,  /* not in the gazetteer: placed at its reference or focus */
	XP_LOCATIVE = 1u << 2, /* introduced by in/at/near/city of... */
	XP_PROVINCE = 1u << 3, /* resolved to a province or region */
	XP_COUNTRY = 1u << 4,  /* resolved to a country */
	XP_FOCUS = 1u << 5,    /* unknown name placed at the document's focus */
	XP_PART = 1u << 6,     /* the name is the start of one word ("Iran-backed") */
	XP_CAPITAL = 1u << 7,  /* "the Iraqi capital": the capital of a country */
	XP_SITE_OF = 1u << 9,  /* a lower-case site follows: "Damascus airport", "Mosul dam" */
	XP_FACILITY = 1u << 8, /* a building or institution named after the place
	                        * ("Mosul University", "Carnegie Library") */
	XP_VILLAGE = 1u << 10, /* called a village ("X village"): no city */
	XP_PREFIX = 1u << 11,  /* the start of a longer name ("Maraba Foron"): no place abroad */
	XP_RESPELT = 1u << 12, /* resolved through a respelling only ("Mumbi" for Mumbai) */
	XP_STAFF = 1u << 13,   /* people's role follows: "White House aides" */
	XP_BODY_OF = 1u << 14, /* the town's own body follows: "Concord Police" */
	XP_FOLK = 1u << 15     /* its people follow: "a Palestine man" */
};

typedef struct xt_topo {
	size_t t0, t1;       /* tokens of the name */
	xr_role role;
	unsigned flags;      /* XP_* */
	int resolved;        /* 1: place holds the answer */
	im_place place;
	double score;        /* gazetteer score of the choice */
	double margin;       /* over the best candidate elsewhere (2: none) */
	double conf;         /* 0..1 how sure we are of name and choice */
	int ref;             /* XP_RELATIVE/XP_UNKNOWN: index of the reference toponym, -1 */
	int country_only;    /* resolved to a country centroid */
	uint32_t noff, nlen; /* nlen != 0: the place's name is nlen bytes from noff
			      * within the span ("Iran" in "Iran-backed") */
	const char *alias;   /* looked up under this name instead ("Calif." -> California) */
	int has_off;         /* "20 km north of X": the point moved by the stated */
	double olat, olon;   /* distance and bearing (off_km <= 100) */
	double off_km;       /* the stated distance; -1 none */
	size_t in_ref;       /* 1 + the index of the reference it is said, and found,
	                      * to lie in or near ("X village of Y"); 0 none */
} xt_topo;

typedef struct xt_topos {
	xt_topo *v;
	size_t n, cap;
	/* Document context built while resolving. */
	char cc[8][3];
	double ccw[8];
	size_t ncc;
	const char *admin1[8];
	size_t nadmin1;
	int has_focus;
	double focus_lat, focus_lon;
} xt_topos;

/* Spots toponyms in the document and resolves them with the gazetteer
 * using the whole document as context. dl is the dateline (may be NULL).
 * persons: xt_mark_persons output. Fails only with IM_E_NOMEM. */
im_status xt_toponyms(const im_gaz *g, const xt_doc *d, const xt_dateline *dl,
		      const unsigned char *persons, const im_extract_opts *o, xt_topos *out);
void xt_topos_free(xt_topos *t);
/* The first toponym (in text order) that starts at or after token tok. */
size_t xt_topos_at(const xt_topos *ts, size_t tok);
/* Names spotted in one article at most: a text with more is not a report. */
#define XT_MAX_TOPOS 5000
const char *xr_role_name(xr_role r);

/* ---- the merge (merge.c) ---------------------------------------------- */

/* im_extract_merge that also counts the pairs of incidents it looked at
 * (*pairs): the merge's work, for the tests; and the turns cut at
 * IM_MERGE_MAX_LOOKS (*cut). */
im_status im_merge_counted(const im_gaz *g, im_incident_list *l, size_t *pairs, size_t *cut);

#endif
