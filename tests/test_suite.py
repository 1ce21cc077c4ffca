"""The test suite's own promises, so a failure always means the server.

A kept-alive connection: lighttpd closes one left idle at its once-a-second
check, 6 to 7 s after its last request (the limit is 5 s), and a request
sent on it at that moment is lost ("Remote end closed connection without
response").  The fixture's session (conftest.FreshAdapter) therefore reuses
a connection only while it has been idle for less than REUSE_IDLE, half of
lighttpd's limit, and lighttpd keeps every connection that long.  (The
folder of the run's temporary files is checked by conftest itself.)
"""
import select
import socket
import time

import urllib3

from conftest import REUSE_IDLE, keep_alive_idle


def test_the_session_never_reuses_a_connection_lighttpd_may_be_closing(server, monkeypatch):
    made = []
    new_conn = urllib3.connection.HTTPConnection._new_conn
    monkeypatch.setattr(urllib3.connection.HTTPConnection, "_new_conn",
                        lambda conn: made.append(conn) or new_conn(conn))
    assert REUSE_IDLE <= keep_alive_idle() / 2
    server.text("hello")
    # lighttpd's side: a connection idle since now stays open past REUSE_IDLE.
    probe = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    probe.sendall(b"GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    reply = b""
    while b"Try /steps" not in reply:
        chunk = probe.recv(4096)
        assert chunk, reply
        reply += chunk
    server.text("hello")                 # at once: the same connection again
    assert len(made) <= 1
    before = len(made)
    time.sleep(REUSE_IDLE + 0.2)
    assert not select.select([probe], [], [], 0)[0], "lighttpd closed an idle connection early"
    probe.close()
    server.text("hello")                 # idle too long: a new connection
    assert len(made) == before + 1
