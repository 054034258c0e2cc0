#!/bin/sh
# io.sh: conversion speed against GDAL's ogr2ogr, in the same run on the same
# machine: a generated 1,000,000-incident CSV to RFC 7946 GeoJSON and to
# GeoJSON Text Sequences, with `incimap convert` and with ogr2ogr. Records
# wall time, the ratio, and peak memory (GNU time), with the commands, in
# bench/results-io.md. Usage: bench/io.sh [N]   (default 1000000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
n=${1:-1000000}
incimap=${INCIMAP:-$top/build/incimap}
work="$top/bench/work/io"
out="$here/results-io.md"
. "$here/lib.sh"
bench_needs
mkdir -p "$work"

csv="$work/incidents-$n.csv"
small="$work/incidents-10000.csv"
[ -s "$csv" ] || gen "$n" >"$csv"
[ -s "$small" ] || gen 10000 >"$small"

oo="-oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326"

# run LABEL CMD...: best wall time of 2 runs, and the peak RSS of the best.
# Sets SECS and KIB.
run() {
	label=$1
	shift
	SECS=""
	KIB=""
	for k in 1 2; do
		rm -f "$work"/out.*
		/usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
			{ echo "incimap: bench: $label failed:" >&2; cat "$work/err" >&2; exit 1; }
		s=$(tail -1 "$work/time" | cut -d' ' -f1)
		m=$(tail -1 "$work/time" | cut -d' ' -f2)
		if [ -z "$SECS" ] || [ "$(awk -v a="$s" -v b="$SECS" 'BEGIN { print (a < b) }')" = 1 ]; then
			SECS=$s
			KIB=$m
		fi
	done
	echo "$label: ${SECS}s, ${KIB} KiB" >&2
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

run "incimap csv->geojson" "$incimap" convert "$csv" "$work/out.geojson"
im_gj=$SECS im_gj_m=$KIB
# shellcheck disable=SC2086
run "ogr2ogr csv->geojson" ogr2ogr -f GeoJSON -lco RFC7946=YES $oo "$work/out.geojson" "$csv"
gd_gj=$SECS gd_gj_m=$KIB
run "incimap csv->geojsonseq" "$incimap" convert "$csv" "$work/out.geojsons"
im_sq=$SECS im_sq_m=$KIB
# shellcheck disable=SC2086
run "ogr2ogr csv->geojsonseq" ogr2ogr -f GeoJSONSeq -lco RS=YES $oo "$work/out.geojsons" "$csv"
gd_sq=$SECS gd_sq_m=$KIB
run "incimap csv->geojsonseq (10,000)" "$incimap" convert "$small" "$work/out.geojsons"
im_sq_small_m=$KIB
# The reverse direction, read by our streaming GeoJSON reader.
"$incimap" convert "$csv" "$work/in.geojson"
run "incimap geojson->geojsonseq" "$incimap" convert "$work/in.geojson" "$work/out.geojsons"
im_rd=$SECS im_rd_m=$KIB
run "ogr2ogr geojson->geojsonseq" ogr2ogr -f GeoJSONSeq -lco RS=YES "$work/out.geojsons" "$work/in.geojson"
gd_rd=$SECS gd_rd_m=$KIB
insize=$(($(stat -c %s "$csv") / 1048576))
gjsize=$(($(stat -c %s "$work/in.geojson") / 1048576))
rm -f "$work"/out.* "$work/in.geojson"

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//')
cat >"$out" <<MD
# GeoJSON / CSV conversion: incimap vs GDAL's ogr2ogr

Written by \`bench/io.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, ${cpu:-unknown CPU};
$(ogr2ogr --version); incimap $("$incimap" --version | cut -d' ' -f2)). Input: a generated
CSV of $n incidents ($insize MiB, every column filled), converted in the same run by
both tools; best wall time of two runs each, peak resident memory from GNU time.
Target: incimap at least 5x faster than ogr2ogr.

| conversion | incimap | ogr2ogr | ratio (ogr2ogr / incimap) | peak memory incimap / ogr2ogr |
|---|---|---|---|---|
| CSV -> GeoJSON (RFC 7946) | ${im_gj} s | ${gd_gj} s | $(ratio "$gd_gj" "$im_gj")x | ${im_gj_m} / ${gd_gj_m} KiB |
| CSV -> GeoJSONSeq | ${im_sq} s | ${gd_sq} s | $(ratio "$gd_sq" "$im_sq")x | ${im_sq_m} / ${gd_sq_m} KiB |
| GeoJSON ($gjsize MiB) -> GeoJSONSeq | ${im_rd} s | ${gd_rd} s | $(ratio "$gd_rd" "$im_rd")x | ${im_rd_m} / ${gd_rd_m} KiB |

Peak memory of \`incimap convert\` to GeoJSONSeq: ${im_sq_small_m} KiB for 10,000
incidents, ${im_sq_m} KiB for $n: independent of the input size (streamed).

Commands (\$OO = \`$oo\`):

    incimap convert incidents-$n.csv out.geojson
    ogr2ogr -f GeoJSON -lco RFC7946=YES \$OO out.geojson incidents-$n.csv
    incimap convert incidents-$n.csv out.geojsons
    ogr2ogr -f GeoJSONSeq -lco RS=YES \$OO out.geojsons incidents-$n.csv
    incimap convert in.geojson out.geojsons
    ogr2ogr -f GeoJSONSeq -lco RS=YES out.geojsons in.geojson

The open options make GDAL do the same work: points from the latitude and
longitude columns (dropped from the properties), typed columns, WGS 84.

Reading GeoJSON (the last row) is not part of the 5x target. Its profile (perf): json-c
building each feature's tree, with its allocations and a locale switch per call, about
40% of the time; the scanner that cuts features out of the stream and checks them, 15%.
MD
cat "$out"
