#!/bin/bash
# hard_outputs.sh: outputs that are not plain new files. A device
# (/dev/null), /dev/stdout or a FIFO is written in place, never replaced by
# a file and given no QGIS style beside it; a name of 240-255 bytes works
# (the temporary name is shortened); an output keeps the mode of the file it
# replaces; the temporary files and staging folders of killed runs are
# removed by the next run that writes there (extract, convert, render,
# map), but only regular files and folders of this user whose process is
# gone, and never through a link; an index lock planted as a link is not
# followed.
source "$(dirname "$0")/lib.bash"
cd "$T" || fail "cannot enter $T"
mkdir -p gaz out private
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt gaz/
G=(--gazetteer "$T/gaz" -q)
printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' >a.txt

# a pid that is surely not running: a child that has exited
dead_pid() {
	sh -c 'exit 0' &
	local p=$!
	wait "$p"
	echo "$p"
}

# ---- not regular files: written in place ----
# (a device node of our own when root: the machine's /dev/null is shared
# with whatever else runs, so it is not the one checked)
if [ "$(id -u)" = 0 ] && mknod out/null c 1 3 2>/dev/null; then
	expect_exit 0 "$INCIMAP" extract a.txt -o out/null --format geojson "${G[@]}"
	[ -c out/null ] || fail "a device node was replaced by a file"
	[ -e out/null.qml ] && fail "a style was written beside a device"
	rm -f out/null
fi
expect_exit 0 "$INCIMAP" extract a.txt -o /dev/null --format geojson "${G[@]}"
expect_exit 0 "$INCIMAP" extract a.txt -o /dev/stdout --format geojson "${G[@]}"
grep -q '"FeatureCollection"' "$OUT" || fail "/dev/stdout got no GeoJSON: $(head -c 200 "$OUT")"
mkfifo out/pipe
timeout 60 cat out/pipe >out/from-pipe &
reader=$!
expect_exit 0 "$INCIMAP" extract a.txt -o out/pipe --format geojson "${G[@]}"
wait "$reader"
[ -p out/pipe ] || fail "the FIFO was replaced"
grep -q '"Basra"' out/from-pipe || fail "the FIFO's reader got no incident"
[ -e out/pipe.qml ] && fail "a style was written beside a FIFO"

# ---- a long name: 250 bytes (+ .geojson = 250) ----
long=$(printf 'n%.0s' $(seq 1 242)).geojson
expect_exit 0 "$INCIMAP" extract a.txt -o "out/$long" "${G[@]}"
[ -s "out/$long" ] || fail "the 250-byte name was not written"
[ "$(ls -A out | grep -c '\.tmp\.')" = 0 ] || fail "a temporary file left: $(ls -A out)"

# ---- the mode of the file replaced is kept ----
expect_exit 0 "$INCIMAP" extract a.txt -o out/priv.geojson "${G[@]}"
chmod 600 out/priv.geojson
expect_exit 0 "$INCIMAP" extract a.txt -o out/priv.geojson "${G[@]}"
[ "$(stat -c %a out/priv.geojson)" = 600 ] || fail "mode 600 became $(stat -c %a out/priv.geojson)"

# ---- the gazetteer's user.txt: keeps its mode, written through a link ----
mkdir -p g2 repo
cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt g2/
add() { "$INCIMAP" gazetteer add "$1" --lat 33.3 --lon 44.4 --country IQ --gazetteer g2 >"$OUT" 2>"$ERR"; }
add "Checkpoint A" || fail "add A: $(cat "$ERR")"
chmod 600 g2/user.txt
add "Checkpoint B" || fail "add B: $(cat "$ERR")"
[ "$(stat -c %a g2/user.txt)" = 600 ] || fail "user.txt 600 became $(stat -c %a g2/user.txt)"
[ "$(stat -c %a g2/user.txt.bak)" = 600 ] || fail "user.txt.bak of a 600 file is $(stat -c %a g2/user.txt.bak)"
mv g2/user.txt repo/user.txt
ln -s ../repo/user.txt g2/user.txt
add "Checkpoint C" || fail "add through a link: $(cat "$ERR")"
[ -L g2/user.txt ] || fail "the link user.txt was replaced by a file"
grep -q 'Checkpoint C' repo/user.txt || fail "the link's target did not get the new place"
[ "$(stat -c %a repo/user.txt)" = 600 ] || fail "the link's target lost its mode"
ln -sfn ../repo/gone.txt g2/user.txt
add "Checkpoint D" && fail "add through a dangling link succeeded"
grep -q -x "incimap: g2/user.txt: a symbolic link to a file that cannot be reached: No such file or directory" "$ERR" ||
	fail "no clear message for a dangling user.txt link"
[ -e repo/gone.txt ] && fail "a dangling link's target was created"
ln -sfn ../repo/user.txt g2/user.txt
rm -f g2/user.txt.lock
ln -s "$T/planted" g2/user.txt.lock # a lock file planted as a link is not followed
add "Checkpoint E" && fail "add with a planted lock link succeeded"
[ -e "$T/planted" ] && fail "the lock link's target was created"
grep -q "^incimap: " "$ERR" || fail "no message for the planted lock link"

# ---- leftovers of killed writers ----
d=$(dead_pid)
echo partial >"out/.inc.geojson.tmp.$d.AbCdEf"            # ours, dead: removed
echo partial >"out/.inc.geojson.tmp.$$.GhIjKl"            # a live process's: kept
echo secret >private/file
ln -s "$T/private/file" "out/.inc.geojson.tmp.$d.MnOpQr"  # a link: the link is no file of ours
echo other >"out/.other.geojson.tmp.$d.StUvWx"            # another output's: kept
expect_exit 0 "$INCIMAP" extract a.txt -o out/inc.geojson "${G[@]}"
[ -e "out/.inc.geojson.tmp.$d.AbCdEf" ] && fail "a dead writer's temporary file was left"
[ -e "out/.inc.geojson.tmp.$$.GhIjKl" ] || fail "a live writer's temporary file was removed"
[ -e "out/.other.geojson.tmp.$d.StUvWx" ] || fail "another output's temporary file was removed"
[ "$(cat private/file)" = secret ] || fail "a link's target was touched"
# convert and render clean their own kind of leftovers the same way
d=$(dead_pid)
echo partial >"out/.inc.csv.tmp.$d.AbCdEf"
echo partial >"out/.map.png.tmp.$d.AbCdEf"
expect_exit 0 "$INCIMAP" convert out/inc.geojson out/inc.csv -q
[ -e "out/.inc.csv.tmp.$d.AbCdEf" ] && fail "convert left a dead writer's temporary file"
expect_exit 0 "$INCIMAP" render out/inc.geojson -o out/map.png -q
[ -e "out/.map.png.tmp.$d.AbCdEf" ] && fail "render left a dead writer's temporary file"

# an index lock planted as a link is not followed: the index is built
# without it, and the link's target is not created
mkdir -p g3 && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt g3/
ln -s "$T/planted-idx" g3/gazetteer.idx.lock
expect_exit 0 "$INCIMAP" geocode Basra -n 1 --gazetteer g3
grep -q 'gn:99532' "$OUT" || fail "no Basra with a planted index lock: $(cat "$OUT")"
[ -e "$T/planted-idx" ] && fail "the index lock link's target was created"

# ---- map: staging folders ----
mkdir -p m
d=$(dead_pid)
mkdir "m/.incimap-run.$d.AbCdEf" && echo partial >"m/.incimap-run.$d.AbCdEf/map.png"
mkdir "m/.incimap-run.$d.tmp" && echo partial >"m/.incimap-run.$d.tmp/map.pdf" # older versions'
d2=$(dead_pid)
ln -s "$T/private" "m/.incimap-run.$d2.tmp"     # planted: must not empty private/
expect_exit 0 "$INCIMAP" map a.txt -o m "${G[@]}"
[ -e "m/.incimap-run.$d.AbCdEf" ] && fail "a dead run's staging folder was left"
[ -e "m/.incimap-run.$d.tmp" ] && fail "an older dead run's staging folder was left"
[ "$(cat private/file)" = secret ] || fail "a planted link made the run empty private/"
[ -s m/map.png ] && [ -s m/incidents.geojson ] || fail "map wrote no outputs"
[ -z "$(find m -mindepth 1 -maxdepth 1 -type d -name '.incimap-run.*')" ] ||
	fail "this run's staging folder was left: $(ls -A m)"
pass
