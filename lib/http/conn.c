/* conn.c: the connection a request comes in on, in CGI and event mode (see
 * conn.h). */
#include "http/conn.h"
#include "sys/sys.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Event mode: one slot of the ring of requests (conn.h).  A request never
 * moves (libfcgi's streams point back to it), so the ring holds them
 * whole: the one being served is the slot after the last held. */
struct held {
	FCGX_Request fcgi;
	double due;      /* held: when its reply may go */
	char *reply;     /* held: the reply, made */
	size_t len;
};

/* The connection being served, for the one reply that cannot wait for the
 * request's own cycle: out of memory.  The serving loop sets it. */
static struct conn *serving;

/* Event mode: accept lighttpd's next connection ourselves and hand it to
 * libfcgi, which reads the request from it.  libfcgi's own accept first
 * polls every Unix-socket connection for up to 2 s to see that it sends
 * something (a guard against clients that connect and stay silent); the
 * only client here is lighttpd, which sends the request as it connects,
 * so that is a system call a request for nothing.  keepConnection keeps
 * FCGX_Accept_r from closing the connection before it reads it; the
 * request's own FCGI_KEEP_CONN flag then decides it anew.  Returns 0, or
 * -1 when lighttpd stops us. */
static int take_connection(struct conn *c)
{
	int fd;

	if (c->fcgi->ipcFd >= 0)
		return 0; /* a connection the last request kept (FCGI_KEEP_CONN) */
	/* A signal here is lighttpd's SIGTERM or SIGUSR1 (libfcgi catches
	 * them to end the loop): stop, as libfcgi's own accept would. */
	do
		fd = accept4(0, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == ECONNABORTED);
	if (fd < 0)
		return -1;
	c->fcgi->ipcFd = fd;
	c->fcgi->keepConnection = 1;
	return 0;
}

/* The time now, in seconds since 1970 (the clock rq->now is read from). */
static double clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Event mode: send a reply and end its request.  The reply, its
 * end-of-stream and the end of the request leave in one write.  Detached,
 * the library closes the socket without first waiting for lighttpd to close
 * its end (lighttpd sends nothing more). */
static void send_reply(FCGX_Request *r, const char *reply, size_t len)
{
	FCGX_PutStr(reply, (int)len, r->out);
	FCGX_FClose(r->err);
	FCGX_FClose(r->out);
	FCGX_Detach(r);
	FCGX_Finish_r(r);
}

/* Send the oldest held reply, and free its slot. */
static void release_first(struct conn *c)
{
	struct held *h = &c->held[c->first];

	/* Its connection is closed after it (only the request being served
	 * may keep one for the next). */
	h->fcgi.keepConnection = 0;
	send_reply(&h->fcgi, h->reply, h->len);
	free(h->reply);
	h->reply = NULL;
	c->first = (c->first + 1) % (c->hold_max + 1);
	c->n_held--;
}

/* Event mode: send the held replies whose time has come, waiting for them
 * while no request comes (on a connection the last request kept, else on
 * the listening socket).  Returns 0 when a request is waiting (or none is
 * held), -1 when a signal (lighttpd's) ends the wait. */
static int release_due(struct conn *c)
{
	for (;;) {
		struct pollfd next = { .fd = c->fcgi->ipcFd >= 0 ? c->fcgi->ipcFd : 0,
				       .events = POLLIN };
		double wait;
		int n;

		while (c->n_held > 0 && c->held[c->first].due <= clock_now())
			release_first(c);
		if (c->n_held == 0)
			return 0;
		wait = c->held[c->first].due - clock_now();
		n = poll(&next, 1, wait <= 0 ? 0 : wait > 1 ? 1000 : (int)ceil(wait * 1000));
		if (n > 0)
			return 0;
		if (n < 0)
			return -1;
	}
}

/* Event mode: the ring of requests, each ready for FCGX_Accept_r on the
 * listening socket (stdin), and how many may be held. */
static void start_event_mode(struct conn *c)
{
	struct rlimit files;

	c->hold_max = CONN_HOLD_MAX;
	if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY &&
	    files.rlim_cur / 4 < (rlim_t)c->hold_max)
		c->hold_max = (int)(files.rlim_cur / 4);
	c->held = xmalloc((size_t)(c->hold_max + 1) * sizeof *c->held);
	for (int i = 0; i <= c->hold_max; i++) {
		FCGX_InitRequest(&c->held[i].fcgi, 0, 0);
		c->held[i].reply = NULL;
	}
	c->first = 0;
	c->n_held = 0;
	c->fcgi = &c->held[0].fcgi;
}

int conn_accept(struct conn *c)
{
	if (!c->fastcgi && !c->served && !FCGX_IsCGI()) {
		/* stdin is lighttpd's listening socket: event mode.  Ctrl-C
		 * reaches every process of make run's terminal; lighttpd stops
		 * taking requests, finishes those it has, then ends us with
		 * SIGTERM.  Ending at once on SIGINT would leave it sending to
		 * programs that are gone. */
		signal(SIGINT, SIG_IGN);
		c->fastcgi = 1;
		FCGX_Init();
		start_event_mode(c);
	}
	serving = c;
	sys_on_out_of_memory(conn_out_of_memory);
	if (c->fastcgi)
		return release_due(c) == 0 && take_connection(c) == 0 &&
		       FCGX_Accept_r(c->fcgi) >= 0;
	if (c->served)
		return 0;
	c->served = 1;
	return 1;
}

const char *conn_param(const struct conn *c, const char *name)
{
	const char *v = c->fastcgi ? FCGX_GetParam(name, c->fcgi->envp)
				   : getenv(name);
	return v ? v : "";
}

int conn_body(struct conn *c, size_t max, char **out, size_t *len)
{
	const char *cl = conn_param(c, "CONTENT_LENGTH");
	char *end;
	unsigned long long want = strtoull(cl, &end, 10);
	size_t got = 0;

	*out = NULL;
	*len = 0;
	if (*cl == '\0' || *end != '\0' || *cl == '-')
		want = 0;   /* no body sent */
	if (want > max)
		return 1;
	*out = xmalloc((size_t)want + 1);
	while (got < want) {
		ssize_t n = c->fastcgi
			? FCGX_GetStr(*out + got, (int)(want - got), c->fcgi->in)
			: read(STDIN_FILENO, *out + got, (size_t)want - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	(*out)[got] = '\0';
	*len = got;
	return got == want ? 0 : -1;
}

/* Write all of len bytes to a file descriptor. */
static void write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);
		if (n <= 0)
			return; /* the client has gone: nothing more to do */
		s += n;
		len -= (size_t)n;
	}
}

void conn_reply(struct conn *c, const char *reply, size_t len)
{
	if (!c->fastcgi) {
		write_all(STDOUT_FILENO, reply, len);
		return;
	}
	send_reply(c->fcgi, reply, len);
}

void conn_reply_at(struct conn *c, const char *reply, size_t len, double due)
{
	struct held *h;
	double wait = due - clock_now();

	if (wait <= 0 || (c->fastcgi && c->n_held == c->hold_max)) {
		conn_reply(c, reply, len);
		return;
	}
	if (!c->fastcgi) {
		struct timespec left;

		/* Never more than a second (a clock set back meanwhile). */
		left.tv_sec = 0;
		left.tv_nsec = wait >= 1 ? 999999999L : (long)(wait * 1e9);
		while (nanosleep(&left, &left) < 0 && errno == EINTR)
			;
		conn_reply(c, reply, len);
		return;
	}
	/* The slot being served becomes the last held; the next slot of the
	 * ring (free: at most hold_max are held) serves the next request. */
	h = &c->held[(c->first + c->n_held) % (c->hold_max + 1)];
	h->due = wait > 1 ? clock_now() + 1 : due;
	h->reply = xmalloc(len ? len : 1);
	memcpy(h->reply, reply, len);
	h->len = len;
	c->n_held++;
	c->fcgi = &c->held[(c->first + c->n_held) % (c->hold_max + 1)].fcgi;
}

void conn_close(struct conn *c)
{
	if (c->fastcgi) {
		while (c->n_held > 0)
			release_first(c);
		FCGX_Free(c->fcgi, 1);
		free(c->held);
		c->held = NULL;
		c->fastcgi = 0;
	}
	serving = NULL;
}

void conn_out_of_memory(void)
{
	static const char reply[] =
		"Status: 500 Internal Server Error\r\n"
		"Content-Type: text/plain; charset=utf-8\r\n"
		"Access-Control-Allow-Origin: *\r\n\r\n"
		"the server ran out of memory; please try again";

	log_line("out of memory");
	if (serving)
		conn_reply(serving, reply, sizeof reply - 1);
	_exit(1);
}
