#!/bin/bash
# hard_concurrency.sh: incimap used by several processes at once.
# 1. Two `gazetteer add` loops at once, while readers geocode and list and
#    others rebuild the index: no entry lost, every reader answers every
#    time with the same candidates for the shipped places (a reader never
#    maps a half-written index), `check` passes after.
# 2. Two `incimap map` runs into different folders at once, while the
#    gazetteer they read is being rebuilt: both complete and byte-identical
#    to a run made alone.
# Each part runs INCIMAP_CONC_ROUNDS times (default 3).
source "$(dirname "$0")/lib.bash"
ROUNDS=${INCIMAP_CONC_ROUNDS:-3}
N=10 # entries each writer adds a round
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && ROUNDS=1 && N=3

G="$T/gaz"
mkdir -p "$G"
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$G/"
"$INCIMAP" geocode Basra Baghdad Erbil --json --gazetteer "$G" >"$T/ref.json" 2>"$ERR" ||
	fail "reference geocode"
[ -s "$T/ref.json" ] && ! [ -s "$ERR" ] || fail "reference geocode said something: $(cat "$ERR")"

# reader ID: geocodes until $T/stop exists; any failure, message or other
# answer is written to $T/reader-ID.bad.
reader() {
	local i=0
	while [ ! -e "$T/stop" ] || [ $i -lt 2 ]; do
		if ! "$INCIMAP" geocode Basra Baghdad Erbil --json --gazetteer "$G" >"$T/r$1.out" 2>"$T/r$1.err"; then
			echo "geocode failed: $(cat "$T/r$1.err")" >>"$T/reader-$1.bad"
		elif [ -s "$T/r$1.err" ] || ! cmp -s "$T/r$1.out" "$T/ref.json"; then
			echo "other answer: $(cat "$T/r$1.err" "$T/r$1.out")" >>"$T/reader-$1.bad"
		fi
		if ! "$INCIMAP" gazetteer list --gazetteer "$G" >/dev/null 2>"$T/l$1.err" || [ -s "$T/l$1.err" ]; then
			echo "list failed: $(cat "$T/l$1.err")" >>"$T/reader-$1.bad"
		fi
		i=$((i + 1))
	done
}

# writer NAME ROUND LON: adds N entries named "NAME ROUND-k", a degree of
# latitude apart, at longitude LON.
writer() {
	local k
	for k in $(seq "$N"); do
		"$INCIMAP" gazetteer add "$1 $2-$k" --lat "$((20 + k)).$2" --lon "$3.$2" --country IQ \
			--gazetteer "$G" >/dev/null 2>"$T/w$1.err" ||
			echo "add '$1 $2-$k' failed: $(cat "$T/w$1.err")" >>"$T/writer-$1.bad"
	done
}

for round in $(seq "$ROUNDS"); do
	rm -f "$T/stop"
	reader 1 &
	r1=$!
	reader 2 &
	r2=$!
	# a third process forcing rebuilds of the index, over and over
	(while [ ! -e "$T/stop" ]; do "$INCIMAP" gazetteer build -q --gazetteer "$G" ||
		echo "build failed" >>"$T/builder.bad"; done) &
	b=$!
	writer Alpha "$round" 44 &
	w1=$!
	writer Bravo "$round" 46 &
	w2=$!
	wait $w1 $w2
	touch "$T/stop"
	wait $r1 $r2 $b
	for f in "$T"/*.bad; do
		[ -e "$f" ] && fail "round $round: $(basename "$f" .bad): $(head -c 2000 "$f")"
	done
	got=$("$INCIMAP" gazetteer list --gazetteer "$G" | grep -c -E '	(Alpha|Bravo) [0-9]+-[0-9]+	')
	[ "$got" -eq $((2 * N * round)) ] || fail "round $round: $got of $((2 * N * round)) entries kept"
	expect_exit 0 "$INCIMAP" gazetteer check -q --gazetteer "$G"
	no_partial "$G"
done

# Two map runs into different folders, the gazetteer rebuilt meanwhile.
gen_articles 300 "$T/in.jsonl"
export SOURCE_DATE_EPOCH=1700000000 # the workbook's creation time: the same bytes each run
expect_exit 0 "$INCIMAP" map "$T/in.jsonl" -o "$T/ref" -q --gazetteer "$G"
files="incidents.geojson incidents.qml map.png map.pdf map.html incidents.kml incidents.xlsx"
for round in $(seq "$ROUNDS"); do
	rm -rf "$T/a" "$T/b" "$T/stop"
	(while [ ! -e "$T/stop" ]; do "$INCIMAP" gazetteer build -q --gazetteer "$G" ||
		echo "build failed" >>"$T/builder.bad"; done) &
	b=$!
	"$INCIMAP" map "$T/in.jsonl" -o "$T/a" -q --gazetteer "$G" >"$T/a.log" 2>&1 &
	p1=$!
	"$INCIMAP" map "$T/in.jsonl" -o "$T/b" -q --gazetteer "$G" >"$T/b.log" 2>&1 &
	p2=$!
	wait $p1 || fail "round $round: first map failed: $(cat "$T/a.log")"
	wait $p2 || fail "round $round: second map failed: $(cat "$T/b.log")"
	touch "$T/stop"
	wait $b
	[ -e "$T/builder.bad" ] && fail "round $round: $(cat "$T/builder.bad")"
	for f in $files; do
		cmp -s "$T/ref/$f" "$T/a/$f" || fail "round $round: $f of the first run differs"
		cmp -s "$T/ref/$f" "$T/b/$f" || fail "round $round: $f of the second run differs"
	done
done
pass
