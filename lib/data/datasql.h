/* datasql.h: a checked /data plan (dataquery.h) turned into SQL on the
 * world's store: the computed datasets filled, the rows selected or
 * summarised, a submitted row added.
 *
 * The SQL text is built only from the schema's own names (dataset.h); every
 * value from the address is bound, never spliced into the text: ?1 is the
 * world's name, ?2, ?3, ... the conditions' values in order, and the last
 * parameter the limit.  A failed SQLite call is recorded in the store, and
 * lib answers it (db.h). */
#ifndef MOCEAN_DATASQL_H
#define MOCEAN_DATASQL_H

#include "data/dataquery.h"
#include "store/db.h"

/* Fill a computed dataset's TEMP table over the plan's grid (nothing for
 * the logged datasets).  Returns 0, or -1 (recorded). */
int data_fill(struct store *db, const struct world *w,
		 const struct query_plan *plan);

/* Empty the TEMP table data_fill filled, so a long-lived connection
 * keeps nothing of this request.  Call it after db_done of the rows. */
void data_empty(struct store *db, const struct query_plan *plan);

/* The rows asked for: SELECT the plan's columns FROM the dataset WHERE the
 * conditions ORDER BY ... LIMIT ..., prepared and bound.  At most
 * plan->most + 1 rows come, so a writer can tell when there are too many.
 * NULL on error (recorded).  Hand it back with db_done. */
sqlite3_stmt *select_rows(struct store *db, const struct query_plan *plan,
			  const char *world);

/* For &info: one row holding count(*), then min and max of every column,
 * over the rows the conditions keep.  NULL on error (recorded). */
sqlite3_stmt *summarise_rows(struct store *db, const struct query_plan *plan,
			     const char *world);

/* Store the plan's checked row (for &add), now as its time.  Returns 0, or
 * -1 (recorded). */
int data_insert_row(struct store *db, const struct query_plan *plan, double now);

/* What a query cost, in rows: the grid points it computed and the rows it
 * read (st has run).  Charged to the
 * client's address (ocean/limit.h). */
double data_cost(const struct query_plan *plan, sqlite3_stmt *st);

#endif
