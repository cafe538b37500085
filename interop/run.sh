#!/usr/bin/env bash
# End-to-end interop check, on both Spring Boot lines: builds interop/consumer-app (Boot 3.5, net.devh, against the
# installed uds-grpc-spring-boot-starter) and interop/consumer-app-boot4 (Boot 4.1, Spring gRPC, against the installed
# uds-grpc-spring-boot4-starter), then, for each in turn, starts it on a Unix socket of its own and calls it through
# its own injected stub (HTTP), actuator, grpc C-core (Python) and grpc-js (Node); then starts a grpc C-core server and
# a grpc-js server on sockets of their own and has the app's stubs call them. Every line a check prints starts with
# the app's line, [boot3] or [boot4]. Prerequisites (not installed here): both starters in the local Maven repository
# (./mvnw install; MAVEN_ARGS=-Dmaven.repo.local=... picks another one), Debian's python3-grpcio, protobuf-compiler and
# protobuf-compiler-grpc for /usr/bin/python3, node 18+ with npm, curl.
# Last line: "interop: N passed, M failed", both apps together; exit 1 if M > 0.
set -euo pipefail

cd "$(dirname "$0")/.."   # the repo root, wherever the script is called from
started=$SECONDS

fail_early() { echo "interop: $*" >&2; exit 1; }

# Debian's python3-grpcio lives in /usr/bin/python3's dist-packages, not in a pyenv/venv python on PATH.
/usr/bin/python3 -c 'import grpc' 2>/dev/null \
	|| fail_early "/usr/bin/python3 cannot import grpc: apt-get install -y python3-grpcio"
# The Python scripts generate their message and stub modules with Debian's protoc and grpc's Python plugin.
command -v protoc >/dev/null && command -v grpc_python_plugin >/dev/null \
	|| fail_early "protoc or grpc_python_plugin not found: apt-get install -y protobuf-compiler protobuf-compiler-grpc"
command -v node >/dev/null || fail_early "node not found: install Node.js 18+ with npm"
command -v npm >/dev/null || fail_early "npm not found: install Node.js 18+ with npm"
command -v curl >/dev/null || fail_early "curl not found"

# Builds one app; sets $jar to its executable jar.
build_app() {
	local app=$1
	echo "interop: building $app"
	./mvnw -q -B -f "interop/$app/pom.xml" package -DskipTests
	local jars=("interop/$app/target/$app"-[0-9]*.jar)
	[[ ${#jars[@]} -eq 1 && -f ${jars[0]} ]] || fail_early "expected one $app jar, found: ${jars[*]}"
	jar=${jars[0]}
}
build_app consumer-app
boot3_jar=$jar
build_app consumer-app-boot4
boot4_jar=$jar

if [[ ! -d interop/node/node_modules ]]; then
	(cd interop/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# Short directory: a socket path must fit in sun_path (108 bytes on Linux, 104 on macOS). Each app gets its own
# directory below it (run_line).
tmp=$(mktemp -d /tmp/udsi.XXXX)
passed=0
failed=0
# The state of the line being checked; run_line sets it.
line=
dir=
log=
app_pid=
server_pids=()
log_shown=

show_log() {
	if [[ -z $log_shown && -n $dir ]]; then
		log_shown=1
		local file
		for file in "$log" "$dir/python-server.log" "$dir/node-server.log"; do
			[[ -s $file ]] || continue
			echo "---- $line $(basename "$file") (last 60 lines) ----"
			tail -n 60 "$file"
		done
		echo "---------------------------------"
	fi
}

# Stops the app if it still runs (a check or `set -e` left it running) and the foreign servers.
stop_processes() {
	if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill -TERM "$app_pid" 2>/dev/null || true
		for _ in {1..60}; do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
		kill -KILL "$app_pid" 2>/dev/null || true   # a wedged shutdown must not hang CI
		wait "$app_pid" 2>/dev/null || true
	fi
	app_pid=
	local pid
	for pid in "${server_pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${server_pids[@]}"; do
		for _ in {1..20}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	server_pids=()
}

# Always runs: stops what still runs, shows the log of the line in progress if anything went wrong.
finish() {
	local rc=$?
	stop_processes
	[[ $rc -eq 0 ]] || show_log
	rm -rf "$tmp"
}
trap finish EXIT

pass() { passed=$((passed + 1)); echo "$line PASS $1: $2"; }
fail() { failed=$((failed + 1)); echo "$line FAIL $1: $2"; }

# Counts the PASS/FAIL lines a client prints; a client that fails without saying which check failed still counts.
run_client() {
	local name=$1 out rc=0 output_line
	shift
	out=$("$@" 2>&1) || rc=$?
	while IFS= read -r output_line; do
		echo "$line $output_line"
	done <<<"$out"
	passed=$((passed + $(grep -c '^PASS ' <<<"$out" || true)))
	local fails
	fails=$(grep -c '^FAIL ' <<<"$out" || true)
	failed=$((failed + fails))
	if [[ $rc -ne 0 && $fails -eq 0 ]]; then
		fail "$name" "exited with $rc"
	fi
}

# Waits until $2 is a socket and, if given, the command after it succeeds; $1 is the process that must be alive.
await_socket() {
	local pid=$1 path=$2 what=$3 limit=$4
	shift 4
	local deadline=$((SECONDS + limit))
	until [[ -S $path ]] && { [[ $# -eq 0 ]] || "$@"; }; do
		if ! kill -0 "$pid" 2>/dev/null; then
			fail "$what startup" "exited before it was ready"
			return 1
		fi
		if ((SECONDS >= deadline)); then
			fail "$what startup" "no socket at $path (or no HTTP answer) after $limit s"
			return 1
		fi
		sleep 0.25
	done
}

summaries=()

# Runs every check against one app: run_line NAME JAR STUB, where NAME is boot3 or boot4 and STUB says what kind of
# injected stub the app's HTTP endpoint calls.
run_line() {
	local name=$1 app_jar=$2 stub=$3
	local line_started=$SECONDS passed_before=$passed failed_before=$failed
	line="[$name]"
	dir=$tmp/$name
	log=$dir/app.log
	log_shown=
	mkdir "$dir"
	local socket=$dir/orders.sock python_server_socket=$dir/python.sock node_server_socket=$dir/node.sock
	local port
	port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	base=http://127.0.0.1:$port

	# The servers of the reverse direction first: the app's clients dial them only when checked, but their
	# start-up is independent of the app's, so it overlaps with the JVM's.
	echo "$line starting grpc C-core server (socket $python_server_socket) and grpc-js server ($node_server_socket)"
	/usr/bin/python3 interop/python/server.py "$python_server_socket" >"$dir/python-server.log" 2>&1 &
	local python_server_pid=$!
	server_pids+=("$python_server_pid")
	node interop/node/server.js "$node_server_socket" >"$dir/node-server.log" 2>&1 &
	local node_server_pid=$!
	server_pids+=("$node_server_pid")

	echo "$line starting $app_jar (socket $socket, http port $port)"
	INTEROP_SOCKET=$socket INTEROP_HTTP_PORT=$port INTEROP_PYTHON_SERVER_SOCKET=$python_server_socket \
		INTEROP_NODE_SERVER_SOCKET=$node_server_socket java -jar "$app_jar" >"$log" 2>&1 &
	app_pid=$!

	# The gRPC server starts after Tomcat, so wait for both: the socket file and an HTTP answer.
	if await_socket "$app_pid" "$socket" app 60 http_ready; then
		pass startup "socket $socket exists and HTTP answers"
		check_app "$socket" "$python_server_pid" "$python_server_socket" "$node_server_pid" "$node_server_socket" \
			"$stub"
	fi
	stop_processes
	[[ $failed -eq $failed_before ]] || show_log
	local summary
	summary="$line $((passed - passed_before)) passed, $((failed - failed_before)) failed"
	summary+=" in $((SECONDS - line_started)) s"
	summaries+=("$summary")
	echo "interop: $summary"
	dir=   # done: a later failure is not this line's
}

http_ready() { curl -fs -o /dev/null --max-time 2 "$base/actuator/health"; }

# The checks of a running app; run_line's processes and $base.
check_app() {
	local socket=$1 python_server_pid=$2 python_server_socket=$3 node_server_pid=$4 node_server_socket=$5 stub=$6

	# (a) The app's own injected stub over the socket: the reply text is made by the gRPC service.
	local reply
	reply=$(curl -fsS --max-time 10 "$base/orders/http-1" 2>&1) || true
	if [[ $reply == "order http-1" ]]; then
		pass "http unary via $stub" "$reply"
	else
		fail "http unary via $stub" "got '$reply', want 'order http-1'"
	fi

	# (b) Actuator.
	local health
	health=$(curl -fsS --max-time 10 "$base/actuator/health" 2>&1) || true
	if [[ $health == *'"status":"UP"'* ]]; then
		pass "actuator health" "$health"
	else
		fail "actuator health" "got '$health'"
	fi

	# (c) grpc C-core and (d) grpc-js call the app's socket.
	run_client python /usr/bin/python3 interop/python/client.py "$socket"
	run_client node node interop/node/client.js "$socket"

	# (e) The reverse: the app's injected stubs call a grpc C-core server and a grpc-js server on their sockets.
	# The endpoint answers one PASS/FAIL line per check.
	if await_socket "$python_server_pid" "$python_server_socket" "python server" 30; then
		run_client "app->python" curl -fsS --max-time 180 "$base/interop/foreign/python"
	fi
	if await_socket "$node_server_pid" "$node_server_socket" "node server" 30; then
		run_client "app->node" curl -fsS --max-time 180 "$base/interop/foreign/node"
	fi

	# Stop the app the way a service manager would; the server must exit and remove its socket file.
	kill -TERM "$app_pid"
	local deadline=$((SECONDS + 30))
	while kill -0 "$app_pid" 2>/dev/null && ((SECONDS < deadline)); do
		sleep 0.25
	done
	if kill -0 "$app_pid" 2>/dev/null; then
		fail shutdown "app still running 30 s after SIGTERM"
	else
		local exit_code=0
		wait "$app_pid" || exit_code=$?
		app_pid=
		# 143 = 128 + SIGTERM: how the JVM reports a normal exit through its shutdown hooks.
		if [[ $exit_code -eq 0 || $exit_code -eq 143 ]]; then
			pass shutdown "app exited with $exit_code after SIGTERM"
		else
			fail shutdown "app exited with $exit_code after SIGTERM"
		fi
	fi
	if [[ -e $socket ]]; then
		fail "socket cleanup" "$socket still exists after shutdown"
	else
		pass "socket cleanup" "socket file removed"
	fi
}

run_line boot3 "$boot3_jar" "injected @GrpcClient"
run_line boot4 "$boot4_jar" "@ImportGrpcClients stub"

for summary in "${summaries[@]}"; do
	echo "interop: $summary"
done
echo "interop: run.sh took $((SECONDS - started)) s"
echo "interop: $passed passed, $failed failed"
[[ $failed -eq 0 ]] || exit 1
