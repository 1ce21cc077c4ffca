/* datasql.c: /data's SQL, built from the schema and bound (see datasql.h). */
#include "data/datasql.h"
#include "http/buf.h"

#include <assert.h>

int data_fill(struct store *db, const struct world *w,
		 const struct query_plan *plan)
{
	return plan->d->fill ? plan->d->fill(db, w, &plan->grid) : 0;
}

double data_cost(const struct query_plan *plan, sqlite3_stmt *st)
{
	const struct grid *g = &plan->grid;
	double scanned = st ? sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0) : 0;
	double points = 0;

	if (plan->d->grid && g->step > 0)
		points = (double)((g->x_max - g->x_min) / g->step + 1) *
			 (double)((g->y_max - g->y_min) / g->step + 1);
	return points + scanned;
}

void data_empty(struct store *db, const struct query_plan *plan)
{
	if (plan->d->empty)
		db_exec(db, plan->d->empty, NULL);
}

/* " FROM (source) WHERE "x" >= ?2 AND ...": the conditions' values are
 * ?2, ?3, ... in order. */
static void from_where(struct buf *sql, const struct query_plan *plan)
{
	buf_printf(sql, " FROM (%s)", plan->d->source);
	for (int i = 0; i < plan->nwhere; i++)
		buf_printf(sql, "%s\"%s\" %s ?%d", i ? " AND " : " WHERE ",
			   plan->where[i].col->name, op_text(plan->where[i].op), i + 2);
}

/* Prepare sql and bind the world's name (when the dataset has a world
 * column) and the conditions' values.  NULL on error (recorded). */
static sqlite3_stmt *prepare_plan(struct store *db, const struct query_plan *plan,
				  const char *world, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int rc = st ? 0 : -1;

	if (rc == 0 && find_column(plan->d, "world"))
		rc = db_bind(db, st, 1, "t", world);
	for (int i = 0; i < plan->nwhere && rc == 0; i++) {
		const struct condition *c = &plan->where[i];
		rc = c->col->type == COL_TEXT ? db_bind(db, st, i + 2, "t", c->text)
					      : db_bind(db, st, i + 2, "d", c->num);
	}
	if (rc < 0) {
		db_done(db, st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *select_rows(struct store *db, const struct query_plan *plan,
			  const char *world)
{
	struct buf sql = {0};
	sqlite3_stmt *st;
	long long limit = plan->limit >= 0 && plan->limit <= plan->most ?
			  plan->limit : plan->most + 1;

	assert(plan->ncols > 0);
	buf_puts(&sql, "SELECT ");
	for (int i = 0; i < plan->ncols; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", plan->cols[i]->name);
	from_where(&sql, plan);
	buf_puts(&sql, " ORDER BY ");
	for (int i = 0; i < plan->norder; i++)
		buf_printf(&sql, "\"%s\" %s, ", plan->order[i].col->name,
			   plan->order[i].desc ? "DESC" : "ASC");
	buf_printf(&sql, "row_ LIMIT ?%d", plan->nwhere + 2);
	st = prepare_plan(db, plan, world, buf_str(&sql));
	if (st && db_bind(db, st, plan->nwhere + 2, "i", limit) < 0) {
		db_done(db, st);
		st = NULL;
	}
	buf_free(&sql);
	return st;
}

sqlite3_stmt *summarise_rows(struct store *db, const struct query_plan *plan,
			     const char *world)
{
	struct buf sql = {0};
	sqlite3_stmt *st;

	buf_puts(&sql, "SELECT count(*)");
	for (int i = 0; i < plan->d->ncols; i++)
		buf_printf(&sql, ", min(\"%s\"), max(\"%s\")",
			   plan->d->cols[i].name, plan->d->cols[i].name);
	from_where(&sql, plan);
	st = prepare_plan(db, plan, world, buf_str(&sql));
	buf_free(&sql);
	return st;
}

int data_insert_row(struct store *db, const struct query_plan *plan, double now)
{
	const struct dataset *d = plan->d;
	sqlite3_stmt *st = db_prepare(db, d->insert, NULL);
	int at = 0, rc = st ? 0 : -1;

	for (int i = 0; i < d->ncols && rc == 0; i++) {
		const struct column *col = &d->cols[i];
		const struct condition *c = NULL;

		if (col->fill == BY_WORLD)
			continue;
		at++;
		for (int j = 0; j < plan->nwhere; j++)
			if (plan->where[j].col == col)
				c = &plan->where[j];
		if (col->fill == BY_CLOCK)
			rc = db_bind(db, st, at, "d", now);
		else if (!c || col->type == COL_TEXT)
			rc = db_bind(db, st, at, "t", c ? c->text : NULL);
		else
			rc = db_bind(db, st, at, "d", c->num);
	}
	if (rc == 0)
		db_row(db, st);
	db_done(db, st);
	return db->failed ? -1 : 0;
}
