#!/bin/bash
# map_pipeline.sh: `incimap map` end to end over examples/: every output is
# there, GDAL (the reader QGIS uses) reads the layer as WGS 84 points with
# DESIGN.md's fields, and bad inputs get one clear line and the right status.
source "$(dirname "$0")/lib.bash"
command -v ogrinfo >/dev/null || skip "ogrinfo (gdal-bin) is not installed"

out="$T/out"
expect_exit 0 "$INCIMAP" map "$INCIMAP_SRC/examples" -o "$out" -q
for f in incidents.geojson incidents.qml map.png map.pdf map.html incidents.kml incidents.xlsx; do
	[ -s "$out/$f" ] || fail "map wrote no $f"
done
# The KML and the workbook hold the same incidents as the GeoJSON.
n_geo=$(grep -o '"type":"Feature"' "$out/incidents.geojson" | wc -l)
[ "$n_geo" -gt 0 ] || fail "no incidents in the examples"
[ "$(grep -c '<Placemark>' "$out/incidents.kml")" -eq "$n_geo" ] || fail "KML placemarks != $n_geo incidents"
python3 - "$out/incidents.xlsx" "$n_geo" <<'PY' || fail "the workbook does not hold the incidents"
import re, sys, zipfile
s1 = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
rows = re.findall(r'<row r="(\d+)"', s1)
assert len(rows) == int(sys.argv[2]) + 1, (len(rows), sys.argv[2])
PY
no_partial "$out"
file "$out/map.png" 2>/dev/null | grep -q PNG || head -c 8 "$out/map.png" | grep -q PNG ||
	fail "map.png is not a PNG"
head -c 5 "$out/map.pdf" | grep -q '%PDF-' || fail "map.pdf is not a PDF"

# GDAL sees Point features in WGS 84 with the contract's fields.
ogrinfo -ro -al -so "$out/incidents.geojson" >"$T/info" 2>&1 || fail "ogrinfo cannot read the layer"
grep -q 'Geometry: Point' "$T/info" || fail "layer is not Point: $(cat "$T/info")"
grep -q 'Feature Count: [1-9]' "$T/info" || fail "layer has no features"
grep -q -E 'WGS 84|WGS84|CRS84' "$T/info" || fail "layer CRS is not WGS 84"
for field in id event_date time_precision date_text event_type sub_event_type place \
	place_text admin1 country geo_precision gazetteer_id fatalities injuries actors \
	sources notes confidence; do
	grep -q -E "^$field: " "$T/info" || fail "field $field missing: $(cat "$T/info")"
done
grep -q -E '^event_date: Date' "$T/info" || fail "event_date is not typed Date"
grep -q -E '^fatalities: Integer' "$T/info" || fail "fatalities is not Integer"
grep -q -E '^actors: StringList' "$T/info" || fail "actors is not StringList"

# The same input gives the same GeoJSON, byte for byte.
expect_exit 0 "$INCIMAP" map "$INCIMAP_SRC/examples" -o "$T/out2" -q
cmp -s "$out/incidents.geojson" "$T/out2/incidents.geojson" || fail "two runs differ"

# stdin: one article.
printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' |
	"$INCIMAP" map -o "$T/stdin" -q >"$OUT" 2>"$ERR" || fail "map from stdin failed"
grep -q '"Basra' "$T/stdin/incidents.geojson" || fail "stdin article not mapped"

# Bad inputs: missing file, empty file, empty folder, folder without articles.
expect_exit 1 "$INCIMAP" map "$T/no-such-file.txt" -o "$T/o1" -q
expect_msg "^incimap: $T/no-such-file.txt: cannot open"
[ -e "$T/o1/incidents.geojson" ] && fail "outputs written for a missing input"
: >"$T/empty.txt"
expect_exit 1 "$INCIMAP" map "$T/empty.txt" -o "$T/o2" -q
expect_msg "empty"
mkdir -p "$T/emptydir"
expect_exit 1 "$INCIMAP" map "$T/emptydir" -o "$T/o3" -q
expect_msg "^incimap: $T/emptydir: folder holds no article files"
printf '\x89PNG\r\n\x1a\n\x00\x00binary' >"$T/photo.txt"
expect_exit 1 "$INCIMAP" map "$T/photo.txt" -o "$T/o4" -q
expect_msg "^incimap: $T/photo.txt:1:[0-9]+: "

# One bad article among good ones: reported, the rest mapped, status 1.
mkdir -p "$T/mixed"
cp "$INCIMAP_SRC/examples/01-basra-car-bomb.txt" "$T/mixed/"
printf 'bad \xff byte\n' >"$T/mixed/02-bad.txt"
expect_exit 1 "$INCIMAP" map "$T/mixed" -o "$T/o5" -q
expect_msg "02-bad.txt:1:5: invalid UTF-8"
grep -q 'Basra' "$T/o5/incidents.geojson" || fail "good article not mapped beside a bad one"

# An output folder that cannot be made: clear message, status 1.
: >"$T/plainfile"
expect_exit 1 "$INCIMAP" map "$INCIMAP_SRC/examples" -o "$T/plainfile/sub" -q
expect_msg "^incimap: "

# A folder incimap may not read (run as an unprivileged user when root).
mkdir -p "$T/locked"
cp "$INCIMAP_SRC/examples/01-basra-car-bomb.txt" "$T/locked/"
chmod 000 "$T/locked"
if [ "$(id -u)" -eq 0 ]; then
	# "nobody" may not reach the clone, nor $T inside it (CI clones into a
	# folder others cannot enter): a copy of the binary, a gazetteer and
	# the locked folder go in a scratch folder nobody can reach.
	if ! command -v setpriv >/dev/null || [ -n "${INCIMAP_UNDER_VALGRIND:-}" ]; then
		echo "(unreadable folder: skipped, no setpriv or under valgrind)"
	elif ! S=$(mktemp -d "${TMPDIR:-/tmp}/incimap-locked.XXXXXX"); then
		echo "(unreadable folder: skipped, no scratch folder)"
	else
		chmod 755 "$S" && cp "$INCIMAP" "$S/incimap" && mkdir "$S/gaz" &&
			cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$S/gaz/" &&
			"$S/incimap" gazetteer build -q --gazetteer "$S/gaz" && chmod -R a+rX "$S" &&
			mv "$T/locked" "$S/locked" || fail "setting up the unreadable folder"
		if setpriv --reuid=65534 --regid=65534 --clear-groups "$S/incimap" --version >/dev/null 2>&1; then
			setpriv --reuid=65534 --regid=65534 --clear-groups \
				"$S/incimap" map "$S/locked" -o "$S/o6" -q --gazetteer "$S/gaz" >"$OUT" 2>"$ERR"
			rc=$?
			[ "$rc" -eq 1 ] || fail "unreadable folder: expected exit 1, got $rc"
			expect_msg "^incimap: $S/locked: cannot read folder"
		else
			echo "(unreadable folder: skipped, nobody cannot run $S/incimap)"
		fi
		mv "$S/locked" "$T/locked"
		rm -rf "$S"
	fi
else
	expect_exit 1 "$INCIMAP" map "$T/locked" -o "$T/o6" -q
	expect_msg "^incimap: $T/locked: cannot read folder"
fi
chmod 755 "$T/locked"

# The batch focus: a one-line report naming no country ("in Taji") is
# placed in the country the other reports are about, with a note; with
# --focus given, as told.
mkdir -p "$T/batch"
printf ' date 2024-03-13 A car bomb exploded in Kirkuk on Tuesday, killing four people.\n' >"$T/batch/a.txt"
printf ' date 2024-03-14 Gunmen attacked a checkpoint in Mosul on Wednesday, killing two soldiers.\n' >"$T/batch/b.txt"
printf ' date 2024-03-15 A roadside bomb exploded in Taji on Thursday, wounding three soldiers.\n' >"$T/batch/c.txt"
expect_exit 0 "$INCIMAP" map "$T/batch" -o "$T/o8"
expect_msg "^incimap: note: 1 report naming no country placed as in IQ, the countries of the other reports \(--focus to choose\)$"
grep -q '"gazetteer_id":"gn:98414"' "$T/o8/incidents.geojson" || fail "Taji not placed in Iraq by the batch"
expect_exit 0 "$INCIMAP" extract "$T/batch/c.txt" -o "$T/alone.geojson"
grep -q '"country":"IQ"' "$T/alone.geojson" && fail "alone, Taji was placed in Iraq: the test no longer tests the batch"
grep -q "note:" "$ERR" && fail "a note with no batch: $(cat "$ERR")"
expect_exit 0 "$INCIMAP" extract "$T/batch" -o "$T/cn.geojson" --focus CN
grep -q '"gazetteer_id":"gn:98414"' "$T/cn.geojson" && fail "--focus CN: Taji still in Iraq"
grep -q "note:" "$ERR" && fail "a batch note despite --focus: $(cat "$ERR")"

# 60 reports crowd the map: a label left out is said once, though the PNG
# and the PDF both leave it out.
gen_articles 60 "$T/crowd.jsonl"
expect_exit 0 "$INCIMAP" map "$T/crowd.jsonl" -o "$T/o7"
expect_msg "^incimap: warning: [0-9]+ incident labels? left out for lack of room"
n=$(grep -c "left out for lack of room" "$ERR")
[ "$n" -eq 1 ] || fail "the label warning was given $n times: $(cat "$ERR")"
pass
