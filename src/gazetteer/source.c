/* source.c: the gazetteer's source files: which files a folder holds, what
 * each is for, and the parser and checker of their GeoNames-style lines. */
#include "gaz_int.h"
#include "../core/buf.h"
#include "../core/fsutil.h"
#include "../core/utf8.h"

#include <dirent.h>
#include <fcntl.h>
#include <zlib.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const kind_names[] = {"country", "region", "admin1", "admin2", "capital",
					 "seat", "city", "town", "village", "neighbourhood",
					 "site", "other"};

const char *im_kind_name(im_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof *kind_names ? kind_names[k] : "other";
}

int im_kind_parse(const char *name, im_kind *k)
{
	if (!name)
		return 0;
	for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++) {
		const char *a = kind_names[i], *b = name;
		while (*a && *b && (*a == (*b | 0x20)))
			a++, b++;
		if (!*a && !*b) {
			*k = (im_kind)i;
			return 1;
		}
	}
	if (name && (strcmp(name, "neighborhood") == 0 || strcmp(name, "Neighborhood") == 0)) {
		*k = IM_KIND_NEIGHBOURHOOD;
		return 1;
	}
	return 0;
}

im_kind gaz_kind_of(const char *fclass, const char *fcode, int64_t pop)
{
	char c = fclass[0];
	if (c == 'A') {
		if (strncmp(fcode, "PCL", 3) == 0 || strcmp(fcode, "TERR") == 0)
			return IM_KIND_COUNTRY;
		if (strcmp(fcode, "ADM1") == 0 || strcmp(fcode, "ADM1H") == 0)
			return IM_KIND_ADMIN1;
		if (strncmp(fcode, "ADM", 3) == 0 || strcmp(fcode, "ADMD") == 0)
			return IM_KIND_ADMIN2;
		return IM_KIND_REGION;
	}
	if (c == 'L')
		return strncmp(fcode, "RGN", 3) == 0 || strcmp(fcode, "CONT") == 0 ? IM_KIND_REGION
										    : IM_KIND_OTHER;
	if (c == 'S' || c == 'R')
		return IM_KIND_SITE;
	if (c != 'P')
		return IM_KIND_OTHER;
	if (strcmp(fcode, "PPLC") == 0)
		return IM_KIND_CAPITAL;
	if (strcmp(fcode, "PPLA") == 0 || strcmp(fcode, "PPLA2") == 0 || strcmp(fcode, "PPLG") == 0)
		return IM_KIND_ADMIN_SEAT;
	if (strcmp(fcode, "PPLX") == 0)
		return IM_KIND_NEIGHBOURHOOD;
	if (strcmp(fcode, "PPLQ") == 0 || strcmp(fcode, "PPLW") == 0 || strcmp(fcode, "PPLH") == 0 ||
	    strcmp(fcode, "PPLCH") == 0)
		return IM_KIND_OTHER; /* abandoned, destroyed, historical: rank last */
	if (strcmp(fcode, "PPLL") == 0 || strcmp(fcode, "PPLF") == 0 ||
	    strcmp(fcode, "STLMT") == 0 || strcmp(fcode, "PPLS") == 0)
		return IM_KIND_VILLAGE;
	if (pop >= 100000)
		return IM_KIND_CITY;
	if (pop > 0 && pop < 1000)
		return IM_KIND_VILLAGE;
	return IM_KIND_TOWN;
}

void gaz_kind_codes(im_kind k, const char **fclass, const char **fcode)
{
	static const char *const codes[][2] = {
		{"A", "PCLI"}, {"L", "RGN"}, {"A", "ADM1"}, {"A", "ADM2"}, {"P", "PPLC"},
		{"P", "PPLA"}, {"P", "PPL"}, {"P", "PPL"}, {"P", "PPLL"}, {"P", "PPLX"},
		{"S", ""}, {"L", ""}};
	unsigned i = (unsigned)k < sizeof codes / sizeof *codes ? (unsigned)k : 11;
	*fclass = codes[i][0];
	*fcode = codes[i][1];
}

/* ---- lines -------------------------------------------------------------- */

static int parse_deg(const char *s, double lo, double hi, double *out)
{
	char *end;
	if (!*s)
		return 0;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

static int good_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > GAZ_FIELD_MAX)
		return 0;
	size_t digits = strspn(s, "0123456789");
	if (digits == n)
		return 1;
	const char *colon = strchr(s, ':');
	if (!colon || colon == s || !colon[1])
		return 0;
	for (const char *p = s; p < colon; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return 0;
	for (const char *p = colon + 1; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

const char *gaz_row_parse(char *line, size_t len, gaz_row *r, char *msg, size_t cap)
{
	if (len && line[len - 1] == '\r') /* a file saved on Windows */
		line[--len] = '\0';
	size_t bad;
	if (!im_utf8_valid(line, len, &bad)) {
		snprintf(msg, cap, "invalid UTF-8 (byte %zu of the line)", bad + 1);
		return msg;
	}
	size_t n = 0;
	char *p = line;
	for (;;) {
		if (n == GAZ_COLS) {
			snprintf(msg, cap, "more than %d tab-separated columns", GAZ_COLS);
			return msg;
		}
		r->c[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	if (n != GAZ_COLS) {
		snprintf(msg, cap, "%zu tab-separated column%s, not %d (GeoNames layout)", n,
			 n == 1 ? "" : "s", GAZ_COLS);
		return msg;
	}
	if (!good_id(r->c[0]))
		return "bad id: a GeoNames number or prefix:name (no spaces)";
	if (!r->c[1][0])
		return "empty name";
	if (strlen(r->c[1]) > GAZ_FIELD_MAX)
		return "name longer than 200 bytes";
	if (has_control(r->c[1]) || has_control(r->c[3]))
		return "control character in a name";
	if (!parse_deg(r->c[4], -90, 90, &r->lat)) {
		snprintf(msg, cap, "latitude '%.40s' is not a number in -90..90", r->c[4]);
		return msg;
	}
	if (!parse_deg(r->c[5], -180, 180, &r->lon)) {
		snprintf(msg, cap, "longitude '%.40s' is not a number in -180..180", r->c[5]);
		return msg;
	}
	const char *cc = r->c[8];
	if (cc[0] && !(strlen(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z')) {
		snprintf(msg, cap, "country code '%.20s' is not two capital letters", cc);
		return msg;
	}
	if (strlen(r->c[10]) > GAZ_FIELD_MAX || has_control(r->c[10]))
		return "bad admin1 column";
	r->pop = 0;
	if (r->c[14][0]) {
		char *end;
		errno = 0;
		long long v = strtoll(r->c[14], &end, 10);
		if (errno || *end || v < 0) {
			snprintf(msg, cap, "population '%.30s' is not a whole number >= 0", r->c[14]);
			return msg;
		}
		r->pop = v;
	}
	return NULL;
}

/* ---- files -------------------------------------------------------------- */

size_t gaz_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

char *gaz_cut_line(char **p, char *end, size_t *len)
{
	char *line = *p;
	char *nl = memchr(line, '\n', (size_t)(end - line));
	size_t l = nl ? (size_t)(nl - line) : (size_t)(end - line);
	line[l] = '\0';
	*p = line + l + 1;
	*len = l;
	return line;
}

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* A gzip-compressed source, decompressed whole; a damaged or truncated
 * stream is an error, never a file cut short without a word. */
static im_status read_gz(const char *path, char **data, size_t *len, im_error *err)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot open: %s", strerror(errno));
	gzFile z = gzdopen(fd, "rb");
	if (!z) {
		close(fd);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	gzbuffer(z, 1u << 17);
	im_buf b = IM_BUF_INIT;
	char chunk[1 << 16];
	int n;
	while ((n = gzread(z, chunk, sizeof chunk)) > 0) {
		if (b.len + (size_t)n > GAZ_FILE_MAX) {
			im_buf_free(&b);
			gzclose(z);
			return im_error_set(err, IM_E_TOO_LARGE, path, 0, 0,
					    "larger than the limit of %zu bytes once decompressed",
					    (size_t)GAZ_FILE_MAX);
		}
		if (im_buf_append(&b, chunk, (size_t)n)) {
			im_buf_free(&b);
			gzclose(z);
			return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
		}
	}
	int zerr = Z_OK;
	const char *zmsg = gzerror(z, &zerr);
	if (zmsg && strncmp(zmsg, "<fd:", 4) == 0 && strstr(zmsg, ": "))
		zmsg = strstr(zmsg, ": ") + 2; /* zlib names the descriptor */
	if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END)) {
		im_status st = im_error_set(err, IM_E_PARSE, path, 0, 0,
					    "damaged or truncated gzip file: %s",
					    zmsg && zmsg[0] ? zmsg : "read error");
		im_buf_free(&b);
		gzclose(z);
		return st;
	}
	gzclose(z);
	*len = b.len;
	*data = im_buf_take(&b); /* NUL-terminated, like im_read_file's */
	return IM_OK;
}

im_status gaz_read_source(const char *path, char **data, size_t *len, im_error *err)
{
	if (ends_with(path, ".gz"))
		return read_gz(path, data, len, err);
	return im_read_file(path, GAZ_FILE_MAX, data, len, err);
}

int gaz_file_is_detail(const char *name)
{
	return strncmp(name, "detail-", 7) == 0;
}

gaz_ftype gaz_file_type(const char *name)
{
	if (name[0] == '.' || !(ends_with(name, ".txt") || ends_with(name, ".txt.gz")))
		return GAZ_FT_NONE;
	if (strncmp(name, "admin1", 6) == 0 && strcmp(name, "admin1.txt") != 0 &&
	    strstr(name, "Codes") == NULL)
		return GAZ_FT_PLACES; /* admin1-something of the user's: places */
	if (strcmp(name, "admin1.txt") == 0 || strncmp(name, "admin1Codes", 11) == 0)
		return GAZ_FT_ADMIN1;
	if (strstr(name, "alternates") || strncmp(name, "alternateNames", 14) == 0)
		return GAZ_FT_ALTERNATES;
	return GAZ_FT_PLACES;
}

int gaz_file_rank(const char *name)
{
	if (strcmp(name, "user.txt") == 0)
		return 3;
	if (strncmp(name, "user", 4) == 0)
		return 2; /* the user's imports */
	if (strncmp(name, "curated", 7) == 0)
		return 1;
	return 0;
}

static int file_cmp(const void *a, const void *b)
{
	const gaz_file *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return strcmp(x->name, y->name);
}

void gaz_files_free(gaz_file *f, size_t n)
{
	if (!f)
		return;
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].path);
	}
	free(f);
}

char *im_gaz_user_dir(const char *dir)
{
	if (dir && access(dir, W_OK) == 0)
		return im_strdup(dir);
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	im_buf b = IM_BUF_INIT;
	if (xdg && xdg[0] == '/')
		im_buf_printf(&b, "%s/incimap", xdg);
	else if (home && home[0])
		im_buf_printf(&b, "%s/.local/share/incimap", home);
	else
		return NULL;
	return im_buf_take(&b);
}

/* Appends the source files of dir to *f (only the user's own, user*.txt,
 * when user_only). */
static im_status list_dir(const char *dir, int user_only, gaz_file **fp, size_t *np,
			  size_t *capp, im_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return im_error_set(err, IM_E_IO, dir, 0, 0, "cannot open the gazetteer folder: %s",
				    strerror(errno));
	gaz_file *f = *fp;
	size_t n = *np, cap = *capp;
	struct dirent *e;
	im_status st = IM_OK;
	while ((e = readdir(d)) != NULL) {
		gaz_ftype t = gaz_file_type(e->d_name);
		if (t == GAZ_FT_NONE)
			continue;
		if (user_only && (t != GAZ_FT_PLACES || strncmp(e->d_name, "user", 4) != 0))
			continue;
		char *path = im_path_join(dir, e->d_name);
		struct stat sb;
		if (!path) {
			st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
			break;
		}
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if (im_grow(&f, &cap, n + 1, sizeof *f)) {
			free(path);
			st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
			break;
		}
		f[n].name = im_strdup(e->d_name);
		f[n].path = path;
		f[n].type = t;
		f[n].rank = gaz_file_rank(e->d_name);
		f[n].detail = gaz_file_is_detail(e->d_name);
		f[n].size = (int64_t)sb.st_size;
		f[n].mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
		f[n].ino = (uint64_t)sb.st_ino;
		if (!f[n].name) {
			free(path);
			st = im_error_set(err, IM_E_NOMEM, dir, 0, 0, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	*fp = f;
	*np = n;
	*capp = cap;
	return st;
}

im_status gaz_files_list(const char *dir, gaz_file **out, size_t *nout, im_error *err)
{
	*out = NULL;
	*nout = 0;
	gaz_file *f = NULL;
	size_t n = 0, cap = 0;
	im_status st = list_dir(dir, 0, &f, &n, &cap, err);
	/* A folder the user cannot write (installed under share/): the user's
	 * own files live in their data folder, and count as theirs. */
	if (!st && access(dir, W_OK) != 0) {
		char *udir = im_gaz_user_dir(dir);
		if (udir && strcmp(udir, dir) != 0 && im_is_dir(udir))
			st = list_dir(udir, 1, &f, &n, &cap, err);
		free(udir);
	}
	if (st) {
		gaz_files_free(f, n);
		return st;
	}
	if (n)
		qsort(f, n, sizeof *f, file_cmp);
	*out = f;
	*nout = n;
	return IM_OK;
}
