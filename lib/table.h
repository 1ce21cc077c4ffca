/* table.h: /data's rows written in the format asked for: csv (a header line,
 * then rows, full precision), json (an array of objects, full precision),
 * html (the query form above a table, times and numbers as people read them)
 * or svg (a plot, plot.h). */
#ifndef MOCEAN_TABLE_H
#define MOCEAN_TABLE_H

#include "dataquery.h"

/* Write the rows of st (from select_rows) in plan->format. */
void write_rows(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

/* Step st to its next row, counting rows in *n: 1 when a row is ready; 0
 * when there are no more, or after a 400 when more than plan->most come
 * (the bound on one answer). */
int next_row(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st,
	     long long *n);

/* Append the value in column i of st's current row as text: in full for
 * files (people = 0); for people, a time as "2026-11-23 14:05:09 UTC" and
 * a real number rounded to two decimals. */
void cell_text(struct buf *b, sqlite3_stmt *st, int i, const struct column *col,
	       int people);

#endif
