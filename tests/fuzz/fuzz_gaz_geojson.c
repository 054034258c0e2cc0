/* fuzz_gaz_geojson.c: libFuzzer target for the reader of GeoJSON point
 * layers of places (`gazetteer import PLACES.geojson`, as QGIS saves
 * them): any bytes are either read into entries every one of which has a
 * name and coordinates in range, or refused with a message that names the
 * file and a line inside it; never a crash, a leak or a read outside the
 * input. */
#include "fuzz_gaz_places.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gaz_inlist l;
	im_error e;
	im_error_clear(&e);
	im_status st = gaz_read_geojson("fuzz.geojson", (const char *)data, size, &l, &e);
	fz_check_places(st, &l, &e, "fuzz.geojson", (long)size + 1, 0);
	gaz_inlist_free(&l);
	return 0;
}
