/* fuzz_filter.c: libFuzzer target for the incident filters
 * (src/model/filter.c). The input is one or more "OPTION=VALUE" lines,
 * applied in turn to one filter, then matched against a few incidents.
 * A value taken must be what the option promises (a real date with since
 * <= until, canonical ACLED types, upper-case country codes, a box with
 * S < N); a value refused must leave the filter as it was. */
#include "fuzz_util.h"
#include "model/filter.h"

#include <math.h>

static void check(const im_filter *f, const char *line)
{
	if (f->since.y && !im_date_valid(f->since))
		FZ_BUG("--since took an impossible date from '%s'", line);
	if (f->since.y && f->until.y && im_date_to_days(f->since) > im_date_to_days(f->until))
		FZ_BUG("since after until after '%s'", line);
	for (size_t i = 0; i < f->n_types; i++)
		if (im_filter_type_name(f->types[i]) != NULL &&
		    strcmp(im_filter_type_name(f->types[i]), f->types[i]) != 0)
			FZ_BUG("--type kept '%s' in another spelling", f->types[i]);
	for (size_t i = 0; i < f->n_countries; i++)
		if (f->countries[i][0] < 'A' || f->countries[i][0] > 'Z' || f->countries[i][2])
			FZ_BUG("--country kept '%s'", f->countries[i]);
	if (f->has_bbox && (!isfinite(f->w) || !isfinite(f->n) || !(f->s < f->n)))
		FZ_BUG("--bbox-only kept an impossible box from '%s'", line);
	if (f->min_fatalities < IM_NULL_INT)
		FZ_BUG("--min-fatalities kept %d", f->min_fatalities);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = fz_str(data, size);
	im_filter f;
	im_filter_init(&f);
	for (char *line = s; line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *eq = strchr(line, '=');
		if (eq) {
			*eq = '\0';
			im_filter before = f;
			im_error e;
			if (im_filter_set(&f, line, eq + 1, &e) == IM_E_USAGE &&
			    (before.since.y != f.since.y || before.n_types != f.n_types ||
			     before.n_countries != f.n_countries ||
			     before.min_fatalities != f.min_fatalities ||
			     before.has_bbox != f.has_bbox || before.admin1 != f.admin1))
				FZ_BUG("a refused --%s '%s' changed the filter", line, eq + 1);
			check(&f, line);
		}
		line = nl ? nl + 1 : NULL;
	}
	im_incident inc;
	im_incident_init(&inc);
	int any = im_filter_match(&f, &inc);
	if (!im_filter_active(&f) && !any)
		FZ_BUG("an empty filter refused an incident");
	inc.has_point = 1;
	inc.lon = 44.4;
	inc.lat = 33.3;
	inc.event_date = (im_date){2026, 2, 10};
	inc.fatalities = 3;
	(void)im_filter_match(&f, &inc);
	im_filter_free(&f);
	free(s);
	return 0;
}
