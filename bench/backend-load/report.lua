-- wrk reporter: one machine-readable line with latency percentiles (ms), requests/s and errors.
-- The Authorization header comes from the TOKEN environment variable.
local token = os.getenv("TOKEN")
if token then wrk.headers["Authorization"] = "Bearer " .. token end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT p50=%.2f p95=%.2f p99=%.2f max=%.2f rps=%.1f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
