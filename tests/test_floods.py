"""A flood from one address stays with that address, in both serving modes:
6,000 idle sockets from one address (127.0.0.2), each one the server drops
opened again at once, and a class of 60 students at another address
(127.0.0.1) is still answered, every one of them: at once, and again after
the server has dropped the flood's idle sockets and the flood is opening them
anew.

What holds the flood back is said in the server's log when it starts
(lib/scripts/per_address.sh): where lighttpd starts as root with nftables,
one address may hold only its share of the connections, and the flood's
sockets past it are refused; elsewhere lighttpd's ceiling (up to 16,384
connections, as the log says: far more than the flood) is all there is.

Without a share and with lighttpd's old ceiling (4,096), the class waited
for the server to drop idle sockets (5 s, server.max-read-idle) and for the
flood not to take the room first: 0 of 60 answered within 1 s, the slowest
in 2.5 to 8.7 s.  Each student must be answered within 2 s here (twice the
target of 1 s, ten times what it takes on a busy 2-core machine); each round
prints its slowest answer.  Since the answers are timed, the server runs the
programs make run serves, without the sanitizers' cost (the routes are
tested with them everywhere else)."""
import errno
import random
import re
import resource
import selectors
import socket
import threading
import time

import pytest
import requests

from conftest import CGI_RUN, MODES, Server

FLOOD = 6000
CLASS = 60
FLOOD_FROM = "127.0.0.2"
WITHIN = 2.0
# Linux: take the port at connect, not bind, so that the flood's 6,000
# sockets do not use up the ports an address may bind.
IP_BIND_ADDRESS_NO_PORT = getattr(socket, "IP_BIND_ADDRESS_NO_PORT", 24)


@pytest.fixture
def many_files():
    """Room for the flood's sockets in this test process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = FLOOD + 1000
    if hard != resource.RLIM_INFINITY and hard < need:
        pytest.skip("this process may open only %d files" % hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, need), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


class PlainServer(Server):
    """A server of the programs make run serves (no sanitizers)."""

    def env(self):
        return dict(super().env(), MOCEAN_CGI=CGI_RUN)


@pytest.fixture(params=MODES)
def plain_server(request):
    s = PlainServer(mode=request.param).start()
    yield s
    s.close()


class Flood(threading.Thread):
    """n idle connections from address source to the server on port: none
    sends a byte.  Each one the server drops is opened again at once; each
    one refused is tried again 1 to 3 s later (spread out, so that the test's
    own retries do not take the cores the class needs)."""

    def __init__(self, source, port, n):
        super().__init__(daemon=True)
        self.source, self.port, self.n = source, port, n
        self.selector = selectors.DefaultSelector()   # epoll: select() stops at 1,024
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.held = 0           # connected now
        self.most = 0           # the most connected at once
        self.tried = 0          # first tries answered (connected or refused)
        self.refused = 0
        self.dropped = 0        # closed by the server
        self.retry = []         # (when, slot) of refused ones

    def open(self, slot):
        s = socket.socket()
        s.setblocking(False)
        s.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        s.bind((self.source, 0))
        err = s.connect_ex(("127.0.0.1", self.port))
        if err not in (0, errno.EINPROGRESS):
            s.close()
            self.answered(slot, False)
            return
        self.selector.register(s, selectors.EVENT_WRITE, ("connecting", slot))

    def answered(self, slot, connected):
        with self.lock:
            if slot[1]:
                slot[1] = False
                self.tried += 1
            if connected:
                self.held += 1
                self.most = max(self.most, self.held)
            else:
                self.refused += 1
                self.retry.append((time.monotonic() + 1 + 2 * random.random(), slot))

    def run(self):
        for i in range(self.n):
            self.open([i, True])          # [number, not yet tried]
        while not self.done.is_set():
            for key, _ in self.selector.select(0.2):
                s, (state, slot) = key.fileobj, key.data
                if state == "connecting":
                    connected = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
                    if connected:
                        self.selector.modify(s, selectors.EVENT_READ, ("open", slot))
                    else:
                        self.selector.unregister(s)
                        s.close()
                    self.answered(slot, connected)
                    continue
                try:
                    gone = s.recv(1) == b""
                except OSError:
                    gone = True
                if gone:                  # dropped by the server: open it again
                    self.selector.unregister(s)
                    s.close()
                    with self.lock:
                        self.held -= 1
                        self.dropped += 1
                    self.open(slot)
            now = time.monotonic()
            with self.lock:
                due = [slot for when, slot in self.retry if when <= now]
                self.retry = [(when, slot) for when, slot in self.retry if when > now]
            for slot in due:
                self.open(slot)
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()
        self.selector.close()

    def wait_until(self, what, timeout=120):
        deadline = time.monotonic() + timeout
        while not what() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert what(), self.state()

    def state(self):
        with self.lock:
            return dict(held=self.held, most=self.most, tried=self.tried,
                        refused=self.refused, dropped=self.dropped)

    def stop(self):
        self.done.set()
        self.join(30)


def the_class(server, n):
    """n students at once, from 127.0.0.1, each with a program's first
    request on a connection of its own: [(status, seconds)] (status None:
    no answer within 30 s)."""
    barrier = threading.Barrier(n)
    answers = [None] * n

    def student(i):
        with requests.Session() as s:
            barrier.wait()
            start = time.monotonic()
            try:
                status = s.get(server.url + "/hello", timeout=30).status_code
            except requests.RequestException:
                status = None
            answers[i] = (status, time.monotonic() - start)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def share_said(server):
    """The share per address the server's log says it keeps, or None."""
    with open(server.log, errors="replace") as f:
        log = f.read()
    said = re.search(r"mocean: one address may hold at most (\d+) of the (\d+) connections", log)
    if said:
        return int(said.group(1))
    assert "mocean: no share per address" in log, log
    return None


def test_a_flood_from_one_address_leaves_the_class_its_room(plain_server, many_files):
    server = plain_server
    share = share_said(server)
    flood = Flood(FLOOD_FROM, server.port, FLOOD)
    flood.start()
    try:
        # Every one of the flood's sockets has been tried: it holds what it can.
        flood.wait_until(lambda: flood.state()["tried"] == FLOOD)
        first = flood.state()
        rounds = [(first, the_class(server, CLASS))]
        # The server drops the flood's idle sockets, and the flood opens them
        # again (the kernel still counts the dropped ones for a while, so
        # with a share it gets fewer back at first).
        flood.wait_until(lambda: flood.state()["dropped"] >= first["held"])
        time.sleep(0.5)
        rounds.append((flood.state(), the_class(server, CLASS)))
        last = flood.state()
    finally:
        flood.stop()
    for held, answers in rounds:
        slowest = max(seconds for _, seconds in answers)
        print("%s: flood %s; %d students answered, the slowest in %.2f s" % (
            server.mode, held, sum(status == 200 for status, _ in answers), slowest))
        assert [status for status, _ in answers] == [200] * CLASS, (held, answers)
        assert slowest < WITHIN, (held, sorted(seconds for _, seconds in answers))
    if share is None:
        assert first["most"] == FLOOD, first    # no share: the ceiling holds them all
    else:
        # The kernel let the flood's address hold its share and refused the
        # rest.  It counts a refused connection for a moment (until the next
        # clock tick), so in a burst of them the flood holds a little less.
        assert share * 9 // 10 <= first["most"] <= share, first
        assert last["most"] <= share and last["refused"] >= FLOOD - share, last
