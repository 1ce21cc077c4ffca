"""The Mocean game through real lighttpd and requests: every route, every
refusal, and the physics against values computed by hand in a world with a
fixed seed."""
import ast
import math
import time

import pytest

from conftest import world_sql
from mocean_world import World, TREASURES

SEED = 20261122
BAD_ID = "bad player id; try debugging using the id route"


@pytest.fixture
def world(server, unique):
    """A fresh world with a fixed seed; returns (name, World)."""
    name = unique("w")
    server.make_world(name, SEED)
    return name, World(SEED)


def floats(text):
    return [float(v) for v in text.split(",")]


def place(server, world, pid, x, y, z=0.0, vx=0.0, vy=0.0, heading=0.0, t=None):
    """Put a player somewhere, moving so, as of time t (now by default)."""
    world_sql(server, world, "UPDATE player SET x=?, y=?, z=?, vx=?, vy=?, heading=?, t=? WHERE id=?",
              [x, y, z, vx, vy, heading, t or time.time(), pid])


def test_join_who_name_id_quit(server, world):
    w, _ = world
    assert server.text("join", name="fred", world=w) == "0"
    assert server.text("join", name="wilma", world=w) == "1"
    assert server.text("join", name="fred", world=w) == "0"        # already playing
    assert server.text("join", name="fr ed", world=w) == "-1"
    assert server.text("join", name="", world=w) == "-1"
    assert server.text("who", world=w) == "there are 2 players: fred wilma "
    assert server.get("who", world=w, format="json").json()["players"] == ["fred", "wilma"]
    assert server.text("name", id=1, world=w) == "wilma"
    assert server.text("id", name="wilma", world=w) == "1"
    assert server.text("id", name="nobody", world=w) == "-1"
    assert server.text("quit", name="wilma", world=w) == "player wilma removed from the game"
    assert server.text("quit", name="wilma", world=w).startswith("quit failed")
    assert server.text("name", id=1, world=w) == BAD_ID
    assert server.text("join", name="wilma", world=w) == "2"       # ids are never reused
    assert server.text("who", world=w) == "there are 2 players: fred wilma "


def test_new_player(server, world):
    w, _ = world
    pid = server.text("join", name="ann", world=w)
    x, y, z, wr, m, n = floats(server.text("location", id=pid, world=w))
    assert 40 <= x <= 200 and 40 <= y <= 200 and x == int(x) and y == int(y)
    assert (z, wr, m) == (0, 0, 0)
    vx, vy, heading = floats(server.text("velocity", id=pid, world=w))
    assert (vx, vy) == (0, 0) and 0 <= heading < 2 * math.pi
    assert ast.literal_eval(server.text("inventory", id=pid, world=w)) == [["air tank", "air tank", 1.0]]


@pytest.mark.parametrize("route", ["location", "velocity", "stop", "ping", "look", "inventory",
                                   "whalename", "treasurename", "seamountname", "popchat", "name"])
def test_bad_ids(server, world, route):
    w, _ = world
    assert server.text(route, id=99, world=w) == BAD_ID
    r = server.get(route, id="abc", world=w)
    assert r.status_code == 400 and r.text == BAD_ID
    r = server.get(route, world=w)
    assert r.status_code == 400 and r.text == BAD_ID


def test_bad_world_name(server):
    r = server.get("who", world="no-dashes")
    assert r.status_code == 400 and "world" in r.text
    r = server.get("who", world="x" * 33)
    assert r.status_code == 400 and "world" in r.text


def test_accelerations_from_rest(server, world):
    w, _ = world
    pid = server.text("join", name="swimmer", world=w)
    place(server, w, pid, 120, 64, heading=0.0)
    assert server.text("accel", id=pid, ctrl="w", world=w) == "120.0,64.0,0.0,1.0,0.0,0.0"  # accel.c
    speeds = [1.0]
    for ctrl in "www":
        x, y, z, vx, vy, h = floats(server.text("accel", id=pid, ctrl=ctrl, world=w))
        speeds.append(vx)
        assert vy == 0 and h == 0
    assert speeds == [1.0, 1.45, 1.45 * 1.45, 1.45 * 1.45 * 1.45]
    place(server, w, pid, 120, 64, vx=1.0, heading=0.0)
    assert server.text("accel", id=pid, ctrl="a", world=w).split(",")[3:] == \
        ["0.9659258262890683", "0.25881904510252074", "0.2617993877991494"]            # accel.c
    place(server, w, pid, 450, 450, vx=1.45 ** 3, heading=0.0)
    x, y, z, vx, vy, h = floats(server.text("accel", id=pid, ctrl="a", world=w))
    assert h == pytest.approx(math.pi / 12)
    assert math.hypot(vx, vy) == pytest.approx(1.45 ** 3)
    assert (vx, vy) == pytest.approx((1.45 ** 3 * math.cos(math.pi / 12), 1.45 ** 3 * math.sin(math.pi / 12)))
    x, y, z, vx, vy, h = floats(server.text("accel", id=pid, ctrl="d", world=w))
    assert h == pytest.approx(0, abs=1e-12)
    x, y, z, vx, vy, h = floats(server.text("accel", id=pid, ctrl="s", world=w))
    assert vx == pytest.approx(1.45 ** 3 * 0.6)
    for _ in range(3):
        server.text("accel", id=pid, ctrl="s", world=w)   # 1.10, 0.66, 0.395
    # 0.395 is not below 0.33: x0.6 once more (the first server's rule), then stop.
    x, y, z, vx, vy, h = floats(server.text("accel", id=pid, ctrl="s", world=w))
    assert vx == pytest.approx(1.45 ** 3 * 0.6 ** 5) and vx < 0.33
    x, y, z, vx, vy, h = floats(server.text("accel", id=pid, ctrl="s", world=w))
    assert (vx, vy) == (0, 0)
    r = server.text("accel", id=pid, ctrl="q", world=w)
    assert all(c in r for c in "wasd")


def test_accel_follows_the_first_server(server, world):
    """Measured on the first server: w passes the top speed once (28.33 ->
    41.08, then stays); s stops only below 0.33 (0.4541 -> 0.2725 -> 0)."""
    w, _ = world
    pid = server.text("join", name="measured", world=w)
    place(server, w, pid, 450, 450, vx=28.33, heading=0.0)
    assert floats(server.text("accel", id=pid, ctrl="w", world=w))[3] == 28.33 * 1.45   # 41.08
    for _ in range(3):
        assert floats(server.text("accel", id=pid, ctrl="w", world=w))[3] == 28.33 * 1.45
    place(server, w, pid, 450, 450, vx=0.4541, heading=0.0)
    assert floats(server.text("accel", id=pid, ctrl="s", world=w))[3] == 0.4541 * 0.6   # 0.2725
    assert floats(server.text("accel", id=pid, ctrl="s", world=w))[3:5] == [0, 0]
    place(server, w, pid, 450, 450, vx=40.0, heading=0.0)     # at (not above) top speed: faster
    assert floats(server.text("accel", id=pid, ctrl="w", world=w))[3] == 58.0


def test_top_speeds(server, world):
    """w multiplies by 1.45 until the speed is above the top, then stays."""
    w, _ = world
    pid = server.text("join", name="racer", world=w)
    place(server, w, pid, 450, 450)
    expected, speed = [], 1.0
    for _ in range(15):
        expected.append(speed)
        if speed <= 40:
            speed *= 1.45
    got = [floats(server.text("accel", id=pid, ctrl="w", world=w))[3] for _ in range(15)]
    assert got == expected and got[-1] == got[10] == 41.08469075197275
    server.text("dive", id=pid, ctrl="f", world=w)                 # diving stops you
    got = [floats(server.text("accel", id=pid, ctrl="w", world=w))[3] for _ in range(8)]
    assert got == [1.0, 1.45, 2.1025, 3.048625, 4.42050625] + [6.409734062499999] * 3   # top 5 under water


def test_motion_is_continuous(server, world):
    w, _ = world
    pid = server.text("join", name="drifter", world=w)
    t0 = time.time()
    place(server, w, pid, 100, 100, vx=3.0, vy=-4.0, t=t0)
    time.sleep(0.5)
    x, y, z, wr, m, n = floats(server.text("location", id=pid, world=w))
    dt = time.time() - t0
    assert 100 + 3 * 0.5 <= x <= 100 + 3 * dt + 1e-9
    assert 100 - 4 * dt - 1e-9 <= y <= 100 - 4 * 0.5
    # stop keeps the position and heading
    x2, y2, z2, vx, vy, h = floats(server.text("stop", id=pid, world=w))
    assert (vx, vy) == (0, 0) and x2 >= x


@pytest.mark.parametrize("start, velocity, check", [
    ((899.5, 450), (10, 0), lambda x, y: x < 100 and y == 450),   # east edge -> west
    ((0.5, 450), (-10, 0), lambda x, y: x > 800 and y == 450),    # west edge -> east
    ((450, 899.5), (0, 10), lambda x, y: y < 100 and x == 450),   # north -> south
    ((450, 0.5), (0, -10), lambda x, y: y > 800 and x == 450),    # south -> north
])
def test_wrapping(server, world, start, velocity, check):
    w, _ = world
    pid = server.text("join", name="wrapper", world=w)
    assert floats(server.text("location", id=pid, world=w))[3] == 0
    place(server, w, pid, start[0], start[1], vx=velocity[0], vy=velocity[1])
    time.sleep(0.2)
    x, y, z, wr, m, n = floats(server.text("location", id=pid, world=w))
    assert check(x, y) and 0 <= x < 900 and 0 <= y < 900
    assert wr == 1
    assert floats(server.text("location", id=pid, world=w))[3] == 0   # told once


def test_dive_limits_at_a_seamount(server, world):
    w, geo = world
    pid = server.text("join", name="diver", world=w)
    s = geo.seamounts[0]
    floor = geo.depth(s["x"], s["y"])
    place(server, w, pid, s["x"], s["y"])
    depths = [floats(server.text("dive", id=pid, ctrl="f", world=w))[2] for _ in range(12)]
    expected = [min(5.0 * (i + 1), floor) for i in range(12)]
    assert depths == pytest.approx(expected)
    assert float(server.text("ping", id=pid, world=w)) == pytest.approx(floor)
    ups = [floats(server.text("dive", id=pid, ctrl="r", world=w))[2] for _ in range(12)]
    assert ups[-1] == 0 and min(ups) == 0
    assert server.text("dive", id=pid, ctrl="x", world=w) == "-1"
    place(server, w, pid, s["x"], s["y"], vx=2.0)
    server.text("dive", id=pid, ctrl="f", world=w)
    assert floats(server.text("velocity", id=pid, world=w))[:2] == [0, 0]    # diving stops you


def test_rising_floor_pushes_diver_up(server, world):
    w, geo = world
    pid = server.text("join", name="pushed", world=w)
    s = max(geo.seamounts, key=lambda s: s["height"])
    # 25 m deep, 3 sigma west of the peak, swimming east onto the peak.
    start = s["x"] - 3 * s["sigma"]
    place(server, w, pid, start, s["y"], z=min(25.0, geo.depth(start, s["y"])), vx=5.0)
    time.sleep(3 * s["sigma"] / 5.0)
    x, y, z, *_ = floats(server.text("location", id=pid, world=w))
    assert z <= geo.depth(x, y) + 1e-9
    assert z < 25.0


def test_seamount_overlap_reaches_the_surface(server, unique):
    """Two tall hills close together: where they overlap the floor is 0."""
    w = unique("overlap")
    server.make_world(w)
    for seed in range(1, 5000):
        geo = World(seed)
        for i, a in enumerate(geo.seamounts):
            for b in geo.seamounts[i + 1:]:
                mx, my = (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2
                if geo.depth(mx, my) == 0 and geo.depth(a["x"], a["y"]) == 0:
                    break
            else:
                continue
            break
        else:
            continue
        break
    else:
        pytest.fail("no seed with overlapping hills found")
    world_sql(server, w, "UPDATE world SET seed = ?", [seed])
    pid = server.text("join", name="climber", world=w)
    place(server, w, pid, mx, my)
    assert float(server.text("ping", id=pid, world=w)) == 0.0
    assert floats(server.text("dive", id=pid, ctrl="f", world=w))[2] == 0.0


def test_ping_matches_the_geometry(server, world):
    w, geo = world
    pid = server.text("join", name="pinger", world=w)
    for x, y in [(200, 300), (263, 330), (450, 450), (5, 895), (370, 452)]:
        place(server, w, pid, x, y)
        assert float(server.text("ping", id=pid, world=w)) == pytest.approx(geo.depth(x, y), abs=1e-9)
    for i in range(12):
        s = geo.seamounts[i]
        place(server, w, pid, s["x"], s["y"])
        assert float(server.text("ping", id=pid, world=w)) == pytest.approx(geo.depth(s["x"], s["y"]))
        assert server.text("seamountname", id=pid, world=w) == \
            "the nearest seamount to you is called " + s["name"]


def give(server, w, pid, treasure):
    world_sql(server, w, "INSERT INTO item (player, kind, name) VALUES (?, 'treasure', ?)", [pid, treasure])


def test_teleport(server, world):
    w, _ = world
    pid = server.text("join", name="jumper", world=w)
    assert "teleport crystal" in server.text("teleport", id=pid, x=10, y=10, world=w)
    give(server, w, pid, "teleport crystal")
    assert floats(server.text("teleport", id=pid, x=450, y=12.5, world=w)) == [450, 12.5, 0]
    for x, y in [(900, 10), (-1, 10), (10, "north"), ("", 5)]:
        assert "inside the ocean" in server.text("teleport", id=pid, x=x, y=y, world=w)
    assert floats(server.text("velocity", id=pid, world=w))[:2] == [0, 0]


def test_look_and_sight(server, world):
    w, geo = world
    pid = server.text("join", name="looker", world=w)
    wx, wy = geo.whales[3]
    place(server, w, pid, wx + 10, wy)
    reply = server.text("look", id=pid, world=w)
    parts = reply.split(",")
    assert parts[-1] == ""
    things = [(parts[i], float(parts[i + 1]), float(parts[i + 2]), float(parts[i + 3]))
              for i in range(0, len(parts) - 1, 4)]
    assert ("whale", wx, wy, 0.0) in things
    expected = [("whale",) + geo.whales[i] + (0.0,) for i in range(17)
                if math.dist((0, 0), (0, 0)) == 0 and
                __import__("mocean_world").sight_water_distance((wx + 10, wy, 0), geo.whales[i] + (0,)) <= 20]
    assert [t for t in things if t[0] == "whale"] == expected
    # 15 m down, sight is 5 m: the whale 10 m away is out of sight.
    place(server, w, pid, wx + 10, wy, z=min(15.0, geo.depth(wx + 10, wy)))
    z = min(15.0, geo.depth(wx + 10, wy))
    if z >= 10:
        assert "whale,%d" % wx not in server.text("look", id=pid, world=w)
    # With binoculars: 100 m.
    give(server, w, pid, "binoculars")
    place(server, w, pid, wx + 90, wy)
    assert "whale,%d,%d,0," % (wx, wy) in server.text("look", id=pid, world=w)
    rows = world_sql(server, w, "SELECT count(*) FROM sighting WHERE player = 'looker'")
    assert rows[0][0] >= 2
    j = server.get("look", id=pid, world=w, format="json").json()
    assert {"thing": "whale", "x": wx, "y": wy, "z": 0.0} in j["things"]


def test_location_flags(server, world):
    w, geo = world
    a = server.text("join", name="alpha", world=w)
    b = server.text("join", name="beta", world=w)
    place(server, w, a, 450, 452)
    place(server, w, b, 450, 440)
    x, y, z, wr, m, n = floats(server.text("location", id=a, world=w))
    assert n == (1 if any(math.dist((450, 452), wh) <= 20 for wh in geo.whales) else 1)  # beta is 12 m away
    place(server, w, b, 450, 600)
    near_things = any(__import__("mocean_world").sight_water_distance((450, 452, 0), wh + (0,)) <= 20
                      for wh in geo.whales) or \
        any(__import__("mocean_world").sight_water_distance((450, 452, 0), geo.treasure(i)) <= 20 for i in range(12))
    assert floats(server.text("location", id=a, world=w))[5] == (1 if near_things else 0)
    server.text("sendchat", id=b, name="alpha", message="hi", world=w)
    assert floats(server.text("location", id=a, world=w))[4] == 1
    rows = world_sql(server, w, "SELECT player, x, y, z FROM track WHERE player = 'alpha'")
    assert len(rows) == 3 and rows[0][1:] == (450.0, 452.0, 0.0)


def test_treasure_get_inventory_use(server, world):
    w, geo = world
    pid = server.text("join", name="hunter", world=w)
    assert server.text("get", id=pid, item="treasure", world=w).startswith("there is no treasure")
    i = TREASURES.index("crash alert")
    tx, ty, tz = geo.treasure(i)
    place(server, w, pid, tx, ty, z=tz)
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "
    assert server.text("get", id=pid, item="treasure", world=w).startswith("already yours")
    inv = ast.literal_eval(server.text("inventory", id=pid, world=w))
    assert inv == [["air tank", "air tank", 1.0], ["treasure", "crash alert"]]
    assert server.text("treasurename", id=pid, world=w) == "treasures held by hunter: crash alert "
    nearest = min(geo.seamounts, key=lambda s: __import__("mocean_world").torus_distance(tx, ty, s["x"], s["y"]))
    assert nearest["name"] in server.text("use", id=pid, item="crash alert", world=w)
    assert "spell the treasure's name exactly" in server.text("use", id=pid, item="crash alrt", world=w)
    assert server.text("get", id=pid, item="boat", world=w) == "you can get item=treasure or item=whale"
    assert world_sql(server, w, "SELECT treasure FROM taken") == [(i,)]


def test_boat_hook_reach(server, world):
    w, geo = world
    pid = server.text("join", name="hooker", world=w)
    tx, ty, tz = geo.treasure(0)
    place(server, w, pid, tx + 20, ty, z=tz)
    assert server.text("get", id=pid, item="treasure", world=w).startswith("there is no")
    give(server, w, pid, "boat hook")
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "


def test_iron_dust_bloom_and_whale_riding(server, world):
    w, geo = world
    pid = server.text("join", name="rider", world=w)
    i = TREASURES.index("iron dust")
    tx, ty, tz = geo.treasure(i)
    place(server, w, pid, tx, ty, z=tz)
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "  # never runs out
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]
    wx, wy = geo.whales[0]
    place(server, w, pid, wx + 3, wy)
    assert "plankton bloom" in server.text("get", id=pid, item="whale", world=w)
    story = server.text("use", id=pid, item="iron dust", world=w)
    assert "plankton" in story and "whale" in story
    assert world_sql(server, w, "SELECT bloom FROM world") == [(1,)]
    assert server.text("treasurename", id=pid, world=w) == "treasures held by rider: iron dust "
    assert server.text("whalename", id=pid, world=w).startswith("you are not riding")
    assert server.text("get", id=pid, item="whale", world=w) == "congratulations, you are now riding a whale"
    name = server.text("whalename", id=pid, world=w)
    assert name and not name.startswith("you")
    assert ["whale", name] in ast.literal_eval(server.text("inventory", id=pid, world=w))
    assert "already riding" in server.text("get", id=pid, item="whale", world=w)
    speeds = [floats(server.text("accel", id=pid, ctrl="w", world=w))[3] for _ in range(20)]
    assert speeds[12] == speeds[-1] == pytest.approx(1.45 ** 12)      # past the top once, then stays
    assert speeds[11] < 80 < speeds[12]
    assert "whale,%d,%d," % (wx, wy) not in server.text("look", id=pid, world=w)   # off the map


def test_chat(server, world):
    w, _ = world
    a = server.text("join", name="ann", world=w)
    b = server.text("join", name="bob", world=w)
    server.text("accel", id=a, ctrl="w", world=w)
    assert server.text("sendchat", id=a, name="bob", message="meet at Krakatoa!", world=w) == "message sent to bob"
    assert floats(server.text("velocity", id=a, world=w))[:2] == [0, 0]    # sending stops you
    assert "full" in server.text("sendchat", id=a, name="bob", message="again", world=w)
    assert "no player called carl" in server.text("sendchat", id=a, name="carl", message="hi", world=w)
    assert "empty" in server.text("sendchat", id=a, name="bob", message="", world=w)
    assert server.text("popchat", id=b, world=w) == "player ann tells you: meet at Krakatoa!"
    assert server.text("popchat", id=b, world=w) == "no message in your inbox"
    assert server.get("popchat", id=b, world=w, format="json").json()["message"] is None
    r = server.get("sendchat", id=a, name="bob", message="x" * 501, world=w)
    assert r.status_code == 400 and r.text.startswith("message is too long")


def test_json_forms(server, world):
    w, _ = world
    pid = int(server.text("join", name="jason", world=w))
    assert server.get("join", name="jason", world=w, format="json").json() == {"reply": str(pid), "id": pid}
    j = server.get("location", id=pid, world=w, format="json").json()
    assert set(j) == {"reply", "x", "y", "z", "wrapped", "message", "near"}
    assert j["reply"].split(",")[0] == repr(j["x"])
    j = server.get("accel", id=pid, ctrl="w", world=w, format="json").json()
    assert set(j) == {"reply", "x", "y", "z", "vx", "vy", "heading"}
    server.text("stop", id=pid, world=w)      # so both pings are at one spot
    assert server.get("ping", id=pid, world=w, format="json").json()["depth"] == float(
        server.text("ping", id=pid, world=w))


def test_mocean_usage(server):
    long = server.text("mocean")
    lines = long.splitlines()
    assert lines[0].startswith("Mocean") and "900" in lines[1] and "40" in lines[1]
    for route in ["join", "quit", "who", "name", "id", "location", "velocity", "accel", "stop", "dive",
                  "ping", "teleport", "look", "get", "inventory", "use", "whalename", "treasurename",
                  "seamountname", "sendchat", "popchat"]:
        assert "/%s " % route in long
    brief = server.text("mocean", usage="brief")
    assert len(brief) < len(long) and "/join name" in brief
    assert '<pre id="reply"' in server.get("mocean", client="browser").text
