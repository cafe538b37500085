#!/usr/bin/env bash
# End-to-end interop check: builds interop/consumer-app against the starter installed in ~/.m2, starts it on a
# Unix socket, and calls it through its own injected stub (HTTP), actuator, grpc C-core (Python) and grpc-js (Node).
# Prerequisites (not installed here): the starter in ~/.m2 (./mvnw install), python3-grpcio for /usr/bin/python3,
# node 18+ with npm, curl. Last line: "interop: N passed, M failed"; exit 1 if M > 0.
set -euo pipefail

cd "$(dirname "$0")/.."   # the repo root, wherever the script is called from
started=$SECONDS

fail_early() { echo "interop: $*" >&2; exit 1; }

# Debian's python3-grpcio lives in /usr/bin/python3's dist-packages, not in a pyenv/venv python on PATH.
/usr/bin/python3 -c 'import grpc' 2>/dev/null \
	|| fail_early "/usr/bin/python3 cannot import grpc: apt-get install -y python3-grpcio"
command -v node >/dev/null || fail_early "node not found: install Node.js 18+ with npm"
command -v npm >/dev/null || fail_early "npm not found: install Node.js 18+ with npm"
command -v curl >/dev/null || fail_early "curl not found"

echo "interop: building consumer-app"
./mvnw -q -B -f interop/consumer-app/pom.xml package -DskipTests
jars=(interop/consumer-app/target/consumer-app-*.jar)
[[ ${#jars[@]} -eq 1 && -f ${jars[0]} ]] || fail_early "expected one consumer-app jar, found: ${jars[*]}"

# Short directory: a socket path must fit in sun_path (108 bytes on Linux, 104 on macOS).
tmp=$(mktemp -d /tmp/udsi.XXXX)
socket=$tmp/orders.sock
log=$tmp/app.log
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
app_pid=
passed=0
failed=0

log_shown=
show_log() {
	if [[ -z $log_shown && -f $log ]]; then
		log_shown=1
		echo "---- app log (last 60 lines) ----"
		tail -n 60 "$log"
		echo "---------------------------------"
	fi
}

# Always runs: stops the app if a check or `set -e` left it running, shows its log if anything went wrong.
finish() {
	local rc=$?
	if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
		kill -TERM "$app_pid" 2>/dev/null || true
		for _ in {1..60}; do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
		kill -KILL "$app_pid" 2>/dev/null || true   # a wedged shutdown must not hang CI
		wait "$app_pid" 2>/dev/null || true
	fi
	[[ $rc -eq 0 ]] || show_log
	rm -rf "$tmp"
}
trap finish EXIT

pass() { passed=$((passed + 1)); echo "PASS $1: $2"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

summary_and_exit() {
	[[ $failed -eq 0 ]] || show_log
	echo "interop: run.sh took $((SECONDS - started)) s"
	echo "interop: $passed passed, $failed failed"
	[[ $failed -eq 0 ]] || exit 1
	exit 0
}

# Counts the PASS/FAIL lines a client prints; a client that fails without saying which check failed still counts.
run_client() {
	local name=$1 out rc=0
	shift
	out=$("$@" 2>&1) || rc=$?
	echo "$out"
	passed=$((passed + $(grep -c '^PASS ' <<<"$out" || true)))
	local fails
	fails=$(grep -c '^FAIL ' <<<"$out" || true)
	failed=$((failed + fails))
	if [[ $rc -ne 0 && $fails -eq 0 ]]; then
		fail "$name" "exited with $rc"
	fi
}

echo "interop: starting app (socket $socket, http port $port)"
INTEROP_SOCKET=$socket INTEROP_HTTP_PORT=$port java -jar "${jars[0]}" >"$log" 2>&1 &
app_pid=$!

# The gRPC server starts after Tomcat, so wait for both: the socket file and an HTTP answer.
deadline=$((SECONDS + 60))
until [[ -S $socket ]] && curl -fs -o /dev/null --max-time 2 "$base/actuator/health"; do
	if ! kill -0 "$app_pid" 2>/dev/null; then
		fail startup "app exited before it was ready"
		summary_and_exit
	fi
	if ((SECONDS >= deadline)); then
		fail startup "no socket at $socket or no HTTP on port $port after 60 s"
		summary_and_exit
	fi
	sleep 0.5
done
pass startup "socket $socket exists and HTTP answers"

# (a) The app's own @GrpcClient stub over the socket: the reply text is made by the gRPC service.
reply=$(curl -fsS --max-time 10 "$base/orders/http-1" 2>&1) || true
if [[ $reply == "order http-1" ]]; then
	pass "http unary via injected @GrpcClient" "$reply"
else
	fail "http unary via injected @GrpcClient" "got '$reply', want 'order http-1'"
fi

# (b) Actuator.
health=$(curl -fsS --max-time 10 "$base/actuator/health" 2>&1) || true
if [[ $health == *'"status":"UP"'* ]]; then
	pass "actuator health" "$health"
else
	fail "actuator health" "got '$health'"
fi

# (c) grpc C-core.
run_client python /usr/bin/python3 interop/python/client.py "$socket"

# (d) grpc-js.
if [[ ! -d interop/node/node_modules ]]; then
	(cd interop/node && npm ci --no-audit --no-fund --loglevel=error)
fi
run_client node node interop/node/client.js "$socket"

# Stop the app the way a service manager would; the server must exit and remove its socket file.
kill -TERM "$app_pid"
deadline=$((SECONDS + 30))
while kill -0 "$app_pid" 2>/dev/null && ((SECONDS < deadline)); do
	sleep 0.25
done
if kill -0 "$app_pid" 2>/dev/null; then
	fail shutdown "app still running 30 s after SIGTERM"
else
	exit_code=0
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

summary_and_exit
