#!/bin/bash
# render_time.sh: time on the map, through the CLI: --by week draws a map
# per ISO week (the empty one too) titled with its period and figures,
# totals that add up, undated incidents said to be in no map; --timeline
# counts what the map draws; --by-pages puts a week on each page of a PDF; --aggregate admin1 says what it could not
# shade (with the gazetteer, Nineveh is Natural Earth's Ninawa: only the
# incident with no province is left out). Checked in the PDF's text.
source "$(dirname "$0")/lib.bash"
command -v pdftotext >/dev/null || skip "no pdftotext (poppler-utils)"
IN=$INCIMAP_SRC/tests/fixtures/render/weeks.geojson
cd "$T" || fail "cannot enter $T"
txt() { pdftotext -enc UTF-8 "$1" - | tr -s ' \n' ' '; }

expect_exit 0 "$INCIMAP" render "$IN" --by week -o by.pdf -q
t=$(txt by.pdf)
for want in "Week 10, 2024 (4–10 Mar) 9 incidents, 44 killed" "Week 12, 2024 (18–24 Mar) 0 incidents" \
	"Week 15, 2024 (8–14 Apr)" "47 incidents · 4 Mar – 12 Apr 2024 · 149 killed · 1 undated, in no map"; do
	case $t in *"$want"*) ;; *) fail "--by week: no '$want' in: ${t:0:600}" ;; esac
done
case $t in *"Week 16"* | *"Week 9,"*) fail "--by week: a week outside the dates" ;; esac

# with --bbox, what is off the map is counted apart, in the panels too
expect_exit 0 "$INCIMAP" render "$IN" --by week --bbox 42,32,46,37 -o box.pdf -q
t=$(txt box.pdf)
case $t in *"more outside the map"*) ;; *) fail "--by with --bbox: nothing said outside: ${t:0:300}" ;; esac

# --by-pages: a page per week, each titled with it, its own totals
expect_exit 0 "$INCIMAP" render "$IN" --by week --by-pages -o pages.pdf -q
if command -v pdfinfo >/dev/null; then
	pdfinfo pages.pdf | grep -q "^Pages: *6$" || fail "--by-pages: $(pdfinfo pages.pdf | grep Pages)"
fi
t=$(pdftotext -f 2 -l 2 -enc UTF-8 pages.pdf - | tr -s ' \n' ' ')
case $t in *"4 Mar – 12 Apr 2024 — Week 11, 2024 (11–17 Mar)"*"8 incidents · 11–17 Mar 2024 · 20 killed · 1 undated, in no map"*) ;;
*) fail "--by-pages, page 2: ${t:0:400}" ;; esac
t=$(pdftotext -f 3 -l 3 -enc UTF-8 pages.pdf - | tr -s ' \n' ' ')
case $t in *"Week 12, 2024"*"0 incidents"*"No incidents"*) ;; *) fail "--by-pages, page 3: ${t:0:400}" ;; esac

expect_exit 0 "$INCIMAP" render "$IN" --timeline=week -o tl.pdf -q
t=$(txt tl.pdf)
case $t in *"Incidents per week (47)"*"Fatalities per week (149)"*"1 undated incident not shown"*) ;;
*) fail "--timeline: ${t:0:600}" ;; esac

expect_exit 0 "$INCIMAP" render "$IN" --aggregate admin1 -o adm.pdf -q
t=$(txt adm.pdf)
case $t in *"Incidents per province"*"1 incident with no province known: in no shade"*) ;;
*) fail "--aggregate admin1: ${t:0:600}" ;; esac
pass
