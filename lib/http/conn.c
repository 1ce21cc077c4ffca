/* conn.c: the connection a request comes in on, in CGI and event mode (see
 * conn.h). */
#include "http/conn.h"
#include "sys/sys.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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

	if (c->fcgi.ipcFd >= 0)
		return 0; /* a connection the last request kept (FCGI_KEEP_CONN) */
	/* A signal here is lighttpd's SIGTERM or SIGUSR1 (libfcgi catches
	 * them to end the loop): stop, as libfcgi's own accept would. */
	do
		fd = accept4(0, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == ECONNABORTED);
	if (fd < 0)
		return -1;
	c->fcgi.ipcFd = fd;
	c->fcgi.keepConnection = 1;
	return 0;
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
		FCGX_InitRequest(&c->fcgi, 0, 0);
	}
	serving = c;
	sys_on_out_of_memory(conn_out_of_memory);
	if (c->fastcgi)
		return take_connection(c) == 0 && FCGX_Accept_r(&c->fcgi) >= 0;
	if (c->served)
		return 0;
	c->served = 1;
	return 1;
}

const char *conn_param(const struct conn *c, const char *name)
{
	const char *v = c->fastcgi ? FCGX_GetParam(name, c->fcgi.envp)
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
			? FCGX_GetStr(*out + got, (int)(want - got), c->fcgi.in)
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
	/* The reply, its end-of-stream and the end of the request leave in one
	 * write.  Detached, the library closes the socket without first waiting
	 * for lighttpd to close its end (lighttpd sends nothing more). */
	FCGX_PutStr(reply, (int)len, c->fcgi.out);
	FCGX_FClose(c->fcgi.err);
	FCGX_FClose(c->fcgi.out);
	FCGX_Detach(&c->fcgi);
	FCGX_Finish_r(&c->fcgi);
}

void conn_close(struct conn *c)
{
	if (c->fastcgi)
		FCGX_Free(&c->fcgi, 1);
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
