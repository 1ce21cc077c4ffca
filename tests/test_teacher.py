"""The teacher's controls through real lighttpd: the key, every /admin action
and every 403 (after which nothing has changed), /world, the lesson pages
with their sources, and the dashboard for two worlds of forty players in
headless Chromium at 1920x1080 (its height, one line per player, each
action's answer beside its button)."""
import ast
import base64
import json
import os
import re
import stat
import threading
import xml.etree.ElementTree as ET

import pytest
import requests

from chrome import CHROMIUM, Chrome
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
    server.text("admin", key=key, do="treasures", rule="shared", world=w)
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
    assert sorted(replies)[0] in ("gone: ann took it first", "gone: bob took it first")
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
              "popchat log data admin world answers round souvenir bots").split()
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


# The dashboard in Debian's headless Chromium at 1920x1080 (chrome.py), for
# two worlds of forty players: measured as a person sees it.

CLASS = ("Aisha Ben Chloe Dmitri Emma Farah Gabriel Hana Ivan Jia Kofi Lena Mateo Nia Oscar "
         "Priya Quinn Rosa Sami Tariq Uma Victor Wen Ximena Yusuf Zoe Alexandra Bongani Camille "
         "Diego Elif Finn Grace Hugo Isla Jonas Keiko Liam Maya "
         "Maximilianaurelianobartholomew").split()    # a long name, the last


def box_gap(a, b):
    """The distance between two boxes ({x, y, width, height}): 0 when they touch."""
    dx = max(a["x"] - (b["x"] + b["width"]), b["x"] - (a["x"] + a["width"]), 0)
    dy = max(a["y"] - (b["y"] + b["height"]), b["y"] - (a["y"] + a["height"]), 0)
    return max(dx, dy)


RECT = "(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; })"


@pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
def test_the_dashboard_for_two_worlds_of_forty(make_server, unique, output_dir):
    server = make_server()                   # of its own: exactly these two worlds
    server.get("admin")
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        key = f.read()
    first, second = unique("period"), unique("period")
    for w in (first, second):
        for i, name in enumerate(CLASS):
            assert server.text("join", name=name, world=w) == str(i)
    with Chrome(1920, 1080) as c:
        c.open(server.url + "/teacher?key=" + key)
        c.wait("document.querySelectorAll('#worlds tr.player').length === 80")
        card = ".world[data-world='%s'] "
        # Side by side: two columns, the second world's card beside the first's.
        a = c.js(RECT + "(document.querySelector(%s))" % json.dumps(card.strip() % first))
        b = c.js(RECT + "(document.querySelector(%s))" % json.dumps(card.strip() % second))
        assert abs(a["y"] - b["y"]) < 1 and b["x"] >= a["x"] + a["width"], (a, b)
        assert a["width"] + b["width"] > 1920 * 0.85      # the screen's width, used
        # Each player on one line: a row is less than two lines tall, and no cell wraps.
        rows = c.js("""[...document.querySelectorAll('#worlds tr.player')].map(tr => {
            const line = parseFloat(getComputedStyle(tr.cells[1]).lineHeight);
            return {name: tr.title, height: tr.getBoundingClientRect().height, line: line,
                    wraps: [...tr.cells].some(td => td.getClientRects().length > 1 ||
                                               td.scrollHeight > td.clientHeight + 1)}; })""")
        assert len(rows) == 80
        assert all(r["height"] < 1.9 * r["line"] and not r["wraps"] for r in rows), \
            [r for r in rows if r["height"] >= 1.9 * r["line"] or r["wraps"]][:3]
        height = c.js("document.documentElement.scrollHeight")
        print("dashboard of 2 worlds x 40 players: %d px tall; a row %.1f px, a line %.1f px"
              % (height, max(r["height"] for r in rows), rows[0]["line"]))
        assert height <= 2 * 1080

        # The answer to an action beside the button that asked, said aloud.
        def act(selector, then=None):
            """The answer to a click, once the list is drawn again after it."""
            c.js("document.getElementById('answer').textContent = '';"
                 "document.querySelectorAll('.world').forEach(w => w.dataset.old = 1)")
            c.click(selector)
            said = c.wait("document.getElementById('answer').textContent")
            c.wait("!document.querySelector('.world[data-old]')")
            if then:
                c.wait("!!document.querySelector(%s)" % json.dumps(then))
            return said

        def near(selector):
            c.wait("document.getElementById('answer').getBoundingClientRect().width > 0")
            answer = c.js(RECT + "(document.getElementById('answer'))")
            button = c.js(RECT + "(document.querySelector(%s))" % json.dumps(selector))
            return box_gap(answer, button), answer, button

        assert c.js("document.getElementById('answer').getAttribute('aria-live')") == "polite"
        assert c.js("document.getElementById('answer').getAttribute('role')") == "status"
        said = act(card % second + "button[data-do='bloom']", card % second + "button[data-do='calm']")
        assert said == "the plankton bloom in %s is on" % second
        gap, answer, button = near(card % second + "button[data-do='calm']")
        assert gap <= 40 and 0 <= answer["y"] < 1080 and answer["x"] > 960, (gap, answer, button)
        c.js("window.scrollTo(0, 0)")
        c.screenshot(os.path.join(output_dir, "teacher-two-worlds.png"))
        c.screenshot(os.path.join(output_dir, "readme-teacher.png"), scale=0.5)   # the README's
        data = c.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                      clip={"x": 0, "y": 0, "width": 1920, "height": height, "scale": 1})["data"]
        with open(os.path.join(output_dir, "teacher-two-worlds-whole.png"), "wb") as f:
            f.write(base64.b64decode(data))
        # It stays there when the list is drawn again (every 5 seconds).
        status = c.js("document.getElementById('status').textContent")
        c.wait("document.getElementById('status').textContent !== %s" % json.dumps(status), timeout=30)
        assert c.js("document.getElementById('answer').textContent") == said
        assert near(card % second + "button[data-do='calm']")[0] <= 40
        # A player's button: the answer in a line just under that player's row.
        row = card % first + "tr[title='Keiko'] "
        said = act(row + "button[data-do='give']")
        assert said == "Keiko now holds a copy of every treasure"
        gap, answer, button = near(row + "button[data-do='give']")
        assert gap <= 40, (gap, answer, button)
        under = c.js("(() => { const line = document.getElementById('answer').closest('tr');"
                     " return line.previousElementSibling.title; })()")
        assert under == "Keiko"
        assert c.js("document.querySelectorAll('#worlds tr.player').length") == 80
        # The limit and a new world: beside their buttons too.
        c.click(card % first + "input[placeholder='per second']")
        c.type("5")
        said = act(card % first + "button[data-do='limit']")
        assert said == "%s has a new limit (rate=0: none)" % first
        assert "limit 5/s" in c.js("document.querySelector(%s).textContent" % json.dumps(card % first + ".facts"))
        assert near(card % first + "button[data-do='limit']")[0] <= 40
        c.click("#newname")
        c.type(unique("made"))
        said = act("#make")
        assert "made anew" in said
        assert near("#make")[0] <= 40
        c.screenshot(os.path.join(output_dir, "teacher-answer-beside.png"))
        # Kicked: the answer where the row was, under the player before.
        said = act(card % first + "tr[title='Oscar'] button[data-do='kick']")
        assert said == "player Oscar removed from %s" % first
        c.wait("!document.querySelector(%s)" % json.dumps(card % first + "tr[title='Oscar']"))
        assert c.js("document.getElementById('answer').closest('tr').previousElementSibling.title") == "Nia"

        # A part a page script adds to every card (event "worldcard") stays
        # inside its card, and the worlds stay side by side.
        c.js("""document.addEventListener('worldcard', e => {
            const part = document.createElement('section');
            part.className = 'added';
            part.innerHTML = '<h4>Roster</h4><textarea rows=3 style="width: 100%"></textarea>' +
                '<div style="display: flex; flex-wrap: wrap; gap: 4px">' +
                '<span style="padding: 4px; border: 1px solid #ccc">a card of ' + 'x'.repeat(300) + '</span></div>';
            e.detail.card.append(part); })""")
        c.click("#refresh")
        c.wait("document.querySelectorAll('#worlds .world section.added').length === 3")
        parts = c.js("[...document.querySelectorAll('#worlds .world')].map(card => [%s(card), %s(card.querySelector('section.added'))])"
                     % (RECT, RECT))
        for outer, inner in parts:
            assert inner["x"] >= outer["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        assert c.js("[...document.querySelectorAll('#worlds section.added')].every(s => s.scrollWidth <= s.clientWidth + 1)")
        a = c.js(RECT + "(document.querySelector(%s))" % json.dumps(card.strip() % first))
        b = c.js(RECT + "(document.querySelector(%s))" % json.dumps(card.strip() % second))
        assert b["x"] >= a["x"] + a["width"] or a["x"] >= b["x"] + b["width"], (a, b)
        c.screenshot(os.path.join(output_dir, "teacher-added-part.png"))
