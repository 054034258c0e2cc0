#!/bin/sh
# fuzz.sh: builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang and
# runs each for a bounded time on a copy of its seed corpus
# (tests/fuzz/corpus/<name>/). Fails on any crash, leak or timeout.
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -eu
secs=${1:-${FUZZ_SECONDS:-60}}
top=$(cd "$(dirname "$0")/.." && pwd)
build="$top/build-fuzz"
CC=clang cmake -S "$top" -B "$build" -DINCIMAP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
status=0
for bin in "$build"/tests/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	short=${name#fuzz_}
	work="$build/corpus/$short"
	mkdir -p "$work" "$build/artifacts/$short"
	if [ -d "$top/tests/fuzz/corpus/$short" ]; then
		cp -r "$top/tests/fuzz/corpus/$short/." "$work/"
	fi
	echo "fuzz: $name for ${secs}s" >&2
	if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$build/artifacts/$short/" "$work" >"$build/$name.log" 2>&1; then
		echo "incimap: fuzz: $name failed; see $build/$name.log and $build/artifacts/$short/" >&2
		tail -n 40 "$build/$name.log" >&2
		status=1
	fi
done
exit $status
