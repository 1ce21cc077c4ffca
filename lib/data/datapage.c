/* datapage.c: /data's list, info, and the page of rows below the query
 * form (see datapage.h). */
#include "data/datapage.h"
#include "data/datasql.h"
#include "data/datarows.h"
#include "ocean/reply.h"
#include "data/table.h"
#include "http/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Examples for the trench: a line north-south at x = 200 crosses it. */
#define TRENCH_LINE "dataset=bathymetry&step=5&x=200&y>=250&y<=350"

/* An example address: a link in a page (a browser that follows it gets
 * the query form above the rows), else the address as text. */
static void example(struct request *rq, int html, const char *query)
{
	if (!html) {
		say(rq, "/data?%s", query);
		return;
	}
	say(rq, "<a href=\"/data?");
	buf_html(&rq->reply.text, query);
	say(rq, "\">/data?");
	buf_html(&rq->reply.text, query);
	say(rq, "</a>");
}

void data_list_datasets(struct request *rq, const struct query_plan *plan)
{
	int n, html = plan->format == AS_HTML; /* client=browser, or format=html */
	const struct dataset *d = all_datasets(&n);
	const struct dataset *takes = submittable_dataset();
	const char *br = html ? "<br/>\n" : "\n";
	char q[96];

	if (html) {
		reply_page_start(&rq->reply.text, "Mocean data");
		say(rq, "<link rel=\"stylesheet\" href=\"/data.css\"/></head>\n<body>"
			"<h1>Mocean's data service</h1>\n<p>");
	}
	say(rq, "Mocean's data service: ask for a dataset, the columns you want, "
		"conditions on the rows, and a format.%s", html ? "</p>\n" : "\n\n");
	for (int i = 0; i < n; i++) {
		if (html) {
			say(rq, "<h2>%s</h2>\n<p>", d[i].name);
			buf_html(&rq->reply.text, d[i].about);
		} else {
			say(rq, "%s: %s", d[i].name, d[i].about);
		}
		say(rq, "%s  example: ", br);
		example(rq, html, d[i].example);
		say(rq, "%s  its columns: ", br);
		snprintf(q, sizeof q, "dataset=%s&info", d[i].name);
		example(rq, html, q);
		say(rq, "%s  the query form: ", br);
		snprintf(q, sizeof q, "dataset=%s&client=browser", d[i].name);
		example(rq, html, q);
		say(rq, "%s", html ? "</p>\n" : "\n\n");
	}
	say(rq, "%sKeys: columns=a,b  conditions like %s or name=fred (all must "
		"hold)  orderby=a,b desc  limit=N  format=csv, json, html or svg "
		"(svg plots x=COLUMN against y=COLUMN)  world=NAME%s"
		"The depths along a line across the trench (x = 200, y from 250 to 350):%s"
		"  as csv:  ", html ? "<h2>Try these</h2>\n<p>" : "",
	    html ? "depth&gt;20" : "depth>20", html ? "</p>\n<p>" : "\n\n", br);
	example(rq, html, TRENCH_LINE "&columns=y,depth");
	say(rq, "%s  as json: ", br);
	example(rq, html, TRENCH_LINE "&columns=y,depth&format=json");
	say(rq, "%s  a plot:  ", br);
	example(rq, html, TRENCH_LINE "&format=svg&x=y&y=depth");
	say(rq, "%sAdd a depth you measured: ", html ? "</p>\n<p>" : "\n\n");
	snprintf(q, sizeof q, "dataset=%s&add&%s", takes->name, takes->add_example);
	example(rq, html, q);
	say(rq, "\n");
	if (html) {
		say(rq, "</p></body></html>\n");
		reply_raw(rq, "text/html; charset=utf-8");
	}
}

void data_write_info(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	const struct dataset *d = plan->d;
	struct json *json = &rq->reply.json;
	struct buf lo = {0}, hi = {0};

	if (!db_row(rq->db, st))
		return;
	rq->data_cost = data_cost(plan, st);
	say(rq, "%s: %s\n%lld rows\n", d->name, d->about, sqlite3_column_int64(st, 0));
	json_int(json, "rows", sqlite3_column_int64(st, 0));
	json_array(json, "columns");
	for (int i = 0; i < d->ncols; i++) {
		const struct column *c = &d->cols[i];
		buf_clear(&lo), buf_clear(&hi);
		cell_text(&lo, st, 1 + 2 * i, c, 0);
		cell_text(&hi, st, 2 + 2 * i, c, 0);
		say(rq, "  %-7s %-11s %-2s %s; from %s to %s\n", c->name, type_name(c->type),
		    c->unit, c->about, lo.len ? buf_str(&lo) : "-", hi.len ? buf_str(&hi) : "-");
		json_object(json, NULL);
		json_str(json, "name", c->name);
		json_str(json, "type", type_name(c->type));
		json_str(json, "unit", c->unit);
		json_str(json, "min", buf_str(&lo));
		json_str(json, "max", buf_str(&hi));
		json_end(json);
	}
	json_end(json);
	buf_free(&lo), buf_free(&hi);
}

/* <option value="v">v</option>, selected when it is the one chosen. */
static void option(struct request *rq, const char *value, const char *label, int chosen)
{
	say(rq, "<option value=\"");
	buf_html(&rq->reply.text, value);
	say(rq, "\"%s>", chosen ? " selected=\"selected\"" : "");
	buf_html(&rq->reply.text, label);
	say(rq, "</option>");
}

/* A <select> of the dataset's columns (numbers only when numbers is 1),
 * with first as a first choice when it is not NULL. */
static void column_select(struct request *rq, const struct dataset *d, const char *id,
			  const char *first, int numbers, const struct column *chosen)
{
	say(rq, "<select id=\"%s\">", id);
	if (first)
		option(rq, "", first, chosen == NULL);
	for (int i = 0; i < d->ncols; i++)
		if (!numbers || d->cols[i].type != COL_TEXT)
			option(rq, d->cols[i].name, d->cols[i].name, chosen == &d->cols[i]);
	say(rq, "</select>");
}

/* One condition on column c: an operator and a value, filled in from the
 * plan's nth condition on c when there is one. */
static void condition(struct request *rq, const struct query_plan *plan,
		      const struct column *c, int nth)
{
	const struct condition *cond = NULL;

	for (int i = 0, seen = 0; i < plan->nwhere && !cond; i++)
		if (plan->where[i].col == c && seen++ == nth)
			cond = &plan->where[i];
	say(rq, "<span class=\"cond\" data-column=\"%s\">%s<select class=\"op\">",
	    c->name, nth ? " and " : "");
	option(rq, "", "(any)", !cond);
	for (int op = OP_EQ; op <= OP_GE; op++)
		option(rq, op_text(op), op_text(op), cond && cond->op == (enum op)op);
	say(rq, "</select><input class=\"value\" size=\"10\" value=\"");
	buf_html(&rq->reply.text, cond ? cond->text : "");
	say(rq, "\"/></span>");
}

/* The query form for plan's dataset, filled in from the plan (like
 * ERDDAP's Data Access Form; the building is www/data.js). */
static void write_form(struct request *rq, const struct query_plan *plan)
{
	const struct dataset *d = plan->d, *all;
	int n;

	all = all_datasets(&n);
	say(rq, "<form id=\"ask\" action=\"/data\">\n<fieldset><legend>Dataset</legend>"
		"<select id=\"dataset\">");
	for (int i = 0; i < n; i++)
		option(rq, all[i].name, all[i].name, &all[i] == d);
	say(rq, "</select> ");
	buf_html(&rq->reply.text, d->about);
	say(rq, "<input type=\"hidden\" id=\"world\" value=\"%s\"/></fieldset>\n"
		"<fieldset><legend>Columns, and which rows to keep</legend>\n<table>",
	    arg(rq, "world"));   /* as sent: "" for the default world */
	for (int i = 0; i < d->ncols; i++) {
		const struct column *c = &d->cols[i];
		int out = 0;

		for (int j = 0; j < plan->ncols; j++)
			out |= plan->cols[j] == c;
		say(rq, "<tr><td><label><input type=\"checkbox\" class=\"column\" value=\"%s\"%s/>"
			" %s</label></td><td class=\"about\">%s%s%s</td><td>", c->name,
		    out ? " checked=\"checked\"" : "", c->name, c->about,
		    *c->unit ? ", " : "", c->unit);
		condition(rq, plan, c, 0);
		condition(rq, plan, c, 1);
		say(rq, "</td></tr>\n");
	}
	say(rq, "</table></fieldset>\n<fieldset><legend>Order, how many, file type</legend>"
		"order by ");
	column_select(rq, d, "orderby", "(as stored)", 0, plan->norder ? plan->order[0].col : NULL);
	say(rq, "<select id=\"desc\">");
	option(rq, "", "smallest first", !plan->norder || !plan->order[0].desc);
	option(rq, " desc", "largest first", plan->norder && plan->order[0].desc);
	say(rq, "</select> limit <input id=\"limit\" type=\"number\" min=\"0\" max=\"%d\" "
		"size=\"7\" value=\"", DATA_ROWS_MAX);
	if (plan->limit >= 0)
		say(rq, "%lld", plan->limit);
	say(rq, "\"/>");
	if (d->grid)
		say(rq, " step <input id=\"step\" type=\"number\" min=\"%d\" max=\"%d\" "
			"size=\"4\" value=\"%d\"/>", STEP_MIN, STEP_MAX, plan->grid.step);
	say(rq, " format <select id=\"format\">");
	for (int i = 0; i < DATA_FORMATS; i++)
		option(rq, format_name(i), format_name(i), (int)plan->format == i);
	say(rq, "</select> <span id=\"axes\">plot ");
	column_select(rq, d, "y", NULL, 1, plan->axis_y ? plan->axis_y : find_column(d, d->plot_y));
	say(rq, " against ");
	column_select(rq, d, "x", NULL, 1, plan->axis_x ? plan->axis_x : find_column(d, d->plot_x));
	say(rq, "</span></fieldset>\n<p class=\"address\">The address: <a id=\"address\" "
		"href=\"/data?");
	buf_html(&rq->reply.text, rq->in.query ? rq->in.query : "");
	say(rq, "\">/data?");
	buf_html(&rq->reply.text, rq->in.query ? rq->in.query : "");
	say(rq, "</a> <button type=\"submit\" id=\"go\">Get the data</button></p>\n</form>\n");
}

/* For a dataset the class writes into (one with a time column): the live
 * view's switches above the table, and the time this page's rows were read
 * at, from which www/datalive.js asks for newer rows (time>SINCE). */
static void live_controls(struct request *rq, const struct query_plan *plan)
{
	char since[FMT_REAL_MAX];

	if (!find_column(plan->d, "time"))
		return;
	say(rq, "<section id=\"live\" data-since=\"%s\">\n<label><input type=\"checkbox\" "
		"id=\"follow\" checked=\"checked\"/> Follow new rows as they arrive (newest on "
		"top)</label>\n<label><input type=\"checkbox\" id=\"plotting\"/> Draw them as a "
		"plot</label>\n<span id=\"livestatus\" role=\"status\"></span>\n</section>\n"
		"<div class=\"liveview\">\n", fmt_real(since, rq->now));
}

/* The live view goes on after the table: the plot beside it. */
static void live_plot(struct request *rq, const struct query_plan *plan)
{
	if (find_column(plan->d, "time"))
		say(rq, "<div id=\"plot\" hidden=\"hidden\"><img id=\"plotimage\" alt=\"a plot "
			"of the rows\"/></div>\n</div>\n");
}

void write_page(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	int live = find_column(plan->d, "time") != NULL;
	long long n;
	char *asked;

	reply_page_start(&rq->reply.text, plan->d->name);
	say(rq, "<link rel=\"stylesheet\" href=\"/data.css\"/></head>\n<body>"
		"<h1>%s</h1><p class=\"asked\">You asked for /data?", plan->d->name);
	asked = xstrdup(rq->in.query ? rq->in.query : "");
	buf_html(&rq->reply.text, url_decode(asked) == 0 ? asked : rq->in.query);
	free(asked);
	say(rq, "</p>\n");
	if (!live)
		write_form(rq, plan);
	live_controls(rq, plan);
	if ((n = write_table(rq, plan, st)) < 0)
		return; /* too many rows: refused */
	live_plot(rq, plan);
	say(rq, "<p id=\"count\">%lld rows</p>", n);
	if (live)   /* the live view first, on the screen; the form to ask again below */
		write_form(rq, plan);
	say(rq, "<script src=\"/data.js\"></script>");
	if (live)
		say(rq, "<script src=\"/datalive.js\"></script>");
	say(rq, "</body></html>\n");
	reply_raw(rq, "text/html; charset=utf-8");
}
