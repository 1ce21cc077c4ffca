#!/bin/sh
# settings.sh: lighttpd.conf runs this when lighttpd starts (include_shell).
#
# The teacher's settings that the route programs read, when make run was
# given them:
#   MAX_WORLDS=200    the server may hold 200 worlds (default 50, which
#                     lib/ocean/worlds.c keeps when it is not set);
#   DATA_BUDGET=2000000  rows a second that one client address may read
#                     from /data (default 200000, lib/ocean/limit.c; 0: no
#                     budget), for a school whose class reaches the server
#                     from one address.
# mod_cgi gives a route program only the environment lighttpd.conf sets,
# so this prints them into setenv (in event mode the same reaches each
# request's parameters; fastcgi.sh copies them to the programs too).  Only
# a whole number passes.
for name in MAX_WORLDS DATA_BUDGET; do
	eval "value=\${$name:-}"
	case "$value" in
	"" | *[!0-9]*) ;;
	*) echo "setenv.set-environment += ( \"$name\" => \"$value\" )" ;;
	esac
done
