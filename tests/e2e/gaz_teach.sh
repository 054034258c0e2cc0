# gaz_teach.sh: teaching the gazetteer as analysts do, through the CLI on a
# copy of the test gazetteer: `add` works the country and province out from
# the point and refuses a near duplicate unless --force; `edit` changes an
# entry in place (same id, same line, file mode kept); `export` writes the
# user's places as CSV and GeoJSON and `import` of either into another
# gazetteer gives the same places back; a spreadsheet's own column names.
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
[ "$rc" = 0 ] || fail "import a sheet: $rc $err"
listed "${O[@]}" | grep -q '^user:bab-al-sharqi-market	Bab al-Sharqi market	33.3271	44.419	IQ	Baghdad	site	Bab Sharqi,Tayaran Square$' ||
	fail "sheet import: $(listed "${O[@]}")"
# a near duplicate in an import: refused at its line, nothing written
sum=$(md5sum <"$T/other/user.txt")
printf 'name,lat,lon\nSafe house 3,33.1,44.1\nBab Sharqi Market,33.3272,44.4191\n' >"$T/dup.csv"
run "$INCIMAP" gazetteer import "$T/dup.csv" "${O[@]}"
[ "$rc" = 1 ] && case "$err" in "incimap: $T/dup.csv:3: "*"user:bab-al-sharqi-market"*) true ;; *) false ;; esac ||
	fail "near duplicate in an import: $rc $err"
[ "$(md5sum <"$T/other/user.txt")" = "$sum" ] || fail "a refused import changed user.txt"

[ "$fails" = 0 ] || exit 1
echo "gaz_teach: all passed"
