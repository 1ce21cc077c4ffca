"""A restart loses nothing, and a kill -9 of lighttpd under load leaves every
database consistent."""
import ast
import os
import signal
import threading
import time

import requests

from conftest import run_sql, world_sql
from mocean_world import World

SEED = 4242


def test_stop_and_start_keeps_everything(make_server):
    s1 = make_server()
    w = "persist"
    s1.make_world(w, SEED)
    a = s1.text("join", name="ann", world=w)
    b = s1.text("join", name="bob", world=w)
    tx, ty, tz = World(SEED).treasure(10)        # iron dust
    world_sql(s1, w, "UPDATE player SET x = ?, y = ?, z = ? WHERE id = ?", [tx, ty, tz, a])
    assert s1.text("get", id=a, item="treasure", world=w) == "treasure recovered! "
    fx, fy, fz = World(SEED).treasure(0)
    world_sql(s1, w, "UPDATE player SET x = ?, y = ?, z = ? WHERE id = ?", [fx, fy, fz, b])
    assert s1.text("get", id=b, item="treasure", world=w) == "treasure recovered! "
    s1.text("use", id=a, item="iron dust", world=w)
    s1.text("get", id=a, item="treasure", world=w)
    s1.text("accel", id=b, ctrl="w", world=w)
    s1.text("sendchat", id=a, name="bob", message="see you", world=w)   # stops ann
    s1.text("accel", id=a, ctrl="w", world=w)
    s1.text("begin", message="101", name="ann")
    before = {r: s1.text(r, id=a, world=w) for r in ("velocity", "inventory", "treasurename")}
    vel_b = s1.text("velocity", id=b, world=w)
    data = s1.data_dir
    s1.stop()

    s2 = make_server(data)
    assert s2.text("who", world=w) == "there are 2 players: ann bob "
    for route, text in before.items():
        assert s2.text(route, id=a, world=w) == text
    assert s2.text("velocity", id=b, world=w) == vel_b
    assert ast.literal_eval(s2.text("inventory", id=b, world=w))[1] == ["treasure", "fishing net"]
    assert world_sql(s2, w, "SELECT bloom FROM world") == [(1,)]
    assert world_sql(s2, w, "SELECT treasure FROM taken") == [(0,)]
    assert s2.text("popchat", id=b, world=w) == "player ann tells you: see you"
    p1 = s2.text("location", id=a, world=w).split(",")[:2]
    time.sleep(0.3)
    p2 = s2.text("location", id=a, world=w).split(",")[:2]
    assert p1 != p2   # still swimming after the restart
    assert "ann" in s2.text("scores")
    assert s2.text("join", name="carl", world=w) == "2"


def test_kill_9_under_load(make_server):
    s1 = make_server()
    w = "crash"
    joined = []
    stop = threading.Event()

    def hammer(i):
        with requests.Session() as s:
            n = 0
            while not stop.is_set() and n < 2000:
                n += 1
                try:
                    r = s.get(s1.url + "/join", params={"name": "k%dx%d" % (i, n), "world": w}, timeout=5)
                    if r.status_code == 200 and r.text != "-1":
                        joined.append("k%dx%d" % (i, n))
                        s.get(s1.url + "/accel", params={"id": r.text, "ctrl": "w", "world": w}, timeout=5)
                        s.get(s1.url + "/location", params={"id": r.text, "world": w}, timeout=5)
                except requests.RequestException:
                    return

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    time.sleep(3)
    s1.stop(signal.SIGKILL)          # lighttpd and every route program at once
    time.sleep(0.5)   # let the CGIs still running finish or die
    stop.set()
    for t in threads:
        t.join()
    path = os.path.join(s1.data_dir, "worlds", w + ".db")
    assert run_sql(path, "PRAGMA integrity_check") == [("ok",)]
    s2 = make_server(s1.data_dir)
    who = s2.text("who", world=w)
    names = set(who.split(": ", 1)[1].split())
    assert len(joined) > 20
    assert set(joined) <= names           # every join that was answered is there
    ids = world_sql(s2, w, "SELECT id FROM player ORDER BY id")
    assert [i for (i,) in ids] == list(range(len(ids)))
    assert world_sql(s2, w, "SELECT next_id FROM world") == [(len(ids),)]
