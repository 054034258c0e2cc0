/* render.h: briefing maps (PNG, PDF, SVG) drawn with cairo and pango over the
 * shapefiles in shapes/, projected with PROJ. */
#ifndef IM_RENDER_H
#define IM_RENDER_H

#include "../core/buf.h"
#include "../core/im.h"
#include "../gazetteer/gazetteer.h"
#include "../model/incident.h"
#include "../model/period.h"
#include "../model/summary.h"

#include <cairo.h>

typedef enum im_render_fmt {
	IM_RENDER_AUTO = 0, /* from the output file's extension */
	IM_RENDER_PNG,
	IM_RENDER_PDF,
	IM_RENDER_SVG,
	IM_RENDER_HTML /* one self-contained interactive page (html.c) */
} im_render_fmt;

/* How incidents are drawn (--aggregate). */
typedef enum im_render_agg {
	IM_AGG_AUTO = 0, /* clusters while they stay legible, else hexagons */
	IM_AGG_CLUSTERS, /* a symbol per place (co-located incidents clustered) */
	IM_AGG_HEX,      /* hexagonal bins shaded by count or fatalities */
	IM_AGG_NONE,     /* a symbol per incident, even at one place */
	IM_AGG_ADMIN1    /* provinces shaded by count or fatalities, by the
			  * incidents' admin1 */
} im_render_agg;

/* What a symbol's size (clusters) or a hexagon's shade tells (--size-by). */
typedef enum im_render_size_by {
	IM_SIZE_BY_DEFAULT = 0, /* symbols by fatalities, hexagons by incidents */
	IM_SIZE_BY_INCIDENTS,
	IM_SIZE_BY_FATALITIES
} im_render_size_by;

typedef struct im_render_opts {
	const char *shapes_dir;  /* folder with the base-map shapefiles */
	const im_gaz *gaz;       /* reference cities; NULL: none drawn */
	const char *title;       /* NULL: made from the types and dates */
	int has_bbox;            /* 1: bbox is W,S,E,N in degrees */
	double bbox[4];
	const char *crs;         /* "EPSG:N" or a PROJ string; NULL: chosen */
	int width, height;       /* pixels, 16..20000 (ignored with paper) */
	double dpi;              /* 10..1200; 0: 150. Sizes the text and symbols:
				  * PDF/SVG pages are width/dpi inches wide */
	const char *paper;       /* "a4", "a3", "letter" (landscape), or NULL */
	im_render_fmt format;
	im_render_agg aggregate;
	im_render_size_by size_by;
	int gazetteer_labels;    /* 1: labels give the gazetteer's name (--labels
				  * gazetteer); 0: the report's spelling of it
				  * when there is one (--labels report) */
	im_period by;            /* a map per day, week or month on one page
				  * (--by); IM_PERIOD_AUTO: one map */
	int by_pages;            /* with by, in a PDF: a page per period
				  * (--by-pages), each map the same extent
				  * and scale */
	int timeline;            /* 1: the timeline chart under the map
				  * (--timeline), of the incidents drawn */
	im_period timeline_period; /* its bars; AUTO: chosen from the dates */
	int quiet;               /* 1: do not warn about labels left out */
	im_buf *said;            /* NULL, or the warnings an earlier render of
				  * the same incidents gave (a PNG and a PDF
				  * from one `map`), one a line: those are not
				  * repeated; each new one is added */
} im_render_opts;

/* The size of a --paper in millimetres, landscape (a4, a3, letter, any
 * case); 0 when paper is none of them. */
int im_render_paper_mm(const char *paper, double *wmm, double *hmm);

/* Fills *o with defaults (1600x1000 px, 150 dpi, auto format). */
void im_render_opts_init(im_render_opts *o);

/* Draws the incidents and writes path atomically (a .html path, or format
 * IM_RENDER_HTML, gives the interactive page of docs/formats.md instead:
 * Leaflet in the page, every incident with its popup, the base map of
 * shapes_dir; width, height, dpi and paper do not apply) (nothing is left under
 * path on failure; a previous file stays as it was). An empty list (or
 * NULL) gives a map that says "No incidents". Incidents without a usable
 * point are left out with a warning (im_warn, unless o->quiet), as are
 * labels that find no room. Fails with IM_E_RANGE/IM_E_TOO_LARGE (sizes),
 * IM_E_PROJ (an unknown --crs), IM_E_IO (a missing shapes file, an
 * unwritable path), IM_E_RENDER (a corrupt shapefile, cairo), IM_E_USAGE
 * (no format from the extension), IM_E_NOMEM. See docs/rendering.md.
 * The first map drawn in a process makes a fontconfig configuration of the
 * map's own fonts (Noto Sans) the process's current one, before pango
 * starts; the renderer runs on one thread at a time. */
im_status im_render(const im_incident_list *l, const im_render_opts *o,
		    const char *path, im_error *err);

/* The same, fed one incident at a time, for inputs too big to hold: the
 * map keeps some 40 bytes of each incident, and a place name met lately
 * once.
 * Aggregated (any --aggregate but none, without --by) past 65,536
 * incidents, it moves those records to a temporary file (tmpfile(3)) and
 * reads them back a chunk at a time into places (clusters) or bins
 * (hexagons, provinces), so that memory grows with the places and bins,
 * not the incidents; past 1,048,576 reports, their number in the notes is
 * an estimate ("about"). begin: o (and what it points to) must outlive
 * the job. add: copies what it needs of inc, which stays the caller's;
 * fails only for memory, the temporary file (IM_E_IO) or past 20 million
 * incidents. finish: draws and writes path, then frees the job,
 * whatever the outcome (IM_E_IO when the temporary file fails). */
typedef struct im_render_job im_render_job;
im_status im_render_begin(const im_render_opts *o, im_render_job **out, im_error *err);
im_status im_render_add(im_render_job *j, const im_incident *inc, im_error *err);
im_status im_render_finish(im_render_job *j, const char *path, im_error *err);
/* Drops a job without drawing it (NULL is fine). */
void im_render_job_free(im_render_job *j);

/* The briefing pack (`incimap brief`, docs/brief.md). */
typedef struct im_pack_opts {
	im_render_opts map;  /* the map page: paper (NULL: a4), title, extent,
			      * aggregation, shapes_dir, gaz; the pack's pages
			      * all take the paper's size, landscape */
	size_t list_max;     /* incidents listed at most (the first by date); a
			      * note says how many more there are */
	long long generated; /* the footer's date: seconds since 1970 (UTC) */
	size_t left_out;     /* incidents the filters left out, said on page 2 */
} im_pack_opts;

/* Writes the pack of l (sorted by date, im_list_sort; sum made from it)
 * to path atomically: page 1 the map, page 2 the summary tables, then the
 * list, a row per incident, never split across pages; every page has the
 * generation date, the incidents' dates and its number in its footer. An
 * empty l gives a pack that says "No incidents". Fails as im_render does,
 * and IM_E_IO when path cannot be written. */
im_status im_pack_write(const im_incident_list *l, const im_summary *sum, const im_pack_opts *o,
			const char *path, im_error *err);

/* Writes the spatial index (.qix, shapelib's quadtree) beside each base-map
 * shapefile in shapes_dir, so that a render reads only the shapes in view.
 * Run it after replacing the shapefiles; each index is replaced atomically. */
im_status im_render_build_index(const char *shapes_dir, im_error *err);

/* ---- the timeline chart ------------------------------------------------
 * Incidents and fatalities per day, ISO week or month, stacked by event
 * type in the colours of the one symbology table (src/style), every period
 * between the first and the last shown (the empty ones as gaps), undated
 * incidents counted in a note. Fed one incident at a time, so it holds a
 * few hundred bytes per day with incidents, never the incidents:
 *
 *     im_timeline *t;
 *     im_timeline_new(&t, &err);
 *     for (...) im_timeline_add(t, &inc, &err);
 *     im_timeline_opts to = {IM_PERIOD_AUTO, 72 / 25.4, 1, 1};
 *     im_timeline_draw(cr, x, y, w, h, t, &to, &err);
 *     im_timeline_free(t);
 */
typedef struct im_timeline im_timeline;

typedef struct im_timeline_opts {
	im_period period;    /* AUTO: days up to 62 of them, else ISO weeks up
	                      * to 62, else months */
	double units_per_mm; /* cr's user units per millimetre: 72 / 25.4 on
	                      * a PDF or SVG page in points, dpi / 25.4 on an
	                      * image */
	double scale;        /* text and lines, 1 (or 0): the sizes of a
	                      * 270 x 170 mm map (7 pt text) */
	int legend;          /* 1: the types present, with their counts, at
	                      * the chart's right (0: under a map whose legend
	                      * already shows them) */
} im_timeline_opts;

/* An empty timeline (caller frees with im_timeline_free). IM_E_NOMEM. */
im_status im_timeline_new(im_timeline **out, im_error *err);
/* Counts one incident (copies what it needs). Fails only for memory. */
im_status im_timeline_add(im_timeline *t, const im_incident *inc, im_error *err);
/* Incidents added, and how many of them have no date. */
size_t im_timeline_count(const im_timeline *t, size_t *undated);
/* The period a chart of t would use for p (p itself unless AUTO). */
im_period im_timeline_period(const im_timeline *t, im_period p);
/* Draws the chart into the rectangle x, y, w, h of cr's user space (at
 * least 40 x 25 mm), leaving cr's state as it was: two stacked bar charts
 * on one time axis (incidents above, fatalities below, each headed with
 * its total), the axis labels, a note (what a bar is, undated incidents)
 * and the legend when asked. Text is pango in the map's fonts (selectable
 * in PDF). Fails with IM_E_RANGE (a box too small, units_per_mm not
 * above 0), IM_E_TOO_LARGE (more than 1,500 periods: the message says to
 * choose a longer one), IM_E_RENDER (cr in error), IM_E_NOMEM. A timeline
 * without dated incidents says "No dated incidents". */
im_status im_timeline_draw(cairo_t *cr, double x, double y, double w, double h,
                           const im_timeline *t, const im_timeline_opts *o, im_error *err);
void im_timeline_free(im_timeline *t);

#endif
