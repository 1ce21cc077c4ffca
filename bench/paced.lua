-- paced.lua: a class that polls the way student programs do, with a
-- time.sleep(0.1) between requests: players 0..N-1 (BENCH_PLAYERS, 50)
-- of world "bench" (BENCH_WORLD) take turns looping /location, each
-- connection waiting BENCH_DELAY milliseconds (100) before each request,
-- so each player asks about 10 times a second.  wrk's latency is from
-- sending to the reply: the pause is not in it.
local players = tonumber(os.getenv("BENCH_PLAYERS") or "50")
local pause = tonumber(os.getenv("BENCH_DELAY") or "100")
local world = os.getenv("BENCH_WORLD") or "bench"
local n = 0

function init(args)
   n = math.random(0, players)   -- threads start apart
end

function delay()
   return pause
end

function request()
   n = n + 1
   return wrk.format("GET", "/location?world=" .. world .. "&id=" .. (n % players))
end
