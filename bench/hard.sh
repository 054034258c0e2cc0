#!/bin/bash
# hard.sh: incimap's peak memory on inputs far bigger than memory should
# hold: extracting from a 1 GB JSON Lines stream (`extract --format
# geojsonseq`, fed through a pipe) and converting a 2 GB GeoJSONSeq file to
# CSV, each beside the same work on an input 100 times smaller (bounded
# memory: the peak does not grow with the input), and GDAL's ogr2ogr
# converting the same GeoJSONSeq file (the peer). Peak RSS and elapsed time
# come from GNU time -v. Nothing big is kept: the JSON Lines are generated
# on the fly, the GeoJSONSeq file lives in bench/work/ and is removed.
# Writes bench/results-hard.md.
# Usage: bench/hard.sh [JSONL_MB [SEQ_MB]]   (default 1024 2048)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
jsonl_mb=${1:-1024}
seq_mb=${2:-2048}
bin="$top/build/incimap"
work="$top/bench/work/hard"
out="$top/bench/results-hard.md"
[ -x "$bin" ] || { echo "hard.sh: build incimap first (make)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "hard.sh: needs GNU time (apt-get install time)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# gen_jsonl MB: about MB megabytes of JSON Lines reports, ~1.3 KB each, from
# templates (varied places, days, weapons, figures; filler sentences that
# tell of no event, as real reports have).
gen_jsonl() {
	awk -v limit="$(($1 * 1048576))" 'BEGIN {
		split("Basra Kirkuk Mosul Baghdad Erbil Ramadi Fallujah Samarra Tikrit Najaf Karbala Hilla Kut Amarah Nasiriyah Baqubah Duhok Sulaymaniyah Zakho Haditha", pl, " ")
		split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", dy, " ")
		split("car bomb|roadside bomb|suicide bomber|drone strike|gunmen", ev, "|")
		fill = "Officials said the area was sealed off and an investigation had begun. " \
		       "Residents described hearing a loud noise before smoke rose over the district. " \
		       "The provincial council called an emergency meeting for the following morning. " \
		       "Security forces set up additional checkpoints on the main roads into the city. " \
		       "Hospitals in the province appealed for blood donations after the attack. " \
		       "No group immediately claimed responsibility, the statement added. " \
		       "Local media showed damaged cars and shattered shop windows along the street. " \
		       "The interior ministry said it would publish the findings of its inquiry."
		for (i = 0; bytes < limit; i++) {
			p = pl[i % 20 + 1]; q = pl[(i * 7) % 20 + 1]; d = dy[i % 7 + 1]; e = ev[i % 5 + 1]
			line = sprintf("{\"id\":\"h%08d\",\"date\":\"2024-%02d-%02d\",\"title\":\"Attack in %s\",\"text\":\"A %s attack on %s in %s killed %d people and wounded %d others, officials in %s said. %s\"}", \
				i, i % 12 + 1, i % 28 + 1, p, e, d, p, i % 9, i % 13, q, fill)
			print line
			bytes += length(line) + 1
		}
	}'
}

# gen_seq MB FILE: about MB megabytes of GeoJSONSeq incidents, as incimap
# writes them (RS, one Feature a line).
gen_seq() {
	awk -v limit="$(($1 * 1048576))" 'BEGIN {
		split("Battles|Protests|Riots|Explosions/Remote violence|Violence against civilians", t, "|")
		for (i = 0; bytes < limit; i++) {
			line = sprintf("\036{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]},\"properties\":{\"id\":\"im-%016x\",\"event_date\":\"2024-%02d-%02d\",\"time_precision\":1,\"date_text\":\"on Tuesday\",\"event_type\":\"%s\",\"sub_event_type\":\"Attack\",\"place\":\"Place %d\",\"place_text\":\"Place %d\",\"admin1\":\"Province %d\",\"country\":\"IQ\",\"geo_precision\":1,\"gazetteer_id\":\"gn:%d\",\"fatalities\":%d,\"injuries\":%d,\"actors\":[\"militia\",\"police\"],\"sources\":[{\"id\":\"a%d\",\"url\":\"https://example.org/%d\",\"date\":\"2024-01-02\",\"title\":\"Report %d\"}],\"notes\":\"Generated, not real: a line of notes, with a comma.\",\"confidence\":0.8}}", \
				39 + (i % 9000) / 1000.0, 29 + (i % 8000) / 1000.0, i, 1 + i % 12, 1 + i % 28, t[1 + i % 5], i % 977, i % 977, i % 18, 90000 + i, i % 40, i % 7, i, i, i)
			print line
			bytes += length(line) + 1
		}
	}' >"$2"
}

# measure NAME CMD...: runs CMD (a shell line) under GNU time; sets PEAK_MB,
# SECS and appends a row.
rows=""
measure() {
	local name=$1 cmd=$2
	bash -c "$cmd" 2>"$work/err" || { echo "hard.sh: failed: $cmd" >&2; cat "$work/err" >&2; exit 1; }
	local kb secs
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
	secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
	PEAK_MB=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
	echo "hard.sh: $name: peak $PEAK_MB MB, $secs" >&2
	rows="$rows
| $name | $PEAK_MB MB | $secs |"
}
T="/usr/bin/time -v -o $work/time"

small_jsonl=$((jsonl_mb / 100))
[ "$small_jsonl" -ge 1 ] || small_jsonl=1
small_seq=$((seq_mb / 100))
[ "$small_seq" -ge 1 ] || small_seq=1

# 1. extract, streaming, from a pipe
for mb in "$small_jsonl" "$jsonl_mb"; do
	measure "incimap extract --format geojsonseq, $mb MB of JSON Lines on stdin" \
		"set -o pipefail; $(declare -f gen_jsonl); gen_jsonl $mb | $T '$bin' extract - --format geojsonseq -q | tr -cd '\\036' | wc -c >'$work/n'"
	n=$(cat "$work/n")
	eval "peak_x_$mb=\$PEAK_MB"
	echo "hard.sh:   $n incidents" >&2
done

# 2. convert GeoJSONSeq -> CSV, a file on disk
for mb in "$small_seq" "$seq_mb"; do
	gen_seq "$mb" "$work/in.geojsons"
	size=$(stat -c %s "$work/in.geojsons")
	measure "incimap convert GeoJSONSeq -> CSV, $((size / 1048576)) MB file" \
		"set -o pipefail; $T '$bin' convert '$work/in.geojsons' - --to csv | wc -l >'$work/n'"
	echo "hard.sh:   $(($(cat "$work/n") - 1)) rows" >&2
	eval "peak_c_$mb=\$PEAK_MB"
	if command -v ogr2ogr >/dev/null && [ "${HARD_PEER:-1}" = 1 ]; then
		rm -f "$work/peer.csv"
		measure "ogr2ogr GeoJSONSeq -> CSV, $((size / 1048576)) MB file (peer)" \
			"$T ogr2ogr -f CSV '$work/peer.csv' '$work/in.geojsons'"
		rm -f "$work/peer.csv"
	fi
	rm -f "$work/in.geojsons"
done

{
	echo "# Hard inputs: peak memory on big streams"
	echo
	echo "Peak resident memory (GNU time -v) of incimap on inputs far bigger than"
	echo "memory should hold, beside the same work on an input 100 times smaller:"
	echo "when the peak does not grow with the input, memory is bounded. The JSON"
	echo "Lines are generated on the fly and piped into \`incimap extract -\`; the"
	echo "GeoJSONSeq file is written to bench/work/ and removed afterwards. GDAL's"
	echo "ogr2ogr converting the same file is the peer. The peak of \`extract\`"
	echo "includes the pages of the memory-mapped whole-world gazetteer it touches."
	echo
	echo "Command: \`bench/hard.sh $jsonl_mb $seq_mb\` on $(nproc) cores, $(date -u +%Y-%m-%d)"
	echo "($(uname -sm); incimap $("$bin" --version | awk '{print $2}'); $(ogr2ogr --version 2>/dev/null | cut -d, -f1 || echo 'no GDAL'))."
	echo
	echo "| run | peak RSS | elapsed |"
	echo "|---|---|---|$rows"
	echo
	echo "Growth of the peak from the small input to the big one: extract"
	eval "echo \"$small_jsonl MB -> $jsonl_mb MB: \$peak_x_$small_jsonl MB -> \$peak_x_$jsonl_mb MB; convert $small_seq MB -> $seq_mb MB: \$peak_c_$small_seq MB -> \$peak_c_$seq_mb MB.\""
} >"$out"
echo "hard.sh: wrote $out" >&2
