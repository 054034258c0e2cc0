/* cmd_lexicon.c: `incimap lexicon add|remove|list`: the user's own words
 * (armed groups, outlets, titles...) beside the built-in lists. */
#include "../core/fsutil.h"
#include "../extract/extract.h"
#include "../gazetteer/gazetteer.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: incimap lexicon add KIND NAME [--alt NAME]... [--country CC[,CC]]\n"
    "                                [--group N]\n"
    "       incimap lexicon remove KIND NAME [--group N]\n"
    "       incimap lexicon list [KIND] [--all]\n"
    "Teach the extractor words without recompiling: they go to your lexicon\n"
    "(lexicon.tsv beside the gazetteer's user.txt: DIR, or\n"
    "$XDG_DATA_HOME/incimap when DIR is read-only), which every extraction\n"
    "reads and which wins over the built-in lists (lexicon/ in the source).\n"
    "\n"
    "  add      KIND is actor (an armed group or force: never a place; --alt its\n"
    "           other names, an acronym in capitals counting only in capitals;\n"
    "           --country the countries it implies, its home first), outlet (a\n"
    "           news outlet: never a place), title (before a person's name),\n"
    "           given-name, demonym (--country the one country it names),\n"
    "           common-word (not a place without a cue), people (a people, tribe\n"
    "           or religion's followers: not a place without a cue, never named\n"
    "           as a missing place) or english-word; or a word of a list of\n"
    "           groups, with --group N its group (the list's header says what\n"
    "           each is for): place-cue, event-word, casualty-word,\n"
    "           trigger-cue or name-cue.\n"
    "           An entry of the same name is replaced (a word of a list of\n"
    "           groups: in the same group).\n"
    "  remove   your entry of that kind and name (an actor with its other names\n"
    "           and countries; a word of a list of groups in every group, or in\n"
    "           group N)\n"
    "  list     your entries (--all: the built-in ones too), one a line:\n"
    "           LIST<TAB>NAME[<TAB>NUMBER<TAB>TEXT], as lexicon.tsv holds them\n"
    "\n"
    "      --alt NAME      another name of the entry (repeat for more)\n"
    "      --country CC    ISO country codes (an actor: ML,BF; a demonym: one)\n"
    "      --group N       the group of a word of a list of groups, 1 to 31\n"
    "      --all           list: every entry, built-in ones too\n"
    "      --gazetteer DIR gazetteer folder (your lexicon lives beside its user.txt)\n"
    "  -q, --quiet         no notes on stderr\n"
    "      --help          show this help\n";

/* The path of the user's lexicon for the gazetteer folder; caller frees. */
static char *lexicon_path(const im_cli *cli)
{
	char *udir = im_gaz_user_dir(cli->gazetteer);
	char *p = udir ? im_path_join(udir, IM_LEXICON_USER_FILE) : NULL;
	free(udir);
	return p;
}

int im_cli_lexicon(const im_cli *cli)
{
	char *path = lexicon_path(cli);
	if (!path)
		return IM_EXIT_OK; /* no data folder: no lexicon of the user's */
	im_error err;
	im_error_clear(&err);
	im_status st = im_lexicon_use(path, &err);
	free(path);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}

/* The countries, when written as codes (add checks the form), must be
 * codes the gazetteer knows. */
static int countries_known(const im_cli *cli, const char *cc)
{
	size_t n = cc ? strlen(cc) : 0;
	for (size_t i = 0; i < n; i++)
		if (!(i % 3 == 2 ? cc[i] == ',' : cc[i] >= 'A' && cc[i] <= 'Z'))
			return IM_EXIT_OK;
	im_gaz *g;
	if (n % 3 != 2 || im_gaz_open(cli->gazetteer, &g, NULL) != IM_OK)
		return IM_EXIT_OK;
	int rc = IM_EXIT_OK;
	for (size_t i = 0; i < n && !rc; i += 3) {
		char one[3] = {cc[i], cc[i + 1], '\0'};
		if (!im_gaz_country_name(g, one))
			rc = im_cli_usage("lexicon", "--country: '%s' is not a country code", one);
	}
	im_gaz_free(g);
	return rc;
}

/* --group N: 1 to 31, digits only; 0 when it is not that. */
static int group_arg(const char *s)
{
	int v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > 31)
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v <= 31 ? v : 0;
}

static int run_add(const im_cli *cli, im_lexicon_add_req *r)
{
	im_error err;
	im_error_clear(&err);
	char *path = NULL;
	im_status st = im_lexicon_add(cli->gazetteer, r, &path, &err);
	if (st == IM_E_USAGE)
		return im_cli_usage("lexicon", "%s", err.msg);
	if (!st && !cli->quiet)
		fprintf(stderr, "incimap: %s '%s' added to %s\n", r->kind, r->name, path);
	free(path);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}

static int run_remove(const im_cli *cli, const char *kind, const char *name, int group)
{
	im_error err;
	im_error_clear(&err);
	char *path = NULL;
	im_status st = im_lexicon_remove(cli->gazetteer, kind, name, group, &path, &err);
	if (st == IM_E_USAGE)
		return im_cli_usage("lexicon", "%s", err.msg);
	if (!st && !cli->quiet)
		fprintf(stderr, "incimap: %s '%s' removed from %s\n", kind, name, path);
	free(path);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}

static int run_list(const im_cli *cli, const char *kind, int all)
{
	int rc = im_cli_lexicon(cli);
	if (rc)
		return rc;
	im_error err;
	im_error_clear(&err);
	im_status st = im_lexicon_list(kind, all, stdout, &err);
	if (st == IM_E_USAGE)
		return im_cli_usage("lexicon", "%s", err.msg);
	return st ? im_cli_fail(&err) : IM_EXIT_OK;
}

int im_cmd_lexicon(int argc, char **argv)
{
	enum { O_ALT = 1, O_COUNTRY, O_ALL, O_GROUP };
	static const struct option opts[] = {{"alt", required_argument, NULL, O_ALT},
	                                     {"country", required_argument, NULL, O_COUNTRY},
	                                     {"all", no_argument, NULL, O_ALL},
	                                     {"group", required_argument, NULL, O_GROUP},
	                                     IM_CLI_COMMON_OPTIONS,
	                                     {NULL, 0, NULL, 0}};
	im_cli cli = {0};
	const char **alt = calloc((size_t)argc + 1, sizeof *alt);
	if (!alt)
		return IM_EXIT_FAIL;
	im_lexicon_add_req r = {0};
	r.alt = alt;
	int all = 0, c, rc = -1;
	while (rc < 0 && (c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		int done = 0;
		switch (c) {
		case 'q':
			cli.quiet = 1;
			break;
		case 'h':
			fputs(help, stdout);
			rc = IM_EXIT_OK;
			break;
		case O_ALT:
			alt[r.nalt++] = optarg;
			break;
		case O_COUNTRY:
			r.countries = optarg;
			break;
		case O_ALL:
			all = 1;
			break;
		case O_GROUP:
			r.group = group_arg(optarg);
			if (!r.group)
				rc = im_cli_usage("lexicon", "--group wants a number, 1 to 31, not '%s'",
						  optarg);
			break;
		default:
			rc = im_cli_common(&cli, c, optarg, "lexicon", help, &done);
			if (!done && rc == IM_EXIT_OK)
				rc = -1;
			else if (rc < 0)
				rc = IM_EXIT_USAGE;
		}
	}
	if (rc >= 0) {
		free(alt);
		return rc;
	}
	im_cli_resolve(&cli);
	const char *sub = optind < argc ? argv[optind++] : NULL;
	int nargs = argc - optind;
	if (!sub)
		rc = im_cli_usage("lexicon", "give a subcommand: add, remove or list");
	else if (strcmp(sub, "add") == 0 && nargs != 2)
		rc = im_cli_usage("lexicon", "add wants a KIND and a NAME");
	else if (strcmp(sub, "add") == 0) {
		r.kind = argv[optind];
		r.name = argv[optind + 1];
		rc = countries_known(&cli, r.countries);
		if (!rc)
			rc = run_add(&cli, &r);
	} else if (r.nalt || r.countries)
		rc = im_cli_usage("lexicon", "--alt and --country go with add");
	else if (strcmp(sub, "remove") == 0)
		rc = nargs == 2 ? run_remove(&cli, argv[optind], argv[optind + 1], r.group)
		                : im_cli_usage("lexicon", "remove wants a KIND and a NAME");
	else if (r.group)
		rc = im_cli_usage("lexicon", "--group goes with add or remove");
	else if (strcmp(sub, "list") == 0)
		rc = nargs <= 1 ? run_list(&cli, nargs ? argv[optind] : NULL, all)
		                : im_cli_usage("lexicon", "list takes at most a KIND");
	else
		rc = im_cli_usage("lexicon", "unknown subcommand '%s'", sub);
	free(alt);
	return rc;
}
