-- The mixed load for bench/load.py, run by wrk. Each thread reads the request lists written by the harness:
--   LOAD_READS:  one path per line (GET)
--   LOAD_WRITES: one write per line, tab-separated: path, cookie header, CSRF token, form body (POST)
-- A request is a write with probability LOAD_WRITE_RATIO while this thread's share of writes lasts.
-- Writes answer 302 (the form's redirect) when accepted; anything 4xx/5xx is an error.
-- LOAD_RATE, when set, paces the run: the threads together offer that many requests per second (each thread
-- hands out time slots to its connections, a connection waits for its slot), instead of sending as fast as
-- answers come back. wrk measures each request's latency from the moment it is sent.

local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } abierto_timespec;
  int clock_gettime(int clk_id, abierto_timespec *tp);
]])
local clock = ffi.new("abierto_timespec")

local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

function init(args)
  reads = {}
  writes = {}
  for line in io.lines(os.getenv("LOAD_READS")) do
    table.insert(reads, line)
  end
  local nthreads = tonumber(os.getenv("LOAD_THREADS"))
  local ratio = tonumber(os.getenv("LOAD_WRITE_RATIO") or "0")
  write_ratio = ratio
  local path = os.getenv("LOAD_WRITES")
  if path and path ~= "" and ratio > 0 then
    local n = 0
    for line in io.lines(path) do
      if n % nthreads == id then
        table.insert(writes, split(line))
      end
      n = n + 1
    end
  end
  next_write = 1
  math.randomseed(1000 + id)
  host = os.getenv("LOAD_HOST")
  local rate = tonumber(os.getenv("LOAD_RATE") or "0")
  interval_ms = 0
  if rate > 0 then
    interval_ms = 1000 * nthreads / rate
  end
  next_slot = 0
  accepted = 0
  refused = 0
  read_ok = 0
  server_errors = 0
end

function delay()
  if interval_ms == 0 then
    return 0
  end
  local now = now_ms()
  local slot = math.max(next_slot, now)
  next_slot = slot + interval_ms
  return slot - now
end

function request()
  if next_write <= #writes and math.random() < write_ratio then
    local w = writes[next_write]
    next_write = next_write + 1
    local headers = {
      ["Host"] = host,
      ["Cookie"] = w[2],
      ["X-CSRFToken"] = w[3],
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Referer"] = "http://" .. host .. w[1],
    }
    return wrk.format("POST", w[1], headers, w[4])
  end
  return wrk.format("GET", reads[math.random(#reads)], { ["Host"] = host })
end

function response(status, headers, body)
  if status == 302 or status == 303 then
    accepted = accepted + 1
  elseif status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    refused = refused + 1
  else
    read_ok = read_ok + 1
  end
end

function done(summary, latency, requests)
  local accepted_total, refused_total, ok_total, server_total, writes_sent = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    accepted_total = accepted_total + thread:get("accepted")
    refused_total = refused_total + thread:get("refused")
    ok_total = ok_total + thread:get("read_ok")
    server_total = server_total + thread:get("server_errors")
    writes_sent = writes_sent + thread:get("next_write") - 1
  end
  local e = summary.errors
  io.write(string.format(
    'LOADRESULT {"requests": %d, "duration_us": %d, "bytes": %d, '
      .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"writes_sent": %d, "writes_accepted": %d, "refused": %d, "server_errors": %d, "reads_ok": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout,
    writes_sent, accepted_total, refused_total, server_total, ok_total
  ))
end
