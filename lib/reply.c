/* reply.c: the answer's text, its JSON fields and its three forms (reply.h). */
#include "reply.h"
#include "fmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
	json_key(rq, key);
	buf_printf(&rq->json, "%lld", v);
}

void json_real(struct request *rq, const char *key, double v)
{
	char b[FMT_REAL_MAX];

	json_key(rq, key);
	fmt_real(b, v);
	/* JSON has no nan or inf; a route should never produce them. */
	buf_puts(&rq->json, strpbrk(b, "ni") ? "null" : b);
}

void json_str(struct request *rq, const char *key, const char *v)
{
	json_key(rq, key);
	if (v)
		buf_json(&rq->json, v);
	else
		buf_puts(&rq->json, "null");
}

void json_bool(struct request *rq, const char *key, int v)
{
	json_key(rq, key);
	buf_puts(&rq->json, v ? "true" : "false");
}

void json_raw(struct request *rq, const char *key, const char *json)
{
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

/* The reason phrase for the statuses we send. */
static const char *status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

void reply_write(struct request *rq)
{
	struct buf out = {0};
	const char *format = query_str(&rq->query, "format");
	const char *client = query_str(&rq->query, "client");
	const char *type;

	if (rq->raw_type && rq->status == 200) {
		type = rq->raw_type;
		buf_add(&out, buf_str(&rq->text), rq->text.len);
	} else if (strcmp(format, "json") == 0) {
		type = "application/json";
		buf_puts(&out, rq->status == 200 ? "{\"reply\":" : "{\"error\":");
		buf_json(&out, buf_str(&rq->text));
		if (rq->status != 200)
			buf_printf(&out, ",\"status\":%d", rq->status);
		buf_add(&out, buf_str(&rq->json), rq->json.len);
		buf_puts(&out, "}");
	} else if (strcmp(client, "browser") == 0) {
		type = "text/html; charset=utf-8";
		buf_printf(&out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/>"
			   "<title>%s</title></head>\n<body><pre>",
			   rq->route ? rq->route->name : "mocean");
		buf_html(&out, buf_str(&rq->text));
		buf_puts(&out, "</pre></body></html>\n");
	} else {
		type = "text/plain; charset=utf-8";
		buf_add(&out, buf_str(&rq->text), rq->text.len);
	}
	printf("Status: %d %s\r\n"
	       "Content-Type: %s\r\n"
	       "Access-Control-Allow-Origin: *\r\n"
	       "Cache-Control: no-store\r\n"
	       "\r\n", rq->status, status_text(rq->status), type);
	fwrite(buf_str(&out), 1, out.len, stdout);
	fflush(stdout);
	buf_free(&out);
}
