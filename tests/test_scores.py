"""/scores ranks the players: most treasures first, then most Steps levels
solved, then by name, the same in text and JSON (and in the projector's
leaderboard, test_pages.py, which shows the JSON's order).  /scores without
world= lists every player of every world, a player with nothing too."""
import pytest


@pytest.fixture
def classroom(server, unique):
    """A world of five players, with the order they rank in: bob holds the
    treasures, cy solved two levels, al and dee one each (a tie: by name),
    ann nothing.  By name alone, al would come first and bob third."""
    w = unique("rank")
    ann, bob, cy, al, dee = (unique(p) for p in ("ann", "bob", "cy", "al", "dee"))
    for name in (ann, bob, cy, al, dee):
        server.text("join", name=name, world=w)
    server.text("admin", key=server.key, do="give", id=1, world=w)   # bob: every treasure
    for name in (cy, al, dee):
        server.text("steps", message="passport", name=name)
    server.text("puzzle", solution="leaf", name=cy)
    # bob plays in a second world too, holding nothing there.
    server.text("join", name=bob, world=unique("rank"))
    return w, [bob, cy, al, dee, ann]


def text_names(text, wanted):
    """The names of the text board's lines ("fred: 3 levels ..."), in order,
    of those wanted."""
    names = [line.split(":", 1)[0] for line in text.splitlines()]
    return [n for n in names if n in wanted]


def test_a_worlds_board_is_ranked_in_text_and_json(server, classroom):
    w, ranked = classroom
    j = server.get("scores", world=w, format="json").json()
    assert [p["name"] for p in j["players"]] == ranked
    assert j["players"][0]["treasures"] > 0
    assert [len(p["levels"]) for p in j["players"][1:]] == [2, 1, 1, 0]
    text = server.text("scores", world=w)
    assert text == j["reply"]
    assert text_names(text, ranked) == ranked
    assert len(text.splitlines()) == len(ranked)
    assert text.splitlines()[0].startswith(ranked[0] + ": 0 levels, ")
    assert text.splitlines()[-1] == ranked[-1] + ": 0 levels, 0 treasures"


def test_the_whole_board_lists_every_player_of_every_world_ranked(server, classroom):
    w, ranked = classroom
    bob, ann = ranked[0], ranked[-1]
    text = server.text("scores")
    assert ann + ": 0 levels, 0 treasures" in text.splitlines()      # a player with nothing
    assert text_names(text, ranked) == ranked                        # bob once, first
    j = server.get("scores", format="json").json()
    assert j["reply"] == text
    mine = [p for p in j["players"] if p["name"] in ranked]
    assert [p["name"] for p in mine] == ranked
    held = server.get("scores", world=w, format="json").json()["players"][0]["treasures"]
    assert mine[0]["treasures"] == held                              # both worlds' together


def test_the_whole_board_is_ranked_throughout(server, classroom):
    """Every line of /scores is in rank order, whoever else plays on the server."""
    players = server.get("scores", format="json").json()["players"]
    keys = [(-p["treasures"], -len(p["levels"]), p["name"].encode()) for p in players]
    assert keys == sorted(keys) and len(set(p["name"] for p in players)) == len(players)
