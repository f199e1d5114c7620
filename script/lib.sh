# Shared by script/test, script/demo and bench/: install what is missing,
# build the extension, start and stop the local QBO sandbox.
# shellcheck shell=bash

QBOSYNC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# procps: sandbox/serve watches its php -S with ps and pgrep (a minbase system
# has neither, and the sandbox would then never report its URL).
QBOSYNC_PKGS=(php8.2-cli php8.2-dev php8.2-sqlite3 php8.2-curl php-parser
	libcurl4-openssl-dev libjson-c-dev libsqlite3-dev libssl-dev libmariadb-dev pkg-config make gcc
	php8.2-mysql valgrind procps)

qbosync_say() { printf '==> %s\n' "$*" >&2; }

# The child processes the valgrind pass does not trace (valgrind's
# --trace-children-skip-by-arg patterns: a child with an argument matching one
# runs natively, and so do its own children): the CLI, the addon's admin
# requests, and the throwaway servers of the TLS, hostile-server and keep-alive
# tests (PHP without the extension).
# script/untraced-coverage checks that every line of the extension they reach
# is reached by a traced process too. Set in the environment, it replaces the
# list (empty: every child traced).
QBOSYNC_VALGRIND_UNTRACED=${QBOSYNC_VALGRIND_UNTRACED-'*bin/qbosync,*/tests/whmcs/admin/harness.php,*/tests/tls_server.inc,*/tests/hostile_server.inc,*/tests/keepalive_server.inc'}

# The PHP modules the valgrind pass loads (php -n, then these, then the
# extension): the ones the tests, tests/*.inc, bin/ and the addon call (PDO for
# the store helpers on SQLite and MariaDB, PHP's curl for the sandbox calls,
# posix for kill(), ctype for the CLI). Every other Debian conf.d module would
# cost each PHP start under valgrind its load and startup (about 0.3 s of CPU).
QBOSYNC_VALGRIND_PHP_MODULES=(mysqlnd pdo pdo_sqlite pdo_mysql sqlite3 curl ctype posix)

# The tests that start first in a pass (run-tests.php runs the tests in name
# order, so they are named ./tests/...: "./" sorts before "tests/"): the longest
# of each pass, so that three at a time do not end with one long test alone;
# the ones that mostly wait (123, 605, 606: timeouts, leases) each beside tests
# that keep the cores busy. Not 432: its three writers must overlap, which
# the busiest moment of a pass makes less likely.
QBOSYNC_SLOW_FIRST=(tests/123_refresh_slow_token_endpoint.phpt tests/whmcs/month.phpt
	tests/605_claim_lease_renewed.phpt tests/451_edit_after_killed_or_timed_out_create.phpt tests/043_ini_durability.phpt
	tests/370_batch_sigkill_in_flight.phpt tests/606_claim_takeover_after_lease.phpt tests/456_guard_pages_past_1000.phpt
	tests/390_deferred_drain_batched.phpt tests/371_batch_two_processes.phpt
	tests/430_store_wal_gathered_writes.phpt tests/400_crash_exactly_once.phpt tests/391_in_flight_cap_processes.phpt
	tests/118_refresh_transient_faults.phpt tests/504_hook_deferred.phpt tests/030_deferred_delivery_at_request_end.phpt)

# The whole run's valgrind targets, one a line (tests/*.phpt: the WHMCS harness's
# tests/whmcs/ are not among them; under valgrind each of those reports a
# definite leak of PHP's own, 7,680 bytes in 20 blocks from object_init_ex with
# no frame of the extension, and tests/whmcs/random_soak.phpt, three random
# runs under faults, takes about 70 s there): the extension's tests except
# 123 and 402, whose time is waiting on purpose (see script/test), 800,
# which compares generated source and runs none of the extension's code, and
# 801, which runs its C program under memcheck itself (traced children of
# the pass would be gcc and 75,000 parses under valgrind), and 803, which
# reads the built objects' symbols with nm (its children, not the extension).
qbosync_valgrind_whole_targets() {
	local t
	for t in tests/*.phpt; do
		case "$t" in
		tests/123_refresh_slow_token_endpoint.phpt | tests/402_crash_during_refresh.phpt | tests/800_arginfo_from_stub.phpt \
			| tests/801_json_parse_same_trees.phpt | tests/803_core_files_call_no_cycle.phpt) ;;
		*) printf '%s\n' "$t" ;;
		esac
	done
}

# Prints the phpt targets one a line, directories expanded to their tests (as
# run-tests.php finds them), with the tests of QBOSYNC_SLOW_FIRST among them
# first, as ./tests/...
qbosync_slow_first() {
	local t s all=()
	local -A slow=()
	for t in "$@"; do
		if [ -d "$t" ]; then
			mapfile -t -O ${#all[@]} all < <(find "${t%/}" -name '*.phpt' ! -name '.*' | LC_ALL=C sort)
		else
			all+=("$t")
		fi
	done
	for s in "${QBOSYNC_SLOW_FIRST[@]}"; do slow[$s]=1; done
	for s in "${QBOSYNC_SLOW_FIRST[@]}"; do
		for t in "${all[@]}"; do
			[ "$t" = "$s" ] && { printf './%s\n' "$s"; break; }
		done
	done
	for t in "${all[@]}"; do
		[ -z "${slow[$t]:-}" ] && printf '%s\n' "$t"
	done
	return 0
}

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
	# a dependency file naming a header that is gone (moved or removed) would
	# stop make: it goes, with its object, which is then built again
	local dep h
	while IFS= read -r dep; do
		for h in $(grep -o '[^ :\\]*\.h' "$dep"); do
			if [ ! -e "$h" ]; then
				rm -f "$dep" "${dep%.dep}.lo" "${dep%.dep}.o"
				break
			fi
		done
	done < <(find ext -name '*.dep' 2>/dev/null)
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

# A private MariaDB server for the tests and benchmarks: its own data
# directory under a temp folder, a loopback port and a socket, run as the
# current user (root needs --user=root). Sets QBOSYNC_MARIADB_URL (a store
# URL without its prefix: mysql://qbosync@127.0.0.1:PORT/qbosync), _SOCKET,
# _TLS_CA (the server's self-signed TLS certificate) and _DIR; the user
# qbosync has no password and all privileges on that server
# only. Stop it with qbosync_mariadb_stop (the EXIT traps do).
qbosync_mariadb_start() {
	local dir port i mysqld=/usr/sbin/mariadbd
	[ -x "$mysqld" ] || mysqld=$(command -v mariadbd || command -v mysqld)
	if [ -z "$mysqld" ]; then
		echo "mariadbd not found: install mariadb-server" >&2
		return 1
	fi
	dir=$(mktemp -d "${TMPDIR:-/tmp}/qbosync-mariadb.XXXXXX")
	QBOSYNC_MARIADB_DIR=$dir
	mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" --skip-test-db \
		--auth-root-authentication-method=socket >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; return 1; }
	port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);')
	# TLS: a self-signed certificate for 127.0.0.1 and localhost, which is its
	# own CA (tests trust it with ssl_ca=$QBOSYNC_MARIADB_TLS_CA)
	php -r '$d = $argv[1]; $k = openssl_pkey_new(["private_key_type" => OPENSSL_KEYTYPE_EC, "curve_name" => "prime256v1"]);
		file_put_contents("$d/tls.cnf", "[req]\ndistinguished_name=dn\n[dn]\n[ext]\nsubjectAltName=IP:127.0.0.1,DNS:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:TRUE\n");
		$c = openssl_csr_sign(openssl_csr_new(["commonName" => "127.0.0.1"], $k, ["config" => "$d/tls.cnf", "digest_alg" => "sha256"]),
			null, $k, 2, ["config" => "$d/tls.cnf", "x509_extensions" => "ext", "digest_alg" => "sha256"]);
		openssl_x509_export_to_file($c, "$d/tls-cert.pem") && openssl_pkey_export_to_file($k, "$d/tls-key.pem") || exit(1);' "$dir" \
		|| { echo "cannot make the test server's TLS certificate" >&2; return 1; }
	setsid "$mysqld" --no-defaults --datadir="$dir/data" --socket="$dir/sock" --port="$port" --bind-address=127.0.0.1 \
		--ssl-cert="$dir/tls-cert.pem" --ssl-key="$dir/tls-key.pem" --ssl-ca="$dir/tls-cert.pem" --tmpdir="$dir" \
		--user="$(id -un)" --skip-name-resolve --pid-file="$dir/pid" --log-error="$dir/error.log" \
		--innodb-buffer-pool-size=64M --innodb-log-file-size=32M --max-connections=400 \
		${QBOSYNC_MARIADB_OPTS:-} >/dev/null 2>&1 &
	QBOSYNC_MARIADB_PID=$!
	for i in $(seq 1 200); do
		[ -S "$dir/sock" ] && mariadb --no-defaults -S "$dir/sock" -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
		sleep 0.05
	done
	if ! mariadb --no-defaults -S "$dir/sock" -uroot -e "CREATE DATABASE IF NOT EXISTS qbosync;
			CREATE USER IF NOT EXISTS 'qbosync'@'127.0.0.1'; CREATE USER IF NOT EXISTS 'qbosync'@'localhost';
			GRANT ALL ON *.* TO 'qbosync'@'127.0.0.1' WITH GRANT OPTION;
			GRANT ALL ON *.* TO 'qbosync'@'localhost' WITH GRANT OPTION;" >&2; then
		cat "$dir/error.log" >&2
		qbosync_mariadb_stop
		echo "the private MariaDB server did not start" >&2
		return 1
	fi
	QBOSYNC_MARIADB_URL="mysql://qbosync@127.0.0.1:$port/qbosync"
	QBOSYNC_MARIADB_SOCKET="$dir/sock"
	QBOSYNC_MARIADB_TLS_CA="$dir/tls-cert.pem"
	export QBOSYNC_MARIADB_URL QBOSYNC_MARIADB_SOCKET QBOSYNC_MARIADB_DIR QBOSYNC_MARIADB_PID QBOSYNC_MARIADB_TLS_CA
	qbosync_say "MariaDB at 127.0.0.1:$port"
}

qbosync_mariadb_stop() {
	local i
	if [ -n "${QBOSYNC_MARIADB_PID:-}" ]; then
		kill -TERM "$QBOSYNC_MARIADB_PID" 2>/dev/null
		for i in $(seq 1 100); do
			kill -0 "$QBOSYNC_MARIADB_PID" 2>/dev/null || break
			sleep 0.05
		done
		kill -KILL "$QBOSYNC_MARIADB_PID" 2>/dev/null
		QBOSYNC_MARIADB_PID=
	fi
	[ -n "${QBOSYNC_MARIADB_DIR:-}" ] && rm -rf "$QBOSYNC_MARIADB_DIR"
	QBOSYNC_MARIADB_DIR=
	return 0
}
