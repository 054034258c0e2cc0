/* gaz.c: opening the gazetteer (the compiled index, memory-mapped, rebuilt
 * when a source changed) and answering from it: lookup and ranking, ids,
 * boxes, country names. */
#include "gaz_int.h"
#include "../core/buf.h"
#include "../core/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- attaching a blob ------------------------------------------------------ */

static int sect_ok(const gaz_hdr *h, uint64_t off, uint64_t n, uint64_t elt)
{
	return off % 8 == 0 && off <= h->size && n <= (h->size - off) / (elt ? elt : 1);
}

/* A Fletcher sum in 64-bit words, four lanes wide: each lane adds the words
 * (a) and the running sums (c), so a changed, lost or moved word changes
 * the result; additions only, so it runs at memory speed. The lanes are
 * mixed into one value at the end. */
#define SUM_P1 0x9e3779b185ebca87ull
#define SUM_P2 0xc2b2ae3d27d4eb4full

static uint64_t word_at(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * SUM_P1;
	return h ^ (h >> 31);
}

uint64_t gaz_checksum(const void *base, size_t size)
{
	const unsigned char *b = base;
	size_t skip = offsetof(gaz_hdr, sum);
	uint64_t a[4] = {0, 0, 0, 0}, c[4] = {0, 0, 0, 0};
	size_t i = 0;
	for (; i + 32 <= size; i += 32)
		for (int k = 0; k < 4; k++) {
			a[k] += i + 8 * k == skip ? 0 : word_at(b + i + 8 * k);
			c[k] += a[k];
		}
	for (; i + 8 <= size; i += 8) {
		a[0] += i == skip ? 0 : word_at(b + i);
		c[0] += a[0];
	}
	uint64_t h = mix(SUM_P2, size);
	for (int k = 0; k < 4; k++)
		h = mix(mix(h, a[k]), c[k]);
	return h;
}

void gaz_seal(void *base, size_t size)
{
	gaz_hdr *h = base;
	h->sum = 0;
	h->sum = gaz_checksum(base, size);
}

/* The places hold what a lookup trusts without checking again: coordinates
 * on the globe, a kind the tool knows, strings inside the pool. */
static int places_ok(const im_gaz *g)
{
	const gaz_hdr *h = g->h;
	for (uint32_t i = 0; i < h->n_places; i++) {
		const gaz_prec *r = &g->places[i];
		if (r->lat < -90000000 || r->lat > 90000000 || r->lon < -180000000 ||
		    r->lon > 180000000 || r->kind > IM_KIND_OTHER || r->id >= h->str_size ||
		    r->name >= h->str_size || r->admin1 >= h->str_size)
			return 0;
	}
	return 1;
}

static int header_ok(const gaz_hdr *h, size_t size)
{
	if (memcmp(h->magic, GAZ_MAGIC, 8) != 0 || h->version != GAZ_VERSION ||
	    h->endian != GAZ_ENDIAN || h->size != size || size % 8 != 0 || h->key_bits > 31 ||
	    h->id_bits > 31)
		return 0;
	return sect_ok(h, h->off_places, h->n_places, sizeof(gaz_prec)) &&
	       sect_ok(h, h->off_post, h->n_post, sizeof(gaz_post)) &&
	       sect_ok(h, h->off_khash, (uint64_t)1 << h->key_bits, sizeof(gaz_key)) &&
	       sect_ok(h, h->off_idhash, (uint64_t)1 << h->id_bits, 4) &&
	       sect_ok(h, h->off_pop, h->n_pop, 4) && sect_ok(h, h->off_seat, h->n_seat, 4) &&
	       sect_ok(h, h->off_cc, 26 * 26, 4) &&
	       sect_ok(h, h->off_sources, h->n_sources, sizeof(gaz_src)) &&
	       sect_ok(h, h->off_str, h->str_size, 1) && h->str_size != 0;
}

/* verify: 1 to check the checksum and every place (an index not seen
 * whole since it was written); 0 for one whose file a stamp vouches for
 * (see map_index): the header and the string pool's end are still checked. */
static int attach(im_gaz *g, const void *base, size_t size, int verify)
{
	const gaz_hdr *h = base;
	if (size < sizeof *h || !header_ok(h, size) ||
	    (verify && gaz_checksum(base, size) != h->sum))
		return 0;
	const unsigned char *b = base;
	if (b[h->off_str + h->str_size - 1] != '\0')
		return 0; /* every string ends inside the pool */
	im_gaz t = *g;
	t.base = base;
	t.size = size;
	t.h = h;
	t.places = (const gaz_prec *)(b + h->off_places);
	t.post = (const gaz_post *)(b + h->off_post);
	t.khash = (const gaz_key *)(b + h->off_khash);
	t.idhash = (const uint32_t *)(b + h->off_idhash);
	t.pop = (const uint32_t *)(b + h->off_pop);
	t.seat = (const uint32_t *)(b + h->off_seat);
	t.cc = (const uint32_t *)(b + h->off_cc);
	t.str = (const char *)(b + h->off_str);
	if (verify && !places_ok(&t))
		return 0;
	*g = t;
	return 1;
}

int gaz_attach(im_gaz *g, const void *base, size_t size)
{
	return attach(g, base, size, 1);
}

/* 1 when the index's list of sources is the folder's list now, file for
 * file (name, size, modification time, inode): any edit, addition or
 * removal of a source makes it stale, even two edits within one tick of
 * the file system's clock (each atomic rewrite is a new inode). */
static int fresh(const im_gaz *g, const gaz_file *f, size_t n)
{
	if (g->h->n_sources != n)
		return 0;
	const gaz_src *s = (const gaz_src *)(g->base + g->h->off_sources);
	for (size_t i = 0; i < n; i++) {
		if (s[i].name >= g->h->str_size || strcmp(g->str + s[i].name, f[i].name) != 0 ||
		    s[i].size != f[i].size || s[i].mtime_ns != f[i].mtime_ns || s[i].ino != f[i].ino)
			return 0;
	}
	return 1;
}

/* ---- where the index lives ---------------------------------------------- */

/* 1 when the cache folder path may hold an index this process trusts: a
 * folder (not a link when `shared`, i.e. in a folder every user writes),
 * owned by this user, that no other user can write; in a shared folder it
 * must be 0700 too. Else the index is built in memory, with a warning: a
 * folder someone else made may hold an index they wrote. */
static int cache_dir_ok(const char *path, int shared)
{
	struct stat sb;
	int got = shared ? lstat(path, &sb) : stat(path, &sb);
	if (got == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid() &&
	    (sb.st_mode & (shared ? 077 : 022)) == 0)
		return 1;
	im_warn(path, 0,
	        "not a folder of yours that only you can %s: the index is "
	        "built in memory (remove it or set XDG_CACHE_HOME)",
	        shared ? "enter" : "write");
	return 0;
}

/* The cache folder for indexes of read-only gazetteers, created when
 * missing (caller frees); NULL when there is none that can be trusted. */
static char *cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	const char *tmp = getenv("TMPDIR");
	im_buf b = IM_BUF_INIT;
	int shared = 0;
	if (xdg && xdg[0] == '/')
		im_buf_printf(&b, "%s/incimap", xdg);
	else if (home && *home)
		im_buf_printf(&b, "%s/.cache/incimap", home);
	else {
		im_buf_printf(&b, "%s/incimap-%ld", tmp && tmp[0] == '/' ? tmp : "/tmp",
		              (long)geteuid());
		shared = 1;
	}
	if (!b.p)
		return NULL;
	if (shared ? mkdir(b.p, 0700) != 0 && errno != EEXIST : im_mkdir_p(b.p, NULL) != IM_OK) {
		im_buf_free(&b);
		return NULL;
	}
	if (!cache_dir_ok(b.p, shared)) {
		im_buf_free(&b);
		return NULL;
	}
	return im_buf_take(&b);
}

char *gaz_index_path(const char *dir)
{
	if (access(dir, W_OK) == 0)
		return im_path_join(dir, "gazetteer.idx");
	/* A read-only folder (installed under share/): the user's cache,
	 * one index per gazetteer folder. */
	char real[4096];
	const char *key = realpath(dir, real) ? real : dir;
	char name[64];
	snprintf(name, sizeof name, "gazetteer-%08x.idx", gaz_hash(key, strlen(key)));
	char *cache = cache_dir();
	char *path = cache ? im_path_join(cache, name) : NULL;
	free(cache);
	return path;
}

/* The stamp of a verified index (PATH.ok): the file's identity (inode,
 * size, modification time to the nanosecond) and its checksum, written once
 * the whole index was checked. Checking 160 MB costs ~0.2 s and pages in the
 * whole file; with a matching stamp an open maps the index and reads its
 * header only (tens of microseconds). Any write to the index, damage
 * included, changes its modification time, and so needs a new check. */
static void stamp_line(const struct stat *sb, uint64_t sum, char *buf, size_t cap)
{
	snprintf(buf, cap, "incimap-index-ok 1 %ju %jd %jd %09ld %016llx\n", (uintmax_t)sb->st_ino,
		 (intmax_t)sb->st_size, (intmax_t)sb->st_mtim.tv_sec, (long)sb->st_mtim.tv_nsec,
		 (unsigned long long)sum);
}

static int stamp_matches(const char *stamp, const struct stat *sb, uint64_t sum)
{
	char want[160], got[160];
	stamp_line(sb, sum, want, sizeof want);
	int fd = open(stamp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	struct stat ss;
	ssize_t n = -1;
	/* only a stamp of the index's owner vouches for it */
	if (fstat(fd, &ss) == 0 && S_ISREG(ss.st_mode) && ss.st_uid == sb->st_uid)
		n = read(fd, got, sizeof got - 1);
	close(fd);
	if (n <= 0)
		return 0;
	got[n] = '\0';
	return strcmp(got, want) == 0;
}

/* Maps path; 1 and g attached when it is a good index. */
static int map_index(im_gaz *g, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	struct stat sb;
	if (fstat(fd, &sb) != 0 || sb.st_size < (off_t)sizeof(gaz_hdr)) {
		close(fd);
		return 0;
	}
	void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 0;
	const gaz_hdr *h = p;
	im_buf sb_path = IM_BUF_INIT;
	im_buf_printf(&sb_path, "%s.ok", path);
	int vouched = sb_path.p && stamp_matches(sb_path.p, &sb, h->sum);
	if (!attach(g, p, (size_t)sb.st_size, !vouched)) {
		munmap(p, (size_t)sb.st_size);
		im_buf_free(&sb_path);
		return 0;
	}
	if (!vouched && sb_path.p && access(path, W_OK) == 0) {
		/* checked whole: vouch for it (best effort; without a stamp
		 * the next open checks it again) */
		char line[160];
		stamp_line(&sb, h->sum, line, sizeof line);
		im_error e;
		(void)im_write_file_atomic(sb_path.p, line, strlen(line), &e);
	}
	im_buf_free(&sb_path);
	return 1;
}

static void unmap(im_gaz *g)
{
	if (g->owned)
		free(g->owned);
	else if (g->base)
		munmap((void *)g->base, g->size);
	g->owned = NULL;
	g->base = NULL;
}

/* Writes the blob to path: a temporary file in the same folder, renamed
 * over path, so a reader sees the old index or the new, never half. */
static im_status write_index(const char *path, const void *blob, size_t size, im_error *err)
{
	im_afile *f;
	im_status st = im_afile_open(path, &f, err);
	if (st)
		return st;
	if (fwrite(blob, 1, size, im_afile_fp(f)) != size) {
		int e = errno;
		im_afile_abort(f);
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write the index: %s", strerror(e));
	}
	return im_afile_commit(f, err);
}

/* Removes the temporary files of index writers that died mid-write (the
 * caller holds the index lock, so no writer is alive). */
static void clean_index_leftovers(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash ? (size_t)(slash - path) : 0;
	char *d = im_strndup(path, dl ? dl : 1);
	if (!d)
		return;
	if (!dl)
		d[0] = '.';
	char prefix[300];
	snprintf(prefix, sizeof prefix, ".%s.tmp.", slash ? slash + 1 : path);
	DIR *dh = opendir(d);
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char *p = im_path_join(d, e->d_name);
		if (p)
			unlink(p);
		free(p);
	}
	if (dh)
		closedir(dh);
	free(d);
}

/* Compiles dir and installs the index at path (when path is not NULL);
 * leaves g attached to the new index. Holds path's lock so that two
 * processes opening a stale gazetteer build it once. */
static im_status rebuild(im_gaz *g, const char *dir, const char *path, int force, im_error *err)
{
	int lock = -1;
	char *lockpath = NULL;
	if (path) {
		size_t n = strlen(path) + 6;
		lockpath = malloc(n);
		if (lockpath) {
			snprintf(lockpath, n, "%s.lock", path);
			lock = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
			if (lock >= 0 && flock(lock, LOCK_EX) == 0)
				clean_index_leftovers(path);
		}
		/* Somebody else may have built it while we waited. */
		if (!force) {
			gaz_file *f;
			size_t nf;
			if (!gaz_files_list(dir, &f, &nf, NULL)) {
				int ok = map_index(g, path);
				if (ok && fresh(g, f, nf)) {
					gaz_files_free(f, nf);
					if (lock >= 0)
						close(lock);
					free(lockpath);
					return IM_OK;
				}
				if (ok)
					unmap(g);
				gaz_files_free(f, nf);
			}
		}
	}
	void *blob;
	size_t size;
	im_status st = gaz_compile(dir, &blob, &size, err);
	if (!st && path) {
		im_error werr;
		if (write_index(path, blob, size, &werr) == IM_OK && map_index(g, path)) {
			free(blob);
			blob = NULL;
		} else if (force) {
			st = im_error_set(err, werr.code ? werr.code : IM_E_IO, werr.file, 0, 0, "%s",
					  werr.msg);
		}
	}
	if (!st && blob) {
		/* No writable place for the index: use it from memory. */
		if (!gaz_attach(g, blob, size)) {
			free(blob);
			st = im_error_set(err, IM_E_INTERNAL, dir, 0, 0, "compiled index is inconsistent");
		} else {
			g->owned = blob;
		}
	} else if (st) {
		free(blob);
	}
	if (lock >= 0)
		close(lock); /* releases the lock */
	free(lockpath);
	return st;
}

im_status im_gaz_open(const char *dir, im_gaz **out, im_error *err)
{
	*out = NULL;
	if (!dir || !*dir)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "no gazetteer folder given");
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	im_gaz *g = calloc(1, sizeof *g);
	if (!g || !(g->dir = im_strdup(dir))) {
		free(g);
		return im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	}
	gaz_file *f;
	size_t nf;
	im_status st = gaz_files_list(dir, &f, &nf, err);
	if (st) {
		im_gaz_free(g);
		return st;
	}
	char *path = gaz_index_path(dir);
	int ok = path && map_index(g, path);
	if (ok && !fresh(g, f, nf)) {
		unmap(g);
		ok = 0;
	}
	gaz_files_free(f, nf);
	if (!ok && (st = rebuild(g, dir, path, 0, err))) {
		free(path);
		im_gaz_free(g);
		return st;
	}
	free(path);
	*out = g;
	return IM_OK;
}

im_status im_gaz_build(const char *dir, im_error *err)
{
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	im_gaz g;
	memset(&g, 0, sizeof g);
	char *path = gaz_index_path(dir);
	if (!path)
		return im_error_set(err, IM_E_IO, dir, 0, 0, "no writable place for the index");
	im_status st = rebuild(&g, dir, path, 1, err);
	unmap(&g);
	free(path);
	return st;
}

void im_gaz_free(im_gaz *g)
{
	if (!g)
		return;
	unmap(g);
	free(g->dir);
	free(g);
}

/* ---- reading places ---------------------------------------------------- */

/* A string of the pool. The index is checked as a whole when opened; the
 * offsets inside it are checked as they are used, so that a damaged index
 * can give wrong answers but never read outside the map. */
static const char *S(const im_gaz *g, uint32_t off)
{
	return off < g->h->str_size ? g->str + off : "";
}

void gaz_fill_place(const im_gaz *g, uint32_t i, im_place *p)
{
	const gaz_prec *r = &g->places[i];
	p->id = S(g, r->id);
	p->name = S(g, r->name);
	p->lat = r->lat / 1e6;
	p->lon = r->lon / 1e6;
	p->country[0] = r->cc[0];
	p->country[1] = r->cc[1];
	p->country[2] = '\0';
	p->admin1 = S(g, r->admin1);
	p->kind = r->kind <= IM_KIND_OTHER ? (im_kind)r->kind : IM_KIND_OTHER;
	p->population = r->pop;
}

int im_gaz_get(const im_gaz *g, const char *id, im_place *out)
{
	if (!g || !id)
		return 0;
	char buf[GAZ_FIELD_MAX + 8];
	size_t n = strlen(id);
	if (n && n <= GAZ_FIELD_MAX && strspn(id, "0123456789") == n) {
		snprintf(buf, sizeof buf, "gn:%s", id); /* a bare GeoNames id */
		id = buf;
		n = strlen(id);
	}
	uint32_t mask = (1u << g->h->id_bits) - 1;
	/* at most one round: a damaged table may have no empty slot */
	for (uint32_t h = gaz_hash(id, n) & mask, left = mask + 1; left; h = (h + 1) & mask, left--) {
		uint32_t v = g->idhash[h];
		if (!v)
			return 0;
		if (v - 1 < g->h->n_places && strcmp(S(g, g->places[v - 1].id), id) == 0) {
			if (out)
				gaz_fill_place(g, v - 1, out);
			return 1;
		}
	}
	return 0;
}

const char *im_gaz_country_name(const im_gaz *g, const char *cc)
{
	if (!g || !cc || !cc[0] || !cc[1] || cc[2])
		return NULL;
	int a = (cc[0] & ~0x20) - 'A', b = (cc[1] & ~0x20) - 'A';
	if (a < 0 || a >= 26 || b < 0 || b >= 26)
		return NULL;
	uint32_t off = g->cc[a * 26 + b];
	return off && off < g->h->str_size ? g->str + off : NULL;
}

size_t im_gaz_in_bbox(const im_gaz *g, double w, double s, double e, double n,
		      int64_t min_pop, im_place *out, size_t max)
{
	if (!g)
		return 0;
	size_t k = 0;
	int wrap = w > e; /* a box across the antimeridian */
	for (uint32_t i = 0; i < g->h->n_pop && k < max; i++) {
		if (g->pop[i] >= g->h->n_places)
			continue;
		const gaz_prec *r = &g->places[g->pop[i]];
		if (r->pop < min_pop) {
			if (r->kind != IM_KIND_CAPITAL)
				break; /* sorted: no later place has enough people */
			continue;
		}
		double lat = r->lat / 1e6, lon = r->lon / 1e6;
		if (lat < s || lat > n)
			continue;
		if (wrap ? (lon < w && lon > e) : (lon < w || lon > e))
			continue;
		gaz_fill_place(g, g->pop[i], &out[k++]);
	}
	return k;
}

int im_gaz_town_of(const im_gaz_cand *c, size_t n, const im_place *area, size_t skip)
{
	int best = -1;
	double bk = 80;
	for (size_t i = 0; i < n; i++) {
		im_kind k = c[i].place.kind;
		if (i == skip ||
		    !(k == IM_KIND_CAPITAL || k == IM_KIND_ADMIN_SEAT || k == IM_KIND_CITY ||
		      k == IM_KIND_TOWN || k == IM_KIND_VILLAGE) ||
		    strcmp(c[i].place.country, area->country) != 0 ||
		    !(c[i].match == IM_GAZ_OWN_NAME || c[i].match == IM_GAZ_OTHER_NAME))
			continue;
		double dk = im_gaz_dist_km(c[i].place.lat, c[i].place.lon, area->lat, area->lon);
		if (dk <= bk) {
			bk = dk;
			best = (int)i;
		}
	}
	return best;
}

/* The seat of a district: the town that bears its name (im_gaz_town_of),
 * among the district's country's places, its detail villages included
 * (Darfur's localities and their seats are only there). */
static int district_seat(const im_gaz *g, const im_place *area, im_place *out)
{
	im_gaz_cand c[16];
	im_gaz_ctx ctx = {0};
	ctx.only_country = area->country;
	size_t n = im_gaz_lookup(g, area->name, strlen(area->name), &ctx, c, 16);
	int m = im_gaz_town_of(c, n < 16 ? n : 16, area, (size_t)-1);
	if (m < 0)
		return 0;
	*out = c[m].place;
	return 1;
}

int im_gaz_seat_of(const im_gaz *g, const im_place *area, im_place *out)
{
	if (!g || !area || !area->country[0])
		return 0;
	if (area->kind == IM_KIND_ADMIN2 && area->name && area->name[0])
		return district_seat(g, area, out);
	if (area->kind != IM_KIND_ADMIN1 || !area->admin1 || !area->admin1[0])
		return 0;
	uint32_t best = UINT32_MAX;
	for (uint32_t i = 0; i < g->h->n_seat; i++) {
		uint32_t k = g->seat[i];
		if (k >= g->h->n_places)
			continue;
		const gaz_prec *r = &g->places[k];
		if (r->cc[0] != area->country[0] || r->cc[1] != area->country[1] ||
		    strcasecmp(S(g, r->admin1), area->admin1) != 0)
			continue;
		/* a province's own seat before the national capital in it */
		if (best == UINT32_MAX ||
		    (r->kind != IM_KIND_CAPITAL && g->places[best].kind == IM_KIND_CAPITAL) ||
		    (r->kind == g->places[best].kind && r->pop > g->places[best].pop))
			best = k;
	}
	if (best == UINT32_MAX)
		return 0;
	gaz_fill_place(g, best, out);
	return 1;
}

/* ---- lookup ------------------------------------------------------------ */

static const gaz_key *find_key(const im_gaz *g, const char *key, size_t kl)
{
	uint32_t h = gaz_hash(key, kl);
	uint32_t mask = (1u << g->h->key_bits) - 1;
	/* at most one round: a damaged table may have no empty slot */
	for (uint32_t i = h & mask, left = mask + 1; left; i = (i + 1) & mask, left--) {
		const gaz_key *k = &g->khash[i];
		if (!k->n)
			return NULL;
		if (k->hash != h)
			continue;
		const char *ks = S(g, k->str);
		if (strncmp(ks, key, kl) == 0 && ks[kl] == '\0')
			return k;
	}
	return NULL;
}

/* The key k's postings, when they lie inside the index (a damaged one's
 * may not): NULL otherwise. */
static const gaz_post *postings(const im_gaz *g, const gaz_key *k)
{
	if (k->post >= g->h->n_post || k->n > g->h->n_post - k->post)
		return NULL;
	return g->post + k->post;
}

/* 1, 2 or 0 as im_gaz_known, of the key k. */
static int known_key(const im_gaz *g, const gaz_key *k)
{
	const gaz_post *p = postings(g, k);
	if (!p)
		return 1;
	for (uint32_t i = 0; i < k->n; i++)
		if (p[i].place < g->h->n_places && !(g->places[p[i].place].flags & GAZ_F_DETAIL))
			return 1;
	return 2; /* only detail places bear it */
}


im_gaz_name im_gaz_find(const im_gaz *g, const char *name, size_t len)
{
	im_gaz_name nm = {0, 0};
	if (!g || !name || len >= GAZ_NAME_MAX)
		return nm;
	char light[GAZ_NAME_MAX], key[GAZ_NAME_MAX];
	size_t ln = gaz_norm_light(name, len, light, sizeof light);
	size_t kl = gaz_norm_full(light, ln, key, sizeof key);
	const gaz_key *k = kl ? find_key(g, key, kl) : NULL;
	if (k) {
		nm.key = (uint32_t)(k - g->khash) + 1;
		nm.spell = gaz_spell_hash(light, ln);
	}
	return nm;
}

/* The key of a name found in g; NULL when none. */
static const gaz_key *name_key(const im_gaz *g, im_gaz_name nm)
{
	if (!g || !nm.key || nm.key - 1 >= (uint32_t)1 << g->h->key_bits)
		return NULL;
	return &g->khash[nm.key - 1];
}

int im_gaz_known_name(const im_gaz *g, im_gaz_name nm)
{
	const gaz_key *k = name_key(g, nm);
	return k ? known_key(g, k) : 0;
}

int im_gaz_known(const im_gaz *g, const char *name, size_t len)
{
	return im_gaz_known_name(g, im_gaz_find(g, name, len));
}

/* Ranking weights (docs/gazetteer.md explains them). */
static const double kind_prior[] = {
	1.60, /* country: no population, yet the most prominent */
	0.85, /* region */
	0.80, /* admin1 */
	0.35, /* admin2 */
	0.90, /* capital */
	0.55, /* seat */
	0.50, /* city */
	0.30, /* town */
	0.10, /* village */
	0.20, /* neighbourhood */
	0.25, /* site */
	-0.50 /* other: abandoned, natural features */
};
#define W_SPELL_PREF 0.50   /* the name as written is the place's own name */
#define W_SPELL_ALT 0.45    /* ... one of its other names */
#define W_POP 0.10          /* per power of ten of people */
#define W_COUNTRY 1.00      /* in a country the text names (times its weight) */
#define W_ADMIN1 0.60       /* in a province the text names */
#define W_NEAR 1.00         /* at the point given, fading over ~100 km */
#define W_USER 1.00         /* taught by the user: wins over shipped places of its name */
#define W_DETAIL (-0.05)    /* a detail file's village: after a better-known namesake */
#define W_OWN_TOO 0.02     /* an other name as written that also spells its own name:
			     * of two provinces listed as "South Darfur", Southern
			     * Darfur before Eastern Darfur (carved out of it) */
#define W_FAR_VARIANT -0.25 /* only a variant of one of its other names: two weak links
			     * ("Samarra" is Debre Tabor's old name Samara, respelled) */

typedef struct cand {
	uint32_t place;
	uint8_t spell;   /* 2 preferred exact, 1 other exact, 0 variant */
	uint8_t main;    /* the key is that of the place's own name */
	double score;
	double dist_km;  /* -1 when no point given */
	float cw;        /* country weight applied */
	uint8_t in_a1;
} cand;

#define RAD_PER_DEG (M_PI / 180)

double im_gaz_cos_lat(double lat)
{
	return cos(lat * RAD_PER_DEG);
}

double im_gaz_dist_km_cos(double lat1, double cos1, double lon1, double lat2, double cos2,
			  double lon2)
{
	const double r = 6371.0088, d = RAD_PER_DEG;
	double dlat = (lat2 - lat1) * d, dlon = (lon2 - lon1) * d;
	double a = sin(dlat / 2) * sin(dlat / 2) + cos1 * cos2 * sin(dlon / 2) * sin(dlon / 2);
	return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

double im_gaz_dist_km(double lat1, double lon1, double lat2, double lon2)
{
	return im_gaz_dist_km_cos(lat1, im_gaz_cos_lat(lat1), lon1, lat2, im_gaz_cos_lat(lat2),
				  lon2);
}

/* A degree of latitude is 111.195 km of a meridian, and no path between
 * two points is shorter than their latitudes' difference: 111 km a degree
 * is a bound that the haversine's rounding cannot cross. */
#define KM_PER_DEG_LAT_LOW 111.0

double im_gaz_dist_km_upto(double lat1, double lon1, double lat2, double lon2, double lim)
{
	double low = fabs(lat2 - lat1) * KM_PER_DEG_LAT_LOW;
	if (low > lim)
		return low;
	return im_gaz_dist_km(lat1, lon1, lat2, lon2);
}

/* near_cos: im_gaz_cos_lat of ctx's point (the same for every candidate). */
static void score(const im_gaz *g, const im_gaz_ctx *ctx, double near_cos, cand *c)
{
	const gaz_prec *r = &g->places[c->place];
	unsigned k = r->kind < 12 ? r->kind : 11;
	double s = kind_prior[k];
	s += c->spell == 2 ? W_SPELL_PREF : c->spell == 1 ? W_SPELL_ALT : 0;
	if (c->spell == 0 && !c->main)
		s += W_FAR_VARIANT;
	if (c->spell == 1 && c->main)
		s += W_OWN_TOO;
	if (r->pop > 0)
		s += W_POP * log10((double)r->pop + 1);
	if (r->flags & GAZ_F_USER)
		s += W_USER;
	if (r->flags & GAZ_F_DETAIL)
		s += W_DETAIL;
	c->dist_km = -1;
	c->cw = 0;
	c->in_a1 = 0;
	if (ctx) {
		double best = 0;
		for (size_t i = 0; i < ctx->n_countries && i < 8; i++) {
			const char *cc = ctx->countries[i];
			if (cc && cc[0] == r->cc[0] && cc[1] == r->cc[1] && r->cc[0]) {
				double w = ctx->country_w[i];
				w = w < 0 ? 0 : w > 1 ? 1 : w;
				if (w > best)
					best = w;
			}
		}
		c->cw = (float)best;
		s += W_COUNTRY * best;
		const char *a1 = S(g, r->admin1);
		for (size_t i = 0; a1[0] && i < ctx->n_admin1 && i < 8; i++) {
			if (ctx->admin1[i] && strcasecmp(ctx->admin1[i], a1) == 0) {
				c->in_a1 = 1;
				s += W_ADMIN1;
				break;
			}
		}
		if (ctx->has_near) {
			double lat = r->lat / 1e6;
			c->dist_km = im_gaz_dist_km_cos(ctx->near_lat, near_cos, ctx->near_lon, lat,
			                                im_gaz_cos_lat(lat), r->lon / 1e6);
			s += W_NEAR * exp(-c->dist_km / 100.0);
		}
	}
	c->score = s;
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->place < y->place ? -1 : x->place > y->place;
}

/* Moves the best max of the nc candidates to the front of c, best first,
 * and returns how many that is: an insertion sort that keeps only the
 * first max. Most names have a few places; a common one has hundreds, of
 * which the caller asks a dozen, and sorting them all was most of its
 * lookup. cand_cmp is a total order (ties go to the lower place), so the
 * front is the same as a whole sort's. */
static size_t best_first(cand *c, size_t nc, size_t max)
{
	size_t m = 0; /* c[0..m) holds the best so far, in order */
	for (size_t i = 0; i < nc; i++) {
		if (m == max && (m == 0 || cand_cmp(&c[i], &c[m - 1]) >= 0))
			continue;
		cand t = c[i];
		size_t j = m < max ? m++ : m - 1; /* full: the last one goes */
		for (; j && cand_cmp(&t, &c[j - 1]) < 0; j--)
			c[j] = c[j - 1];
		c[j] = t;
	}
	return m;
}

/* Appends to a fixed buffer, never past its end. */
static void cat(char *buf, size_t cap, size_t *n, const char *s)
{
	size_t l = strlen(s), room = *n + 1 < cap ? cap - 1 - *n : 0;
	if (l > room)
		l = room;
	memcpy(buf + *n, s, l);
	*n += l;
	buf[*n] = '\0';
}

/* Appends u in decimal. */
static void cat_uint(char *buf, size_t cap, size_t *n, unsigned long long u)
{
	char d[24];
	size_t k = sizeof d;
	d[--k] = '\0';
	do
		d[--k] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	cat(buf, cap, n, d + k);
}

/* Appends x with `decimals` digits after the point (0 to 2), rounded half
 * to even as printf's "%.Nf" does, without printf: the lookup writes a
 * reason for every candidate, and printf's floating point was a tenth of
 * an extraction's work. */
static void cat_fixed(char *buf, size_t cap, size_t *n, double x, int decimals)
{
	char d[32];
	size_t k = sizeof d;
	int neg = x < 0;
	double scale = decimals == 2 ? 100 : decimals == 1 ? 10 : 1;
	double v = (neg ? -x : x) * scale;
	if (!(v < 1e15)) { /* out of range or not a number: printf's way */
		snprintf(d, sizeof d, "%.*f", decimals, x);
		cat(buf, cap, n, d);
		return;
	}
	double r = floor(v);
	if (v - r > 0.5 || (v - r == 0.5 && fmod(r, 2) != 0))
		r += 1;
	unsigned long long u = (unsigned long long)r;
	d[--k] = '\0';
	for (int i = 0; i < decimals; i++, u /= 10)
		d[--k] = (char)('0' + u % 10);
	if (decimals)
		d[--k] = '.';
	do
		d[--k] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (neg && (r != 0))
		d[--k] = '-';
	cat(buf, cap, n, d + k);
}

void im_gaz_why(const im_gaz_cand *c, char *buf, size_t cap)
{
	static const char *const match[] = {"name as written", "other name as written",
					    "spelling variant", "spelling variant of another name"};
	const im_place *p = &c->place;
	size_t n = 0;
	if (!cap)
		return;
	buf[0] = '\0';
	cat(buf, cap, &n, match[c->match <= IM_GAZ_OTHER_VARIANT ? c->match : IM_GAZ_OTHER_VARIANT]);
	cat(buf, cap, &n, ", ");
	cat(buf, cap, &n, im_kind_name(p->kind));
	if (p->population > 0) {
		cat(buf, cap, &n, ", pop ");
		cat_uint(buf, cap, &n, (unsigned long long)p->population);
	}
	if (c->from & IM_GAZ_FROM_USER)
		cat(buf, cap, &n, ", user entry");
	if (c->from & IM_GAZ_FROM_DETAIL)
		cat(buf, cap, &n, ", detail");
	if (c->from & IM_GAZ_FROM_IMPORT)
		cat(buf, cap, &n, ", imported");
	if (c->country_w > 0) {
		cat(buf, cap, &n, ", in ");
		cat(buf, cap, &n, p->country);
		cat(buf, cap, &n, " named (w ");
		cat_fixed(buf, cap, &n, c->country_w, 2);
		cat(buf, cap, &n, ")");
	}
	if (c->in_admin1) {
		cat(buf, cap, &n, ", in ");
		cat(buf, cap, &n, p->admin1);
		cat(buf, cap, &n, " named");
	}
	if (c->dist_km >= 0) {
		cat(buf, cap, &n, ", ");
		cat_fixed(buf, cap, &n, c->dist_km, 0);
		cat(buf, cap, &n, " km from the point");
	}
}

/* What a candidate's text (im_gaz_why) is made from. */
static void fill_cand(const im_gaz *g, const cand *c, im_gaz_cand *out)
{
	const gaz_prec *r = &g->places[c->place];
	gaz_fill_place(g, c->place, &out->place);
	out->score = c->score;
	out->match = c->spell == 2 ? IM_GAZ_OWN_NAME
		     : c->spell == 1 ? IM_GAZ_OTHER_NAME
		     : c->main       ? IM_GAZ_VARIANT
				     : IM_GAZ_OTHER_VARIANT;
	out->from = (r->flags & GAZ_F_USER ? IM_GAZ_FROM_USER : 0) |
		    (r->flags & GAZ_F_DETAIL ? IM_GAZ_FROM_DETAIL : 0) |
		    (r->flags & GAZ_F_IMPORT ? IM_GAZ_FROM_IMPORT : 0);
	out->country_w = c->cw;
	out->in_admin1 = c->in_a1;
	out->dist_km = c->dist_km;
}

double im_gaz_ctx_weight(const im_gaz_ctx *ctx, const char *cc)
{
	double w = 0;
	for (size_t i = 0; ctx && i < ctx->n_countries && i < 8; i++) {
		const char *x = ctx->countries[i];
		if (x && x[0] == cc[0] && x[1] == cc[1] && ctx->country_w[i] > w)
			w = ctx->country_w[i];
	}
	return w;
}

/* A detail place (a country's villages, GAZ_F_DETAIL) is a candidate only
 * when the text is about its country: named, implied by a people or a
 * dateline (weight IM_GAZ_ABOUT_W or more), or the one asked for; a detail
 * province or district also when the text calls the name one. */
static int detail_ok(const im_gaz_ctx *ctx, const gaz_prec *r)
{
	if (!ctx)
		return 0;
	if (ctx->all_detail)
		return 1;
	if (ctx->detail_admin && (r->kind == IM_KIND_ADMIN1 || r->kind == IM_KIND_ADMIN2))
		return 1;
	const char *cc = r->cc;
	const char *only = ctx->only_country;
	if (only && only[0] && (only[0] & ~0x20) == cc[0] && (only[1] & ~0x20) == cc[1])
		return 1;
	return im_gaz_ctx_weight(ctx, cc) >= IM_GAZ_ABOUT_W;
}

size_t im_gaz_lookup(const im_gaz *g, const char *name, size_t len,
		     const im_gaz_ctx *ctx, im_gaz_cand *out, size_t max)
{
	return im_gaz_lookup_name(g, im_gaz_find(g, name, len), ctx, out, max);
}

size_t im_gaz_lookup_name(const im_gaz *g, im_gaz_name nm, const im_gaz_ctx *ctx,
			  im_gaz_cand *out, size_t max)
{
	const gaz_key *k = name_key(g, nm);
	const gaz_post *p = k ? postings(g, k) : NULL;
	if (!p)
		return 0;
	uint32_t spell = nm.spell;
	const char *only = ctx && ctx->only_country && ctx->only_country[0] ? ctx->only_country : NULL;
	cand stackc[64], *c = stackc;
	if (k->n > 64 && !(c = malloc(k->n * sizeof *c)))
		return 0;
	size_t nc = 0;
	for (uint32_t i = 0; i < k->n; i++) {
		uint32_t pl = p[i].place;
		if (pl >= g->h->n_places)
			continue;
		uint8_t sp = (p[i].spell & ~3u) == (spell & ~3u) &&
				     (!(spell & GAZ_SPELL_ART) || (p[i].spell & GAZ_SPELL_ART))
				 ? (p[i].spell & 1u ? 2 : 1)
				 : 0;
		if (nc && c[nc - 1].place == pl) { /* postings are grouped by place */
			if (sp > c[nc - 1].spell)
				c[nc - 1].spell = sp;
			c[nc - 1].main |= p[i].spell & 1u;
			continue;
		}
		const gaz_prec *r = &g->places[pl];
		if (only && ((only[0] & ~0x20) != r->cc[0] || (only[1] & ~0x20) != r->cc[1]))
			continue;
		if ((r->flags & GAZ_F_DETAIL) && !detail_ok(ctx, r))
			continue;
		c[nc].place = pl;
		c[nc].spell = sp;
		c[nc].main = p[i].spell & 1u;
		nc++;
	}
	double near_cos = ctx && ctx->has_near ? im_gaz_cos_lat(ctx->near_lat) : 0;
	for (size_t i = 0; i < nc; i++)
		score(g, ctx, near_cos, &c[i]);
	size_t kept = best_first(c, nc, max);
	for (size_t i = 0; i < kept; i++)
		fill_cand(g, &c[i], &out[i]);
	if (c != stackc)
		free(c);
	return nc;
}

size_t im_gaz_count(const im_gaz *g)
{
	return g ? g->h->n_places : 0;
}

int gaz_fault(const char *point)
{
	const char *f = getenv("INCIMAP_FAULT");
	return f && strcmp(f, point) == 0;
}
