/* cmd_convert.c: `incimap convert IN OUT` between GeoJSON, GeoJSONSeq, CSV. */
#include "cli.h"
#include "../io/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: incimap convert IN OUT [--from F] [--to F] [--excel]\n"
	"Convert incidents between GeoJSON, GeoJSON Text Sequences, CSV (our\n"
	"columns, or ACLED's export columns on input), the incident store (a\n"
	"GeoPackage) and KML/KMZ for Google Earth. F is geojson, geojsonseq, csv,\n"
	"gpkg, kml or kmz; without --from/--to the formats come from the extensions\n"
	"(.geojson, .geojsons/.geojsonl, .csv, .gpkg, .kml, .kmz). OUT may also be an\n"
	"Excel workbook (.xlsx, --to xlsx). '-' is stdin or stdout (not for a store\n"
	"or a workbook).\n"
	"\n"
	"      --from F   format of IN\n"
	"      --to F     format of OUT (also excel: the CSV for people, as --excel)\n"
	"      --excel    a CSV OUT for spreadsheets: byte order mark, a source_url\n"
	"                 column, readable sources, formulas neutralised\n"
	"  -q, --quiet    no warnings about skipped features\n"
	"      --help     show this help\n"
	"\n"
	IM_CLI_FILTER_HELP
	"\n"
	"Records are streamed: memory stays flat whatever the size of IN. OUT appears\n"
	"only when complete; on bad input (FILE:LINE:COL: what is wrong) there is no\n"
	"OUT at all. Features that are not Points are skipped with a warning. A\n"
	"GeoJSON OUT gets its QGIS style beside it (OUT.geojson -> OUT.qml). A .gpkg\n"
	"OUT is made when missing, else added to in one transaction, each incident\n"
	"replacing the stored one of the same id (the analyst's corrections kept);\n"
	"its style is in the store (docs/store.md). IN or OUT may also be a PostGIS\n"
	"table, a store like a .gpkg: 'postgresql://USER@HOST/DB?table=T' or\n"
	"'PG:dbname=DB table=T' (password from PGPASSWORD or ~/.pgpass).\n"
	"See docs/formats.md for the columns, the ACLED mapping and the limits.\n";

static void no_warnings(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	(void)line;
	(void)msg;
}

/* The incidents r reads that pass flt written to w; *dropped counts the
 * others. */
static im_status copy_incidents(im_io_reader *r, im_io_writer *w, const im_filter *flt,
				size_t *dropped, im_error *err)
{
	im_status st;
	im_incident inc;
	im_incident_init(&inc);
	for (;;) {
		int end = 0;
		if ((st = im_io_reader_next(r, &inc, &end, err)) || end)
			break;
		if (im_filter_match(flt, &inc))
			st = im_io_writer_add(w, &inc, err);
		else
			(*dropped)++;
		im_incident_clear(&inc);
		if (st)
			break;
	}
	im_incident_clear(&inc);
	*dropped += im_io_reader_filtered(r);
	return st;
}

static int run(int argc, char **argv, im_filter *flt)
{
	enum { O_FROM = 1, O_TO, O_EXCEL };
	static const struct option opts[] = {
		{"from", required_argument, NULL, O_FROM},
		{"to", required_argument, NULL, O_TO},
		{"excel", no_argument, NULL, O_EXCEL},
		IM_CLI_FILTER_OPTIONS,
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	im_cli cli = {0};
	im_format from = IM_FMT_UNKNOWN, to = IM_FMT_UNKNOWN;
	int c, excel = 0;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		int rc;
		switch (c) {
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		case O_EXCEL: excel = 1; break;
		case O_FROM:
			if (!(from = im_format_from_name(optarg)))
				return im_cli_usage("convert", "unknown format '%s' (geojson, geojsonseq, csv, excel, gpkg, kml, kmz, xlsx)", optarg);
			break;
		case O_TO:
			if (!(to = im_format_from_name(optarg)))
				return im_cli_usage("convert", "unknown format '%s' (geojson, geojsonseq, csv, excel, gpkg, kml, kmz, xlsx)", optarg);
			break;
		default:
			rc = im_cli_filter(flt, c, optarg, "convert");
			if (!im_cli_other_opt(&cli, rc, c, optarg, "convert", help, &rc))
				return rc;
		}
	}
	if (argc - optind != 2)
		return im_cli_usage("convert", "give IN and OUT");
	const char *in = argv[optind], *out = argv[optind + 1];
	if (!from && !(from = im_format_from_path(in)))
		return im_cli_usage("convert", "cannot tell the format of '%s': use --from", in);
	if (!to && !(to = im_format_from_path(out)))
		return im_cli_usage("convert", "cannot tell the format of '%s': use --to", out);
	if (!im_format_readable(from))
		return im_cli_usage("convert", "%s is written for people and not read back: "
				    "convert from the GeoJSON or the plain CSV", im_format_name(from));
	if (excel && to != IM_FMT_CSV && to != IM_FMT_CSV_EXCEL)
		return im_cli_usage("convert", "--excel is for a CSV OUT, not %s", im_format_name(to));
	if (excel)
		to = IM_FMT_CSV_EXCEL;
	if (cli.quiet)
		im_set_warn_hook(no_warnings, NULL);
	im_error err;
	im_error_clear(&err);
	im_io_reader *r;
	im_io_writer *w = NULL;
	im_status st = im_io_reader_open(in, from, &r, &err);
	if (!st && (st = im_io_reader_filter(r, flt, &err)))
		im_io_reader_free(r);
	if (st)
		return im_cli_fail(&err);
	if ((st = im_io_writer_open(out, to, &w, &err))) {
		im_io_reader_free(r);
		return im_cli_fail(&err);
	}
	size_t dropped = 0;
	st = copy_incidents(r, w, flt, &dropped, &err);
	im_io_reader_free(r);
	if (st) {
		im_io_writer_abort(w);
		return im_cli_fail(&err);
	}
	if ((st = im_io_writer_close(w, &err)))
		return im_cli_fail(&err);
	im_cli_filter_note(flt, dropped, cli.quiet);
	char *qml = to == IM_FMT_GEOJSON ? im_qml_path_for(out) : NULL;
	if (qml) {
		st = im_qml_write(qml, &err);
		free(qml);
		if (st)
			return im_cli_fail(&err);
	}
	return IM_EXIT_OK;
}

int im_cmd_convert(int argc, char **argv)
{
	return im_cli_with_filter(run, argc, argv);
}
