/* cmd_gazetteer.c: `incimap gazetteer add|edit|remove|list|check|import|export|build`. */
#include "../core/fsutil.h"
#include "../core/opt.h"
#include "../gazetteer/gazetteer.h"
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: incimap gazetteer add NAME --lat D --lon D [--country CC] [--admin1 NAME]\n"
    "                             [--kind KIND] [--population N] [--alt \"NAME|NAME\"] [--force]\n"
    "       incimap gazetteer edit ID|NAME [--lat D] [--lon D] [--name NAME] [--alt "
    "\"NAME|NAME\"]\n"
    "                             [--kind KIND] [--country CC] [--admin1 NAME] [--population N]\n"
    "       incimap gazetteer remove ID|NAME\n"
    "       incimap gazetteer list [--all]\n"
    "       incimap gazetteer check\n"
    "       incimap gazetteer import GEONAMES.txt [--alternates FILE]\n"
    "       incimap gazetteer import PLACES.csv|PLACES.geojson|PLACES.gpkg [--force]\n"
    "       incimap gazetteer export [-o FILE.csv|FILE.geojson] [--format csv|geojson]\n"
    "       incimap gazetteer build\n"
    "Teach the gazetteer places (kept in the user's own file, which wins over the\n"
    "shipped data and survives rebuilds and upgrades) and maintain it.\n"
    "\n"
    "  add      a place, into DIR/user.txt (the previous version kept as user.txt.bak);\n"
    "           prints its id. KIND is country, region, admin1, admin2, capital,\n"
    "           seat, city, town, village, neighbourhood, site or other (default\n"
    "           site); --admin1 takes a province name, --alt more names,\n"
    "           --population its people (a city has 100,000 or more). Without\n"
    "           --country, the country and province are those whose shapes hold\n"
    "           the point (--shapes). Name a site with its head word, as reports\n"
    "           do (\"Al-Nakhla checkpoint\"): it is found with or without the\n"
    "           article and in any case.\n"
    "           Refused, with every file left as it was: coordinates out of range,\n"
    "           an empty name, a tab or newline in a name, an unknown country code,\n"
    "           a place of the same name within a kilometre (--force: add it anyway).\n"
    "  edit     change one of the user's entries in place (same id): the point\n"
    "           (a moved point without --country takes the country and province\n"
    "           where it now lies), the name, the other names (--alt replaces\n"
    "           them; --alt \"\" clears them), the kind, country, province, people\n"
    "  remove   one of the user's entries, by id or by exact name\n"
    "  list     the user's entries, tab-separated (--all: every entry)\n"
    "  check    validate every file: ranges, duplicate ids, country codes, broken\n"
    "           lines (each as FILE:LINE); exit status 1 when there is a problem\n"
    "  import   a GeoNames country dump (19 columns; --alternates FILE adds its\n"
    "           alternateNamesV2 names) into DIR/user-import-NAME.txt, all or nothing;\n"
    "           or a CSV with a header (name, lat, lon, and any of alternate_names,\n"
    "           country, admin1, kind, population, id) or a GeoJSON or GeoPackage\n"
    "           point layer (WGS 84; a GeoPackage of one point layer), merged into\n"
    "           DIR/user.txt, all or nothing (a place whose id is there already\n"
    "           replaces it)\n"
    "  export   the user's entries as CSV or GeoJSON (the columns import reads),\n"
    "           to FILE or stdout, for another analyst's `gazetteer import`\n"
    "  build    compile the sources into the index now (done by itself when stale)\n"
    "\n"
    "When DIR cannot be written (an installed share/incimap/gazetteer), your files\n"
    "go to $XDG_DATA_HOME/incimap (else ~/.local/share/incimap) and win there too.\n"
    "\n"
    "      --gazetteer DIR gazetteer folder\n"
    "      --shapes DIR    base-map shapes (the provinces that `add` looks the point up in)\n"
    "  -o, --output FILE   where export writes (default: stdout, CSV)\n"
    "  -q, --quiet         no notes on stderr\n"
    "      --help          show this help\n";

/* Says where an entry added or edited without --country was placed (the
 * country and province worked out from its point). */
static void say_where(const im_cli *cli, const char *id)
{
	im_gaz *g;
	im_place p;
	if (cli->quiet || im_gaz_open(cli->gazetteer, &g, NULL) != IM_OK)
		return;
	if (im_gaz_get(g, id, &p))
		fprintf(stderr, "incimap: %s: in %s%s%s (from its coordinates)\n", id,
		        p.country[0] ? p.country : "no country", p.admin1[0] ? ", " : "", p.admin1);
	im_gaz_free(g);
}

/* 1 when path is a places file analysts keep (CSV, GeoJSON, GeoPackage)
 * rather than a GeoNames dump. */
static int places_file(const char *path)
{
	char ext[16];
	im_path_ext(path, ext, sizeof ext);
	return strcmp(ext, "csv") == 0 || strcmp(ext, "geojson") == 0 || strcmp(ext, "json") == 0 ||
	       strcmp(ext, "gpkg") == 0;
}

int im_cmd_gazetteer(int argc, char **argv)
{
	enum {
		O_LAT = 1,
		O_LON,
		O_COUNTRY,
		O_ADMIN1,
		O_KIND,
		O_ALT,
		O_ALTERNATES,
		O_ALL,
		O_POP,
		O_FORCE,
		O_NAME,
		O_FORMAT
	};
	static const struct option opts[] = {{"lat", required_argument, NULL, O_LAT},
	                                     {"lon", required_argument, NULL, O_LON},
	                                     {"country", required_argument, NULL, O_COUNTRY},
	                                     {"admin1", required_argument, NULL, O_ADMIN1},
	                                     {"kind", required_argument, NULL, O_KIND},
	                                     {"population", required_argument, NULL, O_POP},
	                                     {"alt", required_argument, NULL, O_ALT},
	                                     {"alternates", required_argument, NULL, O_ALTERNATES},
	                                     {"all", no_argument, NULL, O_ALL},
	                                     {"force", no_argument, NULL, O_FORCE},
	                                     {"name", required_argument, NULL, O_NAME},
	                                     {"format", required_argument, NULL, O_FORMAT},
	                                     {"output", required_argument, NULL, 'o'},
	                                     IM_CLI_COMMON_OPTIONS,
	                                     {NULL, 0, NULL, 0}};
	im_cli cli = {0};
	im_gaz_entry e;
	memset(&e, 0, sizeof e);
	e.kind = IM_KIND_SITE;
	int has_lat = 0, has_lon = 0, all = 0, has_kind = 0;
	unsigned what = 0;
	const char *alternates = NULL, *output = NULL, *format = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "qho:", opts, NULL)) != -1) {
		int done, rc;
		switch (c) {
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		case O_LAT:
			if (!im_opt_deg(optarg, -90, 90, &e.lat))
				return im_cli_usage("gazetteer", "--lat wants degrees in -90..90, not '%s'", optarg);
			has_lat = 1;
			what |= IM_GAZ_SET_LAT;
			break;
		case O_LON:
			if (!im_opt_deg(optarg, -180, 180, &e.lon))
				return im_cli_usage("gazetteer", "--lon wants degrees in -180..180, not '%s'", optarg);
			has_lon = 1;
			what |= IM_GAZ_SET_LON;
			break;
		case O_COUNTRY:
			e.country = optarg;
			what |= IM_GAZ_SET_COUNTRY;
			break;
		case O_ADMIN1:
			e.admin1 = optarg;
			what |= IM_GAZ_SET_ADMIN1;
			break;
		case O_KIND:
			if (!im_kind_parse(optarg, &e.kind))
				return im_cli_usage("gazetteer", "unknown --kind '%s'", optarg);
			has_kind = 1;
			what |= IM_GAZ_SET_KIND;
			break;
		case O_POP: {
			char *end;
			errno = 0;
			long long v = strtoll(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 0 || v > 100000000)
				return im_cli_usage(
				    "gazetteer",
				    "--population wants a whole number in 0..100000000, not '%s'",
				    optarg);
			e.population = v;
			what |= IM_GAZ_SET_POP;
			break;
		}
		case O_ALT:
			e.alt = optarg;
			what |= IM_GAZ_SET_ALT;
			break;
		case O_NAME:
			e.name = optarg;
			what |= IM_GAZ_SET_NAME;
			break;
		case O_FORCE:
			e.force = 1;
			break;
		case O_FORMAT:
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case O_ALTERNATES: alternates = optarg; break;
		case O_ALL: all = 1; break;
		default:
			rc = im_cli_common(&cli, c, optarg, "gazetteer", help, &done);
			if (done || rc != IM_EXIT_OK)
				return rc < 0 ? IM_EXIT_USAGE : rc;
		}
	}
	if (optind >= argc)
		return im_cli_usage("gazetteer",
		                    "give a subcommand: add, edit, remove, list, check, "
		                    "import, export or build");
	const char *sub = argv[optind++];
	int nargs = argc - optind;
	im_cli_resolve(&cli);
	im_error err;
	im_error_clear(&err);
	im_status st;
	e.shapes = cli.shapes;
	if (strcmp(sub, "add") == 0) {
		if (nargs != 1)
			return im_cli_usage("gazetteer", "add wants one NAME");
		if (!has_lat || !has_lon)
			return im_cli_usage("gazetteer", "add wants --lat and --lon");
		if (what & IM_GAZ_SET_NAME)
			return im_cli_usage("gazetteer",
			                    "add takes the NAME as its argument, not --name");
		e.name = argv[optind];
		/* city and town are one feature code: the population tells them
		 * apart, so --kind city wants one of 100,000+ */
		if (e.population && !has_kind)
			e.kind = e.population >= 100000 ? IM_KIND_CITY : IM_KIND_TOWN;
		if (e.kind == IM_KIND_CITY && e.population < 100000)
			return im_cli_usage("gazetteer",
			                    "--kind city wants --population 100000 or more "
			                    "(a smaller place is a town)");
		if (e.kind == IM_KIND_TOWN && e.population >= 100000)
			return im_cli_usage("gazetteer",
			                    "a town of %lld people is a city: --kind city",
			                    (long long)e.population);
		char id[128];
		if ((st = im_gaz_add(cli.gazetteer, &e, id, sizeof id, &err)))
			return im_cli_fail(&err);
		printf("%s\n", id);
		if (!e.country)
			say_where(&cli, id);
		char *udir = im_gaz_user_dir(cli.gazetteer);
		if (!cli.quiet && udir && strcmp(udir, cli.gazetteer) != 0)
			fprintf(stderr, "incimap: %s is read-only: added to %s/user.txt\n",
				cli.gazetteer, udir);
		free(udir);
		return IM_EXIT_OK;
	}
	if (strcmp(sub, "edit") == 0) {
		if (nargs != 1)
			return im_cli_usage("gazetteer", "edit wants one ID or NAME");
		if (!what)
			return im_cli_usage("gazetteer",
			                    "edit wants something to change: --lat, --lon, "
			                    "--name, --alt, --kind, --country, --admin1 "
			                    "or --population");
		if (e.alt && !e.alt[0])
			e.alt = NULL; /* --alt "": no other names */
		char id[256];
		if ((st = im_gaz_edit(cli.gazetteer, argv[optind], &e, what, id, sizeof id, &err)))
			return im_cli_fail(&err);
		if (!cli.quiet)
			fprintf(stderr, "incimap: %s changed\n", id);
		if ((what & (IM_GAZ_SET_LAT | IM_GAZ_SET_LON)) && !(what & IM_GAZ_SET_COUNTRY))
			say_where(&cli, id);
		return IM_EXIT_OK;
	}
	if (strcmp(sub, "export") == 0) {
		if (nargs)
			return im_cli_usage("gazetteer", "export takes no arguments (-o FILE)");
		size_t n = 0;
		if (!output && !format)
			format = "csv";
		st = im_gaz_export(cli.gazetteer, output ? output : "-", format, &n, &err);
		if (!st && !cli.quiet && output)
			fprintf(stderr, "incimap: exported %zu places to %s\n", n, output);
		return st ? im_cli_fail(&err) : IM_EXIT_OK;
	}
	if (strcmp(sub, "import") == 0 && nargs == 1 && places_file(argv[optind])) {
		if (alternates)
			return im_cli_usage("gazetteer", "--alternates goes with a GeoNames dump, "
			                                 "not a CSV or GeoJSON file");
		size_t added = 0, updated = 0;
		st = im_gaz_import_places(cli.gazetteer, argv[optind], cli.shapes, e.force, &added,
		                          &updated, &err);
		char *udir = im_gaz_user_dir(cli.gazetteer);
		if (!st && !cli.quiet)
			fprintf(stderr,
			        "incimap: imported %zu new places and updated %zu in %s/user.txt\n",
			        added, updated, udir ? udir : cli.gazetteer);
		free(udir);
		return st ? im_cli_fail(&err) : IM_EXIT_OK;
	}
	if (strcmp(sub, "remove") == 0) {
		if (nargs != 1)
			return im_cli_usage("gazetteer", "remove wants one ID or NAME");
		st = im_gaz_remove(cli.gazetteer, argv[optind], &err);
		char *udir = im_gaz_user_dir(cli.gazetteer);
		if (!st && !cli.quiet)
			fprintf(stderr, "incimap: removed '%s' from %s/user.txt\n", argv[optind],
				udir ? udir : cli.gazetteer);
		free(udir);
	} else if (strcmp(sub, "list") == 0) {
		if (nargs)
			return im_cli_usage("gazetteer", "list takes no arguments");
		st = im_gaz_list(cli.gazetteer, all, stdout, &err);
	} else if (strcmp(sub, "check") == 0) {
		if (nargs)
			return im_cli_usage("gazetteer", "check takes no arguments");
		size_t problems = 0;
		st = im_gaz_check(cli.gazetteer, &problems, &err);
		if (!st && !cli.quiet)
			fprintf(stderr, "incimap: gazetteer %s: no problems\n", cli.gazetteer);
	} else if (strcmp(sub, "import") == 0) {
		if (nargs != 1)
			return im_cli_usage("gazetteer",
			                    "import wants one file (GeoNames .txt, .csv, "
			                    ".geojson or .gpkg)");
		size_t n = 0;
		char file[160];
		st = im_gaz_import_n(cli.gazetteer, argv[optind], alternates, &n, file, sizeof file, &err);
		char *udir = im_gaz_user_dir(cli.gazetteer);
		if (!st && !cli.quiet)
			fprintf(stderr, "incimap: imported %zu places into %s/%s\n", n,
				udir ? udir : cli.gazetteer, file);
		free(udir);
	} else if (strcmp(sub, "build") == 0) {
		if (nargs)
			return im_cli_usage("gazetteer", "build takes no arguments");
		st = im_gaz_build(cli.gazetteer, &err);
		im_gaz *g;
		if (!st && !cli.quiet && im_gaz_open(cli.gazetteer, &g, NULL) == IM_OK) {
			fprintf(stderr, "incimap: gazetteer %s: %zu places compiled\n", cli.gazetteer,
				im_gaz_count(g));
			im_gaz_free(g);
		}
	} else {
		return im_cli_usage("gazetteer", "unknown subcommand '%s'", sub);
	}
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}
