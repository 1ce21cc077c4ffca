"""Concurrency without loss: many players at the same moment, through real
lighttpd, each request its own CGI process and SQLite connection."""


from conftest import world_sql
from crowd import together
from mocean_world import World

SEED = 777


def test_fifty_players_join_at_once(server, unique):
    w = unique("joins")
    replies = together(50, lambda i, s: s.get(server.url + "/join", params={"name": "p%d" % i, "world": w},
                                              timeout=60))
    assert [r.status_code for r in replies] == [200] * 50
    ids = sorted(int(r.text) for r in replies)
    assert ids == list(range(50))
    assert server.text("who", world=w).startswith("there are 50 players: ")


def test_two_players_grab_one_treasure(server, unique):
    for round_ in range(8):
        w = unique("grab")
        server.make_world(w, SEED)
        tx, ty, tz = World(SEED).treasure(0)   # the fishing net
        a = server.text("join", name="ann", world=w)
        b = server.text("join", name="bob", world=w)
        server.text("admin", key=server.key, world=w, do="treasures", rule="shared")   # a race
        world_sql(server, w, "UPDATE player SET x = ?, y = ?, z = ?", [tx, ty, tz])
        replies = together(2, lambda i, s: s.get(server.url + "/get", params={
            "id": (a, b)[i], "item": "treasure", "world": w}, timeout=60).text)
        assert sorted(replies)[1] == "treasure recovered! ", replies
        assert sorted(replies)[0] in ("gone: ann took it first", "gone: bob took it first"), replies
        holders = world_sql(server, w, "SELECT player FROM item WHERE kind = 'treasure'")
        taken = world_sql(server, w, "SELECT treasure, player FROM taken")
        assert len(holders) == 1 and taken == [(0, holders[0][0])]


def test_twenty_writers_one_inbox(server, unique):
    w = unique("chat")
    reader = server.text("join", name="reader", world=w)
    writers = [server.text("join", name="w%d" % i, world=w) for i in range(20)]
    replies = together(20, lambda i, s: s.get(server.url + "/sendchat", params={
        "id": writers[i], "name": "reader", "message": "hello from %d" % i, "world": w}, timeout=60).text)
    sent = [i for i, r in enumerate(replies) if r == "message sent to reader"]
    refused = [r for r in replies if "inbox is full" in r]
    assert len(sent) == 1 and len(refused) == 19
    assert server.text("popchat", id=reader, world=w) == "player w%d tells you: hello from %d" % (sent[0], sent[0])
    assert server.text("popchat", id=reader, world=w) == "no message in your inbox"


def test_many_swimmers_at_once(server, unique):
    """Thirty students polling and steering at once: every reply well formed."""
    w = unique("class")
    ids = [server.text("join", name="s%d" % i, world=w) for i in range(30)]

    def play(i, s):
        out = []
        for ctrl in "wawdws":
            out.append(s.get(server.url + "/accel", params={"id": ids[i], "ctrl": ctrl, "world": w}, timeout=60))
            out.append(s.get(server.url + "/location", params={"id": ids[i], "world": w}, timeout=60))
        return out

    for replies in together(30, play):
        for r in replies:
            assert r.status_code == 200
            assert len(r.text.split(",")) in (6,)
    rows = world_sql(server, w, "SELECT count(*) FROM track")
    assert rows == [(30 * 6,)]
    assert world_sql(server, w, "PRAGMA integrity_check") == [("ok",)]
