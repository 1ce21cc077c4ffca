/* dataquery.h: reading a /data address into a checked plan.
 *
 * lib's query parser (query.h) has read the address once, into terms in
 * the order sent: "x>=10&x<20" is two terms, each a key, an operator and a
 * value.  Here each term is read as one of the words the service knows
 * (a table in dataquery.c: dataset, columns, orderby, limit, format, step,
 * info, add, world, client), or as a condition: a column, an operator
 * (= != < <= > >=) and a value.  Every name is looked up in the dataset's
 * schema (dataset.h), every value checked against its column's type, and
 * the plan as a whole checked (datacheck.h), before any SQL runs.
 * datasql.h turns the plan into SQL. */
#ifndef MOCEAN_DATAQUERY_H
#define MOCEAN_DATAQUERY_H

#include "data/dataset.h"
#include "http/query.h"
#include "ocean/request.h"

/* What one request may ask of the service; past a bound the answer is a
 * 400 saying so (docs/CODE.md: every request's work is bounded). */
#define DATA_ROWS_MAX 100000        /* rows in one answer; limit= up to this */
#define DATA_PLOT_MAX 50000         /* points in one svg plot */
#define DATA_GRID_MAX 250000        /* bathymetry points computed */
#define DATA_VALUE_MAX 200          /* characters in one value */

/* One condition (depth>20), or one submitted value (depth=28.1). */
struct condition {
	const struct column *col;
	enum op op;
	const char *text;    /* the value as sent (decoded, trimmed; in the
	                        request's query) */
	double num;          /* the value, for number columns */
};

struct order {
	const struct column *col;
	int desc;            /* 1: largest first ("orderby=depth desc") */
};

/* csv is the default; html is the page for people (the query form above a
 * table), also for a browser without format=. */
enum data_format {
	AS_CSV,
	AS_JSON,
	AS_HTML,
	AS_SVG,
};

#define DATA_FORMATS 4 /* how many */

struct query_plan {
	const struct dataset *d;     /* NULL: no dataset=, list them all */
	const struct column *cols[DATASET_MAX_COLUMNS]; /* the columns out */
	int ncols;
	int all_cols;                /* 1: no columns= (every column) */
	struct condition where[QUERY_MAX_PAIRS]; /* ANDed; the row for add */
	int nwhere;
	struct order order[DATASET_MAX_COLUMNS];
	int norder;
	long long limit;             /* -1: not given */
	long long most;              /* the most rows the answer may have */
	enum data_format format;
	int browser;                 /* 1: for a person (client=browser, or a
	                                browser's Accept without format=) */
	/* svg: the axes (cols[0] and cols[1]), then the column naming who
	 * made each row when the dataset colours them (group), and time when
	 * each one's points are joined in time order (NULL when not) */
	const struct column *axis_x;
	const struct column *axis_y;
	const struct column *group;
	const struct column *time;
	struct grid grid;            /* bathymetry's grid, narrowed by x and y */
	int info;                    /* &info */
	int add;                     /* &add */
};

/* Read rq->query's terms into plan and check all of it against the
 * dataset's schema and the bounds above.  Returns 0, or -1 after
 * fail(rq, 400, ...) with a sentence naming what is wrong.  The plan points
 * into rq->query and the schema; call plan_free when done either way. */
int plan_query(struct request *rq, struct query_plan *plan);

/* Done with plan (it owns nothing: this only clears it). */
void plan_free(struct query_plan *plan);

/* "csv", "json", "html" or "svg". */
const char *format_name(enum data_format f);

#endif
