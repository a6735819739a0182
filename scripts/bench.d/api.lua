-- wrk script: the DUI API as the demo partner (TOKEN, a Bearer token). KEYS: a file of clés, one per line;
-- each thread takes its share of them (share.lua).
-- GET (no BODY): each request reads the next clé of the thread's share at PREFIX .. clé, round and round.
-- PUT (BODY, a JSON template whose "version" is 1): each request updates another clé, once (past the end of
-- the share, the last clé again, with a spent version: a 409, counted as failed).
dofile("scripts/bench.d/share.lua")

local keys = {}
local next_key = 1
local prefix = os.getenv("PREFIX")
local body = os.getenv("BODY")

function init(args)
  keys = share(os.getenv("KEYS"))
end

wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
if body and body ~= "" then
  wrk.method = "PUT"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local key
  if body and body ~= "" then
    key = keys[math.min(next_key, #keys)]
  else
    key = keys[(next_key - 1) % #keys + 1]
  end
  next_key = next_key + 1
  return wrk.format(nil, prefix .. key, nil, (body ~= "" and body) or nil)
end

dofile("scripts/bench.d/stats.lua")
