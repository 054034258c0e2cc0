/* qml.c: the QGIS layer style written beside a GeoJSON (incidents.qml next to
 * incidents.geojson, which QGIS applies when it opens the layer). It is made
 * from the one symbology table (style.h), so the layer in QGIS shows the
 * shapes, colours and fatality-scaled sizes of the rendered map. */
#include "io_int.h"
#include "../core/fsutil.h"
#include "../style/style.h"

#include <stdlib.h>
#include <string.h>

/* XML attribute text. */
static im_status xml_attr(im_buf *b, const char *s)
{
	im_status st = IM_OK;
	for (; !st && *s; s++) {
		switch (*s) {
		case '&': st = im_buf_puts(b, "&amp;"); break;
		case '<': st = im_buf_puts(b, "&lt;"); break;
		case '>': st = im_buf_puts(b, "&gt;"); break;
		case '"': st = im_buf_puts(b, "&quot;"); break;
		case '\'': st = im_buf_puts(b, "&apos;"); break;
		default: st = im_buf_putc(b, *s);
		}
	}
	return st;
}

/* The QGIS expression for im_style_size_mm(): the same curve (area grows
 * with 1 + f/4, floor for none/unknown, cap), written with the table's
 * constants. test_io_qml checks the two agree. */
im_status im_qml_size_expr(im_buf *b)
{
	im_status st = im_buf_puts(b, "min(");
	st = st ? st : im_io_num(b, IM_STYLE_MAX_MM, 1);
	st = st ? st : im_buf_puts(b, ", ");
	st = st ? st : im_io_num(b, IM_STYLE_MIN_MM, 1);
	return st ? st
		  : im_buf_puts(b, " * sqrt(1 + max(coalesce(\"fatalities\", 0), 0) / 4.0))");
}

static im_status opt(im_buf *b, const char *ind, const char *name, const char *type,
		     const char *value)
{
	im_status st = im_buf_printf(b, "%s<Option name=\"%s\" type=\"%s\" value=\"", ind, name, type);
	st = st ? st : xml_attr(b, value);
	return st ? st : im_buf_puts(b, "\"/>\n");
}

static im_status prop(im_buf *b, const char *ind, const char *k, const char *v)
{
	im_status st = im_buf_printf(b, "%s<prop k=\"%s\" v=\"", ind, k);
	st = st ? st : xml_attr(b, v);
	return st ? st : im_buf_puts(b, "\"/>\n");
}

/* A data-defined property ("fillColor", ...) given by an expression. */
static im_status dd(im_buf *b, const char *name, const char *expr)
{
	im_status st = im_buf_printf(b, "                <Option name=\"%s\" type=\"Map\">\n", name);
	st = st ? st : opt(b, "                  ", "active", "bool", "true");
	st = st ? st : opt(b, "                  ", "expression", "QString", expr);
	st = st ? st : opt(b, "                  ", "type", "int", "3");
	return st ? st : im_buf_puts(b, "                </Option>\n");
}

static im_status symbol(im_buf *b, size_t idx, const im_style *s, const char *size_expr)
{
	char color[32], edge[32], size[32], ewidth[32], owidth[32];
	snprintf(color, sizeof color, "%u,%u,%u,255", s->r, s->g, s->b);
	snprintf(edge, sizeof edge, "%u,%u,%u,255", IM_STYLE_EDGE_R, IM_STYLE_EDGE_G,
		 IM_STYLE_EDGE_B);
	im_buf t = IM_BUF_INIT;
	im_status st = im_io_num(&t, im_style_size_mm(0), 0);
	snprintf(size, sizeof size, "%s", st ? "2" : t.p);
	im_buf_reset(&t);
	st = st ? st : im_io_num(&t, IM_STYLE_EDGE_MM, 0);
	snprintf(ewidth, sizeof ewidth, "%s", st ? "0.2" : t.p);
	im_buf_reset(&t);
	st = st ? st : im_io_num(&t, IM_STYLE_OPEN_EDGE_MM, 0);
	snprintf(owidth, sizeof owidth, "%s", st ? "0.55" : t.p);
	im_buf_free(&t);
	if (st)
		return st;
	/* Both spellings of the properties: the <Option> map QGIS 3.26+ reads
	 * and the <prop> list of earlier 3.x. */
	const char *kv[][2] = {
		{"angle", "0"},
		{"color", color},
		{"horizontal_anchor_point", "1"},
		{"joinstyle", "miter"},
		{"name", s->qgis_shape},
		{"offset", "0,0"},
		{"offset_map_unit_scale", "3x:0,0,0,0,0,0"},
		{"offset_unit", "MM"},
		{"outline_color", edge},
		{"outline_style", "solid"},
		{"outline_width", ewidth},
		{"outline_width_map_unit_scale", "3x:0,0,0,0,0,0"},
		{"outline_width_unit", "MM"},
		{"scale_method", "diameter"},
		{"size", size},
		{"size_map_unit_scale", "3x:0,0,0,0,0,0"},
		{"size_unit", "MM"},
		{"vertical_anchor_point", "1"},
	};
	const size_t nkv = sizeof kv / sizeof kv[0];
	/* Open marks for places known only to the province, as the map draws them. */
	char fill_expr[160], edge_expr[160], width_expr[160];
	const char *open = "coalesce(\"geo_precision\", 3) >= 3";
	snprintf(fill_expr, sizeof fill_expr, "if(%s, color_rgb(255, 255, 255), color_rgb(%u, %u, %u))",
		 open, s->r, s->g, s->b);
	snprintf(edge_expr, sizeof edge_expr, "if(%s, color_rgb(%u, %u, %u), color_rgb(%u, %u, %u))",
		 open, s->r, s->g, s->b, IM_STYLE_EDGE_R, IM_STYLE_EDGE_G, IM_STYLE_EDGE_B);
	snprintf(width_expr, sizeof width_expr, "if(%s, %s, %s)", open, owidth, ewidth);
	st = im_buf_printf(b,
			   "      <symbol type=\"marker\" name=\"%zu\" alpha=\"1\" clip_to_extent=\"1\" "
			   "force_rhr=\"0\">\n"
			   "        <layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n"
			   "          <Option type=\"Map\">\n",
			   idx);
	for (size_t i = 0; !st && i < nkv; i++)
		st = opt(b, "            ", kv[i][0], "QString", kv[i][1]);
	st = st ? st : im_buf_puts(b, "          </Option>\n");
	for (size_t i = 0; !st && i < nkv; i++)
		st = prop(b, "          ", kv[i][0], kv[i][1]);
	st = st ? st : im_buf_puts(b, "          <data_defined_properties>\n"
				      "            <Option type=\"Map\">\n");
	st = st ? st : opt(b, "              ", "name", "QString", "");
	st = st ? st : im_buf_puts(b, "              <Option name=\"properties\" type=\"Map\">\n");
	st = st ? st : dd(b, "fillColor", fill_expr);
	st = st ? st : dd(b, "outlineColor", edge_expr);
	st = st ? st : dd(b, "outlineWidth", width_expr);
	st = st ? st : dd(b, "size", size_expr);
	st = st ? st : im_buf_puts(b, "              </Option>\n");
	st = st ? st : opt(b, "              ", "type", "QString", "collection");
	st = st ? st : im_buf_puts(b, "            </Option>\n"
				      "          </data_defined_properties>\n"
				      "        </layer>\n"
				      "      </symbol>\n");
	return st;
}

im_status im_qml_text(im_buf *b)
{
	im_buf expr = IM_BUF_INIT;
	im_status st = im_qml_size_expr(&expr);
	st = st ? st : im_buf_puts(b,
		"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
		"<!-- incimap incident symbology: the same table as the rendered maps.\n"
		"     Shape and colour by event_type; size (mm) grows with fatalities;\n"
		"     open marks where only the province is known (geo_precision 3). -->\n"
		"<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n"
		"  <renderer-v2 type=\"categorizedSymbol\" attr=\"event_type\" symbollevels=\"0\" "
		"enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n"
		"    <categories>\n");
	/* The table's last row is the fallback: QGIS's "all other values" is
	 * the category with an empty value. */
	for (size_t i = 0; !st && i < im_n_styles; i++) {
		const im_style *s = &im_styles[i];
		st = im_buf_puts(b, "      <category value=\"");
		st = st ? st : xml_attr(b, s->event_type ? s->event_type : "");
		st = st ? st : im_buf_printf(b, "\" symbol=\"%zu\" label=\"", i);
		st = st ? st : xml_attr(b, s->label);
		st = st ? st : im_buf_puts(b, "\" render=\"true\"/>\n");
	}
	st = st ? st : im_buf_puts(b, "    </categories>\n    <symbols>\n");
	for (size_t i = 0; !st && i < im_n_styles; i++)
		st = symbol(b, i, &im_styles[i], expr.p);
	st = st ? st : im_buf_puts(b,
		"    </symbols>\n"
		"    <rotation/>\n"
		"    <sizescale/>\n"
		"  </renderer-v2>\n"
		"  <blendMode>0</blendMode>\n"
		"  <featureBlendMode>0</featureBlendMode>\n"
		"  <layerGeometryType>0</layerGeometryType>\n"
		"</qgis>\n");
	im_buf_free(&expr);
	return st;
}

im_status im_qml_write(const char *path, im_error *err)
{
	im_buf b = IM_BUF_INIT;
	im_status st = im_qml_text(&b);
	if (st) {
		im_buf_free(&b);
		return im_error_set(err, st, path, 0, 0, "out of memory");
	}
	st = im_write_file_atomic(path, b.p, b.len, err);
	im_buf_free(&b);
	return st;
}

char *im_qml_path_for(const char *geojson_path)
{
	if (!geojson_path || im_path_is_direct(geojson_path))
		return NULL; /* stdout, /dev/null, a FIFO: nothing beside them */
	const char *slash = strrchr(geojson_path, '/');
	const char *base = slash ? slash + 1 : geojson_path;
	const char *dot = strrchr(base, '.');
	size_t keep = dot && dot != base ? (size_t)(dot - geojson_path) : strlen(geojson_path);
	char *p = malloc(keep + 5);
	if (!p)
		return NULL;
	memcpy(p, geojson_path, keep);
	memcpy(p + keep, ".qml", 5);
	return p;
}
