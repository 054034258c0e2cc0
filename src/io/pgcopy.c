/* pgcopy.c: PostgreSQL's binary COPY format (see pgcopy.h). */
#include "pgcopy.h"

#include <stdint.h>
#include <string.h>

/* Days from 1970-01-01 (im_date_to_days) to PostgreSQL's epoch 2000-01-01. */
#define PG_EPOCH_DAYS 10957

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t bits(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	return u;
}

/* A field's length word, then n bytes of it to follow. */
static im_status len(im_buf *b, int32_t n)
{
	unsigned char w[4];
	be32(w, (uint32_t)n);
	return im_buf_append(b, w, 4);
}

im_status im_pgcopy_header(im_buf *b)
{
	static const unsigned char h[19] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0377, '\r', '\n', 0};
	return im_buf_append(b, h, sizeof h); /* then flags 0 and extension length 0 */
}

im_status im_pgcopy_trailer(im_buf *b)
{
	return im_buf_append(b, "\377\377", 2);
}

im_status im_pgcopy_row(im_buf *b, int n)
{
	unsigned char w[2] = {(unsigned char)(n >> 8), (unsigned char)n};
	return im_buf_append(b, w, 2);
}

im_status im_pgcopy_null(im_buf *b)
{
	return len(b, -1);
}

static im_status bytes(im_buf *b, const void *p, size_t n)
{
	if (n > INT32_MAX)
		return IM_E_TOO_LARGE;
	im_status st = im_buf_reserve(b, 4 + n);
	st = st ? st : len(b, (int32_t)n);
	return st ? st : im_buf_append(b, p, n);
}

im_status im_pgcopy_text(im_buf *b, const char *s)
{
	return s ? bytes(b, s, strlen(s)) : im_pgcopy_null(b);
}

im_status im_pgcopy_int4(im_buf *b, int v, int is_null)
{
	if (is_null)
		return im_pgcopy_null(b);
	unsigned char w[4];
	be32(w, (uint32_t)v);
	return bytes(b, w, 4);
}

static im_status be64_field(im_buf *b, uint64_t u)
{
	unsigned char w[8];
	be32(w, (uint32_t)(u >> 32));
	be32(w + 4, (uint32_t)u);
	return bytes(b, w, 8);
}

im_status im_pgcopy_int8(im_buf *b, long long v)
{
	return be64_field(b, (uint64_t)v);
}

im_status im_pgcopy_float8(im_buf *b, double v)
{
	return be64_field(b, bits(v));
}

im_status im_pgcopy_date(im_buf *b, im_date d)
{
	return im_pgcopy_int4(b, (int)(im_date_to_days(d) - PG_EPOCH_DAYS), d.y == 0);
}

im_status im_pgcopy_point(im_buf *b, double lon, double lat)
{
	/* byte order 1 (little-endian), type 1 (point) with the SRID flag, SRID 4326 */
	unsigned char w[25] = {1, 1, 0, 0, 0x20, 0xE6, 0x10, 0, 0};
	le64(w + 9, bits(lon));
	le64(w + 17, bits(lat));
	return bytes(b, w, sizeof w);
}

im_status im_pgcopy_json(im_buf *b, const char *s, int jsonb)
{
	if (!s)
		return im_pgcopy_null(b);
	size_t n = strlen(s);
	if (n >= INT32_MAX)
		return IM_E_TOO_LARGE;
	im_status st = im_buf_reserve(b, 5 + n);
	st = st ? st : len(b, (int32_t)(n + (jsonb != 0)));
	st = st || !jsonb ? st : im_buf_putc(b, 1);
	return st ? st : im_buf_append(b, s, n);
}
