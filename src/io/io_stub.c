/* io_stub.c: placeholder until the GeoJSON/CSV module lands (issue 5). */
#include "io.h"
#include <stdlib.h>
#define NOTYET(err) im_error_set(err, IM_E_UNSUPPORTED, NULL, 0, 0, "io: not built yet")
im_format im_format_from_name(const char *name) { return IM_FMT_UNKNOWN; }
im_format im_format_from_path(const char *path) { return IM_FMT_UNKNOWN; }
const char *im_format_name(im_format f) { return "unknown"; }
im_status im_io_write(const char *path, im_format f, const im_incident_list *l, im_error *err) { return NOTYET(err); }
im_status im_io_read(const char *path, im_format f, im_incident_list *l, im_error *err) { return NOTYET(err); }
im_status im_io_writer_open(const char *path, im_format f, im_io_writer **out, im_error *err) { *out = NULL; return NOTYET(err); }
im_status im_io_writer_add(im_io_writer *w, const im_incident *inc, im_error *err) { return NOTYET(err); }
im_status im_io_writer_close(im_io_writer *w, im_error *err) { return NOTYET(err); }
void im_io_writer_abort(im_io_writer *w) { (void)w; }
im_status im_io_reader_open(const char *path, im_format f, im_io_reader **out, im_error *err) { *out = NULL; return NOTYET(err); }
im_status im_io_reader_next(im_io_reader *r, im_incident *inc, int *done, im_error *err) { return NOTYET(err); }
void im_io_reader_free(im_io_reader *r) { (void)r; }
im_status im_qml_write(const char *path, im_error *err) { return NOTYET(err); }
char *im_qml_path_for(const char *geojson_path) { return NULL; }
