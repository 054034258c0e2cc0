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
#include <sys/stat.h>
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
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (*fd < 0) {
		/* A link planted under the lock's name is not followed (it could
		 * make this run create or lock a file elsewhere): said as such. */
		im_status st;
		if (errno == ELOOP)
			st = im_error_set(err, IM_E_IO, path, 0, 0,
					  "a symbolic link, not a lock file: not followed (remove it)");
		else
			st = im_error_set(err, IM_E_IO, dir, 0, 0,
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

/* Writes len bytes to path atomically, with the given mode when it is not
 * (mode_t)-1. When fault is set,
 * INCIMAP_FAULT=gaz-write-half stops the process after half the bytes and
 * gaz-write-stall waits there to be killed: the tests' way to show that a
 * crash mid-write loses nothing. */
static im_status write_atomic(const char *path, const char *data, size_t len, mode_t mode,
                              int fault, im_error *err)
{
	im_afile *f;
	im_status st = im_afile_open(path, &f, err);
	if (st)
		return st;
	FILE *fp = im_afile_fp(f);
	if (mode != (mode_t)-1)
		fchmod(fileno(fp), mode);
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
	/* the file keeps the mode it had (a team's shared 0664, a private 0600) */
	struct stat sb;
	if (ok && stat(path, &sb) == 0)
		ok = fchmod(fileno(fp), sb.st_mode & 07777) == 0;
	if (!ok) {
		int e = errno;
		im_afile_abort(f);
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	return im_afile_commit(f, err);
}

/* Where an edit of path is written: path, or the file a symbolic link at
 * path points to (a user.txt kept in a repository of one's own and linked
 * here stays a link, and its target gets the edit). A link to nothing is
 * refused. Caller frees *out. */
static im_status write_target(const char *path, char **out, im_error *err)
{
	struct stat sb;
	if (lstat(path, &sb) != 0 || !S_ISLNK(sb.st_mode)) {
		*out = im_strdup(path);
		return *out ? IM_OK : im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	*out = realpath(path, NULL);
	if (!*out)
		return im_error_set(err, IM_E_IO, path, 0, 0,
		                    "a symbolic link to a file that cannot be reached: %s",
		                    strerror(errno));
	return IM_OK;
}

/* The mode of the file at path (its permission bits), (mode_t)-1 when it
 * is missing: the backup of a private file is as private as the file. */
static mode_t file_mode(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? sb.st_mode & 07777 : (mode_t)-1;
}

/* Replaces dir/name with data: the previous version goes to name.bak
 * first (itself written atomically, with the file's mode), then the new
 * one is renamed in (keeping the file's mode; through a link, see
 * write_target). */
static im_status replace_file(const char *dir, const char *name, const char *old, size_t oldlen,
			      int had_old, const char *data, size_t len, im_error *err)
{
	char *path = im_path_join(dir, name);
	size_t bl = strlen(name) + 5;
	char *bname = malloc(bl);
	char *bpath = NULL, *target = NULL;
	if (bname) {
		snprintf(bname, bl, "%s.bak", name);
		bpath = im_path_join(dir, bname);
	}
	im_status st = IM_OK;
	if (!path || !bpath)
		st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	if (!st)
		st = write_target(path, &target, err);
	if (!st && had_old)
		st = write_atomic(bpath, old, oldlen, file_mode(target), 0, err);
	if (!st)
		st = write_atomic(target, data, len, (mode_t)-1, 1, err);
	free(path);
	free(target);
	free(bname);
	free(bpath);
	return st;
}

/* Reads a file to import, which must be a regular file: a pipe or a
 * device (/dev/zero) has no size to check first and would be read up to
 * the 2 GiB cap before being refused, so it is refused before any of it
 * is read. */
static im_status read_import(const char *path, char **data, size_t *len, im_error *err)
{
	struct stat sb;
	*data = NULL;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
		return im_error_set(err, IM_E_IO, path, 0, 0,
		                    "not a regular file (a pipe or a device): save the dump as a "
		                    "file first");
	return im_read_file(path, GAZ_FILE_MAX, data, len, err);
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
	const char *skip_id;  /* ... but never the line of this id */
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
	if (!id[0] || (s->skip_id && strcmp(id, s->skip_id) == 0))
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

/* ---- entries: add and edit ------------------------------------------- */

/* Checks e's fields as `add` and `edit` take them: writes the country code
 * in capitals ("" when none) into cc and the alternate names joined with
 * commas, as GeoNames writes them, into alts (which the caller frees). */
static im_status entry_check(const im_gaz_entry *e, char cc[3], im_buf *alts, im_error *err)
{
	char msg[200];
	const char *bad;
	cc[0] = '\0';
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
	if (e->country && e->country[0]) {
		const char *c = e->country;
		if (strlen(c) != 2 || !((c[0] | 0x20) >= 'a' && (c[0] | 0x20) <= 'z') ||
		    !((c[1] | 0x20) >= 'a' && (c[1] | 0x20) <= 'z'))
			return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
					    "refused: country '%.20s' is not a two-letter code", c);
		cc[0] = (char)(c[0] & ~0x20);
		cc[1] = (char)(c[1] & ~0x20);
		cc[2] = '\0';
	}
	if ((bad = check_text(e->admin1 ? e->admin1 : "", "--admin1", msg, sizeof msg)))
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0, "refused: %s", bad);
	char key[GAZ_NAME_MAX];
	if (!im_gaz_norm(e->name, strlen(e->name), key, sizeof key))
		return im_error_set(err, IM_E_PARSE, NULL, 0, 0,
				    "refused: the name '%s' has no letters or digits", e->name);
	/* no --alt, or --alt "" on an edit: no other names */
	for (const char *p = e->alt; p && *e->alt;) {
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
			                  "refused: an alternate name cannot hold a comma ('%s')",
			                  a);
		else if ((alts->len && im_buf_putc(alts, ',')) || im_buf_puts(alts, a))
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		free(a);
		if (st)
			return st;
		if (!p[n])
			break;
		p += n + 1;
	}
	return IM_OK;
}

/* The country and province of the point (lat, lon) when none is given:
 * from the base map. A country given is kept; the province is taken from
 * the map only when the point lies in that country. When the map cannot
 * tell (no shapes, the sea), a warning, and nothing is filled in. */
static void entry_where(const im_gaz *g, gaz_shapes *shapes, double lat, double lon, char cc[3],
                        char *a1, size_t cap)
{
	if (!shapes || (cc[0] && a1[0]))
		return;
	char wcc[3], wa1[GAZ_FIELD_MAX + 1];
	im_error e;
	if (gaz_shapes_where(shapes, g, lat, lon, wcc, wa1, sizeof wa1, &e)) {
		im_warn(e.file[0] ? e.file : NULL, 0,
		        "%s: the country and province are not worked out from the coordinates",
		        e.msg);
		return;
	}
	if (!wcc[0]) {
		if (!cc[0])
			im_warn(NULL, 0,
			        "%g,%g lies in no country that the base map and the gazetteer "
			        "both know (at sea?): no country recorded (give --country)",
			        lat, lon);
		return;
	}
	if (cc[0] && strcmp(cc, wcc) != 0) {
		im_warn(NULL, 0, "%g,%g lies in %s by the base map, not in %s: %s kept", lat, lon,
		        wcc, cc, cc);
		return;
	}
	memcpy(cc, wcc, 3);
	if (!a1[0])
		snprintf(a1, cap, "%s", wa1);
}

/* entry_where with the base map in the folder shapes (NULL: none), for
 * one point. */
static void entry_where_in(const im_gaz *g, const char *shapes, double lat, double lon, char cc[3],
                           char *a1, size_t cap)
{
	gaz_shapes *sh = shapes ? gaz_shapes_new(shapes) : NULL;
	entry_where(g, sh, lat, lon, cc, a1, cap);
	gaz_shapes_free(sh);
}

/* Refuses a place of the same normalised name within a kilometre of the
 * point anywhere in the gazetteer (but the entry self_id itself). */
static im_status near_in_index(const im_gaz *g, const char *name, double lat, double lon,
                               const char *self_id, im_error *err)
{
	im_gaz_cand c[32];
	size_t n = im_gaz_lookup(g, name, strlen(name), NULL, c, 32);
	for (size_t i = 0; i < n && i < 32; i++) {
		double km = im_gaz_dist_km(lat, lon, c[i].place.lat, c[i].place.lon);
		if (km >= 1.0 || (self_id && strcmp(c[i].place.id, self_id) == 0))
			continue;
		int mine = strncmp(c[i].place.id, "user:", 5) == 0;
		return im_error_set(
		    err, IM_E_EXISTS, NULL, 0, 0,
		    "refused: '%s' is already in the gazetteer as %s (%s), %.2f km "
		    "away (%s)",
		    name, c[i].place.id, c[i].place.name, km,
		    mine ? "gazetteer edit changes it; --force adds this one all the same"
		         : "--force adds yours all the same, and yours wins");
	}
	return IM_OK;
}

/* Refuses a user entry of the same normalised name within a kilometre
 * (but the line of the entry self_id itself). */
static im_status near_in_user(char *data, size_t len, const char *path, const char *name,
                              double lat, double lon, const char *self_id, im_error *err)
{
	char key[GAZ_NAME_MAX];
	if (!im_gaz_norm(name, strlen(name), key, sizeof key))
		return IM_OK;
	scan s;
	memset(&s, 0, sizeof s);
	s.key = key;
	s.lat = lat;
	s.lon = lon;
	s.skip_id = self_id;
	s.base = data;
	each_line(data, len, scan_line, &s);
	if (s.matches)
		return im_error_set(
		    err, IM_E_EXISTS, path, s.found_line, 0,
		    "refused: '%s' is already there as %s, within a kilometre "
		    "(gazetteer edit changes it; --force adds this one all the same)",
		    name, s.found_id);
	return IM_OK;
}

/* Appends the 19 columns c as one line to out. */
static int put_row(im_buf *out, char *const c[GAZ_COLS])
{
	for (int i = 0; i < GAZ_COLS; i++)
		if ((i && im_buf_putc(out, '\t')) || im_buf_puts(out, c[i] ? c[i] : ""))
			return -1;
	return im_buf_putc(out, '\n');
}

/* The line must read back as it was meant: never write what the builder
 * would skip. Checks the last line of out. */
static im_status last_line_ok(const im_buf *out, const char *path, im_error *err)
{
	const char *last = out->p + out->len - 1;
	while (last > out->p && last[-1] != '\n')
		last--;
	size_t ll = (size_t)(out->p + out->len - 1 - last);
	char *copy = im_strndup(last, ll);
	gaz_row r;
	char msg[160];
	const char *why = copy ? gaz_row_parse(copy, ll, &r, msg, sizeof msg) : "out of memory";
	im_status st = IM_OK;
	if (why)
		st = im_error_set(err, IM_E_INTERNAL, path, 0, 0, "refused: %s", why);
	free(copy);
	return st;
}

static void today_utc(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

/* A new id for name: user: and the name's light form, made unique in the
 * user's file and the gazetteer. */
static void new_id(const im_gaz *g, char *old, size_t oldlen, const char *name, char *id,
                   size_t cap)
{
	char light[GAZ_NAME_MAX];
	size_t ln = gaz_norm_light(name, strlen(name), light, 120);
	for (size_t i = 0; i < ln; i++)
		if (light[i] == ' ')
			light[i] = '-';
	snprintf(id, cap, "user:%.150s", light);
	for (int k = 2; has_id(old, oldlen, id) || im_gaz_get(g, id, NULL); k++)
		snprintf(id, cap, "user:%.150s-%d", light, k);
}

/* The user's file of dir, locked and read: what add and edit work on. */
typedef struct ufile {
	int lock;
	char *udir, *path, *old;
	size_t oldlen;
	int had;
} ufile;

/* Opens the user's file `name` of dir under the folder's write lock. */
static im_status ufile_open_named(const char *dir, const char *name, int create, ufile *u,
                                  im_error *err)
{
	memset(u, 0, sizeof *u);
	u->lock = -1;
	im_status st = user_folder(dir, create, &u->udir, err);
	if (st)
		return st;
	/* no data folder yet: no user entry (and none made) */
	if (!create && !im_is_dir(u->udir))
		return read_opt("", &u->old, &u->oldlen, &u->had, err);
	if ((st = lock_dir(u->udir, &u->lock, err)))
		return st;
	if (!(u->path = im_path_join(u->udir, name)))
		return im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	return read_opt(u->path, &u->old, &u->oldlen, &u->had, err);
}

static im_status ufile_open(const char *dir, int create, ufile *u, im_error *err)
{
	return ufile_open_named(dir, USER_FILE, create, u, err);
}

static void ufile_close(ufile *u)
{
	unlock_dir(u->lock);
	free(u->udir);
	free(u->path);
	free(u->old);
	memset(u, 0, sizeof *u);
	u->lock = -1;
}

im_status im_gaz_user_rewrite(const char *dir, const char *name, im_gaz_rewrite_fn fn, void *ud,
                              char **path_out, im_error *err)
{
	ufile u;
	im_buf out = {0};
	im_status st = ufile_open_named(dir, name, 1, &u, err);
	if (!st)
		st = fn(ud, u.path, u.old, u.oldlen, &out, err);
	if (!st)
		st = replace_file(u.udir, name, u.old, u.oldlen, u.had, out.p ? out.p : "", out.len,
		                  err);
	if (!st && path_out && !(*path_out = im_strdup(u.path)))
		st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
	im_buf_free(&out);
	ufile_close(&u);
	return st;
}

im_status im_gaz_add(const char *dir, const im_gaz_entry *e, char *id_out, size_t id_cap,
                     im_error *err)
{
	if (id_out && id_cap)
		id_out[0] = '\0';
	char cc[3];
	im_buf alts = IM_BUF_INIT;
	im_status st = entry_check(e, cc, &alts, err);
	if (st) {
		im_buf_free(&alts);
		return st;
	}
	/* The country must be one the gazetteer knows; opening it also builds
	 * the index, so the entry can be geocoded at once. */
	im_gaz *g;
	if ((st = im_gaz_open(dir, &g, err))) {
		im_buf_free(&alts);
		return st;
	}
	char a1[GAZ_FIELD_MAX + 1];
	char *a1t = trim_dup(e->admin1 ? e->admin1 : "", strlen(e->admin1 ? e->admin1 : ""));
	snprintf(a1, sizeof a1, "%s", a1t ? a1t : "");
	free(a1t);
	if (cc[0] && !im_gaz_country_name(g, cc))
		st = im_error_set(
		    err, IM_E_PARSE, NULL, 0, 0,
		    "refused: unknown country code '%s' (ISO 3166-1 alpha-2, e.g. IQ)", cc);
	ufile u;
	if (!st)
		st = ufile_open(dir, 1, &u, err);
	else
		memset(&u, 0, sizeof u), u.lock = -1;
	if (!st && !e->force)
		st = near_in_user(u.old, u.oldlen, u.path, e->name, e->lat, e->lon, NULL, err);
	if (!st && !e->force)
		st = near_in_index(g, e->name, e->lat, e->lon, NULL, err);
	if (!st)
		entry_where_in(g, e->shapes, e->lat, e->lon, cc, a1, sizeof a1);
	im_buf out = IM_BUF_INIT;
	char id[GAZ_FIELD_MAX + 16];
	if (!st) {
		new_id(g, u.old, u.oldlen, e->name, id, sizeof id);
		char la[32], lo[32], today[11], pop[32] = "";
		fmt_deg(la, sizeof la, e->lat);
		fmt_deg(lo, sizeof lo, e->lon);
		today_utc(today);
		const char *fclass, *fcode;
		gaz_kind_codes(e->kind, &fclass, &fcode);
		if (e->population > 0)
			snprintf(pop, sizeof pop, "%lld", (long long)e->population);
		char *name = trim_dup(e->name, strlen(e->name));
		char *c[GAZ_COLS] = {0};
		c[0] = id, c[1] = name, c[3] = alts.p, c[4] = la, c[5] = lo;
		c[6] = (char *)fclass, c[7] = (char *)fcode, c[8] = cc, c[10] = a1, c[14] = pop;
		c[18] = today;
		if (!name || im_buf_append(&out, u.old, u.oldlen) ||
		    (u.oldlen && u.old[u.oldlen - 1] != '\n' && im_buf_putc(&out, '\n')) ||
		    (!u.had && im_buf_puts(&out, "# The user's own places (incimap gazetteer add); "
		                                 "GeoNames columns, see docs/gazetteer.md.\n")) ||
		    put_row(&out, c))
			st = im_error_set(err, IM_E_NOMEM, u.path, 0, 0, "out of memory");
		free(name);
	}
	if (!st)
		st = last_line_ok(&out, u.path, err);
	if (!st)
		st = replace_file(u.udir, USER_FILE, u.old, u.oldlen, u.had, out.p, out.len, err);
	if (!st && id_out)
		snprintf(id_out, id_cap, "%s", id);
	ufile_close(&u);
	im_gaz_free(g);
	im_buf_free(&out);
	im_buf_free(&alts);
	return st;
}

/* Finds the user's line with this id, else the only one with this name. */
static im_status find_user_line(ufile *u, const char *id_or_name, scan *s, im_error *err)
{
	memset(s, 0, sizeof *s);
	s->id = id_or_name;
	s->base = u->old;
	each_line(u->old, u->oldlen, scan_line, s);
	if (s->matches)
		return IM_OK;
	s->id = NULL;
	s->name = id_or_name;
	each_line(u->old, u->oldlen, scan_line, s);
	if (s->matches > 1)
		return im_error_set(err, IM_E_USAGE, u->path, s->found_line, 0,
		                    "%d user entries are named '%s': give one's id "
		                    "(incimap gazetteer list)",
		                    s->matches, id_or_name);
	return IM_OK;
}

/* Not the user's: says whether it is shipped data (IM_E_USAGE) or nothing
 * (IM_E_NOTFOUND). */
static im_status not_users(const char *dir, const char *path, const char *id_or_name,
                           const char *what, im_error *err)
{
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
	if (shipped)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "'%s' is shipped data, not a user entry: it cannot be %s "
		                    "(add a corrected entry instead; yours wins)",
		                    id_or_name, what);
	return im_error_set(err, IM_E_NOTFOUND, path, 0, 0,
	                    "no user entry with the id or name '%s'", id_or_name);
}

/* The entry a user line holds, with what changes applied: strings point
 * into the row r or into e. alt is the row's names with '|' between them
 * (into altbuf, which the caller frees). */
static void merge_entry(const gaz_row *r, const im_gaz_entry *e, unsigned what, im_gaz_entry *m,
                        im_buf *altbuf)
{
	memset(m, 0, sizeof *m);
	m->name = what & IM_GAZ_SET_NAME ? e->name : r->c[1];
	m->lat = what & IM_GAZ_SET_LAT ? e->lat : r->lat;
	m->lon = what & IM_GAZ_SET_LON ? e->lon : r->lon;
	m->country = what & IM_GAZ_SET_COUNTRY ? e->country : r->c[8];
	m->admin1 = what & IM_GAZ_SET_ADMIN1 ? e->admin1 : r->c[10];
	m->population = what & IM_GAZ_SET_POP ? e->population : r->pop;
	m->kind = what & IM_GAZ_SET_KIND ? e->kind : gaz_kind_of(r->c[6], r->c[7], m->population);
	if (what & IM_GAZ_SET_ALT) {
		m->alt = e->alt;
	} else {
		for (const char *p = r->c[3]; *p; p++)
			im_buf_putc(altbuf, *p == ',' ? '|' : *p);
		m->alt = altbuf->p;
	}
	m->shapes = e->shapes;
	m->force = e->force;
}

/* Checks the merged entry m against the rules of kinds: a city has 100,000
 * people or more, a town fewer. */
static im_status kind_ok(const im_gaz_entry *m, im_error *err)
{
	if (m->kind == IM_KIND_CITY && m->population < 100000)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "refused: a city has 100,000 people or more (--population); "
		                    "a smaller place is a town");
	if (m->kind == IM_KIND_TOWN && m->population >= 100000)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "refused: a town of %lld people is a city (--kind city)",
		                    (long long)m->population);
	return IM_OK;
}

/* The new line of an edited entry into out: the row's columns, with the
 * merged entry's values in theirs. */
static im_status edit_line(const im_gaz *g, gaz_row *r, const im_gaz_entry *m, unsigned what,
                           im_buf *out, im_error *err)
{
	char cc[3];
	im_buf alts = IM_BUF_INIT;
	im_status st = entry_check(m, cc, &alts, err);
	if (!st && cc[0] && !im_gaz_country_name(g, cc))
		st = im_error_set(
		    err, IM_E_PARSE, NULL, 0, 0,
		    "refused: unknown country code '%s' (ISO 3166-1 alpha-2, e.g. IQ)", cc);
	if (!st)
		st = kind_ok(m, err);
	if (!st && !m->force && (what & (IM_GAZ_SET_NAME | IM_GAZ_SET_LAT | IM_GAZ_SET_LON)))
		st = near_in_index(g, m->name, m->lat, m->lon, r->c[0], err);
	if (st) {
		im_buf_free(&alts);
		return st;
	}
	char a1[GAZ_FIELD_MAX + 1];
	snprintf(a1, sizeof a1, "%s", m->admin1 ? m->admin1 : "");
	/* a point that moves, with no country given, takes the country and
	 * province of where it now lies */
	int moved = (what & (IM_GAZ_SET_LAT | IM_GAZ_SET_LON)) && !(what & IM_GAZ_SET_COUNTRY);
	if (moved) {
		cc[0] = '\0';
		if (!(what & IM_GAZ_SET_ADMIN1))
			a1[0] = '\0';
		entry_where_in(g, m->shapes, m->lat, m->lon, cc, a1, sizeof a1);
		if (!cc[0]) { /* the map cannot tell: as it was */
			snprintf(cc, sizeof cc, "%s", r->c[8]);
			snprintf(a1, sizeof a1, "%s", m->admin1 ? m->admin1 : "");
		}
	}
	char la[32], lo[32], today[11], pop[32] = "";
	fmt_deg(la, sizeof la, m->lat);
	fmt_deg(lo, sizeof lo, m->lon);
	today_utc(today);
	if (m->population > 0)
		snprintf(pop, sizeof pop, "%lld", (long long)m->population);
	char *name = trim_dup(m->name, strlen(m->name));
	char *c[GAZ_COLS];
	memcpy(c, r->c, sizeof c);
	c[1] = name;
	if (what & IM_GAZ_SET_NAME)
		c[2] = ""; /* the ASCII name was the old name's */
	c[3] = alts.p ? alts.p : "";
	if (what & (IM_GAZ_SET_LAT | IM_GAZ_SET_LON))
		c[4] = la, c[5] = lo;
	if (what & IM_GAZ_SET_KIND) {
		const char *fclass, *fcode;
		gaz_kind_codes(m->kind, &fclass, &fcode);
		c[6] = (char *)fclass, c[7] = (char *)fcode;
	}
	c[8] = cc;
	c[10] = a1;
	if (what & IM_GAZ_SET_POP)
		c[14] = pop;
	c[18] = today;
	if (!name || put_row(out, c))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	free(name);
	im_buf_free(&alts);
	return st;
}

im_status im_gaz_edit(const char *dir, const char *id_or_name, const im_gaz_entry *e, unsigned what,
                      char *id_out, size_t id_cap, im_error *err)
{
	if (id_out && id_cap)
		id_out[0] = '\0';
	if (!id_or_name || !*id_or_name)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0, "edit wants an id or a name");
	if (!what)
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
		                    "edit wants something to change (--lat, --lon, --name, "
		                    "--alt, --kind, --country, --admin1, --population)");
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	im_gaz *g;
	im_status st = im_gaz_open(dir, &g, err);
	if (st)
		return st;
	ufile u;
	scan s;
	if (!(st = ufile_open(dir, 0, &u, err)))
		st = find_user_line(&u, id_or_name, &s, err);
	if (!st && !s.matches) {
		char *path =
		    u.path ? im_strdup(u.path) : im_path_join(u.udir ? u.udir : dir, USER_FILE);
		ufile_close(&u);
		u.path = path;
		st = not_users(dir, path, id_or_name, "edited", err);
	}
	im_buf out = IM_BUF_INIT, altbuf = IM_BUF_INIT;
	char *line = NULL;
	if (!st && !(line = im_strndup(u.old + s.found_off, s.found_len)))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	gaz_row r;
	char msg[160];
	const char *why;
	if (!st && (why = gaz_row_parse(line, s.found_len, &r, msg, sizeof msg)))
		st = im_error_set(err, IM_E_PARSE, u.path, s.found_line, 0,
		                  "%s (fix the line first)", why);
	im_gaz_entry m;
	if (!st) {
		merge_entry(&r, e, what, &m, &altbuf);
		if (!e->force && (what & (IM_GAZ_SET_NAME | IM_GAZ_SET_LAT | IM_GAZ_SET_LON)))
			st = near_in_user(u.old, u.oldlen, u.path, m.name, m.lat, m.lon, r.c[0],
			                  err);
	}
	if (!st && im_buf_append(&out, u.old, s.found_off))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st)
		st = edit_line(g, &r, &m, what, &out, err);
	if (!st)
		st = last_line_ok(&out, u.path, err);
	if (!st) {
		size_t end = s.found_off + s.found_len;
		if (end < u.oldlen)
			end++; /* the newline */
		if (im_buf_append(&out, u.old + end, u.oldlen - end))
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	if (!st)
		st = replace_file(u.udir, USER_FILE, u.old, u.oldlen, u.had, out.p, out.len, err);
	if (!st && id_out)
		snprintf(id_out, id_cap, "%s", r.c[0]);
	free(line);
	im_buf_free(&out);
	im_buf_free(&altbuf);
	ufile_close(&u);
	im_gaz_free(g);
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
		st = not_users(dir, path, id_or_name, "removed", err);
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

/* The files' contents into data and lens; a file that cannot be read is a
 * problem (its data NULL). */
static void check_read(const gaz_file *f, size_t nf, char **data, size_t *lens, size_t *problems)
{
	for (size_t i = 0; i < nf; i++) {
		im_error e;
		if (gaz_read_source(f[i].path, &data[i], &lens[i], &e)) {
			im_warn(f[i].path, 0, "%s", e.msg);
			++*problems;
			data[i] = NULL;
		}
	}
}

/* The countries a places file holds (columns 7, 8, 9: class, code,
 * country) into cc. */
static void check_countries(const char *data, size_t len, ccset *cc)
{
	for (const char *p = data + gaz_bom(data, len); p < data + len;) {
		const char *nl = memchr(p, '\n', (size_t)(data + len - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		const char *c = p;
		int col = 0;
		const char *cols[9] = {0};
		while (col < 9 && c < p + l) {
			cols[col++] = c;
			const char *t = memchr(c, '\t', (size_t)(p + l - c));
			if (!t)
				break;
			c = t + 1;
		}
		if (col == 9 && cols[6][0] == 'A' && strncmp(cols[7], "PCL", 3) == 0 &&
		    cols[8][0] >= 'A' && cols[8][0] <= 'Z' && cols[8][1] >= 'A' &&
		    cols[8][1] <= 'Z')
			cc->has[cc_index(cols[8])] = 1;
		p += l + 1;
	}
}

/* One line (number no, l bytes) of the file gf: its problems reported.
 * 1 when it is a place, parsed into r. */
static int check_line(const gaz_file *gf, char *line, size_t l, long no, const ccset *cc,
                      size_t *problems, gaz_row *r)
{
	const char *path = gf->path;
	if (l == 0 || line[0] == '#')
		return 0;
	if (l > GAZ_LINE_MAX) {
		im_warn(path, no, "line longer than %u bytes", GAZ_LINE_MAX);
		++*problems;
		return 0;
	}
	size_t bad;
	if (!im_utf8_valid(line, l, &bad)) {
		im_warn(path, no, "invalid UTF-8 (byte %zu of the line)", bad + 1);
		++*problems;
		return 0;
	}
	if (gf->type == GAZ_FT_ADMIN1) {
		if (!strchr(line, '\t')) {
			im_warn(path, no,
			        "an admin1 line wants CODE<tab>NAME<tab>ASCIINAME<tab>ID");
			++*problems;
		}
		return 0;
	}
	if (gf->type == GAZ_FT_ALTERNATES) {
		int tabs = 0;
		for (const char *q = line; *q; q++)
			tabs += *q == '\t';
		if (tabs < 3) {
			im_warn(path, no,
			        "an alternate-name line wants at least 4 columns "
			        "(id, place id, language, name)");
			++*problems;
		}
		return 0;
	}
	char msg[160];
	const char *why = gaz_row_parse(line, l, r, msg, sizeof msg);
	if (why) {
		im_warn(path, no, "%s", why);
		++*problems;
		return 0;
	}
	if (r->c[8][0] && !cc->has[cc_index(r->c[8])]) {
		im_warn(path, no, "unknown country code '%s'", r->c[8]);
		++*problems;
	}
	return 1;
}

/* The ids of one file's places, with their lines. */
typedef struct idlist {
	char **seen;
	long *line;
	size_t n, cap;
} idlist;

/* 0: out of memory. */
static int idlist_push(idlist *ids, char *id, long no)
{
	if (ids->n == ids->cap) {
		size_t nc = ids->cap ? ids->cap * 2 : 1024;
		char **a = realloc(ids->seen, nc * sizeof *a);
		long *b = a ? realloc(ids->line, nc * sizeof *b) : NULL;
		if (a)
			ids->seen = a;
		if (!a || !b)
			return 0;
		ids->line = b;
		ids->cap = nc;
	}
	ids->seen[ids->n] = id;
	ids->line[ids->n++] = no;
	return 1;
}

/* Each id given twice in the file at path, reported at its later line:
 * (id, line) pairs sorted by id. */
static void check_duplicates(const char *path, const idlist *ids, size_t *problems)
{
	size_t ns = ids->n;
	size_t *ord = malloc(ns * sizeof *ord);
	if (!ord)
		return;
	for (size_t k = 0; k < ns; k++)
		ord[k] = k;
	sort_keys = ids->seen;
	qsort(ord, ns, sizeof *ord, idcmp);
	for (size_t k = 1; k < ns; k++) {
		if (strcmp(ids->seen[ord[k]], ids->seen[ord[k - 1]]) == 0) {
			size_t a = ord[k - 1] < ord[k] ? ord[k - 1] : ord[k];
			size_t b = a == ord[k] ? ord[k - 1] : ord[k];
			im_warn(path, ids->line[b], "duplicate id %s (also on line %ld)",
			        ids->seen[b], ids->line[a]);
			++*problems;
		}
	}
	free(ord);
}

/* Every line of the file gf (its contents data, len bytes): its problems
 * reported and counted, its places counted in *nplaces. */
static im_status check_file(const gaz_file *gf, char *data, size_t len, const ccset *cc,
                            size_t *problems, size_t *nplaces, im_error *err)
{
	const char *path = gf->path;
	if (len == 0) {
		im_warn(path, 0, "empty file");
		++*problems;
		return IM_OK;
	}
	idlist ids = {0};
	long no = 0;
	im_status st = IM_OK;
	for (char *p = data + gaz_bom(data, len); p < data + len;) {
		size_t l;
		char *line = gaz_cut_line(&p, data + len, &l);
		no++;
		gaz_row r;
		if (!check_line(gf, line, l, no, cc, problems, &r))
			continue;
		++*nplaces;
		if (!idlist_push(&ids, r.c[0], no)) {
			st = im_error_set(err, IM_E_NOMEM, path, no, 0, "out of memory");
			break;
		}
	}
	if (!st && ids.n > 1)
		check_duplicates(path, &ids, problems);
	free(ids.seen);
	free(ids.line);
	return st;
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
	check_read(f, nf, data, lens, problems);
	/* pass 1: the countries */
	for (size_t i = 0; i < nf; i++)
		if (data[i] && f[i].type == GAZ_FT_PLACES)
			check_countries(data[i], lens[i], cc);
	/* pass 2: every line */
	size_t nplaces = 0;
	for (size_t i = 0; i < nf && !st; i++)
		if (data[i])
			st = check_file(&f[i], data[i], lens[i], cc, problems, &nplaces, err);
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
		return im_error_set(err, IM_E_PARSE, dir, 0, 0, "%zu problem%s in the gazetteer",
		                    *problems, *problems == 1 ? "" : "s");
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
	im_status st = read_import(path, data, &len, err);
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
		if (im_grow(&a, &cap, n + 1, sizeof *a)) {
			st = im_error_set(err, IM_E_NOMEM, path, no, 0, "out of memory");
			break;
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

/* The comment that heads an import's file: where it came from, and when. */
static int import_header(im_buf *out, const char *geonames, const char *alternates)
{
	time_t now = time(NULL);
	struct tm tm;
	char today[11];
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	const char *base = strrchr(geonames, '/');
	const char *abase = alternates && strrchr(alternates, '/') ? strrchr(alternates, '/') + 1
								   : alternates;
	return im_buf_printf(out, "# Imported with `incimap gazetteer import` from %s%s%s on %s.\n"
				  "# GeoNames columns; see docs/gazetteer.md.\n",
			     base ? base + 1 : geonames,
			     alternates ? " with alternate names from " : "",
			     alternates ? abase : "", today) == IM_OK;
}

/* The alternate names (alt, nalt of them, sorted) of the place gid appended
 * to out, after a comma when any (names are there already). */
static im_status put_alternates(im_buf *out, const altname *alt, size_t nalt, const char *gid,
				int any)
{
	altname key = {gid, ""};
	size_t lo = 0, hi = nalt;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (alt_cmp(&alt[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < nalt && strcmp(alt[lo].gid, gid) == 0; lo++) {
		if ((any && im_buf_putc(out, ',')) || im_buf_puts(out, alt[lo].name))
			return IM_E_NOMEM;
		any = 1;
	}
	return IM_OK;
}

/* One GeoNames line (line no of geonames, l bytes) checked and appended to
 * out with its alternate names merged in. */
static im_status geonames_line(const im_gaz *g, im_buf *out, char *line, size_t l,
			     const altname *alt, size_t nalt, const char *geonames, long no,
			     im_error *err)
{
	char msg[160];
	if (l > GAZ_LINE_MAX)
		return im_error_set(err, IM_E_TOO_LARGE, geonames, no, 0, "line longer than %u bytes",
				    GAZ_LINE_MAX);
	gaz_row r;
	const char *why = gaz_row_parse(line, l, &r, msg, sizeof msg);
	if (why)
		return im_error_set(err, IM_E_PARSE, geonames, no, 0, "%s", why);
	if (r.c[8][0] && !im_gaz_country_name(g, r.c[8]))
		return im_error_set(err, IM_E_PARSE, geonames, no, 0, "unknown country code '%s'",
				    r.c[8]);
	im_status st = IM_OK;
	for (int i = 0; i < GAZ_COLS && !st; i++) {
		if (i && im_buf_putc(out, '\t'))
			st = IM_E_NOMEM;
		if (!st && im_buf_puts(out, r.c[i]))
			st = IM_E_NOMEM;
		if (i == 3 && nalt && !st) /* merge the alternate names of this place */
			st = put_alternates(out, alt, nalt, r.c[0], r.c[3][0] != '\0');
	}
	if (!st && im_buf_putc(out, '\n'))
		st = IM_E_NOMEM;
	if (st == IM_E_NOMEM)
		st = im_error_set(err, IM_E_NOMEM, geonames, no, 0, "out of memory");
	return st;
}

/* The import's text (out) written to the user's folder of dir as name,
 * under the folder's lock. */
static im_status import_write(const char *dir, const char *name, const im_buf *out,
			      im_error *err)
{
	ufile u;
	im_status st = ufile_open_named(dir, name, 1, &u, err);
	if (!st)
		st = replace_file(u.udir, name, u.old, u.oldlen, u.had, out->p, out->len, err);
	ufile_close(&u);
	return st;
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
	im_status st = read_import(geonames, &data, &len, err);
	if (st)
		return st;
	if (alternates && (st = read_alternates(alternates, &adata, &alt, &nalt, err))) {
		free(data);
		return st;
	}
	im_gaz *g = NULL;
	st = im_gaz_open(dir, &g, err);
	im_buf out = IM_BUF_INIT;
	size_t n = 0;
	long no = 0;
	if (!st && !import_header(&out, geonames, alternates))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (char *p = data + gaz_bom(data, len); !st && p < data + len;) {
		size_t l;
		char *line = gaz_cut_line(&p, data + len, &l);
		no++;
		if (l == 0 || line[0] == '#')
			continue;
		st = geonames_line(g, &out, line, l, alt, nalt, geonames, no, err);
		n++;
	}
	if (!st && !n)
		st = im_error_set(err, IM_E_PARSE, geonames, 0, 0, "empty file: no places to import");
	char name[128];
	import_name(geonames, name, sizeof name);
	if (!st)
		st = import_write(dir, name, &out, err);
	if (!st && count)
		*count = n;
	if (!st && file_out)
		snprintf(file_out, file_cap, "%s", name);
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

/* ---- import of the user's places (CSV, GeoJSON) -------------------------- */

/* A place of the merged user file, for the near-duplicate test. */
typedef struct near_key {
	char *key;
	double lat, lon;
	char *id;
	long line; /* in the import; 0: a place already in the user's file */
} near_key;

static int near_cmp(const void *a, const void *b)
{
	const near_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Refuses two places of one normalised name within a kilometre among those
 * of v (sorted here), naming the import's line. */
static im_status near_among(near_key *v, size_t n, const char *path, im_error *err)
{
	qsort(v, n, sizeof *v, near_cmp);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n && strcmp(v[i].key, v[j].key) == 0; j++) {
			if (!v[j].line || strcmp(v[i].id, v[j].id) == 0 ||
			    im_gaz_dist_km(v[i].lat, v[i].lon, v[j].lat, v[j].lon) >= 1.0)
				continue;
			return im_error_set(err, IM_E_EXISTS, path, v[j].line, 0,
			                    "refused: the same place as %s%s, within a kilometre "
			                    "(--force imports it all the same)",
			                    v[i].id, v[i].line ? " above" : " of your places");
		}
	}
	return IM_OK;
}

/* 1 when the user line [line, line + len) has the id id. */
static int line_is(const char *line, size_t len, const char *id)
{
	size_t n = strlen(id);
	return len > n && line[n] == '\t' && memcmp(line, id, n) == 0;
}

typedef struct idref {
	const char *id;
	size_t i; /* index in the import */
} idref;

static int idref_cmp(const void *a, const void *b)
{
	return strcmp(((const idref *)a)->id, ((const idref *)b)->id);
}

/* Gives every imported place an id: its own, else one made from its name
 * (the same for the same name, so importing a sheet again updates its
 * places instead of doubling them). Two places of one id are refused. */
static im_status import_ids(gaz_inlist *l, const char *path, idref **out, im_error *err)
{
	idref *r = malloc((l->n ? l->n : 1) * sizeof *r);
	if (!r)
		return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < l->n; i++) {
		gaz_in *p = &l->v[i];
		if (!p->id) {
			char light[GAZ_NAME_MAX], id[GAZ_FIELD_MAX + 16];
			size_t ln = gaz_norm_light(p->e.name, strlen(p->e.name), light, 120);
			for (size_t k = 0; k < ln; k++)
				if (light[k] == ' ')
					light[k] = '-';
			snprintf(id, sizeof id, "user:%.150s", light);
			if (!(p->id = im_strdup(id))) {
				free(r);
				return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
			}
		}
		r[i].id = p->id;
		r[i].i = i;
	}
	qsort(r, l->n, sizeof *r, idref_cmp);
	for (size_t i = 1; i < l->n; i++) {
		if (strcmp(r[i].id, r[i - 1].id) == 0) {
			size_t a = r[i].i < r[i - 1].i ? r[i].i : r[i - 1].i;
			size_t b = a == r[i].i ? r[i - 1].i : r[i].i;
			im_status st = im_error_set(err, IM_E_PARSE, path, l->v[b].line, 0,
			                            "the id %s again (also on line %ld): give each "
			                            "place its own id or name",
			                            r[i].id, l->v[a].line);
			free(r);
			return st;
		}
	}
	*out = r;
	return IM_OK;
}

/* The line of imported place p (its id set) into out, checked as `add`
 * checks an entry; the country and province from the shapes when it
 * gives none. */
static im_status import_line(const im_gaz *g, gaz_in *p, const char *path, gaz_shapes *shapes,
                             im_buf *out, im_error *err)
{
	char cc[3], a1[GAZ_FIELD_MAX + 1];
	im_buf alts = IM_BUF_INIT;
	im_error e;
	im_status st = entry_check(&p->e, cc, &alts, &e);
	if (!st && cc[0] && !im_gaz_country_name(g, cc))
		st = im_error_set(&e, IM_E_PARSE, NULL, 0, 0, "unknown country code '%s'", cc);
	if (!st)
		st = kind_ok(&p->e, &e);
	if (!st) {
		char *t = trim_dup(p->e.admin1 ? p->e.admin1 : "",
		                   strlen(p->e.admin1 ? p->e.admin1 : ""));
		snprintf(a1, sizeof a1, "%s", t ? t : "");
		free(t);
		entry_where(g, shapes, p->e.lat, p->e.lon, cc, a1, sizeof a1);
		char la[32], lo[32], today[11], pop[32] = "";
		fmt_deg(la, sizeof la, p->e.lat);
		fmt_deg(lo, sizeof lo, p->e.lon);
		today_utc(today);
		const char *fclass, *fcode;
		gaz_kind_codes(p->e.kind, &fclass, &fcode);
		if (p->e.population > 0)
			snprintf(pop, sizeof pop, "%lld", (long long)p->e.population);
		char *c[GAZ_COLS] = {0};
		c[0] = p->id, c[1] = (char *)p->e.name, c[3] = alts.p, c[4] = la, c[5] = lo;
		c[6] = (char *)fclass, c[7] = (char *)fcode, c[8] = cc, c[10] = a1, c[14] = pop;
		c[18] = today;
		if (put_row(out, c))
			st = im_error_set(&e, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		else
			st = last_line_ok(out, NULL, &e);
	}
	im_buf_free(&alts);
	if (st) {
		const char *m = strncmp(e.msg, "refused: ", 9) == 0 ? e.msg + 9 : e.msg;
		return im_error_set(err, st, path, p->line, 0, "%s", m);
	}
	return IM_OK;
}

/* Reads a CSV, GeoJSON or GeoPackage file of places, by its extension
 * (else by its first bytes); layer: the GeoPackage's layer (NULL: its only
 * point layer), refused with another file. */
static im_status read_places(const char *path, const char *layer, gaz_inlist *l, im_error *err)
{
	char *data;
	size_t len;
	im_status st = read_import(path, &data, &len, err);
	if (st)
		return st;
	char ext[16];
	im_path_ext(path, ext, sizeof ext);
	if (strcmp(ext, "gpkg") == 0 || (len >= 16 && memcmp(data, "SQLite format 3", 16) == 0)) {
		st = gaz_read_gpkg(path, data, len, layer, l, err);
		free(data);
		return st;
	}
	if (layer) {
		free(data);
		return im_error_set(err, IM_E_USAGE, NULL, 0, 0,
				    "--layer goes with a GeoPackage (.gpkg), not '%s'", path);
	}
	int json = strcmp(ext, "geojson") == 0 || strcmp(ext, "json") == 0;
	if (!json && strcmp(ext, "csv") != 0 && strcmp(ext, "tsv") != 0) {
		size_t i = gaz_bom(data, len);
		while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'))
			i++;
		json = i < len && data[i] == '{';
	}
	st = json ? gaz_read_geojson(path, data, len, l, err)
	          : gaz_read_csv(path, data, len, l, err);
	free(data);
	return st;
}

/* The user's file with the imported places merged in (a place whose id is
 * there replaces its line, in place; the others are appended) into out. */
static im_status import_merge(const im_gaz *g, gaz_inlist *l, const idref *ids, ufile *u,
                              const char *path, gaz_shapes *shapes, im_buf *out, size_t *updated,
                              im_error *err)
{
	unsigned char *done = calloc(l->n ? l->n : 1, 1);
	im_status st = done ? IM_OK : im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	*updated = 0;
	if (!st && !u->had &&
	    im_buf_puts(out, "# The user's own places (incimap gazetteer add); "
	                     "GeoNames columns, see docs/gazetteer.md.\n"))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	for (char *p = u->old; !st && p < u->old + u->oldlen;) {
		char *nl = memchr(p, '\n', (size_t)(u->old + u->oldlen - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(u->old + u->oldlen - p);
		char id[GAZ_FIELD_MAX + 1];
		size_t il = strcspn(p, "\t\n");
		const idref *hit = NULL;
		if (p[0] != '#' && il < sizeof id && il < len) {
			memcpy(id, p, il);
			id[il] = '\0';
			idref key = {id, 0};
			hit = bsearch(&key, ids, l->n, sizeof *ids, idref_cmp);
		}
		if (hit && !done[hit->i] && line_is(p, len, hit->id)) {
			st = import_line(g, &l->v[hit->i], path, shapes, out, err);
			done[hit->i] = 1;
			++*updated;
		} else if (im_buf_append(out, p, len) || im_buf_putc(out, '\n')) {
			st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		}
		p += len + (nl != NULL);
	}
	for (size_t i = 0; !st && i < l->n; i++)
		if (!done[i])
			st = import_line(g, &l->v[i], path, shapes, out, err);
	free(done);
	return st;
}

/* Collects every place of the merged file data with its normalised name,
 * its import line (0 for the user's own) from the import list. */
static im_status collect_keys(char *data, size_t len, const gaz_inlist *l, const idref *ids,
                              near_key **out, size_t *n, im_error *err)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (char *p = data; p < data + len;) {
		char *nl = memchr(p, '\n', (size_t)(data + len - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
		char *line = p;
		p += ll + (nl != NULL);
		if (!ll || line[0] == '#')
			continue;
		char save = line[ll];
		line[ll] = '\0';
		char *copy = im_strndup(line, ll);
		line[ll] = save;
		gaz_row r;
		char msg[160];
		if (!copy || gaz_row_parse(copy, ll, &r, msg, sizeof msg)) {
			free(copy);
			continue;
		}
		char key[GAZ_NAME_MAX];
		if (!im_gaz_norm(r.c[1], strlen(r.c[1]), key, sizeof key)) {
			free(copy);
			continue;
		}
		if (im_grow(out, &cap, *n + 1, sizeof **out)) {
			free(copy);
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
		}
		idref k = {r.c[0], 0};
		const idref *hit = bsearch(&k, ids, l->n, sizeof *ids, idref_cmp);
		near_key *q = &(*out)[(*n)++];
		q->key = im_strdup(key);
		q->lat = r.lat;
		q->lon = r.lon;
		q->id = im_strdup(r.c[0]);
		q->line = hit ? l->v[hit->i].line : 0;
		free(copy);
		if (!q->key || !q->id)
			return im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	}
	return IM_OK;
}

im_status im_gaz_import_places(const char *dir, const char *path, const char *layer,
                               const char *shapes, int force, size_t *added, size_t *updated,
                               im_error *err)
{
	size_t a = 0, u_n = 0;
	if (!im_is_dir(dir))
		return im_error_set(err, IM_E_IO, dir, 0, 0, "gazetteer folder not found");
	gaz_inlist l;
	im_status st = read_places(path, layer, &l, err);
	if (st)
		return st;
	im_gaz *g = NULL;
	idref *ids = NULL;
	ufile u;
	memset(&u, 0, sizeof u);
	u.lock = -1;
	im_buf out = IM_BUF_INIT;
	near_key *keys = NULL;
	size_t nk = 0;
	gaz_shapes *sh = NULL; /* opened once for all the places */
	if (shapes && !(sh = gaz_shapes_new(shapes)))
		st = im_error_set(err, IM_E_NOMEM, NULL, 0, 0, "out of memory");
	if (!st && !(st = im_gaz_open(dir, &g, err)))
		st = import_ids(&l, path, &ids, err);
	if (!st)
		st = ufile_open(dir, 1, &u, err);
	if (!st)
		st = import_merge(g, &l, ids, &u, path, sh, &out, &u_n, err);
	gaz_shapes_free(sh);
	if (!st && !force)
		st = collect_keys(out.p, out.len, &l, ids, &keys, &nk, err);
	if (!st && !force)
		st = near_among(keys, nk, path, err);
	if (!st)
		st = replace_file(u.udir, USER_FILE, u.old, u.oldlen, u.had, out.p, out.len, err);
	if (!st)
		a = l.n - u_n;
	for (size_t i = 0; i < nk; i++)
		free(keys[i].key), free(keys[i].id);
	free(keys);
	im_buf_free(&out);
	ufile_close(&u);
	free(ids);
	im_gaz_free(g);
	gaz_inlist_free(&l);
	if (added)
		*added = a;
	if (updated)
		*updated = u_n;
	return st;
}
