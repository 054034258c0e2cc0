# gaz_cli.sh: the gazetteer through the CLI on a copy of the test gazetteer:
# teach it "Al-Samoud Intersection" in Basra, geocode it, remove it, and show
# that the shipped files and the user's other entries are untouched; the
# `geocode --json` shape; the shipped whole-world gazetteer answering.
set -u
: "${INCIMAP:?}" "${INCIMAP_SRC:?}" "${INCIMAP_TEST_TMP:?}"
T="$INCIMAP_TEST_TMP/gaz-cli-$$"
rm -rf "$T" && mkdir -p "$T/gaz" && cp "$INCIMAP_SRC"/tests/fixtures/gaz/*.txt "$T/gaz/"
trap 'rm -rf "$T"' EXIT
G=(--gazetteer "$T/gaz")
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# run CMD...: runs, keeps stdout in $out, stderr in $err, status in $rc
run() { out=$("$@" 2>"$T/err"); rc=$?; err=$(cat "$T/err"); }
shipped_sums() { (cd "$T/gaz" && ls *.txt | grep -v '^user' | xargs md5sum); }

run "$INCIMAP" gazetteer add "Checkpoint 7" --lat 33.3 --lon 44.4 --country IQ --kind site "${G[@]}"
[ "$rc" = 0 ] && [ "$out" = "user:checkpoint-7" ] || fail "add Checkpoint 7: $rc '$out' $err"
before=$(shipped_sums)
grep -v '^#' "$T/gaz/user.txt" > "$T/other-entries"

# add, geocode
run "$INCIMAP" gazetteer add "Al-Samoud Intersection" --lat 30.5183 --lon 47.8112 --country iq \
	--admin1 Basra --kind site --alt "Samoud Junction|تقاطع الصمود" "${G[@]}"
[ "$rc" = 0 ] && [ "$out" = "user:al-samoud-intersection" ] || fail "add: $rc '$out' $err"
run "$INCIMAP" geocode "Al-Samoud Intersection" "al samoud intersection" "تقاطع الصمود" --json "${G[@]}"
[ "$rc" = 0 ] || fail "geocode after add: $rc $err"
n=$(printf '%s\n' "$out" | grep -c '"results":\[{"id":"user:al-samoud-intersection","name":"Al-Samoud Intersection","lat":30.5183,"lon":47.8112,"country":"IQ","admin1":"Basra","kind":"site","population":0,"score":')
[ "$n" = 3 ] || fail "geocode --json after add: $out"
run "$INCIMAP" geocode "Samoud Junction" "${G[@]}"
case "$out" in *"Al-Samoud Intersection (Basra, IQ) 30.518300,47.811200  site"*"user entry"*) ;;
*) fail "human-readable geocode: $out" ;; esac
run "$INCIMAP" gazetteer list "${G[@]}"
[ "$(printf '%s\n' "$out" | wc -l)" = 2 ] || fail "list: $out"
case "$out" in *"user:al-samoud-intersection	Al-Samoud Intersection	30.5183	47.8112	IQ	Basra	site	Samoud Junction,تقاطع الصمود"*) ;;
*) fail "list line: $out" ;; esac

# remove: gone; the rest as it was
run "$INCIMAP" gazetteer remove "Al-Samoud Intersection" "${G[@]}"
[ "$rc" = 0 ] || fail "remove: $rc $err"
run "$INCIMAP" geocode "Al-Samoud Intersection" --json "${G[@]}"
[ "$rc" = 1 ] && [ "$out" = '{"query":"Al-Samoud Intersection","results":[]}' ] ||
	fail "geocode after remove: $rc '$out'"
[ "$(shipped_sums)" = "$before" ] || fail "shipped files changed"
grep -v '^#' "$T/gaz/user.txt" | cmp -s - "$T/other-entries" || fail "other user entries changed"
[ -s "$T/gaz/user.txt.bak" ] && grep -q "Al-Samoud" "$T/gaz/user.txt.bak" || fail "no backup"
run "$INCIMAP" geocode "Checkpoint 7" "${G[@]}"
[ "$rc" = 0 ] || fail "other entry lost"
run "$INCIMAP" gazetteer remove "Al-Samoud Intersection" "${G[@]}"
[ "$rc" = 1 ] && case "$err" in "incimap: "*"no user entry"*) true ;; *) false ;; esac ||
	fail "remove twice: $rc $err"
run "$INCIMAP" gazetteer remove gn:99532 "${G[@]}"
[ "$rc" = 2 ] && case "$err" in *shipped*) true ;; *) false ;; esac || fail "remove shipped: $rc $err"

# the JSON shape, byte for byte, for a shipped place
run "$INCIMAP" geocode Basra Atlantis --json -n 1 "${G[@]}"
want='{"query":"Basra","results":[{"id":"gn:99532","name":"Basra","lat":30.50852,"lon":47.7804,"country":"IQ","admin1":"Basra","kind":"seat","population":1326564,"score":1.6623}]}
{"query":"Atlantis","results":[]}'
[ "$out" = "$want" ] || fail "json: got
$out"
[ "$rc" = 1 ] || fail "a name with no match: exit $rc"
# context options
run "$INCIMAP" geocode Kerman --country US --json "${G[@]}"
case "$out" in *'"results":[{"id":"gn:5362909"'*) ;; *) fail "--country: $out" ;; esac
run "$INCIMAP" geocode Kerman --near 36.7,-120.1 -n 1 "${G[@]}"
case "$out" in *"Kerman (California, US)"*"km from the point"*) ;; *) fail "--near: $out" ;; esac

# --population: a city is a populated place of 100,000+; --kind city wants one
run "$INCIMAP" gazetteer add "New Hamra" --lat 33.9 --lon 44.1 --country IQ --kind city \
	--population 250000 "${G[@]}"
[ "$rc" = 0 ] || fail "add a city: $rc $err"
run "$INCIMAP" geocode "New Hamra" --json -n 1 "${G[@]}"
case "$out" in *'"kind":"city","population":250000'*) ;; *) fail "the city: $out" ;; esac
run "$INCIMAP" gazetteer add "Old Hamra" --lat 33.8 --lon 44.1 --population 4000 "${G[@]}"
run "$INCIMAP" geocode "Old Hamra" --json -n 1 "${G[@]}"
case "$out" in *'"kind":"town","population":4000'*) ;; *) fail "a town from its population: $out" ;; esac
run "$INCIMAP" gazetteer remove "New Hamra" "${G[@]}"
run "$INCIMAP" gazetteer remove "Old Hamra" "${G[@]}"

# build and check
run "$INCIMAP" gazetteer build "${G[@]}"
[ "$rc" = 0 ] && case "$err" in *"places compiled"*) true ;; *) false ;; esac || fail "build: $rc $err"
run "$INCIMAP" gazetteer check "${G[@]}"
[ "$rc" = 0 ] || fail "check: $rc $err"

# usage errors: exit 2
for args in "geocode" "geocode Basra --near 95,0" "geocode Basra --country IRQ" \
	"gazetteer" "gazetteer frobnicate" "gazetteer add X --lat 1" "gazetteer add X --lat 1 --lon 2 --kind castle" \
	"gazetteer remove" "gazetteer list extra" "gazetteer import" \
	"gazetteer add X --lat 1 --lon 2 --kind city" \
	"gazetteer add X --lat 1 --lon 2 --kind city --population 5000" \
	"gazetteer add X --lat 1 --lon 2 --kind town --population 500000" \
	"gazetteer add X --lat 1 --lon 2 --population -3" \
	"gazetteer add X --lat 1 --lon 2 --population many"; do
	# shellcheck disable=SC2086
	run "$INCIMAP" $args "${G[@]}"
	[ "$rc" = 2 ] && case "$err" in "incimap: "*) true ;; *) false ;; esac || fail "'$args': exit $rc, $err"
done

# the shipped whole-world gazetteer (the default folder)
run "$INCIMAP" geocode Kerman Basra "Dhi Qar" --json -n 1
case "$out" in *'"country":"IR"'*'"country":"IQ","admin1":"Basra","kind":"seat"'*'"kind":"admin1"'*) ;;
*) fail "shipped gazetteer: $rc $out $err" ;; esac

[ "$fails" = 0 ] || exit 1
echo "gaz_cli: ok"
