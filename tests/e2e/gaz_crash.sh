# gaz_crash.sh: a write of the user file that dies half-way loses nothing:
# the process stopped after half its bytes (INCIMAP_FAULT=gaz-write-half),
# and one killed with SIGKILL while it waits mid-write (gaz-write-stall).
# Also two `add`s at once: both entries kept.
set -u
: "${INCIMAP:?}" "${INCIMAP_SRC:?}" "${INCIMAP_TEST_TMP:?}"
T="$INCIMAP_TEST_TMP/gaz-crash-$$"
rm -rf "$T" && mkdir -p "$T/gaz" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/gaz/"
trap 'rm -rf "$T"' EXIT
G=(--gazetteer "$T/gaz")
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

"$INCIMAP" gazetteer add "Post Alpha" --lat 33.1 --lon 44.1 --country IQ "${G[@]}" >/dev/null || fail "add Alpha"
"$INCIMAP" gazetteer add "Post Bravo" --lat 33.2 --lon 44.2 --country IQ --alt "Bravo Gate" "${G[@]}" >/dev/null ||
	fail "add Bravo"
cp "$T/gaz/user.txt" "$T/user.before"
cp "$T/gaz/user.txt.bak" "$T/bak.before"

still_whole() { # $1: what happened
	cmp -s "$T/gaz/user.txt" "$T/user.before" || fail "$1: user.txt changed"
	for n in "Post Alpha" "Post Bravo" "Bravo Gate"; do
		"$INCIMAP" geocode "$n" "${G[@]}" >/dev/null || fail "$1: '$n' lost"
	done
	"$INCIMAP" gazetteer check -q "${G[@]}" 2>/dev/null || fail "$1: check fails afterwards"
}

# 1. the process stops after writing half of the new user.txt
INCIMAP_FAULT=gaz-write-half "$INCIMAP" gazetteer add "Post Charlie" --lat 33.3 --lon 44.3 "${G[@]}" \
	>/dev/null 2>&1
rc=$?
[ "$rc" = 99 ] || fail "fault injection did not stop the write (exit $rc)"
still_whole "stopped add"
ls -a "$T/gaz" | grep -q '^\.user\.txt\.tmp\.' || fail "no half-written user.txt was left (nothing was tested)"
"$INCIMAP" geocode "Post Charlie" "${G[@]}" >/dev/null 2>&1 && fail "the stopped add went in"

# 2. the same for a removal
INCIMAP_FAULT=gaz-write-half "$INCIMAP" gazetteer remove "Post Alpha" "${G[@]}" >/dev/null 2>&1
[ "$?" = 99 ] || fail "fault injection on remove"
still_whole "stopped remove"

# 3. SIGKILL while the write is under way
INCIMAP_FAULT=gaz-write-stall "$INCIMAP" gazetteer add "Post Delta" --lat 33.4 --lon 44.4 "${G[@]}" \
	>/dev/null 2>&1 &
pid=$!
n=0
tmps() { ls -a "$T/gaz" | grep '^\.user\.txt\.tmp\.' | sort; }
tmps >"$T/tmps.before"
# wait for the writer to reach a new temporary user.txt (it stalls there);
# up to 60 s, for a loaded machine or valgrind, but not once it has died
while [ -z "$(tmps | comm -13 "$T/tmps.before" -)" ] && [ "$n" -lt 1200 ]; do
	kill -0 "$pid" 2>/dev/null || fail "the writer ended before it reached its temporary file"
	sleep 0.05
	n=$((n + 1))
done
[ "$n" -lt 1200 ] || fail "the writer never reached its temporary file (60 s)"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
still_whole "killed add"
"$INCIMAP" geocode "Post Delta" "${G[@]}" >/dev/null 2>&1 && fail "the killed add went in"

# 4. after all that, writes work (the lock died with its holder)
timeout 20 "$INCIMAP" gazetteer add "Post Echo" --lat 33.5 --lon 44.5 "${G[@]}" >/dev/null || fail "add after crashes"
"$INCIMAP" geocode "Post Echo" "Post Alpha" "Post Bravo" "${G[@]}" >/dev/null || fail "entries after crashes"
ls -a "$T/gaz" | grep -q '^\.user.*tmp' && fail "the crashed writers' temporary files were not cleaned up"

# 5. concurrent adds: two writers, ten entries each, none lost
(for i in 1 2 3 4 5 6 7 8 9 10; do "$INCIMAP" gazetteer add -q "Gate A$i" --lat 32.$i --lon 45 "${G[@]}" >/dev/null || echo bad; done) >"$T/a.log" 2>&1 &
(for i in 1 2 3 4 5 6 7 8 9 10; do "$INCIMAP" gazetteer add -q "Gate B$i" --lat 31.$i --lon 46 "${G[@]}" >/dev/null || echo bad; done) >"$T/b.log" 2>&1 &
wait
[ -s "$T/a.log" ] || [ -s "$T/b.log" ] && fail "a concurrent add failed: $(cat "$T/a.log" "$T/b.log")"
got=$("$INCIMAP" gazetteer list "${G[@]}" | grep -c 'Gate [AB]')
[ "$got" = 20 ] || fail "concurrent adds: $got of 20 entries kept"
"$INCIMAP" gazetteer check -q "${G[@]}" || fail "check after concurrent adds"

# 6. several processes opening a gazetteer with no index build it once, safely
rm -rf "$T/fresh" && mkdir -p "$T/fresh" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/fresh/"
: >"$T/fresh/.gazetteer.idx.tmp.dead01" # what a builder killed mid-write leaves
for i in 1 2 3 4; do
	"$INCIMAP" geocode Basra Kerman --json --gazetteer "$T/fresh" >"$T/par$i.out" 2>"$T/par$i.err" &
done
wait
for i in 2 3 4; do
	cmp -s "$T/par1.out" "$T/par$i.out" || fail "parallel first opens differ"
done
[ -s "$T/par1.out" ] && ! [ -s "$T/par1.err" ] || fail "parallel first open: $(cat "$T/par1.err")"
[ -s "$T/fresh/gazetteer.idx" ] || fail "no index after parallel opens"
ls -a "$T/fresh" | grep -q 'tmp' && fail "temporary index files left: $(ls -a "$T/fresh")"

[ "$fails" = 0 ] || exit 1
echo "gaz_crash: ok"
