/* reply.h: building the answer.  A handler says its text with say() and the
 * like, adds JSON fields for format=json, or refuses with fail().  lib writes
 * the reply once, after the transaction: plain text by default, the same text
 * in an HTML page for client=browser, a JSON object for format=json. */
#ifndef MOCEAN_REPLY_H
#define MOCEAN_REPLY_H

#include "request.h"

/* Append printf-style text to the answer. */
void say(struct request *rq, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Append a real number as docs/PROTOCOL.md section 1 prints it (188.0, 12.5). */
void say_real(struct request *rq, double x);

/* Append n real numbers joined by commas: say_reals(rq, 3, x, y, z). */
void say_reals(struct request *rq, int n, ...);

/* Add a JSON field for format=json; the answer's text is always the field
 * "reply", so a route adds only what a program would want to read.
 * json_str with a NULL text writes null.  They build nothing when the reply
 * is not JSON (rq->no_json). */
void json_int(struct request *rq, const char *key, long long v);
void json_real(struct request *rq, const char *key, double v);
void json_str(struct request *rq, const char *key, const char *v);
void json_bool(struct request *rq, const char *key, int v);
/* A field whose value is already JSON text (an array, an object). */
void json_raw(struct request *rq, const char *key, const char *json);

/* Refuse: the answer becomes this one line with this HTTP status, and the
 * transaction is rolled back (a refusal changes nothing). */
void fail(struct request *rq, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Send the text as it is, with this Content-Type, whatever client= and
 * format= say (csv, svg and html files of /data, the JSON of /world). */
void reply_raw(struct request *rq, const char *content_type);

/* The form the reply will take: "json" (format=json), "browser"
 * (client=browser), or, when the client named neither, "browser" for a
 * client whose Accept header lists text/html with a q at least that of
 * star/star (a browser's address bar), and "" (plain text) for everything
 * else: Python's requests and curl send Accept: star/star. */
const char *reply_form(const struct request *rq);

/* The address students reach this server at, to put in the addresses a
 * reply tells them to type: the Host they sent when it looks like a host,
 * else "localhost:8080". */
const char *server_address(const struct request *rq);

/* Start an HTML page in b: the doctype, <html>, and a <head> with the
 * charset and the title (escaped), left open so a page can add its style;
 * the caller writes "</head>" and the body. */
void html_page_start(struct buf *b, const char *title);

/* The whole reply, in the form asked for, appended to reply: the status
 * line, the headers and the body (no body for HEAD).  The serving loop
 * sends it in one piece. */
void reply_write(struct request *rq, struct buf *reply);

#endif
