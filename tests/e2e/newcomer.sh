#!/bin/bash
# newcomer.sh: what a first hour with incimap shows. A folder input says
# which files it skipped and why; on a terminal the progress bar shows
# done/total, the rate and the time left when the total is known (a folder,
# a JSON Lines file); with -q, or when stderr is not a terminal, no bar.
source "$(dirname "$0")/lib.bash"
cd "$T" || fail "cannot enter $T"
mkdir -p gaz reports/sub
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt gaz/
G=(--gazetteer "$T/gaz")
i=0
for city in Basra Kirkuk Erbil; do
	i=$((i + 1))
	printf ' date 2024-03-1%d A car bomb exploded in %s on Monday, killing %d people.\n' "$i" "$city" "$i" \
		>"reports/0$i.txt"
done
echo '<html><body>A bomb in Mosul.</body></html>' >reports/page.html
echo 'not an article' >reports/.hidden
touch reports/sub/x.txt

# ---- skipped files are named, with why ----
expect_exit 0 "$INCIMAP" extract reports -o out.geojson -q "${G[@]}"
expect_msg "^incimap: reports: warning: skipped 1 not named as an article \(\.txt, \.text, \.jsonl, \.ndjson or no extension\); 1 folder \(not searched\): (page\.html, sub|sub, page\.html)$"
grep -q 'hidden' "$ERR" && fail "a hidden file was reported"
grep -q '"place":"Basra"' out.geojson && grep -q '"place":"Erbil"' out.geojson ||
	fail "the reports beside the skipped files were not extracted"

# ---- the progress bar, on a terminal ----
command -v script >/dev/null || skip "no script(1) to give incimap a terminal"
run_tty() { script -q -e -c "$*" /dev/null >"$OUT" 2>&1 </dev/null; }
for i in $(seq 1 40); do
	printf '{"id":"r%d","date":"2024-03-13","text":"A car bomb exploded on Tuesday in Basra, killing %d people."}\n' "$i" "$i"
done >many.jsonl
printf '\n\n' >>many.jsonl # blank lines are no records
run_tty "'$INCIMAP' extract '$T/many.jsonl' -o '$T/m.geojson' --gazetteer '$T/gaz'" ||
	fail "extract on a terminal failed: $(cat "$OUT")"
tr '\r' '\n' <"$OUT" >bar.txt
grep -q -E '^reading \[#* *\] [0-9]+/40  [0-9]+\.[0-9]/s  [0-9]+:[0-9]{2} left' bar.txt ||
	fail "no bar with done/total, rate and time left: $(head -c 600 bar.txt)"
run_tty "'$INCIMAP' extract '$T/reports' -o '$T/r.geojson' --gazetteer '$T/gaz'" ||
	fail "extract of a folder on a terminal failed: $(cat "$OUT")"
tr '\r' '\n' <"$OUT" | grep -q -E '^reading \[#* *\] [0-9]+/3  ' || fail "no total for a folder: $(cat "$OUT")"
run_tty "'$INCIMAP' extract '$T/many.jsonl' -o '$T/m.geojson' -q --gazetteer '$T/gaz'" ||
	fail "extract -q on a terminal failed"
grep -q 'reading' "$OUT" && fail "-q still draws a bar"
expect_exit 0 "$INCIMAP" extract many.jsonl -o m.geojson "${G[@]}"
grep -q 'reading' "$ERR" && fail "a bar on a stderr that is no terminal"
pass
