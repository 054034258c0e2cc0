/* edit.c: the maintenance commands: the user's additions (add, remove,
 * list), checking every file, and importing GeoNames dumps. Every write is
 * atomic (a temporary file renamed over the old one, the old one kept as
 * FILE.bak) and made under a file lock, so two `add`s at once lose nothing
 * and a crash half-way leaves the previous file whole. */
#include "gaz_int.h"
#include "../core/buf.h"
#include "../core/fsutil.h"
#include "../core/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define USER_FILE "user.txt"

/* ---- locking and writing ---------------------------------------------- */

/* Removes what a writer killed mid-write left: temporary files of the
 * user's files. Only called under the lock, when no writer is alive. */
static void clean_leftovers(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, ".user", 5) != 0 || !strstr(e->d_name, ".tmp."))
			continue;
		char *p = im_path_join(dir, e->d_name);
		if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* Takes dir's write lock (user.txt.lock), waiting for another writer. */
static im_status lock_dir(const char *dir, int *fd, im_error *err)
{
	char *path = im_path_join(dir, USER_FILE ".lock");
	if (!path)
		return im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0) {
		im_status st = im_error_set(err, IM_E_IO, dir, 0, 0,
					    "cannot write in the gazetteer folder: %s", strerror(errno));
		free(path);
		return st;
	}
	free(path);
	while (flock(*fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			im_status st = im_error_set(err, IM_E_IO, dir, 0, 0, "cannot lock the gazetteer: %s",
						    strerror(errno));
			close(*fd);
			return st;
		}
	}
	clean_leftovers(dir);
	return IM_OK;
}

/* The folder of the user's files for the gazetteer folder dir (dir itself,
 * or the per-user data folder when dir is read-only: im_gaz_user_dir),
 * created when create is set. Caller frees *out. */
static im_status user_folder(const char *dir, int create, char **out, im_error *err)
{
	*out = im_gaz_user_dir(dir);
	if (!*out)
		return im_error_set(err, IM_E_IO, dir, 0, 0,
				    "cannot write in the gazetteer folder, and there is no data folder "
				    "for your own places (set HOME or XDG_DATA_HOME, or use --gazetteer "
				    "with a folder of your own)");
	if (create && strcmp(*out, dir) != 0 && !im_is_dir(*out)) {
		im_error e;
		if (im_mkdir_p(*out, &e) != IM_OK) {
			im_status st = im_error_set(err, IM_E_IO, *out, 0, 0,
						    "cannot write in the gazetteer folder, nor create "
						    "your data folder: %s", e.msg);
			free(*out);
			*out = NULL;
			return st;
		}
	}
	return IM_OK;
}

static void unlock_dir(int fd)
{
	if (fd >= 0)
		close(fd); /* closing drops the lock */
}

/* Reads path; a missing file is empty (*exists = 0). */
static im_status read_opt(const char *path, char **data, size_t *len, int *exists, im_error *err)
{
	*exists = im_file_exists(path);
	if (!*exists) {
		*data = im_strdup("");
		*len = 0;
		return *data ? IM_OK : im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	return im_read_file(path, GAZ_FILE_MAX, data, len, err);
}

/* Writes len bytes to path atomically. When fault is set,
 * INCIMAP_FAULT=gaz-write-half stops the process after half the bytes and
 * gaz-write-stall waits there to be killed: the tests' way to show that a
 * crash mid-write loses nothing. */
static im_status write_atomic(const char *path, const char *data, size_t len, int fault,
			      im_error *err)
{
	im_afile *f;
	im_status st = im_afile_open(path, &f, err);
	if (st)
		return st;
	FILE *fp = im_afile_fp(f);
	size_t half = len / 2;
	int ok = fwrite(data, 1, half, fp) == half;
	if (ok && fault && (gaz_fault("gaz-write-half") || gaz_fault("gaz-write-stall"))) {
		fflush(fp);
		if (gaz_fault("gaz-write-half"))
			_exit(99);
		for (;;)
			sleep(1);
	}
	ok = ok && fwrite(data + half, 1, len - half, fp) == len - half;
	if (!ok) {
		int e = errno;
		im_afile_abort(f);
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	return im_afile_commit(f, err);
}

/* Replaces dir/name with data: the previous version goes to name.bak
 * first (itself written atomically), then the new one is renamed in. */
static im_status replace_file(const char *dir, const char *name, const char *old, size_t oldlen,
			      int had_old, const char *data, size_t len, im_error *err)
{
	char *path = im_path_join(dir, name);
	size_t bl = strlen(name) + 5;
	char *bname = malloc(bl);
	char *bpath = NULL;
	if (bname) {
		snprintf(bname, bl, "%s.bak", name);
		bpath = im_path_join(dir, bname);
	}
	im_status st = IM_OK;
	if (!path || !bpath)
		st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	if (!st && had_old)
		st = write_atomic(bpath, old, oldlen, 0, err);
	if (!st)
		st = write_atomic(path, data, len, 1, err);
	free(path);
	free(bname);
	free(bpath);
	return st;
}

/* ---- validation ------------------------------------------------------ */

static const char *check_text(const char *s, const char *what, char *msg, size_t cap)
{
	size_t n = strlen(s), bad;
	if (!im_utf8_valid(s, n, &bad)) {
		snprintf(msg, cap, "%s is not valid UTF-8", what);
		return msg;
	}
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			snprintf(msg, cap, "%s cannot hold a tab, a newline or another control character",
				 what);
			return msg;
		}
	}
	if (n > GAZ_FIELD_MAX) {
		snprintf(msg, cap, "%s is longer than %d bytes", what, GAZ_FIELD_MAX);
		return msg;
	}
	return NULL;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ')
			return 0;
	return 1;
}

/* Trimmed copy of s[0..n) (spaces), caller frees. */
static char *trim_dup(const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return im_strndup(s, n);
}

/* ---- user lines ------------------------------------------------------ */

/* Calls fn for each line of data (without its newline); stops when fn
 * returns non-zero and returns that. */
typedef int (*line_fn)(void *ud, char *line, size_t len, long lineno, const char *start);
static int each_line(char *data, size_t len, line_fn fn, void *ud)
{
	long no = 0;
	for (char *p = data + gaz_bom(data, len); p < data + len;) {
		char *nl = memchr(p, '\n', (size_t)(data + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		no++;
		char save = p[l];
		p[l] = '\0';
		int r = fn(ud, p, l, no, p);
		p[l] = save;
		if (r)
			return r;
		p += l + (nl != NULL);
	}
	return 0;
}

/* The id (first column) of a line into buf; "" for comments and blanks. */
static void line_id(const char *line, char *buf, size_t cap)
{
	size_t n = strcspn(line, "\t\r");
	if (line[0] == '#' || n >= cap)
		n = 0;
	memcpy(buf, line, n);
	buf[n] = '\0';
}

typedef struct scan {
	const char *id;       /* looking for this id */
	const char *name;     /* ... or this name (column 2) */
	const char *key;      /* ... or this normalised name near lat/lon */
	double lat, lon;
	long found_line;      /* first match */
	size_t found_off, found_len;
	int matches;
	char found_id[GAZ_FIELD_MAX + 1];
	const char *base;
} scan;

static int scan_line(void *ud, char *line, size_t len, long no, const char *start)
{
	scan *s = ud;
	char id[GAZ_FIELD_MAX + 1];
	line_id(line, id, sizeof id);
	if (!id[0])
		return 0;
	const char *t1 = strchr(line, '\t');
	const char *nm = t1 ? t1 + 1 : "";
	size_t nl = strcspn(nm, "\t\r");
	int hit = 0;
	if (s->id && strcmp(id, s->id) == 0)
		hit = 1;
	if (!hit && s->name && strlen(s->name) == nl && strncmp(nm, s->name, nl) == 0)
		hit = 1;
	if (!hit && s->key) {
		char key[GAZ_NAME_MAX];
		size_t kl = im_gaz_norm(nm, nl, key, sizeof key);
		if (kl && strcmp(key, s->key) == 0) {
			/* columns 5 and 6: latitude, longitude */
			const char *p = nm;
			for (int c = 1; c < 4 && p; c++) {
				p = strchr(p, '\t');
				if (p)
					p++;
			}
			if (p) {
				char *end;
				double la = strtod(p, &end);
				double lo = *end == '\t' ? strtod(end + 1, NULL) : 999;
				double dy = (la - s->lat) * 111.2;
				double dx = (lo - s->lon) * 111.2 * cos(s->lat * M_PI / 180);
				hit = dx * dx + dy * dy < 1.0; /* within a kilometre */
			}
		}
	}
	if (hit) {
		if (!s->matches++) {
			s->found_line = no;
			s->found_off = (size_t)(start - s->base);
			s->found_len = len;
			snprintf(s->found_id, sizeof s->found_id, "%s", id);
		}
	}
	return 0;
}

static int has_id(char *data, size_t len, const char *id)
{
	scan s;
	memset(&s, 0, sizeof s);
	s.id = id;
	s.base = data;
	each_line(data, len, scan_line, &s);
	return s.matches > 0;
}

static void fmt_deg(char *buf, size_t cap, double v)
{
	snprintf(buf, cap, "%.6f", v);
	char *e = buf + strlen(buf);
	while (e > buf && e[-1] == '0')
		*--e = '\0';
	if (e > buf && e[-1] == '.')
		*--e = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

im_status im_gaz_add(const char *dir, const im_gaz_entry *e, char *id_out, size_t id_cap,
		     im_error *err)
{
	char msg[200];
	const char *bad;
	if (id_out && id_cap)
		id_out[0] = '\0';
	if (!e || !e->name || blank(e->name))
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0, "refused: empty name");
	if ((bad = check_text(e->name, "a name", msg, sizeof msg)))
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0, "refused: %s", bad);
	if (!isfinite(e->lat) || e->lat < -90 || e->lat > 90)
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0,
				    "refused: latitude %g is outside -90..90", e->lat);
	if (!isfinite(e->lon) || e->lon < -180 || e->lon > 180)
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0,
				    "refused: longitude %g is outside -180..180", e->lon);
	if ((unsigned)e->kind > IM_KIND_OTHER)
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0, "refused: unknown kind");
	if (e->population < 0 || e->population > 100000000)
		return im_error_set(err, IM_E_RANGE, NULL, 0, 0,
				    "refused: population %lld is outside 0..100000000",
				    (long long)e->population);
	char cc[3] = "";
	if (e->country && e->country[0]) {
		const char *c = e->country;
		if (strlen(c) != 2 || !((c[0] | 0x20) >= 'a' && (c[0] | 0x20) <= 'z') ||
		    !((c[1] | 0x20) >= 'a' && (c[1] | 0x20) <= 'z'))
			return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
					    "refused: country '%.20s' is not a two-letter code", c);
		cc[0] = (char)(c[0] & ~0x20);
		cc[1] = (char)(c[1] & ~0x20);
	}
	const char *admin1 = e->admin1 ? e->admin1 : "";
	if ((bad = check_text(admin1, "--admin1", msg, sizeof msg)))
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0, "refused: %s", bad);
	char key[GAZ_NAME_MAX];
	if (!im_gaz_norm(e->name, strlen(e->name), key, sizeof key))
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
				    "refused: the name '%s' has no letters or digits", e->name);

	/* the alternate names, joined with commas as GeoNames does */
	im_buf alts = IM_BUF_INIT;
	if (e->alt) {
		for (const char *p = e->alt;;) {
			size_t n = strcspn(p, "|");
			char *a = trim_dup(p, n);
			im_status st = IM_OK;
			if (!a)
				st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			else if (!a[0])
				st = im_error_set(err, IM_E_PARSE, NULL, 0, 0,
						  "refused: an empty name in --alt");
			else if ((bad = check_text(a, "an alternate name", msg, sizeof msg)))
				st = im_error_set(err, IM_E_PARSE, NULL, 0, 0, "refused: %s", bad);
			else if (strchr(a, ','))
				st = im_error_set(err, IM_E_PARSE, NULL, 0, 0,
						  "refused: an alternate name cannot hold a comma ('%s')", a);
			else if ((alts.len && im_buf_putc(&alts, ',')) || im_buf_puts(&alts, a))
				st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			free(a);
			if (st) {
				im_buf_free(&alts);
				return st;
			}
			if (!p[n])
				break;
			p += n + 1;
		}
	}

	/* The country must be one the gazetteer knows; opening it also builds
	 * the index, so the entry can be geocoded at once. */
	im_gaz *g;
	im_status st = im_gaz_open(dir, &g, err);
	if (st) {
		im_buf_free(&alts);
		return st;
	}
	if (cc[0] && !im_gaz_country_name(g, cc)) {
		im_gaz_free(g);
		im_buf_free(&alts);
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
				    "refused: unknown country code '%s' (ISO 3166-1 alpha-2, e.g. IQ)", cc);
	}

	int lock;
	char *udir;
	if ((st = user_folder(dir, 1, &udir, err))) {
		im_gaz_free(g);
		im_buf_free(&alts);
		return st;
	}
	if ((st = lock_dir(udir, &lock, err))) {
		im_gaz_free(g);
		im_buf_free(&alts);
		free(udir);
		return st;
	}
	char *path = im_path_join(udir, USER_FILE);
	char *old = NULL;
	size_t oldlen = 0;
	int had = 0;
	im_buf out = IM_BUF_INIT;
	if (!path)
		st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	if (!st)
		st = read_opt(path, &old, &oldlen, &had, err);
	char id[GAZ_FIELD_MAX + 16];
	if (!st) {
		scan s;
		memset(&s, 0, sizeof s);
		s.key = key;
		s.lat = e->lat;
		s.lon = e->lon;
		s.base = old;
		each_line(old, oldlen, scan_line, &s);
		if (s.matches)
			st = im_error_set(err, IM_E_EXISTS, path, s.found_line, 0,
					  "refused: '%s' is already there as %s, within a kilometre "
					  "(remove it first to change it)", e->name, s.found_id);
	}
	if (!st) {
		/* id: user: and the name's light form, made unique */
		char light[GAZ_NAME_MAX];
		size_t ln = gaz_norm_light(e->name, strlen(e->name), light, 120);
		for (size_t i = 0; i < ln; i++)
			if (light[i] == ' ')
				light[i] = '-';
		snprintf(id, sizeof id, "user:%.150s", light);
		for (int k = 2; has_id(old, oldlen, id) || im_gaz_get(g, id, NULL); k++)
			snprintf(id, sizeof id, "user:%.150s-%d", light, k);
		char la[32], lo[32], today[11];
		fmt_deg(la, sizeof la, e->lat);
		fmt_deg(lo, sizeof lo, e->lon);
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		const char *fclass, *fcode;
		gaz_kind_codes(e->kind, &fclass, &fcode);
		char pop[32] = "";
		if (e->population > 0)
			snprintf(pop, sizeof pop, "%lld", (long long)e->population);
		char *name = trim_dup(e->name, strlen(e->name));
		char *a1 = trim_dup(admin1, strlen(admin1));
		if (!name || !a1 || im_buf_append(&out, old, oldlen) ||
		    (oldlen && old[oldlen - 1] != '\n' && im_buf_putc(&out, '\n')) ||
		    (!had && im_buf_puts(&out, "# The user's own places (incimap gazetteer add); "
					     "GeoNames columns, see docs/gazetteer.md.\n")) ||
		    im_buf_printf(&out, "%s\t%s\t\t%s\t%s\t%s\t%s\t%s\t%s\t\t%s\t\t\t\t%s\t\t\t\t%s\n", id,
				  name, alts.p ? alts.p : "", la, lo, fclass, fcode, cc, a1, pop, today))
			st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
		free(name);
		free(a1);
	}
	/* The line must read back as it was meant: never write what the
	 * builder would skip. */
	if (!st) {
		const char *last = out.p + out.len - 1;
		while (last > out.p && last[-1] != '\n')
			last--;
		size_t ll = (size_t)(out.p + out.len - 1 - last);
		char *copy = im_strndup(last, ll);
		gaz_row r;
		const char *why = copy ? gaz_row_parse(copy, ll, &r, msg, sizeof msg) : "out of memory";
		if (why)
			st = im_error_set(err, IM_E_INTERNAL, path, 0, 0, "refused: %s", why);
		free(copy);
	}
	if (!st)
		st = replace_file(udir, USER_FILE, old, oldlen, had, out.p, out.len, err);
	if (!st && id_out)
		snprintf(id_out, id_cap, "%s", id);
	unlock_dir(lock);
	im_gaz_free(g);
	free(udir);
	free(path);
	free(old);
	im_buf_free(&out);
	im_buf_free(&alts);
	return st;
}

im_status im_gaz_remove(const char *dir, const char *id_or_name, im_error *err)
{
	if (!id_or_name || !*id_or_name)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "remove wants an id or a name");
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	int lock = -1;
	char *udir;
	im_status st = user_folder(dir, 0, &udir, err);
	if (st)
		return st;
	/* no data folder yet: no user entry to remove (and none made) */
	if (im_is_dir(udir) && (st = lock_dir(udir, &lock, err))) {
		free(udir);
		return st;
	}
	char *path = im_path_join(udir, USER_FILE);
	char *old = NULL;
	size_t oldlen = 0;
	int had = 0;
	if (!path)
		st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	if (!st)
		st = read_opt(path, &old, &oldlen, &had, err);
	scan s;
	memset(&s, 0, sizeof s);
	if (!st) {
		s.id = id_or_name;
		s.base = old;
		each_line(old, oldlen, scan_line, &s);
		if (!s.matches) {
			s.id = NULL;
			s.name = id_or_name;
			each_line(old, oldlen, scan_line, &s);
			if (s.matches > 1)
				st = im_error_set(err, IM_E_USAGE, path, s.found_line, 0,
						  "%d user entries are named '%s': remove one by its id "
						  "(incimap gazetteer list)", s.matches, id_or_name);
		}
	}
	if (!st && !s.matches) {
		unlock_dir(lock);
		lock = -1;
		/* Not the user's: say whether it is shipped data. */
		im_gaz *g;
		im_place p;
		im_gaz_cand c;
		int shipped = 0;
		if (im_gaz_open(dir, &g, NULL) == IM_OK) {
			shipped = im_gaz_get(g, id_or_name, &p);
			if (!shipped && im_gaz_lookup(g, id_or_name, strlen(id_or_name), NULL, &c, 1))
				shipped = strcmp(c.place.name, id_or_name) == 0;
			im_gaz_free(g);
		}
		st = shipped ? im_error_set(err, IM_E_USAGE, NULL, 0, 0,
					    "'%s' is shipped data, not a user entry: it cannot be removed "
					    "(add a corrected entry instead; yours wins)", id_or_name)
			     : im_error_set(err, IM_E_NOTFOUND, path, 0, 0,
					    "no user entry with the id or name '%s'", id_or_name);
	}
	if (!st) {
		im_buf out = IM_BUF_INIT;
		size_t end = s.found_off + s.found_len;
		if (end < oldlen)
			end++; /* the newline */
		if (im_buf_append(&out, old, s.found_off) ||
		    im_buf_append(&out, old + end, oldlen - end))
			st = im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
		if (!st)
			st = replace_file(udir, USER_FILE, old, oldlen, had, out.p ? out.p : "", out.len,
					  err);
		im_buf_free(&out);
	}
	unlock_dir(lock);
	free(udir);
	free(path);
	free(old);
	return st;
}

/* ---- list -------------------------------------------------------------- */

typedef struct listctx {
	FILE *fp;
	const char *path;
} listctx;

static int list_line(void *ud, char *line, size_t len, long no, const char *start)
{
	listctx *l = ud;
	(void)start;
	if (!len || line[0] == '#')
		return 0;
	char *copy = im_strndup(line, len);
	if (!copy)
		return 1;
	gaz_row r;
	char msg[160];
	const char *why = gaz_row_parse(copy, len, &r, msg, sizeof msg);
	if (why) {
		im_warn(l->path, no, "%s (line not listed)", why);
	} else {
		im_kind k = gaz_kind_of(r.c[6], r.c[7], r.pop);
		fprintf(l->fp, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.c[0], r.c[1], r.c[4], r.c[5],
			r.c[8], r.c[10], im_kind_name(k), r.c[3]);
	}
	free(copy);
	return 0;
}

im_status im_gaz_list(const char *dir, int all, FILE *fp, im_error *err)
{
	if (all) {
		im_gaz *g;
		im_status st = im_gaz_open(dir, &g, err);
		if (st)
			return st;
		for (uint32_t i = 0; i < g->h->n_places; i++) {
			const gaz_prec *r = &g->places[i];
			char la[32], lo[32];
			fmt_deg(la, sizeof la, r->lat / 1e6);
			fmt_deg(lo, sizeof lo, r->lon / 1e6);
			im_place p;
			gaz_fill_place(g, i, &p);
			fprintf(fp, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.id, p.name, la, lo, p.country,
				p.admin1, im_kind_name(p.kind));
		}
		im_gaz_free(g);
		return ferror(fp) ? im_error_set(err, IM_E_IO, "<stdout>", 0, 0, "write error") : IM_OK;
	}
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	char *udir = im_gaz_user_dir(dir);
	if (!udir)
		return IM_OK; /* a read-only folder and no data folder: no entries of yours */
	char *path = im_path_join(udir, USER_FILE);
	free(udir);
	if (!path)
		return im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	char *data;
	size_t len;
	int had;
	im_status st = read_opt(path, &data, &len, &had, err);
	if (!st) {
		listctx l = {fp, path};
		each_line(data, len, list_line, &l);
		free(data);
		if (ferror(fp))
			st = im_error_set(err, IM_E_IO, "<stdout>", 0, 0, "write error");
	}
	free(path);
	return st;
}

/* ---- check ------------------------------------------------------------ */

/* Every source file, line by line. Countries are those the files define
 * (kind country) in any file; ids must be unique within a file. */
typedef struct ccset {
	unsigned char has[26 * 26];
} ccset;

static int cc_index(const char *cc)
{
	return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static char **sort_keys; /* for idcmp: check runs on one thread */
static int idcmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_keys[x], sort_keys[y]);
	return c ? c : x < y ? -1 : x > y;
}

im_status im_gaz_check(const char *dir, size_t *problems, im_error *err)
{
	size_t dummy;
	if (!problems)
		problems = &dummy;
	*problems = 0;
	gaz_file *f;
	size_t nf;
	im_status st = gaz_files_list(dir, &f, &nf, err);
	if (st)
		return st;
	char **data = calloc(nf ? nf : 1, sizeof *data);
	size_t *lens = calloc(nf ? nf : 1, sizeof *lens);
	ccset *cc = calloc(1, sizeof *cc);
	if (!data || !lens || !cc) {
		free(data), free(lens), free(cc);
		gaz_files_free(f, nf);
		return im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	}
	size_t nplaces = 0;
	for (size_t i = 0; i < nf; i++) {
		im_error e;
		if (gaz_read_source(f[i].path, &data[i], &lens[i], &e)) {
			im_warn(f[i].path, 0, "%s", e.msg);
			++*problems;
			data[i] = NULL;
		}
	}
	/* pass 1: the countries */
	for (size_t i = 0; i < nf; i++) {
		if (!data[i] || f[i].type != GAZ_FT_PLACES)
			continue;
		for (char *p = data[i] + gaz_bom(data[i], lens[i]); p < data[i] + lens[i];) {
			char *nl = memchr(p, '\n', (size_t)(data[i] + lens[i] - p));
			size_t l = nl ? (size_t)(nl - p) : (size_t)(data[i] + lens[i] - p);
			/* columns 7, 8, 9: class, code, country */
			char *c = p;
			int col = 0;
			char *cols[9] = {0};
			while (col < 9 && c < p + l) {
				cols[col++] = c;
				char *t = memchr(c, '\t', (size_t)(p + l - c));
				if (!t)
					break;
				c = t + 1;
			}
			if (col == 9 && cols[6][0] == 'A' && strncmp(cols[7], "PCL", 3) == 0 &&
			    cols[8][0] >= 'A' && cols[8][0] <= 'Z' && cols[8][1] >= 'A' && cols[8][1] <= 'Z')
				cc->has[cc_index(cols[8])] = 1;
			p += l + 1;
		}
	}
	/* pass 2: every line */
	for (size_t i = 0; i < nf; i++) {
		if (!data[i])
			continue;
		const char *path = f[i].path;
		if (lens[i] == 0) {
			im_warn(path, 0, "empty file");
			++*problems;
			continue;
		}
		/* ids seen in this file: a sorted copy afterwards */
		char **seen = NULL;
		long *seenline = NULL;
		size_t ns = 0, caps = 0;
		long no = 0;
		for (char *p = data[i] + gaz_bom(data[i], lens[i]); p < data[i] + lens[i];) {
			char *nl = memchr(p, '\n', (size_t)(data[i] + lens[i] - p));
			size_t l = nl ? (size_t)(nl - p) : (size_t)(data[i] + lens[i] - p);
			char *line = p;
			p += l + 1;
			no++;
			line[l] = '\0';
			if (l == 0 || line[0] == '#')
				continue;
			if (l > GAZ_LINE_MAX) {
				im_warn(path, no, "line longer than %u bytes", GAZ_LINE_MAX);
				++*problems;
				continue;
			}
			size_t bad;
			if (!im_utf8_valid(line, l, &bad)) {
				im_warn(path, no, "invalid UTF-8 (byte %zu of the line)", bad + 1);
				++*problems;
				continue;
			}
			if (f[i].type == GAZ_FT_ADMIN1) {
				if (!strchr(line, '\t')) {
					im_warn(path, no, "an admin1 line wants CODE<tab>NAME<tab>ASCIINAME<tab>ID");
					++*problems;
				}
				continue;
			}
			if (f[i].type == GAZ_FT_ALTERNATES) {
				int tabs = 0;
				for (const char *q = line; *q; q++)
					tabs += *q == '\t';
				if (tabs < 3) {
					im_warn(path, no, "an alternate-name line wants at least 4 columns "
							  "(id, place id, language, name)");
					++*problems;
				}
				continue;
			}
			gaz_row r;
			char msg[160];
			const char *why = gaz_row_parse(line, l, &r, msg, sizeof msg);
			if (why) {
				im_warn(path, no, "%s", why);
				++*problems;
				continue;
			}
			nplaces++;
			if (r.c[8][0] && !cc->has[cc_index(r.c[8])]) {
				im_warn(path, no, "unknown country code '%s'", r.c[8]);
				++*problems;
			}
			if (ns == caps) {
				size_t nc = caps ? caps * 2 : 1024;
				char **a = realloc(seen, nc * sizeof *a);
				long *b = a ? realloc(seenline, nc * sizeof *b) : NULL;
				if (a)
					seen = a;
				if (!a || !b) {
					st = im_error_set(err, IM_E_NOMEM, path, no, 0, "out of memory");
					break;
				}
				seenline = b;
				caps = nc;
			}
			seen[ns] = r.c[0];
			seenline[ns++] = no;
		}
		if (!st && ns > 1) {
			/* duplicates: sort (id, line) pairs by id */
			size_t *ord = malloc(ns * sizeof *ord);
			if (ord) {
				for (size_t k = 0; k < ns; k++)
					ord[k] = k;
				sort_keys = seen;
				qsort(ord, ns, sizeof *ord, idcmp);
				for (size_t k = 1; k < ns; k++) {
					if (strcmp(seen[ord[k]], seen[ord[k - 1]]) == 0) {
						size_t a = ord[k - 1] < ord[k] ? ord[k - 1] : ord[k];
						size_t b = a == ord[k] ? ord[k - 1] : ord[k];
						im_warn(path, seenline[b], "duplicate id %s (also on line %ld)",
							seen[b], seenline[a]);
						++*problems;
					}
				}
				free(ord);
			}
		}
		free(seen);
		free(seenline);
		if (st)
			break;
	}
	for (size_t i = 0; i < nf; i++)
		free(data[i]);
	free(data);
	free(lens);
	free(cc);
	gaz_files_free(f, nf);
	if (st)
		return st;
	if (!nplaces) {
		++*problems;
		im_warn(dir, 0, "no places in the gazetteer folder");
	}
	if (*problems)
		return im_error_set(err, IM_E_PARSE, dir, 0, 0, "%zu problem%s in the gazetteer", *problems,
				    *problems == 1 ? "" : "s");
	return IM_OK;
}

/* ---- import ------------------------------------------------------------ */

typedef struct altname {
	const char *gid; /* GeoNames id */
	const char *name;
} altname;

static int alt_cmp(const void *a, const void *b)
{
	const altname *x = a, *y = b;
	int c = strcmp(x->gid, y->gid);
	return c ? c : strcmp(x->name, y->name);
}

/* Reads alternateNamesV2 (or the older 8-column alternateNames): the names
 * usable in a gazetteer, sorted by place. Strings point into *data. */
static im_status read_alternates(const char *path, char **data, altname **out, size_t *nout,
				 im_error *err)
{
	size_t len;
	*out = NULL;
	*nout = 0;
	im_status st = im_read_file(path, GAZ_FILE_MAX, data, &len, err);
	if (st)
		return st;
	altname *a = NULL;
	size_t n = 0, cap = 0;
	long no = 0;
	size_t lines = 0;
	static const char *const skip[] = {"link", "post", "iata", "icao", "faac", "abbr", "wkdt",
					   "unlc", "fr_1793", "tcid", NULL};
	for (char *p = *data + gaz_bom(*data, len); p < *data + len && !st;) {
		char *nl = memchr(p, '\n', (size_t)(*data + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(*data + len - p);
		char *line = p;
		p += l + 1;
		no++;
		line[l] = '\0';
		if (l && line[l - 1] == '\r')
			line[--l] = '\0';
		if (l == 0 || line[0] == '#')
			continue;
		lines++;
		size_t bad;
		if (l > GAZ_LINE_MAX) {
			st = im_error_set(err, IM_E_TOO_LARGE, path, no, 0, "line longer than %u bytes",
					  GAZ_LINE_MAX);
			break;
		}
		if (!im_utf8_valid(line, l, &bad)) {
			st = im_error_set(err, IM_E_PARSE, path, no, 0, "invalid UTF-8 (byte %zu of the line)",
					  bad + 1);
			break;
		}
		char *c[8] = {0};
		size_t k = 0;
		for (char *q = line; k < 8;) {
			c[k++] = q;
			char *t = strchr(q, '\t');
			if (!t)
				break;
			*t = '\0';
			q = t + 1;
		}
		if (k < 4 || !c[1][0] || strspn(c[1], "0123456789") != strlen(c[1])) {
			st = im_error_set(err, IM_E_PARSE, path, no, 0,
					  "not an alternateNames line (alternateNameId, geonameid, "
					  "isolanguage, name, ...)");
			break;
		}
		int drop = !c[3][0] || strchr(c[3], ',') || strlen(c[3]) > GAZ_FIELD_MAX ||
			   (k >= 8 && strcmp(c[7], "1") == 0);
		for (size_t i = 0; skip[i] && !drop; i++)
			drop = strcmp(c[2], skip[i]) == 0;
		for (const char *q = c[3]; *q && !drop; q++)
			drop = (unsigned char)*q < 0x20;
		if (drop)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 4096;
			altname *b = realloc(a, nc * sizeof *b);
			if (!b) {
				st = im_error_set(err, IM_E_NOMEM, path, no, 0, "out of memory");
				break;
			}
			a = b;
			cap = nc;
		}
		a[n].gid = c[1];
		a[n].name = c[3];
		n++;
	}
	if (!st && !lines)
		st = im_error_set(err, IM_E_PARSE, path, 0, 0, "empty file: no alternate names");
	if (st) {
		free(a);
		free(*data);
		*data = NULL;
		return st;
	}
	if (n)
		qsort(a, n, sizeof *a, alt_cmp);
	*out = a;
	*nout = n;
	return IM_OK;
}

/* The name of the file an import of path goes to: user-import-BASE.txt. */
static void import_name(const char *path, char *buf, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strcspn(base, ".");
	char clean[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof clean; i++) {
		char c = base[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_';
		clean[k++] = ok ? c : '_';
	}
	clean[k] = '\0';
	snprintf(buf, cap, "user-import-%s.txt", k ? clean : "data");
}

im_status im_gaz_import_n(const char *dir, const char *geonames, const char *alternates,
			  size_t *count, char *file_out, size_t file_cap, im_error *err)
{
	if (count)
		*count = 0;
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	char *data = NULL, *adata = NULL;
	size_t len;
	altname *alt = NULL;
	size_t nalt = 0;
	im_status st = im_read_file(geonames, GAZ_FILE_MAX, &data, &len, err);
	if (st)
		return st;
	if (alternates && (st = read_alternates(alternates, &adata, &alt, &nalt, err))) {
		free(data);
		return st;
	}
	im_gaz *g = NULL;
	st = im_gaz_open(dir, &g, err);
	im_buf out = IM_BUF_INIT;
	char msg[160];
	size_t n = 0;
	long no = 0;
	time_t now = time(NULL);
	struct tm tm;
	char today[11];
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	const char *base = strrchr(geonames, '/');
	if (!st && im_buf_printf(&out, "# Imported with `incimap gazetteer import` from %s%s%s on %s.\n"
				      "# GeoNames columns; see docs/gazetteer.md.\n",
				 base ? base + 1 : geonames, alternates ? " with alternate names from " : "",
				 alternates ? (strrchr(alternates, '/') ? strrchr(alternates, '/') + 1
									 : alternates)
					    : "",
				 today))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (char *p = data + gaz_bom(data, len); !st && p < data + len;) {
		char *nl = memchr(p, '\n', (size_t)(data + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		char *line = p;
		p += l + 1;
		no++;
		line[l] = '\0';
		if (l == 0 || line[0] == '#')
			continue;
		if (l > GAZ_LINE_MAX) {
			st = im_error_set(err, IM_E_TOO_LARGE, geonames, no, 0, "line longer than %u bytes",
					  GAZ_LINE_MAX);
			break;
		}
		gaz_row r;
		const char *why = gaz_row_parse(line, l, &r, msg, sizeof msg);
		if (why) {
			st = im_error_set(err, IM_E_PARSE, geonames, no, 0, "%s", why);
			break;
		}
		if (r.c[8][0] && !im_gaz_country_name(g, r.c[8])) {
			st = im_error_set(err, IM_E_PARSE, geonames, no, 0, "unknown country code '%s'",
					  r.c[8]);
			break;
		}
		for (int i = 0; i < GAZ_COLS && !st; i++) {
			if (i && im_buf_putc(&out, '\t'))
				st = IM_E_NOMEM;
			if (!st && im_buf_puts(&out, r.c[i]))
				st = IM_E_NOMEM;
			if (i == 3 && nalt && !st) {
				/* merge the alternate names of this place */
				altname key = {r.c[0], ""};
				size_t lo = 0, hi = nalt;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (alt_cmp(&alt[mid], &key) < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				int any = r.c[3][0] != '\0';
				for (; lo < nalt && strcmp(alt[lo].gid, r.c[0]) == 0 && !st; lo++) {
					if ((any && im_buf_putc(&out, ',')) || im_buf_puts(&out, alt[lo].name))
						st = IM_E_NOMEM;
					any = 1;
				}
			}
		}
		if (!st && im_buf_putc(&out, '\n'))
			st = IM_E_NOMEM;
		if (st == IM_E_NOMEM)
			st = im_error_set(err, IM_E_NOMEM, geonames, no, 0, "out of memory");
		n++;
	}
	if (!st && !n)
		st = im_error_set(err, IM_E_PARSE, geonames, 0, 0, "empty file: no places to import");
	char name[128];
	import_name(geonames, name, sizeof name);
	char *udir = NULL;
	if (!st)
		st = user_folder(dir, 1, &udir, err);
	if (!st) {
		int lock;
		st = lock_dir(udir, &lock, err);
		if (!st) {
			char *path = im_path_join(udir, name);
			char *old = NULL;
			size_t oldlen = 0;
			int had = 0;
			if (!path)
				st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
			if (!st)
				st = read_opt(path, &old, &oldlen, &had, err);
			if (!st)
				st = replace_file(udir, name, old, oldlen, had, out.p, out.len, err);
			free(old);
			free(path);
			unlock_dir(lock);
		}
	}
	if (!st && count)
		*count = n;
	if (!st && file_out)
		snprintf(file_out, file_cap, "%s", name);
	free(udir);
	im_buf_free(&out);
	im_gaz_free(g);
	free(alt);
	free(adata);
	free(data);
	return st;
}

im_status im_gaz_import(const char *dir, const char *geonames, const char *alternates,
			im_error *err)
{
	return im_gaz_import_n(dir, geonames, alternates, NULL, NULL, 0, err);
}
