/* reply.c: the answer's text, its JSON fields and its three forms (reply.h). */
#include "reply.h"
#include "fmt.h"


#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void say(struct request *rq, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&rq->text, fmt, ap);
	va_end(ap);
}

void say_real(struct request *rq, double x)
{
	char b[FMT_REAL_MAX];
	buf_puts(&rq->text, fmt_real(b, x));
}

void say_reals(struct request *rq, int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_puts(&rq->text, ",");
		say_real(rq, va_arg(ap, double));
	}
	va_end(ap);
}

/* Start a JSON field: ,"key": */
static void json_key(struct request *rq, const char *key)
{
	buf_puts(&rq->json, ",");
	buf_json(&rq->json, key);
	buf_puts(&rq->json, ":");
}

void json_int(struct request *rq, const char *key, long long v)
{
	if (rq->no_json)
		return;
	json_key(rq, key);
	buf_printf(&rq->json, "%lld", v);
}

void json_real(struct request *rq, const char *key, double v)
{
	char b[FMT_REAL_MAX];

	if (rq->no_json)
		return;
	json_key(rq, key);
	fmt_real(b, v);
	/* JSON has no nan or inf; a route should never produce them. */
	buf_puts(&rq->json, strpbrk(b, "ni") ? "null" : b);
}

void json_str(struct request *rq, const char *key, const char *v)
{
	if (rq->no_json)
		return;
	json_key(rq, key);
	if (v)
		buf_json(&rq->json, v);
	else
		buf_puts(&rq->json, "null");
}

void json_bool(struct request *rq, const char *key, int v)
{
	if (rq->no_json)
		return;
	json_key(rq, key);
	buf_puts(&rq->json, v ? "true" : "false");
}

void json_raw(struct request *rq, const char *key, const char *json)
{
	if (rq->no_json)
		return;
	json_key(rq, key);
	buf_puts(&rq->json, json);
}

void fail(struct request *rq, int status, const char *fmt, ...)
{
	va_list ap;

	rq->status = status;
	rq->raw_type = NULL;
	buf_clear(&rq->text);
	buf_clear(&rq->json);
	va_start(ap, fmt);
	buf_vprintf(&rq->text, fmt, ap);
	va_end(ap);
}

void reply_raw(struct request *rq, const char *content_type)
{
	rq->raw_type = content_type;
}

const char *server_address(const struct request *rq)
{
	return is_host(rq->in.host) ? rq->in.host : "localhost:8080";
}

void html_page_start(struct buf *b, const char *title)
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
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* format= and client= first; else the Accept header, range by range. */
const char *reply_form(const struct request *rq)
{
	const char *a = rq->in.accept ? rq->in.accept : "";
	double q_html = 0, q_any = 0;
	char range[64], *semi, *qs;

	if (query_has(&rq->query, "format") || query_has(&rq->query, "client"))
		return strcmp(query_str(&rq->query, "format"), "json") == 0 ? "json" :
		       query_str(&rq->query, "client");
	while (*a) {
		size_t len = strcspn(a, ",");
		double q = 1;
		snprintf(range, sizeof range, "%.*s", (int)(len < 63 ? len : 63), a);
		a += len + (a[len] == ',');
		if ((semi = strchr(range, ';')) != NULL) {
			*semi = '\0';
			if ((qs = strstr(semi + 1, "q=")) != NULL && parse_real(trim_space(qs + 2), &q) < 0)
				q = 0;
		}
		if (strcasecmp(trim_space(range), "text/html") == 0)
			q_html = q;
		else if (strcmp(trim_space(range), "*/*") == 0)
			q_any = q;
	}
	return q_html > 0 && q_html >= q_any ? "browser" : "";
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

/* A Steps level's browser page goes on with a link to the next route and a
 * form for the next guess that sends the same GET address a program would,
 * and shows it as it is typed (the form works without the script too). */
static void guess_form(struct buf *out, const struct request *rq)
{
	const char *name = query_str(&rq->query, "name"), *key = rq->guess_key;
	struct buf address = {0};
	char route[64];   /* "/beguine": route names are short words */

	snprintf(route, sizeof route, "%s%s", rq->next_route ? "" : "/",
		 rq->next_route ? rq->next_route : rq->route->name);
	if (rq->next_route)
		buf_printf(out, "<p>Next: <a href=\"%s?client=browser\">%s</a></p>\n",
			   route, route);
	if (key) {
		buf_printf(&address, "%s?%s=%s%s&client=browser", route, key,
			   *name ? "&name=" : "", name);
		buf_printf(out, "<form id=\"guess\" method=\"get\" action=\"%s\"><p>"
			   "<label>%s=<input type=\"text\" name=\"%s\" "
			   "autofocus=\"autofocus\"/></label>\n", route, key, key);
		if (*name) {   /* so that solving still records the player */
			buf_puts(out, "<input type=\"hidden\" name=\"name\" value=\"");
			buf_html(out, name);
			buf_puts(out, "\"/>\n");
		}
		buf_puts(out, "<input type=\"hidden\" name=\"client\" value=\"browser\"/>\n"
			 "<input type=\"submit\" value=\"send\"/></p>\n"
			 "<p>The address it sends: <code id=\"address\">");
		buf_html(out, buf_str(&address));
		buf_puts(out, "</code></p></form>\n<script>\n"
			 "var form = document.getElementById('guess');\n"
			 "form.addEventListener('input', function () {\n"
			 "  document.getElementById('address').textContent =\n"
			 "    form.getAttribute('action') + '?' +\n"
			 "    new URLSearchParams(new FormData(form));\n"
			 "});\n</script>\n");
	}
	buf_free(&address);
}

void reply_write(struct request *rq, struct buf *reply)
{
	struct buf out = {0};
	const char *form = reply_form(rq);
	const char *type;

	if (rq->raw_type && rq->status == 200) {
		type = rq->raw_type;
		buf_add(&out, buf_str(&rq->text), rq->text.len);
	} else if (strcmp(form, "json") == 0) {
		type = "application/json";
		buf_puts(&out, rq->status == 200 ? "{\"reply\":" : "{\"error\":");
		buf_json(&out, buf_str(&rq->text));
		if (rq->status != 200)
			buf_printf(&out, ",\"status\":%d", rq->status);
		buf_add(&out, buf_str(&rq->json), rq->json.len);
		buf_puts(&out, "}");
	} else if (strcmp(form, "browser") == 0) {
		type = "text/html; charset=utf-8";
		html_page_start(&out, rq->route ? rq->route->name : "mocean");
		buf_puts(&out, "</head>\n<body><pre>");
		html_with_links(&out, buf_str(&rq->text));
		buf_puts(&out, "</pre>\n");
		if (rq->status == 200 && (rq->next_route || rq->guess_key))
			guess_form(&out, rq);
		buf_puts(&out, "</body></html>\n");
	} else {
		type = "text/plain; charset=utf-8";
		buf_add(&out, buf_str(&rq->text), rq->text.len);
	}
	buf_printf(reply, "Status: %d %s\r\n"
		   "Content-Type: %s\r\n"
		   "Access-Control-Allow-Origin: *\r\n"
		   "Cache-Control: no-store\r\n"
		   "%s"
		   "\r\n", rq->status, status_text(rq->status), type,
		   rq->status == 405 ? "Allow: GET, HEAD\r\n" :
		   rq->status == 429 ? "Retry-After: 1\r\n" : "");
	if (strcmp(rq->in.method ? rq->in.method : "", "HEAD") != 0)
		buf_add(reply, out.s ? out.s : "", out.len);
	buf_free(&out);
}
