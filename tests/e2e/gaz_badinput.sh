# gaz_badinput.sh: every kind of bad input to `gazetteer add`, `check`,
# `import` and `geocode` gets an "incimap: ..." message (FILE:LINE when it is
# about a line), a non-zero exit, no crash, and leaves every file as it was.
set -u
: "${INCIMAP:?}" "${INCIMAP_SRC:?}" "${INCIMAP_TEST_TMP:?}"
T="$INCIMAP_TEST_TMP/gaz-bad-$$"
rm -rf "$T" && mkdir -p "$T/gaz" "$T/in" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/gaz/"
trap 'rm -rf "$T"' EXIT
G=(--gazetteer "$T/gaz")
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
"$INCIMAP" gazetteer add "Checkpoint 7" --lat 33.3 --lon 44.4 --country IQ "${G[@]}" >/dev/null || fail "setup add"
"$INCIMAP" gazetteer build -q "${G[@]}" || fail "setup build"
snapshot() { (cd "$T/gaz" && ls | grep -v '\.idx' | grep -v '\.lock$' | sort | xargs md5sum); }
before=$(snapshot)

# expect STATUS PATTERN CMD...: exit STATUS, stderr matching PATTERN (a glob),
# no crash (sanitizers abort with other statuses), no file changed
expect() {
	local want=$1 pat=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	local rc=$?
	local err
	err=$(cat "$T/err")
	[ "$rc" = "$want" ] || fail "$*: exit $rc, wanted $want; $err"
	# shellcheck disable=SC2254
	case "$err" in $pat) ;; *) fail "$*: message '$err' does not match '$pat'" ;; esac
	[ "$(snapshot)" = "$before" ] || { fail "$*: files changed"; before=$(snapshot); }
}

# --- add ---
A=("$INCIMAP" gazetteer add)
expect 2 "incimap: gazetteer: --lat wants degrees in -90..90, not '95'*" "${A[@]}" Somewhere --lat 95 --lon 44 "${G[@]}"
expect 2 "incimap: gazetteer: --lat wants*" "${A[@]}" Somewhere --lat -90.01 --lon 44 "${G[@]}"
expect 2 "incimap: gazetteer: --lon wants*" "${A[@]}" Somewhere --lat 33 --lon 180.5 "${G[@]}"
expect 2 "incimap: gazetteer: --lat wants*" "${A[@]}" Somewhere --lat abc --lon 44 "${G[@]}"
expect 2 "incimap: gazetteer: --lat wants*" "${A[@]}" Somewhere --lat nan --lon 44 "${G[@]}"
expect 2 "incimap: gazetteer: --lat wants*" "${A[@]}" Somewhere --lat 1e999 --lon 44 "${G[@]}"
expect 1 "incimap: refused:*tab*" "${A[@]}" "$(printf 'Tab\there')" --lat 33 --lon 44 "${G[@]}"
expect 1 "incimap: refused:*newline*" "${A[@]}" "$(printf 'New\nline')" --lat 33 --lon 44 "${G[@]}"
expect 1 "incimap: refused: empty name*" "${A[@]}" "" --lat 33 --lon 44 "${G[@]}"
expect 1 "incimap: refused: empty name*" "${A[@]}" "   " --lat 33 --lon 44 "${G[@]}"
expect 1 "incimap: refused:*UTF-8*" "${A[@]}" "$(printf 'Bad \377 name')" --lat 33 --lon 44 "${G[@]}"
expect 1 "incimap: refused: unknown country code 'XX'*" "${A[@]}" Somewhere --lat 33 --lon 44 --country XX "${G[@]}"
expect 1 "incimap: refused:*two-letter*" "${A[@]}" Somewhere --lat 33 --lon 44 --country IRQ "${G[@]}"
expect 1 "incimap: refused:*comma*" "${A[@]}" Somewhere --lat 33 --lon 44 --alt "A,B" "${G[@]}"
expect 1 "incimap: refused:*empty name in --alt*" "${A[@]}" Somewhere --lat 33 --lon 44 --alt "A||B" "${G[@]}"
expect 1 "incimap: refused:*longer than 200*" "${A[@]}" "$(head -c 300 /dev/zero | tr '\0' x)" --lat 33 --lon 44 "${G[@]}"
expect 1 "incimap: *user.txt:2: refused: 'Checkpoint 7' is already there*" "${A[@]}" "Checkpoint 7" --lat 33.3001 --lon 44.4 "${G[@]}"
expect 2 "incimap: gazetteer: unknown --kind*" "${A[@]}" Somewhere --lat 33 --lon 44 --kind castle "${G[@]}"
expect 1 "incimap: $T/nope: gazetteer folder not found*" "${A[@]}" Somewhere --lat 33 --lon 44 --gazetteer "$T/nope"

# --- import ---
I=("$INCIMAP" gazetteer import)
good="$INCIMAP_SRC/tests/fixtures/gaz-import/IQ-sample.txt"
expect 1 "incimap: $T/in/missing.txt: cannot open*" "${I[@]}" "$T/in/missing.txt" "${G[@]}"
: >"$T/in/empty.txt"
expect 1 "incimap: $T/in/empty.txt: empty file*" "${I[@]}" "$T/in/empty.txt" "${G[@]}"
printf '# only a comment\n\n' >"$T/in/blank.txt"
expect 1 "incimap: $T/in/blank.txt: empty file*" "${I[@]}" "$T/in/blank.txt" "${G[@]}"
expect 1 "incimap: $T/in: is a folder*" "${I[@]}" "$T/in" "${G[@]}"
{ head -1 "$good"; printf '9100005\tBad \377\tBad\t\t35\t43\tP\tPPL\tIQ\t\t\t\t\t\t0\t\t\t\t\n'; } >"$T/in/utf8.txt"
expect 1 "incimap: $T/in/utf8.txt:2: invalid UTF-8*" "${I[@]}" "$T/in/utf8.txt" "${G[@]}"
{ head -2 "$good"; printf '9100006\tBroken line\n'; } >"$T/in/broken.txt"
expect 1 "incimap: $T/in/broken.txt:3: 2 tab-separated columns, not 19*" "${I[@]}" "$T/in/broken.txt" "${G[@]}"
sed '2s/\t34.9\t/\t95\t/' "$good" >"$T/in/lat.txt"
expect 1 "incimap: $T/in/lat.txt:2: latitude '95'*" "${I[@]}" "$T/in/lat.txt" "${G[@]}"
sed '1s/\t43.2\t/\t-181\t/' "$good" >"$T/in/lon.txt"
expect 1 "incimap: $T/in/lon.txt:1: longitude '-181'*" "${I[@]}" "$T/in/lon.txt" "${G[@]}"
sed '3s/\tIQ\t/\tZZ\t/' "$good" >"$T/in/cc.txt"
expect 1 "incimap: $T/in/cc.txt:3: unknown country code 'ZZ'*" "${I[@]}" "$T/in/cc.txt" "${G[@]}"
{ head -1 "$good"; printf '9100007\tHuge\tHuge\t'; head -c 1100000 /dev/zero | tr '\0' a;
	printf '\t35\t43\tP\tPPL\tIQ\t\t\t\t\t\t0\t\t\t\t\n'; } >"$T/in/huge.txt"
expect 1 "incimap: $T/in/huge.txt:2: line longer than*" "${I[@]}" "$T/in/huge.txt" "${G[@]}"
printf 'no tabs at all here\n' >"$T/in/text.txt"
expect 1 "incimap: $T/in/text.txt:1: 1 tab-separated column, not 19*" "${I[@]}" "$T/in/text.txt" "${G[@]}"
expect 1 "incimap: $T/in/missing-alt.txt: cannot open*" "${I[@]}" "$good" --alternates "$T/in/missing-alt.txt" "${G[@]}"
expect 1 "incimap: $T/in/empty.txt: empty file*" "${I[@]}" "$good" --alternates "$T/in/empty.txt" "${G[@]}"
printf '1\t9100001\tar\tok\n2\tnot-a-number\ten\tBad\n' >"$T/in/alt-bad.txt"
expect 1 "incimap: $T/in/alt-bad.txt:2: not an alternateNames line*" "${I[@]}" "$good" --alternates "$T/in/alt-bad.txt" "${G[@]}"
printf '1\t9100001\tar\tok \377\n' >"$T/in/alt-utf8.txt"
expect 1 "incimap: $T/in/alt-utf8.txt:1: invalid UTF-8*" "${I[@]}" "$good" --alternates "$T/in/alt-utf8.txt" "${G[@]}"

# --- check: each broken line named, nothing changed ---
printf 'user:ok\tFine\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t\n' >"$T/gaz/user-more.txt"
printf 'user:lat\tBad lat\t\t\t95\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t\n' >>"$T/gaz/user-more.txt"
printf 'user:few\tFew\t33\n' >>"$T/gaz/user-more.txt"
printf 'user:utf\tBad \377\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t\n' >>"$T/gaz/user-more.txt"
printf 'user:cc\tCountry\t\t\t33\t44\tS\t\tQQ\t\t\t\t\t\t\t\t\t\t\n' >>"$T/gaz/user-more.txt"
{ printf 'user:huge\t'; head -c 1100000 /dev/zero | tr '\0' a; printf '\n'; } >>"$T/gaz/user-more.txt"
printf 'user:ok\tFine again\t\t\t33\t44\tS\t\tIQ\t\t\t\t\t\t\t\t\t\t\n' >>"$T/gaz/user-more.txt"
: >"$T/gaz/user-empty.txt"
before=$(snapshot)
expect 1 "*user-empty.txt: warning: empty file*user-more.txt:2: warning: latitude '95'*user-more.txt:3: warning: 3 tab-separated*user-more.txt:4: warning: invalid UTF-8*user-more.txt:5: warning: unknown country code 'QQ'*user-more.txt:6: warning: line longer than*user-more.txt:7: warning: duplicate id user:ok (also on line 1)*incimap: $T/gaz: 7 problems in the gazetteer*" \
	"$INCIMAP" gazetteer check "${G[@]}"
expect 1 "incimap: $T/nope: cannot open the gazetteer folder*" "$INCIMAP" gazetteer check --gazetteer "$T/nope"
# the rest of the gazetteer still answers around the bad lines
"$INCIMAP" geocode Fine "Checkpoint 7" "${G[@]}" >/dev/null 2>&1 || fail "good lines lost around bad ones"
rm "$T/gaz/user-more.txt" "$T/gaz/user-empty.txt"
before=$(snapshot)

# --- geocode ---
expect 2 "incimap: geocode: NAME 1 is not valid UTF-8*" "$INCIMAP" geocode "$(printf 'Bas\377ra')" "${G[@]}"
expect 1 "" "$INCIMAP" geocode "$(head -c 100000 /dev/zero | tr '\0' a)" "${G[@]}"
expect 1 "" "$INCIMAP" geocode "" "${G[@]}"
expect 1 "incimap: $T/nope: gazetteer folder not found*" "$INCIMAP" geocode Basra --gazetteer "$T/nope"
expect 2 "incimap: geocode: --near wants*" "$INCIMAP" geocode Basra --near 33 "${G[@]}"
expect 2 "incimap: geocode: --limit wants*" "$INCIMAP" geocode Basra -n 0 "${G[@]}"

[ "$fails" = 0 ] || exit 1
echo "gaz_badinput: ok"
