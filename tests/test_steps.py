"""The Steps game through real lighttpd and Python requests: every level
solved, every hint reached, the three reply forms, refusals, and progress
recorded exactly once under a crowd."""
import json
import os
import threading
import xml.etree.ElementTree as ET

import pytest
import requests

from conftest import run_sql


def test_hello(server):
    assert server.text("hello").startswith("hello from Mocean!")


def test_exchange(server):
    assert server.text("exchange", task=5) == "42"
    assert server.text("exchange", task=-37) == "0"
    assert server.get("exchange", task=5, format="json").json() == {"reply": "42", "answer": 42}


@pytest.mark.parametrize("task, answer", [
    ("99999999999999999999", "100000000000000000036"),   # any size, as Python's int
    ("9223372036854775807", "9223372036854775844"),
    ("-99999999999999999999", "-99999999999999999962"),
    ("-100", "-63"),
    ("1_01", "138"),
    ("\u00a05\u00a0", "42"),                # a no-break space around it
    ("\u0661\u0660\u0661", "138"),          # Arabic-Indic digits
    pytest.param("9" * 1000, "1" + "0" * 998 + "36", id="a thousand nines"),
])
def test_exchange_reads_numbers_as_python(server, task, answer):
    assert server.text("exchange", task=task) == answer
    assert server.get("exchange", task=task, format="json").json()["answer"] == int(answer)


@pytest.mark.parametrize("params, words", [
    ({}, "task is missing"),
    ({"task": "abc"}, "task must be a whole number"),
    ({"task": "1.5"}, "task must be a whole number"),
    ({"task": ""}, "task is missing"),
    ({"task": "1__0"}, "task must be a whole number"),
    pytest.param({"task": "1" * 1001}, "task is too long", id="1001 digits"),
])
def test_exchange_refusals(server, params, words):
    r = server.get("exchange", **params)
    assert r.status_code == 400
    assert words in r.text and "\n" not in r.text


def test_steps(server):
    assert "/steps?message=" in server.text("steps")
    message = "Hello, ocean! 3 > 2 & ünïcode"
    reply = server.text("steps", message=message)
    assert reply.startswith("welcome!") and message in reply
    assert "/puzzle" not in reply
    reply = server.text("steps", message="passport")
    assert reply.startswith("welcome!") and "/puzzle" in reply


@pytest.mark.parametrize("route, key, answer, opens", [
    ("steps", "message", "passport please", "/puzzle"),
    ("steps", "message", "Passport", "/puzzle"),
    ("steps", "message", "\u00a0PASSPORT\u3000now", "/puzzle"),
    ("puzzle", "solution", "leaf it", "/problem"),
    ("puzzle", "solution", "LEAF", "/problem"),
    ("problem", "solution", "32 animals", "/begin"),
    ("problem", "solution", "3_2", "/begin"),
    ("problem", "solution", "\u0663\u0662", "/begin"),
    ("sirduke", "message", "WIGS", "/euler"),
])
def test_first_word_in_any_case(server, route, key, answer, opens):
    reply = server.get(route, **{key: answer, "format": "json"}).json()
    assert reply.get("solved") is True and opens in reply["reply"]


def test_steps_repeats_the_passport_message(server):
    reply = server.text("steps", message="passport please")
    assert reply.startswith("welcome!") and "passport please" in reply


@pytest.mark.parametrize("solution, words", [
    ("99999999999999999999", "too big"),
    ("-99999999999999999999", "too small"),
    ("32.0", "not a whole number"),
    ("thirty two", "not a whole number"),
])
def test_problem_reads_the_first_word_as_int(server, solution, words):
    assert words in server.text("problem", solution=solution)


def test_puzzle(server):
    assert "deciduous" in server.text("puzzle")
    assert "autumn" in server.text("puzzle", solution="run")
    assert "/problem" in server.text("puzzle", solution="leaf")


def test_problem(server):
    assert "five" in server.text("problem")
    assert "not a whole number" in server.text("problem", solution="lots")
    assert "too small" in server.text("problem", solution=31)
    assert "too big" in server.text("problem", solution=33)
    reply = server.text("problem", solution=32)
    assert "/python" in reply and "/begin" in reply


def test_python_program_runs(server, tmp_path):
    """The program /python shows works when typed in and run."""
    reply = server.text("python")
    code = "\n".join(line for line in reply.splitlines()
                     if line.startswith(("import", "base", "reply", "print", "for", "    ")))
    assert "requests.get" in code
    assert "base = 'http://127.0.0.1:%d'" % server.port in code
    path = tmp_path / "steps.py"
    path.write_text(code + "\n")
    import subprocess, sys
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "101 is a prime bigger than 100" in out.stdout
    assert "103 " in out.stdout


@pytest.mark.parametrize("message, words", [
    ("hello", "not a number"),
    ("-7", "negative"),
    ("0", "Zero"),
    ("101.5", "digits after the decimal point"),
    ("102", "is not prime"),
    ("97", "not bigger than 100"),
    ("101", "/beguine"),
    ("101.0", "/beguine"),
    ("1_01", "/beguine"),
    ("\u00a0101\u00a0", "/beguine"),
    ("\u0661\u0660\u0661", "/beguine"),
    ("1e2", "is not prime"),
    ("-99999999999999999999", "negative"),
    ("nan", "not a number"),
    ("1", "exactly two divisors"),
    ("999983", "/beguine"),                     # the largest prime below a million
    ("1000003", "/beguine"),                    # the smallest above
    ("999997", "is not prime"),                 # 757 * 1321
    ("4294967291", "/beguine"),                 # the largest prime below 2^32
    ("4294967297", "is not prime"),             # 641 * 6700417
    ("9223372036854775783", "/beguine"),        # the largest prime below 2^63
    ("18446744073709551557", "/beguine"),       # the largest prime below 2^64
    ("3825123056546413051", "is not prime"),    # a Carmichael number
    ("18446744073709551615", "is not prime"),
    ("18446744073709551629", "giant"),
    ("18446744073709551629.0", "giant"),
    ("1e30", "giant"),
])
def test_begin_hints(server, message, words):
    assert words in server.text("begin", message=message)


@pytest.mark.parametrize("message, words", [
    ("x", "not a number"),
    ("2.5", "not a whole number"),
    ("-3", "negative"),
    ("55", "the 11th Fibonacci number"),
    ("0", "the 1st Fibonacci number"),
    ("2", "the 4th Fibonacci number"),
    ("50", "not a Fibonacci number"),
    ("987", "/sirduke"),
    ("9_87", "/sirduke"),
    ("\u0669\u0668\u0667", "/sirduke"),
    ("987.0", "/sirduke"),
    ("7540113804746346429", "the 93rd Fibonacci number"),
    ("12200160415121876738", "the 94th Fibonacci number"),
    ("18446744073709551615", "not a Fibonacci number"),
    ("19740274219868223167", "much smaller"),
])
def test_beguine_hints(server, message, words):
    assert words in server.text("beguine", message=message)


def test_sirduke(server):
    assert "Satin Doll" in server.text("sirduke")
    assert "fourth word" in server.text("sirduke", message="hat")
    assert "/euler" in server.text("sirduke", message="wigs")


@pytest.mark.parametrize("message, words", [
    ("many", "not a number"),
    ("12.5", "not a whole number"),
    ("-1", "negative"),
    ("9999", "too small to be the sum"),
    ("50005001", "not the sum"),
    ("50005000", "/meruprastarah"),
    ("50_005_000", "/meruprastarah"),
    ("5.0005e7", "/meruprastarah"),
    ("-99999999999999999999", "negative"),
    ("99999999999999999999", "far too big"),
])
def test_euler_hints(server, message, words):
    assert words in server.text("euler", message=message)


@pytest.mark.parametrize("message, words", [
    ("1,4,6,4,1", "That is 5 items"),
    ("1,5,ten,10,5,1", "must all be whole numbers"),
    ("1,5,10,10,5,2", "not the right ones"),
    ("1,5,10,10,5,1", "complete"),
    (" 1, 5, 10, 10, 5, 1 ", "complete"),
    ("1,5,1_0,\u00a010,\u0665,1", "complete"),
    ("1,5,10,10,5,1.0", "must all be whole numbers"),
    ("1,5,10,10,5,99999999999999999999", "not the right ones"),
    ("1,5,10,10,5,1,", "That is 7 items"),
])
def test_meruprastarah_hints(server, message, words):
    assert words in server.text("meruprastarah", message=message)


def duck(server, **params):
    reply = server.text("duck", **params)
    first = reply.split("\n")[0]
    return [float(v) for v in first.split(",")], reply


def test_duck_start(server):
    assert server.text("duck").startswith("location=0,0,0")


def test_duck_swims_and_wolf_runs(server):
    # 10 from the centre: the wolf runs 4 * 10 = 40 along a shore of radius
    # 50, 0.8 radians = 45.84 degrees, toward 90.
    (r, a, b), _ = duck(server, location="0,0,0", destination="10,90")
    assert (r, a, b) == (10.0, 90.0, 45.84)
    # Separators: semicolons and spaces too; negative radius reads as 0.
    (r, a, b), _ = duck(server, location="-5;0 0", destination="10 90")
    assert (r, a, b) == (10.0, 90.0, 45.84)


def test_duck_reads_numbers_as_python(server):
    # Each number as Python's float() reads it: underscores, Unicode digits,
    # a no-break space beside a separator.
    (r, a, b), _ = duck(server, location="0,0,0", destination="1_0\u00a0,\u0669\u0660")
    assert (r, a, b) == (10.0, 90.0, 45.84)


def test_duck_escapes_and_is_caught(server):
    (r, a, b), reply = duck(server, location="40,90,-90", destination="50,90")
    assert (r, a, b) == (50.0, 90.0, -44.16) and "flies away" in reply
    (r, a, b), reply = duck(server, location="49,0,3", destination="50,0")
    assert (r, a, b) == (50.0, 0.0, 0.0) and "wolf wins" in reply.lower()


def test_duck_destination_is_not_clamped(server):
    # Past the shore, as the first server allowed: the radius is kept.
    (r, a, b), reply = duck(server, location="0,0,0", destination="60,90")
    assert (r, a, b) == (60.0, 90.0, 90.0) and "wolf wins" in reply.lower()
    (r, a, b), reply = duck(server, location="50,90,-90", destination="60,90")
    assert (r, a, b) == (60.0, 90.0, -44.16) and "flies away" in reply
    (r, a, b), _ = duck(server, location="0,0,0", destination="-5,90")
    assert (r, a, b) == (0.0, 90.0, 0.0)   # a negative radius reads as 0


def test_duck_rests_when_destination_is_broken(server):
    # One time unit: the wolf runs 4 along the shore, 4.58 degrees.
    (r, a, b), _ = duck(server, location="10,30,0", destination="nowhere")
    assert (r, a, b) == (10.0, 30.0, 4.58)
    (r, a, b), _ = duck(server, location="10,170,-170")
    assert (r, a, b) == (10.0, 170.0, -174.58)  # the short way, across 180


def test_browser_and_json_forms(server):
    r = server.get("begin", message="97", client="browser")
    assert r.headers["Content-Type"] == "text/html; charset=utf-8"
    page = ET.fromstring(r.text.split("\n", 1)[1])  # after the doctype
    assert "not bigger than 100" in page.find(".//pre[@id='reply']").text
    r = server.get("begin", message="<b>&", client="browser")
    assert "&lt;b&gt;&amp;" in r.text
    r = server.get("begin", message="101", format="json")
    assert r.headers["Content-Type"] == "application/json"
    assert r.json() == {"reply": "101 is a prime bigger than 100. Well done! Your next step is /beguine",
                        "solved": True, "next": "/beguine"}
    r = server.get("exchange", format="json")
    assert r.status_code == 400 and r.json()["status"] == 400 and "task" in r.json()["error"]


def test_plain_text_form(server):
    r = server.get("exchange", task=1)
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert r.text == "38"  # no trailing newline


def test_value_longer_than_the_route_allows(server):
    r = server.get("begin", message="1" * 10_000)
    assert r.status_code == 400
    assert r.text.startswith("message is too long")


def test_100kB_value_is_refused_cleanly(server):
    r = server.get("begin", message="7" * 100_000)
    assert r.status_code in (400, 431)  # lighttpd's own limit: 431 Request Header Fields Too Large
    assert r.text.strip().startswith("That address is too long")
    assert len(r.text.strip().splitlines()) == 1
    assert server.text("hello")  # and the server goes on


def test_bad_name_is_refused(server):
    r = server.get("begin", message="101", name="fred!")
    assert r.status_code == 400 and r.text.startswith("name must be 1 to 64 letters and digits")


def test_a_unicode_name_records_progress(server):
    """name= on Steps is the same rule as /join's: José and 李雷 are names."""
    for name in ["José", "李雷"]:
        assert "Well done" in server.text("begin", message="101", name=name)
    board = server.get("scores", format="json").json()["players"]
    names = {p["name"]: p["levels"] for p in board}
    assert "begin" in names["José"] and "begin" in names["李雷"]


@pytest.mark.parametrize("query", ["message=%ff%fe", "message=%c0%af", "message=%ed%a0%80"])
def test_not_utf8_is_refused(server, query):
    # lighttpd refuses some of these itself (www/errors/status-400.html),
    # lib/http/query.c the rest (a surrogate); either way one line naming UTF-8.
    r = requests.get(server.url + "/steps?" + query, timeout=10)
    assert r.status_code == 400 and "UTF-8" in r.text
    assert len(r.text.strip().splitlines()) == 1


def test_unknown_route(server):
    r = server.get("beginn", message="101")
    assert r.status_code == 404
    assert "/mocean" in r.text and "/steps" in r.text and "\n" not in r.text


def scores(server):
    return {p["name"]: p for p in server.get("scores", format="json").json()["players"]}


def test_every_level_recorded_once(server, unique):
    name = unique("walker")
    chain = [("steps", {"message": "passport"}), ("puzzle", {"solution": "leaf"}),
             ("problem", {"solution": "32"}), ("begin", {"message": "101"}),
             ("beguine", {"message": "987"}), ("sirduke", {"message": "wigs"}),
             ("euler", {"message": "50005000"}), ("meruprastarah", {"message": "1,5,10,10,5,1"}),
             ("duck", {"location": "40,90,-90", "destination": "50,90"})]
    for route, params in chain:
        server.text(route, name=name, **params)
        server.text(route, name=name, **params)  # twice: still once
    me = scores(server)[name]
    assert me["levels"] == [route for route, _ in chain]
    assert "%s: 9 levels" % name in server.text("scores")
    rows = run_sql(os.path.join(server.data_dir, "steps.db"),
                   "SELECT level, count(*) FROM solved WHERE name = ? GROUP BY level", [name])
    assert sorted(rows) == sorted((route, 1) for route, _ in chain)


def test_wrong_answers_record_nothing(server, unique):
    name = unique("guesser")
    server.text("begin", message="97", name=name)
    assert name not in scores(server)


def test_fifty_parallel_solvers_record_once(server, unique):
    name = unique("crowd")
    barrier = threading.Barrier(50)
    replies = []

    def solve():
        with requests.Session() as s:
            barrier.wait()
            replies.append(s.get(server.url + "/euler", params={"message": "50005000", "name": name},
                                 timeout=60))

    threads = [threading.Thread(target=solve) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in replies] == [200] * 50
    assert all("/meruprastarah" in r.text for r in replies)
    rows = run_sql(os.path.join(server.data_dir, "steps.db"),
                   "SELECT count(*) FROM solved WHERE name = ? AND level = 'euler'", [name])
    assert rows == [(1,)]
    assert scores(server)[name]["levels"] == ["euler"]


# Every level, its key, its answer, the next route and the key guessed there.
CHAIN = [("steps", "message", "passport", "/puzzle", "solution"),
         ("puzzle", "solution", "leaf", "/problem", "solution"),
         ("problem", "solution", "32", "/begin", "message"),
         ("begin", "message", "101", "/beguine", "message"),
         ("beguine", "message", "987", "/sirduke", "message"),
         ("sirduke", "message", "wigs", "/euler", "message"),
         ("euler", "message", "50005000", "/meruprastarah", "message"),
         ("meruprastarah", "message", "1,5,10,10,5,1", "/mocean", None)]


@pytest.mark.parametrize("route, key, answer", [level[:3] for level in CHAIN[3:]])
def test_level_opened_with_no_answer_says_how(server, route, key, answer):
    reply = server.get(route, format="json").json()
    assert "/%s?%s=" % (route, key) in reply["reply"]   # an example address
    assert answer not in reply["reply"] and "solved" not in reply
    assert "not a number" not in reply["reply"] and "item" not in reply["reply"]


@pytest.mark.parametrize("route, key, answer, following, _", CHAIN)
def test_every_level_ends_the_same_way(server, route, key, answer, following, _):
    reply = server.get(route, **{key: answer, "format": "json"}).json()
    assert reply["solved"] is True and reply["next"] == following
    assert reply["reply"].endswith(" Your next step is " + following)


def page(server, route, **params):
    """The client=browser page, parsed as XHTML: its <body>."""
    r = server.get(route, client="browser", **params)
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
    return ET.fromstring(r.text.split("\n", 1)[1]).find("body")


@pytest.mark.parametrize("route, key, answer, following, next_key", CHAIN)
def test_browser_page_of_a_solved_level_leads_on(server, unique, route, key, answer,
                                                 following, next_key):
    name = unique("browser")
    body = page(server, route, name=name, **{key: answer})
    link = body.find(".//p[@class='next']/a")
    assert link.get("href") == following + "?client=browser" and link.text == following
    form = body.find(".//form")
    if next_key is None:        # the end of the chain: a link only
        assert form is None
        return
    assert form.get("method") == "get" and form.get("action") == following
    inputs = {i.get("name"): i for i in form.iter("input") if i.get("name")}
    assert list(inputs) == [next_key, "name", "client"]
    assert inputs[next_key].get("type") == "text" and inputs[next_key].get("value") == ""
    assert inputs["name"].get("value") == name and inputs["name"].get("type") == "hidden"
    assert inputs["client"].get("value") == "browser"
    # The address the form opens, shown beside it: the lesson in sight (the
    # empty key is left out until something is typed: www/page.js).
    shown = form.find(".//code[@id='address']").text
    assert shown == "%s%s?name=%s&client=browser" % (server.url, following, name)
    # What a browser sends for this form is the next level's own page.
    sent = requests.get(server.url + form.get("action"), timeout=10,
                        params={n: i.get("value") for n, i in inputs.items() if i.get("value")})
    assert sent.status_code == 200 and sent.url.startswith(shown.split("?")[0])
    assert ET.fromstring(sent.text.split("\n", 1)[1]).find(".//form") is not None


@pytest.mark.parametrize("route, key, guess", [("begin", "message", "97"),
                                               ("puzzle", "solution", "run"),
                                               ("meruprastarah", "message", "")])
def test_browser_page_of_a_hint_asks_again(server, route, key, guess):
    body = page(server, route, **{key: guess})
    assert body.find(".//pre[@id='reply']").text
    assert body.find(".//p[@class='next']") is None   # no next route yet
    form = body.find(".//form")
    assert form.get("action") == "/" + route
    field = form.find(".//input[@name='%s']" % key)
    assert field.get("type") == "text" and field.get("value") == guess   # prefilled
    assert form.find(".//input[@name='name']").get("value") == ""     # none was sent
    shown = "%s/%s?%sclient=browser" % (server.url, route, key + "=" + guess + "&" if guess else "")
    assert form.find(".//code[@id='address']").text == shown


def test_browser_page_of_a_route_without_keys_asks_for_a_whole_address(server):
    form = page(server, "hello").find(".//form")
    assert form.find(".//input[@id='whole']").get("value") == "/hello?client=browser"
    # /python reads no key of its own, but records nothing without a name either
    form = page(server, "python").find(".//form")
    assert [i.get("name") for i in form.iter("input")] == ["name", "client"]


def test_browser_page_of_a_route_with_keys_has_them_as_fields(server):
    form = page(server, "exchange", task=5).find(".//form")
    assert form.get("action") == "/exchange"
    assert form.find(".//input[@name='task']").get("value") == "5"
    form = page(server, "duck", location="10,30,0").find(".//form")
    assert [i.get("name") for i in form.iter("input")] == ["location", "destination", "name",
                                                           "client"]
