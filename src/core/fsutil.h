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
 * bytes go to a temporary file in the same folder (".NAME.tmp.PID.XXXXXX",
 * NAME shortened when the whole would pass 255 bytes), im_afile_commit()
 * flushes, fsyncs and renames it over `path`; im_afile_abort() removes it.
 * The file keeps the mode of the one it replaces (else 0666 & ~umask).
 * Opening removes the temporary files of the same output that dead
 * processes left (regular files of this user only; a link is not
 * followed). A path of "-" writes straight to stdout (commit flushes, abort
 * does nothing); a path im_path_is_direct names is written in place. */
typedef struct im_afile im_afile;
/* 1 when path is written in place, not through a temporary file: "-", a
 * path under /dev/ or /proc/ (/dev/stdout is a link to whatever stdout
 * is, a file too), or an existing target that is neither a regular file
 * nor a folder (a FIFO, a device). Nothing is written beside such a path. */
int im_path_is_direct(const char *path);
im_status im_afile_open(const char *path, im_afile **out, im_error *err);
FILE *im_afile_fp(im_afile *f);
const char *im_afile_tmpname(const im_afile *f); /* NULL when written directly */
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
