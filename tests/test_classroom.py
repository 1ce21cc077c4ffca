"""A classroom the teacher can trust (issue 10), through real lighttpd in
both serving modes: secret words, locked worlds, the projector's view code,
worlds only where a teacher wants them (folded names, MAX_WORLDS, delete, an
overview never cut short), every action naming its world, each player's
requests and the teacher's limit, and damaged world files (issue 8 item 16).
Every refusal is checked to change nothing."""
import glob
import os
import re
import shutil
import sqlite3
import threading

import pytest
import requests

from conftest import run_sql, world_sql

ID_ROUTES = [("location", {}), ("velocity", {}), ("accel", {"ctrl": "w"}), ("stop", {}),
             ("dive", {"ctrl": "f"}), ("ping", {}), ("look", {}), ("inventory", {}),
             ("use", {"item": "air tank"}), ("get", {"item": "treasure"}), ("whalename", {}),
             ("treasurename", {}), ("seamountname", {}), ("popchat", {}), ("name", {}),
             ("teleport", {"x": "5", "y": "5"}), ("sendchat", {"name": "ann", "message": "hi"})]


def snapshot(server, w):
    """Everything a refused request must leave as it was."""
    return (world_sql(server, w, "SELECT seed, bloom, next_id, locked, rate_limit, view FROM world"),
            world_sql(server, w, "SELECT id, name, playing, x, y, z, vx, vy, heading, t, whale, inbox,"
                                 " secret FROM player ORDER BY id"),
            world_sql(server, w, "SELECT player, kind, name FROM item ORDER BY seq"))


def admin_world(server, w):
    worlds = server.get("admin", key=server.key, world=w, format="json").json()["worlds"]
    assert [x["name"] for x in worlds] == [w.lower()]
    return worlds[0]


# Secret words (issue 10 item 1)

def test_a_secret_word_protects_a_player_on_every_route(server, unique):
    w = server.make_world(unique("secret"), 5)
    fred = server.text("join", name="fred", secret="blue whale", world=w)
    ann = server.text("join", name="ann", world=w)
    assert (fred, ann) == ("0", "1")
    stored = world_sql(server, w, "SELECT secret FROM player WHERE name = 'fred'")[0][0]
    assert stored.startswith("$argon2id$") and "blue" not in stored and "whale" not in stored
    assert world_sql(server, w, "SELECT secret FROM player WHERE name = 'ann'") == [(None,)]
    before = snapshot(server, w)
    for n, (route, keys) in enumerate(ID_ROUTES):
        for secret in (None, "", "blue", "BLUE WHALE", "blue whale2"):
            params = dict(keys, id=fred, world=w)
            if secret is not None:
                params["secret"] = secret
            # Each route's wrong words from an address of its own: one
            # address gets a 429 after 5 (test_secrets.py).
            r = server.get_from("127.0.1.%d" % (n + 1), route, **params)
            assert r.status_code == 403, (route, secret, r.text)
            assert "secret=" in r.text and "\n" not in r.text.strip(), r.text
        assert snapshot(server, w) == before, route
    r = server.get("quit", name="fred", world=w)
    assert r.status_code == 403 and "secret=" in r.text
    assert server.get("quit", name="fred", secret="nope", world=w).status_code == 403
    assert snapshot(server, w) == before
    # The right word opens every route; ann, unprotected, plays as before.
    assert server.text("velocity", id=fred, secret="blue whale", world=w).count(",") == 2
    assert server.text("accel", id=fred, ctrl="w", secret="blue whale", world=w).count(",") == 5
    assert server.text("accel", id=ann, ctrl="w", world=w).count(",") == 5
    assert server.text("sendchat", id=ann, name="fred", message="hi", world=w).startswith("message")
    assert server.text("popchat", id=fred, secret="blue whale", world=w) == "player ann tells you: hi"
    assert server.text("quit", name="fred", secret="blue whale", world=w) == \
        "player fred removed from the game"


def test_join_of_a_protected_name_needs_its_word(server, unique):
    w = server.make_world(unique("sjoin"), 6)
    assert server.text("join", name="fred", secret="kelp", world=w) == "0"
    before = snapshot(server, w)
    for secret in (None, "", "seaweed"):
        params = dict(name="fred", world=w, **({"secret": secret} if secret is not None else {}))
        assert server.text("join", **params) == "-1"
        j = server.get("join", format="json", **params).json()
        assert j["id"] == -1 and "secret" in j["reason"]
        page = server.get("join", client="browser", **params).text
        assert "-1" in page and "secret" in page
    assert snapshot(server, w) == before
    assert server.text("join", name="fred", secret="kelp", world=w) == "0"
    assert server.get("join", name="fred", secret="kelp", world=w, format="json").json() == \
        {"reply": "0", "id": 0}


def test_a_player_who_joined_without_a_word_gets_one_from_the_teacher(server, unique):
    w = server.make_world(unique("later"), 7)
    assert server.text("join", name="ann", world=w) == "0"
    assert server.text("location", id=0, world=w).count(",") == 5
    # A /join cannot give ann a word (anyone could send it: issue 21).
    assert server.text("join", name="ann", secret="coral", world=w) == "-1"
    assert server.text("location", id=0, world=w).count(",") == 5
    server.text("admin", key=server.key, do="newsecret", name="ann", secret="coral", world=w)
    assert server.get("location", id=0, world=w).status_code == 403
    assert server.text("join", name="ann", secret="coral", world=w) == "0"
    # A second word from a /join does not replace the first.
    assert server.text("join", name="ann", secret="other", world=w) == "-1"
    assert server.text("location", id=0, secret="coral", world=w).count(",") == 5


def test_mocean_explains_secret_words(server):
    text = server.text("mocean")
    assert "secret=" in text and "/join?name=" in text
    assert "secret" in server.text("mocean", client="browser")


# Locked worlds (issue 10 item 2)

def test_a_locked_world_needs_a_secret_word_to_join(server, unique):
    w = server.make_world(unique("lock"), 8)
    assert server.text("join", name="ann", world=w) == "0"
    assert "locked" in server.text("admin", key=server.key, do="lock", world=w)
    assert admin_world(server, w)["locked"] is True
    before = snapshot(server, w)
    assert server.text("join", name="bob", world=w) == "-1"
    assert server.text("join", name="ann", world=w) == "-1"
    assert "locked" in server.get("join", name="bob", world=w, format="json").json()["reason"]
    assert snapshot(server, w) == before
    assert server.text("location", id=0, world=w).count(",") == 5    # ann still plays
    assert server.text("join", name="bob", secret="reef", world=w) == "1"
    players = {p["name"]: p for p in admin_world(server, w)["players"]}
    assert players["ann"]["protected"] is False and players["bob"]["protected"] is True
    text = server.text("admin", key=server.key, world=w)
    assert re.search(r"0 ann at .*NO SECRET WORD", text) and re.search(r"1 bob at .*secret word", text)
    server.text("admin", key=server.key, do="unlock", world=w)
    assert admin_world(server, w)["locked"] is False
    assert server.text("join", name="carl", world=w) == "2"


# The projector's view code (issue 10 item 3)

def test_a_view_code_opens_one_worlds_map_and_nothing_else(server, unique):
    w, other = server.make_world(unique("view"), 9), server.make_world(unique("other"), 10)
    server.text("join", name="ann", world=w)
    view = admin_world(server, w)["view"]
    assert re.fullmatch(r"[0-9a-f]{12}", view) and view != admin_world(server, other)["view"]
    assert view not in server.key
    j = server.get("world", world=w, view=view).json()
    assert j["seed"] == 9 and j["players"][0]["name"] == "ann"
    assert server.get("world", world=w.upper(), view=view).json()["seed"] == 9
    for params in [dict(world=other, view=view), dict(world=w, view=view[:-1]), dict(world=w, view="x"),
                   dict(world=unique("nosuch"), view=view), dict(view=view)]:
        r = server.get("world", **params)
        assert r.status_code == 403 and "view code" in r.text, params
    before = snapshot(server, w)
    for params in [dict(view=view), dict(view=view, world=w), dict(view=view, world=w, do="bloom"),
                   dict(view=view, world=w, do="reset"), dict(key=view, world=w, do="lock")]:
        assert server.get("admin", **params).status_code == 403, params
    assert snapshot(server, w) == before
    r = server.get("admin", key=server.key, do="newview", world=w)
    new = admin_world(server, w)["view"]
    assert new != view and new in r.text
    assert server.get("world", world=w, view=view).status_code == 403
    assert server.get("world", world=w, view=new).status_code == 200
    assert server.get("map", world=w, view=new).status_code == 200


# Worlds only where a teacher wants them (issue 10 items 4 and 5)

def test_world_names_are_folded_to_lower_case(server, unique):
    w = unique("fold")
    assert server.text("join", name="ann", world=w.upper()) == "0"
    assert os.path.exists(os.path.join(server.data_dir, "worlds", w + ".db"))
    assert not os.path.exists(os.path.join(server.data_dir, "worlds", w.upper() + ".db"))
    assert server.text("join", name="bob", world=w.capitalize()) == "1"
    assert server.text("who", world=w) == "there are 2 players: ann bob "
    server.text("admin", key=server.key, do="bloom", world=w.upper())
    assert world_sql(server, w, "SELECT bloom FROM world") == [(1,)]
    assert admin_world(server, w.upper())["name"] == w
    assert server.get("world", key=server.key, world=w.upper()).json()["players"][1]["name"] == "bob"


@pytest.mark.parametrize("todo", ["reset", "bloom", "calm", "kick", "give", "lock", "unlock",
                                  "limit", "newview", "delete"])
def test_every_action_names_its_world(server, todo):
    server.text("join", name="ann")                       # the default world, mocean
    before = snapshot(server, "mocean")
    r = server.get("admin", key=server.key, do=todo, name="ann", id="0", rate="3", seed="1")
    assert r.status_code == 400 and "world=" in r.text
    assert snapshot(server, "mocean") == before
    assert os.path.exists(os.path.join(server.data_dir, "worlds", "mocean.db"))


def test_an_action_on_no_world_and_a_key_it_needs(server, unique):
    w = server.make_world(unique("needs"), 11)
    r = server.get("admin", key=server.key, do="bloom", world=unique("nosuch"))
    assert r.status_code == 404 and "no world called" in r.text
    for todo, key in [("limit", "rate"), ("kick", "name"), ("give", "id")]:
        r = server.get("admin", key=server.key, do=todo, world=w)
        assert r.status_code == 400 and key + "=" in r.text
    for rate in ["-1", "1001", "abc", "2.5"]:
        r = server.get("admin", key=server.key, do="limit", rate=rate, world=w)
        assert r.status_code == 400 and "rate" in r.text
    assert admin_world(server, w)["limit"] == 0


def test_max_worlds_and_no_file_past_it(make_server, monkeypatch, unique):
    monkeypatch.setenv("MAX_WORLDS", "4")
    s = make_server()
    worlds = os.path.join(s.data_dir, "worlds")
    s.make_world("first", 1)
    # Many joins race for the three places left: exactly three worlds are made.
    names = [unique("race") for _ in range(12)]
    replies = {}

    def join(n):
        replies[n] = requests.get(s.url + "/join", params={"name": "ann", "world": n}, timeout=30).text

    threads = [threading.Thread(target=join, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    made = sorted(n for n in names if replies[n] == "0")
    assert len(made) == 3 and sorted(r for r in replies.values() if r != "0") == ["-1"] * 9
    assert sorted(glob.glob(os.path.join(worlds, "*.db"))) == \
        sorted(os.path.join(worlds, n + ".db") for n in made + ["first"])
    j = s.get("join", name="bob", world="onemore", format="json").json()
    assert j["id"] == -1 and "MAX_WORLDS" in j["reason"]
    r = s.get("admin", key=s.key, do="reset", world="onemore")
    assert r.status_code == 409 and "MAX_WORLDS" in r.text
    assert not os.path.exists(os.path.join(worlds, "onemore.db"))
    assert s.text("join", name="bob", world=made[0]) == "1"          # old worlds still play
    # A deleted world makes room.
    s.text("admin", key=s.key, do="delete", world=made[0])
    assert s.text("join", name="bob", world="onemore") == "0"


def test_delete_moves_the_world_aside_and_loses_nothing(server, unique):
    w = server.make_world(unique("del"), 12)
    worlds = os.path.join(server.data_dir, "worlds")
    server.text("join", name="ann", world=w)
    server.text("join", name="bob", world=w)
    for _ in range(3):
        server.text("location", id=0, world=w)
    server.text("admin", key=server.key, do="bloom", world=w)
    r = server.get("admin", key=server.key, do="delete", world=w)
    assert r.status_code == 200 and "deleted" in r.text
    assert not os.path.exists(os.path.join(worlds, w + ".db"))
    aside = glob.glob(os.path.join(worlds, w + ".db.deleted-*"))
    aside = [a for a in aside if not a.endswith(("-wal", "-shm", ".tally"))]
    assert len(aside) == 1
    assert os.path.exists(aside[0] + ".tally") and not os.path.exists(os.path.join(worlds, w + ".tally"))
    db = sqlite3.connect("file:%s?mode=ro" % aside[0], uri=True)
    assert db.execute("SELECT name FROM player ORDER BY id").fetchall() == [("ann",), ("bob",)]
    assert db.execute("SELECT bloom FROM world").fetchall() == [(1,)]
    db.close()
    names = [x["name"] for x in server.get("admin", key=server.key, format="json").json()["worlds"]]
    assert w not in names
    assert server.text("who", world=w) == "there are 0 players: "       # every process sees it
    assert server.text("location", id=0, world=w) == "bad player id; try debugging using the id route"
    assert not os.path.exists(os.path.join(worlds, w + ".db"))
    assert server.get("admin", key=server.key, do="delete", world=w).status_code == 404
    assert server.text("join", name="carl", world=w) == "0"             # a new world: ids from 0
    assert server.text("who", world=w) == "there are 1 players: carl "


def test_the_overview_lists_every_world_sorted(make_server):
    s = make_server()
    s.make_world("mocean", 1)
    s.text("join", name="ann", world="mocean")
    worlds = os.path.join(s.data_dir, "worlds")
    run_sql(os.path.join(worlds, "mocean.db"), "PRAGMA wal_checkpoint(TRUNCATE)")
    names = ["w%03d" % i for i in range(230)]
    for n in names:
        shutil.copyfile(os.path.join(worlds, "mocean.db"), os.path.join(worlds, n + ".db"))
        os.chmod(os.path.join(worlds, n + ".db"), 0o640)
        if os.getuid() == 0:
            shutil.chown(os.path.join(worlds, n + ".db"), *[os.stat(worlds).st_uid] * 2)
    j = s.get("admin", key=s.key, format="json").json()
    assert [x["name"] for x in j["worlds"]] == sorted(names + ["mocean"])
    assert all(x["players"][0]["name"] == "ann" for x in j["worlds"])
    assert s.text("admin", key=s.key).startswith("231 worlds\n")


# Who floods the server (issue 10 item 6)

def test_each_players_requests_in_the_last_minute(server, unique):
    w = server.make_world(unique("busy"), 13)
    server.text("join", name="ann", world=w)
    server.text("join", name="bob", world=w)
    for _ in range(5):
        server.text("location", id=0, world=w)
    server.text("ping", id=1, world=w)
    players = {p["name"]: p["requests"] for p in admin_world(server, w)["players"]}
    assert players == {"ann": 5, "bob": 1}
    assert "0 ann at" in server.text("admin", key=server.key, world=w)
    assert "5 requests in the last minute" in server.text("admin", key=server.key, world=w)


def test_a_limit_slows_one_loop_and_no_one_else(server, unique):
    w = server.make_world(unique("limit"), 14)
    server.text("join", name="ann", world=w)
    server.text("join", name="bob", world=w)
    assert "limit" in server.text("admin", key=server.key, do="limit", rate=2, world=w)
    assert admin_world(server, w)["limit"] == 2
    replies = [server.get("location", id=0, world=w) for _ in range(10)]
    slowed = [r for r in replies if r.status_code == 429]
    assert slowed and all(r.headers["Retry-After"] == "1" and "time.sleep(0.1)" in r.text
                          for r in slowed)
    assert server.get("location", id=1, world=w).status_code == 200
    server.text("admin", key=server.key, do="limit", rate=0, world=w)
    assert all(server.get("location", id=0, world=w).status_code == 200 for _ in range(10))


# A damaged world file (issue 8 item 16)

def damage(s, w, how):
    path = os.path.join(s.data_dir, "worlds", w + ".db")
    for end in ("-wal", "-shm"):
        if os.path.exists(path + end):
            os.remove(path + end)
    if how == "header":
        with open(path, "r+b") as f:
            f.write(b"\xff" * 100)
    else:
        os.truncate(path, 0)


@pytest.mark.parametrize("how", ["header", "empty"])
def test_a_damaged_world_does_not_stop_the_class(make_server, how):
    s = make_server()
    s.make_world("good", 1)
    s.make_world("bad", 2)
    s.text("join", name="ann", world="good")
    s.text("join", name="bob", world="bad")
    s.text("begin", message="101", name="ann")
    data = s.data_dir
    s.stop()
    for w in ("good", "bad"):
        run_sql(os.path.join(data, "worlds", w + ".db"), "PRAGMA wal_checkpoint(TRUNCATE)")
    damage(s, "bad", how)
    s = make_server(data)
    r = s.get("location", id=0, world="bad")
    assert r.status_code == 500 and "worlds/bad.db" in r.text and "damaged" in r.text
    r = s.get("admin", key=s.key, format="json")
    assert r.status_code == 200
    worlds = {x["name"]: x for x in r.json()["worlds"]}
    assert worlds["bad"]["damaged"] is True and "worlds/bad.db" in worlds["bad"]["problem"]
    assert worlds["good"]["players"][0]["name"] == "ann"
    assert "world bad: DAMAGED" in s.text("admin", key=s.key)
    assert "ann: 1 level" in s.text("scores")
    assert s.get("scores", format="json").status_code == 200
    # A reset sets the damaged file aside and makes a new one.
    r = s.get("admin", key=s.key, do="reset", world="bad", seed=3)
    assert r.status_code == 200 and "seed 3" in r.text
    aside = [a for a in glob.glob(os.path.join(data, "worlds", "bad.db.damaged-*"))
             if not a.endswith((".tally", "-wal", "-shm"))]
    assert len(aside) == 1 and (os.path.getsize(aside[0]) == 0) == (how == "empty")
    assert s.text("join", name="carl", world="bad") == "0"
    assert s.text("location", id=0, world="bad").count(",") == 5     # every process: the new file
    assert "DAMAGED" not in s.text("admin", key=s.key)


def test_requests_without_the_word_never_count_as_the_players(server, unique):
    w = server.make_world(unique("flood"), 15)
    fred = server.text("join", name="fred", secret="orca", world=w)
    server.text("admin", key=server.key, do="limit", rate=2, world=w)
    for _ in range(10):                          # a classmate floods fred's id
        # 403 without the word; past the limit, 429: counted as the
        # classmate's address, never as fred (docs/PROTOCOL.md, limits).
        assert server.get("location", id=fred, world=w).status_code in (403, 429)
    assert server.get("location", id=fred, secret="orca", world=w).status_code == 200
    assert admin_world(server, w)["players"][0]["requests"] == 1
    assert admin_world(server, w)["routes"]["location"] == 11
