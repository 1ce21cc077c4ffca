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
in 2.5 to 8.7 s.  Each student must be answered within 3 s here: the
target is 1 s, and the slowest answer stays under 1 s even on a 2-core
machine with a load of 20, but a test must not fail because the machine is
busier still.  Each round prints its slowest answer.  Since the answers are timed, the server runs the
programs make run serves, without the sanitizers' cost (the routes are
tested with them everywhere else)."""
import errno
import multiprocessing
import random
import re
import resource
import selectors
import socket
import subprocess
import threading
import time

import pytest
import requests

from conftest import CGI_RUN, MODES, Server

FLOOD = 6000
CLASS = 60
FLOOD_FROM = "127.0.0.2"
WITHIN = 3.0
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


FIELDS = ("held", "most", "tried", "refused", "dropped")


def flood(source, port, n, counts, done):
    """The flood's process: n idle connections from address source to the
    server on port, none of which sends a byte, until done is set.  Each one
    the server drops is opened again at once; each one refused is tried again
    1 to 3 s later (spread out, so that the test's own retries do not take
    the cores the class needs).  counts: held (connected now), most (the most
    connected at once), tried (first tries answered), refused, dropped (by
    the server)."""
    selector = selectors.DefaultSelector()      # epoll: select() stops at 1,024
    retry = []                                  # (when, slot) of refused ones
    held, most, tried, refused, dropped = (FIELDS.index(f) for f in FIELDS)

    def count(field, by=1):
        with counts.get_lock():
            counts[field] += by
            counts[most] = max(counts[most], counts[held])

    def open_one(slot):
        s = socket.socket()
        s.setblocking(False)
        s.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        s.bind((source, 0))
        if s.connect_ex(("127.0.0.1", port)) in (0, errno.EINPROGRESS):
            selector.register(s, selectors.EVENT_WRITE, ("connecting", slot))
        else:
            s.close()
            answered(slot, False)

    def answered(slot, connected):
        if slot[1]:
            slot[1] = False
            count(tried)
        count(held if connected else refused)
        if not connected:
            retry.append((time.monotonic() + 1 + 2 * random.random(), slot))

    for i in range(n):
        open_one([i, True])                     # [number, not yet tried]
    while not done.is_set():
        for key, _ in selector.select(0.2):
            s, (state, slot) = key.fileobj, key.data
            if state == "connecting":
                connected = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
                if connected:
                    selector.modify(s, selectors.EVENT_READ, ("open", slot))
                else:
                    selector.unregister(s)
                    s.close()
                answered(slot, connected)
                continue
            try:
                gone = s.recv(1) == b""
            except OSError:
                gone = True
            if gone:                            # dropped by the server: open it again
                selector.unregister(s)
                s.close()
                count(held, -1)
                count(dropped)
                open_one(slot)
        now = time.monotonic()
        due = [slot for when, slot in retry if when <= now]
        retry[:] = [(when, slot) for when, slot in retry if when > now]
        for slot in due:
            open_one(slot)


class Flood:
    """flood() in a process of its own, so that its work does not hold up
    the class's threads in this one."""

    def __init__(self, source, port, n):
        context = multiprocessing.get_context("spawn")
        self.counts = context.Array("q", len(FIELDS))
        self.done = context.Event()
        self.process = context.Process(target=flood, args=(source, port, n, self.counts, self.done),
                                       daemon=True)

    def start(self):
        self.process.start()

    def state(self):
        with self.counts.get_lock():
            return dict(zip(FIELDS, self.counts[:]))

    def wait_until(self, what, timeout=120):
        deadline = time.monotonic() + timeout
        while not what() and time.monotonic() < deadline:
            assert self.process.is_alive(), "the flood's process ended"
            time.sleep(0.1)
        assert what(), self.state()

    def stop(self):
        self.done.set()
        self.process.join(30)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


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
        # again (with a share, the kernel's count for the flood's address
        # falls only slowly after a drop, so it gets fewer back at first).
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


def nft_table(port):
    """The text of nftables table inet mocean_PORT, or None."""
    r = subprocess.run(["nft", "list", "table", "inet", "mocean_%d" % port],
                       capture_output=True, text=True, timeout=30)
    return r.stdout if r.returncode == 0 else None


def test_the_share_is_the_servers_own_and_goes_when_it_stops(make_server):
    server = make_server()
    share = share_said(server)
    if share is None:
        pytest.skip("no share on this machine (not root, or no nftables): the log says why")
    table = nft_table(server.port)
    assert table is not None
    # Its rules touch new connections to this port only, and refuse nothing else.
    rules = [line.strip() for line in table.splitlines() if "reject" in line]
    assert rules == ["tcp dport %d ct state new add @%s { %s ct count over %d } reject with tcp reset"
                     % (server.port, family, key, share)
                     for family, key in (("ipv4", "ip saddr"),
                                         ("ipv6", "ip6 saddr & ffff:ffff:ffff:ffff::"))], table
    assert "policy accept;" in table
    port = server.port
    server.restart()                   # the same port: the new server's table stays
    time.sleep(3)                      # the old watcher has looked by now
    assert nft_table(port) is not None
    server.stop()
    deadline = time.monotonic() + 60
    while nft_table(port) is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert nft_table(port) is None
