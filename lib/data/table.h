/* table.h: /data's rows as tables: csv (a header line, then rows, full
 * precision), json (an array of objects, full precision), or an html
 * table (times and numbers as people read them) for the page around it
 * (datapage.h).  Each reads the rows of st (from select_rows) through
 * datarows.h, at most plan->most of them (a 400 past it). */
#ifndef MOCEAN_TABLE_H
#define MOCEAN_TABLE_H

#include "data/dataquery.h"

/* The rows as csv, text quoted when it needs to be: the whole reply. */
void write_csv(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

/* The rows as json, one object per row: the whole reply. */
void write_json(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

/* The rows as an html <table>, into the page being written.  Returns how
 * many rows, or -1 when refused (too many). */
long long write_table(struct request *rq, const struct query_plan *plan,
		      sqlite3_stmt *st);

#endif
