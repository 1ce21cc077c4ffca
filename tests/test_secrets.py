"""Secret words that hold (issue 21 items 2, 3 and 5), through real lighttpd
in both serving modes: nobody takes over a player that has no word (only the
teacher gives or changes one), guessing costs the guesser (per player and
client address, whatever the route, the mode or the number of connections),
and records kept by name (Steps levels, /data rows) honour the word.
Requests come from several loopback addresses (127.0.0.2, ...) to play
different students' computers."""
import concurrent.futures
import os
import re
import time

from conftest import run_sql, world_sql

GUESSER = "127.0.0.2"
OWNER = "127.0.0.3"


def secret_of(server, w, name):
    return world_sql(server, w, "SELECT secret FROM player WHERE name = ? AND playing = 1",
                     [name])[0][0]


def players(server, w):
    worlds = server.get("admin", key=server.key, world=w, format="json").json()["worlds"]
    return {p["name"]: p for p in worlds[0]["players"]}


def one_sentence(text):
    return text.strip() and "\n" not in text.strip()


# 2. No take-over

def test_nobody_takes_over_a_player_without_a_word(server, unique):
    w = server.make_world(unique("takeover"), 3)
    assert server.text("join", name="bob", world=w) == "0"
    assert server.text("location", id=0, world=w).count(",") == 5
    # mallory, from her own computer, asks for bob with a word of hers.
    assert server.get_from(GUESSER, "join", name="bob", secret="mallory", world=w).text == "-1"
    j = server.get_from(GUESSER, "join", name="bob", secret="mallory", world=w,
                        format="json").json()
    assert j["id"] == -1 and "teacher" in j["reason"] and "without" in j["reason"]
    page = server.get_from(GUESSER, "join", name="bob", secret="mallory", world=w,
                           client="browser").text
    assert "-1" in page and "teacher" in page
    assert secret_of(server, w, "bob") is None
    # bob's own program goes on exactly as before.
    assert server.text("join", name="bob", world=w) == "0"
    for route in ("location", "velocity", "ping", "inventory"):
        assert server.get(route, id=0, world=w).status_code == 200, route
    assert server.text("quit", name="bob", world=w) == "player bob removed from the game"


def test_a_locked_worlds_player_without_a_word_is_not_taken_over(server, unique):
    w = server.make_world(unique("lockover"), 4)
    assert server.text("join", name="ann", world=w) == "0"
    server.text("admin", key=server.key, do="lock", world=w)
    assert server.get_from(GUESSER, "join", name="ann", secret="mallory", world=w).text == "-1"
    assert secret_of(server, w, "ann") is None
    assert server.text("location", id=0, world=w).count(",") == 5     # ann still plays
    assert server.text("join", name="ann", world=w) == "-1"            # locked, as before
    # A new name still protects itself by joining with a word.
    assert server.text("join", name="cy", secret="reef", world=w) == "1"
    assert server.get("location", id=1, world=w).status_code == 403


def test_a_new_player_still_protects_itself_by_joining_with_a_word(server, unique):
    w = server.make_world(unique("newword"), 5)
    assert server.text("join", name="fred", secret="bluewhale", world=w) == "0"
    assert secret_of(server, w, "fred").startswith("$argon2id$")
    assert server.text("join", name="fred", secret="bluewhale", world=w) == "0"
    assert server.text("join", name="fred", world=w) == "-1"
    assert server.text("join", name="fred", secret="other", world=w) == "-1"
    assert server.get("location", id=0, world=w).status_code == 403


def test_only_the_teacher_gives_or_changes_a_word(server, unique):
    w = server.make_world(unique("newsecret"), 6)
    assert server.text("join", name="ann", world=w) == "0"
    said = server.text("admin", key=server.key, do="newsecret", name="ann",
                       secret="coral-otter-42", world=w)
    assert "ann" in said and "coral-otter-42" in said and one_sentence(said)
    r = server.get("location", id=0, world=w)
    assert r.status_code == 403 and "secret=" in r.text
    assert server.text("location", id=0, secret="coral-otter-42", world=w).count(",") == 5
    assert server.text("join", name="ann", secret="coral-otter-42", world=w) == "0"
    # A new word replaces the old one.
    server.text("admin", key=server.key, do="newsecret", name="ann", secret="kelp", world=w)
    assert server.get("location", id=0, secret="coral-otter-42", world=w).status_code == 403
    assert server.get("location", id=0, secret="kelp", world=w).status_code == 200
    # Without secret=, the server makes one up: two kind words and a number.
    j = server.get("admin", key=server.key, do="newsecret", name="ann", world=w,
                   format="json").json()
    assert j["name"] == "ann" and re.fullmatch(r"[a-z]+-[a-z]+-\d\d", j["secret"]), j
    assert server.get("location", id=0, secret=j["secret"], world=w).status_code == 200
    # Refusals change nothing.
    before = secret_of(server, w, "ann")
    r = server.get("admin", key=server.key, do="newsecret", name="nobody", secret="x", world=w)
    assert r.status_code == 404 and one_sentence(r.text) and "nobody" in r.text
    assert server.get("admin", key=server.key, do="newsecret", secret="x", world=w).status_code == 400
    assert server.get("admin", key=server.key, do="newsecret", name="ann", secret="x").status_code == 400
    assert server.get("admin", key="0" * 32, do="newsecret", name="ann", secret="x",
                      world=w).status_code == 403
    assert server.session.head(server.url + "/admin", params=dict(
        key=server.key, do="newsecret", name="ann", secret="x", world=w)).status_code == 200
    assert secret_of(server, w, "ann") == before


# 3. Guessing costs the guesser

def test_wrong_words_pause_the_address_that_sends_them(server, unique):
    w = server.make_world(unique("guess"), 7)
    assert server.text("join", name="fred", secret="bluewhale", world=w) == "0"
    for i in range(5):
        r = server.get_from(GUESSER, "ping", id=0, secret="guess%d" % i, world=w)
        assert r.status_code == 403, (i, r.text)
    r = server.get_from(GUESSER, "ping", id=0, secret="guess5", world=w)
    assert r.status_code == 429 and r.headers["Retry-After"] == "1", r.text
    assert one_sentence(r.text) and "wait 1 second" in r.text
    j = server.get_from(GUESSER, "ping", id=0, secret="guess5", world=w, format="json").json()
    assert j["status"] == 429 and "wait" in j["error"]
    assert "wait" in server.get_from(GUESSER, "ping", id=0, secret="x", world=w,
                                     client="browser").text
    # No oracle: the right word from that address is not checked either,
    # and every route answers alike (a name's routes too).
    assert server.get_from(GUESSER, "ping", id=0, secret="bluewhale", world=w).status_code == 429
    for route, keys in (("location", {"id": 0}), ("join", {"name": "fred"}), ("quit", {"name": "fred"}),
                        ("data", {"dataset": "soundings", "add": "", "name": "fred", "x": 1,
                                  "y": 1, "depth": 3})):
        r = server.get_from(GUESSER, route, secret="bluewhale", world=w, **keys)
        assert r.status_code == 429 and r.headers["Retry-After"] == "1", (route, r.text)
    # The owner, at another address, with the right word, plays on.
    assert server.get_from(OWNER, "ping", id=0, secret="bluewhale", world=w).status_code == 200
    assert server.get_from(OWNER, "join", name="fred", secret="bluewhale", world=w).text == "0"
    # Each word tested after a pause starts one twice as long.
    for pause in (2, 4):
        time.sleep(pause / 2 + 0.2)
        r = server.get_from(GUESSER, "ping", id=0, secret="again", world=w)
        assert r.status_code == 403, r.text
        r = server.get_from(GUESSER, "ping", id=0, secret="again", world=w)
        assert r.status_code == 429 and r.headers["Retry-After"] == str(pause), r.text
    assert players(server, w)["fred"]["wrong_secrets"] == 7
    assert re.search(r"0 fred at .*secret word, 7 WRONG SECRET WORDS",
                     server.text("admin", key=server.key, world=w))
    # Nothing the guesser sent changed fred.
    assert world_sql(server, w, "SELECT playing FROM player") == [(1,)]


def test_a_missing_word_is_no_guess_and_the_right_word_forgets_the_wrong_ones(server, unique):
    w = server.make_world(unique("typo"), 8)
    assert server.text("join", name="fred", secret="bluewhale", world=w) == "0"
    for _ in range(8):     # a classmate without any word: 403, never paused
        assert server.get_from(GUESSER, "location", id=0, world=w).status_code == 403
    for _ in range(3):     # fred's typos, then his word: forgotten
        for i in range(4):
            assert server.get("location", id=0, secret="bluewhal%d" % i, world=w).status_code == 403
        assert server.get("location", id=0, secret="bluewhale", world=w).status_code == 200
    assert players(server, w)["fred"]["wrong_secrets"] == 12
    # An unprotected player's requests are never paused, whatever they send.
    assert server.text("join", name="ann", world=w) == "1"
    for i in range(10):
        assert server.get("location", id=1, secret="w%d" % i, world=w).status_code == 200
    assert players(server, w)["ann"]["wrong_secrets"] == 0


def test_many_connections_test_at_most_20_words_a_minute(server, unique):
    w = server.make_world(unique("flood"), 9)
    assert server.text("join", name="fred", secret="bluewhale", world=w) == "0"

    def guess(i):
        return server.get_from(GUESSER, "ping", id=0, secret="word%d" % i, world=w).status_code

    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(guess, range(240)))
        owner = server.get_from(OWNER, "ping", id=0, secret="bluewhale", world=w)
    took = time.time() - start
    assert owner.status_code == 200
    assert set(statuses) <= {403, 429}, statuses
    tested = players(server, w)["fred"]["wrong_secrets"]
    print("words tested: %d of %d in %.1f s" % (tested, len(statuses), took))
    # 5 words, then one after each pause (1, 2, 4, 8, 16, 32 s): the most a
    # minute could see is 10, whatever the number of connections.
    most = 5 + sum(1 for t in (1, 3, 7, 15, 31) if t <= took + 0.5)
    assert statuses.count(403) == tested and 5 <= tested <= min(most, 20), (tested, took)


# 5. Records by name honour secret words

def steps_rows(server, name):
    """The levels steps.db holds for name (none before the first is made)."""
    path = os.path.join(server.data_dir, "steps.db")
    if not os.path.exists(path):
        return []
    return run_sql(path, "SELECT level FROM solved WHERE name = ?", [name])


def test_a_steps_level_for_a_protected_name_needs_the_word(server, unique):
    w = server.make_world(unique("steps"), 10)
    fred = unique("fred")
    assert server.text("join", name=fred, secret="leafy", world=w) == "0"
    for secret in ({}, {"secret": "wrong"}):
        r = server.get("puzzle", solution="leaf", name=fred, world=w, **secret)
        assert r.status_code == 403 and "secret=" in r.text and one_sentence(r.text), r.text
        j = server.get("puzzle", solution="leaf", name=fred, world=w, format="json", **secret).json()
        assert j["status"] == 403 and "solved" not in j
    assert steps_rows(server, fred) == []
    board = server.get("scores", world=w, format="json").json()["players"]
    assert [p for p in board if p["name"] == fred][0]["levels"] == []
    # A wrong answer needs no word: nothing is recorded.
    assert server.get("puzzle", solution="run", name=fred, world=w).status_code == 200
    # With the word: solved and recorded, and /scores credits it.
    assert server.text("puzzle", solution="leaf", name=fred, secret="leafy", world=w).startswith("Yes!")
    assert steps_rows(server, fred) == [("puzzle",)]
    board = server.get("scores", world=w, format="json").json()["players"]
    assert [p for p in board if p["name"] == fred][0]["levels"] == ["puzzle"]


def test_a_steps_name_is_the_player_of_world_or_else_of_the_default_world(server, unique):
    w = server.make_world(unique("stepsw"), 11)
    ann = unique("ann")
    assert server.text("join", name=ann, secret="kelp") != "-1"      # the default world
    assert server.get("puzzle", solution="leaf", name=ann).status_code == 403
    assert server.get("puzzle", solution="leaf", name=ann, world="mocean").status_code == 403
    assert steps_rows(server, ann) == []
    # In a world where that name is nobody's (or unprotected), no word is needed.
    assert server.text("puzzle", solution="leaf", name=ann, world=w).startswith("Yes!")
    assert steps_rows(server, ann) == [("puzzle",)]
    bob = unique("bob")
    assert server.text("join", name=bob, world=w) == "0"
    assert server.text("puzzle", solution="leaf", name=bob, world=w).startswith("Yes!")


def test_a_data_row_for_a_protected_name_needs_the_word(server, unique):
    w = server.make_world(unique("rows"), 12)
    assert server.text("join", name="fred", secret="orca", world=w) == "0"
    assert server.text("join", name="ann", world=w) == "1"
    row = dict(dataset="soundings", add="", x=12.5, y=40, depth=28.1, world=w)
    for secret in ({}, {"secret": "wrong"}):
        r = server.get("data", name="fred", **row, **secret)
        assert r.status_code == 403 and "secret=" in r.text and one_sentence(r.text), r.text
    assert world_sql(server, w, "SELECT count(*) FROM sounding") == [(0,)]
    assert server.text("data", name="fred", secret="orca", **row) == "1"
    assert server.text("data", name="ann", **row) == "1"            # unprotected: as before
    assert server.text("data", name="nemo", **row) == "1"           # nobody's name: as before
    assert server.text("data", name="ann", secret="anything", **row) == "1"
    assert world_sql(server, w, "SELECT name FROM sounding ORDER BY rowid") == \
        [("fred",), ("ann",), ("nemo",), ("ann",)]
    # secret= is no column: reading the rows with it works too.
    assert server.text("data", dataset="soundings", columns="name", secret="orca", world=w,
                       format="csv").splitlines()[0] == "name"
