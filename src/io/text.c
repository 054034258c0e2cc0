/* text.c: the small text codecs of the io stage: JSON strings and numbers
 * out, strict numbers and the dates of ACLED exports in. Independent of
 * the C locale on purpose (no printf/strtod on the hot paths). */
#include "io_int.h"
#include "../core/utf8.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bytes a JSON string takes as they are (ASCII but controls, DEL, '"', '\\'). */
static const unsigned char json_plain[256] = {
#define R8(v) v, v, v, v, v, v, v, v
	R8(0), R8(0), R8(0), R8(0),                   /* 0x00-0x1F */
	1, 1, 0, 1, 1, 1, 1, 1, R8(1), R8(1), R8(1),  /* 0x20-0x3F, '"' */
	R8(1), R8(1), R8(1), 1, 1, 1, 1, 0, 1, 1, 1,  /* 0x40-0x5F, '\\' */
	R8(1), R8(1), R8(1), 1, 1, 1, 1, 1, 1, 1, 0,  /* 0x60-0x7F, DEL */
#undef R8
};

im_status im_io_json_str(im_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (!s)
		return IM_IO_LIT(b, "null");
	size_t n = strlen(s);
	im_status st = im_buf_reserve(b, n + 2);
	if (st)
		return st;
	b->p[b->len++] = '"';
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && json_plain[(unsigned char)s[j]])
			j++;
		if (j > i && (st = im_io_put(b, s + i, j - i)))
			return st;
		i = j;
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		char esc[6] = {'\\', 0, 0, 0, 0, 0};
		size_t k = 2;
		if (c == '"' || c == '\\') {
			esc[1] = (char)c;
		} else if (c == '\n') {
			esc[1] = 'n';
		} else if (c == '\r') {
			esc[1] = 'r';
		} else if (c == '\t') {
			esc[1] = 't';
		} else if (c < 0x20 || c == 0x7F) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			k = 6;
		} else {
			size_t l = im_utf8_seq_len(s + i, n - i);
			if (l == 0) {
				st = im_io_put(b, "\xEF\xBF\xBD", 3);
				i++;
			} else {
				st = im_io_put(b, s + i, l);
				i += l;
			}
			if (st)
				return st;
			continue;
		}
		if ((st = im_io_put(b, esc, k)))
			return st;
		i++;
	}
	return im_io_putc(b, '"');
}

static size_t utoa_rev(unsigned long long v, char *tmp)
{
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return n;
}

im_status im_io_int(im_buf *b, long v)
{
	char tmp[24], out[24];
	size_t n = 0, k;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	if (v < 0)
		out[n++] = '-';
	k = utoa_rev(u, tmp);
	while (k)
		out[n++] = tmp[--k];
	return im_io_put(b, out, n);
}

im_status im_io_num(im_buf *b, double v, int real)
{
	char out[48], tmp[24];
	size_t n = 0, k;
	if (!isfinite(v) || fabs(v) >= 1e12)
		return IM_E_RANGE;
	long long q = llround(v * 1e6);
	if (q < 0) {
		out[n++] = '-';
		q = -q;
	}
	long long ip = q / 1000000, fp = q % 1000000;
	k = utoa_rev((unsigned long long)ip, tmp);
	while (k)
		out[n++] = tmp[--k];
	if (fp) {
		char f[6];
		for (int i = 5; i >= 0; i--) {
			f[i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		int last = 5;
		while (f[last] == '0')
			last--;
		out[n++] = '.';
		memcpy(out + n, f, (size_t)last + 1);
		n += (size_t)last + 1;
	} else if (real) {
		out[n++] = '.';
		out[n++] = '0';
	}
	if (n == 2 && out[0] == '-' && out[1] == '0')
		n = 0, out[n++] = '0';
	if (n == 4 && memcmp(out, "-0.0", 4) == 0)
		memcpy(out, "0.0", 3), n = 3;
	return im_io_put(b, out, n);
}

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

int im_io_parse_num(const char *s, size_t n, double *out)
{
	size_t i = 0;
	int neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	unsigned long long m = 0;
	int digits = 0, sig = 0, exp10 = 0, exact = 1;
	size_t d0 = i;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (sig < 19) {
			m = m * 10 + (unsigned)(s[i] - '0');
			if (m)
				sig++;
		} else {
			exp10++;
			exact = 0;
		}
		i++;
		digits++;
	}
	if (i < n && s[i] == '.') {
		i++;
		size_t f0 = i;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (sig < 19) {
				m = m * 10 + (unsigned)(s[i] - '0');
				if (m)
					sig++;
				exp10--;
			} else {
				exact = 0;
			}
			i++;
		}
		digits += (int)(i - f0);
		if (i == f0 && i - 1 == d0)
			return 0; /* "." alone */
	}
	if (digits == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		int eneg = 0;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		size_t e0 = i;
		long e = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
			i++;
		}
		if (i == e0)
			return 0;
		exp10 += (int)(eneg ? -e : e);
	}
	if (i != n)
		return 0;
	double v;
	/* Clinger's fast path: both exact, so one IEEE operation rounds right. */
	if (exact && m < (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
		v = (double)m;
		v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
	} else {
		char tmp[128];
		if (n >= sizeof tmp)
			return 0;
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		char *end;
		v = strtod(tmp, &end);
		if (*end)
			return 0;
		neg = 0; /* strtod has the sign */
	}
	if (!isfinite(v))
		return 0;
	*out = neg ? -v : v;
	return 1;
}

int im_io_parse_long(const char *s, size_t n, long *out)
{
	size_t i = 0;
	int neg = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i == n)
		return 0;
	long v = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		int d = s[i] - '0';
		if (v > (LONG_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = neg ? -v : v;
	return 1;
}

/* ---- dates ---------------------------------------------------------------- */

static int month_name(const char *s, size_t n)
{
	static const char *const names[] = {"january", "february", "march",     "april",
					    "may",     "june",     "july",      "august",
					    "september", "october", "november", "december"};
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t l = strlen(names[m]);
		if (n == l && strncasecmp(s, names[m], n) == 0)
			return m + 1;
		/* "Dec", "Sept" */
		if (n == 3 && strncasecmp(s, names[m], 3) == 0)
			return m + 1;
		if (n == 4 && m == 8 && strncasecmp(s, "sept", 4) == 0)
			return 9;
	}
	return 0;
}

/* Splits s into up to 3 tokens of digits or letters; separators are
 * ' ', '-', '/', '.', ','. Returns the token count, 0 when too many or
 * something else appears. */
typedef struct tok {
	const char *p;
	size_t n;
	int digits;
} tok;

static int split_date(const char *s, size_t n, tok t[3], char *sep)
{
	int k = 0;
	size_t i = 0;
	*sep = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '-' || c == '/' || c == '.' || c == ',') {
			if (c != ' ' && c != ',' && !*sep)
				*sep = (char)c;
			i++;
			continue;
		}
		if (k == 3)
			return 0;
		size_t j = i;
		int dig = isdigit(c) != 0;
		while (j < n && (dig ? isdigit((unsigned char)s[j]) : isalpha((unsigned char)s[j])))
			j++;
		if (j == i)
			return 0;
		t[k++] = (tok){s + i, j - i, dig};
		i = j;
	}
	return k;
}

static int tok_int(const tok *t, int *v)
{
	long l;
	if (!t->digits || t->n > 4 || !im_io_parse_long(t->p, t->n, &l))
		return 0;
	*v = (int)l;
	return 1;
}

static int year_of(const tok *t, int *y)
{
	if (!tok_int(t, y))
		return 0;
	if (t->n == 2)
		*y += *y <= 69 ? 2000 : 1900; /* "7-Dec-21" as Excel writes it */
	else if (t->n != 4)
		return 0;
	return 1;
}

int im_io_parse_date(const char *s, size_t n, im_date *out)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	/* A time after the date ("2021-12-07T00:00:00", "12/7/2021 0:00") is dropped. */
	for (size_t i = 0; i < n; i++)
		if (s[i] == 'T' && i >= 8 && i + 1 < n && isdigit((unsigned char)s[i + 1])) {
			n = i;
			break;
		}
	for (size_t i = 0; i < n; i++)
		if (s[i] == ':') {
			size_t j = i;
			while (j > 0 && s[j - 1] != ' ')
				j--;
			if (j == 0)
				return 0;
			n = j;
			while (n && s[n - 1] == ' ')
				n--;
			break;
		}
	tok t[3];
	char sep;
	if (split_date(s, n, t, &sep) != 3)
		return 0;
	im_date d = {0, 0, 0};
	int a, b;
	if (t[0].digits && t[0].n == 4) { /* 2021-12-07, 2021/12/07 */
		if (!tok_int(&t[0], &d.y) || !tok_int(&t[1], &d.m) || !tok_int(&t[2], &d.d))
			return 0;
	} else if (t[0].digits && !t[1].digits) { /* 07 December 2021, 7-Dec-21 */
		if (!tok_int(&t[0], &d.d) || !(d.m = month_name(t[1].p, t[1].n)) ||
		    !year_of(&t[2], &d.y))
			return 0;
	} else if (!t[0].digits && t[1].digits) { /* December 7, 2021 */
		if (!(d.m = month_name(t[0].p, t[0].n)) || !tok_int(&t[1], &d.d) ||
		    !year_of(&t[2], &d.y))
			return 0;
	} else if (t[0].digits && t[1].digits && sep == '/') { /* 12/7/2021 */
		if (!tok_int(&t[0], &a) || !tok_int(&t[1], &b) || !year_of(&t[2], &d.y) ||
		    t[0].n > 2 || t[1].n > 2)
			return 0;
		if (a > 12) {
			d.d = a;
			d.m = b;
		} else {
			d.m = a;
			d.d = b;
		}
	} else if (t[0].digits && t[1].digits && sep == '.') { /* 07.12.2021 */
		if (!tok_int(&t[0], &d.d) || !tok_int(&t[1], &d.m) || !year_of(&t[2], &d.y) ||
		    t[2].n != 4)
			return 0;
	} else {
		return 0;
	}
	if (d.y < 1000 || !im_date_valid(d))
		return 0;
	*out = d;
	return 1;
}
