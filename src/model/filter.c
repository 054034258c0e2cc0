/* filter.c: the incident filters every command shares (see filter.h). */
#include "filter.h"
#include "../core/buf.h"
#include "../core/opt.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ACLED's event types, then its sub-event types: the values --type takes. */
static const char *const acled_types[] = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
    /* sub-event types */
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other", NULL};

static const char *const option_names[] = {"since",  "until",          "type",      "country",
                                           "admin1", "min-fatalities", "bbox-only", NULL};

void im_filter_init(im_filter *f)
{
	memset(f, 0, sizeof *f);
	f->min_fatalities = IM_NULL_INT;
}

void im_filter_free(im_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_types; i++)
		free(f->types[i]);
	free(f->types);
	free(f->admin1);
	im_filter_init(f);
}

const char *im_filter_type_name(const char *s)
{
	for (size_t i = 0; s && acled_types[i]; i++)
		if (strcasecmp(s, acled_types[i]) == 0)
			return acled_types[i];
	return NULL;
}

static const char *bare(const char *option)
{
	return option[0] == '-' && option[1] == '-' ? option + 2 : option;
}

int im_filter_is_option(const char *option)
{
	const char *o = bare(option);
	for (size_t i = 0; option_names[i]; i++)
		if (strcmp(o, option_names[i]) == 0)
			return 1;
	return 0;
}

static int date_after(im_date a, im_date b)
{
	return a.y && b.y && im_date_to_days(a) > im_date_to_days(b);
}

static im_status set_date(im_filter *f, int until, const char *arg, im_error *err)
{
	im_date d;
	const char *name = until ? "--until" : "--since";
	if (!im_opt_date(arg, &d))
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "%s wants a date as YYYY-MM-DD, not '%s'", name, arg);
	if (until ? date_after(f->since, d) : date_after(d, f->until)) {
		char a[11], b[11];
		im_date_format(until ? f->since : d, a);
		im_date_format(until ? d : f->until, b);
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "--since %s is after --until %s: no day is in between", a, b);
	}
	*(until ? &f->until : &f->since) = d;
	return IM_OK;
}

static int has_type(const im_filter *f, const char *t)
{
	for (size_t i = 0; i < f->n_types; i++)
		if (strcmp(f->types[i], t) == 0)
			return 1;
	return 0;
}

/* Checks every item of a comma-separated list of types first, then adds
 * them, so a bad item leaves f as it was. */
static im_status set_types(im_filter *f, const char *arg, im_error *err)
{
	const char *found[IM_FILTER_MAX_TYPES];
	size_t n = 0;
	for (const char *p = arg;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char item[64];
		const char *t = NULL;
		if (len < sizeof item) {
			memcpy(item, p, len);
			item[len] = '\0';
			t = im_filter_type_name(item);
		}
		if (!t)
			return im_error_set(
			    err, IM_E_USAGE, NULL, 0, 0,
			    "--type: '%.*s' is no ACLED event or sub-event type "
			    "(Battles, Explosions/Remote violence, Violence against "
			    "civilians, Protests, Riots, Strategic developments, or a "
			    "sub-type such as 'Air/drone strike')",
			    (int)(len > 80 ? 80 : len), p);
		if (!has_type(f, t)) {
			if (f->n_types + n == IM_FILTER_MAX_TYPES)
				return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
				                    "--type: more than %d types",
				                    IM_FILTER_MAX_TYPES);
			found[n++] = t;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	char **v = realloc(f->types, (f->n_types + n + 1) * sizeof *v);
	if (!v)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	f->types = v;
	for (size_t i = 0; i < n; i++) {
		size_t k;
		for (k = 0; k < i && found[k] != found[i]; k++)
			;
		if (k < i)
			continue; /* the same type twice in one list */
		if (!(f->types[f->n_types] = im_strdup(found[i])))
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		f->n_types++;
	}
	return IM_OK;
}

static int has_country(const im_filter *f, const char *cc)
{
	for (size_t i = 0; i < f->n_countries; i++)
		if (strcmp(f->countries[i], cc) == 0)
			return 1;
	return 0;
}

static im_status set_countries(im_filter *f, const char *arg, im_error *err)
{
	char cc[IM_FILTER_MAX_COUNTRIES][3];
	size_t n;
	if (!im_opt_countries(arg, cc, IM_FILTER_MAX_COUNTRIES, &n))
		return im_error_set(
		    err, IM_E_USAGE, NULL, 0, 0,
		    "--country wants two-letter ISO codes, comma-separated (IQ,SY), "
		    "each once, not '%s'",
		    arg);
	size_t add = 0;
	for (size_t i = 0; i < n; i++)
		add += !has_country(f, cc[i]);
	if (f->n_countries + add > IM_FILTER_MAX_COUNTRIES)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "--country: more than %d countries", IM_FILTER_MAX_COUNTRIES);
	for (size_t i = 0; i < n; i++)
		if (!has_country(f, cc[i]))
			memcpy(f->countries[f->n_countries++], cc[i], 3);
	return IM_OK;
}

static im_status set_admin1(im_filter *f, const char *arg, im_error *err)
{
	size_t len = strlen(arg);
	size_t a = 0;
	while (a < len && (arg[a] == ' ' || arg[a] == '\t'))
		a++;
	while (len > a && (arg[len - 1] == ' ' || arg[len - 1] == '\t'))
		len--;
	if (len == a)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "--admin1 wants a province name");
	char *s = im_strndup(arg + a, len - a);
	if (!s)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	free(f->admin1);
	f->admin1 = s;
	return IM_OK;
}

im_status im_filter_set(im_filter *f, const char *option, const char *arg, im_error *err)
{
	const char *o = bare(option);
	if (!arg)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "--%s needs a value", o);
	if (strcmp(o, "since") == 0 || strcmp(o, "until") == 0)
		return set_date(f, o[0] == 'u', arg, err);
	if (strcmp(o, "type") == 0)
		return set_types(f, arg, err);
	if (strcmp(o, "country") == 0)
		return set_countries(f, arg, err);
	if (strcmp(o, "admin1") == 0)
		return set_admin1(f, arg, err);
	if (strcmp(o, "min-fatalities") == 0) {
		int v;
		if (!im_opt_int(arg, 0, INT_MAX, &v))
			return im_error_set(
			    err, IM_E_USAGE, NULL, 0, 0,
			    "--min-fatalities wants a whole number 0 or more, not '%s'", arg);
		f->min_fatalities = v;
		return IM_OK;
	}
	if (strcmp(o, "bbox-only") == 0) {
		double b[4];
		if (!im_opt_bbox(arg, b))
			return im_error_set(
			    err, IM_E_USAGE, NULL, 0, 0,
			    "--bbox-only wants W,S,E,N in degrees with S < N, not '%s'", arg);
		f->has_bbox = 1;
		f->w = b[0];
		f->s = b[1];
		f->e = b[2];
		f->n = b[3];
		return IM_OK;
	}
	return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "no filter option '--%s'", o);
}

int im_filter_active(const im_filter *f)
{
	return f->since.y || f->until.y || f->n_types || f->n_countries || f->admin1 ||
	       f->min_fatalities != IM_NULL_INT || f->has_bbox;
}

static int match_dates(const im_filter *f, const im_incident *inc)
{
	if (!f->since.y && !f->until.y)
		return 1;
	if (!inc->event_date.y)
		return 0;
	long d = im_date_to_days(inc->event_date);
	return (!f->since.y || d >= im_date_to_days(f->since)) &&
	       (!f->until.y || d <= im_date_to_days(f->until));
}

static int match_types(const im_filter *f, const im_incident *inc)
{
	if (!f->n_types)
		return 1;
	for (size_t i = 0; i < f->n_types; i++)
		if ((inc->event_type && strcasecmp(inc->event_type, f->types[i]) == 0) ||
		    (inc->sub_event_type && strcasecmp(inc->sub_event_type, f->types[i]) == 0))
			return 1;
	return 0;
}

static int match_country(const im_filter *f, const im_incident *inc)
{
	if (!f->n_countries)
		return 1;
	for (size_t i = 0; inc->country && i < f->n_countries; i++)
		if (strcasecmp(inc->country, f->countries[i]) == 0)
			return 1;
	return 0;
}

static int match_bbox(const im_filter *f, const im_incident *inc)
{
	if (!f->has_bbox)
		return 1;
	if (!inc->has_point || !(inc->lat >= f->s && inc->lat <= f->n))
		return 0;
	if (f->w <= f->e)
		return inc->lon >= f->w && inc->lon <= f->e;
	return inc->lon >= f->w || inc->lon <= f->e; /* across the antimeridian */
}

int im_filter_match(const im_filter *f, const im_incident *inc)
{
	if (!f)
		return 1;
	if (f->min_fatalities != IM_NULL_INT &&
	    (inc->fatalities == IM_NULL_INT ? 0 : inc->fatalities) < f->min_fatalities)
		return 0;
	if (f->admin1 && !(inc->admin1 && strcasecmp(inc->admin1, f->admin1) == 0))
		return 0;
	return match_dates(f, inc) && match_types(f, inc) && match_country(f, inc) &&
	       match_bbox(f, inc);
}

size_t im_filter_list(const im_filter *f, im_incident_list *l)
{
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (!im_filter_match(f, &l->v[i])) {
			im_incident_clear(&l->v[i]);
			continue;
		}
		if (kept != i) {
			l->v[kept] = l->v[i];
			im_incident_init(&l->v[i]);
		}
		kept++;
	}
	size_t dropped = l->n - kept;
	l->n = kept;
	return dropped;
}
