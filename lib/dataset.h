/* dataset.h: the datasets of the data service /data (PROTOCOL section 4),
 * each with its schema: its columns (name, type, unit, what it means), where
 * its rows come from, and, for a dataset players may add rows to, which
 * columns are required and what values are allowed.
 *
 * The column names here are the only names that ever reach SQL text: a
 * request's names are looked up in this table and the table's own strings
 * are used.  Computed datasets (bathymetry, seamounts) are filled from the
 * world's geometry into a TEMP table of the request's connection, so every
 * dataset answers the same checked query in the same way. */
#ifndef MOCEAN_DATASET_H
#define MOCEAN_DATASET_H

#include "request.h"

#define DATASET_MAX_COLUMNS 8

enum col_type { COL_INT, COL_REAL, COL_TEXT };

/* Who fills a column when a row is submitted. */
enum col_fill {
	BY_PLAYER,   /* the submitter sends it (name=fred) */
	BY_CLOCK,    /* the server: the time the row arrived */
	BY_WORLD,    /* the server: the world's name (not stored) */
};

struct column {
	const char *name;    /* in URLs, in replies, and (quoted) in SQL */
	enum col_type type;
	const char *unit;    /* "m", "" for none */
	const char *about;   /* what it means, for people */
	int down;            /* 1: plots draw it growing downward (depths) */
	enum col_fill fill;
	/* For submitting (BY_PLAYER columns of submittable datasets): */
	int required;
	double min, max;     /* numbers: min <= value <= max (< max if open) */
	int max_open;        /* 1: the top of the range is not allowed */
};

struct query_plan;

struct dataset {
	const char *name;        /* "bathymetry" */
	const char *about;       /* one line for people */
	const char *example;     /* a query that shows it off (after "?") */
	struct column cols[DATASET_MAX_COLUMNS];
	int ncols;
	/* SQL giving the rows as a subquery: the columns in order plus row_
	 * (natural order); ":world" may name the world's name. */
	const char *source;
	/* Computed datasets: fill the TEMP table source reads (NULL for the
	 * logged ones).  The plan lets it skip rows no constraint could keep.
	 * Returns 0, or -1 after fail(). */
	int (*fill)(struct request *rq, const struct query_plan *plan);
	/* Submittable datasets: the INSERT, with one '?' per non-world column
	 * in column order (NULL: players cannot add rows). */
	const char *insert;
	const char *plot_x, *plot_y; /* the svg axes unless x= and y= say */
};

/* The dataset called name, or NULL. */
const struct dataset *find_dataset(const char *name);

/* All datasets, in the order /data lists them; *n gets how many. */
const struct dataset *all_datasets(int *n);

/* The column called name in d, or NULL. */
const struct column *find_column(const struct dataset *d, const char *name);

/* "x, y, depth": d's column names for sentences (a static buffer). */
const char *column_names(const struct dataset *d);

/* "integer", "real number" or "text". */
const char *type_name(enum col_type t);

/* The bathymetry grid's default step and allowed steps, and the most grid
 * points one request may compute. */
#define STEP_DEFAULT 10
#define STEP_MIN 1
#define STEP_MAX 450
#define GRID_POINTS_MAX 250000

#endif
