# gaz_readonly.sh: a gazetteer folder the user cannot write (installed under
# share/) still works: its index goes to $XDG_CACHE_HOME/incimap/ (else
# ~/.cache/incimap/), and the user's own places go to their data folder,
# $XDG_DATA_HOME/incimap/ (else ~/.local/share/incimap/), where they win over
# the shipped data: add, geocode, list, remove, import; with no data folder
# at all, writing fails cleanly. As root, the test runs the tool as "nobody"
# (root may write anywhere), from a copy of the binary in a scratch folder
# nobody can reach (the clone may sit in a folder others cannot enter); it
# skips with a message when it cannot.
set -u
: "${INCIMAP:?}" "${INCIMAP_SRC:?}" "${INCIMAP_TEST_TMP:?}"
skip() { echo "SKIP [gaz_readonly]: $*" >&2; exit 77; }
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip "no setpriv to run incimap as nobody"
	T=$(mktemp -d "${TMPDIR:-/tmp}/incimap-gaz-ro.XXXXXX") || skip "no scratch folder"
else
	T="$INCIMAP_TEST_TMP/gaz-ro-$$"
fi
rm -rf "$T" && mkdir -p "$T/gaz" "$T/cache" "$T/home" "$T/data" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/gaz/"
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

as_user=()
if [ "$(id -u)" = 0 ]; then
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	# under valgrind, the binary itself, run natively
	cp "${INCIMAP_REAL:-$INCIMAP}" "$T/incimap" && INCIMAP="$T/incimap"
	chmod 755 "$T" "$T/gaz" "$INCIMAP" && chmod 644 "$T/gaz"/*.txt
	chown 65534 "$T/cache" "$T/home" "$T/data"
	"${as_user[@]}" test -x "$INCIMAP" || skip "nobody cannot run $INCIMAP"
	"${as_user[@]}" test -r "$T/gaz/admin.txt" || skip "nobody cannot read $T/gaz"
else
	chmod 555 "$T/gaz"
fi
run() { "${as_user[@]}" env HOME="$T/home" "$@"; }

out=$(run env XDG_CACHE_HOME="$T/cache" "$INCIMAP" geocode Basra --json -n 1 --gazetteer "$T/gaz" 2>"$T/err")
case "$out" in *'"id":"gn:99532"'*) ;; *) fail "geocode on a read-only folder: $out $(cat "$T/err")" ;; esac
ls "$T/cache"/incimap/gazetteer-*.idx >/dev/null 2>&1 || fail "no index in XDG_CACHE_HOME"
[ -e "$T/gaz/gazetteer.idx" ] && fail "an index was written into the read-only folder"
# without XDG_CACHE_HOME: ~/.cache/incimap
out=$(run env -u XDG_CACHE_HOME "$INCIMAP" geocode Erbil --json -n 1 --gazetteer "$T/gaz" 2>"$T/err")
case "$out" in *'"id":"gn:95446"'*) ;; *) fail "geocode with ~/.cache: $out $(cat "$T/err")" ;; esac
ls "$T/home/.cache/incimap"/gazetteer-*.idx >/dev/null 2>&1 || fail "no index in ~/.cache/incimap"
# a second run uses the cached index (no rebuild): same answer
out2=$(run env -u XDG_CACHE_HOME "$INCIMAP" geocode Erbil --json -n 1 --gazetteer "$T/gaz" 2>&1)
[ "$out2" = "$out" ] || fail "second run differs"
sums() { (cd "$T/gaz" && md5sum ./*.txt); }
before=$(sums)
G=(--gazetteer "$T/gaz")
U="$T/home/.local/share/incimap"
# add goes to ~/.local/share/incimap/user.txt, and is found at once
id=$(run env -u XDG_DATA_HOME "$INCIMAP" gazetteer add "Checkpoint 9" --lat 33.31 --lon 44.42 \
	--country IQ "${G[@]}" 2>"$T/err")
[ "$id" = "user:checkpoint-9" ] || fail "add on a read-only folder: '$id' $(cat "$T/err")"
grep -q "read-only: added to $U/user.txt" "$T/err" || fail "add does not say where: $(cat "$T/err")"
grep -q '^user:checkpoint-9	Checkpoint 9	' "$U/user.txt" 2>/dev/null || fail "no $U/user.txt"
out=$(run env -u XDG_DATA_HOME "$INCIMAP" geocode "Checkpoint 9" --json -n 1 "${G[@]}" 2>&1)
case "$out" in *'"id":"user:checkpoint-9"'*) ;; *) fail "geocode after add: $out" ;; esac
# the user's place wins over the shipped one of its name
run env -u XDG_DATA_HOME "$INCIMAP" gazetteer add Basra --lat 30.6 --lon 47.9 --country IQ \
	--kind city --population 1500000 "${G[@]}" >/dev/null 2>"$T/err" || fail "add Basra: $(cat "$T/err")"
out=$(run env -u XDG_DATA_HOME "$INCIMAP" geocode Basra --json -n 1 "${G[@]}" 2>&1)
case "$out" in *'"id":"user:basra"'*'"kind":"city","population":1500000'*) ;;
*) fail "the user's Basra does not win: $out" ;; esac
out=$(run env -u XDG_DATA_HOME "$INCIMAP" gazetteer list "${G[@]}" 2>&1)
[ "$(printf '%s\n' "$out" | wc -l)" = 2 ] || fail "list: $out"
run env -u XDG_DATA_HOME "$INCIMAP" gazetteer remove user:basra "${G[@]}" >/dev/null 2>"$T/err" ||
	fail "remove: $(cat "$T/err")"
grep -q 'user:basra' "$U/user.txt" && fail "user:basra still there"
out=$(run env -u XDG_DATA_HOME "$INCIMAP" geocode Basra --json -n 1 "${G[@]}" 2>&1)
case "$out" in *'"id":"gn:99532"'*) ;; *) fail "shipped Basra after remove: $out" ;; esac
# import goes there too
printf '9990001\tQaryat Test\tQaryat Test\t\t35.1\t44.1\tP\tPPL\tIQ\t\t13\t\t\t\t0\t\t\t\t\n' >"$T/IQ.txt"
chmod 644 "$T/IQ.txt"
run env -u XDG_DATA_HOME "$INCIMAP" gazetteer import "$T/IQ.txt" "${G[@]}" >/dev/null 2>"$T/err" ||
	fail "import: $(cat "$T/err")"
[ -s "$U/user-import-IQ.txt" ] || fail "no $U/user-import-IQ.txt"
out=$(run env -u XDG_DATA_HOME "$INCIMAP" geocode "Qaryat Test" --json -n 1 "${G[@]}" 2>&1)
case "$out" in *'"id":"gn:9990001"'*) ;; *) fail "geocode after import: $out" ;; esac
# XDG_DATA_HOME, when set, is the data folder
run env XDG_DATA_HOME="$T/data" "$INCIMAP" gazetteer add "Gate 4" --lat 33.3 --lon 44.4 \
	"${G[@]}" >/dev/null 2>"$T/err" || fail "add with XDG_DATA_HOME: $(cat "$T/err")"
grep -q '^user:gate-4	' "$T/data/incimap/user.txt" 2>/dev/null || fail "no XDG_DATA_HOME/incimap/user.txt"
# nowhere to write: refused with a message, nothing half-done
run env -u XDG_DATA_HOME HOME= "$INCIMAP" gazetteer add Somewhere --lat 33 --lon 44 "${G[@]}" \
	>/dev/null 2>"$T/err"
rc=$?
[ "$rc" = 1 ] && grep -q '^incimap: .*cannot write.*data folder' "$T/err" ||
	fail "add with no data folder: $rc $(cat "$T/err")"
[ -e "$T/gaz/user.txt" ] && fail "user.txt appeared in the read-only folder"
[ "$(sums)" = "$before" ] || fail "the read-only folder changed"

[ "$fails" = 0 ] || exit 1
echo "gaz_readonly: ok"
