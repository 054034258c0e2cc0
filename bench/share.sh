#!/bin/sh
# share.sh: the formats for sharing, on a generated 100,000-incident CSV:
# size and time of the KML, KMZ and Excel workbook incimap writes, with
# GDAL's ogr2ogr writing KML and XLSX from the same CSV in the same run as
# the peer. Records wall time (best of 2), the CPU time of that run (user +
# system: less swayed by a loaded machine than wall time), peak memory (GNU
# time) and size, with the commands, in bench/results-share.md.
# Usage: bench/share.sh [N]   (default 100000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
n=${1:-100000}
incimap=${INCIMAP:-$top/build/incimap}
work="$top/bench/work/share"
out="$here/results-share.md"
. "$here/lib.sh"
bench_needs
mkdir -p "$work"

csv="$work/incidents-$n.csv"
[ -s "$csv" ] || gen "$n" share >"$csv"
oo="-oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326"

# run LABEL FILE CMD...: best wall time of $RUNS runs (default 2), its CPU
# time and peak RSS, FILE's size.
run() {
	label=$1 file=$2
	shift 2
	SECS="" KIB="" CPU=""
	for k in $(seq "${RUNS:-2}"); do
		rm -f "$file"
		/usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
			{ echo "incimap: bench: $label failed:" >&2; cat "$work/err" >&2; exit 1; }
		s=$(tail -1 "$work/time" | cut -d' ' -f1)
		m=$(tail -1 "$work/time" | cut -d' ' -f2)
		c=$(tail -1 "$work/time" | awk '{ printf "%.2f", $3 + $4 }')
		if [ -z "$SECS" ] || [ "$(awk -v a="$s" -v b="$SECS" 'BEGIN { print (a < b) }')" = 1 ]; then
			SECS=$s KIB=$m CPU=$c
		fi
	done
	BYTES=$(wc -c <"$file")
	echo "$label: ${SECS}s, CPU ${CPU}s, ${KIB} KiB, $BYTES bytes" >&2
	printf '| %s | %s s | %s s | %.1f MB | %s | %.0f |\n' "$label" "$SECS" "$CPU" "$(awk -v k="$KIB" 'BEGIN { print k / 1024 }')" \
		"$BYTES" "$(awk -v b="$BYTES" -v n="$n" 'BEGIN { print b / n }')" >>"$work/rows"
}
: >"$work/rows"
run "incimap convert -> .kml" "$work/out.kml" "$incimap" convert "$csv" "$work/out.kml"
run "ogr2ogr -f KML (peer)" "$work/peer.kml" ogr2ogr -f KML "$work/peer.kml" "$csv" $oo
run "incimap convert -> .kmz" "$work/out.kmz" "$incimap" convert "$csv" "$work/out.kmz"
run "incimap convert -> .xlsx" "$work/out.xlsx" "$incimap" convert "$csv" "$work/out.xlsx"
run "ogr2ogr -f XLSX (peer)" "$work/peer.xlsx" ogr2ogr -f XLSX "$work/peer.xlsx" "$csv" $oo

{
	echo "# Formats for sharing: KML, KMZ, XLSX"
	echo
	echo "Written by \`bench/share.sh $n\` on $(date -u +%Y-%m-%d) on $(nproc) cores"
	echo "($(uname -m)); the machine was shared with other jobs, so times swing."
	echo "Input: $n generated incidents, every column filled (\`bench/work/share/$(basename "$csv")\`,"
	echo "made by the script). Each line is the best of ${RUNS:-2} run(s); memory is GNU time's peak RSS."
	echo "The peers write from the same CSV in the same run: GDAL's KML driver (no"
	echo "styles, folders, time stamps or HTML descriptions) and its XLSX driver (no"
	echo "summary sheet, no widths); incimap's files carry more (see docs/formats.md)."
	echo
	echo "| command | wall time | CPU time | peak memory | bytes | bytes/incident |"
	echo "|---|---|---|---|---|---|"
	cat "$work/rows"
	echo
	echo "Commands: \`incimap convert IN.csv OUT.{kml,kmz,xlsx}\`;"
	echo "\`ogr2ogr -f KML|XLSX OUT IN.csv $oo\`."
} >"$out"
echo "incimap: bench: wrote $out" >&2
