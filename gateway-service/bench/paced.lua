-- wrk script for the latency rounds of run.sh: every connection waits THINK_MS (default 20) between a
-- response and its next request, so the offered load stays below what either gateway can serve and the
-- percentiles show the time a request spends in the gateway, not the queue that saturation builds
-- (at saturation, Little's law makes latency = connections / throughput for any filter chain).
local think = tonumber(os.getenv("THINK_MS") or "20")

function delay()
  return think
end
