#!/bin/bash
# store_filter.sh: the filters read from a store (as SQL over its indexes)
# keep exactly what they keep from the same incidents in a GeoJSON file,
# with the same note of how many were left out: dates, types, countries,
# province, fatalities, boxes (one across the antimeridian), together.
source "$(dirname "$0")/lib.bash"
cd "$T" || fail "cannot enter $T"
FIX="$INCIMAP_SRC/tests/fixtures/io"
for f in incidents edges antimeridian; do
	expect_exit 0 "$INCIMAP" convert "$FIX/$f.geojson" "$f.gpkg"
	filters_agree "$FIX/$f.geojson" "$f.gpkg" "the store" <<'FILTERS'
--since 2023-03-12
--until 2023-03-12
--since 2023-03-10 --until 2023-03-20
--type Battles
--type battles,Riots
--type Protests
--country IQ
--country iq,SY,TR
--admin1 basra
--admin1 Nineveh
--min-fatalities 1
--min-fatalities 0
--bbox-only 40,29,48,38
--bbox-only 170,-20,-170,-10
--bbox-only -180,-90,180,90
--bbox-only 179.9,-90,-179.9,90
--country IQ --min-fatalities 2 --since 2023-01-01
FILTERS
done
expect_exit 0 "$INCIMAP" render incidents.gpkg -o r.png --width 300 --height 200 --country IQ
pass
