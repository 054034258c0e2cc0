#!/bin/bash
# hard_disk_full.sh: a full disk (a small tmpfs) gives a clear error and
# status 1, leaves no partial file, and keeps the previous outputs, wherever
# in the run the room runs out; two `incimap map` runs into different
# folders at once do not interfere.
source "$(dirname "$0")/lib.bash"

# Two runs at once, different output folders: both complete and identical
# (the workbook's creation time fixed, so that it is the same bytes).
export SOURCE_DATE_EPOCH=1700000000
"$INCIMAP" map "$INCIMAP_SRC/examples" -o "$T/a" -q >"$T/a.log" 2>&1 &
p1=$!
"$INCIMAP" map "$INCIMAP_SRC/examples" -o "$T/b" -q >"$T/b.log" 2>&1 &
p2=$!
wait $p1 || fail "first concurrent run failed: $(cat "$T/a.log")"
wait $p2 || fail "second concurrent run failed: $(cat "$T/b.log")"
for f in incidents.geojson incidents.qml map.png map.pdf map.html incidents.kml incidents.xlsx; do
	cmp -s "$T/a/$f" "$T/b/$f" || fail "concurrent runs gave different $f"
done

[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
mnt="$T/full"
mkdir -p "$mnt"
mount -t tmpfs -o size=96k tmpfs "$mnt" 2>/dev/null || skip "cannot mount a tmpfs here"
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T"' EXIT
# Previous outputs that fit: a tiny map of one incident.
printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' >"$T/one.txt"
"$INCIMAP" map "$T/one.txt" -o "$T/small" -q --width 200 --height 120 2>/dev/null ||
	"$INCIMAP" map "$T/one.txt" -o "$T/small" -q
cp "$T/small/incidents.geojson" "$mnt/incidents.geojson"
before=$(md5sum "$mnt/incidents.geojson")
# The disk fills at a different moment each round (a filler file takes
# some of the room first): in the GeoJSON, in the QGIS style, in the map.
for fill in 0 48 64 84 88 92; do
	if [ "$fill" -gt 0 ]; then
		head -c $((fill * 1024)) /dev/zero >"$mnt/.filler" 2>/dev/null
	fi
	expect_exit 1 "$INCIMAP" map "$INCIMAP_SRC/examples" -o "$mnt" -q
	expect_msg "^incimap: $mnt/.*(No space left on device|cannot write)"
	[ "$(md5sum "$mnt/incidents.geojson")" = "$before" ] ||
		fail "previous incidents.geojson was changed (filler $fill KiB)"
	rm -f "$mnt/.filler"
	ls -A "$mnt" | grep -q -v '^incidents.geojson$' &&
		fail "partial files left (filler $fill KiB): $(ls -A "$mnt")"
done
# A PNG that does not fit says why.
expect_exit 1 "$INCIMAP" render "$T/small/incidents.geojson" -o "$mnt/map.png" -q
expect_msg "^incimap: $mnt/map.png: cannot write( the map)?: No space left on device$"
ls -A "$mnt" | grep -q -v '^incidents.geojson$' && fail "partial files left: $(ls -A "$mnt")"
gen_articles 3000 "$T/many.jsonl"
for fmt in geojson geojsonseq csv kml kmz xlsx; do
	# the zipped formats compress these repetitive reports well: less room
	case $fmt in kmz | xlsx) head -c $((88 * 1024)) /dev/zero >"$mnt/.filler" 2>/dev/null ;; esac
	expect_exit 1 "$INCIMAP" extract "$T/many.jsonl" -o "$mnt/big.out" --format $fmt -q
	expect_msg "^incimap: .*(No space left on device|cannot write)"
	rm -f "$mnt/.filler"
	[ -e "$mnt/big.out" ] && fail "partial big.out left ($fmt)"
	ls -A "$mnt" | grep -q -v '^incidents.geojson$' && fail "partial files left: $(ls -A "$mnt")"
done
pass
