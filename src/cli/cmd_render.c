/* cmd_render.c: `incimap render`: incidents file -> PNG, PDF or SVG map. */
#include "cli.h"
#include "../io/io.h"
#include "../core/fsutil.h"
#include "../core/opt.h"
#include "../render/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char help[] =
	"Usage: incimap render INCIDENTS [-o FILE.png|.pdf|.svg|.html] [--bbox W,S,E,N]\n"
	"                      [--crs EPSG:N|PROJ] [--title T]\n"
	"                      [--width PX --height PX | --paper a4|a3|letter] [--dpi N]\n"
	"Draw a briefing map of the incidents in a GeoJSON, GeoJSONSeq or CSV file\n"
	"('-' for stdin), or a store (.gpkg, or a PostGIS table given as\n"
	"'postgresql://...?table=T').\n"
	"A .html map is one self-contained page to explore in a browser, offline\n"
	"(Leaflet inside): a popup per incident, clusters, filters by type and date;\n"
	"--bbox sets where it opens.\n"
	"\n"
	"  -o, --output FILE   map file (default map.png); the format from its extension\n"
	"      --format F      png, pdf, svg or html, whatever the extension\n"
	"      --from F        input format: geojson, geojsonseq, csv, kml or kmz (default:\n"
	"                      extension)\n"
	"      --gazetteer DIR gazetteer folder (reference cities)\n"
	"      --shapes DIR    base-map shapefiles folder\n"
	"      --build-index   write the shapefiles' spatial indexes (.qix) in the shapes\n"
	"                      folder and exit (after replacing the shapefiles)\n"
	"  -q, --quiet         do not report labels left out\n"
	"      --help          show this help\n"
	"\n"
	IM_CLI_MAP_HELP
	"\n"
	IM_CLI_FILTER_HELP
	"\n"
	"The same input gives the same pixels (PNG) and the same bytes (PDF).\n"
	"See docs/rendering.md.\n";

/* 1 when path is a file with nothing but white space in it: for a map that
 * is "no incidents", not an error (the readers want a whole document). */
static int blank_file(const char *path)
{
	struct stat sb;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > 4096)
		return 0;
	char *d;
	size_t n;
	im_error e;
	if (im_read_file(path, 4096, &d, &n, &e))
		return 0;
	int blank = 1;
	for (size_t i = 0; i < n && blank; i++)
		blank = d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r';
	free(d);
	return blank;
}

/* The map format named s (png, pdf, svg, html; any case), or
 * IM_RENDER_AUTO when it is none of them. */
static im_render_fmt format_named(const char *s)
{
	if (strcasecmp(s, "png") == 0) return IM_RENDER_PNG;
	if (strcasecmp(s, "pdf") == 0) return IM_RENDER_PDF;
	if (strcasecmp(s, "svg") == 0) return IM_RENDER_SVG;
	if (strcasecmp(s, "html") == 0) return IM_RENDER_HTML;
	return IM_RENDER_AUTO;
}

/* What the options of `incimap render` say. */
typedef struct rd_args {
	im_cli cli;
	im_render_opts ro;
	const char *out;
	im_format from;
	int build_index;
} rd_args;

/* The options into a and flt; 1 to go on, 0 to exit with *rc. */
static int read_opts(int argc, char **argv, rd_args *a, im_filter *flt, int *rc)
{
	enum { O_FORMAT = 1, O_FROM, O_INDEX };
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, O_FORMAT},
		{"from", required_argument, NULL, O_FROM},
		{"build-index", no_argument, NULL, O_INDEX},
		IM_CLI_MAP_OPTIONS,
		IM_CLI_FILTER_OPTIONS,
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	memset(a, 0, sizeof *a);
	im_render_opts_init(&a->ro);
	a->out = "map.png";
	a->from = IM_FMT_UNKNOWN;
	int c;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		int r;
		switch (c) {
		case 'o': a->out = optarg; break;
		case 'q': a->cli.quiet = 1; break;
		case 'h': fputs(help, stdout); *rc = IM_EXIT_OK; return 0;
		case O_FORMAT:
			if (!(a->ro.format = format_named(optarg))) {
				*rc = im_cli_usage("render", "--format wants png, pdf, svg or html, not '%s'", optarg);
				return 0;
			}
			break;
		case O_INDEX: a->build_index = 1; break;
		case O_FROM:
			if (!(a->from = im_format_from_name(optarg))) {
				*rc = im_cli_usage("render", "unknown input format '%s'", optarg);
				return 0;
			}
			break;
		default:
			if ((r = im_cli_map_opt(&a->ro, c, optarg, "render")) < 0)
				r = im_cli_filter(flt, c, optarg, "render");
			if (!im_cli_other_opt(&a->cli, r, c, optarg, "render", help, rc))
				return 0;
		}
	}
	return 1;
}

/* `render --build-index`: the shapefiles' spatial indexes written. */
static int build_index(rd_args *a, int nargs)
{
	if (nargs)
		return im_cli_usage("render", "--build-index takes no INCIDENTS file");
	im_cli_resolve(&a->cli);
	im_error err;
	if (im_render_build_index(a->cli.shapes, &err))
		return im_cli_fail(&err);
	return IM_EXIT_OK;
}

/* The incidents of in that pass flt added to the map job: they stream into
 * the map, which keeps a few dozen bytes of each (a million-row file needs
 * no million records in memory), parsed in a thread of its own while the
 * map takes them. */
static im_status feed(im_render_job *job, const char *in, im_format from, const im_filter *flt,
		      int quiet, im_error *err)
{
	im_io_reader *r = NULL;
	im_io_ahead *ahead = NULL;
	size_t dropped = 0;
	im_status st = im_io_reader_open(in, from, &r, err);
	st = st ? st : im_io_reader_filter(r, flt, err);
	st = st ? st : im_io_ahead_start(r, &ahead, err);
	for (int done = 0; !st;) {
		const im_incident *inc;
		if ((st = im_io_ahead_next(ahead, &inc, &done, err)) || done)
			break;
		if (im_filter_match(flt, inc))
			st = im_render_add(job, inc, err);
		else
			dropped++;
	}
	im_io_ahead_free(ahead);
	dropped += im_io_reader_filtered(r);
	im_io_reader_free(r);
	if (!st)
		im_cli_filter_note(flt, dropped, quiet);
	return st;
}

static int run(int argc, char **argv, im_filter *flt)
{
	rd_args a;
	int rc;
	if (!read_opts(argc, argv, &a, flt, &rc))
		return rc;
	im_render_opts *ro = &a.ro;
	if (a.build_index)
		return build_index(&a, argc - optind);
	if (argc - optind != 1)
		return im_cli_usage("render", argc - optind ? "give one INCIDENTS file"
							   : "missing INCIDENTS file");
	const char *in = argv[optind];
	if (!a.from && !(a.from = im_format_from_path(in)))
		a.from = IM_FMT_GEOJSON;
	if (ro->format == IM_RENDER_AUTO) {
		char ext[8];
		const char *dot = strrchr(a.out, '.');
		snprintf(ext, sizeof ext, "%s", dot ? dot + 1 : "");
		ro->format = strcasecmp(ext, "htm") == 0 ? IM_RENDER_HTML : format_named(ext);
		if (!ro->format)
			return im_cli_usage("render", "cannot tell the map format of '%s': use .png, .pdf, .svg or .html, or --format", a.out);
	}
	im_cli_resolve(&a.cli);
	ro->shapes_dir = a.cli.shapes;
	ro->quiet = a.cli.quiet;
	im_error err;
	im_error_clear(&err);
	im_gaz *gaz = NULL;
	im_render_job *job = NULL;
	im_status st = im_render_begin(ro, &job, &err);
	if (!st && blank_file(in)) {
		if (!a.cli.quiet)
			im_warn(in, 0, "empty file: the map says \"No incidents\"");
	} else if (!st) {
		st = feed(job, in, a.from, flt, a.cli.quiet, &err);
	}
	if (!st) {
		/* Reference cities are a nicety: a map without them beats no map. */
		im_error gerr;
		if (im_gaz_open(a.cli.gazetteer, &gaz, &gerr) && !a.cli.quiet)
			im_warn(NULL, 0, "no reference cities: %s", gerr.msg);
		ro->gaz = gaz;
		st = im_render_finish(job, a.out, &err);
		job = NULL;
	}
	im_render_job_free(job);
	im_gaz_free(gaz);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}

int im_cmd_render(int argc, char **argv)
{
	return im_cli_with_filter(run, argc, argv);
}
