#!/bin/bash
# readme_examples.sh: runs every command of README.md's "Using it" block,
# in a scratch folder where reports/ is a copy of examples/ and the
# gazetteer is a private copy, so the README never lies.
source "$(dirname "$0")/lib.bash"

home="$T/home"
mkdir -p "$home/gazetteer" "$T/run/reports"
for f in "$INCIMAP_SRC"/gazetteer/*.txt "$INCIMAP_SRC"/gazetteer/ATTRIBUTION; do
	case $(basename "$f") in user*) continue ;; esac
	ln -s "$f" "$home/gazetteer/"
done
ln -s "$INCIMAP_SRC/shapes" "$home/shapes"
cp "$INCIMAP_SRC"/examples/*.txt "$INCIMAP_SRC"/examples/*.jsonl "$T/run/reports/"
cp "$INCIMAP_SRC/tests/fixtures/io/acled.csv" "$T/run/acled_export.csv"

# The commands: the indented lines of the block after "## Using it" that
# start with "incimap ", comments dropped.
awk '/^## Using it/ { on = 1; next } on && /^## / { exit }
     on && /^    incimap / { sub(/^    /, ""); sub(/ +#.*$/, ""); print }' \
	"$INCIMAP_SRC/README.md" >"$T/cmds"
n=$(wc -l <"$T/cmds")
[ "$n" -ge 8 ] || fail "found only $n commands in README.md"

cd "$T/run" || fail "no scratch folder"
while IFS= read -r cmd; do
	INCIMAP_HOME="$home" eval "\"\$INCIMAP\" ${cmd#incimap }" >"$OUT" 2>"$ERR" </dev/null ||
		fail "README command failed: $cmd"
	grep -q -E 'AddressSanitizer|runtime error:' "$ERR" && fail "sanitizer report from: $cmd"
	echo "ok: $cmd" >&2
done <"$T/cmds"

for f in briefing/incidents.geojson briefing/map.png briefing/map.pdf briefing/map.html briefing/incidents.kml \
	briefing/incidents.xlsx incidents.geojson incidents.csv map.pdf map.svg map.html months.png \
	acled.geojson incidents.kmz incidents.xlsx brief.pdf brief.html brief-tables/summary.csv \
	brief-tables/incidents.csv; do
	[ -s "$f" ] || fail "README command did not write $f"
done
# The user's place was added, found, then removed; shipped files untouched.
[ -e "$home/gazetteer/user.txt" ] || fail "gazetteer add wrote no user file"
grep -q 'Al-Samoud' "$home/gazetteer/user.txt" && fail "gazetteer remove left the entry"
pass
