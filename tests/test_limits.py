"""Limits that hold, through real lighttpd in both serving modes: every route
that names a player (by id= or by name=) counts toward that player's own
counter and is refused with 429 past the teacher's limit; ids 1,024 apart
(and many ids) have counters of their own; a 429 is answered before the
world's file is opened (a file made read-only under the server still gives
the 429, where opening it would give the 500 that names it); heavy /data
reads spend a budget of the client's address (the teacher's DATA_BUDGET)
and are refused with a sentence; a refusal is answered when its second is over, while other
players' requests are answered meanwhile. Nothing here is timed against a
threshold: a limit of 1 a second is passed by any two requests of the same
second, each loop sends enough requests for that, and the one test of time
compares a reply's moment with its second's end and with another reply's."""
import concurrent.futures
import os
import signal
import socket
import subprocess
import time

import pytest

from conftest import world_sql

SLOW_DOWN = "time.sleep(0.1)"


def players(server, w):
    worlds = server.get("admin", key=server.key, world=w, format="json").json()["worlds"]
    return {p["id"]: p for p in worlds[0]["players"]}


def limited_world(server, unique, prefix):
    w = server.make_world(unique(prefix), 21)
    for name in ("ann", "bob", "cal"):
        server.text("join", name=name, world=w)
    server.text("location", id=0, world=w)        # ann's counter is known
    assert "limit" in server.text("admin", key=server.key, do="limit", rate=1, world=w)
    return w


def until_refused(server, route, tries=30, **params):
    """Send the request up to tries times; the first 429, or None."""
    for _ in range(tries):
        r = server.get(route, **params)
        if r.status_code == 429:
            return r
    return None


def test_each_route_naming_a_player_counts_toward_its_limit(server, unique):
    w = limited_world(server, unique, "count")
    for route, params in [
        ("location", dict(id=0)),
        ("id", dict(name="ann")),
        ("join", dict(name="ann")),
        ("who", dict(name="ann")),
        ("scores", dict(name="ann")),
        ("begin", dict(message="101", name="ann")),
        ("data", {"dataset": "soundings", "add": "", "name": "ann",
                  "x": "12.5", "y": "40", "depth": "28.1"}),
        ("quit", dict(name="cal")),
    ]:
        r = until_refused(server, route, world=w, **params)
        assert r is not None, route
        assert SLOW_DOWN in r.text and r.headers["Retry-After"] == "1", route
    # The forms: JSON and the browser say the same sentence.
    r = until_refused(server, "location", id=0, world=w, format="json")
    assert r.json()["status"] == 429 and SLOW_DOWN in r.json()["error"]
    r = until_refused(server, "location", id=0, world=w, client="browser")
    assert SLOW_DOWN in r.text and "<html" in r.text
    # bob, who sent nothing, plays on; without a limit nobody waits.
    assert server.get("location", id=1, world=w).status_code == 200
    server.text("admin", key=server.key, do="limit", rate=0, world=w)
    assert all(server.get("id", name="ann", world=w).status_code == 200 for _ in range(5))


def test_ids_1024_apart_and_many_ids_have_counters_of_their_own(server, unique):
    w = server.make_world(unique("ids"), 22)
    server.text("join", name="p0", world=w)
    world_sql(server, w, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
              " WHERE i < 1100) INSERT INTO player (id, name, x, y, heading, t, joined)"
              " SELECT i, 'p' || i, 10, 10, 0, 0, 0 FROM n")
    world_sql(server, w, "UPDATE world SET next_id = 1101")
    # 0 and 1024 alternating: each counted exactly, neither resets the other.
    for _ in range(10):
        for i in (0, 1024):
            assert server.get("ping", id=i, world=w).status_code == 200
    # Many ids, each asked a number of times of its own.
    ids = list(range(8, 1101, 8))
    times = {i: 1 + (i // 8) % 3 for i in ids if i != 1024}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: server.get("ping", id=i, world=w),
                      [i for i, n in times.items() for _ in range(n)]))
    counts = {i: p["requests"] for i, p in players(server, w).items()}
    assert counts[0] == 10 and counts[1024] == 10
    assert {i: counts[i] for i in times} == times
    # Under a limit, 0 and 1024 are refused as two players, each on its own.
    server.text("admin", key=server.key, do="limit", rate=1, world=w)
    for i in (0, 1024):
        r = until_refused(server, "ping", id=i, world=w)
        assert r is not None and SLOW_DOWN in r.text


def test_a_429_opens_no_world_file(server, unique):
    """A world file made read-only answers 500 naming it, from the next
    request that opens it; the limit's 429 comes before any opening, so it
    is still the 429."""
    w = limited_world(server, unique, "shut")
    path = os.path.join(server.data_dir, "worlds", w + ".db")
    replies = []
    os.chmod(path, 0o444)
    try:
        # Paced, so that some requests are each second's first (those open
        # the file) and some are not (those are refused before).
        while len(replies) < 60 and len({r.status_code for r in replies}) < 2:
            replies.append(server.get("location", id=0, world=w))
            time.sleep(0.2)
    finally:
        os.chmod(path, 0o644)
    statuses = {r.status_code for r in replies}
    assert statuses == {429, 500}, statuses
    assert all("read-only" in r.text for r in replies if r.status_code == 500)
    assert all(SLOW_DOWN in r.text for r in replies if r.status_code == 429)


HEAVY = {"dataset": "bathymetry", "step": "2", "orderby": "depth desc", "limit": "1"}


def heavy_until_refused(server, source, w, **form):
    """Rounds of twelve heavy reads at once from address source, until one
    is refused: each reserves a second of the budget as it starts (ten may
    be owed), and costs more of it than the time it takes gives back."""
    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        for _ in range(6):
            replies = list(pool.map(lambda _: server.get_from(source, "data", world=w,
                                                              **HEAVY, **form), range(12)))
            assert all(r.status_code in (200, 429) for r in replies)
            refused = [r for r in replies if r.status_code == 429]
            if refused:
                return refused[0]
    return None


def test_heavy_data_reads_are_refused_with_a_sentence(server, unique):
    """Heavy reads spend a budget of the client's address (127.0.0.4 here):
    a loop of the heaviest query is soon refused, with one sentence, in
    each form, while another address reads on."""
    w = server.make_world(unique("heavy"), 23)
    r = heavy_until_refused(server, "127.0.0.4", w)
    assert r is not None and int(r.headers["Retry-After"]) >= 1
    assert "too much data" in r.text and "step=" in r.text and "\n" not in r.text.strip()
    r = heavy_until_refused(server, "127.0.0.4", w, format="json")
    assert r is not None and "too much data" in r.json()["error"]
    r = heavy_until_refused(server, "127.0.0.4", w, client="browser")
    assert r is not None and "too much data" in r.text and "<html" in r.text
    assert server.get_from("127.0.0.5", "data", dataset="seamounts", world=w).status_code == 200


def test_the_teachers_data_budget(make_server, monkeypatch, unique):
    """DATA_BUDGET (rows a second per address) reaches the route programs in
    both modes: at 1,000 a second one heavy read (a quarter of a million
    points) owes minutes, and the next is refused; at 0 there is no budget,
    and rounds of twelve heavy reads at once from one address, which the
    default budget refuses (test above), are all answered."""
    monkeypatch.setenv("DATA_BUDGET", "1000")
    small = make_server()
    w = small.make_world(unique("budget"), 23)
    assert small.get_from("127.0.0.6", "data", world=w, **HEAVY).status_code == 200
    r = small.get_from("127.0.0.6", "data", world=w, **HEAVY)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 60, r.headers
    assert "too much data" in r.text
    monkeypatch.setenv("DATA_BUDGET", "0")
    none = make_server()
    w = none.make_world(unique("nobudget"), 23)
    assert heavy_until_refused(none, "127.0.0.7", w) is None


def raw_request(server, path):
    """Send GET path on a socket of its own; returns (socket, time sent)."""
    s = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
               % path).encode())
    return s, time.time()


def raw_reply(s):
    """The whole reply on socket s: (status, headers, time it ended)."""
    data = b""
    while True:
        got = s.recv(65536)
        if not got:
            break
        data += got
    ended = time.time()
    s.close()
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers, ended


def test_a_refusal_waits_for_its_second_while_others_are_answered(server, unique):
    """A refusal past the limit is answered only when the second it was
    counted in is over, in both modes; meanwhile (event mode: the same
    process holds it and serves on) another player's request, sent after
    it, is answered first.  Each attempt starts a second of its own: ann's
    first request passes, her second is refused."""
    w = limited_world(server, unique, "hold")
    for _ in range(10):
        time.sleep(1 - time.time() % 1)               # a second's start
        if server.get("location", id=0, world=w).status_code != 200:
            continue                                  # still the last second's
        s, sent = raw_request(server, "/location?id=0&world=" + w)
        bob = server.get("location", id=1, world=w)
        bob_done = time.time()
        status, headers, ended = raw_reply(s)
        if status == 200:
            continue                                  # a new second had begun
        assert status == 429 and headers["Retry-After"] == "1"
        assert bob.status_code == 200
        # Counted no earlier than sent, answered once that second was over;
        # bob, asking after ann, was answered before her.
        assert ended >= int(sent) + 1, (sent, ended)
        assert bob_done < ended, (bob_done, ended)
        return
    raise AssertionError("no attempt had ann's second request refused")


def route_process(server, route):
    """The pid of the process serving route in event mode, or None."""
    out = subprocess.run(["ps", "-o", "pid=,args=", "-s", str(server.proc.pid)],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        pid, args = line.split(None, 1)
        if args.split()[0].endswith("/%s.cgi" % route):
            return int(pid)
    return None


def holding(pid):
    """1 when process pid waits in poll: it does only while it holds a
    refusal (otherwise it waits in accept)."""
    try:
        with open("/proc/%d/wchan" % pid) as f:
            return "poll" in f.read()
    except FileNotFoundError:
        return False


def test_a_process_ending_sends_what_it_holds(make_server, unique):
    """Event mode: a route process told to stop (SIGUSR1, which ends its
    wait) while it holds a refusal sends it at once, frees what it held
    (the sanitizers' log says no leak) and ends; lighttpd starts it anew."""
    server = make_server()
    if server.mode != "fastcgi":
        pytest.skip("only event mode keeps a process holding refusals")
    w = limited_world(server, unique, "stop")
    for _ in range(10):
        time.sleep(1 - time.time() % 1)
        if server.get("location", id=0, world=w).status_code != 200:
            continue
        pid = route_process(server, "location")
        s, _ = raw_request(server, "/location?id=0&world=" + w)
        while not holding(pid) and time.time() % 1 < 0.9:
            time.sleep(0.01)
        if not holding(pid):
            raw_reply(s)
            continue                     # not refused, or its second is over
        os.kill(pid, signal.SIGUSR1)
        status, headers, _ = raw_reply(s)
        assert status == 429 and headers["Retry-After"] == "1"
        deadline = time.time() + 10
        while os.path.exists("/proc/%d" % pid) and time.time() < deadline:
            time.sleep(0.01)
        assert not os.path.exists("/proc/%d" % pid)
        assert server.get("location", id=1, world=w).status_code == 200
        return
    raise AssertionError("the process was never seen holding ann's refusal")
