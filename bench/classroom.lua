-- classroom.lua: a class of 50 players (joined by bench.sh in world "bench",
-- ids 0..49), each looping /location, /accel, /look, /ping, /who as student
-- programs do.  wrk calls request() for every request it sends.
local players = 50
local routes = { "location", "accel", "look", "ping", "who" }
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
   local path = "/" .. route .. "?world=bench&id=" .. id
   if route == "accel" then
      path = path .. "&ctrl=" .. controls[math.floor(round / #routes) % #controls + 1]
   end
   return wrk.format("GET", path)
end
