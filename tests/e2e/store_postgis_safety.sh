#!/bin/bash
# store_postgis_safety.sh: a PostGIS store keeps the GeoPackage's guarantees,
# on a throwaway server this test starts itself (pglib.bash; skipped, saying
# why, when it cannot). A large convert killed (SIGKILL) at a random moment,
# 10 times: the count is all or nothing, the reports table matches. Eight
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
