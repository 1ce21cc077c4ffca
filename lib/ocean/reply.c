/* reply.c: the answer's text, its JSON fields and its three forms (reply.h). */
#include "ocean/reply.h"
#include "http/fmt.h"
#include "ocean/page.h"
#include "ocean/request.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void say(struct request *rq, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&rq->reply.text, fmt, ap);
	va_end(ap);
}

void say_real(struct request *rq, double x)
{
	char b[FMT_REAL_MAX];
	buf_puts(&rq->reply.text, fmt_real(b, x));
}

void say_reals(struct request *rq, int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&rq->reply.text, ",");
		say_real(rq, va_arg(ap, double));
	}
	va_end(ap);
}

void fail(struct request *rq, int status, const char *fmt, ...)
{
	va_list ap;

	rq->reply.status = status;
	rq->reply.raw_type = NULL;
	rq->reply.next = NULL;
	rq->reply.next_key = NULL;
	buf_clear(&rq->reply.text);
	buf_clear(&rq->reply.fields);
	json_members(&rq->reply.json, rq->reply.form == FORM_JSON ? &rq->reply.fields : NULL);
	va_start(ap, fmt);
	buf_vprintf(&rq->reply.text, fmt, ap);
	va_end(ap);
}

void reply_raw(struct request *rq, const char *content_type)
{
	rq->reply.raw_type = content_type;
}

const char *reply_server_address(const struct request *rq)
{
	return rq->in.host && is_host(rq->in.host) ? rq->in.host : "localhost:8080";
}

void reply_page_start(struct buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/>"
		 "<meta name=\"viewport\" content=\"width=device-width\"/><title>");
	buf_html(b, title);
	buf_puts(b, "</title>");
}

/* The reason phrase for the statuses we send. */
static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* The form a client named with format= or client=. */
static enum reply_form named_form(const struct query *q)
{
	const char *client = query_str(q, "client");

	if (strcmp(query_str(q, "format"), "json") == 0 || strcmp(client, "json") == 0)
		return FORM_JSON;
	return strcmp(client, "browser") == 0 ? FORM_BROWSER : FORM_TEXT;
}

/* The form an Accept header asks for, range by range. */
static enum reply_form accepted_form(const char *accept)
{
	const char *a = accept ? accept : "";
	double q_html = 0, q_any = 0;
	char range[64], *semi, *qs;

	while (*a) {
		size_t len = strcspn(a, ",");
		double q = 1;
		snprintf(range, sizeof range, "%.*s", (int)(len < 63 ? len : 63), a);
		a += len + (a[len] == ',');
		if ((semi = strchr(range, ';')) != NULL) {
			*semi = '\0';
			if ((qs = strstr(semi + 1, "q=")) != NULL && text_to_real(trim_space(qs + 2), &q) < 0)
				q = 0;
		}
		if (strcasecmp(trim_space(range), "text/html") == 0)
			q_html = q;
		else if (strcmp(trim_space(range), "*/*") == 0)
			q_any = q;
	}
	return q_html > 0 && q_html >= q_any ? FORM_BROWSER : FORM_TEXT;
}

void reply_decide(struct request *rq)
{
	struct reply *r = &rq->reply;

	if (query_has(&rq->query, "format") || query_has(&rq->query, "client"))
		r->form = named_form(&rq->query);
	else
		r->form = accepted_form(rq->in.accept);
	/* JSON fields are built only for a JSON reply. */
	json_members(&r->json, r->form == FORM_JSON ? &r->fields : NULL);
}

void reply_write(struct request *rq, struct buf *reply)
{
	const struct reply *r = &rq->reply;
	struct buf out = {0};
	struct json j;
	const char *type;
	char retry[48];

	snprintf(retry, sizeof retry, "Retry-After: %d\r\n",
		 r->retry_after > 0 ? r->retry_after : 1);
	if (r->raw_type && r->status == 200) {
		type = r->raw_type;
		buf_add(&out, buf_str(&r->text), r->text.len);
	} else if (r->form == FORM_JSON) {
		type = "application/json";
		json_start(&j, &out);
		json_object(&j, NULL);
		json_str(&j, r->status == 200 ? "reply" : "error", buf_str(&r->text));
		if (r->status != 200)
			json_int(&j, "status", r->status);
		buf_add(&out, buf_str(&r->fields), r->fields.len);
		json_end(&j);
	} else if (r->form == FORM_BROWSER) {
		type = "text/html; charset=utf-8";
		page_write(&out, rq);
	} else {
		type = "text/plain; charset=utf-8";
		buf_add(&out, buf_str(&r->text), r->text.len);
	}
	buf_printf(reply, "Status: %d %s\r\n"
		   "Content-Type: %s\r\n"
		   "Access-Control-Allow-Origin: *\r\n"
		   "Cache-Control: no-store\r\n"
		   "%s"
		   "\r\n", r->status, status_text(r->status), type,
		   r->status == 405 && rq->route->body ? "Allow: GET, HEAD, POST\r\n" :
		   r->status == 405 ? "Allow: GET, HEAD\r\n" :
		   r->status == 429 ? retry : "");
	if (strcmp(rq->in.method ? rq->in.method : "", "HEAD") != 0)
		buf_add(reply, out.s ? out.s : "", out.len);
	buf_free(&out);
}

void say_note(struct request *rq, const char *key, const char *sentence)
{
	json_str(&rq->reply.json, key, sentence);
	if (rq->reply.form == FORM_BROWSER)
		buf_printf(&rq->reply.note, "%s%s", rq->reply.note.len ? " " : "", sentence);
}

void reply_paragraph(struct request *rq, const char *cls, const char *text)
{
	if (rq->reply.form != FORM_BROWSER)
		return;
	buf_puts(&rq->reply.lines, "<p class=\"");
	buf_html(&rq->reply.lines, cls);
	buf_puts(&rq->reply.lines, "\">");
	buf_html(&rq->reply.lines, text);
	buf_puts(&rq->reply.lines, "</p>\n");
}

void reply_free(struct reply *r)
{
	buf_free(&r->text);
	buf_free(&r->fields);
	buf_free(&r->note);
	buf_free(&r->lines);
}
