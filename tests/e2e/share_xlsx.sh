#!/bin/bash
# share_xlsx.sh: the Excel workbook (-o .xlsx, libxlsxwriter), opened as
# what it is (a zip of XML parts) and checked: typed cells (dates as
# dates, numbers as numbers, text as text, never a formula), the header
# frozen with an autofilter, widths that fit, the summary sheet by type and
# province; and the refusals (stdout).
source "$(dirname "$0")/lib.bash"
FIX="$INCIMAP_SRC/tests/fixtures/io"
command -v python3 >/dev/null || skip "python3 is not installed"

cat >"$T/in.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[44.1,33.2]},"properties":{"id":"x1","event_date":"2023-03-14","time_precision":1,"date_text":"on Tuesday","event_type":"Battles","sub_event_type":"Armed clash","place":"Aţ Ţārmīyah","place_text":"=HYPERLINK(\"http://evil.example\")","admin1":"Baghdad","country":"IQ","geo_precision":1,"gazetteer_id":"g1","fatalities":3,"injuries":null,"actors":["@attacker","<script>x</script>"],"sources":[{"url":"https://news.example.org/a?b=1&c=2","date":"2023-03-14","title":"Blast \"kills\" 3"}],"notes":"-5 dead","confidence":0.8}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[44.2,33.3]},"properties":{"id":"x2","event_date":"2023-03-15","time_precision":1,"date_text":null,"event_type":"Battles","sub_event_type":null,"place":"Baghdad","place_text":null,"admin1":"Baghdad","country":"IQ","geo_precision":1,"gazetteer_id":null,"fatalities":5,"injuries":1,"actors":[],"sources":[],"notes":null,"confidence":0.5}},
{"type":"Feature","geometry":null,"properties":{"id":"x3","event_date":null,"time_precision":3,"date_text":null,"event_type":"Protests","sub_event_type":null,"place":null,"place_text":null,"admin1":"Basra","country":"IQ","geo_precision":3,"gazetteer_id":null,"fatalities":null,"injuries":null,"actors":[],"sources":[],"notes":null,"confidence":0.5}}
]}
JSON
expect_exit 0 "$INCIMAP" convert "$T/in.geojson" "$T/inc.xlsx"
python3 - "$T/inc.xlsx" <<'PY' || fail "workbook check failed"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert "xl/worksheets/sheet1.xml" in names and "xl/worksheets/sheet2.xml" in names, names
wb = z.read("xl/workbook.xml").decode()
assert 'name="Incidents"' in wb and 'name="By type and province"' in wb, wb
s1 = z.read("xl/worksheets/sheet1.xml").decode()
def cell(ref, sheet=s1):
    m = re.search(r'<c r="%s"([^>]*?)(?:/>|>(.*?)</c>)' % ref, sheet)
    assert m, "no cell " + ref
    return m.group(1), m.group(2) or ""
# A: id (text), B: event_date (a date: a number with a date style), M: fatalities (number)
attrs, body = cell("B2")
assert 't=' not in attrs and "<v>44999</v>" in body and 's=' in attrs, (attrs, body)
styles = z.read("xl/styles.xml").decode()
assert 'formatCode="yyyy-mm-dd"' in styles, "no date format"
attrs, body = cell("M2")
assert 't=' not in attrs and "<v>3</v>" in body, ("fatalities", attrs, body)
attrs, body = cell("N3")
assert "<v>1</v>" in body, ("injuries", body)
assert not re.search(r'<c r="N2"', s1), "a null count is an empty cell"
attrs, body = cell("T2")
assert "<v>33.2</v>" in body, ("latitude", body)
# Text is text: the formula-looking place stays a string, never <f>.
assert "<f>" not in s1, "a formula in the sheet"
attrs, body = cell("H2")
assert 't="inlineStr"' in attrs or 't="s"' in attrs, attrs
assert "=HYPERLINK(&quot;http://evil.example&quot;)" in body or "=HYPERLINK(\"http://evil.example\")" in body, body
assert "&lt;script&gt;" in s1 and "<script>" not in s1
assert "Aţ Ţārmīyah" in s1
# The header: frozen, filtered; the widths fit (the place column wider than the country's).
assert re.search(r'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"', s1), "no frozen header"
assert '<autoFilter ref="A1:U1048576"/>' in s1, re.findall(r"<autoFilter[^>]*>", s1)
widths = {int(m.group(1)): float(m.group(2)) for m in re.finditer(r'<col min="(\d+)" max="\d+" width="([\d.]+)"', s1)}
assert widths[7] > widths[10] and widths[17] >= 30, widths
# The first source's URL is a link.
rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
assert "https://news.example.org/a?b=1&amp;c=2" in rels, rels
# The summary: by type and province, with totals.
s2 = z.read("xl/worksheets/sheet2.xml").decode()
text = re.sub(r"<[^>]+>", "|", s2)
assert re.search(r"Battles\|+IQ\|+Baghdad\|+2\|+8\|+1", text), text
assert re.search(r"Protests\|+IQ\|+Basra\|+1\|+0\|+0", text), text
assert re.search(r"Total\|+3\|+8\|+1", text), text
assert 'state="frozen"' in s2 and "<autoFilter" in s2
PY
# The whole fixture, and extract writes one too.
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/fx.xlsx"
[ -s "$T/fx.xlsx" ] || fail "no fx.xlsx"
expect_exit 0 "$INCIMAP" extract "$INCIMAP_SRC/examples" -o "$T/ex.xlsx" -q
[ -s "$T/ex.xlsx" ] || fail "extract -o .xlsx"
# Not to stdout; not read back.
expect_exit 2 "$INCIMAP" convert "$T/in.geojson" - --to xlsx
expect_msg "cannot go to standard output"
expect_exit 2 "$INCIMAP" convert "$T/inc.xlsx" "$T/back.geojson"
expect_msg "xlsx is written for people and not read back"
no_partial "$T"
pass
