"""Player names as the first server took them: whatever Python's
str.isalnum() accepts, up to 64 characters; anything else joins as -1, never
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
    for n in ["", " ", "fr ed", "fred!", "a_b", "e\u0301", "x\u200d", "🙂", "\ufffd", "a-b", "fred\u2028x"]:
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
