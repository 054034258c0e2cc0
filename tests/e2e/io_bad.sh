#!/bin/bash
# io_bad.sh: every kind of bad input to `incimap convert` gets one line
# `incimap: FILE:LINE[:COL]: what is wrong`, exit status 1, and no output:
# neither a new file nor a temporary one, and an older OUT left untouched.
source "$(dirname "$0")/lib.bash"
FIX="$INCIMAP_SRC/tests/fixtures/io"
FC_A='{"type":"FeatureCollection","features":['
PT='{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"id":"x"}}'

# bad NAME EXT REGEX < INPUT: writes $T/in/NAME.EXT from stdin, converts it
# to each other format, expects failure with REGEX and no output. (Fed with
# < <(...), not a pipe, so that it runs in this shell and fail() ends it.)
mkdir -p "$T/in" "$T/out"
n=0
bad() {
	local name=$1 ext=$2 re=$3 in="$T/in/$1.$2" to
	cat >"$in"
	for to in geojson geojsons csv; do
		[ "$to" = "$ext" ] && continue
		echo "keep me" >"$T/out/old.$to"
		expect_exit 1 "$INCIMAP" convert "$in" "$T/out/new.$to"
		[ "$(wc -l <"$ERR")" -eq 1 ] || fail "$name: one line of error, got: $(cat "$ERR")"
		expect_msg "^incimap: $in:$re"
		[ -e "$T/out/new.$to" ] && fail "$name: output written despite the error"
		[ -e "$T/out/new.qml" ] && fail "$name: a style written despite the error"
		expect_exit 1 "$INCIMAP" convert "$in" "$T/out/old.$to"
		[ "$(cat "$T/out/old.$to")" = "keep me" ] || fail "$name: the older output was touched"
		no_partial "$T/out"
	done
	n=$((n + 1))
}

# GeoJSON
bad empty geojson ' empty file' < <(printf '')
bad truncated geojson '1:137: unexpected end of file inside "features"' < <(printf '%s%s' "$FC_A" "$PT")
bad nogeometry geojson '1:41: feature 1: no "geometry" member' < <(printf '%s{"type":"Feature","properties":{}}]}' "$FC_A")
bad coordstrings geojson '1:41: feature 1: coordinate 1 must be a number, not a string' < <(printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":["44.4","33.3"]},"properties":{}}]}' "$FC_A")
bad range geojson '1:41: feature 1: latitude -91 is out of range' < <(printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,-91]},"properties":{}}]}' "$FC_A")
bad nan geojson "1:101: 'NaN' is not a JSON number" < <(printf '%s{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,33]},"properties":{}}]}' "$FC_A")
bad duplicate geojson '1:104: duplicate member name "fatalities"' < <(printf '%s{"type":"Feature","geometry":null,"properties":{"fatalities":1,"fatalities":2}}]}' "$FC_A")
bad deep geojson '1:[0-9]+: JSON nested deeper than 64 levels' < <({ printf '%s{"type":"Feature","geometry":null,"properties":' "$FC_A"; for i in $(seq 1000); do printf '{"a":'; done; printf 1; for i in $(seq 1000); do printf '}'; done; printf '}]}'; })
bad latin1 geojson '1:[0-9]+: invalid UTF-8 \(byte 0xE9\)' < <(printf '%s{"type":"Feature","geometry":null,"properties":{"notes":"caf\xe9"}}]}' "$FC_A")
bad crs geojson '1:35: the crs is EPSG:32638, not WGS 84' < <(printf '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32638"}},"features":[]}')
bad trailing geojson '2:[0-9]+: unexpected .{3} after the end of the GeoJSON object' < <(printf '%s%s,\n%s]}{}' "$FC_A" "$PT" "$PT")
# GeoJSONSeq
bad seqtruncated geojsons '2:[0-9]+: unexpected end of file' < <(printf '\036%s\n\036{"type":"Feature","geo' "$PT")
bad seqcut geojsons '2:1: a record separator \(0x1E\) where JSON continues' < <(printf '\036{"type":"Feature",\n\036%s\n' "$PT")
# CSV
bad unclosed csv '2:3: unclosed quote' < <(printf 'id,latitude,longitude\r\na,"33.3,44.4\r\n')
bad nolongitude csv "1:1: no 'longitude' column" < <(printf '\xef\xbb\xbfid,lat\r\na,33\r\n')
bad baddate csv "2:3: row 1, event_date: '07 Decembre 2021' is not a date" < <(printf 'id,event_date,latitude,longitude\na,07 Decembre 2021,33,44\n')
bad csvutf8 csv '3:2: invalid UTF-8 \(byte 0xFF\)' < <(printf 'id,latitude,longitude\na,33,44\nb\xff,33,44\n')
bad fields csv '2: row 1 has 2 fields, the header has 3' < <(printf 'id,latitude,longitude\na,33;44\n')

# A missing file, a folder.
expect_exit 1 "$INCIMAP" convert "$T/nope.geojson" "$T/out/x.csv"
expect_msg "^incimap: $T/nope.geojson: cannot open: No such file or directory"
expect_exit 1 "$INCIMAP" convert "$T/in" "$T/out/x.csv" --from geojson
expect_msg "is a folder"
# An output folder that does not exist.
expect_exit 1 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/no/such/dir/x.csv"
expect_msg "^incimap: $T/no/such/dir/x.csv: cannot write"
[ "$n" -ge 18 ] || fail "only $n cases ran"
pass
