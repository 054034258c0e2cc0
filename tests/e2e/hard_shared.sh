#!/bin/bash
# hard_shared.sh: a folder shared with another local user, who plants what
# they can there. Run as two users (setpriv): the victim, a spare uid, and
# the attacker, "nobody". Needs root to switch users; skipped otherwise.
# - map -o SHARED: a link planted under a staging folder's name does not
#   make the run empty what it points to; another user's staging folder is
#   left alone; the run's own outputs appear.
# - the index cache in a shared TMPDIR (no HOME, no XDG_CACHE_HOME, a
#   read-only gazetteer): a folder of that name the attacker made (0777,
#   or a link) is not used and nothing is written into it (the index is
#   built in memory, with a warning), even when it holds an index that is
#   fresh for the victim's sources and puts Basra in London; one the
#   victim makes is 0700.
source "$(dirname "$0")/lib.bash"
[ "$(id -u)" = 0 ] || skip "needs root to run incimap as two users (setpriv)"
command -v setpriv >/dev/null || skip "no setpriv"
BIN=${INCIMAP_REAL:-$INCIMAP} # under valgrind, the binary itself, run natively
VU=64211                      # the victim: a uid no account uses
AU=65534                      # the attacker: nobody
as_v() { setpriv --reuid=$VU --regid=$VU --clear-groups env -i PATH=/usr/bin:/bin "$@"; }
as_a() { setpriv --reuid=$AU --regid=$AU --clear-groups env -i PATH=/usr/bin:/bin "$@"; }

# Everything both users need, where both can reach it (the clone and $T may
# sit in a folder other users cannot enter).
S=$(mktemp -d "${TMPDIR:-/tmp}/incimap-shared.XXXXXX") || skip "no temporary folder"
trap 'rm -rf "$S" "$T"' EXIT
chmod 755 "$S"
cp "$BIN" "$S/incimap" && chmod 755 "$S/incimap"
mkdir "$S/gaz" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$S/gaz/"
chmod -R a+rX "$S/gaz" && chmod 555 "$S/gaz"
mkdir "$S/shared" && chmod 1777 "$S/shared"
mkdir -p "$S/victim/private" && echo secret >"$S/victim/private/notes.txt"
printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' \
	>"$S/victim/a.txt"
chown -R $VU:$VU "$S/victim" && chmod 700 "$S/victim"
as_v "$S/incimap" --help >/dev/null 2>&1 || skip "the victim cannot run a copy of incimap"
as_a test -w "$S/shared" || skip "the attacker cannot write the shared folder"
G=(--gazetteer "$S/gaz" --shapes "$INCIMAP_SRC/shapes" -q)
[ -r "$INCIMAP_SRC/shapes" ] && as_v test -r "$INCIMAP_SRC/shapes" ||
	{ cp -r "$INCIMAP_SRC/shapes" "$S/shapes" && chmod -R a+rX "$S/shapes" &&
		G=(--gazetteer "$S/gaz" --shapes "$S/shapes" -q); }

dead_pid() {
	sh -c 'exit 0' &
	local p=$!
	wait "$p"
	echo "$p"
}

# ---- map -o SHARED with planted staging names ----
# (the names are those of dead processes, in the form older versions used
# and followed, and in today's)
d=$(dead_pid)
as_a ln -s "$S/victim/private" "$S/shared/.incimap-run.$d.tmp"
d2=$(dead_pid)
as_a ln -s "$S/victim/private" "$S/shared/.incimap-run.$d2.AbCdEf"
d3=$(dead_pid)
as_a mkdir -m 0777 "$S/shared/.incimap-run.$d3.tmp"
as_a sh -c "echo theirs >'$S/shared/.incimap-run.$d3.tmp/map.png'"
as_v env HOME="$S/victim" "$S/incimap" map "$S/victim/a.txt" -o "$S/shared" "${G[@]}" \
	>"$OUT" 2>"$ERR" || fail "map into the shared folder failed"
[ "$(cat "$S/victim/private/notes.txt" 2>/dev/null)" = secret ] ||
	fail "a planted link made the victim's run empty a private folder"
[ "$(cat "$S/shared/.incimap-run.$d3.tmp/map.png" 2>/dev/null)" = theirs ] ||
	fail "another user's staging folder was touched"
[ "$(stat -c %u "$S/shared/map.png")" = $VU ] || fail "map.png is not the victim's"
[ -z "$(find "$S/shared" -mindepth 1 -maxdepth 1 -type d -user $VU -name '.incimap-run.*')" ] ||
	fail "the run's staging folder was left"

# ---- the index cache in a shared TMPDIR ----
cache="$S/shared/incimap-$VU"
geocode() { as_v env TMPDIR="$S/shared" "$S/incimap" geocode Basra --json -n 1 \
	--gazetteer "$S/gaz" >"$OUT" 2>"$ERR"; }
# The attacker's index, fresh for the victim's sources but with Basra in
# London: made by a run on sources changed in place (same size, inode and
# time), then put back; it is planted in a 0777 folder of the cache's name.
places="$S/gaz/places.txt"
cp -p "$places" "$S/places.orig"
sed 's/30\.50852	47\.7804/51.50735	-0.1278/' "$S/places.orig" >"$S/places.bad"
cat "$S/places.bad" >"$places" && touch -r "$S/places.orig" "$places"
mkdir -m 0700 "$S/poison" && chown $VU "$S/poison"
as_v env TMPDIR="$S/poison" "$S/incimap" geocode Basra --json -n 1 --gazetteer "$S/gaz" >"$OUT" 2>"$ERR"
grep -q '"lat":51.50735' "$OUT" || fail "setup: the poisoned index does not put Basra in London: $(cat "$OUT" "$ERR")"
cat "$S/places.orig" >"$places" && touch -r "$S/places.orig" "$places"
as_a mkdir -m 0777 "$cache"
cp "$S/poison/incimap-$VU"/gazetteer-*.idx* "$cache/" && rm -f "$cache"/*.lock && chown -R $AU "$cache"
geocode || fail "geocode with a foreign cache folder failed"
grep -q '"id":"gn:99532","name":"Basra","lat":30.50852,"lon":47.7804' "$OUT" ||
	fail "Basra not found where it is (the planted index was used?): $(cat "$OUT")"
grep -q -x "incimap: $cache: warning: not a folder of yours that only you can enter: the index is built in memory (remove it or set XDG_CACHE_HOME)" "$ERR" ||
	fail "no warning about the foreign cache folder"
[ -z "$(find "$cache" -mindepth 1 -user $VU)" ] ||
	fail "the victim wrote into the attacker's folder: $(ls -lA "$cache")"
rm -rf "$cache"
as_a mkdir -m 0700 "$S/shared/elsewhere"
as_a ln -s "$S/shared/elsewhere" "$cache"
geocode || fail "geocode with a planted link failed"
grep -q "incimap: $cache: warning: not a folder of yours" "$ERR" || fail "no warning about the link"
rm -f "$cache"
geocode || fail "geocode with its own cache folder failed"
[ -s "$ERR" ] && fail "a warning with the victim's own cache folder"
[ "$(stat -c '%u %a' "$cache")" = "$VU 700" ] || fail "the cache folder is $(stat -c '%u %a' "$cache")"
ls "$cache"/gazetteer-*.idx >/dev/null 2>&1 || fail "no index in the victim's cache folder"
pass
