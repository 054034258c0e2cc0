#!/bin/sh
# extract_cost.sh: the instructions `incimap extract` spends on the
# throughput corpus of extract.sh (bench/work/corpus.jsonl, one copy of the
# GWN, LGL and PITF texts), counted by callgrind: a figure that the load of
# a shared machine does not move, to compare two builds where seconds
# cannot. INCIMAP_PEER=BIN counts another build (an older commit's, built
# in its own worktree) in the same run, named INCIMAP_PEER_LABEL (the
# commit, say) in the table. Writes bench/results-extract-cost.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
bin=${INCIMAP:-build/incimap}
peer=${INCIMAP_PEER:-}
label=${INCIMAP_PEER_LABEL:-the peer build}
corpus="$root/bench/work/corpus.jsonl"
[ -x "$bin" ] || { echo "extract_cost.sh: build incimap first (make)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "extract_cost.sh: valgrind is needed: skipped" >&2; exit 0; }
[ -s "$corpus" ] || { echo "extract_cost.sh: run bench/extract.sh first (it writes the corpus): skipped" >&2; exit 0; }
out="$root/bench/results-extract-cost.md"
tmp="$out.tmp.$$"
cg="$root/bench/work/callgrind.out.$$"
trap 'rm -f "$tmp" "$cg"' EXIT

# count BIN: the instructions of one extraction of the corpus (the index
# is built before, by a geocode, so that only its opening is counted)
count() {
	"$1" geocode Basra >/dev/null 2>&1 || true
	valgrind --tool=callgrind --callgrind-out-file="$cg" "$1" extract -q -f geojsonseq \
		--jobs 1 "$corpus" -o /dev/null 2>&1 | sed -n 's/.*Collected : *//p'
}

n_art=$(wc -l <"$corpus" | tr -d ' ')
ir=$(count "$bin")
{
	echo "# Extraction: instructions (callgrind)"
	echo
	echo "Written by \`sh bench/extract_cost.sh\` on $(date -u +%Y-%m-%d), incimap $("$bin" --version | cut -d' ' -f2)."
	echo "Corpus: bench/work/corpus.jsonl ($n_art articles). Command, under"
	echo "\`valgrind --tool=callgrind\`: \`incimap extract -q -f geojsonseq --jobs 1 bench/work/corpus.jsonl -o /dev/null\`."
	echo
	echo "| build | instructions | per article | against the peer |"
	echo "|---|---|---|---|"
	if [ -n "$peer" ]; then
		pir=$(count "$peer")
		echo "| this build | $ir | $((ir / n_art)) | $(awk -v a="$ir" -v b="$pir" 'BEGIN { printf "%.3fx", a / b }') |"
		echo "| $label | $pir | $((pir / n_art)) | 1 |"
	else
		echo "| this build | $ir | $((ir / n_art)) | — |"
	fi
} >"$tmp"
mv "$tmp" "$out"
echo "extract_cost.sh: wrote $out" >&2
