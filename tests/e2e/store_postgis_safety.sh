#!/bin/bash
# store_postgis_safety.sh: a PostGIS store keeps the GeoPackage's guarantees,
# on a throwaway server this test starts itself (pglib.bash; skipped, saying
# why, when it cannot). A large convert killed (SIGKILL) at a random moment,
# 10 times: the count is all or nothing, the reports table matches; the same
# into new tables, loaded by staging tables: each table absent or whole, the
# staging tables of the killed runs dropped by the next run, those of a live
# session kept. Eight
# converts at once into a table none of them finds there: none fails,
# nothing is lost. Eight extractions at once record every report.
source "$(dirname "$0")/lib.bash"
source "$(dirname "$0")/pglib.bash"
command -v psql >/dev/null || skip "psql (postgresql-client) is not installed"
pg_start
cd "$T" || fail "cannot enter $T"
DB="postgresql:///$PGDATABASE?host=$PGHOST&port=$PGPORT&user=$PGUSER"
q() { psql -X -At -c "$1" 2>"$ERR" || fail "psql: $1"; }

# ---- killed converts -------------------------------------------------------------------
N=20000
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && N=2000
gen_incidents 100 base base.geojsons
expect_exit 0 "$INCIMAP" convert base.geojsons "$DB&table=k"
have=100
# shellcheck disable=SC2317 # called by killed_converts
counts() { # counts ROUND: the table's incidents and reports
	# the server ends the killed client's transaction; wait until it has
	for _ in $(seq 1 100); do
		[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = '$PGDATABASE' AND pid <> pg_backend_pid() AND backend_type = 'client backend'")" = 0 ] && break
		sleep 0.1
	done
	N_INC=$(q 'SELECT count(*) FROM k')
	N_SRC=$(q 'SELECT count(*) FROM k_sources')
}
killed_converts 10 "$N" "$DB&table=k" 4 counts

# ---- killed loads into new tables --------------------------------------------------------------
# A convert into a new table loads into staging tables (incimap_load_PID_HEX)
# and renames them at its end: killed at a random moment, the table is absent
# or whole, and the staging tables it leaves are dropped by the next run.
staging() { q "SELECT count(*) FROM pg_class WHERE relname LIKE 'incimap\_load\_%'"; }
gen_incidents "$N" new new.geojsons
t0=$(date +%s%N)
expect_exit 0 "$INCIMAP" convert new.geojsons "$DB&table=n0"
ms=$((($(date +%s%N) - t0) / 1000000 + 1))
[ "$(staging)" = 0 ] || fail "a load left staging tables: $(q "SELECT relname FROM pg_class WHERE relname LIKE 'incimap%'")"
absent=0 whole=0 left=0
for round in 1 2 3 4 5 6; do
	at=$((RANDOM % (ms * 5 / 4 + 1)))
	"$INCIMAP" convert new.geojsons "$DB&table=n$round" 2>"$ERR" &
	pid=$!
	sleep "$((at / 1000)).$(printf %03d $((at % 1000)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	counts "$round" # waits until the killed run's server processes are gone
	case $(q "SELECT to_regclass('n$round') IS NULL, to_regclass('n${round}_sources') IS NULL") in
	"t|t") absent=$((absent + 1)) ;;
	"f|f")
		got=$(q "SELECT (SELECT count(*) FROM n$round) || ' ' || (SELECT count(*) FROM n${round}_sources)")
		[ "$got" = "$N $N" ] || fail "round $round: n$round holds $got incidents and reports, not $N"
		whole=$((whole + 1))
		;;
	*) fail "round $round: n$round and n${round}_sources are not both there or both absent" ;;
	esac
	k=$(staging)
	[ -n "$k" ] || fail "cannot count the staging tables"
	left=$((left + k))
done
expect_exit 0 "$INCIMAP" convert --since 2030-01-01 "$DB&table=n0" none.geojson
[ "$(staging)" = 0 ] || fail "the staging tables of killed loads were not dropped by the next run: $(q "SELECT string_agg(relname, ' ') FROM pg_class WHERE relname LIKE 'incimap\_load\_%'")"
echo "killed loads into new tables: $absent absent, $whole whole, $left staging tables left and dropped"

# a staging table whose session is gone is dropped by the next incimap to
# connect; one whose session lives is left alone
gone=$(psql -X -q -At -c "DO \$\$BEGIN EXECUTE format('CREATE TABLE incimap_load_%s_0dead (x int)', pg_backend_pid()); END\$\$" -c 'SELECT pg_backend_pid()')
psql -X -q -c "DO \$\$BEGIN EXECUTE format('CREATE TABLE incimap_load_%s_0a11e (x int)', pg_backend_pid()); END\$\$" -c 'SELECT pg_sleep(60)' >/dev/null 2>&1 &
sleeper=$!
for _ in $(seq 1 100); do [ "$(staging)" = 2 ] && break; sleep 0.1; done
for _ in $(seq 1 100); do
	[ "$(q "SELECT count(*) FROM pg_stat_activity WHERE pid = $gone")" = 0 ] && break
	sleep 0.1
done
expect_exit 0 "$INCIMAP" convert --since 2030-01-01 "$DB&table=n0" none.geojson
[[ "$gone" =~ ^[0-9]+$ ]] || fail "psql did not give its server process: '$gone'"
[ "$(q "SELECT to_regclass('incimap_load_${gone}_0dead') IS NULL")" = t ] || fail "a staging table of a session gone was kept"
[ "$(staging)" = 1 ] || fail "a live session's staging table was dropped (or not made)"
q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
wait "$sleeper" 2>/dev/null

# ---- eight converts at once, into a table none of them finds ----------------------------------
M=2000
for i in 1 2 3 4 5 6 7 8; do gen_incidents "$M" "c$i" "c$i.geojsons"; done
pids=""
for i in 1 2 3 4 5 6 7 8; do
	"$INCIMAP" convert "c$i.geojsons" "$DB&table=c" 2>"err$i" &
	pids="$pids $!"
done
for p in $pids; do wait "$p" || fail "a concurrent convert failed: $(cat err*)"; done
[ "$(q 'SELECT count(*) FROM c')" = $((8 * M)) ] ||
	fail "concurrent converts lost incidents: $(q 'SELECT count(*) FROM c') of $((8 * M))"
[ "$(q "SELECT count(*) FROM layer_styles WHERE f_table_name = 'c'")" = 1 ] ||
	fail "concurrent first writes left other than one style"

# ---- eight extractions at once ----------------------------------------------------------------
gen_articles 160 all.jsonl
for i in 0 1 2 3 4 5 6 7; do sed -n "$((i * 20 + 1)),$((i * 20 + 20))p" all.jsonl >"part$i.jsonl"; done
pids=""
for i in 0 1 2 3 4 5 6 7; do
	"$INCIMAP" extract -q "part$i.jsonl" -o "$DB&table=x" 2>"xerr$i" &
	pids="$pids $!"
done
for p in $pids; do wait "$p" || fail "a concurrent extraction failed: $(cat xerr*)"; done
expect_exit 0 "$INCIMAP" extract -q all.jsonl -o one.geojson
want=$(grep -o '"id":"k[0-9]*"' one.geojson | sort -u | wc -l)
got=$(q 'SELECT count(DISTINCT source_key) FROM x_sources')
[ "$want" -gt 100 ] || fail "the articles gave only $want reports with incidents"
[ "$got" = "$want" ] || fail "concurrent extractions recorded $got reports, one run finds $want"
pass
