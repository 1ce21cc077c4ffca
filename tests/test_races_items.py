"""Races on the things of the ocean, through real lighttpd: players released
together by a barrier, each request its own CGI process and SQLite
connection.  Exactly one wins; the losers get a sentence; nothing is lost or
doubled."""
import ast
import time

from conftest import world_sql
from crowd import together
from mocean_world import World, TREASURES, WHALES as WHALE_NAMES

SEED = 4242


def fresh_world(server, unique, names):
    w = unique("race")
    server.make_world(w, SEED)
    ids = [server.text("join", name=n, world=w) for n in names]
    return w, ids


def inventory(server, w, pid):
    return ast.literal_eval(server.text("inventory", id=pid, world=w))


def test_two_players_grab_one_treasure(server, unique):
    geo = World(SEED)
    for round_ in range(10):
        i = round_ % 10                              # treasures 0..9 (not iron dust)
        tx, ty, tz = geo.treasure(i)
        w, ids = fresh_world(server, unique, ["ann", "bob"])
        server.text("admin", key=server.key, world=w, do="treasures", rule="shared")   # a race
        world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = ?, t = ?", [tx, ty, tz, time.time()])
        replies = together(2, lambda k, s: s.get(server.url + "/get", params={
            "id": ids[k], "item": "treasure", "world": w}, timeout=60))
        assert [r.status_code for r in replies] == [200, 200]
        texts = [r.text for r in replies]
        winners = [k for k in range(2) if texts[k] == "treasure recovered! "]
        assert len(winners) == 1, texts
        winner, loser = winners[0], 1 - winners[0]
        assert texts[loser] == "gone: %s took it first" % ("ann", "bob")[winner], texts
        assert world_sql(server, w, "SELECT treasure, player FROM taken") == [(i, int(ids[winner]))]
        assert inventory(server, w, ids[winner]) == [["air tank", "air tank", 1.0], ["treasure", TREASURES[i]]]
        assert inventory(server, w, ids[loser]) == [["air tank", "air tank", 1.0]]


def test_iron_dust_grabbed_together_goes_to_both(server, unique):
    geo = World(SEED)
    w, ids = fresh_world(server, unique, ["p%d" % k for k in range(6)])
    tx, ty, tz = geo.treasure(10)
    world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = ?, t = ?", [tx, ty, tz, time.time()])
    replies = together(6, lambda k, s: s.get(server.url + "/get", params={
        "id": ids[k], "item": "treasure", "world": w}, timeout=60).text)
    assert replies == ["treasure recovered! "] * 6
    assert world_sql(server, w, "SELECT count(*) FROM item WHERE name = 'iron dust'") == [(6,)]
    assert world_sql(server, w, "SELECT count(*) FROM taken") == [(0,)]


def test_two_riders_one_whale(server, unique):
    geo = World(SEED)
    for round_ in range(5):
        w, ids = fresh_world(server, unique, ["ann", "bob"])
        world_sql(server, w, "UPDATE world SET bloom = 1")
        wx, wy = geo.whales[round_]
        world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = 0, t = ?", [wx + 2, wy, time.time()])
        texts = together(2, lambda k, s: s.get(server.url + "/get", params={
            "id": ids[k], "item": "whale", "world": w}, timeout=60).text)
        riders = [k for k in range(2) if texts[k] == "congratulations, you are now riding a whale"]
        assert len(riders) == 1, texts
        other = 1 - riders[0]
        assert not texts[other].startswith("congratulations"), texts
        assert server.text("whalename", id=ids[riders[0]], world=w) == WHALE_NAMES[round_]
        assert server.text("whalename", id=ids[other], world=w).startswith("you are not riding")
        assert world_sql(server, w, "SELECT whale FROM player ORDER BY id") == \
            [(round_ if k == riders[0] else -1,) for k in range(2)]


def test_twenty_writers_one_inbox(server, unique):
    for round_ in range(3):
        w, ids = fresh_world(server, unique, ["reader"] + ["w%d" % k for k in range(20)])
        reader, writers = ids[0], ids[1:]
        replies = together(20, lambda k, s: s.get(server.url + "/sendchat", params={
            "id": writers[k], "name": "reader", "message": "hello from %d" % k, "world": w}, timeout=60))
        assert [r.status_code for r in replies] == [200] * 20
        sent = [k for k, r in enumerate(replies) if r.text == "message sent to reader"]
        refused = [r.text for r in replies if r.text != "message sent to reader"]
        assert len(sent) == 1, [r.text for r in replies]
        assert len(refused) == 19 and all("inbox is full" in t for t in refused), refused
        k = sent[0]
        assert server.text("popchat", id=reader, world=w) == "player w%d tells you: hello from %d" % (k, k)
        assert server.text("popchat", id=reader, world=w) == "no message in your inbox"
        # Nothing left behind, nothing doubled.
        rows = world_sql(server, w, "SELECT count(*) FROM player WHERE inbox IS NOT NULL")
        assert rows == [(0,)]


def test_popchat_twice_at_once_reads_once(server, unique):
    for round_ in range(5):
        w, ids = fresh_world(server, unique, ["reader", "writer"])
        assert server.text("sendchat", id=ids[1], name="reader", message="just once", world=w) == \
            "message sent to reader"
        texts = together(4, lambda k, s: s.get(server.url + "/popchat", params={
            "id": ids[0], "world": w}, timeout=60).text)
        assert sorted(texts) == ["no message in your inbox"] * 3 + ["player writer tells you: just once"]
