#!/bin/bash
# render_labels.sh: labels give the place as the report spelt it
# (--labels report, the default: "Basrah", "Makhmour") or the gazetteer's
# name (--labels gazetteer: "Basra", "Makhmur"); a bad value is refused.
source "$(dirname "$0")/lib.bash"
command -v pdftotext >/dev/null || skip "no pdftotext (poppler-utils)"
IN=$INCIMAP_SRC/tests/fixtures/io/incidents.geojson
cd "$T" || fail "cannot enter $T"
expect_exit 0 "$INCIMAP" render "$IN" -q -o rep.pdf
pdftotext -enc UTF-8 rep.pdf rep.txt
grep -q "^Basrah$" rep.txt || fail "--labels report: no 'Basrah' label: $(grep -i basr rep.txt)"
grep -q "^Basra$" rep.txt && fail "--labels report: the gazetteer's 'Basra' is the label"
expect_exit 0 "$INCIMAP" render "$IN" -q -o gaz.pdf --labels gazetteer
pdftotext -enc UTF-8 gaz.pdf gaz.txt
grep -q "^Basra$" gaz.txt || fail "--labels gazetteer: no 'Basra' label: $(grep -i basr gaz.txt)"
grep -q "^Basrah$" gaz.txt && fail "--labels gazetteer: the report's 'Basrah' is the label"
expect_exit 2 "$INCIMAP" render "$IN" -o bad.pdf --labels english
expect_msg "^incimap: render: --labels wants report or gazetteer, not 'english'$"
[ ! -e bad.pdf ] || fail "a refused render wrote its map"
pass
