/* table.c: /data's rows as csv, json and an html table (see table.h). */
#include "data/table.h"
#include "http/json.h"
#include "data/datarows.h"
#include "ocean/reply.h"

#include <string.h>

void write_csv(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
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

void write_json(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};
	struct json json;
	long long n = 0;

	json_start(&json, &rq->reply.text);
	json_rows(&json, NULL);
	while (next_row(rq, plan, st, &n)) {
		json_object(&json, NULL);
		for (int i = 0; i < plan->ncols; i++) {
			const struct column *col = plan->cols[i];

			buf_clear(&v);
			if (col->type == COL_TEXT && sqlite3_column_type(st, i) != SQLITE_NULL)
				json_str(&json, col->name, (const char *)sqlite3_column_text(st, i));
			else {
				cell_text(&v, st, i, col, 0);
				json_raw(&json, col->name, v.len ? buf_str(&v) : "null");
			}
		}
		json_end(&json);
	}
	buf_free(&v);
	if (rq->reply.status != 200)
		return; /* too many rows: refused */
	json_end(&json);
	say(rq, "\n");
	reply_raw(rq, "application/json");
}

/* html: the rows as a table, with times and numbers as people read them.
 * Returns how many, or -1 when refused (too many). */
long long write_table(struct request *rq, const struct query_plan *plan,
		      sqlite3_stmt *st)
{
	struct buf v = {0};
	long long n = 0;

	say(rq, "<table class=\"rows\" id=\"rows\"><tr>");
	for (int i = 0; i < plan->ncols; i++)   /* named and typed for www/datalive.js */
		say(rq, "<th data-column=\"%s\" data-type=\"%s\">%s<br/><small>%s</small></th>",
		    plan->cols[i]->name, type_name(plan->cols[i]->type), plan->cols[i]->name,
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
		return -1; /* too many rows: refused */
	say(rq, "</table>\n");
	return n;
}
