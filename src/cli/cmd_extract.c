/* cmd_extract.c: `incimap extract`: articles -> GeoJSON, GeoJSONSeq or CSV. */
#include "pipeline.h"
#include "../core/fsutil.h"
#include "../io/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: incimap extract [INPUT...] [-o FILE] [--format geojson|geojsonseq|csv|gpkg]\n"
	"                       [--excel]\n"
	"                       [--date YYYY-MM-DD] [--focus CC[,CC...]] [--jobs N]\n"
	"                       [--review FILE]\n"
	"Find the incidents in articles and write them out.\n"
	"\n"
	"INPUT is an article file, a folder of them, '-' for stdin (the default), or a\n"
	"JSON Lines file (.jsonl: one {\"id\",\"date\",\"title\",\"text\",\"url\"} a line).\n"
	"\n"
	"  -o, --output FILE   where to write ('-' for stdout, the default); a GeoJSON\n"
	"                      FILE gets its QGIS style beside it (X.geojson -> X.qml)\n"
	"  -f, --format F      geojson (default), geojsonseq, csv, excel, gpkg, kml, kmz or\n"
	"                      xlsx; else from FILE's extension\n"
	"      --excel         a CSV for spreadsheets (same as --format excel): byte order\n"
	"                      mark, a source_url column, readable sources, text that a\n"
	"                      spreadsheet would run as a formula neutralised\n"
	"      --date DATE     publication date for articles that carry none (nor a\n"
	"                      dated dateline)\n"
	"      --focus CC,...  the countries the reports are about (ISO codes, up to 8):\n"
	"                      an ambiguous place name is taken there unless the text\n"
	"                      points elsewhere (Taji in Iraq, not in China); without\n"
	"                      it, the countries the other reports name are used for\n"
	"                      reports that name none\n"
	"      --review FILE   write FILE.csv: every report with no incident placed, a\n"
	"                      place name the gazetteer lacks, or an incident less\n"
	"                      sure than 0.5, for an analyst to check\n"
	"      --toponyms      list the place names found (JSON lines), not incidents\n"
	"  -j, --jobs N        extract on N threads (default: the number of cores); the\n"
	"                      output is the same for any N\n"
	"      --gazetteer DIR gazetteer folder\n"
	"  -q, --quiet         no progress bar\n"
	"      --help          show this help\n"
	"\n"
	IM_CLI_FILTER_HELP
	"\n"
	"With --format geojsonseq each article is handled on its own and its incidents\n"
	"are written as soon as they are found (constant memory, for streaming);\n"
	"otherwise the same incident told by several reports is merged into one.\n"
	"A .gpkg FILE is the incident store (docs/store.md): made when missing, else\n"
	"added to in one transaction: reports it has already read add nothing, an\n"
	"incident it holds that a new report tells again is merged, keeping its id\n"
	"and the analyst's corrections. FILE may also be a PostGIS table,\n"
	"'postgresql://USER@HOST/DB?table=T' or 'PG:dbname=DB table=T': the same store.\n"
	"A bad article is reported and skipped; the exit status is then 1. A report\n"
	"that gives no incident, or none that could be placed, is said in one line on\n"
	"stderr at the end (-q: not said).\n";

/* Where streamed articles go, in input order. */
typedef struct sink {
	const im_filter *flt;
	im_io_writer *w; /* incidents, or */
	im_afile *af;    /* the toponym listing */
	size_t bad, good, dropped;
	im_review *rv;
	im_error *err;
} sink;

static im_status put(void *ud, im_each_item *it)
{
	sink *s = ud;
	if (!it->a) { /* the reader failed */
		if (it->st == IM_E_NOMEM) {
			*s->err = it->err;
			return it->st;
		}
		im_error_print(&it->err, stderr);
		s->bad++;
		return IM_OK;
	}
	s->good++;
	im_status st = it->st;
	if (!st && s->af) {
		/* a short write shows in im_afile_commit */
		fwrite(it->listing, 1, it->listing_len, im_afile_fp(s->af));
	} else if (!st) {
		st = im_review_add(s->rv, it->a, &it->note, &it->err);
		s->dropped += im_filter_list(s->flt, &it->found);
		for (size_t i = 0; !st && i < it->found.n; i++)
			st = im_io_writer_add(s->w, &it->found.v[i], &it->err);
	}
	if (st)
		*s->err = it->err;
	return st;
}

/* Streaming: each article on its own, written as it comes, so memory stays
 * constant however long the input (jobs threads extract a chunk of articles
 * at a time). With toponyms != 0 the output is the geoparser's listing (one
 * JSON line an article) instead of incidents. */
static int stream(const im_gaz *gaz, char **inputs, size_t n, const im_extract_opts *xo,
		  const im_filter *flt, const char *out, int toponyms, unsigned jobs, int quiet,
		  im_review *rv)
{
	static const char *const stdin_only[] = {"-"};
	const char *const *in = n ? (const char *const *)inputs : stdin_only;
	size_t nin = n ? n : 1;
	im_error err;
	im_error_clear(&err);
	sink s = {flt, NULL, NULL, 0, 0, 0, rv, &err};
	im_status st = toponyms ? im_afile_open(out, &s.af, &err)
				: im_io_writer_open(out, IM_FMT_GEOJSONSEQ, &s.w, &err);
	if (st)
		return im_cli_fail(&err);
	im_reader *r;
	if ((st = im_reader_open(in, nin, &r, &err))) {
		im_io_writer_abort(s.w);
		im_afile_abort(s.af);
		return im_cli_fail(&err);
	}
	st = im_extract_each(r, gaz, xo, jobs, toponyms, put, &s);
	if (st && !err.code)
		im_error_set(&err, st, NULL, 0, 0, "out of memory");
	im_reader_free(r);
	if (st) {
		im_io_writer_abort(s.w);
		im_afile_abort(s.af);
		im_review_abort(rv);
		return im_cli_fail(&err);
	}
	if (!s.good) {
		im_io_writer_abort(s.w);
		im_afile_abort(s.af);
		im_review_abort(rv);
		fprintf(stderr, "incimap: %s\n",
			s.bad ? "no article could be read" : "no articles in the input");
		return IM_EXIT_FAIL;
	}
	st = toponyms ? im_afile_commit(s.af, &err) : im_io_writer_close(s.w, &err);
	if (st) {
		im_review_abort(rv);
		return im_cli_fail(&err);
	}
	if (!toponyms && (st = im_review_finish(rv, quiet, &err)))
		return im_cli_fail(&err);
	im_cli_filter_note(flt, s.dropped, quiet);
	return s.bad ? IM_EXIT_FAIL : IM_EXIT_OK;
}

/* What the options of `incimap extract` say. */
typedef struct ex_args {
	im_cli cli;
	const char *out, *fmt_name, *review;
	im_extract_opts xo;
	int toponyms, excel;
	unsigned jobs;
} ex_args;

/* The options into a and flt; 1 to go on, 0 to exit with *rc. */
static int read_opts(int argc, char **argv, ex_args *a, im_filter *flt, int *rc)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'},
		{"date", required_argument, NULL, 'd'},
		{"focus", required_argument, NULL, 'F'},
		{"toponyms", no_argument, NULL, 't'},
		{"review", required_argument, NULL, 'R'},
		{"jobs", required_argument, NULL, 'j'},
		{"excel", no_argument, NULL, 'x'},
		IM_CLI_FILTER_OPTIONS,
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	memset(a, 0, sizeof *a);
	a->out = "-";
	a->jobs = im_jobs_default();
	int c;
	while ((c = getopt_long(argc, argv, "o:f:j:qh", opts, NULL)) != -1) {
		int r;
		switch (c) {
		case 'o': a->out = optarg; break;
		case 'f': a->fmt_name = optarg; break;
		case 'q': a->cli.quiet = 1; break;
		case 't': a->toponyms = 1; break;
		case 'R': a->review = optarg; break;
		case 'x': a->excel = 1; break;
		case 'h': fputs(help, stdout); *rc = IM_EXIT_OK; return 0;
		default:
			if ((r = im_cli_extract_opt(&a->xo, &a->jobs, c, optarg, "extract")) < 0)
				r = im_cli_filter(flt, c, optarg, "extract");
			if (!im_cli_other_opt(&a->cli, r, c, optarg, "extract", help, rc))
				return 0;
		}
	}
	return 1;
}

/* The format the options ask for into *fmt (--toponyms: GeoJSON, unused);
 * 0, or a usage error's exit status. */
static int pick_format(const ex_args *a, const im_filter *flt, im_format *fmt)
{
	*fmt = IM_FMT_GEOJSON;
	if (a->toponyms && a->review)
		return im_cli_usage("extract", "--toponyms lists place names: --review does not apply");
	if (a->review && strcmp(a->review, "-") == 0)
		return im_cli_usage("extract", "--review wants a file, not stdout");
	if (a->toponyms && im_filter_active(flt))
		return im_cli_usage("extract", "--toponyms lists place names: the filters do not apply");
	if (a->toponyms)
		return 0; /* the listing has its own format: one JSON line an article */
	if (a->fmt_name) {
		if (!(*fmt = im_format_from_name(a->fmt_name)))
			return im_cli_usage("extract",
					    "unknown format '%s' (geojson, geojsonseq, csv, excel, gpkg, kml, kmz, xlsx)",
					    a->fmt_name);
	} else if (strcmp(a->out, "-") != 0) {
		if (!(*fmt = im_format_from_path(a->out)))
			return im_cli_usage("extract",
					    "cannot tell the format of '%s' from its extension: use --format",
					    a->out);
	}
	if (a->excel) {
		if (a->fmt_name && *fmt != IM_FMT_CSV && *fmt != IM_FMT_CSV_EXCEL)
			return im_cli_usage("extract", "--excel writes CSV, not %s", a->fmt_name);
		if (!a->fmt_name && strcmp(a->out, "-") != 0 && *fmt != IM_FMT_CSV)
			return im_cli_usage("extract", "--excel writes CSV: '%s' is not a .csv", a->out);
		*fmt = IM_FMT_CSV_EXCEL;
	}
	return 0;
}

/* l's incidents added to the store at out, and what that did said on
 * stderr (unless quiet). */
static im_status append_store(const im_gaz *gaz, const char *out, im_incident_list *l, int quiet,
			      im_error *err)
{
	im_append_stats as;
	im_status st = im_append_store(gaz, out, l, &as, err);
	if (!st && !quiet)
		fprintf(stderr,
			"incimap: %s: %zu new incident%s, %zu stored one%s told again, "
			"%zu from reports already read\n",
			out, as.added, as.added == 1 ? "" : "s", as.merged,
			as.merged == 1 ? "" : "s", as.known);
	return st;
}

/* The whole input at once: the same incident told by several reports
 * merged into one, written to a->out in fmt (or added to the store), then
 * the review and, beside a GeoJSON file, its QGIS style. Frees gaz as soon
 * as it is no longer needed. */
static int batch(im_gaz *gaz, const ex_args *a, char **inputs, size_t n, const im_filter *flt,
		 im_format fmt, im_review *rv)
{
	im_error err;
	im_error_clear(&err);
	im_incident_list l = {0};
	size_t n_art, n_bad;
	im_status st = im_run_extract(gaz, (const char *const *)inputs, n, &a->xo, a->jobs,
				      a->cli.quiet, &l, &n_art, &n_bad, rv, &err);
	if (!st)
		im_cli_filter_note(flt, im_filter_list(flt, &l), a->cli.quiet);
	int to_store = fmt == IM_FMT_GPKG || fmt == IM_FMT_PG;
	if (!st && to_store)
		st = append_store(gaz, a->out, &l, a->cli.quiet, &err);
	im_gaz_free(gaz);
	if (!st && !to_store) {
		im_list_sort(&l);
		st = im_io_write(a->out, fmt, &l, &err);
	}
	if (!st)
		st = im_review_finish(rv, a->cli.quiet, &err);
	else
		im_review_abort(rv);
	im_list_clear(&l);
	/* a GeoJSON file gets its QGIS style beside it, as with `map` and
	 * `convert` (X.geojson -> X.qml), so QGIS draws it at once */
	char *qml = !st && fmt == IM_FMT_GEOJSON ? im_qml_path_for(a->out) : NULL;
	if (qml) {
		st = im_qml_write(qml, &err);
		free(qml);
	}
	if (st)
		return im_cli_fail(&err);
	return n_bad ? IM_EXIT_FAIL : IM_EXIT_OK;
}

static int run(int argc, char **argv, im_filter *flt)
{
	ex_args a;
	im_format fmt;
	int rc;
	if (!read_opts(argc, argv, &a, flt, &rc))
		return rc;
	if ((rc = pick_format(&a, flt, &fmt)))
		return rc;
	im_cli_resolve(&a.cli);
	im_gaz *gaz;
	if ((rc = im_cli_open_gaz("extract", &a.cli, &a.xo, &gaz)))
		return rc;
	im_error err;
	im_error_clear(&err);
	size_t n = (size_t)(argc - optind);
	im_review rv;
	if (im_review_open(&rv, a.review, &err)) {
		im_gaz_free(gaz);
		return im_cli_fail(&err);
	}
	if (fmt != IM_FMT_GEOJSONSEQ && !a.toponyms)
		return batch(gaz, &a, argv + optind, n, flt, fmt, &rv);
	rc = stream(gaz, argv + optind, n, &a.xo, flt, a.out, a.toponyms, a.jobs, a.cli.quiet, &rv);
	im_review_abort(&rv); /* nothing left once stream committed it */
	im_gaz_free(gaz);
	return rc;
}

int im_cmd_extract(int argc, char **argv)
{
	return im_cli_with_filter(run, argc, argv);
}
