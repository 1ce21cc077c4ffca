#!/bin/sh
# fastcgi.sh: lighttpd.conf runs this when lighttpd starts (include_shell).
#
# In event mode (MOCEAN_MODE=fastcgi) it prints one fastcgi.server entry per
# route program in MOCEAN_CGI: lighttpd starts each program once, hands it a
# listening socket of its own on its stdin (in MOCEAN_SOCKETS), and sends it
# request after request.  The programs are the same files CGI runs: lib's
# serving loop (lib/serve.c) notices the socket.  In CGI mode (the default)
# it prints nothing, and lighttpd's cgi.assign runs a program per request.
#
# MOCEAN_FASTCGI_PROCS: processes per route (default 1: a game route's work
# takes tens of microseconds, and a second process made the classroom no
# faster).  /data can take a tenth of a second for a big table, so it gets at
# least one process per core: one big download must not hold up the next.
[ "$MOCEAN_MODE" = fastcgi ] || exit 0
procs=${MOCEAN_FASTCGI_PROCS:-1}
cores=$(nproc 2>/dev/null || echo 2)
echo 'fastcgi.server = ('
for program in "$MOCEAN_CGI"/*.cgi; do
	route=${program##*/}
	route=${route%.cgi}
	n=$procs
	[ "$route" = data ] && [ "$cores" -gt "$n" ] && n=$cores
	cat <<CONF
  "/cgi-bin/$route.cgi" => ((
    "socket" => "$MOCEAN_SOCKETS/$route.sock",
    "bin-path" => "$program",
    "max-procs" => $n,
    "bin-copy-environment" => ( "MOCEAN_DATA", "MAX_WORLDS", "DATA_BUDGET", "ASAN_OPTIONS" ),
  )),
CONF
done
echo ')'
