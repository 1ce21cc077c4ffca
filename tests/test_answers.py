"""The Steps answers are the teacher's: /answers with the teacher key (text
and JSON), and the dashboard's folded "Steps answers" section.  Without the
key: 403 and no answer.  Each answer solves its level when sent as it is,
there is one for every level, and the README (which students read) holds
none of them."""
import os
import re
import urllib.parse

import pytest

from chrome import CHROMIUM, Chrome

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUTES = os.path.join(CHECKOUT, "cgi-bin")


def teacher_key(server):
    with open(os.path.join(server.data_dir, "teacher.key")) as f:
        return f.read()


def answers(server):
    r = server.get("answers", key=teacher_key(server), format="json")
    assert r.status_code == 200, r.text
    return r.json()["answers"]


def levels():
    """Every level a route file marks solved: level_solved(rq, "NAME", ...)."""
    found = set()
    for name in os.listdir(ROUTES):
        with open(os.path.join(ROUTES, name)) as f:
            found |= set(re.findall(r'level_solved\(rq, "(\w+)"', f.read()))
    return found


def test_the_answers_need_the_teacher_key(server):
    every = answers(server)
    for params in ({}, {"key": "wrong"}, {"key": teacher_key(server)[:-1]}, {"format": "json"},
                   {"key": "wrong", "client": "browser"}):
        r = server.get("answers", **params)
        assert r.status_code == 403, (params, r.text)
        assert "teacher key" in r.text
        assert not [a for a in every if a["address"] in r.text or a["address"] in urllib.parse.unquote(r.text)]


def test_there_is_an_answer_for_every_level_and_each_solves_it(server, unique):
    every = answers(server)
    assert [a["level"] for a in every][0] == "steps"
    assert {a["level"] for a in every} == levels() and len(every) == len(levels())
    text = server.text("answers", key=teacher_key(server))
    assert text.splitlines() == ["%s   (%s)" % (a["address"], a["why"]) for a in every]
    name = unique("solver")
    for a in every:
        r = server.session.get(server.url + a["address"], params={"name": name, "format": "json"}, timeout=30)
        assert r.status_code == 200 and r.json().get("solved") is True, (a, r.text)
    scores = server.get("scores", format="json").json()["players"]
    mine = [p for p in scores if p["name"] == name]
    assert mine and sorted(mine[0]["levels"]) == sorted(levels())


def test_the_readme_holds_no_answer(server):
    with open(os.path.join(CHECKOUT, "README.md")) as f:
        readme = f.read()
    for a in answers(server):
        route, query = a["address"][1:].split("?")
        for pair in query.split("&"):
            value = pair.split("=")[1]
            assert pair not in readme, a
            assert not re.search(r"['\"]%s['\"]" % re.escape(value), readme), a
            if not value.isdigit() and len(value) > 3:
                assert not re.search(r"\b%s\b" % re.escape(value), readme, re.I), a


@pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")
def test_the_dashboard_shows_the_answers_folded_and_only_with_the_key(make_server, output_dir):
    server = make_server()
    every = answers(server)
    with Chrome(1400, 1000) as c:
        c.open(server.url + "/teacher?key=wrong")
        c.wait("document.getElementById('message').textContent.includes('did not accept')")
        assert c.js("document.getElementById('dashboard').hidden") is True
        assert c.js("document.querySelectorAll('#answerlist tr').length") == 0
        c.click("#key")
        c.type(teacher_key(server))
        c.press_enter()
        c.wait("!document.getElementById('dashboard').hidden")
        assert c.js("document.getElementById('answers').open") is False
        assert c.js("document.querySelectorAll('#answerlist tr').length") == 0
        c.click("#answers summary")
        c.wait("document.querySelectorAll('#answerlist tr').length === %d" % len(every))
        rows = c.js("[...document.querySelectorAll('#answerlist tr')].map(r => [...r.cells].map(d => d.textContent))")
        assert rows == [[a["level"], a["address"], a["why"]] for a in every]
        c.js("document.getElementById('answers').scrollIntoView()")
        c.screenshot(os.path.join(output_dir, "teacher-steps-answers.png"))
