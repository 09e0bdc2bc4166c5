-- wrk script: a mixed request set (text, accentless, phrase, filters, facets, document pages).
-- Paths are read from the file named by the PATHS environment variable, one per line.
local paths = {}
local file = io.open(os.getenv("PATHS") or "paths.txt", "r")
for line in file:lines() do paths[#paths + 1] = line end
file:close()
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
local errors = 0
response = function(status)
  if status ~= 200 then errors = errors + 1 end
end
done = function(summary, latency)
  io.write(string.format("requests %d, non-200 %d, socket errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
