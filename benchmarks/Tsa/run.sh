#!/usr/bin/env bash
# Time-stamp authority under its defaults, against OpenSSL's own P-256 signing rate.
#
# Starts the Release server exactly as `dotnet run -c Release --project Server` would run it
# (durable SQLite audit trail, default log level, console log redirected to a file), on free
# loopback ports over a fresh data directory; warms it up with wrk; then ROUNDS times:
#   openssl speed -multi 2 ecdsap256 (sign/s)  ->  wrk -t2 -c64 POST /tsa  ->  openssl speed again
# and reports tokens/s against the mean of the two references around each load, per round,
# with the spread. Replies are checked with `openssl ts -verify`, and the audit log must have
# grown by at least one event per token.
#
#   benchmarks/Tsa/run.sh                        # 3 rounds of 20 s after a 15 s warm-up
#   DURATION=2s benchmarks/Tsa/run.sh            # smoke run (CI): 1 round, 1 s warm-up, 1 s references
#
# Environment: DURATION (wrk duration, default 20s), WARMUP (default 15s), ROUNDS (3),
# REFERENCE_SECONDS (openssl speed -seconds, default 10); a DURATION under 10 s makes the other
# three default to 1s, 1 and 1 (a smoke run checks that everything works, not the figure).
# THREADS (2), CONNECTIONS (64),
# BODIES (20000), SAMPLES (20 replies verified), MULTI (openssl speed -multi, default nproc),
# SERVER_DLL / SKIP_BUILD=1 (see benchmarks/lib/server.sh), KEEP=1 (keep the work directory).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
seconds_of() { # "20s" / "2m" / "20" -> seconds
  local v=$1
  case "$v" in *m) echo $((${v%m} * 60)) ;; *s) echo "${v%s}" ;; *) echo "$v" ;; esac
}
DURATION=${DURATION:-20s}
if (( $(seconds_of "$DURATION") < 10 )); then
  WARMUP=${WARMUP:-1s} ROUNDS=${ROUNDS:-1} REFERENCE_SECONDS=${REFERENCE_SECONDS:-1} BODIES=${BODIES:-2000} SAMPLES=${SAMPLES:-5}
fi
WARMUP=${WARMUP:-15s}
ROUNDS=${ROUNDS:-3}
REFERENCE_SECONDS=${REFERENCE_SECONDS:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
BODIES=${BODIES:-20000}
SAMPLES=${SAMPLES:-20}
MULTI=${MULTI:-$(nproc)}
for tool in wrk openssl python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 2; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tsa-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [[ "${KEEP:-0}" == 1 ]] && echo "work directory kept: $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
# shellcheck source=../lib/server.sh
source "$ROOT/benchmarks/lib/server.sh"

# ---------------------------------------------------------------- requests
# TimeStampReqs as real clients send them: version 1, SHA-256 imprint (random), 64-bit nonce,
# certReq true (so each token carries the TSA certificate and its chain). bodies.bin holds them
# length-prefixed for post.lua; the first SAMPLES are also written alone for openssl ts -verify.
log "generating $BODIES requests"
python3 - "$WORK" "$BODIES" "$SAMPLES" <<'EOF'
import os, sys
work, count, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sha256 = bytes.fromhex("300d06096086480165030402010500")
os.makedirs(os.path.join(work, "samples"), exist_ok=True)
with open(os.path.join(work, "bodies.bin"), "wb") as out:
    for i in range(count):
        imprint = bytes.fromhex("3031") + sha256 + bytes.fromhex("0420") + os.urandom(32)
        nonce = bytearray(os.urandom(8)); nonce[0] = (nonce[0] & 0x7F) | 0x01
        inner = bytes.fromhex("020101") + imprint + bytes.fromhex("0208") + bytes(nonce) + bytes.fromhex("0101ff")
        body = bytes([0x30, len(inner)]) + inner
        out.write(len(body).to_bytes(2, "big") + body)
        if i < samples:
            with open(os.path.join(work, "samples", f"{i}.tsq"), "wb") as q:
                q.write(body)
EOF

# ---------------------------------------------------------------- server
resolve_server_dll
HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
BASE="http://127.0.0.1:$HTTP_PORT"
DATA="$WORK/data"
# No log-level or audit option: the defaults. The console log goes to a file, as under a
# service manager; a terminal would be slower still.
log "starting $SERVER_DLL on $BASE"
dotnet "$SERVER_DLL" --Platform:DataDirectory "$DATA" --urls "$BASE;https://127.0.0.1:$HTTPS_PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_ready "$BASE" "$SERVER_PID" "$WORK/server.log"
curl -sf "$BASE/tsa/certificate-chain" -o "$WORK/tsa-chain.pem"

stamp() { # stamp QUERY REPLY
  curl -sS --fail --max-time 10 -H 'Content-Type: application/timestamp-query' --data-binary "@$1" -o "$2" "$BASE/tsa"
}
verify_samples() {
  local i
  for ((i = 0; i < SAMPLES; i++)); do
    stamp "$WORK/samples/$i.tsq" "$WORK/samples/$i.tsr"
    openssl ts -verify -in "$WORK/samples/$i.tsr" -queryfile "$WORK/samples/$i.tsq" \
      -CAfile "$DATA/root-ca.pem" -untrusted "$WORK/tsa-chain.pem" >"$WORK/verify.log" 2>&1 \
      || { echo "reply $i does not verify:" >&2; cat "$WORK/verify.log" >&2; exit 1; }
  done
}
verify_samples
# Time-stamp events in the audit log, read from its database (WAL: readers do not block the server).
audit_size() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT COUNT(*) FROM entries WHERE action = ?", ("timestamp.issue",)).fetchone()[0])' "$DATA/audit.db"
}

# ---------------------------------------------------------------- measurements
cpu_ticks() { [[ -r /proc/$1/stat ]] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
TICKS=$(getconf CLK_TCK)

# reference: P-256 signatures/s of `openssl speed` on MULTI processes (the sign/s column).
reference() {
  local out
  out=$(timeout $((REFERENCE_SECONDS + 60)) openssl speed -seconds "$REFERENCE_SECONDS" -multi "$MULTI" ecdsap256 2>/dev/null)
  awk '/256 bits ecdsa \(nistp256\)/ { printf "%.0f", $(NF - 1) }' <<<"$out"
}

# load SECONDS-SPEC: runs wrk on POST /tsa; prints "requests seconds tokens/s p50_us p99_us non2xx socket-errors server-cpu-ticks".
load() {
  local out before after
  before=$(cpu_ticks "$SERVER_PID")
  out=$(timeout $(($(seconds_of "$1") + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 10s -s "$HERE/post.lua" "$BASE/tsa" -- "$WORK/bodies.bin")
  after=$(cpu_ticks "$SERVER_PID")
  sed -n 's/^RESULT //p' <<<"$out" | awk -v t="$((after - before))" '{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    s = v["duration_us"] / 1e6
    printf "%d %.2f %.0f %d %d %d %d %d\n", v["requests"], s, v["requests"] / s, v["p50_us"], v["p99_us"], v["status"],
      v["connect"] + v["read"] + v["write"] + v["timeout"], t }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ "$(seconds_of "$WARMUP")" -gt 0 ]]; then
  log "warm-up: $WARMUP"
  load "$WARMUP" >/dev/null
fi
size_before=$(audit_size)
: >"$WORK/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  ref_before=$(reference)
  read -r requests secs rps p50 p99 non2xx errors ticks <<<"$(load "$DURATION")"
  ref_after=$(reference)
  [[ -n "$ref_before" && -n "$ref_after" && -n "$rps" ]] || { echo "a measurement failed" >&2; exit 1; }
  ratio=$(awk -v t="$rps" -v a="$ref_before" -v b="$ref_after" 'BEGIN { printf "%.1f", 200 * t / (a + b) }')
  us=$(awk -v t="$ticks" -v hz="$TICKS" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "$round $rps $ref_before $ref_after $ratio $us $p50 $p99 $non2xx $errors $requests" >>"$WORK/rounds.txt"
  log "round $round: $rps tokens/s; openssl speed $ref_before / $ref_after sign/s; ratio $ratio %; server ${us} CPU-µs/token; p50 $((p50 / 1000)) ms, p99 $((p99 / 1000)) ms; non-2xx $non2xx; socket errors $errors"
done
size_after=$(audit_size)
verify_samples
tokens=$(awk '{ n += $11 } END { print n }' "$WORK/rounds.txt")
# Every token is an audit event before it is answered, so the log grew by at least that many
# (a few more: requests still in flight when wrk stopped, and the samples).
if (( size_after - size_before < tokens )); then
  echo "the audit log grew by $((size_after - size_before)) events for $tokens tokens" >&2; exit 1
fi
bad=$(awk '{ n += $9 + $10 } END { print n + 0 }' "$WORK/rounds.txt")

# ---------------------------------------------------------------- summary
stat() { # stat COLUMN: median (min–max) over the rounds
  awk -v c="$1" '{ print $c }' "$WORK/rounds.txt" | sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s (%s–%s)", m, v[1], v[NR] }'
}
{
  echo
  echo "TSA benchmark  $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load average before: $LOAD_BEFORE"
  echo "server: dotnet $(basename "$SERVER_DLL"), defaults (durable SQLite audit trail, default log level, console log to a file)"
  echo "load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION -s post.lua POST /tsa (certReq, SHA-256, nonce), after a $WARMUP warm-up, same machine"
  echo "reference: $(openssl version | cut -d' ' -f1-2) 'openssl speed -seconds $REFERENCE_SECONDS -multi $MULTI ecdsap256', sign/s, before and after each load"
  echo "checks: $((SAMPLES * 2)) replies verified with openssl ts -verify; audit log +$((size_after - size_before)) events for $tokens tokens"
  echo
  echo "round  tokens/s  ref-before  ref-after  ratio-%  server-CPU-µs/token  p50-µs  p99-µs  non-2xx  socket-errors"
  awk '{ printf "%5s %9s %11s %10s %8s %20s %7s %7s %8s %14s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$WORK/rounds.txt"
  echo
  echo "tokens/s: $(stat 2)"
  echo "ratio to openssl speed (%): $(stat 5)   [median (min–max) of $ROUNDS rounds]"
} | tee "$WORK/summary.txt"
(( bad == 0 )) || { echo "$bad non-2xx replies or socket errors" >&2; exit 1; }
