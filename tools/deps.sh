#!/bin/sh
# deps.sh: installs the Debian packages incimap needs when they are missing.
# Usage: tools/deps.sh build|test|fuzz|valgrind|bench|qgis
# As root it runs apt-get; otherwise it names what to install and fails.
set -eu

build_pkgs="cmake make gcc pkg-config libproj-dev proj-data libshp-dev libcairo2-dev libzip-dev libxml2-dev
libxlsxwriter-dev libpango1.0-dev zlib1g-dev libutf8proc-dev libjson-c-dev libsqlite3-dev libpq-dev fonts-noto-core
libjs-leaflet libjs-leaflet.markercluster"
test_pkgs="libcmocka-dev gdal-bin python3-gdal sqlite3 postgresql postgis postgresql-postgis poppler-utils libxml2-utils time unzip
chromium nodejs"
fuzz_pkgs="clang libclang-rt-14-dev"
valgrind_pkgs="valgrind"
bench_pkgs="gdal-bin python3-mapnik hyperfine time"
# optional: QGIS itself, for the test that opens the store styled (skipped without)
qgis_pkgs="python3-qgis qgis-providers"

case "${1:-build}" in
build) want=$build_pkgs ;;
test) want="$build_pkgs $test_pkgs" ;;
fuzz) want="$build_pkgs $test_pkgs $fuzz_pkgs" ;;
valgrind) want="$build_pkgs $test_pkgs $valgrind_pkgs" ;;
bench) want="$build_pkgs $test_pkgs $bench_pkgs" ;;
qgis) want=$qgis_pkgs ;;
*) echo "usage: tools/deps.sh build|test|fuzz|valgrind|bench|qgis" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "incimap: not a Debian system; make sure these (or your system's equivalents) are installed:" >&2
	echo "  $want" | tr '\n' ' ' >&2
	echo >&2
	exit 0
fi

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "incimap: installing missing packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >&2
else
	echo "incimap: these Debian packages are missing:$missing" >&2
	echo "incimap: install them with:  sudo apt-get install$missing" >&2
	exit 1
fi
