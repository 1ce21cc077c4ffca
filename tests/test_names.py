"""Player names as the first server took them: whatever Python's
str.isalnum() accepts (and, since, combining marks after the first letter,
so Indic names join), up to 64 characters; anything else joins as -1, never
a 400.  Such names work everywhere a name is printed, compared or stored
(who, name, id, quit, chat, treasurename, the logs, the JSON forms).  The
C rule (lib/ocean/player.c's is_player_name) is held to Python by the unit test
tests/unit/test_names.c, whose table tests/unit/names_table.py writes."""
import ast
import os
import subprocess
import sys

from conftest import world_sql

HERE = os.path.dirname(os.path.abspath(__file__))


def test_names_table_is_what_python_says():
    """The checked-in table is exactly what this Python writes."""
    r = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "unit", "names_table.py")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    with open(os.path.join(HERE, "unit", "names_table.h"), encoding="utf-8") as f:
        table = f.read()
    # The first line names the Python that wrote it; the rest must agree.
    assert r.stdout.split("\n", 2)[2] == table.split("\n", 2)[2]


def test_names_of_every_alphabet_play(server, unique):
    w = unique("names")
    names = ["José", "Zoë", "李雷", "Ἀθηνᾶ", "١٠١", "x²"]
    ids = [server.text("join", name=n, world=w) for n in names]
    assert ids == [str(i) for i in range(len(names))]
    assert server.text("join", name="José", world=w) == "0"                  # already playing
    assert server.text("who", world=w) == "there are 6 players: " + "".join(n + " " for n in names)
    assert server.get("who", world=w, format="json").json()["players"] == names
    for i, n in enumerate(names):
        assert server.text("name", id=i, world=w) == n
        assert server.get("name", id=i, world=w, format="json").json()["name"] == n
        assert server.text("id", name=n, world=w) == str(i)
    assert server.text("treasurename", id=2, world=w) == "treasures held by 李雷: "
    assert server.text("sendchat", id=2, name="Zoë", message="你好 Zoë!", world=w) == "message sent to Zoë"
    assert server.text("popchat", id=1, world=w) == "player 李雷 tells you: 你好 Zoë!"
    assert server.get("sendchat", id=1, name="José", message="olá", world=w, format="json").json()["sent"]
    assert server.get("popchat", id=0, world=w, format="json").json()["message"] == "player Zoë tells you: olá"
    assert ast.literal_eval(server.text("inventory", id=0, world=w)) == [["air tank", "air tank", 1.0]]
    server.text("location", id=2, world=w)
    server.text("look", id=2, world=w)
    assert world_sql(server, w, "SELECT DISTINCT player FROM track") == [("李雷",)]
    assert server.text("quit", name="José", world=w) == "player José removed from the game"
    assert server.get("quit", name="Zoë", world=w, format="json").json() == {
        "reply": "player Zoë removed from the game", "removed": True, "name": "Zoë"}
    assert server.text("id", name="José", world=w) == "-1"
    assert server.text("who", world=w) == "there are 4 players: 李雷 Ἀθηνᾶ ١٠١ x² "


def test_64_characters_not_bytes(server, unique):
    w = unique("long")
    for n in ["a" * 64, "李" * 64, "𝔸" * 64]:                     # 64, 192 and 256 bytes
        pid = server.text("join", name=n, world=w)
        assert pid != "-1" and server.text("name", id=pid, world=w) == n
        assert server.text("id", name=n, world=w) == pid
        assert server.text("quit", name=n, world=w) == "player %s removed from the game" % n
    for n in ["a" * 65, "李" * 65, "𝔸" * 65, "a" * 5000]:
        r = server.get("join", name=n, world=w)
        assert (r.status_code, r.text) == (200, "-1")
        assert server.get("id", name=n, world=w).text == "-1"
    assert server.text("who", world=w) == "there are 0 players: "


def test_what_python_refuses_is_minus_one_never_400(server, unique):
    w = unique("refused")
    for n in ["", " ", "fr ed", "fred!", "a_b", "\u0301e", "x\u200d", "🙂", "\ufffd", "a-b", "fred\u2028x"]:
        assert not n.strip().isalnum()
        r = server.get("join", name=n, world=w)
        assert (r.status_code, r.text) == (200, "-1"), n
        j = server.get("join", name=n, world=w, format="json").json()
        assert j["id"] == -1 and "letters and digits" in j["reason"]
        assert server.get("id", name=n, world=w).text == "-1"
    assert server.text("who", world=w) == "there are 0 players: "


def test_a_world_holds_2000_players(server, unique):
    """A bound on every list of players: past 2000 at once, /join is -1 (the
    reason is in the JSON form); a player who quits makes room."""
    w = unique("crowd")
    server.text("join", name="first", world=w)
    world_sql(server, w, "INSERT INTO player (id, name, x, y, heading, t, joined)"
              " SELECT 1000 + i, 'filler' || i, 50, 50, 0, 0, 0 FROM"
              " (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1998) SELECT i FROM n)")
    assert server.text("join", name="last", world=w) == "1"                  # the 2000th
    assert server.text("join", name="over", world=w) == "-1"
    assert server.get("join", name="over", world=w, format="json").json() == {
        "reply": "-1", "reason": "this ocean is full: come back when someone quits", "id": -1}
    assert server.text("join", name="last", world=w) == "1"                  # already playing: fine
    assert server.text("who", world=w).startswith("there are 2000 players: first ")
    server.text("quit", name="filler7", world=w)
    assert server.text("join", name="over", world=w) == "2"


# Names nobody can fake: compared as people read them (NFKC, case folded, the
# confusable skeleton of Unicode TS #39), and no invisible letters or alphabets
# mixed the way look-alikes are.

LOOK_ALIKES_OF_FRED = {          # each one resolves to fred, or is refused
    "Fred": "0", "FRED": "0",
    "ｆｒｅｄ": "0",               # fullwidth
    "𝐟𝐫𝐞𝐝": "0",                   # mathematical bold
    "fr\u0435d": "-1",           # a Cyrillic е: alphabets mixed
    "fred\u3164": "-1",          # a Hangul filler: invisible
    "fred\uffa0": "-1", "fred\u115f": "-1",
}
INVISIBLE = ["\u3164", "\uffa0", "\u115f", "\u3164\u3164", "fred\u3164", "fr\u200bed",
             "fred\u200d", "fred\ufe0f"]


def join_reason(server, name, world, **more):
    """(text, JSON id, JSON reason, the browser's page) of one /join."""
    text = server.text("join", name=name, world=world, **more)
    j = server.get("join", name=name, world=world, format="json", **more).json()
    page = server.get("join", name=name, world=world, client="browser", **more).text
    return text, j["id"], j.get("reason"), page


def test_look_alikes_of_a_player_are_that_player_or_refused(server, unique):
    w = unique("alike")
    assert server.text("join", name="fred", world=w) == "0"
    for name, want in LOOK_ALIKES_OF_FRED.items():
        text, jid, reason, page = join_reason(server, name, w)
        assert (text, jid) == (want, int(want)), name
        if want == "-1":
            assert reason and reason in page and ("invisible" in reason or "alphabet" in reason), name
        assert server.text("id", name=name, world=w) == "0", name   # looked up: fred
    # The board and the chat show one fred, never two that look the same.
    assert server.text("who", world=w) == "there are 1 players: fred "
    assert server.text("join", name="ann", world=w) == "1"
    assert server.text("sendchat", id=1, name="Fred", message="hi", world=w) == "message sent to fred"
    assert server.text("popchat", id=0, world=w) == "player ann tells you: hi"
    board = server.get("scores", world=w, format="json").json()["players"]
    assert sorted(p["name"] for p in board) == ["ann", "fred"]


def test_invisible_names_and_mixed_alphabets_never_join(server, unique):
    w = unique("invis")
    for name in INVISIBLE + ["fr\u0435d", "\u0440aypal", "fred\u03b1", "fred\u0661"]:
        text, jid, reason, page = join_reason(server, name, w)
        assert (text, jid) == ("-1", -1), repr(name)
        assert reason.endswith("like fred") and reason in page, repr(name)
    assert server.text("who", world=w) == "there are 0 players: "
    # Names of one alphabet (and Chinese, Japanese or Korean with Latin) still join.
    names = ["José", "Zoë", "李雷", "Дмитрий", "محمد", "अनन्या", "ann李雷"]
    assert [server.text("join", name=n, world=w) for n in names] == [str(i) for i in range(len(names))]


def test_a_name_that_only_looks_the_same_is_refused_with_the_reason(server, unique):
    w = unique("whole")
    assert server.text("join", name="ape", world=w) == "0"
    text, jid, reason, page = join_reason(server, "\u0430\u0440\u0435", w)   # all Cyrillic
    assert (text, jid) == ("-1", -1)
    assert reason == ("that name looks just like the name of a player already in this world:"
                      " pick a name of your own")
    assert reason in page
    assert server.text("join", name="rn", world=w) == "1"
    assert server.text("join", name="m", world=w) == "-1"                       # rn reads as m
    assert server.text("who", world=w) == "there are 2 players: ape rn "


def test_a_look_alike_of_a_protected_player_needs_its_word(server, unique):
    w = unique("guard")
    assert server.text("join", name="wilma", secret="bluewhale", world=w) == "0"
    for name in ["Wilma", "ｗｉｌｍａ", "𝐰𝐢𝐥𝐦𝐚"]:
        assert server.text("join", name=name, world=w) == "-1"
        assert server.text("join", name=name, secret="kelp", world=w) == "-1"
        assert server.text("join", name=name, secret="bluewhale", world=w) == "0"
        assert server.get("quit", name=name, world=w).status_code == 403
    # Steps and /data records credited to a look-alike are wilma's: her word.
    for name in ["Wilma", "wi\u217cma", "w\u0456lma"]:          # ⅼ (roman numeral), Cyrillic і
        r = server.get("puzzle", solution="leaf", name=name, world=w)
        assert r.status_code == 403 and "secret=" in r.text, name
        r = server.get("data", dataset="soundings", add="", name=name, x=1, y=2, depth=3, world=w)
        # /data's names are ASCII letters and digits: the others are a 400.
        assert r.status_code == (403 if name.isascii() else 400), name
    assert world_sql(server, w, "SELECT count(*) FROM sounding") == [(0,)]
    assert server.text("puzzle", solution="leaf", name="Wilma", secret="bluewhale",
                       world=w).startswith("Yes!")
    board = server.get("scores", world=w, format="json").json()["players"]
    assert [(p["name"], p["levels"]) for p in board] == [("wilma", ["puzzle"])]
    # A Steps name= no player may have is refused, and nothing is recorded.
    r = server.get("puzzle", solution="leaf", name="nemo\u3164", world=w)
    assert r.status_code == 400 and "invisible" in r.text
    assert world_sql(server, w, "SELECT skeleton FROM player") == [("wilrna",)]
