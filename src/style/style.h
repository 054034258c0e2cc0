/* style.h: the one symbology table (event type -> marker shape and colour,
 * fatalities -> size) that both the renderer and the QGIS style writer read. */
#ifndef IM_STYLE_H
#define IM_STYLE_H

#include "../core/im.h"

typedef enum im_shape {
	IM_SHAPE_CIRCLE,
	IM_SHAPE_DIAMOND,
	IM_SHAPE_TRIANGLE,
	IM_SHAPE_SQUARE,
	IM_SHAPE_PENTAGON,
	IM_SHAPE_STAR
} im_shape;

typedef struct im_style {
	const char *event_type; /* ACLED event type; NULL for the fallback row */
	const char *label;      /* legend text */
	im_shape shape;
	unsigned char r, g, b;  /* fill colour (Okabe-Ito, colour-blind safe) */
	const char *qgis_shape; /* QGIS SimpleMarker "name" */
} im_style;

/* The rows, in legend order; the last row is the fallback for unknown types. */
extern const im_style im_styles[];
extern const size_t im_n_styles;

/* The row for an event type (exact ACLED spelling, case-insensitive);
 * the fallback row for NULL or unknown. Never NULL. */
const im_style *im_style_for(const char *event_type);

/* Marker diameter in millimetres for a fatality count: the area grows with
 * the count, with a minimum for 0/unknown (IM_NULL_INT or negative) and a cap. */
double im_style_size_mm(int fatalities);

#define IM_STYLE_MIN_MM 2.6
#define IM_STYLE_MAX_MM 14.0

/* Marker edges, as the renderer draws them (src/render/marks.c) and the
 * QGIS style repeats them: a mark placed at its place is filled with its
 * type's colour and edged thin and dark; a mark known only to its province
 * (geo_precision 3) is open: white inside, a thick edge in the type's colour. */
#define IM_STYLE_EDGE_MM 0.2
#define IM_STYLE_EDGE_R 0x2B
#define IM_STYLE_EDGE_G 0x2B
#define IM_STYLE_EDGE_B 0x2B
#define IM_STYLE_OPEN_EDGE_MM 0.55

/* "#rrggbb" into buf (8 bytes). */
void im_style_hex(const im_style *s, char buf[8]);

#endif
