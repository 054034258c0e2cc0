/* pipeline.c: articles -> incidents, shared by `map` and `extract`. */
#include "pipeline.h"
#include "../core/buf.h"
#include "../core/opt.h"

#include <stdio.h>
#include <string.h>

int im_parse_date_opt(const char *cmd, const char *arg, im_date *out)
{
	if (!im_opt_date(arg, out))
		return im_cli_usage(cmd, "--date wants a date as YYYY-MM-DD, not '%s'", arg);
	return IM_EXIT_OK;
}

int im_parse_focus_opt(const char *cmd, const char *arg, im_extract_opts *xo)
{
	if (!im_opt_countries(arg, xo->focus, IM_MAX_FOCUS, &xo->n_focus))
		return im_cli_usage(cmd,
				    "--focus wants up to %d two-letter country codes, comma-separated "
				    "(IQ,SY), not '%s'",
				    IM_MAX_FOCUS, arg);
	return IM_EXIT_OK;
}

int im_check_focus(const char *cmd, const im_gaz *g, const im_extract_opts *xo)
{
	for (size_t i = 0; i < xo->n_focus; i++)
		if (!im_gaz_country_name(g, xo->focus[i]))
			return im_cli_usage(cmd, "--focus: '%s' is no country the gazetteer knows",
					    xo->focus[i]);
	return IM_EXIT_OK;
}

im_status im_run_extract(const im_gaz *gaz, const char *const *inputs, size_t n_inputs,
			 const im_extract_opts *xo, int quiet, im_incident_list *out,
			 size_t *n_articles, size_t *n_errors, im_error *err)
{
	static const char *const stdin_only[] = {"-"};
	if (n_inputs == 0) {
		inputs = stdin_only;
		n_inputs = 1;
	}
	im_reader *r;
	im_status st = im_reader_open(inputs, n_inputs, &r, err);
	if (st)
		return st;
	im_progress prog;
	im_progress_start(&prog, "reading", 0, quiet);
	*n_articles = *n_errors = 0;
	for (;;) {
		im_article *a;
		im_error e;
		im_error_clear(&e);
		st = im_reader_next(r, &a, &e);
		if (st) {
			if (st == IM_E_NOMEM) {
				*err = e;
				break;
			}
			im_error_print(&e, stderr);
			(*n_errors)++;
			continue;
		}
		if (!a)
			break;
		(*n_articles)++;
		st = im_extract_article(gaz, a, xo, out, &e);
		if (st) {
			im_error_print(&e, stderr);
			(*n_errors)++;
			if (st == IM_E_NOMEM || st == IM_E_UNSUPPORTED) {
				*err = e;
				im_article_free(a);
				break;
			}
			st = IM_OK;
		}
		im_article_free(a);
		im_progress_step(&prog, *n_articles);
	}
	im_progress_end(&prog);
	im_reader_free(r);
	if (st)
		return st;
	if (*n_articles == 0)
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
				    *n_errors ? "no article could be read" : "no articles in the input");
	return im_extract_merge(gaz, out) ? im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory")
				     : IM_OK;
}
