#!/bin/bash
# install.sh: `make install` puts the binary, the shipped data and the man
# page under PREFIX (staged under DESTDIR), and the installed binary works
# from them. The install rules are run on the build under test (cmake
# --install with another prefix, into a scratch DESTDIR); the Makefile's
# target is checked to pass PREFIX and DESTDIR on.
source "$(dirname "$0")/lib.bash"
BIN=${INCIMAP_REAL:-$INCIMAP}
B=$(dirname "$BIN")
[ -f "$B/cmake_install.cmake" ] || skip "no CMake install script beside $BIN"
command -v cmake >/dev/null || skip "no cmake"

# the Makefile hands PREFIX and DESTDIR to CMake
make -s -n -C "$INCIMAP_SRC" install PREFIX=/opt/im DESTDIR=/stage BUILD="$B" >"$OUT" 2>"$ERR" ||
	fail "make -n install failed"
grep -q -- '-DCMAKE_INSTALL_PREFIX=/opt/im' "$OUT" || fail "make install does not pass PREFIX on"
grep -q 'DESTDIR=/stage cmake --install' "$OUT" || fail "make install does not pass DESTDIR on"

DESTDIR="$T/stage" cmake --install "$B" --prefix /opt/im >"$OUT" 2>"$ERR" ||
	fail "cmake --install failed: $(cat "$ERR")"
R="$T/stage/opt/im"
[ -x "$R/bin/incimap" ] || fail "no bin/incimap"
[ -s "$R/share/man/man1/incimap.1" ] || fail "no man page"
for f in ATTRIBUTION admin1.txt; do
	[ -s "$R/share/incimap/gazetteer/$f" ] || fail "no gazetteer/$f"
done
ls "$R"/share/incimap/shapes/*.shp >/dev/null 2>&1 || fail "no shapes"
ls "$R"/share/incimap/gazetteer | grep -q -E '(^user|\.idx)' &&
	fail "an index or a user file was installed: $(ls "$R/share/incimap/gazetteer")"
"$R/bin/incimap" --version >"$OUT" 2>"$ERR" || fail "the installed binary does not run"
grep -q '^incimap ' "$OUT" || fail "--version: $(cat "$OUT")"
if command -v man >/dev/null; then
	MANWIDTH=80 man -l "$R/share/man/man1/incimap.1" >"$OUT" 2>"$ERR" || fail "man cannot read the page"
	grep -q 'gazetteer' "$OUT" || fail "the man page is empty"
fi
# the installed data serves the installed binary (INCIMAP_HOME: the source
# tree it was built from would otherwise come first)
printf ' date 2024-03-13 A car bomb exploded on Tuesday in Basra, killing five people.\n' >"$T/a.txt"
INCIMAP_HOME="$R/share/incimap" "$R/bin/incimap" map "$T/a.txt" -o "$T/out" -q >"$OUT" 2>"$ERR" ||
	fail "map with the installed data failed: $(cat "$ERR")"
grep -q '"Basra"' "$T/out/incidents.geojson" || fail "no Basra incident from the installed data"
[ -s "$T/out/map.png" ] || fail "no map from the installed shapes"
pass
