/* fuzz_lexicon.c: libFuzzer target for the lexicon's reader (lexfile.c),
 * which reads the shipped lists and the user's lexicon.tsv. The first byte
 * picks the file: the user's (its first column names the list) or one
 * shipped list's; the rest is the text. What comes out must hold: a read
 * that succeeds gives entries with lower-case, single-spaced keys, each
 * once per list (per group, in a list of groups: one word each, groups 1
 * to 31), a text where the list needs one and a trigger kind that
 * exists; a read that fails names the file and a line of it. */
#include "extract/extract_int.h"
#include "fuzz_util.h"

static void check_entry(const xt_lexent *e, long lines)
{
	const xt_listspec *sp = xt_lex_spec(e->list);
	if (!sp)
		FZ_BUG("an entry of list %u, which does not exist", (unsigned)e->list);
	const char *k = e->e.k;
	if (!*k || k[0] == ' ' || k[strlen(k) - 1] == ' ' || strstr(k, "  "))
		FZ_BUG("key '%s' badly spaced", k);
	for (const char *p = k; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || *p == '\t' || *p == '\n')
			FZ_BUG("key '%s' kept a capital, a tab or a newline", k);
	if ((sp->text == XL_TEXT) != (e->e.s != NULL))
		FZ_BUG("'%s' in %s: a text where none belongs, or none where one must", k,
		       sp->L->name);
	if (sp->text == XL_KIND && !xt_lex_kind_name(e->e.v / 10))
		FZ_BUG("trigger '%s' of kind %d", k, e->e.v / 10);
	if (sp->num == XN_GROUP && (strchr(k, ' ') || e->e.v < 1 || e->e.v > 31))
		FZ_BUG("'%s' in %s: more than one word, or group %d", k, sp->L->name, e->e.v);
	if (e->line < 1 || (long)e->line > lines)
		FZ_BUG("'%s' on line %u of %ld", k, (unsigned)e->line, lines);
}

static void check_once(const xt_lexset *s)
{
	for (size_t i = 0; i < s->n; i++)
		for (size_t j = i + 1; j < s->n && j < i + 64; j++)
			if (xt_lexent_same(&s->v[i], &s->v[j]))
				FZ_BUG("'%s' twice in one list (one group)", s->v[i].e.k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int list = data[0] % (xt_lex_nlists() + 1);
	list = list == 0 ? -1 : list - 1;
	size_t len = size - 1;
	char *text = malloc(len + 1);
	if (!text)
		return 0;
	memcpy(text, data + 1, len);
	text[len] = '\0';
	long lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	xt_lexset s = {0};
	im_error err;
	im_error_clear(&err);
	im_status st = xt_lex_read("fuzz.tsv", text, len, list, &s, &err);
	if (st == IM_OK) {
		for (size_t i = 0; i < s.n; i++)
			check_entry(&s.v[i], lines);
		check_once(&s);
	} else if (st != IM_E_PARSE && st != IM_E_NOMEM) {
		FZ_BUG("status %d", (int)st);
	} else if (st == IM_E_PARSE &&
	           (strcmp(err.file, "fuzz.tsv") != 0 || err.line < 1 || err.line > lines)) {
		FZ_BUG("error at '%s':%ld of %ld lines", err.file, err.line, lines);
	}
	xt_lexset_free(&s);
	free(text);
	return 0;
}
