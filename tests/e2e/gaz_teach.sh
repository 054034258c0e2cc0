# gaz_teach.sh: teaching the gazetteer as analysts do, through the CLI on a
# copy of the test gazetteer: `add` works the country and province out from
# the point and refuses a near duplicate unless --force; `edit` changes an
# entry in place (same id, same line, file mode kept); `export` writes the
# user's places as CSV and GeoJSON and `import` of either into another
# gazetteer gives the same places back; a spreadsheet's own column names;
# a GeoPackage point layer (and what is refused of one).
set -u
: "${INCIMAP:?}" "${INCIMAP_SRC:?}" "${INCIMAP_TEST_TMP:?}"
T="$INCIMAP_TEST_TMP/gaz-teach-$$"
rm -rf "$T" && mkdir -p "$T/gaz" "$T/other" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/gaz/"
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/other/"
trap 'rm -rf "$T"' EXIT
G=(--gazetteer "$T/gaz" --shapes "$INCIMAP_SRC/shapes")
O=(--gazetteer "$T/other" --shapes "$INCIMAP_SRC/shapes")
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
run() { out=$("$@" 2>"$T/err"); rc=$?; err=$(cat "$T/err"); }
# the user's line of an id, as `list` shows it
listed() { "$INCIMAP" gazetteer list "$@" | sort; }

# add without --country: the country and province come from the point
run "$INCIMAP" gazetteer add "Al-Nakhla checkpoint" --lat 30.52 --lon 47.80 --alt "Nakhla Gate" "${G[@]}"
[ "$rc" = 0 ] && [ "$out" = "user:al-nakhla-checkpoint" ] || fail "add: $rc '$out' $err"
case "$err" in *"user:al-nakhla-checkpoint: in IQ, Basra (from its coordinates)"*) ;;
*) fail "add did not say where: $err" ;; esac
run "$INCIMAP" geocode "Al-Nakhla checkpoint" --json "${G[@]}"
case "$out" in *'"id":"user:al-nakhla-checkpoint","name":"Al-Nakhla checkpoint","lat":30.52,"lon":47.8,"country":"IQ","admin1":"Basra","kind":"site"'*) ;;
*) fail "geocode after add: $out" ;; esac
# a point in Syria and one at sea
run "$INCIMAP" gazetteer add "Tal Hamis bridge" --lat 36.55 --lon 41.38 --kind site "${G[@]}"
[ "$rc" = 0 ] && case "$err" in *"in SY"*) true ;; *) false ;; esac || fail "add in Syria: $rc $err"
run "$INCIMAP" gazetteer add "Buoy 4" --lat 29.3 --lon 49.6 "${G[@]}"
[ "$rc" = 0 ] && case "$err" in *"no country"*) true ;; *) false ;; esac || fail "add at sea: $rc $err"
# a country given that the point is not in: kept, with a warning
run "$INCIMAP" gazetteer add "Border post 9" --lat 36.55 --lon 41.39 --country IQ "${G[@]}"
[ "$rc" = 0 ] && case "$err" in *"lies in SY by the base map, not in IQ"*) true ;; *) false ;; esac ||
	fail "country disagreeing with the point: $rc $err"

# a near duplicate: refused, files untouched; --force adds it
sum=$(md5sum <"$T/gaz/user.txt")
run "$INCIMAP" gazetteer add "al-nakhla Checkpoint" --lat 30.521 --lon 47.801 "${G[@]}"
[ "$rc" = 1 ] && case "$err" in *"already"*"user:al-nakhla-checkpoint"*"--force"*) true ;; *) false ;; esac ||
	fail "near duplicate: $rc $err"
[ "$(md5sum <"$T/gaz/user.txt")" = "$sum" ] || fail "a refused add changed user.txt"
# ... of a shipped place too (Basra, gn:99532, in the fixture)
run "$INCIMAP" gazetteer add "Basra" --lat 30.509 --lon 47.781 "${G[@]}"
[ "$rc" = 1 ] && case "$err" in *"gn:99532"*) true ;; *) false ;; esac || fail "near shipped: $rc $err"
run "$INCIMAP" gazetteer add "al-nakhla Checkpoint" --lat 30.521 --lon 47.801 --force "${G[@]}"
[ "$rc" = 0 ] && [ "$out" = "user:al-nakhla-checkpoint-2" ] || fail "--force: $rc '$out' $err"
run "$INCIMAP" gazetteer remove user:al-nakhla-checkpoint-2 "${G[@]}"

# edit: in place, same id and line, mode kept, a backup
chmod 640 "$T/gaz/user.txt"
line_before=$(grep -n '^user:al-nakhla-checkpoint	' "$T/gaz/user.txt" | cut -d: -f1)
run "$INCIMAP" gazetteer edit "Al-Nakhla checkpoint" --lat 33.30 --lon 44.40 --alt "Nakhla Gate|Bawabat al-Nakhla" "${G[@]}"
[ "$rc" = 0 ] || fail "edit: $rc $err"
case "$err" in *"in IQ, Baghdad (from its coordinates)"*) ;; *) fail "edit did not re-place: $err" ;; esac
[ "$(grep -n '^user:al-nakhla-checkpoint	' "$T/gaz/user.txt" | cut -d: -f1)" = "$line_before" ] ||
	fail "edit moved the line"
[ "$(grep -c '^user:al-nakhla-checkpoint	' "$T/gaz/user.txt")" = 1 ] || fail "edit doubled the entry"
[ "$(stat -c %a "$T/gaz/user.txt")" = 640 ] || fail "edit lost the file's mode: $(stat -c %a "$T/gaz/user.txt")"
grep -q '^user:al-nakhla-checkpoint	.*30.52	47.8	' "$T/gaz/user.txt.bak" || fail "edit kept no backup"
run "$INCIMAP" geocode "Bawabat al-Nakhla" --json "${G[@]}"
case "$out" in *'"id":"user:al-nakhla-checkpoint","name":"Al-Nakhla checkpoint","lat":33.3,"lon":44.4,"country":"IQ","admin1":"Baghdad"'*) ;;
*) fail "geocode after edit: $out" ;; esac
run "$INCIMAP" gazetteer edit user:al-nakhla-checkpoint --name "Al-Nakhla Gate checkpoint" --kind site "${G[@]}"
[ "$rc" = 0 ] || fail "edit --name: $rc $err"
run "$INCIMAP" geocode "Al-Nakhla Gate checkpoint" --json "${G[@]}"
case "$out" in *'"id":"user:al-nakhla-checkpoint","name":"Al-Nakhla Gate checkpoint"'*) ;;
*) fail "geocode after rename: $out" ;; esac
run "$INCIMAP" gazetteer edit "Tal Hamis bridge" --population 500 --kind village "${G[@]}"
[ "$rc" = 0 ] && listed "${G[@]}" | grep -q "Tal Hamis bridge.*village" || fail "edit --kind: $rc $err"
# edits refused: nothing to change, a shipped entry, none such, a bad value
sum=$(md5sum <"$T/gaz/user.txt")
run "$INCIMAP" gazetteer edit "Tal Hamis bridge" "${G[@]}"
[ "$rc" = 2 ] || fail "edit with nothing to change: $rc $err"
run "$INCIMAP" gazetteer edit gn:99532 --lat 30 "${G[@]}"
[ "$rc" = 2 ] && case "$err" in *shipped*) true ;; *) false ;; esac || fail "edit shipped: $rc $err"
run "$INCIMAP" gazetteer edit "Nowhere at all" --lat 30 "${G[@]}"
[ "$rc" = 1 ] && case "$err" in *"no user entry"*) true ;; *) false ;; esac || fail "edit none: $rc $err"
run "$INCIMAP" gazetteer edit "Tal Hamis bridge" --country XX "${G[@]}"
[ "$rc" = 1 ] && case "$err" in *"unknown country"*) true ;; *) false ;; esac || fail "edit --country XX: $rc $err"
run "$INCIMAP" gazetteer edit "Tal Hamis bridge" --lat 33.3001 --lon 44.4001 --name "Al-Nakhla Gate checkpoint" "${G[@]}"
[ "$rc" = 1 ] && case "$err" in *"already"*) true ;; *) false ;; esac || fail "edit onto a near duplicate: $rc $err"
[ "$(md5sum <"$T/gaz/user.txt")" = "$sum" ] || fail "a refused edit changed user.txt"

# export, import elsewhere: the same places
run "$INCIMAP" gazetteer export -o "$T/places.csv" "${G[@]}"
[ "$rc" = 0 ] && head -1 "$T/places.csv" | grep -q '^id,name,latitude,longitude,alternate_names,country,admin1,kind,population$' ||
	fail "export csv: $rc $err $(head -2 "$T/places.csv")"
run "$INCIMAP" gazetteer export --format geojson "${G[@]}"
printf '%s\n' "$out" >"$T/places.geojson"
[ "$rc" = 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["type"]=="FeatureCollection" and len(d["features"])==4, d' "$T/places.geojson" ||
	fail "export geojson: $rc $err"
run "$INCIMAP" gazetteer import "$T/places.csv" "${O[@]}"
[ "$rc" = 0 ] || fail "import csv: $rc $err"
[ "$(listed "${O[@]}")" = "$(listed "${G[@]}")" ] || fail "csv round trip: $(listed "${O[@]}") vs $(listed "${G[@]}")"
rm -f "$T/other/user.txt"
run "$INCIMAP" gazetteer import "$T/places.geojson" "${O[@]}"
[ "$rc" = 0 ] || fail "import geojson: $rc $err"
[ "$(listed "${O[@]}")" = "$(listed "${G[@]}")" ] || fail "geojson round trip: $(listed "${O[@]}") vs $(listed "${G[@]}")"
# importing again updates, never doubles
run "$INCIMAP" gazetteer import "$T/places.geojson" "${O[@]}"
[ "$rc" = 0 ] && case "$err" in *"0 new places and updated 4"*) true ;; *) false ;; esac || fail "import again: $rc $err"
[ "$(listed "${O[@]}")" = "$(listed "${G[@]}")" ] || fail "import again changed the places"

# a spreadsheet as analysts keep one: their own column names, ';' separators,
# a quoted cell with the separator in it, a BOM, no id, no country
printf '\xef\xbb\xbfPlace Name;Latitude;Longitude;Other names;Type\r\n"Bab al-Sharqi market";33.3271;44.4190;"Bab Sharqi; Tayaran Square";site\r\n' >"$T/sheet.csv"
run "$INCIMAP" gazetteer import "$T/sheet.csv" "${O[@]}"
[ "$rc" = 0 ] && case "$err" in *"imported 1 new place and updated 0 in"*) true ;; *) false ;; esac ||
	fail "import a sheet: $rc $err"
# one place: "1 place", not "1 places"
mkdir -p "$T/one" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/one/"
rm -f "$T/one/user.txt"
run "$INCIMAP" gazetteer import "$T/sheet.csv" --gazetteer "$T/one" --shapes "$INCIMAP_SRC/shapes"
run "$INCIMAP" gazetteer export -o "$T/one.csv" --gazetteer "$T/one"
[ "$rc" = 0 ] && [ "$err" = "incimap: exported 1 place to $T/one.csv" ] || fail "export of one place: $rc '$err'"
listed "${O[@]}" | grep -q '^user:bab-al-sharqi-market	Bab al-Sharqi market	33.3271	44.419	IQ	Baghdad	site	Bab Sharqi,Tayaran Square$' ||
	fail "sheet import: $(listed "${O[@]}")"
# a near duplicate in an import: refused at its line, nothing written
sum=$(md5sum <"$T/other/user.txt")
printf 'name,lat,lon\nSafe house 3,33.1,44.1\nBab Sharqi Market,33.3272,44.4191\n' >"$T/dup.csv"
run "$INCIMAP" gazetteer import "$T/dup.csv" "${O[@]}"
[ "$rc" = 1 ] && case "$err" in "incimap: $T/dup.csv:3: "*"user:bab-al-sharqi-market"*) true ;; *) false ;; esac ||
	fail "near duplicate in an import: $rc $err"
[ "$(md5sum <"$T/other/user.txt")" = "$sum" ] || fail "a refused import changed user.txt"

# a GeoPackage point layer as QGIS saves one (written here without GDAL):
# its own column names, a string list as GDAL writes it (a JSON array, or
# "(N:a,b)"), a point with an envelope; no id, no country
MKGPKG="$INCIMAP_SRC/tests/e2e/mkgpkg.py"
rm -f "$T/other/user.txt"
python3 "$MKGPKG" "$T/layer.gpkg" '[{"name": "checkpoints", "envelope": true,
  "cols": ["Name", "Aliases", "Type", "Population"],
  "rows": [[44.41, 33.31, "Bridge 14 checkpoint", "[\"Jisr 14\", \"Bawabat al-Jisr\"]", "site", null],
           [47.8, 30.52, "Old souk", "(1:Souk al-Qadim)", "neighbourhood", "1200"]]}]' ||
	fail "mkgpkg.py"
run "$INCIMAP" gazetteer import "$T/layer.gpkg" "${O[@]}"
[ "$rc" = 0 ] && case "$err" in *"2 new places"*) true ;; *) false ;; esac || fail "import gpkg: $rc $err"
listed "${O[@]}" | grep -q '^user:bridge-14-checkpoint	Bridge 14 checkpoint	33.31	44.41	IQ	Baghdad	site	Jisr 14,Bawabat al-Jisr$' ||
	fail "gpkg import: $(listed "${O[@]}")"
listed "${O[@]}" | grep -q '^user:old-souk	Old souk	30.52	47.8	IQ	Basra	neighbourhood	Souk al-Qadim$' ||
	fail "gpkg import, GDAL's old string list: $(listed "${O[@]}")"
"$INCIMAP" gazetteer export "${O[@]}" 2>/dev/null | grep -q '^user:old-souk,.*,1200$' || fail "gpkg import lost the population"
# refused, nothing written: another CRS, two point layers, a line among
# the points, no point layer, not a GeoPackage
sum=$(md5sum <"$T/other/user.txt")
gpkg_refused() { # NAME LAYERS_JSON MESSAGE
	python3 "$MKGPKG" "$T/$1.gpkg" "$2" || fail "mkgpkg.py $1"
	run "$INCIMAP" gazetteer import "$T/$1.gpkg" "${O[@]}"
	[ "$rc" = 1 ] && [ "$err" = "incimap: $T/$1.gpkg: $3" ] || fail "gpkg $1: $rc '$err'"
}
gpkg_refused utm '[{"name": "posts", "srs": 32638, "cols": ["name"], "rows": [[430000, 3690000, "Post 1"]]}]' \
	"layer 'posts' is in EPSG:32638, not WGS 84 (EPSG:4326): save it in that CRS (QGIS: Export > Save Features As)"
gpkg_refused two '[{"name": "a", "cols": ["name"], "rows": [[44, 33, "P"]]}, {"name": "b", "cols": ["name"], "rows": [[44, 33, "Q"]]}]' \
	"2 point layers ('a', 'b'): choose one with --layer NAME"
gpkg_refused line '[{"name": "mixed", "type": "GEOMETRY", "cols": ["name"], "rows": [[44.2, 33.2, "P"], ["line", 0, "Route Irish"]]}]' \
	"layer 'mixed', feature 2: a geometry that is not a Point: each place wants a Point"
gpkg_refused roads '[{"name": "roads", "type": "LINESTRING", "cols": ["name"], "rows": [["line", 0, "Route Irish"]]}]' \
	"no point layer (1 layer of lines or polygons): each place wants a Point"
gpkg_refused noname '[{"name": "pts", "cols": ["name"], "rows": [[44.2, 33.2, null]]}]' \
	"layer 'pts', feature 1: no name"
# --layer chooses among several point layers (a layer of lines left alone)
sum=$(md5sum <"$T/other/user.txt")
python3 "$MKGPKG" "$T/three.gpkg" '[{"name": "posts", "cols": ["name"], "rows": [[44.41, 33.31, "Post 9"]]},
  {"name": "roads", "type": "LINESTRING", "cols": ["name"], "rows": [["line", 0, "Route Irish"]]},
  {"name": "wells", "cols": ["name"], "rows": [[44.2, 33.2, "Well 4"], [44.3, 33.1, "Well 5"]]}]' || fail "mkgpkg.py three"
run "$INCIMAP" gazetteer import "$T/three.gpkg" "${O[@]}"
[ "$rc" = 1 ] && [ "$err" = "incimap: $T/three.gpkg: 2 point layers ('posts', 'wells'): choose one with --layer NAME" ] ||
	fail "gpkg of two point layers: $rc '$err'"
run "$INCIMAP" gazetteer import "$T/three.gpkg" --layer roads "${O[@]}"
[ "$rc" = 1 ] && [ "$err" = "incimap: $T/three.gpkg: layer 'roads' holds lines or polygons, not points (point layers: 'posts', 'wells')" ] ||
	fail "gpkg --layer of lines: $rc '$err'"
[ "$(md5sum <"$T/other/user.txt")" = "$sum" ] || fail "a refused --layer import changed user.txt"
run "$INCIMAP" gazetteer import "$T/three.gpkg" --layer wells "${O[@]}"
[ "$rc" = 0 ] && case "$err" in *"imported 2 new places and updated 0"*) true ;; *) false ;; esac || fail "gpkg --layer wells: $rc '$err'"
listed "${O[@]}" | grep -q '^user:well-4	' && ! listed "${O[@]}" | grep -q 'Post 9' || fail "gpkg --layer wells: $(listed "${O[@]}")"
sum=$(md5sum <"$T/other/user.txt")
echo "not a database" >"$T/text.gpkg"
run "$INCIMAP" gazetteer import "$T/text.gpkg" "${O[@]}"
[ "$rc" = 1 ] && [ "$err" = "incimap: $T/text.gpkg: not a GeoPackage (not an SQLite database)" ] || fail "gpkg text: $rc '$err'"
[ "$(md5sum <"$T/other/user.txt")" = "$sum" ] || fail "a refused GeoPackage import changed user.txt"
# a layer GDAL itself wrote (when it is here): export, ogr2ogr, import
if command -v ogr2ogr >/dev/null; then
	rm -f "$T/other/user.txt" "$T/gdal.gpkg"
	ogr2ogr -f GPKG "$T/gdal.gpkg" "$T/places.geojson" 2>/dev/null || fail "ogr2ogr"
	run "$INCIMAP" gazetteer import "$T/gdal.gpkg" "${O[@]}"
	[ "$rc" = 0 ] || fail "import GDAL's gpkg: $rc $err"
	[ "$(listed "${O[@]}")" = "$(listed "${G[@]}")" ] || fail "gpkg round trip: $(listed "${O[@]}") vs $(listed "${G[@]}")"
else
	echo "gaz_teach: no ogr2ogr: GDAL's own GeoPackage not tried"
fi

[ "$fails" = 0 ] || exit 1
echo "gaz_teach: all passed"
