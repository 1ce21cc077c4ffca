"""/log, what the server saw, through real lighttpd in both serving modes:
the last 50 requests received as a player, oldest first, each with its
time, route, keys (secret words hidden), status, the reply's first
line and the client's address; refusals (400, 404, 429) are kept as well as answers; a protected
player's log needs its word (403), an unknown or kicked id is a 404;
reading the log is not kept in it; parallel clients acting as different
players never mix their entries."""
import concurrent.futures
import re

import requests

LINE = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} /(\w+)(\?\S*)? (\d{3}) ?(.*)$")


def entries(server, w, pid, **params):
    r = server.get("log", world=w, id=pid, format="json", **params)
    assert r.status_code == 200, r.text
    return r.json()["requests"]


def joined(server, unique, prefix, *names):
    w = server.make_world(unique(prefix), 21)
    return w, [int(server.text("join", name=n, world=w)) for n in names]


def test_the_last_50_requests_in_order_one_a_line(server, unique):
    w, (ann,) = joined(server, unique, "log50", "ann")
    for i in range(60):
        server.text("location", id=ann, world=w, n=i)
    got = entries(server, w, ann)
    assert len(got) == 50
    assert [e["keys"] for e in got] == [f"id={ann}&world={w}&n={i}" for i in range(10, 60)]
    assert all(e["route"] == "location" and e["status"] == 200 for e in got)
    assert all(e["from"] == "127.0.0.1" for e in got)      # the client's address
    times = [e["time"] for e in got]
    assert times == sorted(times)
    # The text: one request a line, the same ones.
    lines = server.text("log", world=w, id=ann).split("\n")
    assert len(lines) == 50
    for line, e in zip(lines, got):
        m = LINE.match(line)
        assert m, line
        assert m.group(1) == "location" and m.group(2) == "?" + e["keys"]
        assert m.group(3) == "200" and m.group(4) == e["line"]
    # The first line of the reply: /location's x,y,z.
    assert re.match(r"^[\d.]+,[\d.]+,[\d.]+,", got[-1]["line"]), got[-1]
    # The browser page shows the same lines.
    page = server.get("log", world=w, id=ann, client="browser").text
    assert "/location?id=" in page and 'id="reply"' in page
    assert 'id="seen"' not in page   # the log's own page needs no link to it


def test_a_players_page_links_to_what_the_server_saw(server, unique):
    w, (ann,) = joined(server, unique, "loglink", "ann")
    page = server.get("location", id=ann, world=w, client="browser").text
    href = f'href="/log?id={ann}&amp;world={w}&amp;client=browser"'
    assert 'id="seen"' in page and href in page
    r = server.get("log", id=ann, world=w, client="browser")
    assert r.status_code == 200 and "/location?id=" in r.text
    home = server.get("").text
    assert 'href="/log?id=0&amp;world=demo"' in home


def test_secret_words_are_hidden(server, unique):
    w = server.make_world(unique("logsecret"), 21)
    nemo = int(server.text("join", name="nemo", secret="bluewhale", world=w))
    server.text("location", id=nemo, secret="bluewhale", world=w)
    r = server.get("log", world=w, id=nemo, secret="bluewhale", format="json")
    assert r.status_code == 200
    assert "bluewhale" not in r.text
    keys = [e["keys"] for e in r.json()["requests"]]
    assert f"id={nemo}&secret=***&world={w}" in keys
    text = server.text("log", world=w, id=nemo, secret="bluewhale")
    assert "bluewhale" not in text and "secret=***" in text


def test_refusals_are_kept_with_their_status(server, unique):
    w, (ann, bob) = joined(server, unique, "logstatus", "ann", "bob")
    server.text("location", id=ann, world=w)
    assert server.get("souvenir", id=ann, round=0, world=w).status_code == 400
    assert server.get("souvenir", id=ann, round=9, world=w).status_code == 404
    got = entries(server, w, ann)
    assert [(e["route"], e["status"]) for e in got][-3:] == [
        ("location", 200), ("souvenir", 400), ("souvenir", 404)]
    assert got[-2]["line"].startswith("round must be from 1"), got[-2]
    assert got[-1]["line"].startswith("there is no round 9"), got[-1]
    print(server.text("log", world=w, id=ann))
    # A teacher's limit: the 429s are kept, with the sentence.
    server.text("admin", key=server.key, do="limit", rate=1, world=w)
    statuses = [server.get("location", id=bob, world=w).status_code for _ in range(6)]
    assert 429 in statuses
    server.text("admin", key=server.key, do="limit", rate=0, world=w)
    got = entries(server, w, bob)
    assert [e["status"] for e in got][-6:] == statuses
    refused = [e for e in got if e["status"] == 429]
    assert refused and "slow down" in refused[0]["line"]


def test_a_protected_players_log_needs_its_word(server, unique):
    w = server.make_world(unique("logword"), 21)
    nemo = int(server.text("join", name="nemo", secret="bluewhale", world=w))
    server.text("location", id=nemo, secret="bluewhale", world=w)
    assert server.get("log", world=w, id=nemo).status_code == 403
    assert server.get("log", world=w, id=nemo, secret="wrong").status_code == 403
    # A classmate's requests without the word are not nemo's.
    assert server.get("dive", id=nemo, ctrl="f", world=w).status_code == 403
    got = entries(server, w, nemo, secret="bluewhale")
    assert got and all(e["status"] != 403 for e in got)
    assert all("dive" != e["route"] for e in got)


def test_an_unknown_or_kicked_player_has_no_log(server, unique):
    w, (ann, bob) = joined(server, unique, "logkick", "ann", "bob")
    r = server.get("log", world=w, id=99)
    assert r.status_code == 404 and "99" in r.text
    server.text("location", id=bob, world=w)
    server.text("admin", key=server.key, do="kick", name="bob", world=w)
    assert server.get("log", world=w, id=bob).status_code == 404
    assert server.get("log", world=w, id=ann).status_code == 200


def test_reading_the_log_is_not_logged(server, unique):
    w, (ann,) = joined(server, unique, "lognolog", "ann")
    server.text("location", id=ann, world=w)
    for _ in range(5):
        server.text("log", id=ann, world=w)
    got = entries(server, w, ann)
    assert [e["route"] for e in got] == ["location"]


def test_a_name_the_server_knows_is_logged_under_its_id(server, unique):
    w, (ann,) = joined(server, unique, "logname", "ann")
    server.text("location", id=ann, world=w)
    server.text("id", name="ann", world=w)
    got = entries(server, w, ann)
    assert [e["route"] for e in got] == ["location", "id"]
    assert got[-1]["keys"] == f"name=ann&world={w}" and got[-1]["line"] == str(ann)


def test_parallel_players_never_mix(server, unique):
    names = [f"p{i}" for i in range(8)]
    w, ids = joined(server, unique, "logmix", *names)

    def play(pid):
        with requests.Session() as s:
            for i in range(30):
                r = s.get(server.url + "/location",
                          params=dict(id=pid, world=w, n=i), timeout=30)
                assert r.status_code == 200

    with concurrent.futures.ThreadPoolExecutor(len(ids)) as pool:
        list(pool.map(play, ids))
    for pid in ids:
        got = entries(server, w, pid)
        assert [e["keys"] for e in got] == [f"id={pid}&world={w}&n={i}" for i in range(30)]


def test_a_reset_clears_the_logs(server, unique):
    w, (ann,) = joined(server, unique, "logreset", "ann")
    server.text("location", id=ann, world=w)
    assert entries(server, w, ann)
    server.make_world(w, 22)
    bob = int(server.text("join", name="bob", world=w))
    assert bob == ann   # the same id, in a world made anew
    assert entries(server, w, bob) == []
    assert server.text("log", id=bob, world=w) == ""


def test_the_bots_page_opens_what_the_server_saw_as_a_bot(server, unique):
    from chrome import Chrome
    w, (bot,) = joined(server, unique, "logbot", "fredbot")
    server.text("location", id=bot, world=w)
    with Chrome(1920, 1080) as c:
        c.open(server.url + "/bots?world=" + w)
        c.wait("document.getElementById('botid') !== null")
        c.js("document.getElementById('botid').value = '%d'" % bot)
        c.click("#seen button")
        c.wait("location.pathname === '/log'")
        c.wait("document.getElementById('reply') !== null")
        reply = c.js("document.getElementById('reply').textContent")
    assert f"/location?id={bot}&world={w} 200" in reply
