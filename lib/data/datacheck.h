/* datacheck.h: /data's checks against the dataset's schema (dataset.h).
 * dataquery.c reads the address's terms and hands each one that names
 * columns to a reader here: columns=, orderby=, a plot's axis, a
 * condition; each looks every name up in the schema and checks every
 * value against its column's type.  Then the plan as a whole: a row to add
 * has each required column once and every value in range; a plot has two
 * number axes; bathymetry's grid is narrowed by the conditions on x and y,
 * and bounded.  And clip(), how every sentence of /data shows what was
 * sent.  Each returns 0, or -1 after fail(rq, 400, ...) with a sentence
 * naming what is wrong. */
#ifndef MOCEAN_DATACHECK_H
#define MOCEAN_DATACHECK_H

#include "data/dataquery.h"

/* Room for clip()'s text: 40 bytes, "..." and the NUL. */
#define CLIP_SIZE 48

/* s for a one-line sentence, written into out: at most 40 bytes of it,
 * not cutting a UTF-8 character, with "..." when cut, and control
 * characters (a %0A in the address) shown as spaces.  Returns out. */
const char *clip(char out[CLIP_SIZE], const char *s);

/* columns=a,b,c: the columns out, each once, at least one. */
int read_columns(struct request *rq, struct query_plan *plan,
		 const struct term *t);

/* orderby=a,b desc: the order, each column once, at least one. */
int read_orderby(struct request *rq, struct query_plan *plan,
		 const struct term *t);

/* x=depth or y=time: names a plot axis, not a condition (a condition on x
 * or y always has a number).  Returns 1 when t is an axis (set, or -1 after
 * fail()), 0 when it is not. */
int read_axis(struct request *rq, struct query_plan *plan, const struct term *t);

/* A condition (or, for add, a submitted value): a column, an operator and
 * a value of the column's type. */
int read_condition(struct request *rq, struct query_plan *plan,
		   const struct term *t);

/* For add: the plan's conditions are a row its dataset takes. */
int check_row(struct request *rq, const struct query_plan *plan);

/* For add: a row credited to a player (its name column) protected by a
 * secret word in this world, or to a name on its class roster, needs
 * secret= with the word, as every route
 * that acts as that player does: 0, or -1 after the 403 (or the 429 of an
 * address that sent too many wrong words). */
int check_author(struct request *rq, const struct query_plan *plan);

/* For svg: the axes (x=, y=, or the dataset's own), numbers only, as the
 * plan's columns, then who made each row and the time when the points are
 * joined. */
int check_axes(struct request *rq, struct query_plan *plan);

/* For bathymetry: the part of the grid the conditions on x and y can keep
 * (the rest is never computed), at most DATA_GRID_MAX points. */
int check_grid(struct request *rq, struct query_plan *plan);

#endif
