/* dataset.h: the datasets of the data service /data (docs/PROTOCOL.md section 4),
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

#include "store/db.h"
#include "ocean/world.h"

#define DATASET_MAX_COLUMNS 8

/* The bathymetry grid's default step and allowed steps. */
#define STEP_DEFAULT 10
#define STEP_MIN 1
#define STEP_MAX 450

/* Room for column_names()' text: every column name of a dataset. */
#define COLUMN_NAMES_MAX 128

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
	double min;          /* numbers: min <= value <= max (< max if open) */
	double max;
	int max_open;        /* 1: the top of the range is not allowed */
};

/* The part of the bathymetry grid a query can keep: x from x_min to x_max
 * (whole metres, both multiples of step, both kept), the same for y.  An
 * empty part has x_min > x_max or y_min > y_max. */
struct grid {
	int step;
	int x_min;
	int x_max;
	int y_min;
	int y_max;
};

struct dataset {
	const char *name;        /* "bathymetry" */
	const char *about;       /* one line for people */
	const char *example;     /* a query that shows it off (after "?") */
	struct column cols[DATASET_MAX_COLUMNS];
	int ncols;
	/* SQL giving the rows as a subquery: the columns in order plus row_
	 * (natural order); ?1 is the world's name. */
	const char *source;
	/* Computed datasets: fill the TEMP table source reads (NULL for the
	 * logged ones), replacing what an earlier request on the same
	 * connection left; only the part of the grid g can be kept is
	 * computed.  Returns 0, or -1 (recorded in db). */
	int (*fill)(struct store *db, const struct world *w, const struct grid *g);
	/* Computed datasets: the SQL that empties the TEMP table again. */
	const char *empty;
	/* 1: computed on a grid (bathymetry): step= spaces it, and only the
	 * part conditions on x and y keep is computed. */
	int grid;
	/* Submittable datasets: the INSERT, with one '?' per non-world column
	 * in column order (NULL: players cannot add rows). */
	const char *insert;
	const char *plot_x;      /* the svg axes unless x= and y= say */
	const char *plot_y;
	/* Plots: the column naming who made each row (a colour each, with a
	 * legend; NULL: one colour), and 1 when each one's points are joined
	 * in time order (a track). */
	const char *plot_group;
	int plot_track;
	/* Submittable datasets: a row to add, for sentences and the list
	 * ("name=fred&x=12.5&y=40&depth=28.1"). */
	const char *add_example;
};

/* The dataset called name, or NULL. */
const struct dataset *find_dataset(const char *name);

/* All datasets, in the order /data lists them; *n gets how many. */
const struct dataset *all_datasets(int *n);

/* The column called name in d, or NULL. */
const struct column *find_column(const struct dataset *d, const char *name);

/* "x, y, depth": d's column names for sentences, written into out;
 * returns out. */
const char *column_names(const struct dataset *d, char out[COLUMN_NAMES_MAX]);

/* Room for the lists of names below. */
#define NAMES_MAX 128

/* "bathymetry, seamounts, tracks, sightings or soundings": every
 * dataset's name for sentences, written into out; returns out. */
const char *dataset_names(char out[NAMES_MAX]);

/* "name, x, y and depth": the columns a new row of d needs, written into
 * out; returns out. */
const char *required_names(const struct dataset *d, char out[NAMES_MAX]);

/* The dataset on a grid (bathymetry), and the first that takes new rows
 * (soundings), for sentences that name them. */
const struct dataset *grid_dataset(void);
const struct dataset *submittable_dataset(void);

/* "integer", "real number" or "text". */
const char *type_name(enum col_type t);

#endif
