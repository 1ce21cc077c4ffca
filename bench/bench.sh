#!/bin/sh
# bench.sh: make bench.  Starts lighttpd on a loopback port with a fresh data
# folder, once in each serving mode, runs wrk with 50 connections against
# each workload, and prints requests/s, p50 and p99 beside the trivial
# program measured in the same run and mode: in CGI mode the floor of CGI
# itself, in event mode (FastCGI) the ceiling of a responder that does
# nothing (libfcgi's plain loop, 2 processes; the line after it is the same
# nothing on mocean's own loop, lib/http/conn.c).  In event mode it also prints the memory of the whole server
# (lighttpd and every route process, summed RSS) under the classroom.  In CGI
# mode the line after the floor is the trivial program that also opens the
# world's SQLite file and reads one row (bench/onerow.c): the least any route
# run per request can cost.
#
# A workload is one line at the bottom: measure LABEL PATH [LUA_SCRIPT].
# BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_MODES ("cgi fastcgi").
# BENCH_MILLION=1: in event mode, also a million classroom requests, with
# the memory of every process before and after (it must stay flat).
# The floods (floods(), after the workloads): a paced class's /location p50
# without and with a flood beside it, medians of three alternating runs,
# and their ratio.  BENCH_ONLY=floods measures only those.
# The bots (bots_beside, last in each mode): the classroom's p99 with 30
# students' bots stopped and running in the arena's sandboxes (MAX_BOTS=30:
# 25 starter bots that swim, 5 that loop without sleeping), in the same
# world, medians of three alternating runs, their ratio (the aim: within
# 1.5x), and the memory of the server and of the bots.  Skipped,
# with a line saying why, where the sandbox cannot be made.
# BENCH_ONLY=bots measures only those; BENCH_ONLY=classroom only the
# classroom (to compare two builds, run each in turn).
set -eu

ROOT=${MOCEAN_ROOT:-$(pwd)}
BUILD=${MOCEAN_BUILD:-$ROOT/build}
CONNS=${BENCH_CONNECTIONS:-50}
SECONDS_EACH=${BENCH_SECONDS:-10}
MODES=${BENCH_MODES:-cgi fastcgi}
USER_NAME=${MOCEAN_USER:-$(id -un)}
TMP=$(mktemp -d /tmp/mocean-bench.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP/cgi-bin"
cp "$BUILD"/cgi-bin/*.cgi "$BUILD/bench/trivial.cgi" "$BUILD/bench/bare.cgi" \
	"$BUILD/bench/onerow.cgi" "$TMP/cgi-bin/"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
LIGHTTPD=
ARENA=

stop_arena() {
	if [ -n "$ARENA" ]; then
		kill -TERM "$ARENA" 2>/dev/null || true
		wait "$ARENA" 2>/dev/null || true
		ARENA=
	fi
}

stop_server() {
	stop_arena
	if [ -n "$LIGHTTPD" ]; then
		pkill -TERM -s "$LIGHTTPD" 2>/dev/null || true
		wait "$LIGHTTPD" 2>/dev/null || true
		LIGHTTPD=
	fi
}
trap 'stop_server; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM

# Start lighttpd in mode $1 on a fresh data folder, in a session of its own.
start_server() {
	rm -rf "$TMP/data" "$TMP/log" "$TMP/sockets" "$TMP/arena"
	mkdir -p "$TMP/data" "$TMP/log" "$TMP/sockets" "$TMP/arena"
	chmod 700 "$TMP/sockets"
	[ "$(id -u)" = 0 ] && chown "$USER_NAME": "$TMP/data" "$TMP/log" "$TMP/sockets"
	(umask 077; head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TMP/data/teacher.key")
	[ "$(id -u)" = 0 ] && chown "$USER_NAME": "$TMP/data/teacher.key"
	MOCEAN_ROOT=$ROOT MOCEAN_CGI=$TMP/cgi-bin MOCEAN_PORT=$PORT MOCEAN_BIND=127.0.0.1 \
	MOCEAN_DATA=$TMP/data MOCEAN_LOG=$TMP/log/error.log MOCEAN_USER=$USER_NAME \
	MOCEAN_MODE=$1 MOCEAN_SOCKETS=$TMP/sockets MOCEAN_FASTCGI_PROCS=${2:-1} \
	MOCEAN_ARENA_SOCKET=$TMP/arena/server.sock \
		setsid /usr/sbin/lighttpd -D -f "$ROOT/lighttpd.conf" &
	LIGHTTPD=$!
	for i in $(seq 100); do curl -s -o /dev/null "$BASE/hello" && break; sleep 0.1; done
}

# wrk's latency text ("1.23ms", "850.00us", "1.02s") in milliseconds.
to_ms() {
	case "$1" in
	*us) echo "${1%us}" | awk '{ printf "%.2f", $1 / 1000 }' ;;
	*ms) echo "${1%ms}" | awk '{ printf "%.2f", $1 }' ;;
	*s) echo "${1%s}" | awk '{ printf "%.2f", $1 * 1000 }' ;;
	*) echo "$1" ;;
	esac
}

# The summed RSS of lighttpd and every route process, in MB.
server_mb() {
	ps -o rss= -s "$LIGHTTPD" 2>/dev/null | awk '{ kb += $1 } END { printf "%.0f", kb / 1024 }'
}

FLOOR_RPS=
FLOOR_P99=
MAX_MB=0
measure() {
	label=$1 path=$2 script=${3:-}
	if [ -n "$script" ]; then
		set -- -s "$ROOT/$script"
	else
		set --
	fi
	BENCH_BASE=$BASE wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency "$@" \
		"$BASE$path" > "$TMP/wrk.out" &
	wrk_pid=$!
	# The server's memory, sampled while it works.
	while kill -0 "$wrk_pid" 2>/dev/null; do
		mb=$(server_mb)
		[ "${mb:-0}" -gt "$MAX_MB" ] && MAX_MB=$mb
		sleep 1
	done
	wait "$wrk_pid"
	out=$(cat "$TMP/wrk.out")
	rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
	p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
	p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
	bad=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $NF }')
	errors=$(echo "$out" | awk '/Socket errors:/ { print }')
	if [ -z "$FLOOR_RPS" ]; then FLOOR_RPS=$rps; FLOOR_P99=$p99; fi
	ratio=$(awk -v a="$rps" -v b="$FLOOR_RPS" 'BEGIN { printf "%.2f", a / b }')
	pratio=$(awk -v a="$p99" -v b="$FLOOR_P99" 'BEGIN { printf "%.2f", a / b }')
	printf '%-34s %10s %9s %9s %9s %9s%s%s\n' "$label" "$rps" "$p50" "$p99" "$ratio" "$pratio" \
		"${bad:+   ($bad non-2xx replies!)}" "${errors:+   ($errors)}"
}

# Join players player0..player(N-1) to world W.
join_players() {
	n=$1 w=$2
	seq 0 $((n - 1)) | sed "s|.*|$BASE/join?name=player&\&world=$w|" |
		xargs -n 100 -P 4 curl -s > /dev/null
}

# The p50 in ms of the paced class (bench/paced.lua, 30 connections) for
# SECONDS_EACH, while "$@" (a wrk command line, or nothing) floods beside it.
class_p50() {
	if [ $# -gt 0 ]; then
		"$@" > "$TMP/flood.out" 2>&1 &
		flood_pid=$!
		sleep 1
	fi
	BENCH_PLAYERS=30 wrk -t2 -c30 -d"${SECONDS_EACH}s" --latency -s "$ROOT/bench/paced.lua" \
		"$BASE/location" > "$TMP/class.out"
	if [ $# -gt 0 ]; then
		wait "$flood_pid"
	fi
	to_ms "$(awk '$1 == "50%" { print $2 }' "$TMP/class.out")"
}

# The median of three numbers.
median3() {
	printf '%s\n%s\n%s\n' "$1" "$2" "$3" | sort -g | sed -n 2p
}

# A flood beside the paced class: three runs without it and three with it,
# alternating; prints the medians and their ratio, and what the flood got.
flood() {
	label=$1
	shift
	set -- wrk -t2 -d"$((SECONDS_EACH + 2))s" "$@"
	a1=$(class_p50); b1=$(class_p50 "$@"); got=$(awk '/Requests\/sec:/ { print $2 }' "$TMP/flood.out")
	a2=$(class_p50); b2=$(class_p50 "$@")
	a3=$(class_p50); b3=$(class_p50 "$@")
	bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$TMP/flood.out")
	a=$(median3 "$a1" "$a2" "$a3")
	b=$(median3 "$b1" "$b2" "$b3")
	printf '%-34s %9s %9s %8sx   (runs %s %s %s | %s %s %s; flood %s req/s, %s refused)\n' \
		"$label" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')" \
		"$a1" "$a2" "$a3" "$b1" "$b2" "$b3" "$got" "${bad:-0}"
}

# The floods: another player's /location p50 (a paced class of 30 in
# world bench, each player asking about 10 times a second, under a
# teacher's limit of 20 a second) without and with one limited player
# flooding over 64 connections; in CGI mode also eight connections looping
# the heaviest /data query.
floods() {
	mode=$1
	key=$(cat "$TMP/data/teacher.key")
	curl -s -o /dev/null "$BASE/admin?key=$key&do=limit&rate=20&world=bench"
	flooder=$(curl -s "$BASE/join?name=flooder&world=bench")
	printf '%-34s %9s %9s %9s\n' "flood (class: 30 paced players)" "p50 ms" "flooded" "ratio"
	flood "one limited player, 64 conns" -c64 "$BASE/location?id=$flooder&world=bench"
	if [ "$mode" = cgi ]; then
		flood "heaviest /data, 8 conns" -c8 \
			"$BASE/data?dataset=bathymetry&step=2&orderby=depth%20desc&limit=1&world=bench"
	fi
	curl -s -o /dev/null "$BASE/admin?key=$key&do=limit&rate=0&world=bench"
}

# A million classroom requests; every process's memory before and after.
million() {
	ps -o pid=,comm=,rss= -s "$LIGHTTPD" | awk '{ print $1, $2, $3 }' | sort > "$TMP/before"
	rps=$(wrk -t2 -c"$CONNS" -d"$(awk -v r="$FLOOR_RPS" 'BEGIN { printf "%d", 1.2e6 / (r * 0.6) + 1 }')s" \
		-s "$ROOT/bench/classroom.lua" "$BASE/who" | awk '/requests in/ { print $1 }')
	ps -o pid=,comm=,rss= -s "$LIGHTTPD" | awk '{ print $1, $2, $3 }' | sort > "$TMP/after"
	echo "a million requests ($rps): memory of each process before -> after, kB"
	join "$TMP/before" "$TMP/after" |
		awk '$3 > 2000 { printf "  %-18s %6d -> %6d\n", $2, $3, $5 }' | sort
}

# The summed RSS of the bots' processes (the arena gives them user ids
# from 1000000 + port * 128), in MB.
bots_mb() {
	ps -eo uid=,rss= | awk -v lo=$((1000000 + PORT * 128)) \
		'$1 >= lo && $1 < lo + 128 { kb += $2 } END { printf "%.0f", kb / 1024 }'
}

# The memory charged to the bots' cgroups (v1's or v2's), in MB; nothing
# where the arena has none.
cgroup_mb() {
	for f in /sys/fs/cgroup/memory/mocean-$PORT/memory.usage_in_bytes \
		/sys/fs/cgroup/mocean-$PORT/memory.current; do
		if [ -r "$f" ]; then
			awk '{ printf "%.0f", $1 / 1048576 }' "$f"
			return
		fi
	done
}

# The p99 in ms of a measure's line kept in $TMP/NAME.out.
p99() {
	awk '{ print $(NF-2) }' "$TMP/$1.out"
}

# The line of runs NAME1..NAME3 whose p99 is the median $2.
median_line() {
	for r in 1 2 3; do
		if [ "$(p99 "$1$r")" = "$2" ]; then
			cat "$TMP/$1$r.out"
			return
		fi
	done
}

# How many of world bench's bots are running.
bots_running() {
	curl -s "$BASE/admin?key=$key&do=bots&world=bench&format=json" |
		grep -o '"state":"running"' | wc -l
}

# Start every bot of world bench and wait until all 30 run and the starter
# bots have joined and swim; prints how many run.
bots_start() {
	curl -s -o /dev/null "$BASE/admin?key=$key&do=bots&world=bench&run=1"
	for i in $(seq 600); do
		running=$(bots_running)
		[ "$running" -ge 30 ] && break
		sleep 0.1
	done
	sleep 3
	echo "$running"
}

# Stop every bot of world bench and wait until none runs.
bots_stop() {
	curl -s -o /dev/null "$BASE/admin?key=$key&do=bots&world=bench&run=0"
	for i in $(seq 100); do
		[ "$(bots_running)" -eq 0 ] && break
		sleep 0.1
	done
	sleep 1
}

# The classroom's p99 without and beside 30 running bots, in the same
# world: the bots are sent and run once first, so that their owners and
# their players are in it for both; then three runs with the bots stopped
# and three with them running, alternating, and the medians' ratio.
bots_beside() {
	key=$(cat "$TMP/data/teacher.key")
	MOCEAN_DATA=$TMP/data MOCEAN_PORT=$PORT MOCEAN_ARENA_SOCKET=$TMP/arena/server.sock \
	MOCEAN_USER=$USER_NAME MAX_BOTS=30 \
		python3 "$ROOT/lib/scripts/arena.py" 2>> "$TMP/log/arena.log" &
	ARENA=$!
	for i in $(seq 300); do [ -s "$TMP/data/bots/sandbox" ] && break; sleep 0.1; done
	if ! grep -q '^yes' "$TMP/data/bots/sandbox" 2>/dev/null; then
		echo "bots: skipped: $(sed 's/^no: //' "$TMP/data/bots/sandbox" 2>/dev/null || echo 'the arena did not start')"
		stop_arena
		return
	fi
	for i in $(seq 30); do
		curl -s -o /dev/null "$BASE/join?name=owner$i&world=bench&secret=bench-bot-$i"
		if [ "$i" -le 25 ]; then
			program="$ROOT/www/starter_bot.py"
		else
			printf 'while True:\n    pass\n' > "$TMP/loop.py"
			program="$TMP/loop.py"
		fi
		curl -s -o /dev/null --data-binary @"$program" \
			"$BASE/bots?name=owner$i&world=bench&secret=bench-bot-$i"
	done
	running=$(bots_start)
	bots_stop
	printf '%-34s %10s %9s %9s %9s %9s\n' "bots beside the classroom" "req/s" "p50 ms" "p99 ms" "" ""
	server=0
	for r in 1 2 3; do
		FLOOR_RPS=
		measure "classroom, bots stopped" "/who" bench/classroom.lua > "$TMP/nobots$r.out"
		running=$(bots_start)
		MAX_MB=0
		FLOOR_RPS=
		measure "classroom beside $running bots" "/who" bench/classroom.lua > "$TMP/bots$r.out"
		if [ "$MAX_MB" -gt "$server" ]; then server=$MAX_MB; fi
		bots=$(bots_mb)
		charged=$(cgroup_mb)
		bots_stop
	done
	a=$(median3 "$(p99 nobots1)" "$(p99 nobots2)" "$(p99 nobots3)")
	b=$(median3 "$(p99 bots1)" "$(p99 bots2)" "$(p99 bots3)")
	median_line nobots "$a"
	median_line bots "$b"
	echo "bots: p99 $a ms without, $b ms with $running bots: $(awk -v a="$a" -v b="$b" \
		'BEGIN { printf "%.2f", b / a }')x (aim: within 1.5x; runs $(p99 nobots1) $(p99 nobots2)" \
		"$(p99 nobots3) | $(p99 bots1) $(p99 bots2) $(p99 bots3)); memory: the server" \
		"${server} MB, the bots ${bots} MB summed RSS${charged:+ ($charged MB charged to their cgroups)}"
	stop_arena
}

bench_mode() {
	mode=$1
	FLOOR_RPS=
	MAX_MB=0
	if [ "$mode" = fastcgi ]; then
		echo "## event mode (FastCGI: each route's program kept running)"
		floor="trivial FastCGI responder"
	else
		echo "## CGI mode (a program run per request)"
		floor="trivial CGI (floor)"
	fi
	start_server "$mode"
	if [ "${BENCH_ONLY:-}" = bots ]; then
		join_players 50 bench
		bots_beside
		stop_server
		echo
		return
	fi
	if [ "${BENCH_ONLY:-}" = classroom ]; then
		printf '%-34s %10s %9s %9s %9s %9s\n' workload "req/s" "p50 ms" "p99 ms" "" ""
		join_players 50 bench
		measure "classroom (50 players)" "/who" bench/classroom.lua
		stop_server
		echo
		return
	fi
	if [ "${BENCH_ONLY:-}" = floods ]; then
		join_players 50 bench
		floods "$mode"
		stop_server
		echo
		return
	fi
	printf '%-34s %10s %9s %9s %9s %9s\n' workload "req/s" "p50 ms" "p99 ms" "x trivial" "p99/triv"
	if [ "$mode" = fastcgi ]; then
		# The ceiling: the trivial responder with two processes.
		stop_server
		start_server fastcgi 2
		measure "$floor" "/trivial"
		measure "the same on mocean's loop" "/bare"
		stop_server
		start_server fastcgi
	else
		measure "$floor" "/trivial"
	fi
	MAX_MB=0
	measure "steps /begin?message=101" "/begin?message=101"
	join_players 50 bench
	if [ "$mode" = cgi ]; then
		# The least a route with its state in SQLite costs (bench/onerow.c).
		measure "trivial + open SQLite, read a row" "/onerow"
	fi
	MAX_MB=0
	measure "classroom (50 players)" "/who" bench/classroom.lua
	classroom_mb=$MAX_MB
	BENCH_ROUTES=location,accel,look,ping measure "classroom, no /who (50 players)" \
		"/ping" bench/classroom.lua
	join_players 2000 crowd
	BENCH_WORLD=crowd BENCH_PLAYERS=2000 BENCH_ROUTES=location,accel,look,ping \
		measure "same, 2000 players in one world" "/ping" bench/classroom.lua
	# /data's own speed: a server with no budget per address (DATA_BUDGET=0),
	# since wrk's connections all come from one address, which the budget
	# would answer mostly with 429 (the floods measure the budget itself).
	stop_server
	export DATA_BUDGET=0
	start_server "$mode"
	unset DATA_BUDGET
	join_players 50 bench
	measure "data: seamounts csv" "/data?dataset=seamounts&world=bench"
	measure "data: 10,000-row bathymetry" "/data?dataset=bathymetry&step=9&world=bench"
	stop_server
	start_server "$mode"
	join_players 50 bench
	floods "$mode"
	if [ "$mode" = fastcgi ] && [ -n "${BENCH_MILLION:-}" ]; then
		million
	fi
	if [ "$mode" = fastcgi ]; then
		echo "memory: the whole server (lighttpd + every route process, summed RSS):" \
			"${classroom_mb} MB under the classroom, ${MAX_MB} MB at most"
	fi
	bots_beside
	stop_server
	echo
}

echo "# $CONNS connections, ${SECONDS_EACH}s each, $(nproc) cores, lighttpd" \
	"$(/usr/sbin/lighttpd -v | sed -n 's/^lighttpd\/\([^ ]*\).*/\1/p')"
for mode in $MODES; do
	bench_mode "$mode"
done
