"""Faults a teacher can meet, through real lighttpd in both serving modes:
each is named (which file, what happened) with a 500 and a line in the
server's log, never passed off as "busy"; 503 means only "locked, try again".
Also: reads make no world, HEAD changes nothing, only GET and HEAD run a
route, a missing key file is said plainly, and a new file is made whole
however many processes race to make it."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import pytest
import requests

from conftest import CGI_RUN, USER, give_to_server_user, run_sql

BAD_ID = "bad player id; try debugging using the id route"


def log_lines(server, text):
    with open(server.log, errors="replace") as f:
        return [line for line in f if text in line]


def world_file(server, w):
    return os.path.join(server.data_dir, "worlds", w + ".db")


def test_reads_make_no_world(server, unique):
    w = unique("typo")
    assert server.text("location", id=0, world=w) == BAD_ID
    assert server.text("who", world=w) == "there are 0 players: "
    assert server.text("id", name="fred", world=w) == "-1"
    assert server.text("data", dataset="tracks", world=w).startswith("time,")
    assert not os.path.exists(world_file(server, w))
    assert not os.path.exists(os.path.join(server.data_dir, "worlds", w + ".tally"))
    assert server.text("join", name="fred", world=w) == "0"     # /join makes it
    assert os.path.exists(world_file(server, w))


def test_an_id_too_big_for_any_player_is_an_unknown_id(server, unique):
    w = server.make_world(unique("big"))
    for big in ["99999999999999999999999", "-99999999999999999999999", "9223372036854775808"]:
        r = server.get("location", id=big, world=w)
        assert (r.status_code, r.text) == (200, BAD_ID)
    for bad in ["", "fred", "1.5"]:
        r = server.get("location", id=bad, world=w)
        assert (r.status_code, r.text) == (400, BAD_ID)


def test_only_get_and_head(server, unique):
    w = unique("head")
    r = requests.head(server.url + "/join", params={"name": "x", "world": w}, timeout=30)
    assert r.status_code == 200 and r.content == b""
    assert not os.path.exists(world_file(server, w))          # HEAD made nothing
    server.text("join", name="y", world=w)
    requests.head(server.url + "/join", params={"name": "x", "world": w}, timeout=30)
    assert server.text("who", world=w) == "there are 1 players: y "
    for method in ["POST", "PUT", "DELETE", "PATCH"]:
        r = requests.request(method, server.url + "/join", params={"name": "z", "world": w},
                             data="a=b", timeout=30)
        assert r.status_code == 405, method
        assert r.headers["Allow"] == "GET, HEAD"
        assert "GET" in r.text and "\n" not in r.text
    r = requests.post(server.url + "/join", params={"name": "z", "world": w},
                      data=b"x" * (200 * 1024), timeout=30)
    assert r.status_code == 413                                # lighttpd refuses the body
    assert server.text("who", world=w) == "there are 1 players: y "


def test_a_missing_key_file_is_said_and_never_remade(make_server):
    s = make_server()
    key = os.path.join(s.data_dir, "teacher.key")
    os.remove(key)
    for params in [dict(key=s.key), dict(key="wrong"), dict()]:
        r = s.get("admin", **params)
        assert r.status_code == 500 and "teacher.key" in r.text and "missing" in r.text
    assert not os.path.exists(key)
    assert log_lines(s, "teacher.key")
    s.restart()                                   # starting the server makes one
    assert os.path.exists(key)
    assert s.get("admin", key=s.key).status_code == 200


def test_a_damaged_world_is_named(make_server):
    s = make_server()
    w = s.make_world("broken")
    s.text("join", name="ann", world=w)
    s.stop()
    with open(world_file(s, w), "r+b") as f:
        f.write(b"\x00" * 100)
    s.start()
    for route, params in [("who", {}), ("join", {"name": "bob"}), ("location", {"id": 0})]:
        r = s.get(route, world=w, **params)
        assert r.status_code == 500, (route, r.text)
        assert "worlds/broken.db" in r.text and "damaged" in r.text and "busy" not in r.text
    assert len(log_lines(s, "worlds/broken.db")) >= 3


def test_a_read_only_world_file_is_named_and_mends(make_server):
    s = make_server()
    w = s.make_world("frozen")
    s.text("join", name="ann", world=w)
    path = world_file(s, w)
    s.stop()
    # A clean start: the last connection folds the log in and removes the
    # companions (event mode's processes end without closing theirs).
    assert run_sql(path, "PRAGMA integrity_check") == [("ok",)]
    assert not os.path.exists(path + "-wal") and not os.path.exists(path + "-shm")
    s.start()
    os.chmod(path, 0o444)
    r = s.get("join", name="bob", world=w)
    assert r.status_code == 500 and "worlds/frozen.db" in r.text and "read-only" in r.text
    assert log_lines(s, "read-only")
    for end in ["-wal", "-shm"]:                  # no read-only companion was made
        assert not os.path.exists(path + end) or os.access(path + end, os.W_OK) or \
            os.stat(path + end).st_mode & 0o200
    os.chmod(path, 0o644)
    assert s.text("join", name="bob", world=w) == "1"
    # A companion left read-only (by an older server, say) is mended too.
    shm = path + "-shm"
    s.stop()
    assert run_sql(path, "PRAGMA integrity_check") == [("ok",)]
    with open(shm, "wb"):
        pass
    give_to_server_user(shm)
    os.chmod(shm, 0o444)
    s.start()
    assert s.text("join", name="cat", world=w) == "2"
    assert not os.path.exists(shm) or os.stat(shm).st_mode & 0o200


@pytest.fixture
def small_disk():
    """A data folder on a 4 MB file system of its own (root only)."""
    if os.getuid() != 0:
        pytest.skip("mounting a small file system needs root (CI runs as root)")
    where = tempfile.mkdtemp(prefix="mocean-disk-")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", where],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("cannot mount a file system here: " + r.stderr.strip())
    data = os.path.join(where, "data")
    os.makedirs(data)
    os.chmod(data, 0o750)
    give_to_server_user(data)
    yield where, data
    subprocess.run(["umount", "-l", where])
    shutil.rmtree(where, ignore_errors=True)


def fill(path):
    """Write into path until the disk is full.  Unbuffered: a write the
    disk takes only in part leaves nothing for close() to flush (and fail
    on), whatever room the files before it left."""
    with open(path, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\xff" * 65536)
        except OSError:
            pass
    try:
        with open(path, "ab", buffering=0) as f:     # the last few bytes too
            while True:
                f.write(b"\xff")
                f.flush()
    except OSError:
        pass


def test_a_full_disk_is_named(make_server, small_disk):
    where, data = small_disk
    s = make_server(data)
    w = s.make_world("full")
    for i in range(3):
        s.text("join", name="p%d" % i, world=w)
    filler = os.path.join(where, "filler")
    fill(filler)
    r = s.get("join", name="late", world=w)
    assert r.status_code == 500, r.text
    assert "disk is full" in r.text and "worlds/full.db" in r.text and "busy" not in r.text
    assert log_lines(s, "disk is full")
    r = s.get("who", world=w)         # a read works, or names the full disk too
    assert (r.status_code, r.text) == (200, "there are 3 players: p0 p1 p2 ") or \
        (r.status_code == 500 and "disk is full" in r.text)
    r = s.get("join", name="new", world="another")                       # no room for a world
    assert r.status_code == 500 and "disk is full" in r.text
    os.remove(filler)
    assert s.text("join", name="late", world=w) == "3"
    assert run_sql(os.path.join(data, "worlds", "full.db"), "PRAGMA integrity_check") == [("ok",)]


def run_as_server_user():
    if os.getuid() == 0:
        import pwd
        pw = pwd.getpwnam(USER)
        os.setgid(pw.pw_gid)
        os.setuid(pw.pw_uid)


# One round after another, as the server's user: 50 processes started at
# once, then the file checked whole.  A line of JSON a round.  (Started from
# this small program rather than from pytest, each process costs a spawn, not
# a copy of pytest's memory.)
RACE = r"""
import json, os, sqlite3, subprocess, sys
program, query, made, top = sys.argv[1:]
for r in range(100):
    data = os.path.join(top, "round%d" % r)
    os.mkdir(data, 0o755)
    procs = [subprocess.Popen([program], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE,
                              env=dict(os.environ, MOCEAN_DATA=data, REQUEST_METHOD="GET",
                                       QUERY_STRING=query.format(i=i, r=r)))
             for i in range(50)]
    outs = [p.communicate(timeout=60)[0].decode("latin-1") for p in procs]
    path = os.path.join(data, made.format(r=r))
    db = sqlite3.connect(path, timeout=10)
    whole = db.execute("PRAGMA integrity_check").fetchall()
    db.close()
    left = [f for f in os.listdir(os.path.dirname(path)) if ".new-" in f]
    print(json.dumps({"outs": outs, "whole": whole, "left": left}), flush=True)
"""


@pytest.mark.parametrize("route,query,made", [
    ("join", "name=p{i}&world=fresh{r}", "worlds/fresh{r}.db"),
    ("begin", "message=101&name=p{i}", "steps.db"),
])
def test_fifty_processes_make_one_new_file(route, query, made):
    """50 processes open one new file at once, 100 rounds: every one answers,
    none is locked out, and the file is whole."""
    program = os.path.join(CGI_RUN, route + ".cgi")
    top = tempfile.mkdtemp(prefix="mocean-race-")
    os.chmod(top, 0o755)
    give_to_server_user(top)
    rounds = subprocess.Popen([sys.executable, "-c", RACE, program, query, made, top],
                              stdout=subprocess.PIPE, text=True, preexec_fn=run_as_server_user)
    try:
        for r in range(100):
            line = rounds.stdout.readline()
            assert line, "round %d did not end" % r
            got = json.loads(line)
            statuses = [out.split("\r\n", 1)[0] for out in got["outs"]]
            assert statuses == ["Status: 200 OK"] * 50, (r, [o for o in got["outs"] if "200" not in o][:2])
            if route == "join":
                ids = sorted(int(out.split("\r\n\r\n", 1)[1]) for out in got["outs"])
                assert ids == list(range(50))
            assert got["whole"] == [["ok"]]
            assert not got["left"]
    finally:
        rounds.kill()
        rounds.wait()
        rounds.stdout.close()
        shutil.rmtree(top)
