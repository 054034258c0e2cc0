/* cli.h: what the command handlers of the CLI share: the common options,
 * data-folder resolution and the mapping of statuses to exit codes. */
#ifndef IM_CLI_H
#define IM_CLI_H

#include "../core/im.h"
#include "../model/filter.h"

#include <getopt.h>

/* Exit statuses (also in the man page). */
enum { IM_EXIT_OK = 0, IM_EXIT_FAIL = 1, IM_EXIT_USAGE = 2 };

/* Options every command takes. */
typedef struct im_cli {
	const char *gazetteer; /* --gazetteer DIR, else resolved default */
	const char *shapes;    /* --shapes DIR, else resolved default */
	int quiet;             /* -q: no progress bar, no warnings summary */
} im_cli;

/* Long options every command shares; handlers append them to their table
 * with IM_CLI_COMMON_OPTIONS and pass unknown codes to im_cli_common(). */
enum { IM_OPT_GAZETTEER = 1000, IM_OPT_SHAPES, IM_OPT_HELP, IM_OPT_QUIET };
#define IM_CLI_COMMON_OPTIONS                                                   \
	{"gazetteer", required_argument, NULL, IM_OPT_GAZETTEER},                 \
	{"shapes", required_argument, NULL, IM_OPT_SHAPES},                       \
	{"help", no_argument, NULL, IM_OPT_HELP},                                 \
	{"quiet", no_argument, NULL, IM_OPT_QUIET}

/* Handles a common option. Returns -1 when c is not one, IM_EXIT_OK after
 * printing help (the caller returns it), or IM_EXIT_USAGE. `help` is the
 * command's help text. Sets *done to 1 when the caller should return. */
int im_cli_common(im_cli *cli, int c, const char *arg, const char *cmd,
		  const char *help, int *done);
/* The end of an option that a command's own cases did not take, for a
 * loop that reads the options into a struct: r is what the parsers of
 * option families said (im_cli_extract_opt, im_cli_map_opt,
 * im_cli_filter), -1 when none took it, and then im_cli_common is asked.
 * Returns 1 to go on; 0 to stop with *rc (a usage error's status, or
 * IM_EXIT_OK after the help). */
int im_cli_other_opt(im_cli *cli, int r, int c, const char *arg, const char *cmd,
		     const char *help, int *rc);

/* The filters of every command that reads incidents (src/model/filter.h):
 * handlers append IM_CLI_FILTER_OPTIONS to their table, IM_CLI_FILTER_HELP
 * to their help, and pass unknown codes to im_cli_filter() before
 * im_cli_common(). */
enum { IM_OPT_SINCE = 1100, IM_OPT_UNTIL, IM_OPT_TYPE, IM_OPT_COUNTRY, IM_OPT_ADMIN1,
       IM_OPT_MIN_FATALITIES, IM_OPT_BBOX_ONLY };
#define IM_CLI_FILTER_OPTIONS                                                   \
	{"since", required_argument, NULL, IM_OPT_SINCE},                         \
	{"until", required_argument, NULL, IM_OPT_UNTIL},                         \
	{"type", required_argument, NULL, IM_OPT_TYPE},                           \
	{"country", required_argument, NULL, IM_OPT_COUNTRY},                     \
	{"admin1", required_argument, NULL, IM_OPT_ADMIN1},                       \
	{"min-fatalities", required_argument, NULL, IM_OPT_MIN_FATALITIES},       \
	{"bbox-only", required_argument, NULL, IM_OPT_BBOX_ONLY}
#define IM_CLI_FILTER_HELP                                                                   \
	"Filters (each given must hold; see docs/filters.md):\n"                             \
	"      --since DATE    incidents on or after DATE (YYYY-MM-DD); undated ones go\n"   \
	"      --until DATE    incidents on or before DATE\n"                                \
	"      --type T[,T]    ACLED event or sub-event types, any case (Battles,\n"         \
	"                      'Air/drone strike'); repeat or list to keep several\n"        \
	"      --country CC[,CC] ISO country codes (IQ,SY)\n"                               \
	"      --admin1 NAME   one province (governorate), any case\n"                       \
	"      --min-fatalities N  at least N killed (no figure counts as 0)\n"              \
	"      --bbox-only W,S,E,N only incidents inside the box (degrees)\n"
/* Handles a filter option into *f. Returns -1 when c is not one,
 * IM_EXIT_OK, or IM_EXIT_USAGE after the message. */
int im_cli_filter(im_filter *f, int c, const char *arg, const char *cmd);
/* Runs a command's run with the filters it reads its options into, and
 * frees them after: its exit status. */
int im_cli_with_filter(int (*run)(int argc, char **argv, im_filter *flt), int argc,
		       char **argv);
/* Says on stderr how many incidents the filters left out (none: nothing). */
void im_cli_filter_note(const im_filter *f, size_t dropped, int quiet);

/* The options of the map itself, taken by `render` and `map` alike (one
 * table, one parser): handlers append IM_CLI_MAP_OPTIONS and
 * IM_CLI_MAP_HELP, and pass unknown codes to im_cli_map_opt(). */
enum { IM_OPT_BBOX = 1200, IM_OPT_CRS, IM_OPT_TITLE, IM_OPT_WIDTH, IM_OPT_HEIGHT, IM_OPT_PAPER,
       IM_OPT_DPI, IM_OPT_AGGREGATE, IM_OPT_SIZE_BY, IM_OPT_LABELS, IM_OPT_TIMELINE, IM_OPT_BY, IM_OPT_BY_PAGES };
#define IM_CLI_MAP_OPTIONS                                                      \
	{"bbox", required_argument, NULL, IM_OPT_BBOX},                           \
	{"crs", required_argument, NULL, IM_OPT_CRS},                             \
	{"title", required_argument, NULL, IM_OPT_TITLE},                         \
	{"width", required_argument, NULL, IM_OPT_WIDTH},                         \
	{"height", required_argument, NULL, IM_OPT_HEIGHT},                       \
	{"paper", required_argument, NULL, IM_OPT_PAPER},                         \
	{"dpi", required_argument, NULL, IM_OPT_DPI},                             \
	{"aggregate", required_argument, NULL, IM_OPT_AGGREGATE},                 \
	{"size-by", required_argument, NULL, IM_OPT_SIZE_BY},                     \
	{"labels", required_argument, NULL, IM_OPT_LABELS},                       \
	{"timeline", optional_argument, NULL, IM_OPT_TIMELINE},                   \
	{"by", required_argument, NULL, IM_OPT_BY},                               \
	{"by-pages", no_argument, NULL, IM_OPT_BY_PAGES}
#define IM_CLI_MAP_HELP                                                                      \
	"Map options:\n"                                                                     \
	"      --bbox W,S,E,N  the extent in degrees (default: the incidents, padded);\n"    \
	"                      incidents outside it are counted, not drawn\n"                \
	"      --crs CRS       EPSG:N or a PROJ string (default: chosen from the extent)\n"  \
	"      --title T       title (default: from the types and dates)\n"                  \
	"      --width PX      width in pixels, 16..20000 (default 1600)\n"                  \
	"      --height PX     height in pixels, 16..20000 (default 1000)\n"                 \
	"      --paper P       a4, a3 or letter, landscape, instead of --width/--height\n"   \
	"      --dpi N         dots per inch, 10..1200 (default 150): sets how big text and\n" \
	"                      symbols are; a PDF or SVG page is WIDTH/DPI inches wide\n"     \
	"      --aggregate A   auto (default: a symbol per place where they stay legible,\n" \
	"                      one ring for places whose symbols would overlap, hexagons\n" \
	"                      when even so too many), clusters, hex, admin1 (provinces\n" \
	"                      shaded by the incidents' province, the figure on each) or\n" \
	"                      none (a symbol per incident)\n"                              \
	"      --size-by S     incidents or fatalities: what a symbol's size or a\n"       \
	"                      hexagon's or province's shade tells (default: symbols by fatalities,\n"   \
	"                      hexagons by incidents)\n"                                   \
	"      --labels L      report (default: places as the reports spell them) or\n"    \
	"                      gazetteer (the gazetteer's names)\n"                        \
	"      --timeline[=P]  a chart of incidents and fatalities over time under the\n"  \
	"                      map, a bar per day, week (ISO) or month (default: the\n"   \
	"                      finest giving at most 62 bars); note the '='\n"             \
	"      --by P          day, week (ISO 8601, Monday to Sunday) or month: a map per\n" \
	"                      period on one page, same extent and scale (at most 36)\n"    \
	"      --by-pages      with --by, in a PDF: a page per period instead (at most 400)\n"
struct im_render_opts;
/* Handles a map option into *ro (which keeps pointers into argv). Returns
 * -1 when c is not one, IM_EXIT_OK, or IM_EXIT_USAGE after the message. */
int im_cli_map_opt(struct im_render_opts *ro, int c, const char *arg, const char *cmd);

/* Reads the user's lexicon (lexicon.tsv in the user folder of the
 * gazetteer, see im_lexicon_use) for a command that extracts: IM_EXIT_OK,
 * or IM_EXIT_FAIL after the message (a bad line, as FILE:LINE). */
int im_cli_lexicon(const im_cli *cli);

/* Fills in the default folders that were not given:
 * $INCIMAP_HOME/<what>, else the source tree, else the installed share/. */
void im_cli_resolve(im_cli *cli);
const char *im_cli_default_dir(const char *what);

/* Prints "incimap: CMD: MSG" and a hint to stderr; returns IM_EXIT_USAGE. */
int im_cli_usage(const char *cmd, const char *fmt, ...) IM_PRINTF(2, 3);
/* Prints the error and returns the exit status for it (2 for IM_E_USAGE). */
int im_cli_fail(const im_error *e);
int im_cli_exit_for(im_status st);

/* Resets getopt for a new parse of argv (each handler parses its own). */
void im_cli_getopt_reset(void);

/* A progress bar on stderr, shown only when stderr is a terminal: with a
 * total (0: unknown), "reading [####      ] 120/500  35.2/s  0:11 left",
 * else the count alone. */
typedef struct im_progress {
	int on;
	size_t total, done;
	const char *what;
	long long start_ms, last_ms;
} im_progress;
/* 1 when a bar would be shown (not quiet, stderr a terminal): the caller
 * may then spend a little to find the total. */
int im_progress_wanted(int quiet);
void im_progress_start(im_progress *p, const char *what, size_t total, int quiet);
void im_progress_step(im_progress *p, size_t done);
void im_progress_end(im_progress *p);

/* Command handlers: argv[0] is the command name. */
int im_cmd_map(int argc, char **argv);
int im_cmd_extract(int argc, char **argv);
int im_cmd_render(int argc, char **argv);
int im_cmd_convert(int argc, char **argv);
int im_cmd_geocode(int argc, char **argv);
int im_cmd_gazetteer(int argc, char **argv);
int im_cmd_lexicon(int argc, char **argv);
int im_cmd_edit(int argc, char **argv);
int im_cmd_brief(int argc, char **argv);

#endif
