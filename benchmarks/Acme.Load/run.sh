#!/usr/bin/env bash
# ACME load: complete orders per second (newOrder, http-01, finalize, certificate download) of
# pebble, Let's Encrypt's reference ACME server (Debian's package), measured with the .NET load
# client Acme.Load; and, when given a second directory URL, of that server ("ours") with the same
# client and settings, and the ratio ours/pebble.
#
# Pebble runs with PEBBLE_VA_NOSLEEP=1 (no random validation sleep), PEBBLE_WFE_NONCEREJECT=0 (no
# refused good nonces) and PEBBLE_AUTHZREUSE=0, behind pebble-challtestsrv as its DNS, which answers
# every name with 127.0.0.1, where the client's http-01 listener is. Loopback only.
#
# Pebble 2.4.0 (Debian) can deadlock under concurrent orders: its goroutine dump (SIGQUIT) shows
# every request handler waiting on the in-memory store's mutex, finalizations waiting in
# MemoryStore.AddCertificate, and newOrder's MemoryStore.FindValidAuthorization (run for every new
# order, whatever PEBBLE_AUTHZREUSE says) holding the store's read lock while it takes each
# authorization's. Seen at 32 and 64 workers, not at 8 in 20 s. The client then reports 0 complete
# orders with every worker's order in flight, and exits 1: measure pebble at 8 workers.
#
# Usage: bash benchmarks/Acme.Load/run.sh [platform | OURS_DIRECTORY_URL]
#   platform: starts the platform's Release build itself (fresh data directory, defaults but
#   Pki:Acme:ExternalAccountRequired=false, as pebble has no binding) validating through the same
#   challtestsrv, and measures it after pebble.
# Environment (all optional):
#   DURATION=20          measured seconds of each run
#   WARMUP=2             unmeasured seconds before
#   COUNT=               stop each run after this many measured orders
#   CONCURRENCY=8        workers, each completing one order after another
#   ACCOUNTS=8           accounts registered before the clock starts
#   CSRS=2000            pre-generated CSRs
#   POLL_MS=50           poll interval of authorizations and orders when the server sends no Retry-After
#   OURS_CA_BUNDLE       PEM roots for our server's HTTPS (default: the system's)
#   OURS_VALIDATION_PORT port our server's validator fetches http-01 from (default 5002); our
#                        server must resolve *.acme-load.example.test to 127.0.0.1
#   OURS_EAB_KID, OURS_EAB_HMAC  external account binding for our server
#   SKIP_BUILD=1         use the existing Release build
#   KEEP=1               keep the temporary directory (printed at the end)
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OURS=${1:-}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-2}
COUNT=${COUNT:-}
CONCURRENCY=${CONCURRENCY:-8}
ACCOUNTS=${ACCOUNTS:-8}
CSRS=${CSRS:-2000}
POLL_MS=${POLL_MS:-50}

for tool in dotnet pebble pebble-challtestsrv openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (Debian packages pebble, openssl, curl, python3)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/acme-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# shellcheck source=../lib/server.sh
source "$ROOT/benchmarks/lib/server.sh"

LOAD_DLL="$ROOT/benchmarks/Acme.Load/bin/Release/net10.0/Acme.Load.dll"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building Release"
  timeout 600 dotnet build -c Release "$ROOT/benchmarks/Acme.Load" -nologo -v quiet >"$WORK/build.log" 2>&1 \
    || { tail -20 "$WORK/build.log" >&2; exit 1; }
fi
[[ -f "$LOAD_DLL" ]] || { echo "no build at $LOAD_DLL" >&2; exit 1; }

# ---------------------------------------------------------------- pebble's HTTPS certificate
# Pebble ships none: a throwaway root and a certificate for 127.0.0.1 under it.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=ACME bench TLS root" \
  -keyout "$WORK/tls-root.key" -out "$WORK/tls-root.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$WORK/tls.ext"
openssl x509 -req -in "$WORK/tls.csr" -CA "$WORK/tls-root.pem" -CAkey "$WORK/tls-root.key" -CAcreateserial -days 1 \
  -extfile "$WORK/tls.ext" -out "$WORK/tls.pem" 2>/dev/null

# ---------------------------------------------------------------- challtestsrv and pebble
DNS=$(free_port); DNS_MANAGEMENT=$(free_port); ACME=$(free_port); MANAGEMENT=$(free_port); VALIDATION=$(free_port); TLS_ALPN=$(free_port)
# -defaultIPv6 "": otherwise AAAA answers ::1, pebble's validator prefers it and never reaches the
# client's listener on 127.0.0.1. challtestsrv 2.4 (Debian) has no -doh flag to turn off.
pebble-challtestsrv -dns01 "127.0.0.1:$DNS" -http01 "" -https01 "" -tlsalpn01 "" -management "127.0.0.1:$DNS_MANAGEMENT" \
  -defaultIPv4 127.0.0.1 -defaultIPv6 "" >"$WORK/challtestsrv.log" 2>&1 &
PIDS+=($!)
cat >"$WORK/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$ACME", "managementListenAddress": "127.0.0.1:$MANAGEMENT",
  "certificate": "$WORK/tls.pem", "privateKey": "$WORK/tls.key", "httpPort": $VALIDATION, "tlsPort": $TLS_ALPN,
  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
  pebble -config "$WORK/pebble.json" -dnsserver "127.0.0.1:$DNS" >"$WORK/pebble.log" 2>&1 &
PEBBLE_PID=$!
PIDS+=($PEBBLE_PID)
for _ in $(seq 100); do
  curl -sf --max-time 1 --cacert "$WORK/tls-root.pem" "https://127.0.0.1:$ACME/dir" >/dev/null 2>&1 && break
  kill -0 "$PEBBLE_PID" 2>/dev/null || { cat "$WORK/pebble.log" "$WORK/challtestsrv.log" >&2; exit 1; }
  sleep 0.1
done

# ---------------------------------------------------------------- the runs
# CPU seconds (user + system) a process has used so far.
TICKS=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$TICKS" '{printf "%.3f", ($14 + $15) / t}' "/proc/$1/stat"; }

# measure NAME PID ARGS...: one run of the load client against the server process PID; prints its
# output, sets RATE to its orders/s and CPU_MS to the server's CPU milliseconds per complete order
# (warm-up orders included in neither: the CPU is read around the whole run, so it is an upper bound).
measure() {
  local name=$1 pid=$2
  shift 2
  local before=""
  [[ -n "$pid" ]] && before=$(cpu_seconds "$pid")
  log "measuring $name"
  local args=(--duration "$DURATION" --warmup "$WARMUP" --concurrency "$CONCURRENCY" --accounts "$ACCOUNTS" --csrs "$CSRS"
    --poll-ms "$POLL_MS" --json "$WORK/$name.json")
  [[ -n "$COUNT" ]] && args+=(--count "$COUNT")
  timeout --kill-after=10 $(( ${DURATION%.*} + ${WARMUP%.*} + 120 )) dotnet "$LOAD_DLL" "${args[@]}" "$@" | tee "$WORK/$name.log"
  RATE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ordersPerSecond"])' "$WORK/$name.json")
  CPU_MS=n/a
  [[ -n "$pid" ]] && CPU_MS=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.1f" % ((float(sys.argv[3]) - float(sys.argv[2])) * 1000 / max(1, r["orders"])))' \
    "$WORK/$name.json" "$before" "$(cpu_seconds "$pid")")
  printf 'CPU         %s: %s ms of server CPU per complete order\n' "$name" "$CPU_MS"
}

measure pebble "$PEBBLE_PID" --directory "https://127.0.0.1:$ACME/dir" --ca-bundle "$WORK/tls-root.pem" --validation-port "$VALIDATION"
PEBBLE_RATE=$RATE
PEBBLE_CPU_MS=$CPU_MS
if [[ -z "$OURS" ]]; then
  printf 'ACME        pebble %.1f orders/s (no second server given)\n' "$PEBBLE_RATE"
  exit 0
fi

if [[ "$OURS" == platform ]]; then
  resolve_server_dll
  OURS_VALIDATION_PORT=$(free_port); OURS_HTTP=$(free_port); OURS_HTTPS=$(free_port)
  dotnet "$SERVER_DLL" --Platform:DataDirectory "$WORK/platform" --urls "http://127.0.0.1:$OURS_HTTP;https://127.0.0.1:$OURS_HTTPS" \
    --Pki:Acme:ExternalAccountRequired false --Pki:Acme:Validation:HttpPort "$OURS_VALIDATION_PORT" \
    --Pki:Acme:Validation:Resolvers:0 "127.0.0.1:$DNS" >"$WORK/platform.log" 2>&1 &
  OURS_PID=$!
  PIDS+=($OURS_PID)
  wait_ready "http://127.0.0.1:$OURS_HTTP" "$OURS_PID" "$WORK/platform.log"
  OURS="https://127.0.0.1:$OURS_HTTPS/acme/directory"
  OURS_CA_BUNDLE="$WORK/platform/root-ca.pem"
fi

ours_args=(--directory "$OURS" --validation-port "${OURS_VALIDATION_PORT:-5002}")
[[ -n "${OURS_CA_BUNDLE:-}" ]] && ours_args+=(--ca-bundle "$OURS_CA_BUNDLE")
[[ -n "${OURS_EAB_KID:-}" ]] && ours_args+=(--eab-kid "$OURS_EAB_KID" --eab-hmac "${OURS_EAB_HMAC:?OURS_EAB_KID needs OURS_EAB_HMAC}")
measure ours "${OURS_PID:-}" "${ours_args[@]}"
printf 'ACME        ours %.1f orders/s, pebble %.1f orders/s, ratio ours/pebble %.2f; server CPU per order ours %s ms, pebble %s ms\n' \
  "$RATE" "$PEBBLE_RATE" \
  "$(python3 -c 'import sys; print(float(sys.argv[1]) / float(sys.argv[2]))' "$RATE" "$PEBBLE_RATE")" "$CPU_MS" "$PEBBLE_CPU_MS"
