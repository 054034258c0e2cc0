/* fsutil.h: whole-file reads with a cap, atomic writes, and path helpers. */
#ifndef IM_FSUTIL_H
#define IM_FSUTIL_H

#include "im.h"

/* Reads a whole file ("-" is stdin) into a NUL-terminated buffer that the
 * caller frees. Fails with IM_E_TOO_LARGE past `max` bytes (0: no cap),
 * IM_E_IO when it is missing, unreadable or a folder. */
im_status im_read_file(const char *path, size_t max, char **data, size_t *len,
		       im_error *err);

/* An output file that appears under its final name only when complete:
 * bytes go to a temporary file in the same folder, im_afile_commit() flushes,
 * fsyncs and renames it over `path`; im_afile_abort() removes it. A path of
 * "-" writes straight to stdout (commit flushes, abort does nothing). */
typedef struct im_afile im_afile;
im_status im_afile_open(const char *path, im_afile **out, im_error *err);
FILE *im_afile_fp(im_afile *f);
const char *im_afile_tmpname(const im_afile *f); /* NULL for stdout */
/* Both consume f. commit reports write errors (disk full) as IM_E_IO and
 * then removes the temporary file, leaving any previous `path` as it was. */
im_status im_afile_commit(im_afile *f, im_error *err);
void im_afile_abort(im_afile *f);

/* Writes len bytes to path atomically (im_afile in one call). */
im_status im_write_file_atomic(const char *path, const void *data, size_t len,
			       im_error *err);

int im_is_dir(const char *path);
int im_file_exists(const char *path);
/* Creates path and its parents (mode 0777 & ~umask). */
im_status im_mkdir_p(const char *path, im_error *err);
/* Joins a and b with one '/', caller frees; NULL on allocation failure. */
char *im_path_join(const char *a, const char *b);
/* The extension of path, lowercased, without the dot ("" when none),
 * into buf of size n. */
void im_path_ext(const char *path, char *buf, size_t n);
/* Modification time in nanoseconds since the epoch; -1 when missing. */
long long im_mtime_ns(const char *path);

#endif
