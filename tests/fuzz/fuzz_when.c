/* fuzz_when.c: libFuzzer target for the extraction's readers of dates and
 * numbers on arbitrary text: relative dates ("last Tuesday", "the day
 * before", "Dec. 7") resolved against an anchor, counts ("a dozen", "at
 * least 35", "twenty-five"), casualty figures. The first three bytes pick
 * the anchor (none, or a day between 1000-01-01 and 9999-12-31, the range
 * --date and JSONL dates allow); the rest is the text. What comes out must
 * hold together: real dates, precisions 1..3, token spans inside the
 * sentence, counts >= 0, a weekday before the anchor that is that weekday,
 * a relative day near the anchor. */
#include "fuzz_util.h"
#include "core/utf8.h"
#include "extract/extract_int.h"

static long days(im_date d)
{
	return im_date_to_days(d);
}

static im_date pick_anchor(const uint8_t *p)
{
	im_date lo = {1000, 1, 1}, hi = {9999, 12, 31}, mid = {2024, 3, 13};
	long off = (long)p[1] << 8 | p[2];
	switch (p[0] & 3) {
	case 0: return (im_date){0, 0, 0};
	case 1: return im_date_add_days(lo, off);
	case 2: return im_date_add_days(hi, -off);
	default: return im_date_add_days(mid, off - 32768);
	}
}

static void check_calendar(im_date a)
{
	for (int wd = 0; wd < 7; wd++) {
		for (int strict = 0; strict < 2; strict++) {
			im_date w = xt_weekday_before(a, wd, strict);
			long back = days(a) - days(w);
			if (im_date_weekday(w) != wd || back < strict || back > 6 + strict)
				FZ_BUG("weekday %d before %d-%02d-%02d: %d-%02d-%02d", wd, a.y, a.m, a.d,
				       w.y, w.m, w.d);
		}
	}
	for (int m = 1; m <= 12; m++) {
		im_date r = xt_month_before(a, m);
		if (r.m != m || (r.y != a.y && r.y != a.y - 1) || (r.y == a.y && m > a.m))
			FZ_BUG("month %d before %d-%02d-%02d: %d-%02d-%02d", m, a.y, a.m, a.d, r.y, r.m,
			       r.d);
		if (r.y >= 1 && !im_date_valid(r))
			FZ_BUG("month %d before %d-%02d-%02d is no date: %d-%02d-%02d", m, a.y, a.m, a.d,
			       r.y, r.m, r.d);
	}
}

static void check_sentence(const xt_doc *d, const xt_sent *s, im_date anchor)
{
	xt_when w[8];
	size_t n = xt_dates(d, s->t0, s->t1, anchor, w, 8);
	if (n > 8)
		FZ_BUG("xt_dates wrote %zu of at most 8", n);
	for (size_t i = 0; i < n; i++) {
		const xt_when *x = &w[i];
		if (x->kind < XW_FULL || x->kind > XW_DURATION || x->prec < 1 || x->prec > 3)
			FZ_BUG("date kind %d, precision %d", x->kind, x->prec);
		if (x->t0 < s->t0 || x->t1 > s->t1 || x->t0 >= x->t1)
			FZ_BUG("date tokens [%zu,%zu) outside the sentence [%u,%u)", x->t0, x->t1,
			       s->t0, s->t1);
		if (x->date.y && !im_date_valid(x->date))
			FZ_BUG("date %d-%d-%d is no calendar day", x->date.y, x->date.m, x->date.d);
		/* "the same day" refers back to any date told before: not checked;
		 * a weekday lies within two weeks of the anchor, a day counted back
		 * ("50 days ago") within the 100 days the reader takes */
		long far = x->kind == XW_WEEKDAY ? 14 : 100;
		if (x->date.y && anchor.y &&
		    (x->kind == XW_WEEKDAY || x->kind == XW_RELDAY) &&
		    labs(days(x->date) - days(anchor)) > far)
			FZ_BUG("a relative day (kind %d) %d-%02d-%02d far from the anchor %d-%02d-%02d", x->kind, x->date.y,
			       x->date.m, x->date.d, anchor.y, anchor.m, anchor.d);
	}
	im_date full;
	if (xt_full_date(d, s->t0, s->t1, &full) && !im_date_valid(full))
		FZ_BUG("full date %d-%d-%d is no calendar day", full.y, full.m, full.d);
	for (size_t i = s->t0; i < s->t1; i++) {
		xt_num v;
		if (xt_num_at(d, i, s->t1, &v) && (v.v < 0 || v.t1 > s->t1 || v.t0 >= v.t1))
			FZ_BUG("count %ld over tokens [%zu,%zu) at %zu", v.v, v.t0, v.t1, i);
		if (xt_num_word(XT_LOW(d, i), d->tok[i].ll) < -1)
			FZ_BUG("number word below -1");
	}
	xt_fig f[16];
	size_t nf = xt_figures(d, s->t0, s->t1, f, 16);
	if (nf > 16)
		FZ_BUG("xt_figures wrote %zu of at most 16", nf);
	for (size_t i = 0; i < nf; i++)
		if ((f[i].what != XF_DEATHS && f[i].what != XF_INJURIES) || f[i].v < 0 ||
		    f[i].t1 > s->t1 || f[i].t0 > f[i].t1)
			FZ_BUG("figure %ld (%d) over [%zu,%zu)", f[i].v, f[i].what, f[i].t0, f[i].t1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3 || size > 65536)
		return 0;
	im_date anchor = pick_anchor(data);
	if (anchor.y && !im_date_valid(anchor))
		FZ_BUG("the harness made a bad anchor");
	if (anchor.y)
		check_calendar(anchor);
	const char *text = (const char *)data + 3;
	size_t len = size - 3;
	if (!im_utf8_valid(text, len, NULL) || memchr(text, 0, len))
		return 0; /* the article reader lets only valid UTF-8 without NUL through */
	xt_doc d;
	if (xt_doc_parse(&d, text, len) != IM_OK)
		return 0;
	for (size_t i = 0; i < d.nsent; i++) {
		const xt_sent *s = &d.sent[i];
		if (s->t0 > s->t1 || s->t1 > d.ntok)
			FZ_BUG("sentence tokens [%u,%u) of %zu", s->t0, s->t1, d.ntok);
		check_sentence(&d, s, anchor);
	}
	for (size_t i = 0; i < d.ntok; i++)
		if (d.tok[i].s > d.tok[i].e || d.tok[i].e > len)
			FZ_BUG("token bytes [%u,%u) of %zu", d.tok[i].s, d.tok[i].e, len);
	xt_doc_free(&d);
	return 0;
}
