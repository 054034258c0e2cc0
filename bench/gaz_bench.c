/* gaz_bench.c: the gazetteer's numbers for bench/gaz.sh: opening the
 * compiled index, lookups per second on one core and memory, against
 * reading the source files (the peer) and compiling them in memory.
 *
 *   gaz_bench open DIR          median time of im_gaz_open (ms), n runs
 *   gaz_bench read DIR          time to read every source file (ms)
 *   gaz_bench compile DIR       time to parse and index the sources in memory (ms)
 *   gaz_bench lookup DIR NAMES  lookups/s (5 candidates each) over a name list
 *   Each prints one "key value" line per figure, and max RSS in KiB. */
#include "core/fsutil.h"
#include "gazetteer/gaz_int.h"
#include "gazetteer/gazetteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this thread: on a shared machine, the time it really ran. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long max_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int die(const im_error *e)
{
	im_error_print(e, stderr);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: gaz_bench open|read|compile|lookup DIR [NAMES]\n");
		return 2;
	}
	const char *mode = argv[1], *dir = argv[2];
	im_error err;
	if (strcmp(mode, "open") == 0) {
		enum { N = 51 };
		double t[N];
		for (int i = 0; i < N; i++) {
			im_gaz *g;
			double t0 = now_ms();
			if (im_gaz_open(dir, &g, &err))
				return die(&err);
			t[i] = now_ms() - t0;
			im_gaz_free(g);
		}
		qsort(t, N, sizeof *t, dbl_cmp);
		printf("open_ms_median %.3f\nopen_ms_max %.3f\nruns %d\n", t[N / 2], t[N - 1], N);
	} else if (strcmp(mode, "read") == 0) {
		gaz_file *f;
		size_t nf, bytes = 0;
		double t0 = now_ms();
		if (gaz_files_list(dir, &f, &nf, &err))
			return die(&err);
		for (size_t i = 0; i < nf; i++) {
			char *data;
			size_t len;
			if (gaz_read_source(f[i].path, &data, &len, &err))
				return die(&err);
			/* count the lines, as the least any parser does */
			size_t lines = 0;
			for (size_t k = 0; k < len; k++)
				lines += data[k] == '\n';
			bytes += len + (lines & 0);
			free(data);
		}
		printf("read_ms %.1f\nread_bytes %zu\nfiles %zu\n", now_ms() - t0, bytes, nf);
		gaz_files_free(f, nf);
	} else if (strcmp(mode, "compile") == 0) {
		void *blob;
		size_t size;
		double t0 = now_ms();
		if (gaz_compile(dir, &blob, &size, &err))
			return die(&err);
		double t = now_ms() - t0;
		im_gaz g;
		memset(&g, 0, sizeof g);
		if (!gaz_attach(&g, blob, size))
			return 1;
		printf("compile_ms %.1f\nindex_bytes %zu\nplaces %u\nnames %u\n", t, size,
		       g.h->n_places, g.h->n_keys);
		free(blob);
	} else if (strcmp(mode, "lookup") == 0 && argc > 3) {
		char *data;
		size_t len;
		if (im_read_file(argv[3], 0, &data, &len, &err))
			return die(&err);
		size_t n = 0, cap = 1024;
		char **names = malloc(cap * sizeof *names);
		for (char *p = strtok(data, "\n"); p; p = strtok(NULL, "\n")) {
			if (n == cap)
				names = realloc(names, (cap *= 2) * sizeof *names);
			names[n++] = p;
		}
		size_t *lens = malloc(n * sizeof *lens);
		for (size_t i = 0; i < n; i++)
			lens[i] = strlen(names[i]);
		im_gaz *g;
		if (im_gaz_open(dir, &g, &err))
			return die(&err);
		im_gaz_cand c[5];
		size_t found = 0, done = 0;
		double t0 = now_ms(), c0 = cpu_ms(), t;
		do {
			for (size_t i = 0; i < n; i++)
				found += im_gaz_lookup(g, names[i], lens[i], NULL, c, 5) > 0;
			done += n;
			t = now_ms() - t0;
		} while (t < 3000);
		double ct = cpu_ms() - c0;
		printf("lookups %zu\nlookup_s %.3f\nlookups_per_s %.0f\nlookup_cpu_s %.3f\n"
		       "lookups_per_cpu_s %.0f\nfound_pct %.1f\nnames %zu\n",
		       done, t / 1e3, done / (t / 1e3), ct / 1e3, done / (ct / 1e3), 100.0 * found / done, n);
		im_gaz_free(g);
		free(lens);
		free(names);
		free(data);
	} else {
		fprintf(stderr, "gaz_bench: unknown mode %s\n", mode);
		return 2;
	}
	printf("max_rss_kib %ld\n", max_rss_kib());
	return 0;
}
