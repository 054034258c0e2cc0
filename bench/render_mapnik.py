#!/usr/bin/python3
# render_mapnik.py: the peer of bench/render.sh: draws the same incidents
# over the same Natural Earth shapefiles with Mapnik (python3-mapnik): sea,
# land, province lines, disputed borders, and one circle per incident
# coloured by event type and sized by fatalities like incimap's symbols,
# in the same projection and extent, at the same size.
# Usage: render_mapnik.py INCIDENTS.csv OUT.png|OUT.pdf WIDTH HEIGHT "PROJ" W,S,E,N SHAPES_DIR
import sys

import mapnik

csv, out, width, height, srs, bbox, shapes = sys.argv[1:8]
width, height = int(width), int(height)
w, s, e, n = (float(v) for v in bbox.split(","))

# incimap's symbology table (src/style/style.c), diameters in pixels at 150 dpi:
# 2.6 mm * sqrt(1 + fatalities / 4).
TYPES = [
    ("Explosions/Remote violence", "#d55e00"),
    ("Battles", "#0072b2"),
    ("Violence against civilians", "#cc79a7"),
    ("Protests", "#009e73"),
    ("Riots", "#e69f00"),
    ("Strategic developments", "#56b4e9"),
]
px_per_mm = 150 / 25.4
size = "%.4f * pow(1 + [fatalities] / 4.0, 0.5)" % (2.6 * px_per_mm)
rules = "".join(
    """<Rule><Filter>[event_type] = '%s'</Filter>
       <MarkersSymbolizer marker-type="ellipse" fill="%s" stroke="#2b2b2b" stroke-width="1.2"
        width="%s" height="%s" allow-overlap="true" ignore-placement="true"/></Rule>"""
    % (t, c, size, size)
    for t, c in TYPES
)
LL = "+proj=longlat +datum=WGS84 +no_defs"
xml = """<Map srs="%(srs)s" background-color="#d4e4ee">
<Style name="land"><Rule><PolygonSymbolizer fill="#e8e5df"/></Rule></Style>
<Style name="prov"><Rule><LineSymbolizer stroke="#c4bfb5" stroke-width="0.8"/></Rule></Style>
<Style name="border"><Rule><LineSymbolizer stroke="#8f8c86" stroke-width="1.8"/></Rule></Style>
<Style name="disputed"><Rule><LineSymbolizer stroke="#6f6c66" stroke-width="1.8" stroke-dasharray="7,5"/></Rule></Style>
<Style name="incidents">%(rules)s</Style>
<Layer name="land" srs="%(ll)s"><StyleName>land</StyleName>
 <Datasource><Parameter name="type">shape</Parameter><Parameter name="file">%(sh)s/ne10m_generalized_countries.shp</Parameter></Datasource></Layer>
<Layer name="prov" srs="%(ll)s"><StyleName>prov</StyleName>
 <Datasource><Parameter name="type">shape</Parameter><Parameter name="file">%(sh)s/ne10m_generalized_states_provinces.shp</Parameter></Datasource></Layer>
<Layer name="border" srs="%(ll)s"><StyleName>border</StyleName>
 <Datasource><Parameter name="type">shape</Parameter><Parameter name="file">%(sh)s/ne10m_generalized_countries.shp</Parameter></Datasource></Layer>
<Layer name="disputed" srs="%(ll)s"><StyleName>disputed</StyleName>
 <Datasource><Parameter name="type">shape</Parameter><Parameter name="file">%(sh)s/ne10m_generalized_disputed_borders.shp</Parameter></Datasource></Layer>
<Layer name="incidents" srs="%(ll)s"><StyleName>incidents</StyleName>
 <Datasource><Parameter name="type">csv</Parameter><Parameter name="file">%(csv)s</Parameter></Datasource></Layer>
</Map>""" % {"srs": srs, "rules": rules, "ll": LL, "sh": shapes, "csv": csv}

m = mapnik.Map(width, height)
mapnik.load_map_from_string(m, xml)
tr = mapnik.ProjTransform(mapnik.Projection(LL), mapnik.Projection(srs))
m.zoom_to_box(tr.forward(mapnik.Box2d(w, s, e, n)))
fmt = "pdf" if out.endswith(".pdf") else "png"
mapnik.render_to_file(m, out, fmt)
