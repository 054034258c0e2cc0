/* utf8.h: UTF-8 validation and position helpers for untrusted text. */
#ifndef IM_UTF8_H
#define IM_UTF8_H

#include "im.h"

/* Length in bytes of the valid UTF-8 sequence that starts s (1..4), or 0 when
 * s does not start with one (overlong forms, surrogates and code points past
 * U+10FFFF are invalid). n is the number of bytes available. */
size_t im_utf8_seq_len(const char *s, size_t n);

/* Returns 1 when s[0..n) is valid UTF-8 with no NUL byte; otherwise 0 and,
 * when bad is not NULL, the offset of the first bad byte. */
int im_utf8_valid(const char *s, size_t n, size_t *bad);

/* 1-based line and column (in bytes) of offset off in s. */
void im_text_pos(const char *s, size_t off, long *line, long *col);

/* Decodes one code point at s (valid UTF-8 assumed, see im_utf8_seq_len);
 * stores its length in *len. Returns U+FFFD on an invalid sequence. */
int32_t im_utf8_decode(const char *s, size_t n, size_t *len);

#endif
