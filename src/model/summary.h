/* summary.h: incidents, fatalities and injuries added up by event type and
 * by province, with totals: the tables of the briefing pack (its page 2 and
 * summary.csv). */
#ifndef IM_SUMMARY_H
#define IM_SUMMARY_H

#include "incident.h"

/* One line of a table. Fatalities and injuries add up the known figures;
 * *_known counts the incidents that gave one (0: the sum says nothing). */
typedef struct im_sum_row {
	const char *name; /* borrowed from the list; NULL: not given */
	char country[3];  /* provinces: ISO alpha-2, "" when none */
	size_t incidents;
	long long fatalities, injuries;
	size_t fat_known, inj_known;
} im_sum_row;

typedef struct im_summary {
	im_sum_row *types; /* by event_type, most incidents first */
	size_t n_types;
	im_sum_row *provinces; /* by (country, admin1), most incidents first */
	size_t n_provinces;
	im_sum_row total;
	im_date first, last; /* the dated incidents' range; y == 0: none */
	size_t undated;
} im_summary;

/* Adds up l into *s, whose names point into l (l must outlive s). Ties
 * in the order go by name. IM_E_NOMEM (s is then empty). */
im_status im_summary_make(const im_incident_list *l, im_summary *s);
/* Frees what s owns; a zeroed or freed s is fine. */
void im_summary_free(im_summary *s);

#endif
