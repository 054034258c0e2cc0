/* edit.c: the maintenance commands: user additions, removal, listing,
 * checking and importing. */
#include "gaz_int.h"

#define NOTYET(err) im_error_set(err, IM_E_UNSUPPORTED, NULL, 0, 0, "gazetteer: %s not written yet", __func__)
im_status im_gaz_add(const char *dir, const im_gaz_entry *e, char *id_out, size_t id_cap, im_error *err) { return NOTYET(err); }
im_status im_gaz_remove(const char *dir, const char *id_or_name, im_error *err) { return NOTYET(err); }
im_status im_gaz_list(const char *dir, int all, FILE *fp, im_error *err) { return NOTYET(err); }
im_status im_gaz_check(const char *dir, size_t *problems, im_error *err) { return NOTYET(err); }
im_status im_gaz_import(const char *dir, const char *geonames, const char *alternates, im_error *err) { return NOTYET(err); }
