/* when.c: date expressions ("on Tuesday", "yesterday", "last night", "Dec. 7",
 * "7 November 2021", "in July", "last month") resolved against the article's
 * date with ACLED's time precision. No year is ever guessed without an
 * anchor: an expression without its own year then stays undated. */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const month_names[12] = {"january", "february", "march",     "april",
					    "may",     "june",     "july",      "august",
					    "september", "october", "november", "december"};
static const char *const month_abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
					   "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const day_names[7] = {"monday", "tuesday", "wednesday", "thursday",
					 "friday", "saturday", "sunday"};

/* 1 when the n bytes at w (n >= 2) are the word s (of 3 letters or more):
 * the first two bytes before the length, which most words asked fail. */
static int word_eq(const char *w, size_t n, const char *s)
{
	return s[0] == w[0] && s[1] == w[1] && strlen(s) == n && memcmp(s, w, n) == 0;
}

/* 1..12 when token i names a month; "May" and "March" only when capitalised. */
static int month_of(const xt_doc *d, size_t i)
{
	if (i >= d->ntok || !(d->tok[i].f & XT_CAP) || (d->tok[i].f & XT_NUM))
		return 0;
	size_t n = d->tok[i].ll;
	if (n < 3 || n > 10)
		return 0;
	const char *w = XT_LOW(d, i);
	if (w[n - 1] == '.')
		n--;
	/* the months whose names start with w's letter (bit m - 1): most
	 * capitalised words asked start none */
	static const uint16_t by_letter[26] = {
	    ['a' - 'a'] = 1u << 3 | 1u << 7, ['d' - 'a'] = 1u << 11, ['f' - 'a'] = 1u << 1,
	    ['j' - 'a'] = 1u << 0 | 1u << 5 | 1u << 6, ['m' - 'a'] = 1u << 2 | 1u << 4,
	    ['n' - 'a'] = 1u << 10, ['o' - 'a'] = 1u << 9, ['s' - 'a'] = 1u << 8};
	unsigned set = w[0] >= 'a' && w[0] <= 'z' ? by_letter[w[0] - 'a'] : 0;
	for (int m = 0; set; m++, set >>= 1) {
		if (!(set & 1))
			continue;
		if (word_eq(w, n, month_names[m]) || word_eq(w, n, month_abbr[m]) ||
		    (m == 8 && word_eq(w, n, "sept"))) {
			if (!(d->tok[i].f & XT_CAP))
				return 0;
			return m + 1;
		}
	}
	return 0;
}

/* 0..6 when token i names a weekday, else -1. */
static int weekday_of(const xt_doc *d, size_t i)
{
	if (i >= d->ntok || !(d->tok[i].f & XT_CAP) || d->tok[i].ll < 6 || d->tok[i].ll > 9)
		return -1;
	const char *w = XT_LOW(d, i);
	for (int k = 0; k < 7; k++)
		if (w[0] == day_names[k][0] && strcmp(w, day_names[k]) == 0)
			return k;
	return -1;
}

/* A day of the month: "7", "07", "7th", "21st". */
static int day_of(const xt_doc *d, size_t i)
{
	if (i >= d->ntok || !(d->tok[i].f & XT_NUM))
		return 0;
	const char *s = XT_STR(d, i);
	size_t n = XT_LEN(d, i), k = 0;
	int v = 0;
	while (k < n && s[k] >= '0' && s[k] <= '9' && k < 2)
		v = v * 10 + (s[k++] - '0');
	if (k == 0 || (k < n && s[k] >= '0' && s[k] <= '9'))
		return 0;
	if (k < n) {
		char suf[3] = {0};
		if (n - k != 2)
			return 0;
		suf[0] = (char)(s[k] | 0x20);
		suf[1] = (char)(s[k + 1] | 0x20);
		if (strcmp(suf, "st") && strcmp(suf, "nd") && strcmp(suf, "rd") && strcmp(suf, "th"))
			return 0;
	}
	return v >= 1 && v <= 31 ? v : 0;
}

int xt_year_at(const xt_doc *d, size_t i)
{
	if (i >= d->ntok || !(d->tok[i].f & XT_NUM) || XT_LEN(d, i) != 4)
		return 0;
	const char *s = XT_STR(d, i);
	int v = 0;
	for (int k = 0; k < 4; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		v = v * 10 + (s[k] - '0');
	}
	return v >= 1900 && v <= 2100 ? v : 0;
}

static int middle_day(int y, int m)
{
	return (im_days_in_month(y ? y : 2001, m) + 1) / 2;
}

im_date xt_weekday_before(im_date anchor, int wd, int strictly)
{
	int aw = im_date_weekday(anchor);
	int back = (aw - wd + 7) % 7;
	if (back == 0 && strictly)
		back = 7;
	return im_date_add_days(anchor, -back);
}

im_date xt_month_before(im_date anchor, int m)
{
	im_date r = {anchor.y, m, 0};
	if (m > anchor.m)
		r.y--;
	r.d = middle_day(r.y, m);
	return r;
}

/* A day and month with no year: the latest such date not after the anchor
 * (allowing a day of slack for time zones). */
static im_date monthday_before(im_date anchor, int m, int day)
{
	im_date r = {anchor.y, m, day};
	if (!im_date_valid(r) || im_date_to_days(r) > im_date_to_days(anchor) + 1) {
		r.y--;
	}
	if (!im_date_valid(r))
		r.y = 0;
	return r;
}

/* Words that make a following date the date of a statement, not of the
 * event: "said on Sunday", "told reporters on Monday". */
static int is_reporting_verb(const xt_doc *d, size_t i)
{
	return xt_lex_in(&xt_eventwords, d, i, XV_REPORTED);
}

/* Looks left of token k (inside [t0, k)) past "on", "late", "early", "last",
 * "this" and commas for a reporting verb. */
static int reported_before(const xt_doc *d, size_t t0, size_t k)
{
	size_t i = k, skipped = 0;
	while (i > t0 && skipped < 4) {
		i--;
		if (xt_is(d, i, "on") || xt_is(d, i, "late") || xt_is(d, i, "early") ||
		    xt_is(d, i, "last") || xt_is(d, i, "this") || xt_is(d, i, "later") ||
		    xt_is(d, i, "earlier") || xt_is(d, i, "reporters") || xt_is(d, i, "journalists") ||
		    xt_is(d, i, "media") || xt_is(d, i, "a") || xt_is(d, i, "in")) {
			skipped++;
			continue;
		}
		return is_reporting_verb(d, i);
	}
	return 0;
}

static int push(xt_when *out, size_t *n, size_t max, xt_when w)
{
	if (*n >= max)
		return 0;
	out[(*n)++] = w;
	return 1;
}

/* Parses a calendar date at k: "Dec. 7", "December 7, 2021", "7 November",
 * "7 November 2021", "7th of November", "2021-12-07". Sets *next. */
/* 0 when token k (below d->ntok) opens no calendar date: each form opens
 * with a number or a capitalised month, and most tokens are neither. */
static int may_open_calendar(const xt_doc *d, size_t k)
{
	return (d->tok[k].f & (XT_NUM | XT_CAP)) != 0;
}

static int calendar_at(const xt_doc *d, size_t k, size_t t1, int *y, int *m, int *day,
		       size_t *next)
{
	if (k >= t1 || !may_open_calendar(d, k))
		return 0;
	if ((d->tok[k].f & XT_NUM) && XT_LEN(d, k) == 10) {
		im_date iso;
		if (im_date_parse_iso(XT_STR(d, k), 10, &iso)) {
			*y = iso.y;
			*m = iso.m;
			*day = iso.d;
			*next = k + 1;
			return 1;
		}
	}
	int mm = month_of(d, k);
	if (mm && k + 1 < t1) {
		int dd = day_of(d, k + 1);
		if (dd) {
			size_t j = k + 2;
			int yy = 0;
			if (j + 1 < t1 && xt_is(d, j, ",") && xt_year_at(d, j + 1)) {
				yy = xt_year_at(d, j + 1);
				j += 2;
			} else if (j < t1 && xt_year_at(d, j)) {
				yy = xt_year_at(d, j);
				j++;
			}
			*y = yy;
			*m = mm;
			*day = dd;
			*next = j;
			return 1;
		}
	}
	int dd = day_of(d, k);
	if (dd && k + 1 < t1) {
		size_t j = k + 1;
		if (xt_is(d, j, "of") && j + 1 < t1)
			j++;
		mm = month_of(d, j);
		if (mm) {
			j++;
			int yy = 0;
			if (j < t1 && xt_year_at(d, j)) {
				yy = xt_year_at(d, j);
				j++;
			} else if (j + 1 < t1 && xt_is(d, j, ",") && xt_year_at(d, j + 1)) {
				yy = xt_year_at(d, j + 1);
				j += 2;
			}
			*y = yy;
			*m = mm;
			*day = dd;
			*next = j;
			return 1;
		}
	}
	return 0;
}

int xt_full_date(const xt_doc *d, size_t t0, size_t t1, im_date *out)
{
	if (t1 > d->ntok)
		t1 = d->ntok;
	for (size_t k = t0; k < t1; k++) {
		int y, m, day;
		size_t next;
		if (!may_open_calendar(d, k)) /* without calendar_at's call */
			continue;
		if (calendar_at(d, k, t1, &y, &m, &day, &next) && y) {
			im_date r = {y, m, day};
			if (im_date_valid(r)) {
				*out = r;
				return 1;
			}
		}
	}
	return 0;
}

static int is_word(const xt_doc *d, size_t k, size_t t1, const char *w)
{
	return k < t1 && xt_is(d, k, w);
}

/* "a month", "two weeks", "days": the unit of a duration; 0 none, 1 day,
 * 2 week, 3 month, 4 year. */
static int duration_unit(const xt_doc *d, size_t k, size_t t1, size_t *next)
{
	size_t j = k;
	if (is_word(d, j, t1, "nearly") || is_word(d, j, t1, "almost") ||
	    is_word(d, j, t1, "about") || is_word(d, j, t1, "more") || is_word(d, j, t1, "over") ||
	    is_word(d, j, t1, "several") || is_word(d, j, t1, "a") || is_word(d, j, t1, "two") ||
	    is_word(d, j, t1, "three") || is_word(d, j, t1, "few") || is_word(d, j, t1, "the"))
		j++;
	if (is_word(d, j, t1, "than") || is_word(d, j, t1, "a") || is_word(d, j, t1, "past") ||
	    is_word(d, j, t1, "few") || is_word(d, j, t1, "last"))
		j++;
	if (j < t1 && (d->tok[j].f & XT_NUM))
		j++;
	int u = 0;
	if (is_word(d, j, t1, "day") || is_word(d, j, t1, "days"))
		u = 1;
	else if (is_word(d, j, t1, "week") || is_word(d, j, t1, "weeks"))
		u = 2;
	else if (is_word(d, j, t1, "month") || is_word(d, j, t1, "months"))
		u = 3;
	else if (is_word(d, j, t1, "year") || is_word(d, j, t1, "years"))
		u = 4;
	if (u)
		*next = j + 1;
	return u;
}

/* What xt_dates reads a range with: the tokens t0..t1, the article's date
 * (have: it is known) and the latest day-precise date read so far. */
typedef struct when_ctx {
	const xt_doc *d;
	size_t t0, t1;
	im_date anchor;
	int have;
	im_date last;
} when_ctx;

/* What a reader found at token k: not its kind of date (the next reader
 * is tried), a date in *w, nothing (read on from k + 1), or nothing up to
 * *next. */
enum { W_NONE, W_DATE, W_SKIP, W_SKIP_TO };

/* 1 when token k - 1 (inside the range) is the word s. */
static int before_is(const when_ctx *c, size_t k, const char *s)
{
	return k > c->t0 && xt_is(c->d, k - 1, s);
}

/* A weekday, alone or before a calendar date ("Sunday, 7 November");
 * "next Monday" is a plan, not an event. */
static int weekday_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	int wd = weekday_of(d, k), y, m, day;
	if (wd < 0)
		return W_NONE;
	int strictly = before_is(c, k, "last");
	if (before_is(c, k, "next"))
		return W_SKIP;
	size_t j = k + 1;
	if (j < c->t1 && xt_is(d, j, ","))
		j++;
	if (calendar_at(d, j, c->t1, &y, &m, &day, next)) {
		w->kind = y ? XW_FULL : XW_MONTHDAY;
		im_date r = {y, m, day};
		if (!y && c->have)
			r = monthday_before(c->anchor, m, day);
		else if (!y)
			r.y = 0;
		w->date = im_date_valid(r) ? r : (im_date){0, 0, 0};
		w->prec = 1;
	} else {
		w->kind = XW_WEEKDAY;
		w->prec = 1;
		if (c->have)
			w->date = xt_weekday_before(c->anchor, wd, strictly);
		*next = k + 1;
		/* "Monday night", "Sunday morning" */
		if (*next < c->t1 &&
		    (xt_is(d, *next, "night") || xt_is(d, *next, "morning") ||
		     xt_is(d, *next, "evening") || xt_is(d, *next, "afternoon")))
			++*next;
	}
	if (strictly)
		w->t0 = k - 1;
	return W_DATE;
}

/* "7 November 2021", "Dec. 7": a calendar date. */
static int calendar_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	int y, m, day;
	if (!calendar_at(c->d, k, c->t1, &y, &m, &day, next))
		return W_NONE;
	im_date r = {y, m, day};
	w->kind = y ? XW_FULL : XW_MONTHDAY;
	w->prec = 1;
	if (!y)
		r = c->have ? monthday_before(c->anchor, m, day) : (im_date){0, 0, 0};
	w->date = im_date_valid(r) ? r : (im_date){0, 0, 0};
	return W_DATE;
}

/* "in July", "July 2021", "early March"; a month needs a year or a cue. */
static int month_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	int m = month_of(d, k);
	if (!m)
		return W_NONE;
	int yy = k + 1 < c->t1 ? xt_year_at(d, k + 1) : 0;
	static const char *const cues[] = {"in",   "since", "during", "until", "early",
					   "late", "mid",   "to",     "of",    "last",
					   "this", "by",    "from",   "mid-"};
	int cue = 0;
	for (size_t i = 0; i < sizeof cues / sizeof *cues && !cue; i++)
		cue = before_is(c, k, cues[i]);
	if (!yy && !cue)
		return W_SKIP;
	w->kind = XW_MONTH;
	w->prec = 3;
	if (yy) {
		w->date = (im_date){yy, m, middle_day(yy, m)};
		*next = k + 2;
	} else if (c->have) {
		w->date = xt_month_before(c->anchor, m);
	}
	if (before_is(c, k, "early") || before_is(c, k, "late") || before_is(c, k, "mid"))
		w->t0 = k - 1;
	return W_DATE;
}

/* A day told relative to the report's: "yesterday", "today", "this
 * morning", "last night", "overnight", "earlier that day". */
static int relative_day(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	size_t t1 = c->t1;
	int kind = XW_RELDAY;
	if (xt_is(d, k, "yesterday")) {
		if (c->have)
			w->date = im_date_add_days(c->anchor, -1);
	} else if (xt_is(d, k, "today") || xt_is(d, k, "tonight") ||
		   ((xt_is(d, k, "this") || xt_is(d, k, "early")) && k + 1 < t1 &&
		    (xt_is(d, k + 1, "morning") || xt_is(d, k + 1, "afternoon") ||
		     xt_is(d, k + 1, "evening")))) {
		if (xt_is(d, k, "this") || xt_is(d, k, "early"))
			*next = k + 2;
		if (c->have)
			w->date = c->anchor;
	} else if (xt_is(d, k, "last") && k + 1 < t1 &&
		   (xt_is(d, k + 1, "night") || xt_is(d, k + 1, "evening"))) {
		*next = k + 2;
		if (c->have)
			w->date = im_date_add_days(c->anchor, -1);
	} else if (xt_is(d, k, "overnight")) {
		if (c->have)
			w->date = c->anchor;
	} else if ((xt_is(d, k, "that") || xt_is(d, k, "same")) && k + 1 < t1 &&
		   xt_is(d, k + 1, "day")) {
		/* "earlier that day", "later that day", "the same day" */
		kind = XW_SAMEDAY;
		*next = k + 2;
		if (before_is(c, k, "earlier") || before_is(c, k, "later") || before_is(c, k, "the"))
			w->t0 = k - 1;
		w->date = c->last.y ? c->last : (c->have ? c->anchor : (im_date){0, 0, 0});
	} else {
		return W_NONE;
	}
	w->kind = kind;
	w->prec = 1;
	return W_DATE;
}

/* "last", "this" or "past" at k before a word of the clause: the opening
 * of a week or month counted from the report's date. */
static int opens_relative(const when_ctx *c, size_t k)
{
	const xt_doc *d = c->d;
	return (xt_is(d, k, "last") || xt_is(d, k, "this") || xt_is(d, k, "past")) &&
	       k + 1 < c->t1;
}

/* Takes "last week", "this month" at k as w's words and kind. */
static void take_relative(const when_ctx *c, size_t k, int kind, int prec, xt_when *w,
			  size_t *next)
{
	w->kind = kind;
	w->prec = prec;
	*next = k + 2;
	if (before_is(c, k, "earlier"))
		w->t0 = k - 1;
}

/* date, or the report's own date when date is after it */
static im_date not_after_anchor(const when_ctx *c, im_date date)
{
	return im_date_to_days(date) > im_date_to_days(c->anchor) ? c->anchor : date;
}

/* "last week", "this weekend", "the past week": the middle of that week
 * (its Saturday for a weekend), not after the report. */
static int week_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	if (!opens_relative(c, k) || !(xt_is(d, k + 1, "week") || xt_is(d, k + 1, "weekend")))
		return W_NONE;
	take_relative(c, k, XW_WEEK, 2, w, next);
	if (c->have) {
		int aw = im_date_weekday(c->anchor);
		im_date mon = im_date_add_days(c->anchor, -aw);
		if (xt_is(d, k, "last") || xt_is(d, k, "past"))
			mon = im_date_add_days(mon, -7);
		w->date = not_after_anchor(c, im_date_add_days(mon, xt_is(d, k + 1, "weekend") ? 5 : 3));
	}
	return W_DATE;
}

/* "last month", "this month": the middle of it, not after the report. */
static int month_rel_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	if (!opens_relative(c, k) || !xt_is(d, k + 1, "month"))
		return W_NONE;
	take_relative(c, k, XW_MONTH, 3, w, next);
	if (c->have) {
		im_date r = {c->anchor.y, c->anchor.m, 0};
		if (!xt_is(d, k, "this")) {
			r.m--;
			if (r.m == 0) {
				r.m = 12;
				r.y--;
			}
		}
		r.d = middle_day(r.y, r.m);
		w->date = not_after_anchor(c, r);
	}
	return W_DATE;
}

/* "last year", "this year", "in 2021", "since 2019": a year, undated. */
static int year_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	if ((xt_is(d, k, "last") || xt_is(d, k, "this")) && k + 1 < c->t1 &&
	    xt_is(d, k + 1, "year")) {
		*next = k + 2;
	} else if (!(xt_year_at(d, k) &&
		     (before_is(c, k, "in") || before_is(c, k, "since") || before_is(c, k, "late") ||
		      before_is(c, k, "early") || before_is(c, k, "during") ||
		      before_is(c, k, "mid")))) {
		return W_NONE;
	}
	w->kind = XW_YEAR;
	w->prec = 3;
	return W_DATE;
}

/* "for nearly a month": going on until the report; "for years" is no
 * date. */
static int duration_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	if (!xt_is(c->d, k, "for"))
		return W_NONE;
	int u = duration_unit(c->d, k + 1, c->t1, next);
	if (!u)
		return W_NONE;
	if (u == 4)
		return W_SKIP_TO;
	w->kind = XW_DURATION;
	w->prec = u >= 3 ? 3 : 2;
	if (c->have)
		w->date = c->anchor;
	return W_DATE;
}

/* "three days ago", "a week ago". */
static int ago_date(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	const xt_doc *d = c->d;
	if (!(d->tok[k].f & (XT_NUM | XT_WORD)) || k + 2 >= c->t1 || !xt_is(d, k + 2, "ago") ||
	    !(xt_is(d, k + 1, "days") || xt_is(d, k + 1, "weeks") || xt_is(d, k + 1, "months") ||
	      xt_is(d, k + 1, "day") || xt_is(d, k + 1, "week") || xt_is(d, k + 1, "month")))
		return W_NONE;
	long v = xt_is(d, k, "a") ? 1 : xt_num_word(XT_STR(d, k), XT_LEN(d, k));
	if (v < 0 && (d->tok[k].f & XT_NUM))
		v = strtol(XT_STR(d, k), NULL, 10);
	if (v <= 0 || v > 100)
		return W_SKIP;
	int unit = xt_is(d, k + 1, "days") || xt_is(d, k + 1, "day")     ? 1
		   : xt_is(d, k + 1, "weeks") || xt_is(d, k + 1, "week") ? 7
									    : 30;
	w->kind = unit == 1 ? XW_RELDAY : unit == 7 ? XW_WEEK : XW_MONTH;
	w->prec = unit == 1 ? 1 : unit == 7 ? 2 : 3;
	*next = k + 3;
	if (c->have)
		w->date = im_date_add_days(c->anchor, -v * unit);
	return W_DATE;
}

/* The lower-case words that open a date expression: relative_day's,
 * opens_relative's, year_date's and duration_date's first words. */
static const char *const opener_list[] = {"yesterday", "today", "tonight", "this", "early",
					  "last",      "overnight", "that", "same",   "past",
					  "for",       NULL};

/* 0 when no reader of date_at can take token k (it would skip it): it is neither a number (a
 * day, a year, an ISO date), nor a weekday or a month, nor an opener, nor
 * two tokens before "ago". Most tokens are none of these; a new reader
 * whose first token is another word adds it to opener_list. */
static int may_open_date(const when_ctx *c, size_t k)
{
	static xt_words openers = XT_WORDS(opener_list);
	const xt_doc *d = c->d;
	uint32_t f = d->tok[k].f;
	if (f & XT_NUM)
		return 1;
	/* a month or a weekday is capitalised: no call for the other tokens */
	if ((f & XT_CAP) && (month_of(d, k) || weekday_of(d, k) >= 0))
		return 1;
	return xt_in(d, k, &openers) || (k + 2 < c->t1 && xt_is(d, k + 2, "ago"));
}

/* The date expression at token k, by the first reader that knows it. */
static int date_at(const when_ctx *c, size_t k, xt_when *w, size_t *next)
{
	static int (*const readers[])(const when_ctx *, size_t, xt_when *, size_t *) = {
	    weekday_date, calendar_date,  month_date,    relative_day, week_date,
	    month_rel_date, year_date, duration_date, ago_date};
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
		int r = readers[i](c, k, w, next);
		if (r != W_NONE)
			return r;
	}
	return W_SKIP;
}

/* What the words around a date w read up to next say of it: its
 * preposition ("on Tuesday", "late on Monday"), whether a report of it
 * came before, whether it bounds a period ("since", "after"), whether a
 * possessive follows ("Tuesday's bombing"). */
static void date_context(const when_ctx *c, xt_when *w, size_t next)
{
	const xt_doc *d = c->d;
	size_t t0 = c->t0;
	if (w->t0 > t0 && xt_is(d, w->t0 - 1, "on"))
		w->t0--;
	if (w->t0 > t0 && (xt_is(d, w->t0 - 1, "late") || xt_is(d, w->t0 - 1, "early")))
		w->t0--;
	w->t1 = next;
	w->reporting = reported_before(d, t0, w->t0);
	if (w->t0 > t0 && (xt_is(d, w->t0 - 1, "since") || xt_is(d, w->t0 - 1, "following") ||
			   xt_is(d, w->t0 - 1, "after") || xt_is(d, w->t0 - 1, "before") ||
			   xt_is(d, w->t0 - 1, "until") || xt_is(d, w->t0 - 1, "till") ||
			   (w->t0 > t0 + 1 && xt_is(d, w->t0 - 1, "of") &&
			    xt_is(d, w->t0 - 2, "ahead"))))
		w->period = 1;
	if (next < c->t1 && (d->tok[next].f & XT_POSS))
		w->attrib = 1;
}

size_t xt_dates(const xt_doc *d, size_t t0, size_t t1, im_date anchor, xt_when *out,
		size_t max)
{
	when_ctx c = {d, t0, t1 > d->ntok ? d->ntok : t1, anchor, anchor.y != 0, {0, 0, 0}};
	size_t n = 0;
	for (size_t k = t0; k < c.t1 && n < max;) {
		if (!may_open_date(&c, k)) {
			k++;
			continue;
		}
		xt_when w;
		memset(&w, 0, sizeof w);
		w.t0 = k;
		size_t next = k + 1;
		int r = date_at(&c, k, &w, &next);
		if (r == W_SKIP || r == W_SKIP_TO) {
			k = r == W_SKIP ? k + 1 : next;
			continue;
		}
		date_context(&c, &w, next);
		if (w.prec == 1 && w.date.y)
			c.last = w.date;
		push(out, &n, max, w);
		k = next > k ? next : k + 1;
	}
	return n;
}
