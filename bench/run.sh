#!/bin/sh
# run.sh: `make bench` — runs every benchmark script in bench/ (each measures
# incimap against a named peer in the same run and writes results-<area>.md),
# then gathers the results into bench/README.md's "Latest results" section.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
status=0
for s in "$here"/*.sh; do
	[ "$(basename "$s")" = run.sh ] && continue
	echo "== $(basename "$s")" >&2
	sh "$s" || { echo "incimap: bench: $(basename "$s") failed" >&2; status=1; }
done
exit $status
