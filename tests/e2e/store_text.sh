#!/bin/bash
# store_text.sh: a report the store has read adds nothing even under another
# name: the same article saved again as another file (Windows line ends,
# other spacing and case) or sent as a JSON Lines record with an id of its
# own; one word changed is another report. Stores of schema 1 (before the
# text hashes) and 2 (before the slim reports table) are migrated when
# written to, and still read as they are.
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

# Stores of schema 2 (the reports table with each report's id, file, url,
# date and title, the time as text) and 1 (that, before the text hashes),
# made from a new store: read as they are, migrated to 3 when written.
old_schema() { # old_schema FILE VERSION
	q "$1" "CREATE TABLE s2 (incident_id TEXT NOT NULL, source_key TEXT NOT NULL,
		source_id TEXT, file TEXT, url TEXT, date DATE, title TEXT, added DATETIME NOT NULL,
		text_hash TEXT, PRIMARY KEY (incident_id, source_key));
	INSERT INTO s2 SELECT incident_id, source_key, substr(source_key, 4), NULL, NULL, NULL,
		'title', strftime('%Y-%m-%dT%H:%M:%SZ', added, 'unixepoch'), text_hash
		FROM incimap_sources;
	DROP TABLE incimap_sources; ALTER TABLE s2 RENAME TO incimap_sources;
	CREATE INDEX incimap_sources_key ON incimap_sources(source_key);
	CREATE INDEX incimap_sources_text ON incimap_sources(text_hash) WHERE text_hash IS NOT NULL;
	UPDATE incimap_meta SET value = '$2' WHERE key = 'schema_version'"
	[ "$2" = 2 ] || q "$1" "DROP INDEX incimap_sources_text;
		ALTER TABLE incimap_sources DROP COLUMN text_hash"
}
for v in 2 1; do
	expect_exit 0 "$INCIMAP" extract a -o "old$v.gpkg"
	before=$(q "old$v.gpkg" 'SELECT count(*) FROM incimap_sources')
	old_schema "old$v.gpkg" "$v"
	chmod 444 "old$v.gpkg"
	expect_exit 0 "$INCIMAP" convert "old$v.gpkg" "old$v.geojson"
	[ "$(q "old$v.gpkg" "SELECT value FROM incimap_meta WHERE key = 'schema_version'")" = "$v" ] ||
		fail "reading a schema $v store changed it"
	chmod 644 "old$v.gpkg"
	expect_exit 0 "$INCIMAP" extract "$EX" -o "old$v.gpkg"
	expect_msg "^incimap: old$v.gpkg: 0 new incidents, 1 stored one told again, 0 from reports already read\$"
	[ "$(q "old$v.gpkg" "SELECT value FROM incimap_meta WHERE key = 'schema_version'")" = 3 ] ||
		fail "the schema $v store was not migrated to 3"
	[ "$(q "old$v.gpkg" "SELECT group_concat(name, ',') FROM pragma_table_info('incimap_sources')")" = \
		source_key,incident_id,added,text_hash ] || fail "schema $v: the reports table was not slimmed"
	[ "$(q "old$v.gpkg" "SELECT count(*) FROM sqlite_master WHERE name = 'incimap_sources_key' OR
		sql LIKE '%incimap_sources%WITHOUT ROWID%'")" = 1 ] ||
		fail "schema $v: the reports table is not keyed by report, without a rowid"
	[ "$(q "old$v.gpkg" 'SELECT count(*) FROM incimap_sources')" = $((before + 1)) ] ||
		fail "schema $v: the migration lost reports ($before before, one added)"
	[ "$(q "old$v.gpkg" "SELECT count(*) FROM incimap_sources WHERE typeof(added) != 'integer'
		OR added < strftime('%s', 'now') - 86400")" = 0 ] ||
		fail "schema $v: the times the reports were added were not carried over"
	[ "$(q "old$v.gpkg" 'SELECT count(text_hash) FROM incimap_sources')" -ge 1 ] ||
		fail "the migrated store does not keep text hashes"
	[ "$(q "old$v.gpkg" 'PRAGMA integrity_check')" = ok ] || fail "the migrated store is damaged"
	# what it had read before the migration is still known
	expect_exit 0 "$INCIMAP" extract a -o "old$v.gpkg"
	expect_msg "^incimap: old$v.gpkg: 0 new incidents, 0 stored ones told again, [1-9][0-9]* from reports already read\$"
done
pass
