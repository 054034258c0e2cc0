/* pipeline.c: articles -> incidents, shared by `map` and `extract`. */
#include "pipeline.h"
#include "../core/buf.h"
#include "../core/opt.h"
#include "../io/io.h"

#include <stdio.h>
#include <string.h>

static int parse_date_opt(const char *cmd, const char *arg, im_date *out)
{
	if (!im_opt_date(arg, out))
		return im_cli_usage(cmd, "--date wants a date as YYYY-MM-DD, not '%s'", arg);
	return IM_EXIT_OK;
}

static int parse_focus_opt(const char *cmd, const char *arg, im_extract_opts *xo)
{
	if (!im_opt_countries(arg, xo->focus, IM_MAX_FOCUS, &xo->n_focus))
		return im_cli_usage(cmd,
				    "--focus wants up to %d two-letter country codes, comma-separated "
				    "(IQ,SY), not '%s'",
				    IM_MAX_FOCUS, arg);
	return IM_EXIT_OK;
}

static int parse_jobs_opt(const char *cmd, const char *arg, unsigned *jobs)
{
	int n;
	if (!im_opt_int(arg, 1, IM_MAX_JOBS, &n))
		return im_cli_usage(cmd, "--jobs wants a number of threads from 1 to %d, not '%s'",
				    IM_MAX_JOBS, arg);
	*jobs = (unsigned)n;
	return IM_EXIT_OK;
}

int im_cli_extract_opt(im_extract_opts *xo, unsigned *jobs, int c, const char *arg,
		       const char *cmd)
{
	switch (c) {
	case 'd': return parse_date_opt(cmd, arg, &xo->default_date);
	case 'F': return parse_focus_opt(cmd, arg, xo);
	case 'j': return parse_jobs_opt(cmd, arg, jobs);
	default: return -1;
	}
}

int im_check_focus(const char *cmd, const im_gaz *g, const im_extract_opts *xo)
{
	for (size_t i = 0; i < xo->n_focus; i++)
		if (!im_gaz_country_name(g, xo->focus[i]))
			return im_cli_usage(cmd, "--focus: '%s' is no country the gazetteer knows",
					    xo->focus[i]);
	return IM_EXIT_OK;
}

int im_cli_open_gaz(const char *cmd, const im_cli *cli, const im_extract_opts *xo,
		    im_gaz **gaz)
{
	im_error err;
	im_error_clear(&err);
	int rc = im_cli_lexicon(cli);
	if (rc)
		return rc;
	if (im_gaz_open(cli->gazetteer, gaz, &err))
		return im_cli_fail(&err);
	if ((rc = im_check_focus(cmd, *gaz, xo))) {
		im_gaz_free(*gaz);
		*gaz = NULL;
	}
	return rc;
}

/* The batch focus: reports that name no country read again in the
 * countries the others are about; said in one note. */
static im_status batch_focus(im_batch *b, const im_gaz *gaz, const im_extract_opts *xo,
			     unsigned jobs, int quiet, im_incident_list *out, im_error *err)
{
	char focus[IM_MAX_FOCUS][3];
	size_t nf, again, abroad, not_kept;
	im_status st =
	    im_batch_finish(b, gaz, xo, jobs, out, focus, &nf, &again, &abroad, &not_kept, err);
	if (st || quiet)
		return st;
	char list[IM_MAX_FOCUS * 3 + 1] = "";
	for (size_t i = 0; i < nf; i++) {
		if (i)
			strcat(list, ",");
		strcat(list, focus[i]);
	}
	if (again)
		fprintf(stderr,
			"incimap: note: %zu report%s naming no country placed as in %s, the "
			"countries of the other reports (--focus to choose)\n",
			again, again == 1 ? "" : "s", list);
	if (abroad)
		fprintf(stderr,
			"incimap: note: %zu report%s naming no country placed outside %s, the "
			"countries of the other reports, with less confidence (--focus to "
			"choose)\n",
			abroad, abroad == 1 ? "" : "s", list);
	if (not_kept)
		fprintf(stderr,
			"incimap: note: %zu more report%s naming no country not read again "
			"(over 64 MiB of them)\n",
			not_kept, not_kept == 1 ? "" : "s");
	return IM_OK;
}

typedef struct run {
	im_batch *batch;
	const im_extract_opts *xo;
	im_incident_list *out;
	im_progress prog;
	size_t *n_articles, *n_errors;
	im_review *rv;
	im_error *err;
	size_t done; /* records read, good or bad: the progress bar's count */
} run;

/* One article read and extracted, in input order: its incidents go to the
 * batch; a bad one is reported and counted. */
static im_status take(void *ud, im_each_item *it)
{
	run *r = ud;
	if (!it->a) { /* the reader failed */
		if (it->st == IM_E_NOMEM) {
			*r->err = it->err;
			return it->st;
		}
		im_error_print(&it->err, stderr);
		(*r->n_errors)++;
		im_progress_step(&r->prog, ++r->done);
		return IM_OK;
	}
	(*r->n_articles)++;
	im_status st = it->st;
	/* the review file cannot be written: the run stops */
	if (!st && r->rv && (st = im_review_add(r->rv, it->a, &it->note, &it->err))) {
		*r->err = it->err;
		return st;
	}
	if (!st) {
		st = im_batch_add(r->batch, it->a, it->context, &it->found, r->xo, r->out,
				  &it->err);
		it->a = NULL; /* taken */
	}
	if (st) {
		im_error_print(&it->err, stderr);
		(*r->n_errors)++;
		if (st == IM_E_NOMEM || st == IM_E_UNSUPPORTED) {
			*r->err = it->err;
			return st;
		}
	}
	im_progress_step(&r->prog, ++r->done);
	return IM_OK;
}

im_status im_run_extract(const im_gaz *gaz, const char *const *inputs, size_t n_inputs,
			 const im_extract_opts *xo, unsigned jobs, int quiet, im_incident_list *out,
			 size_t *n_articles, size_t *n_errors, im_review *rv, im_error *err)
{
	static const char *const stdin_only[] = {"-"};
	if (n_inputs == 0) {
		inputs = stdin_only;
		n_inputs = 1;
	}
	im_reader *rd;
	im_status st = im_reader_open(inputs, n_inputs, &rd, err);
	if (st)
		return st;
	run r = {im_batch_new(), xo, out, {0}, n_articles, n_errors, rv, err, 0};
	if (!r.batch) {
		im_reader_free(rd);
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	im_progress_start(&r.prog, "reading",
			  im_progress_wanted(quiet) ? im_article_count(inputs, n_inputs) : 0, quiet);
	*n_articles = *n_errors = 0;
	st = im_extract_each(rd, gaz, xo, jobs, 0, take, &r);
	if (st && !err->code)
		im_error_set(err, st, NULL, 0, 0, "out of memory");
	im_progress_end(&r.prog);
	im_reader_free(rd);
	if (!st && *n_articles)
		st = batch_focus(r.batch, gaz, xo, jobs, quiet, out, err);
	im_batch_free(r.batch);
	if (st)
		return st;
	if (*n_articles == 0)
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
				    *n_errors ? "no article could be read" : "no articles in the input");
	size_t cut = 0;
	if (im_extract_merge_noting(gaz, out, &cut))
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (cut && !quiet)
		fprintf(stderr,
		        "incimap: note: %zu report%s compared with only the first %d later reports "
		        "of the same type and place (too many told the same day, or undated): "
		        "repeats among the rest are not merged\n",
		        cut, cut == 1 ? "" : "s", IM_MERGE_MAX_LOOKS);
	return IM_OK;
}

im_status im_read_incidents(const char *path, im_format fmt, const im_filter *flt,
			    im_incident_list *l, size_t *left_out, im_error *err)
{
	im_io_reader *r = NULL;
	im_status st = im_io_reader_open(path, fmt, &r, err);
	st = st ? st : im_io_reader_filter(r, flt, err);
	im_incident inc;
	im_incident_init(&inc);
	*left_out = 0;
	for (int done = 0; !st;) {
		if ((st = im_io_reader_next(r, &inc, &done, err)) || done)
			break;
		if (!im_filter_match(flt, &inc))
			(*left_out)++;
		else if (im_list_push(l, &inc))
			st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
		im_incident_clear(&inc);
	}
	im_incident_clear(&inc);
	if (!st)
		*left_out += im_io_reader_filtered(r);
	im_io_reader_free(r);
	return st;
}
