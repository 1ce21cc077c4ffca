/* table.h: what /data answers: the list of datasets, a dataset's info, and
 * its rows as csv, json, html (a table) or svg (a plot). */
#ifndef MOCEAN_TABLE_H
#define MOCEAN_TABLE_H

#include "dataquery.h"

/* The list of datasets, each with its description and a working example
 * (links when client=browser). */
void data_list(struct request *rq);

/* A dataset's columns (type, unit, the range present) and row count. */
void data_info(struct request *rq, const struct query_plan *plan);

/* The rows the plan asks for, in its format.  Returns 0, or -1 (recorded). */
int data_rows(struct request *rq, const struct query_plan *plan);

#endif
