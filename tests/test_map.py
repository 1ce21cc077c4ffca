"""The live map for the projector, in Debian's headless Chromium at
1920x1080 (chrome.py): forty players, each in a colour of their own, every
one listed, names that never pile up or leave the map; a missing key, a wrong
key and a view code each get their own message.  Screenshots are written to
tests/output/ for people to look at."""
import itertools
import os

import pytest

from chrome import CHROMIUM, Chrome

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


def test_the_map_for_forty_players(server, unique, output_dir):
    key = teacher_key(server)
    w = unique("class")
    for i, name in enumerate(NAMES):
        assert server.text("join", name=name, world=w) == str(i)
        if i % 4 == 0:
            server.text("accel", id=i, ctrl="w", world=w)
    with Chrome(1920, 1080) as c:
        c.open("%s/map?key=%s&world=%s" % (server.url, key, w))
        c.wait("document.querySelectorAll('#players li').length === 40 && window.mapLabels")
        assert c.js("document.getElementById('status').textContent").startswith("40 players")
        assert c.js("document.getElementById('error').textContent") == ""
        # The whole list is on the screen, each player in a colour of their own.
        items = c.js("""[...document.querySelectorAll('#players li')].map(li => {
            const r = li.getBoundingClientRect(), list = li.parentNode.getBoundingClientRect();
            return {name: li.firstChild.textContent, colour: getComputedStyle(li).borderLeftColor,
                    inside: r.top >= 0 && r.bottom <= Math.min(innerHeight, list.bottom + 1) &&
                            r.right <= innerWidth + 1 && r.width > 100,
                    size: parseFloat(getComputedStyle(li).fontSize)}; })""")
        assert [i["name"] for i in items] == NAMES
        assert all(i["inside"] for i in items), [i["name"] for i in items if not i["inside"]]
        assert len({i["colour"] for i in items}) == 40
        assert min(i["size"] for i in items) >= 18      # readable from the back of the room
        # Every name on the map: none over another, none cut at an edge.
        labels = c.js("window.mapLabels")
        side = c.js("document.getElementById('map').clientWidth")
        assert side >= 1000
        assert sorted(l["name"] for l in labels) == sorted(NAMES)
        for a, b in itertools.combinations(labels, 2):
            assert not overlap(a, b), (a, b)
        for l in labels:
            assert 0 <= l["x"] and l["x"] + l["w"] <= side and 0 <= l["y"] and l["y"] + l["h"] <= side, l
            assert l["h"] >= 18
        c.screenshot(os.path.join(output_dir, "map-40-players.png"))


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
