/* lex.c: the word lists the extractor reads text with (abbreviations,
 * titles and given names, news outlets, demonyms, common words that are also
 * place names, place and organisation head words, actor names, triggers),
 * loaded once from the lexicon's files (lexfile.c reads them), and the
 * matcher over tokens. */
#include "extract_int.h"

#include "core/fsutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lists, each read from its file in lexicon/ (built into the binary by
 * tools/embed.cmake: nothing to find at run time) and merged with the
 * user's lexicon.txt at the first lookup. Their ids are their places here. */
#define LIST(var, stem, id) xt_lexicon var = {stem, NULL, 0, id}
LIST(xt_abbrevs, "abbreviations", 0);
LIST(xt_titles, "titles", 1);
LIST(xt_given, "given-names", 2);
LIST(xt_outlets, "outlets", 3);
LIST(xt_demonyms, "demonyms", 4);
LIST(xt_common, "common-words", 5);
LIST(xt_starters, "starters", 6);
LIST(xt_placeheads, "place-heads", 7);
LIST(xt_orgheads, "org-heads", 8);
LIST(xt_actornames, "actors", 9);
LIST(xt_us_states, "us-states", 10);
LIST(xt_trigwords, "triggers", 11);
LIST(xt_world, "world", 12);
LIST(xt_actor_countries, "actor-countries", 13);
LIST(xt_english, "english-words", 14);
LIST(xt_figwords, "figure-words", 15);
LIST(xt_placecues, "place-cues", 16);
LIST(xt_eventwords, "event-words", 17);
LIST(xt_casualtywords, "casualty-words", 18);
LIST(xt_triggercues, "trigger-cues", 19);
LIST(xt_namecues, "name-cues", 20);

#define ASSET(sym)                                                                                 \
	extern const unsigned char im_asset_##sym[];                                               \
	extern const size_t im_asset_##sym##_len
ASSET(lex_abbreviations);
ASSET(lex_titles);
ASSET(lex_given_names);
ASSET(lex_outlets);
ASSET(lex_demonyms);
ASSET(lex_common_words);
ASSET(lex_starters);
ASSET(lex_place_heads);
ASSET(lex_org_heads);
ASSET(lex_actors);
ASSET(lex_us_states);
ASSET(lex_triggers);
ASSET(lex_world);
ASSET(lex_actor_countries);
ASSET(lex_english_words);
ASSET(lex_figure_words);
ASSET(lex_place_cues);
ASSET(lex_event_words);
ASSET(lex_casualty_words);
ASSET(lex_trigger_cues);
ASSET(lex_name_cues);

/* What each list's columns hold, and its file's text. */
typedef struct list_file {
	xt_listspec spec;
	const unsigned char *text;
	const size_t *len;
} list_file;

#define FILE_OF(L, sym, num, text)                                                                 \
	{                                                                                          \
		{&L, num, text}, im_asset_##sym, &im_asset_##sym##_len                             \
	}
static const list_file all_files[] = {
    FILE_OF(xt_abbrevs, lex_abbreviations, XN_NUMBER, XL_NONE),
    FILE_OF(xt_titles, lex_titles, XN_NUMBER, XL_NONE),
    FILE_OF(xt_given, lex_given_names, XN_NUMBER, XL_NONE),
    FILE_OF(xt_outlets, lex_outlets, XN_NUMBER, XL_NONE),
    FILE_OF(xt_demonyms, lex_demonyms, XN_NUMBER, XL_TEXT),
    FILE_OF(xt_common, lex_common_words, XN_NUMBER, XL_NONE),
    FILE_OF(xt_starters, lex_starters, XN_NONE, XL_NONE),
    FILE_OF(xt_placeheads, lex_place_heads, XN_NUMBER, XL_TEXT),
    FILE_OF(xt_orgheads, lex_org_heads, XN_NUMBER, XL_NONE),
    FILE_OF(xt_actornames, lex_actors, XN_NUMBER, XL_TEXT),
    FILE_OF(xt_us_states, lex_us_states, XN_NUMBER, XL_TEXT),
    FILE_OF(xt_trigwords, lex_triggers, XN_NUMBER, XL_KIND),
    FILE_OF(xt_world, lex_world, XN_NUMBER, XL_TEXT),
    FILE_OF(xt_actor_countries, lex_actor_countries, XN_NUMBER, XL_TEXT),
    FILE_OF(xt_english, lex_english_words, XN_NONE, XL_NONE),
    FILE_OF(xt_figwords, lex_figure_words, XN_NUMBER, XL_NONE),
    FILE_OF(xt_placecues, lex_place_cues, XN_GROUP, XL_NONE),
    FILE_OF(xt_eventwords, lex_event_words, XN_GROUP, XL_NONE),
    FILE_OF(xt_casualtywords, lex_casualty_words, XN_GROUP, XL_NONE),
    FILE_OF(xt_triggercues, lex_trigger_cues, XN_GROUP, XL_NONE),
    FILE_OF(xt_namecues, lex_name_cues, XN_GROUP, XL_NONE),
};
#define N_LISTS (sizeof all_files / sizeof *all_files)

size_t xt_lex_nlists(void)
{
	return N_LISTS;
}

const xt_listspec *xt_lex_spec(size_t id)
{
	return id < N_LISTS ? &all_files[id].spec : NULL;
}

const xt_listspec *xt_lex_spec_named(const char *name)
{
	for (size_t i = 0; i < N_LISTS; i++)
		if (strcmp(all_files[i].spec.L->name, name) == 0)
			return &all_files[i].spec;
	return NULL;
}

/* ---- sorting and indexing once -------------------------------------------- */

/* Per list: a hash table from the first word of the keys to the run of
 * entries that start with it (the list is sorted, so they are together). */
typedef struct first_slot {
	const char *w; /* the first word (points into a key), NULL: empty */
	uint32_t wl, lo, n;
} first_slot;

typedef struct list_index {
	first_slot *slot;
	size_t mask;
} list_index;

static list_index indexes[N_LISTS];

static void build_index(size_t li)
{
	const xt_lexicon *L = all_files[li].spec.L;
	size_t cap = 16;
	while (cap < L->n * 2)
		cap <<= 1;
	list_index *x = &indexes[li];
	x->slot = calloc(cap, sizeof *x->slot);
	if (!x->slot)
		return; /* lookups fall back to the binary search */
	x->mask = cap - 1;
	for (size_t k = 0; k < L->n;) {
		const char *key = L->e[k].k;
		const char *sp = strchr(key, ' ');
		size_t wl = sp ? (size_t)(sp - key) : strlen(key);
		size_t e = k + 1;
		while (e < L->n && strncmp(L->e[e].k, key, wl) == 0 &&
		       (L->e[e].k[wl] == ' ' || L->e[e].k[wl] == '\0'))
			e++;
		for (size_t h = xt_word_hash(key, wl) & x->mask;; h = (h + 1) & x->mask)
			if (!x->slot[h].w) {
				x->slot[h] = (first_slot){key, (uint32_t)wl, (uint32_t)k, (uint32_t)(e - k)};
				break;
			}
		k = e;
	}
}

/* Every list's first words in one table: per word, the lists (bit li, for
 * the first 32) that have an entry starting with it. A document reads it
 * once a token (xt_tok.lists), so that a matcher asked about a token no
 * entry of its list starts with answers without a lookup. */
typedef struct first_any {
	const char *w; /* NULL: empty */
	uint32_t wl, lists;
} first_any;

static first_any *firsts;
static size_t firsts_mask;
static atomic_int lists_ready; /* 1 once the lists and firsts are filled */

static void add_first(const char *w, size_t wl, size_t li)
{
	size_t h = xt_word_hash(w, wl) & firsts_mask;
	for (; firsts[h].w; h = (h + 1) & firsts_mask)
		if (firsts[h].wl == wl && memcmp(firsts[h].w, w, wl) == 0)
			break;
	firsts[h].w = w;
	firsts[h].wl = (uint32_t)wl;
	firsts[h].lists |= (uint32_t)1 << li;
}

/* Fills firsts from the lists' indexes; left NULL when one is missing
 * (then every token may start an entry of any list). */
static void build_firsts(void)
{
	size_t total = 0;
	for (size_t li = 0; li < N_LISTS && li < 32; li++) {
		if (!indexes[li].slot)
			return;
		total += indexes[li].mask + 1;
	}
	size_t cap = 16;
	while (cap < total)
		cap <<= 1;
	if (!(firsts = calloc(cap, sizeof *firsts)))
		return;
	firsts_mask = cap - 1;
	for (size_t li = 0; li < N_LISTS && li < 32; li++)
		for (size_t h = 0; h <= indexes[li].mask; h++)
			if (indexes[li].slot[h].w)
				add_first(indexes[li].slot[h].w, indexes[li].slot[h].wl, li);
}

int xt_lex_ready(void)
{
	return atomic_load_explicit(&lists_ready, memory_order_acquire);
}

uint32_t xt_lex_firsts(const char *w, size_t n, uint32_t h)
{
	if (!firsts)
		return XT_LISTS_ANY;
	for (size_t k = h & firsts_mask; firsts[k].w; k = (k + 1) & firsts_mask)
		if (firsts[k].wl == n && memcmp(firsts[k].w, w, n) == 0)
			return firsts[k].lists;
	return 0;
}

static size_t list_number(const xt_lexicon *L)
{
	return L->id >= 0 && (size_t)L->id < N_LISTS && all_files[L->id].spec.L == L ? (size_t)L->id
	                                                                             : N_LISTS;
}

static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;
static xt_lexset user_set; /* the user's entries (im_lexicon_use) */
#define USER_LINE (1u << 30)              /* added to the user's line numbers while merging */
static unsigned char *from_user[N_LISTS]; /* per entry: 1 when the user's */
static int loaded;                        /* the lists are filled: too late for the user's */
static im_error load_err;  /* the first problem in a shipped file */
static int load_bad;

/* Reads every shipped file into all (their text copied: entries point
 * into it, for the life of the process). */
static void read_shipped(xt_lexset *all)
{
	for (size_t i = 0; i < N_LISTS; i++) {
		const list_file *f = &all_files[i];
		char *text = malloc(*f->len + 1);
		if (!text)
			continue;
		memcpy(text, f->text, *f->len + 1);
		char name[64];
		snprintf(name, sizeof name, "lexicon/%s.txt", f->spec.L->name);
		im_error err;
		im_error_clear(&err);
		if (xt_lex_read(name, text, *f->len, (int)i, all, &err) != IM_OK && !load_bad) {
			load_err = err;
			load_bad = 1;
		}
	}
}

/* Per list of groups, per group: its words, NULL-terminated. */
#define N_GROUPS 32
static const char **group_words[N_LISTS][N_GROUPS];

/* Fills the word lists of the groups of list li. */
static void fill_groups(size_t li)
{
	const xt_lexicon *L = all_files[li].spec.L;
	for (int g = 1; g < N_GROUPS; g++) {
		size_t n = 0;
		for (size_t k = 0; k < L->n; k++)
			n += L->e[k].v == g;
		const char **w = malloc((n + 1) * sizeof *w);
		if (!w)
			continue;
		n = 0;
		for (size_t k = 0; k < L->n; k++)
			if (L->e[k].v == g)
				w[n++] = L->e[k].k;
		w[n] = NULL;
		group_words[li][g] = w;
	}
}

/* 1 when a later entry of all (sorted) replaces entry k (the list ends
 * at end). */
static int replaced(const xt_lexset *all, size_t k, size_t end)
{
	for (size_t q = k + 1; q < end && strcmp(all->v[q].e.k, all->v[k].e.k) == 0; q++)
		if (xt_lexent_same(&all->v[q], &all->v[k]))
			return 1;
	return 0;
}

/* Fills each list from all (sorted): of an entry given twice (shipped,
 * then the user's), the later. */
static void fill_lists(const xt_lexset *all)
{
	size_t k = 0;
	for (size_t li = 0; li < N_LISTS; li++) {
		xt_lexicon *L = all_files[li].spec.L;
		size_t end = k;
		while (end < all->n && all->v[end].list == li)
			end++;
		xt_lex *e = malloc((end - k + 1) * sizeof *e);
		unsigned char *u = malloc(end - k + 1);
		size_t n = 0;
		for (; e && u && k < end; k++)
			if (!replaced(all, k, end)) {
				u[n] = all->v[k].line >= USER_LINE;
				e[n++] = all->v[k].e;
			}
		from_user[li] = u;
		k = end;
		L->e = e;
		L->n = e ? n : 0;
		build_index(li);
		if (all_files[li].spec.num == XN_GROUP)
			fill_groups(li);
	}
}

static void load_all(void)
{
	loaded = 1;
	xt_lexset all = {0};
	read_shipped(&all);
	/* the user's lines count after every shipped one */
	for (size_t i = 0; i < user_set.n; i++) {
		xt_lexent e = user_set.v[i];
		e.line += USER_LINE;
		if (all.n == all.cap) {
			size_t cap = all.cap ? all.cap * 2 : 256;
			xt_lexent *v = realloc(all.v, cap * sizeof *v);
			if (!v)
				break;
			all.v = v;
			all.cap = cap;
		}
		all.v[all.n++] = e;
	}
	/* of equal keys the shipped entry first: the user's lines count from
	 * USER_LINE, so the user's, read last, wins */
	qsort(all.v, all.n, sizeof *all.v, xt_lexent_cmp);
	fill_lists(&all);
	xt_lexset_free(&all);
	build_firsts();
	atomic_store_explicit(&lists_ready, 1, memory_order_release);
}

static void ensure_sorted(void)
{
	pthread_once(&sorted_once, load_all);
}

void xt_lex_load(void)
{
	ensure_sorted();
}

int xt_lex_is_users(const xt_lexicon *L, const xt_lex *e)
{
	size_t li = list_number(L);
	return li < N_LISTS && from_user[li] && e >= L->e && e < L->e + L->n &&
	       from_user[li][e - L->e];
}

im_status im_lexicon_use(const char *path, im_error *err)
{
	static char *text; /* the entries point into it for the process's life */
	if (text || user_set.n || loaded)
		return im_error_set(err, IM_E_INTERNAL, path, 0, 0,
		                    "a user lexicon is read once, before the first extraction");
	if (!im_file_exists(path))
		return IM_OK;
	size_t len;
	im_status st = im_read_file(path, LEXICON_FILE_MAX, &text, &len, err);
	if (st == IM_E_TOO_LARGE)
		return im_error_set(err, st, path, 0, 0, "larger than 16 MiB: not a lexicon");
	if (!st)
		st = xt_lex_read(path, text, len, -1, &user_set, err);
	if (st)
		xt_lexset_free(&user_set);
	return st;
}

int xt_lex_check(char *msg, size_t cap)
{
	ensure_sorted();
	if (load_bad) {
		snprintf(msg, cap, "%s:%ld: %s", load_err.file, load_err.line, load_err.msg);
		return 1;
	}
	for (size_t i = 0; i < N_LISTS; i++) {
		const xt_lexicon *L = all_files[i].spec.L;
		int same_ok = all_files[i].spec.num == XN_GROUP; /* a word in two groups */
		for (size_t k = 1; k < L->n; k++)
			if (strcmp(L->e[k - 1].k, L->e[k].k) >= same_ok) {
				snprintf(msg, cap, "%s: '%s' out of order", L->name, L->e[k].k);
				return 1;
			}
	}
	return 0;
}

/* ---- lookups --------------------------------------------------------------- */

/* First entry whose key is >= key[0..n) (compared as a prefix). */
static size_t lower_bound(const xt_lexicon *L, const char *key, size_t n)
{
	size_t lo = 0, hi = L->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *k = L->e[mid].k;
		int c = strncmp(k, key, n);
		if (c == 0 && strlen(k) < n)
			c = -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The entry for the one word s[0..n) from L's index (an entry of one word
 * comes first in the run of those that start with it); NULL if none. */
static const xt_lex *get_word(const xt_lexicon *L, const list_index *x, const char *s, size_t n)
{
	for (size_t h = xt_word_hash(s, n) & x->mask; x->slot[h].w; h = (h + 1) & x->mask)
		if (x->slot[h].wl == n && memcmp(x->slot[h].w, s, n) == 0)
			return L->e[x->slot[h].lo].k[n] == '\0' ? &L->e[x->slot[h].lo] : NULL;
	return NULL;
}

const xt_lex *xt_lex_get(const xt_lexicon *L, const char *s, size_t n)
{
	ensure_sorted();
	size_t li = list_number(L);
	if (li < N_LISTS && indexes[li].slot && n && !memchr(s, ' ', n))
		return get_word(L, &indexes[li], s, n);
	size_t i = lower_bound(L, s, n);
	if (i < L->n && strncmp(L->e[i].k, s, n) == 0 && L->e[i].k[n] == '\0')
		return &L->e[i];
	return NULL;
}

/* When the word at p (up to a space or the key's end) is token j's
 * lower-cased form: where that word ends; else NULL. One pass over the
 * bytes, with no strchr or strlen of the key's rest: a list's run of
 * entries that start with a common word ("the", "al") is read entry by
 * entry at every such token. */
static const char *key_word_is(const char *p, const xt_doc *d, size_t j)
{
	const char *t = XT_LOW(d, j);
	size_t ll = d->tok[j].ll, q = 0;
	while (q < ll && p[q] == t[q] && p[q] != ' ' && p[q] != '\0')
		q++;
	return q == ll && (p[q] == ' ' || p[q] == '\0') ? p + q : NULL;
}

size_t xt_lex_match_at(const xt_lexicon *L, const xt_doc *d, size_t i, size_t end,
		       const xt_lex **hit)
{
	ensure_sorted();
	*hit = NULL;
	if (i >= end || i >= d->ntok || !(d->tok[i].f & XT_WORD))
		return 0;
	const char *w = XT_LOW(d, i);
	size_t n = d->tok[i].ll;
	if (!n || n > 63)
		return 0;
	/* the run of entries whose first word is this token */
	size_t lo, hi;
	size_t li = list_number(L);
	const list_index *x = li < N_LISTS ? &indexes[li] : NULL;
	if (x && x->slot) {
		lo = hi = 0;
		for (size_t h = d->tok[i].h & x->mask; x->slot[h].w; h = (h + 1) & x->mask)
			if (x->slot[h].wl == n && memcmp(x->slot[h].w, w, n) == 0) {
				lo = x->slot[h].lo;
				hi = lo + x->slot[h].n;
				break;
			}
		if (lo == hi)
			return 0;
	} else {
		lo = lower_bound(L, w, n);
		hi = L->n;
	}
	size_t best = 0;
	for (size_t k = lo; k < hi; k++) {
		const char *key = L->e[k].k;
		/* the index's run holds only entries whose first word is this
		 * token's: the binary search's range must be checked */
		if (!(x && x->slot) && strncmp(key, w, n) != 0)
			break;
		if (key[n] != '\0' && key[n] != ' ')
			continue;
		/* Match the following words of the key. */
		const char *p = key + n;
		size_t j = i + 1;
		int ok = 1;
		while (*p == ' ') {
			p++;
			if (j >= end || !(p = key_word_is(p, d, j))) {
				ok = 0;
				break;
			}
			j++;
		}
		if (ok && j - i > best) {
			best = j - i;
			*hit = &L->e[k];
		}
	}
	return best;
}

int xt_english_word(const char *s, size_t n)
{
	char w[40];
	if (n == 0 || n >= sizeof w)
		return 0;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	w[n] = '\0';
	if (xt_lex_get(&xt_english, w, n))
		return 1;
	/* plurals: "Schools", "Churches" */
	if (n > 3 && w[n - 1] == 's') {
		if (xt_lex_get(&xt_english, w, n - 1))
			return 1;
		if (n > 4 && w[n - 2] == 'e' && xt_lex_get(&xt_english, w, n - 2))
			return 1;
	}
	return 0;
}

uint32_t xt_lex_groups_at(const xt_lexicon *L, const xt_doc *d, size_t k)
{
	ensure_sorted();
	size_t li = list_number(L);
	if (k >= d->ntok || li == N_LISTS || !indexes[li].slot)
		return 0;
	const list_index *x = &indexes[li];
	const char *w = XT_LOW(d, k);
	size_t n = d->tok[k].ll;
	for (size_t h = d->tok[k].h & x->mask; x->slot[h].w; h = (h + 1) & x->mask) {
		const first_slot *sl = &x->slot[h];
		if (sl->wl != n || memcmp(sl->w, w, n) != 0)
			continue;
		uint32_t g = 0;
		for (size_t e = sl->lo; e < sl->lo + sl->n; e++)
			if (L->e[e].k[n] == '\0')
				g |= XG(L->e[e].v);
		return g;
	}
	return 0;
}

const char *const *xt_lex_group_words(const xt_lexicon *L, int g)
{
	static const char *const none[] = {NULL};
	ensure_sorted();
	size_t li = list_number(L);
	if (li == N_LISTS || g < 0 || g >= N_GROUPS || !group_words[li][g])
		return none;
	return group_words[li][g];
}

int xt_figure_word(const xt_doc *d, size_t k)
{
	if (k >= d->ntok)
		return 0;
	const xt_lex *e = xt_lex_get(&xt_figwords, XT_LOW(d, k), d->tok[k].ll);
	return e ? e->v : 0;
}
