/* fuzz_gaz_gz.c: libFuzzer target for the gazetteer's gzip-compressed
 * sources (detail-XX.txt.gz), read by gaz_read_source. The input is read
 * twice: as it is, named .txt.gz (any bytes: a damaged stream must be an
 * error or a whole text, never a crash), and gzip-compressed by zlib, which
 * must read back byte for byte; then the folder holding the raw input is
 * compiled, which must not fail for a damaged .gz (it is skipped with a
 * warning, the others served). */
#include "fuzz_util.h"
#include "core/fsutil.h"
#include "gazetteer/gaz_int.h"

#include <zlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	im_set_warn_hook(fz_quiet, NULL);
	const char *dir = fz_scratch();
	char raw[512], packed[512], places[512];
	snprintf(raw, sizeof raw, "%s/detail-xx.txt.gz", dir);
	snprintf(packed, sizeof packed, "%s/packed.gz", dir);
	snprintf(places, sizeof places, "%s/places.txt", dir);
	fz_write(raw, data, size);
	char *text;
	size_t len;
	im_error e;
	if (gaz_read_source(raw, &text, &len, &e) == IM_OK) {
		if (text[len] != '\0')
			FZ_BUG("a source read is not NUL-terminated");
		free(text);
	}
	/* compressed by zlib: the same bytes come back */
	gzFile z = gzopen(packed, "wb");
	if (!z)
		abort();
	if (size && gzwrite(z, data, (unsigned)size) != (int)size)
		FZ_BUG("gzwrite failed");
	if (gzclose(z) != Z_OK)
		FZ_BUG("gzclose failed");
	if (gaz_read_source(packed, &text, &len, &e) != IM_OK)
		FZ_BUG("a good gzip file is refused: %s", e.msg);
	if (len != size || (size && memcmp(text, data, size) != 0))
		FZ_BUG("a gzip file reads back as other bytes (%zu, not %zu)", len, size);
	free(text);
	unlink(packed);
	/* a folder with the raw input as a detail file and one good place */
	static const char line[] = "1\tKadunu\tKadunu\t\t10\t7\tP\tPPL\tNG\t\t\t\t\t\t0\t\t\t\t\n";
	fz_write(places, line, sizeof line - 1);
	void *blob;
	size_t bsize;
	if (gaz_compile(dir, &blob, &bsize, &e) != IM_OK)
		FZ_BUG("a folder with a damaged .gz does not compile: %s", e.msg);
	im_gaz g;
	memset(&g, 0, sizeof g);
	if (!gaz_attach(&g, blob, bsize) || !im_gaz_get(&g, "gn:1", NULL))
		FZ_BUG("the good place is lost beside a .gz");
	free(blob);
	unlink(raw);
	unlink(places);
	return 0;
}
