#!/bin/bash
# store_text.sh: a report the store has read adds nothing even under another
# name: the same article saved again as another file (Windows line ends,
# other spacing and case) or sent as a JSON Lines record with an id of its
# own; one word changed is another report. A store of schema 1 (before the
# text hashes) is migrated when written to, and still read as it is.
source "$(dirname "$0")/lib.bash"
command -v sqlite3 >/dev/null || skip "sqlite3 (the SQLite shell) is not installed"
cd "$T" || fail "cannot enter $T"
q() { sqlite3 "$1" "$2" || fail "sqlite3 cannot read $1: $2"; }
EX=$(ls "$INCIMAP_SRC"/examples/07*.txt)
mkdir -p a b c
cp "$INCIMAP_SRC"/examples/0[1-6]*.txt a/
expect_exit 0 "$INCIMAP" extract a -o s.gpkg
expect_exit 0 "$INCIMAP" extract "$EX" -o s.gpkg
expect_msg '^incimap: s.gpkg: 0 new incidents, 1 stored one told again, 0 from reports already read$'
# the same text under another name, re-saved with CRLF and doubled spaces
sed -e 's/ /  /g' -e 's/$/\r/' "$EX" >b/copy-of-07.txt
expect_exit 0 "$INCIMAP" extract b/copy-of-07.txt -o s.gpkg
expect_msg '^incimap: s.gpkg: 0 new incidents, 0 stored ones told again, 1 from reports already read$'
# ... and as a JSON Lines record with an id of its own
python3 - "$EX" >c/feed.jsonl <<'PY' || fail "cannot write the JSON Lines feed"
import json, sys
print(json.dumps({"id": "feed-1", "text": open(sys.argv[1], encoding="utf-8").read().upper()}))
PY
expect_exit 0 "$INCIMAP" extract c/feed.jsonl -o s.gpkg
expect_msg '^incimap: s.gpkg: 0 new incidents, 0 stored ones told again, 1 from reports already read$'
[ "$(q s.gpkg 'SELECT count(DISTINCT text_hash) FROM incimap_sources')" = 7 ] ||
	fail "the store does not hold the 7 reports' text hashes"
# one word changed: another report, merged as a retelling
sed 's/Basra/Basrah/' "$EX" >b/edited.txt
expect_exit 0 "$INCIMAP" extract b/edited.txt -o s.gpkg
expect_msg '^incimap: s.gpkg: 0 new incidents, 1 stored one told again, 0 from reports already read$'

# a store of schema 1: read as it is, migrated when written
expect_exit 0 "$INCIMAP" extract a -o old.gpkg
q old.gpkg "DROP INDEX incimap_sources_text; ALTER TABLE incimap_sources DROP COLUMN text_hash;
	UPDATE incimap_meta SET value = '1' WHERE key = 'schema_version'"
chmod 444 old.gpkg
expect_exit 0 "$INCIMAP" convert old.gpkg old.geojson
[ "$(q old.gpkg "SELECT value FROM incimap_meta WHERE key = 'schema_version'")" = 1 ] ||
	fail "reading a schema 1 store changed it"
chmod 644 old.gpkg
expect_exit 0 "$INCIMAP" extract "$EX" -o old.gpkg
expect_msg '^incimap: old.gpkg: 0 new incidents, 1 stored one told again, 0 from reports already read$'
[ "$(q old.gpkg "SELECT value FROM incimap_meta WHERE key = 'schema_version'")" = 2 ] ||
	fail "the schema 1 store was not migrated to 2"
[ "$(q old.gpkg 'SELECT count(text_hash) FROM incimap_sources')" -ge 1 ] ||
	fail "the migrated store does not keep text hashes"
[ "$(q old.gpkg 'PRAGMA integrity_check')" = ok ] || fail "the migrated store is damaged"
pass
