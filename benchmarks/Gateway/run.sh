#!/usr/bin/env bash
# Gateway benchmark: the platform's gateway against nginx (Debian's) as a plain reverse proxy, both
# in front of the same upstream (a separate nginx that answers every request with a short 200),
# driven by the same load tool in the same run, interleaved over ROUNDS rounds (medians reported):
#   (a) plain proxying: an anonymous gateway route            wrk, HTTP/1.1 keep-alive
#   (b) bearer token + cached allow decision (a bearer route)  wrk with an Authorization header
#   (c) client certificate + decision (a certificate route)    the .NET load program (wrk sends no
#       client certificate), which measures nginx plain too for that ratio
# Each gateway request of (b) and (c) is authenticated, decided (from the decision cache), signed
# for the upstream and audited durably, as under the defaults; nginx keeps connections to the
# upstream alive (`keepalive`), as a production nginx does. Added latency is the proxy's p50/p99
# less the upstream's own, measured straight with the same tool. Loopback only; every step is
# bounded in time.
#
# Usage: bash benchmarks/Gateway/run.sh
# Environment (all optional):
#   DURATION=10       seconds of each measured run
#   ROUNDS=3          interleaved rounds
#   CONNECTIONS=32    connections of each load
#   THREADS=1         wrk threads
#   WARMUP=5          seconds of unmeasured load on each gateway route before the rounds
#   SKIP_BUILD=1      use the existing Release builds
#   SERVER_DLL=path   run this build of Server.dll
#   KEEP=1            keep the temporary directory (printed at the end)
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
WARMUP=${WARMUP:-5}
AUDIENCE=https://bench.city.example

for tool in dotnet nginx wrk openssl curl jq python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
DATA="$WORK/data"
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

resolve_server_dll
LOAD_DLL="$ROOT/benchmarks/Gateway/bin/Release/net10.0/Gateway.Benchmarks.dll"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  timeout 600 dotnet build -c Release "$ROOT/benchmarks/Gateway" -nologo -v quiet >"$WORK/build-load.log" 2>&1 \
    || { tail -20 "$WORK/build-load.log" >&2; exit 1; }
fi
[[ -f "$LOAD_DLL" ]] || { echo "no build at $LOAD_DLL" >&2; exit 1; }

# ---------------------------------------------------------------- nginx: the upstream and the proxy
UP=$(free_port); NGINX=$(free_port); HTTP=$(free_port); HTTPS=$(free_port)
start_nginx() { # start_nginx NAME CONFIG-BODY
  mkdir -p "$WORK/$1/logs"
  printf '%s\n' "pid $WORK/$1/nginx.pid;" "error_log $WORK/$1/logs/error.log warn;" "$2" >"$WORK/$1/nginx.conf"
  nginx -p "$WORK/$1" -c "$WORK/$1/nginx.conf" -g 'daemon off;' >"$WORK/$1/out.log" 2>&1 &
  PIDS+=($!)
}
start_nginx upstream "worker_processes 1;
events { worker_connections 4096; }
http {
  access_log off;
  server { listen 127.0.0.1:$UP; location / { return 200 \"upstream answered\n\"; } }
}"
start_nginx proxy "worker_processes auto;
events { worker_connections 4096; }
http {
  access_log $WORK/proxy/logs/access.log;
  upstream app { server 127.0.0.1:$UP; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }
}"

# ---------------------------------------------------------------- the platform with three gateway routes
route() { # route ID PATH KEY VALUE...
  local id=$1 path=$2; shift 2
  printf '%s\n' "--Gateway:Routes:$id:Match:Path" "$path" "--Gateway:Routes:$id:ClusterId" up
  while (($#)); do printf '%s\n' "--Gateway:Routes:$id:Metadata:$1" "$2"; shift 2; done
}
mapfile -t ROUTES < <(
  route plain '/plain/{**rest}' Authentication Anonymous
  route bearer '/bearer/{**rest}' Authentication Bearer Audience "$AUDIENCE" Action read ResourceType Document ResourceId bench
  route cert '/cert/{**rest}' Authentication Certificate Action read ResourceType Document ResourceId bench
  printf '%s\n' --Gateway:Clusters:up:Destinations:one:Address "http://127.0.0.1:$UP/")
log "starting the platform (gateway on :$HTTP and :$HTTPS, nginx on :$NGINX, upstream on :$UP)"
dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$HTTP;https://127.0.0.1:$HTTPS" --Platform:DataDirectory "$DATA" \
  --Platform:PublicBaseUrl "http://127.0.0.1:$HTTP" "${ROUTES[@]}" >"$WORK/platform.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$HTTP" "${PIDS[-1]}" "$WORK/platform.log"
curl -sf --max-time 5 "http://127.0.0.1:$NGINX/" >/dev/null || { cat "$WORK"/*/logs/error.log >&2; echo "nginx does not answer" >&2; exit 1; }

ADMIN=(curl -sf --max-time 30 --cacert "$DATA/ca-chain.pem" --cert "$DATA/admin.pem" --key "$DATA/admin.key")
BASE="https://127.0.0.1:$HTTPS"
"${ADMIN[@]}" -X PUT -H 'Content-Type: text/plain' "$BASE/authz/policies" --data-binary '
@id("bench-application") permit(principal == Application::"gw-bench", action == Action::"read", resource == Document::"bench");
@id("bench-readers") permit(principal in Role::"reader", action == Action::"read", resource == Document::"bench");' >/dev/null
SECRET=$("${ADMIN[@]}" -H 'Content-Type: application/json' "$BASE/identity/clients" -d "{\"clientId\": \"gw-bench\",
  \"displayName\": \"Gateway benchmark\", \"grantTypes\": [\"client_credentials\"], \"audiences\": [\"$AUDIENCE\"],
  \"tokenEndpointAuthMethod\": \"client_secret_basic\"}" | jq -r .clientSecret)
token() {
  curl -sf --max-time 30 --cacert "$DATA/ca-chain.pem" -u "gw-bench:$SECRET" -d grant_type=client_credentials "$BASE/connect/token" | jq -r .access_token
}
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/holder.key" -subj "/CN=Gateway benchmark/O=City" \
  -out "$WORK/holder.csr" 2>/dev/null
"${ADMIN[@]}" -H 'Content-Type: application/json' "$BASE/pki/certificates" \
  -d "$(jq -n --rawfile csr "$WORK/holder.csr" '{csr: $csr, profile: "tls-client"}')" | jq -r .certificate >"$WORK/holder.pem"
SERIAL=$(openssl x509 -in "$WORK/holder.pem" -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f' | sed 's/^0*//')
"${ADMIN[@]}" -H 'Content-Type: application/json' "$BASE/pmi/attribute-certificates" -d "{\"holderSerial\": \"$SERIAL\", \"roles\": [\"reader\"]}" >/dev/null

# Every route answers before anything is measured.
TOKEN=$(token)
for check in "http://127.0.0.1:$HTTP/plain/x" ; do curl -sf --max-time 5 "$check" >/dev/null; done
curl -sf --max-time 5 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/bearer/x" >/dev/null \
  || { echo "the bearer route refused the benchmark's token" >&2; tail -20 "$WORK/platform.log" >&2; exit 1; }
curl -sf --max-time 5 --cacert "$DATA/ca-chain.pem" --cert "$WORK/holder.pem" --key "$WORK/holder.key" "$BASE/cert/x" >/dev/null \
  || { echo "the certificate route refused the benchmark's certificate" >&2; exit 1; }

# ---------------------------------------------------------------- measuring
# wrk_run URL [HEADER]: "rps p50_ms p99_ms errors" of one wrk run.
wrk_run() {
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s)
  [[ -n "${2:-}" ]] && args+=(-H "$2")
  wrk "${args[@]}" "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 } /Non-2xx or 3xx/ { errors += $NF } /Socket errors/ { errors += 1 }
    END { printf "%.1f %.3f %.3f %d\n", rps, p50, p99, errors }'
}
# load_run URL [--cert … --key … --ca …]: the same four figures from the .NET load program.
load_run() {
  local url=$1; shift
  dotnet "$LOAD_DLL" load --url "$url" --seconds "$DURATION" --connections "$CONNECTIONS" "$@" \
    | jq -r '"\(.rps) \(.p50Ms) \(.p99Ms) \(.errors)"'
}

CERT_ARGS=(--cert "$WORK/holder.pem" --key "$WORK/holder.key" --ca "$DATA/ca-chain.pem")
log "warming up the gateway routes (${WARMUP}s each)"
DURATION_SAVED=$DURATION; DURATION=$WARMUP
wrk_run "http://127.0.0.1:$HTTP/plain/x" >/dev/null
wrk_run "http://127.0.0.1:$HTTP/bearer/x" "Authorization: Bearer $TOKEN" >/dev/null
load_run "$BASE/cert/x" "${CERT_ARGS[@]}" >/dev/null
DURATION=$DURATION_SAVED

declare -A RESULTS
for round in $(seq "$ROUNDS"); do
  TOKEN=$(token)
  log "round $round of $ROUNDS"
  RESULTS[upstream-wrk]+="$(wrk_run "http://127.0.0.1:$UP/x")"$'\n'
  RESULTS[nginx-wrk]+="$(wrk_run "http://127.0.0.1:$NGINX/x")"$'\n'
  RESULTS[plain]+="$(wrk_run "http://127.0.0.1:$HTTP/plain/x")"$'\n'
  RESULTS[bearer]+="$(wrk_run "http://127.0.0.1:$HTTP/bearer/x" "Authorization: Bearer $TOKEN")"$'\n'
  RESULTS[upstream-load]+="$(load_run "http://127.0.0.1:$UP/x")"$'\n'
  RESULTS[nginx-load]+="$(load_run "http://127.0.0.1:$NGINX/x")"$'\n'
  RESULTS[cert]+="$(load_run "$BASE/cert/x" "${CERT_ARGS[@]}")"$'\n'
done

# ---------------------------------------------------------------- summary (medians over the rounds)
median() { # median NAME COLUMN
  printf '%s' "${RESULTS[$1]}" | awk -v c="$2" 'NF { print $c }' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
errors() { printf '%s' "${RESULTS[$1]}" | awk 'NF { e += $4 } END { print e + 0 }'; }
row() { # row LABEL NAME REFERENCE UPSTREAM
  local rps p50 p99 ref up50 up99
  rps=$(median "$2" 1); p50=$(median "$2" 2); p99=$(median "$2" 3)
  ref=$(median "$3" 1); up50=$(median "$4" 2); up99=$(median "$4" 3)
  python3 -c "import sys; l,r,p5,p9,ref,u5,u9,e=sys.argv[1:]; r,p5,p9,ref,u5,u9=map(float,(r,p5,p9,ref,u5,u9))
print(f'| {l} | {r:,.0f} | {r/ref:.2f} | {p5-u5:.3f} | {p9-u9:.3f} | {e} |')" "$1" "$rps" "$p50" "$p99" "$ref" "$up50" "$up99" "$(errors "$2")"
}
echo
echo "Gateway against nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'): $ROUNDS rounds of ${DURATION}s, $CONNECTIONS connections, $(nproc) cores, load before: $LOAD_BEFORE"
echo
echo "| case (load tool) | requests/s | ratio to nginx plain | added p50 ms | added p99 ms | errors |"
echo "|---|---|---|---|---|---|"
row "nginx plain proxy (wrk)" nginx-wrk nginx-wrk upstream-wrk
row "(a) gateway, anonymous route (wrk)" plain nginx-wrk upstream-wrk
row "(b) gateway, bearer token + cached allow (wrk)" bearer nginx-wrk upstream-wrk
row "nginx plain proxy (.NET load)" nginx-load nginx-load upstream-load
row "(c) gateway, client certificate + decision, HTTPS (.NET load)" cert nginx-load upstream-load
echo
echo "upstream alone: wrk $(median upstream-wrk 1) requests/s, p50 $(median upstream-wrk 2) ms; .NET load $(median upstream-load 1) requests/s, p50 $(median upstream-load 2) ms"
