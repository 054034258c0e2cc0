#!/bin/bash
# store_qgis.sh: QGIS itself (headless) opens a store's incidents layer
# styled from the store's layer_styles table, with no .qml beside it:
# categorised by event_type, one category per row of the symbology table.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "no Debian python3"
"$PY" -c "import qgis.core" 2>/dev/null || skip "QGIS's Python bindings (python3-qgis) are not installed"
cd "$T" || fail "cannot enter $T"
expect_exit 0 "$INCIMAP" extract -q "$INCIMAP_SRC"/examples/0[1-6]*.txt -o week.gpkg
[ -e week.qml ] && fail "a .qml was written beside the store"
XDG_RUNTIME_DIR="$T/xdg" HOME="$T" QT_QPA_PLATFORM=offscreen \
	timeout 300 "$PY" "$INCIMAP_SRC/tests/fixtures/store/qgis_open.py" week.gpkg >"$OUT" 2>"$ERR" ||
	fail "QGIS could not run"
grep -qx 'valid True' "$OUT" || fail "QGIS says the layer is not valid: $(cat "$OUT")"
grep -qx 'renderer categorizedSymbol' "$OUT" || fail "QGIS did not take the store's style: $(cat "$OUT")"
grep -qx 'attribute event_type' "$OUT" || fail "categories not by event_type: $(cat "$OUT")"
grep -qx 'categories 7' "$OUT" || fail "not the 7 categories of the symbology table: $(cat "$OUT")"
grep -qx 'features 7' "$OUT" || fail "QGIS does not see the 7 incidents: $(cat "$OUT")"
pass
