#!/bin/bash
# extract_jobs.sh: `extract --jobs N` gives, byte for byte, what --jobs 1
# gives: the merged GeoJSON and CSV, the stream, the toponym listing and
# `map`'s incidents, with the same messages in the same order (a bad line
# among the good ones), whatever N. The reports are many and varied enough
# that each run splits them among its threads: some told several times
# (merged), some naming no country (read again with the batch's).
source "$(dirname "$0")/lib.bash"
cd "$T" || fail "cannot enter $T"
GAZ=()

# 600 reports (150 under valgrind), a broken line after the first quarter.
n=600
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && n=150
broken=$((n / 4 + 2))
many="2 3 8"
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && many=3
awk -v n=$n 'BEGIN {
	split("Basra Kirkuk Mosul Baghdad Erbil Ramadi Fallujah Samarra Tikrit Najaf Taji Karbala", pl, " ")
	split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", dy, " ")
	split("A car bomb exploded|A roadside bomb went off|Gunmen opened fire|A suicide bomber struck", ev, "|")
	for (i = 0; i < n; i++) {
		p = pl[i % 12 + 1]
		tail = p == "Taji" ? "" : ", Iraqi officials said"
		printf "{\"id\":\"r%04d\",\"date\":\"2024-%02d-%02d\",\"text\":\"%s in %s on %s, killing %d people%s.\"}\n",
			i, i % 3 + 1, i % 5 + 10, ev[int(i / 12) % 4 + 1], p, dy[i % 5 + 2], i % 7 + 1, tail
		if (i == int(n / 4))
			print "{\"id\":\"broken\",\"text\":"
	}
}' >reports.jsonl

# want_same WHAT ARGS...: extract with ARGS at --jobs 1 and at 2, 3 and 8 (3
# under valgrind):
# the same exit status, output file and standard error.
want_same() {
	local what=$1 j
	shift
	"$INCIMAP" extract -q "${GAZ[@]}" --jobs 1 "$@" -o "one.$what" 2>one.err
	local st=$?
	[ -s "one.$what" ] || fail "$what: --jobs 1 wrote nothing"
	for j in $many; do
		"$INCIMAP" extract -q "${GAZ[@]}" --jobs $j "$@" -o "many.$what" 2>many.err
		[ $? -eq $st ] || fail "$what: --jobs $j exits otherwise than --jobs 1 ($st)"
		cmp -s "one.$what" "many.$what" || fail "$what: --jobs $j writes otherwise than --jobs 1"
		cmp -s one.err many.err || fail "$what: --jobs $j says otherwise than --jobs 1: $(diff one.err many.err | head -5)"
	done
	grep -q "reports.jsonl:$broken:[0-9]*: not a JSON object" one.err || fail "$what: the broken line is not reported"
}

want_same geojson reports.jsonl
got=$(grep -c '"type":"Feature"' one.geojson)
[ "$got" -gt 20 ] || fail "only $got incidents"
grep -q '"sources":\[{[^]]*},{' one.geojson || fail "no incident was merged"
want_same csv reports.jsonl --format csv
want_same geojsons reports.jsonl --format geojsonseq
got=$(grep -c '"type":"Feature"' one.geojsons)
[ "$got" -ge "$n" ] || fail "the stream has $got incidents, not one for each of the $n reports"
want_same jsonl reports.jsonl --toponyms
[ "$(wc -l <one.jsonl)" -eq "$n" ] || fail "the listing has not one line a report"

# a folder of articles, and stdin
mkdir arts
for i in 1 2 3 4 5 6 7 8 9; do
	printf ' date 2024-03-1%d A car bomb exploded in Basra on Tuesday, killing %d people.\n' "$i" "$i" >"arts/$i.txt"
done
want_same folder.geojson arts reports.jsonl
"$INCIMAP" extract -q "${GAZ[@]}" --jobs 4 - <reports.jsonl >stdin.geojson 2>/dev/null
"$INCIMAP" extract -q "${GAZ[@]}" --jobs 1 - <reports.jsonl >stdin1.geojson 2>/dev/null
cmp -s stdin.geojson stdin1.geojson || fail "stdin: --jobs 4 writes otherwise than --jobs 1"

# map: the same incidents
"$INCIMAP" map -q "${GAZ[@]}" --jobs 1 arts -o map1 >/dev/null 2>&1 || fail "map --jobs 1 failed"
"$INCIMAP" map -q "${GAZ[@]}" --jobs 3 arts -o map3 >/dev/null 2>&1 || fail "map --jobs 3 failed"
cmp -s map1/incidents.geojson map3/incidents.geojson || fail "map: --jobs 3 finds otherwise than --jobs 1"

# the default is the number of cores: the same again
"$INCIMAP" extract -q "${GAZ[@]}" reports.jsonl -o default.geojson 2>/dev/null
cmp -s one.geojson default.geojson || fail "the default --jobs writes otherwise than --jobs 1"
pass
