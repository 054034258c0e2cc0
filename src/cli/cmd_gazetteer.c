/* cmd_gazetteer.c: `incimap gazetteer add|edit|remove|list|check|import|export|build`. */
#include "../core/fsutil.h"
#include "../core/opt.h"
#include "../gazetteer/gazetteer.h"
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
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
    "                                [--layer NAME]\n"
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
    "           point layer (WGS 84; a GeoPackage's only point layer, or the one\n"
    "           --layer names), merged into\n"
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
    "      --layer NAME    import: the GeoPackage's point layer to read\n"
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

enum {
	O_LAT = 1,
	O_LON,
	O_COUNTRY,
	O_ADMIN1,
	O_KIND,
	O_ALT,
	O_ALTERNATES,
	O_ALL,
	O_LAYER,
	O_POP,
	O_FORCE,
	O_NAME,
	O_FORMAT
};

/* What the options of `incimap gazetteer` say, and the error of the
 * subcommand they run. */
typedef struct gz_args {
	im_cli cli;
	im_error err;
	im_gaz_entry e; /* the entry to add, or the changes to make */
	unsigned what;  /* IM_GAZ_SET_*: the fields given */
	int has_lat, has_lon, has_kind, all;
	const char *alternates, *output, *format, *layer;
} gz_args;

/* An option of the entry (--lat, --lon, --country, --admin1, --kind,
 * --population, --alt, --name) into a; -1 when c is none, else 0 or a
 * usage error's exit status. */
static int entry_opt(gz_args *a, int c, const char *arg)
{
	im_gaz_entry *e = &a->e;
	switch (c) {
	case O_LAT:
		if (!im_opt_deg(arg, -90, 90, &e->lat))
			return im_cli_usage("gazetteer", "--lat wants degrees in -90..90, not '%s'",
			                    arg);
		a->has_lat = 1;
		a->what |= IM_GAZ_SET_LAT;
		return 0;
	case O_LON:
		if (!im_opt_deg(arg, -180, 180, &e->lon))
			return im_cli_usage("gazetteer",
			                    "--lon wants degrees in -180..180, not '%s'", arg);
		a->has_lon = 1;
		a->what |= IM_GAZ_SET_LON;
		return 0;
	case O_COUNTRY:
		e->country = arg;
		a->what |= IM_GAZ_SET_COUNTRY;
		return 0;
	case O_ADMIN1:
		e->admin1 = arg;
		a->what |= IM_GAZ_SET_ADMIN1;
		return 0;
	case O_KIND:
		if (!im_kind_parse(arg, &e->kind))
			return im_cli_usage("gazetteer", "unknown --kind '%s'", arg);
		a->has_kind = 1;
		a->what |= IM_GAZ_SET_KIND;
		return 0;
	case O_POP: {
		char *end;
		errno = 0;
		long long v = strtoll(arg, &end, 10);
		if (errno || end == arg || *end || v < 0 || v > 100000000)
			return im_cli_usage(
			    "gazetteer",
			    "--population wants a whole number in 0..100000000, not '%s'", arg);
		e->population = v;
		a->what |= IM_GAZ_SET_POP;
		return 0;
	}
	case O_ALT:
		e->alt = arg;
		a->what |= IM_GAZ_SET_ALT;
		return 0;
	case O_NAME:
		e->name = arg;
		a->what |= IM_GAZ_SET_NAME;
		return 0;
	}
	return -1;
}

/* The options into a; 1 to go on, 0 to exit with *rc. */
static int read_opts(int argc, char **argv, gz_args *a, int *rc)
{
	static const struct option opts[] = {{"lat", required_argument, NULL, O_LAT},
	                                     {"lon", required_argument, NULL, O_LON},
	                                     {"country", required_argument, NULL, O_COUNTRY},
	                                     {"admin1", required_argument, NULL, O_ADMIN1},
	                                     {"kind", required_argument, NULL, O_KIND},
	                                     {"population", required_argument, NULL, O_POP},
	                                     {"alt", required_argument, NULL, O_ALT},
	                                     {"alternates", required_argument, NULL, O_ALTERNATES},
	                                     {"all", no_argument, NULL, O_ALL},
	                                     {"layer", required_argument, NULL, O_LAYER},
	                                     {"force", no_argument, NULL, O_FORCE},
	                                     {"name", required_argument, NULL, O_NAME},
	                                     {"format", required_argument, NULL, O_FORMAT},
	                                     {"output", required_argument, NULL, 'o'},
	                                     IM_CLI_COMMON_OPTIONS,
	                                     {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "qho:", opts, NULL)) != -1) {
		int r = entry_opt(a, c, optarg);
		if (r >= 0) {
			if (r == 0)
				continue;
			*rc = r;
			return 0;
		}
		switch (c) {
		case 'q':
			a->cli.quiet = 1;
			break;
		case 'h':
			fputs(help, stdout);
			*rc = IM_EXIT_OK;
			return 0;
		case O_FORCE:
			a->e.force = 1;
			break;
		case O_FORMAT:
			a->format = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case O_ALTERNATES:
			a->alternates = optarg;
			break;
		case O_ALL:
			a->all = 1;
			break;
		case O_LAYER:
			a->layer = optarg;
			break;
		default:
			if (!im_cli_other_opt(&a->cli, -1, c, optarg, "gazetteer", help, rc))
				return 0;
		}
	}
	return 1;
}

static int gz_done(gz_args *a, im_status st, const char *file, const char *fmt, ...)
    IM_PRINTF(4, 5);

/* The end of a subcommand: its error printed and its exit status when st
 * failed; else, unless --quiet, the note fmt says (when not NULL), ended
 * with " DIR/file" when file is given, DIR the folder of the user's own
 * files. */
static int gz_done(gz_args *a, im_status st, const char *file, const char *fmt, ...)
{
	if (st)
		return im_cli_fail(&a->err);
	if (a->cli.quiet || !fmt)
		return IM_EXIT_OK;
	va_list ap;
	va_start(ap, fmt);
	fputs("incimap: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	char *udir = file ? im_gaz_user_dir(a->cli.gazetteer) : NULL;
	if (file)
		fprintf(stderr, " %s/%s", udir ? udir : a->cli.gazetteer, file);
	fputc('\n', stderr);
	free(udir);
	return IM_EXIT_OK;
}

/* `gazetteer add NAME`: prints the id of the place added. */
static int gz_add(gz_args *a, int nargs, char *name)
{
	im_gaz_entry *e = &a->e;
	if (nargs != 1)
		return im_cli_usage("gazetteer", "add wants one NAME");
	if (!a->has_lat || !a->has_lon)
		return im_cli_usage("gazetteer", "add wants --lat and --lon");
	if (a->what & IM_GAZ_SET_NAME)
		return im_cli_usage("gazetteer", "add takes the NAME as its argument, not --name");
	e->name = name;
	/* city and town are one feature code: the population tells them
	 * apart, so --kind city wants one of 100,000+ */
	if (e->population && !a->has_kind)
		e->kind = e->population >= 100000 ? IM_KIND_CITY : IM_KIND_TOWN;
	if (e->kind == IM_KIND_CITY && e->population < 100000)
		return im_cli_usage("gazetteer", "--kind city wants --population 100000 or more "
		                                 "(a smaller place is a town)");
	if (e->kind == IM_KIND_TOWN && e->population >= 100000)
		return im_cli_usage("gazetteer", "a town of %lld people is a city: --kind city",
		                    (long long)e->population);
	char id[128];
	if (im_gaz_add(a->cli.gazetteer, e, id, sizeof id, &a->err))
		return im_cli_fail(&a->err);
	printf("%s\n", id);
	if (!e->country)
		say_where(&a->cli, id);
	char *udir = im_gaz_user_dir(a->cli.gazetteer);
	if (!a->cli.quiet && udir && strcmp(udir, a->cli.gazetteer) != 0)
		fprintf(stderr, "incimap: %s is read-only: added to %s/user.txt\n",
		        a->cli.gazetteer, udir);
	free(udir);
	return IM_EXIT_OK;
}

/* `gazetteer edit ID|NAME`: the fields given, changed. */
static int gz_edit(gz_args *a, int nargs, const char *which)
{
	if (nargs != 1)
		return im_cli_usage("gazetteer", "edit wants one ID or NAME");
	if (!a->what)
		return im_cli_usage("gazetteer", "edit wants something to change: --lat, --lon, "
		                                 "--name, --alt, --kind, --country, --admin1 "
		                                 "or --population");
	if (a->e.alt && !a->e.alt[0])
		a->e.alt = NULL; /* --alt "": no other names */
	char id[256];
	if (im_gaz_edit(a->cli.gazetteer, which, &a->e, a->what, id, sizeof id, &a->err))
		return im_cli_fail(&a->err);
	if (!a->cli.quiet)
		fprintf(stderr, "incimap: %s changed\n", id);
	if ((a->what & (IM_GAZ_SET_LAT | IM_GAZ_SET_LON)) && !(a->what & IM_GAZ_SET_COUNTRY))
		say_where(&a->cli, id);
	return IM_EXIT_OK;
}

/* `gazetteer export [-o FILE]`. */
static int gz_export(gz_args *a, int nargs)
{
	if (nargs)
		return im_cli_usage("gazetteer", "export takes no arguments (-o FILE)");
	size_t n = 0;
	const char *format = a->format;
	if (!a->output && !format)
		format = "csv";
	im_status st =
	    im_gaz_export(a->cli.gazetteer, a->output ? a->output : "-", format, &n, &a->err);
	return gz_done(a, st, NULL, a->output ? "exported %zu place%s to %s" : NULL, n,
	               n == 1 ? "" : "s", a->output);
}

/* `gazetteer import PLACES.csv|.geojson|.gpkg`: merged into user.txt. */
static int gz_import_places(gz_args *a, const char *path)
{
	if (a->alternates)
		return im_cli_usage("gazetteer", "--alternates goes with a GeoNames dump, "
		                                 "not a CSV or GeoJSON file");
	size_t added = 0, updated = 0;
	im_status st = im_gaz_import_places(a->cli.gazetteer, path, a->layer, a->cli.shapes,
	                                    a->e.force, &added, &updated, &a->err);
	if (st == IM_E_USAGE)
		return im_cli_usage("gazetteer", "%s", a->err.msg);
	return gz_done(a, st, "user.txt", "imported %zu new place%s and updated %zu in", added,
	               added == 1 ? "" : "s", updated);
}

/* `gazetteer remove ID|NAME`. */
static int gz_remove(gz_args *a, int nargs, const char *which)
{
	if (nargs != 1)
		return im_cli_usage("gazetteer", "remove wants one ID or NAME");
	im_status st = im_gaz_remove(a->cli.gazetteer, which, &a->err);
	return gz_done(a, st, "user.txt", "removed '%s' from", which);
}

/* `gazetteer list [--all]`. */
static int gz_list(gz_args *a, int nargs)
{
	if (nargs)
		return im_cli_usage("gazetteer", "list takes no arguments");
	return gz_done(a, im_gaz_list(a->cli.gazetteer, a->all, stdout, &a->err), NULL, NULL);
}

/* `gazetteer check`. */
static int gz_check(gz_args *a, int nargs)
{
	if (nargs)
		return im_cli_usage("gazetteer", "check takes no arguments");
	size_t problems = 0;
	im_status st = im_gaz_check(a->cli.gazetteer, &problems, &a->err);
	return gz_done(a, st, NULL, "gazetteer %s: no problems", a->cli.gazetteer);
}

/* `gazetteer import GEONAMES.txt [--alternates FILE]`. */
static int gz_import(gz_args *a, int nargs, const char *path)
{
	if (nargs != 1)
		return im_cli_usage("gazetteer", "import wants one file (GeoNames .txt, .csv, "
		                                 ".geojson or .gpkg)");
	size_t n = 0;
	char file[160];
	im_status st =
	    im_gaz_import_n(a->cli.gazetteer, path, a->alternates, &n, file, sizeof file, &a->err);
	return gz_done(a, st, file, "imported %zu place%s into", n, n == 1 ? "" : "s");
}

/* `gazetteer build`. */
static int gz_build(gz_args *a, int nargs)
{
	if (nargs)
		return im_cli_usage("gazetteer", "build takes no arguments");
	im_status st = im_gaz_build(a->cli.gazetteer, &a->err);
	im_gaz *g;
	if (!st && !a->cli.quiet && im_gaz_open(a->cli.gazetteer, &g, NULL) == IM_OK) {
		size_t n = im_gaz_count(g);
		fprintf(stderr, "incimap: gazetteer %s: %zu place%s compiled\n", a->cli.gazetteer,
		        n, n == 1 ? "" : "s");
		im_gaz_free(g);
	}
	return gz_done(a, st, NULL, NULL);
}

int im_cmd_gazetteer(int argc, char **argv)
{
	gz_args a;
	memset(&a, 0, sizeof a);
	im_error_clear(&a.err);
	a.e.kind = IM_KIND_SITE;
	int rc;
	if (!read_opts(argc, argv, &a, &rc))
		return rc;
	if (optind >= argc)
		return im_cli_usage("gazetteer",
		                    "give a subcommand: add, edit, remove, list, check, "
		                    "import, export or build");
	const char *sub = argv[optind++];
	int nargs = argc - optind;
	char *arg = nargs > 0 ? argv[optind] : NULL; /* the argument, when nargs is 1 */
	im_cli_resolve(&a.cli);
	a.e.shapes = a.cli.shapes;
	if (a.layer && !(strcmp(sub, "import") == 0 && nargs == 1 && places_file(arg)))
		return im_cli_usage("gazetteer", "--layer goes with import of a GeoPackage (.gpkg)");
	if (strcmp(sub, "add") == 0)
		return gz_add(&a, nargs, arg);
	if (strcmp(sub, "edit") == 0)
		return gz_edit(&a, nargs, arg);
	if (strcmp(sub, "export") == 0)
		return gz_export(&a, nargs);
	if (strcmp(sub, "import") == 0 && nargs == 1 && places_file(arg))
		return gz_import_places(&a, arg);
	if (strcmp(sub, "remove") == 0)
		return gz_remove(&a, nargs, arg);
	if (strcmp(sub, "list") == 0)
		return gz_list(&a, nargs);
	if (strcmp(sub, "check") == 0)
		return gz_check(&a, nargs);
	if (strcmp(sub, "import") == 0)
		return gz_import(&a, nargs, arg);
	if (strcmp(sub, "build") == 0)
		return gz_build(&a, nargs);
	return im_cli_usage("gazetteer", "unknown subcommand '%s'", sub);
}
