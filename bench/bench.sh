#!/bin/sh
# bench.sh: make bench.  Starts lighttpd on a loopback port with a fresh data
# folder, runs wrk with 50 connections against each workload, and prints
# requests/s, p50 and p99 beside a trivial CGI measured in the same run.
#
# A workload is one line at the bottom: measure LABEL PATH [LUA_SCRIPT].
set -eu

ROOT=${MOCEAN_ROOT:-$(pwd)}
BUILD=${MOCEAN_BUILD:-$ROOT/build}
BENCH_ROOT=$(pwd)
CONNS=${BENCH_CONNECTIONS:-50}
SECONDS_EACH=${BENCH_SECONDS:-10}
USER_NAME=${MOCEAN_USER:-$(id -un)}
TMP=$(mktemp -d /tmp/mocean-bench.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP/cgi-bin" "$TMP/data" "$TMP/log"
cp "$BUILD"/cgi-bin/*.cgi "$BUILD/bench/trivial.cgi" "$TMP/cgi-bin/"
[ "$(id -u)" = 0 ] && chown "$USER_NAME": "$TMP/data" "$TMP/log"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"

MOCEAN_ROOT=$ROOT MOCEAN_CGI=$TMP/cgi-bin MOCEAN_PORT=$PORT MOCEAN_BIND=127.0.0.1 \
MOCEAN_DATA=$TMP/data MOCEAN_LOG=$TMP/log/error.log MOCEAN_USER=$USER_NAME \
	setsid lighttpd -D -f "$ROOT/lighttpd.conf" &
LIGHTTPD=$!
trap 'kill $LIGHTTPD 2>/dev/null; wait $LIGHTTPD 2>/dev/null || true; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
for i in $(seq 50); do curl -s -o /dev/null "$BASE/hello" && break; sleep 0.1; done

# wrk's latency text ("1.23ms", "850.00us", "1.02s") in milliseconds.
to_ms() {
	case "$1" in
	*us) echo "${1%us}" | awk '{ printf "%.2f", $1 / 1000 }' ;;
	*ms) echo "${1%ms}" | awk '{ printf "%.2f", $1 }' ;;
	*s) echo "${1%s}" | awk '{ printf "%.2f", $1 * 1000 }' ;;
	*) echo "$1" ;;
	esac
}

TRIVIAL_RPS=
TRIVIAL_P99=
printf '%-28s %10s %9s %9s %9s %9s\n' workload "req/s" "p50 ms" "p99 ms" "x trivial" "p99/triv"
measure() {
	label=$1 path=$2 script=${3:-}
	if [ -n "$script" ]; then
		out=$(BENCH_BASE=$BASE wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency \
			-s "$ROOT/$script" "$BASE$path")
	else
		out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency "$BASE$path")
	fi
	rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
	p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")
	p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")
	bad=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $NF }')
	if [ -z "$TRIVIAL_RPS" ]; then TRIVIAL_RPS=$rps; TRIVIAL_P99=$p99; fi
	ratio=$(awk -v a="$rps" -v b="$TRIVIAL_RPS" 'BEGIN { printf "%.2f", a / b }')
	pratio=$(awk -v a="$p99" -v b="$TRIVIAL_P99" 'BEGIN { printf "%.2f", a / b }')
	printf '%-28s %10s %9s %9s %9s %9s%s\n' "$label" "$rps" "$p50" "$p99" "$ratio" "$pratio" \
		"${bad:+   ($bad non-2xx replies!)}"
}

echo "# $CONNS connections, ${SECONDS_EACH}s each, $(nproc) cores, lighttpd $(lighttpd -v | sed -n 's/^lighttpd\/\([^ ]*\).*/\1/p')"
measure "trivial CGI (floor)" "/trivial"
measure "steps /begin?message=101" "/begin?message=101"

# A class of 50 players in world "bench".
for i in $(seq 0 49); do curl -s -o /dev/null "$BASE/join?name=player$i&world=bench"; done
measure "classroom (50 players)" "/who" bench/classroom.lua
measure "data: seamounts csv" "/data?dataset=seamounts&world=bench"
measure "data: 10,000-row bathymetry" "/data?dataset=bathymetry&step=9&world=bench"
