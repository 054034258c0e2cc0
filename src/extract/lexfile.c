/* lexfile.c: reads the lexicon's files: the lists shipped in lexicon/
 * (built into the binary) and the user's lexicon.txt. One entry a line,
 * columns separated by a tab: KEY [NUMBER [TEXT]] (the user's file puts
 * the list's name first); '#' opens a comment line. Every line is checked,
 * and the first bad one stops the read with FILE:LINE. */
#include "extract_int.h"

#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 4096

static const struct {
	const char *name;
	xe_kind kind;
} kind_names[] = {
    {"suicide", XE_SUICIDE},
    {"air", XE_AIR},
    {"shell", XE_SHELL},
    {"grenade", XE_GRENADE},
    {"ied", XE_IED},
    {"abduct", XE_ABDUCT},
    {"sexual", XE_SEXUAL},
    {"attack", XE_ATTACK},
    {"clash", XE_CLASH},
    {"takeover", XE_TAKEOVER},
    {"excessive", XE_EXCESSIVE},
    {"intervened", XE_INTERVENED},
    {"riot", XE_RIOT},
    {"mob", XE_MOB},
    {"protest", XE_PROTEST},
    {"killing", XE_KILLING},
    {"attackword", XE_ATTACKWORD},
    {"disrupted", XE_DISRUPTED},
    {"arrest", XE_ARREST},
    {"loot", XE_LOOT},
    {"hq", XE_HQ},
};

int xt_lex_kind_named(const char *s)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
		if (strcmp(kind_names[i].name, s) == 0)
			return (int)kind_names[i].kind;
	return -1;
}

const char *xt_lex_kind_name(int kind)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
		if ((int)kind_names[i].kind == kind)
			return kind_names[i].name;
	return NULL;
}

/* One line being read: where it is, for messages. */
typedef struct lineref {
	const char *file;
	long line;
	im_error *err;
} lineref;

static im_status bad(const lineref *at, const char *fmt, const char *arg)
{
	return im_error_set(at->err, IM_E_PARSE, at->file, at->line, 0, fmt, arg);
}

/* A key: lower case, single-spaced, no control characters. */
static im_status check_key(const lineref *at, const char *k)
{
	if (!*k)
		return bad(at, "%s", "an empty name");
	if (k[0] == ' ' || k[strlen(k) - 1] == ' ' || strstr(k, "  "))
		return bad(at, "'%s': spaces at an end or doubled", k);
	for (const char *p = k; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			return bad(at, "'%s' is not lower case", k);
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return bad(at, "%s", "a control character in the name");
	}
	return IM_OK;
}

/* NUMBER: empty (0) or an integer of at most four digits. */
static im_status read_number(const lineref *at, const char *s, int *v)
{
	const char *p = s;
	int neg = *p == '-';
	p += neg;
	long n = 0;
	size_t digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 5; p++, digits++)
		n = n * 10 + (*p - '0');
	if (*s && (!digits || *p || digits > 4))
		return bad(at, "'%s' is not a number", s);
	*v = (int)(neg ? -n : n);
	return IM_OK;
}

/* A list of groups: one word a line, in a group from 1 to 31. */
static im_status check_group(const lineref *at, const xt_listspec *sp, const xt_lex *e)
{
	if (strchr(e->k, ' '))
		return bad(at, "'%s': one word a line in this list", e->k);
	if (e->v < 1 || e->v > 31)
		return bad(at, "%s wants a group from 1 to 31 (its header says which)",
		           sp->L->name);
	return IM_OK;
}

/* TEXT: required by some lists, refused by the others; for triggers, the
 * event kind's name, which becomes part of the number. */
static im_status read_text(const lineref *at, const xt_listspec *sp, char *text, xt_lex *e)
{
	if (!text) {
		if (sp->text == XL_NONE)
			return IM_OK;
		return bad(at, "%s needs a third column", sp->L->name);
	}
	if (sp->text == XL_NONE)
		return bad(at, "%s takes no third column", sp->L->name);
	if (!*text)
		return bad(at, "%s", "an empty third column");
	for (const char *p = text; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return bad(at, "%s", "a control character in the third column");
	if (sp->text == XL_TEXT) {
		e->s = text;
		return IM_OK;
	}
	int kind = xt_lex_kind_named(text);
	if (kind < 0)
		return bad(at, "'%s' is not an event kind (lexicon/triggers.txt lists them)", text);
	if (e->v < 1 || e->v > 3)
		return bad(at, "%s", "a trigger's strength is 1, 2 or 3");
	e->v += kind * 10;
	return IM_OK;
}

/* Splits line at its tabs: up to max fields; returns how many (max + 1
 * when there are more). */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	for (char *p = line;; n++) {
		if (n == max)
			return max + 1;
		f[n] = p;
		char *t = strchr(p, '\t');
		if (!t)
			return n + 1;
		*t = '\0';
		p = t + 1;
	}
}

static im_status push(xt_lexset *out, const xt_lexent *e, im_error *err)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 256;
		xt_lexent *v = realloc(out->v, cap * sizeof *v);
		if (!v)
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n++] = *e;
	return IM_OK;
}

/* One line that is neither blank nor a comment. */
static im_status read_line(const lineref *at, char *line, int list, xt_lexset *out)
{
	char *f[5];
	size_t nf = split_tabs(line, f, 4);
	size_t first = 0;
	if (list < 0) {
		const xt_listspec *sp = xt_lex_spec_named(f[0]);
		if (!sp)
			return bad(at, "'%s' is not a lexicon list (see incimap lexicon list)",
			           f[0]);
		list = sp->L->id;
		first = 1;
	}
	const xt_listspec *sp = xt_lex_spec((size_t)list);
	if (nf - first > 3)
		return bad(at, "%s", "more than three columns");
	if (nf - first == 0)
		return bad(at, "%s", "an entry with no name");
	xt_lexent e = {{f[first], 0, NULL}, (uint32_t)list, (uint32_t)at->line};
	im_status st = check_key(at, e.e.k);
	if (st == IM_OK && nf - first > 1) {
		if (sp->num == XN_NONE && *f[first + 1])
			return bad(at, "%s takes no number column", sp->L->name);
		st = read_number(at, f[first + 1], &e.e.v);
	}
	if (st == IM_OK && sp->num == XN_GROUP)
		st = check_group(at, sp, &e.e);
	if (st == IM_OK)
		st = read_text(at, sp, nf - first > 2 ? f[first + 2] : NULL, &e.e);
	return st == IM_OK ? push(out, &e, at->err) : st;
}

int xt_lexent_cmp(const void *a, const void *b)
{
	const xt_lexent *x = a, *y = b;
	if (x->list != y->list)
		return x->list < y->list ? -1 : 1;
	int c = strcmp(x->e.k, y->e.k);
	if (c)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

int xt_lexent_same(const xt_lexent *a, const xt_lexent *b)
{
	return a->list == b->list && strcmp(a->e.k, b->e.k) == 0 &&
	       (xt_lex_spec(a->list)->num != XN_GROUP || a->e.v == b->e.v);
}

/* The nearest line before c[i] (c sorted) that is the same entry; NULL
 * when none. */
static const xt_lexent *earlier(const xt_lexent *c, size_t i)
{
	for (size_t p = i; p-- > 0 && c[p].list == c[i].list && strcmp(c[p].e.k, c[i].e.k) == 0;)
		if (xt_lexent_same(&c[p], &c[i]))
			return &c[p];
	return NULL;
}

/* A key twice in one list of one file (in one group of a list of
 * groups): the second line is the error. */
static im_status check_twice(const char *file, xt_lexset *s, size_t from, im_error *err)
{
	size_t n = s->n - from;
	if (n < 2)
		return IM_OK;
	xt_lexent *v = s->v + from;
	xt_lexent *c = malloc(n * sizeof *c);
	if (!c)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	memcpy(c, v, n * sizeof *c);
	qsort(c, n, sizeof *c, xt_lexent_cmp);
	im_status st = IM_OK;
	for (size_t i = 1; i < n && st == IM_OK; i++) {
		const xt_lexent *p = earlier(c, i);
		if (p)
			st = im_error_set(err, IM_E_PARSE, file, (long)c[i].line, 0,
			                  "'%s' is already in %s (line %u)", c[i].e.k,
			                  xt_lex_spec(c[i].list)->L->name, (unsigned)p->line);
	}
	free(c);
	return st;
}

im_status xt_lex_read(const char *file, char *text, size_t len, int list, xt_lexset *out,
                      im_error *err)
{
	lineref at = {file, 0, err};
	size_t from = out->n;
	for (size_t pos = 0; pos < len;) {
		char *line = text + pos;
		char *nl = memchr(line, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - line) : len - pos;
		pos += ll + 1;
		at.line++;
		if (ll > LINE_MAX_BYTES)
			return bad(&at, "%s", "a line longer than 4096 bytes");
		size_t off;
		if (!im_utf8_valid(line, ll, &off))
			return bad(&at, "%s", "not valid UTF-8 (or a NUL byte)");
		line[ll] = '\0';
		if (ll && line[ll - 1] == '\r')
			line[--ll] = '\0';
		if (line[strspn(line, " \t")] == '\0' || line[0] == '#')
			continue;
		im_status st = read_line(&at, line, list, out);
		if (st != IM_OK)
			return st;
	}
	return check_twice(file, out, from, err);
}

void xt_lexset_free(xt_lexset *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
