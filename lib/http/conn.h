/* conn.h: the connection a request comes in on and its reply goes out on,
 * the same for both serving modes.  Only lib's serving loop (serve.c) uses
 * it; nothing else reads the environment or writes to stdout.
 *
 *   CGI: one request, in the environment; the reply goes to stdout.
 *   Event mode (FastCGI, found when stdin is a listening socket): request
 *     after request from lighttpd, through Debian's libfcgi (fcgiapp.h); the
 *     reply goes out on the request's FastCGI stream.
 *
 * A reply may also be sent at a time to come (conn_reply_at: a limit's
 * refusal, when its second is over).  CGI sleeps until then; event mode
 * holds the request (its connection to lighttpd open, the reply made) and
 * serves the next ones meanwhile, sending it when its time comes. */
#ifndef MOCEAN_CONN_H
#define MOCEAN_CONN_H

#include <stddef.h>

#include <fcgiapp.h>

/* Event mode: how many requests a process holds at most (conn_reply_at).
 * Each holds a connection of lighttpd's and about 20 kB of libfcgi's
 * buffers; past it (or a quarter of the process's file limit, if less) a
 * reply is sent at once, so a flood over thousands of connections cannot
 * take the files a class's requests need. */
#define CONN_HOLD_MAX 256

struct held;

struct conn {
	int fastcgi;          /* 1: event mode */
	int served;           /* CGI: 1 once its one request was taken */
	FCGX_Request *fcgi;   /* event mode: the request being served */
	struct held *held;    /* event mode: a ring of requests; those held,
	                         oldest first, then the one being served */
	int first, n_held;    /* where the held ones start, how many */
	int hold_max;         /* how many may be held (CONN_HOLD_MAX or less) */
};

/* Wait for the next request.  Returns 1 with one to serve, 0 when there
 * are no more (CGI: after the first; event mode: lighttpd stops us).  In
 * event mode, held replies whose time has come are sent while it waits. */
int conn_accept(struct conn *c);

/* A CGI variable of the request (QUERY_STRING, HTTP_HOST ...), or "". */
const char *conn_param(const struct conn *c, const char *name);

/* Read the request's body (POST), at most max bytes, into *out (its
 * length in *len; a NUL follows it).  CGI: CONTENT_LENGTH bytes of stdin;
 * event mode: the request's FastCGI input stream.  Returns 0, 1 when the
 * body is longer than max (nothing kept), or -1 when it ended early. */
int conn_body(struct conn *c, size_t max, char **out, size_t *len);

/* Send the whole reply, headers and body, and end the request.  In event
 * mode the connection is closed at once, without waiting for lighttpd to
 * close its end first, so the process is free for the next request. */
void conn_reply(struct conn *c, const char *reply, size_t len);

/* The same, but not before `due` (seconds since 1970, CLOCK_REALTIME).
 * CGI: sleep until then, then send.  Event mode: hold the request and
 * return at once, so the process serves others; conn_accept sends it when
 * its time comes (requests are held in order: due must not be earlier than
 * the last held one's).  When CONN_HOLD_MAX are held already, send it now. */
void conn_reply_at(struct conn *c, const char *reply, size_t len, double due);

/* Close what conn_accept opened; replies still held are sent first. */
void conn_close(struct conn *c);

/* Out of memory while serving: answer 500 in one line on the connection
 * being served, log it, and end the process (lighttpd starts a new one). */
void conn_out_of_memory(void) __attribute__((noreturn));

#endif
