#!/bin/bash
# html_map.sh: the interactive map's file, without a browser: `render -o
# .html` (and --format html, .htm) and `map` write one self-contained page
# (no <script src>, no <link>, a Content-Security-Policy that forbids the
# network, ahead of any script or style), within 1.5 MB + 300 bytes per
# incident; hostile text reaches it only escaped; a failed write leaves
# nothing; no incidents gives a page that says so.
source "$(dirname "$0")/lib.bash"
IN=$INCIMAP_SRC/tests/fixtures/io/incidents.geojson
HOSTILE=$INCIMAP_SRC/tests/fixtures/render/hostile.geojson
cd "$T" || fail "cannot enter $T"

# one page, self-contained, offline
check_page() { # FILE N: the page holds N incidents
	local f=$1 n=$2 size
	[ -s "$f" ] || fail "$f not written"
	head -c 15 "$f" | grep -q '^<!DOCTYPE html>' || fail "$f: not an HTML page"
	[ "$(grep -c '<script' "$f")" -eq 4 ] || fail "$f: $(grep -c '<script' "$f") <script> elements, want 4"
	[ "$(grep -o '</script>' "$f" | wc -l)" -eq 4 ] || fail "$f: a stray </script>"
	grep -qi '<script[^>]*src=\|<link\|<iframe\|<img' "$f" && fail "$f: loads something from outside"
	csp=$(grep -n "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'" "$f" | cut -d: -f1)
	first=$(grep -n '<script\|<style' "$f" | head -1 | cut -d: -f1)
	[ -n "$csp" ] && [ "$csp" -lt "$first" ] || fail "$f: no network-forbidding policy ahead of the scripts"
	grep -q 'sourceMappingURL' "$f" && fail "$f: a source map to fetch"
	size=$(wc -c <"$f")
	[ "$size" -le $((1500000 + 300 * n)) ] || fail "$f: $size bytes for $n incidents"
	python3 - "$f" "$n" <<'PY' || fail "$f: the data block does not hold $n incidents"
import base64, gzip, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<script type="(application/json|application/gzip\+base64)" id="im-data">(.*?)</script>', page, re.S)
text = m.group(2) if m.group(1) == "application/json" else gzip.decompress(base64.b64decode(m.group(2))).decode()
d = json.loads(text)
sys.exit(len(d["inc"]) != int(sys.argv[2]))
PY
}

expect_exit 0 "$INCIMAP" render "$IN" -o a.html
check_page a.html 8
grep -q '<h1 dir="auto">Security incidents in Iraq, Iran and Syria, ' a.html || fail "title: $(grep -o '<h1[^<]*' a.html)"
grep -q '<p id="subtitle" dir="auto">8 incidents · .* 103 killed' a.html || fail "subtitle: $(grep -o '<p id="subtitle"[^<]*' a.html)"
grep -q 'Leaflet' a.html && grep -q 'BSD' a.html || fail "the licences are not in the page"
expect_exit 0 "$INCIMAP" render "$IN" --format html -o a.page
cmp -s a.html a.page || fail "--format html differs from .html (or two runs differ)"
expect_exit 0 "$INCIMAP" render "$IN" -o b.HTM
cmp -s a.html b.HTM || fail ".HTM differs from .html"
# filters and --bbox apply (the page opens on the box)
expect_exit 0 "$INCIMAP" render "$IN" --type Battles -o f.html
check_page f.html "$(grep -o '"Battles"' "$IN" | wc -l)"
expect_exit 0 "$INCIMAP" render "$IN" --bbox 38,29,49,38 -o box.html
grep -q '"view":\[38,29,49,38\]' box.html || fail "--bbox is not where the page opens"

# `map` writes map.html beside map.png
expect_exit 0 "$INCIMAP" map "$INCIMAP_SRC/examples" -o out -q
check_page out/map.html "$(python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["features"] if f["geometry"]))' out/incidents.geojson)"
[ -s out/map.png ] || fail "map.png missing beside map.html"

# hostile text: only ever escaped
TITLE='Title <script>window.__pwned=true</script> "q" & '"'a'"
expect_exit 0 "$INCIMAP" render "$HOSTILE" --title "$TITLE" -o h.html
check_page h.html 4
grep -qF 'window.__pwned' h.html || fail "the hostile text is missing altogether"
grep -F 'window.__pwned' h.html | grep -qF '<script>window' && fail "raw <script> from the data in the page"
grep -qF 'onerror="window' h.html && fail "a raw attribute from the data in the page"
grep -qF $'\xe2\x80\xa8' h.html && fail "a raw U+2028 in the page's script"
grep -qF '<title>Title &lt;script&gt;window.__pwned=true&lt;/script&gt; &quot;q&quot; &amp; &#39;a&#39;</title>' h.html ||
	fail "title not escaped: $(grep -o '<title>.*</title>' h.html)"

# a big page: its data gzip-compressed in base64, within the size bound
# (not under valgrind: minutes there; ASan and the native run cover it)
if [ -z "${INCIMAP_UNDER_VALGRIND:-}" ]; then
	python3 - big.geojson 8000 <<'PY' || fail "cannot write big.geojson"
import json, sys
fs = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [40 + i % 90 / 10, 30 + i % 70 / 10]},
       "properties": {"id": "g%d" % i, "event_date": "2024-01-%02d" % (1 + i % 28), "event_type": "Battles",
                      "place": "Place %d" % (i % 300), "fatalities": i % 7,
                      "notes": "Fighters clashed with the army near the village of Place %d, killing %d, a local official said to reporters." % (i % 300, i % 7),
                      "sources": [{"url": "https://news.example.org/story/%d" % i, "title": "Clashes near Place %d" % (i % 300)}]}}
      for i in range(int(sys.argv[2]))]
json.dump({"type": "FeatureCollection", "features": fs}, open(sys.argv[1], "w"))
PY
	expect_exit 0 "$INCIMAP" render big.geojson -o big.html -q
	grep -q '<script type="application/gzip+base64" id="im-data">' big.html || fail "a big page's data is not compressed"
	check_page big.html 8000
fi

# no incidents: a page that says so
: >empty.geojson
expect_exit 0 "$INCIMAP" render empty.geojson -o e.html -q
check_page e.html 0
grep -q '<h1 dir="auto">No incidents</h1>' e.html || fail "an empty page does not say so"

# a failed write leaves nothing, and the old page stays
mkdir ro && cp a.html ro/m.html
expect_exit 1 "$INCIMAP" render "$IN" -o nowhere/m.html
expect_msg '^incimap: nowhere/m.html: '
[ -e nowhere ] && fail "a folder was made for a failed page"
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 ro
	expect_exit 1 "$INCIMAP" render "$HOSTILE" -o ro/m.html
	chmod 755 ro
	cmp -s a.html ro/m.html || fail "the old page was touched"
fi
no_partial ro
no_partial .
expect_exit 1 "$INCIMAP" render "$IN" --shapes "$T/no-shapes" -o s.html
[ -e s.html ] && fail "a page without a base map was left"
pass
