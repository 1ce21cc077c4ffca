"""Every number explained where students look (issue 22 item 2): the units
and directions on /mocean and every Mocean route's web page, what each ctrl
key does (the numbers from lib's CTRL_ constants), how a player at rest
starts again, /duck's goal and numbers, /puzzle's near misses and /euler's
off-by-one.  The text replies programs parse stay as they were."""
import html
import math
import re
import time

import pytest

from conftest import world_sql

SEED = 20261122


def constants():
    """lib/ocean/player.h's steering constants, as the C compiler reads them."""
    import os
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "lib", "ocean", "player.h")
    with open(path) as f:
        text = f.read()
    found = dict(re.findall(r"^#define (CTRL_\w+|TOP_SPEED_\w+) ([0-9.]+)", text, re.M))
    found["CTRL_TURN"] = math.pi / 12 if "(M_PI / 12)" in text else None
    return found


def page_text(server, route, **params):
    """The words of a route's web page, tags taken out."""
    r = server.get(route, client="browser", **params)
    assert r.status_code == 200, r.text
    return html.unescape(re.sub(r"<[^>]+>", " ", r.text)), r.text


@pytest.fixture
def world(server, unique):
    w = server.make_world(unique("explain"), SEED)
    assert server.text("join", name="ann", world=w) == "0"
    return w


def test_mocean_says_the_units_and_every_key(server):
    c = constants()
    words, raw = page_text(server, "mocean")
    assert '<p class="explain">' in raw
    for said in ("metres", "m/s", "radians", "0 = east", "counter-clockwise",
                 "ctrl=w multiplies your speed by %s" % c["CTRL_FASTER"],
                 "starts you at %g m/s" % float(c["CTRL_START"]),
                 "ctrl=s multiplies it by %s" % c["CTRL_SLOWER"],
                 "below %s m/s it stops you" % c["CTRL_SLOWEST"],
                 "%.0f degrees each" % math.degrees(c["CTRL_TURN"]),
                 "heading + %.4f" % c["CTRL_TURN"],
                 "ctrl=f sinks %g m" % float(c["CTRL_DIVE"]),
                 "ctrl=r rises %g m" % float(c["CTRL_DIVE"]),
                 "top speed %.0f m/s" % float(c["TOP_SPEED_SURFACE"])):
        assert said in words, said
    # The text form, for programs, as it was.
    text = server.text("mocean")
    assert text.startswith("Mocean 2.0: the ocean planet game\n") and "radians: 0 = east" not in text


@pytest.mark.parametrize("route, params, numbers", [
    ("location", {}, "x,y,z,w,m,n"),
    ("velocity", {}, "vx,vy,heading"),
    ("accel", {"ctrl": "d"}, "x,y,z,vx,vy,heading"),
    ("stop", {}, "x,y,z,vx,vy,heading"),
    ("dive", {"ctrl": "r"}, "x,y,z"),
    ("ping", {}, "sea floor"),
    ("look", {}, "depth"),
    ("get", {"item": "treasure"}, "boat hook"),
    ("seamountname", {}, None),
    ("treasurename", {}, None),
])
def test_every_mocean_page_says_the_units(server, world, route, params, numbers):
    text = server.text(route, id=0, world=world, **params)
    words, raw = page_text(server, route, id=0, world=world, **params)
    assert "in metres" in words and "m/s" in words and "0 = east" in words
    if numbers:
        assert numbers in words
    # The reply on the page is the text reply, and the text has no explanation.
    assert "metres" not in text or route == "get"
    assert '<pre id="reply"' in raw


def test_a_player_at_rest_is_told_how_to_start(server, world):
    # Just joined: at rest.  /velocity says so, in the browser and in JSON.
    assert server.text("velocity", id=0, world=world).startswith("0.0,0.0,")
    j = server.get("velocity", id=0, world=world, format="json").json()
    assert "/accel?id=0&ctrl=w" in j["hint"] and "1 m/s" in j["hint"]
    words, raw = page_text(server, "velocity", id=0, world=world)
    assert '<p class="hint">' in raw and "/accel?id=0&ctrl=w&world=%s starts you" % world in words
    # ctrl=w from rest really starts the player, at 1 m/s: what the hint says.
    j = server.get("accel", id=0, ctrl="w", world=world, format="json").json()
    assert math.hypot(j["vx"], j["vy"]) == pytest.approx(1.0) and "hint" not in j
    assert "hint" not in server.get("velocity", id=0, world=world, format="json").json()
    # /stop: at rest again, told how to start.
    assert "ctrl=w" in server.get("stop", id=0, world=world, format="json").json()["hint"]
    # s below the slowest speed stops: at rest, the hint again.
    world_sql(server, world, "UPDATE player SET vx = 0.2, vy = 0, t = ? WHERE id = 0", [time.time()])
    j = server.get("accel", id=0, ctrl="s", world=world, format="json").json()
    assert (j["vx"], j["vy"]) == (0, 0) and "starts you at 1 m/s" in j["hint"]
    # The text replies keep their form: six numbers, no sentence.
    assert len(server.text("stop", id=0, world=world).split(",")) == 6


def test_no_start_hint_in_a_rounds_lobby(server, world):
    assert server.get("admin", key=server.key, world=world, do="round", minutes=5).status_code == 200
    j = server.get("accel", id=0, ctrl="w", world=world, format="json").json()
    assert "not started" in j["why"] and "hint" not in j


def test_duck_says_its_goal_and_numbers(server):
    reply = server.text("duck", location="0,0,0", destination="10,90")
    assert reply == "10.0,90.0,45.84"                     # as before
    j = server.get("duck", location="0,0,0", destination="10,90", format="json").json()
    assert j["reply"] == reply and "Goal" in j["goal"] and "4 times as fast" in j["goal"]
    assert "r how far the duck is from the centre (0 to 50)" in j["goal"]
    words, raw = page_text(server, "duck", location="0,0,0", destination="10,90")
    assert "the duck's angle and b the wolf's, in degrees" in words and '<p class="explain">' in raw


@pytest.mark.parametrize("guess, nudge", [
    ("leaves", "very close! The answer is just one of them"),
    ("Leaves", "very close!"),
    ("leafs", "very close!"),
    ("leave", "is what you do!"),
    ("a leaf", "Only the first word counts, and yours is \"a\""),
    ("the leaves", "Only the first word counts"),
    ("laef", "one letter away"),
    ("lead", "one letter away"),
    ("leaff", "one letter away"),
    ("lefa", "one letter away"),
])
def test_puzzle_near_misses_get_a_nudge(server, guess, nudge):
    reply = server.text("puzzle", solution=guess)
    assert nudge in reply and "good try, but no" not in reply, reply
    assert not reply.startswith("Yes!")


def test_puzzle_other_words_keep_the_hint(server):
    assert server.text("puzzle", solution="run") == \
        '"run" is a good try, but no. Hint: deciduous trees drop something every autumn. Say it out loud...'
    assert server.text("puzzle", solution="leaf").startswith("Yes! Just leaf (leave).")


@pytest.mark.parametrize("n, way", [
    (49995000, "is not the sum: it is too low by one number, 1 + 2 + ... + 9999"),
    (50015001, "is not the sum: it is too high by one number, 1 + 2 + ... + 10001"),
    (50004999, "too low by one"),
    (50005001, "too high by one"),
])
def test_euler_says_which_way_it_is_off(server, n, way):
    assert way in server.text("euler", message=n)


def test_euler_other_sums_as_before(server):
    assert server.text("euler", message=10000) == \
        "10000 is not the sum. Try pairing numbers: 1 + 10000, 2 + 9999, 3 + 9998 ... how many pairs?"
    assert server.text("euler", message=50005000).startswith("50005000! 5000 pairs of 10001.")
