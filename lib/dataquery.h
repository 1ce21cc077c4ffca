/* dataquery.h: reading a /data request into a checked plan, and turning the
 * plan into SQL.
 *
 * lib's query parser keeps one value per key and splits at the first '=',
 * which cannot hold "x>=10&x<20", so the raw QUERY_STRING is read here again,
 * term by term, in order: each term is URL-decoded whole, then read as a
 * column, an operator (= != < <= > >=) and a value, or as one of the words
 * the service knows (dataset, columns, orderby, limit, format, step, info,
 * add, world, client).  Every name is looked up in the dataset's schema
 * (dataset.h) and every value checked against its column's type before any
 * SQL runs; the SQL is built only from the schema's own names, and values
 * are bound, never spliced into the text. */
#ifndef MOCEAN_DATAQUERY_H
#define MOCEAN_DATAQUERY_H

#include <sqlite3.h>

#include "dataset.h"
#include "query.h"
#include "request.h"

enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

/* One condition (depth>20), or one submitted value (depth=28.1). */
struct condition {
	const struct column *col;
	enum op op;
	const char *text;    /* the value as sent (decoded, trimmed) */
	double num;          /* the value, for number columns */
};

struct order {
	const struct column *col;
	int desc;            /* 1: largest first ("orderby=depth desc") */
};

enum data_format { AS_CSV, AS_JSON, AS_HTML, AS_SVG };

struct query_plan {
	const struct dataset *d;     /* NULL: no dataset=, list them all */
	const struct column *cols[DATASET_MAX_COLUMNS]; /* the columns out */
	int ncols;
	struct condition where[QUERY_MAX_PAIRS]; /* ANDed; the row for add */
	int nwhere;
	struct order order[QUERY_MAX_PAIRS];
	int norder;
	long long limit;             /* -1: every row */
	enum data_format format;
	const struct column *axis_x, *axis_y; /* svg */
	int step;                    /* bathymetry's grid step */
	int info, add;               /* &info, &add */
	char *text;                  /* one allocation holding the terms */
};

/* Read QUERY_STRING into plan and check all of it against the dataset's
 * schema.  Returns 0, or -1 after fail(rq, 400, ...) with a sentence naming
 * what is wrong.  Free with plan_free either way. */
int plan_query(struct request *rq, struct query_plan *plan);

/* Free what plan_query allocated. */
void plan_free(struct query_plan *plan);

/* 0 when some condition on the column called name refuses value v, else 1:
 * lets computed datasets skip rows the query would drop anyway. */
int row_may_match(const struct query_plan *plan, const char *name, double v);

/* Fill a computed dataset's TEMP table (nothing for logged datasets).
 * Returns 0, or -1 after fail(). */
int fill_dataset(struct request *rq, const struct query_plan *plan);

/* The rows asked for: SELECT the plan's columns FROM the dataset WHERE the
 * conditions ORDER BY ... LIMIT ..., prepared and bound.  NULL on error
 * (recorded: lib answers 500). */
sqlite3_stmt *select_rows(struct request *rq, const struct query_plan *plan);

/* For &info: one row holding count(*), then min and max of every column,
 * over the rows the conditions keep.  NULL on error (recorded). */
sqlite3_stmt *summarise_rows(struct request *rq,
			     const struct query_plan *plan);

/* End the read-only snapshot of a WORLD_READ request and take the write
 * lock (BEGIN IMMEDIATE, waiting for other writers): reading never blocks
 * writers, and only adding a row writes.  lib commits after the handler as
 * usual.  Returns 0, or -1 after fail(). */
int start_writing(struct request *rq);

/* Store the plan's checked row (for &add).  Returns 0, or -1 (recorded). */
int insert_row(struct request *rq, const struct query_plan *plan);

/* Operator text as in URLs: "=", "!=", "<", "<=", ">", ">=". */
const char *op_text(enum op op);

#endif
