#!/bin/sh
# arena_socket.sh: lighttpd.conf runs this when lighttpd starts (include_shell).
#
# When MOCEAN_ARENA_SOCKET names a path, lighttpd listens on that Unix
# socket too, beside its port: the one way the students' bots reach the
# game (lib/scripts/arena.py runs them with no network; a forwarder inside
# each sandbox, arena_forward.py, carries http://localhost:PORT/ to this
# socket).  Anyone may connect to it: the bots run as users of their own.
[ -n "$MOCEAN_ARENA_SOCKET" ] || exit 0
case "$MOCEAN_ARENA_SOCKET" in
/*) ;;
*) exit 0 ;;
esac
rm -f "$MOCEAN_ARENA_SOCKET"
cat <<CONF
\$SERVER["socket"] == "$MOCEAN_ARENA_SOCKET" {
  server.socket-perms = "0666"
}
CONF
