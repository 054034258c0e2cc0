#!/bin/bash
# filters.sh: --since, --until, --type, --country, --admin1,
# --min-fatalities and --bbox-only on every command that reads incidents
# (convert, render, extract in both its modes, map): the incidents kept are
# exactly the ones asked for, and the note says how many were left out.
source "$(dirname "$0")/lib.bash"
SRC=$INCIMAP_SRC
IN=$SRC/tests/fixtures/io/incidents.geojson
cd "$T" || fail "cannot enter $T"

# admins OUT.csv: the admin1 column of a CSV, sorted, comma-joined.
admins() {
	python3 - "$1" <<'PY'
import csv, sys
print(",".join(sorted(r["admin1"] for r in csv.DictReader(open(sys.argv[1])))))
PY
}

# keeps WANT ARGS...: convert with ARGS keeps the provinces WANT.
keeps() {
	local want=$1
	shift
	rm -f k.csv
	expect_exit 0 "$INCIMAP" convert "$IN" k.csv "$@"
	local got
	got=$(admins k.csv)
	[ "$got" = "$want" ] || fail "convert $*: kept '$got', want '$want'"
}

keeps Baghdad,Basra,Damascus,Duhok,Erbil,Kerman,Kirkuk,Nineveh
keeps Baghdad,Damascus,Duhok,Erbil --since 2023-05-01 --until 2023-12-31 --country IQ,SY
keeps Baghdad,Duhok,Erbil --since 2023-05-01 --until 2023-12-31 --country IQ
keeps Basra,Nineveh --until 2023-03-14 # the undated Kirkuk protest is out
keeps Basra,Kerman,Nineveh --type 'explosions/remote violence'
keeps Kerman,Nineveh --type 'Suicide bomb' --type 'AIR/DRONE STRIKE'
keeps Damascus,Duhok --type Battles,Riots
keeps Basra,Duhok,Kerman --min-fatalities 3
keeps Baghdad,Basra,Damascus,Duhok,Erbil,Kerman,Kirkuk,Nineveh --min-fatalities 0
keeps Nineveh --admin1 NINEVEH
keeps Baghdad,Basra --bbox-only 44,30,48,34
keeps "" --country SY --type Battles # nothing passes: an empty file, exit 0
grep -q "8 incidents left out by the filters" "$ERR" || fail "convert: no note of the 8 left out"
expect_exit 0 "$INCIMAP" convert -q "$IN" q.csv --country SY
[ ! -s "$ERR" ] || fail "convert -q still says: $(cat "$ERR")"

# GeoJSONSeq out: the stream is filtered too
expect_exit 0 "$INCIMAP" convert "$IN" k.geojsons --type Protests,Riots
[ "$(grep -c '"Feature"' k.geojsons)" = 2 ] || fail "convert to geojsonseq kept $(grep -c Feature k.geojsons)"

# render: the map is drawn from what passes
expect_exit 0 "$INCIMAP" render "$IN" -o all.png
expect_exit 0 "$INCIMAP" render "$IN" -o iq.png --country IQ --min-fatalities 1
grep -q "5 incidents left out by the filters" "$ERR" || fail "render: no note of the 5 left out"
[ -s iq.png ] || fail "render wrote no map"
cmp -s all.png iq.png && fail "render: the filtered map is the unfiltered one"
expect_exit 0 "$INCIMAP" render "$IN" -o none.png --country FR
grep -q "8 incidents left out" "$ERR" || fail "render --country FR: no note"

# extract, merged and streamed: examples hold Iraqi and Iranian incidents
expect_exit 0 "$INCIMAP" extract -q "$SRC/examples" -o all.csv
expect_exit 0 "$INCIMAP" extract -q "$SRC/examples" -o ir.csv --country ir
n_all=$(($(wc -l <all.csv) - 1))
n_ir=$(($(wc -l <ir.csv) - 1))
[ "$n_ir" -ge 1 ] && [ "$n_ir" -lt "$n_all" ] || fail "extract --country IR kept $n_ir of $n_all"
python3 - ir.csv <<'PY' || fail "extract --country IR kept another country"
import csv, sys
sys.exit(any(r["country"] != "IR" for r in csv.DictReader(open(sys.argv[1]))))
PY
expect_exit 0 "$INCIMAP" extract -q "$SRC/examples" -o all.geojsons
expect_exit 0 "$INCIMAP" extract "$SRC/examples" -o ir.geojsons --country IR
grep -q "left out by the filters" "$ERR" || fail "extract (stream): no note"
[ "$(grep -c '"IR"' ir.geojsons)" -ge 1 ] || fail "extract (stream) --country IR kept none"
grep -q '"country":"IQ"' ir.geojsons && fail "extract (stream) --country IR kept an Iraqi incident"
expect_exit 2 "$INCIMAP" extract "$SRC/examples" --toponyms --type Riots
expect_msg "^incimap: extract: --toponyms lists place names: the filters do not apply$"

# map: the incidents file and the maps hold what passes
expect_exit 0 "$INCIMAP" map -q "$SRC/examples" -o m --type Protests
python3 - m/incidents.geojson <<'PY' || fail "map --type Protests wrote other types"
import json, sys
fs = json.load(open(sys.argv[1]))["features"]
sys.exit(not fs or any(f["properties"]["event_type"] != "Protests" for f in fs))
PY
[ -s m/map.png ] && [ -s m/map.pdf ] || fail "map wrote no maps"

# every command that reads incidents lists the filters in --help
for c in convert render extract map; do
	expect_exit 0 "$INCIMAP" "$c" --help
	grep -q -- "--min-fatalities N" "$OUT" || fail "$c --help does not list the filters"
done
pass
