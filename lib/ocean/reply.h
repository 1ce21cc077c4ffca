/* reply.h: building the answer.  A handler says its text with say() and the
 * like, adds JSON fields for format=json, or refuses with fail().  lib writes
 * the reply once, after the transaction: plain text by default, the same text
 * in an HTML page for client=browser, a JSON object for format=json. */
#ifndef MOCEAN_REPLY_H
#define MOCEAN_REPLY_H

#include "http/buf.h"
#include "http/json.h"

struct request;

/* The form of the reply, decided once per request (reply_decide). */
enum reply_form {
	FORM_TEXT = 0,  /* plain text */
	FORM_BROWSER,   /* the same text in an HTML page */
	FORM_JSON,      /* a JSON object: "reply" and the route's fields */
};

/* The answer being built.  lib writes it only after the transaction ends. */
struct reply {
	enum reply_form form;  /* as reply_decide found it */
	int status;            /* HTTP status, 200 unless fail() said */
	int retry_after;       /* a 429's Retry-After in seconds (0: 1) */
	struct buf text;       /* the answer as plain text */
	struct buf fields;     /* JSON fields after "reply": ,"key":value ... */
	struct json json;      /* the route's writer of fields: it writes
	                          nothing unless the form is FORM_JSON */
	const char *raw_type;  /* set: send text as is with this Content-Type */
	const char *next;      /* a Steps level solved: the route that follows
	                          ("/beguine"), for the browser page (page.h) */
	const char *next_key;  /* the key the page's form sends there (NULL:
	                          a link only) */
	struct buf note;       /* sentences for people, under the reply on the
	                          browser page only (say_note) */
	struct buf lines;      /* escaped HTML paragraphs, <p class=...>, shown
	                          under the reply on the browser page only
	                          (reply_paragraph, explain.h) */
};

/* Append printf-style text to the answer. */
void say(struct request *rq, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A sentence for people that programs must not meet in the text reply
 * (why nobody moves in a round's lobby): on the browser page, under the
 * reply; in JSON, as the field "why" (key). */
void say_note(struct request *rq, const char *key, const char *sentence);

/* On the browser page only, a paragraph <p class="cls"> (cls "explain" or
 * "hint", see www/style.css) of text, escaped, under the reply; nothing in
 * the other forms. */
void reply_paragraph(struct request *rq, const char *cls, const char *text);

/* Append a real number as docs/PROTOCOL.md section 1 prints it (188.0, 12.5). */
void say_real(struct request *rq, double x);

/* Append n real numbers joined by commas: say_reals(rq, 3, x, y, z). */
void say_reals(struct request *rq, int n, ...);

/* A route adds JSON fields for format=json with json.h's writer on
 * &rq->reply.json: json_int(&rq->reply.json, "id", id).  The answer's text
 * is always the field "reply", so a route adds only what a program would
 * want to read. */

/* Refuse: the answer becomes this one line with this HTTP status, and the
 * transaction is rolled back (a refusal changes nothing). */
void fail(struct request *rq, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Send the text as it is, with this Content-Type, whatever client= and
 * format= say (csv, svg and html files of /data, the JSON of /world). */
void reply_raw(struct request *rq, const char *content_type);

/* Decide the form of the reply, once, from the query as far as it was read
 * and the Accept header, and set the JSON writer up for it: FORM_JSON for
 * format=json (and for client=json, as the first server took it),
 * FORM_BROWSER for client=browser; when the client named neither,
 * FORM_BROWSER for a client whose Accept header lists text/html with a q at
 * least that of star/star (a browser's address bar), and FORM_TEXT for
 * everything else: Python's requests and curl send Accept: star/star. */
void reply_decide(struct request *rq);

/* The address students reach this server at, to put in the addresses a
 * reply tells them to type: the Host they sent when it looks like a host,
 * else "localhost:8080". */
const char *reply_server_address(const struct request *rq);

/* Start an HTML page in b: the doctype, <html>, and a <head> with the
 * charset and the title (escaped), left open so a page can add its style;
 * the caller writes "</head>" and the body. */
void reply_page_start(struct buf *b, const char *title);

/* The whole reply, in the form asked for, appended to reply: the status
 * line, the headers and the body (no body for HEAD).  The serving loop
 * sends it in one piece. */
void reply_write(struct request *rq, struct buf *reply);

/* Free what the reply holds. */
void reply_free(struct reply *r);

#endif
