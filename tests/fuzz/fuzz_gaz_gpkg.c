/* fuzz_gaz_gpkg.c: libFuzzer target for the reader of GeoPackage point
 * layers of places (`gazetteer import PLACES.gpkg`, as QGIS saves them):
 * any bytes, read as a database in memory, are either read into entries
 * every one of which has a name and coordinates in range, or refused with a
 * message that names the file; never a crash, a leak, a hang or a read
 * outside the input. */
#include "fuzz_gaz_places.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gaz_inlist l;
	im_error e;
	im_error_clear(&e);
	im_status st = gaz_read_gpkg("fuzz.gpkg", (const char *)data, size, NULL, &l, &e);
	fz_check_places(st, &l, &e, "fuzz.gpkg", 0, 0);
	gaz_inlist_free(&l);
	return 0;
}
