#!/usr/bin/env bash
# Revocation-to-visible latency across nodes: two platform nodes share one PostgreSQL database
# (a scale-out deployment); a certificate is revoked through the first node, and the time until
# an OCSP answer says revoked is measured on the second node, against the same measure on the
# first node itself in the same run (alternating certificates). The second node learns of the
# revocation from the database's change signal (NOTIFY), with the periodic sync as the fallback.
# Loopback only; every step is bounded in time.
#
# Usage: POSTGRES='Host=...;Port=...;Username=...;Password=...' bash benchmarks/Revocation/run.sh
# Environment:
#   POSTGRES         Npgsql connection string of a server where a scratch database may be
#                    created and dropped (default: $SECURITYPLATFORM_TEST_POSTGRES)
#   SAMPLES=40       revocations, half measured on each node
#   SERVER_DLL=path  measure another build of Server.dll
#   SKIP_BUILD=1     use the existing Release build
#   KEEP=1           keep the temporary directory (printed at the end)
# Needs dotnet, openssl, curl, jq, psql and python3 with the cryptography package.
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/benchmarks/Revocation"
SAMPLES=${SAMPLES:-40}
POSTGRES=${POSTGRES:-${SECURITYPLATFORM_TEST_POSTGRES:-}}
[[ -n "$POSTGRES" ]] || { echo "set POSTGRES to an Npgsql connection string" >&2; exit 2; }

for tool in dotnet openssl curl jq psql python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
python3 -c 'import cryptography.x509.ocsp' 2>/dev/null || { echo "missing: python3 cryptography package" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/revocation-bench.XXXXXX)
DATA="$WORK/data"
PIDS=()
DATABASE="revocation_bench_$(date +%s)_$$"

# psql's connection settings from the Npgsql connection string.
eval "$(python3 - "$POSTGRES" <<'PY'
import shlex, sys
keys = {"host": "PGHOST", "server": "PGHOST", "port": "PGPORT", "username": "PGUSER", "user id": "PGUSER",
        "userid": "PGUSER", "password": "PGPASSWORD", "database": "PGDATABASE"}
for part in sys.argv[1].split(";"):
    name, _, value = part.partition("=")
    if name.strip().lower() in keys:
        print(f"export {keys[name.strip().lower()]}={shlex.quote(value.strip())}")
PY
)"
export PGDATABASE=${PGDATABASE:-postgres}
NODE_CONNECTION="${POSTGRES%;};Database=$DATABASE"

cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  timeout 30 psql -q -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=../lib/server.sh
source "$ROOT/benchmarks/lib/server.sh"

resolve_server_dll

timeout 30 psql -q -c "CREATE DATABASE $DATABASE" >/dev/null
mkdir -p "$DATA"

start_node() { # start_node NAME HTTP_URL HTTPS_URL
  local name=$1 http=$2 https=$3
  dotnet "$SERVER_DLL" --Platform:DataDirectory "$DATA" --urls "$http;$https" --Platform:PublicBaseUrl "$http" \
    --Platform:Storage:Provider PostgreSql --Platform:Storage:ConnectionString "$NODE_CONNECTION" \
    --Serilog:MinimumLevel:Default Warning >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  wait_ready "$http" "${PIDS[-1]}" "$WORK/$name.log"
}
FIRST="http://127.0.0.1:$(free_port)"; FIRST_API="https://127.0.0.1:$(free_port)"
SECOND="http://127.0.0.1:$(free_port)"; SECOND_API="https://127.0.0.1:$(free_port)"
[[ $(printf '%s\n' "$FIRST" "$FIRST_API" "$SECOND" "$SECOND_API" | sed 's/.*://' | sort -u | wc -l) == 4 ]] \
  || { echo "port collision, run again" >&2; exit 1; }
# The first node creates the hierarchy; the second starts on it, as a node added later does.
log "starting two nodes on database $DATABASE"
start_node first "$FIRST" "$FIRST_API"
start_node second "$SECOND" "$SECOND_API"

log "issuing $SAMPLES certificates through the first node"
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/leaf.key" 2>/dev/null
mkdir -p "$WORK/certs"
for i in $(seq 1 "$SAMPLES"); do
  name="c$i.revocation-bench.test"
  openssl req -new -key "$WORK/leaf.key" -subj "/CN=$name" -addext "subjectAltName=DNS:$name" -out "$WORK/certs/$i.csr" 2>/dev/null
  jq -n --rawfile csr "$WORK/certs/$i.csr" '{csr:$csr, profile:"tls-server"}' \
    | curl -sS --fail-with-body --max-time 30 --cacert "$DATA/root-ca.pem" --cert "$DATA/admin.pem" --key "$DATA/admin.key" \
        -H 'Content-Type: application/json' --data @- "$FIRST_API/pki/certificates" \
    | jq -r .certificate >"$WORK/certs/$i.pem"
done

log "measuring $SAMPLES revocations"
timeout 900 python3 "$HERE/visible.py" "$DATA" "$FIRST_API" "$FIRST" "$SECOND" "$SAMPLES" \
  $(for i in $(seq 1 "$SAMPLES"); do echo "$WORK/certs/$i.pem"; done) >"$WORK/samples.txt"

stat() { # stat WHERE COLUMN -> "median p90 max"
  awk -v w="$1" -v c="$2" '$1 == w { print $c }' "$WORK/samples.txt" | sort -n \
    | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
             printf "%.1f %.1f %.1f\n", m, v[int(NR * 0.9 + 0.999)], v[NR] }'
}
read -r SAME_MED SAME_P90 SAME_MAX < <(stat same 2)
read -r OTHER_MED OTHER_P90 OTHER_MAX < <(stat other 2)
read -r CALL_MED _ _ < <(stat same 3)
MAX_POLLS=$(awk '$1 == "other" { print $4 }' "$WORK/samples.txt" | sort -n | tail -1)
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $LOAD_BEFORE, nproc: $(nproc)"
  echo "PostgreSQL: $(psql -tAq -c 'SHOW server_version'), two nodes, default sync interval"
  echo "revoke call through the first node (median, after the TLS handshake): $CALL_MED ms"
  echo "revocation to revoked OCSP answer, ms (median / p90 / max of $((SAMPLES / 2)) each):"
  echo "  same node:  $SAME_MED / $SAME_P90 / $SAME_MAX"
  echo "  other node: $OTHER_MED / $OTHER_P90 / $OTHER_MAX (polls at most: $MAX_POLLS)"
  awk -v o="$OTHER_MED" -v s="$SAME_MED" 'BEGIN { printf "other node / same node (medians): %.2fx\n", o / s }'
} | tee "$WORK/summary.txt"
