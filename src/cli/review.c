/* review.c: reports that gave nothing are said. Each report with no
 * incident, or whose incident could not be placed, gets one line in the
 * run's summary on stderr; `--review FILE.csv` also lists those with a
 * place name the gazetteer lacks or an incident less sure than 0.5, for an
 * analyst to check (docs/extraction.md, "Reports that gave nothing"). */
#include "pipeline.h"
#include "../core/buf.h"
#include "../core/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REVIEW_CONF 0.5   /* an incident less sure than this is for review */
#define REVIEW_TEXT 200   /* bytes of the report's text in the review file */

im_status im_review_open(im_review *rv, const char *path, im_error *err)
{
	memset(rv, 0, sizeof *rv);
	if (!path)
		return IM_OK;
	im_status st = im_afile_open(path, &rv->af, err);
	if (st)
		return st;
	if (fputs("file,line,id,why,incidents_told,incidents_placed,min_confidence,"
		  "unknown_place,text\n",
		  im_afile_fp(rv->af)) < 0) {
		im_afile_abort(rv->af);
		rv->af = NULL;
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write the review file");
	}
	return IM_OK;
}

/* What is wrong with the name: "'X' not in the gazetteer", or "'X' is
 * known only in LB, a country the report does not name" (a country's
 * detail places are believed only in a text about it). */
static void unknown_words(const im_extract_note *n, char *buf, size_t cap)
{
	if (n->unknown_cc[0])
		snprintf(buf, cap,
			 "'%s' is known only in %s, a country the report does not name",
			 n->unknown, n->unknown_cc);
	else
		snprintf(buf, cap, "'%s' not in the gazetteer", n->unknown);
}

/* Why the report is for review ("" when it is not): the summary's words. */
static void why(const im_extract_note *n, char *buf, size_t cap, int *silent)
{
	char u[200];
	unknown_words(n, u, sizeof u);
	*silent = 0;
	buf[0] = '\0';
	if (n->n_told == 0 && n->n_placed == 0) {
		*silent = 1;
		if (n->unknown[0])
			snprintf(buf, cap, "no incident: %s", u);
		else
			snprintf(buf, cap, "no incident told");
	} else if (n->n_placed == 0) {
		*silent = 1;
		if (n->unknown[0])
			snprintf(buf, cap, "no incident placed: %s", u);
		else
			snprintf(buf, cap, "no incident placed: no place named");
	} else if (n->unknown[0]) {
		snprintf(buf, cap, "%s", u);
	} else if (n->min_conf < REVIEW_CONF) {
		snprintf(buf, cap, "confidence %.2f", n->min_conf);
	}
}

static im_status review_row(im_review *rv, const im_article *a, const im_extract_note *n,
			    const char *reason)
{
	im_buf b = IM_BUF_INIT;
	char num[64];
	im_status st = im_buf_csv_field(&b, a->file ? a->file : "");
	snprintf(num, sizeof num, ",%ld,", a->line);
	st = st ? st : im_buf_puts(&b, num);
	st = st ? st : im_buf_csv_field(&b, a->id ? a->id : "");
	st = st ? st : im_buf_putc(&b, ',');
	st = st ? st : im_buf_csv_field(&b, reason);
	snprintf(num, sizeof num, ",%zu,%zu,", n->n_told, n->n_placed);
	st = st ? st : im_buf_puts(&b, num);
	if (!st && n->n_placed)
		st = im_buf_num(&b, n->min_conf, 2);
	st = st ? st : im_buf_putc(&b, ',');
	st = st ? st : im_buf_csv_field(&b, n->unknown);
	st = st ? st : im_buf_putc(&b, ',');
	if (!st) {
		/* the start of the text, on one line, cut at a character */
		size_t len = a->len < REVIEW_TEXT ? a->len : REVIEW_TEXT;
		while (len < a->len && len > 0 && ((unsigned char)a->text[len] & 0xC0) == 0x80)
			len--;
		char *t = malloc(len + 1);
		if (!t) {
			st = IM_E_NOMEM;
		} else {
			for (size_t i = 0; i < len; i++)
				t[i] = a->text[i] == '\n' || a->text[i] == '\r' ? ' ' : a->text[i];
			t[len] = '\0';
			st = im_buf_csv_field(&b, t);
			free(t);
		}
	}
	st = st ? st : im_buf_putc(&b, '\n');
	if (!st && fwrite(b.p, 1, b.len, im_afile_fp(rv->af)) != b.len)
		st = IM_E_IO;
	im_buf_free(&b);
	return st;
}

im_status im_review_add(im_review *rv, const im_article *a, const im_extract_note *n,
			im_error *err)
{
	char reason[260];
	int silent;
	why(n, reason, sizeof reason, &silent);
	if (!reason[0])
		return IM_OK;
	im_status st = IM_OK;
	if (silent) {
		char line[1300];
		if (a->line > 1 || (a->file && strstr(a->file, ".jsonl")))
			snprintf(line, sizeof line, "incimap: %s:%ld: %s\n", a->file ? a->file : "-",
				 a->line, reason);
		else
			snprintf(line, sizeof line, "incimap: %s: %s\n", a->file ? a->file : "-",
				 reason);
		st = im_buf_puts(&rv->summary, line);
		rv->n_silent++;
	}
	if (!st && rv->af)
		st = review_row(rv, a, n, reason);
	if (!st && rv->af)
		rv->n_rows++;
	if (st)
		return im_error_set(err, st, NULL, 0, 0, "%s",
				    st == IM_E_NOMEM ? "out of memory" : "cannot write the review file");
	return IM_OK;
}

im_status im_review_finish(im_review *rv, int quiet, im_error *err)
{
	if (!quiet && rv->summary.len)
		fwrite(rv->summary.p, 1, rv->summary.len, stderr);
	im_buf_free(&rv->summary);
	if (!rv->af)
		return IM_OK;
	im_afile *af = rv->af;
	rv->af = NULL;
	return im_afile_commit(af, err);
}

void im_review_abort(im_review *rv)
{
	im_buf_free(&rv->summary);
	if (rv->af)
		im_afile_abort(rv->af);
	rv->af = NULL;
}
