/* dataquery.c: a /data address read into a checked plan (see dataquery.h). */
#include "dataquery.h"
#include "buf.h"
#include "reply.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const op_texts[] = { "=", "!=", "<", "<=", ">", ">=" };

const char *op_text(enum op op)
{
	return op_texts[op];
}

/* Room for clip()'s text: 40 bytes, "..." and the NUL. */
#define CLIP_SIZE 48

/* s for a one-line sentence, written into out: at most 40 bytes of it,
 * not cutting a UTF-8 character, with "..." when cut, and control
 * characters (a %0A in the address) shown as spaces.  Returns out. */
static const char *clip(char out[CLIP_SIZE], const char *s)
{
	size_t n = strlen(s);

	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	memcpy(out + n, s[n] ? "..." : "", s[n] ? 4 : 1);
	return out;
}

/* One term of the query string, decoded: name OP value, or a lone word. */
struct term {
	char *name;
	int has_op;
	enum op op;
	char *value;
	char *whole;   /* the decoded term, for sentences */
};

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
	char *p, *name_end, shown[CLIP_SIZE];
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
		     clip(shown, t->whole));
		return -1;
	}
	*name_end = '\0';
	t->has_op = 1;
	t->op = (enum op)op;
	t->value = trim_space(p);
	if (strlen(t->value) > DATA_VALUE_MAX) {
		fail(rq, 400, "the value of %s is too long: at most %d characters, "
		     "please", clip(shown, t->name), DATA_VALUE_MAX);
		return -1;
	}
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
	char shown[CLIP_SIZE], names[COLUMN_NAMES_MAX];

	if (!c)
		fail(rq, 400, "%s%s has no column called \"%s\"; its columns are %s",
		     what, d->name, clip(shown, name), column_names(d, names));
	return c;
}

/* Check a value against its column's type into cond.  Returns 0, or -1
 * after fail(). */
static int read_value(struct request *rq, struct condition *cond,
		      const char *op, const char *value)
{
	char shown[CLIP_SIZE];

	cond->text = value;
	if (cond->col->type == COL_TEXT)
		return 0;
	if (parse_real(value, &cond->num) == 0)
		return 0;
	fail(rq, 400, "%s must be a number, like %s%s%s, but \"%s\" is not one",
	     cond->col->name, cond->col->name, op,
	     cond->col->type == COL_INT ? "100" : "12.5", clip(shown, value));
	return -1;
}

/* columns=a,b,c into plan->cols (an extra comma is harmless, no name at
 * all is not: it would SELECT nothing).  Returns 0, or -1 after fail(). */
static int read_columns(struct request *rq, struct query_plan *plan, char *list)
{
	char *save = NULL, *name;

	plan->ncols = 0;
	for (name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		const struct column *c;

		if (!*(name = trim_space(name)))
			continue;
		if (!(c = column_or_fail(rq, plan->d, "columns: ", name)))
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
		fail(rq, 400, "columns needs at least one column name, like "
		     "columns=name,depth (leave columns out to get them all)");
		return -1;
	}
	return 0;
}

/* orderby=a,b desc into plan->order, each column once.  Returns 0, or -1
 * after fail(). */
static int read_orderby(struct request *rq, struct query_plan *plan, char *list)
{
	char *save = NULL, *item, shown[CLIP_SIZE];

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
			     "orderby=depth desc", clip(shown, name));
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
			     "(largest first)", c->name, clip(shown, rest), c->name,
			     c->name);
			return -1;
		}
		for (int i = 0; i < plan->norder; i++)
			if (plan->order[i].col == c) {
				fail(rq, 400, "orderby: %s is named twice; name each "
				     "column once", c->name);
				return -1;
			}
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
	static const char *const formats[] = { "csv", "json", "html", "svg" };
	const char *n = t->name;
	char shown[CLIP_SIZE];
	long long v;

	if (strcmp(n, "info") == 0 || strcmp(n, "add") == 0 ||
	    strcmp(n, "world") == 0 || strcmp(n, "dataset") == 0)
		return 0; /* read first (plan_query); lib checked world= */
	if (strcmp(n, "client") == 0) {
		plan->browser = strcmp(t->value, "browser") == 0;
		return 0;
	}
	if (!t->has_op || t->op != OP_EQ) {
		fail(rq, 400, "%s takes =, like %s", n,
		     strcmp(n, "limit") == 0 ? "limit=10" :
		     strcmp(n, "columns") == 0 ? "columns=name,depth" :
		     strcmp(n, "orderby") == 0 ? "orderby=depth" :
		     strcmp(n, "step") == 0 ? "step=10" : "format=csv");
		return -1;
	}
	if (strcmp(n, "columns") == 0) {
		plan->all_cols = 0;
		return read_columns(rq, plan, t->value);
	}
	if (strcmp(n, "orderby") == 0)
		return read_orderby(rq, plan, t->value);
	if (strcmp(n, "limit") == 0) {
		if (parse_int(t->value, &v) == 0 && v >= 0 && v <= DATA_ROWS_MAX) {
			plan->limit = v;
			return 0;
		}
		fail(rq, 400, "limit must be a whole number from 0 to %d, like "
		     "limit=10; \"%s\" is not", DATA_ROWS_MAX, clip(shown, t->value));
		return -1;
	}
	if (strcmp(n, "step") == 0) {
		if (!plan->d->grid) {
			fail(rq, 400, "step only works with dataset=bathymetry "
			     "(it spaces the grid)");
			return -1;
		}
		if (parse_int(t->value, &v) == 0 && v >= STEP_MIN && v <= STEP_MAX) {
			plan->grid.step = (int)v;
			return 0;
		}
		fail(rq, 400, "step must be a whole number from %d to %d, like "
		     "step=10; \"%s\" is not", STEP_MIN, STEP_MAX,
		     clip(shown, t->value));
		return -1;
	}
	for (int i = 0; i < 4; i++) /* format */
		if (strcmp(t->value, formats[i]) == 0) {
			plan->format = (enum data_format)i;
			return 0;
		}
	fail(rq, 400, "format must be csv, json, html or svg; \"%s\" is not one "
	     "of them", clip(shown, t->value));
	return -1;
}

/* x=depth or y=time: names a plot axis, not a condition (a condition on x
 * or y always has a number).  Returns 1 when t is an axis (set, or -1 after
 * fail()), 0 when it is not. */
static int read_axis(struct request *rq, struct query_plan *plan,
		     struct term *t)
{
	const struct column *c, **axis;
	char shown[CLIP_SIZE], names[COLUMN_NAMES_MAX];
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
		     clip(shown, t->value), t->name, t->name, plan->d->name,
		     clip(shown, t->value), column_names(plan->d, names));
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
	char shown[CLIP_SIZE];

	if (!t->has_op) {
		fail(rq, 400, "I don't know what \"%s\" means here: a condition "
		     "looks like depth>20, and /data lists what you can ask",
		     clip(shown, t->name));
		return -1;
	}
	if (!(cond->col = column_or_fail(rq, plan->d, "", t->name)))
		return -1;
	cond->op = t->op;
	if (plan->add && t->op != OP_EQ) {
		fail(rq, 400, "to add a row, give each column with =, like "
		     "%s=12; \"%s\" is a condition, not a value", cond->col->name,
		     clip(shown, t->whole));
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
	char shown[CLIP_SIZE];

	if (!d->insert) {
		fail(rq, 400, "%s cannot take new rows: it comes from the ocean "
		     "itself. You can add rows to soundings, like "
		     "/data?dataset=soundings&add&name=fred&x=12.5&y=40&depth=28.1",
		     d->name);
		return -1;
	}
	if (!plan->all_cols || plan->norder || plan->limit >= 0 || plan->info) {
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
			     *col->unit ? " " : "", col->unit, clip(shown, c->text));
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

/* For svg: the axes (x=, y=, or the dataset's own), numbers only; then who
 * made each row, and the time when the points are joined (a track, or
 * time along x).  Returns 0, or -1 after fail(). */
static int check_axes(struct request *rq, struct query_plan *plan)
{
	const struct dataset *d = plan->d;
	const struct column *time = find_column(d, "time");

	if (!plan->axis_x)
		plan->axis_x = find_column(d, d->plot_x);
	if (!plan->axis_y)
		plan->axis_y = find_column(d, d->plot_y);
	for (int i = 0; i < 2; i++) {
		const struct column *c = i ? plan->axis_y : plan->axis_x;
		if (c->type == COL_TEXT) {
			fail(rq, 400, "%s is text, so it cannot go on the %s axis of "
			     "a plot; pick a number column, like x=x&y=%s", c->name,
			     i ? "y" : "x", d->plot_y);
			return -1;
		}
	}
	plan->cols[0] = plan->axis_x;
	plan->cols[1] = plan->axis_y;
	plan->ncols = 2;
	if (d->plot_group)
		plan->cols[plan->ncols++] = plan->group = find_column(d, d->plot_group);
	if (time && (d->plot_track || plan->axis_x == time))
		plan->cols[plan->ncols++] = plan->time = time;
	plan->most = DATA_PLOT_MAX;
	return 0;
}

/* Narrow [*lo, *hi] (whole metres) to the values that "axis op v" keeps. */
static void narrow(int *lo, int *hi, enum op op, double v)
{
	double c = fmax(-1, fmin(OCEAN_SIZE, v)); /* far out is just out */

	switch (op) {
	case OP_EQ: *lo = (int)fmax(*lo, ceil(c)); *hi = (int)fmin(*hi, floor(c)); break;
	case OP_LT: *hi = (int)fmin(*hi, ceil(c) - 1); break;
	case OP_LE: *hi = (int)fmin(*hi, floor(c)); break;
	case OP_GT: *lo = (int)fmax(*lo, floor(c) + 1); break;
	case OP_GE: *lo = (int)fmax(*lo, ceil(c)); break;
	case OP_NE: break;
	}
}

/* For bathymetry: the part of the grid the conditions on x and y can keep
 * (the rest is never computed), at most DATA_GRID_MAX points.  Returns 0,
 * or -1 after fail(). */
static int check_grid(struct request *rq, struct query_plan *plan)
{
	struct grid *g = &plan->grid;
	long long nx, ny;

	g->x_min = g->y_min = 0;
	g->x_max = g->y_max = (int)OCEAN_SIZE - 1;
	for (int i = 0; i < plan->nwhere; i++) {
		const struct condition *c = &plan->where[i];
		if (strcmp(c->col->name, "x") == 0)
			narrow(&g->x_min, &g->x_max, c->op, c->num);
		else if (strcmp(c->col->name, "y") == 0)
			narrow(&g->y_min, &g->y_max, c->op, c->num);
	}
	/* onto the grid: the first and last multiples of step inside */
	g->x_min = (g->x_min + g->step - 1) / g->step * g->step;
	g->y_min = (g->y_min + g->step - 1) / g->step * g->step;
	g->x_max = g->x_max < 0 ? -1 : g->x_max / g->step * g->step;
	g->y_max = g->y_max < 0 ? -1 : g->y_max / g->step * g->step;
	nx = g->x_max < g->x_min ? 0 : (g->x_max - g->x_min) / g->step + 1;
	ny = g->y_max < g->y_min ? 0 : (g->y_max - g->y_min) / g->step + 1;
	if (nx * ny > DATA_GRID_MAX) {
		fail(rq, 400, "that grid has %lld points, more than %d: use a bigger "
		     "step, or keep fewer rows with conditions on x and y",
		     nx * ny, DATA_GRID_MAX);
		return -1;
	}
	return 0;
}

/* Split the raw query into decoded terms (lib already refused broken
 * escapes, text that is not UTF-8, and too many keys); *n counts them, also
 * on failure.  Returns 0, or -1 after fail(). */
static int split_query(struct request *rq, char *text, struct term *terms, int *n)
{
	char *next;

	*n = 0;

	for (char *p = text; p && *p; p = next) {
		next = strchr(p, '&');
		if (next)
			*next++ = '\0';
		if (!*p)
			continue;
		if (*n == QUERY_MAX_PAIRS || url_decode(p) < 0 ||
		    !utf8_valid(p, strlen(p))) {
			fail(rq, 400, "I can't read this address: too many parts, "
			     "or a broken %%-escape");
			return -1;
		}
		if (split_term(rq, p, &terms[(*n)++]) < 0)
			return -1;
	}
	return 0;
}

/* The dataset named by the last dataset= term, or NULL when there is none
 * (then only world=, client= and format= may be given: the list).  Sets
 * *refused after fail(). */
static const struct dataset *read_dataset(struct request *rq, struct term *terms,
					  int n, int *refused)
{
	struct term *t = NULL;
	char shown[CLIP_SIZE];
	const struct dataset *d;

	for (int i = 0; i < n; i++)
		if (strcmp(terms[i].name, "dataset") == 0)
			t = &terms[i];
	*refused = 1;
	if (!t) {
		for (int i = 0; i < n; i++)
			if (strcmp(terms[i].name, "world") != 0 &&
			    strcmp(terms[i].name, "client") != 0 &&
			    strcmp(terms[i].name, "format") != 0) {
				fail(rq, 400, "say which dataset first, like "
				     "/data?dataset=bathymetry&%s (the list is at "
				     "/data)", clip(shown, terms[i].whole));
				return NULL;
			}
		*refused = 0;
		return NULL;
	}
	if (t->has_op && t->op != OP_EQ) {
		fail(rq, 400, "dataset takes =, like dataset=seamounts");
		return NULL;
	}
	if (!(d = find_dataset(t->value)))
		fail(rq, 400, "there is no dataset called \"%s\"; try "
		     "bathymetry, seamounts, tracks, sightings or soundings "
		     "(the list is at /data)", clip(shown, t->value));
	*refused = !d;
	return d;
}

int plan_query(struct request *rq, struct query_plan *plan)
{
	struct term terms[QUERY_MAX_PAIRS];
	int nterms, rc = -1, refused, has_format = 0;

	memset(plan, 0, sizeof *plan);
	plan->limit = -1;
	plan->most = DATA_ROWS_MAX;
	plan->all_cols = 1;
	plan->grid.step = STEP_DEFAULT;
	plan->text = xstrdup(rq->in.query ? rq->in.query : "");
	if (split_query(rq, plan->text, terms, &nterms) < 0)
		goto done;
	/* The dataset first: every other name is looked up in it. */
	plan->d = read_dataset(rq, terms, nterms, &refused);
	if (refused)
		goto done;
	for (int i = 0; i < nterms; i++) {
		plan->info |= strcmp(terms[i].name, "info") == 0;
		plan->add |= strcmp(terms[i].name, "add") == 0;
		has_format |= strcmp(terms[i].name, "format") == 0;
	}
	/* Then every term in order (without a dataset, read_dataset let
	 * through only world=, client= and format=). */
	for (int i = 0; i < nterms; i++) {
		struct term *t = &terms[i];
		int axis;

		if (is_word_key(t->name)) {
			if (read_word(rq, plan, t) < 0)
				goto done;
		} else if ((axis = read_axis(rq, plan, t)) < 0 ||
			   (axis == 0 && read_condition(rq, plan, t) < 0)) {
			goto done;
		}
	}
	/* A person: client=browser, or a browser's address bar (lib reads its
	 * Accept header) with neither client= nor format=. */
	plan->browser |= rq->reply.form == FORM_BROWSER;
	if (!has_format && plan->browser)
		plan->format = AS_HTML;
	if (!plan->d) {
		rc = 0;
		goto done;
	}
	if (plan->add) {
		rc = check_row(rq, plan);
		goto done;
	}
	if (plan->all_cols)
		for (int i = 0; i < plan->d->ncols; i++)
			plan->cols[plan->ncols++] = &plan->d->cols[i];
	if (plan->format == AS_SVG && check_axes(rq, plan) < 0)
		goto done;
	if (plan->d->grid && check_grid(rq, plan) < 0)
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
