#!/bin/bash
# hard_limits.sh: the limits of docs/incimap.1 (LIMITS) that
# hard_bad_inputs.sh does not reach: a gazetteer source file over 2 GiB
# (skipped, the rest answers), a name over 511 bytes looked up, more than
# 1,000 incident labels, more than 10 warnings of one kind, more undated
# reports of one place than a merge compares, an article over 8 MiB on
# standard input, and more than 20 million incidents on one map.
# Each gives its message and the rest of the work goes on, or the run
# fails whole with nothing written.
source "$(dirname "$0")/lib.bash"
asan=0
if ldd "$INCIMAP" 2>/dev/null | grep -q libasan || grep -q __asan_init "$INCIMAP" 2>/dev/null; then
	asan=1
fi
G="$T/gaz"
mkdir -p "$G" "$T/out"
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$G/"

# A source file of 2 GiB and a byte (sparse: it costs no disk) is skipped
# with a warning, before any of it is read; the other files answer.
if truncate -s 2147483649 "$G/user-huge.txt" 2>/dev/null; then
	expect_exit 0 "$INCIMAP" geocode Basra --gazetteer "$G"
	expect_msg "^incimap: $G/user-huge.txt: warning: larger than the limit of 2147483648 bytes: file skipped$"
	grep -q 'gn:99532' "$OUT" || fail "Basra not found beside the huge file"
	expect_exit 1 "$INCIMAP" gazetteer check --gazetteer "$G"
	expect_msg "user-huge.txt: warning: larger than the limit of 2147483648 bytes"
	rm -f "$G/user-huge.txt"
fi

# A name longer than 511 bytes has no candidates (no place name is that long).
expect_exit 1 "$INCIMAP" geocode "$(head -c 600 /dev/zero | tr '\0' a)" Basra --gazetteer "$G"
grep -q -E '^a{600}: no match$' "$OUT" || fail "600-byte name: $(head -c 300 "$OUT")"
grep -q 'gn:99532' "$OUT" || fail "the next name was not looked up"

# 1,200 incidents far apart: only the first 1,000 are tried for a label; the
# map is drawn and the labels left out are counted in a warning. (--aggregate clusters: auto would bin them into hexagons, which have no labels)
awk 'BEGIN {
	print "id,event_type,sub_event_type,place,fatalities,latitude,longitude"
	for (i = 0; i < 1200; i++)
		printf "l%04d,Battles,Armed clash,Post %d,%d,%.1f,%.1f\n", i, i, i % 7, -55 + 4 * int(i / 40), -175 + 8.5 * (i % 40)
}' >"$T/labels.csv"
expect_exit 0 "$INCIMAP" render "$T/labels.csv" --aggregate clusters -o "$T/out/labels.png"
[ -s "$T/out/labels.png" ] || fail "no map of 1,200 incidents"
left=$(sed -n 's/^incimap: warning: \([0-9]*\) incident labels left out for lack of room: .*/\1/p' "$ERR")
[ -n "$left" ] && [ "$left" -ge 200 ] || fail "labels left out: '${left}' (wanted at least 200 of 1,200)"

# The warnings of one kind stop after 10; a summary counts them all.
{
	printf '{"type":"FeatureCollection","features":['
	for i in $(seq 15); do
		printf '{"type":"Feature","geometry":{"type":"LineString","coordinates":[[44,33],[45,34]]},"properties":{}},'
	done
	printf '{"type":"Feature","geometry":{"type":"Point","coordinates":[44.4,33.3]},"properties":{"id":"p"}}]}'
} >"$T/lines.geojson"
expect_exit 0 "$INCIMAP" convert "$T/lines.geojson" "$T/out/lines.csv"
[ "$(grep -c 'is a LineString, not a Point: skipped' "$ERR")" -eq 10 ] || fail "not 10 warnings shown"
expect_msg "^incimap: $T/lines.geojson: warning: skipped 15 features that are not Points"
[ "$(wc -l <"$T/out/lines.csv")" -eq 2 ] || fail "the point was not converted"

# 4,200 undated reports of one place that cannot be one (one article told
# them all: one id): each is compared with at most 4,096 later ones, and a
# note counts those cut short (103); the reports are all kept.
awk 'BEGIN { for (i = 0; i < 4200; i++) print "{\"id\":\"x\",\"text\":\"A car bomb in Basra killed 3 people.\"}" }' >"$T/undated.jsonl"
expect_exit 0 "$INCIMAP" extract "$T/undated.jsonl" -o "$T/out/undated.geojson" --gazetteer "$G"
expect_msg "^incimap: note: 103 reports compared with only the first 4096 later reports of the same type and place"
[ "$(grep -o '"type":"Feature"' "$T/out/undated.geojson" | wc -l)" -eq 4200 ] || fail "undated reports lost"

# An article of more than 8 MiB on standard input: refused as from a file.
head -c 8500000 /dev/zero | tr '\0' a | "$INCIMAP" extract - -o "$T/out/stdin.geojson" >"$OUT" 2>"$ERR"
[ $? -eq 1 ] || fail "an 8.5 MB article on stdin was not refused"
expect_msg "^incimap: <stdin>: larger than the limit of 8388608 bytes"
[ -e "$T/out/stdin.geojson" ] && fail "output written for a refused article"

# More than 20 million incidents on one map: refused whole, no map. (Rows
# with no coordinates still count; 60 MB of CSV. Too slow under valgrind or
# ASan: skipped there.)
if [ -z "${INCIMAP_UNDER_VALGRIND:-}" ] && [ $asan = 0 ]; then
	{ echo "id,latitude,longitude"; yes ,, | head -n 20000001; } >"$T/many.csv"
	expect_exit 1 "$INCIMAP" render "$T/many.csv" -o "$T/out/many.png" -q
	expect_msg "^incimap: more incidents than one map can show \(limit 20000000\)"
	[ -e "$T/out/many.png" ] && fail "a map was written past the limit"
	rm -f "$T/many.csv"
fi
no_partial "$T/out"
pass
