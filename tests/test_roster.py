"""A class roster with secret words, through real lighttpd in both serving
modes: the teacher lists the class (do=roster), each name gets a word of two
kind words and a number; a world with a roster admits exactly its names,
each with its word, and a world without one admits anybody as before; a
name comes off (do=unroster) or gets a new word (do=newsecret) whether it
joined or not; the roster is kept in the world's file through a reset and a
restart; the dashboard shows it and prints cards, in headless Chromium."""
import base64
import os
import re

import pytest

from chrome import CHROMIUM, Chrome
from conftest import world_sql

WORD = re.compile(r"[a-z]+-[a-z]+-\d\d")
GUESSER = "127.0.0.2"


def roster(server, w, names, **more):
    r = server.get("admin", key=server.key, do="roster", world=w, names=names,
                   format="json", **more)
    assert r.status_code == 200, r.text
    return {n["name"]: n for n in r.json()["roster"]}


def overview(server, w):
    return server.get("admin", key=server.key, world=w, format="json").json()["worlds"][0]


def one_sentence(text):
    return bool(text.strip()) and "\n" not in text.strip()


def test_the_teacher_lists_the_class_and_each_name_gets_a_word(server, unique):
    w = server.make_world(unique("class"), 1)
    got = roster(server, w, "ann,ben,李雷")
    assert list(got) == ["ann", "ben", "李雷"]
    for n in got.values():
        assert WORD.fullmatch(n["secret"]) and n["added"] is True, n
        assert int(n["secret"].rsplit("-", 1)[1]) not in (69, 88)
    # The text form: a sentence, then a line a name with its word.
    text = server.text("admin", key=server.key, do="roster", world=w, names="cy")
    lines = text.strip().split("\n")
    assert lines[0].startswith("1 name on the roster of " + w) and "only these names" in lines[0]
    assert re.fullmatch(r"cy [a-z]+-[a-z]+-\d\d", lines[1]), lines
    # A name on the roster already keeps its word, and says so.
    again = server.get("admin", key=server.key, do="roster", world=w, names="ann, dee",
                       format="json").json()["roster"]
    assert again[0] == dict(name="ann", secret=got["ann"]["secret"], added=False)
    assert again[1]["name"] == "dee" and again[1]["added"] is True
    text = server.text("admin", key=server.key, do="roster", world=w, names="ann")
    assert "ann %s (on the roster already: the same word)" % got["ann"]["secret"] in text
    # The browser form says it too.
    page = server.text("admin", key=server.key, do="roster", world=w, names="ben", client="browser")
    assert got["ben"]["secret"] in page and "<html" in page.lower()
    # The overview lists the roster, with each word.
    listed = overview(server, w)["roster"]
    assert [n["name"] for n in listed] == ["ann", "ben", "李雷", "cy", "dee"]
    assert listed[0] == dict(name="ann", secret=got["ann"]["secret"], playing=False, wrong_secrets=0)
    assert got["李雷"]["secret"] in server.text("admin", key=server.key, world=w)


def test_bad_class_lists_are_refused_whole(server, unique):
    w = server.make_world(unique("badlist"), 2)
    for names, says in (("ann,fred!,ben", "fred! is not a name"), (",, ,", "no name"),
                        ("x" * 70, "is not a name"), (",".join("n%d" % i for i in range(501)), "at most 500")):
        for form in ("text", "json", "browser"):
            params = dict(format="json") if form == "json" else dict(client="browser") if form == "browser" else {}
            r = server.get("admin", key=server.key, do="roster", world=w, names=names, **params)
            assert r.status_code == 400, (names[:20], form, r.text)
            body = r.json()["error"] if form == "json" else r.text
            assert says in body, body
            assert "nothing was added" in body or says == "no name", body
            if form == "text":
                assert one_sentence(r.text), r.text
    assert overview(server, w)["roster"] == []
    assert server.get("admin", key=server.key, do="roster", world=w).status_code == 400     # no names=
    assert server.get("admin", key="0" * 32, do="roster", world=w, names="ann").status_code == 403
    assert server.get("admin", key=server.key, do="roster", world=unique("nowhere"),
                      names="ann").status_code == 404
    assert overview(server, w)["roster"] == []
    # Worlds without a roster play as before: any name, no word.
    assert server.text("join", name="zed", world=w) == "0"


def test_a_world_with_a_roster_admits_exactly_its_names(server, unique):
    w = server.make_world(unique("admit"), 3)
    words = {n: e["secret"] for n, e in roster(server, w, "ann,李雷").items()}
    assert server.text("join", name="ann", secret=words["ann"], world=w) == "0"
    assert server.text("join", name="李雷", secret=words["李雷"], world=w) == "1"
    # Joined again with the word: the same id.
    assert server.text("join", name="ann", secret=words["ann"], world=w) == "0"
    # The word protects every route, as a player's word does.
    assert server.get("location", id=0, world=w).status_code == 403
    assert server.get("location", id=0, secret=words["ann"], world=w).status_code == 200
    # Another name, a missing or a wrong word: -1, with the reason.
    for params, says in ((dict(name="mallory"), "class list"),
                         (dict(name="mallory", secret="kelp"), "class list"),
                         (dict(name="ben", secret=words["ann"]), "class list")):
        assert server.text("join", world=w, **params) == "-1"
        j = server.get("join", world=w, format="json", **params).json()
        assert j["id"] == -1 and says in j["reason"], j
        page = server.text("join", world=w, client="browser", **params)
        assert "-1" in page and says in page
    # A name on the roster that has not joined yet: its word, and only its word.
    assert server.get_from(GUESSER, "join", name="dee", world=w).text == "-1"
    roster(server, w, "dee")
    j = server.get_from(GUESSER, "join", name="dee", world=w, format="json").json()
    assert j["id"] == -1 and "secret word from your card" in j["reason"]
    j = server.get_from(GUESSER, "join", name="dee", secret=words["ann"], world=w,
                        format="json").json()
    assert j["id"] == -1 and "not the secret word on your card" in j["reason"]
    # A joined name with a wrong word: -1 as for any protected player.
    assert server.get_from(GUESSER, "join", name="ann", secret="kelp", world=w).text == "-1"
    who = server.text("who", world=w)
    assert "mallory" not in who and "ben" not in who and "dee" not in who
    # Wrong words count per name on the roster, joined or not.
    listed = {n["name"]: n for n in overview(server, w)["roster"]}
    assert listed["dee"]["wrong_secrets"] == 1 and listed["dee"]["playing"] is False
    assert listed["ann"]["wrong_secrets"] == 1 and listed["ann"]["playing"] is True


def test_guessing_a_word_of_the_class_list_costs_the_guesser(server, unique):
    w = server.make_world(unique("rguess"), 4)
    word = roster(server, w, "eve")["eve"]["secret"]
    for i in range(5):
        r = server.get_from(GUESSER, "join", name="eve", secret="guess%d" % i, world=w)
        assert r.status_code == 200 and r.text == "-1", (i, r.text)
    r = server.get_from(GUESSER, "join", name="eve", secret=word, world=w)
    assert r.status_code == 429 and r.headers["Retry-After"] == "1" and one_sentence(r.text)
    # eve, from her own computer, joins with her word.
    assert server.get_from("127.0.0.3", "join", name="eve", secret=word, world=w).text == "0"


def test_a_player_already_playing_gets_the_rosters_word(server, unique):
    w = server.make_world(unique("before"), 5)
    assert server.text("join", name="bob", world=w) == "0"
    assert server.text("join", name="amy", world=w) == "1"
    word = roster(server, w, "bob")["bob"]["secret"]
    assert server.get("location", id=0, world=w).status_code == 403
    assert server.get("location", id=0, secret=word, world=w).status_code == 200
    assert server.text("join", name="bob", secret=word, world=w) == "0"
    assert server.text("join", name="amy", world=w) == "-1"      # not on the list now


def test_newsecret_and_removal_work_for_names_that_have_not_joined(server, unique):
    w = server.make_world(unique("manage"), 6)
    words = {n: e["secret"] for n, e in roster(server, w, "ann,ben").items()}
    # A new word for ann before she joined: the old card stops working.
    j = server.get("admin", key=server.key, do="newsecret", name="ann", world=w, format="json").json()
    assert j["name"] == "ann" and WORD.fullmatch(j["secret"]), j
    assert overview(server, w)["roster"][0]["secret"] == j["secret"]
    if j["secret"] != words["ann"]:
        assert server.text("join", name="ann", secret=words["ann"], world=w) == "-1"
    assert server.text("join", name="ann", secret=j["secret"], world=w) == "0"
    # And after she joined: the roster and the player change together.
    said = server.text("admin", key=server.key, do="newsecret", name="ann", secret="kelp-reef-12", world=w)
    assert "kelp-reef-12" in said and one_sentence(said)
    assert overview(server, w)["roster"][0]["secret"] == "kelp-reef-12"
    assert server.get("location", id=0, secret=j["secret"], world=w).status_code == 403
    assert server.get("location", id=0, secret="kelp-reef-12", world=w).status_code == 200
    # Removal: a name not joined comes off, and may not join.
    said = server.text("admin", key=server.key, do="unroster", name="ben", world=w)
    assert said.startswith("ben is off the roster of " + w) and one_sentence(said)
    assert server.text("join", name="ben", secret=words["ben"], world=w) == "-1"
    # A name that plays comes off and leaves the game.
    said = server.text("admin", key=server.key, do="unroster", name="ann", world=w)
    assert "ann is off the roster" in said and "left the game" in said
    assert "ann" not in server.text("who", world=w)
    # The roster is empty: the world admits every name again, and says so.
    assert "admits every name again" in said
    assert server.text("join", name="zed", world=w) == "1"
    # Refusals change nothing.
    r = server.get("admin", key=server.key, do="unroster", name="nobody", world=w)
    assert r.status_code == 404 and one_sentence(r.text) and "not on the roster" in r.text
    assert server.get("admin", key=server.key, do="unroster", world=w).status_code == 400
    r = server.get("admin", key=server.key, do="newsecret", name="nobody", world=w)
    assert r.status_code == 404 and "nobody" in r.text


def test_the_roster_survives_a_reset_and_a_restart(make_server, unique):
    s = make_server()
    w = s.make_world(unique("keep"), 7)
    words = {n: e["secret"] for n, e in roster(s, w, "ann,ben").items()}
    assert s.text("join", name="ann", secret=words["ann"], world=w) == "0"
    s.text("admin", key=s.key, do="reset", world=w, seed=8)
    assert s.text("who", world=w) == "there are 0 players: "
    assert [n["name"] for n in overview(s, w)["roster"]] == ["ann", "ben"]
    assert s.text("join", name="mallory", world=w) == "-1"
    assert s.text("join", name="ben", secret=words["ben"], world=w) == "0"
    s.restart()
    listed = overview(s, w)["roster"]
    assert [(n["name"], n["secret"]) for n in listed] == [("ann", words["ann"]), ("ben", words["ben"])]
    assert s.text("join", name="ann", secret=words["ann"], world=w) == "1"
    assert s.text("join", name="mallory", world=w) == "-1"
    assert world_sql(s, w, "SELECT name, word FROM roster ORDER BY seq") == \
        [("ann", words["ann"]), ("ben", words["ben"])]


def test_the_word_list_holds_only_kind_words():
    with open(os.path.join(os.path.dirname(__file__), "..", "lib", "teacher", "words.c")) as f:
        source = f.read()
    block = source[source.index("kind_words[64] = {"):]
    words = re.findall(r'"([a-z]+)"', block[:block.index("};")])
    assert len(words) == 64 and len(set(words)) == 64
    assert all(3 <= len(w) <= 7 for w in words), words


@pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
def test_the_dashboard_takes_a_class_list_and_prints_cards(make_server, output_dir, unique):
    s = make_server()
    w = s.make_world(unique("cards"), 9)
    with Chrome(1400, 1100) as c:
        c.open(s.url + "/teacher?key=" + s.key)
        c.wait("!!document.querySelector('#rosterworld option[value=\"%s\"]')" % w)
        c.js("document.getElementById('rosterworld').value = '%s'" % w)
        c.click("#rosternames")
        c.type("ann\nben, 李雷\n\nchloe\n")
        c.click("#rosteradd")
        c.wait("document.querySelectorAll('#rosterlists tr.rostered').length === 4")
        assert "4 names on the roster of " + w in c.js("document.getElementById('answer').textContent")
        assert c.js("document.getElementById('rosternames').value") == ""
        words = {n["name"]: n["secret"] for n in overview(s, w)["roster"]}
        rows = c.js("[...document.querySelectorAll('#rosterlists tr.rostered')]"
                    ".map(r => [...r.cells].slice(0, 4).map(d => d.textContent))")
        assert rows == [[n, words[n], "not joined yet", "0"] for n in ("ann", "ben", "李雷", "chloe")]
        # A wrong word shows beside the name.
        assert s.get_from(GUESSER, "join", name="ben", secret="nope", world=w).text == "-1"
        c.click("#refresh")
        c.wait("[...document.querySelectorAll('#rosterlists tr.rostered')][1].cells[3].textContent === '1'")
        c.js("document.getElementById('rosters').scrollIntoView()")
        c.screenshot(os.path.join(output_dir, "teacher-roster.png"))
        # A bad name: refused, and the list stays to be fixed.
        c.click("#rosternames")
        c.type("dan!")
        c.click("#rosteradd")
        c.wait("document.getElementById('answer').textContent.includes('is not a name')")
        assert c.js("document.getElementById('rosternames').value") == "dan!"
        # The cards, in the same tab (it keeps the key): nine names.
        roster(s, w, "dan,eve,fay,gus,hal")
        words = {n["name"]: n["secret"] for n in overview(s, w)["roster"]}
        c.click("#rosterlists a.cardslink")
        c.wait("document.querySelectorAll('#cards .card').length === 9")
        cards = c.js("[...document.querySelectorAll('#cards .card')].map(k => k.innerText)")
        assert len(cards) == len(words) == 9
        for card, name in zip(cards, words):
            address = "%s/join?name=%s&secret=%s&world=%s" % (s.url, name, words[name], w)
            for part in (name, w, words[name], s.url + "/", address):
                assert part in card, (part, card)
        # Printed on A4, eight cards to a sheet, none cut in two.
        c.send("Emulation.setEmulatedMedia", media="print")
        boxes = c.js("[...document.querySelectorAll('#cards .card')].map(k => "
                     "{ const r = k.getBoundingClientRect(); return [r.width, r.height]; })")
        mm = 96 / 25.4
        assert all(abs(wd - 90 * mm) < 2 and abs(ht - 62 * mm) < 2 for wd, ht in boxes), boxes
        assert c.js("getComputedStyle(document.getElementById('toolbar')).display") == "none"
        c.screenshot(os.path.join(output_dir, "roster-cards.png"))
        pdf = base64.b64decode(c.send("Page.printToPDF", preferCSSPageSize=True)["data"])
        pages = re.findall(rb"/Type\s*/Page\b", pdf)
        assert len(pages) == 2, len(pages)     # eight on the first sheet, one on the next
        sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
        assert sizes and all(abs(float(a) - 595.3) < 2 and abs(float(b) - 841.9) < 2
                             for a, b in sizes), sizes                        # A4, in points
        # The new word and remove buttons do what they say.
        c.send("Emulation.setEmulatedMedia", media="screen")
        c.open(s.url + "/teacher")
        c.wait("document.querySelectorAll('#rosterlists tr.rostered').length === 9")
        c.js("window.confirm = () => true")
        c.click("#rosterlists tr.rostered:nth-of-type(5) button[data-do=unroster]")
        c.wait("document.querySelectorAll('#rosterlists tr.rostered').length === 8")
        # And a new word: the row shows it.
        old = c.js("document.querySelector('#rosterlists tr.rostered td.word').textContent")
        c.click("#rosterlists tr.rostered button[data-do=newsecret]")
        c.wait("document.getElementById('answer').textContent.includes(\"ann's secret word\")")
        new = overview(s, w)["roster"][0]["secret"]
        c.wait("document.querySelector('#rosterlists tr.rostered td.word').textContent === %r" % new)
    assert old == words["ann"]
    assert [n["name"] for n in overview(s, w)["roster"]] == [n for n in words if n != "chloe"]


def test_records_by_name_honour_a_roster_word_before_the_name_joins(server, unique):
    w = server.make_world(unique("rrec"), 10)
    kim = unique("kim")
    word = roster(server, w, kim)[kim]["secret"]
    # A Steps level for kim, who has not joined: only with kim's word.
    for secret in ({}, {"secret": "wrong"}):
        r = server.get("puzzle", solution="leaf", name=kim, world=w, **secret)
        assert r.status_code == 403 and "card" in r.text and one_sentence(r.text), r.text
    board = server.get("scores", world=w, format="json").json()["players"]
    assert all(p["levels"] == [] for p in board if p["name"] == kim)
    assert server.text("puzzle", solution="leaf", name=kim, secret=word, world=w).startswith("Yes!")
    # A /data row credited to kim: the same.
    row = dict(dataset="soundings", add="", x=12.5, y=40, depth=28.1, world=w)
    r = server.get("data", name=kim, **row)
    assert r.status_code == 403 and "card" in r.text, r.text
    assert world_sql(server, w, "SELECT count(*) FROM sounding") == [(0,)]
    assert server.text("data", name=kim, secret=word, **row) == "1"
    assert server.text("data", name="nemo", **row) == "1"           # not on the list: as before


def test_made_up_words_come_from_the_list_and_skip_69_and_88(server, unique):
    w = server.make_world(unique("many"), 11)
    with open(os.path.join(os.path.dirname(__file__), "..", "lib", "teacher", "words.c")) as f:
        source = f.read()
    block = source[source.index("kind_words[64] = {"):]
    kind = set(re.findall(r'"([a-z]+)"', block[:block.index("};")]))
    got = roster(server, w, ",".join("n%d" % i for i in range(400)))
    numbers = set()
    for n in got.values():
        first, second, number = n["secret"].split("-")
        assert first in kind and second in kind, n
        numbers.add(int(number))
    assert numbers <= set(range(10, 100)) - {69, 88}
    assert len(numbers) > 60          # 400 words: nearly every number of the 88
