#!/bin/bash
# store_gpkg.sh: the incident store through the CLI: a GeoPackage GDAL opens
# and its validator accepts, typed columns, the R-tree, the style; adding
# a day's reports merges an incident told again and keeps ids; reports
# already read add nothing; convert round trips; render reads a store;
# corrections survive re-extraction, show in --history, come back with
# --undo; --delete and its undo.
source "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || skip "sqlite3 (the SQLite shell) is not installed"
command -v ogrinfo >/dev/null || skip "ogrinfo (gdal-bin) is not installed"
cd "$T" || fail "cannot enter $T"
# the reports as an analyst has them: relative paths (a report's path is
# part of its incidents' ids)
mkdir -p ex && cp "$INCIMAP_SRC"/examples/0[1-7]*.txt ex/ || fail "cannot copy the examples"
EX=ex
FIX="$INCIMAP_SRC/tests/fixtures/io"
q() { sqlite3 "$1" "$2" || fail "sqlite3 cannot read $1: $2"; }

# ---- Monday: a new store ---------------------------------------------------------
expect_exit 0 "$INCIMAP" extract "$EX"/0[1-6]*.txt -o s.gpkg
expect_msg '^incimap: s.gpkg: 7 new incidents, 0 stored ones told again, 0 from reports already read$'
[ "$(q s.gpkg 'PRAGMA application_id')" = 1196444487 ] || fail "application_id is not GPKG"
[ "$(q s.gpkg 'PRAGMA user_version')" = 10300 ] || fail "user_version is not 10300 (GeoPackage 1.3)"
[ "$(q s.gpkg "SELECT value FROM incimap_meta WHERE key = 'schema_version'")" = 3 ] ||
	fail "no schema version"
[ "$(q s.gpkg 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
# the Basra bombing that Tuesday's report tells again
ID=$(q s.gpkg "SELECT id FROM incidents WHERE place = 'Basra' AND event_date = '2024-03-12'")
[ -n "$ID" ] || fail "no Basra bombing on 2024-03-12"
[ "$(q s.gpkg 'SELECT count(*) FROM incidents')" = 7 ] || fail "not 7 incidents"
[ "$(q s.gpkg 'SELECT count(*) FROM rtree_incidents_geom')" = 7 ] || fail "R-tree not filled"
# the R-tree finds Basra's two incidents in a box around Basra
[ "$(q s.gpkg 'SELECT count(*) FROM incidents WHERE fid IN (SELECT id FROM rtree_incidents_geom
	WHERE minx >= 47 AND maxx <= 48.5 AND miny >= 29.8 AND maxy <= 31)')" = 2 ] ||
	fail "the R-tree does not find Basra's incidents"
[ "$(q s.gpkg "SELECT typeof(event_date) || typeof(fatalities) || typeof(confidence) FROM incidents
	WHERE id = '$ID'")" = textintegerreal ] || fail "columns not typed"
[ "$(q s.gpkg "SELECT count(*) FROM layer_styles WHERE f_table_name = 'incidents' AND useAsDefault
	AND styleQML LIKE '%categorizedSymbol%'")" = 1 ] || fail "no default QGIS style in layer_styles"
[ -e s.qml ] && fail "a .qml beside the store"

ogrinfo -ro -al -so s.gpkg incidents >info 2>"$ERR" || fail "ogrinfo cannot open the store"
grep -q '^Geometry: Point$' info || fail "ogrinfo: not Point"
grep -q '^Feature Count: 7$' info || fail "ogrinfo: not 7 features"
while read -r field type; do
	grep -q "^$field: $type " info || fail "ogrinfo: $field is not $type: $(grep "^$field:" info)"
done <<'TYPES'
event_date Date
time_precision Integer64
fatalities Integer64
injuries Integer64
confidence Real
actors String
TYPES
grep -q 'ID\["EPSG",4326\]' info || fail "ogrinfo: not EPSG:4326"

PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import osgeo_utils.samples.validate_gpkg' 2>/dev/null; then
	"$PY" -m osgeo_utils.samples.validate_gpkg s.gpkg >"$OUT" 2>"$ERR" ||
		fail "GDAL's validate_gpkg.py finds problems: $(cat "$OUT" "$ERR")"
	[ -s "$OUT" ] && fail "validate_gpkg.py says: $(cat "$OUT")"
else
	echo "note: GDAL's validate_gpkg.py (python3-gdal) is not installed: the store is not validated"
fi

# ---- Tuesday: the Basra bombing told again, merged under Monday's id -----------------
expect_exit 0 "$INCIMAP" extract "$EX"/07*.txt -o s.gpkg
expect_msg '^incimap: s.gpkg: 0 new incidents, 1 stored one told again, 0 from reports already read$'
[ "$(q s.gpkg 'SELECT count(*) FROM incidents')" = 7 ] || fail "the incident told again was doubled"
[ "$(q s.gpkg "SELECT json_array_length(sources) FROM incidents WHERE id = '$ID'")" = 2 ] ||
	fail "the merged incident does not have both reports"
[ "$(q s.gpkg "SELECT count(*) FROM incimap_sources WHERE incident_id = '$ID'")" = 2 ] ||
	fail "incimap_sources does not list both reports"
# the same reports again: nothing changes
"$INCIMAP" convert s.gpkg before.geojson 2>"$ERR" || fail "convert from the store"
expect_exit 0 "$INCIMAP" extract "$EX"/01*.txt "$EX"/07*.txt -o s.gpkg
expect_msg '^incimap: s.gpkg: 0 new incidents, 0 stored ones told again, 2 from reports already read$'
"$INCIMAP" convert s.gpkg after.geojson 2>"$ERR" || fail "convert from the store"
cmp -s before.geojson after.geojson || fail "reports already read changed the store"
# one run over the same reports finds the same incidents
"$INCIMAP" extract -q "$EX"/0[1-7]*.txt -o run.geojson || fail "extract to GeoJSON"
n_run=$(grep -o '"sub_event_type"' run.geojson | wc -l)
[ "$n_run" = 7 ] || fail "one run finds $n_run incidents, the store 7"

# ---- convert: GeoJSON -> store -> GeoJSON is the same file; render reads a store --------
for f in incidents edges antimeridian; do
	expect_exit 0 "$INCIMAP" convert "$FIX/$f.geojson" "c-$f.gpkg"
	expect_exit 0 "$INCIMAP" convert "c-$f.gpkg" "c-$f.geojson"
	expect_exit 0 "$INCIMAP" convert "$FIX/$f.geojson" "ref-$f.geojson"
	cmp -s "c-$f.geojson" "ref-$f.geojson" || fail "$f: the store's round trip differs"
done
expect_exit 0 "$INCIMAP" convert "$FIX/acled.csv" acled.gpkg
[ "$(q acled.gpkg 'SELECT count(*) FROM incidents')" -gt 0 ] || fail "ACLED CSV into a store"
# convert into an existing store replaces by id: the count stays
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" c-incidents.gpkg
expect_exit 0 "$INCIMAP" convert c-incidents.gpkg again.geojson
cmp -s again.geojson ref-incidents.geojson || fail "converting twice into a store doubled it"
expect_exit 0 "$INCIMAP" render s.gpkg -o week.png --width 400 --height 300
[ -s week.png ] || fail "render from a store wrote nothing"

# ---- corrections ----------------------------------------------------------------------
rm -f e.gpkg
expect_exit 0 "$INCIMAP" extract -q "$EX"/0[1-6]*.txt -o e.gpkg
USER=alice expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --fatalities 11 --note "ministry figure"
USER=bob expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --lat 30.5 --lon 47.81 --actor "Unknown group"
field() { q e.gpkg "SELECT $1 FROM incidents WHERE id = '$ID'"; }
[ "$(field fatalities)" = 11 ] || fail "--fatalities not applied"
[ "$(field actors)" = '["Unknown group"]' ] || fail "--actor not applied: $(field actors)"
# (the R-tree holds 32-bit floats, rounded outwards)
[ "$(q e.gpkg "SELECT abs(minx - 47.81) < 1e-4 AND abs(maxy - 30.5) < 1e-4 FROM rtree_incidents_geom
	WHERE id = (SELECT fid FROM incidents WHERE id = '$ID')")" = 1 ] || fail "the R-tree did not follow the move"
# Tuesday's report says 5 dead: the correction stays, the report is added
expect_exit 0 "$INCIMAP" extract "$EX"/07*.txt -o e.gpkg
expect_msg '1 stored one told again'
[ "$(field fatalities)" = 11 ] || fail "re-extraction overwrote the corrected fatalities"
[ "$(field 'json_array_length(sources)')" = 2 ] || fail "the new report was not added"
"$INCIMAP" convert e.gpkg e.geojson 2>"$ERR" || fail "convert"
grep -q '"coordinates":\[47.81,30.5\]' e.geojson || fail "re-extraction moved the corrected point back"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --history
# each correction with its time (UTC) and its user
grep -q -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z  edit 1  alice  fatalities: 5 -> 11  \(ministry figure\)$' "$OUT" ||
	fail "history: $(cat "$OUT")"
grep -q ' bob  point: 30.508520,47.780400 -> 30.500000,47.810000$' "$OUT" || fail "history: $(cat "$OUT")"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --undo
[ "$(field actors)" = '[]' ] || fail "--undo did not take back the last edit"
[ "$(field fatalities)" = 11 ] || fail "--undo took back more than the last edit"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --history
grep -q 'bob  actors: \[\] -> \["Unknown group"\]  \[undone\]$' "$OUT" || fail "history: $(cat "$OUT")"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --type "Suicide bomb" --date 2024-03-11
[ "$(field event_type)|$(field sub_event_type)|$(field event_date)" = \
	"Explosions/Remote violence|Suicide bomb|2024-03-11" ] || fail "--type/--date not applied"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --injuries 4
[ "$(field 'quote(injuries)')" = 4 ] || fail "--injuries not applied: $(field 'quote(injuries)')"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --injuries unknown
[ "$(field 'quote(injuries)')" = NULL ] || fail "--injuries unknown did not clear the figure"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --place Kirkuk
[ "$(field place)|$(field admin1)|$(field country)" = "Kirkuk|Kirkuk|IQ" ] || fail "--place not applied"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --delete
[ "$(q e.gpkg 'SELECT count(*) FROM incidents')" = 6 ] || fail "--delete left it on the map"
expect_exit 0 "$INCIMAP" extract "$EX"/07*.txt "$EX"/01*.txt -o e.gpkg
[ "$(q e.gpkg 'SELECT count(*) FROM incidents')" = 6 ] || fail "re-extraction brought a deleted incident back"
expect_exit 0 "$INCIMAP" edit e.gpkg "$ID" --undo
[ "$(q e.gpkg 'SELECT count(*) FROM incidents')" = 7 ] || fail "--undo did not bring it back"
[ "$(field place)" = Kirkuk ] || fail "undoing --delete lost the earlier corrections"
[ "$(q e.gpkg 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after edits"

# ---- edit: bad use -------------------------------------------------------------------------
expect_exit 1 "$INCIMAP" edit e.gpkg im-0000000000000000 --fatalities 3
expect_msg '^incimap: e.gpkg: no incident im-0000000000000000$'
K=$(q e.gpkg "SELECT id FROM incidents WHERE place = 'Kerman'")
expect_exit 1 "$INCIMAP" edit e.gpkg "$K" --undo
expect_msg "^incimap: e.gpkg: incident $K has no correction to undo\$"
expect_exit 2 "$INCIMAP" edit e.gpkg "$ID" --lat 30
expect_msg '^incimap: edit: --lat and --lon go together$'
expect_exit 2 "$INCIMAP" edit e.gpkg "$ID" --type Fireworks
expect_msg "--type: 'Fireworks' is no ACLED event type"
expect_exit 2 "$INCIMAP" edit e.gpkg "$ID"
expect_msg 'nothing to do'
expect_exit 1 "$INCIMAP" edit e.gpkg "$ID" --place Nowhereville-on-Sea
expect_msg "no place 'Nowhereville-on-Sea' in the gazetteer"
no_partial .
pass
