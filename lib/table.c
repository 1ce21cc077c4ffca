/* table.c: /data's rows as csv, json and html (see table.h). */
#include "table.h"
#include "datapage.h"
#include "fmt.h"
#include "plot.h"
#include "reply.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int next_row(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st,
	     long long *n)
{
	if (!db_row(rq->db, st))
		return 0;
	if (++*n <= plan->most)
		return 1;
	fail(rq, 400, "more than %lld rows match, and one %s holds at most %lld: "
	     "add limit=%lld, or conditions that keep fewer rows", plan->most,
	     plan->format == AS_SVG ? "plot" : "answer", plan->most, plan->most);
	return 0;
}

/* x rounded to two decimals for people: 28.13, 40, -0.5. */
static void people_real(struct buf *b, double x)
{
	char s[64];
	size_t n = (size_t)snprintf(s, sizeof s, "%.2f", x);

	if (n >= sizeof s) { /* too big to round: as it is */
		buf_printf(b, "%g", x);
		return;
	}
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	buf_puts(b, strcmp(s, "-0") == 0 ? "0" : s);
}

void cell_text(struct buf *b, sqlite3_stmt *st, int i, const struct column *col,
	       int people)
{
	char real[FMT_REAL_MAX], when[64];
	double v = sqlite3_column_double(st, i);
	time_t t = (time_t)floor(v);
	struct tm tm;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		break;
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		if (people && strcmp(col->name, "time") == 0 && fabs(v) < 1e12 &&
		    gmtime_r(&t, &tm) && strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm))
			buf_puts(b, when);
		else if (people && col->type == COL_REAL)
			people_real(b, v);
		else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
			buf_printf(b, "%lld", sqlite3_column_int64(st, i));
		else
			buf_puts(b, fmt_real(real, v));
		break;
	default:
		buf_puts(b, (const char *)sqlite3_column_text(st, i));
	}
}

/* csv: a header line, then rows; text quoted when it needs to be. */
static void write_csv(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};
	long long n = 0;

	for (int i = 0; i < plan->ncols; i++)
		say(rq, "%s%s", i ? "," : "", plan->cols[i]->name);
	say(rq, "\n");
	while (next_row(rq, plan, st, &n)) {
		for (int i = 0; i < plan->ncols; i++) {
			buf_clear(&v);
			cell_text(&v, st, i, plan->cols[i], 0);
			if (strpbrk(buf_str(&v), ",\"\n\r")) {
				say(rq, "%s\"", i ? "," : "");
				for (const char *p = buf_str(&v); *p; p++)
					say(rq, *p == '"' ? "\"\"" : "%c", *p);
				say(rq, "\"");
			} else {
				say(rq, "%s%s", i ? "," : "", buf_str(&v));
			}
		}
		say(rq, "\n");
	}
	buf_free(&v);
	if (rq->reply.status == 200)
		reply_raw(rq, "text/csv; charset=utf-8");
}

/* json: an array of objects, one per row. */
static void write_json(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};
	long long n = 0;

	say(rq, "[");
	while (next_row(rq, plan, st, &n)) {
		say(rq, n > 1 ? ",\n{" : "{");
		for (int i = 0; i < plan->ncols; i++) {
			buf_clear(&v);
			if (plan->cols[i]->type == COL_TEXT &&
			    sqlite3_column_type(st, i) != SQLITE_NULL)
				buf_json(&v, (const char *)sqlite3_column_text(st, i));
			else
				cell_text(&v, st, i, plan->cols[i], 0);
			say(rq, "%s\"%s\":%s", i ? "," : "", plan->cols[i]->name,
			    v.len ? buf_str(&v) : "null");
		}
		say(rq, "}");
	}
	buf_free(&v);
	if (rq->reply.status != 200)
		return; /* too many rows: refused */
	say(rq, "]\n");
	reply_raw(rq, "application/json");
}

/* html: the address asked, the query form to change it, then the rows as a
 * table, with times and numbers as people read them. */
static void write_html(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};
	long long n = 0;
	char *asked;

	html_page_start(&rq->reply.text, plan->d->name);
	say(rq, "<link rel=\"stylesheet\" href=\"/data.css\"/></head>\n<body>"
		"<h1>%s</h1><p class=\"asked\">You asked for /data?", plan->d->name);
	asked = xstrdup(rq->in.query ? rq->in.query : "");
	buf_html(&rq->reply.text, url_decode(asked) == 0 ? asked : rq->in.query);
	free(asked);
	say(rq, "</p>\n");
	write_form(rq, plan);
	say(rq, "<table class=\"rows\"><tr>");
	for (int i = 0; i < plan->ncols; i++)
		say(rq, "<th>%s<br/><small>%s</small></th>", plan->cols[i]->name,
		    plan->cols[i]->unit);
	say(rq, "</tr>\n");
	while (next_row(rq, plan, st, &n)) {
		say(rq, "<tr>");
		for (int i = 0; i < plan->ncols; i++) {
			buf_clear(&v);
			cell_text(&v, st, i, plan->cols[i], 1);
			say(rq, "<td>");
			buf_html(&rq->reply.text, buf_str(&v));
			say(rq, "</td>");
		}
		say(rq, "</tr>\n");
	}
	buf_free(&v);
	if (rq->reply.status != 200)
		return; /* too many rows: refused */
	say(rq, "</table>\n<p>%lld rows</p><script src=\"/data.js\"></script>"
		"</body></html>\n", n);
	reply_raw(rq, "text/html; charset=utf-8");
}

void write_rows(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	switch (plan->format) {
	case AS_CSV: write_csv(rq, plan, st); break;
	case AS_JSON: write_json(rq, plan, st); break;
	case AS_HTML: write_html(rq, plan, st); break;
	case AS_SVG: write_svg(rq, plan, st); break;
	}
}
