"""lighttpd's own limits (issue 10 item 7), in both serving modes: 1,500
connections from one address that each send a header line and then fall
silent (the next line would come 10 s later) do not stop a class on another
address from playing, and a whole class behind one school address (60
connections at once) is never refused.  On loopback: all of 127.0.0.0/8 is
this machine, so the slow client binds 127.0.0.3 and the class 127.0.0.2."""
import http.client
import resource
import select
import socket
import threading
import time

import pytest

SLOW = 1500
CLASS = 60


@pytest.fixture
def many_files():
    """Room for SLOW sockets in this test process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < SLOW + 500:
        pytest.skip("this process may open only %d files" % hard)
    want = SLOW + 500 if hard == resource.RLIM_INFINITY else min(hard, SLOW + 500)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, want), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def ready(sockets, event, timeout):
    """The sockets ready for event (select.POLLIN or POLLOUT) within timeout
    seconds (poll: select() stops at 1024 descriptors)."""
    poll, by_fd, found = select.poll(), {c.fileno(): c for c in sockets}, set()
    for fd in by_fd:
        poll.register(fd, event)
    deadline = time.time() + timeout
    while len(found) < len(by_fd) and time.time() < deadline:
        for fd, _ in poll.poll(100):
            found.add(by_fd[fd])
            poll.unregister(fd)
    return found


def student(port, i, start, replies):
    """One student's program: join, then three locations, on one connection."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20,
                                          source_address=("127.0.0.2", 0))
        start.wait()
        conn.request("GET", "/join?name=s%d&world=class1" % i)
        r = conn.getresponse()
        me = r.read().decode()
        said = [(r.status, me)]
        for _ in range(3):
            conn.request("GET", "/location?id=%s&world=class1" % me)
            r = conn.getresponse()
            said.append((r.status, r.read().decode().count(",")))
        conn.close()
        replies[i] = said
    except OSError as e:
        replies[i] = repr(e)


def test_slow_connections_do_not_stop_a_class(make_server, many_files):
    s = make_server()
    s.make_world("class1", 1)
    slow = []
    try:
        for _ in range(SLOW):
            c = socket.socket()
            c.bind(("127.0.0.3", 0))
            c.setblocking(False)
            if c.connect_ex(("127.0.0.1", s.port)) not in (0, 115):   # 115: EINPROGRESS
                raise AssertionError("a slow connection could not even start")
            slow.append(c)
        assert len(ready(slow, select.POLLOUT, 10)) == SLOW   # every one connected
        for c in slow:
            c.send(b"GET /who?world=class1 HTTP/1.1\r\nHost: mocean\r\n")   # and then silence
        # The whole class at once, from one school address.
        start = threading.Barrier(CLASS)
        replies = {}
        threads = [threading.Thread(target=student, args=(s.port, i, start, replies))
                   for i in range(CLASS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(replies) == list(range(CLASS))
        bad = {i: r for i, r in replies.items()
               if not isinstance(r, list) or r[1:] != [(200, 5)] * 3 or r[0][0] != 200}
        assert not bad, bad
        assert sorted(int(r[0][1]) for r in replies.values()) == list(range(CLASS))
        # The silent ones are dropped after 5 s: a line 10 s later finds them gone.
        closed, deadline = set(), time.time() + 30
        while len(closed) < SLOW and time.time() < deadline:
            for c in ready([c for c in slow if c not in closed], select.POLLIN, 1):
                try:
                    if c.recv(4096) == b"":
                        closed.add(c)
                except OSError:
                    closed.add(c)
        assert len(closed) == SLOW
    finally:
        for c in slow:
            c.close()
