#!/bin/bash
# render_cli.sh: `incimap render` end to end: PNG, PDF and SVG from GeoJSON,
# CSV and stdin; the same input gives the same bytes in separate runs; text
# in the PDF; and every bad input a clear message, exit 1, nothing left.
source "$(dirname "$0")/lib.bash"

SHAPES="$INCIMAP_SRC/shapes"
IN="$T/incidents.geojson"
cat >"$IN" <<'EOF'
{"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [47.7833, 30.5085]},
 "properties": {"id": "t1", "event_date": "2024-03-12", "time_precision": 1, "event_type": "Explosions/Remote violence",
  "place": "Basra", "country": "IQ", "geo_precision": 1, "fatalities": 5, "injuries": 12,
  "sources": [{"id": "r1", "file": "r1.txt"}]}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.3922, 35.4681]},
 "properties": {"id": "t2", "event_date": "2024-04-15", "time_precision": 1, "event_type": "Violence against civilians",
  "place": "Kirkuk", "country": "IQ", "geo_precision": 1, "fatalities": 1, "injuries": null,
  "sources": [{"id": "r2", "file": "r2.txt"}]}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.9367, 33.9783]},
 "properties": {"id": "t3", "event_date": "2024-02-17", "time_precision": 1, "event_type": "Battles",
  "place": "Muqdadiyah", "country": "IQ", "geo_precision": 2, "fatalities": 3, "injuries": 2,
  "sources": [{"id": "r3", "file": "r3.txt"}]}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [43.3, 32.4]},
 "properties": {"id": "t4", "event_date": "2024-06-01", "time_precision": 3, "event_type": "Protests",
  "place": "Anbar", "country": "IQ", "geo_precision": 3, "fatalities": 0, "injuries": 0,
  "sources": [{"id": "r4", "file": "r4.txt"}]}}
]}
EOF

# The three formats, each twice in separate runs: the same bytes.
for ext in png pdf svg; do
	expect_exit 0 "$INCIMAP" render "$IN" -o "$T/a.$ext" --shapes "$SHAPES" -q
	expect_exit 0 "$INCIMAP" render "$IN" -o "$T/b.$ext" --shapes "$SHAPES" -q
	cmp -s "$T/a.$ext" "$T/b.$ext" || fail "two renders of the same input differ ($ext)"
done
head -c 8 "$T/a.png" | od -An -c | grep -q 'P   N   G' || fail "a.png is not a PNG"
head -c 5 "$T/a.pdf" | grep -q '%PDF-' || fail "a.pdf is not a PDF"
grep -q '<svg' "$T/a.svg" || fail "a.svg is not SVG"
no_partial "$T"

# The text of the PDF: title, legend, labels, attribution.
if command -v pdftotext >/dev/null; then
	expect_exit 0 "$INCIMAP" render "$IN" -o "$T/t.pdf" --title "Test briefing" --paper a4 --shapes "$SHAPES" -q
	pdftotext -enc UTF-8 "$T/t.pdf" "$T/t.txt" || fail "pdftotext failed"
	for want in "Test briefing" "4 incidents" "Explosions/Remote violence (1)" "Battles (1)" \
		"Basra" "Kirkuk" "Muqdadiyah" "Anbar (province)" "Natural Earth" "GeoNames" "On First"; do
		grep -qF "$want" "$T/t.txt" || fail "PDF text lacks '$want'"
	done
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$T/t.pdf" | grep -q 'Page size: *841.89 x 595.276' || fail "--paper a4 is not A4 landscape"
		pdfinfo "$T/t.pdf" | grep -q 'CreationDate: .*2024' || fail "PDF creation date is not the data's"
	fi
fi

# CSV and stdin give the same map as the GeoJSON.
expect_exit 0 "$INCIMAP" convert "$IN" "$T/in.csv"
expect_exit 0 "$INCIMAP" render "$T/in.csv" -o "$T/c.png" --shapes "$SHAPES" -q
cmp -s "$T/a.png" "$T/c.png" || fail "CSV input gives another map"
"$INCIMAP" render - -o "$T/s.png" --shapes "$SHAPES" -q <"$IN" 2>"$ERR" || fail "stdin input failed"
cmp -s "$T/a.png" "$T/s.png" || fail "stdin input gives another map"

# Empty input: a map that says so.
: >"$T/empty.geojson"
expect_exit 0 "$INCIMAP" render "$T/empty.geojson" -o "$T/empty.pdf" --shapes "$SHAPES"
expect_msg "empty file"
echo '{"type": "FeatureCollection", "features": []}' >"$T/none.geojson"
expect_exit 0 "$INCIMAP" render "$T/none.geojson" -o "$T/none.pdf" --shapes "$SHAPES"
if command -v pdftotext >/dev/null; then
	pdftotext "$T/empty.pdf" - | grep -q "No incidents" || fail "empty map does not say 'No incidents'"
	pdftotext "$T/none.pdf" - | grep -q "No incidents" || fail "empty map does not say 'No incidents'"
fi

# Beyond the base map: drawn, with a warning.
cat >"$T/arctic.geojson" <<'EOF'
{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [20, 88.5]},
 "properties": {"id": "n1", "event_type": "Protests", "place": "Ice camp", "geo_precision": 1}}]}
EOF
expect_exit 0 "$INCIMAP" render "$T/arctic.geojson" -o "$T/arctic.png" --shapes "$SHAPES"
expect_msg "beyond the base map"

# An unknown CRS.
expect_exit 1 "$INCIMAP" render "$IN" -o "$T/crs.png" --crs EPSG:999999 --shapes "$SHAPES"
expect_msg "^incimap: --crs 'EPSG:999999'"
[ -e "$T/crs.png" ] && fail "a failed render left crs.png"
expect_exit 1 "$INCIMAP" render "$IN" -o "$T/crs.png" --crs "+proj=nonsense" --shapes "$SHAPES"
expect_msg "nonsense"
# A CRS by code works.
expect_exit 0 "$INCIMAP" render "$IN" -o "$T/utm.png" --crs EPSG:32638 --shapes "$SHAPES" -q

# Sizes: zero is bad usage; too many pixels a clear failure.
expect_exit 2 "$INCIMAP" render "$IN" -o "$T/w.png" --width 0
expect_exit 1 "$INCIMAP" render "$IN" -o "$T/w.png" --width 20000 --height 20000 --shapes "$SHAPES"
expect_msg "limit"
[ -e "$T/w.png" ] && fail "a failed render left w.png"

# Unwritable output.
expect_exit 1 "$INCIMAP" render "$IN" -o /nonexistent-dir/map.png --shapes "$SHAPES"
expect_msg "^incimap: /nonexistent-dir/map.png: cannot write"
expect_exit 1 "$INCIMAP" render "$IN" -o "$IN/map.pdf" --shapes "$SHAPES"
expect_msg "cannot write"

# Missing and corrupt shapes.
expect_exit 1 "$INCIMAP" render "$IN" -o "$T/x.png" --shapes "$T/no-shapes"
expect_msg "^incimap: $T/no-shapes: shapes folder missing"
mkdir -p "$T/sh"
cp "$SHAPES"/ne10m_generalized_countries.* "$T/sh/"
rm "$T/sh/ne10m_generalized_countries.dbf"
expect_exit 1 "$INCIMAP" render "$IN" -o "$T/x.png" --shapes "$T/sh"
expect_msg "^incimap: $T/sh/ne10m_generalized_countries.dbf: base-map file missing"
cp "$SHAPES"/ne10m_generalized_countries.dbf "$T/sh/"
head -c 100000 "$SHAPES/ne10m_generalized_countries.shp" >"$T/sh/ne10m_generalized_countries.shp"
# A cut-off .shp is an error whether the quadtree is used (as new as the
# shapes) or not (older than them), however long the steps took.
for age in now 2000-01-01; do
	touch -d "$age" "$T/sh/ne10m_generalized_countries.qix"
	expect_exit 1 "$INCIMAP" render "$IN" -o "$T/x.png" --shapes "$T/sh"
	expect_msg "^incimap: $T/sh/ne10m_generalized_countries.shp: truncated: shape [0-9]+ ends at byte"
done
head -c 50 /dev/urandom >"$T/sh/ne10m_generalized_countries.shp"
expect_exit 1 "$INCIMAP" render "$IN" -o "$T/x.pdf" --shapes "$T/sh"
expect_msg "ne10m_generalized_countries.shp: not a readable shapefile"
[ -e "$T/x.png" ] || [ -e "$T/x.pdf" ] && fail "a failed render left a map"
no_partial "$T"

# The spatial index can be rebuilt in place.
mkdir -p "$T/sh2"
cp "$SHAPES"/*.shp "$SHAPES"/*.shx "$SHAPES"/*.dbf "$T/sh2/"
expect_exit 0 "$INCIMAP" render --build-index --shapes "$T/sh2"
for f in countries states_provinces disputed_borders; do
	[ -s "$T/sh2/ne10m_generalized_$f.qix" ] || fail "--build-index did not write the $f index"
done
cmp -s "$T/sh2/ne10m_generalized_countries.qix" "$SHAPES/ne10m_generalized_countries.qix" ||
	fail "the shipped index is not what --build-index writes"
no_partial "$T/sh2"

pass
