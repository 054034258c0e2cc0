/* utf8.c: UTF-8 validation and position helpers for untrusted text. */
#include "utf8.h"

#include <stdint.h>
#include <string.h>

size_t im_utf8_seq_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[1] >= 0x90)
			return 0; /* past U+10FFFF */
		return 4;
	}
	return 0;
}

/* 1 when the 8 bytes at s are all ASCII and none is NUL. The word-at-a-
 * time test: a byte with its high bit set shows in v & 0x80..80; a zero
 * byte, and only a zero byte when none is past 0x7F, borrows its high bit
 * in v - 0x01..01. */
static int ascii8(const char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	return !(v & highs) && !((v - ones) & highs);
}

int im_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		/* most text is ASCII: eight bytes a test */
		while (i + 8 <= n && ascii8(s + i))
			i += 8;
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == '\0')
				break;
			i++;
			continue;
		}
		size_t l = im_utf8_seq_len(s + i, n - i);
		if (l == 0)
			break;
		i += l;
	}
	if (i == n)
		return 1;
	if (bad)
		*bad = i;
	return 0;
}

void im_text_pos(const char *s, size_t off, long *line, long *col)
{
	long l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	if (line)
		*line = l;
	if (col)
		*col = c;
}

int32_t im_utf8_decode(const char *str, size_t n, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t l = im_utf8_seq_len(str, n);
	if (len)
		*len = l ? l : 1;
	switch (l) {
	case 1: return s[0];
	case 2: return ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	case 3: return ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	case 4:
		return ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
		       (s[3] & 0x3F);
	}
	return 0xFFFD;
}
