/* fuzz_kml.c: libFuzzer target for the KML reader (libxml2 underneath);
 * what it reads must also survive a round trip through the GeoJSON,
 * GeoJSONSeq and CSV writers. */
#include "fuzz_io_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_run(data, size, IM_FMT_KML);
}
