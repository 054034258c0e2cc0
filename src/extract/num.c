/* num.c: counts written in digits or words ("35", "1,200", "four",
 * "twenty-five", "a dozen", "dozens of", "at least 35", "more than 80").
 * Vague words get ACLED's conventional figures ("dozens" 12, "hundreds"
 * 100, "several" 10) and are flagged so that a real number wins. */
#include "extract_int.h"

#include <string.h>

/* The number words and their values, one list for one_word and for
 * xt_num_at's test of the words a count can open with. */
static const char *const number_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	"seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fourty",
	"fifty", "sixty", "seventy", "eighty", "ninety", "dozen", "a dozen", "single",
	"lone", "both", "pair", "couple", NULL};
static const long number_values[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 30, 40,
	40, 50, 60, 70, 80, 90, 12, 12, 1, 1, 2, 2, 2};
_Static_assert(sizeof number_words / sizeof *number_words ==
		   sizeof number_values / sizeof *number_values + 1,
	       "a value for every number word");

static long one_word(const char *s, size_t n)
{
	if (n < 3 || n > 9)
		return -1;
	for (size_t i = 0; number_words[i]; i++)
		if (number_words[i][0] == s[0] && strlen(number_words[i]) == n &&
		    memcmp(number_words[i], s, n) == 0)
			return number_values[i];
	return -1;
}

/* xt_num_word of the n bytes at low, already lower case. */
static long num_low(const char *low, size_t n)
{
	const char *h = memchr(low, '-', n);
	if (h) {
		/* "twenty-five" */
		long a = one_word(low, (size_t)(h - low));
		long b = one_word(h + 1, n - (size_t)(h - low) - 1);
		if (a >= 20 && a % 10 == 0 && a <= 90 && b >= 1 && b <= 9)
			return a + b;
		return -1;
	}
	long v = one_word(low, n);
	/* "both" and "pair" are counts only in context; the caller decides. */
	return v;
}

long xt_num_word(const char *s, size_t n)
{
	char low[48];
	if (n == 0 || n >= sizeof low)
		return -1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	return num_low(low, n);
}

/* Digits with thousands separators: "35", "1,200", "1.200" is not read
 * (ambiguous), "3.5" is not a count. Returns -1 when not a count. */
static long digits_value(const char *s, size_t n)
{
	long v = 0;
	size_t nd = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (v > 100000000L)
				return -1;
			v = v * 10 + (c - '0');
			nd++;
		} else if (c == ',') {
			/* groups of exactly three digits after a comma */
			for (size_t k = 1; k <= 3; k++)
				if (i + k >= n || s[i + k] < '0' || s[i + k] > '9')
					return -1;
			if (i + 4 < n && s[i + 4] != ',')
				return -1;
		} else {
			return -1;
		}
	}
	return nd ? v : -1;
}

#define tok_is_word(d, i, w) ((i) < (d)->ntok && xt_is(d, i, w))

/* A unit of time or distance after a number: "20 km", "three days back",
 * "two years ago" measure, they do not count people. */
static int unit_word(const xt_doc *d, size_t j)
{
	return xt_lex_in(&xt_casualtywords, d, j, XK_UNIT);
}

/* A month's name after a day ("24 May", "3 Sept."; capitalised: "12 may
 * have died" is a count): a date. */
static int month_word(const xt_doc *d, size_t j)
{
	if (!(d->tok[j].f & XT_CAP))
		return 0;
	static const char *const w[] = {"january",  "february", "march",  "april",     "may",
	                                "june",     "july",     "august", "september", "october",
	                                "november", "december", "jan.",   "feb.",      "mar.",
	                                "apr.",     "jun.",     "jul.",   "aug.",      "sep.",
	                                "sept.",    "oct.",     "nov.",   "dec.",      NULL};
	return xt_is_any(d, j, w);
}

/* 1 when the token at i may open a count: a number, or a word a count can
 * open with (a qualifier, a vague count, a number word; "twenty-five" by
 * its hyphen). */
static int opens_count(const xt_doc *d, size_t i)
{
	const xt_tok *t = &d->tok[i];
	if (!(t->f & XT_WORD))
		return 0;
	if (t->f & XT_NUM)
		return 1;
	static const char *const first[] = {
	    "no",        "not",       "at",     "more",     "fewer",  "less",          "up",
	    "over",      "nearly",    "almost", "about",    "around", "approximately", "roughly",
	    "some",      "estimated", "an",     "a",        "dozens", "scores",        "hundreds",
	    "thousands", "several",   "many",   "numerous", NULL};
	static xt_words first_set = XT_WORDS(first);
	static xt_words number_set = XT_WORDS(number_words);
	return !(t->ll > 13 || (!xt_in(d, i, &first_set) && !xt_in(d, i, &number_set) &&
	                        !memchr(XT_LOW(d, i), '-', t->ll)));
}

/* Qualifiers at *i: "at least", "more than", "over", "nearly", "about"
 * ...; their flags, *i moved past them. */
static unsigned read_qualifier(const xt_doc *d, size_t *ip, size_t end)
{
	size_t i = *ip;
	unsigned fl = 0;
	if ((tok_is_word(d, i, "no") || tok_is_word(d, i, "not")) && i + 2 < end &&
	    (xt_is(d, i + 1, "fewer") || xt_is(d, i + 1, "less")) && xt_is(d, i + 2, "than")) {
		/* "no fewer than 11", "not less than 20": at least */
		fl |= XN_ATLEAST;
		i += 3;
	} else if (tok_is_word(d, i, "at") && i + 1 < end &&
	           (xt_is(d, i + 1, "least") || xt_is(d, i + 1, "most"))) {
		fl |= xt_is(d, i + 1, "least") ? XN_ATLEAST : XN_UPTO;
		i += 2;
	} else if ((tok_is_word(d, i, "more") || tok_is_word(d, i, "fewer") ||
	            tok_is_word(d, i, "less")) &&
	           i + 1 < end && xt_is(d, i + 1, "than")) {
		fl |= xt_is(d, i, "more") ? XN_ATLEAST : XN_UPTO;
		i += 2;
	} else if (tok_is_word(d, i, "up") && i + 1 < end && xt_is(d, i + 1, "to")) {
		fl |= XN_UPTO;
		i += 2;
	} else if (tok_is_word(d, i, "over") || tok_is_word(d, i, "nearly") ||
	           tok_is_word(d, i, "almost") || tok_is_word(d, i, "about") ||
	           tok_is_word(d, i, "around") || tok_is_word(d, i, "approximately") ||
	           tok_is_word(d, i, "roughly") || tok_is_word(d, i, "some") ||
	           tok_is_word(d, i, "estimated")) {
		fl |= xt_is(d, i, "over") ? XN_ATLEAST : XN_APPROX;
		i += 1;
	}
	if (i < end && tok_is_word(d, i, "an") && i + 1 < end && xt_is(d, i + 1, "estimated"))
		i += 2;
	*ip = i;
	return fl;
}

/* The count in digits at i ("12", "1.5 million"); -1 when it is none (a
 * year, a clock time, a percentage, a measure, a date). *j: the token
 * after it. */
static long digits_count(const xt_doc *d, size_t i, size_t end, unsigned fl, size_t *jp)
{
	size_t j = *jp;
	long v = digits_value(XT_STR(d, i), XT_LEN(d, i));
	if (v < 0)
		return -1;
	/* A year, a clock time ("1400 GMT", "5:00 pm"), a percentage or an
	 * ordinal suffix is not a count. */
	if (j < end && (xt_is(d, j, "gmt") || xt_is(d, j, "pm") || xt_is(d, j, "am") ||
	                xt_is(d, j, "p.m.") || xt_is(d, j, "a.m.") || xt_is(d, j, "%") ||
	                xt_is(d, j, "percent") || xt_is(d, j, "per") || xt_is(d, j, "local") ||
	                unit_word(d, j) || (v >= 1 && v <= 31 && month_word(d, j))))
		return -1;
	if (XT_LEN(d, i) == 4 && v >= 1900 && v <= 2100 && !(fl & (XN_ATLEAST | XN_APPROX)))
		return -1;
	/* "1.5 million" and friends */
	if (j < end &&
	    (xt_is(d, j, "million") || xt_is(d, j, "thousand") || xt_is(d, j, "hundred"))) {
		long m = xt_is(d, j, "million") ? 1000000 : xt_is(d, j, "thousand") ? 1000 : 100;
		v *= m;
		j++;
	}
	*jp = j;
	return v;
}

/* "and five" after "hundred" at *j: added to *v. */
static void and_units(const xt_doc *d, size_t end, long *v, size_t *j)
{
	if (*j + 1 < end && xt_is(d, *j, "and")) {
		long u = xt_num_word(XT_STR(d, *j + 1), XT_LEN(d, *j + 1));
		if (u > 0 && u < 100) {
			*v += u;
			*j += 2;
		}
	}
}

/* "a dozen", "a hundred", "one hundred", "one" at i; -1 when none. */
static long a_count(const xt_doc *d, size_t i, size_t end, unsigned *fl, size_t *j)
{
	long v;
	if (*j < end && xt_is(d, *j, "dozen")) {
		v = 12;
		(*j)++;
	} else if (*j < end && xt_is(d, *j, "hundred")) {
		v = 100;
		(*j)++;
		and_units(d, end, &v, j);
	} else if (*j < end && xt_is(d, *j, "thousand")) {
		v = 1000;
		(*j)++;
	} else if (xt_is(d, i, "one")) {
		v = 1;
		*fl |= XN_WORD;
	} else {
		return -1;
	}
	*fl |= XN_WORD;
	return v;
}

/* A count in number words at i: "twenty five", "one hundred and five",
 * "three hundred", "two dozen"; -1 when none, or a span ("three days
 * back", "two years ago"). */
static long words_count(const xt_doc *d, size_t i, size_t end, unsigned *fl, size_t *jp)
{
	size_t j = *jp;
	long v = num_low(XT_LOW(d, i), d->tok[i].ll);
	if (v < 0 || xt_is(d, i, "both") || xt_is(d, i, "pair") || xt_is(d, i, "couple") ||
	    xt_is(d, i, "single") || xt_is(d, i, "lone") || xt_is(d, i, "dozen"))
		return -1;
	*fl |= XN_WORD;
	if (v >= 20 && v <= 90 && v % 10 == 0 && j < end) {
		long u = xt_num_word(XT_STR(d, j), XT_LEN(d, j));
		if (u >= 1 && u <= 9) {
			v += u;
			j++;
		}
	}
	if (j < end && xt_is(d, j, "hundred") && v < 10) {
		v *= 100;
		j++;
		and_units(d, end, &v, &j);
	}
	if (j < end && xt_is(d, j, "thousand")) {
		v *= 1000;
		j++;
	}
	if (j < end && xt_is(d, j, "dozen") && v < 10) {
		v *= 12;
		j++;
	}
	*jp = j;
	if (j < end && unit_word(d, j))
		return -1;
	return v;
}

/* The count in words at i; -1 when none. */
static long word_count(const xt_doc *d, size_t i, size_t end, unsigned *fl, size_t *j)
{
	/* the token's own lower-cased form, as long as xt_lower's copy
	 * of 48 bytes would hold it */
	size_t n = d->tok[i].ll;
	if (!n || n >= 48)
		return -1;
	long v;
	if (xt_is(d, i, "a") || xt_is(d, i, "one")) {
		v = a_count(d, i, end, fl, j);
	} else if (xt_is(d, i, "dozens") || xt_is(d, i, "scores")) {
		v = 12;
		*fl |= XN_VAGUE | XN_WORD;
	} else if (xt_is(d, i, "hundreds")) {
		v = 100;
		*fl |= XN_VAGUE | XN_WORD;
	} else if (xt_is(d, i, "thousands")) {
		v = 1000;
		*fl |= XN_VAGUE | XN_WORD;
	} else if (xt_is(d, i, "several") || xt_is(d, i, "many") || xt_is(d, i, "numerous")) {
		/* ACLED codes "several"/"many" as 10 only when nothing better
		 * is said; kept vague so a number wins over it. */
		v = 10;
		*fl |= XN_VAGUE | XN_WORD;
	} else {
		v = words_count(d, i, end, fl, j);
	}
	if (v < 0)
		return -1;
	/* "dozens of", "hundreds of" */
	if ((*fl & XN_VAGUE) && *j < end && xt_is(d, *j, "of"))
		(*j)++;
	return v;
}

int xt_num_at(const xt_doc *d, size_t i, size_t end, xt_num *out)
{
	if (end > d->ntok)
		end = d->ntok;
	if (i >= end || !opens_count(d, i))
		return 0;
	size_t t0 = i;
	unsigned fl = read_qualifier(d, &i, end);
	if (i >= end)
		return 0;
	const xt_tok *t = &d->tok[i];
	long v;
	size_t j = i + 1;
	if (t->f & XT_NUM)
		v = digits_count(d, i, end, fl, &j);
	else if (t->f & XT_WORD)
		v = word_count(d, i, end, &fl, &j);
	else
		return 0;
	if (v < 0)
		return 0;
	out->v = v;
	out->flags = fl;
	out->t0 = t0;
	out->t1 = j;
	return 1;
}
