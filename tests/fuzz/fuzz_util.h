/* fuzz_util.h: what the fuzz targets outside io share: silencing warnings,
 * a scratch folder of their own, writing a file whole, and the fixtures of
 * the source tree. */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include "core/im.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INCIMAP_SOURCE_DIR
#define INCIMAP_SOURCE_DIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fz_quiet(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	(void)file;
	(void)line;
	(void)msg;
}

/* A bug the fuzzer found: say what and stop (libFuzzer keeps the input). */
#define FZ_BUG(...)                                                                   \
	do {                                                                          \
		fprintf(stderr, "fuzz: " __VA_ARGS__);                                \
		fputc('\n', stderr);                                                  \
		abort();                                                              \
	} while (0)

static char fz_dir[256];

/* Removes the scratch folder and what is in it (at exit). */
static inline void fz_scratch_rm(void)
{
	DIR *d = opendir(fz_dir);
	if (!d)
		return;
	struct dirent *e;
	char path[512];
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", fz_dir, e->d_name);
			unlink(path);
		}
	}
	closedir(d);
	rmdir(fz_dir);
}

/* A scratch folder for this process (made once, under $TMPDIR, else
 * /dev/shm when there, since the gazetteer targets write a lot, else /tmp;
 * removed at exit). */
static inline const char *fz_scratch(void)
{
	char *dir = fz_dir;
	if (dir[0])
		return dir;
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof fz_dir, "%s/incimap-fuzz-XXXXXX", base);
	if (!mkdtemp(dir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(fz_scratch_rm);
	return dir;
}

/* Writes n bytes to path, replacing it; aborts when it cannot (that is the
 * harness failing, not the code under test). */
static inline void fz_write(const char *path, const void *p, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || (n && fwrite(p, 1, n, fp) != n) || fclose(fp) != 0) {
		perror(path);
		abort();
	}
}

/* A NUL-terminated copy of data (caller frees). */
static inline char *fz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
