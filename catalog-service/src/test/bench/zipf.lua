-- wrk script: GET /v1/trips/{id} with ids drawn from a Zipf distribution (s = ZIPF_S, default 1.0)
-- over the ids listed in ids.txt (one per line; rank 1 = the most popular trip).
local ids = {}
local cdf = {}

local function load()
  for line in io.lines(os.getenv("IDS_FILE") or "ids.txt") do
    ids[#ids + 1] = line
  end
  local s = tonumber(os.getenv("ZIPF_S") or "1.0")
  local total = 0
  for rank = 1, #ids do
    total = total + 1 / rank ^ s
    cdf[rank] = total
  end
  for rank = 1, #ids do
    cdf[rank] = cdf[rank] / total
  end
end

local function sample()
  local u = math.random()
  local lo, hi = 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return ids[lo]
end

-- The draws are made before the run: each wrk thread formats DRAWS requests (default 2^18) in init and
-- cycles through them, so the load generator, which shares the machine's cores with the service,
-- spends almost nothing per request (no sampling, no formatting) in either the cached or the uncached run.
local requests = {}
local next_request = 0

local threads = 0

function setup(thread) -- each wrk thread its own seed, so the threads do not replay the same draws
  threads = threads + 1
  thread:set("thread_index", threads)
end

function init(args)
  math.randomseed(os.time() + 7919 * (thread_index or 0) + (tonumber(args[1]) or 0))
  load()
  local draws = tonumber(os.getenv("DRAWS") or "262144")
  for i = 1, draws do
    requests[i] = wrk.format("GET", "/v1/trips/" .. sample())
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
