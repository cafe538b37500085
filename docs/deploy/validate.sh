#!/usr/bin/env bash
# Validates the deployment recipes offline, in seconds:
#   kubernetes/*.yaml  the API schemas bundled in npm's kubernetes-models, and check/check-recipes.mjs (the app
#                      and its sidecar really share the socket, may connect, and the probes reach it)
#   compose/*.yaml     docker-compose 1.29's own validation (`config`, no Docker engine needed), and
#                      check/check-recipes.mjs
#   systemd/*.service  systemd-analyze verify (no running systemd needed) and its offline security score
# Each validator is also run on deliberately broken copies, which it must reject for the reason given, so a
# validator that accepts everything fails this script.
# Needs: node 18+ with npm, docker-compose (Debian: docker-compose), systemd-analyze (Debian: systemd), java on
# /usr/bin (the unit's ExecStart= must exist). Last line: "deploy: N passed, M failed"; exit 1 if M > 0.
set -euo pipefail
cd "$(dirname "$0")"

for tool in node npm docker-compose systemd-analyze; do
	command -v "$tool" >/dev/null || { echo "deploy: $tool not found (see the header of $0)" >&2; exit 1; }
done
(cd check && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [[ -z ${2:-} ]] || sed 's/^/    /' <<<"$2"; }

k8s() { node check/check-recipes.mjs kubernetes "$1"; }
compose_schema() { docker-compose --project-directory "$(dirname "$1")" -f "$1" config -q; }
compose_sockets() { node check/check-recipes.mjs compose "$1"; }
# verify exits 0 on some bad settings (an unknown key, an unparsable value) and only prints them: any output fails.
unit() {
	local out rc=0
	out=$(systemd-analyze verify "$1" 2>&1) || rc=$?
	[[ $rc -eq 0 && -z $out ]] || { echo "$out"; return 1; }
}
# Exposure 2.5 or less (the recipe scores 1.9 with systemd 252): hardening options cannot be dropped unnoticed.
unit_security() {
	local out
	out=$(systemd-analyze security --offline=true --threshold=25 "$1" 2>&1) || { grep -i 'overall exposure' <<<"$out"; return 1; }
}

# valid NAME CHECK FILE: the recipe must pass.
valid() {
	local out
	if out=$("$2" "$3" 2>&1); then pass "$1"; else fail "$1" "$out"; fi
}

# broken NAME CHECK FILE SED-EXPRESSION EXPECTED: a copy of FILE changed by SED-EXPRESSION must fail with EXPECTED
# in the validator's output.
broken() {
	local name=$1 check=$2 file=$3 edit=$4 expected=$5 copy out
	copy=$tmp/$(basename "$(dirname "$file")")/$(basename "$file")
	mkdir -p "$(dirname "$copy")"
	sed -e "$edit" "$file" >"$copy"
	if cmp -s "$file" "$copy"; then
		fail "$name" "the edit '$edit' changed nothing in $file"
	elif out=$("$check" "$copy" 2>&1); then
		fail "$name" "accepted a broken copy ($edit)"
	elif grep -qF -- "$expected" <<<"$out"; then
		pass "$name"
	else
		fail "$name" "rejected, but not for the expected reason '$expected':"$'\n'"$out"
	fi
	rm -f "$copy"
}

K=kubernetes/orders-with-sidecar.yaml
valid "kubernetes: $K" k8s "$K"
broken "kubernetes: a string where the schema wants an integer" k8s "$K" \
	's/runAsUser: 1001 /runAsUser: "1001" /' 'securityContext/runAsUser must be integer'
broken "kubernetes: a container without a name" k8s "$K" \
	's/- name: orders-agent$/- nam: orders-agent/' 'containers/1 must have required property name'
broken "kubernetes: a mount of an undeclared volume" k8s "$K" \
	's/^        - name: grpc-socket$/        - name: grpc-sockets/' "mounts volume 'grpc-socket', which is not declared"
broken "kubernetes: the sidecar dials another file" k8s "$K" \
	's#unix:/sockets/orders/grpc.sock#unix:/sockets/orders/orders.sock#' "the socket is 'grpc.sock' there"
broken "kubernetes: no fsGroup, so the sidecar may not connect" k8s "$K" \
	'/fsGroup: 1000/d' 'the default mode rw-rw---- refuses it'
broken "kubernetes: the kubelet's grpc probe" k8s "$K" \
	's#exec:#grpc: {port: 9090}\n            x-exec:#; s#^\( *\)command: \["/bin/grpc_health_probe#\1x: ["/bin/grpc_health_probe#' \
	"uses the kubelet's grpc probe"
broken "kubernetes: a socket path over 107 bytes" k8s "$K" \
	"s#value: /run/orders/grpc.sock#value: /run/orders/$(printf 'x%.0s' {1..100}).sock#" 'over the 107-byte limit'

C=compose/compose.yaml
valid "compose: $C (docker-compose config)" compose_schema "$C"
valid "compose: $C (sockets)" compose_sockets "$C"
broken "compose: an unknown service option (docker-compose config)" compose_schema "$C" \
	's/group_add:/group_addd:/' "Unsupported config option for services.orders-client: 'group_addd'"
broken "compose: an undeclared volume (docker-compose config)" compose_schema "$C" \
	's/^  grpc-socket: {}/  grpc-sockets: {}/' 'no declaration was found in the volumes section'
broken "compose: the client without the socket's group" compose_sockets "$C" \
	'/group_add:/,+1d' 'the default mode rw-rw---- refuses it'
broken "compose: the client mounts another volume" compose_sockets "$C" \
	's#- grpc-socket:/sockets/orders#- other:/sockets/orders#' "does not mount the socket's volume 'grpc-socket'"

S=systemd/orders.service
valid "systemd: $S (verify)" unit "$S"
valid "systemd: $S (security exposure <= 2.5)" unit_security "$S"
broken "systemd: a misspelled directive" unit "$S" 's/^ExecStart=/ExecStrat=/' "Unknown key 'ExecStrat'"
broken "systemd: an unparsable value" unit "$S" 's/^UMask=0027/UMask=0o27/' 'Failed to parse mode value'
broken "systemd: a missing executable" unit "$S" 's#^ExecStart=/usr/bin/java #ExecStart=/usr/bin/jawa #' \
	'/usr/bin/jawa is not executable'
broken "systemd: hardening dropped" unit_security "$S" \
	'/^\(ProtectSystem\|SystemCallFilter\|CapabilityBoundingSet\|PrivateDevices\|RestrictNamespaces\)=/d' \
	'Overall exposure level'

echo "deploy: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
