"""Treasure for everyone, or a race: the teacher's rule per world (issue 22
item 1).  Under rule=each (a new world's) every player takes each seamount's
treasure once; under rule=shared the first to take one takes it for
everybody.  The text replies keep their forms under both rules."""
import ast
import json
import time

import pytest

from chrome import CHROMIUM, Chrome
from conftest import world_sql
from mocean_world import World, TREASURES

SEED = 20261122
CRASH = TREASURES.index("crash alert")


@pytest.fixture
def world(server, unique):
    """A fresh world of a fixed seed with ann (id 0) and ben (id 1) on the
    peak of the crash alert; returns (name, World)."""
    name = server.make_world(unique("rule"), SEED)
    geo = World(SEED)
    assert server.text("join", name="ann", world=name) == "0"
    assert server.text("join", name="ben", world=name) == "1"
    on_peak(server, name, geo)
    return name, geo


def on_peak(server, w, geo, i=CRASH):
    tx, ty, tz = geo.treasure(i)
    world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = ?, vx = 0, vy = 0, t = ?",
              [tx, ty, tz, time.time()])


def rule_of(server, w):
    worlds = server.get("admin", key=server.key, world=w, format="json").json()["worlds"]
    return worlds[0]["treasures"]


def set_rule(server, w, rule):
    return server.text("admin", key=server.key, world=w, do="treasures", rule=rule)


def treasures_held(server, w, pid):
    return [i[1] for i in ast.literal_eval(server.text("inventory", id=pid, world=w)) if i[0] == "treasure"]


def saw_treasure(server, w, pid):
    return "treasure," in server.text("look", id=pid, world=w)


def test_a_new_world_gives_each_player_each_treasure(server, world):
    w, geo = world
    assert rule_of(server, w) == "each"
    assert "treasures each" in server.text("admin", key=server.key, world=w)
    assert saw_treasure(server, w, 0) and saw_treasure(server, w, 1)
    assert server.text("get", id=0, item="treasure", world=w) == "treasure recovered! "
    # Gone for ann, still there for ben.
    assert not saw_treasure(server, w, 0) and saw_treasure(server, w, 1)
    assert server.text("get", id=1, item="treasure", world=w) == "treasure recovered! "
    assert treasures_held(server, w, 0) == ["crash alert"] == treasures_held(server, w, 1)
    assert world_sql(server, w, "SELECT treasure, player FROM taken ORDER BY player") == \
        [(CRASH, 0), (CRASH, 1)]
    # Again: already yours, with the same form as every other sentence.
    again = server.text("get", id=0, item="treasure", world=w)
    assert again.startswith("already yours: you took the crash alert of ")
    j = server.get("get", id=0, item="treasure", world=w, format="json").json()
    assert j["got"] is False and j["item"] is None and j["taken_by"] == "ann"
    assert j["reply"] == again
    assert treasures_held(server, w, 0) == ["crash alert"]
    # The teacher's map still shows it: there for whoever has not taken it.
    assert len(server.get("world", key=server.key, world=w).json()["treasures"]) == 12


def test_shared_is_a_race_and_says_who_won(server, world):
    w, geo = world
    assert set_rule(server, w, "shared") == \
        "in %s the first to take a treasure takes it for everybody (rule shared)" % w
    assert rule_of(server, w) == "shared"
    assert server.text("get", id=0, item="treasure", world=w) == "treasure recovered! "
    assert not saw_treasure(server, w, 0) and not saw_treasure(server, w, 1)
    assert server.text("get", id=1, item="treasure", world=w) == "gone: ann took it first"
    j = server.get("get", id=1, item="treasure", world=w, format="json").json()
    assert j == {"reply": "gone: ann took it first", "taken_by": "ann", "item": None, "got": False}
    assert server.text("get", id=0, item="treasure", world=w).startswith("already yours")
    assert treasures_held(server, w, 1) == []
    names = [t["name"] for t in server.get("world", key=server.key, world=w).json()["treasures"]]
    assert "crash alert" not in names and len(names) == 11
    # Back to each: ben may take it now, ann keeps hers.
    assert set_rule(server, w, "each") == "in %s every player takes each treasure once (rule each)" % w
    assert server.text("get", id=1, item="treasure", world=w) == "treasure recovered! "
    assert server.text("get", id=0, item="treasure", world=w).startswith("already yours")


def test_far_from_a_taken_treasure_the_old_sentence_stays(server, world):
    w, geo = world
    server.text("get", id=0, item="treasure", world=w)
    tx, ty, tz = geo.treasure(CRASH)
    world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = 0 WHERE id = 0", [tx + 200, ty])
    assert server.text("get", id=0, item="treasure", world=w).startswith("there is no treasure within reach")


def test_seamountname_and_look_say_when_it_is_yours(server, world):
    w, geo = world
    name = server.text("seamountname", id=0, world=w)
    j = server.get("seamountname", id=0, world=w, format="json").json()
    assert j == {"reply": name, "seamount": j["seamount"]}     # as before: nothing new
    server.text("get", id=0, item="treasure", world=w)
    # The text replies keep their forms.
    assert server.text("seamountname", id=0, world=w) == name
    j = server.get("seamountname", id=0, world=w, format="json").json()
    assert j["reply"] == name and j["treasure_here"] == "yours"
    assert "crash alert" in j["treasure_note"] and "already yours" in j["treasure_note"]
    page = server.text("seamountname", id=0, world=w, client="browser")
    assert '<p id="note" class="note">' in page and "already yours" in page
    j = server.get("look", id=0, world=w, format="json").json()
    assert j["treasure_here"] == "yours" and "already yours" in j["treasure_note"]
    assert "treasure," not in j["reply"] or all(
        t["thing"] != "treasure" or (t["x"], t["y"]) != tuple(round(v) for v in geo.treasure(CRASH)[:2])
        for t in j["things"])
    assert "already yours" in server.text("look", id=0, world=w, client="browser")
    # ben's is still there for him; under shared it is gone, and the note says who took it.
    assert "treasure_here" not in server.get("look", id=1, world=w, format="json").json()
    set_rule(server, w, "shared")
    j = server.get("seamountname", id=1, world=w, format="json").json()
    assert j["treasure_here"] == "gone" and "ann took it first" in j["treasure_note"]


def test_a_reset_keeps_the_rule_and_gives_the_treasures_back(server, world):
    w, geo = world
    set_rule(server, w, "shared")
    server.text("get", id=0, item="treasure", world=w)
    server.make_world(w, SEED)
    assert rule_of(server, w) == "shared"
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]
    assert "treasures shared" in server.text("admin", key=server.key, world=w)


def test_refusals(server, world):
    w, _ = world
    r = server.get("admin", key=server.key, world=w, do="treasures", rule="race")
    assert r.status_code == 400 and r.text.startswith("rule must be each")
    r = server.get("admin", key=server.key, world=w, do="treasures")
    assert r.status_code == 400 and r.text == "do=treasures needs rule=..."
    r = server.get("admin", key="0" * 32, world=w, do="treasures", rule="shared")
    assert r.status_code == 403 and rule_of(server, w) == "each"


def test_a_round_ranks_under_each_rule(server, world):
    """Two players take the same treasure in a round under each: both count."""
    w, geo = world
    assert server.get("admin", key=server.key, world=w, do="round", minutes=5).status_code == 200
    assert server.get("admin", key=server.key, world=w, do="start").status_code == 200
    on_peak(server, w, geo)
    assert server.text("get", id=0, item="treasure", world=w) == "treasure recovered! "
    assert server.text("get", id=1, item="treasure", world=w) == "treasure recovered! "
    assert server.get("admin", key=server.key, world=w, do="finish").status_code == 200
    board = server.get("scores", world=w, round=1, format="json").json()["players"]
    assert sorted((p["name"], p["treasures"]) for p in board) == [("ann", 1), ("ben", 1)]
    # The next round gives them back.
    assert server.get("admin", key=server.key, world=w, do="round", minutes=5).status_code == 200
    assert server.get("admin", key=server.key, world=w, do="start").status_code == 200
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]


@pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
def test_the_dashboard_switches_the_rule(server, unique):
    w = server.make_world(unique("ruledash"), 3)
    card = ".world[data-world='%s'] " % w
    with Chrome(1280, 900) as c:
        c.open(server.url + "/teacher?key=" + server.key)
        c.wait("!!document.querySelector(%s)" % json.dumps(card + "button[data-do='treasures']"))
        facts = card + ".facts"
        assert "treasure for everyone" in c.js("document.querySelector(%s).textContent" % json.dumps(facts))
        assert c.js("document.querySelector(%s).textContent" % json.dumps(card + "button[data-do='treasures']")) \
            == "Treasure race"
        c.click(card + "button[data-do='treasures']")
        c.wait("(document.querySelector(%s) || {}).textContent === 'Treasure for everyone'"
               % json.dumps(card + "button[data-do='treasures']"))
        assert "treasure race" in c.js("document.querySelector(%s).textContent" % json.dumps(facts))
    assert rule_of(server, w) == "shared"
