-- wrk script: each request orients another demande to the groupe GROUPE (POST form demande_id, version,
-- groupe_id), with the session cookie (COOKIE) and the page origin (ORIGIN). IDS: a file of "id version"
-- lines, one per demande; wrk runs one Lua state per thread, so thread n of THREADS (wrk's -t, 2 by
-- default) takes the lines n, n + THREADS, ...: no two requests send the same demande. The total of
-- requests answered is written to COUNT_FILE (the latency line is stats.lua's).
local threads = tonumber(os.getenv("THREADS") or "2")
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

local lines = {}
local next_line = 1
local groupe = os.getenv("GROUPE")

function init(args)
  local n = 0
  for line in io.lines(os.getenv("IDS")) do
    if n % threads == index then
      lines[#lines + 1] = line
    end
    n = n + 1
  end
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("ORIGIN")
local cookie = os.getenv("COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

function request()
  -- Past the end of the list, the last demande again (already oriented: a failed request).
  local id, version = lines[math.min(next_line, #lines)]:match("(%S+)%s+(%S+)")
  next_line = next_line + 1
  return wrk.format(nil, nil, nil, "demande_id=" .. id .. "&version=" .. version .. "&groupe_id=" .. groupe)
end

dofile("scripts/bench.d/stats.lua")

local report = done
function done(summary, latency, requests)
  report(summary, latency, requests)
  local f = io.open(os.getenv("COUNT_FILE"), "w")
  f:write(summary.requests, "\n")
  f:close()
end
