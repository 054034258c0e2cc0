# lib.sh: what the benchmarks against ogr2ogr share, sourced by io.sh,
# share.sh and store.sh: the tools they need, and the generated incidents.

# bench_needs: stops with a message when incimap is not built or ogr2ogr or
# GNU time is missing.
bench_needs() {
	[ -x "$incimap" ] || { echo "incimap: bench: build first (make build)" >&2; exit 1; }
	command -v ogr2ogr >/dev/null || { echo "incimap: bench: ogr2ogr (gdal-bin) is missing" >&2; exit 1; }
	[ -x /usr/bin/time ] || { echo "incimap: bench: GNU time is missing (apt-get install time)" >&2; exit 1; }
}

# gen N [PREFIX]: N incidents as incimap's CSV, varied values, every column
# filled; ids PREFIX-0000000... (default "bench").
gen() {
	awk -v n="$1" -v pre="${2:-bench}" 'BEGIN {
		print "id,event_date,time_precision,date_text,event_type,sub_event_type,place,place_text,admin1,country,geo_precision,gazetteer_id,fatalities,injuries,actors,sources,notes,confidence,latitude,longitude"
		split("Battles|Protests|Riots|Explosions/Remote violence|Violence against civilians|Strategic developments", t, "|")
		for (i = 0; i < n; i++)
			printf "%s-%07d,2023-%02d-%02d,%d,on Tuesday,%s,Attack,Place %d,Place %d,Province %d,IQ,%d,gn:%d,%d,%d,militia %d; police,\"[{\"\"id\"\":\"\"a%d\"\",\"\"url\"\":\"\"https://example.org/r/%d\"\",\"\"date\"\":\"\"2023-01-02\"\",\"\"title\"\":\"\"Report %d\"\"}]\",\"Generated for the benchmark, not a real event: notes, with a comma.\",0.%d,%s,%s\n",
				pre, i, 1 + i % 12, 1 + i % 28, 1 + i % 3, t[1 + i % 6], i % 977, i % 977, i % 18, 1 + i % 3, 90000 + i, i % 40, i % 7, i % 13, i, i, i, 1 + i % 9,
				29 + (i % 8000) / 1000.0, 39 + (i % 9000) / 1000.0
	}'
}
