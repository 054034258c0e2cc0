#!/bin/bash
# scale.sh: nothing grows faster than its input.
#  1. The merge: N reports of one city over a year (N = 10,000, 100,000,
#     1,000,000; thousands a day at 1 M), extracted and merged (`extract`,
#     GeoJSON) against the same reports streamed without a merge (`extract
#     --format geojsonseq`, its peer), one thread each, in the same run.
#     Target: batch <= 1.5x stream at 1 M.
#  2. --jobs: varied reports (20 places, 5 kinds) on 1 and 2 threads, in
#     stream and batch mode. On a machine others load, wall time says
#     little: the CPU time and, from callgrind (--separate-threads), the
#     instructions of the busiest thread against those of one thread give
#     the speedup 2 free cores would see (work / critical path).
# Outputs go through a pipe to wc (never to a device path). Writes
# bench/results-scale.md. Usage: bench/scale.sh [MAX_N [JOBS_N]]
# (default 1000000 20000).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
max_n=${1:-1000000}
jobs_n=${2:-20000}
bin="$top/build/incimap"
work="$top/bench/work/scale"
out="$top/bench/results-scale.md"
[ -x "$bin" ] || { echo "scale.sh: build incimap first (make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "scale.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# one_city N: N reports of Baghdad, a year of them, one day after another.
one_city() {
	awk -v n="$1" 'BEGIN {
		split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", dy, " ")
		split("car bomb|roadside bomb|suicide bomber|gunmen|mortar shell", ev, "|")
		for (i = 0; i < n; i++) {
			day = i % 365
			printf "{\"id\":\"b%07d\",\"date\":\"2024-%02d-%02d\",\"title\":\"Baghdad\",\"text\":\"A %s attack in Baghdad on %s killed %d people and wounded %d others, police said.\"}\n",
				i, int(day / 31) + 1, day % 28 + 1, ev[i % 5 + 1], dy[i % 7 + 1], i % 9 + 1, i % 13
		}
	}'
}

# varied N: N reports of 20 places, each told a few times.
varied() {
	awk -v n="$1" 'BEGIN {
		split("Basra Kirkuk Mosul Baghdad Erbil Ramadi Fallujah Samarra Tikrit Najaf Karbala Hilla Kut Amarah Nasiriyah Baqubah Duhok Sulaymaniyah Zakho Haditha", pl, " ")
		split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", dy, " ")
		split("car bomb|roadside bomb|suicide bomber|drone strike|gunmen", ev, "|")
		fill = "Officials said the area was sealed off and an investigation had begun. " \
		       "Security forces set up additional checkpoints on the main roads into the city."
		for (i = 0; i < n; i++) {
			p = pl[(i * 7) % 20 + 1]; e = ev[(i * 3) % 5 + 1]
			printf "{\"id\":\"v%07d\",\"date\":\"2024-%02d-%02d\",\"text\":\"A %s attack on %s in %s killed %d people, officials said. %s\"}\n",
				i, (i / 400) % 12 + 1, (i / 20) % 28 + 1, e, dy[i % 7 + 1], p, i % 9, fill
		}
	}'
}

# run NAME CMD: runs the shell line CMD under GNU time; sets WALL, CPU
# (user + system), PEAK_MB.
run() {
	bash -c "$2" 2>"$work/err" || { echo "scale.sh: failed: $2" >&2; cat "$work/err" >&2; exit 1; }
	read -r WALL CPU PEAK_MB < <(awk '{ printf "%.2f %.2f %.1f\n", $1, $2 + $3, $4 / 1024 }' "$work/time")
	echo "scale.sh: $1: ${WALL} s wall, ${CPU} s CPU, ${PEAK_MB} MB" >&2
}
T="/usr/bin/time -f '%e %U %S %M' -o $work/time"
load() { cut -d' ' -f1-3 /proc/loadavg; }

merge_rows=""
for n in 10000 100000 1000000; do
	[ "$n" -le "$max_n" ] || continue
	one_city "$n" >"$work/city.jsonl"
	l0=$(load)
	run "stream $n" "$T $bin extract -q --jobs 1 -f geojsonseq $work/city.jsonl -o - | wc -c >/dev/null"
	sw=$WALL sc=$CPU
	run "batch $n" "$T $bin extract -q --jobs 1 $work/city.jsonl -o - | wc -c >/dev/null"
	bw=$WALL bc=$CPU bm=$PEAK_MB
	"$bin" extract -q --jobs 1 "$work/city.jsonl" -o "$work/city.geojson"
	inc=$(grep -c '"type":"Feature"' "$work/city.geojson")
	merge_rows="$merge_rows
| $n | $sc s ($sw s) | $bc s ($bw s), $bm MB | $(awk -v b="$bc" -v s="$sc" 'BEGIN { printf "%.2f", b / s }')x ($(awk -v b="$bw" -v s="$sw" 'BEGIN { printf "%.2f", b / s }')x) | $inc | $l0 |"
	rm -f "$work/city.jsonl" "$work/city.geojson"
done

varied "$jobs_n" >"$work/varied.jsonl"
jobs_rows=""
for mode in stream batch; do
	fmt=""
	[ $mode = stream ] && fmt="-f geojsonseq"
	l0=$(load)
	run "$mode --jobs 1" "$T $bin extract -q --jobs 1 $fmt $work/varied.jsonl -o - | wc -c >/dev/null"
	w1=$WALL c1=$CPU
	run "$mode --jobs 2" "$T $bin extract -q --jobs 2 $fmt $work/varied.jsonl -o - | wc -c >/dev/null"
	w2=$WALL c2=$CPU
	"$bin" extract -q --jobs 1 $fmt "$work/varied.jsonl" -o - >"$work/one.out"
	"$bin" extract -q --jobs 2 $fmt "$work/varied.jsonl" -o - >"$work/two.out"
	same=no
	cmp -s "$work/one.out" "$work/two.out" && same=yes
	jobs_rows="$jobs_rows
| $mode, $jobs_n reports | $w1 s, $c1 s CPU | $w2 s, $c2 s CPU | $(awk -v a="$w1" -v b="$w2" 'BEGIN { printf "%.2f", a / b }')x | $same | $l0 |"
done

# callgrind: instructions per thread, on a tenth of the reports
cg_rows=""
if command -v valgrind >/dev/null; then
	head -n $((jobs_n / 10)) "$work/varied.jsonl" >"$work/small.jsonl"
	for mode in stream batch; do
		fmt=""
		[ $mode = stream ] && fmt="-f geojsonseq"
		for j in 1 2; do
			rm -f "$work"/cg.out*
			valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/cg.out" \
				"$bin" extract -q --jobs $j $fmt "$work/small.jsonl" -o - >/dev/null 2>"$work/cg.err" ||
				{ cat "$work/cg.err" >&2; exit 1; }
			# per thread: "summary: N" (or "totals:") in each file
			sums=$(for f in "$work"/cg.out*; do sed -n 's/^\(summary\|totals\): *\([0-9]*\).*/\2/p' "$f" | head -1; done)
			eval "tot$j=$(echo "$sums" | awk '{ s += $1 } END { print s }')"
			eval "max$j=$(echo "$sums" | awk '$1 > m { m = $1 } END { print m }')"
		done
		cg_rows="$cg_rows
| $mode, $((jobs_n / 10)) reports | $tot1 | $tot2 | $max2 | $(awk -v a="$tot1" -v b="$max2" 'BEGIN { printf "%.2f", a / b }')x |"
	done
fi

{
	echo "# Scale: the merge and --jobs"
	echo
	echo "Command: \`bench/scale.sh $max_n $jobs_n\` on $(nproc) cores, $(date -u +%Y-%m-%d)"
	echo "($(uname -sm); incimap $("$bin" --version | cut -d' ' -f2)). The machine is shared with"
	echo "other engineers' builds and tests: the load average (1, 5, 15 min) is"
	echo "given with each row, and the CPU time (user + system) is the steadier figure."
	echo
	echo "## The merge: reports of one city over a year"
	echo
	echo "\`extract --jobs 1\` (extract and merge, GeoJSON) against \`extract --jobs 1"
	echo "--format geojsonseq\` (extract only, the peer), output piped to wc."
	echo
	echo "| reports | stream: CPU (wall) | batch: CPU (wall), peak | batch / stream: CPU (wall) | incidents | load |"
	echo "|---|---|---|---|---|---|$merge_rows"
	echo
	echo "## --jobs: 1 and 2 threads"
	echo
	echo "| run | --jobs 1 | --jobs 2 | wall speedup | same output | load |"
	echo "|---|---|---|---|---|---|$jobs_rows"
	echo
	if [ -n "$cg_rows" ]; then
		echo "Instructions (callgrind, --separate-threads=yes): all threads' with --jobs 1"
		echo "and 2, and the busiest thread's with 2. One thread's work over the busiest"
		echo "thread's is the speedup on 2 free cores (the other thread's waits cost no"
		echo "instructions, so it is an upper bound, close when the chunks are even)."
		echo
		echo "| run | --jobs 1 | --jobs 2, all threads | --jobs 2, busiest thread | speedup on 2 cores |"
		echo "|---|---|---|---|---|$cg_rows"
	fi
} >"$out"
echo "scale.sh: wrote $out" >&2
