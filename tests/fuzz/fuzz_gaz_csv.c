/* fuzz_gaz_csv.c: libFuzzer target for the reader of analysts' place
 * spreadsheets (`gazetteer import PLACES.csv`): any bytes are either read
 * into entries every one of which has a name and coordinates in range, or
 * refused with a message that names the file and a line inside it; never a
 * crash, a leak or a read outside the input. */
#include "fuzz_util.h"
#include "gazetteer/gaz_int.h"

#include <math.h>

/* Checks what a reader gave: the invariants the import relies on. */
static void check(im_status st, const gaz_inlist *l, const im_error *e, size_t size)
{
	if (st) {
		if (strcmp(e->file, "fuzz.csv") != 0 || !e->msg[0])
			FZ_BUG("a failure without the file or a message: '%s' '%s'", e->file,
			       e->msg);
		if (e->line < 0 || (size_t)e->line > size + 1)
			FZ_BUG("line %ld outside an input of %zu bytes", e->line, size);
		if (l->n || l->v)
			FZ_BUG("entries left after a failure");
		return;
	}
	if (!l->n)
		FZ_BUG("success with no places");
	for (size_t i = 0; i < l->n; i++) {
		const gaz_in *p = &l->v[i];
		if (!p->e.name || !p->e.name[0] || !isfinite(p->e.lat) || fabs(p->e.lat) > 90 ||
		    !isfinite(p->e.lon) || fabs(p->e.lon) > 180 || p->line < 1)
			FZ_BUG("entry %zu taken with a bad field", i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gaz_inlist l;
	im_error e;
	im_error_clear(&e);
	im_status st = gaz_read_csv("fuzz.csv", (const char *)data, size, &l, &e);
	check(st, &l, &e, size);
	gaz_inlist_free(&l);
	return 0;
}
