-- Shared by the wrk scripts: at the end, one line for scripts/bench with the latency in ms (mean, p50, p95,
-- p99, from wrk's own histogram of every request) and the failed requests (non-2xx/3xx answers, socket
-- errors, timeouts).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("bench: %.2f %.2f %.2f %.2f %d\n", latency.mean / 1000, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
