-- classroom.lua: a class of players (joined by bench.sh in world "bench",
-- or BENCH_WORLD; ids 0..N-1, N from BENCH_PLAYERS, 50 by default), each looping /location,
-- /accel, /look, /ping, /who as student programs do.  BENCH_ROUTES can name
-- another loop ("location,accel,look,ping").  wrk calls request() for every
-- request it sends.
local players = tonumber(os.getenv("BENCH_PLAYERS") or "50")
local world = os.getenv("BENCH_WORLD") or "bench"
local routes = {}
for r in string.gmatch(os.getenv("BENCH_ROUTES") or "location,accel,look,ping,who", "[^,]+") do
   routes[#routes + 1] = r
end
local controls = { "w", "a", "w", "d", "s" }
local n = 0

function init(args)
   n = math.random(0, players * #routes)  -- threads start apart
end

function request()
   n = n + 1
   local id = n % players
   local round = math.floor(n / players)
   local route = routes[round % #routes + 1]
   local path = "/" .. route .. "?world=" .. world .. "&id=" .. id
   if route == "accel" then
      path = path .. "&ctrl=" .. controls[math.floor(round / #routes) % #controls + 1]
   end
   return wrk.format("GET", path)
end
