"""Shared fixtures: a real lighttpd on a loopback port, serving the sanitizer
build of every route, with its own data folder of real SQLite files.

`server` is one server for the whole run (tests keep apart by using their own
world= and name= values); `make_server` starts a private one, for tests that
stop, restart or kill it.  Both come in the two serving modes, so every test
that uses them runs twice: CGI (a program per request) and event mode
(lighttpd's mod_fastcgi keeps each route's program running).
"""
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
import requests

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.environ.get("MOCEAN_ROOT", CHECKOUT)
CGI = os.environ.get("MOCEAN_CGI", os.path.join(ROOT, "build", "asan", "cgi-bin"))
# The programs make run serves (no sanitizers), where the server's user can
# read them: the checkout's build, or the staged copy of an unreadable one.
CGI_RUN = os.environ.get("MOCEAN_CGI_RUN", os.path.join(CHECKOUT, "build", "cgi-bin"))
USER = os.environ.get("MOCEAN_USER", "www-data" if os.getuid() == 0 else pwd.getpwuid(os.getuid()).pw_name)
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "output")

SANITIZER_REPORT = re.compile(r"AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer")


def keep_alive_idle():
    """How long lighttpd keeps an idle kept-alive connection open, in seconds
    (server.max-keep-alive-idle in lighttpd.conf)."""
    with open(os.path.join(CHECKOUT, "lighttpd.conf")) as f:
        return int(re.search(r"^server\.max-keep-alive-idle\s*=\s*(\d+)", f.read(), re.M).group(1))


# lighttpd closes an idle connection at its once-a-second check, 6 to 7 s
# after its last request; a request sent on it just then is lost
# (RemoteDisconnected).  The fixture's session reuses a connection only
# while it has been idle for less than half the limit, far from that moment.
REUSE_IDLE = keep_alive_idle() / 2


class FreshAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter, but a connection idle for REUSE_IDLE seconds or
    more is closed rather than reused: the next request opens a new one."""

    def __init__(self):
        super().__init__()
        self.last = time.monotonic()

    def send(self, *args, **kwargs):
        if time.monotonic() - self.last >= REUSE_IDLE:
            self.poolmanager.clear()
        try:
            return super().send(*args, **kwargs)
        finally:
            self.last = time.monotonic()


class SourceAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter whose connections come from one loopback address
    (127.0.0.2, ...): a client at another address, as the server's
    REMOTE_ADDR shows it (the server listens on 127.0.0.1)."""

    def __init__(self, source):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def kept_alive_session():
    """A requests.Session that keeps connections alive, never too long."""
    s = requests.Session()
    s.mount("http://", FreshAdapter())
    return s


_ports = random.Random()           # seeded by the system, whatever a test seeds


def free_port():
    """A port no program listens on, for a server to take in a moment: below
    the range the kernel takes its clients' ports from, so that none of the
    many connections the tests open (in every xdist worker) takes it first."""
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        lowest_client_port = int(f.read().split()[0])
    while True:
        port = _ports.randrange(max(1024, lowest_client_port - 12000), lowest_client_port)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue            # taken: another one


def give_to_server_user(path):
    """The server's user must own what the server writes (when we are root)."""
    if os.getuid() == 0:
        pw = pwd.getpwnam(USER)
        os.chown(path, pw.pw_uid, pw.pw_gid)


def group_alive(pgid):
    """The processes of group pgid that have not yet ended (a zombie has:
    it holds no files, only waits to be reaped)."""
    alive = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(pid))
    return alive


class Server:
    """A real lighttpd serving Mocean on 127.0.0.1."""

    def __init__(self, data_dir=None, mode="cgi"):
        self.mode = mode
        self.tmp = tempfile.mkdtemp(prefix="mocean-test-")
        os.chmod(self.tmp, 0o755)
        self.data_dir = data_dir or os.path.join(self.tmp, "data")
        os.makedirs(self.data_dir, exist_ok=True)
        os.chmod(self.data_dir, 0o750)
        give_to_server_user(self.data_dir)
        self.log_dir = os.path.join(self.tmp, "log")
        os.makedirs(self.log_dir, exist_ok=True)
        give_to_server_user(self.log_dir)
        self.log = os.path.join(self.log_dir, "error.log")
        self.sockets = os.path.join(self.tmp, "sockets")
        os.makedirs(self.sockets, exist_ok=True)
        give_to_server_user(self.sockets)
        # The students' bots reach the server through this socket, which
        # only the arena opens (lib/scripts/arena.py, started beside lighttpd).
        self.arena_socket = os.path.join(self.tmp, "arena", "server.sock")
        os.makedirs(os.path.dirname(self.arena_socket), mode=0o700, exist_ok=True)
        os.chmod(os.path.dirname(self.arena_socket), 0o700)
        self.arena_env = {}         # MAX_BOTS, BOT_MINUTES ... for the arena
        self.arena = None
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = None
        self.session = kept_alive_session()

    def env(self):
        env = dict(os.environ)
        env.update(MOCEAN_ROOT=ROOT, MOCEAN_CGI=CGI, MOCEAN_PORT=str(self.port),
                   MOCEAN_BIND="127.0.0.1", MOCEAN_DATA=self.data_dir,
                   MOCEAN_LOG="", MOCEAN_USER=USER, MOCEAN_MODE=self.mode,
                   MOCEAN_SOCKETS=self.sockets, MOCEAN_ARENA_SOCKET=self.arena_socket)
        # The shared server holds a world per test: far more than a class's 50.
        env.setdefault("MAX_WORLDS", "100000")
        return env

    def make_key(self):
        """Make the teacher key as `make run` does when the server starts."""
        subprocess.run(["make", "--no-print-directory", "-s", "-C", CHECKOUT, "teacher-key",
                        "DATA_DIR=" + self.data_dir], check=True, capture_output=True, timeout=60)
        with open(os.path.join(self.data_dir, "teacher.key")) as f:
            return f.read().strip()

    def start(self):
        self.key = self.make_key()
        # The server's log, as make run shows it: lighttpd's own lines and
        # whatever a route program writes to stderr.
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(["lighttpd", "-D", "-f", os.path.join(ROOT, "lighttpd.conf")],
                                         env=self.env(), stdout=subprocess.DEVNULL,
                                         stderr=log, start_new_session=True)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    self.start_arena()
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    with open(self.log, errors="replace") as f:
                        raise RuntimeError("lighttpd did not start: %s" % f.read())
                time.sleep(0.05)
        raise RuntimeError("lighttpd did not open its port")

    def start_arena(self):
        """The bots' supervisor, beside lighttpd, as make serve starts it."""
        env = self.env()
        env.update(self.arena_env)
        with open(self.log, "ab") as log:
            self.arena = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "lib", "scripts", "arena.py")],
                                          env=env, stdout=subprocess.DEVNULL, stderr=log,
                                          start_new_session=True)

    def stop_arena(self, sig=signal.SIGTERM):
        """Stop the bots' supervisor (it stops every bot first)."""
        if self.arena and self.arena.poll() is None:
            self.arena.send_signal(sig)
            try:
                self.arena.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.arena.kill()
                self.arena.wait()
        self.arena = None

    def stop(self, sig=signal.SIGTERM):
        """Stop lighttpd and every route program it started (its session):
        with SIGKILL, all of them at once, as a crash would."""
        self.stop_arena()
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # any route left behind
            except ProcessLookupError:
                pass
            # A killed process still holds its files until it has ended: wait
            # for that, so what the test does next (open a world's file as its
            # last connection, start a server on the same data) meets none.
            deadline = time.time() + 10
            while group_alive(self.proc.pid) and time.time() < deadline:
                time.sleep(0.01)
            assert not group_alive(self.proc.pid), "route programs outlived SIGKILL"
        self.proc = None

    def restart(self):
        self.stop()
        return self.start()

    def get(self, route, **params):
        """GET /route with these keys, as a student's requests.get would."""
        return self.session.get(self.url + "/" + route.lstrip("/"), params=params, timeout=30)

    def get_from(self, source, route, **params):
        """The same GET from another client address (source, like
        "127.0.0.2"), on a connection of its own."""
        with requests.Session() as s:
            s.mount("http://", SourceAdapter(source))
            return s.get(self.url + "/" + route.lstrip("/"), params=params, timeout=30)

    def make_world(self, name, seed=None):
        """Make world `name` anew (with this seed), as a teacher's reset does:
        only /join and a reset make a world."""
        params = dict(key=self.key, do="reset", world=name)
        if seed is not None:
            params["seed"] = seed
        self.text("admin", **params)
        return name

    def text(self, route, **params):
        r = self.get(route, **params)
        assert r.status_code == 200, (route, params, r.status_code, r.text)
        return r.text

    def sanitizer_reports(self):
        try:
            with open(self.log, errors="replace") as f:
                return [line for line in f if SANITIZER_REPORT.search(line)]
        except FileNotFoundError:
            return []

    def close(self):
        self.stop()
        self.session.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


# Every temporary folder of a run (the servers', the unit tests', Chromium's
# profiles, pytest's tmp_path) is made in one folder of the run's own, made
# here and named in TMPDIR for every process the tests start.  At the end it
# must hold nothing but pytest's own: anything else is named, fails the run,
# and is removed with it, so that make test leaves nothing in /tmp.
RUN_TMP = pytest.StashKey[str]()
LEFT_BEHIND = pytest.StashKey[list]()


@pytest.hookimpl(tryfirst=True)    # before pytest reads --basetemp
def pytest_configure(config):
    if hasattr(config, "workerinput"):
        return                      # an xdist worker: its controller made it
    tmp = tempfile.mkdtemp(prefix="mocean-suite-")
    os.chmod(tmp, 0o755)            # the server's user goes through it
    os.environ["TMPDIR"] = tmp
    tempfile.tempdir = None
    if not config.option.basetemp:
        config.option.basetemp = os.path.join(tmp, "pytest")
    config.stash[RUN_TMP] = tmp


def pytest_sessionfinish(session, exitstatus):
    tmp = session.config.stash.get(RUN_TMP, None)
    if tmp is None:
        return
    left = sorted(n for n in os.listdir(tmp) if n != "pytest")
    shutil.rmtree(tmp, ignore_errors=True)
    if left:
        session.config.stash[LEFT_BEHIND] = left
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, config):
    left = config.stash.get(LEFT_BEHIND, [])
    if left:
        terminalreporter.write_sep("=", "the tests left %d temporary folders or files behind "
                                   "(now removed)" % len(left), red=True)
        for name in left:
            terminalreporter.write_line(name)


MODES = ["cgi", "fastcgi"]


@pytest.fixture(scope="session", params=MODES)
def server(request):
    s = Server(mode=request.param).start()
    yield s
    reports = s.sanitizer_reports()
    s.close()
    assert not reports, "sanitizer reports in the server log:\n" + "".join(reports[:20])


@pytest.fixture(params=MODES)
def make_server(request):
    """Start private servers (optionally on a given data folder), in one mode."""
    started = []

    def make(data_dir=None):
        s = Server(data_dir, mode=request.param)
        started.append(s)
        return s.start()

    yield make
    reports = []
    for s in started:
        reports += s.sanitizer_reports()
        s.stop()
    for s in started:
        s.close()
    assert not reports, "sanitizer reports in the server log:\n" + "".join(reports[:20])


@pytest.fixture
def output_dir():
    """Where a test writes files for people to look at (screenshots)."""
    os.makedirs(OUTPUT, exist_ok=True)
    return OUTPUT


_counter = [0]


@pytest.fixture
def unique():
    """A fresh name of letters and digits, for worlds and players."""
    def make(prefix="t"):
        _counter[0] += 1
        return "%s%d%d" % (prefix, os.getpid() % 10000, _counter[0])
    return make


def run_sql(path, sql, params=()):
    """Run one SQL statement on a SQLite file as the server's user (so any
    -wal or -shm file it makes stays the server's), returning the rows."""
    import json
    import sys
    code = ("import json, sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1], timeout=10)\n"
            "rows = db.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()\n"
            "db.commit()\n"
            "print(json.dumps(rows))\n")

    def become_server_user():
        if os.getuid() == 0:
            pw = pwd.getpwnam(USER)
            os.setgid(pw.pw_gid)
            os.setuid(pw.pw_uid)

    r = subprocess.run([sys.executable, "-c", code, path, sql, json.dumps(list(params))],
                       capture_output=True, text=True, timeout=30, preexec_fn=become_server_user)
    assert r.returncode == 0, r.stderr
    return [tuple(row) for row in json.loads(r.stdout)]


def world_sql(server, world, sql, params=()):
    """run_sql on a world's file in this server's data folder (the world must
    exist: any request with world=W makes it)."""
    return run_sql(os.path.join(server.data_dir, "worlds", world + ".db"), sql, params)
