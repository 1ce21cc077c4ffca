/* datarows.h: reading /data's rows, for every writer of them (table.h,
 * plot.h, datapage.h): the next row within the bound on one answer, and a
 * value as text, in full for files or as people read it. */
#ifndef MOCEAN_DATAROWS_H
#define MOCEAN_DATAROWS_H

#include "data/dataquery.h"

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
