/* table.c: /data's answers in every format (see table.h). */
#include "table.h"
#include "db.h"
#include "fmt.h"
#include "reply.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Examples for the trench: a line north-south at x = 200 crosses it. */
#define TRENCH_LINE "dataset=bathymetry&step=5&x=200&y>=250&y<=350"

static void link(struct request *rq, int html, const char *query)
{
	if (html) {
		say(rq, "<a href=\"/data?");
		buf_html(&rq->text, query);
		say(rq, "\">/data?");
		buf_html(&rq->text, query);
		say(rq, "</a>");
	} else {
		say(rq, "/data?%s", query);
	}
}

void data_list(struct request *rq)
{
	int n, html = strcmp(query_str(&rq->query, "client"), "browser") == 0;
	const struct dataset *d = all_datasets(&n);

	if (html)
		say(rq, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/>"
			"<title>Mocean data</title></head><body><pre>");
	say(rq, "Mocean's data service: ask for a dataset, the columns you want, "
		"conditions on the rows, and a format.\n\n");
	for (int i = 0; i < n; i++) {
		say(rq, "%s: ", d[i].name);
		if (html)
			buf_html(&rq->text, d[i].about);
		else
			say(rq, "%s", d[i].about);
		say(rq, "\n  example: ");
		link(rq, html, d[i].example);
		say(rq, "\n  its columns: ");
		char info[64];
		snprintf(info, sizeof info, "dataset=%s&info", d[i].name);
		link(rq, html, info);
		say(rq, "\n\n");
	}
	say(rq, "Keys: columns=a,b  conditions like depth>20 or name=fred (all must "
		"hold)  orderby=a,b desc  limit=N  format=csv, json, html or svg "
		"(svg plots x=COLUMN against y=COLUMN)  world=NAME\n\n"
		"The depths along a line across the trench (x = 200, y from 250 to 350):\n  as csv:  ");
	link(rq, html, TRENCH_LINE "&columns=y,depth");
	say(rq, "\n  as json: ");
	link(rq, html, TRENCH_LINE "&columns=y,depth&format=json");
	say(rq, "\n  a plot:  ");
	link(rq, html, TRENCH_LINE "&format=svg&x=y&y=depth");
	say(rq, "\n\nAdd a depth you measured: ");
	link(rq, html, "dataset=soundings&add&name=fred&x=12.5&y=40&depth=28.1");
	say(rq, "\n");
	if (html) {
		say(rq, "</pre></body></html>\n");
		reply_raw(rq, "text/html; charset=utf-8");
	}
}

/* Append one value of the current row in column i as text. */
static void cell(struct buf *b, sqlite3_stmt *st, int i)
{
	char real[FMT_REAL_MAX];

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL: break;
	case SQLITE_INTEGER: buf_printf(b, "%lld", sqlite3_column_int64(st, i)); break;
	case SQLITE_FLOAT: buf_puts(b, fmt_real(real, sqlite3_column_double(st, i))); break;
	default: buf_puts(b, (const char *)sqlite3_column_text(st, i));
	}
}

void data_info(struct request *rq, const struct query_plan *plan)
{
	const struct dataset *d = plan->d;
	sqlite3_stmt *st = fill_dataset(rq, plan) < 0 ? NULL : summarise_rows(rq, plan);
	struct buf json = {0}, lo = {0}, hi = {0};

	if (!db_row(rq->db, st)) {
		sqlite3_finalize(st);
		return;
	}
	say(rq, "%s: %s\n%lld rows\n", d->name, d->about, sqlite3_column_int64(st, 0));
	json_int(rq, "rows", sqlite3_column_int64(st, 0));
	buf_puts(&json, "[");
	for (int i = 0; i < d->ncols; i++) {
		const struct column *c = &d->cols[i];
		buf_clear(&lo), buf_clear(&hi);
		cell(&lo, st, 1 + 2 * i);
		cell(&hi, st, 2 + 2 * i);
		say(rq, "  %-7s %-11s %-2s %s; from %s to %s\n", c->name, type_name(c->type),
		    c->unit, c->about, lo.len ? buf_str(&lo) : "-", hi.len ? buf_str(&hi) : "-");
		buf_puts(&json, i ? ",{\"name\":" : "{\"name\":");
		buf_json(&json, c->name);
		buf_printf(&json, ",\"type\":\"%s\",\"unit\":\"%s\",\"min\":", type_name(c->type), c->unit);
		buf_json(&json, buf_str(&lo));
		buf_puts(&json, ",\"max\":");
		buf_json(&json, buf_str(&hi));
		buf_puts(&json, "}");
	}
	buf_puts(&json, "]");
	json_raw(rq, "columns", buf_str(&json));
	sqlite3_finalize(st);
	buf_free(&json), buf_free(&lo), buf_free(&hi);
}

/* csv: a header line, then rows; text quoted when it needs to be. */
static void write_csv(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};

	for (int i = 0; i < plan->ncols; i++)
		say(rq, "%s%s", i ? "," : "", plan->cols[i]->name);
	say(rq, "\n");
	while (db_row(rq->db, st)) {
		for (int i = 0; i < plan->ncols; i++) {
			buf_clear(&v);
			cell(&v, st, i);
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
	reply_raw(rq, "text/csv; charset=utf-8");
}

/* json: an array of objects, one per row. */
static void write_json(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};
	int n = 0;

	say(rq, "[");
	while (db_row(rq->db, st)) {
		say(rq, n++ ? ",\n{" : "{");
		for (int i = 0; i < plan->ncols; i++) {
			buf_clear(&v);
			if (plan->cols[i]->type == COL_TEXT)
				buf_json(&v, (const char *)sqlite3_column_text(st, i));
			else
				cell(&v, st, i);
			say(rq, "%s\"%s\":%s", i ? "," : "", plan->cols[i]->name,
			    v.len ? buf_str(&v) : "null");
		}
		say(rq, "}");
	}
	say(rq, "]\n");
	buf_free(&v);
	reply_raw(rq, "application/json");
}

/* html: the query echoed above a table. */
static void write_html(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	struct buf v = {0};
	const char *query = rq->in.query;

	say(rq, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"/><title>%s</title>"
		"<style>td,th{padding:2px 8px;text-align:right}th{background:#dde}</style>"
		"</head><body><h1>%s</h1><p>/data?", plan->d->name, plan->d->name);
	buf_html(&rq->text, query ? query : "");
	say(rq, "</p><table><tr>");
	for (int i = 0; i < plan->ncols; i++)
		say(rq, "<th>%s</th>", plan->cols[i]->name);
	say(rq, "</tr>\n");
	while (db_row(rq->db, st)) {
		say(rq, "<tr>");
		for (int i = 0; i < plan->ncols; i++) {
			buf_clear(&v);
			cell(&v, st, i);
			say(rq, "<td>");
			buf_html(&rq->text, buf_str(&v));
			say(rq, "</td>");
		}
		say(rq, "</tr>\n");
	}
	say(rq, "</table></body></html>\n");
	buf_free(&v);
	reply_raw(rq, "text/html; charset=utf-8");
}

/* A round step for about five ticks across span. */
static double tick_step(double span)
{
	double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/* svg: a scatter plot of the two axis columns (a line where x is time),
 * with axes, ticks and labels; depths grow downward. */
static void write_svg(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	enum { W = 640, H = 420, L = 70, R = 20, T = 30, B = 50 };
	const struct column *cx = plan->axis_x, *cy = plan->axis_y;
	size_t n = 0, cap = 1024;
	double *xs = xmalloc(cap * sizeof *xs), *ys = xmalloc(cap * sizeof *ys);
	double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
	int line = strcmp(cx->name, "time") == 0;

	while (db_row(rq->db, st)) {
		if (n == cap) {
			cap *= 2;
			xs = xrealloc(xs, cap * sizeof *xs);
			ys = xrealloc(ys, cap * sizeof *ys);
		}
		xs[n] = sqlite3_column_double(st, 0);
		ys[n] = sqlite3_column_double(st, 1);
		x0 = fmin(x0, xs[n]), x1 = fmax(x1, xs[n]);
		y0 = fmin(y0, ys[n]), y1 = fmax(y1, ys[n]);
		n++;
	}
	if (n == 0)
		x0 = y0 = 0, x1 = y1 = 1;
	if (x1 == x0)
		x0 -= 1, x1 += 1;
	if (y1 == y0)
		y0 -= 1, y1 += 1;
#define SX(v) (L + ((v) - x0) / (x1 - x0) * (W - L - R))
#define SY(v) (cy->down ? T + ((v) - y0) / (y1 - y0) * (H - T - B) \
			: H - B - ((v) - y0) / (y1 - y0) * (H - T - B))
	say(rq, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
		"font-size=\"12\">\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n"
		"<text x=\"%d\" y=\"18\" font-size=\"14\">%s: %s against %s</text>\n",
	    W, H, W, H, W, H, L, plan->d->name, cy->name, cx->name);
	say(rq, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
	    L, H - B, W - R, H - B, L, T, L, H - B);
	for (double s = tick_step(x1 - x0), v = ceil(x0 / s) * s; v <= x1 + s * 1e-9; v += s)
		say(rq, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%g</text>\n",
		    SX(v), H - B, SX(v), H - B + 5, SX(v), H - B + 18, v);
	for (double s = tick_step(y1 - y0), v = ceil(y0 / s) * s; v <= y1 + s * 1e-9; v += s)
		say(rq, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
		    L - 5, SY(v), L, SY(v), L - 8, SY(v) + 4, v);
	say(rq, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s (%s)</text>\n"
		"<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">"
		"%s (%s)%s</text>\n", (L + W - R) / 2, H - 12, cx->name, cx->unit,
	    (T + H - B) / 2, (T + H - B) / 2, cy->name, cy->unit, cy->down ? ", down" : "");
	if (line && n > 1) {
		say(rq, "<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"");
		for (size_t i = 0; i < n; i++)
			say(rq, "%.1f,%.1f ", SX(xs[i]), SY(ys[i]));
		say(rq, "\"/>\n");
	}
	for (size_t i = 0; i < n; i++)
		say(rq, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"#1565c0\"/>\n",
		    SX(xs[i]), SY(ys[i]));
	say(rq, "</svg>\n");
#undef SX
#undef SY
	free(xs);
	free(ys);
	reply_raw(rq, "image/svg+xml");
}

int data_rows(struct request *rq, const struct query_plan *plan)
{
	sqlite3_stmt *st;

	if (fill_dataset(rq, plan) < 0 || !(st = select_rows(rq, plan)))
		return -1;
	switch (plan->format) {
	case AS_CSV: write_csv(rq, plan, st); break;
	case AS_JSON: write_json(rq, plan, st); break;
	case AS_HTML: write_html(rq, plan, st); break;
	case AS_SVG: write_svg(rq, plan, st); break;
	}
	sqlite3_finalize(st);
	return rq->db->failed ? -1 : 0;
}
