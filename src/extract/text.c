/* text.c: tokens and sentences. Splits article text into words, numbers
 * and punctuation with their byte offsets, then into sentences, keeping the
 * periods of abbreviations ("Dec. 7", "the U.S. Army", "Lt. Gen.") and the
 * closing quotes that follow a full stop. */
#include "../core/buf.h"
#include "../core/utf8.h"
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- code points -------------------------------------------------------- */

enum { C_OTHER, C_SPACE, C_NL, C_UPPER, C_LOWER, C_LETTER, C_MARK, C_DIGIT };

static int is_arabic(int32_t c)
{
	if (c < 0x0600) /* ASCII, Latin: most letters asked */
		return 0;
	return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
	       (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
	       (c >= 0xFE70 && c <= 0xFEFF);
}

/* cls of an ASCII code point, the commonest first. */
static inline int cls_ascii(int32_t c)
{
	if (c >= 'a' && c <= 'z')
		return C_LOWER;
	if (c == ' ')
		return C_SPACE;
	if (c >= 'A' && c <= 'Z')
		return C_UPPER;
	if (c >= '0' && c <= '9')
		return C_DIGIT;
	if (c == '\n')
		return C_NL;
	if (c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return C_SPACE;
	return C_OTHER;
}

/* cls of a code point past ASCII. */
static int cls_wide(int32_t c)
{
	if (c == 0x2028 || c == 0x2029 || c == 0x85)
		return C_NL;
	if (c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E ||
	    c == 0x200F)
		return C_SPACE; /* invisible: joiners and marks, treated as nothing */
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return C_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return C_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
		return C_SPACE;
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return C_NL;
	default:
		return C_OTHER;
	}
}

static inline int cls(int32_t c)
{
	return c < 0x80 ? cls_ascii(c) : cls_wide(c);
}

static int wordy(int k)
{
	return k >= C_UPPER;
}

/* cls of an ASCII letter or digit b, else 0 (any other byte). */
static int ascii_wordy(char b)
{
	if (b >= 'a' && b <= 'z')
		return C_LOWER;
	if (b >= 'A' && b <= 'Z')
		return C_UPPER;
	if (b >= '0' && b <= '9')
		return C_DIGIT;
	return 0;
}

/* The code point at s[i], its length in *len (1 for a stray byte). */
static inline int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	size_t l = im_utf8_seq_len(s + i, n - i);
	if (!l) {
		*len = 1;
		return 0xFFFD;
	}
	*len = l;
	return im_utf8_decode(s + i, l, len);
}

static int is_apos(int32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_quote(int32_t c)
{
	return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 ||
	       c == 0x2019 || c == 0x00AB || c == 0x00BB || c == 0x201E;
}

static int is_dash(int32_t c)
{
	return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2015;
}

/* ---- growing arrays ----------------------------------------------------- */

static im_status push_tok(xt_doc *d, size_t *cap, xt_tok t)
{
	if (im_grow(&d->tok, cap, d->ntok + 1, sizeof *d->tok))
		return IM_E_NOMEM;
	d->tok[d->ntok++] = t;
	return IM_OK;
}

static im_status push_sent(xt_doc *d, size_t *cap, xt_sent s)
{
	if (im_grow(&d->sent, cap, d->nsent + 1, sizeof *d->sent))
		return IM_E_NOMEM;
	d->sent[d->nsent++] = s;
	return IM_OK;
}

/* ---- tokens ------------------------------------------------------------- */

size_t xt_lower(const xt_doc *d, size_t i, char *buf, size_t cap)
{
	size_t n = d->tok[i].ll;
	if (n + 1 > cap) {
		if (cap)
			buf[0] = '\0';
		return 0;
	}
	memcpy(buf, d->low + d->tok[i].lo, n + 1);
	return n;
}

/* FNV-1a: its start, and a byte added. */
#define HASH_SEED 2166136261u
static inline uint32_t hash_byte(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

uint32_t xt_word_hash(const char *s, size_t n)
{
	uint32_t h = HASH_SEED;
	for (size_t i = 0; i < n; i++)
		h = hash_byte(h, (unsigned char)s[i]);
	return h;
}

/* ws's words: its own list, or its lexicon group's. */
static const char *const *words_of(const xt_words *ws)
{
	return ws->w ? ws->w : xt_lex_group_words(ws->L, ws->g);
}

/* Fills ws's signature; threads that do it at once store the same bits. */
static void sign(xt_words *ws)
{
	uint64_t sig[XT_SIG_BITS / 64] = {0};
	for (const char *const *w = words_of(ws); *w; w++) {
		uint32_t h = xt_word_hash(*w, strlen(*w)), a = h % XT_SIG_BITS,
		         b = (h / XT_SIG_BITS) % XT_SIG_BITS;
		sig[a >> 6] |= (uint64_t)1 << (a & 63);
		sig[b >> 6] |= (uint64_t)1 << (b & 63);
	}
	for (size_t i = 0; i < XT_SIG_BITS / 64; i++)
		atomic_store_explicit(&ws->sig[i], sig[i], memory_order_relaxed);
	atomic_store_explicit(&ws->signed_, 1, memory_order_release);
}

int xt_in_list(const xt_doc *d, size_t i, xt_words *ws)
{
	if (!atomic_load_explicit(&ws->signed_, memory_order_acquire))
		sign(ws);
	return xt_is_any(d, i, words_of(ws));
}

/* Fills the lower-cased forms of the tokens (one buffer for all) and their
 * hashes (xt_word_hash of the form, made as it is written). */
static im_status lower_all(xt_doc *d)
{
	/* the tokens are disjoint spans of the text and none grows when
	 * lower-cased: the text's length and a NUL a token is room enough */
	/* written through a local pointer: a store through d->low could be a
	 * store to *d, which the compiler would read again after each byte */
	char *low = malloc(d->n + d->ntok + 1);
	if (!low)
		return IM_E_NOMEM;
	d->low = low;
	size_t o = 0;
	d->lists_ok = xt_lex_ready();
	xt_tok *tok = d->tok;
	for (size_t i = 0, ntok = d->ntok; i < ntok; i++) {
		xt_tok *t = &tok[i];
		const unsigned char *s = (const unsigned char *)d->t + t->s;
		size_t n = t->e - t->s;
		uint32_t h = HASH_SEED;
		t->lo = (uint32_t)o;
		for (size_t k = 0; k < n; k++) {
			unsigned char c = s[k];
			if (c == 0xE2 && k + 2 < n && s[k + 1] == 0x80 && s[k + 2] == 0x99) {
				c = '\'';
				k += 2;
			} else if (c >= 'A' && c <= 'Z') {
				c = (unsigned char)(c + 32);
			}
			low[o++] = (char)c;
			h = hash_byte(h, c);
		}
		t->ll = (uint32_t)(o - t->lo);
		t->h = h;
		if (d->lists_ok && (t->f & XT_WORD))
			t->lists = xt_lex_firsts(low + t->lo, t->ll, t->h);
		low[o++] = '\0';
	}
	return IM_OK;
}

/* Does the word [s, e) keep a following period? Titles, months, states,
 * initials and dotted acronyms do. */
static int keeps_period(const char *t, size_t s, size_t e)
{
	size_t n = e - s;
	if (n == 1)
		return 1; /* an initial: "J. Smith", the "S" of "U.S." */
	if (n > 8)
		return 0;
	char low[12];
	for (size_t k = 0; k < n; k++) {
		char c = t[s + k];
		if ((unsigned char)c >= 0x80)
			return 0;
		low[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return xt_lex_get(&xt_abbrevs, low, n) != NULL;
}

static im_status tokenize(xt_doc *d, size_t *cap)
{
	const char *t = d->t;
	size_t n = d->n, i = 0;
	uint32_t pend = 0; /* XT_SP/XT_NL/XT_PARA for the next token */
	int nls = 0;
	while (i < n) {
		size_t l;
		int32_t c = cp_at(t, n, i, &l);
		int k = cls(c);
		if (k == C_SPACE || k == C_NL) {
			pend |= XT_SP;
			if (k == C_NL) {
				pend |= XT_NL;
				if (++nls >= 2)
					pend |= XT_PARA;
			}
			i += l;
			continue;
		}
		/* markup that slipped into the text ("<b>killed</b>", "<br/>") is
		 * white space */
		if (c == '<' && i + 2 < n) {
			size_t j = i + 1;
			if (t[j] == '/')
				j++;
			if (j < n && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z'))) {
				while (j < n && j < i + 40 && t[j] != '>' && t[j] != '<' && t[j] != '\n')
					j++;
				if (j < n && t[j] == '>') {
					pend |= XT_SP;
					i = j + 1;
					continue;
				}
			}
		}
		xt_tok tk = {(uint32_t)i, 0, pend, 0, 0, 0, 0, 0};
		pend = 0;
		nls = 0;
		if (wordy(k) && k != C_MARK) {
			int first = k, nup = 0, nlow = 0, arabic = is_arabic(c);
			int digit_start = k == C_DIGIT;
			size_t j = i;
			int prev = k;
			while (j < n) {
				int ka = ascii_wordy(t[j]);
				if (ka) { /* most of a word: no decoding, no Arabic */
					nup += ka == C_UPPER;
					nlow += ka == C_LOWER;
					prev = ka;
					j++;
					continue;
				}
				/* any other ASCII byte ends the word, but for the marks
				 * that join two parts of one ("Baghdad's", "al-Anbar",
				 * "1,200"), read below */
				unsigned char b = (unsigned char)t[j];
				if (b < 0x80 && b != '\'' && b != '-' && b != '.' && b != ',' && b != ':')
					break;
				size_t l2;
				int32_t c2 = cp_at(t, n, j, &l2);
				int k2 = cls(c2);
				if (wordy(k2)) {
					if (k2 == C_UPPER)
						nup++;
					else if (k2 == C_LOWER)
						nlow++;
					if (is_arabic(c2))
						arabic = 1;
					prev = k2;
					j += l2;
					continue;
				}
				if (j + l2 >= n)
					break;
				size_t l3;
				int32_t c3 = cp_at(t, n, j + l2, &l3);
				int k3 = cls(c3);
				if (is_apos(c2) && wordy(k3) && prev != C_DIGIT) {
					/* "Baghdad's": the 's is its own token. */
					if ((c3 == 's' || c3 == 'S') &&
					    (j + l2 + 1 >= n || !wordy(cls(cp_at(t, n, j + l2 + 1, &l3)))))
						break;
					j += l2;
					continue;
				}
				if (is_hyphen(c2) && wordy(k3)) {
					j += l2;
					continue;
				}
				if ((c2 == '.' || c2 == ',' || c2 == ':') && digit_start &&
				    prev == C_DIGIT && k3 == C_DIGIT) {
					j += l2;
					continue;
				}
				break;
			}
			/* Periods that belong to the word. */
			if (j < n && t[j] == '.' && !digit_start && keeps_period(t, i, j)) {
				j++;
				/* "U.S.", "a.m.": letter-period pairs. */
				while (j + 1 < n && ((t[j] >= 'A' && t[j] <= 'Z') || (t[j] >= 'a' && t[j] <= 'z')) &&
				       t[j + 1] == '.')
					j += 2;
				tk.f |= XT_ABBR;
			}
			tk.e = (uint32_t)j;
			tk.f |= XT_WORD;
			if (digit_start)
				tk.f |= XT_NUM;
			if (arabic)
				tk.f |= XT_NONLATIN;
			else if (first == C_UPPER)
				tk.f |= XT_CAP;
			else if (first == C_LOWER)
				tk.f |= XT_LOWER;
			if (first == C_UPPER && nlow == 0 && nup >= 1)
				tk.f |= XT_UPPER;
			i = j;
		} else if (c == '.' && i + 2 < n && t[i + 1] == '.' && t[i + 2] == '.') {
			tk.e = (uint32_t)(i + 3);
			tk.f |= XT_PUNCT;
			i += 3;
		} else if (is_apos(c) && d->ntok && i + l < n && (t[i + l] == 's' || t[i + l] == 'S') &&
			   d->tok[d->ntok - 1].e == i && (d->tok[d->ntok - 1].f & XT_WORD) &&
			   (i + l + 1 >= n || !wordy(cls(cp_at(t, n, i + l + 1, &l))))) {
			size_t al;
			cp_at(t, n, i, &al);
			tk.e = (uint32_t)(i + al + 1);
			tk.f |= XT_POSS | XT_WORD | XT_LOWER;
			i = tk.e;
		} else {
			tk.e = (uint32_t)(i + l);
			tk.f |= XT_PUNCT;
			if (is_quote(c))
				tk.f |= XT_QUOTE;
			if (is_dash(c))
				tk.f |= XT_DASH;
			i += l;
		}
		im_status st = push_tok(d, cap, tk);
		if (st)
			return st;
	}
	return IM_OK;
}

/* ---- sentences ---------------------------------------------------------- */

static int is_stop(const xt_doc *d, size_t k)
{
	if (!(d->tok[k].f & XT_PUNCT))
		return 0;
	size_t n = XT_LEN(d, k);
	const char *s = XT_STR(d, k);
	if (n == 1)
		return *s == '.' || *s == '!' || *s == '?';
	return (n == 3 && memcmp(s, "...", 3) == 0) || (n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0);
}

static int is_closer(const xt_doc *d, size_t k)
{
	if (!(d->tok[k].f & XT_PUNCT))
		return 0;
	const char *s = XT_STR(d, k);
	size_t n = XT_LEN(d, k);
	if (n == 1)
		return *s == ')' || *s == ']' || ((*s == '"' || *s == '\'') && !(d->tok[k].f & XT_SP));
	/* ” ’ » */
	return (n == 3 && (memcmp(s, "\xE2\x80\x9D", 3) == 0 || memcmp(s, "\xE2\x80\x99", 3) == 0)) ||
	       (n == 2 && memcmp(s, "\xC2\xBB", 2) == 0);
}

/* Abbreviations that sit before a name or a number, so a capital after them
 * does not start a sentence. */
static int abbr_binds(const xt_doc *d, size_t k)
{
	char low[16];
	size_t n = xt_lower(d, k, low, sizeof low);
	if (n == 2)
		return 1; /* an initial: "J." */
	const xt_lex *e = xt_lex_get(&xt_abbrevs, low, n ? n - 1 : 0);
	return e && e->v == 1;
}

static int starts_sentence_word(const xt_doc *d, size_t k)
{
	const xt_lex *h;
	return xt_lex_match(&xt_starters, d, k, k + 1, &h) == 1;
}

static im_status split(xt_doc *d, size_t *cap)
{
	size_t start = 0, ntok = d->ntok;
	for (size_t k = 0; k <= ntok; k++) {
		int cut_before = 0;
		if (k == ntok) {
			cut_before = start < ntok;
		} else if (k > start) {
			uint32_t f = d->tok[k].f;
			if (f & XT_PARA) {
				cut_before = 1;
			} else if (f & XT_NL) {
				/* A hard-wrapped line goes on in lower case. */
				uint32_t pf = d->tok[k - 1].f;
				int cont = (f & XT_LOWER) && ((pf & XT_WORD) || XT_STR(d, k - 1)[0] == ',');
				cut_before = !cont;
			} else if (!(d->tok[k - 1].f & (XT_PUNCT | XT_ABBR))) {
				/* after a word: no stop, no closer, no abbreviation (most
				 * tokens) */
			} else {
				size_t p = k - 1;
				/* after a stop and its closing quotes/brackets */
				size_t q = p;
				while (q > start && is_closer(d, q))
					q--;
				if (is_stop(d, q) && !is_closer(d, k)) {
					if (!(f & XT_LOWER))
						cut_before = 1;
				} else if ((d->tok[q].f & XT_ABBR) && q == p) {
					/* "in the U.S. The army..." ends; "Dec. 7", "Lt. Gen." do not. */
					if ((f & XT_CAP) && !abbr_binds(d, q) && starts_sentence_word(d, k))
						cut_before = 1;
				}
			}
		}
		if (!cut_before)
			continue;
		xt_sent s = {(uint32_t)start, (uint32_t)k, d->tok[start].s, d->tok[k - 1].e, 0};
		/* A line with no final stop is a heading or a title. */
		size_t q = k - 1;
		while (q > start && is_closer(d, q))
			q--;
		if (!is_stop(d, q) && !(d->tok[q].f & XT_ABBR) &&
		    (k == ntok || (d->tok[k].f & XT_NL)))
			s.f |= XS_HEADLINE;
		if (d->tok[start].f & XT_QUOTE)
			s.f |= XS_QUOTED;
		if ((xt_is(d, start, "read") && start + 1 < k &&
		     (xt_is(d, start + 1, "more") || xt_is(d, start + 1, "also"))) ||
		    (xt_is(d, start, "related") && start + 1 < k && xt_is(d, start + 1, ":")) ||
		    (xt_is(d, start, "see") && start + 1 < k && xt_is(d, start + 1, "also")) ||
		    (xt_is(d, start, "also") && start + 1 < k && xt_is(d, start + 1, "read")))
			s.f |= XS_LINK;
		for (size_t m = start; m < k; m++)
			d->tok[m].sent = (uint32_t)d->nsent;
		d->tok[start].f |= XT_SSTART;
		im_status st = push_sent(d, cap, s);
		if (st)
			return st;
		start = k;
	}
	return IM_OK;
}

im_status xt_doc_parse(xt_doc *d, const char *text, size_t len)
{
	memset(d, 0, sizeof *d);
	d->t = text;
	d->n = len;
	size_t tcap = 0, scap = 0;
	im_status st = tokenize(d, &tcap);
	if (!st)
		st = lower_all(d);
	if (!st)
		st = split(d, &scap);
	if (st)
		xt_doc_free(d);
	return st;
}

void xt_doc_free(xt_doc *d)
{
	free(d->tok);
	free(d->sent);
	free(d->low);
	memset(d, 0, sizeof *d);
}
