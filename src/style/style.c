/* style.c: the symbology table shared by the renderer and the QGIS style. */
#include "style.h"

#include <math.h>
#include <strings.h>

/* Okabe & Ito's palette, distinct under the common colour-vision deficiencies;
 * the shape tells the types apart too, so the map survives grey print. */
const im_style im_styles[] = {
	{"Explosions/Remote violence", "Explosions/Remote violence", IM_SHAPE_CIRCLE,
	 0xD5, 0x5E, 0x00, "circle"},
	{"Battles", "Battles", IM_SHAPE_DIAMOND, 0x00, 0x72, 0xB2, "diamond"},
	{"Violence against civilians", "Violence against civilians", IM_SHAPE_TRIANGLE,
	 0xCC, 0x79, 0xA7, "triangle"},
	{"Protests", "Protests", IM_SHAPE_SQUARE, 0x00, 0x9E, 0x73, "square"},
	{"Riots", "Riots", IM_SHAPE_PENTAGON, 0xE6, 0x9F, 0x00, "pentagon"},
	{"Strategic developments", "Strategic developments", IM_SHAPE_STAR, 0x56, 0xB4,
	 0xE9, "star"},
	{NULL, "Other", IM_SHAPE_CIRCLE, 0x80, 0x80, 0x80, "circle"},
};
const size_t im_n_styles = sizeof im_styles / sizeof im_styles[0];

const im_style *im_style_for(const char *event_type)
{
	/* The first letters differ from row to row: compare them first, the
	 * renderer asks once per incident. */
	if (event_type)
		for (size_t i = 0; i + 1 < im_n_styles; i++)
			if (((im_styles[i].event_type[0] ^ event_type[0]) & ~0x20) == 0 &&
			    strcasecmp(im_styles[i].event_type, event_type) == 0)
				return &im_styles[i];
	return &im_styles[im_n_styles - 1];
}

double im_style_size_mm(int fatalities)
{
	/* Area proportional to 1 + f/4: one death reads a little bigger than
	 * none, a hundred clearly bigger, with a cap so mass-casualty events do
	 * not cover a city. */
	double f = fatalities > 0 ? fatalities : 0;
	double d = IM_STYLE_MIN_MM * sqrt(1.0 + f / 4.0);
	return d > IM_STYLE_MAX_MM ? IM_STYLE_MAX_MM : d;
}

void im_style_hex(const im_style *s, char buf[8])
{
	snprintf(buf, 8, "#%02x%02x%02x", s->r, s->g, s->b);
}
