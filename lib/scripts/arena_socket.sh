#!/bin/sh
# arena_socket.sh: lighttpd.conf runs this when lighttpd starts (include_shell).
#
# When MOCEAN_ARENA_SOCKET names a path, lighttpd listens on that Unix
# socket too, beside its port: the one way the students' bots reach the
# game.  Only the arena (lib/scripts/arena.py, root or the server's own
# user) connects to it, never a bot: a forwarder inside each bot's sandbox
# (arena_forward.py) asks the arena for each connection, and the arena
# opens it with a PROXY protocol line (HAProxy's, version 1) naming that
# bot's own address, fd6d:6f63:6561:6e00::N.  lighttpd's mod_extforward
# takes that line, on this socket only, as the client's address
# (REMOTE_ADDR): one bot's wrong secret words or /data reads never count
# against another's.  A connection without the line is refused; a second
# PROXY line, or a bot's X-Forwarded-For header, changes nothing
# (extforward.headers is empty here: only the arena's line is believed).
[ -n "$MOCEAN_ARENA_SOCKET" ] || exit 0
case "$MOCEAN_ARENA_SOCKET" in
/*) ;;
*) exit 0 ;;
esac
rm -f "$MOCEAN_ARENA_SOCKET"
cat <<CONF
\$SERVER["socket"] == "$MOCEAN_ARENA_SOCKET" {
  server.socket-perms = "0600"
  extforward.hap-PROXY = "enable"
  extforward.forwarder = ( "all" => "trust" )
  extforward.headers = ( )
}
CONF
