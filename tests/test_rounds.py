"""Rounds: a timed class challenge from lobby to podium, through real
lighttpd in both serving modes.  A whole round (lobby: nobody moves; start:
a fresh ocean, everyone at the start, bags empty; play: treasures taken;
finish by time and by do=finish; results frozen), a kill -9 in the middle of
a round, the podium and a postcard in headless Chromium, and the postcard's
SVG read for the track, the treasures and the name."""
import os
import signal
import time
import xml.etree.ElementTree as ET

import pytest

from chrome import Chrome
from conftest import world_sql

SVG = "{http://www.w3.org/2000/svg}"


def admin(server, w, **params):
    return server.get("admin", key=server.key, world=w, **params)


def round_state(server, w):
    return server.get("round", world=w, format="json").json()


def treasures(server, w):
    """Every treasure of the world, in seamount order, where it lies (even
    when taken: /world lists only those still on the map)."""
    return [{"name": s["treasure"], "x": s["x"], "y": s["y"]}
            for s in server.get("world", key=server.key, world=w).json()["seamounts"]]


def take_treasure(server, w, pid, i):
    """Player pid takes treasure i: the teacher's give hands it the teleport
    crystal, it jumps onto the peak, and /get takes what lies there."""
    t = treasures(server, w)[i]
    server.text("admin", key=server.key, world=w, do="give", id=pid)
    assert server.text("teleport", id=pid, x=t["x"], y=t["y"], world=w).startswith("%.1f" % t["x"])
    server.text("location", id=pid, world=w)
    assert server.text("get", id=pid, item="treasure", world=w).startswith("treasure recovered")
    return t["name"]


def wait_for(predicate, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_world_without_rounds_plays_as_before(server, unique):
    w = server.make_world(unique("norounds"), 5)
    assert server.text("round", world=w) == "no round yet: the teacher opens one with /admin?do=round"
    j = round_state(server, w)
    assert j["state"] == "none" and j["round"] == 0 and j["started"] is None
    assert server.text("join", name="ann", world=w) == "0"
    moved = server.text("accel", id=0, ctrl="w", world=w).split(",")
    assert float(moved[3]) != 0 or float(moved[4]) != 0
    assert "why" not in server.get("accel", id=0, ctrl="w", world=w, format="json").json()


def test_a_whole_round(server, unique):
    w = server.make_world(unique("round"), 7)
    for name in ("ann", "ben", "cal"):
        server.text("join", name=name, world=w)
    # Before the round: ben carries a treasure he took; it goes at the start.
    take_treasure(server, w, 1, 0)

    # The lobby: everyone may look, nobody moves.
    r = admin(server, w, do="round", minutes="10")
    assert r.status_code == 200 and "round 1 of %s is open" % w in r.text
    assert server.text("round", world=w) == "lobby"
    j = server.get("accel", id=0, ctrl="w", world=w, format="json").json()
    assert j["vx"] == 0 and j["vy"] == 0 and "not started" in j["why"]
    page = server.get("accel", id=0, ctrl="w", world=w, client="browser").text
    assert "not started" in page
    text = server.text("accel", id=0, ctrl="w", world=w).split(",")
    assert len(text) == 6 and float(text[3]) == 0 and float(text[4]) == 0
    before = server.text("location", id=0, world=w)
    time.sleep(0.3)
    assert server.text("location", id=0, world=w).split(",")[:2] == before.split(",")[:2]
    for route in ("look", "who", "inventory"):
        assert server.get(route, id=0, world=w).status_code == 200
    assert admin(server, w, do="finish").status_code == 409

    # The start: the round's ocean, everyone at the start, bags emptied.
    r = admin(server, w, do="start", seed="4242")
    assert r.status_code == 200 and "3 players" in r.text
    j = round_state(server, w)
    assert j["state"] == "playing" and j["round"] == 1 and 590 < j["seconds_left"] <= 600
    assert j["ends"] - j["started"] == pytest.approx(600)
    assert server.text("round", world=w) in ("playing 10:00 left", "playing 9:59 left")
    assert server.get("world", key=server.key, world=w).json()["seed"] == 4242
    for pid in range(3):
        x, y, z = [float(v) for v in server.text("location", id=pid, world=w).split(",")[:3]]
        assert 40 <= x <= 200 and 40 <= y <= 200 and z == 0
        assert "treasure" not in server.text("inventory", id=pid, world=w).replace("air tank", "")
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]
    assert admin(server, w, do="start").status_code == 409
    assert admin(server, w, do="round", minutes="5").status_code == 409

    # Play: cal takes two, ann one; ann's moving.
    server.text("accel", id=0, ctrl="w", world=w)
    take_treasure(server, w, 2, 3)
    take_treasure(server, w, 0, 5)
    take_treasure(server, w, 2, 7)

    # do=finish: motion stops, nothing more is taken, the ranking is written.
    r = admin(server, w, do="finish")
    assert r.status_code == 200 and "scores?world=%s&round=1" % w in r.text
    assert server.text("round", world=w) == "finished"
    where = server.text("location", id=0, world=w)
    time.sleep(0.3)
    assert server.text("location", id=0, world=w).split(",")[:2] == where.split(",")[:2]
    got = server.text("get", id=0, item="treasure", world=w)
    assert got.startswith("round 1 is over")
    assert server.get("get", id=0, item="treasure", world=w, format="json").json()["got"] is False
    assert server.text("use", id=2, item="binoculars", world=w).startswith("round 1 is over")
    j = server.get("accel", id=0, ctrl="w", world=w, format="json").json()
    assert j["vx"] == 0 and "over" in j["why"]

    board = server.get("scores", world=w, round=1, format="json").json()
    names = [(p["rank"], p["name"], p["treasures"]) for p in board["players"]]
    assert names == [(1, "cal", 2), (2, "ann", 1), (3, "ben", 0)]
    assert server.text("scores", world=w, round=1).splitlines()[1].startswith("1. cal: 2 treasures, the last at 0:")
    frozen = server.text("scores", world=w, round=1)

    # The next round, a reset, more treasures: round 1's results stay.
    assert admin(server, w, do="round", minutes="1").status_code == 200
    assert admin(server, w, do="start").status_code == 200
    take_treasure(server, w, 1, 2)
    server.make_world(w, 9)
    assert server.text("scores", world=w, round=1) == frozen
    assert server.get("scores", world=w, round=9).status_code == 404
    overview = admin(server, w, format="json").json()["worlds"][0]["round"]
    assert overview["number"] == 2
    assert overview["finished"][0]["podium"][0] == {"name": "cal", "treasures": 2}


def test_a_round_finishes_on_time_and_its_results_are_frozen(server, unique):
    w = server.make_world(unique("ontime"), 8)
    server.text("join", name="ann", world=w)
    server.text("join", name="ben", world=w)
    admin(server, w, do="round", minutes="0.1")
    assert admin(server, w, do="start").status_code == 200
    take_treasure(server, w, 1, 4)
    assert server.get("scores", world=w, round=1).status_code == 409
    assert wait_for(lambda: server.text("round", world=w) == "finished")
    # Read before any write: the ranking as it will be written.
    live = server.text("scores", world=w, round=1)
    assert server.text("get", id=0, item="treasure", world=w).startswith("round 1 is over")
    assert server.text("scores", world=w, round=1) == live
    assert world_sql(server, w, "SELECT rank, name, treasures FROM result WHERE round = 1") == \
        [(1, "ben", 1), (2, "ann", 0)]
    j = round_state(server, w)
    assert j["state"] == "finished" and j["seconds_left"] == 0
    assert j["ends"] - j["started"] == pytest.approx(6, abs=0.01)


def test_a_kill_during_a_round_loses_nothing(make_server, unique):
    s = make_server()
    w = s.make_world(unique("killed"), 11)
    s.text("join", name="ann", world=w)
    s.text("join", name="ben", world=w)
    admin(s, w, do="round", minutes="0.15")
    admin(s, w, do="start")
    ends = round_state(s, w)["ends"]
    take_treasure(s, w, 0, 1)
    s.stop(signal.SIGKILL)
    time.sleep(1)
    s.start()
    j = round_state(s, w)
    assert j["state"] == "playing" and j["ends"] == ends   # the same clock
    take_treasure(s, w, 1, 2)
    take_treasure(s, w, 1, 6)
    assert wait_for(lambda: s.text("round", world=w) == "finished")
    assert time.time() >= ends
    s.text("location", id=0, world=w)     # the first write: the ranking written
    board = s.get("scores", world=w, round=1, format="json").json()["players"]
    assert [(p["name"], p["treasures"]) for p in board] == [("ben", 2), ("ann", 1)]


def test_round_keys_are_checked(server, unique):
    w = server.make_world(unique("keys"), 12)
    r = admin(server, w, do="round", minutes="0")
    assert r.status_code == 400 and "minutes=0.5 is thirty seconds" in r.text
    assert admin(server, w, do="round").status_code == 400
    assert admin(server, w, do="round", minutes="ten").status_code == 400
    r = admin(server, w, do="start")
    assert r.status_code == 409 and "do=round&minutes=10" in r.text
    assert server.get("scores", world=w, round=1).status_code == 404
    assert server.get("souvenir", world=w, id=0, round=1).status_code == 404
    r = server.get("admin", do="round", world=w, minutes="5")
    assert r.status_code == 403


def finished_round(server, w, players=12):
    for i in range(players):
        server.text("join", name="p%02d" % i, world=w)
    admin(server, w, do="round", minutes="10")
    admin(server, w, do="start", seed="77")
    for k in range(3):          # p00 swims and looks, leaving a track
        server.text("accel", id=0, ctrl="w", world=w)
        server.text("location", id=0, world=w)
        time.sleep(0.2)
    take_treasure(server, w, 0, 0)
    take_treasure(server, w, 0, 9)
    for i in range(1, 6):
        take_treasure(server, w, i, i)
    take_treasure(server, w, 3, 8)
    admin(server, w, do="finish")


def test_a_souvenir_shows_the_track_the_treasures_and_the_name(server, unique, output_dir):
    w = server.make_world(unique("card"), 13)
    server.text("join", name="ann", world=w)
    admin(server, w, do="round", minutes="10")
    admin(server, w, do="start")
    assert server.get("souvenir", world=w, id=0, round=1).status_code == 409
    admin(server, w, do="finish")
    w = server.make_world(unique("card"), 13)
    finished_round(server, w)
    r = server.get("souvenir", world=w, id=0, round=1)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("image/svg+xml")
    svg = ET.fromstring(r.text)
    assert svg.find(".//%stext[@id='name']" % SVG).text == "p00"
    rank = svg.find(".//%stext[@id='rank']" % SVG).text
    assert rank.startswith("1st of 12: 2 treasures")
    lines = svg.findall(".//%sg[@id='track']/%spolyline" % (SVG, SVG))
    points = sum(len(l.get("points").split()) for l in lines)
    assert points >= 5          # three swims and two jumps onto peaks
    marks = svg.findall(".//%sg[@id='treasures']/%scircle" % (SVG, SVG))
    assert len(marks) == 2
    names = [t.text for t in svg.findall(".//%sg[@id='treasures']/%stext" % (SVG, SVG))]
    world_treasures = [t["name"] for t in treasures(server, w)]
    assert sorted(names) == sorted([world_treasures[0], world_treasures[9]])
    assert server.get("souvenir", world=w, id=40, round=1).status_code == 404
    with Chrome(800, 1000) as c:
        c.open(server.url + "/souvenir?world=%s&id=0&round=1" % w)
        c.wait("document.querySelector('#name') !== null")
        box = c.js("JSON.stringify(document.querySelector('#track').getBoundingClientRect())")
        c.screenshot(os.path.join(output_dir, "souvenir.png"))
    assert '"width":0' not in box


def test_the_podium_on_the_projector(server, unique, output_dir):
    w = server.make_world(unique("podium"), 14)
    finished_round(server, w)
    with Chrome(1920, 1080) as c:
        c.open(server.url + "/scores?world=%s&client=browser" % w)
        c.wait("document.querySelector('#podium .p1 .who') !== null")
        first = c.js("document.querySelector('#podium .p1 .who').textContent")
        size = c.js("parseFloat(getComputedStyle(document.querySelector('#podium .p1 .who')).fontSize)")
        rest = c.js("document.querySelectorAll('#podium ol li').length")
        banner = c.js("document.querySelector('#round').textContent")
        height = c.js("document.documentElement.scrollHeight")
        c.screenshot(os.path.join(output_dir, "podium.png"))
    assert first == "p00"       # two treasures, the last taken before p03 took his second
    assert size >= 48 and rest == 9 and "finished" in banner and height <= 1080


def test_the_countdown_on_the_map_and_leaderboard(server, unique, output_dir):
    w = server.make_world(unique("clock"), 15)
    server.text("join", name="ann", world=w)
    admin(server, w, do="round", minutes="10")
    admin(server, w, do="start")
    view = admin(server, w, format="json").json()["worlds"][0]["view"]
    with Chrome(1920, 1080) as c:
        c.open(server.url + "/map?world=%s&view=%s" % (w, view))
        c.wait("document.querySelector('#round .clock') !== null")
        clock = c.js("document.querySelector('#round .clock').textContent")
        size = c.js("parseFloat(getComputedStyle(document.querySelector('#round .clock')).fontSize)")
        c.screenshot(os.path.join(output_dir, "map-round.png"))
        c.open(server.url + "/scores?world=%s&client=browser" % w)
        c.wait("document.querySelector('#round .clock') !== null")
        board_clock = c.js("document.querySelector('#round .clock').textContent")
    assert clock.startswith("9:") or clock == "10:00"
    assert board_clock.startswith("9:") or board_clock == "10:00"
    assert size >= 64


def test_the_dashboard_runs_a_round(make_server, unique, output_dir):
    # A server of its own: the dashboard lists every world.
    server = make_server()
    w = unique("dashround")
    for name in ("ann", "ben"):
        server.text("join", name=name, world=w)
    panel = ".world[data-world='%s'] .roundpanel " % w

    def state():
        return c.js("(document.querySelector(\"%s.roundstate\") || {}).textContent" % panel)

    with Chrome(1600, 1000) as c:
        c.open(server.url + "/teacher?key=" + server.key)
        c.wait("!!document.querySelector(\"%s.roundstate\")" % panel)
        assert state() == "no round yet"
        c.click(panel + "button[data-do='round']")
        c.wait("document.querySelector(\"%s.roundstate\").dataset.state === 'lobby'" % panel)
        assert state() == "round 1: lobby"
        assert server.text("round", world=w) == "lobby"
        c.click(panel + "button[data-do='start']")
        c.wait("document.querySelector(\"%s.roundstate\").dataset.state === 'playing'" % panel)
        assert state().startswith("round 1: playing, ") and state().endswith(" left")
        c.screenshot(os.path.join(output_dir, "dashboard-round.png"))
        c.dialogs.clear()
        c.click(panel + "button[data-do='finish']")
        c.wait("document.querySelector(\"%s.roundstate\").dataset.state === 'finished'" % panel)
        assert c.dialogs == ["Finish round 1 of %s now?" % w]
        old = c.js("document.querySelector(\"%s.oldrounds\").textContent" % panel)
        link = c.js("document.querySelector(\"%s.podiumlink\").getAttribute('href')" % panel)
    assert old.startswith("round 1: 1. ann (0), 2. ben (0)")
    assert link == "/scores?world=%s&client=browser" % w
    assert server.text("round", world=w) == "finished"
