# Shared by script/test, script/demo and bench/: install what is missing,
# build the extension, start and stop the local QBO sandbox.
# shellcheck shell=bash

QBOSYNC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# procps: sandbox/serve watches its php -S with ps and pgrep (a minbase system
# has neither, and the sandbox would then never report its URL).
QBOSYNC_PKGS=(php8.2-cli php8.2-dev php8.2-sqlite3 php8.2-curl php-parser
	libcurl4-openssl-dev libjson-c-dev libsqlite3-dev libssl-dev libmariadb-dev pkg-config make gcc
	valgrind procps)

qbosync_say() { printf '==> %s\n' "$*" >&2; }

# Installs the Debian packages that are missing (needs root, as on a fresh machine).
qbosync_deps() {
	local missing=() p
	for p in "${QBOSYNC_PKGS[@]}" "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	qbosync_say "installing ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "missing packages: ${missing[*]}; run as root or install them" >&2
		return 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2
}

# Installs packages that ship a service (php-fpm, nginx) without starting
# it: the benchmarks run their own instances on loopback ports.
qbosync_deps_quiet_services() {
	local missing=() p rc
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ -e /usr/sbin/policy-rc.d ] && { qbosync_deps "${missing[@]}"; return; }
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
	qbosync_deps "${missing[@]}"
	rc=$?
	rm -f /usr/sbin/policy-rc.d
	return $rc
}

# Builds modules/qbosync.so with warnings as errors. Reconfigures only when
# config.m4 changed since the last configure.
qbosync_build() {
	cd "$QBOSYNC_ROOT" || return 1
	local cflags="${QBOSYNC_CFLAGS:--O2 -g -Wall -Wextra -Werror}"
	if [ ! -f Makefile ] || [ config.m4 -nt Makefile ] || [ ! -f configure ]; then
		qbosync_say "phpize && ./configure"
		{ phpize && ./configure --enable-qbosync; } >.build.log 2>&1 || { cat .build.log >&2; return 1; }
	fi
	qbosync_say "make"
	make -j"$(nproc)" CFLAGS="$cflags" >>.build.log 2>&1 || { grep -E "error:|warning:|Error " .build.log | head -40 >&2; return 1; }
	[ -f modules/qbosync.so ]
}

# Starts the sandbox in its own process group; sets QBO_SANDBOX_URL and
# QBOSYNC_SANDBOX_PGID. Stop it with qbosync_sandbox_stop.
qbosync_sandbox_start() {
	local out
	export QBO_SANDBOX_DB="${QBO_SANDBOX_DB:-$(mktemp -u -p "${TMPDIR:-/tmp}").sqlite}"
	out=$(mktemp)
	QBOSYNC_SANDBOX_ERR="$out.err"
	setsid "$QBOSYNC_ROOT/sandbox/serve" 0 >"$out" 2>"$QBOSYNC_SANDBOX_ERR" &
	QBOSYNC_SANDBOX_PGID=$!
	local i
	for i in $(seq 1 100); do
		QBO_SANDBOX_URL=$(head -n 1 "$out" 2>/dev/null)
		[ -n "$QBO_SANDBOX_URL" ] && break
		sleep 0.05
	done
	rm -f "$out"
	if [ -z "$QBO_SANDBOX_URL" ]; then
		cat "$QBOSYNC_SANDBOX_ERR" >&2
		qbosync_sandbox_stop
		echo "the local sandbox did not start" >&2
		return 1
	fi
	export QBO_SANDBOX_URL QBOSYNC_SANDBOX_PGID
	qbosync_say "sandbox at $QBO_SANDBOX_URL"
}

qbosync_sandbox_stop() {
	if [ -n "${QBOSYNC_SANDBOX_PGID:-}" ]; then
		kill -TERM -- "-$QBOSYNC_SANDBOX_PGID" 2>/dev/null
		local i
		for i in $(seq 1 40); do
			kill -0 -- "-$QBOSYNC_SANDBOX_PGID" 2>/dev/null || break
			sleep 0.05
		done
		kill -KILL -- "-$QBOSYNC_SANDBOX_PGID" 2>/dev/null
		QBOSYNC_SANDBOX_PGID=
	fi
	[ -n "${QBO_SANDBOX_DB:-}" ] && rm -f "$QBO_SANDBOX_DB" "$QBO_SANDBOX_DB-wal" "$QBO_SANDBOX_DB-shm"
	[ -n "${QBOSYNC_SANDBOX_ERR:-}" ] && rm -f "$QBOSYNC_SANDBOX_ERR"
	QBOSYNC_SANDBOX_ERR=
	return 0
}

# php with the freshly built extension loaded.
qbosync_php() {
	php -d extension="$QBOSYNC_ROOT/modules/qbosync.so" "$@"
}
