#!/bin/sh
# gaz.sh: the gazetteer on the shipped whole-world data: opening the
# compiled index, lookups per second on one core, and memory, against the
# peer — a plain read of the source files — and compiling them in memory,
# all in the same run. Writes bench/results-gaz.md.
#   sh bench/gaz.sh            (after `make`; BUILD=dir to use another build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD:-$root/build}
gaz=$root/gazetteer
work=$root/bench/work/gaz
out=$here/results-gaz.md
mkdir -p "$work"
[ -f "$build/libincimap.a" ] || { echo "incimap: bench: build first (make)" >&2; exit 1; }

cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$root/src" \
	"$here/gaz_bench.c" "$build/libincimap.a" \
	$(pkg-config --libs proj cairo pangocairo json-c libutf8proc shapelib zlib) -lm \
	-o "$work/gaz_bench"

# The names looked up: every 10th name of the shipped places (all of the
# world) and the Iraqi spellings reports use, some of which are variants.
awk -F '\t' '!/^#/ && NR % 10 == 0 { print $2 }' "$gaz/geonames-cities500.txt" "$gaz/wof-iq.txt" \
	"$gaz/wof-sy.txt" >"$work/names.txt"
for n in Basra Basrah Al-Basrah Makhmour Mexmur Erbil Hawler Irbil Nasiriya "Dhi Qar" "Thi Qar" \
	Slemani Kirkuk Mosul Fallujah Ramadi "Tal Afar" Samarra Karrada "Sadr City" Kerman \
	البصرة أربيل الموصل Atlantis "Nowhere Town"; do
	echo "$n" >>"$work/names.txt"
done

"$build/incimap" gazetteer build -q --gazetteer "$gaz"
# warm the page cache, as any second run finds it
cat "$gaz"/*.txt "$gaz"/*.txt.gz "$gaz"/gazetteer.idx >/dev/null
# taskset: one core
one=""
command -v taskset >/dev/null && one="taskset -c 0"

$one "$work/gaz_bench" read "$gaz" >"$work/read.txt"
$one "$work/gaz_bench" compile "$gaz" >"$work/compile.txt"
$one "$work/gaz_bench" open "$gaz" >"$work/open.txt"
$one "$work/gaz_bench" lookup "$gaz" "$work/names.txt" >"$work/lookup.txt"
v() { awk -v k="$2" '$1 == k { print $2 }' "$work/$1.txt"; }

# the whole command, process start to exit
hf=""
if command -v hyperfine >/dev/null; then
	hyperfine -N -w 3 -r 30 --export-markdown "$work/hyperfine.md" \
		"$build/incimap geocode Basra --gazetteer $gaz" >/dev/null 2>&1 && hf=1
fi

idx_mb=$(awk -v b="$(v compile index_bytes)" 'BEGIN { printf "%.1f", b / 1048576 }')
src_mb=$(awk -v b="$(v read read_bytes)" 'BEGIN { printf "%.1f", b / 1048576 }')
ratio=$(awk -v a="$(v read read_ms)" -v b="$(v open open_ms_median)" 'BEGIN { printf "%.0f", a / b }')
{
	echo "# Gazetteer benchmark"
	echo
	echo "Produced by \`sh bench/gaz.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores"
	echo "($(uname -m), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo cpu))."
	echo "Data: the shipped whole-world gazetteer, $(v compile places) places, $(v compile names)"
	echo "distinct normalised names, ${src_mb} MB of source text ($(v read files) files), a ${idx_mb} MB"
	echo "compiled index. Page cache warm; one core (\`taskset -c 0\`)."
	echo
	echo "| what | incimap (compiled index, mmap) | peer: plain read of the sources | compile from the sources |"
	echo "|---|---|---|---|"
	echo "| ready to answer | $(v open open_ms_median) ms (median of $(v open runs) opens; max $(v open open_ms_max) ms) | $(v read read_ms) ms (read only, nothing parsed) | $(v compile compile_ms) ms |"
	echo "| max RSS | $(v open max_rss_kib) KiB after $(v open runs) opens; $(v lookup max_rss_kib) KiB after the lookups | $(v read max_rss_kib) KiB | $(v compile max_rss_kib) KiB |"
	echo
	echo "Opening the index is ${ratio}x faster than merely reading the source files."
	echo
	echo "Lookups: $(v lookup lookups_per_cpu_s) a second of CPU time on one core"
	echo "($(v lookup lookups_per_s) a second of wall-clock time while sharing the machine: load"
	echo "average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores); $(v lookup lookups) lookups of $(v lookup names)"
	echo "names, 5 ranked candidates each with their reasons; $(v lookup found_pct)% of the names found."
	echo "Target: >= 1,000,000 lookups/s; open < 20 ms."
	if [ -n "$hf" ]; then
		echo
		echo "The whole command (\`hyperfine -N\`, process start to exit):"
		echo
		cat "$work/hyperfine.md"
	fi
	echo
	echo "Commands: \`gaz_bench read|compile|open|lookup\` (bench/gaz_bench.c) on gazetteer/."
} >"$out"
cat "$out"
