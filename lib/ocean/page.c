/* page.c: the one web page of every route and Steps level (see page.h). */
#include "ocean/page.h"
#include "ocean/explain.h"
#include "http/query.h"
#include "ocean/reply.h"
#include "ocean/request.h"

#include <stdio.h>
#include <string.h>

#define FIELDS_MAX (ROUTE_MAX_KEYS + 4)   /* the route's keys, name, world, secret, client */
#define LONG_REPLY 400                    /* bytes: a longer reply is set smaller */

/* One field of the form for the next try. */
struct field {
	const char *name;
	const char *value;   /* prefilled: as sent, or "" */
	int hidden;          /* 1: kept as sent, not shown (client=, a level's name=) */
	int secret;          /* 1: a word not to show on a projector (secret=, key=) */
};

/* 1 for a key whose value the page never shows: a secret word, the teacher key. */
static int is_secret_key(const char *key)
{
	return strcmp(key, "secret") == 0 || strcmp(key, "key") == 0;
}

/* Append text for an HTML page, escaped, with every web address in it
 * (http://... up to a space) a link a student can click. */
static void html_with_links(struct buf *out, const char *text)
{
	const char *p = text, *at = text;
	struct buf part = {0};

	while ((at = strstr(at, "http"))) {
		if (strncmp(at, "http://", 7) != 0 && strncmp(at, "https://", 8) != 0) {
			at += 4;
			continue;
		}
		size_t len = strcspn(at, " \t\n\"'<>");
		buf_clear(&part);
		buf_add(&part, p, (size_t)(at - p));
		buf_html(out, buf_str(&part));
		buf_clear(&part);
		buf_add(&part, at, len);
		buf_puts(out, "<a href=\"");
		buf_html(out, buf_str(&part));
		buf_puts(out, "\">");
		buf_html(out, buf_str(&part));
		buf_puts(out, "</a>");
		p = at = at + len;
	}
	buf_html(out, p);
	buf_free(&part);
}

/* The page's head and its header, like the students' page: the title, and
 * under it what the route is for (about may be ""). */
static void page_top(struct buf *out, const char *title, const char *about)
{
	reply_page_start(out, title);
	buf_puts(out, "<link rel=\"stylesheet\" href=\"/style.css\"/></head>\n"
		 "<body class=\"page\">\n<header><h1><a href=\"/\">Mocean</a> ");
	buf_html(out, title);
	buf_puts(out, "</h1>");
	if (*about) {
		buf_puts(out, "<p>");
		buf_html(out, about);
		buf_puts(out, "</p>");
	}
	buf_puts(out, "</header>\n<main>\n");
}

/* The reply in large type; a refusal marked, with its status. */
static void page_reply(struct buf *out, int status, const char *text)
{
	buf_printf(out, "<pre id=\"reply\" class=\"reply%s%s\">",
		   status == 200 ? "" : " refused", strlen(text) > LONG_REPLY ? " long" : "");
	html_with_links(out, text);
	buf_puts(out, "</pre>\n");
	if (status != 200)
		buf_printf(out, "<p class=\"status\">The server said no (HTTP %d): the "
			   "sentence above says what to change.</p>\n", status);
}

/* The end of the page: the script that builds the next address. */
static void page_bottom(struct buf *out)
{
	buf_puts(out, "</main>\n<script src=\"/page.js\"></script>\n</body></html>\n");
}

/* The route part of the address asked: "/begin", or for /notfound the
 * path the student typed (when it is short, UTF-8 text). */
static void asked_path(const struct request *rq, char *out, size_t len)
{
	const char *uri = rq->in.uri ? rq->in.uri : "";
	size_t n = strcspn(uri, "?");

	if (rq->route && rq->route->game != GAME_NONE)
		snprintf(out, len, "/%s", rq->route->name);
	else if (n > 0 && n < len && utf8_valid(uri, n))
		snprintf(out, len, "%.*s", (int)n, uri);
	else
		snprintf(out, len, "/");
}

/* The query as it came: for /notfound (lighttpd's handler of an unknown
 * address, which gets no QUERY_STRING of its own) the part of the address
 * after '?'. */
static const char *raw_query(const struct request *rq)
{
	const char *uri = rq->in.uri ? rq->in.uri : "";

	if (rq->route && rq->route->game != GAME_NONE)
		return rq->in.query ? rq->in.query : "";
	return strchr(uri, '?') ? strchr(uri, '?') + 1 : "";
}

/* The address asked, as a person reads it: the host, the path, and each
 * term as sent (decoded), a secret word or key shown as dots. */
static void asked_address(struct buf *out, const struct request *rq, const char *path)
{
	const struct query *q = &rq->query;

	buf_puts(out, "http://");
	buf_html(out, reply_server_address(rq));
	buf_html(out, path);
	if (q->nterms == 0 && *raw_query(rq) && utf8_valid(raw_query(rq), strlen(raw_query(rq)))) {
		buf_puts(out, "?");   /* not read: shown as it came */
		buf_html(out, raw_query(rq));
	}
	for (int i = 0; i < q->nterms; i++) {
		buf_puts(out, i ? "&amp;" : "?");
		if (is_secret_key(q->terms[i].key)) {
			buf_html(out, q->terms[i].key);
			buf_puts(out, "=\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2");   /* ••• */
		} else {
			buf_html(out, q->terms[i].text);
		}
	}
}

/* Add a field when there is room and it is not there yet. */
static void add_field(struct field *f, int *n, const char *name, const char *value, int hidden)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(f[i].name, name) == 0)
			return;
	if (*n == FIELDS_MAX)
		return;
	f[*n].name = name;
	f[*n].value = value;
	f[*n].hidden = hidden;
	f[*n].secret = is_secret_key(name);
	(*n)++;
}

/* The fields of the form for the next try (see page.h); returns how many. */
static int next_fields(const struct request *rq, struct field *f)
{
	const struct route *r = rq->route;
	const struct query *q = &rq->query;
	const struct reply *rp = &rq->reply;
	int n = 0;

	if (rp->next) {   /* a level solved: the next level's key, the same name */
		add_field(f, &n, rp->next_key, "", 0);
		if (query_has(q, "name"))
			add_field(f, &n, "name", query_str(q, "name"), 1);
	} else {
		for (int i = 0; r && i < ROUTE_MAX_KEYS && r->keys[i].name; i++)
			add_field(f, &n, r->keys[i].name, query_str(q, r->keys[i].name), 0);
		if (r && r->store == STORE_PROGRESS)
			add_field(f, &n, "name", query_str(q, "name"), 0);
		if (r && (r->store == STORE_WORLD || r->store == STORE_WORLD_READ))
			add_field(f, &n, "world", query_str(q, "world"), 0);
		if (n == 0)
			return 0;   /* no keys: the form is the address itself */
	}
	if (r && r->store != STORE_NONE && query_has(q, "world"))
		add_field(f, &n, "world", query_str(q, "world"), 1);
	if (query_has(q, "secret"))
		add_field(f, &n, "secret", query_str(q, "secret"), 0);
	if (query_has(q, "client"))
		add_field(f, &n, "client", query_str(q, "client"), 1);
	return n;
}

/* The address the form builds from its fields as they are: the fields
 * with a value, in order; a secret shown as dots (www/page.js builds the
 * same as the fields change). */
static void built_address(struct buf *out, const struct request *rq, const char *action,
			  const struct field *f, int n)
{
	int first = 1;

	buf_puts(out, "http://");
	buf_html(out, reply_server_address(rq));
	buf_html(out, action);
	for (int i = 0; i < n; i++) {
		if (!*f[i].value)
			continue;
		buf_puts(out, first ? "?" : "&amp;");
		buf_html(out, f[i].name);
		buf_puts(out, "=");
		if (f[i].secret)
			buf_puts(out, "\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2");
		else
			buf_html(out, f[i].value);
		first = 0;
	}
}

/* One field: a label "key=" and its box (hidden: the box alone). */
static void field_html(struct buf *out, const struct field *f)
{
	if (f->hidden) {
		buf_puts(out, "<input type=\"hidden\" name=\"");
		buf_html(out, f->name);
		buf_puts(out, "\" value=\"");
		buf_html(out, f->value);
		buf_puts(out, "\"/>\n");
		return;
	}
	buf_puts(out, "<label><span class=\"key\">");
	buf_html(out, f->name);
	buf_printf(out, "=</span><input type=\"%s\" name=\"", f->secret ? "password" : "text");
	buf_html(out, f->name);
	buf_puts(out, "\" value=\"");
	buf_html(out, f->value);
	buf_puts(out, "\" autocomplete=\"off\" spellcheck=\"false\"/></label>\n");
}

/* The form for the next try: its fields, the address it builds, a button. */
static void next_form(struct buf *out, const struct request *rq, const char *path)
{
	struct field f[FIELDS_MAX];
	int n = next_fields(rq, f);
	const char *action = rq->reply.next ? rq->reply.next : path;

	buf_puts(out, "<form id=\"next\" class=\"next\" method=\"get\" action=\"");
	buf_html(out, action);
	buf_printf(out, "\">\n<h2>%s</h2>\n<div class=\"fields\">\n",
		   rq->reply.next ? "The next step" : "Try again, or change a value");
	if (n == 0) {   /* the whole address, to change into another */
		buf_puts(out, "<label><span class=\"key\">address</span><input type=\"text\" "
			 "id=\"whole\" value=\"");
		buf_html(out, path);
		if (*raw_query(rq) && utf8_valid(raw_query(rq), strlen(raw_query(rq)))) {
			buf_puts(out, "?");
			buf_html(out, raw_query(rq));
		}
		buf_puts(out, "\" autocomplete=\"off\" spellcheck=\"false\"/></label>\n");
	}
	for (int i = 0; i < n; i++)
		field_html(out, &f[i]);
	buf_puts(out, "</div>\n<p class=\"address\">The address it opens: <code id=\"address\">");
	if (n)
		built_address(out, rq, action, f, n);
	else
		asked_address(out, rq, path);
	buf_puts(out, "</code></p>\n<p><button type=\"submit\">Open it</button></p>\n</form>\n");
}

/* For a request acting as player id= in a world: a link to what the
 * server saw as that player (/log; its secret word is not in the link). */
static void seen_link(struct buf *out, const struct request *rq)
{
	const struct route *r = rq->route;
	const char *world = query_str(&rq->query, "world");
	long long id;

	if (!r || r->unlogged || (r->store != STORE_WORLD && r->store != STORE_WORLD_READ))
		return;
	if (text_to_int(query_str(&rq->query, "id"), &id) < 0 || id < 0)
		return;
	if (*world && !is_word(world, WORLD_NAME_MAX))
		return;
	buf_printf(out, "<p class=\"seen\"><a id=\"seen\" href=\"/log?id=%lld", id);
	if (*world)
		buf_printf(out, "&amp;world=%s", world);
	buf_printf(out, "&amp;client=browser\">What the server saw</a> as player %lld: "
		   "its last 50 requests, from here or from your program.</p>\n", id);
}

void page_write(struct buf *out, const struct request *rq)
{
	const struct route *r = rq->route;
	const struct reply *rp = &rq->reply;
	char path[128];

	asked_path(rq, path, sizeof path);
	page_top(out, path, r && r->about && rp->status == 200 ? r->about : "");
	buf_puts(out, "<p class=\"asked\">You asked <code id=\"asked\">");
	asked_address(out, rq, path);
	buf_puts(out, "</code></p>\n");
	page_reply(out, rp->status, buf_str(&rp->text));
	if (rp->note.len && rp->status == 200) {   /* say_note: for people only */
		buf_puts(out, "<p id=\"note\" class=\"note\">");
		buf_html(out, buf_str(&rp->note));
		buf_puts(out, "</p>\n");
	}
	if (rp->lines.len && rp->status == 200)   /* reply_paragraph: escaped already */
		buf_add(out, buf_str(&rp->lines), rp->lines.len);
	if (r && r->game == GAME_MOCEAN && rp->status == 200)
		explain_route(out, rq);   /* the units, what the numbers are */
	if (rp->next && rp->status == 200) {
		buf_puts(out, "<p class=\"next\">Next: <a href=\"");
		buf_html(out, rp->next);
		buf_puts(out, "?client=browser\">");
		buf_html(out, rp->next);
		buf_puts(out, "</a></p>\n");
	}
	if (!rp->next || rp->next_key)   /* the end of the chain: the link alone */
		next_form(out, rq, path);
	seen_link(out, rq);
	page_bottom(out);
}
