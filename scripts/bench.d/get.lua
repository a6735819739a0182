-- wrk script: GET with the session cookie (COOKIE).
local cookie = os.getenv("COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
dofile("scripts/bench.d/stats.lua")
