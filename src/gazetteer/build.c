/* build.c: compiles the gazetteer's source files into the index blob: places
 * (the highest-precedence file wins for an id), every name of every place
 * under its normalised key, an id table, country names, and the populated
 * places by prominence. */
#include "gaz_int.h"
#include "../core/buf.h"
#include "../core/fsutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- a string-keyed open-addressing map (build time only) ---------------- */

typedef struct smap {
	uint32_t *slot; /* value + 1; 0 = empty */
	uint32_t bits;
	size_t n;
	const char *(*get_key)(void *ud, uint32_t v); /* the key of a value */
	void *ud;
} smap;

static int smap_init(smap *m, uint32_t bits)
{
	m->bits = bits;
	m->n = 0;
	m->slot = calloc((size_t)1 << bits, sizeof *m->slot);
	return m->slot != NULL;
}

static int smap_grow(smap *m)
{
	uint32_t *old = m->slot;
	size_t oldn = (size_t)1 << m->bits;
	if (!smap_init(m, m->bits + 1)) {
		m->slot = old;
		m->bits--;
		return 0;
	}
	size_t mask = ((size_t)1 << m->bits) - 1;
	for (size_t i = 0; i < oldn; i++) {
		if (!old[i])
			continue;
		const char *k = m->get_key(m->ud, old[i] - 1);
		size_t h = gaz_hash(k, strlen(k)) & mask;
		while (m->slot[h])
			h = (h + 1) & mask;
		m->slot[h] = old[i];
		m->n++;
	}
	free(old);
	return 1;
}

/* Finds key; returns its slot (m->slot[i] is 0 when absent). */
static size_t smap_find(const smap *m, const char *k, size_t kl)
{
	size_t mask = ((size_t)1 << m->bits) - 1;
	size_t h = gaz_hash(k, kl) & mask;
	while (m->slot[h]) {
		const char *s = m->get_key(m->ud, m->slot[h] - 1);
		if (strlen(s) == kl && memcmp(s, k, kl) == 0)
			break;
		h = (h + 1) & mask;
	}
	return h;
}

/* ---- build state ---------------------------------------------------------- */

typedef struct bplace {
	char *line;         /* the source line, split in place (owned by a file buffer) */
	gaz_row r;
	int rank;
	int alive;
	uint32_t file;      /* index into the file list */
} bplace;

typedef struct bpost {
	uint32_t key, place, spell;
} bpost;

typedef struct bstate {
	const char *dir;
	gaz_file *files;
	size_t nfiles;
	char **bufs;         /* file contents */
	bplace *pl;
	size_t npl, cappl;
	smap ids;            /* id -> bplace index */
	/* admin1 codes: "CC.code", display name, ASCII name */
	char **a1, **a1n, **a1a;
	size_t na1, capa1, capa1n, capa1a;
	smap a1map;
	/* admin1 display names by (cc, key): "CC\tkey" -> name */
	char **a1k;
	size_t na1k, capa1k;
	smap a1kmap;
	/* alternates: "id\tname" */
	char **alt;
	size_t nalt, capalt;
	/* the output */
	im_buf str;          /* string pool */
	smap strmap;         /* interned strings -> offset list index */
	uint32_t *stroff;
	size_t nstr, capstr;
	smap keymap;         /* normalised key -> key index */
	uint32_t *keystr;    /* key index -> string offset */
	size_t nkeys, capkeys;
	bpost *post;
	size_t npost, cappost;
} bstate;

static const char *id_of(void *ud, uint32_t v)
{
	return ((bstate *)ud)->pl[v].r.c[0];
}
static const char *a1_of(void *ud, uint32_t v)
{
	return ((bstate *)ud)->a1[v];
}
static const char *a1k_of(void *ud, uint32_t v)
{
	return ((bstate *)ud)->a1k[v];
}
static const char *str_of(void *ud, uint32_t v)
{
	bstate *b = ud;
	return b->str.p + b->stroff[v];
}
static const char *key_of(void *ud, uint32_t v)
{
	bstate *b = ud;
	return b->str.p + b->keystr[v];
}

/* 1 when arr (of n elements) has room for one more, else 0 (no memory). */
#define GROW(arr, n, cap) (im_grow(&(arr), &(cap), (n) + 1, sizeof *(arr)) == IM_OK)

/* smap_find for a NUL-terminated key. */
static size_t map_find_str(smap *m, const char *k)
{
	return smap_find(m, k, strlen(k));
}

/* Interns s in the string pool; returns its offset or UINT32_MAX. */
static uint32_t intern(bstate *b, const char *s)
{
	if (!*s)
		return 0;
	size_t kl = strlen(s);
	size_t i = smap_find(&b->strmap, s, kl);
	if (b->strmap.slot[i])
		return b->stroff[b->strmap.slot[i] - 1];
	if (b->str.len + kl + 1 > UINT32_MAX || !GROW(b->stroff, b->nstr, b->capstr))
		return UINT32_MAX;
	uint32_t off = (uint32_t)b->str.len;
	if (im_buf_append(&b->str, s, kl + 1))
		return UINT32_MAX;
	b->stroff[b->nstr] = off;
	b->strmap.slot[i] = (uint32_t)++b->nstr;
	b->strmap.n++;
	if (b->strmap.n * 2 > ((size_t)1 << b->strmap.bits) && !smap_grow(&b->strmap))
		return UINT32_MAX;
	return off;
}

static int add_key(bstate *b, const char *key, size_t kl, uint32_t *out)
{
	size_t i = smap_find(&b->keymap, key, kl);
	if (b->keymap.slot[i]) {
		*out = b->keymap.slot[i] - 1;
		return 1;
	}
	char tmp[GAZ_NAME_MAX];
	memcpy(tmp, key, kl);
	tmp[kl] = '\0';
	uint32_t off = intern(b, tmp);
	if (off == UINT32_MAX || !GROW(b->keystr, b->nkeys, b->capkeys))
		return 0;
	b->keystr[b->nkeys] = off;
	/* intern may have grown the pool; the slot index is still right
	 * because keymap does not depend on it. */
	i = smap_find(&b->keymap, key, kl);
	b->keymap.slot[i] = (uint32_t)++b->nkeys;
	b->keymap.n++;
	*out = (uint32_t)(b->nkeys - 1);
	if (b->keymap.n * 2 > ((size_t)1 << b->keymap.bits) && !smap_grow(&b->keymap))
		return 0;
	return 1;
}

/* Adds name (any spelling) as a name of place p. */
static int add_name(bstate *b, uint32_t p, const char *name, size_t len, int preferred)
{
	char light[GAZ_NAME_MAX], full[GAZ_NAME_MAX];
	size_t ln = gaz_norm_light(name, len, light, sizeof light);
	if (!ln)
		return 1;
	size_t fn = gaz_norm_full(light, ln, full, sizeof full);
	if (!fn)
		return 1;
	uint32_t k;
	if (!add_key(b, full, fn, &k) || !GROW(b->post, b->npost, b->cappost))
		return 0;
	b->post[b->npost].key = k;
	b->post[b->npost].place = p;
	b->post[b->npost].spell = gaz_spell_hash(light, ln) | (preferred ? 1u : 0u);
	b->npost++;
	return 1;
}

static int post_cmp(const void *a, const void *b)
{
	const bpost *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	if (x->spell != y->spell)
		return x->spell < y->spell ? -1 : 1;
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- reading the sources -------------------------------------------------- */

/* A line of admin1.txt (code, name, asciiname, geonameid), cut in place,
 * into b's provinces; 0 when out of memory. */
static int take_admin1(bstate *b, char *line)
{
	char *t1 = strchr(line, '\t');
	if (!t1)
		return 1;
	*t1 = '\0';
	char *nm = t1 + 1, *t2 = strchr(nm, '\t'), *asc = "";
	if (t2) {
		*t2 = '\0';
		asc = t2 + 1;
		char *t3 = strchr(asc, '\t');
		if (t3)
			*t3 = '\0';
	}
	if (!GROW(b->a1, b->na1, b->capa1) || !GROW(b->a1n, b->na1, b->capa1n) ||
	    !GROW(b->a1a, b->na1, b->capa1a))
		return 0;
	b->a1[b->na1] = line;
	b->a1n[b->na1] = nm;
	b->a1a[b->na1] = asc;
	b->na1++;
	return 1;
}

/* A line of an alternate names file (alternateNameId, id, isolanguage,
 * name, ..., isHistoric) into b's other names as "id\tname", rejoined in
 * the line's own memory; links, codes and historic names left out. 0 when
 * out of memory. */
static int take_alternate(bstate *b, char *line)
{
	char *c[8] = {0};
	size_t n = 0;
	for (char *q = line; n < 8;) {
		c[n++] = q;
		char *t = strchr(q, '\t');
		if (!t)
			break;
		*t = '\0';
		q = t + 1;
	}
	if (n < 4 || !c[1][0] || !c[3][0])
		return 1;
	if (strncmp(c[1], "gn:", 3) == 0)
		c[1] += 3;
	static const char *const skip[] = {"link", "post", "iata", "icao", "faac", "abbr",
					   "wkdt", "unlc", "fr_1793", "tcid", NULL};
	int bad = 0;
	for (size_t i = 0; skip[i]; i++)
		bad |= strcmp(c[2], skip[i]) == 0;
	if (bad || (n >= 8 && strcmp(c[7], "1") == 0) || strlen(c[3]) > GAZ_FIELD_MAX)
		return 1;
	if (!GROW(b->alt, b->nalt, b->capalt))
		return 0;
	size_t il = strlen(c[1]);
	memmove(line, c[1], il);
	line[il] = '\t';
	memmove(line + il + 1, c[3], strlen(c[3]) + 1);
	b->alt[b->nalt++] = line;
	return 1;
}

/* A place line (line lineno, ll bytes, of file fi) into b's places: a bad
 * one warned of and skipped; an id given before in a lower file replaced,
 * one given twice in this file the first kept. */
static im_status take_place(bstate *b, size_t fi, char *line, size_t ll, long lineno,
			    im_error *err)
{
	gaz_file *f = &b->files[fi];
	char msg[160];
	if (!GROW(b->pl, b->npl, b->cappl))
		return im_error_set(err, IM_E_NOMEM, f->path, lineno, 0, "out of memory");
	bplace *bp = &b->pl[b->npl];
	const char *why = gaz_row_parse(line, ll, &bp->r, msg, sizeof msg);
	if (why) {
		im_warn(f->path, lineno, "%s; line skipped (see `incimap gazetteer check`)", why);
		return IM_OK;
	}
	bp->line = line;
	bp->rank = f->rank;
	bp->file = (uint32_t)fi;
	bp->alive = 1;
	size_t i = smap_find(&b->ids, bp->r.c[0], strlen(bp->r.c[0]));
	if (b->ids.slot[i]) {
		bplace *old = &b->pl[b->ids.slot[i] - 1];
		if (old->file == fi) {
			im_warn(f->path, lineno, "id %s given twice in this file; the first kept",
				bp->r.c[0]);
			return IM_OK;
		}
		old->alive = 0; /* a later (higher) file wins */
		b->ids.slot[i] = (uint32_t)b->npl + 1;
	} else {
		b->ids.slot[i] = (uint32_t)b->npl + 1;
		b->ids.n++;
	}
	b->npl++;
	if (b->ids.n * 2 > ((size_t)1 << b->ids.bits) && !smap_grow(&b->ids))
		return im_error_set(err, IM_E_NOMEM, f->path, lineno, 0, "out of memory");
	return IM_OK;
}

static im_status read_source(bstate *b, size_t fi, im_error *err)
{
	gaz_file *f = &b->files[fi];
	char *data;
	size_t len;
	im_error e;
	im_status st = gaz_read_source(f->path, &data, &len, &e);
	if (st == IM_E_TOO_LARGE || st == IM_E_PARSE) {
		/* one file past the cap, or a damaged .gz, must not take the
		 * others down with it */
		im_warn(f->path, 0, "%s: file skipped", e.msg);
		return IM_OK;
	}
	if (st) {
		if (err)
			*err = e;
		return st;
	}
	b->bufs[fi] = data;
	long lineno = 0;
	for (char *p = data + gaz_bom(data, len); p < data + len;) {
		size_t ll;
		char *line = gaz_cut_line(&p, data + len, &ll);
		lineno++;
		if (ll == 0 || line[0] == '#')
			continue;
		if (ll > GAZ_LINE_MAX) {
			im_warn(f->path, lineno, "line longer than %u bytes; skipped", GAZ_LINE_MAX);
			continue;
		}
		int ok = 1;
		if (f->type == GAZ_FT_ADMIN1)
			ok = take_admin1(b, line);
		else if (f->type == GAZ_FT_ALTERNATES)
			ok = take_alternate(b, line);
		else if ((st = take_place(b, fi, line, ll, lineno, err)))
			return st;
		if (!ok)
			return im_error_set(err, IM_E_NOMEM, f->path, lineno, 0, "out of memory");
	}
	return IM_OK;
}

/* The admin1 display name for a place: a code resolved through admin1.txt,
 * else a name matched to the country's provinces, else the text itself. */
static const char *admin1_name(bstate *b, const char *cc, const char *a1, char *tmp, size_t cap)
{
	if (!a1[0] || !cc[0])
		return a1;
	snprintf(tmp, cap, "%s.%s", cc, a1);
	size_t i = map_find_str(&b->a1map, tmp);
	if (b->a1map.slot[i]) {
		snprintf(tmp, cap, "%s", b->a1n[b->a1map.slot[i] - 1]);
		return tmp;
	}
	char key[GAZ_NAME_MAX];
	size_t kl = im_gaz_norm(a1, strlen(a1), key, sizeof key);
	snprintf(tmp, cap, "%s\t%.*s", cc, (int)kl, key);
	i = map_find_str(&b->a1kmap, tmp);
	if (b->a1kmap.slot[i]) {
		const char *s = b->a1k[b->a1kmap.slot[i] - 1];
		snprintf(tmp, cap, "%s", s + strlen(s) + 1);
		return tmp;
	}
	return a1;
}

static const gaz_prec *g_sort_places; /* for qsort; the build runs on one thread */

/* Capitals first, then by population, then in file order. */
static int pop_cmp(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	const gaz_prec *x = &g_sort_places[i], *y = &g_sort_places[j];
	int cx = x->kind == IM_KIND_CAPITAL, cy = y->kind == IM_KIND_CAPITAL;
	if (cx != cy)
		return cx ? -1 : 1;
	if (x->pop != y->pop)
		return x->pop > y->pop ? -1 : 1;
	return i < j ? -1 : i > j;
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static void bstate_free(bstate *b)
{
	for (size_t i = 0; i < b->nfiles; i++)
		if (b->bufs)
			free(b->bufs[i]);
	free(b->bufs);
	gaz_files_free(b->files, b->nfiles);
	free(b->pl);
	free(b->ids.slot);
	free(b->a1);
	free(b->a1n);
	free(b->a1a);
	free(b->a1map.slot);
	for (size_t i = 0; i < b->na1k; i++)
		free(b->a1k[i]);
	free(b->a1k);
	free(b->a1kmap.slot);
	free(b->alt);
	im_buf_free(&b->str);
	free(b->strmap.slot);
	free(b->stroff);
	free(b->keymap.slot);
	free(b->keystr);
	free(b->post);
}

#define NOMEM(b) im_error_set(err, IM_E_NOMEM, (b)->dir, 0, 0, "out of memory while compiling")

/* The tables of the index, compiled from the build state. */
typedef struct btables {
	gaz_prec *places;
	size_t np;
	uint32_t *ccname; /* each country code's name, 26 * 26 */
	gaz_key *keys;
	size_t nkeys;
	gaz_post *post;
	size_t npost;
	uint32_t key_bits, id_bits;
	gaz_key *khash; /* the keys themselves are the slots (n == 0: empty) */
	uint32_t *idhash;
	uint32_t *popv; /* the settlements by population */
	size_t npop;
	uint32_t *seatv; /* the provinces' seats */
	size_t nseat;
	gaz_src *src;
} btables;

static void btables_free(btables *t)
{
	free(t->places);
	free(t->ccname);
	free(t->keys);
	free(t->post);
	free(t->khash);
	free(t->idhash);
	free(t->popv);
	free(t->seatv);
	free(t->src);
}

/* The files of dir read into b; b is freed on an error. */
static im_status bstate_load(bstate *b, const char *dir, im_error *err)
{
	memset(b, 0, sizeof *b);
	b->dir = dir;
	im_status st = gaz_files_list(dir, &b->files, &b->nfiles, err);
	if (st)
		return st;
	size_t nplacefiles = 0;
	for (size_t i = 0; i < b->nfiles; i++)
		nplacefiles += b->files[i].type == GAZ_FT_PLACES;
	if (!nplacefiles) {
		bstate_free(b);
		return im_error_set(err, IM_E_NOTFOUND, dir, 0, 0,
		                    "no gazetteer files (*.txt) in this folder");
	}
	b->bufs = calloc(b->nfiles, sizeof *b->bufs);
	b->ids.get_key = id_of, b->ids.ud = b;
	b->a1map.get_key = a1_of, b->a1map.ud = b;
	b->a1kmap.get_key = a1k_of, b->a1kmap.ud = b;
	b->strmap.get_key = str_of, b->strmap.ud = b;
	b->keymap.get_key = key_of, b->keymap.ud = b;
	if (!b->bufs || !smap_init(&b->ids, 16) || !smap_init(&b->strmap, 16) ||
	    !smap_init(&b->keymap, 16) || !smap_init(&b->a1kmap, 10) ||
	    im_buf_putc(&b->str, '\0')) { /* offset 0 is "" */
		bstate_free(b);
		return NOMEM(b);
	}
	for (size_t i = 0; i < b->nfiles; i++) {
		if ((st = read_source(b, i, err))) {
			bstate_free(b);
			return st;
		}
	}
	return IM_OK;
}

/* The province i's names by normalised key: its name, its ASCII name and
 * its code ("IQ.02" written out). 0: out of memory. */
static int admin1_keys(bstate *b, size_t i)
{
	char key[GAZ_NAME_MAX], buf[GAZ_NAME_MAX + 8];
	for (int pass = 0; pass < 3; pass++) {
		const char *nm = pass == 0 ? b->a1n[i] : pass == 1 ? b->a1a[i] : NULL;
		if (pass == 2) {
			/* the code itself, for "IQ.02" written out */
			nm = strchr(b->a1[i], '.');
			nm = nm ? nm + 1 : "";
		}
		size_t kl = im_gaz_norm(nm, strlen(nm), key, sizeof key);
		if (!kl)
			continue;
		int w = snprintf(buf, sizeof buf, "%.2s\t%.*s", b->a1[i], (int)kl, key);
		if (w < 0 || (size_t)w >= sizeof buf)
			continue;
		size_t slot2 = map_find_str(&b->a1kmap, buf);
		if (b->a1kmap.slot[slot2])
			continue;
		if (!GROW(b->a1k, b->na1k, b->capa1k))
			return 0;
		/* "CC\tkey\0display" */
		size_t bl = strlen(buf), nl = strlen(b->a1n[i]);
		char *e = malloc(bl + 1 + nl + 1);
		if (!e)
			return 0;
		memcpy(e, buf, bl + 1);
		memcpy(e + bl + 1, b->a1n[i], nl + 1);
		b->a1k[b->na1k] = e;
		b->a1kmap.slot[slot2] = (uint32_t)++b->na1k;
		b->a1kmap.n++;
		if (b->a1kmap.n * 2 > ((size_t)1 << b->a1kmap.bits) && !smap_grow(&b->a1kmap))
			return 0;
	}
	return 1;
}

/* The admin1 code table, and the provinces' names by normalised key (for
 * admin1 columns written as names, as users do). 0: out of memory. */
static int admin1_tables(bstate *b)
{
	uint32_t bits = 10;
	while (((size_t)1 << bits) < b->na1 * 2 + 2)
		bits++;
	if (!smap_init(&b->a1map, bits))
		return 0;
	for (size_t i = 0; i < b->na1; i++) {
		size_t slot = map_find_str(&b->a1map, b->a1[i]);
		if (!b->a1map.slot[slot]) {
			b->a1map.slot[slot] = (uint32_t)i + 1;
			b->a1map.n++;
		}
		if (!admin1_keys(b, i))
			return 0;
	}
	return 1;
}

/* The place record of bp into p. 0: out of memory. */
static int place_record(bstate *b, const bplace *bp, gaz_prec *p)
{
	const gaz_row *r = &bp->r;
	char a1buf[GAZ_NAME_MAX];
	const char *a1 = admin1_name(b, r->c[8], r->c[10], a1buf, sizeof a1buf);
	/* GeoNames ids are numbers in the files and "gn:N" everywhere else */
	char idbuf[GAZ_FIELD_MAX + 8];
	const char *id = r->c[0];
	if (strspn(id, "0123456789") == strlen(id)) {
		snprintf(idbuf, sizeof idbuf, "gn:%s", id);
		id = idbuf;
	}
	p->id = intern(b, id);
	p->name = intern(b, r->c[1]);
	p->kind = (uint8_t)gaz_kind_of(r->c[6], r->c[7], r->pop);
	if (p->kind == IM_KIND_ADMIN1 && !a1[0])
		a1 = r->c[1];
	p->admin1 = intern(b, a1);
	p->lat = (int32_t)lround(r->lat * 1e6);
	p->lon = (int32_t)lround(r->lon * 1e6);
	p->flags = (uint8_t)(bp->rank == 3   ? GAZ_F_USER
	                     : bp->rank == 2 ? GAZ_F_IMPORT
	                     : bp->rank == 1 ? GAZ_F_CURATED
	                                     : 0);
	if (b->files[bp->file].detail)
		p->flags |= GAZ_F_DETAIL;
	if (r->c[6][0] == 'P' && (strcmp(r->c[7], "PPLA") == 0 || strcmp(r->c[7], "PPLC") == 0))
		p->flags |= GAZ_F_SEAT1;
	p->cc[0] = r->c[8][0];
	p->cc[1] = r->c[8][0] ? r->c[8][1] : 0;
	p->pop = r->pop;
	return !(p->id == UINT32_MAX || p->name == UINT32_MAX || p->admin1 == UINT32_MAX);
}

/* The names of place pi (row r) as keys: its name, ASCII name, the other
 * names of its row and its alternates. 0: out of memory. */
static int place_names(bstate *b, uint32_t pi, gaz_row *r)
{
	int oom = 0;
	oom |= !add_name(b, pi, r->c[1], strlen(r->c[1]), 1);
	if (r->c[2][0] && strcmp(r->c[2], r->c[1]))
		oom |= !add_name(b, pi, r->c[2], strlen(r->c[2]), 0);
	for (char *s = r->c[3]; *s && !oom;) {
		char *comma = strchr(s, ',');
		size_t l = comma ? (size_t)(comma - s) : strlen(s);
		oom |= !add_name(b, pi, s, l, 0);
		s += l + (comma != NULL);
	}
	if (!b->nalt)
		return !oom;
	/* the first "id\t..." at or after id */
	const char *rid = r->c[0];
	size_t il = strlen(rid), lo = 0, hi = b->nalt;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(b->alt[mid], rid, il);
		if (c < 0 || (c == 0 && b->alt[mid][il] < '\t'))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nalt && strncmp(b->alt[lo], rid, il) == 0 && b->alt[lo][il] == '\t'; lo++) {
		const char *nm = b->alt[lo] + il + 1;
		oom |= !add_name(b, pi, nm, strlen(nm), 0);
	}
	return !oom;
}

/* The records of the places alive, and the names of the countries. 0: out
 * of memory. */
static int compile_places(bstate *b, btables *t, size_t nalive)
{
	t->places = calloc(nalive ? nalive : 1, sizeof *t->places);
	t->ccname = calloc(26 * 26, sizeof *t->ccname);
	if (!t->places || !t->ccname)
		return 0;
	for (size_t i = 0; i < b->npl; i++) {
		bplace *bp = &b->pl[i];
		if (!bp->alive)
			continue;
		gaz_prec *p = &t->places[t->np];
		if (!place_record(b, bp, p))
			return 0;
		if (p->kind == IM_KIND_COUNTRY && p->cc[0])
			t->ccname[(p->cc[0] - 'A') * 26 + (p->cc[1] - 'A')] = p->name;
		if (!place_names(b, (uint32_t)t->np, &bp->r))
			return 0;
		t->np++;
	}
	return 1;
}

/* The postings, grouped by key (duplicates dropped), and the tables the
 * hashing fills. 0: out of memory. */
static int compile_postings(bstate *b, btables *t)
{
	if (b->npost)
		qsort(b->post, b->npost, sizeof *b->post, post_cmp);
	t->nkeys = b->nkeys;
	t->keys = calloc(t->nkeys ? t->nkeys : 1, sizeof *t->keys);
	t->post = calloc(b->npost ? b->npost : 1, sizeof *t->post);
	t->key_bits = 4;
	while (((size_t)1 << t->key_bits) < t->nkeys * 2 + 2)
		t->key_bits++;
	t->id_bits = 4;
	while (((size_t)1 << t->id_bits) < t->np * 2 + 2)
		t->id_bits++;
	t->khash = calloc((size_t)1 << t->key_bits, sizeof *t->khash);
	t->idhash = calloc((size_t)1 << t->id_bits, sizeof *t->idhash);
	t->popv = malloc((t->np ? t->np : 1) * sizeof *t->popv);
	t->seatv = malloc((t->np ? t->np : 1) * sizeof *t->seatv);
	if (!t->keys || !t->post || !t->khash || !t->idhash || !t->popv || !t->seatv)
		return 0;
	for (size_t i = 0; i < b->npost; i++) {
		bpost *q = &b->post[i];
		if (i && q->key == b->post[i - 1].key && q->place == b->post[i - 1].place &&
		    q->spell == b->post[i - 1].spell)
			continue;
		gaz_key *k = &t->keys[q->key];
		if (!k->n)
			k->post = (uint32_t)t->npost;
		k->n++;
		t->post[t->npost].place = q->place;
		t->post[t->npost].spell = q->spell;
		t->npost++;
	}
	return 1;
}

/* The keys' hash table: a lookup touches one slot, not a slot and then a
 * key. */
static void hash_keys(const bstate *b, btables *t)
{
	size_t kmask = ((size_t)1 << t->key_bits) - 1;
	for (size_t i = 0; i < t->nkeys; i++) {
		const char *s = b->str.p + b->keystr[i];
		size_t l = strlen(s);
		t->keys[i].str = b->keystr[i];
		t->keys[i].hash = gaz_hash(s, l);
		size_t h = t->keys[i].hash & kmask;
		while (t->khash[h].n)
			h = (h + 1) & kmask;
		t->khash[h] = t->keys[i];
	}
}

/* The places' id hash, their seats, and the settlements by population. */
static void hash_places(const bstate *b, btables *t)
{
	size_t imask = ((size_t)1 << t->id_bits) - 1;
	for (size_t i = 0; i < t->np; i++) {
		if (t->places[i].flags & GAZ_F_SEAT1)
			t->seatv[t->nseat++] = (uint32_t)i;
		const char *s = b->str.p + t->places[i].id;
		size_t h = gaz_hash(s, strlen(s)) & imask;
		while (t->idhash[h])
			h = (h + 1) & imask;
		t->idhash[h] = (uint32_t)i + 1;
		im_kind k = (im_kind)t->places[i].kind;
		if (k == IM_KIND_CAPITAL || k == IM_KIND_ADMIN_SEAT || k == IM_KIND_CITY ||
		    k == IM_KIND_TOWN || k == IM_KIND_VILLAGE)
			t->popv[t->npop++] = (uint32_t)i;
	}
	g_sort_places = t->places;
	if (t->npop)
		qsort(t->popv, t->npop, sizeof *t->popv, pop_cmp);
	g_sort_places = NULL;
}

/* The source files, as the index records them. 0: out of memory. */
static int compile_sources(bstate *b, btables *t)
{
	t->src = calloc(b->nfiles ? b->nfiles : 1, sizeof *t->src);
	if (!t->src)
		return 0;
	for (size_t i = 0; i < b->nfiles; i++) {
		t->src[i].name = intern(b, b->files[i].name);
		t->src[i].size = b->files[i].size;
		t->src[i].mtime_ns = b->files[i].mtime_ns;
		t->src[i].ino = b->files[i].ino;
		if (t->src[i].name == UINT32_MAX)
			return 0;
	}
	return 1;
}

/* The index blob of the tables, sealed; NULL: out of memory. */
static unsigned char *write_blob(const bstate *b, const btables *t, size_t *size)
{
	size_t off = align8(sizeof(gaz_hdr));
	gaz_hdr h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, GAZ_MAGIC, 8);
	h.version = GAZ_VERSION;
	h.endian = GAZ_ENDIAN;
	h.n_places = (uint32_t)t->np;
	h.n_keys = (uint32_t)t->nkeys;
	h.n_post = (uint32_t)t->npost;
	h.key_bits = t->key_bits;
	h.id_bits = t->id_bits;
	h.n_pop = (uint32_t)t->npop;
	h.n_sources = (uint32_t)b->nfiles;
	h.n_admin1 = (uint32_t)b->na1;
	h.n_seat = (uint32_t)t->nseat;
	h.off_places = off, off = align8(off + t->np * sizeof(gaz_prec));
	h.off_post = off, off = align8(off + t->npost * sizeof(gaz_post));
	h.off_khash = off, off = align8(off + ((size_t)1 << t->key_bits) * sizeof(gaz_key));
	h.off_idhash = off, off = align8(off + ((size_t)1 << t->id_bits) * 4);
	h.off_pop = off, off = align8(off + t->npop * 4);
	h.off_seat = off, off = align8(off + t->nseat * 4);
	h.off_cc = off, off = align8(off + 26 * 26 * 4);
	h.off_sources = off, off = align8(off + b->nfiles * sizeof(gaz_src));
	h.off_str = off;
	h.str_size = b->str.len;
	off = align8(off + b->str.len);
	h.size = off;
	unsigned char *blob = calloc(1, off);
	if (!blob)
		return NULL;
	memcpy(blob, &h, sizeof h);
	memcpy(blob + h.off_places, t->places, t->np * sizeof(gaz_prec));
	memcpy(blob + h.off_post, t->post, t->npost * sizeof(gaz_post));
	memcpy(blob + h.off_khash, t->khash, ((size_t)1 << t->key_bits) * sizeof(gaz_key));
	memcpy(blob + h.off_idhash, t->idhash, ((size_t)1 << t->id_bits) * 4);
	memcpy(blob + h.off_pop, t->popv, t->npop * 4);
	memcpy(blob + h.off_seat, t->seatv, t->nseat * 4);
	memcpy(blob + h.off_cc, t->ccname, 26 * 26 * 4);
	memcpy(blob + h.off_sources, t->src, b->nfiles * sizeof(gaz_src));
	memcpy(blob + h.off_str, b->str.p, b->str.len);
	gaz_seal(blob, off);
	*size = off;
	return blob;
}

im_status gaz_compile(const char *dir, void **blob_out, size_t *size_out, im_error *err)
{
	*blob_out = NULL;
	*size_out = 0;
	bstate b;
	im_status st = bstate_load(&b, dir, err);
	if (st)
		return st;
	if (!admin1_tables(&b)) {
		bstate_free(&b);
		return NOMEM(&b);
	}
	/* alternates sorted by id, so each place finds its own with a search */
	if (b.nalt)
		qsort(b.alt, b.nalt, sizeof *b.alt, str_cmp);
	size_t nalive = 0;
	for (size_t i = 0; i < b.npl; i++)
		nalive += b.pl[i].alive;
	if (nalive >= UINT32_MAX / 2) {
		bstate_free(&b);
		return im_error_set(err, IM_E_TOO_LARGE, dir, 0, 0, "too many places");
	}
	btables t;
	memset(&t, 0, sizeof t);
	unsigned char *blob = NULL;
	size_t size = 0;
	if (compile_places(&b, &t, nalive) && compile_postings(&b, &t)) {
		hash_keys(&b, &t);
		hash_places(&b, &t);
		if (compile_sources(&b, &t))
			blob = write_blob(&b, &t, &size);
	}
	btables_free(&t);
	bstate_free(&b);
	if (!blob)
		return NOMEM(&b);
	*blob_out = blob;
	*size_out = size;
	return IM_OK;
}
