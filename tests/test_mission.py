"""The students' first mission, played as printed on the page at /: every
link of the mission followed in order, every Python snippet run with python3
(with this server's address in it, as the page's script shows it), every
address in a <code> followed too; all of it acts in the practice world demo
and nowhere else, and the mission ends with fred holding the treasure of the
seamount it pointed to."""
import csv
import io
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from chrome import CHROMIUM, Chrome
from conftest import world_sql

SEAMOUNT = "the nearest seamount to you is called "


def students_page(server):
    """The page as served, parsed (it is well-formed XHTML after its doctype)."""
    return ET.fromstring(server.get("").text.split("\n", 1)[1])


def shown(element, origin):
    """The element's text as the browser shows it: the page's script puts
    location.origin into every class="host"."""
    for span in element.iter("span"):
        if span.get("class") == "host":
            span.text = origin
    return "".join(element.itertext())


def mission_parts(server):
    """(the mission's links, the Python snippets, the addresses in <code>)."""
    page = students_page(server)
    links = [a.get("href") for ol in page.iter("ol") if ol.get("class") == "mission"
             for a in ol.iter("a")]
    snippets = [shown(pre, server.url) for pre in page.iter("pre") if pre.get("class") == "python"]
    addresses = [c.text for c in page.iter("code") if c.text and re.match(r"/\w+\?", c.text)]
    return links, snippets, addresses


def follow(server, href):
    """A click on the link: GET it as the browser would, and its reply."""
    r = server.session.get(server.url + href, timeout=30)
    assert r.status_code == 200, (href, r.status_code, r.text)
    return r.text


def test_the_first_mission_plays_in_demo_as_printed(make_server):
    server = make_server()              # a fresh server: fred is the first player of demo
    links, snippets, addresses = mission_parts(server)
    routes = [re.match(r"/(\w+)\?", h).group(1) for h in links]
    steps = iter(routes)              # these, in this order (and maybe more)
    assert all(r in steps for r in ["join", "seamountname", "data", "accel", "dive", "get"]), routes
    assert routes[0] == "join" and len(set(routes)) == len(routes)
    for href in links + addresses:
        assert re.search(r"[?&]world=demo(&|$)", href), href

    replies = {route: follow(server, href) for route, href in zip(routes, links)}
    assert replies["join"] == "0"
    assert replies["seamountname"].startswith(SEAMOUNT)
    name = replies["seamountname"][len(SEAMOUNT):].strip()
    # Step 3 lists demo's seamounts: the one step 2 named is there.
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(replies["data"]))}
    assert name in rows, (name, sorted(rows))
    assert len(replies["accel"].split(",")) == 6
    # fred plays in demo, and no other world was made or joined.
    assert "fred" in follow(server, "/who?world=demo")
    assert "fred" not in follow(server, "/who")
    worlds = [f for f in os.listdir(os.path.join(server.data_dir, "worlds")) if f.endswith(".db")]
    assert worlds == ["demo.db"]

    # The swim itself takes a student minutes: fred is put over the seamount
    # of step 3 (stopped), then dives by step 5's link until the depth stops
    # growing, and grabs its treasure by step 6's.
    x, y = float(rows[name]["x"]), float(rows[name]["y"])
    world_sql(server, "demo", "UPDATE player SET x=?, y=?, vx=0, vy=0, t=? WHERE name='fred'",
              [x, y, time.time()])
    dive, get = links[routes.index("dive")], links[routes.index("get")]
    depth = -1.0
    for _ in range(20):
        new_depth = float(follow(server, dive).split(",")[2])
        if new_depth == depth:
            break
        depth = new_depth
    # Down to the peak, as step 3 gave its depth (0 where seamounts overlap
    # up to the surface).
    assert depth == pytest.approx(float(rows[name]["depth"]), abs=1e-9)
    assert follow(server, get).startswith("treasure recovered!")
    board = server.get("scores", world="demo", format="json").json()["players"]
    assert board[0]["name"] == "fred" and board[0]["treasures"] == 1

    # Each Python snippet, copied into a file and run with python3.
    assert snippets
    for code in snippets:
        assert "server = '%s'" % server.url in code
        path = os.path.join(server.tmp, "mission.py")
        with open(path, "w") as f:
            f.write(code)
        run = subprocess.run([sys.executable, path], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines() == ["my id is 0", SEAMOUNT + name]

    # The secret word's address: a new player protects itself, as the page
    # says; fred, who joined without a word, is nobody's to take.
    for href in addresses:
        assert follow(server, href) == "1"
    assert server.get("location", id=1, world="demo").status_code == 403
    assert server.get("location", id=0, world="demo").status_code == 200


needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="make test installs Debian's chromium")


@needs_chromium
def test_the_page_shows_what_its_links_do(server):
    """In the browser, each link of the mission shows the very address it
    opens, and the Python snippet reads as the test above ran it."""
    links, snippets, _ = mission_parts(server)
    with Chrome(1366, 900) as c:
        c.open(server.url + "/")
        c.wait("document.querySelector('.host').textContent === location.origin")
        texts = c.js("[...document.querySelectorAll('ol.mission a')].map(a => a.textContent)")
        hrefs = c.js("[...document.querySelectorAll('ol.mission a')].map(a => a.href)")
        shown_code = c.js("[...document.querySelectorAll('pre.python')].map(p => p.textContent)")
    assert texts == hrefs == [server.url + h for h in links]
    assert shown_code == snippets
