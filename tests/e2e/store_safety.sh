#!/bin/bash
# store_safety.sh: a store survives what happens to it in the field. A large
# append killed (SIGKILL) at a random moment, 20 times: each time
# PRAGMA integrity_check is ok, the count is all or nothing, the R-tree
# matches the table. Eight appends at once into a store none of them finds
# there: none fails, nothing is lost (busy timeout); eight extractions at
# once record every report.
source "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || skip "sqlite3 (the SQLite shell) is not installed"
cd "$T" || fail "cannot enter $T"
q() { sqlite3 "$1" "$2" || fail "sqlite3 cannot read $1: $2"; }

consistent() { # consistent STORE WHAT
	[ "$(q "$1" 'PRAGMA integrity_check')" = ok ] || fail "$2: integrity_check is not ok"
	[ "$(q "$1" 'SELECT count(*) FROM rtree_incidents_geom')" = \
		"$(q "$1" 'SELECT count(*) FROM incidents WHERE geom IS NOT NULL')" ] ||
		fail "$2: the R-tree and the table differ"
}

# ---- killed appends ---------------------------------------------------------------
N=20000
[ -n "${INCIMAP_UNDER_VALGRIND:-}" ] && N=2000
gen_incidents 100 base base.geojsons
expect_exit 0 "$INCIMAP" convert base.geojsons k.gpkg
have=100
# shellcheck disable=SC2317 # called by killed_converts
counts() { # counts ROUND: the store whole, its incidents and reports
	consistent k.gpkg "round $1"
	N_INC=$(q k.gpkg 'SELECT count(*) FROM incidents')
	N_SRC=$(q k.gpkg 'SELECT count(*) FROM incimap_sources')
}
killed_converts 20 "$N" k.gpkg 8 counts

# ---- eight appends at once ----------------------------------------------------------------
M=2000
for i in 1 2 3 4 5 6 7 8; do gen_incidents "$M" "c$i" "c$i.geojsons"; done
pids=""
for i in 1 2 3 4 5 6 7 8; do
	"$INCIMAP" convert "c$i.geojsons" c.gpkg 2>"err$i" &
	pids="$pids $!"
done
for p in $pids; do wait "$p" || fail "a concurrent append failed: $(cat err*)"; done
consistent c.gpkg "concurrent appends"
[ "$(q c.gpkg 'SELECT count(*) FROM incidents')" = $((8 * M)) ] ||
	fail "concurrent appends lost incidents: $(q c.gpkg 'SELECT count(*) FROM incidents') of $((8 * M))"

# ---- eight extractions at once ----------------------------------------------------------------
gen_articles 160 all.jsonl
for i in 0 1 2 3 4 5 6 7; do sed -n "$((i * 20 + 1)),$((i * 20 + 20))p" all.jsonl >"part$i.jsonl"; done
pids=""
for i in 0 1 2 3 4 5 6 7; do
	"$INCIMAP" extract -q "part$i.jsonl" -o x.gpkg 2>"xerr$i" &
	pids="$pids $!"
done
for p in $pids; do wait "$p" || fail "a concurrent extraction failed: $(cat xerr*)"; done
consistent x.gpkg "concurrent extractions"
expect_exit 0 "$INCIMAP" extract -q all.jsonl -o one.geojson
want=$(grep -o '"id":"k[0-9]*"' one.geojson | sort -u | wc -l)
got=$(q x.gpkg 'SELECT count(DISTINCT source_key) FROM incimap_sources')
[ "$want" -gt 100 ] || fail "the articles gave only $want reports with incidents"
[ "$got" = "$want" ] || fail "concurrent extractions recorded $got reports, one run finds $want"
pass
