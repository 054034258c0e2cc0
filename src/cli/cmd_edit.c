/* cmd_edit.c: `incimap edit STORE ID`: the analyst's corrections to an
 * incident of the store, their history, and taking the last one back. */
#include "cli.h"
#include "../core/buf.h"
#include "../core/opt.h"
#include "../extract/extract.h"
#include "../gazetteer/gazetteer.h"
#include "../io/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"Usage: incimap edit STORE ID [--lat D --lon D] [--place NAME] [--date YYYY-MM-DD]\n"
	"                    [--type TYPE] [--fatalities N] [--injuries N] [--actor NAME]...\n"
	"                    [--delete] [--note TEXT]\n"
	"       incimap edit STORE ID --history | --undo\n"
	"Correct an incident of the store (a .gpkg, or a PostGIS table given as\n"
	"'postgresql://USER@HOST/DB?table=T' or 'PG:dbname=DB table=T'). Each edit is\n"
	"recorded with the time and the user ($USER); a corrected field is never\n"
	"overwritten by a later extraction or merge.\n"
	"\n"
	"      --lat D --lon D  move it (both together)\n"
	"      --place NAME     its place: looked up in the gazetteer (place, province,\n"
	"                       country and point follow); with --lat/--lon, a name the\n"
	"                       gazetteer lacks is taken as written\n"
	"      --date DATE      its date (the time precision becomes 1, the day)\n"
	"      --type TYPE      an ACLED event type, or a sub-event type (its event type\n"
	"                       follows)\n"
	"      --fatalities N, --injuries N\n"
	"                       the figures ('unknown' for none)\n"
	"      --actor NAME     the actors (repeat the option for several): replaces them\n"
	"      --delete         take it off the map (kept, and --undo brings it back)\n"
	"      --note TEXT      why: kept with the edit (alone, a note in the history)\n"
	"      --history        print its corrections, oldest first\n"
	"      --undo           take back its last edit still in force\n"
	"      --gazetteer DIR  gazetteer folder\n"
	"      --help           show this help\n";

#define MAX_ACTORS 32

typedef struct edit_args {
	im_store_edit e;
	const char *actors[MAX_ACTORS];
	int has_lat, has_lon, history, undo;
} edit_args;

static int count_opt(const char *name, const char *arg, int *set, int *out)
{
	*set = 1;
	if (strcmp(arg, "unknown") == 0) {
		*out = IM_NULL_INT;
		return IM_EXIT_OK;
	}
	if (!im_opt_int(arg, 0, 10000000, out))
		return im_cli_usage("edit", "--%s wants a whole number from 0 or 'unknown', not '%s'",
				    name, arg);
	return IM_EXIT_OK;
}

static int parse_type(const char *arg, im_store_edit *e)
{
	if (!im_event_type_lookup(arg, &e->type, &e->sub_type))
		return im_cli_usage("edit",
				    "--type: '%s' is no ACLED event type or sub-event type "
				    "(e.g. 'Battles', 'Air/drone strike')",
				    arg);
	return IM_EXIT_OK;
}

/* One option into a; IM_EXIT_OK, or the status to return. */
static int edit_opt(edit_args *a, int c, const char *arg)
{
	im_store_edit *e = &a->e;
	switch (c) {
	case 'a':
		if (!im_opt_deg(arg, -90, 90, &e->lat))
			return im_cli_usage("edit", "--lat wants degrees from -90 to 90, not '%s'", arg);
		a->has_lat = 1;
		return IM_EXIT_OK;
	case 'b':
		if (!im_opt_deg(arg, -180, 180, &e->lon))
			return im_cli_usage("edit", "--lon wants degrees from -180 to 180, not '%s'",
					    arg);
		a->has_lon = 1;
		return IM_EXIT_OK;
	case 'p': e->place = arg; return IM_EXIT_OK;
	case 'd':
		e->set_date = 1;
		if (!im_opt_date(arg, &e->date))
			return im_cli_usage("edit", "--date wants a date as YYYY-MM-DD, not '%s'", arg);
		return IM_EXIT_OK;
	case 't': return parse_type(arg, e);
	case 'f': return count_opt("fatalities", arg, &e->set_fatalities, &e->fatalities);
	case 'i': return count_opt("injuries", arg, &e->set_injuries, &e->injuries);
	case 'c':
		if (e->n_actors >= MAX_ACTORS)
			return im_cli_usage("edit", "at most %d --actor", MAX_ACTORS);
		a->actors[e->n_actors++] = arg;
		e->set_actors = 1;
		return IM_EXIT_OK;
	case 'x': e->delete_it = 1; return IM_EXIT_OK;
	case 'n': e->note = arg; return IM_EXIT_OK;
	case 'H': a->history = 1; return IM_EXIT_OK;
	case 'u': a->undo = 1; return IM_EXIT_OK;
	}
	return -1;
}

static int has_change(const im_store_edit *e)
{
	return e->set_point || e->place || e->set_date || e->type || e->set_fatalities ||
	       e->set_injuries || e->set_actors || e->delete_it;
}

/* --place: the gazetteer's best entry for NAME (near the new point when
 * one is given). Returns an exit status; the strings are the gazetteer's. */
static int resolve_place(im_cli *cli, im_store_edit *e, im_gaz **gaz)
{
	im_error err;
	im_error_clear(&err);
	im_cli_resolve(cli);
	if (im_gaz_open(cli->gazetteer, gaz, &err))
		return im_cli_fail(&err);
	im_gaz_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	if (e->set_point) {
		ctx.has_near = 1;
		ctx.near_lat = e->lat;
		ctx.near_lon = e->lon;
	}
	im_gaz_cand c;
	if (im_gaz_lookup(*gaz, e->place, strlen(e->place), &ctx, &c, 1) == 0) {
		if (e->set_point)
			return IM_EXIT_OK; /* a place the gazetteer lacks, at the point given */
		fprintf(stderr,
			"incimap: edit: no place '%s' in the gazetteer: add it (incimap gazetteer "
			"add) or give --lat and --lon with it\n",
			e->place);
		return IM_EXIT_FAIL;
	}
	e->place = c.place.name;
	e->admin1 = c.place.admin1[0] ? c.place.admin1 : NULL;
	e->country = c.place.country[0] ? im_strdup(c.place.country) : NULL;
	e->gazetteer_id = c.place.id;
	if (!e->set_point) {
		e->set_point = 1;
		e->lat = c.place.lat;
		e->lon = c.place.lon;
	}
	return IM_EXIT_OK;
}

static int run(const char *path, const char *id, edit_args *a, im_cli *cli)
{
	im_error err;
	im_error_clear(&err);
	im_gaz *gaz = NULL;
	int rc = a->e.place ? resolve_place(cli, &a->e, &gaz) : IM_EXIT_OK;
	im_store *s = NULL;
	im_status st = IM_OK;
	if (rc == IM_EXIT_OK && !(st = im_store_open(path, 0, &s, &err))) {
		if (a->history)
			st = im_store_history(s, id, stdout, &err);
		else if (a->undo)
			st = im_store_edit_undo(s, id, &err);
		else
			st = im_store_edit_apply(s, id, &a->e, &err);
	}
	im_store_close(s);
	free((char *)a->e.country);
	im_gaz_free(gaz);
	if (rc == IM_EXIT_OK && st)
		rc = im_cli_fail(&err);
	return rc;
}

int im_cmd_edit(int argc, char **argv)
{
	static const struct option opts[] = {
		{"lat", required_argument, NULL, 'a'},   {"lon", required_argument, NULL, 'b'},
		{"place", required_argument, NULL, 'p'}, {"date", required_argument, NULL, 'd'},
		{"type", required_argument, NULL, 't'},  {"fatalities", required_argument, NULL, 'f'},
		{"injuries", required_argument, NULL, 'i'}, {"actor", required_argument, NULL, 'c'},
		{"delete", no_argument, NULL, 'x'},      {"note", required_argument, NULL, 'n'},
		{"history", no_argument, NULL, 'H'},     {"undo", no_argument, NULL, 'u'},
		IM_CLI_COMMON_OPTIONS,                   {NULL, 0, NULL, 0}};
	im_cli cli = {0};
	edit_args a;
	memset(&a, 0, sizeof a);
	a.e.actors = a.actors;
	int c;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		int done, rc;
		if (c == 'h') {
			fputs(help, stdout);
			return IM_EXIT_OK;
		}
		if ((rc = edit_opt(&a, c, optarg)) >= 0) {
			if (rc != IM_EXIT_OK)
				return rc;
			continue;
		}
		rc = im_cli_common(&cli, c, optarg, "edit", help, &done);
		if (done || rc != IM_EXIT_OK)
			return rc < 0 ? IM_EXIT_USAGE : rc;
	}
	if (argc - optind != 2)
		return im_cli_usage("edit", "give STORE and ID");
	if (a.has_lat != a.has_lon)
		return im_cli_usage("edit", "--lat and --lon go together");
	a.e.set_point = a.has_lat;
	int change = has_change(&a.e);
	if (a.history + a.undo + (change || a.e.note) > 1)
		return im_cli_usage("edit", "--history, --undo and changes go one at a time");
	if (!a.history && !a.undo && !change && !a.e.note)
		return im_cli_usage("edit", "nothing to do: give a change, --note, --history or --undo");
	a.e.user = getenv("USER");
	if (!a.e.user || !*a.e.user)
		a.e.user = getenv("LOGNAME");
	return run(argv[optind], argv[optind + 1], &a, &cli);
}
