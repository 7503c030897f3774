-- bench/run.py's wrk script: the cookie every request carries (BENCH_COOKIE), the paths one view fetches in turn
-- (BENCH_PATHS: the page, then any fragment a browser loads with it), and the summary as one JSON line.
local cookie = os.getenv("BENCH_COOKIE") or ""
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
  table.insert(paths, p)
end
local n = 0

if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

if #paths > 1 then
  request = function()
    n = n % #paths + 1
    local headers = nil
    if n > 1 then
      headers = { ["HX-Request"] = "true" }
    end
    return wrk.format(nil, paths[n], headers)
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"mean": %.1f, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
