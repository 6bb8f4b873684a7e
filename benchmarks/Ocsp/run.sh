#!/usr/bin/env bash
# OCSP responder benchmark: the platform's responder against OpenSSL's own responder
# (`openssl ocsp -index ...`) serving the same CA data, both driven by the same wrk load
# (nonce-less requests, a mix of good and revoked serials, round-robin), in one run.
# Also measures revocation-to-visible latency. Loopback only; every step is bounded in time.
# Both responders sign with the same key algorithm and size: the platform's hierarchy is created
# with ALGORITHM (its delegated OCSP responder key follows the CA's), and OpenSSL's responder gets
# a key and self-issued responder certificate of that algorithm.
#
# Usage: bash benchmarks/Ocsp/run.sh
# Environment (all optional):
#   ALGORITHM=ECDSA-P256  Pki:Hierarchy:Algorithm of the fresh hierarchy and OpenSSL's responder
#                      key: ECDSA-P256, ECDSA-P384, RSA-2048, RSA-3072 or RSA-4096
#   CERTS=200          certificates issued and queried
#   REVOKED_PCT=20     share of them revoked before the load
#   DURATION=15        seconds of each measured wrk run
#   ROUNDS=3           interleaved rounds (platform POST, GET, POST with a new connection per
#                      request, then OpenSSL); the summary gives medians
#   THREADS=2          wrk threads
#   CONNECTIONS=64     wrk connections (keep-alive where the server allows it)
#   LATENCY_SAMPLES=9  revocation-to-visible samples
#   WARMUP_SECONDS=10  unmeasured wrk run of the platform (POST, then GET) before the rounds
#   CALIBRATION_SECONDS=5  wrk run per OpenSSL -multi setting tried
#   SKIP_BUILD=1       use the existing Release build
#   SERVER_DLL=path    run this build of Server.dll instead (implies no build), e.g. to compare builds
#   KEEP=1             keep the temporary directory (printed at the end)
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/benchmarks/Ocsp"
CERTS=${CERTS:-200}
REVOKED_PCT=${REVOKED_PCT:-20}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
LATENCY_SAMPLES=${LATENCY_SAMPLES:-9}
ROUNDS=${ROUNDS:-3}
ALGORITHM=${ALGORITHM:-ECDSA-P256}
CALIBRATION_SECONDS=${CALIBRATION_SECONDS:-5}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}

# OpenSSL's responder key (genpkey options) and response digest, as the platform signs with
# this algorithm (Platform/Cryptography/KeyAlgorithmNames.cs, DefaultScheme).
case "${ALGORITHM^^}" in
  ECDSA-P256) KEYGEN=(-algorithm EC -pkeyopt ec_paramgen_curve:P-256); RMD=sha256 ;;
  ECDSA-P384) KEYGEN=(-algorithm EC -pkeyopt ec_paramgen_curve:P-384); RMD=sha384 ;;
  RSA-2048 | RSA-3072 | RSA-4096) KEYGEN=(-algorithm RSA -pkeyopt "rsa_keygen_bits:${ALGORITHM#*-}"); RMD=sha256 ;;
  *) echo "ALGORITHM must be ECDSA-P256, ECDSA-P384, RSA-2048, RSA-3072 or RSA-4096, not '$ALGORITHM'" >&2; exit 2 ;;
esac

for tool in dotnet openssl wrk curl jq python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/ocsp-bench.XXXXXX)
DATA="$WORK/data"
SERVER_PID=""
OPENSSL_PID=""

stop_openssl() {
  [[ -n "$OPENSSL_PID" ]] || return 0
  # With -multi the responder leads its own process group of worker processes.
  kill -TERM -- "-$OPENSSL_PID" 2>/dev/null || kill -TERM "$OPENSSL_PID" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$OPENSSL_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$OPENSSL_PID" 2>/dev/null || kill -KILL "$OPENSSL_PID" 2>/dev/null || true
  wait "$OPENSSL_PID" 2>/dev/null || true
  OPENSSL_PID=""
}

cleanup() {
  stop_openssl
  if [[ -n "$SERVER_PID" ]]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=../lib/server.sh
source "$ROOT/benchmarks/lib/server.sh"

HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port); OPENSSL_PORT=$(free_port)
while [[ "$HTTPS_PORT" == "$HTTP_PORT" ]]; do HTTPS_PORT=$(free_port); done
while [[ "$OPENSSL_PORT" == "$HTTP_PORT" || "$OPENSSL_PORT" == "$HTTPS_PORT" ]]; do OPENSSL_PORT=$(free_port); done
OURS="http://127.0.0.1:$HTTP_PORT"
API="https://127.0.0.1:$HTTPS_PORT"
OSSL="http://127.0.0.1:$OPENSSL_PORT"

# ---------------------------------------------------------------- build and start the platform
resolve_server_dll

log "starting the platform on $OURS (data: $DATA, hierarchy: $ALGORITHM)"
mkdir -p "$DATA"
dotnet "$SERVER_DLL" --Platform:DataDirectory "$DATA" --urls "$OURS;$API" --Pki:Hierarchy:Algorithm "$ALGORITHM" \
  --Platform:PublicBaseUrl "$OURS" --Serilog:MinimumLevel:Default Warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_ready "$OURS" "$SERVER_PID" "$WORK/server.log"
ISSUER="$DATA/issuing-ca.pem"

api() { # api METHOD PATH [JSON]
  curl -sS --fail-with-body --max-time 30 --cacert "$DATA/root-ca.pem" --cert "$DATA/admin.pem" --key "$DATA/admin.key" \
    -H 'Content-Type: application/json' -X "$1" "$API$2" ${3:+--data "$3"}
}

# ---------------------------------------------------------------- issue and revoke
TOTAL=$((CERTS + LATENCY_SAMPLES))
log "issuing $TOTAL certificates ($CERTS for the load, $LATENCY_SAMPLES for the latency samples)"
mkdir -p "$WORK/certs" "$WORK/req"
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/leaf.key" 2>/dev/null

issue_one() {
  local i=$1 name="c$1.ocsp-bench.test"
  openssl req -new -key "$WORK/leaf.key" -subj "/CN=$name" -addext "subjectAltName=DNS:$name" -out "$WORK/certs/$i.csr" 2>/dev/null
  jq -n --rawfile csr "$WORK/certs/$i.csr" '{csr:$csr, profile:"tls-server"}' >"$WORK/certs/$i.json"
  api POST /pki/certificates "@$WORK/certs/$i.json" | jq -r .certificate >"$WORK/certs/$i.pem"
  # Serial as OpenSSL's index holds it: upper-case hex, whole octets.
  openssl x509 -in "$WORK/certs/$i.pem" -noout -serial | cut -d= -f2 >"$WORK/certs/$i.serial"
  openssl ocsp -issuer "$ISSUER" -serial "0x$(cat "$WORK/certs/$i.serial")" -no_nonce -reqout "$WORK/req/$i.der" >/dev/null 2>&1
}
export -f issue_one api
export WORK ISSUER DATA API
seq 1 "$TOTAL" | timeout 600 xargs -P 8 -I{} bash -c 'issue_one {}'
for i in $(seq 1 "$TOTAL"); do
  [[ -s "$WORK/certs/$i.pem" && -s "$WORK/req/$i.der" ]] || { echo "certificate $i was not issued" >&2; exit 1; }
done

REASONS=(keyCompromise superseded cessationOfOperation affiliationChanged)
revoked_count=0
: >"$WORK/expected.txt"
: >"$WORK/index.txt"
log "revoking ${REVOKED_PCT}% of the $CERTS and writing OpenSSL's index.txt"
for i in $(seq 1 "$CERTS"); do
  serial=$(cat "$WORK/certs/$i.serial")
  expiry=$(date -u -d "$(openssl x509 -in "$WORK/certs/$i.pem" -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)
  subject=$(openssl x509 -in "$WORK/certs/$i.pem" -noout -subject -nameopt compat | sed 's/^subject=//')
  if (( (i * REVOKED_PCT) % 100 < REVOKED_PCT )); then
    reason=${REASONS[$((revoked_count % ${#REASONS[@]}))]}
    revoked_at=$(api POST "/pki/certificates/${serial,,}/revoke" "{\"reason\":\"$reason\"}" | jq -r .revokedAt)
    printf 'R\t%s\t%s,%s\t%s\tunknown\t%s\n' "$expiry" "$(date -u -d "$revoked_at" +%y%m%d%H%M%SZ)" "$reason" "$serial" "$subject" >>"$WORK/index.txt"
    echo "$i revoked" >>"$WORK/expected.txt"
    revoked_count=$((revoked_count + 1))
  else
    printf 'V\t%s\t\t%s\tunknown\t%s\n' "$expiry" "$serial" "$subject" >>"$WORK/index.txt"
    echo "$i good" >>"$WORK/expected.txt"
  fi
done
# The latency certificates stay good in OpenSSL's index; they are not part of the load.
for i in $(seq 1 "$CERTS"); do echo "$WORK/req/$i.der"; done >"$WORK/requests.txt"

# ---------------------------------------------------------------- OpenSSL's responder
# Its signing key: a fresh key of ALGORITHM with a self-issued responder certificate (the
# platform's CA and responder keys are in its encrypted key store). Clients do not verify
# during the load, and the per-request work is the same kind: look the serial up, sign with
# the same algorithm and digest as the platform, and send the response with the responder
# certificate. verify() checks that both responders' signatures really match.
openssl genpkey "${KEYGEN[@]}" -out "$WORK/resp.key" 2>/dev/null
openssl req -x509 -new -key "$WORK/resp.key" -"$RMD" -subj "/CN=OCSP bench responder" -days 2 \
  -addext "extendedKeyUsage=OCSPSigning" -addext "keyUsage=critical,digitalSignature" -out "$WORK/resp.pem" 2>/dev/null
touch "$WORK/index.txt.attr"

start_openssl() { # start_openssl MULTI (0: one process)
  local multi=()
  [[ "$1" -gt 0 ]] && multi=(-multi "$1")
  # -nmin 60: nextUpdate an hour ahead, as the platform's responses (Pki:Ocsp:ValidityMinutes).
  openssl ocsp -index "$WORK/index.txt" -port "$OPENSSL_PORT" -rsigner "$WORK/resp.pem" -rkey "$WORK/resp.key" \
    -CA "$ISSUER" -rmd "$RMD" -nmin 60 "${multi[@]}" >"$WORK/openssl-ocsp.log" 2>&1 &
  OPENSSL_PID=$!
  for _ in $(seq 50); do
    if curl -s --max-time 2 --data-binary "@$WORK/req/1.der" -H 'Content-Type: application/ocsp-request' "$OSSL/" -o /dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "OpenSSL responder did not start" >&2; cat "$WORK/openssl-ocsp.log" >&2; exit 1
}

# ---------------------------------------------------------------- correctness of both
verify() { # verify NAME URL VERIFY-ARGS...
  local name=$1 url=$2; shift 2
  local checked=0 i want got out
  while read -r i want; do
    [[ $((i % 7)) == 1 || "$want" == revoked ]] || continue
    curl -sS --max-time 5 --data-binary "@$WORK/req/$i.der" -H 'Content-Type: application/ocsp-request' "$url" -o "$WORK/resp.der"
    out=$(openssl ocsp -respin "$WORK/resp.der" -issuer "$ISSUER" -serial "0x$(cat "$WORK/certs/$i.serial")" "$@" 2>&1) || true
    got=$(sed -n 's/^0x[0-9A-Fa-f]*: //p' <<<"$out" | head -1)
    if [[ "$got" != "$want" ]] || ! grep -q 'Response verify OK' <<<"$out"; then
      echo "$name: certificate $i: expected $want, got: $out" >&2; exit 1
    fi
    checked=$((checked + 1))
  done <"$WORK/expected.txt"
  # The response's signature algorithm and the signer's key size, e.g. "ecdsa-with-SHA256 256".
  out=$(openssl ocsp -respin "$WORK/resp.der" -resp_text -noverify 2>/dev/null)
  signature=$(sed -n 's/^ *Signature Algorithm: *//p' <<<"$out" | head -1)
  bits=$(sed -n 's/^ *Public-Key: *(\([0-9]*\) bit)/\1/p' <<<"$out" | head -1)
  echo "$signature $bits" >"$WORK/signature-$name.txt"
  log "$name: $checked responses verified (signature, good/revoked as expected), signed with $signature by a $bits-bit key"
}

# ---------------------------------------------------------------- load
# cpu_ticks PID...: user+system clock ticks of these processes so far.
cpu_ticks() { local t=0 p; for p in "$@"; do [[ -r /proc/$p/stat ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
TICKS=$(getconf CLK_TCK)

# load LABEL ROUND URL SECONDS METHOD CLOSE SERVER-PIDS...
# Appends to results.txt: label round responses/s server-CPU-% wrk-CPU-% server-CPU-µs-per-response non-2xx socket-errors
# and prints responses/s.
load() {
  local label=$1 round=$2 url=$3 seconds=$4 method=$5 close=$6; shift 6
  local before after out rps requests non2xx errors wrk_cpu server_cpu us path=/pki/ocsp
  [[ "$url" == "$OSSL" ]] && path=""
  before=$(cpu_ticks "$@")
  out=$( { TIMEFORMAT='WRKCPU %U %S %R'; time OCSP_REQ_LIST="$WORK/requests.txt" OCSP_METHOD=$method OCSP_PATH="$path" OCSP_CLOSE=$close \
    timeout $((seconds + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$HERE/ocsp.lua" "$url"; } 2>&1 )
  after=$(cpu_ticks "$@")
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")
  [[ -n "$rps" ]] || { echo "$label: wrk failed: $out" >&2; exit 1; }
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out"); errors=${errors:-0}
  wrk_cpu=$(awk '/^WRKCPU/ {printf "%.0f", 100 * ($2 + $3) / $4}' <<<"$out")
  server_cpu=$(( (after - before) * 100 / TICKS / seconds ))
  us=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$label $round $rps $server_cpu $wrk_cpu $us $non2xx $errors" >>"$WORK/results.txt"
  log "$label (round $round): $rps responses/s; server CPU ${server_cpu}% of a core, ${us} µs per response; wrk CPU ${wrk_cpu}%; non-2xx $non2xx; socket errors $errors"
  echo "$rps"
}
openssl_pids() { echo "$OPENSSL_PID"; pgrep -g "$OPENSSL_PID" 2>/dev/null | grep -vx "$OPENSSL_PID" || true; }
: >"$WORK/results.txt"

verify platform "$OURS/pki/ocsp" -CAfile "$DATA/ca-chain.pem"
# Warm-up: the first request for each serial is signed and cached; tiered JIT compilation is
# still busy for several seconds after start (a profile showed ~12% of the time in the JIT 6 s in).
log "platform: warm-up, ${WARMUP_SECONDS}s POST and ${WARMUP_SECONDS}s GET"
load warmup 0 "$OURS" "$WARMUP_SECONDS" POST 0 "$SERVER_PID" >/dev/null
load warmup 0 "$OURS" "$WARMUP_SECONDS" GET 0 "$SERVER_PID" >/dev/null

# OpenSSL: one process, or -multi N worker processes; keep whichever serves most.
best_multi=0; best_rps=0
for multi in 0 2 4; do
  start_openssl "$multi"
  # shellcheck disable=SC2046
  rps=$(load "openssl-calibration-multi-$multi" 0 "$OSSL" "$CALIBRATION_SECONDS" POST 0 $(openssl_pids))
  stop_openssl
  if (( rps > best_rps )); then best_rps=$rps; best_multi=$multi; fi
done
log "OpenSSL serves most with multi=$best_multi (0: a single process)"
start_openssl "$best_multi"
verify openssl "$OSSL/" -VAfile "$WORK/resp.pem"
stop_openssl
if ! cmp -s "$WORK/signature-platform.txt" "$WORK/signature-openssl.txt"; then
  echo "the responders sign differently: platform $(cat "$WORK/signature-platform.txt"), OpenSSL $(cat "$WORK/signature-openssl.txt")" >&2
  exit 1
fi
SIGNATURE=$(cat "$WORK/signature-platform.txt")

# Interleaved rounds, so that both responders see the same conditions on the machine.
for round in $(seq 1 "$ROUNDS"); do
  load platform-post "$round" "$OURS" "$DURATION" POST 0 "$SERVER_PID" >/dev/null
  load platform-get "$round" "$OURS" "$DURATION" GET 0 "$SERVER_PID" >/dev/null
  load platform-post-close "$round" "$OURS" "$DURATION" POST 1 "$SERVER_PID" >/dev/null
  start_openssl "$best_multi"
  # shellcheck disable=SC2046
  load openssl-post "$round" "$OSSL" "$DURATION" POST 0 $(openssl_pids) >/dev/null
  stop_openssl
done

# ---------------------------------------------------------------- revocation-to-visible latency
# For a certificate whose "good" answer is already cached: time from sending the revoke call
# to receiving an OCSP answer that says revoked (polled right after the call returns).
log "revocation-to-visible latency, $LATENCY_SAMPLES samples"
: >"$WORK/latency.txt"
ocsp_status() { openssl ocsp -respin "$1" -issuer "$ISSUER" -serial "0x$2" -CAfile "$DATA/ca-chain.pem" 2>/dev/null | sed -n 's/^0x[0-9A-Fa-f]*: //p' | head -1; }
for k in $(seq 1 "$LATENCY_SAMPLES"); do
  i=$((CERTS + k)); serial=$(cat "$WORK/certs/$i.serial")
  for _ in 1 2; do curl -sS --max-time 5 --data-binary "@$WORK/req/$i.der" -H 'Content-Type: application/ocsp-request' "$OURS/pki/ocsp" -o "$WORK/lat.der"; done
  [[ "$(ocsp_status "$WORK/lat.der" "$serial")" == good ]] || { echo "latency certificate $i not good before revocation" >&2; exit 1; }
  # One curl process sends the revoke call and then the first OCSP poll, so that the
  # measurement holds no process start-up: visible = revoke call + first poll, from curl's
  # own timings. Should that poll still say good, keep polling on the wall clock.
  start=$EPOCHREALTIME
  timings=$(curl -sS --fail --max-time 30 --cacert "$DATA/root-ca.pem" --cert "$DATA/admin.pem" --key "$DATA/admin.key" \
    -H 'Content-Type: application/json' --data '{"reason":"keyCompromise"}' -o /dev/null \
    -w '%{time_appconnect} %{time_total} ' "$API/pki/certificates/${serial,,}/revoke" \
    --next -sS --max-time 5 --data-binary "@$WORK/req/$i.der" -H 'Content-Type: application/ocsp-request' \
    -o "$WORK/lat.der" -w '%{time_total}' "$OURS/pki/ocsp")
  read -r appconnect total poll <<<"$timings"
  polls=1
  visible=$(awk -v t="$total" -v p="$poll" 'BEGIN { printf "%.1f", (t + p) * 1000 }')
  if [[ "$(ocsp_status "$WORK/lat.der" "$serial")" != revoked ]]; then
    while :; do
      polls=$((polls + 1))
      curl -sS --max-time 5 --data-binary "@$WORK/req/$i.der" -H 'Content-Type: application/ocsp-request' "$OURS/pki/ocsp" -o "$WORK/lat.der"
      seen=$EPOCHREALTIME
      [[ "$(ocsp_status "$WORK/lat.der" "$serial")" == revoked ]] && break
      (( polls < 1000 )) || { echo "revocation of $i never became visible" >&2; exit 1; }
    done
    visible=$(awk -v s="$start" -v e="$seen" 'BEGIN { printf "%.1f", (e - s) * 1000 }')
  fi
  # visible_ms call_ms call_after_handshake_ms polls
  awk -v v="$visible" -v a="$appconnect" -v t="$total" -v p="$polls" \
    'BEGIN { printf "%s %.1f %.1f %d\n", v, t * 1000, (t - a) * 1000, p }' >>"$WORK/latency.txt"
done
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else { m = (v[NR / 2] + v[NR / 2 + 1]) / 2; print (m == int(m) ? m : sprintf("%.1f", m)) } }'; }
LAT_VISIBLE=$(awk '{print $1}' "$WORK/latency.txt" | median)
LAT_CALL=$(awk '{print $2}' "$WORK/latency.txt" | median)
LAT_SERVER=$(awk '{print $3}' "$WORK/latency.txt" | median)
LAT_MAX=$(awk '{print $1}' "$WORK/latency.txt" | sort -n | tail -1)
MAX_POLLS=$(awk '{print $4}' "$WORK/latency.txt" | sort -n | tail -1)

# ---------------------------------------------------------------- summary
# column LABEL N: median of column N (3: responses/s, 4: server CPU %, 5: wrk CPU %, 6: µs per response) over the rounds.
column() { awk -v l="$1" -v c="$2" '$1 == l && $2 > 0 { print $c }' "$WORK/results.txt" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
OSSL_POST=$(column openssl-post 3)
OSSL_US=$(column openssl-post 6)
{
  echo
  echo "OCSP responder benchmark  $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load average before the run: $LOAD_BEFORE"
  echo "load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on the same machine, $ROUNDS interleaved rounds (medians below)"
  echo "data: $CERTS certificates, $revoked_count revoked, one nonce-less request each (SHA-1 CertID), round-robin"
  echo "algorithm: $ALGORITHM (both responders sign with ${SIGNATURE% *}, ${SIGNATURE##* }-bit keys)"
  echo "OpenSSL: $(openssl version | cut -d' ' -f1-2), openssl ocsp -multi $best_multi (0 = one process; it closes each connection, HTTP/1.0)"
  echo
  printf '%-22s %12s %14s %16s %10s %22s\n' label responses/s "server CPU %" "µs CPU/response" "wrk CPU %" "ratio to OpenSSL (r/s)"
  for l in platform-post platform-get platform-post-close openssl-post; do
    rps=$(column "$l" 3)
    printf '%-22s %12s %14s %16s %10s %22s\n' "$l" "$rps" "$(column "$l" 4)" "$(column "$l" 6)" "$(column "$l" 5)" "$(ratio "$rps" "$OSSL_POST")x"
  done
  echo
  echo "per-response server CPU, OpenSSL / platform POST: $(ratio "$OSSL_US" "$(column platform-post 6)")x, / platform GET: $(ratio "$OSSL_US" "$(column platform-get 6)")x"
  echo "non-2xx responses: $(awk '$2 > 0 { n += $7 } END { print n + 0 }' "$WORK/results.txt"), socket errors: $(awk '$2 > 0 { n += $8 } END { print n + 0 }' "$WORK/results.txt")"
  echo
  echo "revocation to first revoked OCSP answer (median of $LATENCY_SAMPLES, idle server): ${LAT_VISIBLE} ms (max ${LAT_MAX} ms; polls needed at most: $MAX_POLLS)"
  echo "  revoke call as seen by the client, mutual TLS handshake included: ${LAT_CALL} ms; after the handshake: ${LAT_SERVER} ms"
  echo
  echo "all rounds (label round responses/s server-CPU-% wrk-CPU-% µs-per-response non-2xx socket-errors):"
  sed 's/^/  /' "$WORK/results.txt"
} | tee "$WORK/summary.txt"
