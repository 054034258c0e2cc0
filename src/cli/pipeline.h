/* pipeline.h: articles -> incidents, shared by `map` and `extract`. */
#ifndef IM_PIPELINE_H
#define IM_PIPELINE_H

#include "cli.h"
#include "../core/buf.h"
#include "../core/fsutil.h"
#include "../extract/extract.h"
#include "../io/io.h"

/* The options of commands that read reports: -d/--date, -F/--focus and
 * -j/--jobs into xo and *jobs. Returns IM_EXIT_OK or IM_EXIT_USAGE (after
 * the message) for one of them, -1 for any other code. */
int im_cli_extract_opt(im_extract_opts *xo, unsigned *jobs, int c, const char *arg,
		       const char *cmd);
/* Every --focus code is a country the gazetteer knows; else IM_EXIT_USAGE. */
int im_check_focus(const char *cmd, const im_gaz *g, const im_extract_opts *xo);
/* The gazetteer of a command that reads reports, into *gaz: the user's
 * lexicon loaded (im_cli_lexicon), the gazetteer opened and the --focus
 * codes checked. IM_EXIT_OK, or the exit status after the message. */
int im_cli_open_gaz(const char *cmd, const im_cli *cli, const im_extract_opts *xo,
		    im_gaz **gaz);

/* Reports that gave nothing (review.c): one line each in the run's summary
 * on stderr, and with --review a CSV of them and of reports with an unknown
 * place name or an incident less sure than 0.5. */
typedef struct im_review {
	im_afile *af;    /* the review file; NULL: none */
	im_buf summary;  /* the lines for stderr */
	size_t n_silent; /* reports with no incident placed */
	size_t n_rows;   /* rows written to the review file */
} im_review;

/* Starts a review; path NULL: the stderr summary only. */
im_status im_review_open(im_review *rv, const char *path, im_error *err);
/* Records one report (on the calling thread, in input order) with what its
 * extraction gave. */
im_status im_review_add(im_review *rv, const im_article *a, const im_extract_note *n,
			im_error *err);
/* Prints the summary (unless quiet) and commits the review file. */
im_status im_review_finish(im_review *rv, int quiet, im_error *err);
/* Drops the review file half-written. */
void im_review_abort(im_review *rv);

/* Reads every input (none: stdin), extracts incidents into out and merges
 * the same incident told by several reports; the articles are extracted on
 * jobs threads (the same result for any number). A bad input or record is
 * reported on stderr and counted in *n_errors; the others go on. Fails when
 * no article could be read at all, or on allocation failure. rv (may be
 * NULL) hears of every report. */
im_status im_run_extract(const im_gaz *gaz, const char *const *inputs, size_t n_inputs,
			 const im_extract_opts *xo, unsigned jobs, int quiet, im_incident_list *out,
			 size_t *n_articles, size_t *n_errors, im_review *rv, im_error *err);

/* Appends to l the incidents of the file path (format fmt: a store, or a
 * GeoJSON, GeoJSONSeq or CSV file) that pass flt; a store's reader asks its
 * indexes first. *left_out counts the others. */
im_status im_read_incidents(const char *path, im_format fmt, const im_filter *flt,
			    im_incident_list *l, size_t *left_out, im_error *err);

/* What adding a run's incidents to a store did. */
typedef struct im_append_stats {
	size_t added;   /* new incidents */
	size_t merged;  /* stored incidents a new report also tells */
	size_t known;   /* incidents of reports the store had already read */
} im_append_stats;

/* Adds l's incidents (already merged among themselves) to the store at
 * path, made when missing, in one transaction: the incidents of reports
 * the store already holds are dropped, the others merged with the stored
 * ones by the run's own rules (im_extract_merge), a stored incident keeping
 * its id and its corrections. l is consumed (left empty). */
im_status im_append_store(const im_gaz *gaz, const char *path, im_incident_list *l,
			  im_append_stats *stats, im_error *err);

#endif
