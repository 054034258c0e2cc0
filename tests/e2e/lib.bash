#!/bin/bash
# lib.bash: helpers shared by the end-to-end tests (sourced, not run).
# Env from CTest: INCIMAP (the binary), INCIMAP_SRC (source tree),
# INCIMAP_TEST_TMP (scratch). Each test gets its own folder $T.
set -u
: "${INCIMAP:?INCIMAP must name the incimap binary}"
: "${INCIMAP_SRC:?INCIMAP_SRC must name the source tree}"
: "${INCIMAP_TEST_TMP:=/tmp/incimap-tests}"
TEST_NAME=$(basename "$0" .sh)
T="$INCIMAP_TEST_TMP/e2e-$TEST_NAME-$$"
rm -rf "$T"
mkdir -p "$T"
OUT="$T/.stdout"
ERR="$T/.stderr"
trap 'rm -rf "$T"' EXIT

fail() {
	echo "FAIL [$TEST_NAME]: $*" >&2
	if [ -s "$ERR" ]; then
		echo "--- stderr of the last command:" >&2
		head -c 4000 "$ERR" >&2
	fi
	exit 1
}

# skip REASON: the test cannot run here (exit 77, shown as Skipped). Under
# INCIMAP_NO_SKIP=1 (.ci/run sets it: CI installs everything) a skip fails.
skip() {
	if [ "${INCIMAP_NO_SKIP:-0}" = 1 ]; then
		echo "FAIL [$TEST_NAME]: would skip under INCIMAP_NO_SKIP=1: $*" >&2
		exit 1
	fi
	echo "SKIP [$TEST_NAME]: $*" >&2
	exit 77
}

pass() {
	echo "ok [$TEST_NAME]"
	exit 0
}

# expect_exit CODE CMD...: runs CMD with stdout in $OUT and stderr in $ERR
# and fails unless it exits with CODE. A crash (signal, sanitizer) fails.
expect_exit() {
	local want=$1
	shift
	"$@" >"$OUT" 2>"$ERR"
	local got=$?
	if [ "$got" -ne "$want" ]; then
		fail "expected exit $want, got $got from: $*"
	fi
	if grep -q -E 'AddressSanitizer|runtime error:|LeakSanitizer' "$ERR"; then
		fail "sanitizer report from: $*"
	fi
}

# expect_msg REGEX: stderr of the last command matches REGEX.
expect_msg() {
	grep -q -E -- "$1" "$ERR" || fail "stderr does not match /$1/"
}

# no_partial DIR: nothing half-written (no temporary files) is left in DIR.
no_partial() {
	if ls -A "$1" 2>/dev/null | grep -q '\.tmp\.'; then
		fail "temporary file left in $1: $(ls -A "$1")"
	fi
}

# gen_incidents N PREFIX FILE: N incidents as GeoJSON Text Sequences, ids
# PREFIX-i, each with a report of its own, for volume tests of the stores.
gen_incidents() {
	awk -v n="$1" -v r="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "\036{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]},\"properties\":{\"id\":\"%s-%d\",\"event_date\":\"2024-%02d-%02d\",\"time_precision\":1,\"event_type\":\"Battles\",\"sub_event_type\":\"Armed clash\",\"fatalities\":%d,\"sources\":[{\"id\":\"%s-%d\"}],\"confidence\":0.5}}\n",
				40 + (i % 100) / 10, 30 + (i % 77) / 10, r, i, i % 12 + 1, i % 28 + 1, i % 7, r, i
	}' >"$3"
}

# gen_articles N FILE: N short JSON Lines reports written from templates
# (varied places, days, weapons and figures), for volume tests.
gen_articles() {
	awk -v n="$1" 'BEGIN {
		split("Basra Kirkuk Mosul Baghdad Erbil Ramadi Fallujah Samarra Tikrit Najaf Karbala Hilla Kut Amarah Nasiriyah Baqubah Duhok Sulaymaniyah Zakho Haditha", pl, " ");
		split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday", dy, " ");
		split("car bomb|roadside bomb|suicide bomber|drone strike|gunmen", ev, "|");
		for (i = 0; i < n; i++) {
			p = pl[i % 20 + 1]; d = dy[i % 7 + 1]; e = ev[i % 5 + 1];
			printf "{\"id\":\"k%05d\",\"date\":\"2024-%02d-%02d\",\"text\":\"A %s attack on %s in %s killed %d people and wounded %d others, officials said.\"}\n",
				i, i % 12 + 1, i % 28 + 1, e, d, p, i % 9, i % 13
		}
	}' >"$2"
}

# killed_converts ROUNDS N TARGET MIN COUNTS: ROUNDS times, a convert of N
# new incidents into the store TARGET is killed (SIGKILL) somewhere in its
# run. A first convert, not killed, times a run on this machine; each round
# is then killed at a random moment of that time, every fourth round
# between three quarters and five quarters of it (the commit, or just
# after the end). After each kill COUNTS ROUND (a function of the
# test) checks what it must of the store and sets N_INC and N_SRC, its
# incidents and its reports: the incidents must be all of the round's or
# none (have, the incidents before, is updated), the reports as many. Fails
# unless at least MIN runs were killed mid-run.
killed_converts() {
	local rounds=$1 n=$2 target=$3 min=$4 counts=$5
	local round pid killed=0 t0 ms at
	gen_incidents "$n" r0 r0.geojsons
	t0=$(date +%s%N)
	"$INCIMAP" convert r0.geojsons "$target" 2>"$ERR" ||
		fail "the timing convert failed: $(cat "$ERR")"
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$ms" -gt 0 ] || ms=1
	"$counts" 0
	[ "$N_INC" -eq $((have + n)) ] || fail "the timing convert left $N_INC incidents, not $((have + n))"
	have=$N_INC
	for round in $(seq 1 "$rounds"); do
		gen_incidents "$n" "r$round" "r$round.geojsons"
		if [ $((round % 4)) -eq 0 ]; then
			at=$((ms * 3 / 4 + RANDOM % (ms / 2 + 1)))
		else
			at=$((RANDOM % ms))
		fi
		"$INCIMAP" convert "r$round.geojsons" "$target" 2>"$ERR" &
		pid=$!
		sleep "$((at / 1000)).$(printf %03d $((at % 1000)))"
		kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
		wait "$pid" 2>/dev/null
		"$counts" "$round"
		if [ "$N_INC" -eq $((have + n)) ]; then
			have=$N_INC
		elif [ "$N_INC" -ne "$have" ]; then
			fail "round $round: $N_INC incidents: neither $have (before) nor $((have + n)) (after)"
		fi
		[ "$N_SRC" = "$have" ] ||
			fail "round $round: $N_SRC reports do not match the $have incidents"
		rm -f "r$round.geojsons"
	done
	echo "a run takes $ms ms; $rounds rounds, $killed killed mid-run, $have incidents at the end"
	[ "$killed" -ge "$min" ] ||
		fail "only $killed of $rounds runs were killed before they ended: the test tested little"
}

# filters_agree FILE STORE WHAT: for each filter, a line of options on
# stdin, `convert STORE` keeps exactly the incidents `convert FILE` keeps,
# with the same notes on stderr; WHAT names the store in messages. Works
# in the current folder.
filters_agree() {
	local file=$1 store=$2 what=$3 f opts
	f=$(basename "$file" .geojson)
	while IFS= read -r opts; do
		# shellcheck disable=SC2086
		"$INCIMAP" convert "$file" from-file.geojson $opts 2>file.err ||
			fail "$f $opts: convert from GeoJSON failed: $(cat file.err)"
		# shellcheck disable=SC2086
		"$INCIMAP" convert "$store" from-store.geojson $opts 2>store.err ||
			fail "$f $opts: convert from $what failed: $(cat store.err)"
		cmp -s from-file.geojson from-store.geojson ||
			fail "$f $opts: $what keeps other incidents than the file"
		cmp -s file.err store.err || fail "$f $opts: notes differ: $(cat file.err) | $(cat store.err)"
	done
}
