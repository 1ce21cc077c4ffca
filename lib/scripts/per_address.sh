#!/bin/sh
# per_address.sh: lighttpd.conf runs this when lighttpd starts (include_shell),
# with lighttpd's ceilings: per_address.sh MAX_FDS MAX_CONNECTIONS.
#
# One address may hold only a share of the server's connections: at most
# MOCEAN_PER_ADDRESS (default 2048) at once on MOCEAN_PORT.  lighttpd 1.4 has no
# limit per address that acts before a request is read (Debian's lighttpd
# ships no mod_evasive, and mod_magnet runs only once a request has come), so
# the kernel keeps it: an nftables table of Mocean's own, `inet mocean_PORT`,
# whose one rule counts the open connections of each address to this port
# (`ct count`, from the kernel's connection tracking) and refuses a new one
# over the share (a TCP reset: "connection refused").  Nothing else is
# touched: other ports, other tables and the policy (accept) stay as they are.
#
# The table needs root (lighttpd started as root runs this before it drops to
# its user) and the nft command (Debian's nftables).  A watcher left behind
# removes it when lighttpd has stopped (however it stopped) and nothing
# listens on the port any more; a server started again on the same port
# makes a new table, which the old watcher leaves alone.
#
# It prints nothing for lighttpd.conf; one line on lighttpd's stderr (the
# terminal of make run, or the journal) says what protects the server.
port=$MOCEAN_PORT
share=${MOCEAN_PER_ADDRESS:-2048}
fds=$1
ceiling=$2
table=mocean_$port
case "$port:$share:$fds:$ceiling" in
*[!0-9:]* | :* | *::* | *:) echo "mocean: no share per address: MOCEAN_PORT, MOCEAN_PER_ADDRESS and the ceilings must be numbers" >&2; exit 0 ;;
esac

# How many connections lighttpd will take: it raises its file limit to
# MAX_FDS if it may (root, or up to the hard limit), else keeps the limit it
# was given, and takes at most half as many connections as files.
(ulimit -n "$fds") 2>/dev/null || fds=$(ulimit -n)
[ "$ceiling" -le $((fds / 2)) ] || ceiling=$((fds / 2))

# Said when the kernel cannot keep the share.
unprotected() {
	echo "mocean: no share per address ($1): one address may take all $ceiling connections, so a flood of more idle sockets than that from one address crowds out a class (README: Keeping a class safe)" >&2
	exit 0
}
[ "$share" -gt 0 ] || unprotected "MOCEAN_PER_ADDRESS=0 turns it off"

# The lighttpd that runs this: the nearest ancestor named lighttpd.
pid=$PPID
while [ "$pid" -gt 1 ] && [ "$(cat /proc/$pid/comm 2>/dev/null)" != lighttpd ]; do
	pid=$(sed 's/.*) //' /proc/$pid/stat 2>/dev/null | cut -d' ' -f2)
	[ -n "$pid" ] || pid=1
done
[ "$pid" -gt 1 ] || unprotected "not run by lighttpd"
# Its start time tells it from a later process given the same number.
started=$(sed 's/.*) //' /proc/$pid/stat | cut -d' ' -f20)

[ "$(id -u)" = 0 ] || unprotected "lighttpd was started by $(id -un), not root; sudo make run sets one"
command -v nft >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
command -v nft >/dev/null 2>&1 || unprotected "no nft command: apt-get install nftables"

# Made anew (the first two lines remove an old one, if any) in one step.
# IPv6 addresses count by their /64, the part one home or school is given.
if ! nft -f - 2>/dev/null <<RULES
table inet $table
delete table inet $table
table inet $table {
	comment "Mocean on port $port: lighttpd $pid"
	set ipv4 {
		type ipv4_addr
		size 65535
		flags dynamic
	}
	set ipv6 {
		type ipv6_addr
		size 65535
		flags dynamic
	}
	chain input {
		type filter hook input priority filter; policy accept;
		tcp dport $port ct state new add @ipv4 { ip saddr ct count over $share } reject with tcp reset
		tcp dport $port ct state new add @ipv6 { ip6 saddr and ffff:ffff:ffff:ffff:: ct count over $share } reject with tcp reset
	}
}
RULES
then
	unprotected "nft could not add table inet $table"
fi

# This table's handle: one made later (a server started again on this port)
# has another, so the watcher below removes only its own, in one step.
handle=$(nft -a list table inet "$table" 2>/dev/null |
	sed -n "s/^table inet $table { # handle \([0-9]*\)\$/\1/p")
[ -n "$handle" ] || { nft delete table inet "$table"; unprotected "nft made table inet $table but cannot list it"; }

# The watcher: its own session (a signal to lighttpd's group, Ctrl-C or
# systemctl stop, does not end it before its work), nothing of lighttpd's open.
hex=$(printf %04X "$port")
setsid -f sh -c '
	trap "" INT TERM HUP
	while [ "$(sed "s/.*) //" /proc/'"$pid"'/stat 2>/dev/null | cut -d" " -f20)" = '"$started"' ]; do
		sleep 1
	done
	while awk '\''$4 == "0A" && $2 ~ /:'"$hex"'$/ { found = 1 } END { exit !found }'\'' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null; do
		sleep 1
	done
	nft delete table inet handle '"$handle"'
' </dev/null >/dev/null 2>&1

echo "mocean: one address may hold at most $share of the $ceiling connections on port $port (nftables table inet $table, removed when lighttpd stops)" >&2
