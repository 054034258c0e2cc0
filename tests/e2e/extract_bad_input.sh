#!/bin/bash
# extract_bad_input.sh: bad articles among good ones: a binary file, invalid
# UTF-8, a 50 MB single line, an empty article, JSON Lines records that are
# not JSON or have no text. Each gets one clear "incimap: FILE:LINE: ..."
# message, the good articles are still extracted, the exit status is 1, and
# no half-written output is left.
source "$(dirname "$0")/lib.bash"

D="$T/in"
mkdir -p "$D"
good=' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.'
printf '%s\n' "$good" >"$D/01-good.txt"
printf 'A bomb\000\001\002\377 in Basra' >"$D/02-binary.txt"
printf 'A bomb went off in Mosul.\nIt killed \xc3\x28 two.\n' >"$D/03-bad-utf8.txt"
: >"$D/04-empty.txt"
printf '   \n\n' >"$D/05-blank.txt"
head -c 52428800 /dev/zero | tr '\0' 'a' >"$D/06-huge.txt"
{
	echo '{"id": "w1", "date": "2024-08-08", "text": "A roadside bomb hit a convoy west of Mosul on Thursday, wounding four fighters."}'
	echo 'this line is not JSON'
	echo '{"id": "w3", "text": 42}'
	echo '{"id": "w4", "date": "2024-08-08", "text": "A car bomb exploded in Kirkuk on Thursday, killing three people."'
	printf '{"id": "w5", "text": "'
	head -c 17000000 /dev/zero | tr '\0' 'b'
	printf '"}\n'
	echo '{"id": "w6", "date": "2024-08-07", "text": "Gunmen shot dead a judge in Baghdad on Wednesday."}'
} >"$D/07-wire.jsonl"

out="$T/out.geojson"
expect_exit 1 "$INCIMAP" extract -q "$D" -o "$out"
expect_msg "^incimap: $D/02-binary.txt:1:[0-9]+: NUL byte"
expect_msg "^incimap: $D/03-bad-utf8.txt:2:[0-9]+: invalid UTF-8"
expect_msg "^incimap: $D/04-empty.txt: empty article"
expect_msg "^incimap: $D/05-blank.txt: empty article"
expect_msg "^incimap: $D/06-huge.txt: .*larger than the limit"
expect_msg "^incimap: $D/07-wire.jsonl:2:[0-9]+: not a JSON object"
expect_msg "^incimap: $D/07-wire.jsonl:3:[0-9]+: record has no \"text\""
expect_msg "^incimap: $D/07-wire.jsonl:4:[0-9]+: not a JSON object"
expect_msg "^incimap: $D/07-wire.jsonl:5: line longer than the limit"
[ -f "$out" ] || fail "the good articles were not written out"
n=$(grep -c '"type":"Feature"' "$out")
[ "$n" -eq 3 ] || fail "expected 3 incidents from the good articles, got $n"
grep -q '"place_text":"Basra"' "$out" || fail "the Basra bombing is missing"
grep -q '"id":"w1"' "$out" || fail "record w1 is missing"
grep -q '"id":"w6"' "$out" || fail "record w6 (after the bad ones) is missing"
no_partial "$T"

# the same in streaming mode
expect_exit 1 "$INCIMAP" extract -q -f geojsonseq "$D/07-wire.jsonl" -o "$T/out.geojsons"
expect_msg "07-wire.jsonl:2:[0-9]+: not a JSON object"
n=$(grep -c '"type":"Feature"' "$T/out.geojsons")
[ "$n" -eq 2 ] || fail "streaming: expected 2 incidents, got $n"

# nothing good at all: exit 1, nothing written
rm -f "$T/none.geojson"
expect_exit 1 "$INCIMAP" extract -q "$D/02-binary.txt" "$D/04-empty.txt" -o "$T/none.geojson"
expect_msg "no article could be read"
[ -e "$T/none.geojson" ] && fail "a failed run left an output file"
no_partial "$T"

# a missing input
expect_exit 1 "$INCIMAP" extract -q "$T/no-such-file.txt" -o "$T/x.geojson"
expect_msg "no-such-file.txt: cannot open"

# stdin: an article, then JSON Lines
printf '%s\n' "$good" | "$INCIMAP" extract -q - >"$OUT" 2>"$ERR" || fail "stdin article"
grep -q '"place_text":"Basra"' "$OUT" || fail "stdin article: no incident"
head -n 1 "$D/07-wire.jsonl" | "$INCIMAP" extract -q -f geojsonseq >"$OUT" 2>"$ERR" || fail "stdin JSON Lines"
grep -q '"id":"w1"' "$OUT" || fail "stdin JSON Lines: no incident"
pass
