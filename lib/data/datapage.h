/* datapage.h: what /data says about itself: the list of datasets (with
 * clickable examples in a browser), a dataset's info, and the page for
 * people: the query form that builds an address from a dataset, its
 * columns, conditions and a format, and shows the address as it is built
 * (like ERDDAP's Data Access Form; the building is www/data.js), above the
 * rows as a table (table.h). */
#ifndef MOCEAN_DATAPAGE_H
#define MOCEAN_DATAPAGE_H

#include "data/dataquery.h"

/* The list of datasets, each with its description and working examples:
 * plain text, or for a browser (client=browser, format=html) a page of
 * links, each dataset with a link to its query form. */
void data_list_datasets(struct request *rq, const struct query_plan *plan);

/* A dataset's columns (type, unit, the range present) and row count, from
 * st (summarise_rows); format=json adds "rows" and "columns". */
void data_write_info(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

/* The html page of the rows of st (from select_rows): the address asked,
 * the query form filled in from the plan, then the rows as a table.  For a
 * dataset the class writes into (one with a time column), the live view
 * (www/datalive.js) comes first, the rows and their plot, then the form. */
void write_page(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

#endif
