#!/bin/sh
# memory.sh: peak memory of `incimap render` as the incidents grow, for the
# modes that bin (--aggregate hex and admin1: they keep bins, not
# incidents) and for clusters (a cell per place: it grows with the places),
# in the same run. The incidents are bench/lib.sh's (every column filled, a
# report each, 72,000 places), read from one CSV per size. Records peak
# resident set (GNU time), wall and CPU seconds into bench/results-memory.md.
#
# Usage: bench/memory.sh            (make bench runs it)
# Env:   INCIMAP (default build/incimap),
#        MEMORY_BENCH_SIZES ("100000 1000000 10000000"),
#        MEMORY_BENCH_CLUSTERS_MAX (largest size clusters runs at: 10000000),
#        MEMORY_BENCH_OUT (bench/results-memory.md)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
incimap=${INCIMAP:-$root/build/incimap}
SIZES=${MEMORY_BENCH_SIZES:-"100000 1000000 10000000"}
CLUSTERS_MAX=${MEMORY_BENCH_CLUSTERS_MAX:-10000000}
OUT=${MEMORY_BENCH_OUT:-$here/results-memory.md}
work=$root/bench/work/memory
mkdir -p "$work"
. "$here/lib.sh"

[ -x "$incimap" ] || { echo "incimap: bench: build first (make build)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "incimap: bench: GNU time is missing (apt-get install time)" >&2; exit 1; }

CRS="+proj=laea +lat_0=33.4 +lon_0=43.7 +datum=WGS84 +units=m +no_defs"
BBOX=38.5,28.5,49,37.8

# run NAME ARGS...: one render, niced; sets $line to "peak MB | wall s | CPU s".
run() {
	name=$1
	shift
	/usr/bin/time -f "%M %e %U %S" -o "$work/one" nice "$incimap" render "$@" -q \
		>/dev/null 2>"$work/err" || {
		echo "incimap: bench: $name failed:" >&2
		cat "$work/err" >&2
		exit 1
	}
	line=$(awk '{printf "%.0f | %.2f | %.2f", $1 / 1024, $2, $3 + $4}' "$work/one")
}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
rows=""
for n in $SIZES; do
	in="$work/incidents-$n.csv"
	[ -s "$in" ] || gen "$n" >"$in"
	echo "memory.sh: $n incidents" >&2
	run hex "$in" -o "$work/hex-$n.png" --aggregate hex --crs "$CRS" --bbox "$BBOX"
	hex=$line
	run hex-extent "$in" -o "$work/hex-extent-$n.png" --aggregate hex
	hex_ext=$line
	run admin1 "$in" -o "$work/admin1-$n.png" --aggregate admin1 --crs "$CRS" --bbox "$BBOX"
	adm=$line
	held="not run | | "
	if [ "$n" -le "$CLUSTERS_MAX" ]; then
		run clusters "$in" -o "$work/clusters-$n.png" --aggregate clusters --crs "$CRS" \
			--bbox "$BBOX"
		held=$line
	fi
	rows="$rows| $n | $hex | $hex_ext | $adm | $held |
"
done

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
{
	echo "# Memory as the incidents grow: binning against holding"
	echo
	echo "Written by \`bench/memory.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($cpu),"
	echo "$($incimap --version). Load average when the runs began: $load (the"
	echo "machine is shared: wall times sway with it, CPU times less)."
	echo
	echo "Each cell: peak resident set (MB, GNU time) | wall seconds | CPU"
	echo "seconds (user + system), of one niced run of \`incimap render\` to a"
	echo "1600 x 1000 PNG, reading the CSV included. The incidents are"
	echo "bench/lib.sh's: every column filled, a report each, at 72,000 places"
	echo "in Iraq. hex and admin1 bin the incidents one chunk at a time and keep"
	echo "them past 65,536 in a temporary file (docs/rendering.md, Memory);"
	echo "\"hex, no --bbox\" reads that file once more for the extent;"
	echo "clusters keeps a cell per place (72,000 here), so its memory grows"
	echo "with the places; the peer is the build before the streaming, by hand"
	echo "(below)."
	echo
	echo "| incidents | hex (MB \\| s \\| CPU s) | | | hex, no --bbox | | | admin1 | | | clusters (a cell per place) | | |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s' "$rows"
	echo
	echo "Target (issue 13): at most 150 MB at 10,000,000 incidents when"
	echo "aggregating."
	echo
	echo "Commands (\$N incidents):"
	echo
	echo '```'
	echo "incimap render bench/work/memory/incidents-\$N.csv -o hex.png -q --aggregate hex \\"
	echo "    --crs '$CRS' --bbox $BBOX"
	echo "incimap render bench/work/memory/incidents-\$N.csv -o hex.png -q --aggregate hex"
	echo "incimap render bench/work/memory/incidents-\$N.csv -o admin1.png -q --aggregate admin1 \\"
	echo "    --crs '$CRS' --bbox $BBOX"
	echo "incimap render bench/work/memory/incidents-\$N.csv -o clusters.png -q --aggregate clusters \\"
	echo "    --crs '$CRS' --bbox $BBOX"
	echo '```'
} >"$OUT"
cat "$OUT"
