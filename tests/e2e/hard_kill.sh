#!/bin/bash
# hard_kill.sh: `incimap map` over 10,000 articles, killed with SIGKILL at
# random moments, 20 times in a row: every output is afterwards either the
# previous complete file or the new complete one (the run is deterministic,
# so both are byte-identical to a reference run), never a truncated file,
# and no staging leftovers pile up.
source "$(dirname "$0")/lib.bash"
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && skip "too slow under valgrind"
N=${INCIMAP_KILL_ARTICLES:-10000}
ROUNDS=${INCIMAP_KILL_ROUNDS:-20}

gen_articles "$N" "$T/in.jsonl"

ref="$T/ref"
export SOURCE_DATE_EPOCH=1700000000 # the workbook's creation time: the same bytes each run
expect_exit 0 "$INCIMAP" map "$T/in.jsonl" -o "$ref" -q
files="incidents.geojson incidents.qml map.png map.pdf map.html incidents.kml incidents.xlsx"
for f in $files; do [ -s "$ref/$f" ] || fail "reference run wrote no $f"; done
start=$(date +%s%N)
expect_exit 0 "$INCIMAP" map "$T/in.jsonl" -o "$T/timing" -q
ms=$((($(date +%s%N) - start) / 1000000))
[ "$ms" -lt 50 ] && ms=50

work="$T/work"
cp -r "$ref" "$work"
for round in $(seq 1 "$ROUNDS"); do
	delay=$((RANDOM % ms))
	"$INCIMAP" map "$T/in.jsonl" -o "$work" -q >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	for f in $files; do
		cmp -s "$ref/$f" "$work/$f" || fail "round $round (killed after ${delay} ms): $f differs from a complete output"
	done
done
# Leftover staging folders of killed runs are cleaned by the next run.
expect_exit 0 "$INCIMAP" map "$T/in.jsonl" -o "$work" -q
left=$(ls -A "$work" | grep -c -v -E '^(incidents\.(geojson|qml|kml|xlsx)|map\.png|map\.pdf|map\.html)$')
[ "$left" -eq 0 ] || fail "leftovers after a clean run: $(ls -A "$work")"
pass
