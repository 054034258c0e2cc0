/* render.h: briefing maps (PNG, PDF, SVG) drawn with cairo and pango over the
 * shapefiles in shapes/, projected with PROJ. */
#ifndef IM_RENDER_H
#define IM_RENDER_H

#include "../core/im.h"
#include "../gazetteer/gazetteer.h"
#include "../model/incident.h"

typedef enum im_render_fmt {
	IM_RENDER_AUTO = 0, /* from the output file's extension */
	IM_RENDER_PNG,
	IM_RENDER_PDF,
	IM_RENDER_SVG
} im_render_fmt;

typedef struct im_render_opts {
	const char *shapes_dir;  /* folder with the base-map shapefiles */
	const im_gaz *gaz;       /* reference cities; NULL: none drawn */
	const char *title;       /* NULL: made from the types and dates */
	int has_bbox;            /* 1: bbox is W,S,E,N in degrees */
	double bbox[4];
	const char *crs;         /* "EPSG:N" or a PROJ string; NULL: chosen */
	int width, height;       /* pixels; 0: default (or from paper) */
	double dpi;              /* 0: 96 for PNG/SVG, 72 pt units for PDF */
	const char *paper;       /* "a4", "a3", "letter" (landscape), or NULL */
	im_render_fmt format;
	int quiet;               /* 1: do not warn about labels left out */
} im_render_opts;

/* Fills *o with defaults (1600x1000 px, 150 dpi, auto format). */
void im_render_opts_init(im_render_opts *o);

/* Draws the incidents and writes path atomically. An empty list gives a map
 * that says "no incidents". */
im_status im_render(const im_incident_list *l, const im_render_opts *o,
		    const char *path, im_error *err);

#endif
