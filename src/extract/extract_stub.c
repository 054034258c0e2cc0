/* extract_stub.c: placeholder until extraction lands (issue 4). */
#include "extract.h"
im_status im_extract_article(const im_gaz *g, const im_article *a, const im_extract_opts *o, im_incident_list *out, im_error *err) { return im_error_set(err, IM_E_UNSUPPORTED, NULL, 0, 0, "extract: not built yet"); }
im_status im_extract_merge(im_incident_list *l) { return IM_OK; }
