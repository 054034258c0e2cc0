/* fsutil.c: whole-file reads with a cap, atomic writes, and path helpers. */
#define _GNU_SOURCE
#include "fsutil.h"
#include "buf.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

im_status im_read_file(const char *path, size_t max, char **data, size_t *len,
		       im_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	const char *name = is_stdin ? "<stdin>" : path;
	*data = NULL;
	*len = 0;
	if (!fp)
		return im_error_set(err, IM_E_IO, name, 0, 0, "cannot open: %s", strerror(errno));
	struct stat st;
	int have_st = fstat(fileno(fp), &st) == 0;
	if (have_st && S_ISDIR(st.st_mode)) {
		if (!is_stdin)
			fclose(fp);
		return im_error_set(err, IM_E_IO, name, 0, 0, "is a folder, not a file");
	}
	/* A regular file past the cap is refused before a byte is read:
	 * a 3 GB file must not cost 2 GB of memory to be refused. */
	if (max && !is_stdin && have_st && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size > (uintmax_t)max) {
		fclose(fp);
		return im_error_set(err, IM_E_TOO_LARGE, name, 0, 0, "larger than the limit of %zu bytes",
				    max);
	}
	im_buf b = IM_BUF_INIT;
	b.max = max;
	char chunk[65536];
	size_t n;
	im_status rc = IM_OK;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		im_status s = im_buf_append(&b, chunk, n);
		if (s == IM_E_TOO_LARGE) {
			rc = im_error_set(err, s, name, 0, 0, "larger than the limit of %zu bytes", max);
			break;
		} else if (s) {
			rc = im_error_set(err, s, name, 0, 0, "out of memory");
			break;
		}
	}
	if (!rc && ferror(fp))
		rc = im_error_set(err, IM_E_IO, name, 0, 0, "read error: %s", strerror(errno));
	if (!is_stdin)
		fclose(fp);
	if (rc) {
		im_buf_free(&b);
		return rc;
	}
	*len = b.len;
	*data = im_buf_take(&b);
	return *data ? IM_OK : im_error_set(err, IM_E_NOMEM, name, 0, 0, "out of memory");
}

struct im_afile {
	FILE *fp;
	char *path;
	char *tmp;  /* NULL when written directly: stdout, a device, a FIFO */
	int direct; /* fp was opened on path itself and is ours to close */
};

/* The longest file name the tool makes (NAME_MAX on Linux's file systems). */
#define NAME_LIMIT 255

/* The temporary name of path, into buf: ".BASE.tmp.PID.XXXXXX" in path's
 * folder, BASE cut (at a character boundary) when the whole would be longer
 * than a file name can be. *pre_len is the length of the folder part and of
 * ".BASE.tmp.", the prefix that tells this output's temporary files. */
static void temp_name(const char *path, char *buf, size_t cap, size_t *dir_len, size_t *pre_len)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = path + dl;
	char pid[24];
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	size_t extra = 1 + 5 + strlen(pid) + 1 + 6, bl = strlen(base);
	if (bl + extra > NAME_LIMIT) {
		bl = NAME_LIMIT - extra;
		while (bl > 0 && ((unsigned char)base[bl] & 0xc0) == 0x80)
			bl--;
	}
	snprintf(buf, cap, "%.*s.%.*s.tmp.%s.XXXXXX", (int)dl, path, (int)bl, base, pid);
	*dir_len = dl;
	*pre_len = dl + 1 + bl + 5;
}

/* 1 when name is "PID.XXXXXX" of a process that is gone. */
static int dead_writer(const char *name)
{
	char *end;
	errno = 0;
	long pid = strtol(name, &end, 10);
	if (end == name || errno || pid <= 0 || *end != '.' || strlen(end + 1) != 6 ||
	    pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes the temporary files that killed writers of the same output left
 * in its folder: regular files of ours (never what a link points to, never
 * another user's) whose process is gone. */
static void clean_dead_temps(const char *tmpl, size_t dir_len, size_t pre_len)
{
	char *dir = dir_len ? im_strndup(tmpl, dir_len) : im_strdup(".");
	DIR *d = dir ? opendir(dir) : NULL;
	free(dir);
	if (!d)
		return;
	const char *prefix = tmpl + dir_len;
	size_t pl = pre_len - dir_len;
	struct dirent *e;
	struct stat st;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, pl) != 0 || !dead_writer(e->d_name + pl))
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

int im_path_is_direct(const char *path)
{
	if (strcmp(path, "-") == 0 || strncmp(path, "/dev/", 5) == 0 ||
	    strncmp(path, "/proc/", 6) == 0)
		return 1;
	struct stat sb;
	return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode);
}

/* Opens path to be written in place (im_path_is_direct): a rename would
 * replace the node, or /dev/stdout's link, by a file, or fail. */
static im_status open_direct(im_afile *f, const char *path, im_error *err)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 || !(f->fp = fdopen(fd, "wb"))) {
		im_status st =
		    im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return st;
	}
	f->direct = 1;
	return IM_OK;
}

/* The mode a new output gets: an existing file's own (a 0600 file stays
 * 0600), else 0666 less the umask, as any program's new file. */
static mode_t output_mode(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return sb.st_mode & 07777;
	mode_t um = umask(0);
	umask(um);
	return 0666 & ~um;
}

static void afile_free(im_afile *f)
{
	free(f->path);
	free(f->tmp);
	free(f);
}

im_status im_afile_open(const char *path, im_afile **out, im_error *err)
{
	*out = NULL;
	im_afile *f = calloc(1, sizeof *f);
	if (!f)
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	if (strcmp(path, "-") == 0) {
		f->fp = stdout;
		*out = f;
		return IM_OK;
	}
	f->path = im_strdup(path);
	size_t n = strlen(path) + 48;
	f->tmp = malloc(n);
	if (!f->path || !f->tmp) {
		afile_free(f);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	im_status st;
	if (im_path_is_direct(path)) {
		free(f->tmp);
		f->tmp = NULL;
		if ((st = open_direct(f, path, err)))
			afile_free(f);
		else
			*out = f;
		return st;
	}
	/* A hidden name in the same folder, so rename() stays on one file system. */
	size_t dir_len, pre_len;
	temp_name(path, f->tmp, n, &dir_len, &pre_len);
	clean_dead_temps(f->tmp, dir_len, pre_len);
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		st = im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s", strerror(errno));
		afile_free(f);
		return st;
	}
	fchmod(fd, output_mode(path)); /* mkstemp makes 0600 */
	f->fp = fdopen(fd, "wb");
	if (!f->fp) {
		close(fd);
		unlink(f->tmp);
		afile_free(f);
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	}
	*out = f;
	return IM_OK;
}

FILE *im_afile_fp(im_afile *f)
{
	return f->fp;
}

const char *im_afile_tmpname(const im_afile *f)
{
	return f->tmp;
}

/* Flushes and closes an output written in place (stdout is only flushed). */
static im_status commit_direct(im_afile *f, im_error *err)
{
	const char *name = f->path ? f->path : "<stdout>";
	int bad = fflush(f->fp) != 0 || ferror(f->fp);
	int e = errno;
	if (f->direct && fclose(f->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	im_status rc =
	    bad ? im_error_set(err, IM_E_IO, name, 0, 0, "write error: %s", strerror(e)) : IM_OK;
	afile_free(f);
	return rc;
}

im_status im_afile_commit(im_afile *f, im_error *err)
{
	if (!f->tmp)
		return commit_direct(f, err);
	im_status rc = IM_OK;
	int bad = fflush(f->fp) != 0 || ferror(f->fp);
	int e = errno;
	if (!bad && fsync(fileno(f->fp)) != 0 && errno != EINVAL) {
		bad = 1;
		e = errno;
	}
	if (fclose(f->fp) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (!bad && rename(f->tmp, f->path) != 0) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(f->tmp);
		rc = im_error_set(err, IM_E_IO, f->path, 0, 0, "cannot write: %s", strerror(e));
	}
	afile_free(f);
	return rc;
}

void im_afile_abort(im_afile *f)
{
	if (!f)
		return;
	if (f->tmp) {
		fclose(f->fp);
		unlink(f->tmp);
	} else if (f->direct) {
		fclose(f->fp);
	} else {
		fflush(f->fp);
	}
	afile_free(f);
}

im_status im_write_file_atomic(const char *path, const void *data, size_t len,
			       im_error *err)
{
	im_afile *f;
	im_status st = im_afile_open(path, &f, err);
	if (st)
		return st;
	if (len && fwrite(data, 1, len, im_afile_fp(f)) != len) {
		int e = errno;
		im_afile_abort(f);
		return im_error_set(err, IM_E_IO, path, 0, 0, "cannot write: %s", strerror(e));
	}
	return im_afile_commit(f, err);
}

int im_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int im_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

im_status im_mkdir_p(const char *path, im_error *err)
{
	char *p = im_strdup(path);
	if (!p)
		return im_error_set(err, IM_E_NOMEM, path, 0, 0, "out of memory");
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				im_status st = im_error_set(err, IM_E_IO, p, 0, 0,
							    "cannot create folder: %s", strerror(errno));
				free(p);
				return st;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	if (!im_is_dir(path))
		return im_error_set(err, IM_E_IO, path, 0, 0, "exists and is not a folder");
	return IM_OK;
}

char *im_path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	while (la > 1 && a[la - 1] == '/')
		la--;
	char *p = malloc(la + lb + 2);
	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

void im_path_ext(const char *path, char *buf, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	size_t i = 0;
	if (dot && dot[1] && n > 0) {
		for (const char *s = dot + 1; *s && i + 1 < n; s++)
			buf[i++] = (char)tolower((unsigned char)*s);
	}
	if (n > 0)
		buf[i] = '\0';
}

long long im_mtime_ns(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}
