/* fuzz_gaz_source.c: libFuzzer target for the gazetteer's source files and
 * the commands that edit them. The input, cut at form feeds, gives
 * places.txt (shipped places, 19 GeoNames columns), admin1.txt,
 * alternates.txt and user.txt (the user's own places) in a scratch folder.
 * Then: every line through the row parser alone; the folder compiled (the
 * index must attach, and every line the parser takes must be found by its
 * id and by its name); `gazetteer check` and `list`; and `gazetteer add`
 * and `remove` of one entry, which must keep every byte of the user file
 * that was there (never lose an entry) and leave it whole when they fail. */
#include "fuzz_util.h"
#include "core/fsutil.h"
#include "gazetteer/gaz_int.h"

#include <dirent.h>

static FILE *devnull;

static const char *const files[] = {"places.txt", "admin1.txt", "alternates.txt", "user.txt"};

static void clean(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		abort();
	struct dirent *e;
	char path[512];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
}

static char *slurp(const char *path, size_t *len)
{
	char *p;
	im_error e;
	if (!im_file_exists(path)) {
		*len = 0;
		return NULL;
	}
	if (im_read_file(path, 1u << 26, &p, len, &e) != IM_OK)
		FZ_BUG("cannot read back %s: %s", path, e.msg);
	return p;
}

typedef struct seen {
	char id[GAZ_FIELD_MAX + 1];
	char name[GAZ_FIELD_MAX + 1];
	int first; /* the first line with this id in its file */
} seen;

/* The lines of one part the row parser takes (at most max). */
static size_t parse_rows(const char *p, size_t n, seen *out, size_t max)
{
	size_t k = 0;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3, n -= 3;
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t l = nl ? (size_t)(nl - p) : n;
		if (l && p[0] != '#' && l <= GAZ_LINE_MAX) {
			char *line = fz_str((const uint8_t *)p, l);
			gaz_row r;
			char msg[160];
			if (!memchr(p, 0, l) && !gaz_row_parse(line, l, &r, msg, sizeof msg) && k < max) {
				snprintf(out[k].id, sizeof out[k].id, "%s%s",
					 strspn(r.c[0], "0123456789") == strlen(r.c[0]) ? "gn:" : "",
					 r.c[0]);
				snprintf(out[k].name, sizeof out[k].name, "%s", r.c[1]);
				out[k].first = 1;
				for (size_t j = 0; j < k; j++)
					if (strcmp(out[j].id, out[k].id) == 0)
						out[k].first = 0; /* the first line of an id is kept */
				k++;
			}
			free(line);
		}
		p += l + (nl != NULL);
		n -= l + (nl != NULL);
	}
	return k;
}

static void add_remove(const char *dir)
{
	char path[512];
	snprintf(path, sizeof path, "%s/user.txt", dir);
	size_t oldlen, newlen;
	char *old = slurp(path, &oldlen);
	im_gaz_entry en;
	memset(&en, 0, sizeof en);
	en.name = "Fuzz Checkpoint";
	en.lat = 12.5;
	en.lon = -45.25;
	en.kind = IM_KIND_SITE;
	en.alt = "Fuzz Gate|Fuzz Post";
	char id[256];
	im_error e;
	im_status st = im_gaz_add(dir, &en, id, sizeof id, &e);
	char *now = slurp(path, &newlen);
	if (st != IM_OK) {
		if (newlen != oldlen || (oldlen && memcmp(old, now, oldlen) != 0))
			FZ_BUG("a failed add (%s) changed user.txt", e.msg);
	} else {
		if (newlen <= oldlen || (oldlen && memcmp(old, now, oldlen) != 0))
			FZ_BUG("add %s did not keep the user file's bytes", id);
		im_gaz *g;
		if (im_gaz_open(dir, &g, &e) != IM_OK)
			FZ_BUG("the gazetteer does not open after add %s: %s", id, e.msg);
		if (!im_gaz_get(g, id, NULL))
			FZ_BUG("the entry just added (%s) is not found by its id", id);
		im_gaz_cand c;
		if (!im_gaz_lookup(g, "Fuzz Gate", 9, NULL, &c, 1))
			FZ_BUG("the entry just added (%s) is not found by its other name", id);
		im_gaz_free(g);
		free(now);
		if (im_gaz_remove(dir, id, &e) != IM_OK)
			FZ_BUG("cannot remove the entry just added (%s): %s", id, e.msg);
		now = slurp(path, &newlen);
		if (newlen < oldlen || (oldlen && memcmp(old, now, oldlen) != 0))
			FZ_BUG("remove %s did not keep the other entries' bytes", id);
	}
	free(old);
	free(now);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	im_set_warn_hook(fz_quiet, NULL);
	const char *dir = fz_scratch();
	clean(dir);
	/* the parts */
	const char *p = (const char *)data, *end = p + size;
	seen rows[2][64];
	size_t nrows[2] = {0, 0};
	for (int part = 0; part < 4 && p <= end; part++) {
		const char *ff = memchr(p, '\f', (size_t)(end - p));
		size_t n = ff ? (size_t)(ff - p) : (size_t)(end - p);
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, files[part]);
		fz_write(path, p, n);
		if (part == 0 || part == 3)
			nrows[part == 3] = parse_rows(p, n, rows[part == 3], 64);
		if (!ff)
			break;
		p = ff + 1;
	}
	/* compile; what compiles must attach, and hold every good line */
	void *blob;
	size_t bsize;
	im_error e;
	if (gaz_compile(dir, &blob, &bsize, &e) == IM_OK) {
		im_gaz g;
		memset(&g, 0, sizeof g);
		if (!gaz_attach(&g, blob, bsize))
			FZ_BUG("the compiled index does not attach");
		for (int f = 0; f < 2; f++)
			for (size_t i = 0; i < nrows[f]; i++) {
				if (!im_gaz_get(&g, rows[f][i].id, NULL))
					FZ_BUG("a good line's id %s is lost", rows[f][i].id);
				/* a name may be lost only to the id's first line in the
				 * file, or to user.txt, which wins over places.txt */
				int shadowed = !rows[f][i].first;
				for (size_t j = 0; f == 0 && j < nrows[1]; j++)
					shadowed |= strcmp(rows[1][j].id, rows[0][i].id) == 0;
				if (shadowed)
					continue;
				char key[GAZ_NAME_MAX];
				const char *nm = rows[f][i].name;
				im_gaz_cand c;
				if (im_gaz_norm(nm, strlen(nm), key, sizeof key) &&
				    !im_gaz_lookup(&g, nm, strlen(nm), NULL, &c, 1))
					FZ_BUG("a good line's name '%s' is lost", nm);
			}
		free(blob);
	}
	size_t problems;
	(void)im_gaz_check(dir, &problems, &e);
	(void)im_gaz_list(dir, 1, devnull, &e);
	add_remove(dir);
	return 0;
}
