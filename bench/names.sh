#!/bin/bash
# names.sh: an article that is one long roll of place names ("in Basra,
# Mosul, Kirkuk, ..."), 12,500 to 100,000 of them: the CPU time of
# `extract` should double when the article doubles (linear), not grow
# fourfold. The peer is the same run on the article half as long.
# Writes bench/results-names.md. Usage: bench/names.sh
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="$top/build/incimap"
work="$top/bench/work/names"
out="$top/bench/results-names.md"
[ -x "$bin" ] || { echo "names.sh: build incimap first (make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "names.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

roll() {
	awk -v n="$1" 'BEGIN {
		split("Basra Mosul Kirkuk Baghdad Erbil Ramadi Fallujah Samarra Tikrit Najaf Karbala Hilla Kut Amarah Nasiriyah Baqubah Duhok Zakho Haditha Taji", pl, " ")
		printf " date 2024-03-13 A car bomb exploded in "
		for (i = 0; i < n; i++)
			printf "%s, ", pl[i % 20 + 1]
		print "killing five people."
	}'
}

rows="" prev=""
for n in 12500 25000 50000 100000; do
	roll "$n" >"$work/roll.txt"
	/usr/bin/time -f '%e %U %S' -o "$work/time" "$bin" extract -q --jobs 1 "$work/roll.txt" -o - >/dev/null 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
	read -r wall cpu < <(awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time")
	grow="—"
	[ -n "$prev" ] && grow=$(awk -v a="$cpu" -v b="$prev" 'BEGIN { printf "%.2fx", a / b }')
	echo "names.sh: $n names: $cpu s CPU ($wall s wall)" >&2
	rows="$rows
| $n | $(wc -c <"$work/roll.txt") | $cpu s | $wall s | $grow | $(cut -d' ' -f1-3 /proc/loadavg) |"
	prev=$cpu
done
{
	echo "# An article of many place names"
	echo
	echo "Command: \`bench/names.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d) ($(uname -sm);"
	echo "incimap $("$bin" --version | cut -d' ' -f2)). One article, one sentence: \"A car bomb exploded in"
	echo "Basra, Mosul, ... killing five people.\" The machine is shared with other"
	echo "engineers' work: CPU time (user + system) is the figure, the load average"
	echo "(1, 5, 15 min) is given."
	echo
	echo "| place names | bytes | CPU | wall | CPU against half as many | load |"
	echo "|---|---|---|---|---|---|$rows"
} >"$out"
echo "names.sh: wrote $out" >&2
