-- Keep-alive load for POST /tsa: each connection sends pre-generated DER TimeStampReqs
-- (distinct random SHA-256 imprints, nonce, certReq) round-robin from a file of
-- length-prefixed bodies (2-byte big-endian length, then the body), given as the first
-- script argument: wrk -t2 -c64 -d20s -s post.lua http://127.0.0.1:PORT/tsa -- bodies.bin
local threads = {}
local requests = {}
local next_index = 1

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local data = file:read("*a")
  file:close()
  local headers = { ["Content-Type"] = "application/timestamp-query" }
  local position = 1
  while position + 1 <= #data do
    local high, low = data:byte(position, position + 1)
    local length = high * 256 + low
    local body = data:sub(position + 2, position + 1 + length)
    requests[#requests + 1] = wrk.format("POST", nil, headers, body)
    position = position + 2 + length
  end
  -- Threads start at different places in the pool, so concurrent requests carry different imprints.
  local id = tonumber(wrk.thread:get("id")) or 0
  next_index = (id * 7919) % #requests + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
