/* render_stub.c: placeholder until the renderer lands (issue 6). */
#include "render.h"
#include <string.h>
void im_render_opts_init(im_render_opts *o) { memset(o, 0, sizeof *o); o->width = 1600; o->height = 1000; o->dpi = 150; }
im_status im_render(const im_incident_list *l, const im_render_opts *o, const char *path, im_error *err) { return im_error_set(err, IM_E_UNSUPPORTED, NULL, 0, 0, "render: not built yet"); }
