/* tables.h: the briefing pack's tables as CSV (`incimap brief --tables
 * DIR`): summary.csv (incidents, fatalities and injuries by event type, by
 * province, and the total) and incidents.csv (the list, every incident). */
#ifndef IM_TABLES_H
#define IM_TABLES_H

#include "../core/fsutil.h"
#include "../model/summary.h"

/* Writes DIR/summary.csv and DIR/incidents.csv (DIR made when missing)
 * from l (sorted) and its summary s, each into a temporary file: out[0]
 * and out[1] are left for the caller to commit (im_afile_commit) or drop
 * (im_afile_abort), so they appear with the pack or not at all. IM_E_IO
 * (DIR cannot be made or written), IM_E_NOMEM; on failure nothing is left
 * and out[] is NULL. */
im_status im_tables_write(const im_incident_list *l, const im_summary *s, const char *dir,
                          im_afile *out[2], im_error *err);

#endif
