-- wrk script for benchmarks/api-vs-sql: sends lines FIRST..LAST of a pre-generated sequence,
-- exactly once each and in order, over wrk's -c connections (one wrk thread), then ends wrk.
--
--   wrk -t1 -cC -d600s --timeout 30s -s sequence.lua URL -- \
--     MODE KEY BODIES SEQUENCE FIRST LAST TAG OUT
--
-- MODE      rag: POST /rag/query with body number <sequence line> of BODIES (JSON lines);
--           weights: GET /fusion/weights (the same middleware, no database work), one per line.
-- KEY       the API key (Bearer).
-- TAG       prefix of every X-Request-ID (TAG<n>, n the sequence line), so the server's
--           query_performance rows of this run can be found by request id.
-- OUT       gets one line per request, "<latency ms> <status> <cache field or ->", then
--           "END <requests> <elapsed us>" when every response is in.
--
-- Why not wrk's own numbers: wrk has no request-count flag, and its summary covers whatever
-- was sent until -d ran out (plus its coordinated-omission correction). Here delay() hands out
-- exactly LAST-FIRST+1 sending slots (a connection past the end waits an hour, so nothing else
-- is sent), latencies are measured per request in Lua (CLOCK_MONOTONIC, matched to the echoed
-- X-Request-ID, so responses on different connections never get mixed up), the run is timed from
-- the first request to the last response, and the last response ends wrk with SIGINT (which
-- interrupts the sleep of wrk's main thread; -d is only an upper bound).
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } zg_timespec;
int clock_gettime(int clock, zg_timespec *tp);
int getpid(void);
int kill(int pid, int sig);
]])
local clock = ffi.new("zg_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

local mode, tag, out
local bodies, sequence = {}, {}
local count = 0
local reserved, sent, received = 0, 0, 0
local started_at, first_sent_at = {}, nil
local results = {}
local headers = {}

function init(args)
  local key, bodies_file, sequence_file, first, last
  mode, key, bodies_file, sequence_file, first, last, tag, out =
    args[1], args[2], args[3], args[4], tonumber(args[5]), tonumber(args[6]), args[7], args[8]
  if mode == "rag" then
    for line in io.lines(bodies_file) do bodies[#bodies + 1] = line end
  end
  local number = 0
  for line in io.lines(sequence_file) do
    number = number + 1
    if number >= first and number <= last then sequence[#sequence + 1] = tonumber(line) end
  end
  count = #sequence
  headers["Authorization"] = "Bearer " .. key
  if mode == "rag" then headers["Content-Type"] = "application/json" end
end

-- Called before every request a connection sends: one slot per sequence line, then none.
function delay()
  reserved = reserved + 1
  if reserved > count then return 3600000 end
  return 0
end

function request()
  -- wrk calls request() once before any connection exists, to count pipelined requests in what
  -- it returns (script_verify_request); that call must not use up a line of the sequence.
  if reserved == 0 then return wrk.format("GET", "/health") end
  sent = sent + 1
  if sent > count then
    -- Unreachable while delay() gates every request; kept cheap and visible if it ever is.
    return wrk.format("GET", "/health")
  end
  headers["X-Request-ID"] = tag .. sent
  local now = now_us()
  first_sent_at = first_sent_at or now
  started_at[sent] = now
  if mode == "rag" then
    return wrk.format("POST", "/rag/query", headers, bodies[sequence[sent]])
  end
  return wrk.format("GET", "/fusion/weights", headers)
end

function response(status, response_headers, body)
  local now = now_us()
  local id = response_headers["X-Request-ID"] or response_headers["x-request-id"]
  local n = id and tonumber(string.sub(id, #tag + 1))
  if not n or not started_at[n] then return end
  local cache = string.match(string.sub(body, 1, 64), '^{%s*"cache"%s*:%s*"(%a+)"') or "-"
  results[#results + 1] = string.format("%.3f %d %s", (now - started_at[n]) / 1000, status, cache)
  started_at[n] = nil
  received = received + 1
  if received == count then
    local file = assert(io.open(out, "w"))
    file:write(table.concat(results, "\n"), "\n")
    file:write(string.format("END %d %d\n", count, math.floor(now - first_sent_at)))
    file:close()
    ffi.C.kill(ffi.C.getpid(), 2) -- SIGINT: wrk stops, joins and exits
  end
end
