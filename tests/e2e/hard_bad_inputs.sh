#!/bin/bash
# hard_bad_inputs.sh: every kind of bad input listed in docs/bad-inputs.md,
# one case each: the exit status, the exact message (a whole line of
# stderr, every line of which starts with "incimap: "), and nothing left
# behind: older outputs untouched, no new or temporary file, gazetteer
# sources unchanged. Cases that warn and go on check what they write.
# The table in docs/bad-inputs.md is checked against these cases row for
# row (HARD_DOC=FILE writes the rows out instead, to refresh it).
source "$(dirname "$0")/lib.bash"
SRC=$INCIMAP_SRC
cd "$T" || fail "cannot enter $T"
mkdir -p in out gaz
cp "$SRC"/tests/fixtures/gaz/*.txt gaz/
cp "$SRC"/tests/fixtures/io/incidents.geojson in/inc.geojson
ROWS="$T/.rows"
: >"$ROWS"
VG=${INCIMAP_UNDER_VALGRIND:-}
VG_READERS='|'
ncase=0

# The older outputs every case must leave as they are.
reset_out() {
	rm -rf out && mkdir out
	for e in geojson geojsons csv png pdf; do echo "keep me" >"out/keep.$e"; done
}
snapshot() {
	(cd gaz && ls -A | grep -v -E '^gazetteer\.idx|\.lock$' | sort | xargs md5sum 2>/dev/null)
	(cd out && ls -A | sort | xargs md5sum 2>/dev/null)
}

# row ID READER STATUS MESSAGE WHAT CMD...: the case's line of the table.
row() {
	local id=$1 reader=$2 st=$3 msg=$4 what=$5
	shift 5
	local cmd="incimap" a
	for a in "$@"; do
		case $a in *[\ \|\']* | '') cmd="$cmd '$a'" ;; *) cmd="$cmd $a" ;; esac
	done
	cmd=${cmd//|/\\|}
	msg=${msg//|/\\|}
	local tick='`'
	case $msg in *'`'*) tick='``' ;; esac
	printf '| %s | %s | %s | `%s` | %s | %s%s%s |\n' "$id" "$reader" "$what" "$cmd" "$st" \
		"$tick" "$msg" "$tick" >>"$ROWS"
}

# bad ID READER STATUS MESSAGE WHAT CMD...: runs incimap CMD in $T; wants
# exit STATUS, MESSAGE as a whole line of stderr (or nothing on stderr
# when MESSAGE is in brackets), every stderr line an
# "incimap: " one (or the hint after a usage error), and no file added,
# changed or left half-written.
# With KEEP=FILE set, the case goes on past its warning: FILE must have been
# written (it is removed afterwards). SLOW=1: skipped under valgrind.
# Under valgrind a case runs when it is the first of its reader or every
# fourth case (INCIMAP_VALGRIND_ALL=1: every case): each reader keeps
# memcheck's eye, and make test and make test-sanitize (ASan and LSan: the
# invalid accesses and leaks) run them all. Under memcheck (-O1 tree) the
# 59 runs took 105 s of CPU, the 192 about 330 s (~1.6 s a run, most of it
# valgrind's start).
# FSIZE=KB: run under that file-size limit (ulimit -f, SIGXFSZ ignored), so
# that writing past it fails (EFBIG) as on a full disk.
bad() {
	local id=$1 reader=$2 st=$3 msg=$4 what=$5
	shift 5
	row "$id" "$reader" "$st" "$msg" "$what" "$@"
	ncase=$((ncase + 1))
	if [ -n "$VG" ] && [ -n "${SLOW:-}" ]; then
		echo "($id skipped under valgrind)"
		return
	fi
	if [ -n "$VG" ] && [ -z "${INCIMAP_VALGRIND_ALL:-}" ] && [ -z "${HARD_DOC:-}" ]; then
		case $VG_READERS in
		*"|$reader|"*)
			if [ $((ncase % 4)) -ne 0 ]; then
				echo "($id left to make test under valgrind)"
				return
			fi
			;;
		esac
		VG_READERS="$VG_READERS$reader|"
	fi
	[ -n "${HARD_DOC:-}" ] && return
	reset_out
	local before
	before=$(snapshot)
	if [ -n "${FSIZE:-}" ]; then
		(trap '' XFSZ && ulimit -f "$FSIZE" && exec "$INCIMAP" "$@") >"$OUT" 2>"$ERR"
	else
		"$INCIMAP" "$@" >"$OUT" 2>"$ERR"
	fi
	local got=$?
	[ "$got" -eq "$st" ] || fail "$id: exit $got, wanted $st: incimap $*"
	case $msg in
	"("*) [ -s "$ERR" ] && fail "$id: stderr is not empty" ;;
	*) grep -q -F -x -- "$msg" "$ERR" || fail "$id: no line '$msg' on stderr" ;;
	esac
	grep -v -q -E "^(incimap: |Try 'incimap [a-z]+ --help' for its options\.$)" "$ERR" &&
		fail "$id: a stderr line that is not an incimap message"
	if [ -n "${KEEP:-}" ]; then
		[ -s "$KEEP" ] || fail "$id: $KEEP was not written"
		rm -f "$KEEP"
		# A GeoJSON output comes with its QGIS style.
		case $KEEP in *.geojson) rm -f "${KEEP%.geojson}.qml" ;; esac
	fi
	[ "$(snapshot)" = "$before" ] || fail "$id: files changed: $(ls -A out gaz)"
}

big() { # big N CHAR: N bytes of CHAR
	head -c "$1" /dev/zero | tr '\0' "$2"
}

GOOD=' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.'
PT='{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"id":"x"}}'
FC='{"type":"FeatureCollection","features":['

# ---- articles ------------------------------------------------------------
A=articles
bad art-missing $A 1 "incimap: in/none.txt: cannot open: No such file or directory" \
	"a file that is not there" extract in/none.txt -o out/keep.geojson
: >in/empty.txt
bad art-empty $A 1 "incimap: in/empty.txt: empty article" "an empty file" \
	extract in/empty.txt -o out/keep.geojson
printf '   \n\n' >in/blank.txt
bad art-blank $A 1 "incimap: in/blank.txt: empty article" "white space only" \
	extract in/blank.txt -o out/keep.geojson
printf 'A bomb\000\001\377 in Basra' >in/binary.txt
bad art-nul $A 1 "incimap: in/binary.txt:1:7: NUL byte: not a text file" "a binary file" \
	extract in/binary.txt -o out/keep.geojson
printf 'A bomb went off in Mosul.\nIt killed \xe9 two.\n' >in/latin1.txt
bad art-latin1 $A 1 "incimap: in/latin1.txt:2:11: invalid UTF-8 (byte 0xe9)" \
	"Latin-1 text (not UTF-8)" extract in/latin1.txt -o out/keep.geojson
printf '\xff\xfeA\000 \000b\000o\000m\000b\000' >in/utf16.txt
bad art-utf16 $A 1 \
	"incimap: in/utf16.txt:1: UTF-16 text (it starts with the byte-order mark 0xFF 0xFE): save it as UTF-8" \
	"UTF-16 text saved by a Windows editor" extract in/utf16.txt -o out/keep.geojson
[ -z "$VG" ] && { printf '%s ' "$GOOD"; big 8400000 a; } >in/huge.txt
SLOW=1 bad art-huge $A 1 "incimap: in/huge.txt: larger than the limit of 8388608 bytes" \
	"an article over 8 MiB" extract in/huge.txt -o out/keep.geojson
mkdir -p in/nothing && touch in/nothing/.hidden
bad art-no-files $A 1 "incimap: in/nothing: folder holds no article files" \
	"a folder with no article files" extract in/nothing -o out/keep.geojson
mkdir -p in/many
printf '%s\n' "$GOOD" >in/many/01.txt
ln -s /proc/self/mem in/many/02.txt # opens, but every read fails (EIO), even for root
printf ' date 2024-03-14 Gunmen shot dead a judge in Kirkuk on Wednesday.\n' >in/many/03.txt
KEEP=out/new.geojson bad art-unreadable $A 1 "incimap: in/many/02.txt: read error: Input/output error" \
	"an unreadable file among good ones: reported, the others extracted" \
	extract in/many -o out/new.geojson
# One rule for an empty article: nothing but white space once the
# byte-order mark and the date prefix are read, Unicode's spaces too.
printf '\xef\xbb\xbf' >in/bom-only.txt
bad art-bom-only $A 1 "incimap: in/bom-only.txt: empty article" "a byte-order mark only" \
	extract in/bom-only.txt -o out/keep.geojson
printf ' date 2024-03-13 \n' >in/prefix-only.txt
bad art-prefix-only $A 1 "incimap: in/prefix-only.txt: empty article" "a date prefix only" \
	extract in/prefix-only.txt -o out/keep.geojson
printf '\xc2\xa0\xe2\x80\x83\xe3\x80\x80\n' >in/uspaces.txt
bad art-unicode-blank $A 1 "incimap: in/uspaces.txt: empty article" \
	"Unicode spaces only (no-break, em, ideographic)" extract in/uspaces.txt -o out/keep.geojson
printf ' date 2024-13-45 A car bomb exploded in Basra on Tuesday, killing five people.\n' >in/prefix.txt
KEEP=out/new.geojson bad art-bad-prefix $A 0 \
	"incimap: in/prefix.txt:1: warning: the date prefix '2024-13-45' is not a calendar date (YYYY-MM-DD): read as text" \
	"a date prefix that is no date" extract in/prefix.txt -o out/new.geojson
{
	printf '%s Places named: ' "$GOOD"
	for i in $(seq 650); do printf 'Basra, Kirkuk, Mosul, Erbil, Najaf, Karbala, Tikrit, Samarra, '; done
	echo
} >in/names.txt
KEEP=out/new.geojson SLOW=1 bad art-names $A 0 \
	"incimap: in/names.txt:1: warning: more than 5000 place names in one article: the rest are not looked up" \
	"over 5,000 place names in one article" extract in/names.txt -o out/new.geojson
{
	printf ' date 2024-03-13 '
	for i in $(seq 2100); do printf 'A roadside bomb killed %d people in Basra on Tuesday. ' $((i % 9 + 1)); done
	echo
} >in/sentences.txt
KEEP=out/new.geojson SLOW=1 bad art-sentences $A 0 \
	"incimap: in/sentences.txt:1: warning: more than 2000 sentences tell of events in one article: the rest is not read" \
	"over 2,000 sentences telling of events" extract in/sentences.txt -o out/new.geojson
{
	printf ' date 2024-03-13 '
	for i in $(seq 80); do
		printf 'On %d %s 2023 a car bomb killed %d people in Basra. ' $((i % 28 + 1)) \
			"$(echo January February March April May June July August September October November December | cut -d' ' -f$((i % 12 + 1)))" $((i % 9 + 2))
	done
	echo
} >in/incidents.txt
KEEP=out/new.geojson bad art-incidents $A 0 \
	"incimap: in/incidents.txt:1: warning: more than 64 incidents in one article: 16 more not kept" \
	"over 64 incidents in one article" extract in/incidents.txt -o out/new.geojson

# ---- JSON Lines --------------------------------------------------------------
J="JSON Lines"
printf 'this line is not JSON\n' >in/notjson.jsonl
bad jsonl-not-json "$J" 1 "incimap: in/notjson.jsonl:1:2: not a JSON object: boolean expected" \
	"a line that is not JSON" extract in/notjson.jsonl -o out/keep.geojson
printf '{"id":"w3","title":"No text"}\n' >in/notext.jsonl
bad jsonl-no-text "$J" 1 'incimap: in/notext.jsonl:1:1: record has no "text" string' \
	'a record with no "text"' extract in/notext.jsonl -o out/keep.geojson
printf '{"id":"w3","text":42}\n' >in/text42.jsonl
bad jsonl-text-number "$J" 1 'incimap: in/text42.jsonl:1:1: record has no "text" string' \
	'"text" a number' extract in/text42.jsonl -o out/keep.geojson
printf '[1,2,3]\n' >in/array.jsonl
bad jsonl-array "$J" 1 'incimap: in/array.jsonl:1:1: a record must be a JSON object with a "text" member' \
	"a JSON array, not an object" extract in/array.jsonl -o out/keep.geojson
printf '{"id":"a","text":"A car bomb exploded in Basra' >in/trunc.jsonl
bad jsonl-truncated "$J" 1 "incimap: in/trunc.jsonl:1:47: not a JSON object: truncated" \
	"the last record cut short" extract in/trunc.jsonl -o out/keep.geojson
{ printf '{"id":"a","text":"A bomb.","x":'; big 80 '['; big 80 ']'; printf '}\n'; } >in/deep.jsonl
bad jsonl-deep "$J" 1 "incimap: in/deep.jsonl:1:95: not a JSON object: nesting too deep" \
	"nesting deeper than 64 levels" extract in/deep.jsonl -o out/keep.geojson
printf '{"id":"a","text":"A car bomb \xe9 exploded"}\n' >in/latin1.jsonl
bad jsonl-latin1 "$J" 1 "incimap: in/latin1.jsonl:1:30: invalid UTF-8 (byte 0xe9)" \
	"Latin-1 bytes in a record" extract in/latin1.jsonl -o out/keep.geojson
[ -z "$VG" ] && {
	printf '{"id":"w5","text":"'
	big 17000000 b
	printf '"}\n{"id":"w6","date":"2024-08-07","text":"Gunmen shot dead a judge in Baghdad on Wednesday."}\n'
} >in/longline.jsonl
KEEP=out/new.geojson SLOW=1 bad jsonl-long-line "$J" 1 \
	"incimap: in/longline.jsonl:1: line longer than the limit of 16777216 bytes: skipped" \
	"a line over 16 MiB: skipped, the next read" extract in/longline.jsonl -o out/new.geojson
: >in/empty.jsonl
bad jsonl-empty "$J" 1 "incimap: no articles in the input" "an empty file" \
	extract in/empty.jsonl -o out/keep.geojson
printf '{"id":"a","date":"2024-02-30","text":"A car bomb exploded in Basra on Tuesday, killing five people."}\n' >in/date.jsonl
echo '{"id":"a","text":""}' >in/textempty.jsonl
bad jsonl-text-empty "$J" 1 "incimap: in/textempty.jsonl:1:1: empty article" '"text": ""' \
	extract in/textempty.jsonl -o out/keep.geojson
echo '{"id":"a","text":"A car bomb exploded in Bas\u0000ra on Tuesday, killing five people."}' >in/nul.jsonl
bad jsonl-nul "$J" 1 "incimap: in/nul.jsonl:1:45: \\u0000 (a NUL character) in a string: not text" \
	'"\u0000" in a string (json-c would cut it there)' extract in/nul.jsonl -o out/keep.geojson
echo '{"id":"a","text":"A car bomb exploded in Basra on Tuesday.","text":"Nothing."}' >in/dup.jsonl
bad jsonl-dup "$J" 1 "incimap: in/dup.jsonl:1:1: duplicate member name in the record (the same name twice)" \
	"a member name twice (as GeoJSON: refused)" extract in/dup.jsonl -o out/keep.geojson
printf '\xef\xbb\xbf{"id":"a","text":"%s"}\n' "$GOOD" >in/bom.jsonl
KEEP=out/new.geojson bad jsonl-bom "$J" 0 "(nothing on stderr: the byte-order mark is skipped)" \
	"a byte-order mark before the first record (taken, as by every reader)" \
	extract in/bom.jsonl -o out/new.geojson
KEEP=out/new.geojson bad jsonl-bad-date "$J" 0 \
	'incimap: in/date.jsonl:1: warning: "date" is not YYYY-MM-DD: ignored' \
	'"date" that is no calendar date' extract in/date.jsonl -o out/new.geojson

# ---- GeoJSON ---------------------------------------------------------------
G=GeoJSON
gj() { # gj ID STATUS MESSAGE WHAT: converts in/ID.geojson into out/keep.csv
	local id=$1
	shift
	bad "$id" $G "$1" "$2" "$3" convert "in/$id.geojson" out/keep.csv
}
: >in/gj-empty.geojson
gj gj-empty 1 "incimap: in/gj-empty.geojson: empty file: expected a GeoJSON FeatureCollection" "an empty file"
printf '%s%s' "$FC" "$PT" >in/gj-truncated.geojson
gj gj-truncated 1 'incimap: in/gj-truncated.geojson:1:137: unexpected end of file inside "features" (truncated JSON?)' \
	"cut short"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"place":"Bas\\u0000ra"}}]}' "$FC" >in/gj-nul.geojson
gj gj-nul 1 'incimap: in/gj-nul.geojson:1:139: \u0000 (a NUL character) in a string: not text' \
	'"\u0000" in a string (json-c would cut it there)'
printf '[%s]' "$PT" >in/gj-array.geojson
gj gj-array 1 "incimap: in/gj-array.geojson:1:1: unexpected '[', expected a GeoJSON object ('{')" \
	"a bare array of features"
printf '<kml><Placemark/></kml>' >in/gj-kml.geojson
gj gj-kml 1 "incimap: in/gj-kml.geojson:1:1: unexpected '<', expected a GeoJSON object ('{')" \
	"KML saved as .geojson"
printf '%s{"type":"Feature","properties":{}}]}' "$FC" >in/gj-no-geometry.geojson
gj gj-no-geometry 1 'incimap: in/gj-no-geometry.geojson:1:41: feature 1: no "geometry" member (RFC 7946 wants one; null for a feature with no place)' \
	'a Feature without "geometry"'
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":["44.4","33.3"]},"properties":{}}]}' "$FC" >in/gj-strings.geojson
gj gj-strings 1 "incimap: in/gj-strings.geojson:1:41: feature 1: coordinate 1 must be a number, not a string" \
	"coordinates as strings"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,-91]},"properties":{}}]}' "$FC" >in/gj-range.geojson
gj gj-range 1 "incimap: in/gj-range.geojson:1:41: feature 1: latitude -91 is out of range (-90 to 90); are longitude and latitude swapped? GeoJSON wants [lon, lat]" \
	"latitude out of range"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4]},"properties":{}}]}' "$FC" >in/gj-one-number.geojson
gj gj-one-number 1 "incimap: in/gj-one-number.geojson:1:41: feature 1: Point coordinates must be [longitude, latitude] (or with an altitude), not 1 numbers" \
	"a Point with one number"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,33]},"properties":{}}]}' "$FC" >in/gj-nan.geojson
gj gj-nan 1 "incimap: in/gj-nan.geojson:1:101: 'NaN' is not a JSON number (JSON has no NaN or Infinity)" "NaN"
printf '%s{"type":"Feature","geometry":null,"properties":{"fatalities":1,"fatalities":2}}]}' "$FC" >in/gj-duplicate.geojson
gj gj-duplicate 1 'incimap: in/gj-duplicate.geojson:1:104: duplicate member name "fatalities"' \
	"a member given twice"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"fatalities":-3}}]}' "$FC" >in/gj-negative.geojson
gj gj-negative 1 'incimap: in/gj-negative.geojson:1:41: feature 1: property "fatalities": -3 is out of range (0 to 2147483646)' \
	"negative fatalities"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"event_date":"2024-02-30"}}]}' "$FC" >in/gj-date.geojson
gj gj-date 1 "incimap: in/gj-date.geojson:1:41: feature 1: event_date '2024-02-30' is not a date as YYYY-MM-DD" \
	"event_date that is no calendar date"
{ printf '%s{"type":"Feature","geometry":null,"properties":' "$FC"; big 70 '['; big 70 ']'; printf '}]}'; } >in/gj-deep.geojson
gj gj-deep 1 "incimap: in/gj-deep.geojson:1:151: JSON nested deeper than 64 levels" "nesting deeper than 64 levels"
printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.%s,33.3]},"properties":{}}]}' "$FC" "$(big 80 1)" >in/gj-long-number.geojson
gj gj-long-number 1 "incimap: in/gj-long-number.geojson:1:101: number or literal longer than 64 characters" \
	"a number of over 64 characters"
printf '%s{"type":"Feature","geometry":null,"properties":{"notes":"caf\xe9"}}]}' "$FC" >in/gj-latin1.geojson
gj gj-latin1 1 "incimap: in/gj-latin1.geojson:1:101: invalid UTF-8 (byte 0xE9) in a string" "Latin-1 bytes in a string"
printf '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32638"}},"features":[]}' >in/gj-crs.geojson
gj gj-crs 1 "incimap: in/gj-crs.geojson:1:35: the crs is EPSG:32638, not WGS 84 longitude/latitude: reproject first (ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES)" \
	"a projected CRS (UTM)"
printf '%s%s]}{}' "$FC" "$PT" >in/gj-trailing.geojson
gj gj-trailing 1 "incimap: in/gj-trailing.geojson:1:139: unexpected '{' after the end of the GeoJSON object (one Feature a line is read with --from geojsonseq)" \
	"more after the end"
[ -z "$VG" ] && { printf '%s{"type":"Feature","geometry":null,"properties":{"notes":"' "$FC"; big 17000000 x; printf '"}}]}'; } >in/gj-big-feature.geojson
SLOW=1 gj gj-big-feature 1 "incimap: in/gj-big-feature.geojson:1:41: feature larger than the limit of 16 MiB" \
	"a feature over 16 MiB"
printf '%s{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[44,33],[45,33],[45,34],[44,33]]]},"properties":{}},%s]}' "$FC" "$PT" >in/gj-polygon.geojson
KEEP=out/new.csv bad gj-polygon $G 0 \
	"incimap: in/gj-polygon.geojson:1: warning: feature 1 is a Polygon, not a Point: skipped" \
	"a Polygon among points: skipped, the points converted" convert in/gj-polygon.geojson out/new.csv

# ---- GeoJSON text sequences ----------------------------------------------------
S=GeoJSONSeq
printf '\036%s\n\036{"type":"Feature","geo' "$PT" >in/seq-truncated.geojsons
bad seq-truncated $S 1 "incimap: in/seq-truncated.geojsons:2:24: unexpected end of file inside a string (truncated JSON?)" \
	"the last record cut short" convert in/seq-truncated.geojsons out/keep.csv
printf '\036{"type":"Feature",\n\036%s\n' "$PT" >in/seq-cut.geojsons
bad seq-cut $S 1 "incimap: in/seq-cut.geojsons:2:1: a record separator (0x1E) where JSON continues: the record before it is truncated" \
	"a record cut short in the middle" convert in/seq-cut.geojsons out/keep.csv
printf '\036{"type":"FeatureCollection","features":[]}\n' >in/seq-fc.geojsons
bad seq-collection $S 1 "incimap: in/seq-fc.geojsons:1:2: record 1 is a FeatureCollection; a GeoJSON text sequence holds one Feature per record (read a .geojson file with --from geojson)" \
	"a FeatureCollection as a record" convert in/seq-fc.geojsons out/keep.csv
[ -z "$VG" ] && { printf '\036{"type":"Feature","geometry":null,"properties":{"notes":"'; big 17000000 x; printf '"}}\n'; } >in/seq-big.geojsons
SLOW=1 bad seq-big-record $S 1 "incimap: in/seq-big.geojsons:1:2: record larger than the limit of 16 MiB" \
	"a record over 16 MiB" convert in/seq-big.geojsons out/keep.csv
printf '\036{"type":"Point","coordinates":[44,33]}\n\036%s\n' "$PT" >in/seq-geometry.geojsons
KEEP=out/new.csv bad seq-geometry $S 0 \
	"incimap: in/seq-geometry.geojsons:1: warning: record 1 is a bare Point geometry, not a Feature: skipped" \
	"a bare geometry as a record: skipped" convert in/seq-geometry.geojsons out/new.csv

# ---- CSV and ACLED ---------------------------------------------------------------
C="CSV, ACLED"
: >in/csv-empty.csv
bad csv-empty "$C" 1 "incimap: in/csv-empty.csv: empty file: expected a header row (id,event_date,...,latitude,longitude)" \
	"an empty file" convert in/csv-empty.csv out/keep.geojson
printf 'id,latitude,longitude\r\na,"33.3,44.4\r\n' >in/csv-quote.csv
bad csv-quote "$C" 1 "incimap: in/csv-quote.csv:2:3: unclosed quote: the field that opens here never ends" \
	"an unclosed quote" convert in/csv-quote.csv out/keep.geojson
printf '\xef\xbb\xbfid,lat\r\na,33\r\n' >in/csv-no-lon.csv
bad csv-no-longitude "$C" 1 "incimap: in/csv-no-lon.csv:1:1: no 'longitude' column: a CSV of incidents needs 'latitude' and 'longitude'" \
	"no longitude column" convert in/csv-no-lon.csv out/keep.geojson
printf 'id,event_date,latitude,longitude\na,07 Decembre 2021,33,44\n' >in/csv-date.csv
bad csv-date "$C" 1 "incimap: in/csv-date.csv:2:3: row 1, event_date: '07 Decembre 2021' is not a date (YYYY-MM-DD, 07 December 2021, 12/7/2021, ...)" \
	"a date in French" convert in/csv-date.csv out/keep.geojson
printf 'id,latitude,longitude\na,33,44\nb\xff,33,44\n' >in/csv-utf8.csv
bad csv-utf8 "$C" 1 "incimap: in/csv-utf8.csv:3:2: invalid UTF-8 (byte 0xFF): save the file as UTF-8" \
	"a byte that is not UTF-8" convert in/csv-utf8.csv out/keep.geojson
printf 'id,latitude,longitude\na,33;44\n' >in/csv-fields.csv
bad csv-fields "$C" 1 "incimap: in/csv-fields.csv:2: row 1 has 2 fields, the header has 3" \
	"a row with too few fields" convert in/csv-fields.csv out/keep.geojson
{ for i in $(seq 4100); do printf 'c%d,' "$i"; done; printf 'latitude,longitude\n'; } >in/csv-columns.csv
bad csv-columns "$C" 1 "incimap: in/csv-columns.csv:1: row with more than 4096 fields" \
	"over 4,096 columns" convert in/csv-columns.csv out/keep.geojson
printf 'event_id_cnty,event_date,year,event_type,sub_event_type,country,admin1,location,latitude,longitude,fatalities,notes\nIRQ1,12 March 2024,2024,Battles,Armed clash,Iraq,Basra,Basra,abc,47.8,2,x\n' >in/acled.csv
bad acled-latitude "$C" 1 "incimap: in/acled.csv:2:62: row 1, latitude: 'abc' is not a number" \
	"an ACLED export with a latitude that is no number" convert in/acled.csv out/keep.geojson

# ---- KML and KMZ -----------------------------------------------------------------
K="KML, KMZ"
km() { # km ID STATUS MESSAGE WHAT: converts in/ID.kml into out/keep.csv
	local id=$1
	shift
	bad "$id" "$K" "$1" "$2" "$3" convert "in/$id.kml" out/keep.csv
}
: >in/kml-empty.kml
km kml-empty 1 "incimap: in/kml-empty.kml: empty file: expected a KML document" "an empty file"
printf '<kml><Document><Placemark><name>x</name></Placemark>\n' >in/kml-truncated.kml
km kml-truncated 1 "incimap: in/kml-truncated.kml:1: unexpected end of file inside <kml> (truncated KML?)" \
	"cut short"
printf '<kml><Placemark><name>a & b</name></Placemark></kml>\n' >in/kml-xml.kml
km kml-xml 1 "incimap: in/kml-xml.kml:1: not well-formed KML: xmlParseEntityRef: no name" \
	"not well-formed XML (a bare &)"
printf '<html><body>404</body></html>\n' >in/kml-html.kml
km kml-html 1 "incimap: in/kml-html.kml:1: the root element is <html>, not <kml>: not a KML file" \
	"an HTML page saved as .kml"
printf '<kml>\n<Placemark><Point><coordinates>44.1;33.2</coordinates></Point></Placemark></kml>\n' \
	>in/kml-coords.kml
km kml-coords 1 "incimap: in/kml-coords.kml:2: placemark 1: a Point needs <coordinates>longitude,latitude</coordinates>" \
	"coordinates that are not lon,lat"
printf '<kml>\n<Placemark><ExtendedData><Data name="fatalities"><value>many</value></Data></ExtendedData></Placemark></kml>\n' \
	>in/kml-data.kml
km kml-data 1 "incimap: in/kml-data.kml:2: feature 1: property \"fatalities\": 'many' is not a whole number" \
	"a bad value in ExtendedData"
echo "not a zip" >in/kmz-notzip.kmz
bad kmz-notzip "$K" 1 "incimap: in/kmz-notzip.kmz: not a KMZ (a zip archive): Not a zip archive" \
	"a .kmz that is not a zip archive" convert in/kmz-notzip.kmz out/keep.csv
printf 'PK\005\006%018d' 0 | tr 0 '\000' >in/kmz-nokml.kmz
bad kmz-nokml "$K" 1 "incimap: in/kmz-nokml.kmz: a zip archive with no .kml file in it: not a KMZ" \
	"a zip archive with no .kml in it" convert in/kmz-nokml.kmz out/keep.csv

# ---- gazetteer files and commands ----------------------------------------------
Z=gazetteer
"$INCIMAP" gazetteer add "Checkpoint 7" --lat 33.3 --lon 44.4 --country IQ --gazetteer gaz >/dev/null ||
	fail "setup: gazetteer add"
bad gaz-lat $Z 2 "incimap: gazetteer: --lat wants degrees in -90..90, not '95'" "a latitude of 95" \
	gazetteer add Somewhere --lat 95 --lon 44 --gazetteer gaz
bad gaz-tab $Z 1 "incimap: refused: a name cannot hold a tab, a newline or another control character" \
	"a name with a tab" gazetteer add "$(printf 'Tab\there')" --lat 33 --lon 44 --gazetteer gaz
bad gaz-country $Z 1 "incimap: refused: unknown country code 'XX' (ISO 3166-1 alpha-2, e.g. IQ)" \
	"an unknown country" gazetteer add Somewhere --lat 33 --lon 44 --country XX --gazetteer gaz
bad gaz-long-name $Z 1 "incimap: refused: a name is longer than 200 bytes" "a name over 200 bytes" \
	gazetteer add "$(big 300 x)" --lat 33 --lon 44 --gazetteer gaz
bad gaz-duplicate $Z 1 "incimap: gaz/user.txt:2: refused: 'Checkpoint 7' is already there as user:checkpoint-7, within a kilometre (gazetteer edit changes it; --force adds this one all the same)" \
	"the same place again" gazetteer add "Checkpoint 7" --lat 33.3001 --lon 44.4 --gazetteer gaz
bad gaz-no-folder $Z 1 "incimap: nope: gazetteer folder not found" "a gazetteer folder that is not there" \
	geocode Basra --gazetteer nope
bad gaz-import-missing $Z 1 "incimap: in/none.txt: cannot open: No such file or directory" \
	"import of a file that is not there" gazetteer import in/none.txt --gazetteer gaz
printf '9100006\tBroken line\n' >in/geonames-cut.txt
bad gaz-import-columns $Z 1 "incimap: in/geonames-cut.txt:1: 2 tab-separated columns, not 19 (GeoNames layout)" \
	"import of a line with 2 columns" gazetteer import in/geonames-cut.txt --gazetteer gaz
{ printf '9100007\tHuge\tHuge\t'; big 1100000 a; printf '\t35\t43\tP\tPPL\tIQ\t\t\t\t\t\t0\t\t\t\t\n'; } >in/geonames-long.txt
bad gaz-import-long-line $Z 1 "incimap: in/geonames-long.txt:1: line longer than 1048576 bytes" \
	"import of a line over 1 MiB" gazetteer import in/geonames-long.txt --gazetteer gaz
bad gaz-near-shipped $Z 1 "incimap: refused: 'Basra' is already in the gazetteer as gn:99532 (Basra), 0.05 km away (--force adds yours all the same, and yours wins)" \
	"a place of the same name within a kilometre of a shipped one" gazetteer add Basra --lat 30.5088 --lon 47.7808 --gazetteer gaz
bad gaz-edit-none $Z 1 "incimap: gaz/user.txt: no user entry with the id or name 'Nowhere'" \
	"edit of an entry that is not there" gazetteer edit Nowhere --lat 33 --gazetteer gaz
bad gaz-edit-nothing $Z 2 "incimap: gazetteer: edit wants something to change: --lat, --lon, --name, --alt, --kind, --country, --admin1 or --population" \
	"edit with nothing to change" gazetteer edit "Checkpoint 7" --gazetteer gaz
bad gaz-edit-city $Z 2 "incimap: refused: a city has 100,000 people or more (--population); a smaller place is a town" \
	"edit to a city of no known population" gazetteer edit "Checkpoint 7" --kind city --gazetteer gaz
bad gaz-export-format $Z 2 "incimap: export writes csv or geojson, not 'kml'" \
	"export to a format it does not write" gazetteer export -o out/places.kml --format kml --gazetteer gaz
printf 'Place,Y\nDora market,33.25\n' >in/places-nolon.csv
bad gaz-csv-header $Z 1 "incimap: in/places-nolon.csv:1: the header wants columns name, lat and lon (also latitude, longitude, lng, x, y), not 'Place'" \
	"import of a CSV with no longitude column" gazetteer import in/places-nolon.csv --gazetteer gaz
printf 'name,lat,lon\nDora market,33.25,44.39\nZayouna bridge,95,44.4\n' >in/places-lat.csv
bad gaz-csv-lat $Z 1 "incimap: in/places-lat.csv:3: latitude '95' is not a number of degrees in -90..90" \
	"import of a CSV row with latitude 95" gazetteer import in/places-lat.csv --gazetteer gaz
printf 'name,lat,lon,kind\nDora market,33.25,44.39,bazaar\n' >in/places-kind.csv
bad gaz-csv-kind $Z 1 "incimap: in/places-kind.csv:2: unknown kind 'bazaar' (country, region, admin1, admin2, capital, seat, city, town, village, neighbourhood, site, other)" \
	"import of a CSV row of an unknown kind" gazetteer import in/places-kind.csv --gazetteer gaz
printf 'name,lat,lon\nDora market,33.25,44.39\n"Zayouna bridge,33.3,44.45\n' >in/places-quote.csv
bad gaz-csv-quote $Z 1 "incimap: in/places-quote.csv:3: a quote is never closed" \
	"import of a CSV with a quote never closed" gazetteer import in/places-quote.csv --gazetteer gaz
printf 'name,lat,lon\nDora market,33.25,44.39\nAl-Dora Market,33.2501,44.3901\n' >in/places-dup.csv
bad gaz-csv-near $Z 1 "incimap: in/places-dup.csv:3: refused: the same place as user:dora-market above, within a kilometre (--force imports it all the same)" \
	"import of a CSV with one place twice" gazetteer import in/places-dup.csv --gazetteer gaz
printf '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.39, 33.25]}, "properties": {"name": "Dora market"}},\n{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[44.4, 33.3], [44.5, 33.3]]}, "properties": {"name": "Route Irish"}}\n]}\n' >in/places-line.geojson
bad gaz-geojson-line $Z 1 "incimap: in/places-line.geojson:3: feature 2: a LineString geometry: each place wants a Point" \
	"import of a GeoJSON layer with a line in it" gazetteer import in/places-line.geojson --gazetteer gaz
printf '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.39, 33.25]}, "properties": {"name": "Dora market"}\n' >in/places-cut.geojson
bad gaz-geojson-cut $Z 1 "incimap: in/places-cut.geojson:3: not JSON: the text ends too soon" \
	"import of a GeoJSON file cut short" gazetteer import in/places-cut.geojson --gazetteer gaz
MKGPKG="$SRC/tests/e2e/mkgpkg.py"
python3 "$MKGPKG" in/places-utm.gpkg '[{"name": "posts", "srs": 32638, "cols": ["name"], "rows": [[430000, 3690000, "Post 1"]]}]'
bad gaz-gpkg-crs $Z 1 "incimap: in/places-utm.gpkg: layer 'posts' is in EPSG:32638, not WGS 84 (EPSG:4326): save it in that CRS (QGIS: Export > Save Features As)" \
	"import of a GeoPackage layer in a projected CRS" gazetteer import in/places-utm.gpkg --gazetteer gaz
python3 "$MKGPKG" in/places-two.gpkg '[{"name": "a", "cols": ["name"], "rows": [[44, 33, "P"]]}, {"name": "b", "cols": ["name"], "rows": [[44, 33, "Q"]]}]'
bad gaz-gpkg-layers $Z 1 "incimap: in/places-two.gpkg: 2 point layers ('a', 'b'): choose one with --layer NAME" \
	"import of a GeoPackage of two point layers, no --layer" gazetteer import in/places-two.gpkg --gazetteer gaz
bad gaz-gpkg-no-layer $Z 1 "incimap: in/places-two.gpkg: layer 'c' is not in the file (point layers: 'a', 'b')" \
	"--layer that the GeoPackage does not hold" gazetteer import in/places-two.gpkg --layer c --gazetteer gaz
bad gaz-layer-csv $Z 2 "incimap: gazetteer: --layer goes with a GeoPackage (.gpkg), not 'in/places-lat.csv'" \
	"--layer with a CSV import" gazetteer import in/places-lat.csv --layer a --gazetteer gaz
python3 "$MKGPKG" in/places-line.gpkg '[{"name": "mixed", "type": "GEOMETRY", "cols": ["name"], "rows": [[44.2, 33.2, "P"], ["line", 0, "Route Irish"]]}]'
bad gaz-gpkg-line $Z 1 "incimap: in/places-line.gpkg: layer 'mixed', feature 2: a geometry that is not a Point: each place wants a Point" \
	"import of a GeoPackage layer with a line in it" gazetteer import in/places-line.gpkg --gazetteer gaz
printf 'name,lat,lon\n' >in/places-text.gpkg
bad gaz-gpkg-text $Z 1 "incimap: in/places-text.gpkg: not a GeoPackage (not an SQLite database)" \
	"import of a .gpkg that is not a database" gazetteer import in/places-text.gpkg --gazetteer gaz
bad gaz-import-device $Z 1 "incimap: /dev/zero: not a regular file (a pipe or a device): save the dump as a file first" \
	"import of /dev/zero (or a pipe): refused before reading" gazetteer import /dev/zero --gazetteer gaz
cp gaz/user.txt in/user.saved
printf 'user:lat\tBad lat\t\t\t95\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t\n' >>gaz/user.txt
bad gaz-check-line $Z 1 "incimap: gaz/user.txt:3: warning: latitude '95' is not a number in -90..90" \
	"a hand-edited line with latitude 95 (check)" gazetteer check --gazetteer gaz
bad gaz-broken-line $Z 0 "incimap: gaz/user.txt:3: warning: latitude '95' is not a number in -90..90; line skipped (see \`incimap gazetteer check\`)" \
	"the same line when the index is built: skipped, the rest answers" geocode Basra --gazetteer gaz
cp in/user.saved gaz/user.txt
# user.txt a link to nothing, and a link planted under the lock's name:
# refused, and neither link's target is created.
mv gaz/user.txt in/user.real
ln -s ../in/gone.txt gaz/user.txt
bad gaz-user-link-dangling $Z 1 "incimap: gaz/user.txt: a symbolic link to a file that cannot be reached: No such file or directory" \
	"user.txt a symbolic link to a file that is not there" gazetteer add "Checkpoint 9" --lat 33.4 --lon 44.5 --gazetteer gaz
[ -e in/gone.txt ] && fail "gaz-user-link-dangling: the link's target was created"
rm -f gaz/user.txt && mv in/user.real gaz/user.txt
rm -f gaz/user.txt.lock && ln -s ../in/planted gaz/user.txt.lock
bad gaz-lock-link $Z 1 "incimap: gaz/user.txt.lock: a symbolic link, not a lock file: not followed (remove it)" \
	"a symbolic link planted as the folder's lock file" gazetteer add "Checkpoint 9" --lat 33.4 --lon 44.5 --gazetteer gaz
[ -e in/planted ] && fail "gaz-lock-link: the link's target was created"
rm -f gaz/user.txt.lock
printf 'x\tX\n' | gzip -n | head -c 15 >gaz/detail-xx.txt.gz
bad gaz-gz-damaged $Z 0 "incimap: gaz/detail-xx.txt.gz: warning: damaged or truncated gzip file: unexpected end of file: file skipped" \
	"a truncated gzip-compressed source (detail-XX.txt.gz): skipped, the rest answers" geocode Basra --gazetteer gaz
rm -f gaz/detail-xx.txt.gz
"$INCIMAP" gazetteer build -q --gazetteer gaz || fail "setup: build"
head -c 3000 /dev/urandom >gaz/gazetteer.idx
bad gaz-index-garbage $Z 0 "(nothing on stderr: the index is a cache)" \
	"a damaged compiled index: rebuilt" geocode Basra --gazetteer gaz
[ -n "${HARD_DOC:-}" ] || grep -q 'Basra' "$OUT" || fail "gaz-index-garbage: no answer after the rebuild"
# A body damaged in place, header and size intact: Basra's longitude
# overwritten with 999.42 (microdegrees, native byte order).
"$INCIMAP" gazetteer build -q --gazetteer gaz || fail "setup: build"
perl -0777 -pi -e 'my ($a, $b) = (pack("ll", 30508520, 47780400), pack("ll", 30508520, 999420000));
	s/\Q$a\E/$b/ or die "Basra not found in the index\n"' gaz/gazetteer.idx || fail "setup: damage"
bad gaz-index-body $Z 0 "(nothing on stderr: the index is a cache)" \
	"a compiled index damaged inside (its checksum fails): rebuilt" geocode Basra --gazetteer gaz
[ -n "${HARD_DOC:-}" ] || grep -q '30.508520,47.780400' "$OUT" ||
	fail "gaz-index-body: Basra not at 47.7804 after the rebuild: $(cat "$OUT")"

# ---- options -------------------------------------------------------------------
O=options
bad opt-bbox $O 2 "incimap: render: --bbox wants W,S,E,N in degrees with S < N, not '50,40,40,30'" \
	"--bbox with S > N" render in/inc.geojson --bbox 50,40,40,30 -o out/keep.png
bad opt-bbox-nan $O 2 "incimap: render: --bbox wants W,S,E,N in degrees with S < N, not 'nan,0,10,10'" \
	"--bbox with NaN" render in/inc.geojson --bbox nan,0,10,10 -o out/keep.png
bad opt-date $O 2 "incimap: extract: --date wants a date as YYYY-MM-DD, not '2021-02-30'" \
	"--date that is no calendar date" extract --date 2021-02-30 in/inc.geojson -o out/keep.geojson
bad opt-review-stdout $O 2 "incimap: extract: --review wants a file, not stdout" \
	"--review to standard output" extract --review - in/inc.geojson -o out/keep.geojson
bad opt-review-folder $O 1 "incimap: out/none/review.csv: cannot write: No such file or directory" \
	"--review into a folder that is not there" extract --review out/none/review.csv in/inc.geojson -o out/keep.geojson
bad opt-jobs $O 2 "incimap: extract: --jobs wants a number of threads from 1 to 256, not '0'" \
	"--jobs 0" extract --jobs 0 in/inc.geojson -o out/keep.geojson
bad opt-crs $O 1 "incimap: --crs 'EPSG:99999': PROJ cannot use it: proj_create: crs not found" \
	"--crs that PROJ does not know" render in/inc.geojson --crs EPSG:99999 -o out/keep.png
bad opt-crs-3d $O 1 "incimap: --crs 'EPSG:4978' is not a projected or geographic 2D CRS (a geocentric CRS): no map can be drawn in it" \
	"--crs geocentric (x, y, z from the Earth's centre)" render in/inc.geojson --crs EPSG:4978 -o out/keep.png
bad opt-width $O 2 "incimap: render: --width wants 16..20000 pixels, not '999999'" \
	"--width too large" render in/inc.geojson --width 999999 -o out/keep.png
bad opt-dpi $O 2 "incimap: render: --dpi wants 10..1200, not '5000'" "--dpi too large" \
	render in/inc.geojson --dpi 5000 -o out/keep.png
bad opt-near $O 2 "incimap: geocode: --near wants LAT,LON in degrees, not '95,10'" \
	"--near off the globe" geocode Basra --near 95,10 --gazetteer gaz
bad opt-limit $O 2 "incimap: geocode: --limit wants 1..1000, not '5000'" "--limit too large" \
	geocode Basra --limit 5000 --gazetteer gaz
bad opt-country $O 2 "incimap: geocode: --country: 'ZZ' is no country the gazetteer knows" \
	"--country that is no country" geocode Basra --country ZZ --gazetteer gaz
bad opt-unknown $O 2 "incimap: extract: unrecognized option '--bogus'" \
	"an option that does not exist (getopt's message)" extract --bogus in/empty.txt
bad opt-format $O 2 "incimap: extract: unknown format 'shp' (geojson, geojsonseq, csv, excel, gpkg, kml, kmz, xlsx)" \
	"--format shp" extract in/empty.txt --format shp
bad opt-map-format $O 2 "incimap: render: cannot tell the map format of 'out/map.gif': use .png, .pdf, .svg or .html, or --format" \
	"a map named .gif" render in/inc.geojson -o out/map.gif
bad opt-since $O 2 "incimap: convert: --since wants a date as YYYY-MM-DD, not '2026-02-30'" \
	"--since that is no calendar date" convert in/inc.geojson out/keep.csv --since 2026-02-30
bad opt-since-until $O 2 "incimap: render: --since 2026-03-01 is after --until 2026-02-01: no day is in between" \
	"--since after --until" render in/inc.geojson --since 2026-03-01 --until 2026-02-01 -o out/keep.png
bad opt-type $O 2 "incimap: convert: --type: 'Bombing' is no ACLED event or sub-event type (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments, or a sub-type such as 'Air/drone strike')" \
	"--type that is no ACLED type" convert in/inc.geojson out/keep.csv --type Battles,Bombing
bad opt-country $O 2 "incimap: extract: --country wants two-letter ISO codes, comma-separated (IQ,SY), each once, not 'IRQ'" \
	"--country with a three-letter code" extract in/empty.txt --country IRQ -o out/keep.geojson
bad opt-admin1 $O 2 "incimap: convert: --admin1 wants a province name" "--admin1 blank" \
	convert in/inc.geojson out/keep.csv --admin1 ' '
bad opt-min-fatalities $O 2 "incimap: render: --min-fatalities wants a whole number 0 or more, not '-1'" \
	"--min-fatalities below 0" render in/inc.geojson --min-fatalities -1 -o out/keep.png
bad opt-bbox-only $O 2 "incimap: map: --bbox-only wants W,S,E,N in degrees with S < N, not '40,30,50'" \
	"--bbox-only with three numbers" map in/empty.txt --bbox-only 40,30,50 -o out
bad opt-map-paper $O 2 "incimap: map: --paper wants a4, a3 or letter, not 'b5'" \
	"map --paper that is no paper size" map in/empty.txt --paper b5 -o out
bad opt-aggregate $O 2 "incimap: render: --aggregate wants auto, clusters, hex, admin1 or none, not 'heatmap'" \
	"--aggregate that is no mode" render in/inc.geojson --aggregate heatmap -o out/keep.png
bad opt-size-by $O 2 "incimap: map: --size-by wants incidents or fatalities, not 'deaths'" \
	"--size-by that is no measure" map in/empty.txt --size-by deaths -o out
bad opt-by $O 2 "incimap: render: --by wants day, week or month, not 'fortnight'" \
	"--by that is no period" render in/inc.geojson --by fortnight -o out/keep.png
bad opt-timeline $O 2 "incimap: render: --timeline wants day, week, month or auto, not 'year'" \
	"--timeline that is no period" render in/inc.geojson --timeline=year -o out/keep.png
bad by-too-many $O 1 "incimap: --by day gives 300 maps, more than a page holds (36): choose a longer period or fewer dates (--since, --until)" \
	"--by cutting the dates into more maps than a page holds" render in/inc.geojson --by day -o out/keep.png
bad by-pages-png $O 2 "incimap: out/keep.png: a page per period (--by-pages) needs a PDF" \
	"--by-pages for a PNG" render in/inc.geojson --by week --by-pages -o out/keep.png
bad by-pages-alone $O 2 "incimap: out/keep.pdf: --by-pages goes with --by" \
	"--by-pages without --by" render in/inc.geojson --by-pages -o out/keep.pdf
bad opt-labels $O 2 "incimap: render: --labels wants report or gazetteer, not 'english'" \
	"--labels that is no source of names" render in/inc.geojson --labels english -o out/keep.png

# ---- shapefiles -------------------------------------------------------------------
H=shapefiles
bad shp-folder $H 1 "incimap: nope: shapes folder missing (see --shapes)" "a shapes folder that is not there" \
	render in/inc.geojson --shapes nope -o out/keep.png
mkdir -p shp-empty
bad shp-missing $H 1 "incimap: shp-empty/ne10m_generalized_countries.shp: base-map file missing (see --shapes)" \
	"a shapes folder without the base map" render in/inc.geojson --shapes shp-empty -o out/keep.png
mkdir -p shp-cut shp-nodbf
cp "$SRC"/shapes/ne10m_* shp-cut/
cp "$SRC"/shapes/ne10m_* shp-nodbf/
head -c 1000 "$SRC/shapes/ne10m_generalized_countries.shp" >shp-cut/ne10m_generalized_countries.shp
bad shp-truncated $H 1 "incimap: shp-cut/ne10m_generalized_countries.shp: truncated: shape 0 ends at byte 115544 of 1000 (a partial copy?)" \
	"a .shp cut short" render in/inc.geojson --shapes shp-cut -o out/keep.png
mkdir -p shp-dbfcut
cp "$SRC"/shapes/ne10m_* shp-dbfcut/
head -c 5000 "$SRC/shapes/ne10m_generalized_countries.dbf" >shp-dbfcut/ne10m_generalized_countries.dbf
bad shp-dbf-truncated $H 1 "incimap: shp-dbfcut/ne10m_generalized_countries.dbf: truncated: record 119 ends at byte 5025 of 5000 (a partial copy?)" \
	"a .dbf cut short (the countries' names)" render in/inc.geojson --shapes shp-dbfcut -o out/keep.png
rm shp-nodbf/ne10m_generalized_countries.dbf
bad shp-no-dbf $H 1 "incimap: shp-nodbf/ne10m_generalized_countries.dbf: base-map file missing (see --shapes)" \
	"a .shp without its .dbf" render in/inc.geojson --shapes shp-nodbf -o out/keep.png

# ---- incident stores (GeoPackage) ------------------------------------------------
S="store"
echo "not a database at all" >in/text.gpkg
: >in/empty.gpkg
if command -v sqlite3 >/dev/null; then
	sqlite3 in/plain.gpkg 'CREATE TABLE t (x)'
	sqlite3 in/foreign.gpkg 'PRAGMA application_id = 1196444487; CREATE TABLE gpkg_contents (x)'
	"$INCIMAP" convert in/inc.geojson in/newer.gpkg 2>/dev/null
	sqlite3 in/newer.gpkg "UPDATE incimap_meta SET value = '4' WHERE key = 'schema_version'"
fi
# a store cut short (a partial copy): its first 5000 bytes
"$INCIMAP" convert in/inc.geojson in/whole.gpkg 2>/dev/null
head -c 5000 in/whole.gpkg >in/cut.gpkg
rm -f in/whole.gpkg
for f in in/*.gpkg; do md5sum "$f"; done >in/stores.md5
bad store-not-sqlite $S 1 "incimap: in/text.gpkg: not a GeoPackage (not an SQLite database)" \
	"a .gpkg that is not an SQLite database" convert in/text.gpkg out/keep.csv
bad store-empty $S 1 "incimap: in/empty.gpkg: an empty file, not a GeoPackage" \
	"an empty .gpkg" convert in/empty.gpkg out/keep.csv
if command -v sqlite3 >/dev/null; then
	bad store-not-gpkg $S 1 "incimap: in/plain.gpkg: not a GeoPackage (an SQLite database whose application_id is 0x00000000, not 'GPKG')" \
		"an SQLite database that is not a GeoPackage" convert in/plain.gpkg out/keep.csv
	bad store-foreign $S 1 "incimap: in/foreign.gpkg: a GeoPackage, but not an incimap store (no incimap_meta table)" \
		"a GeoPackage that is not an incimap store" convert in/foreign.gpkg out/keep.csv
	bad store-newer $S 1 "incimap: in/newer.gpkg: written by a newer incimap (store schema 4; this one knows up to 3): upgrade incimap" \
		"a store of a newer schema" extract in/many/01.txt -o in/newer.gpkg
fi
bad store-truncated $S 1 "incimap: in/cut.gpkg: damaged (a partial copy?): database disk image is malformed" \
	"a store cut short" convert in/cut.gpkg out/keep.csv
bad store-into-truncated $S 1 "incimap: in/cut.gpkg: damaged (a partial copy?): database disk image is malformed" \
	"extract into a store cut short" extract in/many/01.txt -o in/cut.gpkg
bad store-into-text $S 1 "incimap: in/text.gpkg: not a GeoPackage (not an SQLite database)" \
	"extract into a .gpkg that is not a store" extract in/many/01.txt -o in/text.gpkg
bad store-stdout $S 2 "incimap: a GeoPackage cannot be written to stdout: name the file" \
	"a store written to stdout" convert in/inc.geojson - --to gpkg
bad edit-no-store $S 1 "incimap: in/none.gpkg: cannot open: No such file or directory" \
	"edit of a store that is not there" edit in/none.gpkg im-0000000000000000 --undo
bad pg-table-name $S 2 "incimap: PostgreSQL: the table must be a plain name (letters, digits, '_'; up to 48), not 'a23456789012345678901234567890123456789012345678x'" \
	"a PostGIS table name too long for its companion tables" \
	convert in/inc.geojson "postgresql:///db?table=a23456789012345678901234567890123456789012345678x"
bad pg-no-server $S 1 "incimap: postgresql:///nodb?host=/nonexistent&table=t: cannot connect: connection to server on socket \"/nonexistent/.s.PGSQL.5432\" failed: No such file or directory" \
	"a PostGIS store read from a server that is not there" \
	convert "postgresql:///nodb?host=/nonexistent&table=t" out/keep.csv
md5sum -c --quiet in/stores.md5 || fail "a refused store was changed"
[ -e in/none.gpkg ] && fail "edit made a store"

# ---- outputs ----------------------------------------------------------------------
W=outputs
bad out-no-folder $W 1 "incimap: nodir/x.csv: cannot write: No such file or directory" \
	"an output folder that is not there" convert in/inc.geojson nodir/x.csv
mkdir -p dir.png
bad out-is-folder $W 1 "incimap: dir.png: cannot write: Is a directory" "an output that is a folder" \
	render in/inc.geojson -o dir.png
echo "a file" >notdir
bad out-map-file $W 1 "incimap: notdir: exists and is not a folder" "map -o naming a file" \
	map in/many/01.txt -o notdir
SLOW=1 bad out-pixels $W 1 "incimap: out/big.png: 20000 x 20000 pixels is more than the limit of 100 million" \
	"a PNG of 400 million pixels" render in/inc.geojson --width 20000 --height 20000 -o out/big.png
bad out-pdf-page $W 1 "incimap: out/big.pdf: a page of 144000 x 7200 points is larger than PDF allows (14400); lower --width/--height or raise --dpi" \
	"a PDF page over 14,400 points" render in/inc.geojson --width 20000 --dpi 10 -o out/big.pdf
bad out-excel-kind $W 2 "incimap: convert: --excel is for a CSV OUT, not geojson" \
	"--excel with an output that is not CSV" convert in/inc.geojson out/x.geojson --excel
bad out-excel-read $W 2 \
	"incimap: convert: excel is written for people and not read back: convert from the GeoJSON or the plain CSV" \
	"the CSV for people given as input" convert out/keep.csv out/x.geojson --from excel
bad out-xlsx-stdout $W 2 "incimap: -: an .xlsx workbook cannot go to standard output: name a file" \
	"a workbook to standard output" convert in/inc.geojson - --to xlsx
# A map past 65,536 incidents keeps them in a temporary file (in /tmp):
# when that cannot grow (a full /tmp; here a file-size limit of 1 MiB, as
# filling a disk needs root), the map stops with what failed.
[ -z "$VG" ] && awk 'BEGIN {
	print "id,event_type,fatalities,latitude,longitude"
	for (i = 0; i < 70000; i++)
		printf "s%d,Battles,%d,%.4f,%.4f\n", i, i % 5, 30 + (i % 700) / 100, 40 + int(i / 700) / 12
}' >in/spill.csv
FSIZE=1024 SLOW=1 bad out-spill $W 1 "incimap: temporary file of the incidents: File too large" \
	"the incidents' temporary file cannot grow (a full /tmp)" \
	render in/spill.csv --aggregate hex -o out/keep.png

# ---- the briefing pack ---------------------------------------------------------
P=brief
: >in/brief-blank.geojson
bad brief-empty $P 1 "incimap: in/brief-blank.geojson: empty file: expected a GeoJSON FeatureCollection" \
	"an empty incidents file" brief in/brief-blank.geojson -o out/keep.pdf
bad brief-no-input $P 2 "incimap: brief: missing INPUT (reports, incident files or a store)" \
	"no INPUT" brief -o out/keep.pdf
bad brief-mixed $P 2 "incimap: brief: give reports or incident files (.geojson, .geojsons, .csv, .gpkg, a PostGIS table), not both" \
	"reports and incidents at once" brief in/inc.geojson in/many/01.txt -o out/keep.pdf
bad brief-not-pdf $P 2 "incimap: brief: the pack is a PDF (or its map, .html): -o wants FILE.pdf or FILE.html, not 'out/keep.png'" \
	"-o that is not a PDF" brief in/inc.geojson -o out/keep.png
bad brief-width $P 2 "incimap: brief: --width, --height and --dpi do not apply: the pack's pages take the --paper size" \
	"--width for a pack" brief in/inc.geojson --width 2000 -o out/keep.pdf
bad brief-by-pages $P 2 "incimap: brief: --by-pages does not apply: the pack's map is one page (--by draws its maps on it)" \
	"--by-pages for a pack" brief in/inc.geojson --by week --by-pages -o out/keep.pdf
bad brief-list-max $P 2 "incimap: brief: --list-max wants 0..100000 incidents, not '-5'" \
	"--list-max below 0" brief in/inc.geojson --list-max -5 -o out/keep.pdf
SOURCE_DATE_EPOCH=yesterday bad brief-epoch $P 2 \
	"incimap: brief: SOURCE_DATE_EPOCH wants seconds since 1970 (0..253402300799), not 'yesterday'" \
	"SOURCE_DATE_EPOCH=yesterday" brief in/inc.geojson -o out/keep.pdf
bad brief-no-folder $P 1 "incimap: nodir/b.pdf: cannot write: No such file or directory" \
	"a pack into a folder that is not there" brief in/inc.geojson -o nodir/b.pdf
bad brief-tables-file $P 1 "incimap: notdir: exists and is not a folder" \
	"--tables naming a file (no pack either)" brief in/inc.geojson --tables notdir -o out/b.pdf

# ---- the user's lexicon (lexicon.tsv beside the gazetteer's user.txt) ---------
L=lexicon
printf '%s\n' "$GOOD" >in/lex.txt
printf 'actors\tkatiba kabala\t0\tKatiba Kabala\nactors\tKatiba Kabala\t0\tKatiba Kabala\n' >gaz/lexicon.tsv
bad lex-capital $L 1 "incimap: gaz/lexicon.tsv:2: 'Katiba Kabala' is not lower case" \
	"a hand-edited name in capitals" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'armed-groups\tkatiba kabala\n' >gaz/lexicon.tsv
bad lex-list $L 1 "incimap: gaz/lexicon.tsv:1: 'armed-groups' is not a lexicon list (see incimap lexicon list)" \
	"a line of a list that does not exist" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf '# mine\nactors\tkatiba kabala\n' >gaz/lexicon.tsv
bad lex-no-text $L 1 "incimap: gaz/lexicon.tsv:2: actors needs a third column" \
	"an actor without its canonical name" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'outlets\tradio kabala\noutlets\tradio kabala\n' >gaz/lexicon.tsv
bad lex-twice $L 1 "incimap: gaz/lexicon.tsv:2: 'radio kabala' is already in outlets (line 1)" \
	"a name twice in one list" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'triggers\tambushed\t2\tambush\n' >gaz/lexicon.tsv
bad lex-kind $L 1 "incimap: gaz/lexicon.tsv:1: 'ambush' is not an event kind (lexicon/triggers.txt lists them)" \
	"a trigger of a kind that does not exist" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'titles\tcaptain\tfirst\n' >gaz/lexicon.tsv
bad lex-number $L 1 "incimap: gaz/lexicon.tsv:1: 'first' is not a number" \
	"a number column that is not a number" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'place-cues\ten route\t1\n' >gaz/lexicon.tsv
bad lex-group-words $L 1 "incimap: gaz/lexicon.tsv:1: 'en route': one word a line in this list" \
	"two words in a list of groups" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'event-words\tnabbed\t6\nevent-words\tnabbed\t0\n' >gaz/lexicon.tsv
bad lex-group $L 1 "incimap: gaz/lexicon.tsv:2: event-words wants a group from 1 to 31 (its header says which)" \
	"a word of a list of groups without its group" extract in/lex.txt -o out/keep.geojson --gazetteer gaz
printf 'outlets\tradio \xe9\n' >gaz/lexicon.tsv
bad lex-utf8 $L 1 "incimap: gaz/lexicon.tsv:1: not valid UTF-8 (or a NUL byte)" \
	"Latin-1 text (not UTF-8)" map in/lex.txt -o out --gazetteer gaz
printf 'actors\tkatiba kabala\n' >gaz/lexicon.tsv
bad lex-add-damaged $L 1 "incimap: gaz/lexicon.tsv:1: actors needs a third column" \
	"add to a damaged lexicon: refused, the file left as it is" \
	lexicon add outlet "Radio Kabala" --gazetteer gaz
printf 'outlets\tradio kabala\n' >gaz/lexicon.tsv
bad lex-add-kind $L 2 "incimap: lexicon: unknown kind 'militia' (one of: actor, outlet, title, given-name, demonym, common-word, people, english-word, place-cue, event-word, casualty-word, trigger-cue, name-cue)" \
	"an unknown kind" lexicon add militia "Katiba Kabala" --gazetteer gaz
bad lex-add-country $L 2 "incimap: lexicon: --country wants ISO country codes (ML or ML,BF), not 'Mali'" \
	"--country that is not a code" lexicon add actor "Katiba Kabala" --country Mali --gazetteer gaz
bad lex-add-unknown-cc $L 2 "incimap: lexicon: --country: 'XX' is not a country code" \
	"--country the gazetteer does not know" lexicon add actor "Katiba Kabala" --country IQ,XX --gazetteer gaz
bad lex-add-tab $L 2 "incimap: lexicon: a name cannot hold a tab, a newline or another control character" \
	"a name with a tab" lexicon add outlet "$(printf 'Radio\tKabala')" --gazetteer gaz
bad lex-add-empty $L 2 "incimap: lexicon: '...' has no word to look for" \
	"a name with no word" lexicon add outlet "..." --gazetteer gaz
bad lex-demonym-cc $L 2 "incimap: lexicon: a demonym wants --country CC (the country it names)" \
	"a demonym without its country" lexicon add demonym Malinke --gazetteer gaz
bad lex-group-missing $L 2 "incimap: lexicon: casualty-word 'sniped' wants --group N, 1 to 31 (the groups are in the header of lexicon/casualty-words.txt)" \
	"a word of a list of groups without its group" lexicon add casualty-word sniped --gazetteer gaz
bad lex-group-number $L 2 "incimap: lexicon: --group wants a number, 1 to 31, not '40'" \
	"--group out of range" lexicon add casualty-word sniped --group 40 --gazetteer gaz
bad lex-group-words $L 2 "incimap: lexicon: casualty-word 'shot at' is more than one word (a list of groups holds one word a line)" \
	"a word of a list of groups that is two words" lexicon add casualty-word "shot at" --group 5 --gazetteer gaz
bad lex-group-kind $L 2 "incimap: lexicon: --group goes with a word of a list of groups (place-cue, event-word, casualty-word, trigger-cue, name-cue), not with kind outlet" \
	"--group with a kind that has none" lexicon add outlet "Radio Kabala" --group 2 --gazetteer gaz
bad lex-remove-none $L 1 "incimap: no actor 'Katiba Kabala' in your lexicon (the built-in lists cannot be changed: add an entry of the same name to replace one)" \
	"remove of an entry that is not there" lexicon remove actor "Katiba Kabala" --gazetteer gaz
rm -f gaz/lexicon.tsv

[ "$ncase" -ge 40 ] || fail "only $ncase cases"
if [ -n "${HARD_DOC:-}" ]; then
	cp "$ROWS" "$HARD_DOC"
	pass
fi
# The table in docs/bad-inputs.md is these cases, row for row.
doc="$SRC/docs/bad-inputs.md"
grep '^| [a-z0-9-]* | ' "$doc" | grep -v '^| id |' >"$T/.docrows"
if ! diff "$ROWS" "$T/.docrows" >"$T/.diff"; then
	fail "docs/bad-inputs.md and the cases differ (HARD_DOC=FILE writes the rows):
$(head -40 "$T/.diff")"
fi
echo "$ncase kinds of bad input"
pass
