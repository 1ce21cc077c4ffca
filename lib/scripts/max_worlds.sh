#!/bin/sh
# max_worlds.sh: lighttpd.conf runs this when lighttpd starts (include_shell).
#
# MAX_WORLDS=200 make run lets the server hold 200 worlds (default 50, which
# lib/schema.c keeps when MAX_WORLDS is not set).  mod_cgi gives a route
# program only the environment lighttpd.conf sets, so this prints MAX_WORLDS
# into setenv (in event mode the same reaches each request's parameters).
# Only a whole number passes.
case "$MAX_WORLDS" in
"" | *[!0-9]*) ;;
*) echo "setenv.set-environment += ( \"MAX_WORLDS\" => \"$MAX_WORLDS\" )" ;;
esac
