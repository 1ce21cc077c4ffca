#!/usr/bin/env python3
"""arena.py: runs the students' bots, beside lighttpd (make serve starts and
stops it with the server; so do the tests' servers).

A bot is a program a student sent to /bots: files in DATA_DIR/bots/WORLD/NAME
(lib/store/bot.h).  The teacher asks for it to run (/admin do=bot&run=1: its
state becomes queued) or stop (stopped); this loop, ten times a second, reads
the states, stops what must stop, and starts queued bots in order while
fewer than MAX_BOTS run.  Each runs in a sandbox made by bubblewrap:

  - a user of its own (setpriv), never the server's;
  - the system (/usr, /etc) read-only; an empty /tmp of its own of 16 MB;
    no DATA_DIR, no checkout, no other bot, no server process (a pid
    namespace and a /proc of its own);
  - a network of its own (--unshare-net) holding only loopback, where
    arena_forward.py listens on 127.0.0.1:PORT and carries connections to
    the game: $MOCEAN, http://localhost:PORT/ is the game, and nothing else
    can be reached.  The Unix socket lighttpd listens on for the bots is
    not in the sandbox: for each connection the forwarder asks this arena,
    over a socket pair the sandbox inherits, and the arena connects,
    writes a PROXY line with the bot's own address (Bot.address:
    fd6d:6f63:6561:6e00::N, N its place) and hands the socket over.  So
    the server counts each bot's requests (wrong secret words, /data) by
    an address of its own, one the bot cannot choose;
  - cgroups (v2, or v1) where the machine has them: 64 MB of memory, 16
    processes, a fifth of a core, and all the bots together in the kernel's
    idle class (or the least weight) against the server's own processes;
    elsewhere prlimit (address space, and processes when run as root) and
    nice 19;
  - BOT_MINUTES of wall time (default 60), and no more than the world's
    round when one plays as the bot starts (it stops when the round ends,
    by its clock or when the teacher finishes it);
    16 MB of output in all (the last 64 kB are kept, in
    DATA_DIR/bots/.../output).

Stopping kills the whole tree at once (the cgroup, or the pid namespace's
first process).  When the arena stops (with the server), every bot stops;
the ones that were running are queued again first when it starts.  Where
the sandbox cannot be made, DATA_DIR/bots/sandbox says why and /bots says so.

The environment: MOCEAN_DATA, MOCEAN_PORT, MOCEAN_ARENA_SOCKET, MOCEAN_USER,
MAX_BOTS (default from cores and memory), BOT_MINUTES, MOCEAN_BWRAP.
"""
import fcntl
import ipaddress
import os
import pwd
import selectors
import signal
import socket
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FORWARD = os.path.join(HERE, "arena_forward.py")
PYTHON = "/usr/bin/python3"
OUTPUT_KEPT = 64 * 1024
OUTPUT_MOST = 16 * 1024 * 1024
MEMORY = 64 * 1024 * 1024
PROCESSES = 16
CPU_SHARE = 0.2
# All the bots together run as the kernel's idle class (cpu.idle, Linux
# 5.15 and later): a request of the class that wakes takes the core from a
# bot at once, and the bots use only what the class leaves, each at most
# its fifth of a core.  Where cpu.idle is missing, they weigh an eighth of
# one of the server's processes (v1 cpu.shares of 1024, v2 cpu.weight of
# 100): when the class needs the cores, the bots mostly wait.
SHARES_V1 = 128
WEIGHT_V2 = 12
TMP_SIZE = 16 * 1024 * 1024
TICK = 0.1
# The bots' addresses: a unique-local IPv6 network ("fd" then "mocean" in
# hex), the bot in place N (from 1) at fd6d:6f63:6561:6e00::N.
BOTS_NET = ipaddress.IPv6Network("fd6d:6f63:6561:6e00::/64")


def log(text):
    print("arena: " + text, file=sys.stderr, flush=True)


def round_ends(data, world):
    """When the round playing in world ends (unix time), or None when none
    plays; raises sqlite3.Error when the world's file cannot be read.  The
    file is opened read-only (SQLite, as root, gives any file it makes the
    database's owner)."""
    path = os.path.join(data, "worlds", world + ".db")
    if not os.path.exists(path):
        return None
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=1)
    try:
        row = db.execute("SELECT state, ends FROM round ORDER BY number DESC LIMIT 1").fetchone()
    finally:
        db.close()
    if row and row[0] == "playing" and row[1] and row[1] > time.time():
        return row[1]
    return None


def round_ends_or(data, world, otherwise):
    """round_ends, or otherwise where the world's file cannot be read now."""
    try:
        return round_ends(data, world)
    except sqlite3.Error:
        return otherwise


def default_max_bots():
    """Four bots a core, as far as memory allows (96 MB each, 1 GB kept)."""
    try:
        with open("/proc/meminfo") as f:
            avail = next(int(l.split()[1]) for l in f if l.startswith("MemAvailable")) * 1024
    except (OSError, StopIteration):
        avail = 2 << 30
    return max(1, min(4 * (os.cpu_count() or 1), (avail - (1 << 30)) // (96 << 20)))


class Files:
    """The bots' files in DATA_DIR/bots, as lib/store/bot.c keeps them."""

    def __init__(self, data, user):
        self.root = os.path.join(data, "bots")
        self.owner = None
        if os.getuid() == 0 and user:
            pw = pwd.getpwnam(user)
            self.owner = (pw.pw_uid, pw.pw_gid)
        os.makedirs(self.root, mode=0o750, exist_ok=True)
        self.give(self.root)

    def give(self, path):
        if self.owner:
            os.chown(path, *self.owner)

    def lock(self):
        path = os.path.join(self.root, "lock")
        fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)
        self.give(path)
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def write(self, path, data):
        tmp = path + ".arena"
        with open(tmp, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o640)
        self.give(tmp)
        os.replace(tmp, path)

    def bots(self):
        """{(world, name): (state, since, why)} of every bot."""
        found = {}
        try:
            worlds = os.listdir(self.root)
        except OSError:
            return found
        for world in worlds:
            folder = os.path.join(self.root, world)
            if world.startswith(".") or not os.path.isdir(folder):
                continue
            for name in os.listdir(folder):
                state = self.state(world, name)
                if state:
                    found[(world, name)] = state
        return found

    def state(self, world, name):
        try:
            with open(os.path.join(self.root, world, name, "state"), encoding="utf-8") as f:
                first, _, why = f.read().partition("\n")
            state, since = first.split()
            return state, float(since), why.strip()
        except (OSError, ValueError):
            return None

    def set_state(self, world, name, state, since, why):
        self.write(os.path.join(self.root, world, name, "state"),
                   ("%s %.3f\n%s\n" % (state, since, why)).encode())

    def path(self, world, name, file):
        return os.path.join(self.root, world, name, file)


class Cgroups:
    """A cgroup per bot under one of this arena's own (v2, or v1's memory,
    pids and cpu hierarchies).  available is False where they cannot be
    made (no root, no controllers): then limits come from prlimit and nice."""

    def __init__(self, tag):
        self.tag = tag
        self.v2 = None
        self.v1 = {}
        self.available = False
        if os.getuid() != 0:
            return
        try:
            with open("/sys/fs/cgroup/cgroup.controllers") as f:
                have = f.read().split()
            if {"memory", "pids", "cpu"} <= set(have):
                top = os.path.join("/sys/fs/cgroup", tag)
                os.makedirs(top, exist_ok=True)
                with open("/sys/fs/cgroup/cgroup.subtree_control", "w") as f:
                    f.write("+memory +pids +cpu")
                with open(os.path.join(top, "cgroup.subtree_control"), "w") as f:
                    f.write("+memory +pids +cpu")
                self.put(os.path.join(top, "cpu.weight"), str(WEIGHT_V2))
                self.idle(top)
                self.v2 = top
                self.available = True
                return
        except OSError:
            pass
        try:
            for c in ["memory", "pids", "cpu", "cpuacct"]:
                base = os.path.realpath("/sys/fs/cgroup/" + c)
                if not os.path.isdir(base):
                    raise OSError("no " + c)
                os.makedirs(os.path.join(base, tag), exist_ok=True)
                self.v1[c] = os.path.join(base, tag)
            self.put(os.path.join(self.v1["cpu"], "cpu.shares"), str(SHARES_V1))
            self.idle(self.v1["cpu"])
            self.available = True
        except OSError:
            for d in set(self.v1.values()):
                try:
                    os.rmdir(d)
                except OSError:
                    pass
            self.v1 = {}

    @staticmethod
    def idle(top):
        """The bots' cgroup in the idle class, where the kernel has one."""
        try:
            Cgroups.put(os.path.join(top, "cpu.idle"), "1")
        except OSError:
            pass

    @staticmethod
    def put(path, text):
        with open(path, "w") as f:
            f.write(text)

    @staticmethod
    def get(path):
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            return ""

    def dirs(self, bot):
        if self.v2:
            return {c: os.path.join(self.v2, bot) for c in ["memory", "pids", "cpu", "cpuacct"]}
        return {c: os.path.join(d, bot) for c, d in self.v1.items()}

    def make(self, bot):
        d = self.dirs(bot)
        for path in set(d.values()):
            os.makedirs(path, exist_ok=True)
        period = 100000
        if self.v2:
            self.put(os.path.join(d["memory"], "memory.max"), str(MEMORY))
            self.put(os.path.join(d["memory"], "memory.swap.max"), "0")
            self.put(os.path.join(d["pids"], "pids.max"), str(PROCESSES))
            self.put(os.path.join(d["cpu"], "cpu.max"), "%d %d" % (period * CPU_SHARE, period))
        else:
            self.put(os.path.join(d["memory"], "memory.limit_in_bytes"), str(MEMORY))
            try:
                self.put(os.path.join(d["memory"], "memory.memsw.limit_in_bytes"), str(MEMORY))
            except OSError:
                pass            # no swap accounting: there is no swap to use
            self.put(os.path.join(d["pids"], "pids.max"), str(PROCESSES))
            self.put(os.path.join(d["cpu"], "cpu.cfs_period_us"), str(period))
            self.put(os.path.join(d["cpu"], "cpu.cfs_quota_us"), str(int(period * CPU_SHARE)))
        return d

    def join(self, bot):
        """In the child, before exec: move this process into the bot's cgroups."""
        for path in set(self.dirs(bot).values()):
            self.put(os.path.join(path, "cgroup.procs"), "0")

    def pids(self, bot):
        return [int(p) for p in self.get(os.path.join(self.dirs(bot)["pids"], "cgroup.procs")).split()]

    def kill(self, bot):
        d = self.dirs(bot)
        if self.v2:
            try:
                self.put(os.path.join(d["pids"], "cgroup.kill"), "1")
            except OSError:
                pass
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline:
            pids = self.pids(bot)
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.005)

    def cpu(self, bot):
        d = self.dirs(bot)
        if self.v2:
            for line in self.get(os.path.join(d["cpu"], "cpu.stat")).splitlines():
                if line.startswith("usage_usec"):
                    return int(line.split()[1]) / 1e6
            return 0.0
        text = self.get(os.path.join(d["cpuacct"], "cpuacct.usage")).strip()
        return int(text) / 1e9 if text else 0.0

    def memory_hit(self, bot):
        d = self.dirs(bot)
        if self.v2:
            for line in self.get(os.path.join(d["memory"], "memory.events")).splitlines():
                if line.startswith(("oom ", "oom_kill ")) and int(line.split()[1]) > 0:
                    return True
            return False
        for line in self.get(os.path.join(d["memory"], "memory.oom_control")).splitlines():
            if line.startswith("oom_kill ") and int(line.split()[1]) > 0:
                return True
        return self.get(os.path.join(d["memory"], "memory.failcnt")).strip() not in ("", "0")

    def processes_hit(self, bot):
        for line in self.get(os.path.join(self.dirs(bot)["pids"], "pids.events")).splitlines():
            if line.startswith("max "):
                return int(line.split()[1])
        return 0

    def remove(self, bot):
        for path in set(self.dirs(bot).values()):
            try:
                os.rmdir(path)
            except OSError:
                pass

    def close(self):
        tops = [self.v2] if self.v2 else list(set(self.v1.values()))
        for top in tops:
            for child in os.listdir(top):
                if os.path.isdir(os.path.join(top, child)):
                    self.kill(child)
                    self.remove(child)
            try:
                os.rmdir(top)
            except OSError:
                pass


def bot_address(slot):
    """The address the server sees a bot's requests come from: one per
    place, so two bots running at once never share one."""
    return str(BOTS_NET[slot + 1])


class Bot:
    """One running bot: its sandbox's first process, what it printed, and
    the arena's end of the socket pair its forwarder asks connections on."""

    def __init__(self, key, since, slot, proc, cgroup, channel):
        self.key = key
        self.since = since
        self.slot = slot
        self.address = bot_address(slot)
        self.proc = proc
        self.cgroup = cgroup
        self.channel = channel
        self.started = time.monotonic()
        self.output = bytearray()
        self.printed = 0
        self.flushed = 0.0
        self.dirty = True
        self.ending = None          # (state, why) when the arena stops it
        self.processes_said = 0
        self.cpu = 0.0
        self.round_ends = None      # the world's round ends then: it stops

    def note(self, text):
        self.add(("\n[arena] %s\n" % text).encode())

    def add(self, data):
        self.printed += len(data)
        self.output += data
        if len(self.output) > OUTPUT_KEPT:
            del self.output[:len(self.output) - OUTPUT_KEPT]
        self.dirty = True


class Arena:
    def __init__(self):
        self.data = os.path.abspath(os.environ.get("MOCEAN_DATA") or "data")
        self.port = int(os.environ.get("MOCEAN_PORT") or 8080)
        self.socket = os.environ.get("MOCEAN_ARENA_SOCKET", "")
        self.bwrap = os.environ.get("MOCEAN_BWRAP") or "bwrap"
        self.max_bots = int(os.environ.get("MAX_BOTS") or default_max_bots())
        self.minutes = float(os.environ.get("BOT_MINUTES") or 60)
        self.files = Files(self.data, os.environ.get("MOCEAN_USER"))
        self.cgroups = Cgroups("mocean-%d" % self.port)
        self.running = {}
        self.resume = set()
        self.rounds_read = 0.0      # when the rounds of running bots were read
        self.selector = selectors.DefaultSelector()

    @property
    def stopping(self):
        return STOPPING[0]

    # The sandbox.

    def uid(self, slot):
        """A user id of the bot's own: one per place, per server port."""
        return 1000000 + self.port * 128 + slot

    def command(self, program, key, slot, channel):
        """The sandbox's command line; channel is the number of the socket
        pair's end the sandbox inherits (arena_forward.py asks on it)."""
        world, name = key
        args = [self.bwrap, "--die-with-parent", "--new-session",
                "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try"]
        if os.getuid() != 0:
            args += ["--unshare-user", "--uid", "1000", "--gid", "1000"]
        args += ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]:
            if os.path.islink(top):
                args += ["--symlink", os.readlink(top), top]
            elif os.path.isdir(top):
                args += ["--ro-bind", top, top]
        args += ["--proc", "/proc", "--dev", "/dev",
                 "--size", str(TMP_SIZE), "--perms", "1777", "--tmpfs", "/tmp",
                 "--perms", "0755", "--dir", "/bot",
                 "--ro-bind", program, "/bot/bot.py",
                 "--ro-bind", FORWARD, "/bot/forward.py",
                 "--chdir", "/tmp", "--clearenv",
                 "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
                 "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONUNBUFFERED", "1",
                 "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
                 "--setenv", "MOCEAN", "http://localhost:%d/" % self.port,
                 "--setenv", "MOCEAN_WORLD", world, "--setenv", "MOCEAN_NAME", name,
                 "--"]
        if os.getuid() == 0:
            uid = str(self.uid(slot))
            args += ["setpriv", "--reuid", uid, "--regid", uid, "--clear-groups",
                     "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
        if not self.cgroups.available:
            limits = ["--as=%d" % (4 * MEMORY)]
            if os.getuid() == 0:
                limits.append("--nproc=%d" % PROCESSES)
            args += ["prlimit"] + limits + ["nice", "-n", "19"]
        args += [PYTHON, "/bot/forward.py", str(self.port), str(channel), PYTHON, "/bot/bot.py"]
        return args

    def probe(self):
        """Why the sandbox cannot be made here, or None."""
        if not self.socket.startswith("/"):
            return "the server has no socket for the bots (MOCEAN_ARENA_SOCKET)"
        probe = os.path.join(self.files.root, ".probe.py")
        try:
            self.files.write(probe, b"print('ok')\n")
            os.chmod(probe, 0o644)
        except OSError as e:
            return "the bots' folder cannot be written: %s" % e
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            r = subprocess.run(self.command(probe, ("probe", "probe"), 127, theirs.fileno()),
                               capture_output=True, timeout=30, preexec_fn=self.probe_cgroup,
                               pass_fds=[theirs.fileno()])
        except (OSError, subprocess.TimeoutExpired) as e:
            return "bubblewrap (the bots' sandbox) cannot run: %s" % e
        finally:
            ours.close()
            theirs.close()
            if self.cgroups.available:
                self.cgroups.kill("probe")
                self.cgroups.remove("probe")
            os.remove(probe)
        if r.returncode != 0 or r.stdout.strip() != b"ok":
            why = (r.stderr or r.stdout).decode(errors="replace").strip().splitlines()
            return "the sandbox cannot be made on this machine (%s)" % (why[-1] if why else r.returncode)
        return None

    def probe_cgroup(self):
        if self.cgroups.available:
            self.cgroups.make("probe")
            self.cgroups.join("probe")

    # Starting, watching and stopping bots.

    def start(self, key, since):
        slot = next(s for s in range(self.max_bots + 1) if s not in {b.slot for b in self.running.values()})
        cg = "%s-%s" % (slot, time.monotonic_ns())
        program = self.files.path(*key, "program.py")
        if self.cgroups.available:
            self.cgroups.make(cg)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            proc = subprocess.Popen(self.command(program, key, slot, theirs.fileno()), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, pass_fds=[theirs.fileno()],
                                    preexec_fn=(lambda: self.cgroups.join(cg)) if self.cgroups.available else None)
        except OSError as e:
            ours.close()
            self.files.set_state(*key, "failed", time.time(), "the sandbox could not start: %s" % e)
            return
        finally:
            theirs.close()
        os.set_blocking(proc.stdout.fileno(), False)
        ours.setblocking(False)
        now = time.time()
        bot = Bot(key, now, slot, proc, cg if self.cgroups.available else None, ours)
        bot.round_ends = round_ends_or(self.data, key[0], None)
        self.running[key] = bot
        self.selector.register(proc.stdout, selectors.EVENT_READ, bot)
        self.selector.register(ours, selectors.EVENT_READ, bot)
        self.files.set_state(*key, "running", now, "")
        self.resume.discard(key)

    def kill(self, bot):
        if bot.cgroup:
            self.cgroups.kill(bot.cgroup)
        try:
            bot.proc.kill()
        except OSError:
            pass

    def connect(self, bot):
        """The bot's forwarder asks for a connection: connect to lighttpd's
        socket for the bots, say the bot's address first (a PROXY line,
        HAProxy's version 1, which mod_extforward reads there only) and
        hand the socket over (the line's source port, 1024 + the bot's
        place, is what lighttpd gives as REMOTE_PORT).  A server that
        cannot be reached now (its
        queue of connections full) gets an answer without a socket: the
        bot sees its connection closed.  When the sandbox ends, its end of
        the pair closes, and so does the arena's."""
        try:
            asked = bot.channel.recv(16)
        except BlockingIOError:
            return
        except OSError:
            asked = b""
        if not asked:
            self.hang_up(bot)
            return
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.setblocking(False)
            server.connect(self.socket)
            line = ("PROXY TCP6 %s %s %d %d\r\n" % (bot.address, BOTS_NET[0], 1024 + bot.slot,
                                                     self.port)).encode()
            fds = [server.fileno()] if server.send(line) == len(line) else []
        except OSError:
            fds = []
        try:
            socket.send_fds(bot.channel, [b"y" if fds else b"n"], fds)
        except OSError:
            pass            # the sandbox is ending
        server.close()

    def hang_up(self, bot):
        """The arena's end of the bot's socket pair, closed."""
        if bot.channel.fileno() >= 0:
            self.selector.unregister(bot.channel)
            bot.channel.close()

    def read(self, bot):
        try:
            data = os.read(bot.proc.stdout.fileno(), 1 << 16)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if data:
            bot.add(data)
            if bot.printed > OUTPUT_MOST and not bot.ending:
                bot.ending = ("failed", "it printed more than 16 MB: stopped")
                bot.note(bot.ending[1])
                self.kill(bot)
        else:
            self.selector.unregister(bot.proc.stdout)
            bot.proc.stdout.close()

    def flush(self, bot, now, force=False):
        if bot.cgroup:
            bot.cpu = self.cgroups.cpu(bot.cgroup)
            hits = self.cgroups.processes_hit(bot.cgroup)
            if hits > bot.processes_said:
                bot.processes_said = hits
                bot.note("it tried to run more than %d processes at once: refused" % PROCESSES)
        if (bot.dirty and now - bot.flushed >= 0.25) or force:
            try:
                self.files.write(self.files.path(*bot.key, "output"), bytes(bot.output))
                self.files.write(self.files.path(*bot.key, "cpu"), b"%.3f\n" % bot.cpu)
            except OSError:
                pass        # the bot's folder is gone (its world deleted)
            bot.dirty = False
            bot.flushed = now

    def finish(self, bot, status):
        """The bot's sandbox has ended: say why, in its state and output."""
        if bot.cgroup:
            self.cgroups.kill(bot.cgroup)
            bot.cpu = self.cgroups.cpu(bot.cgroup)
        memory = bot.cgroup and self.cgroups.memory_hit(bot.cgroup)
        if bot.ending:
            state, why = bot.ending
        elif memory and status != 0:
            state, why = "failed", "it used more than its 64 MB of memory: stopped"
        elif status == 0:
            state, why = "stopped", "it ended (exit status 0)"
        elif status < 0 or status > 128:
            state, why = "failed", "it was killed (signal %d)" % (-status if status < 0 else status - 128)
        else:
            state, why = "failed", "it ended with exit status %d" % status
        if not bot.ending or bot.ending[0] != "teacher":
            bot.note(why)
        self.flush(bot, time.monotonic(), force=True)
        lock = self.files.lock()
        try:
            now = self.files.state(*bot.key)
            if now and now[0] == "running" and abs(now[1] - bot.since) < 0.01:
                self.files.set_state(*bot.key, state, time.time(), why)
        finally:
            os.close(lock)
        if bot.cgroup:
            self.cgroups.remove(bot.cgroup)
        self.hang_up(bot)

    def step(self):
        """One look at the states: stop, reap and start."""
        lock = self.files.lock()
        try:
            states = self.files.bots()
            for key, bot in list(self.running.items()):
                st = states.get(key)
                if bot.ending is None and (not st or st[0] != "running" or abs(st[1] - bot.since) >= 0.01):
                    bot.ending = ("teacher", "")
                    bot.note(st[2] if st and st[0] == "stopped" and st[2] else
                             "a new program was stored: this one stopped" if st and st[0] == "stored"
                             else "stopped")
                    self.kill(bot)
            waiting = sorted((key not in self.resume, st[1], key) for key, st in states.items()
                             if st[0] == "queued" and key not in self.running)
            for _, since, key in waiting:
                if len(self.running) >= self.max_bots:
                    break
                self.start(key, since)
        finally:
            os.close(lock)
        now = time.monotonic()
        if now - self.rounds_read >= 1:
            self.rounds_read = now
            self.read_rounds()
        for key, bot in list(self.running.items()):
            if bot.ending is None and now - bot.started > self.minutes * 60:
                bot.ending = ("stopped", "it ran for its %g minutes (BOT_MINUTES): stopped" % self.minutes)
                bot.note(bot.ending[1])
                self.kill(bot)
            if bot.ending is None and bot.round_ends and time.time() >= bot.round_ends:
                bot.ending = ("stopped", "the round is over: stopped")
                bot.note(bot.ending[1])
                self.kill(bot)
            status = bot.proc.poll()
            if status is not None and bot.proc.stdout.closed:
                del self.running[key]
                self.finish(bot, status)
            else:
                self.flush(bot, now)

    def read_rounds(self):
        """The rounds that running bots were started for, read again: a round
        the teacher finished early (or lengthened) ends its bots then."""
        ends = {}
        for bot in self.running.values():
            world = bot.key[0]
            if bot.round_ends and bot.ending is None:
                if world not in ends:
                    ends[world] = round_ends_or(self.data, world, bot.round_ends)
                bot.round_ends = ends[world] or time.time()

    def pump(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if not self.running:
                time.sleep(min(left, TICK))
                continue
            for k, _ in self.selector.select(left):
                if k.fileobj is k.data.channel:
                    self.connect(k.data)
                else:
                    self.read(k.data)

    # The arena's own life.

    def on_start(self, why):
        """Bots that were running when the arena last stopped are queued
        again, first; where no sandbox can be made, every bot is stopped."""
        lock = self.files.lock()
        try:
            for key, (state, since, _) in self.files.bots().items():
                if why and state in ("running", "queued"):
                    self.files.set_state(*key, "stopped", time.time(), "bots cannot run on this server: " + why)
                elif state == "running":
                    self.resume.add(key)
                    self.files.set_state(*key, "queued", since,
                                         "it was running when the server stopped: it runs again first")
        finally:
            os.close(lock)

    def run(self):
        try:
            self.serve()
        finally:
            self.close()

    def serve(self):
        sandbox = os.path.join(self.files.root, "sandbox")
        why = self.probe()
        try:
            self.files.write(sandbox, ("no: %s\n" % why if why else "yes\n").encode())
            os.chmod(sandbox, 0o644)
        except OSError as e:
            log("cannot write %s: %s" % (sandbox, e))
        log("bots cannot run: %s" % why if why else
            "bots run in bubblewrap sandboxes (%s, at most %d at once, %g minutes each)"
            % ("cgroups" if self.cgroups.available else "prlimit and nice", self.max_bots, self.minutes))
        self.on_start(why)
        trouble = None
        while not self.stopping:
            try:
                if not why:
                    self.step()
                trouble = None
            except OSError as e:
                # The data folder full, gone or unreadable for a moment:
                # said once, and tried again.
                if str(e) != trouble:
                    log("cannot read or write the bots' files: %s" % e)
                trouble = str(e)
            self.pump(TICK)

    def close(self):
        """Every bot stops; the running ones stay "running" in their files,
        to be queued again first when the arena starts."""
        for bot in self.running.values():
            self.kill(bot)
        for bot in self.running.values():
            try:
                bot.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            bot.note("the server stopped: it runs again when the server starts")
            self.flush(bot, time.monotonic(), force=True)
            if bot.cgroup:
                self.cgroups.remove(bot.cgroup)
        self.cgroups.close()
        try:
            os.remove(os.path.join(self.files.root, "sandbox"))
        except OSError:
            pass            # the data folder is gone


STOPPING = [False]


def stop(*_):
    STOPPING[0] = True


if __name__ == "__main__":
    # First of all: a stop that comes while the arena is still starting
    # must still let it remove the cgroups it makes.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop)
    Arena().run()
