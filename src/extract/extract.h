/* extract.h: incidents out of an article: sentences, toponyms resolved with
 * the gazetteer, event type, date, casualties, actors; and the merge of the
 * same incident told by several reports. */
#ifndef IM_EXTRACT_H
#define IM_EXTRACT_H

#include "../core/im.h"
#include "../gazetteer/gazetteer.h"
#include "../model/incident.h"
#include "../text/article.h"

typedef struct im_extract_opts {
	im_date default_date; /* `--date`: used when the article has none; y == 0 none */
} im_extract_opts;

/* Appends the incidents found in a to out. Fails only on allocation failure
 * (an article with no incident is IM_OK with nothing appended). */
im_status im_extract_article(const im_gaz *g, const im_article *a,
			     const im_extract_opts *o, im_incident_list *out,
			     im_error *err);

/* Merges incidents that are the same event told by several reports (same
 * type, places within ~25 km, compatible dates) into one with all their
 * sources; keeps the most specific figures. */
im_status im_extract_merge(im_incident_list *l);

#endif
