#!/bin/bash
# io_geojsonhint.sh: Mapbox's geojsonhint finds nothing wrong with the
# GeoJSON incimap writes (RFC 7946: winding, no crs, positions, bbox).
# The npm package is installed once into the build folder (git-ignored);
# the test is skipped only when npm itself is missing.
source "$(dirname "$0")/lib.bash"
dir="$(cd "$(dirname "$INCIMAP")" && pwd)/npm"
hint="$dir/node_modules/.bin/geojsonhint"
if [ ! -x "$hint" ]; then
	command -v npm >/dev/null || skip "npm is not installed (apt-get install npm)"
	mkdir -p "$dir"
	(
		flock 9
		# 3.2.0: 3.3.0 pulls a dependency from GitHub instead of the registry.
		[ -x "$hint" ] || npm install --silent --no-audit --no-fund --prefix "$dir" @mapbox/geojsonhint@3.2.0 >"$T/npm.log" 2>&1
	) 9>"$dir/.lock" || { cat "$T/npm.log" >&2; fail "npm install @mapbox/geojsonhint failed"; }
fi
[ -x "$hint" ] || fail "geojsonhint missing after install"
FIX="$INCIMAP_SRC/tests/fixtures/io"
for f in incidents antimeridian edges mixed; do
	expect_exit 0 "$INCIMAP" convert -q "$FIX/$f.geojson" "$T/$f.geojson"
	"$hint" "$T/$f.geojson" >"$OUT" 2>"$ERR" || fail "geojsonhint rejects $f.geojson: $(cat "$OUT" "$ERR")"
	[ -s "$OUT" ] && fail "geojsonhint finds problems in $f.geojson: $(cat "$OUT")"
done
expect_exit 0 "$INCIMAP" convert "$FIX/acled.csv" "$T/acled.geojson"
"$hint" "$T/acled.geojson" >"$OUT" 2>"$ERR" || fail "geojsonhint rejects acled.geojson: $(cat "$OUT")"
[ -s "$OUT" ] && fail "geojsonhint finds problems in acled.geojson: $(cat "$OUT")"
# It does catch what it should (so a silent pass above means something).
printf '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":["1",2]},"properties":{}}]}' >"$T/wrong.geojson"
"$hint" "$T/wrong.geojson" >"$OUT" 2>&1
[ -s "$OUT" ] || fail "geojsonhint accepts string coordinates: the check is toothless"
pass
