/* cmd_map.c: `incimap map`: the whole pipeline into an output folder. */
#include "pipeline.h"
#include "../core/fsutil.h"
#include "../io/io.h"
#include "../render/render.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"Usage: incimap map [INPUT...] [-o DIR] [--date YYYY-MM-DD] [--focus CC[,CC...]]\n"
	"                   [--jobs N] [MAP OPTIONS] [FILTERS]\n"
	"Read articles, find their incidents and write, in DIR (default output/):\n"
	"  incidents.geojson  the incidents (RFC 7946), with incidents.qml, its QGIS style\n"
	"  map.png, map.pdf   the briefing map\n"
	"  map.html           the same map to explore in a browser, offline: a popup per\n"
	"                     incident, filters by type and date (one file, no network)\n"
	"  incidents.kml      the incidents for Google Earth (a folder per type, styled)\n"
	"  incidents.xlsx     the incidents as an Excel workbook, with a summary sheet\n"
	"\n"
	"INPUT is an article file, a folder of them, '-' for stdin (the default), or a\n"
	"JSON Lines file (.jsonl); or a single incident store (.gpkg, or a PostGIS\n"
	"table 'postgresql://...?table=T'), whose incidents are mapped as they are (the\n"
	"filters read it through its indexes).\n"
	"\n"
	"  -o, --output DIR    output folder (created when missing)\n"
	"      --date DATE     publication date for articles that carry none (nor a\n"
	"                      dated dateline)\n"
	"      --focus CC,...  the countries the reports are about (ISO codes, up to 8):\n"
	"                      an ambiguous place name is taken there unless the text\n"
	"                      points elsewhere (Taji in Iraq, not in China); without\n"
	"                      it, the countries the other reports name are used for\n"
	"                      reports that name none\n"
	"  -j, --jobs N        extract on N threads (default: the number of cores); the\n"
	"                      result is the same for any N\n"
	"      --gazetteer DIR gazetteer folder\n"
	"      --shapes DIR    base-map shapefiles folder\n"
	"  -q, --quiet         no progress bar, no warnings about unplaced labels\n"
	"      --help          show this help\n"
	"\n"
	IM_CLI_MAP_HELP
	"\n"
	IM_CLI_FILTER_HELP
	"\n"
	"A bad article is reported and skipped; the outputs are still written and the\n"
	"exit status is 1. Every file appears complete or not at all.\n";

/* The outputs of one run, in the order they are made. */
static const char *const out_names[] = {"incidents.geojson", "incidents.qml", "map.png",
					"map.pdf", "map.html", "incidents.kml", "incidents.xlsx"};
#define N_OUT (sizeof out_names / sizeof *out_names)

/* 1 when name is a staging folder's, ".incimap-run.PID.XXXXXX" (or the
 * ".incimap-run.PID.tmp" of older versions), of a process that is gone. */
static int stale_stage(const char *name)
{
	long pid;
	int end = 0;
	if (sscanf(name, ".incimap-run.%ld.%n", &pid, &end) != 1 || end == 0 || !name[end] ||
	    pid <= 0 || pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Empties and removes the staging folder name of the folder dfd, without
 * following a link (a link of that name is left alone) and only when it is
 * this user's: another user's name in a shared folder is not ours to clean. */
static void remove_stage(int dfd, const char *name)
{
	int sfd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	if (sfd < 0)
		return;
	if (fstat(sfd, &sb) != 0 || sb.st_uid != geteuid()) {
		close(sfd);
		return;
	}
	DIR *sd = fdopendir(sfd);
	if (!sd) {
		close(sfd);
		return;
	}
	struct dirent *fe;
	while ((fe = readdir(sd)))
		if (strcmp(fe->d_name, ".") != 0 && strcmp(fe->d_name, "..") != 0)
			unlinkat(sfd, fe->d_name, 0); /* a link itself, never its target */
	closedir(sd);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

/* Removes the staging folders that killed runs left in dir (their process
 * is gone), so they do not pile up. */
static void clean_stale_stages(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)))
		if (stale_stage(de->d_name))
			remove_stage(dfd, de->d_name);
	closedir(d);
}

/* Creates this run's staging folder in dir: a new name (mkdtemp), mode 0700,
 * so nothing another user planted or can enter receives the outputs.
 * Caller frees *stage. */
static im_status make_stage(const char *dir, char **stage, im_error *err)
{
	char name[64];
	snprintf(name, sizeof name, ".incimap-run.%ld.XXXXXX", (long)getpid());
	*stage = im_path_join(dir, name);
	if (!*stage)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!mkdtemp(*stage)) {
		im_status st =
		    im_error_set(err, IM_E_IO, dir, 0, 0, "cannot write: %s", strerror(errno));
		free(*stage);
		*stage = NULL;
		return st;
	}
	return IM_OK;
}

/* Makes every output in a private staging folder inside dir, then renames
 * them into place one after the other: a run that fails or is killed while
 * working leaves the previous outputs as they were, and the renames at the
 * end take microseconds. Each file is complete under its final name. */
static im_status write_outputs(const im_cli *cli, const im_gaz *gaz, const char *dir,
			       const im_render_opts *map_opts, const im_incident_list *l,
			       im_error *err)
{
	im_status st = im_mkdir_p(dir, err);
	if (st)
		return st;
	clean_stale_stages(dir);
	char *stage;
	if ((st = make_stage(dir, &stage, err)))
		return st;
	char *tmp[N_OUT] = {0}, *fin[N_OUT] = {0};
	for (size_t i = 0; i < N_OUT; i++) {
		tmp[i] = im_path_join(stage, out_names[i]);
		fin[i] = im_path_join(dir, out_names[i]);
		if (!tmp[i] || !fin[i])
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (!st)
		st = im_io_write(tmp[0], IM_FMT_GEOJSON, l, err);
	if (!st)
		st = im_qml_write(tmp[1], err);
	im_render_opts ro = *map_opts;
	ro.shapes_dir = cli->shapes;
	ro.gaz = gaz;
	ro.quiet = cli->quiet;
	/* The PNG and the PDF are drawn from the same incidents: a warning
	 * the PNG gave is not said again for the PDF. */
	im_buf said = IM_BUF_INIT;
	ro.said = &said;
	ro.format = IM_RENDER_PNG;
	if (!st)
		st = im_render(l, &ro, tmp[2], err);
	ro.format = IM_RENDER_PDF;
	if (!st)
		st = im_render(l, &ro, tmp[3], err);
	ro.format = IM_RENDER_HTML;
	if (!st)
		st = im_render(l, &ro, tmp[4], err);
	im_buf_free(&said);
	if (!st)
		st = im_io_write(tmp[5], IM_FMT_KML, l, err);
	if (!st)
		st = im_io_write(tmp[6], IM_FMT_XLSX, l, err);
	for (size_t i = 0; !st && i < N_OUT; i++)
		if (rename(tmp[i], fin[i]) != 0)
			st = im_error_set(err, IM_E_IO, fin[i], 0, 0, "cannot write: %s",
					  strerror(errno));
	/* Error messages name the final file, not the staging one. */
	if (st && err && strstr(err->file, stage)) {
		for (size_t i = 0; i < N_OUT; i++)
			if (tmp[i] && strcmp(err->file, tmp[i]) == 0)
				snprintf(err->file, sizeof err->file, "%s", fin[i]);
	}
	for (size_t i = 0; i < N_OUT; i++) {
		if (tmp[i])
			unlink(tmp[i]);
		free(tmp[i]);
		free(fin[i]);
	}
	rmdir(stage);
	free(stage);
	return st;
}

static int run(int argc, char **argv, im_filter *flt)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"date", required_argument, NULL, 'd'},
		{"focus", required_argument, NULL, 'F'},
		IM_CLI_MAP_OPTIONS,
		{"jobs", required_argument, NULL, 'j'},
		IM_CLI_FILTER_OPTIONS,
		IM_CLI_COMMON_OPTIONS,
		{NULL, 0, NULL, 0}};
	im_cli cli = {0};
	const char *dir = "output";
	im_render_opts ro;
	im_render_opts_init(&ro);
	im_extract_opts xo;
	memset(&xo, 0, sizeof xo);
	unsigned jobs = im_jobs_default();
	int c;
	while ((c = getopt_long(argc, argv, "o:j:qh", opts, NULL)) != -1) {
		int rc;
		switch (c) {
		case 'o': dir = optarg; break;
		case 'q': cli.quiet = 1; break;
		case 'h': fputs(help, stdout); return IM_EXIT_OK;
		default:
			if ((rc = im_cli_extract_opt(&xo, &jobs, c, optarg, "map")) < 0 &&
			    (rc = im_cli_map_opt(&ro, c, optarg, "map")) < 0)
				rc = im_cli_filter(flt, c, optarg, "map");
			if (!im_cli_other_opt(&cli, rc, c, optarg, "map", help, &rc))
				return rc;
		}
	}
	im_cli_resolve(&cli);
	im_gaz *gaz;
	int grc = im_cli_open_gaz("map", &cli, &xo, &gaz);
	if (grc)
		return grc;
	im_error err;
	im_error_clear(&err);
	im_incident_list l = {0};
	size_t n_art = 0, n_bad = 0, left_out = 0;
	/* one store as the input: its incidents, not articles */
	im_format in_fmt = argc - optind == 1 ? im_format_from_path(argv[optind]) : IM_FMT_UNKNOWN;
	const char *store = in_fmt == IM_FMT_GPKG || in_fmt == IM_FMT_PG
				    ? argv[optind]
				    : NULL;
	im_review rv;
	im_review_open(&rv, NULL, &err); /* the summary only: cannot fail */
	im_status st = store ? im_read_incidents(store, in_fmt, flt, &l, &left_out, &err)
			     : im_run_extract(gaz, (const char *const *)argv + optind,
					      (size_t)(argc - optind), &xo, jobs, cli.quiet, &l,
					      &n_art, &n_bad, &rv, &err);
	if (!st)
		st = im_review_finish(&rv, cli.quiet, &err);
	else
		im_review_abort(&rv);
	if (!st) {
		im_cli_filter_note(flt, left_out + im_filter_list(flt, &l), cli.quiet);
		im_list_sort(&l);
		st = write_outputs(&cli, gaz, dir, &ro, &l, &err);
	}
	if (!st && !cli.quiet && store)
		fprintf(stderr, "incimap: %s: %zu incident%s -> %s/\n", store, l.n,
			l.n == 1 ? "" : "s", dir);
	else if (!st && !cli.quiet)
		fprintf(stderr, "incimap: %zu article%s, %zu incident%s -> %s/\n", n_art,
			n_art == 1 ? "" : "s", l.n, l.n == 1 ? "" : "s", dir);
	im_list_clear(&l);
	im_gaz_free(gaz);
	if (st)
		return im_cli_fail(&err);
	return n_bad ? IM_EXIT_FAIL : IM_EXIT_OK;
}

int im_cmd_map(int argc, char **argv)
{
	return im_cli_with_filter(run, argc, argv);
}
