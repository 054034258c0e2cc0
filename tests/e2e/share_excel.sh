#!/bin/bash
# share_excel.sh: the CSV for people (--excel): a UTF-8 byte order mark,
# CRLF, source_url and a readable sources column, formulas neutralised,
# and the machine CSV left as it was (it still round-trips).
source "$(dirname "$0")/lib.bash"
FIX="$INCIMAP_SRC/tests/fixtures/io"
cat >"$T/in.geojson" <<'JSON'
{"type":"FeatureCollection","features":[
{"type":"Feature","geometry":{"type":"Point","coordinates":[44.1,33.2]},"properties":{"id":"x1","event_date":"2023-03-14","time_precision":1,"date_text":"on Tuesday","event_type":"Explosions/Remote violence","sub_event_type":"Suicide bomb","place":"Aţ Ţārmīyah","place_text":"=HYPERLINK(\"http://evil.example\")","admin1":"بغداد","country":"IQ","geo_precision":1,"gazetteer_id":"g1","fatalities":3,"injuries":null,"actors":["@attacker","Islamic State"],"sources":[{"id":"s1","url":"https://news.example.org/a?b=1","date":"2023-03-14","title":"Blast \"kills\" 3"},{"file":"r2.txt","title":"Second report"}],"notes":"-5 dead, +2 hurt","confidence":0.8}},
{"type":"Feature","geometry":{"type":"Point","coordinates":[-3.5,-40.25]},"properties":{"id":"x2","event_date":null,"time_precision":3,"date_text":null,"event_type":"Protests","sub_event_type":null,"place":"\tTab","place_text":"\rCR","admin1":null,"country":null,"geo_precision":3,"gazetteer_id":null,"fatalities":null,"injuries":null,"actors":[],"sources":[],"notes":"+plus","confidence":0.5}}
]}
JSON
expect_exit 0 "$INCIMAP" convert "$T/in.geojson" "$T/people.csv" --excel
[ "$(head -c 3 "$T/people.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no UTF-8 byte order mark"
head -1 "$T/people.csv" | grep -q $'^\xEF\xBB\xBFid,event_date,.*,actors,source_url,sources,notes,confidence,latitude,longitude\r$' ||
	fail "header: $(head -1 "$T/people.csv")"
# Every line break outside a quoted cell is CRLF: two rows, the header, and
# the line inside the multi-source cell (LF, as spreadsheets keep it).
[ "$(grep -c $'\r$' "$T/people.csv")" -eq 3 ] || fail "CRLF rows"
grep -q 'Aţ Ţārmīyah' "$T/people.csv" || fail "UTF-8 names kept"
grep -q ",\"'=HYPERLINK(\"\"http://evil.example\"\")\"," "$T/people.csv" || fail "= neutralised"
grep -q ",'@attacker; Islamic State,https://news.example.org/a?b=1,\"Blast \"\"kills\"\" 3 (2023-03-14) https://news.example.org/a?b=1$" \
	"$T/people.csv" || fail "@ neutralised, source_url, readable first source"
grep -q '^Second report r2.txt","'"'"'-5 dead, +2 hurt",0.8,33.2,44.1'$'\r$' "$T/people.csv" ||
	fail "second source on its own line; - neutralised; numbers as numbers"
grep -q $'^x2,,3,,Protests,,\'\tTab,"\'\rCR",,,3,,,,,,,\'+plus,0.5,-40.25,-3.5\r$' "$T/people.csv" ||
	fail "tab, CR and + neutralised, negative numbers untouched: $(grep -a '^x2' "$T/people.csv" | od -c | head)"
# --format excel on extract and --to excel on convert are the same thing.
expect_exit 0 "$INCIMAP" convert "$T/in.geojson" "$T/people2.txt" --to excel
cmp -s "$T/people.csv" "$T/people2.txt" || fail "--to excel differs from --excel"
# The CSV for people is not read back; the machine CSV is as it was.
expect_exit 2 "$INCIMAP" convert "$T/people.csv" "$T/back.geojson" --from excel
expect_msg "excel is written for people and not read back"
expect_exit 2 "$INCIMAP" convert "$T/in.geojson" "$T/x.geojson" --excel
expect_msg "--excel is for a CSV OUT, not geojson"
expect_exit 0 "$INCIMAP" convert "$T/in.geojson" "$T/machine.csv"
[ "$(head -c 2 "$T/machine.csv")" = id ] || fail "the machine CSV has no byte order mark"
grep -q '^x1,.*,"=HYPERLINK(""http://evil.example"")",' "$T/machine.csv" || fail "machine CSV keeps the text"
expect_exit 0 "$INCIMAP" convert "$T/machine.csv" "$T/back.geojson"
expect_exit 0 "$INCIMAP" convert "$T/in.geojson" "$T/ref.geojson"
cmp -s "$T/ref.geojson" "$T/back.geojson" || fail "machine CSV round trip"
expect_exit 0 "$INCIMAP" convert "$FIX/incidents.geojson" - --to excel
[ "$(grep -c '^im-fx-' "$OUT")" -eq 8 ] || fail "8 rows on stdout"
no_partial "$T"
pass
