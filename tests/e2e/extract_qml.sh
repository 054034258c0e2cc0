#!/bin/bash
# extract_qml.sh: `incimap extract -o X.geojson` writes the QGIS style X.qml
# beside it (as `map` and `convert` do); CSV, GeoJSONSeq and stdout get
# none; a style that cannot be written is a clear error.
source "$(dirname "$0")/lib.bash"

printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' >"$T/a.txt"

expect_exit 0 "$INCIMAP" extract -q "$T/a.txt" -o "$T/inc.geojson"
[ -s "$T/inc.geojson" ] || fail "no GeoJSON written"
[ -s "$T/inc.qml" ] || fail "no QGIS style beside the GeoJSON"
grep -q '<qgis' "$T/inc.qml" || fail "inc.qml is not a QGIS style"
grep -q 'Explosions/Remote violence' "$T/inc.qml" || fail "inc.qml lacks the event types"
no_partial "$T"

# formats without a style
mkdir -p "$T/other" && cd "$T/other" || fail "cd"
expect_exit 0 "$INCIMAP" extract -q "$T/a.txt" -o "$T/other/inc.csv"
expect_exit 0 "$INCIMAP" extract -q -f geojsonseq "$T/a.txt" -o "$T/other/inc.geojsons"
expect_exit 0 "$INCIMAP" extract -q "$T/a.txt" -o -
ls "$T/other" | grep -q '\.qml$' && fail "a style was written for CSV, GeoJSONSeq or stdout: $(ls "$T/other")"

# a style that cannot be written: exit 1 with the path named
mkdir -p "$T/blocked/inc.qml"
expect_exit 1 "$INCIMAP" extract -q "$T/a.txt" -o "$T/blocked/inc.geojson"
expect_msg "^incimap: .*inc\.qml"
pass
