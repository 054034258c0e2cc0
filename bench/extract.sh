#!/bin/sh
# extract.sh: accuracy and throughput of `incimap extract` (bench/README.md).
# Accuracy end to end from raw text on the gold data of ../shared/data
# (GeoWebNews, LGL, PITF; never copied into the project): skipped cleanly
# when it is absent. Throughput on one core against `wc -w` on the same
# corpus in the same run. Writes bench/results-extract.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
bin=${INCIMAP:-build/incimap}
[ -x "$bin" ] || { echo "extract.sh: build incimap first (make)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "extract.sh: python3 is needed: skipped" >&2; exit 0; }
data=${INCIMAP_BENCH_DATA:-}
if [ -z "$data" ]; then
	for d in "$root/../shared/data" "$root/../../shared/data"; do
		[ -d "$d" ] && { data=$(cd "$d" && pwd); break; }
	done
fi
work="$root/bench/work"
mkdir -p "$work"
out="$root/bench/results-extract.md"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
{
	echo "# Extraction: accuracy and throughput"
	echo
	echo "Written by \`sh bench/extract.sh\` (\`make bench\`) on $(date -u +%Y-%m-%d),"
	echo "incimap $("$bin" --version | cut -d' ' -f2), $(nproc) cores"
	echo "($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo unknown CPU))."
	echo "Gold data: $( [ -n "$data" ] && echo ../shared/data || echo absent). Scoring: bench/accuracy.py; speed: bench/extract_speed.py."
	echo
	echo "## Accuracy, end to end from raw text"
	echo
	if [ -n "$data" ]; then
		python3 "$here/accuracy.py" --incimap "$bin" --data "$data" --work "$work"
		cat <<'NOTES'
Notes. The benchmarks' gold points for countries and continents are
GeoNames' own (Russia at 60N 100E, China at 35N 105E, Europe in
Baden-Wuerttemberg); the gazetteer places a country or province at the
middle of its Natural Earth shape and a continent or region at the
population-weighted centre of its members (docs/gazetteer.md), never at
points copied from the benchmarks, so big countries and the continents
count as misses at 161 km (the "country or province" row above counts
them). `python3 bench/accuracy.py ... --errors` writes every miss to
bench/work/errors-*.tsv.
NOTES
	else
		echo "Skipped: ../shared/data is absent on this machine."
	fi
	echo
	echo "## Throughput, one core, whole-world gazetteer loaded"
	echo
	if [ -n "$data" ]; then
		cat "$work/gwn.jsonl" "$work/lgl.jsonl" "$work/pitf.jsonl" >"$work/corpus.jsonl"
		echo "Corpus: the GWN, LGL and PITF texts as JSON Lines, repeated 5 times."
		echo
		python3 "$here/extract_speed.py" --incimap "$bin" --corpus "$work/corpus.jsonl" --work "$work"
	else
		: >"$work/corpus.jsonl"
		for f in "$root"/examples/*.txt; do
			python3 -c 'import json,sys; print(json.dumps({"text": open(sys.argv[1]).read()}))' "$f" >>"$work/corpus.jsonl"
		done
		echo "Corpus: the examples/ reports, repeated 2000 times (no gold data here)."
		echo
		python3 "$here/extract_speed.py" --incimap "$bin" --corpus "$work/corpus.jsonl" --repeat 2000 --work "$work"
	fi
} >"$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "extract.sh: wrote $out" >&2
