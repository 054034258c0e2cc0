#!/bin/bash
# extract_review.sh: reports that give nothing are said. Each report with no
# incident, or none that could be placed, is one line of stderr at the end
# of the run (not with -q), in the batch and the streaming modes and in
# `map`; `--review FILE.csv` lists them, and the reports with a place name
# the gazetteer lacks, for an analyst; a review file that cannot be written
# is an error that leaves nothing behind.
source "$(dirname "$0")/lib.bash"

D="$T/reports"
mkdir -p "$D"
printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' >"$D/1-placed.txt"
printf ' date 2024-03-13 The provincial council met on Tuesday to discuss the budget.\n' >"$D/2-nothing.txt"
printf ' date 2024-03-13 Gunmen killed four farmers in Qaryat Zubrawiyya on Tuesday.\n' >"$D/3-unknown.txt"
printf ' date 2024-03-13 A bomb killed two people on Tuesday, police said.\n' >"$D/4-noplace.txt"

# the summary: one line for each report that gave nothing placed
expect_exit 0 "$INCIMAP" extract "$D" -o "$T/inc.csv"
expect_msg "^incimap: $D/2-nothing.txt: no incident told$"
expect_msg "^incimap: $D/3-unknown.txt: no incident placed: 'Qaryat Zubrawiyya' not in the gazetteer$"
expect_msg "^incimap: $D/4-noplace.txt: no incident placed: no place named$"
grep -q '1-placed' "$ERR" && fail "a placed report is said to have given nothing"
[ "$(grep -c 'incimap: .*: no incident' "$ERR")" -eq 3 ] || fail "not one line a silent report"
# -q: not said
expect_exit 0 "$INCIMAP" extract -q "$D" -o "$T/inc.csv"
[ -s "$ERR" ] && fail "-q still said: $(cat "$ERR")"
# streaming and map say the same
expect_exit 0 "$INCIMAP" extract -f geojsonseq "$D" -o "$T/inc.geojsons"
expect_msg "^incimap: $D/2-nothing.txt: no incident told$"
expect_msg "^incimap: $D/3-unknown.txt: no incident placed: 'Qaryat Zubrawiyya' not in the gazetteer$"

# a people, a religion's followers, an armed group or people counted is
# no missing place: the line says no place was named
P="$T/peoples"
mkdir -p "$P"
printf ' date 2024-03-13 Gunmen killed five Muslims on Tuesday, witnesses said.\n' >"$P/1.txt"
printf ' date 2024-03-13 Armed Fulani killed two farmers in an attack on Tuesday.\n' >"$P/2.txt"
printf ' date 2024-03-13 On Sunday Shebab attacked the base, killing three soldiers.\n' >"$P/3.txt"
printf ' date 2024-03-13 Gunmen shot dead 12 Mbororo on Tuesday.\n' >"$P/4.txt"
printf ' date 2024-03-13 Gunmen attacked Christians at a church on Sunday, killing six.\n' >"$P/5.txt"
expect_exit 0 "$INCIMAP" extract "$P" -o "$T/p.csv"
for f in 1 2 3 4 5; do
	expect_msg "^incimap: $P/$f.txt: no incident placed: no place named$"
done
grep -q "Muslims\|Fulani\|Shebab\|Mbororo\|Christians" "$ERR" && fail "a people or a group named as a place: $(cat "$ERR")"

# JSON Lines: the record's line
{
	echo '{"id": "a1", "date": "2024-03-13", "text": "A car bomb exploded on Tuesday in Basra, killing five people."}'
	echo '{"id": "a2", "date": "2024-03-13", "text": "The weather was fine on Tuesday."}'
} >"$T/wire.jsonl"
expect_exit 0 "$INCIMAP" extract "$T/wire.jsonl" -o "$T/w.csv"
expect_msg "^incimap: $T/wire.jsonl:2: no incident told$"

# --review: the silent reports and the unsure ones, as CSV
expect_exit 0 "$INCIMAP" extract -q "$D" -o "$T/inc.geojson" --review "$T/review.csv"
[ -s "$T/review.csv" ] || fail "no review file"
head -1 "$T/review.csv" | grep -q '^file,line,id,why,incidents_told,incidents_placed,min_confidence,unknown_place,text$' ||
	fail "review header: $(head -1 "$T/review.csv")"
[ "$(wc -l <"$T/review.csv")" -eq 4 ] || fail "review rows: $(cat "$T/review.csv")"
grep -q "3-unknown.txt,1,,no incident placed: 'Qaryat Zubrawiyya' not in the gazetteer,1,0,,Qaryat Zubrawiyya," "$T/review.csv" ||
	fail "review row of the unknown place: $(cat "$T/review.csv")"
grep -q '1-placed' "$T/review.csv" && fail "a sure, placed report is in the review"
no_partial "$T"

# a review file that cannot be opened: an error before anything is written
rm -f "$T/inc2.geojson"
expect_exit 1 "$INCIMAP" extract -q "$D" -o "$T/inc2.geojson" --review "$T/none/review.csv"
expect_msg "^incimap: .*none/review\.csv"
[ -e "$T/inc2.geojson" ] && fail "output written although the review could not be"
no_partial "$T"
# usage errors
expect_exit 2 "$INCIMAP" extract "$D" --review -
expect_msg "^incimap: extract: --review wants a file, not stdout"
expect_exit 2 "$INCIMAP" extract "$D" --toponyms --review "$T/r.csv"
expect_msg "^incimap: extract: --toponyms lists place names: --review does not apply"
pass
