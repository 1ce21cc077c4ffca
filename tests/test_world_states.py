"""Every route that opens a world, in every state a world's file can be in
(no file yet, healthy, damaged in place, read-only, on a full disk), in both
serving modes: a route answers from the world or refuses with the fault's
sentence, and a write is acknowledged only when it is on disk.

In event mode every route's process has the world open before its file is
damaged or made read-only under it, so the next request must notice."""
import os
import signal

import pytest

from conftest import run_sql
from test_faults import fill, small_disk  # noqa: F401 (a fixture)

BAD_ID = "bad player id; try debugging using the id route"

# Routes that read the world, and what they send besides world=.
READS = [
    ("location", dict(id=0)), ("look", dict(id=0)), ("who", {}), ("id", dict(name="ann")),
    ("inventory", dict(id=0)), ("name", dict(id=0)), ("ping", dict(id=0)),
    ("seamountname", dict(id=0)), ("treasurename", dict(id=0)), ("velocity", dict(id=0)),
    ("whalename", dict(id=0)), ("data", dict(dataset="seamounts")),
    ("data", dict(dataset="tracks")), ("data", dict(dataset="soundings")),
]
# Routes that write to it (each leaves a trace that can be looked for).
WRITES = [
    ("join", dict(name="bob")), ("accel", dict(id=0, ctrl="w")), ("dive", dict(id=0, ctrl="f")),
    ("stop", dict(id=0)), ("teleport", dict(id=0, x="10", y="10")),
    ("sendchat", dict(id=0, name="ann", message="hi")), ("popchat", dict(id=0)),
    ("get", dict(id=0, item="treasure")), ("use", dict(id=0, item="air tank")),
    ("data", {"dataset": "soundings", "add": "", "name": "ann", "x": "1", "y": "1", "depth": "5"}),
    ("quit", dict(name="zed")),
]
ROUTES = READS + WRITES


def world_file(server, w):
    return os.path.join(server.data_dir, "worlds", w + ".db")


def ask(server, w, route, params, key=False):
    extra = dict(key=server.key) if key else {}
    return server.get(route, world=w, **params, **extra)


def warm(server, w):
    """Every route once on the healthy world: in event mode each route's
    process now keeps the world open."""
    for route, params in ROUTES:
        assert ask(server, w, route, params).status_code == 200, route
    server.text("join", name="zed", world=w)          # quit removes zed next time


def healthy_world(server, w):
    server.text("join", name="ann", world=w)
    warm(server, w)
    return w


def soundings(server, w):
    return run_sql(world_file(server, w), "SELECT count(*) FROM sounding")[0][0]


def test_a_world_with_no_file_reads_as_it_will_be_made(make_server):
    s = make_server()
    w = "notyet"
    seamounts = [s.text("data", dataset="seamounts", world=w) for _ in range(3)]
    assert len(set(seamounts)) == 1                         # the same ocean every time
    for route, params in READS:
        r = ask(s, w, route, params)
        assert r.status_code == 200, (route, r.text)
        if "id" in params:
            assert r.text == BAD_ID, route
    seed = s.get("world", key=s.key, world=w).json()
    assert s.get("world", key=s.key, world=w).json() == seed   # the projector's map holds still
    for route, params in WRITES[1:-2]:                      # acting as a player nobody is
        assert ask(s, w, route, params).text == BAD_ID, route
    assert ask(s, w, "quit", dict(name="zed")).status_code == 200
    assert not os.path.exists(world_file(s, w))             # nothing made a file
    assert s.text("join", name="ann", world=w) == "0"       # a player makes it ...
    assert s.text("data", dataset="seamounts", world=w) == seamounts[0]   # ... as it was shown
    assert s.get("world", key=s.key, world=w).json()["seed"] == seed["seed"]


def test_a_refused_join_makes_no_world(make_server):
    s = make_server()
    for bad in ["-1", "fred!", "", "a" * 65]:
        j = s.get("join", name=bad, world="refused", format="json").json()
        assert j["id"] == -1 and j["reason"]
    worlds = os.path.join(s.data_dir, "worlds")
    assert not os.path.exists(worlds) or not [f for f in os.listdir(worlds) if f.endswith(".db")]


def test_a_sounding_makes_its_world_and_stays(make_server):
    s = make_server()
    for w in ["mocean", "class9"]:
        params = {"dataset": "soundings", "add": "", "name": "a", "x": "1", "y": "1",
                  "depth": "5"}
        if w != "mocean":
            params["world"] = w
        assert s.text("data", **params) == "1"
        assert s.get("data", format="json", **params).json()["added"] == 1
        assert os.path.exists(world_file(s, w))
        rows = s.text("data", dataset="soundings", world=w).splitlines()
        assert len(rows) == 3 and all(",a," in row for row in rows[1:]), rows
        s.stop(signal.SIGKILL)                              # what was acknowledged stays
        s.start()
        assert len(s.text("data", dataset="soundings", world=w).splitlines()) == 3


def test_a_reset_without_a_seed_makes_the_ocean_students_saw(make_server):
    s = make_server()
    shown = s.text("data", dataset="seamounts", world="fresh")
    assert "made anew" in s.text("admin", key=s.key, do="reset", world="fresh")
    assert s.text("data", dataset="seamounts", world="fresh") == shown
    s.text("admin", key=s.key, do="reset", world="fresh")     # a made world: a new ocean
    assert s.text("data", dataset="seamounts", world="fresh") != shown


def test_past_max_worlds_a_write_is_refused_and_nothing_is_made(make_server, monkeypatch):
    monkeypatch.setenv("MAX_WORLDS", "1")
    s = make_server()
    s.make_world("only")
    r = s.get("data", dataset="soundings", add="", name="a", x=1, y=1, depth=5, world="more")
    assert r.status_code == 409 and "MAX_WORLDS" in r.text
    j = s.get("join", name="ann", world="more", format="json").json()
    assert j["id"] == -1 and "MAX_WORLDS" in j["reason"]
    assert not os.path.exists(world_file(s, "more"))
    assert s.text("data", dataset="soundings", world="more").count("\n") == 1


def damage_in_place(path):
    """Overwrite the file where it is (the same inode): as a bad copy would."""
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.write(b"this is not a database\n" * (size // 23 + 1))


@pytest.mark.parametrize("state", ["damaged", "read-only"])
def test_a_world_broken_under_a_running_server_is_refused_by_every_route(make_server, state):
    s = make_server()
    w = healthy_world(s, "broken")
    path = world_file(s, w)
    before = soundings(s, w)
    who = s.text("who", world=w)
    if state == "damaged":
        damage_in_place(path)
    else:
        os.chmod(path, 0o444)
    for route, params in ROUTES * 2:
        r = ask(s, w, route, params)
        assert r.status_code == 500, (route, params, r.status_code, r.text)
        assert "worlds/broken.db" in r.text and state in r.text and "busy" not in r.text, r.text
    for route, params in [("scores", {}), ("world", {})]:
        r = ask(s, w, route, params, key=True)
        assert r.status_code == 500 and state in r.text, (route, r.text)
    r = ask(s, w, "admin", dict(do="lock"), key=True)
    assert r.status_code == 500 and state in r.text
    if state == "read-only":
        os.chmod(path, 0o644)
        assert soundings(s, w) == before                      # nothing was written meanwhile
        assert s.text("who", world=w) == who
    else:
        # The teacher's reset sets the damaged file aside and makes it anew.
        assert "made anew" in s.text("admin", key=s.key, do="reset", world=w)
        assert s.text("who", world=w) == "there are 0 players: "


def test_on_a_full_disk_only_what_is_on_disk_is_acknowledged(make_server, small_disk):  # noqa: F811
    where, data = small_disk
    s = make_server(data)
    w = healthy_world(s, "full")
    base = soundings(s, w)
    players = len(run_sql(world_file(s, w), "SELECT id FROM player"))
    filler = os.path.join(where, "filler")
    fill(filler)
    added = joined = 0
    for i in range(300):
        r = s.get("data", dataset="soundings", add="", name="ann", x=1, y=1, depth=5, world=w)
        assert r.status_code in (200, 500), r.text
        if r.status_code == 200:
            assert r.text == "1"
            added += 1
        else:
            assert "disk is full" in r.text and "worlds/full.db" in r.text
        r = s.get("join", name="p%d" % i, world=w)
        assert r.status_code in (200, 500), r.text
        if r.status_code == 200:
            assert int(r.text) >= 0
            joined += 1
        else:
            assert "disk is full" in r.text
    for route, params in ROUTES:
        r = ask(s, w, route, params)
        assert r.status_code == 200 or (r.status_code == 500 and "disk is full" in r.text), \
            (route, r.text)
    # A new world cannot be made: refused, never acknowledged.
    for route, params in [("join", dict(name="ann")), WRITES[-2]]:
        r = ask(s, "another", route, params)
        assert r.status_code == 500 and "disk is full" in r.text, (route, r.text)
    s.stop(signal.SIGKILL)
    os.remove(filler)
    s.start()
    assert soundings(s, w) == base + added
    assert len(run_sql(world_file(s, w), "SELECT id FROM player")) == players + joined
    assert not os.path.exists(world_file(s, "another"))
    assert run_sql(world_file(s, w), "PRAGMA integrity_check") == [("ok",)]


def test_head_changes_nothing_on_admin(make_server):
    s = make_server()
    s.make_world("kept")
    s.text("join", name="ann", world="kept")
    import requests
    for params in [dict(do="delete", world="kept"), dict(do="reset", world="kept"),
                   dict(do="reset", world="newname"), dict(do="kick", name="ann", world="kept"),
                   dict(do="lock", world="kept"), dict(do="delete", world="newname")]:
        r = requests.head(s.url + "/admin", params=dict(key=s.key, **params), timeout=30)
        assert r.status_code == 200, params
    assert os.path.exists(world_file(s, "kept"))
    assert not os.path.exists(world_file(s, "newname"))
    assert s.text("who", world="kept") == "there are 1 players: ann "
    assert s.text("join", name="bob", world="kept") == "1"      # not locked
    r = requests.head(s.url + "/data", params={"dataset": "soundings", "add": "", "name": "a",
                                                "x": 1, "y": 1, "depth": 5, "world": "headw"},
                      timeout=30)
    assert r.status_code == 200
    assert not os.path.exists(world_file(s, "headw"))


def test_a_wrong_key_and_a_missing_key_are_told_apart(server):
    missing = server.get("admin")
    wrong = server.get("admin", key="0" * 32)
    assert missing.status_code == wrong.status_code == 403
    assert missing.text != wrong.text
    assert "key=" in missing.text and "not this server's" in wrong.text
