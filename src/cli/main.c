/* main.c: incimap's entry point: dispatches to a command handler. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: incimap COMMAND [OPTION]... [ARG]...\n"
	"Turn news reports of security incidents into GeoJSON and briefing maps.\n"
	"\n"
	"Commands:\n"
	"  map [INPUT...] [-o DIR]       whole pipeline: DIR/incidents.geojson, map.png, map.pdf\n"
	"  extract [INPUT...] [-o FILE]  incidents as GeoJSON, GeoJSONSeq, CSV, or into a\n"
	"                                store (.gpkg: GeoPackage)\n"
	"  render INCIDENTS [-o FILE]    a briefing map (PNG, PDF or SVG)\n"
	"  brief INPUT... [-o FILE.pdf]  a briefing pack: the map, summary tables, the\n"
	"                                incident list\n"
	"  convert IN OUT                between GeoJSON, GeoJSONSeq, CSV (ACLED too), GeoPackage\n"
	"  edit STORE ID                 correct an incident of a store; --history, --undo\n"
	"  geocode NAME...               look places up in the gazetteer\n"
	"  gazetteer add|edit|remove|list|check|import|export|build\n"
	"                                teach, share and maintain the gazetteer\n"
	"  lexicon add|remove|list       teach the extractor words: armed groups, outlets,\n"
	"                                titles (your lexicon, beside the built-in lists)\n"
	"\n"
	"INPUT is an article file, a folder of them, '-' for stdin, or a .jsonl file.\n"
	"Every command takes --gazetteer DIR, --shapes DIR, --quiet and --help.\n"
	"\n"
	"Options:\n"
	"  -h, --help     show this help and exit\n"
	"  -V, --version  show the version and exit\n"
	"\n"
	"Exit status: 0 success, 1 bad input or a failed run, 2 bad usage.\n"
	"Run 'incimap COMMAND --help' for a command's options; 'man incimap' for all.\n"
	"Before 'make install', run it from the clone as build/incimap (and the man\n"
	"page as 'man docs/incimap.1').\n";

static const struct {
	const char *name;
	int (*fn)(int, char **);
} commands[] = {
	{"map", im_cmd_map},         {"extract", im_cmd_extract},
	{"render", im_cmd_render},   {"convert", im_cmd_convert},
	{"geocode", im_cmd_geocode}, {"gazetteer", im_cmd_gazetteer},
	{"edit", im_cmd_edit},       {"brief", im_cmd_brief},
	{"lexicon", im_cmd_lexicon},
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return IM_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return IM_EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("incimap %s\n", IM_VERSION);
		return IM_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(cmd, commands[i].name) == 0) {
			im_cli_getopt_reset();
			/* getopt names the program by argv[0] in its messages
			 * ("unrecognized option"): make it "incimap: COMMAND",
			 * the prefix of every diagnostic. */
			char prog[64];
			snprintf(prog, sizeof prog, "incimap: %s", cmd);
			argv[1] = prog;
			return commands[i].fn(argc - 1, argv + 1);
		}
	if (cmd[0] == '-')
		fprintf(stderr, "incimap: unknown option '%s'\n", cmd);
	else
		fprintf(stderr, "incimap: unknown command '%s'\n", cmd);
	fputs("Try 'incimap --help' for the list of commands.\n", stderr);
	return IM_EXIT_USAGE;
}
