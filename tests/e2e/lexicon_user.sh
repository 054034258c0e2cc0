#!/bin/bash
# lexicon_user.sh: the user's lexicon through the CLI. A report names an
# armed group the built-in lists do not know ("Katiba Kabala", made up for
# the test, whose words are a town of DR Congo and one of Sierra Leone) and
# a village that Namibia and Mali both have: unknown, the group's name is
# read as a place and the village is Namibia's. `lexicon add actor ... --country ML` makes
# it an actor, not a place, and its country weighs in: the village is
# Mali's. Then list, replace, the file's mode and backup, remove, lists
# extended by hand (a trigger, an animal, a journey's word,
# a word of death), and a
# hand-edited file with a bad line.
source "$(dirname "$0")/lib.bash"
FIX="$INCIMAP_SRC/tests/fixtures/lexicon"
mkdir -p "$T/gaz"
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$FIX"/lexicon-places.txt "$FIX"/detail-*.txt "$T/gaz/"
G=(--gazetteer "$T/gaz")
REPORT="$FIX/report.txt"

# place_of: "PLACE COUNTRY ACTORS" of the report's incident
place_of() {
	expect_exit 0 "$INCIMAP" extract -q "${G[@]}" "$REPORT" -f geojsonseq
	python3 - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l.strip("\x1e \n")) for l in open(sys.argv[1]) if l.strip("\x1e \n")]
p = rows[0]["properties"] if rows else {}
print(p.get("place"), p.get("country"), "|".join(p.get("actors") or []))
PY
}
toponyms() {
	expect_exit 0 "$INCIMAP" extract -q "${G[@]}" "$REPORT" --toponyms
	cat "$OUT"
}

# Before: the group's name is a place, the village is Namibia's.
before=$(place_of)
[ "$before" = "Bagani NA " ] || fail "before: wanted 'Bagani NA ', got '$before'"
case $(toponyms) in *'"text":"Kabala"'*) ;; *) fail "before: Kabala is not a toponym" ;; esac

expect_exit 0 "$INCIMAP" lexicon add actor "Katiba Kabala" --alt KK --alt "Katibat Kabala" \
	--country ML "${G[@]}"
grep -q -F "actor 'Katiba Kabala' added to $T/gaz/lexicon.tsv" "$ERR" || fail "add: no note"
[ "$(grep -v '^#' "$T/gaz/lexicon.tsv")" = "$(printf '%s\n' \
	"actors	katiba kabala	0	Katiba Kabala" "actors	kk	2	Katiba Kabala" \
	"actors	katibat kabala	0	Katiba Kabala" "actor-countries	katiba kabala	0	ML")" ] ||
	fail "add: lexicon.tsv is $(cat "$T/gaz/lexicon.tsv")"

# After: an actor, not a place; its country places the village in Mali.
after=$(place_of)
[ "$after" = "Bagani ML Katiba Kabala" ] || fail "after: wanted 'Bagani ML Katiba Kabala', got '$after'"
case $(toponyms) in *'"text":"Kabala"'*) fail "after: Kabala is still a toponym" ;; esac

# list: the user's entries; --all the built-in ones too
expect_exit 0 "$INCIMAP" lexicon list actor "${G[@]}"
[ "$(wc -l <"$OUT")" = 3 ] && grep -q -x "actors	kk	2	Katiba Kabala" "$OUT" ||
	fail "list actor: $(cat "$OUT")"
expect_exit 0 "$INCIMAP" lexicon list actors --all "${G[@]}"
grep -q -x "actors	boko haram	0	Boko Haram" "$OUT" && grep -q -x "actors	kk	2	Katiba Kabala" "$OUT" ||
	fail "list --all lacks a built-in or a user's actor"

# The same actor again replaces its lines (no duplicate); other kinds.
chmod 600 "$T/gaz/lexicon.tsv"
expect_exit 0 "$INCIMAP" lexicon add actor "Katiba Kabala" --country ML,NA "${G[@]}"
expect_exit 0 "$INCIMAP" lexicon add outlet "Radio Kabala FM" "${G[@]}"
expect_exit 0 "$INCIMAP" lexicon add demonym Malinke --country ML -q "${G[@]}"
[ ! -s "$ERR" ] || fail "-q: stderr is not empty"
[ "$(grep -c '^actors	katiba kabala	' "$T/gaz/lexicon.tsv")" = 1 ] || fail "add again: the line twice"
grep -q -x "actor-countries	katiba kabala	0	ML,NA" "$T/gaz/lexicon.tsv" || fail "add again: countries kept"
grep -q -x "outlets	radio kabala fm" "$T/gaz/lexicon.tsv" || fail "outlet: no line"
grep -q -x "demonyms	malinke	0	ML" "$T/gaz/lexicon.tsv" || fail "demonym: no line"
[ "$(stat -c %a "$T/gaz/lexicon.tsv")" = 600 ] || fail "the file lost its mode 600"
[ "$(stat -c %a "$T/gaz/lexicon.tsv.bak")" = 600 ] || fail "the backup is not 600"
grep -q "radio kabala fm" "$T/gaz/lexicon.tsv.bak" || fail "the backup is not the previous file"

# remove: the actor with its other names and countries; the others stay
expect_exit 0 "$INCIMAP" lexicon remove actor "Katiba Kabala" "${G[@]}"
! grep -q "^actor" "$T/gaz/lexicon.tsv" && grep -q -x "outlets	radio kabala fm" "$T/gaz/lexicon.tsv" ||
	fail "remove: $(cat "$T/gaz/lexicon.tsv")"
[ "$(place_of)" = "Bagani NA " ] || fail "after remove: wanted 'Bagani NA ', got '$(place_of)'"
expect_exit 1 "$INCIMAP" lexicon remove actor "Katiba Kabala" "${G[@]}"
grep -q "no actor 'Katiba Kabala' in your lexicon" "$ERR" || fail "remove twice: no message"

# Any list by hand: a trigger, listed back as written.
printf 'triggers\tambushed\t3\tclash\n' >>"$T/gaz/lexicon.tsv"
expect_exit 0 "$INCIMAP" lexicon list triggers "${G[@]}"
[ "$(cat "$OUT")" = "triggers	ambushed	3	clash" ] || fail "list triggers: $(cat "$OUT")"

# A word the figures are read with, by hand: "yaks" become animals, whose
# deaths are no one's (figure-words number 2).
printf 'Raiders attacked the village of Bagani on Tuesday and 40 yaks were killed.\n' >"$T/yaks.txt"
# deaths_of FILE: the fatalities of FILE's one incident
deaths_of() {
	expect_exit 0 "$INCIMAP" extract -q "${G[@]}" "$1" -f geojsonseq
	python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().strip("\x1e \n"))["properties"]["fatalities"])' "$OUT"
}
[ "$(deaths_of "$T/yaks.txt")" = 40 ] || fail "yaks before: $(deaths_of "$T/yaks.txt")"
printf 'figure-words\tyaks\t2\n' >>"$T/gaz/lexicon.tsv"
[ "$(deaths_of "$T/yaks.txt")" = None ] || fail "yaks as animals: $(deaths_of "$T/yaks.txt")"

# A word of a journey, added (lexicon add place-cue --group 1): "commuting"
# before "from Bagani" makes the
# village where the bus came from (place-cues group 1), no longer a sure
# place of the attack: geo_precision 1 -> 2, a lower confidence.
printf 'Gunmen attacked a minibus commuting from Bagani on Tuesday, killing 14 passengers.\n' \
	>"$T/bus.txt"
precision_of() {
	expect_exit 0 "$INCIMAP" extract -q "${G[@]}" "$T/bus.txt" -f geojsonseq
	python3 -c 'import json,sys; p=json.loads(open(sys.argv[1]).read().strip("\x1e \n"))["properties"]; print(p["place"], p["geo_precision"], p["confidence"])' "$OUT"
}
[ "$(precision_of)" = "Bagani 1 0.71" ] || fail "bus before: $(precision_of)"
expect_exit 0 "$INCIMAP" lexicon add place-cue commuting --group 1 "${G[@]}"
grep -q -x "place-cues	commuting	1" "$T/gaz/lexicon.tsv" || fail "add place-cue: $(cat "$T/gaz/lexicon.tsv")"
[ "$(precision_of)" = "Bagani 2 0.45" ] || fail "commuting as a journey: $(precision_of)"

# A word of death, added: "lynched" after a count is then a death
# (casualty-words group 3). A word of a list of groups keeps its other
# groups: added again in one, it is replaced there only; remove --group N
# takes it out of that group, remove out of all.
printf 'Raiders attacked the village of Bagani on Tuesday and 9 villagers were lynched.\n' \
	>"$T/lynched.txt"
[ "$(deaths_of "$T/lynched.txt")" = None ] || fail "lynched before: $(deaths_of "$T/lynched.txt")"
expect_exit 0 "$INCIMAP" lexicon add casualty-word lynched --group 5 "${G[@]}"
expect_exit 0 "$INCIMAP" lexicon add casualty-word Lynched --group 3 "${G[@]}"
expect_exit 0 "$INCIMAP" lexicon add casualty-word lynched --group 3 "${G[@]}"
expect_exit 0 "$INCIMAP" lexicon list casualty-word "${G[@]}"
[ "$(sort "$OUT")" = "$(printf 'casualty-words\tlynched\t3\ncasualty-words\tlynched\t5')" ] ||
	fail "list casualty-word: $(cat "$OUT")"
[ "$(deaths_of "$T/lynched.txt")" = 9 ] || fail "lynched as a death: $(deaths_of "$T/lynched.txt")"
expect_exit 0 "$INCIMAP" lexicon remove casualty-word lynched --group 5 "${G[@]}"
[ "$(grep -c '^casualty-words	lynched	' "$T/gaz/lexicon.tsv")" = 1 ] &&
	grep -q -x "casualty-words	lynched	3" "$T/gaz/lexicon.tsv" || fail "remove --group 5: $(cat "$T/gaz/lexicon.tsv")"
expect_exit 1 "$INCIMAP" lexicon remove casualty-word lynched --group 5 "${G[@]}"
grep -q -x "incimap: no casualty-word 'lynched' of group 5 in your lexicon" "$ERR" || fail "remove --group twice: $(cat "$ERR")"
[ "$(deaths_of "$T/lynched.txt")" = 9 ] || fail "lynched after remove --group 5: $(deaths_of "$T/lynched.txt")"
expect_exit 0 "$INCIMAP" lexicon remove place-cue commuting "${G[@]}"
[ "$(precision_of)" = "Bagani 1 0.71" ] || fail "commuting removed: $(precision_of)"

# A hand-edited line that is wrong stops every extraction at FILE:LINE,
# and add refuses to rewrite the file.
printf 'outlets\tRadio Bad\n' >>"$T/gaz/lexicon.tsv"
n=$(wc -l <"$T/gaz/lexicon.tsv")
expect_exit 1 "$INCIMAP" extract -q "${G[@]}" "$REPORT" -o "$T/x.geojson"
grep -q -x "incimap: $T/gaz/lexicon.tsv:$n: 'Radio Bad' is not lower case" "$ERR" ||
	fail "a bad line: $(cat "$ERR")"
[ ! -e "$T/x.geojson" ] || fail "a bad lexicon left an output"
cp "$T/gaz/lexicon.tsv" "$T/saved"
expect_exit 1 "$INCIMAP" lexicon add outlet "Radio Good" "${G[@]}"
cmp -s "$T/saved" "$T/gaz/lexicon.tsv" || fail "add rewrote a damaged lexicon"
pass
