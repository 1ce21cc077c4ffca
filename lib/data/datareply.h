/* datareply.h: /data's rows in the format asked for, the one place where
 * the format picks the writer: csv and json (table.h), the page for people
 * (datapage.h), or a plot (plot.h).  The /data files call only downward:
 *
 *   datareply          the format picks a writer
 *   datapage           the list, info, the page for people (form, table)
 *   table     plot     csv, json, an html table; the svg plot
 *   datarows           the next row, a value as text
 *   datasql            the plan as SQL
 *   dataquery          the address's terms into a plan
 *   datacheck          names and values against the schema
 *   dataset            the datasets and their schemas
 *   query              (lib's) the address read once, into terms
 */
#ifndef MOCEAN_DATAREPLY_H
#define MOCEAN_DATAREPLY_H

#include "data/dataquery.h"

/* Write the rows of st (from select_rows) in plan->format. */
void data_write_rows(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

#endif
