#!/bin/bash
# io_convert.sh: `incimap convert` between the three formats: by extension or
# --from/--to, through stdin and stdout, the QGIS style beside a GeoJSON,
# byte-identical round trips, warnings for skipped features (and -q).
source "$(dirname "$0")/lib.bash"
FIX="$INCIMAP_SRC/tests/fixtures/io"

expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/a.geojson"
[ -s "$T/a.qml" ] || fail "no a.qml beside a.geojson"
[ -s "$ERR" ] && fail "a clean conversion prints nothing"
for via in csv geojsons; do
	expect_exit 0 "$INCIMAP" convert "$T/a.geojson" "$T/b.$via"
	[ -e "$T/b.qml" ] && fail "a .qml beside a .$via"
	expect_exit 0 "$INCIMAP" convert "$T/b.$via" "$T/c.geojson"
	cmp -s "$T/a.geojson" "$T/c.geojson" || fail "GeoJSON -> $via -> GeoJSON changed the file"
done
# The same input gives the same bytes.
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/a2.geojson"
cmp -s "$T/a.geojson" "$T/a2.geojson" || fail "not deterministic"

# stdin and stdout need --from/--to.
expect_exit 0 "$INCIMAP" convert - - --from geojson --to csv <"$T/a.geojson"
head -1 "$OUT" | grep -q '^id,event_date,time_precision,date_text,event_type,sub_event_type,place,place_text,admin1,country,geo_precision,gazetteer_id,fatalities,injuries,actors,sources,notes,confidence,latitude,longitude' ||
	fail "CSV header on stdout"
[ "$(grep -c '^im-fx-' "$OUT")" -eq 8 ] || fail "8 rows on stdout"
expect_exit 0 "$INCIMAP" convert "$T/b.csv" - --to geojsonseq
[ "$(tr -cd '\036' <"$OUT" | wc -c)" -eq 8 ] || fail "8 RS-prefixed records on stdout"
expect_exit 0 "$INCIMAP" convert "$T/b.csv" "$T/seq.txt" --to seq
expect_exit 0 "$INCIMAP" convert "$T/seq.txt" "$T/d.json" --from geojsonseq
cmp -s "$T/a.geojson" "$T/d.json" || fail "--to seq / --from geojsonseq round trip"
[ -s "$T/d.qml" ] || fail "no d.qml beside d.json"
expect_exit 2 "$INCIMAP" convert "$T/b.csv" "$T/x.shp"
expect_msg "cannot tell the format of"
expect_exit 2 "$INCIMAP" convert "$T/b.csv" "$T/x.csv" --to shapefile
expect_msg "unknown format 'shapefile'"
expect_exit 2 "$INCIMAP" convert - "$T/x.csv"

# ACLED's export reads into our columns.
expect_exit 0 "$INCIMAP" convert "$INCIMAP_SRC/tests/fixtures/io/acled.csv" "$T/acled.csv"
grep -q '^IRQ90003,2021-12-09,2,,Protests,Peaceful protest,Nasiriyah,,Dhi Qar,IQ,1,,0,,Protesters (Iraq); Teachers (Iraq),' "$T/acled.csv" ||
	fail "ACLED row mapped: $(grep IRQ90003 "$T/acled.csv")"

# Not Points: skipped, each warned about (FILE:LINE), then a summary; -q is quiet.
expect_exit 0 "$INCIMAP" convert "$FIX/mixed.geojson" "$T/m.csv"
expect_msg "^incimap: .*mixed.geojson:4: warning: feature 1 is a Polygon, not a Point: skipped"
expect_msg "mixed.geojson: warning: skipped 2 features that are not Points"
[ "$(wc -l <"$T/m.csv")" -eq 4 ] || fail "3 incidents and a header"
expect_exit 0 "$INCIMAP" convert -q "$FIX/mixed.geojson" "$T/m2.csv"
[ -s "$ERR" ] && fail "-q still warns"
cmp -s "$T/m.csv" "$T/m2.csv" || fail "-q changed the output"
no_partial "$T"
pass
