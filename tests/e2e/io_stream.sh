#!/bin/bash
# io_stream.sh: convert streams. A GeoJSON FeatureCollection 100 times larger
# is converted with about the same peak memory (the reader walks it feature
# by feature), and so are CSV and GeoJSONSeq. The memory check needs GNU
# time and is left out under AddressSanitizer, whose allocator keeps freed
# memory in quarantine; the conversions still run and are checked.
source "$(dirname "$0")/lib.bash"
asan=0
if ldd "$INCIMAP" 2>/dev/null | grep -q libasan || grep -q __asan_init "$INCIMAP" 2>/dev/null; then
	asan=1
fi
# Under valgrind the peak is valgrind's own, and 200,000 rows take minutes:
# the conversions are checked on fewer rows, as under ASan.
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && asan=1
big=200000
[ $asan = 1 ] && big=20000

# gen N: N incidents as our CSV (awk only: no other tool needed).
gen() {
	awk -v n="$1" 'BEGIN {
		print "id,event_date,time_precision,date_text,event_type,sub_event_type,place,place_text,admin1,country,geo_precision,gazetteer_id,fatalities,injuries,actors,sources,notes,confidence,latitude,longitude"
		split("Battles|Protests|Riots|Explosions/Remote violence|Violence against civilians|Strategic developments", t, "|")
		for (i = 0; i < n; i++)
			printf "gen-%07d,2023-%02d-%02d,1,on Tuesday,%s,Attack,Place %d,Place %d,Province %d,IQ,%d,gn:%d,%d,%d,militia; police,\"[{\"\"id\"\":\"\"a%d\"\",\"\"url\"\":\"\"https://example.org/%d\"\",\"\"date\"\":\"\"2023-01-02\"\",\"\"title\"\":\"\"Report %d\"\"}]\",\"Generated, not real: a line of notes, with a comma.\",0.%d,%s,%s\n",
				i, 1 + i % 12, 1 + i % 28, t[1 + i % 6], i % 977, i % 977, i % 18, 1 + i % 3, 90000 + i, i % 40, i % 7, i, i, i, 1 + i % 9,
				29 + (i % 8000) / 1000.0, 39 + (i % 9000) / 1000.0
	}'
}
gen 2000 >"$T/small.csv"
gen "$big" >"$T/big.csv"

peak() { # sets PEAK: peak resident memory (KiB) of a command
	/usr/bin/time -f '%M' -o "$T/rss" "$@" >"$OUT" 2>"$ERR" || fail "failed: $*"
	PEAK=$(tail -1 "$T/rss")
}

for s in small big; do
	expect_exit 0 "$INCIMAP" convert "$T/$s.csv" "$T/$s.geojson"
done
n=$(grep -c '^{"type":"Feature"' "$T/big.geojson")
[ "$n" -eq "$big" ] || fail "big.geojson has $n features, not $big"

if [ $asan = 1 ] || [ ! -x /usr/bin/time ]; then
	for s in small big; do
		expect_exit 0 "$INCIMAP" convert "$T/$s.geojson" "$T/$s.geojsons"
	done
	[ "$(tr -cd '\036' <"$T/big.geojsons" | wc -c)" -eq "$big" ] || fail "record count"
	pass
fi

for step in "geojson geojsons" "geojsons out.csv" "csv out.geojsons"; do
	set -- $step
	peak "$INCIMAP" convert "$T/small.$1" "$T/small.$2"
	a=$PEAK
	peak "$INCIMAP" convert "$T/big.$1" "$T/big.$2"
	b=$PEAK
	size=$(($(stat -c %s "$T/big.$1") / 1024))
	echo "$1 -> $2: peak ${a} KiB for 2000 incidents, ${b} KiB for $big ($size KiB of input)"
	# 100 times the input may not cost more than 8 MiB more memory.
	[ "$b" -le $((a + 8192)) ] || fail "$1 -> $2 is not streaming: ${a} KiB -> ${b} KiB"
done
cmp -s "$T/big.geojsons" "$T/big.out.geojsons" || fail "GeoJSON -> seq and CSV -> seq differ"
cmp -s "$T/big.csv" "$T/big.out.csv" && fail "the generated CSV is not in our writer's form (CRLF)"
tr -d '\r' <"$T/big.out.csv" | cmp -s - "$T/big.csv" || fail "CSV -> GeoJSON -> seq -> CSV changed the rows"
pass
