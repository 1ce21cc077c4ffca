"""The pages people read: the reply form a browser gets without asking, the
/mocean quickstart, the students' page, the leaderboard and the teacher's
dashboard.  The pages are loaded in Debian's headless Chromium (chrome.py),
driven by clicks and typing, and each leaves a screenshot in tests/output/."""
import os
import re
import xml.etree.ElementTree as ET

import pytest

from chrome import CHROMIUM, Chrome

BROWSER_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,"
                  "image/avif,image/webp,*/*;q=0.8")


def get(server, route, accept=None, **params):
    headers = {"Accept": accept} if accept is not None else {}
    return server.session.get(server.url + "/" + route, params=params, headers=headers, timeout=30)


# Item 10: a browser gets the browser form; requests and curl plain text.

def test_a_browser_gets_the_web_page_without_asking(server):
    r = get(server, "begin", BROWSER_ACCEPT, message="97")
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert r.text.startswith("<!DOCTYPE html>") and '<pre id="reply"' in r.text
    assert "97" in r.text


@pytest.mark.parametrize("accept", [None, "*/*", "text/plain", "application/json",
                                    "text/html;q=0.5, */*;q=0.9", "text/html;q=0"])
def test_programs_get_plain_text_exactly_as_before(server, accept):
    plain = get(server, "begin", "*/*", message="97")
    r = get(server, "begin", accept, message="97")
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert r.text == plain.text and not r.text.startswith("<")


@pytest.mark.parametrize("accept", ["text/html", "TEXT/HTML", "text/html;q=0.8, */*;q=0.8",
                                    "application/json;q=0.9, text/html"])
def test_text_html_at_least_as_wanted_as_anything_is_a_browser(server, accept):
    r = get(server, "hello", accept)
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"


def test_format_and_client_still_decide_in_a_browser(server):
    r = get(server, "begin", BROWSER_ACCEPT, message="97", format="json")
    assert r.headers["Content-Type"] == "application/json"
    assert "reply" in r.json()
    r = get(server, "begin", BROWSER_ACCEPT, message="97", client="text")
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_a_refusal_in_a_browser_keeps_its_status(server):
    r = get(server, "exchange", BROWSER_ACCEPT, task="seven")
    assert r.status_code == 400
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "task" in r.text


# Item 11: /mocean in a browser opens with how to play and a first mission.

def test_mocean_in_a_browser_opens_with_a_first_mission(server):
    r = get(server, "mocean", BROWSER_ACCEPT)
    page = r.text
    host = server.url[len("http://"):]
    assert page.index("HOW TO PLAY") < page.index("Mocean 2.0")
    for address in ["/join?name=fred", "/seamountname?id=0", "/dive?id=0&amp;ctrl=f",
                    "/get?id=0&amp;item=treasure"]:
        assert "http://" + host + address in page
    reply = lambda page: page[page.index('<pre id="reply"'):page.index("</pre>")]
    assert reply(r.text) == reply(get(server, "mocean", client="browser").text)


def test_mocean_for_programs_is_unchanged(server):
    text = server.text("mocean")
    assert text.startswith("Mocean 2.0: the ocean planet game\n")
    assert "HOW TO PLAY" not in text
    assert "HOW TO PLAY" not in server.get("mocean", format="json").json()["reply"]


# The pages, in headless Chromium (chrome.py), with a screenshot of each.

def teacher_key(server):
    server.get("admin")
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        return f.read()


needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")

# Routes that act on a player or a world: the students' page must send them
# to the demo world only.
WORLD_ROUTES = ("join quit who name id location velocity accel stop dive ping teleport look get "
                "inventory use whalename treasurename seamountname sendchat popchat").split()


def test_the_students_page_examples_play_in_the_demo_world(server):
    page = ET.fromstring(server.get("").text.split("\n", 1)[1])
    hrefs = [a.get("href") for a in page.iter("a")]
    acting = [h for h in hrefs if re.match(r"/(%s)\b" % "|".join(WORLD_ROUTES), h)]
    assert len(acting) >= len(WORLD_ROUTES)
    for h in acting:
        assert re.search(r"[?&]world=demo(&|$)", h), h


@needs_chromium
def test_the_students_page_opens_with_how_to_play(server, output_dir):
    with Chrome(1366, 900) as c:
        c.open(server.url + "/")
        text = c.js("document.querySelector('main').innerText")
        assert text.index("How to play Mocean") < text.index("Every route, with its lesson")
        assert "The goal:" in text and "Your first mission" in text and "secret" in text
        mission = c.js("[...document.querySelectorAll('ol.mission a')].map(a => a.textContent)")
        assert mission[0] == server.url + "/join?name=fred&world=demo"
        assert any("/seamountname?" in m for m in mission) and any("/dive?" in m for m in mission)
        assert any("/get?id=0&item=treasure" in m for m in mission)
        c.screenshot(os.path.join(output_dir, "students-page.png"))
        # A click on the first step joins fred in the demo world, and nowhere else.
        before = server.text("who")
        c.click("ol.mission a")
        c.wait("location.pathname === '/join'")
        assert re.fullmatch(r"\d+", c.js("document.getElementById('reply').innerText").strip())
        assert "fred" in server.text("who", world="demo")
        assert server.text("who") == before


@needs_chromium
def test_mocean_in_a_browser(server, output_dir):
    with Chrome(1366, 900) as c:
        c.open(server.url + "/mocean")
        text = c.js("document.getElementById('reply').innerText")
        assert text.startswith("HOW TO PLAY")
        assert server.url + "/join?name=fred" in text
        c.screenshot(os.path.join(output_dir, "mocean-browser.png"))


# Item 8: the leaderboard.

def test_scores_for_one_world(server, unique):
    key = teacher_key(server)
    w, other = unique("lb"), unique("lb")
    ann, bob, cy = unique("ann"), unique("bob"), unique("cy")
    for name in (ann, bob, cy):
        server.text("join", name=name, world=w)
    server.text("join", name=unique("elsewhere"), world=other)
    server.text("admin", key=key, do="give", id=1, world=w)
    server.text("steps", message="passport", name=cy)
    j = server.get("scores", world=w, format="json").json()
    board = {p["name"]: p for p in j["players"]}
    assert set(board) == {ann, bob, cy}
    assert board[bob]["treasures"] > 0 and board[ann]["treasures"] == 0
    assert board[cy]["levels"] == ["steps"]
    assert server.text("scores", world=w) == j["reply"]
    assert "%s: 0 levels, 0 treasures\n" % ann in j["reply"]
    # Without world=, every player of every world, ann (with nothing) too.
    assert ann + ": 0 levels, 0 treasures" in server.text("scores").splitlines()
    assert server.get("scores", world=unique("none"), format="json").json()["players"] == []


@needs_chromium
def test_the_leaderboard_for_the_projector(server, unique, output_dir):
    key = teacher_key(server)
    w = unique("proj")
    names = ["Aisha", "Ben", "Chloe", "Dmitri", "Emma", "Farah", "Gabriel", "Hana"]
    for name in names:
        server.text("join", name=name, world=w)
    server.text("admin", key=key, do="give", id=2, world=w)       # Chloe: every treasure
    for name in ("Ben", "Hana"):
        server.text("steps", message="passport", name=name)
        server.text("puzzle", solution="leaf", name=name)
    page = server.get("scores", world=w, client="browser")
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    with Chrome(1920, 1080) as c:
        c.open("%s/scores?world=%s&client=browser" % (server.url, w))
        c.wait("document.querySelectorAll('#board li').length === 8")
        order = c.js("[...document.querySelectorAll('#board .name')].map(e => e.textContent)")
        # Ranked: treasures, then Steps levels, then (the rest tie) by name.
        assert order == ["Chloe", "Ben", "Hana", "Aisha", "Dmitri", "Emma", "Farah", "Gabriel"]
        assert c.js("parseFloat(getComputedStyle(document.querySelector('#board li')).fontSize)") >= 40
        assert c.js("document.querySelector('#board li:last-child').getBoundingClientRect().bottom") <= 1080
        assert "connecting" not in c.js("document.getElementById('status').textContent")
        c.screenshot(os.path.join(output_dir, "leaderboard.png"))
        # It refreshes by itself: Emma takes the lead.
        server.text("admin", key=key, do="give", id=4, world=w)
        server.text("admin", key=key, do="give", id=4, world=w)
        c.wait("document.querySelector('#board .name').textContent === 'Emma'", timeout=30)


# Item 6: the teacher's dashboard.

def card(world):
    return ".world[data-world='%s'] " % world


@needs_chromium
def test_the_teachers_dashboard(make_server, unique, output_dir):
    # A server of its own: the dashboard lists every world, and the shared
    # server holds hundreds by now (its list would redraw under the clicks).
    server = make_server()
    key = teacher_key(server)
    w = unique("dash")
    for name in ("fred", "wilma", "barney"):
        server.text("join", name=name, world=w)
    with Chrome(1600, 1000) as c:
        c.open(server.url + "/teacher")
        assert c.wait("!document.getElementById('login').hidden")
        # A wrong key first: said, and the dashboard stays closed.
        c.click("#key")
        c.type("not-the-key")
        c.press_enter()
        c.wait("document.getElementById('message').textContent.includes('did not accept')")
        # The real key, typed once: kept in this tab, never in the address.
        c.click("#key")
        c.type(key)
        c.press_enter()
        c.wait("!!document.querySelector(\"%stable\")" % card(w))
        assert key not in c.js("location.href")
        assert c.js("sessionStorage.getItem('moceanTeacherKey')") == key
        names = c.js("[...document.querySelectorAll(\"%str.player\")].map(r => r.title)" % card(w))
        assert names == ["fred", "wilma", "barney"]
        links = c.js("[...document.querySelectorAll(\"%s.links a\")].map(a => a.getAttribute('href'))" % card(w))
        assert links[0].startswith("/map?world=%s" % w) and key not in links[0]
        assert links[1] == "/scores?world=%s&client=browser" % w
        # Every /admin action has its button (an open world shows Lock, not Unlock).
        actions = set(c.js("[...document.querySelectorAll(\"%sbutton\")].map(b => b.dataset.do)" % card(w)))
        assert actions >= {"bloom", "lock", "limit", "newview", "reset", "delete", "give", "kick",
                           "newsecret"}
        assert "unlock" not in actions

        def answer_after(click):
            c.js("document.getElementById('answer').textContent = ''")
            c.click(click)
            return c.wait("document.getElementById('answer').textContent")

        assert answer_after(card(w) + "button[data-do='bloom']") == "the plankton bloom in %s is on" % w
        c.wait("!!document.querySelector(\"%sbutton[data-do='calm']\")" % card(w))
        assert server.get("admin", key=key, format="json").json()["worlds"]
        said = answer_after(card(w) + "tr[title='barney'] button[data-do='give']")
        assert said == "barney now holds a copy of every treasure"
        c.dialogs.clear()
        said = answer_after(card(w) + "tr[title='fred'] button[data-do='kick']")
        assert c.dialogs == ["Remove fred from %s?" % w]
        assert said == "player fred removed from %s" % w
        c.wait("![...document.querySelectorAll(\"%str.player\")].some(r => r.title === 'fred')" % card(w))
        assert "fred" not in server.text("who", world=w)
        # Actions this server may not know yet still show its one-line answer.
        assert answer_after(card(w) + "button[data-do='lock']")
        # A new world with a seed.
        made = unique("made")
        c.click("#newname")
        c.type(made)
        c.click("#newseed")
        c.type("42")
        said = answer_after("#make")
        assert said == "world %s made anew with seed 42" % made
        c.wait("!!document.querySelector(\"%s\")" % card(made).strip())
        assert "seed 42" in c.js("document.querySelector(\"%s.facts\").textContent" % card(made))
        c.js("window.scrollTo(0, 0)")
        c.screenshot(os.path.join(output_dir, "teacher-dashboard.png"))


@needs_chromium
def test_the_dashboard_shows_a_damaged_world_plainly(make_server, unique, output_dir):
    """/admin's JSON gives a damaged world as {name, damaged, problem,
    players: []} with no seed: its card says the problem, and its Reset sets
    the file aside and makes the world anew; the other worlds show as ever."""
    server = make_server()
    key = teacher_key(server)
    broken, fine = unique("broken"), unique("fine")
    for w in (broken, fine):
        server.text("join", name="ann", world=w)
    server.stop()
    path = os.path.join(server.data_dir, "worlds", broken + ".db")
    with open(path, "r+b") as f:
        f.write(b"\x00" * 100)
    server.start()
    j = [w for w in server.get("admin", key=key, format="json").json()["worlds"] if w["name"] == broken]
    assert j[0]["damaged"] is True and "seed" not in j[0]
    with Chrome(1600, 1000) as c:
        c.open(server.url + "/teacher?key=" + key)
        problem = c.wait("(document.querySelector(\"%s.problem\") || {}).textContent" % card(broken))
        assert problem.startswith("Damaged: ") and "worlds/%s.db" % broken in problem
        text = c.js("document.querySelector(\"%s\").textContent" % card(broken).strip())
        assert "undefined" not in text and "seed" not in text
        assert c.js("!!document.querySelector(\"%stable tr.player\")" % card(fine))
        c.screenshot(os.path.join(output_dir, "teacher-damaged-world.png"))
        c.dialogs.clear()
        c.click(card(broken) + "button[data-do='reset']")
        said = c.wait("document.getElementById('answer').textContent")
        assert c.dialogs and c.dialogs[0].startswith("Reset %s? Its damaged file is set aside" % broken)
        assert re.fullmatch(r"world %s made anew with seed \d+" % broken, said), said
        c.wait("!!document.querySelector(\"%s.facts\")" % card(broken))
    assert any(n.startswith(broken + ".db.damaged") for n in os.listdir(os.path.dirname(path)))
    assert server.text("who", world=broken) == "there are 0 players: "
