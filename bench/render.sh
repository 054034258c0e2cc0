#!/bin/sh
# render.sh: incimap's renderer against Mapnik (python3-mapnik) on the same
# incidents (1,000 / 100,000 / 1,000,000 in one CSV each), the same Natural
# Earth shapefiles, the same projection, extent and image size, in the same
# run. Records wall time (median of RUNS), the ratio, peak memory, and the
# size of incimap's PDF per marker into bench/results-render.md.
#
# Usage: bench/render.sh            (make bench runs it)
# Env:   INCIMAP (default build/incimap), RENDER_BENCH_SIZES ("1000 100000 1000000"),
#        RENDER_BENCH_RUNS (3), RENDER_BENCH_OUT (bench/results-render.md)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
INCIMAP=${INCIMAP:-$root/build/incimap}
SIZES=${RENDER_BENCH_SIZES:-"1000 100000 1000000"}
RUNS=${RENDER_BENCH_RUNS:-3}
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

# measure NAME CMD...: runs CMD RUNS times; sets $med (seconds, median) and
# $rss (peak resident set, MB, the largest of the runs).
measure() {
	name=$1
	shift
	: >"$work/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f "%e %M" -o "$work/one" "$@" >/dev/null 2>"$work/err" || {
			echo "render.sh: $name failed:" >&2
			cat "$work/err" >&2
			exit 1
		}
		cat "$work/one" >>"$work/times"
		i=$((i + 1))
	done
	med=$(sort -n "$work/times" | awk '{t[NR] = $1} END {print t[int((NR + 1) / 2)]}')
	rss=$(awk '$2 > m {m = $2} END {printf "%.0f", m / 1024}' "$work/times")
}

rows=""
for n in $SIZES; do
	in="$work/incidents-$n.csv"
	echo "render.sh: $n incidents" >&2
	measure incimap "$INCIMAP" render "$in" -o "$work/incimap-$n.png" -q \
		--crs "$CRS" --bbox "$BBOX" --width $W --height $H
	i_t=$med i_rss=$rss
	measure incimap-pdf "$INCIMAP" render "$in" -o "$work/incimap-$n.pdf" -q \
		--crs "$CRS" --bbox "$BBOX" --width $W --height $H
	p_t=$med
	p_bytes=$(wc -c <"$work/incimap-$n.pdf")
	p_per=$(awk -v b="$p_bytes" -v n="$n" 'BEGIN {printf "%.1f", b / n}')
	if [ $have_mapnik = 1 ]; then
		measure mapnik "$PY" "$here/render_mapnik.py" "$in" "$work/mapnik-$n.png" $W $H \
			"$CRS" "$BBOX" "$root/shapes"
		m_t=$med m_rss=$rss
		ratio=$(awk -v a="$m_t" -v b="$i_t" 'BEGIN {printf "%.1f", b > 0 ? a / b : 0}')
		mp="n/a"
		if [ "$n" -le 100000 ]; then
			# Mapnik's PDF (cairo, one path per circle), once, for scale.
			"$PY" "$here/render_mapnik.py" "$in" "$work/mapnik-$n.pdf" $W $H "$CRS" "$BBOX" \
				"$root/shapes" 2>/dev/null &&
				mp=$(awk -v b="$(wc -c <"$work/mapnik-$n.pdf")" -v n="$n" \
					'BEGIN {printf "%.1f", b / n}')
		fi
	else
		m_t="n/a" m_rss="n/a" ratio="n/a" mp="n/a"
	fi
	rows="$rows| $n | $i_t | $m_t | **${ratio}x** | $i_rss | $m_rss | $p_t | $p_bytes | **$p_per** | $mp |
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
	echo "Times are wall-clock seconds, the median of $RUNS runs, reading the CSV"
	echo "included; peak memory is the largest resident set (MB) of those runs."
	echo
	echo "| incidents | incimap PNG (s) | Mapnik PNG (s) | speed-up | incimap peak (MB) | Mapnik peak (MB) | incimap PDF (s) | incimap PDF (bytes) | PDF bytes per marker | Mapnik PDF bytes per marker |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	printf '%s' "$rows"
	echo
	echo "Targets: at least 2x faster than Mapnik at every size; at most 66 PDF"
	echo "bytes per marker. incimap's markers are glyphs of a small cairo user"
	echo "font, so the PDF holds each marker as a glyph reference in a text run"
	echo "(Type 3 font), not as a path. Mapnik's PDF is measured up to 100,000"
	echo "incidents only (it writes every circle as a path)."
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
