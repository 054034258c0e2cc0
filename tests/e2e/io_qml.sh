#!/bin/bash
# io_qml.sh: the QGIS style beside a GeoJSON is well-formed XML (xmllint)
# with one category per row of the symbology table, each a SimpleMarker of
# the table's shape and colour, sized in mm from fatalities.
source "$(dirname "$0")/lib.bash"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"
expect_exit 0 "$INCIMAP" convert "$INCIMAP_SRC/tests/fixtures/io/incidents.geojson" "$T/incidents.geojson"
q="$T/incidents.qml"
[ -s "$q" ] || fail "no incidents.qml"
xmllint --noout "$q" 2>"$ERR" || fail "incidents.qml is not well-formed XML"
x() { xmllint --xpath "$1" "$q" 2>/dev/null; }
[ "$(x 'string(/qgis/renderer-v2/@type)')" = categorizedSymbol ] || fail "renderer type"
[ "$(x 'string(/qgis/renderer-v2/@attr)')" = event_type ] || fail "renderer attribute"
[ "$(x 'count(/qgis/renderer-v2/categories/category)')" = 7 ] || fail "7 categories"
[ "$(x 'count(/qgis/renderer-v2/symbols/symbol[@type="marker"])')" = 7 ] || fail "7 marker symbols"
[ "$(x 'count(//layer[@class="SimpleMarker"])')" = 7 ] || fail "7 SimpleMarker layers"
# Each category's symbol: shape and colour from src/style/style.c.
check() { # VALUE SHAPE RGB
	local sym
	sym=$(x "string(/qgis/renderer-v2/categories/category[@value=\"$1\"]/@symbol)")
	[ -n "$sym" ] || fail "no category '$1'"
	local layer="/qgis/renderer-v2/symbols/symbol[@name=\"$sym\"]/layer"
	[ "$(x "string($layer/prop[@k=\"name\"]/@v)")" = "$2" ] || fail "'$1' is not a $2"
	[ "$(x "string($layer/Option/Option[@name=\"name\"]/@value)")" = "$2" ] || fail "'$1' Option name"
	[ "$(x "string($layer/prop[@k=\"color\"]/@v)")" = "$3,255" ] || fail "'$1' is not $3"
	[ "$(x "string($layer/prop[@k=\"size_unit\"]/@v)")" = MM ] || fail "'$1' size unit"
	x "string($layer/data_defined_properties//Option[@name=\"size\"]/Option[@name=\"expression\"]/@value)" |
		grep -q '"fatalities"' || fail "'$1' size is not driven by fatalities"
	[ "$(x "string($layer/prop[@k=\"outline_color\"]/@v)")" = "43,43,43,255" ] || fail "'$1' edge colour"
	# Open marks where only the province is known, as the map draws them.
	x "string($layer/data_defined_properties//Option[@name=\"fillColor\"]/Option[@name=\"expression\"]/@value)" |
		grep -qF "if(coalesce(\"geo_precision\", 3) >= 3, color_rgb(255, 255, 255), color_rgb(${3//,/, }))" ||
		fail "'$1' is not open at geo_precision 3"
}
check "Explosions/Remote violence" circle 213,94,0
check "Battles" diamond 0,114,178
check "Violence against civilians" triangle 204,121,167
check "Protests" square 0,158,115
check "Riots" pentagon 230,159,0
check "Strategic developments" star 86,180,233
check "" circle 128,128,128
pass
