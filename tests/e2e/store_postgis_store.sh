#!/bin/bash
# store_postgis_store.sh: a PostGIS table is a store like a GeoPackage, on a
# throwaway server this test starts itself (pglib.bash; skipped, saying
# why, when it cannot): extract appends merge across runs by the same rules
# (the README's week, run against both, gives the same incidents), a report
# already read adds nothing, an append's incidents sent by COPY,
# edit/--history/--undo/--delete, a correction kept through convert,
# re-extraction and a report told again, the filters as SQL keeping what
# they keep from a GeoJSON file and read through the indexes (the server's
# plans of incimap's queries), map/render/convert/brief reading the table.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/pglib.bash"
command -v psql >/dev/null || skip "psql (postgresql-client) is not installed"
command -v sqlite3 >/dev/null || skip "sqlite3 (the SQLite shell) is not installed"
pg_start
cd "$T" || fail "cannot enter $T"
FIX="$INCIMAP_SRC/tests/fixtures/io"
DB="postgresql:///$PGDATABASE?host=$PGHOST&port=$PGPORT&user=$PGUSER"
q() { psql -X -At -c "$1" 2>"$ERR" || fail "psql: $1"; }

# ---- the week of the README, into PostGIS and into a GeoPackage ------------------
mkdir -p monday tuesday
cp "$INCIMAP_SRC"/examples/0[1-6]*.txt monday/
cp "$INCIMAP_SRC"/examples/07*.txt tuesday/
for store in "$DB&table=week" week.gpkg; do
	expect_exit 0 "$INCIMAP" extract monday -o "$store"
	expect_msg "^incimap: .*: 7 new incidents, 0 stored ones told again, 0 from reports already read\$"
	expect_exit 0 "$INCIMAP" extract tuesday -o "$store"
	expect_msg "^incimap: .*: 0 new incidents, 1 stored one told again, 0 from reports already read\$"
	expect_exit 0 "$INCIMAP" extract tuesday -o "$store"
	expect_msg "^incimap: .*: 0 new incidents, 0 stored ones told again, 1 from reports already read\$"
done
# the same text under another name is a report already read
mkdir copy
sed -e 's/ /  /g' -e 's/$/\r/' tuesday/07*.txt >copy/again.txt
expect_exit 0 "$INCIMAP" extract copy -o "$DB&table=week"
expect_msg "^incimap: .*: 0 new incidents, 0 stored ones told again, 1 from reports already read\$"
[ "$(q 'SELECT count(*) FROM week')" = 7 ] || fail "PostGIS does not hold the week's 7 incidents"
[ "$(q 'SELECT count(*) FROM week_sources')" = 8 ] || fail "PostGIS does not record 8 reports"
[ "$(q 'SELECT string_agg(id || jsonb_array_length(sources::jsonb), $$ $$ ORDER BY id) FROM week')" = \
	"$(sqlite3 week.gpkg "SELECT group_concat(id || json_array_length(sources), ' ') FROM
		(SELECT id, sources FROM incidents ORDER BY id)")" ] ||
	fail "PostGIS and the GeoPackage merged the week differently"
ID=im-37895e7d1925451c
[ "$(q "SELECT jsonb_array_length(sources::jsonb) FROM week WHERE id = '$ID'")" = 2 ] ||
	fail "Tuesday's report of the Basra bombing is not merged into it"

# ---- corrections ----------------------------------------------------------------------
expect_exit 0 env USER=analyst "$INCIMAP" edit "$DB&table=week" "$ID" --fatalities 6 --note "ministry"
expect_exit 0 "$INCIMAP" edit "$DB&table=week" "$ID" --lat 30.5 --lon 47.8
[ "$(q "SELECT fatalities, ST_Y(geom), ST_X(geom) FROM week WHERE id = '$ID'")" = "6|30.5|47.8" ] ||
	fail "the corrections are not in the table"
expect_exit 0 "$INCIMAP" edit "$DB&table=week" "$ID" --history
grep -q "edit 1  analyst  fatalities: 5 -> 6  (ministry)$" "$OUT" ||
	fail "the history lacks the first edit: $(cat "$OUT")"
grep -q "edit 2  .*point: .* -> 30.500000,47.800000$" "$OUT" || fail "the history lacks the move: $(cat "$OUT")"
expect_exit 0 "$INCIMAP" edit "$DB&table=week" "$ID" --undo
[ "$(q "SELECT fatalities, ST_Y(geom) <> 30.5 FROM week WHERE id = '$ID'")" = "6|t" ] ||
	fail "--undo did not take back the move alone"
expect_exit 0 "$INCIMAP" edit "$DB&table=week" "$ID" --history
grep -q "point: .*\[undone\]$" "$OUT" || fail "the history does not mark the undone edit"
# a report of the corrected incident told again (one word changed: another
# report) merges into it by COPY through the staging table, not row by row,
# and the correction stays on top
q "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
q "SELECT pg_reload_conf()" >/dev/null
mkdir retold
sed 's/ the / a /' tuesday/07*.txt >retold/retold.txt
cmp -s retold/retold.txt tuesday/07*.txt && fail "the retold report is the same text"
at=$(stat -c %s "$PGTMP/server.log")
expect_exit 0 "$INCIMAP" extract retold -o "$DB&table=week"
expect_msg "^incimap: .*: 0 new incidents, 1 stored one told again, 0 from reports already read\$"
tail -c +$((at + 1)) "$PGTMP/server.log" >log.txt
grep -q 'COPY incimap_stage (geom, id' log.txt || fail "the append did not COPY its incidents"
grep -q 'COPY incimap_stage_src (incident_id, source_key, text_hash)' log.txt ||
	fail "the append did not COPY its reports"
# one row written by itself: the corrected incident, again with its correction on top
[ "$(grep -c 'INSERT INTO "week" (geom, id, .* VALUES (\$1' log.txt)" = 1 ] ||
	fail "the append wrote incidents row by row: $(grep -c 'INSERT INTO "week" (geom, id, .* VALUES' log.txt)"
q "ALTER SYSTEM RESET log_statement" >/dev/null
q "SELECT pg_reload_conf()" >/dev/null
[ "$(q "SELECT fatalities, jsonb_array_length(sources::jsonb) FROM week WHERE id = '$ID'")" = "6|3" ] ||
	fail "the retold report undid the correction or was not merged: $(q "SELECT fatalities, sources FROM week WHERE id = '$ID'")"
[ "$(q "SELECT count(*) FROM week_sources WHERE incident_id = '$ID' AND text_hash IS NOT NULL")" = 3 ] ||
	fail "the COPY did not record the retold report's text hash"
mkdir retold-again
cp retold/retold.txt retold-again/again.txt
expect_exit 0 "$INCIMAP" extract retold-again -o "$DB&table=week"
expect_msg "^incimap: .*: 0 new incidents, 0 stored ones told again, 1 from reports already read\$"
# a re-extraction and a convert of the same reports keep the correction
expect_exit 0 "$INCIMAP" extract monday tuesday -o all.geojson
expect_exit 0 "$INCIMAP" convert all.geojson "$DB&table=week"
[ "$(q "SELECT fatalities FROM week WHERE id = '$ID'")" = 6 ] || fail "convert overwrote a correction"
# deleting: off the table, a convert of it stays deleted, --undo brings it back
expect_exit 0 "$INCIMAP" edit "$DB&table=week" "$ID" --delete
[ "$(q "SELECT count(*) FROM week WHERE id = '$ID'")|$(q "SELECT count(*) FROM week_deleted")" = "0|1" ] ||
	fail "--delete did not move the incident"
expect_exit 0 "$INCIMAP" convert all.geojson "$DB&table=week"
[ "$(q "SELECT count(*) FROM week WHERE id = '$ID'")" = 0 ] || fail "convert brought a deleted incident back"
expect_exit 0 "$INCIMAP" edit "$DB&table=week" "$ID" --undo
[ "$(q "SELECT count(*), max(fatalities) FROM week WHERE id = '$ID'")" = "1|6" ] ||
	fail "--undo did not bring the deleted incident back corrected"
expect_exit 1 "$INCIMAP" edit "$DB&table=week" im-nosuch --fatalities 1
expect_msg '^incimap: postgresql:///.*table=week: no incident im-nosuch$'
expect_exit 1 "$INCIMAP" edit "PG:host=$PGHOST port=$PGPORT user=$PGUSER dbname=nodb password=s3cret table=t" "$ID" --history
grep -q s3cret "$ERR" && fail "a message shows the password: $(cat "$ERR")"
expect_msg '^incimap: PG:host=.* password= table=t: cannot connect: .*"nodb" does not exist'
expect_exit 1 "$INCIMAP" edit "$DB&table=nosuch" "$ID" --history
expect_msg '^incimap: postgresql:///.*: no table "nosuch" in the database$'

# ---- reading: the filters as SQL, map, render --------------------------------------------------
for f in incidents edges antimeridian; do
	expect_exit 0 "$INCIMAP" convert "$FIX/$f.geojson" "$DB&table=$f"
	filters_agree "$FIX/$f.geojson" "$DB&table=$f" PostGIS <<'FILTERS'

--since 2023-03-12
--since 2023-03-10 --until 2023-03-20
--type battles,Riots
--country iq,SY,TR
--admin1 basra
--min-fatalities 1
--bbox-only 40,29,48,38
--bbox-only 170,-20,-170,-10
--bbox-only 179.9,-90,-179.9,90
--country IQ --min-fatalities 2 --since 2023-01-01
FILTERS
done
# incimap's own query of each filter, planned by the server over a table of
# 20,000 with its statistics, reads through the date or GiST index: the
# plans logged by auto_explain (PostgreSQL's contrib, loaded for incimap's
# session alone through PGOPTIONS)
gen_incidents 20000 p plan.geojsons
expect_exit 0 "$INCIMAP" convert plan.geojsons "$DB&table=plan"
q "ANALYZE plan" >/dev/null
while read -r index opts; do
	at=$(stat -c %s "$PGTMP/server.log")
	# shellcheck disable=SC2086
	PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0" \
		expect_exit 0 "$INCIMAP" convert "$DB&table=plan" plan-out.geojson $opts
	tail -c +$((at + 1)) "$PGTMP/server.log" >plan.log
	grep -q -E "Index Scan (using|on) $index " plan.log ||
		fail "$opts: incimap's query is not read through $index: $(grep -E 'Scan' plan.log)"
done <<'PLANS'
plan_event_date_idx --since 2024-12-25
plan_event_date_idx --until 2024-01-03
plan_event_date_idx --since 2024-12-25 --type Battles --min-fatalities 1
plan_geom_idx --bbox-only 40,30,40.05,30.05
plan_geom_idx --bbox-only 179.9,30,40.05,30.05
PLANS
expect_exit 0 "$INCIMAP" map "$DB&table=week" -o briefing --country IQ
[ "$(grep -o '"type":"Feature"' briefing/incidents.geojson | wc -l)" = 6 ] ||
	fail "map of the PostGIS store does not hold Iraq's 6 incidents"
expect_exit 0 "$INCIMAP" render "$DB&table=week" -o week.png --width 300 --height 200 --since 2024-01-01
[ -s week.png ] || fail "no map rendered from PostGIS"
# brief reads the table as render does: the same pack as from a GeoJSON of it
expect_exit 0 "$INCIMAP" convert "$DB&table=week" week-now.geojson
for in in "$DB&table=week" week-now.geojson; do
	out=pack-$([ "$in" = week-now.geojson ] && echo file || echo pg)
	expect_exit 0 env SOURCE_DATE_EPOCH=1700000000 "$INCIMAP" brief "$in" -o "$out.pdf" \
		--tables "$out" --country IQ -q
	[ -s "$out.pdf" ] || fail "brief of $in wrote no pack"
done
[ "$(($(wc -l <pack-pg/incidents.csv) - 1))" = 6 ] ||
	fail "the pack of the PostGIS store does not list Iraq's 6 incidents: $(cat pack-pg/incidents.csv)"
diff -r pack-pg pack-file >/dev/null || fail "brief of the PostGIS table and of its GeoJSON differ"
pass
