/* buf.h: growable byte buffers with a size cap, growable arrays, and
 * JSON/CSV escaping. */
#ifndef IM_BUF_H
#define IM_BUF_H

#include "im.h"

/* A NUL-terminated growing buffer. `max` caps its length (0: no cap past
 * SIZE_MAX/2); appending past it fails with IM_E_TOO_LARGE and leaves the
 * buffer as it was. Zero-initialise (IM_BUF_INIT) before use. */
typedef struct im_buf {
	char *p;    /* NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;
} im_buf;

#define IM_BUF_INIT {NULL, 0, 0, 0}

im_status im_buf_reserve(im_buf *b, size_t extra);
im_status im_buf_append(im_buf *b, const void *data, size_t n);
im_status im_buf_puts(im_buf *b, const char *s);
im_status im_buf_putc(im_buf *b, char c);
im_status im_buf_printf(im_buf *b, const char *fmt, ...) IM_PRINTF(2, 3);
/* Appends s as a JSON string with its quotes; UTF-8 is kept as it is,
 * control characters and '"' '\\' are escaped. Invalid UTF-8 bytes are
 * replaced by U+FFFD so the output is always valid JSON. */
im_status im_buf_json_str(im_buf *b, const char *s);
im_status im_buf_json_strn(im_buf *b, const char *s, size_t n);
/* Appends s as one RFC 4180 CSV field (quoted when it needs to be). */
im_status im_buf_csv_field(im_buf *b, const char *s);
/* Appends s as XML/HTML text, good in an element and in a quoted
 * attribute: & < > " ' escaped; controls that XML 1.0 cannot hold and
 * invalid UTF-8 bytes become U+FFFD. Nothing for NULL. */
im_status im_buf_xml_str(im_buf *b, const char *s);
/* Appends a number with up to `prec` decimals, trailing zeros dropped. */
im_status im_buf_num(im_buf *b, double v, int prec);
void im_buf_reset(im_buf *b); /* len = 0, keeps memory */
/* Hands the bytes to the caller (caller frees) and resets the buffer.
 * Returns an empty allocated string when nothing was appended. */
char *im_buf_take(im_buf *b);
void im_buf_free(im_buf *b);

/* Makes room for `need` elements of `elem` bytes (elem > 0) in a growing
 * array: `arr` is the address of the array's pointer (a T ** passed as
 * void *; the pointer may be NULL with *cap 0) and *cap its capacity in
 * elements, which doubles (from 16) until it holds `need`. IM_OK;
 * IM_E_TOO_LARGE when need elements would not fit in a size_t;
 * IM_E_NOMEM. On failure the array and *cap are as they were. Usage:
 * `if (im_grow(&v, &cap, n + 1, sizeof *v)) ...; v[n++] = x;`
 * Inline where there is room (it is called on every push). */
im_status im_grow_to(void *arr, size_t *cap, size_t need, size_t elem);
static inline im_status im_grow(void *arr, size_t *cap, size_t need, size_t elem)
{
	return need <= *cap ? IM_OK : im_grow_to(arr, cap, need, elem);
}

/* strdup that returns NULL for NULL. */
char *im_strdup(const char *s);
char *im_strndup(const char *s, size_t n);

#endif
