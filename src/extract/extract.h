/* extract.h: incidents out of an article: sentences, toponyms resolved with
 * the gazetteer, event type, date, casualties, actors; and the merge of the
 * same incident told by several reports. */
#ifndef IM_EXTRACT_H
#define IM_EXTRACT_H

#include "../core/im.h"
#include "../gazetteer/gazetteer.h"
#include "../model/incident.h"
#include "../text/article.h"

#define IM_MAX_FOCUS 8

typedef struct im_extract_opts {
	im_date default_date; /* `--date`: used when the article has none; y == 0 none */
	/* `--focus`: the countries the reports are about (ISO alpha-2). A place
	 * name that could be in several countries is taken in one of these
	 * unless the text points elsewhere: a prior as strong as a dateline,
	 * weaker than a country the text names. */
	char focus[IM_MAX_FOCUS][3];
	size_t n_focus;
	/* When not NULL, set to the number of countries the article's context
	 * holds (--focus ones included): 0 when the text names no country,
	 * people, province or big city and has no dateline ("a bomb exploded
	 * in Taji"), the articles a batch focus is for. */
	size_t *context_out;
	/* When not NULL, filled with what the article gave (for the run's
	 * summary of reports that gave nothing, and --review). */
	struct im_extract_note *note_out;
} im_extract_opts;

/* What one article gave: how many incidents were told and how many placed,
 * and the first place name of an event sentence that was not placed ("" none). */
typedef struct im_extract_note {
	size_t n_told;
	size_t n_placed;
	double min_conf; /* lowest confidence of its incidents; 1 when none */
	char unknown[96];
	/* unknown[] is known only among the detail places (villages) of this
	 * country, which the report does not name; "" when it is no place at all */
	char unknown_cc[3];
} im_extract_note;

/* Appends the incidents found in a to out. Fails only on allocation failure
 * (an article with no incident is IM_OK with nothing appended). */
im_status im_extract_article(const im_gaz *g, const im_article *a,
			     const im_extract_opts *o, im_incident_list *out,
			     im_error *err);

/* Writes one JSON line for the article to fp: its id and file, and every
 * toponym found with its byte offsets in the record's text (the article's
 * text plus a->text_off), role ("place", "dateline", "demonym", "embedded",
 * "modifier"), the gazetteer entry chosen and a confidence. For measuring
 * the geoparser (bench/) and for looking into a result; `incimap extract
 * --toponyms`. Fails only on allocation or write failure. */
im_status im_extract_toponyms(const im_gaz *g, const im_article *a, FILE *fp,
			      im_error *err);

/* Merges incidents that are the same event told by several reports (same
 * type, places within ~25 km that can be one place, compatible dates) into
 * one with all their sources; keeps the most specific place and figures.
 * g (may be NULL) tells what kind of place each gazetteer_id is: two
 * distinct quarters, towns or cities are two places (see merge.c). */
im_status im_extract_merge(const im_gaz *g, im_incident_list *l);
/* The most later reports one incident is compared with in a merge: past
 * them it looks no further (reports of one type and place that cannot be
 * one, told the same day or undated, would otherwise cost the square of
 * their number). im_extract_merge_noting counts the incidents that stopped
 * there (*n_cut), for a note. */
#define IM_MERGE_MAX_LOOKS 4096
im_status im_extract_merge_noting(const im_gaz *g, im_incident_list *l, size_t *n_cut);

/* The batch focus (batch.c): a run over many reports learns the countries
 * they are about from the reports that say so, then reads again, with those
 * countries as --focus, the reports that name no country ("a bomb exploded
 * in Taji"). Only when no --focus is given; not for streaming. */
typedef struct im_batch im_batch;
im_batch *im_batch_new(void); /* NULL: out of memory */
void im_batch_free(im_batch *b); /* NULL is fine */
/* im_extract_article(g, a, o, out) that also records what the batch needs.
 * Takes a: frees it, or keeps it for a second reading (up to 64 MiB of
 * reports). */
im_status im_batch_extract(im_batch *b, const im_gaz *g, im_article *a, const im_extract_opts *o,
			   im_incident_list *out, im_error *err);
/* Chooses the batch's countries (focus, *n_focus; none: nothing changes)
 * and reads the kept reports again with them, on jobs threads (the same
 * result whatever their number). A report that gives other
 * places then has its incidents replaced in out, with a tenth less
 * confidence; *n_again counts those reports. A report that still gives
 * places outside the batch's countries keeps them with a fifth less
 * confidence; *n_abroad counts those. *n_not_kept counts the reports past
 * the 64 MiB kept. Call before im_extract_merge. */
im_status im_batch_finish(im_batch *b, const im_gaz *g, const im_extract_opts *o, unsigned jobs,
			  im_incident_list *out, char (*focus)[3], size_t *n_focus,
			  size_t *n_again, size_t *n_abroad, size_t *n_not_kept, im_error *err);

/* The batch's share of one report already read (im_batch_extract without
 * the reading): moves the incidents found in it (found, context: its
 * context_out) to out and records what the batch needs. Takes a. */
im_status im_batch_add(im_batch *b, im_article *a, size_t context, im_incident_list *found,
		       const im_extract_opts *o, im_incident_list *out, im_error *err);

/* ---- many articles on several threads (each.c) --------------------------- */

#define IM_MAX_JOBS 256

/* One article read and extracted. */
typedef struct im_each_item {
	im_article *a;          /* NULL: the reader failed here (st, err) */
	im_status st;           /* the reader's or the extraction's */
	im_error err;
	im_incident_list found; /* the incidents found in it */
	size_t context;         /* as im_extract_opts.context_out */
	im_extract_note note;   /* as im_extract_opts.note_out */
	char *listing;          /* toponyms: its --toponyms line */
	size_t listing_len;
} im_each_item;

/* Called for each article in the order read; may take it->a (set it to
 * NULL) and move it->found away. A status other than IM_OK stops the run
 * and is returned by im_extract_each. */
typedef im_status (*im_each_fn)(void *ud, im_each_item *it);

/* Reads every article of r on the calling thread, extracts them (with
 * toponyms != 0, writes each one's toponym listing instead) on jobs threads
 * and hands each to fn on the calling thread, in the order read: the same
 * calls whatever the number of jobs. IM_E_NOMEM when nothing could start. */
im_status im_extract_each(im_reader *r, const im_gaz *g, const im_extract_opts *o,
			  unsigned jobs, int toponyms, im_each_fn fn, void *ud);

/* The number of processors online (1 to IM_MAX_JOBS): --jobs' default. */
unsigned im_jobs_default(void);
/* Calls fn(ud, i) for every i in [0, n), on up to jobs threads (the
 * caller's among them), each taking the next i not yet taken; returns when
 * all are done. fn must not depend on the order. */
void im_parallel_for(unsigned jobs, size_t n, void (*fn)(void *ud, size_t i), void *ud);

/* An ACLED event type or sub-event type by name (any case): 1 with *type
 * its event type and *sub its sub-event type (NULL when name is an event
 * type), both in ACLED's spelling; 0 when it is neither. */
int im_event_type_lookup(const char *name, const char **type, const char **sub);

/* The user's lexicon: words added to the built-in lists (lexicon/) without
 * recompiling, kept in lexicon.tsv in the user's folder beside the
 * gazetteer's user.txt (im_gaz_user_dir). Each line is LIST TAB KEY
 * [TAB NUMBER [TAB TEXT]] (docs/extraction.md); an entry whose key a
 * built-in list has replaces it. im_lexicon_use reads path (a missing file
 * is no error); call it once, before the first extraction. The first bad
 * line stops it with FILE:LINE (IM_E_PARSE); the built-in lists stay. */
#define IM_LEXICON_USER_FILE "lexicon.tsv"
#define LEXICON_FILE_MAX ((size_t)16 << 20)
im_status im_lexicon_use(const char *path, im_error *err);

/* `incimap lexicon add KIND NAME [--alt ALT]... [--country CC] [--group
 * N]`: kind is actor (countries: the ones it implies, "ML,BF"), outlet,
 * title, given-name, demonym (countries: the one it names), common-word,
 * people, english-word, or a word of a list of groups: place-cue,
 * event-word, casualty-word, trigger-cue, name-cue (group: its group, 1 to
 * 31). An ALT of capitals only ("JNIM") counts only in capitals. */
typedef struct im_lexicon_add_req {
	const char *kind, *name;
	const char *const *alt;
	size_t nalt;
	const char *countries; /* NULL: none */
	int group;             /* a list of groups: the group; else 0 */
} im_lexicon_add_req;
/* The kinds add and remove take, for messages. */
const char *im_lexicon_kinds(void);
/* Adds the entry to the user's lexicon of the gazetteer folder gazdir
 * (rewritten as user.txt is: im_gaz_user_rewrite); a line of the same
 * list and key there is replaced. *path_out (optional) is the file. */
im_status im_lexicon_add(const char *gazdir, const im_lexicon_add_req *r, char **path_out,
                         im_error *err);
/* Removes the user's entry of that kind and name (an actor with its other
 * names and countries; a word of a list of groups in every group, or in
 * group only when group is not 0); IM_E_NOTFOUND when there is none. */
im_status im_lexicon_remove(const char *gazdir, const char *kind, const char *name, int group,
                            char **path_out, im_error *err);
/* Prints the user's entries (all: every entry, built-in ones too) of one
 * kind or list (NULL: all), one a line: LIST TAB KEY [TAB NUMBER [TAB TEXT]]. */
im_status im_lexicon_list(const char *kind, int all, FILE *fp, im_error *err);

#endif
