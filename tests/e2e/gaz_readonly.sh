# gaz_readonly.sh: a gazetteer folder the user cannot write (installed under
# share/) still works: its index goes to $XDG_CACHE_HOME/incimap/ (else
# ~/.cache/incimap/), and writing commands fail cleanly. As root, the test
# runs the tool as "nobody" (root may write anywhere); it skips when it
# cannot.
set -u
: "${INCIMAP:?}" "${INCIMAP_SRC:?}" "${INCIMAP_TEST_TMP:?}"
T="$INCIMAP_TEST_TMP/gaz-ro-$$"
rm -rf "$T" && mkdir -p "$T/gaz" "$T/cache" "$T/home" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/gaz/"
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

as_user=()
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || exit 77
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	chmod 755 "$T" "$T/gaz" && chmod 644 "$T/gaz"/*.txt
	chown 65534 "$T/cache" "$T/home"
	# nobody must reach the binary and the scratch folder
	"${as_user[@]}" test -x "$INCIMAP" || exit 77
	"${as_user[@]}" test -r "$T/gaz/admin.txt" || exit 77
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
# writing is refused with a message, nothing half-done
run "$INCIMAP" gazetteer add Somewhere --lat 33 --lon 44 --gazetteer "$T/gaz" >/dev/null 2>"$T/err"
rc=$?
[ "$rc" = 1 ] && grep -q '^incimap: .*cannot write' "$T/err" || fail "add on a read-only folder: $rc $(cat "$T/err")"
[ -e "$T/gaz/user.txt" ] && fail "user.txt appeared"

[ "$fails" = 0 ] || exit 1
echo "gaz_readonly: ok"
