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

static int run(int argc, char **argv, im_filter *flt)
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
	im_cli cli = {0};
	im_render_opts ro;
	im_render_opts_init(&ro);
	const char *out = "map.png";
	im_format from = IM_FMT_UNKNOWN;
	int c, build_index = 0;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		int done, rc;
		switch (c) {
		case 'o': out = optarg; break;
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		case O_FORMAT:
			if (strcasecmp(optarg, "png") == 0) ro.format = IM_RENDER_PNG;
			else if (strcasecmp(optarg, "pdf") == 0) ro.format = IM_RENDER_PDF;
			else if (strcasecmp(optarg, "svg") == 0) ro.format = IM_RENDER_SVG;
			else if (strcasecmp(optarg, "html") == 0) ro.format = IM_RENDER_HTML;
			else return im_cli_usage("render", "--format wants png, pdf, svg or html, not '%s'", optarg);
			break;
		case O_INDEX: build_index = 1; break;
		case O_FROM:
			if (!(from = im_format_from_name(optarg)))
				return im_cli_usage("render", "unknown input format '%s'", optarg);
			break;
		default:
			if ((rc = im_cli_map_opt(&ro, c, optarg, "render")) >= 0) {
				if (rc)
					return rc;
				break;
			}
			if ((rc = im_cli_filter(flt, c, optarg, "render")) >= 0) {
				if (rc)
					return rc;
				break;
			}
			rc = im_cli_common(&cli, c, optarg, "render", help, &done);
			if (done || rc != IM_EXIT_OK)
				return rc < 0 ? IM_EXIT_USAGE : rc;
		}
	}
	if (build_index) {
		if (argc - optind)
			return im_cli_usage("render", "--build-index takes no INCIDENTS file");
		im_cli_resolve(&cli);
		im_error err;
		if (im_render_build_index(cli.shapes, &err))
			return im_cli_fail(&err);
		return IM_EXIT_OK;
	}
	if (argc - optind != 1)
		return im_cli_usage("render", argc - optind ? "give one INCIDENTS file"
							   : "missing INCIDENTS file");
	const char *in = argv[optind];
	if (!from && !(from = im_format_from_path(in)))
		from = IM_FMT_GEOJSON;
	if (ro.format == IM_RENDER_AUTO) {
		char ext[8];
		const char *dot = strrchr(out, '.');
		snprintf(ext, sizeof ext, "%s", dot ? dot + 1 : "");
		if (strcasecmp(ext, "png") == 0) ro.format = IM_RENDER_PNG;
		else if (strcasecmp(ext, "pdf") == 0) ro.format = IM_RENDER_PDF;
		else if (strcasecmp(ext, "svg") == 0) ro.format = IM_RENDER_SVG;
		else if (strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0) ro.format = IM_RENDER_HTML;
		else return im_cli_usage("render", "cannot tell the map format of '%s': use .png, .pdf, .svg or .html, or --format", out);
	}
	im_cli_resolve(&cli);
	ro.shapes_dir = cli.shapes;
	ro.quiet = cli.quiet;
	im_error err;
	im_error_clear(&err);
	/* The incidents stream into the map, which keeps a few dozen bytes of
	 * each: a million-row file needs no million records in memory. */
	im_gaz *gaz = NULL;
	im_render_job *job = NULL;
	size_t dropped = 0;
	im_status st = im_render_begin(&ro, &job, &err);
	if (!st && blank_file(in)) {
		if (!cli.quiet)
			im_warn(in, 0, "empty file: the map says \"No incidents\"");
	} else if (!st) {
		/* Parsed in a thread of its own while the map takes them. */
		im_io_reader *r = NULL;
		im_io_ahead *ahead = NULL;
		st = im_io_reader_open(in, from, &r, &err);
		st = st ? st : im_io_reader_filter(r, flt, &err);
		st = st ? st : im_io_ahead_start(r, &ahead, &err);
		for (int done = 0; !st;) {
			const im_incident *inc;
			if ((st = im_io_ahead_next(ahead, &inc, &done, &err)) || done)
				break;
			if (im_filter_match(flt, inc))
				st = im_render_add(job, inc, &err);
			else
				dropped++;
		}
		im_io_ahead_free(ahead);
		dropped += im_io_reader_filtered(r);
		im_io_reader_free(r);
		if (!st)
			im_cli_filter_note(flt, dropped, cli.quiet);
	}
	if (!st) {
		/* Reference cities are a nicety: a map without them beats no map. */
		im_error gerr;
		if (im_gaz_open(cli.gazetteer, &gaz, &gerr) && !cli.quiet)
			im_warn(NULL, 0, "no reference cities: %s", gerr.msg);
		ro.gaz = gaz;
		st = im_render_finish(job, out, &err);
		job = NULL;
	}
	im_render_job_free(job);
	im_gaz_free(gaz);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}

int im_cmd_render(int argc, char **argv)
{
	im_filter flt;
	im_filter_init(&flt);
	int rc = run(argc, argv, &flt);
	im_filter_free(&flt);
	return rc;
}
