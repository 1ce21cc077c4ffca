"""The live map for the projector, in Debian's headless Chromium at
1920x1080 (chrome.py): forty players where the class starts, each in a
colour of their own (any two at least 0.06 apart in OKLab), every one
listed, names that never pile up, never cover a seamount's name or a
treasure, and never leave the map (the page's window.mapLayout() gives every
box); an arrow at an edge shows at the opposite edge too; a missing key, a
wrong key and a view code each get their own message.  Screenshots are written to
tests/output/ for people to look at."""
import itertools
import json
import math
import os
import re

import pytest

from chrome import CHROMIUM, Chrome
from mocean_world import World

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")

NAMES = ("Aisha Ben Chloe Dmitri Emma Farah Gabriel Hana Ivan Jia Kofi Lena Mateo Nia Oscar "
         "Priya Quinn Rosa Sami Tariq Uma Victor Wen Ximena Yusuf Zoe Alexandra Bongani Camille "
         "Diego Elif Finn Grace Hugo Isla Jonas Keiko Liam Maya Noor").split()


def teacher_key(server):
    server.get("admin")
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        return f.read()


def overlap(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and \
        a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def oklab(css):
    """A computed colour, "rgb(r, g, b)", as OKLab (L, a, b)."""
    r, g, b = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    l, m, s = [math.copysign(abs(v) ** (1 / 3), v) for v in (
        0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
        0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
        0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)]
    return (0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s)


def crowded_seed():
    """The first seed whose ocean has three seamounts (and their treasures)
    where the class starts (/join puts everyone at 40 to 200 m, x and y)."""
    return next(s for s in itertools.count(1)
                if sum(40 <= m["x"] <= 220 and 40 <= m["y"] <= 220 for m in World(s).seamounts) >= 3)


def test_the_map_for_forty_players(server, unique, output_dir):
    key = teacher_key(server)
    w = unique("class")
    server.make_world(w, crowded_seed())
    for i, name in enumerate(NAMES):
        assert server.text("join", name=name, world=w) == str(i)
        if i % 4 == 0:
            server.text("accel", id=i, ctrl="w", world=w)
    with Chrome(1920, 1080) as c:
        c.open("%s/map?key=%s&world=%s" % (server.url, key, w))
        c.wait("document.querySelectorAll('#players li').length === 40 && window.mapLayout()")
        assert c.js("document.getElementById('status').textContent").startswith("40 players")
        assert c.js("document.getElementById('error').textContent") == ""
        # The whole list is on the screen, each player in a colour of their own.
        items = c.js("""[...document.querySelectorAll('#players li')].map(li => {
            const r = li.getBoundingClientRect(), list = li.parentNode.getBoundingClientRect();
            return {name: li.firstChild.textContent, colour: getComputedStyle(li).borderLeftColor,
                    text: getComputedStyle(li).color,
                    inside: r.top >= 0 && r.bottom <= Math.min(innerHeight, list.bottom + 1) &&
                            r.right <= innerWidth + 1 && r.width > 100,
                    size: parseFloat(getComputedStyle(li).fontSize)}; })""")
        assert [i["name"] for i in items] == NAMES
        assert all(i["inside"] for i in items), [i["name"] for i in items if not i["inside"]]
        assert min(i["size"] for i in items) >= 18      # readable from the back of the room
        # Forty colours that look apart: in OKLab, no two nearer than 0.06.
        layout = c.js("window.mapLayout()")
        assert all(i["colour"] == i["text"] for i in items)
        assert {a["name"]: a["colour"] for a in layout["arrows"]} == {i["name"]: i["colour"] for i in items}
        near = min((math.dist(oklab(a["colour"]), oklab(b["colour"])), a["name"], b["name"])
                   for a, b in itertools.combinations(items, 2))
        print("nearest two colours of 40 in OKLab: %.4f (%s, %s)" % near)
        assert near[0] >= 0.06, near
        # Every name on the map: none over another, over a seamount's name or
        # over a treasure, none cut at an edge.
        labels = layout["labels"]
        side = layout["side"]
        assert side >= 1000 and side == c.js("document.getElementById('map').clientWidth")
        assert sorted(l["name"] for l in labels) == sorted(NAMES)
        assert len(layout["seamountNames"]) == 12 and len(layout["treasures"]) >= 12
        in_corner = [t for t in layout["treasures"] if t["x"] < side / 4 and t["y"] > side * 3 / 4]
        assert len(in_corner) >= 3                     # the crowded corner has its treasures
        for a, b in itertools.combinations(labels, 2):
            assert not overlap(a, b), (a, b)
        for l in labels:
            assert 0 <= l["x"] and l["x"] + l["w"] <= side and 0 <= l["y"] and l["y"] + l["h"] <= side, l
            assert l["h"] >= 18
            for s in layout["seamountNames"]:
                assert not overlap(l, s), (l, s)
            for t in layout["treasures"]:
                assert not overlap(l, t), (l, t)
        print("%d of 40 names on a leader line" % sum(l["line"] for l in labels))
        c.screenshot(os.path.join(output_dir, "map-40-players.png"))
        # A second later (the map redraws every second), the names stay put.
        before = {l["name"]: (l["x"], l["y"]) for l in labels}
        c.wait("window.mapLayout() !== null && document.getElementById('status').textContent !== %s"
               % json.dumps(c.js("document.getElementById('status').textContent")))
        after = {l["name"]: (l["x"], l["y"]) for l in c.js("window.mapLayout()")["labels"]}
        still = [n for n in before if n in after and math.dist(before[n], after[n]) < 40]
        assert len(still) >= 30, (before, after)


def test_an_arrow_at_an_edge_shows_on_the_other_side_too(server, unique, output_dir):
    """The ocean is a torus: a player at an edge is drawn at the opposite one
    too, in their colour, as the canvas's own pixels show."""
    key = teacher_key(server)
    w = unique("edge")
    spots = {"east": (899.5, 450), "south": (300, 0.5), "corner": (0.5, 899.5), "middle": (600, 600)}
    for i, (name, (x, y)) in enumerate(spots.items()):
        assert server.text("join", name=name, world=w) == str(i)
        server.text("admin", key=key, do="give", id=i, world=w)   # the teleport crystal
        assert server.text("teleport", id=i, x=x, y=y, world=w).startswith("%.1f,%.1f" % (x, y))
    with Chrome(1920, 1080) as c:
        c.open("%s/map?key=%s&world=%s" % (server.url, key, w))
        c.wait("document.querySelectorAll('#players li').length === 4 && window.mapLayout()")
        layout = c.js("window.mapLayout()")
        side = layout["side"]
        arrows = {a["name"]: a for a in layout["arrows"]}
        k = side / 900

        def shown(name):
            return sorted((round(p["x"]), round(p["y"])) for p in arrows[name]["at"])

        def near(points, want):
            return any(abs(p[0] - want[0]) <= 2 and abs(p[1] - want[1]) <= 2 for p in points)

        east = shown("east")                 # x = 899.5: its twin 900 m to the west, at the left edge
        assert len(east) == 2 and near(east, (899.5 * k, side - 450 * k)) and near(east, (-0.5 * k, side - 450 * k))
        south = shown("south")               # y = 0.5: at the bottom edge, and at the top
        assert len(south) == 2 and near(south, (300 * k, side - 0.5 * k)) and near(south, (300 * k, -0.5 * k))
        assert len(shown("corner")) == 4     # in every corner
        assert len(shown("middle")) == 1
        # The twins are really drawn: the canvas's pixel just inside the edge
        # is the player's colour.
        for name, (x, y) in (("east", (1, side - 450 * k)), ("south", (300 * k, 1)),
                             ("corner", (side - 1, side - 1))):
            pixel = c.js("Array.from(document.getElementById('map').getContext('2d')"
                         ".getImageData(%d, %d, 1, 1).data)" % (x * c.js("devicePixelRatio"), y))
            want = [int(v) for v in re.findall(r"\d+", arrows[name]["colour"])]
            assert max(abs(p - q) for p, q in zip(pixel, want)) <= 12, (name, pixel, want)
        c.screenshot(os.path.join(output_dir, "map-edges.png"))


def test_a_missing_key_and_a_wrong_key_are_told_apart(server, unique, output_dir):
    w = unique("nokey")
    with Chrome(1280, 720) as c:
        c.open("%s/map?world=%s" % (server.url, w))
        missing = c.wait("document.getElementById('error').textContent")
        assert "needs the world's view code or the teacher key" in missing
        assert c.js("document.getElementById('status').textContent") != "connecting..."
        c.open("%s/map?world=%s&key=wrong" % (server.url, w))
        wrong = c.wait("document.getElementById('error').textContent")
        assert "This teacher key is not right" in wrong and wrong != missing
        assert c.js("document.getElementById('status').textContent") != "connecting..."
        c.screenshot(os.path.join(output_dir, "map-wrong-key.png"))


def test_the_map_passes_a_view_code_to_world(server, unique):
    w = unique("view")
    with Chrome(1280, 720) as c:
        c.open("%s/map?world=%s&view=notthecode" % (server.url, w))
        said = c.wait("document.getElementById('error').textContent")
        asked = c.js("performance.getEntriesByType('resource').map(e => e.name)"
                     ".filter(n => n.includes('/world?'))")
        assert asked and all("view=notthecode" in a and "key=" not in a for a in asked), asked
        assert "view code does not open world " + w in said


def test_the_map_opens_with_the_worlds_own_view_code(server, unique):
    """Once /admin gives each world a view code ("view"), the map opens with it."""
    key = teacher_key(server)
    w = unique("proj")
    server.text("join", name="fred", world=w)
    worlds = server.get("admin", key=key, format="json").json()["worlds"]
    view = [x.get("view") for x in worlds if x["name"] == w][0]
    if not view:
        pytest.skip("/admin gives no view code yet")
    with Chrome(1280, 720) as c:
        c.open("%s/map?world=%s&view=%s" % (server.url, w, view))
        c.wait("document.querySelectorAll('#players li').length === 1")


def test_the_map_takes_the_key_the_dashboard_keeps(server, unique):
    """Typed once on /teacher, the key opens /map?world=W in the same tab,
    and never shows in the address."""
    key = teacher_key(server)
    w = unique("tab")
    server.text("join", name="wilma", world=w)
    with Chrome(1280, 720) as c:
        c.open(server.url + "/teacher")
        c.click("#key")
        c.type(key)
        c.press_enter()
        c.wait("!!document.querySelector('.world')")
        c.open("%s/map?world=%s" % (server.url, w))
        c.wait("document.querySelectorAll('#players li').length === 1")
        assert key not in c.js("location.href")
