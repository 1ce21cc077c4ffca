/* datapage.h: what /data says about itself: the list of datasets (with
 * clickable examples in a browser), a dataset's info, and the query form
 * that builds an address from a dataset, its columns, conditions and a
 * format, and shows the address as it is built (like ERDDAP's Data Access
 * Form; the building is www/data.js). */
#ifndef MOCEAN_DATAPAGE_H
#define MOCEAN_DATAPAGE_H

#include "dataquery.h"

/* The list of datasets, each with its description and working examples:
 * plain text, or for a browser (client=browser, format=html) a page of
 * links, each dataset with a link to its query form. */
void list_datasets(struct request *rq, const struct query_plan *plan);

/* A dataset's columns (type, unit, the range present) and row count, from
 * st (summarise_rows); format=json adds "rows" and "columns". */
void write_info(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

/* The query form for plan's dataset, filled in from the plan, into the
 * page being written (the html format writes it above its table). */
void write_form(struct request *rq, const struct query_plan *plan);

#endif
