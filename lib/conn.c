/* conn.c: the connection a request comes in on, in CGI and event mode (see
 * conn.h). */
#include "conn.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The connection being served, for the one reply that cannot wait for the
 * request's own cycle: out of memory.  The serving loop sets it. */
static struct conn *serving;

int conn_accept(struct conn *c)
{
	if (!c->fastcgi && !c->served && !FCGX_IsCGI()) {
		/* stdin is lighttpd's listening socket: event mode. */
		c->fastcgi = 1;
		FCGX_Init();
		FCGX_InitRequest(&c->fcgi, 0, 0);
	}
	serving = c;
	if (c->fastcgi)
		return FCGX_Accept_r(&c->fcgi) >= 0;
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

void log_line(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	memcpy(line, "mocean: ", 8);
	va_start(ap, fmt);
	n = vsnprintf(line + 8, sizeof line - 9, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = 8 + (n < (int)sizeof line - 9 ? n : (int)sizeof line - 10);
	line[n++] = '\n';
	write_all(STDERR_FILENO, line, (size_t)n);
}
