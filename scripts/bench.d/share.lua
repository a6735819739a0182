-- Shared by the wrk scripts that send each request about another object: wrk runs one Lua state per thread,
-- so thread n of THREADS (wrk's -t, 2 by default) takes the lines n, n + THREADS, ... of a file: no two
-- threads send the same object.
local threads = tonumber(os.getenv("THREADS") or "2")
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

-- The lines of `path` that belong to this thread.
function share(path)
  local lines, n = {}, 0
  for line in io.lines(path) do
    if n % threads == index then
      lines[#lines + 1] = line
    end
    n = n + 1
  end
  return lines
end
