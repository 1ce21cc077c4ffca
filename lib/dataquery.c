/* dataquery.c: a /data request read into a checked plan, and the plan
 * turned into bound SQL (see dataquery.h). */
#include "dataquery.h"
#include "buf.h"
#include "db.h"
#include "reply.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_NAME_MAX 4096   /* longest SQL text we build, with room to spare */

static const char *const op_texts[] = { "=", "!=", "<", "<=", ">", ">=" };
static const char *const sql_ops[] = { "=", "!=", "<", "<=", ">", ">=" };

const char *op_text(enum op op)
{
	return op_texts[op];
}

/* One term of the query string, decoded: name OP value, or a lone word. */
struct term {
	char *name;
	int has_op;
	enum op op;
	char *value;
	char *whole;   /* the decoded term, for sentences */
};

/* At most 40 bytes of s for a sentence, not cutting a UTF-8 character. */
static const char *clip(const char *s)
{
	static char out[4][48];
	static int next;
	char *o = out[next++ % 4];
	size_t n = strlen(s);

	if (n <= 40)
		return s;
	n = 40;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(o, s, n);
	memcpy(o + n, "...", 4);
	return o;
}

/* Read the operator at *s (advancing past it); -1 when there is none. */
static int read_op(char **s)
{
	char *p = *s;
	int op = -1, len = 1;

	if (p[0] == '!' && p[1] == '=')
		op = OP_NE, len = 2;
	else if (p[0] == '<')
		op = p[1] == '=' ? (len = 2, OP_LE) : OP_LT;
	else if (p[0] == '>')
		op = p[1] == '=' ? (len = 2, OP_GE) : OP_GT;
	else if (p[0] == '=')
		op = OP_EQ;
	if (op >= 0)
		*s = p + len;
	return op;
}

/* Split one decoded term into name, operator and value.  Returns 0, or -1
 * after fail() for a term that is none of those shapes. */
static int split_term(struct request *rq, char *raw, struct term *t)
{
	char *p, *name_end;
	int op;

	t->whole = xstrdup(raw);
	p = trim_space(raw);
	t->name = p;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	name_end = p;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '\0' && name_end > t->name) {
		*name_end = '\0';
		t->has_op = 0;
		t->value = name_end;
		return 0;
	}
	op = read_op(&p);
	if (op < 0 || name_end == t->name) {
		fail(rq, 400, "I can't read \"%s\": a condition is a column, then "
		     "= != < <= > or >=, then a value, like depth>20",
		     clip(t->whole));
		return -1;
	}
	*name_end = '\0';
	t->has_op = 1;
	t->op = (enum op)op;
	t->value = trim_space(p);
	return 0;
}

/* The words the service itself knows; everything else names a column. */
static int is_word_key(const char *name)
{
	static const char *const words[] = {
		"dataset", "columns", "orderby", "limit", "format", "step",
		"info", "add", "world", "client", NULL,
	};
	for (int i = 0; words[i]; i++)
		if (strcmp(words[i], name) == 0)
			return 1;
	return 0;
}

/* The dataset's column, or NULL after a 400 naming the name. */
static const struct column *column_or_fail(struct request *rq,
					   const struct dataset *d,
					   const char *what, const char *name)
{
	const struct column *c = find_column(d, name);

	if (!c)
		fail(rq, 400, "%s%s has no column called \"%s\"; its columns are %s",
		     what, d->name, clip(name), column_names(d));
	return c;
}

/* Check a value against its column's type into cond.  Returns 0, or -1
 * after fail(). */
static int read_value(struct request *rq, struct condition *cond,
		      const char *op, const char *value)
{
	cond->text = value;
	if (cond->col->type == COL_TEXT)
		return 0;
	if (parse_real(value, &cond->num) == 0)
		return 0;
	fail(rq, 400, "%s must be a number, like %s%s%s, but \"%s\" is not one",
	     cond->col->name, cond->col->name, op,
	     cond->col->type == COL_INT ? "100" : "12.5", clip(value));
	return -1;
}

/* columns=a,b,c into plan->cols.  Returns 0, or -1 after fail(). */
static int read_columns(struct request *rq, struct query_plan *plan, char *list)
{
	const struct dataset *d = plan->d;
	char *save = NULL, *name;

	plan->ncols = 0;
	list = trim_space(list);
	if (!*list) {
		for (int i = 0; i < d->ncols; i++)
			plan->cols[plan->ncols++] = &d->cols[i];
		return 0;
	}
	for (name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		const struct column *c;

		if (!*(name = trim_space(name)))
			continue; /* "name,,depth": an extra comma is harmless */
		if (!(c = column_or_fail(rq, d, "columns: ", name)))
			return -1;
		for (int i = 0; i < plan->ncols; i++)
			if (plan->cols[i] == c) {
				fail(rq, 400, "columns: %s is named twice; name each "
				     "column once", c->name);
				return -1;
			}
		plan->cols[plan->ncols++] = c;
	}
	if (plan->ncols == 0) {
		/* Only commas and spaces: no column to SELECT. */
		fail(rq, 400, "columns needs at least one column name, like "
		     "columns=name,depth (leave columns out to get them all)");
		return -1;
	}
	return 0;
}

/* orderby=a,b desc into plan->order.  Returns 0, or -1 after fail(). */
static int read_orderby(struct request *rq, struct query_plan *plan, char *list)
{
	char *save = NULL, *item;

	plan->norder = 0;
	for (item = strtok_r(list, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		char *name = trim_space(item), *rest = name;
		const struct column *c;

		while (isalnum((unsigned char)*rest) || *rest == '_')
			rest++;
		if (*rest && !isspace((unsigned char)*rest)) {
			fail(rq, 400, "orderby: I can't read \"%s\"; write column "
			     "names with commas, like orderby=depth,x or "
			     "orderby=depth desc", clip(name));
			return -1;
		}
		if (*rest)
			*rest++ = '\0';
		rest = trim_space(rest);
		if (!(c = column_or_fail(rq, plan->d, "orderby: ", name)))
			return -1;
		if (*rest && strcmp(rest, "desc") != 0 && strcmp(rest, "asc") != 0) {
			fail(rq, 400, "orderby: after %s I can't read \"%s\"; write "
			     "orderby=%s (smallest first) or orderby=%s desc "
			     "(largest first)", c->name, clip(rest), c->name,
			     c->name);
			return -1;
		}
		if (plan->norder == QUERY_MAX_PAIRS)
			break;
		plan->order[plan->norder].col = c;
		plan->order[plan->norder++].desc = strcmp(rest, "desc") == 0;
	}
	if (plan->norder == 0) {
		fail(rq, 400, "orderby needs a column name, like orderby=depth");
		return -1;
	}
	return 0;
}

/* One of the service's own words.  Returns 0, or -1 after fail(). */
static int read_word(struct request *rq, struct query_plan *plan,
		     struct term *t)
{
	const char *n = t->name;
	long long v;

	if (strcmp(n, "info") == 0 || strcmp(n, "add") == 0) {
		*(n[0] == 'i' ? &plan->info : &plan->add) = 1;
		return 0;
	}
	if (strcmp(n, "world") == 0 || strcmp(n, "client") == 0 ||
	    strcmp(n, "dataset") == 0)
		return 0; /* lib checked world=; client= is how to show it */
	if (!t->has_op || t->op != OP_EQ) {
		fail(rq, 400, "%s takes =, like %s", n,
		     strcmp(n, "limit") == 0 ? "limit=10" :
		     strcmp(n, "columns") == 0 ? "columns=name,depth" :
		     strcmp(n, "orderby") == 0 ? "orderby=depth" :
		     strcmp(n, "step") == 0 ? "step=10" : "format=csv");
		return -1;
	}
	if (strcmp(n, "columns") == 0)
		return read_columns(rq, plan, t->value);
	if (strcmp(n, "orderby") == 0)
		return read_orderby(rq, plan, t->value);
	if (strcmp(n, "limit") == 0) {
		if (parse_int(t->value, &v) == 0 && v >= 0) {
			plan->limit = v;
			return 0;
		}
		fail(rq, 400, "limit must be a whole number, 0 or more, like "
		     "limit=10; \"%s\" is not", clip(t->value));
		return -1;
	}
	if (strcmp(n, "step") == 0) {
		if (strcmp(plan->d->name, "bathymetry") != 0) {
			fail(rq, 400, "step only works with dataset=bathymetry "
			     "(it spaces the grid)");
			return -1;
		}
		if (parse_int(t->value, &v) == 0 && v >= STEP_MIN &&
		    v <= STEP_MAX) {
			plan->step = (int)v;
			return 0;
		}
		fail(rq, 400, "step must be a whole number from %d to %d, like "
		     "step=10; \"%s\" is not", STEP_MIN, STEP_MAX, clip(t->value));
		return -1;
	}
	/* format */
	{
		static const char *const formats[] = { "csv", "json", "html", "svg" };
		for (int i = 0; i < 4; i++)
			if (strcmp(t->value, formats[i]) == 0) {
				plan->format = (enum data_format)i;
				return 0;
			}
		fail(rq, 400, "format must be csv, json, html or svg; \"%s\" is "
		     "not one of them", clip(t->value));
		return -1;
	}
}

/* x=depth or y=time: names a plot axis, not a condition (a condition on x
 * or y always has a number).  Returns 1 when t is an axis (set, or -1 after
 * fail()), 0 when it is not. */
static int read_axis(struct request *rq, struct query_plan *plan,
		     struct term *t)
{
	const struct column *c, **axis;
	double v;

	if (plan->add || !t->has_op || t->op != OP_EQ ||
	    (strcmp(t->name, "x") != 0 && strcmp(t->name, "y") != 0) ||
	    parse_real(t->value, &v) == 0)
		return 0;
	axis = t->name[0] == 'x' ? &plan->axis_x : &plan->axis_y;
	c = find_column(plan->d, t->value);
	if (!c) {
		fail(rq, 400, "%s=%s: %s must be a number (x=200 keeps the rows "
		     "where x is 200) or a column to plot on the %s axis, and %s "
		     "has no column called \"%s\"; its columns are %s", t->name,
		     clip(t->value), t->name, t->name, plan->d->name,
		     clip(t->value), column_names(plan->d));
		return -1;
	}
	*axis = c;
	return 1;
}

/* A condition (or, for add, a submitted value).  Returns 0, or -1 after
 * fail(). */
static int read_condition(struct request *rq, struct query_plan *plan,
			  struct term *t)
{
	struct condition *cond = &plan->where[plan->nwhere];

	if (!t->has_op) {
		fail(rq, 400, "I don't know what \"%s\" means here: a condition "
		     "looks like depth>20, and /data lists what you can ask",
		     clip(t->name));
		return -1;
	}
	if (!(cond->col = column_or_fail(rq, plan->d, "", t->name)))
		return -1;
	cond->op = t->op;
	if (plan->add && t->op != OP_EQ) {
		fail(rq, 400, "to add a row, give each column with =, like "
		     "%s=12; \"%s\" is a condition, not a value", cond->col->name,
		     clip(t->whole));
		return -1;
	}
	if (read_value(rq, cond, op_text(t->op), t->value) < 0)
		return -1;
	plan->nwhere++;
	return 0;
}

/* For add: each column given once, the required ones all there, every
 * value inside its range.  Returns 0, or -1 after fail(). */
static int check_row(struct request *rq, const struct query_plan *plan)
{
	const struct dataset *d = plan->d;

	if (!d->insert) {
		fail(rq, 400, "%s cannot take new rows: it comes from the ocean "
		     "itself. You can add rows to soundings, like "
		     "/data?dataset=soundings&add&name=fred&x=12.5&y=40&depth=28.1",
		     d->name);
		return -1;
	}
	if (plan->ncols || plan->norder || plan->limit >= 0 || plan->info) {
		fail(rq, 400, "add takes only the row's values, like "
		     "/data?dataset=%s&add&name=fred&x=12.5&y=40&depth=28.1",
		     d->name);
		return -1;
	}
	for (int i = 0; i < plan->nwhere; i++) {
		const struct condition *c = &plan->where[i];
		const struct column *col = c->col;

		for (int j = 0; j < i; j++)
			if (plan->where[j].col == col) {
				fail(rq, 400, "%s is given twice; send each column "
				     "once", col->name);
				return -1;
			}
		if (col->fill != BY_PLAYER) {
			fail(rq, 400, "%s is filled in by the server when your row "
			     "arrives; leave it out", col->name);
			return -1;
		}
		if (col->type == COL_TEXT && !is_word(c->text, 32)) {
			fail(rq, 400, "%s must be letters and digits only (at most "
			     "32), like %s=fred", col->name, col->name);
			return -1;
		}
		if (col->type != COL_TEXT &&
		    (c->num < col->min || c->num > col->max ||
		     (col->max_open && c->num == col->max))) {
			fail(rq, 400, "%s must be from %g %s %g%s%s; %s is outside "
			     "that", col->name, col->min,
			     col->max_open ? "up to (but not)" : "to", col->max,
			     *col->unit ? " " : "", col->unit, clip(c->text));
			return -1;
		}
	}
	for (int i = 0; i < d->ncols; i++) {
		int given = 0;
		if (!d->cols[i].required)
			continue;
		for (int j = 0; j < plan->nwhere; j++)
			given |= plan->where[j].col == &d->cols[i];
		if (!given) {
			fail(rq, 400, "%s is missing: a row of %s needs name, x, y "
			     "and depth, like /data?dataset=%s&add&name=fred&x=12.5"
			     "&y=40&depth=28.1", d->cols[i].name, d->name, d->name);
			return -1;
		}
	}
	return 0;
}

/* For svg: the axes (x=, y=, or the dataset's own), numbers only. */
static int check_axes(struct request *rq, struct query_plan *plan)
{
	if (!plan->axis_x)
		plan->axis_x = find_column(plan->d, plan->d->plot_x);
	if (!plan->axis_y)
		plan->axis_y = find_column(plan->d, plan->d->plot_y);
	for (int i = 0; i < 2; i++) {
		const struct column *c = i ? plan->axis_y : plan->axis_x;
		if (c->type == COL_TEXT) {
			fail(rq, 400, "%s is text, so it cannot go on the %s axis of "
			     "a plot; pick a number column, like x=x&y=%s", c->name,
			     i ? "y" : "x", plan->d->plot_y);
			return -1;
		}
	}
	plan->cols[0] = plan->axis_x;
	plan->cols[1] = plan->axis_y;
	plan->ncols = 2;
	return 0;
}

int plan_query(struct request *rq, struct query_plan *plan)
{
	const char *raw = rq->in.query;
	struct term terms[QUERY_MAX_PAIRS + 1];
	int nterms = 0, rc = -1;
	char *p, *next, *columns = NULL;

	memset(plan, 0, sizeof *plan);
	plan->limit = -1;
	plan->step = STEP_DEFAULT;
	plan->text = xstrdup(raw ? raw : "");
	/* Split and decode every term (lib already refused broken escapes,
	 * text that is not UTF-8, and too many keys). */
	for (p = plan->text; p && *p; p = next) {
		next = strchr(p, '&');
		if (next)
			*next++ = '\0';
		if (!*p)
			continue;
		if (nterms == QUERY_MAX_PAIRS || url_decode(p) < 0 ||
		    !utf8_valid(p, strlen(p))) {
			fail(rq, 400, "I can't read this address: too many parts, "
			     "or a broken %%-escape");
			goto done;
		}
		if (split_term(rq, p, &terms[nterms++]) < 0)
			goto done;
	}
	/* The dataset first: every other name is looked up in it. */
	for (int i = 0; i < nterms; i++)
		if (strcmp(terms[i].name, "dataset") == 0 && terms[i].has_op)
			plan->d = find_dataset(terms[i].value);
	if (!has(rq, "dataset")) {
		for (int i = 0; i < nterms; i++)
			if (strcmp(terms[i].name, "world") != 0 &&
			    strcmp(terms[i].name, "client") != 0 &&
			    strcmp(terms[i].name, "format") != 0) {
				fail(rq, 400, "say which dataset first, like "
				     "/data?dataset=bathymetry&%s (the list is at "
				     "/data)", clip(terms[i].whole));
				goto done;
			}
		rc = 0;
		goto done;
	}
	if (!plan->d) {
		fail(rq, 400, "there is no dataset called \"%s\"; try "
		     "bathymetry, seamounts, tracks, sightings or soundings "
		     "(the list is at /data)", clip(arg(rq, "dataset")));
		goto done;
	}
	for (int i = 0; i < nterms; i++)
		if (strcmp(terms[i].name, "add") == 0)
			plan->add = 1;
	for (int i = 0; i < nterms; i++) {
		struct term *t = &terms[i];
		int axis;

		if (strcmp(t->name, "columns") == 0 && t->has_op) {
			columns = t->value; /* the last one wins, read below */
			plan->ncols = 1;
			continue;
		}
		if (is_word_key(t->name)) {
			if (read_word(rq, plan, t) < 0)
				goto done;
			continue;
		}
		if ((axis = read_axis(rq, plan, t)) < 0)
			goto done;
		if (!axis && read_condition(rq, plan, t) < 0)
			goto done;
	}
	if (plan->add) {
		rc = check_row(rq, plan);
		goto done;
	}
	if (read_columns(rq, plan, columns ? columns : (char *)"") < 0)
		goto done;
	if (plan->format == AS_SVG && check_axes(rq, plan) < 0)
		goto done;
	rc = 0;
done:
	for (int i = 0; i < nterms; i++)
		free(terms[i].whole);
	return rc;
}

void plan_free(struct query_plan *plan)
{
	free(plan->text);
	plan->text = NULL;
}

int row_may_match(const struct query_plan *plan, const char *name, double v)
{
	for (int i = 0; i < plan->nwhere; i++) {
		const struct condition *c = &plan->where[i];
		int keep = 1;

		if (c->col->type == COL_TEXT || strcmp(c->col->name, name) != 0)
			continue;
		switch (c->op) {
		case OP_EQ: keep = v == c->num; break;
		case OP_NE: keep = v != c->num; break;
		case OP_LT: keep = v < c->num; break;
		case OP_LE: keep = v <= c->num; break;
		case OP_GT: keep = v > c->num; break;
		case OP_GE: keep = v >= c->num; break;
		}
		if (!keep)
			return 0;
	}
	return 1;
}

int fill_dataset(struct request *rq, const struct query_plan *plan)
{
	return plan->d->fill ? plan->d->fill(rq, plan) : 0;
}

/* " FROM (source) WHERE ..." with :vN placeholders for the values. */
static void from_where(struct buf *sql, const struct query_plan *plan)
{
	buf_printf(sql, " FROM (%s)", plan->d->source);
	for (int i = 0; i < plan->nwhere; i++)
		buf_printf(sql, "%s\"%s\" %s :v%d", i ? " AND " : " WHERE ",
			   plan->where[i].col->name, sql_ops[plan->where[i].op],
			   i + 1);
}

/* Prepare sql and bind the world's name and the conditions' values. */
static sqlite3_stmt *prepare_plan(struct request *rq,
				  const struct query_plan *plan,
				  const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc, at;
	char name[16];

	if (sqlite3_prepare_v2(rq->db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	at = sqlite3_bind_parameter_index(st, ":world");
	if (at > 0 && sqlite3_bind_text(st, at, rq->world_name, -1,
					SQLITE_TRANSIENT) != SQLITE_OK)
		goto fail;
	for (int i = 0; i < plan->nwhere; i++) {
		const struct condition *c = &plan->where[i];
		snprintf(name, sizeof name, ":v%d", i + 1);
		at = sqlite3_bind_parameter_index(st, name);
		rc = c->col->type == COL_TEXT ?
			sqlite3_bind_text(st, at, c->text, -1, SQLITE_TRANSIENT) :
			sqlite3_bind_double(st, at, c->num);
		if (rc != SQLITE_OK)
			goto fail;
	}
	at = sqlite3_bind_parameter_index(st, ":limit");
	if (at > 0 && sqlite3_bind_int64(st, at, plan->limit) != SQLITE_OK)
		goto fail;
	return st;
fail:
	if (getenv("MOCEAN_DEBUG"))
		fprintf(stderr, "mocean: %s: %s\n", sql, sqlite3_errmsg(rq->db->sql));
	sqlite3_finalize(st);
	rq->db->failed = 1;
	return NULL;
}

sqlite3_stmt *select_rows(struct request *rq, const struct query_plan *plan)
{
	struct buf sql = {0};
	sqlite3_stmt *st;

	buf_puts(&sql, "SELECT ");
	for (int i = 0; i < plan->ncols; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", plan->cols[i]->name);
	from_where(&sql, plan);
	buf_puts(&sql, " ORDER BY ");
	for (int i = 0; i < plan->norder; i++)
		buf_printf(&sql, "\"%s\" %s, ", plan->order[i].col->name,
			   plan->order[i].desc ? "DESC" : "ASC");
	buf_puts(&sql, "row_ LIMIT :limit");
	st = prepare_plan(rq, plan, buf_str(&sql));
	buf_free(&sql);
	return st;
}

sqlite3_stmt *summarise_rows(struct request *rq,
			     const struct query_plan *plan)
{
	struct buf sql = {0};
	sqlite3_stmt *st;

	buf_puts(&sql, "SELECT count(*)");
	for (int i = 0; i < plan->d->ncols; i++)
		buf_printf(&sql, ", min(\"%s\"), max(\"%s\")",
			   plan->d->cols[i].name, plan->d->cols[i].name);
	from_where(&sql, plan);
	st = prepare_plan(rq, plan, buf_str(&sql));
	buf_free(&sql);
	return st;
}

int start_writing(struct request *rq)
{
	/* The snapshot read nothing that the row depends on: end it, then
	 * wait for the write lock like every WORLD route does. */
	if (sqlite3_exec(rq->db->sql, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
	    db_begin(rq->db) < 0) {
		fail(rq, 503, "the ocean is very busy right now; please try "
		     "again in a moment");
		return -1;
	}
	return 0;
}

int insert_row(struct request *rq, const struct query_plan *plan)
{
	const struct dataset *d = plan->d;
	sqlite3_stmt *st = NULL;
	int at = 0, rc = SQLITE_OK;

	if (sqlite3_prepare_v2(rq->db->sql, d->insert, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (int i = 0; i < d->ncols && rc == SQLITE_OK; i++) {
		const struct column *col = &d->cols[i];
		const struct condition *c = NULL;

		if (col->fill == BY_WORLD)
			continue;
		at++;
		if (col->fill == BY_CLOCK) {
			rc = sqlite3_bind_double(st, at, rq->now);
			continue;
		}
		for (int j = 0; j < plan->nwhere; j++)
			if (plan->where[j].col == col)
				c = &plan->where[j];
		if (!c)
			rc = sqlite3_bind_null(st, at);
		else if (col->type == COL_TEXT)
			rc = sqlite3_bind_text(st, at, c->text, -1, SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_double(st, at, c->num);
	}
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return 0;
fail:
	sqlite3_finalize(st);
	rq->db->failed = 1;
	return -1;
}
