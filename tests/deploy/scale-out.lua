-- wrk script for tests/deploy/scale_out.py: posts one quote request and checks every
-- response: status 200, and the X-Taoquote-Rulebook header equal to the digest inside the
-- quote (a response computed on one rulebook and labelled with another is "mixed").
-- Arguments (after --): request file, then digests to count separately (old, new).
-- Prints one JSON line: total, failed, mixed, and per-digest counts.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  digests = { args[2], args[3] }
  total, failed, mixed, first, second, other = 0, 0, 0, 0, 0, 0
  s502, s503, s504 = 0, 0, 0
end

function response(status, headers, body)
  total = total + 1
  if status ~= 200 then
    failed = failed + 1
    if status == 502 then s502 = s502 + 1 end
    if status == 503 then s503 = s503 + 1 end
    if status == 504 then s504 = s504 + 1 end
    return
  end
  local label = headers["X-Taoquote-Rulebook"]
  local inside = body:match('"digest":"(sha256:%x+)"')
  if label == nil or inside == nil or label ~= inside then
    mixed = mixed + 1
  end
  if inside == digests[1] then
    first = first + 1
  elseif inside == digests[2] then
    second = second + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local sum = { total = 0, failed = 0, mixed = 0, first = 0, second = 0, other = 0,
                s502 = 0, s503 = 0, s504 = 0 }
  for _, t in ipairs(threads) do
    for k, _ in pairs(sum) do
      sum[k] = sum[k] + t:get(k)
    end
  end
  io.write(string.format(
    '{"total":%d,"failed":%d,"s502":%d,"s503":%d,"s504":%d,"mixed":%d,"old":%d,"new":%d,' ..
    '"other":%d,' ..
    '"socket_errors":%d,"non_2xx":%d,"p99_ms":%.3f,"rps":%.1f}\n',
    sum.total, sum.failed, sum.s502, sum.s503, sum.s504, sum.mixed, sum.first, sum.second, sum.other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(99) / 1000.0,
    summary.requests / (summary.duration / 1e6)))
end
