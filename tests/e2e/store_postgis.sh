#!/bin/bash
# store_postgis.sh: incidents into PostgreSQL/PostGIS, on a throwaway server
# this test starts and stops itself (pglib.bash; skipped, saying why, when
# it cannot): the URI and the PG: forms, the typed table with its GiST
# index as GDAL sees it, a load into an empty table making its keys and
# indexes at its end (an id told twice: the last wins), the style in layer_styles, a second write replacing
# by id, extract into the table, QGIS opening the table styled, a failed
# write leaving nothing, a table of an older incimap (json, jsonb) written
# with the binary COPY, a column of another type refused, a table of another
# shape refused by every command, bad targets.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/pglib.bash"
command -v psql >/dev/null || skip "psql (postgresql-client) is not installed"
pg_start
cd "$T" || fail "cannot enter $T"
FIX="$INCIMAP_SRC/tests/fixtures/io"
URI="postgresql:///$PGDATABASE?host=$PGHOST&port=$PGPORT&user=$PGUSER&table=incidents"
GDAL="PG:dbname=$PGDATABASE host=$PGHOST port=$PGPORT user=$PGUSER"
q() { psql -X -At -c "$1" 2>"$ERR" || fail "psql: $1"; }

expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$URI"
[ "$(q 'SELECT count(*), count(geom) FROM incidents')" = "8|8" ] || fail "not 8 placed incidents"
[ "$(q "SELECT count(*) FROM pg_indexes WHERE tablename = 'incidents' AND indexdef LIKE '%USING gist (geom)%'")" = 1 ] ||
	fail "no GiST index on geom"
[ "$(q "SELECT Find_SRID('public', 'incidents', 'geom')")" = 4326 ] || fail "geom is not EPSG:4326"
[ "$(q "SELECT useasdefault FROM layer_styles WHERE f_table_name = 'incidents'")" = t ] ||
	fail "no default style in layer_styles"
# the same features as GeoJSON -> GeoPackage -> GeoJSON hold
q "SELECT id, ST_X(geom)::numeric(10,6), ST_Y(geom)::numeric(10,6), event_date, fatalities,
	injuries, actors::jsonb FROM incidents ORDER BY id" >pg.txt
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" ref.gpkg
[ "$(cut -d'|' -f1 pg.txt | tr '\n' ' ')" = "$(sqlite3 ref.gpkg 'SELECT id FROM incidents ORDER BY id' | tr '\n' ' ')" ] ||
	fail "PostGIS and the GeoPackage hold different ids"
grep -q '^im-fx-0001|47.783271|30.512209|2023-03-14|3|11|\["unidentified gunmen", "Iraqi police"\]$' pg.txt ||
	fail "im-fx-0001 is not as written: $(head -1 pg.txt)"

command -v ogrinfo >/dev/null && {
	ogrinfo -ro -so "$GDAL" incidents >info 2>"$ERR" || fail "ogrinfo cannot read the table"
	# actors and sources: JSON in a text column, as in the GeoPackage
	for ft in 'event_date: Date' 'fatalities: Integer' 'confidence: Real' 'actors: String' 'sources: String'; do
		grep -q "^$ft " info || fail "GDAL does not see $ft"
	done
}

# the first write into an empty table loads it with COPY and makes the
# keys and indexes at its end: all there, as a write into a table made by
# an older incimap would find them
[ "$(q "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('incidents', 'incidents_sources')")" = \
	"incidents_event_date_idx incidents_geom_idx incidents_id_key incidents_pkey incidents_sources_pkey incidents_sources_text_idx" ] ||
	fail "the load did not make every index again: $(q "SELECT string_agg(indexname, ' ') FROM pg_indexes WHERE tablename LIKE 'incidents%'")"
[ "$(q 'SELECT count(*) FROM incidents_sources')" -ge 8 ] || fail "the load recorded no reports"
[ "$(q "SELECT pg_get_indexdef('incidents_sources_pkey'::regclass)")" = \
	"CREATE UNIQUE INDEX incidents_sources_pkey ON public.incidents_sources USING btree (source_key, incident_id)" ] ||
	fail "the reports are not keyed by their key first (the lookup of a known report)"
# an id twice in one load: the last one wins, in its place, once
python3 - "$FIX/incidents.geojson" >dups.geojsonl <<'PY' || fail "cannot write the duplicated input"
import json, sys
fs = json.load(open(sys.argv[1]))["features"]
again = json.loads(json.dumps(fs[0]))
again["properties"]["fatalities"] = 99
for f in fs[:3] + [again] + fs[3:]:
    print(json.dumps(f))
PY
expect_exit 0 "$INCIMAP" convert dups.geojsonl "${URI%incidents}dups"
[ "$(q 'SELECT count(*), count(DISTINCT id) FROM dups')" = "8|8" ] || fail "a twice-told id was loaded twice"
first=$(q 'SELECT id FROM incidents ORDER BY fid LIMIT 1')
[ "$(q "SELECT fatalities FROM dups WHERE id = '$first'")" = 99 ] || fail "the first of two rows of an id won"
[ "$(q 'SELECT id FROM dups ORDER BY fid OFFSET 2 LIMIT 2' | tr '\n' ' ')" = "$first $(q 'SELECT id FROM incidents ORDER BY fid OFFSET 3 LIMIT 1') " ] ||
	fail "the last row of an id is not in its place"
[ "$(q "SELECT count(*) FROM pg_indexes WHERE tablename = 'dups'")" = 4 ] || fail "the keys were not made again after the duplicates went"

# again, in GDAL's form: replaced by id, not doubled
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "$GDAL table=incidents"
[ "$(q 'SELECT count(*) FROM incidents')" = 8 ] || fail "a second write doubled the table"
[ "$(q "SELECT count(*) FROM layer_styles WHERE f_table_name = 'incidents'")" = 1 ] || fail "a second write added a second style"
# extract writes there too, into another table
expect_exit 0 "$INCIMAP" extract -q "$INCIMAP_SRC"/examples/0[1-7]*.txt -o "${URI%incidents}reports"
[ "$(q 'SELECT count(*) FROM reports')" = 7 ] || fail "extract did not write 7 incidents"

# a failed write leaves nothing: a bad record in the middle of the input
head -c 2000 "$FIX/incidents.geojson" >bad.geojson
expect_exit 1 "$INCIMAP" convert bad.geojson "${URI%incidents}partial"
[ "$(q "SELECT count(*) FROM pg_tables WHERE tablename = 'partial'")" = 0 ] ||
	fail "a failed write left a table"

# a table made by an older incimap (actors and sources as json and jsonb):
# the binary COPY writes each one's form into it, by the load into it empty and by
# the staged write after; the same incidents as in the new (text) table
cols="id text NOT NULL UNIQUE, event_date date, time_precision integer, date_text text,
	event_type text, sub_event_type text, place text, place_text text, admin1 text, country text,
	geo_precision integer, gazetteer_id text, fatalities integer, injuries integer"
q "CREATE TABLE old (fid bigserial PRIMARY KEY, geom geometry(Point, 4326), $cols, actors json,
	sources jsonb, notes text, confidence double precision)" >/dev/null
for k in 1 2; do expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" "${URI%incidents}old"; done
same="SELECT string_agg(concat_ws('|', id, ST_AsText(geom), event_date, fatalities, injuries,
	actors::jsonb, sources::jsonb, notes, confidence), ' ' ORDER BY id) FROM"
[ "$(q "$same old")" = "$(q "$same incidents")" ] || fail "a json/jsonb table holds other values: $(q "$same old")"
[ "$(q "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'incidents'::regclass AND attname = 'sources'")" = text ] ||
	fail "a new table's sources are not text"
# the keys of a new table compared byte by byte (as SQLite's), whatever the database's locale
keys="SELECT string_agg(attrelid::regclass || '.' || attname || ':' || collname, ' ' ORDER BY
	attrelid::regclass::text, attname) FROM pg_attribute a JOIN pg_collation c ON c.oid = attcollation
	WHERE attrelid IN ('incidents'::regclass, 'incidents_sources'::regclass,
	'incidents_corrections'::regclass) AND attname IN ('id', 'incident_id', 'source_key', 'text_hash')"
[ "$(q "$keys")" = "incidents.id:C incidents_corrections.incident_id:C incidents_sources.incident_id:C incidents_sources.source_key:C incidents_sources.text_hash:C" ] ||
	fail "a new table's keys are not COLLATE \"C\": $(q "$keys")"
# a column altered by hand to a type the binary COPY does not write: refused, nothing written
q "CREATE TABLE altered (fid bigserial PRIMARY KEY, geom geometry(Point, 4326),
	${cols/fatalities integer/fatalities bigint}, actors json, sources json, notes text,
	confidence double precision)" >/dev/null
expect_exit 1 "$INCIMAP" convert "$FIX/incidents.geojson" "${URI%incidents}altered"
expect_msg "^incimap: postgresql:///.*table=altered: column fatalities is bigint, where incimap writes integer\$"
[ "$(q 'SELECT count(*) FROM altered')" = 0 ] || fail "a refused write wrote rows"
# a table of another shape under the store's name (not incimap's columns):
# refused by every command, before anything reads or writes it
q "CREATE TABLE other (id integer, name text); INSERT INTO other VALUES (1, 'kept')" >/dev/null
for cmd in "convert $FIX/incidents.geojson ${URI%incidents}other" "convert ${URI%incidents}other o.geojson" \
	"extract -q $INCIMAP_SRC/examples/01-basra-car-bomb.txt -o ${URI%incidents}other" \
	"edit ${URI%incidents}other im-x --history" "render ${URI%incidents}other -o o.png"; do
	# shellcheck disable=SC2086
	expect_exit 1 "$INCIMAP" $cmd
	expect_msg "^incimap: postgresql:///.*table=other: table \"other\" is not an incimap store: it lacks the column\(s\) geom, event_date, time_precision, .*, confidence\$"
done
[ "$(q 'SELECT count(*) FROM other')|$(q "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'other_%'")" = "1|0" ] ||
	fail "a table of another shape was written to, or given companions"
[ -e o.geojson ] || [ -e o.png ] && fail "a refused read wrote an output"
expect_exit 2 "$INCIMAP" convert "$FIX/incidents.geojson" "${URI%incidents}bad-name"
expect_msg "^incimap: PostgreSQL: the table must be a plain name \(letters, digits, '_'; up to 48\), not 'bad-name'\$"
expect_exit 1 "$INCIMAP" convert "$FIX/incidents.geojson" "postgresql:///nodb?host=$PGHOST&port=$PGPORT&user=$PGUSER"
expect_msg '^incimap: postgresql:///nodb.*: cannot connect: .*database "nodb" does not exist'

# QGIS opens the table styled
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c "import qgis.core" 2>/dev/null; then
	XDG_RUNTIME_DIR="$T/xdg" HOME="$T" QT_QPA_PLATFORM=offscreen timeout 300 "$PY" \
		"$INCIMAP_SRC/tests/fixtures/store/qgis_open.py" --postgres \
		"dbname='$PGDATABASE' host=$PGHOST port=$PGPORT user='$PGUSER' key='fid' srid=4326 type=Point table=\"public\".\"incidents\" (geom)" \
		>"$OUT" 2>"$ERR" || fail "QGIS could not run"
	grep -qx 'valid True' "$OUT" || fail "QGIS: the table is not a valid layer: $(cat "$OUT")"
	grep -qx 'renderer categorizedSymbol' "$OUT" || fail "QGIS did not take the style: $(cat "$OUT")"
	grep -qx 'features 8' "$OUT" || fail "QGIS does not see 8 incidents: $(cat "$OUT")"
else
	echo "note: QGIS (python3-qgis) is not installed: the styled table is not opened in QGIS"
fi
pass
