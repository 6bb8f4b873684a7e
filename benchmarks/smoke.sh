#!/usr/bin/env bash
# Benchmark smoke run: every benchmark of the repository once, for seconds, so that a benchmark
# that no longer builds, sets up or runs fails here (and in CI, which runs this after the tests)
# instead of in front of whoever next wants a number. It measures nothing: the figures it prints
# come from runs far too short to mean anything.
#
#   bash benchmarks/smoke.sh
#
# - BenchmarkDotNet projects: `--smoke`, every benchmark with the dry job (benchmarks/lib/SmokeRun.cs);
#   the authorization latency runner with a fraction of a second per measurement; the
#   multi-threaded signing comparison (software key vs SoftHSM2 key) with 0.2 s per side.
# - HTTP load programs and scripts (OCSP, CRL, revocation across two nodes, issuance, identity
#   tokens against oidc-provider, TSA, the gateway against nginx, ACME orders against pebble, department seals against openssl,
#   the console's in-browser verification and search in chromium): their own
#   code paths end to end, with a tiny duration, count and connection number.
#
# Builds everything in Release once, then runs the steps one after the other (two shared cores:
# in parallel they would only slow each other down), each bounded in time. Exits non-zero when
# any step failed, after running all of them; the output of a failed step is printed.
# Environment:
#   POSTGRES         Npgsql connection string for the two-node revocation benchmark
#                    (default: $SECURITYPLATFORM_TEST_POSTGRES; required)
#   STEP_TIMEOUT=240 seconds a step may take
#   KEEP=1           keep the logs of every step (the directory is printed at the end)
# Needs dotnet, chromium, openssl, curl, jq, wrk, nginx, psql, softhsm2, pebble, python3 with the cryptography package (and node with
# npm for the cedar-wasm reference of the authorization latency runner and the oidc-provider reference of the
# identity load program; argon2 for the identity program's password-hashing reference).
set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STEP_TIMEOUT=${STEP_TIMEOUT:-240}
POSTGRES=${POSTGRES:-${SECURITYPLATFORM_TEST_POSTGRES:-}}
WORK=$(mktemp -d /tmp/benchmark-smoke.XXXXXX)
RELEASE=bin/Release/net10.0
failed=()
steps=0

cleanup() { if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# step NAME COMMAND...: runs COMMAND from the repository root with its output in a log.
step() {
  local name=$1 start=$SECONDS status=0
  shift
  steps=$((steps + 1))
  (cd "$ROOT" && timeout --kill-after=15 "$STEP_TIMEOUT" "$@") >"$WORK/$name.log" 2>&1 || status=$?
  if (( status == 0 )); then
    printf 'ok      %-24s %4ss\n' "$name" $((SECONDS - start))
  else
    (( status == 124 )) && echo "(stopped after ${STEP_TIMEOUT}s)" >>"$WORK/$name.log"
    printf 'FAILED  %-24s %4ss (exit %s), the end of its output:\n' "$name" $((SECONDS - start)) "$status"
    tail -n 40 "$WORK/$name.log" | sed 's/^/    /'
    failed+=("$name")
  fi
}

# ---------------------------------------------------------------- one Release build of everything
# A solution filter builds the server and every benchmark project in one evaluation, each shared
# project once.
projects=(Server/Server.csproj benchmarks/Platform.Benchmarks/Platform.Benchmarks.csproj
  benchmarks/Audit.Benchmarks/Audit.Benchmarks.csproj benchmarks/Authorization/Pmi.Authorization.Benchmarks.csproj
  benchmarks/Issuance.Load/Issuance.Load.csproj benchmarks/Tsa/Tsa.Benchmarks.csproj
  benchmarks/Identity/Identity.Load/Identity.Load.csproj benchmarks/Gateway/Gateway.Benchmarks.csproj
  benchmarks/Acme.Load/Acme.Load.csproj benchmarks/Signatures.Load/Signatures.Load.csproj
  benchmarks/Console.Load/Console.Load.csproj)
{
  printf '{ "solution": { "path": "%s", "projects": [' "$ROOT/SecurityPlatform.sln"
  sep=""
  for p in "${projects[@]}"; do printf '%s"%s"' "$sep" "${p//\//\\\\}"; sep=", "; done
  printf '] } }\n'
} >"$WORK/smoke.slnf"
echo "building Release: ${projects[*]}"
start=$SECONDS
if ! timeout 900 dotnet build -c Release "$WORK/smoke.slnf" -nologo -v quiet >"$WORK/build.log" 2>&1; then
  tail -n 40 "$WORK/build.log" >&2
  echo "benchmark smoke: the Release build failed" >&2
  exit 1
fi
echo "built in $((SECONDS - start))s"

# ---------------------------------------------------------------- BenchmarkDotNet, dry job
step platform-benchmarks dotnet "benchmarks/Platform.Benchmarks/$RELEASE/Platform.Benchmarks.dll" --smoke
step signing-softhsm dotnet "benchmarks/Platform.Benchmarks/$RELEASE/Platform.Benchmarks.dll" signing --seconds 0.2 --rounds 1
step audit-benchmarks dotnet "benchmarks/Audit.Benchmarks/$RELEASE/Audit.Benchmarks.dll" --smoke
step authorization-benchmarks dotnet "benchmarks/Authorization/$RELEASE/Pmi.Authorization.Benchmarks.dll" --smoke
step authorization-latency dotnet "benchmarks/Authorization/$RELEASE/Pmi.Authorization.Benchmarks.dll" latency --seconds 0.2
step gateway-benchmarks dotnet "benchmarks/Gateway/$RELEASE/Gateway.Benchmarks.dll" --smoke

# ---------------------------------------------------------------- HTTP load, tiny
# The scripts use the build above (SKIP_BUILD=1), never another one a caller may have set.
step issuance-load dotnet "benchmarks/Issuance.Load/$RELEASE/Issuance.Load.dll" \
  --warmup 0 --duration 1 --csrs 16 --connections 2 --reference 0.2
step issuance-load-est dotnet "benchmarks/Issuance.Load/$RELEASE/Issuance.Load.dll" \
  --warmup 0 --duration 1 --csrs 16 --connections 2 --reference 0.2 --est --secrets 64
step identity-load dotnet "benchmarks/Identity/Identity.Load/$RELEASE/Identity.Load.dll" --smoke
step tsa-http dotnet "benchmarks/Tsa/$RELEASE/Tsa.Benchmarks.dll" \
  --seconds 1 --warmup 0 --reference-seconds 1 --connections 4 --threads 1 --bodies 64 --samples 4
step tsa-in-process dotnet "benchmarks/Tsa/$RELEASE/Tsa.Benchmarks.dll" --in-process --reference-seconds 1 --bodies 64
step ocsp env -u SERVER_DLL SKIP_BUILD=1 CERTS=6 REVOKED_PCT=50 DURATION=1 ROUNDS=1 THREADS=1 CONNECTIONS=4 \
  LATENCY_SAMPLES=1 WARMUP_SECONDS=1 CALIBRATION_SECONDS=1 bash benchmarks/Ocsp/run.sh
step crl env -u SERVER_DLL SKIP_BUILD=1 ENTRIES=200 SAMPLES=2 bash benchmarks/Crl/run.sh
step gateway-http env -u SERVER_DLL SKIP_BUILD=1 DURATION=1 ROUNDS=1 WARMUP=1 CONNECTIONS=4 bash benchmarks/Gateway/run.sh
step signatures-load dotnet "benchmarks/Signatures.Load/$RELEASE/Signatures.Load.dll" \
  --warmup 0 --duration 1 --rounds 1 --reference 1 --connections 2 --documents 16 --openssl-documents 8
step console-load dotnet "benchmarks/Console.Load/$RELEASE/Console.Load.dll" --smoke
# Against pebble only until the platform's ACME server exists (run.sh takes its directory URL then).
step acme-load env SKIP_BUILD=1 DURATION=5 WARMUP=0 COUNT=4 CONCURRENCY=2 ACCOUNTS=2 CSRS=16 bash benchmarks/Acme.Load/run.sh platform
if [[ -n "$POSTGRES" ]]; then
  step revocation env -u SERVER_DLL SKIP_BUILD=1 SAMPLES=2 POSTGRES="$POSTGRES" bash benchmarks/Revocation/run.sh
else
  # Not a skip: the smoke run covers every benchmark or fails.
  echo "FAILED  revocation: set POSTGRES (or SECURITYPLATFORM_TEST_POSTGRES) to a PostgreSQL server for the two-node benchmark"
  steps=$((steps + 1))
  failed+=(revocation)
fi

if (( ${#failed[@]} > 0 )); then
  echo "benchmark smoke: ${#failed[@]} of $steps steps FAILED (${failed[*]}) in ${SECONDS}s"
  exit 1
fi
echo "benchmark smoke: all $steps steps ran in ${SECONDS}s"
