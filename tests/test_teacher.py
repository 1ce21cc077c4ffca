"""The teacher's controls through real lighttpd: the key, every /admin action
and every 403 (after which nothing has changed), /world, and the lesson
pages with their sources."""
import ast
import os
import re
import stat
import threading
import xml.etree.ElementTree as ET

import pytest
import requests

from conftest import USER, world_sql
from mocean_world import World, TREASURES


@pytest.fixture(scope="module")
def key(server):
    server.get("admin")                       # the first request makes the key
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        return f.read()


def test_key_file(server, key):
    path = os.path.join(server.data_dir, "teacher.key")
    st = os.stat(path)
    assert stat.S_IMODE(st.st_mode) == 0o600
    import pwd
    assert pwd.getpwuid(st.st_uid).pw_name == USER
    assert re.fullmatch(r"[0-9a-f]{32}", key)


def snapshot(server, w):
    return (world_sql(server, w, "SELECT seed, bloom, next_id FROM world"),
            world_sql(server, w, "SELECT id, name, playing FROM player ORDER BY id"),
            world_sql(server, w, "SELECT player, kind, name FROM item ORDER BY seq"))


@pytest.mark.parametrize("bad", [None, "", "0" * 32, "nope", None])
@pytest.mark.parametrize("action", [{}, {"do": "reset", "seed": "5"}, {"do": "bloom"},
                                    {"do": "kick", "name": "fred"}, {"do": "give", "id": "0"}])
def test_wrong_key_is_403_and_changes_nothing(server, unique, key, bad, action):
    w = unique("locked")
    server.text("join", name="fred", world=w)
    before = snapshot(server, w)
    params = dict(action, world=w)
    if bad is not None:
        params["key"] = bad
    r = server.get("admin", **params)
    assert r.status_code == 403 and "teacher key" in r.text and "\n" not in r.text
    r = server.get("world", world=w, **({"key": bad} if bad is not None else {}))
    assert r.status_code == 403
    assert snapshot(server, w) == before
    r = server.get("admin", **dict(params, key=key[:-1] + ("0" if key[-1] != "0" else "1")))
    assert r.status_code == 403
    assert snapshot(server, w) == before


def test_overview(server, unique, key):
    w = unique("class")
    server.text("join", name="ann", world=w)
    server.text("location", id=0, world=w)
    server.text("location", id=0, world=w)
    text = server.text("admin", key=key)
    assert "world %s" % w in text and "0 ann at" in text
    j = server.get("admin", key=key, format="json").json()
    mine = [x for x in j["worlds"] if x["name"] == w][0]
    assert mine["players"][0]["name"] == "ann"
    assert mine["routes"] == {"join": 1, "location": 2} and mine["requests"] == 3


def test_reset_with_a_seed_is_reproducible(server, unique, key):
    w = unique("reset")
    server.text("join", name="ann", world=w)
    server.text("use", id=0, item="x", world=w)
    assert "seed 42" in server.text("admin", key=key, do="reset", world=w, seed=42)
    first = server.get("world", key=key, world=w).json()
    assert first["seed"] == 42 and first["players"] == []
    assert server.text("who", world=w) == "there are 0 players: "
    assert server.text("join", name="bob", world=w) == "0"      # a new world: ids from 0
    server.text("admin", key=key, do="reset", world=w, seed=43)
    other = server.get("world", key=key, world=w).json()
    assert other["seamounts"] != first["seamounts"]
    server.text("admin", key=key, do="reset", world=w, seed=42)
    again = server.get("world", key=key, world=w).json()
    assert again["seamounts"] == first["seamounts"] and again["whales"] == first["whales"]
    geo = World(42)
    assert [(s["name"], s["x"], s["y"]) for s in first["seamounts"]] == \
        [(s["name"], s["x"], s["y"]) for s in geo.seamounts]
    server.text("admin", key=key, do="reset", world=w)          # no seed: a new random one
    assert server.get("world", key=key, world=w).json()["seed"] != 42


def test_bloom_calm_kick(server, unique, key):
    w = unique("acts")
    server.text("join", name="ann", world=w)
    server.text("admin", key=key, do="bloom", world=w)
    assert world_sql(server, w, "SELECT bloom FROM world") == [(1,)]
    assert server.get("world", key=key, world=w).json()["bloom"] is True
    server.text("admin", key=key, do="calm", world=w)
    assert world_sql(server, w, "SELECT bloom FROM world") == [(0,)]
    assert "removed" in server.text("admin", key=key, do="kick", name="ann", world=w)
    assert server.text("who", world=w) == "there are 0 players: "
    assert "nobody called ann" in server.text("admin", key=key, do="kick", name="ann", world=w)
    r = server.get("admin", key=key, do="explode", world=w)
    assert r.status_code == 400 and "reset" in r.text


def test_give_then_two_players_race_for_one_treasure(server, unique, key):
    w = unique("give")
    server.make_world(w, 7)
    a = server.text("join", name="ann", world=w)
    b = server.text("join", name="bob", world=w)
    assert "every treasure" in server.text("admin", key=key, do="give", id=a, world=w)
    inv = ast.literal_eval(server.text("inventory", id=a, world=w))
    assert [name for kind, name, *_ in inv if kind == "treasure"] == TREASURES
    assert "no player 9" in server.text("admin", key=key, do="give", id=9, world=w)
    # The map keeps its treasures: both race for the fishing net.
    assert len(server.get("world", key=key, world=w).json()["treasures"]) == 12
    tx, ty, tz = World(7).treasure(0)
    world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = ?", [tx, ty, tz])
    barrier = threading.Barrier(2)
    replies = [None, None]

    def grab(i):
        barrier.wait()
        replies[i] = requests.get(server.url + "/get", params={"id": (a, b)[i], "item": "treasure",
                                                               "world": w}, timeout=30).text

    threads = [threading.Thread(target=grab, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(replies)[1] == "treasure recovered! "
    assert sorted(replies)[0].startswith("there is no treasure")
    assert world_sql(server, w, "SELECT treasure FROM taken") == [(0,)]
    names = [t["name"] for t in server.get("world", key=key, world=w).json()["treasures"]]
    assert "fishing net" not in names and len(names) == 11


def test_world_json(server, unique, key):
    w = unique("json")
    server.make_world(w, 11)
    server.text("join", name="ann", world=w)
    server.text("accel", id=0, ctrl="w", world=w)
    j = server.get("world", key=key, world=w).json()
    geo = World(11)
    assert j["size"] == 900 and j["seed"] == 11 and j["step"] == 10
    assert len(j["floor"]) == 90 and all(len(row) == 90 for row in j["floor"])
    assert j["floor"][30][20] == round(geo.depth(200, 300), 1) == 50.0
    assert j["floor"][5][7] == round(geo.depth(70, 50), 1)
    assert len(j["trench"]) == 5 and len(j["seamounts"]) == 12 and len(j["whales"]) == 17
    p = j["players"][0]
    assert p["name"] == "ann" and p["speed"] == 1.0 and set(p) >= {"x", "y", "z", "heading", "riding"}


def test_students_page_links_every_route_to_its_lesson(server):
    r = server.get("")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    page = ET.fromstring(r.text.split("\n", 1)[1])
    links = [a.get("href") for a in page.iter("a")]
    sources = [h for h in links if h.startswith("/source/") and not h.startswith("/source/lib/")]
    cgi = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cgi-bin")
    routes = sorted(f[:-2] for f in os.listdir(cgi) if f.endswith(".c") and f != "notfound.c")
    linked = sorted(h[len("/source/"):-2] for h in sources)
    listed = ("hello exchange steps puzzle problem python begin beguine sirduke euler meruprastarah "
              "duck scores mocean join quit who name id location velocity accel stop dive ping "
              "teleport look get inventory use whalename treasurename seamountname sendchat "
              "popchat data admin world answers round souvenir").split()
    assert sorted(listed) == linked              # every route of the game has its lesson linked
    assert set(linked) <= set(routes)            # and each lesson is a file in cgi-bin/
    assert "/map.js" in links and "/source/lib/serve.c" in links
    for href in set(sources + [h for h in links if h.startswith("/source/lib/")]):
        s = server.get(href)
        assert s.status_code == 200 and s.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert s.text.startswith("/*")
    for href in [h for h in links if h.startswith("/") and "?" in h and "KEY" not in h][:12]:
        assert server.get(href).status_code == 200, href


def test_only_sources_are_served(server):
    assert server.get("source/begin.c").text.startswith("/* /begin")
    assert server.get("source/lib/serve.h").status_code == 200
    for path in ["source/begin.cgi", "cgi-bin/begin.c", "source/../data/steps.db", "source/..%2fMakefile",
                 "steps.db", "worlds/mocean.db", "teacher.key", "source/lib/../../lighttpd.conf"]:
        r = server.get(path)
        assert r.status_code in (403, 404), path
        assert "CREATE TABLE" not in r.text
