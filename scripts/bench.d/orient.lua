-- wrk script: each request orients another demande to the groupe GROUPE (POST form demande_id, version,
-- groupe_id), with the session cookie (COOKIE) and the page origin (ORIGIN). IDS: a file of "id version"
-- lines, one per demande, each thread taking its share (share.lua): no two requests send the same demande. The total of
-- requests answered is written to COUNT_FILE (the latency line is stats.lua's).
dofile("scripts/bench.d/share.lua")

local lines = {}
local next_line = 1
local groupe = os.getenv("GROUPE")

function init(args)
  lines = share(os.getenv("IDS"))
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
