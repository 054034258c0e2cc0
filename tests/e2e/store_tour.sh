#!/bin/bash
# store_tour.sh: runs README.md's "A week with the store" block in a scratch
# folder where monday/ holds examples 01-06 and tuesday/ example 07, and
# checks what the README says of each step: 7 incidents, Tuesday's report
# merged (not doubled), nothing added the second time, the correction kept
# through re-extraction and in the history, the filtered briefing drawn.
source "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || skip "sqlite3 (the SQLite shell) is not installed"
mkdir -p "$T/run/monday" "$T/run/tuesday"
cp "$INCIMAP_SRC"/examples/0[1-6]*.txt "$T/run/monday/"
cp "$INCIMAP_SRC"/examples/07*.txt "$T/run/tuesday/"
awk '/^## A week with the store/ { on = 1; next } on && /^## / { exit }
     on && /^    incimap / { sub(/^    /, ""); sub(/ +# .*$/, ""); print }' \
	"$INCIMAP_SRC/README.md" >"$T/cmds"
[ "$(wc -l <"$T/cmds")" -ge 7 ] || fail "the tour has fewer than 7 commands"
cd "$T/run" || fail "no scratch folder"
: >"$T/all.err"
while IFS= read -r cmd; do
	eval "\"\$INCIMAP\" ${cmd#incimap }" >"$OUT" 2>"$ERR" </dev/null || fail "tour command failed: $cmd"
	grep -q -E 'AddressSanitizer|runtime error:' "$ERR" && fail "sanitizer report from: $cmd"
	cat "$ERR" >>"$T/all.err"
	case $cmd in *--history*) cp "$OUT" "$T/history" ;; esac
done <"$T/cmds"
ERR="$T/all.err"
expect_msg '^incimap: week.gpkg: 7 new incidents, 0 stored ones told again, 0 from reports already read$'
expect_msg '^incimap: week.gpkg: 0 new incidents, 1 stored one told again, 0 from reports already read$'
expect_msg '^incimap: week.gpkg: 0 new incidents, 0 stored ones told again, 1 from reports already read$'
q() { sqlite3 week.gpkg "$1" || fail "sqlite3: $1"; }
[ "$(q 'SELECT count(*) FROM incidents')" = 7 ] || fail "the store does not hold 7 incidents"
[ "$(q "SELECT fatalities || ' ' || json_array_length(sources) FROM incidents
	WHERE id = 'im-37895e7d1925451c'")" = "6 2" ] ||
	fail "the Basra bombing is not corrected to 6 with its two reports"
grep -q 'fatalities: 5 -> 6  (Basra health directorate, Wednesday)$' "$T/history" ||
	fail "the history does not show the correction: $(cat "$T/history")"
[ -s briefing/map.png ] && [ -s briefing/map.pdf ] || fail "no briefing map"
[ "$(grep -o '"country":"[A-Z]*"' briefing/incidents.geojson | sort -u)" = '"country":"IQ"' ] ||
	fail "the briefing is not Iraq only"
[ "$(grep -o '"type":"Feature"' briefing/incidents.geojson | wc -l)" = 6 ] ||
	fail "the briefing does not hold Iraq's 6 incidents"
grep -q '"id":"im-37895e7d1925451c"' week.geojson || fail "the store's GeoJSON lacks the incident"
# "then open week.gpkg in QGIS": QGIS itself, headless, draws the layer styled
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c "import qgis.core" 2>/dev/null; then
	XDG_RUNTIME_DIR="$T/xdg" HOME="$T" QT_QPA_PLATFORM=offscreen timeout 300 "$PY" \
		"$INCIMAP_SRC/tests/fixtures/store/qgis_open.py" week.gpkg --png qgis.png >"$OUT" 2>"$ERR" ||
		fail "QGIS could not run"
	for want in 'valid True' 'renderer categorizedSymbol' 'features 7' 'png True'; do
		grep -qx "$want" "$OUT" || fail "QGIS on week.gpkg: no '$want': $(cat "$OUT")"
	done
	# the drawing holds the style's colours, not only the white background
	[ "$(awk '$1 == "colors" { print $2 }' "$OUT")" -gt 2 ] ||
		fail "QGIS drew nothing of the store: $(cat "$OUT")"
	[ -n "${INCIMAP_KEEP_QGIS_PNG:-}" ] && cp qgis.png "$INCIMAP_KEEP_QGIS_PNG"
else
	echo "note: QGIS (python3-qgis) is not installed: week.gpkg is not opened in QGIS"
fi
pass
