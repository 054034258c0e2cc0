#!/bin/bash
# share_hostile.sh: text that tries to become markup or a formula —
# <script>, an <img> with onerror, quotes, "]]>", "=cmd|" and its cousins —
# fed through every text property (names, place, province, actors, source
# titles and URLs, notes) reaches none of the formats for sharing as
# anything but text: the KML's and KMZ's balloons hold only incimap's own
# tags with each string intact as text, the workbook holds no formula and
# each string as a cell's exact value, the CSV for people neutralises every
# formula-looking cell.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null || skip "python3 is not installed"

cat >"$T/hostile.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[44.1,33.2]},"properties":{"id":"h1","event_date":"2024-03-14","time_precision":1,"date_text":"=cmd|' /C calc'!A0","event_type":"Battles","sub_event_type":"<img src=x onerror=alert(1)>","place":"<script>alert(\"place\")</script>","place_text":"]]> <![CDATA[ \"quoted\" & 'single'","admin1":"=cmd|' /C calc'!A0","country":"IQ","geo_precision":1,"gazetteer_id":null,"fatalities":3,"injuries":null,"actors":["+SUM(1,1)","@attacker","<b>bold</b>"],"sources":[{"url":"javascript:alert(1)","title":"<script>alert(\"title\")</script>"},{"url":"https://news.example.org/a?b=1&c=\"2\"","title":"]]> \"quoted\" title","date":"2024-03-14"}],"notes":"-2+3 ]]> </blockquote><script>alert(\"notes\")</script>","confidence":0.5}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[44.3,33.4]},"properties":{"id":"h2","event_date":"2024-03-15","time_precision":2,"date_text":null,"event_type":"Protests","sub_event_type":null,"place":"\"><script>alert(2)</script>","place_text":null,"admin1":"]]>","country":"IQ","geo_precision":2,"gazetteer_id":null,"fatalities":null,"injuries":1,"actors":[],"sources":[],"notes":"@SUM(A1:A9)","confidence":0.4}}
]}
JSON

expect_exit 0 "$INCIMAP" convert "$T/hostile.geojson" "$T/h.kml"
expect_exit 0 "$INCIMAP" convert "$T/hostile.geojson" "$T/h.kmz"
expect_exit 0 "$INCIMAP" convert "$T/hostile.geojson" "$T/h.xlsx"
expect_exit 0 "$INCIMAP" convert "$T/hostile.geojson" "$T/h.csv" --excel

python3 - "$T" <<'PY' || fail "hostile text got through (see above)"
import csv, io, json, re, sys, zipfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

T = sys.argv[1]
feats = json.load(open(T + "/hostile.geojson"))["features"]
texts = set()
for f in feats:
    p = f["properties"]
    for k in ("date_text", "sub_event_type", "place", "place_text", "admin1", "notes"):
        if p[k]:
            texts.add(p[k])
    texts.update(p["actors"])
    texts.update(s["title"] for s in p["sources"])

# KML and KMZ: the balloon is HTML with only incimap's tags; every string
# is text in it, exactly; links only to http(s).
OWN_TAGS = {"b", "br", "blockquote", "ul", "li", "a", "small"}
class Balloon(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.hrefs, self.text = [], [], ""
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            assert tag == "a" and k == "href", ("attribute", tag, k, v)
            self.hrefs.append(v)
    def handle_data(self, d):
        self.text += d

def check_kml(data, label):
    assert b"<script" not in data and b"<img" not in data, label + ": raw markup in the file"
    root = ET.fromstring(data)  # well-formed despite "]]>" and quotes
    ns = "{http://www.opengis.net/kml/2.2}"
    seen = ""
    for d in root.iter(ns + "description"):
        b = Balloon()
        b.feed(d.text)
        b.close()
        assert set(b.tags) <= OWN_TAGS, (label, "foreign tags", set(b.tags) - OWN_TAGS)
        assert all(h.startswith("https://") for h in b.hrefs), (label, b.hrefs)
        seen += b.text + "\n"
    for t in texts:
        for part in t.split("; "):
            assert part in seen, (label, "missing from the balloons", part)
    # ExtendedData holds each value exactly, for the reader.
    values = {v.text for v in root.iter(ns + "value")}
    for t in ("<script>alert(\"place\")</script>", "]]>", "=cmd|' /C calc'!A0"):
        assert t in values, (label, "ExtendedData", t)

check_kml(open(T + "/h.kml", "rb").read(), "kml")
check_kml(zipfile.ZipFile(T + "/h.kmz").read("doc.kml"), "kmz")

# XLSX: no formula anywhere; every string is a cell's exact text.
z = zipfile.ZipFile(T + "/h.xlsx")
main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(main + "si"):
        shared.append("".join(t.text or "" for t in si.iter(main + "t")))
cells = set()
for sheet in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
    raw = z.read(sheet)
    assert b"<script" not in raw, sheet + ": raw <script>"
    for c in ET.fromstring(raw).iter(main + "c"):
        assert c.find(main + "f") is None, (sheet, "a formula", c.attrib)
        if c.get("t") == "s":
            cells.add(shared[int(c.find(main + "v").text)])
        elif c.get("t") == "inlineStr":
            cells.add("".join(t.text or "" for t in c.iter(main + "t")))
        elif c.get("t") == "str":
            raise AssertionError((sheet, "a formula result cell", c.attrib))
titles = {s["title"] for f in feats for s in f["properties"]["sources"]}
for t in texts - titles - {"+SUM(1,1)", "@attacker", "<b>bold</b>"}:
    assert t in cells, ("xlsx: not a cell's exact text", t)
assert "+SUM(1,1); @attacker; <b>bold</b>" in cells, "xlsx: the actors cell"
for t in titles:  # in the readable sources cell, "title (date) url"
    assert any(line.startswith(t) for c in cells for line in c.split("\n")), ("xlsx: source title", t)

# The CSV for people: every text cell a spreadsheet would run starts with
# an apostrophe; the strings are otherwise intact.
raw = open(T + "/h.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "csv: no byte order mark"
rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
head = rows[0]
numeric = {"time_precision", "geo_precision", "fatalities", "injuries", "confidence",
           "latitude", "longitude"}
for r in rows[1:]:
    for name, v in zip(head, r):
        if name in numeric or not v:
            continue
        assert v[0] not in "=+-@\t\r", ("csv: a live formula", name, v)
flat = [v for r in rows[1:] for v in r]
assert "'=cmd|' /C calc'!A0" in flat, "csv: =cmd| not neutralised as expected"
assert "'-2+3 ]]> </blockquote><script>alert(\"notes\")</script>" in flat, "csv: notes"
assert "'@SUM(A1:A9)" in flat, "csv: @ not neutralised"
PY
no_partial "$T"
pass
