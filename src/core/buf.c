/* buf.c: growable byte buffers with a size cap, and JSON/CSV escaping. */
#include "buf.h"
#include "utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

im_status im_buf_reserve(im_buf *b, size_t extra)
{
	size_t max = b->max ? b->max : SIZE_MAX / 2;
	if (extra > max || b->len > max - extra)
		return IM_E_TOO_LARGE;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return IM_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 4 ? need : cap * 2;
	char *p = realloc(b->p, cap);
	if (!p)
		return IM_E_NOMEM;
	b->p = p;
	b->cap = cap;
	return IM_OK;
}

#define GROW_FIRST 16 /* elements of a growing array's first allocation */

im_status im_grow_to(void *arr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return IM_OK;
	if (elem == 0 || need > SIZE_MAX / elem)
		return IM_E_TOO_LARGE;
	size_t nc = *cap ? *cap : GROW_FIRST;
	while (nc < need)
		nc = nc > SIZE_MAX / 2 / elem ? need : nc * 2;
	/* the caller's pointer is read and written as bytes: it may be of
	 * any object pointer type */
	void *old, *p;
	memcpy(&old, arr, sizeof old);
	p = realloc(old, nc * elem);
	if (!p)
		return IM_E_NOMEM;
	memcpy(arr, &p, sizeof p);
	*cap = nc;
	return IM_OK;
}

im_status im_buf_append(im_buf *b, const void *data, size_t n)
{
	im_status st = im_buf_reserve(b, n);
	if (st)
		return st;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return IM_OK;
}

im_status im_buf_puts(im_buf *b, const char *s)
{
	return im_buf_append(b, s, strlen(s));
}

im_status im_buf_putc(im_buf *b, char c)
{
	return im_buf_append(b, &c, 1);
}

im_status im_buf_printf(im_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return IM_E_INTERNAL;
	if ((size_t)n < sizeof small)
		return im_buf_append(b, small, (size_t)n);
	im_status st = im_buf_reserve(b, (size_t)n);
	if (st)
		return st;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return IM_OK;
}

im_status im_buf_json_strn(im_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	im_status st = im_buf_reserve(b, n + 2);
	if (st)
		return st;
	b->p[b->len++] = '"';
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			char esc[7];
			size_t k = 0;
			switch (c) {
			case '"': esc[k++] = '\\'; esc[k++] = '"'; break;
			case '\\': esc[k++] = '\\'; esc[k++] = '\\'; break;
			case '\n': esc[k++] = '\\'; esc[k++] = 'n'; break;
			case '\r': esc[k++] = '\\'; esc[k++] = 'r'; break;
			case '\t': esc[k++] = '\\'; esc[k++] = 't'; break;
			default:
				if (c < 0x20 || c == 0x7f) {
					memcpy(esc, "\\u00", 4);
					esc[4] = hex[c >> 4];
					esc[5] = hex[c & 15];
					k = 6;
				} else {
					esc[k++] = (char)c;
				}
			}
			if ((st = im_buf_append(b, esc, k)))
				return st;
			i++;
			continue;
		}
		size_t l = im_utf8_seq_len(s + i, n - i);
		if (l == 0) {
			if ((st = im_buf_append(b, "\xEF\xBF\xBD", 3)))
				return st;
			i++;
		} else {
			if ((st = im_buf_append(b, s + i, l)))
				return st;
			i += l;
		}
	}
	return im_buf_putc(b, '"');
}

im_status im_buf_json_str(im_buf *b, const char *s)
{
	if (!s)
		return im_buf_puts(b, "null");
	return im_buf_json_strn(b, s, strlen(s));
}

im_status im_buf_csv_field(im_buf *b, const char *s)
{
	if (!s)
		return IM_OK;
	if (!strpbrk(s, ",\"\r\n") && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' '))
		return im_buf_puts(b, s);
	im_status st = im_buf_putc(b, '"');
	for (const char *p = s; !st && *p; p++) {
		if (*p == '"')
			st = im_buf_putc(b, '"');
		if (!st)
			st = im_buf_putc(b, *p);
	}
	return st ? st : im_buf_putc(b, '"');
}

im_status im_buf_xml_str(im_buf *b, const char *s)
{
	if (!s)
		return IM_OK;
	size_t n = strlen(s);
	im_status st = im_buf_reserve(b, n);
	for (size_t i = 0; !st && i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t l = c < 0x80 ? 1 : im_utf8_seq_len(s + i, n - i);
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* XML 1.0 holds no other C0 control, not even as &#N; */
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || l == 0)
				rep = "\xEF\xBF\xBD";
		}
		if (rep) {
			st = im_buf_puts(b, rep);
			i += l ? l : 1;
		} else {
			st = im_buf_append(b, s + i, l);
			i += l;
		}
	}
	return st;
}

im_status im_buf_num(im_buf *b, double v, int prec)
{
	char tmp[64];
	if (!isfinite(v))
		return im_buf_puts(b, "null");
	if (prec < 0)
		prec = 0;
	if (prec > 15)
		prec = 15;
	snprintf(tmp, sizeof tmp, "%.*f", prec, v);
	char *dot = strchr(tmp, '.');
	if (dot) {
		char *end = tmp + strlen(tmp) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	return im_buf_puts(b, tmp);
}

void im_buf_reset(im_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

char *im_buf_take(im_buf *b)
{
	char *p = b->p;
	if (!p)
		p = calloc(1, 1);
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void im_buf_free(im_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

char *im_strdup(const char *s)
{
	return s ? im_strndup(s, strlen(s)) : NULL;
}

char *im_strndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
