/* common.c: options, folders, exit statuses and progress shared by commands. */
#include "cli.h"
#include "../core/fsutil.h"
#include "../core/opt.h"
#include "../render/render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#ifndef INCIMAP_SOURCE_DIR
#define INCIMAP_SOURCE_DIR "."
#endif
#ifndef INCIMAP_DATA_DIR
#define INCIMAP_DATA_DIR "/usr/local/share/incimap"
#endif

int im_cli_common(im_cli *cli, int c, const char *arg, const char *cmd,
		  const char *help, int *done)
{
	*done = 0;
	switch (c) {
	case IM_OPT_GAZETTEER:
		cli->gazetteer = arg;
		return IM_EXIT_OK;
	case IM_OPT_SHAPES:
		cli->shapes = arg;
		return IM_EXIT_OK;
	case IM_OPT_QUIET:
		cli->quiet = 1;
		return IM_EXIT_OK;
	case IM_OPT_HELP:
		fputs(help, stdout);
		*done = 1;
		return IM_EXIT_OK;
	case '?':
		/* getopt has printed what was wrong. */
		fprintf(stderr, "Try 'incimap %s --help' for its options.\n", cmd);
		*done = 1;
		return IM_EXIT_USAGE;
	case ':':
		*done = 1;
		return im_cli_usage(cmd, "option needs a value");
	}
	return -1;
}

int im_cli_other_opt(im_cli *cli, int r, int c, const char *arg, const char *cmd,
		     const char *help, int *rc)
{
	int done = 0;
	if (r < 0) {
		r = im_cli_common(cli, c, arg, cmd, help, &done);
		if (!done && r == IM_EXIT_OK)
			return 1;
		r = r < 0 ? IM_EXIT_USAGE : r;
	} else if (!r) {
		return 1;
	}
	*rc = r;
	return 0;
}

int im_cli_with_filter(int (*run)(int argc, char **argv, im_filter *flt), int argc,
		       char **argv)
{
	im_filter flt;
	im_filter_init(&flt);
	int rc = run(argc, argv, &flt);
	im_filter_free(&flt);
	return rc;
}

int im_cli_filter(im_filter *f, int c, const char *arg, const char *cmd)
{
	static const char *const names[] = {"since",  "until",          "type",     "country",
					    "admin1", "min-fatalities", "bbox-only"};
	if (c < IM_OPT_SINCE || c > IM_OPT_BBOX_ONLY)
		return -1;
	im_error e;
	im_error_clear(&e);
	im_status st = im_filter_set(f, names[c - IM_OPT_SINCE], arg, &e);
	if (st == IM_E_NOMEM)
		return im_cli_fail(&e);
	return st ? im_cli_usage(cmd, "%s", e.msg) : IM_EXIT_OK;
}

void im_cli_filter_note(const im_filter *f, size_t dropped, int quiet)
{
	if (quiet || !dropped || !im_filter_active(f))
		return;
	fprintf(stderr, "incimap: note: %zu incident%s left out by the filters\n", dropped,
		dropped == 1 ? "" : "s");
}

int im_cli_map_opt(im_render_opts *ro, int c, const char *arg, const char *cmd)
{
	int v;
	switch (c) {
	case IM_OPT_BBOX:
		if (!im_opt_bbox(arg, ro->bbox))
			return im_cli_usage(cmd, "--bbox wants W,S,E,N in degrees with S < N, not '%s'",
					    arg);
		ro->has_bbox = 1;
		return IM_EXIT_OK;
	case IM_OPT_CRS: ro->crs = arg; return IM_EXIT_OK;
	case IM_OPT_TITLE: ro->title = arg; return IM_EXIT_OK;
	case IM_OPT_WIDTH:
	case IM_OPT_HEIGHT:
		if (!im_opt_int(arg, 16, 20000, c == IM_OPT_WIDTH ? &ro->width : &ro->height))
			return im_cli_usage(cmd, "--%s wants 16..20000 pixels, not '%s'",
					    c == IM_OPT_WIDTH ? "width" : "height", arg);
		return IM_EXIT_OK;
	case IM_OPT_PAPER:
		if (strcasecmp(arg, "a4") && strcasecmp(arg, "a3") && strcasecmp(arg, "letter"))
			return im_cli_usage(cmd, "--paper wants a4, a3 or letter, not '%s'", arg);
		ro->paper = arg;
		return IM_EXIT_OK;
	case IM_OPT_AGGREGATE:
		if (strcmp(arg, "auto") == 0) ro->aggregate = IM_AGG_AUTO;
		else if (strcmp(arg, "clusters") == 0) ro->aggregate = IM_AGG_CLUSTERS;
		else if (strcmp(arg, "hex") == 0) ro->aggregate = IM_AGG_HEX;
		else if (strcmp(arg, "none") == 0) ro->aggregate = IM_AGG_NONE;
		else if (strcmp(arg, "admin1") == 0) ro->aggregate = IM_AGG_ADMIN1;
		else
			return im_cli_usage(cmd, "--aggregate wants auto, clusters, hex, admin1 or none, "
					    "not '%s'", arg);
		return IM_EXIT_OK;
	case IM_OPT_SIZE_BY:
		if (strcmp(arg, "incidents") == 0) ro->size_by = IM_SIZE_BY_INCIDENTS;
		else if (strcmp(arg, "fatalities") == 0) ro->size_by = IM_SIZE_BY_FATALITIES;
		else
			return im_cli_usage(cmd, "--size-by wants incidents or fatalities, not '%s'", arg);
		return IM_EXIT_OK;
	case IM_OPT_LABELS:
		if (strcmp(arg, "report") == 0) ro->gazetteer_labels = 0;
		else if (strcmp(arg, "gazetteer") == 0) ro->gazetteer_labels = 1;
		else
			return im_cli_usage(cmd, "--labels wants report or gazetteer, not '%s'", arg);
		return IM_EXIT_OK;
	case IM_OPT_TIMELINE:
		v = arg ? im_period_parse(arg, 1) : IM_PERIOD_AUTO;
		if (v < 0)
			return im_cli_usage(
			    cmd, "--timeline wants day, week, month or auto, not '%s'", arg);
		ro->timeline = 1;
		ro->timeline_period = (im_period)v;
		return IM_EXIT_OK;
	case IM_OPT_BY_PAGES:
		ro->by_pages = 1;
		return IM_EXIT_OK;
	case IM_OPT_BY:
		v = im_period_parse(arg, 0);
		if (v < 0)
			return im_cli_usage(cmd, "--by wants day, week or month, not '%s'", arg);
		ro->by = (im_period)v;
		return IM_EXIT_OK;
	case IM_OPT_DPI:
		if (!im_opt_int(arg, 10, 1200, &v))
			return im_cli_usage(cmd, "--dpi wants 10..1200, not '%s'", arg);
		ro->dpi = v;
		return IM_EXIT_OK;
	}
	return -1;
}

const char *im_cli_default_dir(const char *what)
{
	static char buf[2][4096];
	char *out = buf[strcmp(what, "shapes") == 0];
	const char *home = getenv("INCIMAP_HOME");
	if (home && *home) {
		snprintf(out, sizeof buf[0], "%s/%s", home, what);
		return out;
	}
	snprintf(out, sizeof buf[0], "%s/%s", INCIMAP_SOURCE_DIR, what);
	if (im_is_dir(out))
		return out;
	snprintf(out, sizeof buf[0], "%s/%s", INCIMAP_DATA_DIR, what);
	return out;
}

void im_cli_resolve(im_cli *cli)
{
	if (!cli->gazetteer)
		cli->gazetteer = im_cli_default_dir("gazetteer");
	if (!cli->shapes)
		cli->shapes = im_cli_default_dir("shapes");
}

int im_cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "incimap: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'incimap %s --help' for its options.\n", cmd);
	return IM_EXIT_USAGE;
}

int im_cli_exit_for(im_status st)
{
	return st == IM_OK ? IM_EXIT_OK : st == IM_E_USAGE ? IM_EXIT_USAGE : IM_EXIT_FAIL;
}

int im_cli_fail(const im_error *e)
{
	im_error_print(e, stderr);
	return im_cli_exit_for(e->code ? e->code : IM_E_INTERNAL);
}

void im_cli_getopt_reset(void)
{
	optind = 1;
	opterr = 1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int im_progress_wanted(int quiet)
{
	return !quiet && isatty(STDERR_FILENO);
}

void im_progress_start(im_progress *p, const char *what, size_t total, int quiet)
{
	memset(p, 0, sizeof *p);
	p->on = im_progress_wanted(quiet);
	p->what = what;
	p->total = total;
	p->start_ms = now_ms();
	p->last_ms = p->start_ms - 1000; /* the first step draws at once */
}

/* "0:11", "1:02:03": a duration of s seconds. */
static void fmt_duration(double s, char *buf, size_t n)
{
	long t = s < 0 ? 0 : s > 359999 ? 359999 : (long)(s + 0.5);
	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static void draw_total(const im_progress *p, long long t)
{
	int w = 30, k = (int)(w * (double)p->done / (double)p->total);
	if (k > w)
		k = w;
	double secs = (double)(t - p->start_ms) / 1000.0;
	double rate = secs > 0 ? (double)p->done / secs : 0;
	char left[32] = "?";
	if (rate > 0)
		fmt_duration((double)(p->total > p->done ? p->total - p->done : 0) / rate, left,
			     sizeof left);
	fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu  %.1f/s  %s left\033[K", p->what, k,
		"##############################", w - k, "", p->done, p->total, rate, left);
}

void im_progress_step(im_progress *p, size_t done)
{
	p->done = done;
	if (!p->on)
		return;
	long long t = now_ms();
	if (t - p->last_ms < 100)
		return;
	p->last_ms = t;
	if (p->total) {
		draw_total(p, t);
	} else {
		fprintf(stderr, "\r%s %zu", p->what, done);
	}
	fflush(stderr);
}

void im_progress_end(im_progress *p)
{
	if (p->on)
		fprintf(stderr, "\r\033[K");
}
