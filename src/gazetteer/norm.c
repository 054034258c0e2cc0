/* norm.c: the one name normaliser, for gazetteer names and names found in
 * text alike, so that every spelling of a place meets in the same key. */
#include "gaz_int.h"
#include "../core/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

uint32_t gaz_hash(const char *s, size_t n)
{
	/* FNV-1a: short keys, no adversary; cheap and good enough. */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int is_apostrophe(int32_t c)
{
	switch (c) {
	case '\'': case '`': case 0xB4: case 0x2018: case 0x2019: case 0x201B:
	case 0x2032: case 0x2B9: case 0x2BB: case 0x2BC: case 0x2BD: case 0x2BE:
	case 0x2BF: case 0x2C8: case 0x55A: case 0xFF07:
		return 1;
	}
	return 0;
}

/* Letters that Unicode does not decompose but that a reader takes as
 * variants: Arabic letter forms, and a few Latin letters with strokes.
 * Returns 0 to drop the character, -1 to keep it, else its replacement
 * (two ASCII letters packed as LIG | c1 | c2 << 8 for the ligatures). */
#define LIG 0x1000000
static int32_t fold_extra(int32_t c)
{
	if (c >= 0x660 && c <= 0x669)
		return '0' + (c - 0x660);
	if (c >= 0x6F0 && c <= 0x6F9)
		return '0' + (c - 0x6F0);
	switch (c) {
	case 0x629: case 0x6D5: case 0x6C1: case 0x6BE: case 0x6C0: /* taa marbuta, Kurdish ae, heh forms */
		return 0x647;
	case 0x649: case 0x6CC: case 0x6D2: case 0x6D0: /* alef maqsura, Farsi yeh, yeh barree */
		return 0x64A;
	case 0x6A9: case 0x6AA: /* keheh */
		return 0x643;
	case 0x671: case 0x672: case 0x673: case 0x675: /* alef wasla, wavy hamza */
		return 0x627;
	case 0x640: case 0x621: /* tatweel, lone hamza */
		return 0;
	case 0xF8: return 'o';
	case 0x111: case 0xF0: return 'd';
	case 0x127: return 'h';
	case 0x131: return 'i';
	case 0x142: case 0x140: return 'l';
	case 0x167: return 't';
	case 0x1B6: return 'z';
	case 0xFE: return LIG | 't' | 'h' << 8;
	case 0xE6: return LIG | 'a' | 'e' << 8;
	case 0x153: return LIG | 'o' | 'e' << 8;
	}
	return -1;
}

/* Appends a code point as UTF-8; returns the new length, or cap when full. */
static size_t put_cp(char *out, size_t n, size_t cap, int32_t c)
{
	unsigned char tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char(c, tmp);
	if (k <= 0 || n + (size_t)k >= cap)
		return cap;
	memcpy(out + n, tmp, (size_t)k);
	return n + (size_t)k;
}

static size_t light_ascii(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	int space = 1; /* drops leading spaces and runs of them */
	for (size_t i = 0; i < len && n + 1 < cap; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[n++] = (char)c;
			space = 0;
		} else if (c == '\'' || c == '`') {
			continue;
		} else if (!space) {
			out[n++] = ' ';
			space = 1;
		}
	}
	if (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

size_t gaz_norm_light(const char *in, size_t len, char *out, size_t cap)
{
	if (!cap)
		return 0;
	len = strnlen(in, len); /* a NUL ends the name */
	size_t i;
	for (i = 0; i < len; i++)
		if ((unsigned char)in[i] >= 0x80)
			break;
	if (i == len)
		return light_ascii(in, len, out, cap);

	/* Invalid bytes become spaces, so that a broken name still matches on
	 * its good words; a NUL ends the name. */
	char *clean = NULL;
	size_t bad;
	if (!im_utf8_valid(in, len, &bad)) {
		clean = malloc(len + 1);
		if (!clean) {
			out[0] = '\0';
			return 0;
		}
		size_t k = 0;
		for (size_t j = 0; j < len;) {
			size_t sl = in[j] ? im_utf8_seq_len(in + j, len - j) : 0;
			if (!in[j])
				break;
			if (sl == 0) {
				clean[k++] = ' ';
				j++;
			} else {
				memcpy(clean + k, in + j, sl);
				k += sl;
				j += sl;
			}
		}
		in = clean;
		len = k;
	}
	utf8proc_int32_t stackbuf[512], *buf = stackbuf;
	utf8proc_option_t opt = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
				UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP;
	utf8proc_ssize_t m = utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len,
						buf, 512, opt);
	if (m > 512) {
		buf = malloc((size_t)m * sizeof *buf);
		if (buf)
			m = utf8proc_decompose((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)len,
					       buf, m, opt);
	}
	size_t n = 0;
	if (buf && m > 0) {
		int space = 1;
		for (utf8proc_ssize_t j = 0; j < m && n + 1 < cap; j++) {
			int32_t c = buf[j];
			if (is_apostrophe(c))
				continue;
			int32_t f = fold_extra(c);
			if (f == 0)
				continue;
			if (f >= LIG) {
				if (n + 3 >= cap)
					break;
				out[n++] = (char)(f & 0xFF);
				out[n++] = (char)((f >> 8) & 0xFF);
				space = 0;
				continue;
			}
			if (f > 0)
				c = f;
			utf8proc_category_t cat = utf8proc_category(c);
			int keep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
				   (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
			if (keep) {
				size_t k = put_cp(out, n, cap, c);
				if (k == cap)
					break;
				n = k;
				space = 0;
			} else if (!space) {
				out[n++] = ' ';
				space = 1;
			}
		}
		if (n && out[n - 1] == ' ')
			n--;
	}
	if (buf != stackbuf)
		free(buf);
	free(clean);
	out[n] = '\0';
	return n;
}

/* ---- the second level ------------------------------------------------------ */

static const char *const descriptors[] = {
	"governorate", "governate", "province", "district", "city", "muhafazat",
	"muhafazah", "muhafaza", "mohafazat", "muhafadha", "qadha", "qada", "qadaa",
	"nahiya", "nahiyah", "nahiyat", "ostan",
	"\xd9\x85\xd8\xad\xd8\xa7\xd9\x81\xd8\xb8\xd9\x87",  /* muhafazah (after folding) */
	"\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86\xd9\x87",          /* madinah */
	"\xd9\x82\xd8\xb6\xd8\xa7",                          /* qadha */
	"\xd9\x86\xd8\xa7\xd8\xad\xd9\x8a\xd9\x87",          /* nahiyah */
	NULL};

static int tok_is(const char *t, size_t n, const char *w)
{
	if (n && t[0] != w[0]) /* most words asked: no strlen, no memcmp */
		return 0;
	return strlen(w) == n && memcmp(t, w, n) == 0;
}

static int is_descriptor(const char *t, size_t n)
{
	for (size_t i = 0; descriptors[i]; i++)
		if (tok_is(t, n, descriptors[i]))
			return 1;
	return 0;
}

/* The article before a word: al-/el- always; the assimilated forms
 * (as-Samawah, ash-Shatra, an-Najaf...) only before their own letter. */
static int is_article(const char *t, size_t n, const char *next, size_t nn)
{
	if (tok_is(t, n, "al") || tok_is(t, n, "el"))
		return 1;
	static const char *const sun[] = {"as", "ash", "ad", "adh", "ar", "az", "at", "ath",
					  "an", NULL};
	for (size_t i = 0; sun[i]; i++) {
		if (!tok_is(t, n, sun[i]))
			continue;
		size_t k = n - 1; /* the consonant(s) after the 'a' */
		return nn > k && memcmp(next, t + 1, k) == 0;
	}
	return 0;
}

/* "northern", "southern", "eastern", "western" */
static int compass_adj(const char *t, size_t n)
{
	return tok_is(t, n, "northern") || tok_is(t, n, "southern") || tok_is(t, n, "eastern") ||
	       tok_is(t, n, "western");
}

static int is_ascii_tok(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t[i] >= 0x80)
			return 0;
	return 1;
}

/* Folds one Latin word: ou/oo -> u, ee -> i, ay -> ai before a consonant,
 * dh -> th, q -> k, final -ah -> -a. Doubled letters are folded later, over
 * the joined key. */
static size_t translit(const char *t, size_t n, char *o)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = t[i], d = i + 1 < n ? t[i + 1] : 0;
		if ((c == 'o' && (d == 'u' || d == 'o'))) {
			o[k++] = 'u';
			i++;
		} else if (c == 'e' && d == 'e') {
			o[k++] = 'i';
			i++;
		} else if (c == 'a' && d == 'y' && (i + 2 >= n || !strchr("aeiouy", t[i + 2]))) {
			/* ay before a consonant or at the end is ai: Nukhayb and
			 * Nukhaib, Zubayr and Zubair, Husaybah and Husaibah (not
			 * before a vowel: "Bayan" keeps its y) */
			o[k++] = 'a';
			o[k++] = 'i';
			i++;
		} else if (c == 'd' && d == 'h') {
			o[k++] = 't';
			o[k++] = 'h';
			i++;
		} else if (c == 'q') {
			o[k++] = 'k';
		} else {
			o[k++] = c;
		}
	}
	if (k > 3 && o[k - 1] == 'h' && o[k - 2] == 'a')
		k--;
	return k;
}

size_t gaz_norm_full(const char *light, size_t len, char *out, size_t cap)
{
	if (!cap)
		return 0;
	enum { MAXTOK = 48 };
	const char *tok[MAXTOK];
	size_t tl[MAXTOK], nt = 0;
	for (size_t i = 0; i < len && nt < MAXTOK;) {
		while (i < len && light[i] == ' ')
			i++;
		size_t s = i;
		while (i < len && light[i] != ' ')
			i++;
		if (i > s) {
			tok[nt] = light + s;
			tl[nt++] = i - s;
		}
	}
	char drop[MAXTOK] = {0};
	size_t kept = nt;
	/* Descriptors ("Basra Governorate", "Muhafazat Dhi Qar", "Ostan-e
	 * Kerman"), when something is left. */
	for (size_t i = 0; i < nt && kept > 1; i++) {
		if (!is_descriptor(tok[i], tl[i]))
			continue;
		drop[i] = 1;
		kept--;
		if (i + 2 < nt && (tok_is(tok[i + 1], tl[i + 1], "of") ||
				   (tok_is(tok[i], tl[i], "ostan") && tok_is(tok[i + 1], tl[i + 1], "e")))) {
			drop[i + 1] = 1;
			kept--;
			i++;
		}
	}
	/* Articles, before a following word. */
	for (size_t i = 0; i + 1 < nt && kept > 1; i++) {
		if (drop[i])
			continue;
		size_t j = i + 1;
		while (j < nt && drop[j])
			j++;
		if (j < nt && is_article(tok[i], tl[i], tok[j], tl[j])) {
			drop[i] = 1;
			kept--;
		}
	}
	size_t n = 0;
	for (size_t i = 0; i < nt; i++) {
		if (drop[i])
			continue;
		const char *t = tok[i];
		size_t l = tl[i];
		if (is_ascii_tok(t, l)) {
			if (n + 2 * l + 1 >= cap)
				break;
			/* a compass adjective before a name is its point: "Northern
			 * Darfur", "North Darfur" (not a name that is only the
			 * adjective: "Eastern", a town) */
			if (kept > 1 && compass_adj(t, l))
				l -= 3;
			n += translit(t, l, out + n);
			continue;
		}
		/* Arabic article: a word of four letters or more that starts with
		 * alef-lam (2 bytes each). */
		if (l >= 8 && memcmp(t, "\xd8\xa7\xd9\x84", 4) == 0) {
			t += 4;
			l -= 4;
		}
		if (n + l + 1 >= cap)
			break;
		memcpy(out + n, t, l);
		n += l;
	}
	/* Doubled Latin letters: Samarra/Samara, Hillah/Hilla, Tall/Tal. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = out[i];
		if (k && c == out[k - 1] && c >= 'a' && c <= 'z')
			continue;
		out[k++] = c;
	}
	out[k] = '\0';
	return k;
}

uint32_t gaz_spell_hash(const char *light, size_t len)
{
	size_t a = 0;
	while (a < len && light[a] != ' ' && light[a] != '-')
		a++;
	size_t b = a;
	while (b < len && (light[b] == ' ' || light[b] == '-'))
		b++;
	size_t c = b;
	while (c < len && light[c] != ' ')
		c++;
	if (a < len && b < len && c > b && is_article(light, a, light + b, c - b))
		return (gaz_hash(light + b, len - b) & ~3u) | GAZ_SPELL_ART;
	return gaz_hash(light, len) & ~3u;
}

size_t im_gaz_norm(const char *in, size_t len, char *out, size_t cap)
{
	char light[GAZ_NAME_MAX];
	size_t n = gaz_norm_light(in, len, light, sizeof light);
	return gaz_norm_full(light, n, out, cap);
}
