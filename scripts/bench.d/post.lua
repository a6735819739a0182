-- wrk script: POST a form (BODY) with the session cookie (COOKIE) and the page origin (ORIGIN).
wrk.method = "POST"
wrk.body = os.getenv("BODY") or ""
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = os.getenv("ORIGIN")
local cookie = os.getenv("COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
dofile("scripts/bench.d/stats.lua")
