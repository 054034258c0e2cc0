/* fuzz_gpkg.c: libFuzzer target for the store reader: the input is taken as
 * a whole .gpkg file (written to a scratch file, as SQLite reads files);
 * opening it must fail cleanly or read incidents that survive a round trip
 * through every writer. */
#include "fuzz_io_common.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/incimap-fuzz-gpkg-%ld.gpkg", (long)getpid());
	FILE *fp = fopen(path, "wb");
	if (!fp)
		return 0;
	size_t wrote = fwrite(data, 1, size, fp);
	if (fclose(fp) != 0 || wrote != size) {
		unlink(path);
		return 0;
	}
	im_set_warn_hook(fz_silent, NULL);
	im_io_reader *r;
	im_error e;
	if (im_io_reader_open(path, IM_FMT_GPKG, &r, &e) == IM_OK) {
		im_incident inc;
		im_incident_init(&inc);
		int done = 0;
		for (int n = 0; n < 1000; n++) {
			if (im_io_reader_next(r, &inc, &done, &e) != IM_OK || done)
				break;
			fz_roundtrip(&inc, IM_FMT_GEOJSON);
			fz_roundtrip(&inc, IM_FMT_GEOJSONSEQ);
			fz_roundtrip(&inc, IM_FMT_CSV);
		}
		im_incident_clear(&inc);
		im_io_reader_free(r);
	}
	unlink(path);
	char journal[80];
	snprintf(journal, sizeof journal, "%s-journal", path);
	unlink(journal);
	return 0;
}
