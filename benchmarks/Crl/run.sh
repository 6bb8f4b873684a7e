#!/usr/bin/env bash
# CRL publication at scale: how long a revoke call takes (it returns once the new full and
# delta CRLs are published) when the CA already has ENTRIES revoked certificates, against the
# time OpenSSL's own CA (`openssl ca -gencrl`) takes to produce a CRL of the same size from its
# index, measured in the same run. Loopback only; every step is bounded in time.
#
# Usage: bash benchmarks/Crl/run.sh
# Environment (all optional):
#   ENTRIES=100000   revoked certificates seeded into the CA's database before the start
#   SAMPLES=15       timed revocations (after one untimed warm-up revocation)
#   SERVER_DLL=path  measure another build of Server.dll (an A/B against an older commit)
#   SKIP_BUILD=1     use the existing Release build
#   KEEP=1           keep the temporary directory (printed at the end)
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENTRIES=${ENTRIES:-100000}
SAMPLES=${SAMPLES:-15}

for tool in dotnet openssl curl jq python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/crl-bench.XXXXXX)
DATA="$WORK/data"
SERVER_PID=""

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  stop_server
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=../lib/server.sh
source "$ROOT/benchmarks/lib/server.sh"
HTTP_PORT=$(free_port); HTTPS_PORT=$(free_port)
while [[ "$HTTPS_PORT" == "$HTTP_PORT" ]]; do HTTPS_PORT=$(free_port); done
OURS="http://127.0.0.1:$HTTP_PORT"
API="https://127.0.0.1:$HTTPS_PORT"

resolve_server_dll

start_server() {
  dotnet "$SERVER_DLL" --Platform:DataDirectory "$DATA" --urls "$OURS;$API" \
    --Platform:PublicBaseUrl "$OURS" --Serilog:MinimumLevel:Default Warning >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  wait_ready "$OURS" "$SERVER_PID" "$WORK/server.log"
}

api() { # api METHOD PATH [JSON]
  curl -sS --fail-with-body --max-time 120 --cacert "$DATA/root-ca.pem" --cert "$DATA/admin.pem" --key "$DATA/admin.key" \
    -H 'Content-Type: application/json' -X "$1" "$API$2" ${3:+--data "$3"}
}

# ---------------------------------------------------------------- a CA with ENTRIES revocations
log "bootstrapping the platform in $DATA"
mkdir -p "$DATA"
start_server
stop_server
log "seeding $ENTRIES revoked certificates of the issuing CA into ca.db (and OpenSSL's index.txt)"
timeout 600 python3 - "$DATA/ca.db" "$WORK/index.txt" "$ENTRIES" <<'PY'
import os, sqlite3, sys, time
db, index, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
reasons = ["keyCompromise", "superseded", "cessationOfOperation", "affiliationChanged"]
now = int(time.time() * 1000)
expiry = time.strftime("%y%m%d%H%M%SZ", time.gmtime(time.time() + 365 * 86400))
revoked = time.strftime("%y%m%d%H%M%SZ", time.gmtime(now / 1000))
connection = sqlite3.connect(db)
rows = []
with open(index, "w") as out:
    for i in range(count):
        raw = bytearray(os.urandom(16)); raw[0] = (raw[0] & 0x7f) | 0x01
        serial = raw.hex()
        reason = reasons[i % len(reasons)]
        rows.append((serial, "issuing", f"CN=seeded-{i}", "tls-server", now - 86400000, now + 365 * 86400000, b"\x30\x00", "benchmark", now, now, reason))
        out.write(f"R\t{expiry}\t{revoked},{reason}\t{serial.upper()}\tunknown\t/CN=seeded-{i}\n")
connection.executemany(
    "INSERT INTO certificates (serial, ca_name, subject, profile, not_before, not_after, der, requested_by, issued_at, revoked_at, revocation_reason) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
connection.commit()
PY
start_server

TOTAL=$((SAMPLES + 1))
log "issuing $TOTAL certificates to revoke"
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/leaf.key" 2>/dev/null
for i in $(seq 1 "$TOTAL"); do
  openssl req -new -key "$WORK/leaf.key" -subj "/CN=r$i.crl-bench.test" -addext "subjectAltName=DNS:r$i.crl-bench.test" -out "$WORK/$i.csr" 2>/dev/null
  jq -n --rawfile csr "$WORK/$i.csr" '{csr:$csr, profile:"tls-server"}' >"$WORK/$i.json"
  api POST /pki/certificates "@$WORK/$i.json" | jq -r .serialNumber >"$WORK/$i.serial"
done

# ---------------------------------------------------------------- timed revocations
revoke_ms() { # revoke_ms SERIAL: the call's time after the TLS handshake, in ms
  curl -sS --fail --max-time 120 --cacert "$DATA/root-ca.pem" --cert "$DATA/admin.pem" --key "$DATA/admin.key" \
    -H 'Content-Type: application/json' --data '{"reason":"keyCompromise"}' -o /dev/null \
    -w '%{time_appconnect} %{time_total}\n' "$API/pki/certificates/$1/revoke" \
    | awk '{ printf "%.1f\n", ($2 - $1) * 1000 }'
}
log "first revocation (the node loads the $ENTRIES entries from the database)"
FIRST_MS=$(revoke_ms "$(cat "$WORK/1.serial")")
: >"$WORK/revoke.txt"
log "$SAMPLES timed revocations"
for i in $(seq 2 "$TOTAL"); do revoke_ms "$(cat "$WORK/$i.serial")" >>"$WORK/revoke.txt"; done
curl -sS --max-time 60 "$OURS/pki/cas/issuing/crl" -o "$WORK/ours.crl"
LISTED=$(openssl crl -inform DER -in "$WORK/ours.crl" -noout -text | grep -c 'Serial Number:')
[[ "$LISTED" == $((ENTRIES + TOTAL)) ]] || { echo "the CRL lists $LISTED entries, expected $((ENTRIES + TOTAL))" >&2; exit 1; }
openssl crl -inform DER -in "$WORK/ours.crl" -noout -verify -CAfile "$DATA/ca-chain.pem" 2>"$WORK/verify.txt" \
  || { cat "$WORK/verify.txt" >&2; exit 1; }
CRL_BYTES=$(stat -c %s "$WORK/ours.crl")

# ---------------------------------------------------------------- OpenSSL's CA, same size
# A P-256 CA key like the platform's issuing CA; the index holds the same serials and reasons.
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/ca.key" 2>/dev/null
openssl req -x509 -new -key "$WORK/ca.key" -subj "/CN=CRL bench CA" -days 2 -out "$WORK/ca.pem" 2>/dev/null
for i in $(seq 1 "$TOTAL"); do
  printf 'R\t%s\t%s,keyCompromise\t%s\tunknown\t/CN=r%s\n' "$(date -u -d '+90 days' +%y%m%d%H%M%SZ)" "$(date -u +%y%m%d%H%M%SZ)" \
    "$(cat "$WORK/$i.serial" | tr a-f A-F)" "$i" >>"$WORK/index.txt"
done
touch "$WORK/index.txt.attr"; echo 01 >"$WORK/crlnumber"
cat >"$WORK/ca.cnf" <<CNF
[ ca ]
default_ca = bench
[ bench ]
database = $WORK/index.txt
crlnumber = $WORK/crlnumber
default_md = sha256
default_crl_hours = 24
CNF
: >"$WORK/openssl.txt"
log "openssl ca -gencrl over the same $((ENTRIES + TOTAL)) entries, 5 times"
for _ in 1 2 3 4 5; do
  start=$EPOCHREALTIME
  timeout 300 openssl ca -config "$WORK/ca.cnf" -gencrl -keyfile "$WORK/ca.key" -cert "$WORK/ca.pem" -out "$WORK/openssl.crl" 2>>"$WORK/openssl.log"
  awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (e - s) * 1000 }' >>"$WORK/openssl.txt"
done
OPENSSL_LISTED=$(openssl crl -in "$WORK/openssl.crl" -noout -text | grep -c 'Serial Number:')

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
OURS_MEDIAN=$(median <"$WORK/revoke.txt")
OURS_MAX=$(sort -n "$WORK/revoke.txt" | tail -1)
OPENSSL_MEDIAN=$(median <"$WORK/openssl.txt")
{
  echo
  echo "CRL publication benchmark  $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load average before the run: $LOAD_BEFORE"
  echo "server: $SERVER_DLL"
  echo "CA: issuing (ECDSA P-256), $ENTRIES seeded revocations; the final CRL lists $LISTED entries, $CRL_BYTES bytes"
  echo
  echo "revoke call (after the TLS handshake; returns once the full and delta CRLs are published):"
  echo "  first, loading the entries:   $FIRST_MS ms"
  echo "  median of $SAMPLES:                $OURS_MEDIAN ms (max $OURS_MAX ms)"
  echo "openssl ca -gencrl, $OPENSSL_LISTED entries, median of 5: $OPENSSL_MEDIAN ms"
  echo "ratio, revoke call / openssl ca -gencrl: $(awk -v a="$OURS_MEDIAN" -v b="$OPENSSL_MEDIAN" 'BEGIN { printf "%.3f", a / b }')"
  echo
  echo "revoke calls (ms): $(tr '\n' ' ' <"$WORK/revoke.txt")"
  echo "openssl runs (ms): $(tr '\n' ' ' <"$WORK/openssl.txt")"
} | tee "$WORK/summary.txt"
