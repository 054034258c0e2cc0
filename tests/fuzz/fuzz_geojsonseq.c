/* fuzz_geojsonseq.c: libFuzzer target for the GeoJSON Text Sequence reader; what it
 * reads must also survive a round trip through every writer. */
#include "fuzz_io_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_run(data, size, IM_FMT_GEOJSONSEQ);
}
