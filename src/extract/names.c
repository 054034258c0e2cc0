/* names.c: datelines ("ERBIL (Kurdistan 24) –", "BAGHDAD, Iraq -"), news
 * outlets and person names: the capitalised words that are not places of
 * events even when a gazetteer knows them. */
#include "extract_int.h"

#include <string.h>

static int is_dash_or_colon(const xt_doc *d, size_t k)
{
	return (d->tok[k].f & XT_DASH) || xt_is(d, k, ":") || xt_is(d, k, "--");
}

size_t xt_outlet_at(const xt_doc *d, size_t i, size_t end)
{
	const xt_lex *hit;
	size_t n = xt_lex_match(&xt_outlets, d, i, end, &hit);
	if (!n)
		return 0;
	/* Short names read as outlets only in capitals ("AP", "SANA"), and
	 * the ambiguous ones only in brackets. */
	size_t len = strlen(hit->k);
	if (n == 1 && len <= 4 && !(d->tok[i].f & XT_UPPER))
		return 0;
	if (hit->v == 2 && !(i > 0 && xt_is(d, i - 1, "(")))
		return 0;
	return n;
}

/* Tries a dateline at token k. */
static int dateline_at(const xt_doc *d, size_t k, xt_dateline *out)
{
	size_t n = d->ntok, j = k;
	memset(out, 0, sizeof *out);
	/* The place: up to four upper-case words ("BAGHDAD", "SAN FRANCISCO"),
	 * or capitalised ones when a bracket or comma and a dash follow. */
	int upper = 1;
	while (j < n && j < k + 4 && (d->tok[j].f & XT_WORD) && !(d->tok[j].f & XT_NUM) &&
	       ((d->tok[j].f & XT_UPPER) || (d->tok[j].f & XT_NONLATIN)))
		j++;
	if (j == k) {
		upper = 0;
		while (j < n && j < k + 3 && (d->tok[j].f & XT_CAP))
			j++;
		if (j == k)
			return 0;
	}
	out->p0 = k;
	out->p1 = j;
	/* ", Iraq", ", Kurdistan Region of Iraq" */
	if (j + 1 < n && xt_is(d, j, ",") && (d->tok[j + 1].f & XT_CAP) &&
	    !(d->tok[j + 1].f & XT_NUM)) {
		size_t c = j + 1, e = c;
		while (e < n && e < c + 6 &&
		       ((d->tok[e].f & XT_CAP) || xt_is(d, e, "of") || xt_is(d, e, "the")) &&
		       !(d->tok[e].f & XT_NUM)) {
			/* a month starts the date, not the country */
			static const char *const months[] = {
				"jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "january",
				"february", "march", "april", "may", "june", "july", "august",
				"september", "october", "november", "december", NULL};
			if (xt_is_any(d, e, months))
				break;
			e++;
		}
		if (e > c) {
			out->c0 = c;
			out->c1 = e;
			j = e;
		}
	}
	/* ", April 16, 2024" or ", 16 April 2024" */
	if (j < n && xt_is(d, j, ",")) {
		size_t e = j + 1;
		int seen_num = 0;
		while (e < n && e < j + 6 && !is_dash_or_colon(d, e) && !xt_is(d, e, "(")) {
			if (d->tok[e].f & XT_NUM)
				seen_num = 1;
			e++;
		}
		if (seen_num && e < n && (is_dash_or_colon(d, e) || xt_is(d, e, "(")))
			j = e;
	}
	/* "(Kurdistan 24)", "(AFP)" */
	if (j < n && xt_is(d, j, "(")) {
		size_t e = j + 1;
		while (e < n && e < j + 8 && !xt_is(d, e, ")"))
			e++;
		if (e >= n || !xt_is(d, e, ")"))
			return 0;
		out->o0 = j + 1;
		out->o1 = e;
		j = e + 1;
	}
	if (j >= n || !is_dash_or_colon(d, j))
		return 0;
	/* A capitalised (not upper-case) place needs a bracket or country: "Baghdad
	 * - the ..." alone may be a headline. */
	if (!upper && out->o0 == out->o1 && out->c0 == out->c1)
		return 0;
	out->end = j + 1;
	return 1;
}

/* 1 when the dateline's place is written in capitals ("EAST HAMPTON"). */
static int upper_place(const xt_doc *d, const xt_dateline *dl)
{
	for (size_t k = dl->p0; k < dl->p1; k++)
		if (!(d->tok[k].f & (XT_UPPER | XT_NONLATIN)))
			return 0;
	return dl->p1 > dl->p0;
}

int xt_dateline_find(const xt_doc *d, xt_dateline *out)
{
	memset(out, 0, sizeof *out);
	if (!d->ntok)
		return 0;
	if (dateline_at(d, 0, out))
		return 1;
	/* After a title line. */
	if (d->nsent > 1 && (d->sent[0].f & XS_HEADLINE) && dateline_at(d, d->sent[1].t0, out))
		return 1;
	/* After a title that a feed joined to the text with a stop ("Council
	 * approves budget. TORRINGTON — The ..."): a short first sentence and
	 * a place in capitals only. */
	if (d->nsent > 1 && d->sent[0].t1 - d->sent[0].t0 <= 24 &&
	    dateline_at(d, d->sent[1].t0, out) && upper_place(d, out))
		return 1;
	memset(out, 0, sizeof *out);
	return 0;
}

/* ---- persons ------------------------------------------------------------- */

/* "Han River", "Austin Police": a place or organisation head after a name. */
static int head_word(const xt_doc *d, size_t k)
{
	const xt_lex *h;
	return xt_lex_match(&xt_placeheads, d, k, k + 1, &h) == 1 ||
	       xt_lex_match(&xt_orgheads, d, k, k + 1, &h) == 1 ||
	       xt_lex_match(&xt_titles, d, k, k + 1, &h) == 1;
}

/* Words before a name that make it a place: "St. Louis", "Fort Worth". */
static const char *const place_prefix[] = {"st.", "st", "saint", "san", "santa", "fort",
					   "ft.", "port", "mount", "mt.", "lake", "cape",
					   "glen", "point", NULL};

/* Particles inside Arabic and European names. */
static int particle(const xt_doc *d, size_t k)
{
	static const char *const p[] = {"al", "el", "bin", "ibn", "abu", "abd", "bint", "van",
					"von", "de", "da", "del", "der", "la", "le", "ul", NULL};
	static xt_words particles = XT_WORDS(p); /* most words asked are none */
	return xt_in(d, k, &particles);
}

/* "al-Ameri", "El-Sisi": asked of most tokens, the hyphen first. */
static inline int al_word(const xt_doc *d, size_t k)
{
	const char *s = XT_STR(d, k);
	size_t n = XT_LEN(d, k);
	return n > 3 && s[2] == '-' && (s[0] == 'a' || s[0] == 'A' || s[0] == 'e' || s[0] == 'E') &&
	       (s[1] == 'l' || s[1] == 'L');
}

static int namey(const xt_doc *d, size_t k)
{
	uint32_t f = d->tok[k].f;
	return (f & XT_WORD) && !(f & XT_NUM) && ((f & XT_CAP) || al_word(d, k) || particle(d, k));
}

/* Marks the name that starts at k: capitalised words and particles, at
 * most five, ending on a capitalised word. Returns its end. */
static size_t mark_name(const xt_doc *d, size_t k, unsigned char *mark, unsigned char v)
{
	size_t e = k, last = k;
	while (e < d->ntok && e < k + 5 && namey(d, e) && !(d->tok[e].f & XT_NL && e > k)) {
		if ((d->tok[e].f & XT_CAP) || al_word(d, e))
			last = e + 1;
		e++;
	}
	for (size_t i = k; i < last; i++)
		if (mark[i] < v)
			mark[i] = v;
	return last;
}

/* A capitalised name word: not an initial, an acronym or a headline's
 * capitals. */
static int name_word(const xt_doc *d, size_t k)
{
	if (k >= d->ntok)
		return 0;
	uint32_t f = d->tok[k].f;
	return (f & XT_CAP) && (f & XT_WORD) && !(f & (XT_ABBR | XT_UPPER | XT_NUM));
}

/* The end of the name from k on: name words, up to max, none a head
 * word ("Kennedy Airport"), on one line. k itself when k is none. */
static size_t name_end(const xt_doc *d, size_t k, size_t max)
{
	size_t e = k;
	while (e < d->ntok && e < k + max && name_word(d, e) && !head_word(d, e) &&
	       !(e > k && (d->tok[e].f & XT_NL)))
		e++;
	return e;
}

static void mark_span(unsigned char *mark, size_t b, size_t e, unsigned char v)
{
	for (size_t i = b; i < e; i++)
		if (mark[i] < v)
			mark[i] = v;
}

/* "Carey L. Biron", "Gino D. Bassett": a middle initial between name
 * words. Returns the name's end, or 0. */
static size_t initial_name(const xt_doc *d, size_t k)
{
	if (k + 2 >= d->ntok || !name_word(d, k) || head_word(d, k))
		return 0;
	const xt_tok *i = &d->tok[k + 1];
	if (!(i->f & XT_ABBR) || !(i->f & XT_CAP) || i->e - i->s != 2 || (i->f & XT_NL))
		return 0;
	size_t e = name_end(d, k + 2, 3);
	return e > k + 2 ? e : 0;
}

/* A byline: "By Nate Ray.", "(Reporting by Ana Ruiz in Lima;", "By: Lee
 * Chan". Returns the end of the name after it, or 0. */
static size_t byline_name(const xt_doc *d, size_t k)
{
	if (!xt_is(d, k, "by"))
		return 0;
	int opens = (d->tok[k].f & (XT_SSTART | XT_NL)) ||
	            (k > 0 && (xt_lex_in(&xt_namecues, d, k - 1, XM_BYLINE) || xt_is(d, k - 1, "(")));
	size_t b = k + 1 + (k + 1 < d->ntok && xt_is(d, k + 1, ":"));
	if (!opens || b >= d->ntok)
		return 0;
	size_t e = initial_name(d, b);
	if (!e)
		e = name_end(d, b, 3);
	if (e < b + 2)
		return 0;
	/* the name ends the line or the sentence, or the place it was filed
	 * from follows */
	if (e < d->ntok && !(d->tok[e].f & XT_NL) && !(d->tok[e].f & XT_PUNCT) &&
	    !xt_is(d, e, "in"))
		return 0;
	return e;
}

/* A lower-case word after a name that the name modifies ("a Las Vegas
 * woman"); not a verb or a connector of a person's ("Ana Ruiz was"). */
static int noun_after(const xt_doc *d, size_t e)
{
	static const char *const verb[] = {"was",  "were", "is",   "has",  "had", "have", "who",
	                                   "said", "says", "told", "died", "and", NULL};
	return e < d->ntok && (d->tok[e].f & XT_LOWER) && !xt_is_any(d, e, verb);
}

/* "33-year-old resident Shaya Ben", "a 40-year-old Wim Ross": a name of
 * two words or more after an age (and at most two lower-case words).
 * Returns its start, or 0. */
static size_t aged_name(const xt_doc *d, size_t k)
{
	if (!(d->tok[k].f & XT_NUM))
		return 0;
	const char *low = XT_LOW(d, k);
	size_t n = d->tok[k].ll;
	if (n < 10 || strcmp(low + n - 9, "-year-old") != 0)
		return 0;
	static const char *const stop[] = {"from", "in",  "of",   "at",  "on", "near", "to",
	                                   "who",  "and", "with", "was", "is", NULL};
	for (size_t j = k + 1; j < d->ntok && j < k + 4; j++) {
		/* two name words at least: "an 81-year-old Toronto man" is from
		 * Toronto */
		if (name_word(d, j))
			return name_end(d, j, 4) >= j + 2 && !noun_after(d, name_end(d, j, 4)) ? j
			                                                                       : 0;
		if (!(d->tok[j].f & XT_LOWER) || xt_is_any(d, j, stop))
			return 0;
	}
	return 0;
}

/* "his wife, Julia,", "a son, Sebastian.": a kin word, a comma and a
 * name that ends there. Returns the name's end, or 0. */
static size_t kin_comma_name(const xt_doc *d, size_t k)
{
	const xt_lex *hit;
	size_t l = xt_lex_match(&xt_titles, d, k, d->ntok, &hit);
	if (!l || hit->v != 2 || !(d->tok[k].f & XT_LOWER) || k + l + 1 >= d->ntok ||
	    !xt_is(d, k + l, ","))
		return 0;
	size_t b = k + l + 1, e = name_end(d, b, 3);
	if (e == b || (e < d->ntok && !(d->tok[e].f & XT_PUNCT) && !xt_is(d, e, "and")))
		return 0;
	return e;
}

/* "Rozen's wife", "Miranda's son": the name before a possessive and a kin
 * word is a person. */
static int kin_owner(const xt_doc *d, size_t k)
{
	const xt_lex *hit;
	return k + 2 < d->ntok && name_word(d, k) && (d->tok[k + 1].f & XT_POSS) &&
	       xt_lex_match(&xt_titles, d, k + 2, d->ntok, &hit) && hit->v == 2;
}

static int speech_verb(const xt_doc *d, size_t k)
{
	return xt_lex_in(&xt_namecues, d, k, XM_SPEECH);
}

/* A closing quotation mark at k: one after a stop or a comma. */
static int quote_closes(const xt_doc *d, size_t k)
{
	return k > 0 && (d->tok[k].f & XT_QUOTE) &&
	       (xt_is(d, k - 1, ",") || xt_is(d, k - 1, ".") || xt_is(d, k - 1, "?") ||
	        xt_is(d, k - 1, "!"));
}

/* The one-word speaker of a quotation: ",” Sandberg said", ",” said
 * Keith,". Returns the name's token, or n. */
static size_t quote_speaker(const xt_doc *d, size_t k)
{
	size_t n = d->ntok;
	if (!quote_closes(d, k) || k + 2 >= n)
		return n;
	if (name_word(d, k + 1) && speech_verb(d, k + 2))
		return k + 1;
	if (speech_verb(d, k + 1) && name_word(d, k + 2) &&
	    (k + 3 >= n || xt_is(d, k + 3, ",") || xt_is(d, k + 3, ".")))
		return k + 2;
	return n;
}

/* The rules above, each marking a person strongly (2), or weakly (1: the
 * speaker of a quotation, who might be a country). */
static void mark_cued_names(const xt_doc *d, unsigned char *mark)
{
	size_t n = d->ntok, e, b;
	for (size_t k = 0; k < n; k++) {
		/* initial_name needs a name word: no call for the others */
		if ((name_word(d, k) && (e = initial_name(d, k))) || (e = byline_name(d, k))) {
			mark_span(mark, k, e, 2);
		} else if ((b = aged_name(d, k))) {
			mark_span(mark, b, name_end(d, b, 4), 2);
		} else if ((e = kin_comma_name(d, k))) {
			mark_span(mark, k, e, 2);
		} else if (kin_owner(d, k)) {
			mark_span(mark, k, k + 1, 2);
		} else if ((b = quote_speaker(d, k)) < n && !mark[b]) {
			mark[b] = 1;
		}
	}
}

/* A remembered name word, lower-cased with "al-" cut off. */
typedef struct memo {
	char w[32];
	size_t n; /* w's length: compared before w */
	unsigned char v;
} memo;

/* How sure a mark is: 2 (a person) over 3 (a person unless the gazetteer
 * knows the longer name) over 1 (a guess). */
static int strength(unsigned char v)
{
	return v == 2 ? 3 : v == 3 ? 2 : v;
}

static size_t key_of(const xt_doc *d, size_t k, char *buf, size_t cap)
{
	size_t n = xt_lower(d, k, buf, cap);
	if (n > 3 && (buf[0] == 'a' || buf[0] == 'e') && buf[1] == 'l' && buf[2] == '-') {
		memmove(buf, buf + 3, n - 2);
		n -= 3;
	}
	return n;
}

void xt_mark_persons(const xt_doc *d, unsigned char *mark)
{
	size_t n = d->ntok;
	memset(mark, 0, n);
	for (size_t k = 0; k < n; k++) {
		uint32_t f = d->tok[k].f;
		if (!(f & XT_WORD))
			continue;
		const xt_lex *hit;
		size_t l;
		/* "President Barham Salih", "Gov. Asaad al-Eidani", "spokesman X" */
		if ((l = xt_lex_match(&xt_titles, d, k, n, &hit)) && hit->v >= 1 && k + l < n &&
		    (d->tok[k + l].f & XT_CAP) && !(d->tok[k + l].f & XT_POSS)) {
			/* titles chain: "Lt. Gen. X", "Prime Minister Dr. X" */
			size_t j = k + l;
			const xt_lex *h2;
			size_t l2;
			while (j < n && (l2 = xt_lex_match(&xt_titles, d, j, n, &h2)))
				j += l2;
			if (j < n && (d->tok[j].f & XT_CAP)) {
				size_t e = mark_name(d, j, mark, 2);
				k = e > k ? e - 1 : k;
				continue;
			}
		}
		/* "Mustafa al-Kadhimi", "Hadi al-Ameri": a given name and a surname;
		 * not after "St.", "Fort", "Lake" ("St. Louis", "Fort Worth"), and
		 * marked 3 so that a place the gazetteer knows ("Beverly Hills")
		 * can still win. */
		if ((f & XT_CAP) && (l = xt_lex_match(&xt_given, d, k, n, &hit)) && hit->v != 2 &&
		    k + l < n && namey(d, k + l) && !(d->tok[k + l].f & XT_NL) &&
		    !(k > 0 && xt_is_any(d, k - 1, place_prefix)) && !head_word(d, k + l)) {
			size_t e = mark_name(d, k, mark, 3);
			k = e > k ? e - 1 : k;
			continue;
		}
		/* "Bunyan Sabar al-Obeidi", "Najm al-Harbi": capitalised words
		 * ending on an "al-" surname are a person (places like "Jurf
		 * al-Sakhar" are known to the gazetteer as a whole: mark 3). */
		if (k > 0 && (d->tok[k - 1].f & XT_CAP) && !(f & XT_NL) && al_word(d, k) &&
		    (k + 1 >= n || !(d->tok[k + 1].f & XT_CAP))) {
			/* the name's first words: capitalised, up to three, not a
			 * title or a head word ("Basra Governor Asaad al-Eidani") */
			size_t b = k;
			while (b > 0 && b + 3 > k && (d->tok[b - 1].f & XT_CAP) &&
			       !(d->tok[b].f & XT_NL) && !head_word(d, b - 1))
				b--;
			if (b < k) {
				for (size_t i = b; i <= k; i++)
					if (mark[i] < 3)
						mark[i] = 3;
				continue;
			}
		}
		/* "Sheikh Ahmed al-Obeidi, 52,": a name with an age. */
		if ((f & XT_CAP) && k + 3 < n) {
			size_t e = k;
			while (e < n && e < k + 5 && namey(d, e))
				e++;
			if (e > k + 1 && e + 2 < n && xt_is(d, e, ",") && (d->tok[e + 1].f & XT_NUM) &&
			    XT_LEN(d, e + 1) <= 3 && xt_is(d, e + 2, ",")) {
				mark_name(d, k, mark, 2);
				k = e;
				continue;
			}
		}
	}
	mark_cued_names(d, mark);
	/* Remember the words of names, then mark them elsewhere (a quotation's
	 * speaker weakly). */
	memo mem[64];
	size_t nm = 0;
	for (size_t k = 0; k < n && nm < 64; k++) {
		if (!mark[k] || particle(d, k))
			continue;
		char buf[32];
		size_t kl = key_of(d, k, buf, sizeof buf);
		if (kl < 3)
			continue;
		int dup = 0;
		for (size_t i = 0; i < nm; i++)
			if (mem[i].n == kl && memcmp(mem[i].w, buf, kl) == 0) {
				dup = 1;
				if (strength(mark[k]) > strength(mem[i].v))
					mem[i].v = mark[k];
			}
		if (!dup) {
			memcpy(mem[nm].w, buf, kl + 1);
			mem[nm].n = kl;
			mem[nm++].v = mark[k];
		}
	}
	for (size_t k = 0; k < n && nm; k++) {
		if (mark[k] > 1 || !((d->tok[k].f & (XT_CAP | XT_UPPER)) || al_word(d, k)))
			continue;
		char buf[32];
		size_t kl = key_of(d, k, buf, sizeof buf);
		if (kl < 3)
			continue;
		for (size_t i = 0; i < nm; i++)
			if (mem[i].n == kl && memcmp(mem[i].w, buf, kl) == 0) {
				if (strength(mem[i].v) > strength(mark[k]))
					mark[k] = mem[i].v;
				break;
			}
	}
	/* Two or more capitalised words before "said": a weak person guess. */
	for (size_t k = 0; k + 2 < n; k++) {
		if (!(d->tok[k].f & XT_CAP) || mark[k])
			continue;
		size_t e = k;
		while (e < n && e < k + 4 && (d->tok[e].f & XT_CAP) && !(d->tok[e].f & XT_UPPER))
			e++;
		if (e >= k + 2 && e < n &&
		    (xt_is(d, e, "said") || xt_is(d, e, "says") || xt_is(d, e, "told") ||
		     xt_is(d, e, "added") || xt_is(d, e, "wrote") || xt_is(d, e, "tweeted"))) {
			for (size_t i = k; i < e; i++)
				if (!mark[i])
					mark[i] = 1;
		}
		if (e > k)
			k = e - 1;
	}
}
