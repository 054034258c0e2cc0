/* gaz_stub.c: placeholder until the gazetteer lands (issue 3). */
#include "gazetteer.h"
#include <string.h>
#include <strings.h>

static const char *kinds[] = {"country", "region", "admin1", "admin2", "capital", "seat",
			      "city", "town", "village", "neighbourhood", "site", "other"};
const char *im_kind_name(im_kind k)
{
	return (unsigned)k < sizeof kinds / sizeof *kinds ? kinds[k] : "other";
}
int im_kind_parse(const char *name, im_kind *k)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcasecmp(kinds[i], name) == 0) {
			*k = (im_kind)i;
			return 1;
		}
	return 0;
}
#define NOTYET(err) im_error_set(err, IM_E_UNSUPPORTED, NULL, 0, 0, "gazetteer: not built yet")
im_status im_gaz_open(const char *dir, im_gaz **out, im_error *err) { *out = NULL; return NOTYET(err); }
void im_gaz_free(im_gaz *g) { (void)g; }
size_t im_gaz_lookup(const im_gaz *g, const char *name, size_t len, const im_gaz_ctx *ctx, im_gaz_cand *out, size_t max) { return 0; }
int im_gaz_known(const im_gaz *g, const char *name, size_t len) { return 0; }
size_t im_gaz_norm(const char *in, size_t len, char *out, size_t cap) { if (cap) out[0] = 0; return 0; }
int im_gaz_get(const im_gaz *g, const char *id, im_place *out) { return 0; }
size_t im_gaz_in_bbox(const im_gaz *g, double w, double s, double e, double n, int64_t min_pop, im_place *out, size_t max) { return 0; }
const char *im_gaz_country_name(const im_gaz *g, const char *cc) { return NULL; }
im_status im_gaz_add(const char *dir, const im_gaz_entry *e, char *id_out, size_t id_cap, im_error *err) { return NOTYET(err); }
im_status im_gaz_remove(const char *dir, const char *id_or_name, im_error *err) { return NOTYET(err); }
im_status im_gaz_list(const char *dir, int all, FILE *fp, im_error *err) { return NOTYET(err); }
im_status im_gaz_check(const char *dir, size_t *problems, im_error *err) { return NOTYET(err); }
im_status im_gaz_import(const char *dir, const char *geonames, const char *alternates, im_error *err) { return NOTYET(err); }
im_status im_gaz_build(const char *dir, im_error *err) { return NOTYET(err); }
