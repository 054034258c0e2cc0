#!/bin/sh
# fuzz.sh: builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang and
# runs each for a bounded time on a copy of its seed corpus
# (tests/fuzz/corpus/<name>/) and of the inputs it once failed on
# (tests/fuzz/regress/<name>/). Fails on any crash, leak or timeout (an
# input that takes over 10 s) and says where the failing input was kept;
# copy it into tests/fuzz/regress/<name>/ once fixed.
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]   (default 60, all)
# Env: FUZZ_JOBS (parallel targets, default 1), FUZZ_KEEP=1 (keep the
# corpora grown by earlier runs in build-fuzz/corpus/ instead of restarting).
set -eu
secs=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-fuzz"

if [ $# -gt 0 ]; then
	names="$*"
else
	names=$(cd "$top/tests/fuzz" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')
fi
targets=""
for n in $names; do targets="$targets fuzz_$n"; done

CC=clang cmake -S "$top" -B "$build" -DINCIMAP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target incimap $targets >/dev/null

# A seed for fuzz_gaz_index taken as it is (first byte odd): the index of
# the fixture gazetteer, built by this very code.
seed_index() {
	g="$build/gaz-seed"
	rm -rf "$g" && mkdir -p "$g"
	cp "$top"/tests/fixtures/gaz/*.txt "$g/"
	"$build/incimap" gazetteer build -q --gazetteer "$g" >/dev/null
	{ printf '\001'; cat "$g/gazetteer.idx"; } >"$1/raw-fixture-index"
}

# run_one NAME: fuzzes one target; its verdict goes to build-fuzz/fuzz_NAME.result.
run_one() {
	short=$1
	bin="$build/tests/fuzz_$short"
	work="$build/corpus/$short"
	art="$build/artifacts/$short"
	log="$build/fuzz_$short.log"
	[ "${FUZZ_KEEP:-0}" = 1 ] || rm -rf "$work"
	mkdir -p "$work" "$art"
	for d in corpus regress; do
		if [ -d "$top/tests/fuzz/$d/$short" ]; then
			cp -r "$top/tests/fuzz/$d/$short/." "$work/"
		fi
	done
	maxlen=65536
	case $short in
	gaz_index) seed_index "$work"; maxlen=1048576 ;;
	extract) maxlen=200000 ;;
	esac
	echo "fuzz: $short for ${secs}s" >&2
	if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -max_len="$maxlen" \
		-print_final_stats=1 -artifact_prefix="$art/" "$work" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "  $short: ${runs:-?} runs in ${secs}s, no failure" >"$build/fuzz_$short.result"
	else
		{
			echo "incimap: fuzz: $short failed; see $log and $art/"
			grep -E 'ERROR|SUMMARY|fuzz:|runtime error|Test unit written' "$log" | head -n 12
		} >&2
		echo "  $short: FAILED (see $log)" >"$build/fuzz_$short.result"
	fi
}

# FUZZ_JOBS groups of targets, each group one after the other.
jobs=${FUZZ_JOBS:-1}
i=0
for n in $names; do
	rm -f "$build/fuzz_$n.result"
	g=$((i % jobs))
	eval "group_$g=\"\${group_$g:-} $n\""
	i=$((i + 1))
done
g=0
while [ $g -lt "$jobs" ]; do
	eval "list=\${group_$g:-}"
	# shellcheck disable=SC2154
	(for n in $list; do run_one "$n"; done) &
	g=$((g + 1))
done
wait

status=0
echo "fuzz:" >&2
for n in $names; do
	if [ -f "$build/fuzz_$n.result" ]; then
		cat "$build/fuzz_$n.result" >&2
		grep -q FAILED "$build/fuzz_$n.result" && status=1
	else
		echo "  $n: no verdict (the run died)" >&2
		status=1
	fi
done
exit $status
