/* datareply.c: the format picks the writer of /data's rows (see
 * datareply.h). */
#include "data/datareply.h"
#include "data/datapage.h"
#include "data/plot.h"
#include "data/table.h"
#include "data/datasql.h"

void data_write_rows(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	switch (plan->format) {
	case AS_CSV: write_csv(rq, plan, st); break;
	case AS_JSON: write_json(rq, plan, st); break;
	case AS_HTML: write_page(rq, plan, st); break;
	case AS_SVG: write_svg(rq, plan, st); break;
	}
	rq->data_cost = data_cost(plan, st);
}
