"""Mocean part 2 through real lighttpd: /look, /get, /inventory, /use,
/whalename, /treasurename, /seamountname, /sendchat, /popchat, every refusal
and the JSON forms, checked against the geometry computed in Python
(tests/mocean_world.py) in a world with a fixed seed.  Replies are parsed the
way a student's client would: split on commas, ast.literal_eval."""
import ast
import time

import pytest

from conftest import world_sql
from mocean_world import World, TREASURES, WHALES as WHALE_NAMES, sight_water_distance, torus_distance

SEED = 20261122
BAD_ID = "bad player id; try debugging using the id route"
MY_ROUTES = ["look", "get", "inventory", "use", "whalename", "treasurename", "seamountname",
             "sendchat", "popchat"]


@pytest.fixture
def world(server, unique):
    """A fresh world with a fixed seed: (name, World)."""
    name = unique("items")
    server.make_world(name, SEED)
    return name, World(SEED)


def place(server, w, pid, x, y, z=0.0):
    """Put a player at rest somewhere, as of now."""
    world_sql(server, w, "UPDATE player SET x=?, y=?, z=?, vx=0, vy=0, t=? WHERE id=?",
              [x, y, z, time.time(), pid])


def give(server, w, pid, treasure):
    world_sql(server, w, "INSERT INTO item (player, kind, name) VALUES (?, 'treasure', ?)", [pid, treasure])


def parse_look(reply):
    """'whale,1,2,0,treasure,...,' -> [('whale', 1, 2, 0), ...], read the way
    the first server's clients read it: int() for every whale number and for
    a treasure's x and y, float() for a treasure's depth."""
    if reply == "":
        return []
    parts = reply.split(",")
    assert parts[-1] == "", reply
    things = []
    for i in range(0, len(parts) - 1, 4):
        thing, x, y, z = parts[i:i + 4]
        things.append((thing, int(x), int(y), int(z) if thing == "whale" else float(z)))
    return things


def in_sight(geo, where, sight):
    """What the geometry says a player at where sees: whales, then treasures."""
    whales = [("whale", x, y, 0.0) for x, y in geo.whales if sight_water_distance(where, (x, y, 0.0)) <= sight]
    treasures = [("treasure",) + geo.treasure(i) for i in range(12)
                 if sight_water_distance(where, geo.treasure(i)) <= sight]
    return whales + treasures


@pytest.mark.parametrize("route", MY_ROUTES)
def test_bad_ids(server, world, route):
    w, _ = world
    r = server.get(route, id=42, world=w, item="treasure", name="x", message="hi")
    assert (r.status_code, r.text) == (200, BAD_ID)
    for bad in [{}, {"id": "abc"}]:
        r = server.get(route, world=w, **bad)
        assert (r.status_code, r.text) == (400, BAD_ID)


def test_look_nothing_in_sight(server, world):
    w, geo = world
    pid = server.text("join", name="lonely", world=w)
    spot = next((x, y, 0.0) for x in range(0, 900, 7) for y in range(0, 900, 7)
                if not in_sight(geo, (x, y, 0.0), 20))
    place(server, w, pid, *spot)
    assert server.text("look", id=pid, world=w) == ""
    assert server.get("look", id=pid, world=w, format="json").json() == {"reply": "", "things": []}
    assert world_sql(server, w, "SELECT count(*) FROM sighting") == [(0,)]


def test_look_prints_as_the_first_server(server, world):
    """Whales: x, y, z integers; treasures: x, y integers, depth a real."""
    w, geo = world
    pid = server.text("join", name="lookout", world=w)
    place(server, w, pid, 84, 734)                          # look.c's example
    (wx, wy), (tx, ty, tz) = geo.whales[16], geo.treasure(10)
    expected = "whale,%d,%d,0,treasure,%d,%d,%r," % (wx, wy, tx, ty, tz)
    assert expected == "whale,69,747,0,treasure,98,726,8.696990291071252,"
    assert server.text("look", id=pid, world=w) == expected
    j = server.get("look", id=pid, world=w, format="json").json()
    assert j == {"reply": expected, "things": [{"thing": "whale", "x": 69, "y": 747, "z": 0},
                                              {"thing": "treasure", "x": 98, "y": 726, "z": tz}]}
    assert [type(v) for v in j["things"][0].values()] == [str, int, int, int]
    assert [type(v) for v in j["things"][1].values()] == [str, int, int, float]


def test_look_whales_then_treasures_with_binoculars(server, world):
    w, geo = world
    pid = server.text("join", name="owl", world=w)
    # Between Meru Prastarah and Aiden Seamount: two treasures, and whale 8
    # at (705, 454) within 100 m.
    where = (640.0, 420.0, 0.0)
    place(server, w, pid, *where)
    assert parse_look(server.text("look", id=pid, world=w)) == in_sight(geo, where, 20)
    give(server, w, pid, "binoculars")
    expected = in_sight(geo, where, 100)
    assert [t[0] for t in expected].count("whale") >= 1 and [t[0] for t in expected].count("treasure") >= 2
    assert parse_look(server.text("look", id=pid, world=w)) == expected
    j = server.get("look", id=pid, world=w, format="json").json()
    assert [(t["thing"], t["x"], t["y"], t["z"]) for t in j["things"]] == expected
    rows = world_sql(server, w, "SELECT player, thing, x, y, z FROM sighting ORDER BY rowid")
    assert rows[-len(expected):] == [("owl",) + t for t in expected]
    assert len(rows) == len(in_sight(geo, where, 20)) + 2 * len(expected)


def test_sight_shrinks_with_depth_but_never_below_five(server, world):
    w, geo = world
    pid = server.text("join", name="diver", world=w)
    tx, ty, tz = geo.treasure(6)            # Ridhi Seamount's peak, 18.9 m down
    assert tz > 15
    place(server, w, pid, tx + 4, ty, tz)   # sight 20 - 18.9 would be 1.1: 5 instead
    assert parse_look(server.text("look", id=pid, world=w)) == [("treasure", tx, ty, tz)]
    place(server, w, pid, tx + 6, ty, tz)
    assert server.text("look", id=pid, world=w) == ""
    wx, wy = geo.whales[0]
    assert geo.depth(wx + 9, wy) >= 10
    place(server, w, pid, wx + 9, wy, 4.0)  # sight 16, whale 9.8 m away
    assert ("whale", wx, wy, 0.0) in parse_look(server.text("look", id=pid, world=w))
    place(server, w, pid, wx + 9, wy, 10.0)  # sight 10, whale 13.5 m away
    assert ("whale", wx, wy, 0.0) not in parse_look(server.text("look", id=pid, world=w))


def test_get_treasure_and_refusals(server, world):
    w, geo = world
    a = server.text("join", name="ann", world=w)
    b = server.text("join", name="bob", world=w)
    server.text("admin", key=server.key, world=w, do="treasures", rule="shared")   # a race
    far = server.get("get", id=a, item="treasure", world=w, format="json").json()
    assert far["got"] is False and far["item"] is None and far["reply"].startswith("there is no treasure within reach")
    tx, ty, tz = geo.treasure(1)
    place(server, w, a, tx, ty, tz)
    assert server.text("get", id=a, item="treasure", world=w) == "treasure recovered! "
    place(server, w, b, tx + 5, ty, tz)
    assert server.text("get", id=b, item="treasure", world=w) == "gone: ann took it first"
    place(server, w, a, *geo.treasure(3))
    assert server.get("get", id=a, item="treasure", world=w, format="json").json() == {
        "reply": "treasure recovered! ", "got": True, "item": "ALVIN submarine"}
    assert world_sql(server, w, "SELECT treasure, player FROM taken ORDER BY treasure") == [(1, 0), (3, 0)]
    for item in ["boat", "", "Treasure"]:
        j = server.get("get", id=a, item=item, world=w, format="json").json()
        assert j["reply"] == "you can get item=treasure or item=whale" and j["got"] is False
    assert ast.literal_eval(server.text("inventory", id=b, world=w)) == [["air tank", "air tank", 1.0]]


def test_get_takes_the_nearest_treasure(server, world):
    w, geo = world
    pid = server.text("join", name="picker", world=w)
    give(server, w, pid, "boat hook")
    meru, aiden = geo.treasure(2), geo.treasure(7)          # 27.6 m apart
    where = (630.0, 415.0, min(geo.depth(630, 415), 5.0))
    near, far = sorted([2, 7], key=lambda i: sight_water_distance(where, geo.treasure(i)))
    assert sight_water_distance(where, geo.treasure(far)) <= 35
    place(server, w, pid, *where)
    assert server.get("get", id=pid, item="treasure", world=w, format="json").json()["item"] == TREASURES[near]
    assert server.get("get", id=pid, item="treasure", world=w, format="json").json()["item"] == TREASURES[far]
    assert server.text("get", id=pid, item="treasure", world=w).startswith("already yours: you took the " +
                                                                            TREASURES[near])
    assert meru != aiden


def test_boat_hook_reach(server, world):
    w, geo = world
    pid = server.text("join", name="hook", world=w)
    place(server, w, pid, *geo.treasure(9))                  # the boat hook itself
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "
    tx, ty, tz = geo.treasure(0)
    place(server, w, pid, tx + 36, ty, tz)
    assert "35 m" in server.text("get", id=pid, item="treasure", world=w)
    place(server, w, pid, tx + 30, ty, tz)
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "
    assert server.text("treasurename", id=pid, world=w) == "treasures held by hook: boat hook fishing net "


def test_without_hook_reach_is_ten(server, world):
    w, geo = world
    pid = server.text("join", name="short", world=w)
    tx, ty, tz = geo.treasure(4)
    place(server, w, pid, tx + 11, ty, tz)
    assert server.text("get", id=pid, item="treasure", world=w) == \
        "there is no treasure within reach (10 m); swim closer"
    place(server, w, pid, tx + 9.5, ty, tz)
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "


def test_inventory_is_a_python_literal(server, world):
    w, geo = world
    pid = server.text("join", name="packer", world=w)
    assert server.text("inventory", id=pid, world=w) == "[['air tank', 'air tank', 1.0]]"
    place(server, w, pid, *geo.treasure(7))
    server.text("get", id=pid, item="treasure", world=w)
    odd = "it's a \"test\" \\ with\ttab and caf\u00e9"
    give(server, w, pid, odd)
    give(server, w, pid, "Kick 'em Jenny")
    text = server.text("inventory", id=pid, world=w)
    expected = [["air tank", "air tank", 1.0], ["treasure", "binoculars"], ["treasure", odd],
                ["treasure", "Kick 'em Jenny"]]
    assert ast.literal_eval(text) == expected
    assert text.startswith("[['air tank', 'air tank', 1.0], ['treasure', 'binoculars'], ")
    assert server.get("inventory", id=pid, world=w, format="json").json() == {"reply": text, "items": expected}


def test_inventory_quotes_as_python_does(server, world):
    """The listing moved from lib into inventory.c: quotes, backslashes and
    control bytes as repr() writes them, whales included."""
    w, _ = world
    pid = server.text("join", name="quoter", world=w)
    world_sql(server, w, "INSERT INTO item (player, kind, name) VALUES (?, 'whale', ?)",
              [pid, 'Moby\'s "cousin"'])
    give(server, w, pid, "bell\x07 del\x7f")
    text = server.text("inventory", id=pid, world=w)
    assert text == repr([["air tank", "air tank", 1.0], ["whale", 'Moby\'s "cousin"'],
                         ["treasure", "bell\x07 del\x7f"]])
    assert server.get("inventory", id=pid, world=w, format="json").json()["items"] == ast.literal_eval(text)


def test_a_full_bag(server, world):
    """Iron dust never runs out, so a bag holds at most 100 treasures: /get
    past that says so, and using iron dust makes room."""
    w, geo = world
    pid = server.text("join", name="hoarder", world=w)
    world_sql(server, w, "INSERT INTO item (player, kind, name) SELECT ?, 'treasure', 'iron dust'"
              " FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99)"
              " SELECT i FROM n)", [pid])
    place(server, w, pid, *geo.treasure(10))
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "   # the 100th
    j = server.get("get", id=pid, item="treasure", world=w, format="json").json()
    assert j == {"reply": "your bag is full (100 treasures): use some first", "got": False, "item": None}
    place(server, w, pid, *geo.treasure(2))
    assert server.text("get", id=pid, item="treasure", world=w).startswith("your bag is full")
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]      # still on the map
    assert len(ast.literal_eval(server.text("inventory", id=pid, world=w))) == 101
    assert server.text("use", id=pid, item="iron dust", world=w).startswith("You sprinkle")
    assert server.text("get", id=pid, item="treasure", world=w) == "treasure recovered! "
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(1,)]


def test_use_every_treasure(server, world):
    w, geo = world
    pid = server.text("join", name="user", world=w)
    j = server.get("use", id=pid, item="binoculars", world=w, format="json").json()
    assert j["used"] is False and j["item"] == "binoculars"
    assert "spell the treasure's name exactly" in j["reply"]
    stories = set()
    for t in TREASURES:
        if t not in ("iron dust", "crash alert"):
            give(server, w, pid, t)
            j = server.get("use", id=pid, item=t, world=w, format="json").json()
            assert j["used"] is True and j["item"] == t and j["reply"]
            stories.add(j["reply"])
    assert len(stories) == 9                          # each one its own sentence
    for t, words in [("binoculars", "100"), ("boat hook", "35"), ("teleport crystal", "/teleport")]:
        assert words in server.text("use", id=pid, item=t, world=w)
    give(server, w, pid, "rubber duck")               # a teacher's surprise: no story of its own
    assert server.get("use", id=pid, item="rubber duck", world=w, format="json").json() == {
        "reply": "You turn it over in your hands. It looks valuable.", "item": "rubber duck", "used": True}
    give(server, w, pid, "crash alert")
    for x, y in [(100, 100), (640, 410), (300, 700), (890, 5)]:
        place(server, w, pid, x, y)
        nearest = min(geo.seamounts, key=lambda s: torus_distance(x, y, s["x"], s["y"]))
        assert server.text("use", id=pid, item="crash alert", world=w).endswith(" " + nearest["name"])
    assert "spell" in server.text("use", id=pid, item="Binoculars", world=w)
    assert server.text("use", id=pid, world=w) == "which treasure? say it with item=, like /use?id=%s&item=binoculars" % pid
    inv = ast.literal_eval(server.text("inventory", id=pid, world=w))
    assert len(inv) == 1 + 9 + 1 + 1                  # using a treasure keeps it (but iron dust)


def test_use_the_air_tank(server, world):
    """Every player carries an air tank: /use finds it, and says it cannot
    be used now (the first server did the same)."""
    w, _ = world
    pid = server.text("join", name="breather", world=w)
    reply = server.text("use", id=pid, item="air tank", world=w)
    assert reply == "you are breathing from your air tank: it cannot be used now"
    assert "not carrying" not in reply
    assert server.get("use", id=pid, item="air tank", world=w, format="json").json() == {
        "reply": reply, "item": "air tank", "used": False}
    assert ast.literal_eval(server.text("inventory", id=pid, world=w)) == [["air tank", "air tank", 1.0]]


def test_iron_dust_bloom_and_whale_riding(server, world):
    w, geo = world
    a = server.text("join", name="rider", world=w)
    b = server.text("join", name="friend", world=w)
    wx, wy = geo.whales[0]
    place(server, w, b, wx + 3, wy)
    assert "plankton bloom" in server.text("get", id=b, item="whale", world=w)   # not yet
    place(server, w, a, *geo.treasure(10))
    for _ in range(3):                                # iron dust never runs out
        assert server.text("get", id=a, item="treasure", world=w) == "treasure recovered! "
    place(server, w, b, *geo.treasure(11))
    assert server.text("get", id=b, item="treasure", world=w) == "treasure recovered! "
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]
    assert world_sql(server, w, "SELECT bloom FROM world") == [(0,)]
    j = server.get("use", id=a, item="iron dust", world=w, format="json").json()
    assert j["used"] is True and j["item"] == "iron dust"
    assert "iron" in j["reply"] and "plankton" in j["reply"] and "whale" in j["reply"]
    assert len(j["reply"].splitlines()) >= 3
    assert world_sql(server, w, "SELECT bloom FROM world") == [(1,)]
    assert server.text("treasurename", id=a, world=w) == "treasures held by rider: iron dust iron dust "

    # The bloom is for the whole world: bob rides whale 0.
    place(server, w, b, wx + 20, wy)
    assert server.text("get", id=b, item="whale", world=w).startswith("there is no whale within reach")
    j = server.get("whalename", id=b, world=w, format="json").json()
    assert j["whale"] is None and j["reply"].startswith("you are not riding")
    place(server, w, b, wx + 3, wy)
    j = server.get("get", id=b, item="whale", world=w, format="json").json()
    assert j == {"reply": "congratulations, you are now riding a whale", "got": True, "item": WHALE_NAMES[0]}
    assert server.get("whalename", id=b, world=w, format="json").json() == {
        "reply": WHALE_NAMES[0], "whale": WHALE_NAMES[0]}
    assert world_sql(server, w, "SELECT whale FROM player WHERE id = ?", [b]) == [(0,)]
    assert ast.literal_eval(server.text("inventory", id=b, world=w))[-1] == ["whale", WHALE_NAMES[0]]
    assert "already riding " + WHALE_NAMES[0] in server.text("get", id=b, item="whale", world=w)
    # The whale has left the map: ann, right there, neither sees nor gets it.
    place(server, w, a, wx + 3, wy)
    assert ("whale", wx, wy, 0.0) not in parse_look(server.text("look", id=a, world=w))
    assert server.text("get", id=a, item="whale", world=w).startswith("there is no whale")
    speeds = []
    for _ in range(20):
        vx, vy = [float(v) for v in server.text("accel", id=b, ctrl="w", world=w).split(",")[3:5]]
        speeds.append((vx * vx + vy * vy) ** 0.5)
    assert speeds[11] < 80 < speeds[12] == speeds[-1]     # a whale's top is 80: passed once
    # When bob quits, whale 0 is back on the map where it was.
    assert server.text("quit", name="friend", world=w) == "player friend removed from the game"
    place(server, w, a, wx + 3, wy)
    assert ("whale", wx, wy, 0) in parse_look(server.text("look", id=a, world=w))


def test_treasurename_and_seamountname(server, world):
    w, geo = world
    pid = server.text("join", name="navi", world=w)
    assert server.text("treasurename", id=pid, world=w) == "treasures held by navi: "
    assert server.get("treasurename", id=pid, world=w, format="json").json()["treasures"] == []
    give(server, w, pid, "JSON ROV")
    give(server, w, pid, "boat hook")
    assert server.get("treasurename", id=pid, world=w, format="json").json() == {
        "reply": "treasures held by navi: JSON ROV boat hook ", "treasures": ["JSON ROV", "boat hook"]}
    for x, y in [(40, 40), (806, 832), (700, 200), (899, 899), (450, 10)]:
        place(server, w, pid, x, y)
        nearest = min(geo.seamounts, key=lambda s: torus_distance(x, y, s["x"], s["y"]))["name"]
        assert server.get("seamountname", id=pid, world=w, format="json").json() == {
            "reply": "the nearest seamount to you is called " + nearest, "seamount": nearest}


def test_chat(server, world):
    w, _ = world
    a = server.text("join", name="ann", world=w)
    b = server.text("join", name="bob", world=w)
    c = server.text("join", name="cat", world=w)
    # A refusal delivers nothing, but ann stops all the same (the first server
    # stopped the sender whatever followed).
    for name, message, words in [("zed", "hi", "no player called zed"), ("bob", "", "empty")]:
        server.text("accel", id=a, ctrl="w", world=w)
        assert server.text("velocity", id=a, world=w).split(",")[:2] != ["0.0", "0.0"]
        j = server.get("sendchat", id=a, name=name, message=message, world=w, format="json").json()
        assert j["sent"] is False and words in j["reply"]
        assert server.text("velocity", id=a, world=w).split(",")[:2] == ["0.0", "0.0"]
    assert world_sql(server, w, "SELECT count(*) FROM player WHERE inbox IS NOT NULL") == [(0,)]
    server.text("accel", id=a, ctrl="w", world=w)
    j = server.get("sendchat", id=a, name="bob", message="meet me at Krakatoa, 3 o'clock!",
                   world=w, format="json").json()
    assert j == {"reply": "message sent to bob", "sent": True}
    assert [float(v) for v in server.text("velocity", id=a, world=w).split(",")[:2]] == [0.0, 0.0]
    assert server.text("location", id=b, world=w).split(",")[4] == "1"
    server.text("accel", id=c, ctrl="w", world=w)
    assert "inbox is full" in server.text("sendchat", id=c, name="bob", message="me too", world=w)
    assert [float(v) for v in server.text("velocity", id=c, world=w).split(",")[:2]] == [0.0, 0.0]
    assert server.get("popchat", id=b, world=w, format="json").json() == {
        "reply": "player ann tells you: meet me at Krakatoa, 3 o'clock!",
        "message": "player ann tells you: meet me at Krakatoa, 3 o'clock!"}
    assert server.get("popchat", id=b, world=w, format="json").json() == {
        "reply": "no message in your inbox", "message": None}
    assert server.text("sendchat", id=c, name="bob", message="me too", world=w) == "message sent to bob"
    assert server.text("popchat", id=b, world=w) == "player cat tells you: me too"
    assert server.text("popchat", id=c, world=w) == "no message in your inbox"
    r = server.get("sendchat", id=a, name="bob", message="x" * 501, world=w)
    assert r.status_code == 400 and r.text.startswith("message")
    assert server.text("sendchat", id=a, name="bob", message="x" * 500, world=w) == "message sent to bob"
    server.text("quit", name="cat", world=w)
    assert "no player called cat" in server.text("sendchat", id=a, name="cat", message="bye", world=w)


def test_every_whale_has_the_first_servers_name(server, world):
    """Seventeen whales, named as the first server named them, in its order."""
    w, geo = world
    world_sql(server, w, "UPDATE world SET bloom = 1")
    for i, (wx, wy) in enumerate(geo.whales):
        pid = server.text("join", name="rider%d" % i, world=w)
        place(server, w, pid, wx + 1, wy)
        assert server.text("get", id=pid, item="whale", world=w) == "congratulations, you are now riding a whale"
        assert server.text("whalename", id=pid, world=w) == WHALE_NAMES[i]
    assert WHALE_NAMES[0] == "Anisha" and WHALE_NAMES[16] == "Yayoi Kusama" and len(WHALE_NAMES) == 17
