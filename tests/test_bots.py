"""The students' bots: /bots keeps a program for a player with a secret word,
the teacher starts and stops it, the arena (lib/scripts/arena.py) runs it in
its sandbox, at most MAX_BOTS at once, and a hostile one harms nothing while
the class plays on."""
import glob
import os
import socket
import subprocess
import threading
import time

import pytest
import requests

from conftest import CHECKOUT, Server

WORD = "sea-cow-12"


def sandbox_works():
    """1 when bubblewrap can make a sandbox here (not in every container)."""
    try:
        return subprocess.run(["bwrap", "--unshare-pid", "--unshare-net", "--ro-bind", "/", "/",
                               "--proc", "/proc", "--dev", "/dev", "true"],
                              capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


needs_sandbox = pytest.mark.skipif(not sandbox_works(),
                                   reason="bubblewrap cannot make a sandbox on this machine")


@pytest.fixture
def bot_server():
    """Start private servers with the arena's settings (MAX_BOTS, ...)."""
    started = []

    def make(mode="cgi", data_dir=None, **arena):
        s = Server(data_dir, mode=mode)
        s.arena_env = {k: str(v) for k, v in arena.items()}
        started.append(s)
        s.start()
        wait_for(lambda: os.path.exists(os.path.join(s.data_dir, "bots", "sandbox")), 120)
        return s

    yield make
    reports = []
    for s in started:
        reports += s.sanitizer_reports()
        s.close()
        assert not processes_of(bot_uids(s))
        assert not glob.glob("/sys/fs/cgroup/*/mocean-%d" % s.port)     # the arena's cgroups: gone
    assert not reports, "sanitizer reports in the server log:\n" + "".join(reports[:20])


def wait_for(test, seconds, every=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = test()
        if value:
            return value
        time.sleep(every)
    raise AssertionError("waited %s s in vain" % seconds)


def owner(s, world, name, word=WORD):
    """A player protected by a secret word: who may keep a bot."""
    assert s.text("join", world=world, name=name, secret=word) != "-1"


def send(s, world, name, program, word=WORD):
    return requests.post(s.url + "/bots", params=dict(world=world, name=name, secret=word),
                         data=program.encode() if isinstance(program, str) else program, timeout=30)


def bot(s, world, name, word=WORD):
    r = s.get("bots", world=world, name=name, secret=word, format="json")
    assert r.status_code == 200, r.text
    return r.json()


def printed(s, world, name, word=WORD):
    """The bot's output up to its last whole line: print writes a line in pieces."""
    output = bot(s, world, name, word)["output"]
    return output[:output.rfind("\n") + 1]


def run(s, world, name, on=1):
    return s.text("admin", key=s.key, do="bot", world=world, name=name, run=on)


def state_is(s, world, name, *states):
    b = bot(s, world, name)
    return b if b["state"] in states else None


def bot_uids(s):
    """The user ids the arena gives this server's bots."""
    base = 1000000 + s.port * 128
    return range(base, base + 128)


def processes_of(uids):
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.stat("/proc/" + pid).st_uid in uids:
                    found.append(int(pid))
            except OSError:
                pass
    return found


SLEEPER = "import time\nprint('awake', flush=True)\ntime.sleep(600)\n"


@needs_sandbox
@pytest.mark.parametrize("mode", ["cgi", "fastcgi"])
def test_send_a_program_and_the_refusals(bot_server, mode):
    s = bot_server(mode)
    w = "botsend"
    owner(s, w, "fred")
    assert s.text("join", world=w, name="ann") != "-1"          # no secret word
    r = send(s, w, "fred", "print('hello')\n")
    assert (r.status_code, r.text) == (200, "stored")
    b = bot(s, w, "fred")
    assert b["state"] == "stored" and abs(b["since"] - time.time()) < 60 and b["output"] == ""
    assert s.text("bots", world=w, name="fred", secret=WORD).startswith("stored since ")
    for name, word in [("fred", "wrong-word-1"), ("fred", ""), ("ann", "any-word-2"), ("nobody", WORD)]:
        r = send(s, w, name, "print(1)\n", word)
        assert r.status_code == 403, (name, word, r.text)
        assert s.get("bots", world=w, name=name, secret=word).status_code == 403
    r = send(s, w, "fred", "#" * (64 * 1024 + 1))
    assert r.status_code == 413 and "64 kB" in r.text
    assert send(s, w, "fred", "#" * (200 * 1024)).status_code == 413     # lighttpd's own
    for body in [b"\xff\xfeprint(1)", b"print(1)\x00"]:
        r = send(s, w, "fred", body)
        assert r.status_code == 400 and "text" in r.text
    assert send(s, w, "fred", "#" * (64 * 1024)).status_code == 200      # 64 kB exactly
    # The page, for a browser or without a name.
    for params in [{}, {"world": w}, {"world": w, "name": "fred", "client": "browser"}]:
        r = s.get("bots", **params)
        assert r.status_code == 200 and "Send my bot" in r.text, params
    assert "requests.get" in s.get("starter_bot.py").text
    # Other routes still take no body.
    r = requests.post(s.url + "/join", params=dict(world=w, name="zed"), data="x", timeout=30)
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD"
    r = requests.put(s.url + "/bots", params=dict(world=w, name="fred", secret=WORD), data="x", timeout=30)
    assert r.status_code == 405 and r.headers["Allow"] == "GET, HEAD, POST"


@needs_sandbox
@pytest.mark.parametrize("mode", ["cgi", "fastcgi"])
def test_start_and_stop_by_the_teacher(bot_server, mode):
    s = bot_server(mode)
    w = "botrun"
    owner(s, w, "fred")
    assert send(s, w, "fred", "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                "print('running as', __import__('os').getuid(), flush=True)\ntime.sleep(600)\n").text == "stored"
    r = s.get("admin", key=s.key, do="bot", world=w, name="nobody", run=1)
    assert r.status_code == 404
    assert s.get("admin", key="wrong", do="bot", world=w, name="fred", run=1).status_code == 403
    assert run(s, w, "fred") in ("fred's bot in %s is queued" % w, "fred's bot in %s is running" % w)
    said = wait_for(lambda: state_is(s, w, "fred", "running") and "running as" in printed(s, w, "fred")
                    and printed(s, w, "fred"), 120)
    uid = int(said.split("running as")[1].split()[0])
    assert uid in bot_uids(s) and uid != os.getuid()
    assert processes_of(bot_uids(s))
    listing = s.get("admin", key=s.key, do="bots", world=w, format="json").json()["bots"]
    assert [(x["name"], x["state"]) for x in listing] == [("fred", "running")]
    # It ignores SIGTERM: stopped all the same, every process within a second.
    asked = time.monotonic()
    assert run(s, w, "fred", 0) == "fred's bot in %s is stopped" % w
    wait_for(lambda: not processes_of(bot_uids(s)), 1.5, every=0.02)
    assert time.monotonic() - asked < 1.5
    b = bot(s, w, "fred")
    assert b["state"] == "stopped" and b["why"] == "stopped by the teacher"
    wait_for(lambda: "[arena] stopped by the teacher" in bot(s, w, "fred")["output"], 10)
    # A program that ends says how; do=bots starts every bot of the world.
    owner(s, w, "gus")
    send(s, w, "gus", "print('bye')\nraise SystemExit(3)\n")
    assert s.text("admin", key=s.key, do="bots", world=w, run=1) == "2 bots in %s started" % w
    b = wait_for(lambda: state_is(s, w, "gus", "failed"), 120)
    assert b["why"] == "it ended with exit status 3" and b["output"].startswith("bye\n")
    wait_for(lambda: state_is(s, w, "fred", "running"), 120)
    assert s.text("admin", key=s.key, do="bots", world=w, run=0) == "2 bots in %s stopped" % w
    wait_for(lambda: not processes_of(bot_uids(s)), 1.5, every=0.02)
    assert bot(s, w, "fred")["state"] == "stopped" and bot(s, w, "gus")["state"] == "failed"


@needs_sandbox
def test_the_queue_and_a_restart(bot_server):
    s = bot_server("cgi", MAX_BOTS=2)
    w = "botqueue"
    for name in ["ann", "ben", "cat", "dan"]:
        owner(s, w, name)
        send(s, w, name, SLEEPER)
    for name in ["ann", "ben", "cat"]:
        run(s, w, name)
        time.sleep(0.05)            # in this order
    wait_for(lambda: state_is(s, w, "ben", "running"), 120)
    assert bot(s, w, "ann")["state"] == "running"
    time.sleep(0.5)
    assert bot(s, w, "cat")["state"] == "queued"
    run(s, w, "ann", 0)
    wait_for(lambda: state_is(s, w, "cat", "running"), 120)
    run(s, w, "dan")
    time.sleep(0.5)
    assert bot(s, w, "dan")["state"] == "queued"
    # The server stops: no bot runs; it starts again: the running ones first.
    s.stop()
    assert not processes_of(bot_uids(s))
    s.start()
    wait_for(lambda: os.path.exists(os.path.join(s.data_dir, "bots", "sandbox")), 120)
    wait_for(lambda: state_is(s, w, "ben", "running") and state_is(s, w, "cat", "running"), 120)
    assert bot(s, w, "dan")["state"] == "queued"
    assert bot(s, w, "ann")["state"] == "stopped"
    wait_for(lambda: "awake" in bot(s, w, "ben")["output"], 120)     # started anew
    run(s, w, "ben", 0)
    wait_for(lambda: state_is(s, w, "dan", "running"), 120)


def test_a_server_stopped_as_it_starts_leaves_no_cgroup(bot_server):
    for _ in range(3):
        s = Server(mode="cgi")
        try:
            s.start()               # its arena is still starting: stopped at once
        finally:
            s.close()
        assert not glob.glob("/sys/fs/cgroup/*/mocean-%d" % s.port)


def test_no_sandbox_is_said_and_the_rest_plays_on(bot_server):
    s = bot_server("cgi", MOCEAN_BWRAP="/nonexistent/bwrap")
    w = "botnone"
    owner(s, w, "fred")
    r = send(s, w, "fred", SLEEPER)
    assert r.status_code == 503 and "bots cannot run on this server" in r.text
    assert s.text("who", world=w) == "there are 1 players: fred "


@needs_sandbox
def test_the_starter_bot_joins_and_swims(bot_server):
    s = bot_server("cgi")
    w = "botstarter"
    owner(s, w, "fred")
    with open(os.path.join(CHECKOUT, "www", "starter_bot.py")) as f:
        send(s, w, "fred", f.read())
    run(s, w, "fred")
    wait_for(lambda: "fredbot" in s.text("who", world=w), 120)
    me = s.text("id", world=w, name="fredbot")
    first = s.text("location", world=w, id=me).split(",")[:2]
    wait_for(lambda: s.text("location", world=w, id=me).split(",")[:2] != first, 120)
    # What it printed reaches its owner's page within a moment (the arena
    # writes a bot's output at most every quarter second).
    wait_for(lambda: "joined %s as fredbot" % w in bot(s, w, "fred")["output"], 30)


HOSTILE = {
    "secrets": """
import glob
for path in ["@KEY@", "@WORLD@", "/proc/@PID@/environ", "/proc/1/root/etc/shadow"]:
    try:
        open(path, "rb").read(100)
        print("ESCAPED", path)
    except OSError as e:
        print("contained:", path, e)
print("visible:", sorted(glob.glob("/proc/[0-9]*")))
""",
    "network": """
import socket
for host, port in [("127.0.0.1", 22), ("127.0.0.1", 25), ("127.0.0.1", @LISTENER@), ("1.1.1.1", 80), ("10.0.0.1", 80)]:
    try:
        socket.create_connection((host, port), timeout=2).close()
        print("ESCAPED", host, port)
    except OSError as e:
        print("contained:", host, port, e)
""",
    "forks": """
import os, time
n = 0
try:
    for n in range(1000):
        if os.fork() == 0:
            time.sleep(30)
            os._exit(0)
    print("ESCAPED forks", n)
except OSError as e:
    print("contained: forked", n, e, flush=True)
""",
    "memory": """
print("allocating", flush=True)
b = bytearray(1 << 30)
for i in range(0, len(b), 4096):
    b[i] = 1
print("ESCAPED memory")
""",
    "loop": """
print("looping", flush=True)
while True:
    pass
""",
    "disk": """
import os
chunk = b"x" * (1 << 20)
written = 0
try:
    with open("/tmp/@FILL@", "wb") as f:
        for _ in range(1024):
            f.write(chunk)
            f.flush()
            written += 1
    print("ESCAPED disk", written)
except OSError as e:
    print("contained: wrote", written, "MB", e)
""",
    "printer": """
import sys
line = "x" * 999 + "\\n"
for _ in range(100 * 1000):
    sys.stdout.write(line)
print("ESCAPED printed")
""",
    "stubborn": """
import signal, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ignoring SIGTERM", flush=True)
while True:
    time.sleep(1)
""",
}


@needs_sandbox
def test_hostile_bots_are_contained_while_the_class_plays(bot_server, unique):
    s = bot_server("cgi", MAX_BOTS=10)
    w = "bothostile"
    s.make_world(w, 7)
    with open(os.path.join(s.data_dir, "teacher.key"), "rb") as f:
        key_before = f.read()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.1)
    fill = unique("fill")
    facts = {"@KEY@": os.path.join(s.data_dir, "teacher.key"),
             "@WORLD@": os.path.join(s.data_dir, "worlds", w + ".db"),
             "@PID@": str(s.proc.pid), "@LISTENER@": str(listener.getsockname()[1]), "@FILL@": fill}
    for name, program in HOSTILE.items():
        owner(s, w, name)
        for token, value in facts.items():
            program = program.replace(token, value)
        assert send(s, w, name, program).text == "stored"
    # A player of the class plays all along: every request answered, quickly.
    slowest = [0.0]
    errors = []
    done = threading.Event()

    def play():
        me = s.text("join", world=w, name="student")
        with requests.Session() as player:
            while not done.is_set():
                for route, keys in [("accel", dict(ctrl="w")), ("location", {}), ("look", {})]:
                    t = time.monotonic()
                    r = player.get(s.url + "/" + route, params=dict(world=w, id=me, **keys), timeout=30)
                    slowest[0] = max(slowest[0], time.monotonic() - t)
                    if r.status_code != 200:
                        errors.append((route, r.status_code, r.text))
                time.sleep(0.05)

    student = threading.Thread(target=play)
    student.start()
    try:
        assert s.text("admin", key=s.key, do="bots", world=w, run=1) == "%d bots in %s started" % (len(HOSTILE), w)
        out = lambda name: printed(s, w, name)
        wait_for(lambda: out("secrets").count("contained:") == 4 and "visible:" in out("secrets"), 120)
        wait_for(lambda: out("network").count("contained:") == 5, 120)
        wait_for(lambda: "contained: forked" in out("forks"), 120)
        wait_for(lambda: state_is(s, w, "memory", "failed"), 120)
        wait_for(lambda: "contained: wrote" in out("disk"), 120)
        wait_for(lambda: state_is(s, w, "printer", "failed"), 120)
        started = bot(s, w, "loop")["since"]
        time.sleep(3)
        loop = bot(s, w, "loop")
        stubborn = bot(s, w, "stubborn")
    finally:
        done.set()
        student.join()
    for name in HOSTILE:
        assert "ESCAPED" not in out(name), (name, out(name))
    secrets = out("secrets")
    assert "No such file" in secrets
    visible = secrets.split("visible:")[1].split("\n")[0]
    assert str(s.proc.pid) not in visible.replace("'1'", "") and len(eval(visible)) <= 6
    assert "refused" in out("network") or "unreachable" in out("network")
    assert "more than 16 processes" in out("forks") and "Resource temporarily unavailable" in out("forks")
    memory = bot(s, w, "memory")
    assert memory["why"] == "it used more than its 64 MB of memory: stopped"
    assert "No space left on device" in out("disk")
    printer = bot(s, w, "printer")
    assert printer["why"] == "it printed more than 16 MB: stopped"
    assert 60 * 1024 <= len(printer["output"].encode()) <= 64 * 1024 + 200
    assert loop["state"] == "running" and loop["cpu"] <= 0.2 * (time.time() - started) + 1.0
    assert stubborn["state"] == "running" and "ignoring SIGTERM" in stubborn["output"]
    # Nothing outside changed, nobody got through, and the class played on.
    with pytest.raises(socket.timeout):
        listener.accept()
    listener.close()
    with open(os.path.join(s.data_dir, "teacher.key"), "rb") as f:
        assert f.read() == key_before
    assert not os.path.exists(os.path.join("/tmp", fill))
    assert not errors and slowest[0] < 3, (errors[:3], slowest[0])
    asked = time.monotonic()
    s.text("admin", key=s.key, do="bots", world=w, run=0)
    wait_for(lambda: not processes_of(bot_uids(s)), 1.5, every=0.02)
    assert time.monotonic() - asked < 1.5


def cpu_cgroup(pid):
    """The folder of the cgroup that holds pid's CPU (v1's cpu hierarchy, or v2)."""
    with open("/proc/%d/cgroup" % pid) as f:
        for line in f:
            number, controllers, path = line.rstrip("\n").split(":", 2)
            if "cpu" in controllers.split(","):
                return os.path.realpath("/sys/fs/cgroup/cpu") + path
            if number == "0" and not os.path.isdir("/sys/fs/cgroup/cpu"):
                return "/sys/fs/cgroup" + path
    return None


@needs_sandbox
def test_the_bots_take_only_what_the_class_leaves(bot_server):
    """A bot that loops runs in its own cgroup, capped at a fifth of a core, under
    the arena's, which is in the kernel's idle class where the kernel has one:
    a request of the class takes the core from a bot at once."""
    s = bot_server("fastcgi")
    top = [d for d in ["/sys/fs/cgroup/cpu/mocean-%d" % s.port, "/sys/fs/cgroup/mocean-%d" % s.port]
           if os.path.isdir(d)]
    if not top:
        pytest.skip("the arena has no cgroups here (it is not root): prlimit and nice instead")
    w = "botidle"
    owner(s, w, "fred")
    send(s, w, "fred", "while True:\n    pass\n")
    run(s, w, "fred")
    wait_for(lambda: state_is(s, w, "fred", "running"), 120)
    pids = wait_for(lambda: processes_of(bot_uids(s)), 30)
    held = {cpu_cgroup(pid) for pid in pids} - {None}
    assert held and all(os.path.dirname(d) == top[0] for d in held), (held, top)
    for d in held:
        if os.path.exists(os.path.join(d, "cpu.max")):
            assert open(os.path.join(d, "cpu.max")).read().split() == ["20000", "100000"]
        else:
            assert open(os.path.join(d, "cpu.cfs_quota_us")).read().strip() == "20000"
    if os.path.exists(os.path.join(top[0], "cpu.idle")):
        assert open(os.path.join(top[0], "cpu.idle")).read().strip() == "1"
    server = cpu_cgroup(s.proc.pid)
    assert server and not server.startswith(top[0])


@needs_sandbox
def test_the_dashboard_lists_bots_with_start_and_stop(bot_server):
    from chrome import Chrome
    s = bot_server("cgi")
    w = "botdash"
    owner(s, w, "fred")
    send(s, w, "fred", SLEEPER)
    with Chrome(1920, 1080) as c:
        c.open(s.url + "/teacher?key=" + s.key)
        row = ".world[data-world='%s'] tr.bot" % w
        c.wait("document.querySelector(%r) !== null" % row)
        assert c.js("document.querySelector(%r).cells[1].textContent" % row) == "stored"
        c.click(row + " button")                                  # Start
        wait_for(lambda: state_is(s, w, "fred", "running"), 120)
        c.wait("document.querySelector(%r) && document.querySelector(%r).cells[1].textContent === 'running'"
               % (row, row), timeout=30)
        c.click(row + " button")                                  # Stop
        wait_for(lambda: state_is(s, w, "fred", "stopped"), 120)


@needs_sandbox
def test_a_bot_stops_when_the_round_ends(bot_server):
    s = bot_server("cgi")
    w = "botround"
    s.make_world(w, 3)
    owner(s, w, "fred")
    send(s, w, "fred", SLEEPER)
    s.text("admin", key=s.key, do="round", world=w, minutes=0.1)
    s.text("admin", key=s.key, do="start", world=w)
    run(s, w, "fred")
    wait_for(lambda: state_is(s, w, "fred", "running"), 120)
    b = wait_for(lambda: state_is(s, w, "fred", "stopped"), 120)
    assert b["why"] == "the round is over: stopped"
    wait_for(lambda: not processes_of(bot_uids(s)), 10)
    # A round the teacher finishes early ends its bots then, not at its clock.
    s.text("admin", key=s.key, do="round", world=w, minutes=30)
    s.text("admin", key=s.key, do="start", world=w)
    run(s, w, "fred")
    wait_for(lambda: state_is(s, w, "fred", "running"), 120)
    time.sleep(1.5)
    assert state_is(s, w, "fred", "running")
    s.text("admin", key=s.key, do="finish", world=w)
    asked = time.monotonic()
    b = wait_for(lambda: state_is(s, w, "fred", "stopped"), 30)
    assert b["why"] == "the round is over: stopped" and time.monotonic() - asked < 5
    wait_for(lambda: not processes_of(bot_uids(s)), 10)


BOTS_NET = "fd6d:6f63:6561:6e00::"

# A bot that asks for its owner's place, on a new connection each time.
ASKER = """
import os, time, requests
for _ in range(5):
    r = requests.get(os.environ["MOCEAN"] + "location",
                     params=dict(world=os.environ["MOCEAN_WORLD"], id=@ID@, secret="@WORD@"), timeout=10)
    print(r.status_code, flush=True)
print("asked", flush=True)
time.sleep(600)
"""


def log_of(s, w, pid, word=WORD):
    """The player's /log entries, as JSON."""
    r = s.get("log", world=w, id=pid, secret=word, format="json")
    assert r.status_code == 200, r.text
    return r.json()["requests"]


@needs_sandbox
def test_each_bot_has_an_address_of_its_own(bot_server):
    """Two bots' requests reach the server from two addresses, each bot's
    its own on every connection, in the bots' network; /log shows them."""
    s = bot_server("fastcgi")
    w = "botaddress"
    ids = {}
    for name in ["fred", "gus"]:
        owner(s, w, name)
        ids[name] = int(s.text("id", world=w, name=name))
        assert send(s, w, name, ASKER.replace("@ID@", str(ids[name])).replace("@WORD@", WORD)).text == "stored"
        run(s, w, name)
    for name in ["fred", "gus"]:
        wait_for(lambda: "asked" in bot(s, w, name)["output"], 120)
        assert bot(s, w, name)["output"].split() == ["200"] * 5 + ["asked"]
    seen = {}
    for name in ["fred", "gus"]:
        froms = {e["from"] for e in log_of(s, w, ids[name]) if e["route"] == "location"}
        assert len(froms) == 1, (name, froms)
        seen[name] = froms.pop()
        assert seen[name].startswith(BOTS_NET) and seen[name] != BOTS_NET, seen
    assert seen["fred"] != seen["gus"]
    # The owner's own requests still come from the owner's address.
    s.text("location", world=w, id=ids["fred"], secret=WORD)
    last = log_of(s, w, ids["fred"])[-1]
    assert (last["route"], last["from"]) == ("location", "127.0.0.1"), last


# A bot that tries the server's socket itself, then to name an address of
# its choosing: a PROXY line of its own, and an X-Forwarded-For header.
FORGER = """
import glob, os, socket, time, requests
print("run:", sorted(glob.glob("/run/*")), flush=True)
for path in ["/run/mocean/server.sock", "@SOCKET@"]:
    try:
        socket.socket(socket.AF_UNIX).connect(path)
        print("ESCAPED", path)
    except OSError as e:
        print("contained:", path, e)
query = "/location?world=%s&id=@ID@&secret=@WORD@" % os.environ["MOCEAN_WORLD"]
c = socket.create_connection(("127.0.0.1", @PORT@), timeout=10)
c.sendall(b"PROXY TCP4 1.2.3.4 1.2.3.4 1234 80\\r\\nGET " + query.encode() + b" HTTP/1.0\\r\\n\\r\\n")
print("forged:", c.recv(100).split(b"\\r\\n")[0].decode(), flush=True)
r = requests.get(os.environ["MOCEAN"] + query[1:], headers={"X-Forwarded-For": "1.2.3.4",
                 "Forwarded": "for=1.2.3.4"}, timeout=10)
print("forwarded:", r.status_code, flush=True)
print("done", flush=True)
time.sleep(600)
"""


@needs_sandbox
def test_a_bot_cannot_reach_the_socket_nor_choose_its_address(bot_server):
    s = bot_server("cgi")
    w = "botforge"
    owner(s, w, "fred")
    fred = int(s.text("id", world=w, name="fred"))
    program = FORGER
    for token, value in {"@ID@": str(fred), "@WORD@": WORD, "@PORT@": str(s.port),
                         "@SOCKET@": s.arena_socket}.items():
        program = program.replace(token, value)
    assert send(s, w, "fred", program).text == "stored"
    run(s, w, "fred")
    # Its last line written (print writes a line in pieces), all of it is there.
    out = wait_for(lambda: "done" in bot(s, w, "fred")["output"] and bot(s, w, "fred")["output"], 120)
    assert "ESCAPED" not in out and out.count("contained:") == 2, out
    assert "run: []" in out                                  # no /run/mocean
    assert "forged: HTTP/1.0 400 Bad Request" in out         # its PROXY line: a bad request
    assert "forwarded: 200" in out
    froms = [e["from"] for e in log_of(s, w, fred) if e["route"] == "location"]
    assert len(froms) == 1 and froms[0].startswith(BOTS_NET), froms
    # Nor does a classmate at the server's port name one with a header.
    requests.get(s.url + "/location", params=dict(world=w, id=fred, secret=WORD),
                 headers={"X-Forwarded-For": "1.2.3.4"}, timeout=30)
    last = log_of(s, w, fred)[-1]
    assert (last["route"], last["from"]) == ("location", "127.0.0.1"), last


# A hostile bot that keeps guessing fred's word, and fred's own bot, which
# asks with the right word all along.
GUESSER = """
import os, time, requests
paused = False
for n in range(100000):
    r = requests.get(os.environ["MOCEAN"] + "location",
                     params=dict(world=os.environ["MOCEAN_WORLD"], id=@ID@, secret="guess-%d" % n), timeout=10)
    if r.status_code == 429 and not paused:
        paused = True
        print("paused", flush=True)
    time.sleep(0.05)
"""
RIGHT = """
import os, time, requests
while True:
    r = requests.get(os.environ["MOCEAN"] + "location",
                     params=dict(world=os.environ["MOCEAN_WORLD"], id=@ID@, secret="@WORD@"), timeout=10)
    print(r.status_code, flush=True)
    time.sleep(0.1)
"""


@needs_sandbox
def test_one_bots_wrong_words_do_not_pause_anothers_right_word(bot_server):
    s = bot_server("fastcgi")
    w = "botguess"
    owner(s, w, "fred")
    owner(s, w, "eve", "eve-word-7")
    fred = int(s.text("id", world=w, name="fred"))
    send(s, w, "eve", GUESSER.replace("@ID@", str(fred)), "eve-word-7")
    send(s, w, "fred", RIGHT.replace("@ID@", str(fred)).replace("@WORD@", WORD))
    run(s, w, "eve")
    wait_for(lambda: "paused" in bot(s, w, "eve", "eve-word-7")["output"], 120)
    # eve's bot guesses on (each pause twice as long); fred's plays all along.
    run(s, w, "fred")
    wait_for(lambda: len(bot(s, w, "fred")["output"].split()) >= 20, 120)
    said = bot(s, w, "fred")["output"].split()
    assert said and set(said) == {"200"}, said
    # eve's words were counted, for fred: the guard was at work.
    overview = s.get("admin", key=s.key, world=w, format="json").json()
    [line] = [p for p in overview["worlds"][0]["players"] if p["name"] == "fred"]
    assert line["wrong_secrets"] >= 5
