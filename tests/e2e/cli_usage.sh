#!/bin/bash
# cli_usage.sh: bad usage gets one clear line on stderr and exit status 2;
# --help and --version answer on stdout with 0, for every command.
source "$(dirname "$0")/lib.bash"

expect_exit 0 "$INCIMAP" --version
grep -q '^incimap [0-9]' "$OUT" || fail "--version prints 'incimap X.Y.Z'"
expect_exit 0 "$INCIMAP" --help
grep -q 'Usage: incimap COMMAND' "$OUT" || fail "--help prints the usage"

for cmd in map extract render brief convert geocode gazetteer lexicon; do
	expect_exit 0 "$INCIMAP" "$cmd" --help
	grep -q "Usage: incimap $cmd" "$OUT" || fail "$cmd --help prints its usage"
	[ -s "$ERR" ] && fail "$cmd --help writes nothing to stderr"
	expect_exit 2 "$INCIMAP" "$cmd" --no-such-option
	grep -q "incimap $cmd --help" "$ERR" || fail "$cmd: a bad option points to --help"
	# getopt's own message: prefixed like every other, then the hint
	expect_msg "^incimap: $cmd: unrecognized option '--no-such-option'$"
	[ "$(wc -l <"$ERR")" = 2 ] || fail "$cmd: a bad option takes more than its line and the hint"
	expect_exit 2 "$INCIMAP" "$cmd" --gazetteer
	expect_msg "^incimap: $cmd: option '--gazetteer' requires an argument$"
done

expect_exit 2 "$INCIMAP"
expect_exit 2 "$INCIMAP" frobnicate
expect_msg "^incimap: unknown command 'frobnicate'"
expect_exit 2 "$INCIMAP" --frobnicate
expect_msg "^incimap: unknown option '--frobnicate'"
expect_exit 2 "$INCIMAP" extract --date 2021-02-30 x.txt
expect_msg "^incimap: extract: --date wants a date as YYYY-MM-DD"
expect_exit 2 "$INCIMAP" extract --focus IRQ x.txt
expect_msg "^incimap: extract: --focus wants up to 8 two-letter country codes, comma-separated \\(IQ,SY\\), not 'IRQ'$"
expect_exit 2 "$INCIMAP" map --focus IQ,,SY x.txt -o "$T/f"
expect_msg "^incimap: map: --focus wants up to 8 two-letter"
expect_exit 2 "$INCIMAP" map --focus QQ x.txt -o "$T/f"
expect_msg "^incimap: map: --focus: 'QQ' is no country the gazetteer knows$"
[ -e "$T/f" ] && fail "a refused --focus made the output folder"
expect_exit 2 "$INCIMAP" extract --format shp
expect_msg "unknown format 'shp'"
expect_exit 2 "$INCIMAP" extract -o out.shp
expect_msg "cannot tell the format of 'out.shp'"
expect_exit 2 "$INCIMAP" render
expect_msg "missing INCIDENTS file"
expect_exit 2 "$INCIMAP" render in.geojson --width 0
expect_msg "\-\-width wants"
expect_exit 2 "$INCIMAP" render in.geojson --width 999999
expect_exit 2 "$INCIMAP" render in.geojson --bbox 50,40,40,30
expect_msg "\-\-bbox wants"
expect_exit 2 "$INCIMAP" render in.geojson --paper b5
expect_exit 2 "$INCIMAP" render in.geojson -o map.gif
expect_msg "cannot tell the map format"
expect_exit 2 "$INCIMAP" convert only-one.geojson
expect_exit 2 "$INCIMAP" convert a.shp b.geojson
expect_exit 2 "$INCIMAP" geocode
expect_exit 2 "$INCIMAP" geocode Basra --near 95,10
expect_exit 2 "$INCIMAP" geocode Basra --country IRQ
expect_exit 2 "$INCIMAP" gazetteer
expect_exit 2 "$INCIMAP" gazetteer frob
expect_exit 2 "$INCIMAP" gazetteer add X --lat 95 --lon 10
expect_msg "\-\-lat wants"
expect_exit 2 "$INCIMAP" gazetteer add X --lat 30
expect_exit 2 "$INCIMAP" gazetteer add X --lat 30 --lon 40 --kind castle
# Every usage error is one line of what is wrong plus the hint.
expect_exit 2 "$INCIMAP" map --date yesterday
[ "$(wc -l <"$ERR")" -le 2 ] || fail "usage errors are short"
pass
