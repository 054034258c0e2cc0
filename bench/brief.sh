#!/bin/sh
# brief.sh: the briefing pack (`incimap brief`) against the map alone
# (`incimap render` of the same incidents to an A4 PDF), in the same run:
# the bundled examples (target < 1 s) and 100,000 incidents with their
# sentences and sources (target < 5 s, the list capped at 2,000). Records
# the median wall time of RUNS, CPU time, peak memory and the pages into
# bench/results-brief.md.
#
# Usage: bench/brief.sh            (make bench runs it)
# Env:   INCIMAP (default build/incimap), BRIEF_BENCH_RUNS (5),
#        BRIEF_BENCH_OUT (bench/results-brief.md)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
INCIMAP=${INCIMAP:-$root/build/incimap}
RUNS=${BRIEF_BENCH_RUNS:-5}
OUT=${BRIEF_BENCH_OUT:-$here/results-brief.md}
work=$root/bench/work/brief
mkdir -p "$work"
[ -x "$INCIMAP" ] || { echo "brief.sh: no $INCIMAP (run make first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "brief.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
command -v pdfinfo >/dev/null || { echo "brief.sh: needs pdfinfo (poppler-utils)" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1765000000

# The examples' incidents, and 100,000 like them: a sentence of some 200
# characters, a source with a title and a URL, two actors, over 200 places.
"$INCIMAP" extract "$root/examples" -o "$work/examples.geojson" -q
big="$work/incidents-100000.geojsons"
[ -s "$big" ] || python3 - "$big" <<'EOF'
import json, random, sys
random.seed(7)
types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
provs = ["Baghdad", "Basra", "Nineveh", "Kirkuk", "Diyala", "Anbar", "Salah al-Din", "Erbil"]
places = [(random.uniform(39.5, 47.5), random.uniform(29.5, 37)) for _ in range(200)]
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        k = random.randrange(200)
        t = types[i % 4]
        p = {"id": "b%06d" % i,
             "event_date": "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28),
             "event_type": t[0], "sub_event_type": t[1], "place": "Place %d" % k,
             "admin1": provs[k % 8], "country": "IQ", "geo_precision": 1,
             "fatalities": random.choice([0, 0, 1, 2, 3, 5, None]), "injuries": None,
             "actors": ["Group %d" % (i % 13), "Civilians"],
             "sources": [{"id": "s%d" % i, "url": "https://news.example.org/%d" % i,
                          "title": "Report %d on an incident near Place %d" % (i, k)}],
             "notes": ("Officials said an incident took place near Place %d on the "
                       "morning of the day in question, and that the security forces "
                       "were sent to the area while the wounded were taken to the "
                       "nearest hospital for treatment." % k),
             "confidence": 0.8}
        g = {"type": "Feature", "properties": p,
             "geometry": {"type": "Point", "coordinates": [places[k][0], places[k][1]]}}
        f.write("\x1e" + json.dumps(g) + "\n")
EOF

# median_run NAME CMD...: runs CMD RUNS times; prints "wall cpu peak_kb" of
# the median wall time.
median_run() {
	name=$1
	shift
	: >"$work/$name.times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %U %S %M" -o "$work/$name.t" "$@" >/dev/null 2>&1
		awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$work/$name.t" >>"$work/$name.times"
		i=$((i + 1))
	done
	sort -n "$work/$name.times" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)'
}

row() { # row WHAT INPUT
	what=$1
	in=$2
	set -- $(median_run pack "$INCIMAP" brief "$in" -o "$work/brief.pdf" -q)
	pw=$1 pc=$2 pm=$3
	set -- $(median_run map "$INCIMAP" render "$in" -o "$work/map.pdf" --paper a4 -q)
	mw=$1 mc=$2 mm=$3
	pages=$(pdfinfo "$work/brief.pdf" | awk '/^Pages:/ { print $2 }')
	ratio=$(awk -v a="$pw" -v b="$mw" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	printf '| %s | %s s (CPU %s s), %s MB peak, %s pages | %s s (CPU %s s), %s MB | %sx the map alone |\n' \
		"$what" "$pw" "$pc" "$((pm / 1024))" "$pages" "$mw" "$mc" "$((mm / 1024))" "$ratio"
}

{
	echo "# Benchmark: the briefing pack"
	echo
	echo "bench/brief.sh, $(date -u +%Y-%m-%d), $(nproc) cores, load average" \
		"$(cut -d' ' -f1-3 /proc/loadavg) at the start (the machine is shared: wall"
	echo "times swing with the load; CPU time says more). Median of $RUNS runs each:"
	echo
	echo "    incimap brief INCIDENTS -o brief.pdf                  (the pack)"
	echo "    incimap render INCIDENTS -o map.pdf --paper a4        (the peer: its map alone)"
	echo
	echo "| input | brief (pack) | render (map alone), same run | ratio |"
	echo "|---|---|---|---|"
	row "the bundled examples (9 incidents)" "$work/examples.geojson"
	row "100,000 incidents, list capped at 2,000" "$big"
	echo
	echo "Targets: the examples' pack under 1 s, 100,000 incidents under 5 s."
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
