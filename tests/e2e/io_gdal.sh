#!/bin/bash
# io_gdal.sh: what incimap writes opens in GDAL (the library QGIS reads with)
# as Point features in WGS 84 with the right count and the right field types
# (dates Date, counts Integer, actors StringList, confidence Real); and what
# GDAL writes back (an analyst's edit in QGIS) reads back unchanged.
source "$(dirname "$0")/lib.bash"
command -v ogrinfo >/dev/null || skip "ogrinfo (gdal-bin) is not installed"
FIX="$INCIMAP_SRC/tests/fixtures/io"

# check_layer FILE COUNT [ogrinfo options]: geometry, count and types. A
# property that is null in every feature has no type for GDAL to see (it
# says String): list such fields in ALLNULL.
ALLNULL=""
check_layer() {
	local f=$1 n=$2
	shift 2
	ogrinfo -ro -al -so "$@" "$f" >"$T/info" 2>"$ERR" || fail "ogrinfo cannot open $f"
	grep -q '^Geometry: Point$' "$T/info" || fail "$f: geometry is not Point: $(grep Geometry "$T/info")"
	grep -q "^Feature Count: $n\$" "$T/info" || fail "$f: feature count is not $n: $(grep 'Feature Count' "$T/info")"
	local want field type
	while read -r field type; do
		case " $ALLNULL " in *" $field "*) continue ;; esac
		grep -q "^$field: $type " "$T/info" || fail "$f: field $field is not $type: $(grep "^$field:" "$T/info")"
	done <<'TYPES'
id String
event_date Date
time_precision Integer
date_text String
event_type String
sub_event_type String
place String
place_text String
admin1 String
country String
geo_precision Integer
gazetteer_id String
fatalities Integer
injuries Integer
notes String
confidence Real
TYPES
}

# check_wgs84: the layer's CRS is WGS 84 (EPSG:4326).
check_wgs84() {
	grep -q 'GEOGCRS\["WGS 84"' "$T/info" || fail "$1: CRS is not WGS 84"
	grep -q 'ID\["EPSG",4326\]' "$T/info" || fail "$1: CRS is not EPSG:4326"
}

# GeoJSON, from GeoJSON and from ACLED's CSV.
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/a.geojson"
check_layer "$T/a.geojson" 8
check_wgs84 "$T/a.geojson"
grep -q '^actors: StringList ' "$T/info" || fail "actors is not a StringList"
grep -q '^sources: String(JSON) ' "$T/info" || fail "sources is not JSON"
grep -q 'using driver `GeoJSON' "$T/info" || true
# The properties come in DESIGN.md's order.
order=$(grep -E '^[a-z_0-9]+: ' "$T/info" | cut -d: -f1 | tr '\n' ' ')
[ "$order" = "id event_date time_precision date_text event_type sub_event_type place place_text admin1 country geo_precision gazetteer_id fatalities injuries actors sources notes confidence " ] ||
	fail "property order: $order"
# A value, to be sure GDAL reads what we meant: Kerman's 94 dead, its date.
ogrinfo -ro -al -q -where "id = 'im-fx-0004'" "$T/a.geojson" >"$T/one" 2>"$ERR" || fail "ogrinfo -where"
grep -q 'fatalities (Integer) = 94' "$T/one" || fail "fatalities of im-fx-0004"
grep -q 'event_date (Date) = 2024/01/03' "$T/one" || fail "event_date of im-fx-0004"
grep -q 'POINT (57.0786 30.2832)' "$T/one" || fail "point of im-fx-0004 ([lon, lat])"
grep -q 'actors (StringList) = (2:Islamic State; Khorasan Province,civilians)' "$T/one" || fail "actors of im-fx-0004"

expect_exit 0 "$INCIMAP" convert "$FIX/acled.csv" "$T/acled.geojson"
ALLNULL="injuries" # ACLED has no injuries column
check_layer "$T/acled.geojson" 5
check_wgs84 "$T/acled.geojson"
grep -q '^injuries: String ' "$T/info" || fail "an all-null column is String to GDAL (if this changed, docs/formats.md must too)"
ALLNULL=""

# GeoJSON Text Sequences (GDAL's GeoJSONSeq driver).
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/a.geojsons"
check_layer "$T/a.geojsons" 8
check_wgs84 "$T/a.geojsons"
grep -q 'using driver `GeoJSONSeq' "$T/info" || fail "GDAL did not read a.geojsons as GeoJSONSeq"
[ "$(head -c 1 "$T/a.geojsons" | od -An -tx1 | tr -d ' ')" = 1e ] || fail "records do not start with RS"

# CSV: GDAL types the columns when asked to look.
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/a.csv"
check_layer "$T/a.csv" 8 -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES
grep -q '^latitude: Real' "$T/info" || fail "latitude column"

# What GDAL writes (QGIS saving an edited layer) reads back to the same
# incidents: compared as our CSV of each.
ogr2ogr -f GeoJSON -lco RFC7946=YES "$T/gdal.geojson" "$T/a.geojson" 2>"$ERR" || fail "ogr2ogr"
ogr2ogr -f GeoJSONSeq "$T/gdal.geojsons" "$T/a.geojson" 2>"$ERR" || fail "ogr2ogr GeoJSONSeq"
expect_exit 0 "$INCIMAP" convert "$T/a.geojson" "$T/ref.csv"
expect_exit 0 "$INCIMAP" convert "$T/gdal.geojson" "$T/back.csv"
cmp -s "$T/ref.csv" "$T/back.csv" || fail "GDAL's GeoJSON did not read back the same: $(diff "$T/ref.csv" "$T/back.csv" | head -5)"
expect_exit 0 "$INCIMAP" convert "$T/gdal.geojsons" "$T/back2.csv"
cmp -s "$T/ref.csv" "$T/back2.csv" || fail "GDAL's GeoJSONSeq did not read back the same"
no_partial "$T"
pass
