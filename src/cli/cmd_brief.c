/* cmd_brief.c: `incimap brief`: the briefing pack, one PDF of the map, the
 * summary tables and the incident list (docs/brief.md), and on request the
 * same tables as CSV beside it. */
#include "../core/opt.h"
#include "../io/tables.h"
#include "../render/render.h"
#include "pipeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define LIST_MAX_DEFAULT 2000
#define LIST_MAX_LIMIT 100000

static const char help[] =
    "Usage: incimap brief INPUT... [-o FILE.pdf|.html] [--tables DIR] [--list-max N]\n"
    "                     [--paper a4|a3|letter] [--title T] [MAP OPTIONS] [FILTERS]\n"
    "Make a briefing pack, one PDF: page 1 the map, page 2 the incidents, fatalities\n"
    "and injuries by event type and by province, then the list of incidents by date\n"
    "(place, type, figures, actors, the source and the sentence they were read from).\n"
    "Every page carries the generation date, the incidents' dates and its number.\n"
    "\n"
    "INPUT is reports (article files, folders, .jsonl, '-' for stdin), or incident\n"
    "files (.geojson, .geojsons, .csv) and stores (.gpkg, or a PostGIS table as\n"
    "'postgresql://USER@HOST/DB?table=T' or 'PG:dbname=DB table=T'); not both\n"
    "kinds at once.\n"
    "\n"
    "  -o, --output FILE   the pack (default brief.pdf; '-' for stdout); a .html\n"
    "                      FILE is the pack's interactive map instead, one offline\n"
    "                      page as render writes it (its tables as --tables gives)\n"
    "      --tables DIR    also write DIR/summary.csv (the tables of page 2, whole)\n"
    "                      and DIR/incidents.csv (every incident, not only those\n"
    "                      listed); DIR is made when missing\n"
    "      --list-max N    list at most N incidents, the first by date (default 2000,\n"
    "                      at most 100000; 0: no list); the rest are counted\n"
    "      --date DATE     publication date for reports that carry none\n"
    "      --focus CC,...  the countries the reports are about (as for map)\n"
    "  -j, --jobs N        extract on N threads (default: the number of cores)\n"
    "      --gazetteer DIR gazetteer folder\n"
    "      --shapes DIR    base-map shapefiles folder\n"
    "  -q, --quiet         no progress bar, no warnings\n"
    "      --help          show this help\n"
    "\n" IM_CLI_MAP_HELP
    "The pack's pages take the paper's size (landscape; default a4), so --width,\n"
    "--height, --dpi and --by-pages do not apply; --by draws its small multiples on\n"
    "page 1, and the timeline of page 2 then counts by the same period.\n"
    "\n" IM_CLI_FILTER_HELP "\n"
    "Filters that leave nothing give a pack that says \"No incidents\". The footer's\n"
    "generation date is today's (UTC), or SOURCE_DATE_EPOCH's when that is set\n"
    "(seconds since 1970), for packs that must come out the same byte for byte.\n"
    "Each file appears complete or not at all. See docs/brief.md.\n";

/* 1 when path names incidents (a file of them or a store: a GeoPackage or
 * a PostGIS table), not reports. */
static int incidents_input(const char *path)
{
	im_format f = im_format_from_path(path);
	return f == IM_FMT_GEOJSON || f == IM_FMT_GEOJSONSEQ || f == IM_FMT_CSV ||
	       f == IM_FMT_GPKG || f == IM_FMT_PG;
}

/* The footer's date: SOURCE_DATE_EPOCH (reproducible builds' variable)
 * when set, else now. IM_EXIT_OK or IM_EXIT_USAGE. */
static int generation_time(long long *out)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e) {
		*out = (long long)time(NULL);
		return IM_EXIT_OK;
	}
	char *end;
	errno = 0;
	long long v = strtoll(e, &end, 10);
	if (!*e || *end || errno || v < 0 || v > 253402300799LL || e[0] == '+' || e[0] == ' ')
		return im_cli_usage("brief",
		                    "SOURCE_DATE_EPOCH wants seconds since 1970 (0..253402300799), "
		                    "not '%s'",
		                    e);
	*out = v;
	return IM_EXIT_OK;
}

/* What the command line asked for, beyond the map's and the filters'. */
typedef struct brief_args {
	const char *out, *tables;
	int html; /* -o FILE.html: the interactive map, not the PDF */
	size_t list_max;
	im_extract_opts xo;
	unsigned jobs;
	im_cli cli;
} brief_args;

static int brief_opt(brief_args *a, im_render_opts *ro, im_filter *flt, int c)
{
	int rc, done, n;
	switch (c) {
	case 'o':
		a->out = optarg;
		return IM_EXIT_OK;
	case 'q':
		a->cli.quiet = 1;
		return IM_EXIT_OK;
	case 'T':
		a->tables = optarg;
		return IM_EXIT_OK;
	case 'L':
		if (!im_opt_int(optarg, 0, LIST_MAX_LIMIT, &n))
			return im_cli_usage("brief", "--list-max wants 0..%d incidents, not '%s'",
			                    LIST_MAX_LIMIT, optarg);
		a->list_max = (size_t)n;
		return IM_EXIT_OK;
	case IM_OPT_BY_PAGES:
		return im_cli_usage("brief", "--by-pages does not apply: the pack's map is one page "
					     "(--by draws its maps on it)");
	case IM_OPT_WIDTH:
	case IM_OPT_HEIGHT:
	case IM_OPT_DPI:
		return im_cli_usage("brief",
		                    "--width, --height and --dpi do not apply: the pack's pages "
		                    "take the --paper size");
	}
	if ((rc = im_cli_extract_opt(&a->xo, &a->jobs, c, optarg, "brief")) >= 0)
		return rc;
	if ((rc = im_cli_map_opt(ro, c, optarg, "brief")) >= 0)
		return rc;
	if ((rc = im_cli_filter(flt, c, optarg, "brief")) >= 0)
		return rc;
	rc = im_cli_common(&a->cli, c, optarg, "brief", help, &done);
	/* help printed: a distinct value so the caller stops with 0 */
	return done && rc == IM_EXIT_OK ? -1 : rc < 0 ? IM_EXIT_USAGE : rc;
}

/* Reads the inputs: every one a file of incidents or a store, or every
 * one reports (extracted and merged as map does). */
static im_status read_inputs(brief_args *a, const im_gaz *gaz, char **in, size_t n,
                             const im_filter *flt, im_incident_list *l, size_t *left_out,
                             size_t *n_bad, im_error *err)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += (size_t)incidents_input(in[i]);
	*left_out = *n_bad = 0;
	if (k && k < n)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "give reports or incident files (.geojson, .geojsons, .csv, "
		                    ".gpkg, a PostGIS table), not both");
	im_status st = IM_OK;
	for (size_t i = 0; k && !st && i < n; i++) {
		size_t lo = 0;
		st = im_read_incidents(in[i], im_format_from_path(in[i]), flt, l, &lo, err);
		*left_out += lo;
	}
	if (k)
		return st;
	size_t n_art = 0;
	im_review rv;
	im_review_open(&rv, NULL, err); /* the summary only: cannot fail */
	st = im_run_extract(gaz, (const char *const *)in, n, &a->xo, a->jobs, a->cli.quiet, l,
	                    &n_art, n_bad, &rv, err);
	if (!st)
		st = im_review_finish(&rv, a->cli.quiet, err);
	else
		im_review_abort(&rv);
	if (!st)
		*left_out = im_filter_list(flt, l);
	return st;
}

/* The pack and, with --tables, its CSV: the tables are made first and
 * committed after the pack, so all appear together or none. */
static im_status write_pack(const brief_args *a, const im_incident_list *l, const im_pack_opts *po,
                            im_error *err)
{
	im_summary sum;
	if (im_summary_make(l, &sum))
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	im_afile *tf[2] = {NULL, NULL};
	im_status st = a->tables ? im_tables_write(l, &sum, a->tables, tf, err) : IM_OK;
	if (a->html) {
		im_render_opts ro = po->map;
		ro.format = IM_RENDER_HTML;
		st = st ? st : im_render(l, &ro, a->out, err);
	} else {
		st = st ? st : im_pack_write(l, &sum, po, a->out, err);
	}
	for (int i = 0; i < 2; i++) {
		if (tf[i] && !st)
			st = im_afile_commit(tf[i], err);
		else if (tf[i])
			im_afile_abort(tf[i]);
	}
	im_summary_free(&sum);
	return st;
}

static int run(int argc, char **argv, im_filter *flt)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
	                                     {"tables", required_argument, NULL, 'T'},
	                                     {"list-max", required_argument, NULL, 'L'},
	                                     {"date", required_argument, NULL, 'd'},
	                                     {"focus", required_argument, NULL, 'F'},
	                                     {"jobs", required_argument, NULL, 'j'},
	                                     IM_CLI_MAP_OPTIONS,
	                                     IM_CLI_FILTER_OPTIONS,
	                                     IM_CLI_COMMON_OPTIONS,
	                                     {NULL, 0, NULL, 0}};
	brief_args a;
	memset(&a, 0, sizeof a);
	a.out = "brief.pdf";
	a.list_max = LIST_MAX_DEFAULT;
	a.jobs = im_jobs_default();
	im_pack_opts po;
	memset(&po, 0, sizeof po);
	im_render_opts_init(&po.map);
	int c;
	while ((c = getopt_long(argc, argv, "o:j:qh", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(help, stdout);
			return IM_EXIT_OK;
		}
		int rc = brief_opt(&a, &po.map, flt, c);
		if (rc)
			return rc < 0 ? IM_EXIT_OK : rc; /* -1: --help shown */
	}
	if (optind == argc)
		return im_cli_usage("brief", "missing INPUT (reports, incident files or a store)");
	char ext[8];
	im_path_ext(a.out, ext, sizeof ext);
	a.html = strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0;
	if (strcmp(a.out, "-") != 0 && strcmp(ext, "pdf") != 0 && !a.html)
		return im_cli_usage("brief",
		                    "the pack is a PDF (or its map, .html): -o wants FILE.pdf or "
		                    "FILE.html, not '%s'",
		                    a.out);
	int rc = generation_time(&po.generated);
	if (rc)
		return rc;
	im_cli_resolve(&a.cli);
	im_error err;
	im_error_clear(&err);
	im_gaz *gaz = NULL;
	if (!incidents_input(argv[optind]) && (rc = im_cli_lexicon(&a.cli)))
		return rc;
	if (im_gaz_open(a.cli.gazetteer, &gaz, &err)) {
		if (!incidents_input(argv[optind]))
			return im_cli_fail(&err); /* reports need it */
		/* Incidents are placed already: the map loses its reference
		 * cities, nothing more, as with render. */
		if (!a.cli.quiet)
			im_warn(NULL, 0, "no reference cities: %s", err.msg);
		im_error_clear(&err);
		gaz = NULL;
	}
	if (gaz && (rc = im_check_focus("brief", gaz, &a.xo))) {
		im_gaz_free(gaz);
		return rc;
	}
	im_incident_list l = {0};
	size_t n_bad;
	im_status st = read_inputs(&a, gaz, argv + optind, (size_t)(argc - optind), flt, &l,
	                           &po.left_out, &n_bad, &err);
	if (st == IM_E_USAGE) {
		im_list_clear(&l);
		im_gaz_free(gaz);
		return im_cli_usage("brief", "%s", err.msg);
	}
	if (!st) {
		im_cli_filter_note(flt, po.left_out, a.cli.quiet);
		if (!l.n && !a.cli.quiet)
			im_warn(NULL, 0, "no incidents%s: the pack says so",
			        im_filter_active(flt) ? " pass the filters" : "");
		if (!a.html) /* the list by date; the map keeps the input's order, as render's */
			im_list_sort(&l);
		po.map.shapes_dir = a.cli.shapes;
		po.map.gaz = gaz;
		po.map.quiet = a.cli.quiet;
		po.list_max = a.list_max;
		st = write_pack(&a, &l, &po, &err);
	}
	if (!st && !a.cli.quiet)
		fprintf(stderr, "incimap: %zu incident%s -> %s\n", l.n, l.n == 1 ? "" : "s", a.out);
	im_list_clear(&l);
	im_gaz_free(gaz);
	if (st)
		return im_cli_fail(&err);
	return n_bad ? IM_EXIT_FAIL : IM_EXIT_OK;
}

int im_cmd_brief(int argc, char **argv)
{
	return im_cli_with_filter(run, argc, argv);
}
