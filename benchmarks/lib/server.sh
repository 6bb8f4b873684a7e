# Shared by the HTTP benchmark scripts (source it after ROOT and WORK are set).

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# A loopback TCP port free at the moment of asking.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Sets SERVER_DLL: the build given in SERVER_DLL, else the Release build of Server, built first
# unless SKIP_BUILD=1.
resolve_server_dll() {
  if [[ -z "${SERVER_DLL:-}" ]]; then
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
      log "building Release"
      timeout 600 dotnet build -c Release "$ROOT/Server" -nologo -v quiet >"$WORK/build.log" 2>&1 \
        || { tail -20 "$WORK/build.log" >&2; exit 1; }
    fi
    SERVER_DLL="$ROOT/Server/bin/Release/net10.0/Server.dll"
  fi
  [[ -f "$SERVER_DLL" ]] || { echo "no build at $SERVER_DLL" >&2; exit 1; }
}

# Waits until the platform at URL is ready; stops the script with PID's LOG if it exits first.
wait_ready() { # wait_ready URL PID LOG
  for _ in $(seq 240); do
    curl -sf --max-time 1 "$1/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "platform at $1 not ready" >&2; exit 1
}
