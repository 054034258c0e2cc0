/* fuzz_gaz_places.h: what the fuzz targets of the readers of places for
 * `gazetteer import` (CSV, GeoJSON, GeoPackage) check of a reading: the
 * invariants the import relies on. */
#ifndef FUZZ_GAZ_PLACES_H
#define FUZZ_GAZ_PLACES_H

#include "fuzz_util.h"
#include "gazetteer/gaz_int.h"

#include <math.h>

/* A failure names file, with a message and a line of at most max_line (-1:
 * any), and leaves no entries; a success gives places that each have a
 * name and coordinates in range (and a line of their own, with lines). */
static void fz_check_places(im_status st, const gaz_inlist *l, const im_error *e,
                            const char *file, long max_line, int lines)
{
	if (st) {
		if (strcmp(e->file, file) != 0 || !e->msg[0])
			FZ_BUG("a failure without the file or a message: '%s' '%s'", e->file,
			       e->msg);
		if (e->line < 0 || (max_line >= 0 && e->line > max_line))
			FZ_BUG("line %ld outside an input of at most %ld lines", e->line, max_line);
		if (l->n || l->v)
			FZ_BUG("entries left after a failure");
		return;
	}
	if (!l->n)
		FZ_BUG("success with no places");
	for (size_t i = 0; i < l->n; i++) {
		const gaz_in *p = &l->v[i];
		if (!p->e.name || !p->e.name[0] || !isfinite(p->e.lat) || fabs(p->e.lat) > 90 ||
		    !isfinite(p->e.lon) || fabs(p->e.lon) > 180 || (lines && p->line < 1))
			FZ_BUG("entry %zu taken with a bad field", i);
	}
}

#endif
