# Makefile: Mocean's two commands, and the rest.
#
#   make run     install what is missing, build, and serve on http://0.0.0.0:8080
#   make test    the same set-up, then every test (sanitizers on)
#   make bench   requests/s and latency under 50 players, beside a trivial CGI
#
# PORT, BIND and DATA_DIR in the environment change the port, the address and
# the data folder: PORT=9000 DATA_DIR=/var/lib/mocean make run.  MAX_WORLDS
# (default 50) is how many worlds the server may hold; it reaches lighttpd's
# environment, and lighttpd.conf passes it to the route programs.
# DATA_BUDGET (default 200000, 0: none) is how many /data rows a second one
# client address may read (lib/ocean/limit.h); it reaches the route
# programs as MAX_WORLDS does.
# PER_ADDRESS (default 2048) is how many connections one client address may
# hold at once, kept by the kernel when make run is started as root
# (lib/scripts/per_address.sh).
# MAX_BOTS (default: from the cores and memory, lib/scripts/arena.py) is how
# many students' bots run at once, the rest queued; BOT_MINUTES (default 60)
# how long each may run.  The arena that runs them starts and stops with
# the server (see serve).
# The build prints one short line per file; V=1 shows the whole commands.
#
# MODE=fastcgi serves in event mode: lighttpd keeps each route's program
# running and sends it request after request (for a school event, many
# classes at once).  The default, MODE=cgi, runs a program per request.

PORT     ?= 8080
BIND     ?= 0.0.0.0
MODE     ?= cgi
PER_ADDRESS ?= 2048
# Event mode: where lighttpd puts the route programs' sockets.
SOCKETS  ?= /tmp/mocean-$(PORT)-sockets
# The Unix socket lighttpd also listens on: the only way in for the bots.
ARENA_SOCKET ?= /tmp/mocean-$(PORT)-arena/server.sock
PYTHON   ?= /usr/bin/python3
# Where everything built goes (cgi programs: $(BUILD)/cgi-bin/ROUTE.cgi).
BUILD    ?= build
# Which tests make test runs (a file or folder under tests/), and in how
# many processes at once (pytest-xdist; each has servers of its own).
TESTS    ?= tests
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# lighttpd is in /usr/sbin, outside an ordinary user's PATH.
export PATH := $(PATH):/usr/sbin:/sbin
# Each build step says one short line (V=1: the whole command instead).
Q = $(if $(filter 1,$(V)),,@echo "  build $(@:$(BUILD)/%=%)";)

# The user lighttpd runs as when started by root.
SERVER_USER ?= www-data
RUN_USER := $(shell [ "$$(id -u)" = 0 ] && echo $(SERVER_USER) || id -un)

# lighttpd, once it has dropped to $(RUN_USER), must read this folder.  When it
# cannot (a checkout under /root, say), what it serves is copied to $(STAGE),
# and the data folder defaults to /var/lib/mocean/data.
STAGE ?= /var/lib/mocean/app
READABLE := $(shell [ "$$(id -u)" != 0 ] || runuser -u $(RUN_USER) -- test -r $(CURDIR)/lighttpd.conf 2>/dev/null && echo yes)
ifeq ($(READABLE),yes)
SERVE_ROOT := $(CURDIR)
CGI_RUN    = $(abspath $(BUILD))/cgi-bin
CGI_TEST   = $(abspath $(BUILD))/asan/cgi-bin
DATA_DIR   ?= data
else
SERVE_ROOT := $(STAGE)
CGI_RUN    = $(STAGE)/cgi
CGI_TEST   = $(STAGE)/cgi-asan
DATA_DIR   ?= /var/lib/mocean/data
endif
override DATA_DIR := $(abspath $(DATA_DIR))

CFLAGS   ?= -O2
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ilib -I$(BUILD)
SANITIZE := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
# Routes are linked fully static: a CGI starts for every request, and a static
# one skips the dynamic loader.  The sanitizer build links only SQLite statically.
# Debian's libraries: SQLite, FastCGI (event mode), libsodium (secret words),
# libunistring (Unicode letters and digits), ICU (names compared as people
# read them: http/names.h).
#
# ICU's data library is 30 MB, so no route links all of it.  Only the routes
# that look a player up by name (NAME_ROUTES; lib/ocean/playername.c) link
# ICU, statically like the rest, with just the three tables names need
# (ICU_ITEMS: 150 KB, cut from Debian's libicudata.a by ICU's own icupkg and
# genccode): a route of 4.5 MB, not 35.  lib is linked as an archive, so a
# route holds only the lib files it calls (one that calls player_find but is
# missing from NAME_ROUTES fails to link).  Measured per CGI run (a whole
# process, medians of 7 x 200 runs): a static route 1.2 ms, the same route
# linked dynamically with ICU 5.0 ms (the loader's work, even when ICU is
# not called; dynamic without ICU 2.3 ms); /id?name=Fred static with the cut
# tables 2.9 ms, dynamic with ICU 11.2 ms (a busier machine).
LIBS        := -lsqlite3 -lfcgi -lsodium -lunistring
ICU_LIBS    := -licui18n -licuuc -licudata
ICU_ITEMS   := confusables.cfu nfkc.nrm nfkc_cf.nrm
ICU_MAJOR    = $(shell dpkg-query -W -f='$${Version}' libicu-dev | cut -d. -f1)
ICU_DATA    := $(BUILD)/icu/icudata.o
LDLIBS      := -static $(LIBS) -lm -lpthread
NAME_LDLIBS := -static $(LIBS) -licui18n -licuuc $(ICU_DATA) -lstdc++ -lm -lpthread
ASAN_LDLIBS := -Wl,-Bstatic $(LIBS) -Wl,-Bdynamic $(ICU_LIBS) -lm -lpthread -ldl
NAME_ROUTES := join id quit sendchat admin answers world duck data steps puzzle bots \
               problem begin beguine sirduke euler meruprastarah
# glibc warns that SQLite's extension loading and libfcgi's TCP sockets
# (neither used: event mode gets its socket from lighttpd) need shared
# libraries at run time.
QUIET_LD    := 2>&1 | { grep -v -e "statically linked applications requires" \
                 -e "in function .unixDlOpen" -e "in function .OS_CreateLocalIpcFd" \
                 -e "in function .uprv_dl_open" || true; }

PACKAGES      := gcc make lighttpd libsqlite3-dev sqlite3 libfcgi-dev \
                 libsodium-dev libunistring-dev libicu-dev icu-devtools nftables \
                 bubblewrap python3 python3-requests
TEST_PACKAGES := python3 python3-requests python3-pytest python3-pytest-xdist chromium
BENCH_PACKAGES := wrk

LIB_SRC    := $(wildcard lib/*.c lib/*/*.c)
LIB_H      := $(wildcard lib/*.h lib/*/*.h)
ROUTE_SRC  := $(wildcard cgi-bin/*.c)
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
LIB_OBJ    := $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
LIB_A      := $(BUILD)/lib/libmocean.a
ASAN_OBJ   := $(LIB_SRC:lib/%.c=$(BUILD)/asan/lib/%.o)
ROUTES     := $(ROUTE_SRC:cgi-bin/%.c=$(BUILD)/cgi-bin/%.cgi)
ASAN_ROUTES := $(ROUTE_SRC:cgi-bin/%.c=$(BUILD)/asan/cgi-bin/%.cgi)
UNITS      := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/asan/tests/%)
# The names' unit test again, linked as the routes are (ICU's cut tables).
STATIC_UNITS := $(BUILD)/tests/test_skeleton_static

# Objects are kept between builds.
.SECONDARY: $(LIB_OBJ) $(ASAN_OBJ)

.PHONY: all build run serve test check bench measure deps test-deps bench-deps clean stage data-dir service unit teacher-key port-free banner sockets arena-dir
all: build
build: $(ROUTES) www/index.html

# Install what is missing with apt-get when root; otherwise say how.
define install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "Mocean needs some packages first. Run:"; \
	    echo "  sudo apt-get install -y" $$missing; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install,$(PACKAGES))
test-deps: deps
	$(call install,$(TEST_PACKAGES))
bench-deps: deps
	$(call install,$(BENCH_PACKAGES))

$(BUILD)/lib/%.o: lib/%.c $(LIB_H) | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<
$(LIB_A): $(LIB_OBJ)
	$(Q)rm -f $@; $(AR) rcs $@ $^
$(BUILD)/cgi-bin/%.cgi: cgi-bin/%.c $(LIB_A) $(LIB_H)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(LIB_A) $(LDLIBS) $(QUIET_LD); test -x $@
$(NAME_ROUTES:%=$(BUILD)/cgi-bin/%.cgi): LDLIBS = $(NAME_LDLIBS)
$(NAME_ROUTES:%=$(BUILD)/cgi-bin/%.cgi): $(ICU_DATA)
$(STATIC_UNITS): tests/unit/test_skeleton.c tests/unit/unit.h $(LIB_A) $(ICU_DATA)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(LIB_A) $(NAME_LDLIBS) $(QUIET_LD); test -x $@
# ICU's tables for names, out of Debian's whole data (see ICU_ITEMS).
$(ICU_DATA): | deps
	@rm -rf $(@D); mkdir -p $(@D)/items $(@D)/small $(@D)/whole
	$(Q)cd $(@D) && ar x $$($(CC) -print-file-name=libicudata.a) && \
	  objcopy -O binary -j .rodata icudt$(ICU_MAJOR)l_dat.o \
	    whole/icudt$(ICU_MAJOR)l.dat && \
	  printf '%s\n' $(ICU_ITEMS) > items.txt && \
	  icupkg -d items -x items.txt whole/icudt$(ICU_MAJOR)l.dat && \
	  icupkg -tl -s items -a items.txt new small/icudt$(ICU_MAJOR)l.dat && \
	  genccode -d . small/icudt$(ICU_MAJOR)l.dat >/dev/null && \
	  sed 's/^} icudt$(ICU_MAJOR)l_dat=/} icudt$(ICU_MAJOR)_dat=/' \
	    icudt$(ICU_MAJOR)l_dat.c > icudata.c && \
	  rm -rf whole icudt$(ICU_MAJOR)l_dat.o icudt$(ICU_MAJOR)l_dat.c && \
	  $(CC) -c -o icudata.o icudata.c

$(BUILD)/asan/lib/%.o: lib/%.c $(LIB_H) | deps
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(SANITIZE) -c -o $@ $<
$(BUILD)/asan/cgi-bin/%.cgi: cgi-bin/%.c $(ASAN_OBJ) $(LIB_H)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(SANITIZE) -o $@ $< $(ASAN_OBJ) $(ASAN_LDLIBS)
$(BUILD)/asan/tests/%: tests/unit/%.c tests/unit/unit.h $(ASAN_OBJ)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(SANITIZE) -Itests/unit -o $@ $< $(ASAN_OBJ) $(ASAN_LDLIBS)

# The one list of routes: lib/scripts/routes.awk reads every route file's listing
# (its struct route) and makes /mocean's table, compiled into mocean.cgi,
# and the students' page, www/index.html from www/index.html.in.  Adding a
# route is writing its file.
ROUTE_LIST := $(BUILD)/route_list.h
$(ROUTE_LIST): $(ROUTE_SRC) lib/scripts/routes.awk
	@mkdir -p $(@D)
	$(Q)awk -v form=c -f lib/scripts/routes.awk $(ROUTE_SRC) > $@.new && mv $@.new $@
$(BUILD)/cgi-bin/mocean.cgi $(BUILD)/asan/cgi-bin/mocean.cgi: $(ROUTE_LIST)
www/index.html: www/index.html.in $(ROUTE_SRC) lib/scripts/routes.awk
	$(Q)awk -v form=html -v page=$< -f lib/scripts/routes.awk $(ROUTE_SRC) > $@.new && mv $@.new $@

# The data folder belongs to the server's user, and no one else.
data-dir:
	@mkdir -p $(DATA_DIR)
	@chmod 750 $(DATA_DIR)
	@if [ "$$(id -u)" = 0 ]; then chown $(RUN_USER): $(DATA_DIR); fi

# The teacher key: made on first start, readable only by the server's user.
teacher-key: data-dir
	@key=$(DATA_DIR)/teacher.key; \
	if [ ! -s $$key ]; then \
	  (umask 077; head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > $$key); \
	  if [ "$$(id -u)" = 0 ]; then chown $(RUN_USER): $$key; fi; \
	fi

# Event mode: a folder for the sockets, the server's user's alone.
sockets:
ifeq ($(MODE),fastcgi)
	@rm -rf $(SOCKETS) && mkdir -m 700 -p $(SOCKETS)
	@if [ "$$(id -u)" = 0 ]; then chown $(RUN_USER): $(SOCKETS); fi
endif

# The bots' socket's folder: only whoever starts the server (root, or the
# server's user) reaches it: lighttpd, and the arena, which opens every
# connection of the bots (a bot never does).
arena-dir:
	@rm -rf $(dir $(ARENA_SOCKET)) && mkdir -m 700 -p $(dir $(ARENA_SOCKET))

# Copy what lighttpd serves to $(STAGE) when it cannot read this folder.
stage:
ifneq ($(SERVE_ROOT),$(CURDIR))
	@rm -rf $(STAGE) && mkdir -p $(STAGE) && chmod 755 $(dir $(STAGE)) $(STAGE)
	@cp -r cgi-bin lib www bench lighttpd.conf $(STAGE)/
	@cp -r $(BUILD)/cgi-bin $(CGI_RUN)
	@if [ -d $(BUILD)/asan/cgi-bin ]; then cp -r $(BUILD)/asan/cgi-bin $(CGI_TEST); fi
	@chmod -R a+rX $(STAGE)
	@echo "(the server's user cannot read $(CURDIR); serving a copy in $(STAGE))"
endif

# make run and make test re-read this Makefile once packages are installed,
# since the server's user exists only then.
run: port-free deps build
	@$(MAKE) --no-print-directory serve
# Ctrl-C (or systemctl stop: SIGINT to every process) reaches make, this
# shell, lighttpd and the route programs at once.  lighttpd stops taking
# requests, finishes the ones it has and ends the route programs (event mode:
# they wait for it, lib/http/conn.c); this shell waits for lighttpd (the trap on
# INT only keeps it from ending first), then removes the sockets folder.
# Started by an ordinary user, lighttpd may hold only as many files as its
# soft limit: it is raised to the hard one first (lighttpd.conf, Connections).
# The arena (lib/scripts/arena.py: the students' bots) runs beside lighttpd;
# when lighttpd ends, the arena is stopped too, and stops every bot.
serve: port-free build data-dir stage teacher-key sockets arena-dir
	@$(BANNER)
	@trap : INT TERM; ulimit -n $$(ulimit -Hn) 2>/dev/null; \
	  export MOCEAN_PER_ADDRESS=$(PER_ADDRESS) MOCEAN_ROOT=$(SERVE_ROOT) MOCEAN_CGI=$(CGI_RUN) MOCEAN_PORT=$(PORT) \
	  MOCEAN_BIND=$(BIND) MOCEAN_DATA=$(DATA_DIR) MOCEAN_LOG= \
	  MOCEAN_MODE=$(MODE) MOCEAN_SOCKETS=$(SOCKETS) MOCEAN_ARENA_SOCKET=$(ARENA_SOCKET) \
	  MOCEAN_USER=$(RUN_USER)$(if $(MAX_BOTS), MAX_BOTS=$(MAX_BOTS))$(if $(BOT_MINUTES), BOT_MINUTES=$(BOT_MINUTES)); \
	  $(PYTHON) $(SERVE_ROOT)/lib/scripts/arena.py & arena=$$!; \
	  lighttpd -D -f $(SERVE_ROOT)/lighttpd.conf; \
	  status=$$?; kill $$arena 2>/dev/null; wait $$arena; \
	  rm -rf $(dir $(ARENA_SOCKET)); $(if $(filter fastcgi,$(MODE)),rm -rf $(SOCKETS);) exit $$status

test: test-deps
	@$(MAKE) --no-print-directory check
check: $(ROUTES) $(ASAN_ROUTES) $(UNITS) $(STATIC_UNITS) www/index.html stage
	@MOCEAN_ROOT=$(SERVE_ROOT) MOCEAN_CGI=$(CGI_TEST) MOCEAN_CGI_RUN=$(CGI_RUN) \
	  MOCEAN_USER=$(RUN_USER) MOCEAN_UNITS="$(UNITS) $(STATIC_UNITS)" \
	  $(PYTHON) -m pytest -q -p no:cacheprovider -n $(TEST_JOBS) $(TESTS) $(PYTEST_ARGS)

bench: bench-deps
	@$(MAKE) --no-print-directory measure
measure: build $(BUILD)/bench/trivial.cgi $(BUILD)/bench/bare.cgi $(BUILD)/bench/onerow.cgi stage
	@MOCEAN_ROOT=$(SERVE_ROOT) MOCEAN_BUILD=$(abspath $(BUILD)) MOCEAN_USER=$(RUN_USER) sh bench/bench.sh

# Built and linked exactly as the routes are, so the ratio is fair.
$(BUILD)/bench/trivial.cgi: bench/trivial.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(LDLIBS) $(QUIET_LD); test -x $@
$(BUILD)/bench/onerow.cgi: bench/onerow.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(LDLIBS) $(QUIET_LD); test -x $@
$(BUILD)/bench/bare.cgi: bench/bare.c $(BUILD)/lib/http/conn.o $(BUILD)/lib/sys/sys.o
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) $(QUIET_LD); test -x $@

clean:
	rm -rf $(BUILD) www/index.html


# make service: run Mocean as a systemd service (on a cloud VM, say) that
# starts at boot, restarts on failure and keeps its state in DATA_DIR.
# PORT, BIND and DATA_DIR are taken from this command: PORT=80 make service
define UNIT
[Unit]
Description=Mocean, the programming club's game server
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
WorkingDirectory=$(CURDIR)
ExecStart=/usr/bin/make --no-print-directory serve PORT=$(PORT) BIND=$(BIND) DATA_DIR=$(DATA_DIR) MODE=$(MODE)$(if $(MAX_WORLDS), MAX_WORLDS=$(MAX_WORLDS))$(if $(DATA_BUDGET), DATA_BUDGET=$(DATA_BUDGET))$(if $(MAX_BOTS), MAX_BOTS=$(MAX_BOTS))$(if $(BOT_MINUTES), BOT_MINUTES=$(BOT_MINUTES))$(if $(filter-out 2048,$(PER_ADDRESS)), PER_ADDRESS=$(PER_ADDRESS))
Restart=on-failure
RestartSec=2
KillSignal=SIGINT
TimeoutStopSec=10

[Install]
WantedBy=multi-user.target
endef
export UNIT

service: deps build
	@[ "$$(id -u)" = 0 ] || { echo "run it as root: sudo make service"; exit 1; }
	@systemctl stop mocean 2>/dev/null || true
	@if systemctl is-active --quiet lighttpd && ! $(PORT_TEST); then \
	  systemctl disable --now lighttpd 2>/dev/null; \
	  echo "Debian's own lighttpd.service held port $(PORT): stopped and disabled it"; \
	  echo "(systemctl enable --now lighttpd brings it back)"; fi
	@$(MAKE) --no-print-directory port-free teacher-key
	@echo "$$UNIT" > /etc/systemd/system/mocean.service
	@echo "wrote /etc/systemd/system/mocean.service:"; cat /etc/systemd/system/mocean.service
	systemctl daemon-reload
	systemctl enable --now mocean
	@echo "Mocean runs as a service: systemctl status mocean; journalctl -u mocean"
	@for i in $$(seq 30); do $(MOCEAN_ANSWERS) && break; sleep 1; done
	@$(MAKE) --no-print-directory banner

# The unit make service would write, to read or copy by hand.
unit:
	@echo "$$UNIT"


# Before anything says "serving": is PORT free on BIND?  PORT_TEST exits 0
# when it is, 1 when a program holds it, 2 when only root may use it.
PORT_TEST = perl -MIO::Socket::INET -e 'IO::Socket::INET->new(LocalAddr => "$(BIND)", \
  LocalPort => $(PORT), Listen => 1, ReuseAddr => 1) or exit($$!{EADDRINUSE} ? 1 : \
  $$!{EACCES} ? 2 : 3)'
define PORT_FREE
$(PORT_TEST) || { case $$? in \
  1) echo "Port $(PORT) is already in use: another program (or another Mocean) listens on it."; \
     if systemctl is-active --quiet lighttpd 2>/dev/null; then \
       echo "Debian's own lighttpd.service is running: sudo systemctl disable --now lighttpd"; fi; \
     echo "Stop it, or serve on another port:  PORT=$$(($(PORT) + 1)) make run";; \
  2) echo "Port $(PORT) needs root: sudo make run, or a port above 1023:  PORT=8080 make run";; \
  *) echo "Cannot serve on $(BIND):$(PORT): is $(BIND) an address of this machine?  BIND=0.0.0.0 make run";; \
  esac; exit 1; }
endef
port-free:
	@$(PORT_FREE)

# What the teacher needs: the addresses students type (every IPv4 address of
# the machine but loopback, when serving on all of them), the dashboard, the key.
define BANNER
if [ "$(BIND)" = 0.0.0.0 ]; then \
  addrs=$$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v -e : -e '^127\.' -e '^$$'); \
else addrs=$(BIND); fi; \
echo; echo "Mocean is serving on port $(PORT). Students open:"; \
for a in $$addrs; do echo "    http://$$a:$(PORT)/"; done; \
[ -n "$$addrs" ] || echo "    http://localhost:$(PORT)/  (no network address: this machine only)"; \
set -- $$addrs localhost; \
echo "Teacher's dashboard: http://$$1:$(PORT)/teacher"; \
echo "teacher key: $$(cat $(DATA_DIR)/teacher.key)"; \
if [ "$(MODE)" = fastcgi ]; then echo "(event mode: each route's program keeps running)"; fi; \
echo "(data in $(DATA_DIR); Ctrl-C stops it)"; echo
endef
# make banner: the banner again, when a Mocean answers on PORT (lighttpd's
# Server header says "mocean"); otherwise it says so, and how to start one.
ASK_AT := $(if $(filter 0.0.0.0,$(BIND)),127.0.0.1,$(BIND))
MOCEAN_ANSWERS = perl -MIO::Socket::INET -e '$$SIG{ALRM} = sub { exit 1 }; alarm 3; my $$s = IO::Socket::INET->new( \
  PeerAddr => "$(ASK_AT)", PeerPort => $(PORT), Timeout => 3) or exit 1; \
  print $$s "HEAD / HTTP/1.0\r\n\r\n"; local $$/; exit(<$$s> =~ /^Server: mocean\r?$$/mi ? 0 : 1)'
banner: teacher-key
	@$(MOCEAN_ANSWERS) || { \
	  echo "No Mocean server answers on port $(PORT)$(if $(filter-out 0.0.0.0,$(BIND)), of $(BIND)). Start one with:"; \
	  echo "  $(if $(filter-out 8080,$(PORT)),PORT=$(PORT) )$(if $(filter-out 0.0.0.0,$(BIND)),BIND=$(BIND) )make run"; \
	  exit 1; }
	@$(BANNER)
