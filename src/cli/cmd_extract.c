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

static int run(int argc, char **argv, im_filter *flt)
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
	im_cli cli = {0};
	const char *out = "-";
	const char *fmt_name = NULL;
	im_extract_opts xo;
	memset(&xo, 0, sizeof xo);
	int toponyms = 0, excel = 0;
	const char *review = NULL;
	unsigned jobs = im_jobs_default();
	int c;
	while ((c = getopt_long(argc, argv, "o:f:j:qh", opts, NULL)) != -1) {
		int done, rc;
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': fmt_name = optarg; break;
		case 'q': cli.quiet = 1; break;
		case 't': toponyms = 1; break;
		case 'R': review = optarg; break;
		case 'x': excel = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		default:
			if ((rc = im_cli_extract_opt(&xo, &jobs, c, optarg, "extract")) >= 0) {
				if (rc)
					return rc;
				break;
			}
			if ((rc = im_cli_filter(flt, c, optarg, "extract")) >= 0) {
				if (rc)
					return rc;
				break;
			}
			rc = im_cli_common(&cli, c, optarg, "extract", help, &done);
			if (done || rc != IM_EXIT_OK)
				return rc < 0 ? IM_EXIT_USAGE : rc;
		}
	}
	im_format fmt = IM_FMT_GEOJSON;
	if (toponyms && review)
		return im_cli_usage("extract", "--toponyms lists place names: --review does not apply");
	if (review && strcmp(review, "-") == 0)
		return im_cli_usage("extract", "--review wants a file, not stdout");
	if (toponyms && im_filter_active(flt))
		return im_cli_usage("extract", "--toponyms lists place names: the filters do not apply");
	if (toponyms) {
		/* the listing has its own format: one JSON line an article */
	} else if (fmt_name) {
		if (!(fmt = im_format_from_name(fmt_name)))
			return im_cli_usage("extract",
					    "unknown format '%s' (geojson, geojsonseq, csv, excel, gpkg, kml, kmz, xlsx)",
					    fmt_name);
	} else if (strcmp(out, "-") != 0) {
		if (!(fmt = im_format_from_path(out)))
			return im_cli_usage("extract",
					    "cannot tell the format of '%s' from its extension: use --format",
					    out);
	}
	if (excel && !toponyms) {
		if (fmt_name && fmt != IM_FMT_CSV && fmt != IM_FMT_CSV_EXCEL)
			return im_cli_usage("extract", "--excel writes CSV, not %s", fmt_name);
		if (!fmt_name && strcmp(out, "-") != 0 && fmt != IM_FMT_CSV)
			return im_cli_usage("extract", "--excel writes CSV: '%s' is not a .csv", out);
		fmt = IM_FMT_CSV_EXCEL;
	}
	im_cli_resolve(&cli);
	im_error err;
	im_error_clear(&err);
	im_gaz *gaz;
	int lrc = im_cli_lexicon(&cli);
	if (lrc)
		return lrc;
	if (im_gaz_open(cli.gazetteer, &gaz, &err))
		return im_cli_fail(&err);
	int frc = im_check_focus("extract", gaz, &xo);
	if (frc) {
		im_gaz_free(gaz);
		return frc;
	}
	size_t n = (size_t)(argc - optind);
	int rc;
	im_review rv;
	if (im_review_open(&rv, review, &err)) {
		im_gaz_free(gaz);
		return im_cli_fail(&err);
	}
	if (fmt == IM_FMT_GEOJSONSEQ || toponyms) {
		rc = stream(gaz, argv + optind, n, &xo, flt, out, toponyms, jobs, cli.quiet, &rv);
		im_review_abort(&rv); /* nothing left once stream committed it */
		im_gaz_free(gaz);
		return rc;
	}
	im_incident_list l = {0};
	size_t n_art, n_bad;
	im_status st = im_run_extract(gaz, (const char *const *)argv + optind, n, &xo, jobs, cli.quiet,
				      &l, &n_art, &n_bad, &rv, &err);
	if (!st)
		im_cli_filter_note(flt, im_filter_list(flt, &l), cli.quiet);
	int to_store = fmt == IM_FMT_GPKG || fmt == IM_FMT_PG;
	if (!st && to_store) {
		im_append_stats as;
		st = im_append_store(gaz, out, &l, &as, &err);
		if (!st && !cli.quiet)
			fprintf(stderr,
				"incimap: %s: %zu new incident%s, %zu stored one%s told again, "
				"%zu from reports already read\n",
				out, as.added, as.added == 1 ? "" : "s", as.merged,
				as.merged == 1 ? "" : "s", as.known);
	}
	im_gaz_free(gaz);
	if (!st && !to_store) {
		im_list_sort(&l);
		st = im_io_write(out, fmt, &l, &err);
	}
	if (!st)
		st = im_review_finish(&rv, cli.quiet, &err);
	else
		im_review_abort(&rv);
	im_list_clear(&l);
	/* a GeoJSON file gets its QGIS style beside it, as with `map` and
	 * `convert` (X.geojson -> X.qml), so QGIS draws it at once */
	char *qml = !st && fmt == IM_FMT_GEOJSON ? im_qml_path_for(out) : NULL;
	if (qml) {
		st = im_qml_write(qml, &err);
		free(qml);
	}
	if (st)
		return im_cli_fail(&err);
	return n_bad ? IM_EXIT_FAIL : IM_EXIT_OK;
}

int im_cmd_extract(int argc, char **argv)
{
	im_filter flt;
	im_filter_init(&flt);
	int rc = run(argc, argv, &flt);
	im_filter_free(&flt);
	return rc;
}
