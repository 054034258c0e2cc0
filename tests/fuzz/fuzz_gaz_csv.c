/* fuzz_gaz_csv.c: libFuzzer target for the reader of analysts' place
 * spreadsheets (`gazetteer import PLACES.csv`): any bytes are either read
 * into entries every one of which has a name and coordinates in range, or
 * refused with a message that names the file and a line inside it; never a
 * crash, a leak or a read outside the input. */
#include "fuzz_gaz_places.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gaz_inlist l;
	im_error e;
	im_error_clear(&e);
	im_status st = gaz_read_csv("fuzz.csv", (const char *)data, size, &l, &e);
	fz_check_places(st, &l, &e, "fuzz.csv", (long)size + 1, 1);
	gaz_inlist_free(&l);
	return 0;
}
