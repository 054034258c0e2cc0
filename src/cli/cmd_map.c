/* cmd_map.c: `incimap map`: the whole pipeline into an output folder. */
#include "pipeline.h"
#include "../core/fsutil.h"
#include "../io/io.h"
#include "../render/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: incimap map [INPUT...] [-o DIR] [--date YYYY-MM-DD] [--title T]\n"
	"Read articles, find their incidents and write, in DIR (default output/):\n"
	"  incidents.geojson  the incidents (RFC 7946), with incidents.qml, its QGIS style\n"
	"  map.png, map.pdf   the briefing map\n"
	"\n"
	"INPUT is an article file, a folder of them, '-' for stdin (the default), or a\n"
	"JSON Lines file (.jsonl).\n"
	"\n"
	"  -o, --output DIR    output folder (created when missing)\n"
	"      --date DATE     publication date for articles that carry none\n"
	"      --title T       map title (default: from the types and dates)\n"
	"      --gazetteer DIR gazetteer folder\n"
	"      --shapes DIR    base-map shapefiles folder\n"
	"  -q, --quiet         no progress bar, no warnings about unplaced labels\n"
	"      --help          show this help\n"
	"\n"
	"A bad article is reported and skipped; the outputs are still written and the\n"
	"exit status is 1. Every file appears complete or not at all.\n";

static im_status write_outputs(const im_cli *cli, const im_gaz *gaz, const char *dir,
			       const char *title, const im_incident_list *l, im_error *err)
{
	im_status st = im_mkdir_p(dir, err);
	if (st)
		return st;
	char *gj = im_path_join(dir, "incidents.geojson");
	char *png = im_path_join(dir, "map.png");
	char *pdf = im_path_join(dir, "map.pdf");
	char *qml = gj ? im_qml_path_for(gj) : NULL;
	if (!gj || !png || !pdf || !qml) {
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		goto done;
	}
	if ((st = im_io_write(gj, IM_FMT_GEOJSON, l, err)))
		goto done;
	if ((st = im_qml_write(qml, err)))
		goto done;
	im_render_opts ro;
	im_render_opts_init(&ro);
	ro.shapes_dir = cli->shapes;
	ro.gaz = gaz;
	ro.title = title;
	ro.quiet = cli->quiet;
	ro.format = IM_RENDER_PNG;
	if ((st = im_render(l, &ro, png, err)))
		goto done;
	ro.format = IM_RENDER_PDF;
	st = im_render(l, &ro, pdf, err);
done:
	free(gj);
	free(png);
	free(pdf);
	free(qml);
	return st;
}

int im_cmd_map(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"date", required_argument, NULL, 'd'},
		{"title", required_argument, NULL, 't'},
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	im_cli cli = {0};
	const char *dir = "output";
	const char *title = NULL;
	im_extract_opts xo = {{0, 0, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		int done, rc;
		switch (c) {
		case 'o': dir = optarg; break;
		case 't': title = optarg; break;
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		case 'd':
			if ((rc = im_parse_date_opt("map", optarg, &xo.default_date)))
				return rc;
			break;
		default:
			rc = im_cli_common(&cli, c, optarg, "map", help, &done);
			if (done || rc != IM_EXIT_OK)
				return rc < 0 ? IM_EXIT_USAGE : rc;
		}
	}
	im_cli_resolve(&cli);
	im_error err;
	im_error_clear(&err);
	im_gaz *gaz;
	if (im_gaz_open(cli.gazetteer, &gaz, &err))
		return im_cli_fail(&err);
	im_incident_list l = {0};
	size_t n_art, n_bad;
	im_status st = im_run_extract(gaz, (const char *const *)argv + optind,
				      (size_t)(argc - optind), &xo, cli.quiet, &l, &n_art,
				      &n_bad, &err);
	if (!st) {
		im_list_sort(&l);
		st = write_outputs(&cli, gaz, dir, title, &l, &err);
	}
	if (!st && !cli.quiet)
		fprintf(stderr, "incimap: %zu article%s, %zu incident%s -> %s/\n", n_art,
			n_art == 1 ? "" : "s", l.n, l.n == 1 ? "" : "s", dir);
	im_list_clear(&l);
	im_gaz_free(gaz);
	if (st)
		return im_cli_fail(&err);
	return n_bad ? IM_EXIT_FAIL : IM_EXIT_OK;
}
