-- Keep-alive GETs for the host's floor (GET /health/live), with the same summary line as post.lua.
function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
