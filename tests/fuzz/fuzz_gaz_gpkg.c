/* fuzz_gaz_gpkg.c: libFuzzer target for the reader of GeoPackage point
 * layers of places (`gazetteer import PLACES.gpkg`, as QGIS saves them):
 * any bytes, read as a database in memory, are either read into entries
 * every one of which has a name and coordinates in range, or refused with a
 * message that names the file; never a crash, a leak, a hang or a read
 * outside the input. */
#include "fuzz_util.h"
#include "gazetteer/gaz_int.h"

#include <math.h>

static void check(im_status st, const gaz_inlist *l, const im_error *e)
{
	if (st) {
		if (strcmp(e->file, "fuzz.gpkg") != 0 || !e->msg[0])
			FZ_BUG("a failure without the file or a message: '%s' '%s'", e->file,
			       e->msg);
		if (l->n || l->v)
			FZ_BUG("entries left after a failure");
		return;
	}
	if (!l->n)
		FZ_BUG("success with no places");
	for (size_t i = 0; i < l->n; i++) {
		const gaz_in *p = &l->v[i];
		if (!p->e.name || !p->e.name[0] || !isfinite(p->e.lat) || fabs(p->e.lat) > 90 ||
		    !isfinite(p->e.lon) || fabs(p->e.lon) > 180)
			FZ_BUG("entry %zu taken with a bad field", i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gaz_inlist l;
	im_error e;
	im_error_clear(&e);
	im_status st = gaz_read_gpkg("fuzz.gpkg", (const char *)data, size, &l, &e);
	check(st, &l, &e);
	gaz_inlist_free(&l);
	return 0;
}
