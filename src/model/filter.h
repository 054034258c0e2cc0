/* filter.h: which incidents a command keeps (--since, --until, --type,
 * --country, --admin1, --min-fatalities, --bbox-only): one implementation that
 * every command reading incidents applies, and that the store translates
 * into its own query. */
#ifndef IM_FILTER_H
#define IM_FILTER_H

#include "incident.h"

#define IM_FILTER_MAX_COUNTRIES 64
#define IM_FILTER_MAX_TYPES 64

/* Every criterion given must hold (AND); the values of one list are
 * alternatives (OR). A criterion not given keeps everything. Fields are
 * public so that the store can turn them into SQL; fill them through
 * im_filter_set, which checks them. */
typedef struct im_filter {
	im_date since, until; /* inclusive; y == 0: unbounded. An incident
	                       * with no event_date fails a bound */
	char **types;         /* ACLED event or sub-event types, canonical
	                       * spelling, matched case-insensitively against
	                       * event_type and sub_event_type; owned */
	size_t n_types;
	char countries[IM_FILTER_MAX_COUNTRIES][3]; /* ISO alpha-2, upper case */
	size_t n_countries;
	char *admin1;       /* province name, case-insensitive; owned; NULL: any */
	int min_fatalities; /* IM_NULL_INT: any. An incident with no figure
	                     * counts as 0 */
	int has_bbox;       /* 1: only points inside w,s,e,n (degrees,
	                     * edges included; w > e crosses the
	                     * antimeridian). Incidents without a point fail */
	double w, s, e, n;
} im_filter;

/* An empty filter that keeps everything. */
void im_filter_init(im_filter *f);
/* Frees what the filter owns and re-initialises it. NULL is fine. */
void im_filter_free(im_filter *f);

/* Applies one command-line option to f. option is the long option with or
 * without its dashes ("--since" or "since"); arg its value. --type and
 * --country take comma-separated lists and add to what earlier ones gave;
 * the others replace. Fails with IM_E_USAGE and a message that names the
 * option and the value (a date that is not YYYY-MM-DD, --since after
 * --until, an unknown type, a malformed country code, a negative figure, a
 * bad box, an unknown option), leaving f as it was; IM_E_NOMEM. */
im_status im_filter_set(im_filter *f, const char *option, const char *arg, im_error *err);

/* 1 when option (with or without its dashes) is one im_filter_set takes. */
int im_filter_is_option(const char *option);

/* 1 when any criterion is set. */
int im_filter_active(const im_filter *f);

/* 1 when the incident passes every criterion. Cannot fail. */
int im_filter_match(const im_filter *f, const im_incident *inc);

/* Drops (and frees) the incidents of l that f does not keep, keeping the
 * order of the others. Returns how many were dropped. Cannot fail. */
size_t im_filter_list(const im_filter *f, im_incident_list *l);

/* The canonical ACLED spelling of an event or sub-event type, matched
 * case-insensitively; NULL when s is none. */
const char *im_filter_type_name(const char *s);

#endif
