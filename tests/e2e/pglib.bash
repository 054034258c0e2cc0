#!/bin/bash
# pglib.bash: a throwaway PostgreSQL/PostGIS server for a test (sourced, not
# run): initdb into a fresh folder under /tmp, listening only on a Unix
# socket there, run as an unprivileged user when the test runs as root
# (postgres refuses root), stopped and removed at exit whatever happens
# (a watchdog does it when the test is killed outright).
# pg_start sets PGHOST (the socket folder), PGPORT, PGUSER and PGDATABASE,
# or skips the test (exit 77) with the reason.
PGBIN=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && PGBIN=$d; done
PGTMP=""

pg_stop() {
	[ -n "$PGTMP" ] || return 0
	pg_as "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$PGTMP"
	PGTMP=""
}

# pg_as CMD...: runs CMD as the server's owner.
pg_as() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

# pg_watchdog: a process outside the test's process tree (setsid -f) that
# stops the server and removes its folder once the test's shell is gone,
# for when the EXIT trap cannot run (SIGKILL, as at a CTest timeout).
pg_watchdog() {
	command -v setsid >/dev/null || return 0
	local as=""
	[ "$(id -u)" -eq 0 ] && as="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
	setsid -f bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done
		[ -e "$2/data/postmaster.pid" ] && $4 "$3/pg_ctl" -D "$2/data" -m immediate stop
		rm -rf "$2"' watchdog "$$" "$PGTMP" "$PGBIN" "$as" </dev/null >/dev/null 2>&1
}

pg_start() {
	[ -n "$PGBIN" ] || skip "PostgreSQL's server (postgresql) is not installed"
	[ -n "$(ls /usr/share/postgresql/*/extension/postgis.control 2>/dev/null)" ] ||
		skip "PostGIS (postgis) is not installed"
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "setpriv is missing: cannot run the server as nobody"
		id nobody >/dev/null 2>&1 || skip "no user 'nobody' to run the server as"
	fi
	PGTMP=$(mktemp -d /tmp/incimap-pg.XXXXXX) || skip "cannot make a folder under /tmp"
	chmod 755 "$PGTMP"
	[ "$(id -u)" -eq 0 ] && chown nobody:nogroup "$PGTMP"
	trap 'pg_stop; rm -rf "$T"' EXIT
	local user
	user=$(pg_as id -un)
	pg_as "$PGBIN/initdb" -D "$PGTMP/data" -U "$user" -A trust -E UTF8 --no-locale \
		>"$PGTMP/initdb.log" 2>&1 || skip "initdb failed: $(tail -3 "$PGTMP/initdb.log")"
	pg_as "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$PGTMP' -p 54329 -c fsync=off" \
		start >/dev/null 2>&1 || skip "the server did not start: $(tail -3 "$PGTMP/server.log")"
	pg_watchdog
	export PGHOST=$PGTMP PGPORT=54329 PGUSER=$user PGDATABASE=incimap
	pg_as "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" incimap ||
		skip "createdb failed"
	psql -q -c 'CREATE EXTENSION postgis' >/dev/null 2>&1 ||
		skip "PostGIS cannot be enabled in the throwaway server"
}
