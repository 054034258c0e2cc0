/* fuzz_extract.c: libFuzzer target for the extraction stage on arbitrary
 * text: the input becomes an article (plain text with the date prefix, or
 * one JSON Lines record, as its first byte says), incidents are extracted
 * with the shipped gazetteer (FUZZ_GAZ names another folder; without the
 * shipped one, tests/fixtures/extract/gaz), merged, and the toponyms
 * listed. Every incident must be one the writers take and the readers read
 * back unchanged, at a place the gazetteer holds. */
#include "fuzz_io_common.h"
#include "fuzz_util.h"
#include "core/fsutil.h"
#include "extract/extract.h"
#include "gazetteer/gaz_int.h"

static im_gaz *gaz;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	im_set_warn_hook(fz_quiet, NULL);
	const char *dir = getenv("FUZZ_GAZ");
	if (!dir || !*dir)
		dir = im_is_dir(INCIMAP_SOURCE_DIR "/gazetteer") ? INCIMAP_SOURCE_DIR "/gazetteer"
								: INCIMAP_SOURCE_DIR "/tests/fixtures/extract/gaz";
	/* compiled in memory: nothing written beside the sources */
	void *blob;
	size_t size;
	im_error e;
	gaz = calloc(1, sizeof *gaz);
	if (!gaz || gaz_compile(dir, &blob, &size, &e) != IM_OK || !gaz_attach(gaz, blob, size)) {
		fprintf(stderr, "fuzz_extract: cannot compile the gazetteer %s: %s\n", dir, e.msg);
		abort();
	}
	gaz->owned = blob;
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

static void check_list(const im_incident_list *l, size_t from, const char *when)
{
	for (size_t i = from; i < l->n; i++) {
		const im_incident *inc = &l->v[i];
		im_error e;
		if (im_io_check(inc, "extract", i, &e) != IM_OK)
			FZ_BUG("%s: an incident the writers refuse: %s", when, e.msg);
		if (inc->gazetteer_id && inc->gazetteer_id[0] &&
		    !im_gaz_get(gaz, inc->gazetteer_id, NULL))
			FZ_BUG("%s: gazetteer_id %s is not in the gazetteer", when, inc->gazetteer_id);
		fz_roundtrip(inc, IM_FMT_GEOJSONSEQ);
		fz_roundtrip(inc, IM_FMT_CSV);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 200000)
		return 0;
	unsigned mode = data[0];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	im_article *a = NULL;
	im_error e;
	im_status st = mode & 1 ? im_article_from_jsonl("fuzz.jsonl", 1, text, len, &a, &e)
				: im_article_from_text("fuzz.txt", text, len, &a, &e);
	if (st != IM_OK)
		return 0;
	im_extract_opts xo;
	memset(&xo, 0, sizeof xo);
	if (mode & 2)
		xo.default_date = (im_date){2024, 3, 13};
	im_incident_list l = {0};
	st = im_extract_article(gaz, a, &xo, &l, &e);
	if (st != IM_OK && st != IM_E_NOMEM)
		FZ_BUG("im_extract_article failed (%s) on what is no allocation failure", e.msg);
	if (l.n > 64)
		FZ_BUG("%zu incidents from one article (the cap is 64)", l.n);
	check_list(&l, 0, "extracted");
	if ((mode & 5) == 4) {
		/* the same text again in another file: each incident has its twin
		 * from another source, so merging leaves no more than once (a JSON
		 * Lines record keeps its id and url, so it would be the same
		 * report, which merging rightly leaves apart) */
		size_t n = l.n;
		im_article *b = NULL;
		st = im_article_from_text("fuzz-copy.txt", text, len, &b, &e);
		if (st == IM_OK && im_extract_article(gaz, b, &xo, &l, &e) == IM_OK &&
		    im_extract_merge(gaz, &l) == IM_OK) {
			if (l.n > n)
				FZ_BUG("the same report twice gave %zu incidents, once %zu", l.n, n);
			check_list(&l, 0, "merged");
		}
		im_article_free(b);
	}
	if (mode & 8)
		(void)im_extract_toponyms(gaz, a, devnull, &e);
	im_list_clear(&l);
	im_article_free(a);
	return 0;
}
