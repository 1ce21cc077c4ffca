"""make run as a new teacher meets it: in a temporary copy of this checkout,
run as an ordinary user (when the tests run as root: `nobody`) whose PATH
lacks /usr/sbin, where Debian keeps lighttpd.

- a port already taken is said plainly, with the fix, before anything says
  "serving", and make fails;
- otherwise the server starts and the banner gives the address students type,
  the dashboard's address and the teacher key;
- the build says one short line per step, and V=1 the whole command;
- `make banner` lists every IPv4 address of the machine but loopback.

lighttpd runs in the foreground under make: each test ends it by killing the
process group it started.
"""
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
import requests

from conftest import free_port

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP = {".git", "output", "asan", "__pycache__", ".pytest_cache"}
USER = "nobody" if os.getuid() == 0 else pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture(scope="module")
def checkout():
    """A copy of the checkout (with its built routes, mtimes kept, so make
    finds them up to date), owned by the ordinary user."""
    tmp = tempfile.mkdtemp(prefix="mocean-setup-")
    copy = os.path.join(tmp, "mocean")
    shutil.copytree(CHECKOUT, copy, symlinks=True,
                    ignore=lambda d, names: [n for n in names if n in SKIP or
                                             (n == "data" and d == CHECKOUT)])
    if os.getuid() == 0:
        pw = pwd.getpwnam(USER)
        for d, dirs, files in os.walk(tmp):
            for n in [d] + [os.path.join(d, f) for f in files]:
                os.lchown(n, pw.pw_uid, pw.pw_gid)
    os.chmod(tmp, 0o755)
    yield copy
    shutil.rmtree(tmp, ignore_errors=True)


def make(checkout, *args, **kw):
    """The command and environment for make in the copy, as the ordinary user."""
    cmd = ["make", "--no-print-directory"] + list(args)
    if os.getuid() == 0:
        cmd = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", USER, "--"] + cmd
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.path.dirname(checkout),
           "LANG": "C.UTF-8"}
    env.update(kw)
    return cmd, env


def run_make(checkout, *args, **kw):
    cmd, env = make(checkout, *args, **kw)
    return subprocess.run(cmd, cwd=checkout, env=env, capture_output=True, text=True, timeout=300)


def test_a_taken_port_is_said_plainly_before_serving(checkout):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        r = run_make(checkout, "run", PORT=str(port), BIND="127.0.0.1",
                     DATA_DIR=os.path.join(os.path.dirname(checkout), "taken-data"))
    assert r.returncode != 0
    assert "Port %d is already in use" % port in r.stdout
    assert "PORT=%d make run" % (port + 1) in r.stdout
    assert "serving" not in r.stdout + r.stderr
    assert "build " not in r.stdout, "the port is checked before building"


def test_make_run_as_a_user_finds_lighttpd_and_prints_the_banner(checkout):
    port = free_port()
    data = os.path.join(os.path.dirname(checkout), "run-data")
    cmd, env = make(checkout, "run", PORT=str(port), BIND="127.0.0.1", DATA_DIR=data)
    proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.time() + 300
        while time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("teacher key:"):
                break
        out = "\n".join(lines)
        with open(os.path.join(data, "teacher.key")) as f:
            key = f.read()
        assert "teacher key: " + key in lines, out
        assert "    http://127.0.0.1:%d/" % port in lines, out
        assert "Teacher's dashboard: http://127.0.0.1:%d/teacher" % port in lines, out
        assert "Mocean is serving on port %d. Students open:" % port in lines, out
        assert not [l for l in lines if len(l) > 100], "no long compiler lines:\n" + out
        r = None
        while time.time() < deadline and proc.poll() is None:
            try:
                r = requests.get("http://127.0.0.1:%d/hello" % port, timeout=5)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert r is not None and r.status_code == 200, proc.stdout.read() if proc.poll() is not None else out
        assert "lighttpd: not found" not in out
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()


def test_the_build_says_one_short_line_per_step_and_V1_the_commands(checkout):
    hello = os.path.join(checkout, "build", "cgi-bin", "hello.cgi")
    run_make(checkout, "build")
    os.remove(hello)
    r = run_make(checkout, "build")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["  build cgi-bin/hello.cgi"], r.stdout
    os.remove(hello)
    r = run_make(checkout, "build", V="1")
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.search(r"-Wall -Wextra -Werror .*-o build/cgi-bin/hello\.cgi cgi-bin/hello\.c", r.stdout), r.stdout
    assert "  build cgi-bin/hello.cgi" not in r.stdout


class MakeRun:
    """make run (or another target) in the copy, as the ordinary user, in a
    process group of its own (as a terminal runs it), its output in a file."""

    def __init__(self, checkout, target="run", **settings):
        self.port = free_port()
        self.log = os.path.join(os.path.dirname(checkout), "make-%d.log" % self.port)
        settings.setdefault("BIND", "127.0.0.1")
        settings.setdefault("DATA_DIR", os.path.join(os.path.dirname(checkout), "data-%d" % self.port))
        self.settings = dict(settings, PORT=str(self.port))
        cmd, env = make(checkout, target, **self.settings)
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(cmd, cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        self.url = "http://127.0.0.1:%d" % self.port
        deadline = time.time() + 120
        while True:
            try:
                requests.get(self.url + "/hello", timeout=5)
                return
            except requests.ConnectionError:
                assert self.proc.poll() is None and time.time() < deadline, self.output()
                time.sleep(0.1)

    def output(self):
        with open(self.log, errors="replace") as f:
            return f.read()

    def group(self):
        """The processes still in its process group: [(pid, name)]."""
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open("/proc/%s/stat" % pid) as f:
                    stat = f.read()
            except OSError:
                continue
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
            if int(rest[2]) == self.proc.pid:
                found.append((int(pid), name))
        return found

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
        try:
            self.proc.wait(timeout=30)
        finally:
            if self.group():
                os.killpg(self.proc.pid, signal.SIGKILL)


@pytest.mark.parametrize("mode", ["cgi", "fastcgi"])
def test_ctrl_c_stops_make_run_quietly_and_leaves_nothing(checkout, mode):
    """Ctrl-C: the terminal sends SIGINT to every process of make run (make,
    lighttpd, event mode's route programs).  lighttpd stops taking requests and
    ends the programs itself: no backend errors, no program left, no sockets
    folder."""
    sockets = os.path.join(os.path.dirname(checkout), "sockets-%s" % mode)
    run = MakeRun(checkout, MODE=mode, SOCKETS=sockets)
    try:
        for route in ("hello", "steps?message=hi", "who", "data", "join?name=fred"):
            assert requests.get(run.url + "/" + route, timeout=30).status_code == 200
        programs = [name for pid, name in run.group() if name.endswith(".cgi")]
        if mode == "fastcgi":
            assert "hello.cgi" in programs and os.listdir(sockets), (programs, run.output())
        os.killpg(run.proc.pid, signal.SIGINT)
        run.proc.wait(timeout=30)
        deadline = time.time() + 10
        while run.group() and time.time() < deadline:
            time.sleep(0.1)
        assert run.group() == []
    finally:
        run.stop()
    out = run.output()
    said = out[out.index("server started"):]
    assert "gw_backend" not in said and "Connection refused" not in said, said
    assert [l for l in said.splitlines() if "mocean:" in l or "(mod_" in l] == [], said
    assert not os.path.exists(sockets), os.listdir(sockets)


@pytest.mark.skipif(not shutil.which("ip"), reason="needs iproute2 to list addresses")
def test_the_banner_lists_every_address_but_loopback(checkout):
    out = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True).stdout
    addresses = [a for a in re.findall(r"inet (\d+\.\d+\.\d+\.\d+)/", out) if not a.startswith("127.")]
    run = MakeRun(checkout)
    try:
        # Serving on 127.0.0.1, asked as if it served on every address.
        r = run_make(checkout, "banner", PORT=str(run.port), BIND="0.0.0.0", DATA_DIR=run.settings["DATA_DIR"])
    finally:
        run.stop()
    port = run.port
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Mocean is serving on port %d. Students open:" % port in r.stdout
    listed = re.findall(r"^    http://([0-9.]+):%d/$" % port, r.stdout, re.M)
    assert sorted(listed) == sorted(addresses), r.stdout
    first = addresses[0] if addresses else "localhost"
    assert "Teacher's dashboard: http://%s:%d/teacher" % (listed[0] if listed else first, port) in r.stdout
    with open(os.path.join(run.settings["DATA_DIR"], "teacher.key")) as f:
        assert "teacher key: " + f.read() + "\n" in r.stdout


def test_make_banner_says_when_no_mocean_answers(checkout):
    data = os.path.join(os.path.dirname(checkout), "banner-data")
    with socket.socket() as other:       # another program, that is not Mocean
        other.bind(("127.0.0.1", 0))
        other.listen()
        for port, bind in ((free_port(), "0.0.0.0"), (other.getsockname()[1], "127.0.0.1")):
            r = run_make(checkout, "banner", PORT=str(port), BIND=bind, DATA_DIR=data)
            assert r.returncode != 0
            assert "No Mocean server answers on port %d" % port in r.stdout, r.stdout
            assert "PORT=%d" % port in r.stdout and "make run" in r.stdout
            assert "serving" not in r.stdout + r.stderr
