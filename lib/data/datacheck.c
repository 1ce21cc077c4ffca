/* datacheck.c: /data's terms and plan checked against the schema (see
 * datacheck.h). */
#include "data/datacheck.h"
#include "ocean/reply.h"
#include "ocean/player.h"
#include "ocean/secret.h"
#include "ocean/roster.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *clip(char out[CLIP_SIZE], const char *s)
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
	if (text_to_real(value, &cond->num) == 0)
		return 0;
	fail(rq, 400, "%s must be a number, like %s%s%s, but \"%s\" is not one",
	     cond->col->name, cond->col->name, op,
	     cond->col->type == COL_INT ? "100" : "12.5", clip(shown, value));
	return -1;
}

/* columns=a,b,c into plan->cols (an extra comma is harmless, no name at
 * all is not: it would SELECT nothing). */
int read_columns(struct request *rq, struct query_plan *plan,
		 const struct term *t)
{
	char list[DATA_VALUE_MAX + 1];
	char *save = NULL;
	char *name;

	snprintf(list, sizeof list, "%s", t->value);
	plan->all_cols = 0;
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

/* orderby=a,b desc into plan->order, each column once. */
int read_orderby(struct request *rq, struct query_plan *plan,
		 const struct term *t)
{
	char list[DATA_VALUE_MAX + 1];
	char shown[CLIP_SIZE];
	char *save = NULL;
	char *item;

	snprintf(list, sizeof list, "%s", t->value);
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

/* x=depth or y=time: names a plot axis, not a condition (a condition on x
 * or y always has a number).  Returns 1 when t is an axis (set, or -1 after
 * fail()), 0 when it is not. */
int read_axis(struct request *rq, struct query_plan *plan, const struct term *t)
{
	const struct column *c, **axis;
	char shown[CLIP_SIZE], names[COLUMN_NAMES_MAX];
	double v;

	if (plan->add || t->op != OP_EQ ||
	    (strcmp(t->key, "x") != 0 && strcmp(t->key, "y") != 0) ||
	    text_to_real(t->value, &v) == 0)
		return 0;
	axis = t->key[0] == 'x' ? &plan->axis_x : &plan->axis_y;
	c = find_column(plan->d, t->value);
	if (!c) {
		fail(rq, 400, "%s=%s: %s must be a number (x=200 keeps the rows "
		     "where x is 200) or a column to plot on the %s axis, and %s "
		     "has no column called \"%s\"; its columns are %s", t->key,
		     clip(shown, t->value), t->key, t->key, plan->d->name,
		     clip(shown, t->value), column_names(plan->d, names));
		return -1;
	}
	*axis = c;
	return 1;
}

/* A condition (or, for add, a submitted value): a column, an operator
 * and a value of the column's type.  Returns 0, or -1 after fail(). */
int read_condition(struct request *rq, struct query_plan *plan,
		   const struct term *t)
{
	struct condition *cond = &plan->where[plan->nwhere];
	char shown[CLIP_SIZE];

	if (t->op == OP_NONE) {
		fail(rq, 400, "I don't know what \"%s\" means here: a condition "
		     "looks like depth>20, and /data lists what you can ask",
		     clip(shown, t->key));
		return -1;
	}
	if (!(cond->col = column_or_fail(rq, plan->d, "", t->key)))
		return -1;
	cond->op = t->op;
	if (plan->add && t->op != OP_EQ) {
		fail(rq, 400, "to add a row, give each column with =, like "
		     "%s=12; \"%s\" is a condition, not a value", cond->col->name,
		     clip(shown, t->text));
		return -1;
	}
	if (read_value(rq, cond, op_text(t->op), t->value) < 0)
		return -1;
	plan->nwhere++;
	return 0;
}

/* Each column given once, the required ones all there, every value
 * inside its range. */
int check_row(struct request *rq, const struct query_plan *plan)
{
	const struct dataset *d = plan->d;
	const struct dataset *takes = submittable_dataset();
	char shown[CLIP_SIZE];
	char names[NAMES_MAX];

	if (!d->insert) {
		fail(rq, 400, "%s cannot take new rows: it comes from the ocean "
		     "itself. You can add rows to %s, like /data?dataset=%s&add&%s",
		     d->name, takes->name, takes->name, takes->add_example);
		return -1;
	}
	if (!plan->all_cols || plan->norder || plan->limit >= 0 || plan->info) {
		fail(rq, 400, "add takes only the row's values, like "
		     "/data?dataset=%s&add&%s", d->name, d->add_example);
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
			fail(rq, 400, "%s is missing: a row of %s needs %s, like "
			     "/data?dataset=%s&add&%s", d->cols[i].name, d->name,
			     required_names(d, names), d->name, d->add_example);
			return -1;
		}
	}
	return 0;
}

int check_author(struct request *rq, const struct query_plan *plan)
{
	struct player p;

	for (int i = 0; i < plan->nwhere; i++) {
		const struct condition *c = &plan->where[i];

		if (strcmp(c->col->name, "name") != 0)
			continue;
		if (player_find(rq, c->text, &p) ? !secret_allows(rq, &p)
						 : !roster_allows(rq, c->text))
			return -1;
	}
	return 0;
}

/* The axes, then who made each row, and the time when the points are
 * joined (a track, or time along x). */
int check_axes(struct request *rq, struct query_plan *plan)
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
	case OP_NE:
	case OP_NONE: break;
	}
}

/* The conditions on x and y narrow the grid, then onto its step. */
int check_grid(struct request *rq, struct query_plan *plan)
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
