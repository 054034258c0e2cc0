#!/bin/bash
# html_browser.sh: the interactive map (.html) in a real browser, Debian's
# chromium headless, driven over the DevTools protocol by html_page.mjs:
# the page loads with no console error and no network request (a fetch is
# stopped by its Content-Security-Policy), the markers and clusters add up
# to the incidents, a popup shows the incident's fields and links, the type
# filter and the date range hide what they should; hostile text in titles,
# notes, names and sources stays text; a big page (its data gzip-compressed)
# opens with every incident clustered. Skipped (77) without chromium or
# node. INCIMAP_SHOT=FILE keeps the screenshot of the examples' map.
source "$(dirname "$0")/lib.bash"
command -v node >/dev/null || skip "no node (Debian: nodejs) to drive the browser"
CHROMIUM=${CHROMIUM:-}
for c in chromium chromium-browser google-chrome; do
	[ -n "$CHROMIUM" ] && break
	CHROMIUM=$(command -v "$c" 2>/dev/null)
done
[ -n "$CHROMIUM" ] || skip "no chromium (Debian: chromium) for the browser test"
DRIVER=$INCIMAP_SRC/tests/e2e/html_page.mjs
# The browser's profile and its sockets go in a short folder of their own:
# a unix socket's path must stay under 108 bytes, whatever the clone's path
# (under build-sanitize/tests/tmp/... chromium refused to start).
BT=$(mktemp -d /tmp/incimap-b.XXXXXX) || fail "cannot make a folder for the browser"
trap 'rm -rf "$T" "$BT"' EXIT
export TMPDIR="$BT"
# drive LOG ARGS...: the driver, once more when the browser died before any
# check ran (a headless chromium that fails to start on a loaded machine);
# a check that failed is never retried.
drive() {
	local log=$1 rc
	shift
	for attempt in 1 2; do
		node "$DRIVER" "$CHROMIUM" "$@" >"$log" 2>&1
		rc=$?
		[ "$rc" -eq 0 ] && return 0
		grep -q '^ok ' "$log" && return "$rc"
		[ "$attempt" -eq 1 ] && { cat "$log"; echo "note: the browser did not start; once more"; sleep 2; }
	done
	return "$rc"
}
cd "$T" || fail "cannot enter $T"

# 1. The bundled examples, as `make run` maps them.
# (by a relative name, as `make run` does: the popups show the reports' names)
ln -s "$INCIMAP_SRC/examples" examples || fail "cannot link the examples"
expect_exit 0 "$INCIMAP" map examples -o out -q
[ -s out/map.html ] || fail "map wrote no map.html"
# What the page must show, from the GeoJSON written beside it.
python3 - out/incidents.geojson >checks.json <<'PY' || fail "cannot read the examples' incidents"
import json, sys
fs = [f for f in json.load(open(sys.argv[1]))["features"] if f["geometry"]]
big = max(fs, key=lambda f: f["properties"]["fatalities"] or 0)["properties"]
has = [big["event_type"] + " \u2014 " + big["sub_event_type"], big["place"],
       "Killed" + str(big["fatalities"]), big["notes"][:60]] + big["actors"]
types = {}
for f in fs:
    types[f["properties"]["event_type"]] = types.get(f["properties"]["event_type"], 0) + 1
top = max(types, key=types.get)
spring = sum(1 for f in fs if "2024-02-01" <= (f["properties"]["event_date"] or "") <= "2024-05-31")
print(json.dumps({"markers": len(fs), "shotPopup": True,
                  "popup": {"id": big["id"], "has": has},
                  "filter": {"type": top, "left": len(fs) - types[top]},
                  "dates": {"from": "2024-02-01", "to": "2024-05-31", "left": spring}}))
PY
drive log.txt out/map.html checks.json shot.png
rc=$?
cat log.txt
[ "$rc" -eq 0 ] || fail "the examples' map in chromium (above)"
python3 -c 'import sys; d = open(sys.argv[1], "rb").read(24); sys.exit(not (d[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(d[16:20], "big") >= 800))' shot.png ||
	fail "no screenshot"
[ -n "${INCIMAP_SHOT:-}" ] && cp shot.png "$INCIMAP_SHOT"

# 2. Hostile text through the title, notes, names, actors and sources.
TITLE="Title <script>window.__pwned=true</script> \"q\" & 'a'"
expect_exit 0 "$INCIMAP" render "$INCIMAP_SRC/tests/fixtures/render/hostile.geojson" --title "$TITLE" -o h.html
cat >hchecks.json <<'JSON'
{"markers": 4, "hostile": true, "title": "Title <script>window.__pwned=true</script> \"q\" & 'a'",
 "popup": {"id": "h-1", "has": ["Explosions/Remote violence — Remote explosive/landmine/IED",
   "Basra </script><script>window.__pwned=true</script>", "البصرة", "<img src=x onerror=",
   "\u2028and a line separator", "Killed5", "Injured12", "Gunmen <b>bold</b>", "Not a link"],
   "href": ["https://news.example.org/a?x=1&y=%3C2%3E"]},
 "filter": {"type": "Battles", "left": 2},
 "dates": {"from": "2024-04-01", "to": "2024-04-30", "left": 2}}
JSON
drive hlog.txt h.html hchecks.json
rc=$?
cat hlog.txt
[ "$rc" -eq 0 ] || fail "the hostile page in chromium (above)"

# 3. A big page (its data compressed): every incident in the clusters
# (not under valgrind, where writing it takes minutes).
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && pass
python3 - big.geojson 6000 <<'PY' || fail "cannot write big.geojson"
import json, sys
types = ["Battles", "Protests", "Riots"]
fs = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [40 + i % 89 / 10, 30 + i % 71 / 10]},
       "properties": {"id": "g%d" % i, "event_date": "2024-01-%02d" % (1 + i % 28), "event_type": types[i % 3],
                      "place": "Place %d" % (i % 300), "fatalities": i % 7,
                      "notes": "Fighters clashed with the army near the village of Place %d, killing %d, a local official said." % (i % 300, i % 7),
                      "sources": [{"url": "https://news.example.org/story/%d" % i, "title": "Clashes near Place %d" % (i % 300)}]}}
      for i in range(int(sys.argv[2]))]
json.dump({"type": "FeatureCollection", "features": fs}, open(sys.argv[1], "w"))
PY
expect_exit 0 "$INCIMAP" render big.geojson -o big.html -q
grep -q 'type="application/gzip+base64"' big.html || fail "the big page is not compressed"
printf '{"markers": 6000, "clusters": 10, "popup": {"id": "g4321", "has": ["Place 121", "Killed2", "Clashes near Place 121"], "href": ["https://news.example.org/story/4321"]}, "filter": {"type": "Riots", "left": 4000}}\n' >bchecks.json
drive blog.txt big.html bchecks.json
rc=$?
cat blog.txt
[ "$rc" -eq 0 ] || fail "the big page in chromium (above)"
pass
