#!/bin/bash
# share_kml.sh: KML and KMZ for Google Earth: OGC KML 2.2 that GDAL reads
# (ogrinfo), a folder per event type, a style per type and size, a
# TimeStamp per dated incident, an escaped HTML description, and `convert`
# reading both back to the same incidents.
source "$(dirname "$0")/lib.bash"
FIX="$INCIMAP_SRC/tests/fixtures/io"
command -v ogrinfo >/dev/null || skip "ogrinfo (gdal-bin) is not installed"
command -v xmllint >/dev/null || skip "xmllint (libxml2-utils) is not installed"

cat >"$T/evil.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[44.1,33.2]},"properties":{"id":"e1","event_date":"2023-03-14","time_precision":1,"date_text":"on Tuesday","event_type":"Battles","sub_event_type":"Armed clash","place":"Aţ Ţārmīyah </name><script>alert(1)</script>","place_text":"\"quoted\" & 'single'","admin1":"بغداد","country":"IQ","geo_precision":1,"gazetteer_id":null,"fatalities":40,"injuries":2,"actors":["<b>bold</b>"],"sources":[{"id":"s1","url":"javascript:alert(1)","title":"not a link"},{"url":"https://news.example.org/x?a=1&b=2","title":"a <i>link</i>","date":"2023-03-14"}],"notes":"]]> <![CDATA[ x","confidence":0.5}}
]}
JSON
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/inc.kml"
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/inc.kmz"
xmllint --noout "$T/inc.kml" || fail "KML is not well-formed XML"
grep -q '<kml xmlns="http://www.opengis.net/kml/2.2">' "$T/inc.kml" || fail "not KML 2.2"
n_pm=$(grep -c '<Placemark>' "$T/inc.kml")
[ "$n_pm" -eq 8 ] || fail "8 placemarks, got $n_pm"
# A folder per type present, named with its count; styles from the table.
grep -q '<Folder><name>Explosions/Remote violence (3)</name>' "$T/inc.kml" || fail "folder per type"
grep -q '<Style id="t0-[0-9]*"><IconStyle><color>ff005ed5</color>' "$T/inc.kml" ||
	fail "Explosions drawn in the table's orange (#d55e00 as aabbggrr)"
[ "$(grep -c '<TimeStamp><when>20[0-9-]*</when></TimeStamp>' "$T/inc.kml")" -ge 7 ] ||
	fail "a TimeStamp per dated incident"
# GDAL reads both: one layer per folder, every placemark.
ogrinfo -ro -al -so "$T/inc.kml" >"$T/info" 2>&1 || fail "ogrinfo cannot read the KML: $(head -5 "$T/info")"
total=$(awk '/^Feature Count:/ { s += $3 } END { print s + 0 }' "$T/info")
[ "$total" -eq 8 ] || fail "ogrinfo counts $total features in the KML"
ogrinfo -ro -al -so "$T/inc.kmz" >"$T/info2" 2>&1 || fail "ogrinfo cannot read the KMZ"
total=$(awk '/^Feature Count:/ { s += $3 } END { print s + 0 }' "$T/info2")
[ "$total" -eq 8 ] || fail "ogrinfo counts $total features in the KMZ"
if command -v unzip >/dev/null; then
	unzip -l "$T/inc.kmz" | grep -q ' doc.kml$' || fail "the KMZ holds doc.kml"
fi
# Back with convert: the same incidents (grouped by type, so sorted here).
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$T/ref.geojsons"
for k in kml kmz; do
	expect_exit 0 "$INCIMAP" convert "$T/inc.$k" "$T/back-$k.geojsons"
	cmp -s <(sort "$T/ref.geojsons") <(sort "$T/back-$k.geojsons") || fail "$k round trip"
done

# Every user string escaped; only http(s) sources are links.
expect_exit 0 "$INCIMAP" convert "$T/evil.geojson" "$T/evil.kml"
xmllint --noout "$T/evil.kml" || fail "hostile text broke the XML"
grep -q '<script>' "$T/evil.kml" && fail "a raw <script> in the KML"
desc=$(xmllint --xpath 'string(//*[local-name()="description"])' "$T/evil.kml")
case $desc in *'<script>'* | *'<b>bold'* | *'<i>link'* | *'href="javascript'*) fail "markup got through: $desc" ;; esac
case $desc in *'&lt;script&gt;alert(1)'*) ;; *) fail "escaped place in the description: $desc" ;; esac
case $desc in *'<a href="https://news.example.org/x?a=1&amp;b=2">a &lt;i&gt;link&lt;/i&gt;</a>'*) ;;
*) fail "the https source is a link: $desc" ;; esac
grep -q '<styleUrl>#t1-[0-9]*</styleUrl>' "$T/evil.kml" || fail "Battles style"
expect_exit 0 "$INCIMAP" convert "$T/evil.kml" "$T/evil-back.geojson"
expect_exit 0 "$INCIMAP" convert "$T/evil.geojson" "$T/evil-ref.geojson"
cmp -s "$T/evil-ref.geojson" "$T/evil-back.geojson" || fail "hostile text round trip"
# Bigger by fatalities: 40 deaths draw larger than none.
s40=$(grep -o '<Style id="t1-[0-9]*"><IconStyle><color>[0-9a-f]*</color><scale>[0-9.]*' "$T/evil.kml" | sed 's/.*<scale>//')
s0=$(grep -o '<scale>[0-9.]*' "$T/inc.kml" | sed 's/<scale>//' | sort -n | head -1)
awk -v a="$s40" -v b="$s0" 'BEGIN { exit !(a > b) }' || fail "scale $s40 for 40 deaths, $s0 for the least"
# extract writes it too.
expect_exit 0 "$INCIMAP" extract "$INCIMAP_SRC/examples" -o "$T/ex.kmz" -q
[ -s "$T/ex.kmz" ] || fail "extract -o .kmz"
no_partial "$T"
pass
