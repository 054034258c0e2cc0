#!/bin/bash
# map_options.sh: `map` takes every option of the map that `render` takes
# (one table): the same "Map options" in both --help texts, and --bbox,
# --crs, --title, --width/--height, --paper and --dpi act on map.png and
# map.pdf as they do on render's.
source "$(dirname "$0")/lib.bash"
EX=$INCIMAP_SRC/examples
cd "$T" || fail "cannot enter $T"

block() { sed -n '/^Map options:/,/^$/p' "$OUT"; }
expect_exit 0 "$INCIMAP" render --help
block >render.txt
expect_exit 0 "$INCIMAP" map --help
block >map.txt
[ "$(wc -l <render.txt)" -ge 8 ] || fail "render --help has no map options block"
cmp -s render.txt map.txt || fail "map and render --help differ in their map options"

expect_exit 0 "$INCIMAP" map -q "$EX" -o a4 --paper a4 --dpi 100 --title "Iraq and Iran, briefing" \
	--crs EPSG:3857 --bbox 38,24,60,40
python3 - a4/map.png <<'PY' || fail "map --paper a4 --dpi 100: wrong PNG size"
import struct, sys
d = open(sys.argv[1], "rb").read(32)
w, h = struct.unpack(">II", d[16:24])
sys.exit(not (w == 1169 and h == 827))
PY
if command -v pdfinfo >/dev/null; then
	pdfinfo a4/map.pdf >info.txt
	grep -q "Page size: *841.8.* x 595.* pts (A4)" info.txt || fail "map.pdf is not A4: $(grep 'Page size' info.txt)"
	grep -q "^Title: *Iraq and Iran, briefing" info.txt || fail "map.pdf title: $(grep Title info.txt)"
	pdftotext -enc UTF-8 a4/map.pdf a4.txt
	grep -q "Projection: EPSG:3857" a4.txt || fail "--crs EPSG:3857 not used: $(grep -i projection a4.txt)"
fi
expect_exit 0 "$INCIMAP" map -q "$EX" -o px --width 800 --height 500
python3 - px/map.png <<'PY' || fail "map --width 800 --height 500: wrong PNG size"
import struct, sys
w, h = struct.unpack(">II", open(sys.argv[1], "rb").read(24)[16:24])
sys.exit(not (w == 800 and h == 500))
PY

# bad values: the same messages as render's, nothing written
expect_exit 2 "$INCIMAP" map "$EX" -o bad --paper b5
expect_msg "^incimap: map: --paper wants a4, a3 or letter, not 'b5'$"
expect_exit 2 "$INCIMAP" map "$EX" -o bad --bbox 50,40,40,30
expect_msg "^incimap: map: --bbox wants W,S,E,N in degrees with S < N, not '50,40,40,30'$"
[ ! -e bad ] || fail "a refused map wrote its folder"
expect_exit 1 "$INCIMAP" map -q "$EX" -o bad --crs EPSG:99999
expect_msg "^incimap: --crs 'EPSG:99999': PROJ cannot use it"
[ ! -e bad/map.png ] && [ ! -e bad/incidents.geojson ] || fail "a failed map left outputs"
pass
