#!/bin/sh
# run.sh: `make bench` — runs every benchmark script in bench/, each with the
# shell its first line names (hard.sh needs bash). Each script measures
# incimap against a named peer in the same run and writes
# bench/results-<area>.md; the "Latest results" table of bench/README.md is
# copied from those files by hand, with the date of the run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
status=0
for s in "$here"/*.sh; do
	[ "$(basename "$s")" = run.sh ] && continue
	shell=$(sed -n '1s/^#! *\([^ ]*\).*/\1/p' "$s")
	echo "== $(basename "$s")" >&2
	"${shell:-sh}" "$s" || { echo "incimap: bench: $(basename "$s") failed" >&2; status=1; }
done
exit $status
