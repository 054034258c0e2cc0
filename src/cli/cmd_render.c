/* cmd_render.c: `incimap render`: incidents file -> PNG, PDF or SVG map. */
#include "cli.h"
#include "../io/io.h"
#include "../render/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
	"Usage: incimap render INCIDENTS [-o FILE.png|.pdf|.svg] [--bbox W,S,E,N]\n"
	"                      [--crs EPSG:N|PROJ] [--title T]\n"
	"                      [--width PX --height PX | --paper a4|a3|letter] [--dpi N]\n"
	"Draw a briefing map of the incidents in a GeoJSON, GeoJSONSeq or CSV file\n"
	"('-' for stdin).\n"
	"\n"
	"  -o, --output FILE   map file (default map.png); the format from its extension\n"
	"      --format F      png, pdf or svg, whatever the extension\n"
	"      --from F        input format: geojson, geojsonseq or csv (default: extension)\n"
	"      --bbox W,S,E,N  the extent in degrees (default: the incidents, padded)\n"
	"      --crs CRS       EPSG:N or a PROJ string (default: chosen from the extent)\n"
	"      --title T       title (default: from the types and dates)\n"
	"      --width PX      width in pixels, 16..20000 (default 1600)\n"
	"      --height PX     height in pixels, 16..20000 (default 1000)\n"
	"      --paper P       a4, a3 or letter, landscape, instead of --width/--height\n"
	"      --dpi N         dots per inch, 10..1200 (default 150): sets how big text and\n"
	"                      symbols are; a PDF or SVG page is WIDTH/DPI inches wide\n"
	"      --gazetteer DIR gazetteer folder (reference cities)\n"
	"      --shapes DIR    base-map shapefiles folder\n"
	"      --build-index   write the shapefiles' spatial indexes (.qix) in the shapes\n"
	"                      folder and exit (after replacing the shapefiles)\n"
	"  -q, --quiet         do not report labels left out\n"
	"      --help          show this help\n"
	"\n"
	"The same input gives the same pixels (PNG) and the same bytes (PDF).\n"
	"See docs/rendering.md.\n";

static int parse_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return 0;
	*out = (int)v;
	return 1;
}

/* "W,S,E,N" in degrees. */
static int parse_bbox(const char *s, double b[4])
{
	const char *p = s;
	for (int i = 0; i < 4; i++) {
		char *end;
		errno = 0;
		b[i] = strtod(p, &end);
		if (errno || end == p)
			return 0;
		p = end;
		if (i < 3) {
			if (*p != ',')
				return 0;
			p++;
		}
	}
	if (*p)
		return 0;
	return b[0] >= -180 && b[0] <= 180 && b[2] >= -180 && b[2] <= 180 && b[1] >= -90 &&
	       b[1] <= 90 && b[3] >= -90 && b[3] <= 90 && b[1] < b[3] && b[0] != b[2];
}

int im_cmd_render(int argc, char **argv)
{
	enum { O_BBOX = 1, O_CRS, O_TITLE, O_WIDTH, O_HEIGHT, O_PAPER, O_DPI, O_FORMAT, O_FROM,
	       O_INDEX };
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"bbox", required_argument, NULL, O_BBOX},
		{"crs", required_argument, NULL, O_CRS},
		{"title", required_argument, NULL, O_TITLE},
		{"width", required_argument, NULL, O_WIDTH},
		{"height", required_argument, NULL, O_HEIGHT},
		{"paper", required_argument, NULL, O_PAPER},
		{"dpi", required_argument, NULL, O_DPI},
		{"format", required_argument, NULL, O_FORMAT},
		{"from", required_argument, NULL, O_FROM},
		{"build-index", no_argument, NULL, O_INDEX},
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	im_cli cli = {0};
	im_render_opts ro;
	im_render_opts_init(&ro);
	const char *out = "map.png";
	im_format from = IM_FMT_UNKNOWN;
	int c, dpi, build_index = 0;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		int done, rc;
		switch (c) {
		case 'o': out = optarg; break;
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		case O_BBOX:
			if (!parse_bbox(optarg, ro.bbox))
				return im_cli_usage("render",
						    "--bbox wants W,S,E,N in degrees with S < N, not '%s'",
						    optarg);
			ro.has_bbox = 1;
			break;
		case O_CRS: ro.crs = optarg; break;
		case O_TITLE: ro.title = optarg; break;
		case O_WIDTH:
			if (!parse_int(optarg, 16, 20000, &ro.width))
				return im_cli_usage("render", "--width wants 16..20000 pixels, not '%s'", optarg);
			break;
		case O_HEIGHT:
			if (!parse_int(optarg, 16, 20000, &ro.height))
				return im_cli_usage("render", "--height wants 16..20000 pixels, not '%s'", optarg);
			break;
		case O_PAPER:
			if (strcasecmp(optarg, "a4") && strcasecmp(optarg, "a3") && strcasecmp(optarg, "letter"))
				return im_cli_usage("render", "--paper wants a4, a3 or letter, not '%s'", optarg);
			ro.paper = optarg;
			break;
		case O_DPI:
			if (!parse_int(optarg, 10, 1200, &dpi))
				return im_cli_usage("render", "--dpi wants 10..1200, not '%s'", optarg);
			ro.dpi = dpi;
			break;
		case O_FORMAT:
			if (strcasecmp(optarg, "png") == 0) ro.format = IM_RENDER_PNG;
			else if (strcasecmp(optarg, "pdf") == 0) ro.format = IM_RENDER_PDF;
			else if (strcasecmp(optarg, "svg") == 0) ro.format = IM_RENDER_SVG;
			else return im_cli_usage("render", "--format wants png, pdf or svg, not '%s'", optarg);
			break;
		case O_INDEX: build_index = 1; break;
		case O_FROM:
			if (!(from = im_format_from_name(optarg)))
				return im_cli_usage("render", "unknown input format '%s'", optarg);
			break;
		default:
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
		else return im_cli_usage("render", "cannot tell the map format of '%s': use .png, .pdf or .svg, or --format", out);
	}
	im_cli_resolve(&cli);
	ro.shapes_dir = cli.shapes;
	ro.quiet = cli.quiet;
	im_error err;
	im_error_clear(&err);
	im_incident_list l = {0};
	im_status st = im_io_read(in, from, &l, &err);
	im_gaz *gaz = NULL;
	if (!st) {
		/* Reference cities are a nicety: a map without them beats no map. */
		im_error gerr;
		if (im_gaz_open(cli.gazetteer, &gaz, &gerr) && !cli.quiet)
			im_warn(NULL, 0, "no reference cities: %s", gerr.msg);
		ro.gaz = gaz;
		st = im_render(&l, &ro, out, &err);
	}
	im_gaz_free(gaz);
	im_list_clear(&l);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}
