#!/bin/sh
# html.sh: the interactive map (.html) at 1,000 / 10,000 / 100,000 incidents:
# the page's size against its bound (1.5 MB + 300 bytes an incident), the
# time and peak memory to write it against the PNG of the same incidents
# (the peer, in the same run), and in Debian's chromium, headless, the time
# from opening the file to every incident clustered, then a pan and a zoom.
# The incidents are generated with news-like notes (some 200 characters, as
# the sentences incimap quotes) and a source each (its own URL and title).
#
# Usage: bench/html.sh             (make bench runs it)
# Env:   INCIMAP (default build/incimap), HTML_BENCH_SIZES ("1000 10000 100000"),
#        HTML_BENCH_OUT (bench/results-html.md), CHROMIUM (default: chromium)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
INCIMAP=${INCIMAP:-$root/build/incimap}
SIZES=${HTML_BENCH_SIZES:-"1000 10000 100000"}
OUT=${HTML_BENCH_OUT:-$here/results-html.md}
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
work=$root/bench/work/html
mkdir -p "$work"
[ -x "$INCIMAP" ] || { echo "html.sh: no $INCIMAP (run make first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "html.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

for n in $SIZES; do
	f="$work/incidents-$n.geojson"
	[ -s "$f" ] && continue
	python3 - "$n" "$f" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
types = [("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Battles", "Armed clash"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"), ("Strategic developments", "Arrests")]
words = ("a roadside bomb exploded near the market killing people and wounding others officials "
         "said police gunmen attacked a checkpoint army forces clashed with militants in the village "
         "district on Tuesday morning according to a security source who spoke on condition").split()
fs = []
for i in range(n):
    t, s = types[i % 6]
    place = "Place %d" % (i % 500)
    fs.append({"type": "Feature",
               "geometry": {"type": "Point", "coordinates": [round(rnd.uniform(38.8, 48.6), 5), round(rnd.uniform(29.5, 37.3), 5)]},
               "properties": {"id": "im-%016x" % rnd.getrandbits(64), "event_date": "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28),
                              "time_precision": 1, "date_text": "on Tuesday", "event_type": t, "sub_event_type": s,
                              "place": place, "place_text": place, "admin1": "Province %d" % (i % 18), "country": "IQ",
                              "geo_precision": 1 + (i % 7 == 0) * 2, "fatalities": rnd.randint(0, 20), "injuries": rnd.randint(0, 30),
                              "actors": ["Islamic State"] if i % 3 == 0 else [],
                              "sources": [{"id": "r%d" % i, "url": "https://news.example.org/2024/%02d/story-%d" % (1 + i % 12, i),
                                           "date": "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28), "title": "Attack kills %d in %s" % (i % 9, place)}],
                              "notes": " ".join(rnd.choice(words) for _ in range(33)) + ".", "confidence": 0.8}})
json.dump({"type": "FeatureCollection", "features": fs}, open(path, "w"))
PY
done

# best3 CMD...: sets $secs (the best of three runs) and $rss (its peak MB).
best3() {
	secs=
	for _ in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$work/one" "$@" >/dev/null 2>"$work/err" ||
			{ echo "html.sh: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
		read -r s m <"$work/one"
		if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
			secs=$s
			rss=$(awk -v m="$m" 'BEGIN { printf "%.1f", m / 1024 }')
		fi
	done
}

{
	echo "# The interactive map (.html): size, writing, opening"
	echo
	echo "bench/html.sh on $(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the start"
	echo "(a VM shared with other engineers' builds: wall times swing; the ratios come from"
	echo "runs taken in turn). Write: \`incimap render incidents-N.geojson -o N.html\`"
	echo "against \`-o N.png\` (1600x1000) of the same file, best of 3. Open:"
	echo "$("$CHROMIUM" --version 2>/dev/null || echo "no chromium"), headless, 1400x900, from"
	echo "navigation to every incident in the clusters; pan: one 160x90 px pan and two frames,"
	echo "mean of 10; zoom: two levels in, to the next frame (tests/e2e/html_page.mjs)."
	echo
	echo "| incidents | page bytes | bound (1.5 MB + 300/incident) | bytes/incident over the empty page | write html | write png (peer) | html/png | peak MB html | open | pan | zoom |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
} >"$OUT.new"

: >"$work/empty.geojson"
"$INCIMAP" render "$work/empty.geojson" -o "$work/empty.html" -q --bbox 38.8,29.5,48.6,37.3
base=$(wc -c <"$work/empty.html")
for n in $SIZES; do
	f="$work/incidents-$n.geojson"
	best3 "$INCIMAP" render "$f" -o "$work/$n.html" -q
	hs=$secs hr=$rss
	best3 "$INCIMAP" render "$f" -o "$work/$n.png" -q
	ps=$secs
	size=$(wc -c <"$work/$n.html")
	bound=$((1500000 + 300 * n))
	per=$(((size - base) / n))
	timing="— | — | —"
	if [ -n "$CHROMIUM" ] && command -v node >/dev/null; then
		printf '{"markers": %d, "timing": true}\n' "$n" >"$work/checks.json"
		if node "$root/tests/e2e/html_page.mjs" "$CHROMIUM" "$work/$n.html" "$work/checks.json" >"$work/t.log" 2>&1; then
			timing=$(sed -n 's/^timing open_ms=\([0-9]*\) pan_ms=\([0-9.]*\) zoom_ms=\([0-9.]*\).*/\1 ms | \2 ms | \3 ms/p' "$work/t.log")
		else
			timing="failed | — | —"
			cat "$work/t.log" >&2
		fi
	fi
	ratio=$(awk -v a="$hs" -v b="$ps" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
	echo "| $n | $size | $bound ($([ "$size" -le "$bound" ] && echo within || echo OVER)) | $per | $hs s | $ps s | $ratio | $hr | $timing |" >>"$OUT.new"
done
echo >>"$OUT.new"
echo "The empty page (no incidents, the same extent) is $base bytes: Leaflet, the plug-in, their" >>"$OUT.new"
echo "licences, our script and styles, and the base map." >>"$OUT.new"
mv "$OUT.new" "$OUT"
cat "$OUT"
