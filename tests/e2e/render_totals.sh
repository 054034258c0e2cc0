#!/bin/bash
# render_totals.sh: the totals a map prints are those of what it draws.
# With --bbox leaving Kerman (94 killed) off the map, the subtitle counts
# the 7 incidents and 9 deaths drawn and says "1 more outside the map";
# the title names only the countries drawn; the legend counts only the
# types drawn; the filters change the totals the same way.
source "$(dirname "$0")/lib.bash"
command -v pdftotext >/dev/null || skip "no pdftotext (poppler-utils)"
IN=$INCIMAP_SRC/tests/fixtures/io/incidents.geojson
cd "$T" || fail "cannot enter $T"

expect_exit 0 "$INCIMAP" render "$IN" -o all.pdf
pdftotext -enc UTF-8 all.pdf all.txt
grep -q "^8 incidents .* 103 killed" all.txt || fail "whole map: $(sed -n 2,3p all.txt)"
grep -q "more outside the map" all.txt && fail "whole map says some are outside"

expect_exit 0 "$INCIMAP" render "$IN" --bbox 38,29,49,38 -o iq.pdf
pdftotext -enc UTF-8 iq.pdf iq.txt
grep -q "^7 incidents .* 9 killed, 20 injured · 1 more outside the map$" iq.txt ||
	fail "--bbox map: $(grep incidents iq.txt)"
grep -q "^Security incidents in Iraq and Syria," iq.txt || fail "title: $(grep -m1 Security iq.txt)"
grep -q "Explosions/Remote violence (2)" iq.txt || fail "legend counts what is off the map"

# a filter gives the same totals with nothing "outside"
expect_exit 0 "$INCIMAP" render "$IN" --bbox-only 35,29,49,38 -o f.pdf
pdftotext -enc UTF-8 f.pdf f.txt
grep -q "^7 incidents .* 9 killed, 20 injured$" f.txt || fail "--bbox-only map: $(grep incidents f.txt)"
pass
