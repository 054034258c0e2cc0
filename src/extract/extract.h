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
} im_extract_opts;

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

#endif
