/* lexuser.c: the user's lexicon (lexicon.tsv beside the gazetteer's
 * user.txt): `incimap lexicon add`, `remove` and `list`. The file is
 * rewritten as user.txt is (im_gaz_user_rewrite: locked, atomic, with a
 * backup); its lines are those lexfile.c reads, the list's name first. */
#include "extract_int.h"

#include "core/buf.h"
#include "core/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The kinds `lexicon add` takes: the list an entry goes to, and the
 * number its name and its other names get there (a list of groups: the
 * group --group gives, one word a line, a word in several groups). */
static const struct kind_map {
	const char *kind;
	const char *list;
	int v;
	int groups;
} kinds[] = {
    {"actor", "actors", 0, 0},
    {"outlet", "outlets", 0, 0},
    {"title", "titles", 1, 0},
    {"given-name", "given-names", 0, 0},
    {"demonym", "demonyms", 0, 0},
    {"common-word", "common-words", 0, 0},
    {"people", "common-words", 2, 0},
    {"english-word", "english-words", 0, 0},
    {"place-cue", "place-cues", 0, 1},
    {"event-word", "event-words", 0, 1},
    {"casualty-word", "casualty-words", 0, 1},
    {"trigger-cue", "trigger-cues", 0, 1},
    {"name-cue", "name-cues", 0, 1},
};

static const struct kind_map *kind_named(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].kind, kind) == 0 || strcmp(kinds[i].list, kind) == 0)
			return &kinds[i];
	return NULL;
}

const char *im_lexicon_kinds(void)
{
	return "actor, outlet, title, given-name, demonym, common-word, people, english-word, "
	       "place-cue, event-word, casualty-word, trigger-cue, name-cue";
}

static int name_ok(const char *name, im_error *err)
{
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			im_error_set(err, IM_E_USAGE, NULL, 0, 0,
			             "a name cannot hold a tab, a newline or another control "
			             "character");
			return 0;
		}
	return 1;
}

/* An actor's canonical name as the countries list keys it (place.c looks
 * it up so): lower case (ASCII), one space between words. Caller frees. */
static char *canonical_key(const char *name, im_error *err)
{
	if (!name_ok(name, err))
		return NULL;
	im_buf b = {0};
	int ok = 1;
	for (const char *p = name; *p && ok; p++) {
		if (*p == ' ' && (!b.len || p[1] == ' ' || !p[1]))
			continue;
		ok = im_buf_putc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p)) == IM_OK;
	}
	if (!ok || !b.len) {
		im_error_set(err, ok ? IM_E_USAGE : IM_E_NOMEM, NULL, 0, 0,
		             ok ? "an empty name" : "out of memory");
		im_buf_free(&b);
		return NULL;
	}
	return im_buf_take(&b);
}

/* The key of a name as the matcher compares it: its tokens, lower case,
 * one space apart ("Jama'at Nusrat al-Islam" -> "jama'at nusrat
 * al-islam"). Caller frees; NULL (and err) when the name has no word. */
static char *key_of(const char *name, im_error *err)
{
	if (!name_ok(name, err))
		return NULL;
	xt_doc d;
	if (xt_doc_parse(&d, name, strlen(name)) != IM_OK) {
		im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		return NULL;
	}
	/* from the first word to the last: the matcher starts at a word */
	size_t t0 = 0, t1 = d.ntok;
	while (t0 < t1 && !(d.tok[t0].f & XT_WORD))
		t0++;
	while (t1 > t0 && !(d.tok[t1 - 1].f & XT_WORD))
		t1--;
	im_buf b = {0};
	int ok = 1;
	for (size_t i = t0; i < t1 && ok; i++)
		ok = (i == t0 || im_buf_putc(&b, ' ') == IM_OK) &&
		     im_buf_append(&b, XT_LOW(&d, i), d.tok[i].ll) == IM_OK;
	xt_doc_free(&d);
	if (ok && !b.len)
		im_error_set(err, IM_E_USAGE, NULL, 0, 0, "'%s' has no word to look for", name);
	else if (!ok)
		im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!ok || !b.len) {
		im_buf_free(&b);
		return NULL;
	}
	return im_buf_take(&b);
}

/* An acronym ("JNIM", "M23"): letters all capitals, at least two. */
static int acronym(const char *s)
{
	size_t caps = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			return 0;
		caps += *p >= 'A' && *p <= 'Z';
	}
	return caps >= 2;
}

/* ---- rewriting the file ----------------------------------------------- */

typedef struct newline {
	const char *list;
	char *key;
	int v;
	const char *text;
} newline;

typedef struct edit {
	const struct kind_map *km;
	newline *add;
	size_t nadd;
	const char *remove; /* the name to remove (remove), else NULL */
	int group;          /* remove: only this group of a list of groups (0: all) */
	char *remove_key;   /* its key, and its key as a canonical name */
	char *remove_canon;
	size_t removed;
} edit;

/* Does the user's line (list, key, text) go, given the edit? */
static int line_goes(const edit *ed, const xt_lexent *e)
{
	const char *list = xt_lex_spec(e->list)->L->name;
	/* a word of a list of groups is replaced only in its group */
	for (size_t i = 0; i < ed->nadd; i++)
		if (strcmp(ed->add[i].list, list) == 0 && strcmp(ed->add[i].key, e->e.k) == 0 &&
		    (!ed->km->groups || ed->add[i].v == e->e.v))
			return 1;
	if (!ed->remove)
		return 0;
	if (strcmp(list, ed->km->list) == 0 && (strcmp(e->e.k, ed->remove_key) == 0 ||
	                                        (e->e.s && strcasecmp(e->e.s, ed->remove) == 0)))
		return !ed->group || e->e.v == ed->group;
	/* an actor's countries go with it */
	return strcmp(ed->km->list, "actors") == 0 && strcmp(list, "actor-countries") == 0 &&
	       strcmp(e->e.k, ed->remove_canon) == 0;
}

/* The lines of old (checked: a damaged file is not rewritten), less those
 * the edit replaces or removes, then the new ones. */
static im_status rewrite(void *ud, const char *path, char *old, size_t len, im_buf *out,
                         im_error *err)
{
	edit *ed = ud;
	char *copy = im_strndup(old, len);
	if (!copy)
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	xt_lexset set = {0};
	im_status st = xt_lex_read(path, copy, len, -1, &set, err);
	/* the entries by line: line n is kept unless its entry goes */
	size_t k = 0;
	long no = 0;
	for (size_t pos = 0; !st && pos < len; no++) {
		const char *nl = memchr(old + pos, '\n', len - pos);
		size_t ll = nl ? (size_t)(nl - (old + pos)) + 1 : len - pos;
		while (k < set.n && set.v[k].line < (uint32_t)no + 1)
			k++;
		int goes =
		    k < set.n && set.v[k].line == (uint32_t)no + 1 && line_goes(ed, &set.v[k]);
		if (goes && ed->remove)
			ed->removed++;
		if (!goes && (st = im_buf_append(out, old + pos, ll)) == IM_OK && !nl)
			st = im_buf_putc(out, '\n');
		pos += ll;
	}
	if (!st && ed->remove && !ed->removed)
		st = ed->group
			 ? im_error_set(err, IM_E_NOTFOUND, NULL, 0, 0,
					"no %s '%s' of group %d in your lexicon", ed->km->kind,
					ed->remove, ed->group)
			 : im_error_set(err, IM_E_NOTFOUND, NULL, 0, 0,
					"no %s '%s' in your lexicon (the built-in lists cannot be "
					"changed: add an entry of the same name to replace one)",
					ed->km->kind, ed->remove);
	if (!st && !len)
		st = im_buf_puts(out, "# Your lexicon: words incimap adds to its built-in lists\n"
		                      "# (incimap lexicon add; format: docs/extraction.md).\n");
	for (size_t i = 0; !st && i < ed->nadd; i++) {
		const newline *n = &ed->add[i];
		st = im_buf_printf(out, "%s\t%s", n->list, n->key);
		if (!st && (n->v || n->text))
			st = im_buf_printf(out, "\t%d", n->v);
		if (!st && n->text)
			st = im_buf_printf(out, "\t%s", n->text);
		if (!st)
			st = im_buf_putc(out, '\n');
	}
	if (st == IM_E_NOMEM || st == IM_E_TOO_LARGE)
		im_error_set(err, st, path, 0, 0, "out of memory");
	xt_lexset_free(&set);
	free(copy);
	return st;
}

/* ---- add, remove, list ------------------------------------------------------ */

static im_status push_line(newline *v, size_t *n, const char *list, const char *name, int val,
                           const char *text, im_error *err)
{
	char *key =
	    strcmp(list, "actor-countries") == 0 ? canonical_key(name, err) : key_of(name, err);
	if (!key)
		return err->code;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i].list, list) == 0 && strcmp(v[i].key, key) == 0) {
			free(key); /* "--alt" that is the name again */
			return IM_OK;
		}
	v[(*n)++] = (newline){list, key, val, text};
	return IM_OK;
}

/* "ML" or, when several may be, "ML,BF": codes of two capitals. */
static int codes_ok(const char *s, int several)
{
	for (;;) {
		if (!(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'))
			return 0;
		s += 2;
		if (!*s)
			return 1;
		if (*s != ',' || !several)
			return 0;
		s++;
	}
}

/* --group with a list of groups: given, 1 to 31 (its words: one word a
 * key, checked by plan_add). */
static im_status group_ok(const struct kind_map *km, int group, const char *name, im_error *err)
{
	if (!km->groups)
		return group ? im_error_set(err, IM_E_USAGE, NULL, 0, 0,
					    "--group goes with a word of a list of groups "
					    "(place-cue, event-word, casualty-word, trigger-cue, "
					    "name-cue), not with kind %s",
					    km->kind)
			     : IM_OK;
	if (group < 1 || group > 31)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
				    "%s '%s' wants --group N, 1 to 31 (the groups are in the "
				    "header of lexicon/%s.txt)",
				    km->kind, name, km->list);
	return IM_OK;
}

static im_status plan_add(const im_lexicon_add_req *r, const struct kind_map *km, newline *v,
                          size_t *n, im_error *err)
{
	im_status gs = group_ok(km, r->group, r->name, err);
	if (gs)
		return gs;
	int is_actor = strcmp(km->list, "actors") == 0;
	int is_demonym = strcmp(km->list, "demonyms") == 0;
	if (r->countries && !is_actor && !is_demonym)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "--country goes with an actor or a demonym, not a %s",
		                    km->kind);
	if (is_demonym && !r->countries)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "a demonym wants --country CC (the country it names)");
	if (r->countries && !codes_ok(r->countries, is_actor))
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "--country wants %s, not '%s'",
		                    is_actor ? "ISO country codes (ML or ML,BF)"
		                             : "one ISO country code (ML)",
		                    r->countries);
	const char *text = is_actor ? r->name : is_demonym ? r->countries : NULL;
	int v0 = km->groups ? r->group : km->v;
	im_status st = push_line(v, n, km->list, r->name, v0, text, err);
	for (size_t i = 0; !st && i < r->nalt; i++) {
		int val = is_actor && acronym(r->alt[i]) ? 2 : v0;
		st = push_line(v, n, km->list, r->alt[i], val, text, err);
	}
	/* a list of groups: one word a key ("sniper", not "a sniper") */
	for (size_t i = 0; !st && km->groups && i < *n; i++)
		if (strchr(v[i].key, ' '))
			st = im_error_set(err, IM_E_USAGE, NULL, 0, 0,
					  "%s '%s' is more than one word (a list of groups holds "
					  "one word a line)",
					  km->kind, v[i].key);
	if (!st && is_actor && r->countries)
		st = push_line(v, n, "actor-countries", r->name, 0, r->countries, err);
	return st;
}

im_status im_lexicon_add(const char *gazdir, const im_lexicon_add_req *r, char **path_out,
                         im_error *err)
{
	const struct kind_map *km = kind_named(r->kind);
	if (!km)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "unknown kind '%s' (one of: %s)",
		                    r->kind, im_lexicon_kinds());
	newline *v = calloc(r->nalt + 2, sizeof *v);
	if (!v)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	size_t n = 0;
	im_status st = plan_add(r, km, v, &n, err);
	edit ed = {km, v, n, NULL, 0, NULL, NULL, 0};
	if (!st)
		st = im_gaz_user_rewrite(gazdir, IM_LEXICON_USER_FILE, rewrite, &ed, path_out, err);
	for (size_t i = 0; i < n; i++)
		free(v[i].key);
	free(v);
	return st;
}

im_status im_lexicon_remove(const char *gazdir, const char *kind, const char *name, int group,
                            char **path_out, im_error *err)
{
	const struct kind_map *km = kind_named(kind);
	if (!km)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "unknown kind '%s' (one of: %s)",
		                    kind, im_lexicon_kinds());
	if (group && group_ok(km, group, name, err))
		return err->code;
	edit ed = {km, NULL, 0, name, group, key_of(name, err), canonical_key(name, err), 0};
	if (!ed.remove_key || !ed.remove_canon) {
		free(ed.remove_key);
		free(ed.remove_canon);
		return err->code;
	}
	im_status st =
	    im_gaz_user_rewrite(gazdir, IM_LEXICON_USER_FILE, rewrite, &ed, path_out, err);
	free(ed.remove_key);
	free(ed.remove_canon);
	return st;
}

/* One entry as its file's line (a trigger's number back to STRENGTH and
 * KIND). */
static void print_entry(FILE *fp, const xt_listspec *sp, const xt_lex *e)
{
	fprintf(fp, "%s\t%s", sp->L->name, e->k);
	if (sp->text == XL_KIND)
		fprintf(fp, "\t%d\t%s", e->v % 10, xt_lex_kind_name(e->v / 10));
	else if (e->v || e->s)
		fprintf(fp, "\t%d", e->v);
	if (e->s)
		fprintf(fp, "\t%s", e->s);
	fputc('\n', fp);
}

im_status im_lexicon_list(const char *kind, int all, FILE *fp, im_error *err)
{
	const xt_listspec *only = NULL;
	if (kind) {
		const struct kind_map *km = kind_named(kind);
		only = xt_lex_spec_named(km ? km->list : kind);
		if (!only)
			return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
			                    "unknown kind '%s' (one of: %s, or a list of lexicon/)",
			                    kind, im_lexicon_kinds());
	}
	for (size_t li = 0; li < xt_lex_nlists(); li++) {
		const xt_listspec *sp = xt_lex_spec(li);
		if (only && sp != only)
			continue;
		xt_lex_load();
		for (size_t i = 0; i < sp->L->n; i++)
			if (all || xt_lex_is_users(sp->L, &sp->L->e[i]))
				print_entry(fp, sp, &sp->L->e[i]);
	}
	return IM_OK;
}
