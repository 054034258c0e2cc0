#!/bin/bash
# brief_pack.sh: `incimap brief`: the pack's text read back with poppler
# (title, Arabic, totals that match the incidents, the list in date order,
# page numbers, footer), its fonts embedded, the same bytes twice, the CSV
# tables, the list cut with a note, a pack of no incidents, and the page
# renders against golden images (docs/brief.md).
source "$(dirname "$0")/lib.bash"
command -v pdftotext >/dev/null && command -v pdffonts >/dev/null &&
	command -v pdftoppm >/dev/null || skip "poppler-utils (pdftotext, pdffonts, pdftoppm) not installed"
command -v python3 >/dev/null || skip "python3 not installed"
cd "$T" || fail "cannot enter $T"
FX="$INCIMAP_SRC/tests/fixtures"
mkdir gaz && cp "$FX"/gaz/*.txt gaz/ # its index is built here, not in the source tree
export SOURCE_DATE_EPOCH=1765000000 # 6 Dec 2025, 05:46:40 UTC
# The io fixture, one place spelt in Arabic by its report.
python3 - "$FX/io/incidents.geojson" >inc.geojson <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["features"][1]["properties"]["place_text"] = "الموصل"
json.dump(d, sys.stdout, ensure_ascii=False)
EOF
TITLE='تقرير أمني: Iraq 2023'
expect_exit 0 "$INCIMAP" brief inc.geojson -o pack.pdf --title "$TITLE" --tables tables \
	--gazetteer gaz
[ -s pack.pdf ] || fail "no pack written"
no_partial .

# Pages: the map, the summary, the list.
pages=$(pdfinfo pack.pdf | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 3 ] || fail "pack has $pages pages, wanted at least 3"
for p in $(seq 1 "$pages"); do
	pdftotext -f "$p" -l "$p" -layout pack.pdf "p$p.txt"
	grep -q "Page $p of $pages" "p$p.txt" || fail "page $p has no 'Page $p of $pages'"
	grep -q "Generated 6 Dec 2025 by incimap" "p$p.txt" || fail "page $p: no generation date in the footer"
	grep -q "Incidents: 10 Mar 2023 – 3 Jan 2024 (1 undated)" "p$p.txt" ||
		fail "page $p: no date range in the footer"
done
# pdftotext gives a line of mixed scripts in display order, the Arabic run
# between bidi marks (U+202A..U+202E): the words come back whole.
pdftotext pack.pdf - | sed 's/\xe2\x80[\xaa-\xae]//g' >all.txt
grep -F "تقرير أمني" all.txt | grep -q -F "Iraq 2023" ||
	fail "the Arabic title does not come back from the PDF's text"
grep -q -F "الموصل" p3.txt || fail "the Arabic place name does not come back from the list"
grep -q -F "$TITLE" <(pdfinfo pack.pdf) || fail "the PDF's title is not the pack's"

# Fonts: every one embedded.
pdffonts pack.pdf | tail -n +3 >fonts.txt
[ -s fonts.txt ] || fail "pdffonts lists no font"
awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit bad }' fonts.txt ||
	fail "a font is not embedded: $(cat fonts.txt)"
grep -q "NotoSansArabic" fonts.txt || fail "no Arabic font in the pack: $(cat fonts.txt)"

# Totals on page 2 and in summary.csv match the incidents.
read -r n fat inj < <(python3 -c '
import json, sys
f = [x["properties"] for x in json.load(open("inc.geojson"))["features"]]
print(len(f), sum(p["fatalities"] or 0 for p in f), sum(p["injuries"] or 0 for p in f))')
[ "$(grep -o -E "Total +$n +$fat +$inj( |$)" p2.txt | wc -l)" -eq 2 ] ||
	fail "page 2 has not two 'Total $n $fat $inj' rows: $(grep Total p2.txt)"
grep -q -x -F "total,,Total,$n,$fat,$inj"$'\r' tables/summary.csv ||
	fail "summary.csv total is not $n,$fat,$inj: $(tail -1 tables/summary.csv)"
grep -q -F "type,,Explosions/Remote violence,3,97," tables/summary.csv ||
	fail "summary.csv: the explosions' row is wrong"
csv_rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$1"; }
[ "$(csv_rows tables/incidents.csv)" -eq "$n" ] || fail "incidents.csv has not $n rows"

# The list: every incident, by date, the undated one last.
cat p[3-9].txt 2>/dev/null | grep -o -E '^ *([0-9]{4}-[0-9]{2}-[0-9]{2}|undated)' | tr -d ' ' >dates.txt
[ "$(wc -l <dates.txt)" -eq "$n" ] || fail "the list has $(wc -l <dates.txt) rows, wanted $n"
[ "$(tail -1 dates.txt)" = undated ] || fail "the undated incident is not last"
grep -v undated dates.txt | sort -c || fail "the list is not in date order: $(tr '\n' ' ' <dates.txt)"
grep -q "Roadside bomb hits patrol in Basra" p3.txt || fail "the list does not give the source's title"
grep -q "https://news.example.org/basra-blast" p3.txt || fail "the list does not give the source's URL"

# The same input gives the same bytes (not a memory question: not under
# valgrind, where each pack takes a minute).
if [ -z "${INCIMAP_UNDER_VALGRIND:-}" ]; then
	"$INCIMAP" brief inc.geojson -o again.pdf --title "$TITLE" --gazetteer gaz -q ||
		fail "second run failed"
	cmp -s pack.pdf again.pdf || fail "two runs gave different PDFs"
fi

# Golden renders of the text pages (50 dpi): the summary and the list.
# BRIEF_GOLDEN=DIR copies them there, to look at or to refresh the goldens.
for p in 2 3; do
	pdftoppm -png -r 50 -f $p -l $p -singlefile pack.pdf "page$p"
	[ -n "${BRIEF_GOLDEN:-}" ] && cp "page$p.png" "$BRIEF_GOLDEN/"
	cmp -s "page$p.png" "$FX/brief/page$p.png" ||
		fail "page $p differs from tests/fixtures/brief/page$p.png"
done

# --by month: small multiples on page 1, the timeline of page 2 by month.
expect_exit 0 "$INCIMAP" brief inc.geojson -o by.pdf --by month --gazetteer gaz -q
pdftotext -f 1 -l 1 by.pdf by1.txt
pdftotext -f 2 -l 2 by.pdf by2.txt
grep -q "^March 2023" by1.txt || fail "--by month: no 'March 2023' panel on page 1"
grep -q "^January 2024" by1.txt || fail "--by month: no 'January 2024' panel on page 1"
grep -q "Incidents per month" by2.txt || fail "--by month: page 2's timeline is not by month"

# A long list is cut, with a note that says where the rest is.
python3 - >many.geojsons <<'EOF'
import json
for i in range(40):
    p = {"id": "im-many-%02d" % i, "event_date": "2024-02-%02d" % (1 + i % 28),
         "event_type": "Battles", "sub_event_type": "Armed clash", "place": "Kirkuk",
         "admin1": "Kirkuk", "country": "IQ", "geo_precision": 1, "fatalities": i % 3,
         "injuries": None, "actors": [], "sources": [], "confidence": 0.5}
    f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.39, 35.47]},
         "properties": p}
    print("\x1e" + json.dumps(f))
EOF
expect_exit 0 "$INCIMAP" brief many.geojsons -o many.pdf --list-max 10 --tables mt -q
pdftotext -layout many.pdf many.txt
grep -q "The first 10 of 40 incidents by date; the 30 more are in the CSV" many.txt ||
	fail "no note of the incidents left out of the list"
[ "$(grep -c -E '^ *2024-02-[0-9]{2}' many.txt)" -eq 10 ] || fail "the list is not cut at 10"
[ "$(csv_rows mt/incidents.csv)" -eq 40 ] || fail "incidents.csv is cut too"

# Filters that leave nothing: a pack that says so, and a warning.
expect_exit 0 "$INCIMAP" brief inc.geojson -o none.pdf --since 2030-01-01
expect_msg "warning: no incidents pass the filters: the pack says so"
pdftotext none.pdf none.txt
grep -q "No incidents" none.txt || fail "the empty pack does not say 'No incidents'"
grep -q "8 more left out by the filters" none.txt || fail "the empty pack does not count what the filters left out"

# -o FILE.html: the pack's interactive map, the very page render writes
# from the same incidents, options and filters; its tables beside it.
expect_exit 0 "$INCIMAP" brief inc.geojson -o pack.html --title "$TITLE" --since 2023-01-01 \
	--tables htables --gazetteer gaz -q
expect_exit 0 "$INCIMAP" render inc.geojson -o render.html --title "$TITLE" --since 2023-01-01 \
	--gazetteer gaz -q
[ -s pack.html ] || fail "brief -o .html wrote nothing"
cmp -s pack.html render.html || fail "brief's .html is not the map render writes"
grep -q "Content-Security-Policy" pack.html || fail "brief's .html has no security policy"
[ -s htables/summary.csv ] || fail "no tables beside brief's .html"
[ -e pack.pdf.html ] && fail "a stray file"

# A failed pack leaves the tables unwritten too.
echo "a file" >notdir
expect_exit 1 "$INCIMAP" brief inc.geojson -o nodir/x.pdf --tables fresh -q
[ -e fresh/summary.csv ] && fail "tables written for a pack that failed"
pass
