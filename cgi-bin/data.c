/* /data: research data over plain web addresses, like the big ocean data
 * services scientists use.  The address says which dataset, which columns,
 * which rows, and which file type:
 *
 *   /data                                    -> the datasets, with examples
 *   /data?dataset=seamounts&info             -> its columns and their ranges
 *   /data?dataset=seamounts&columns=name,depth&depth<15&orderby=depth
 *                                            -> name,depth
 *                                               Krakatoa,9.6 ...
 *   /data?dataset=bathymetry&step=5&x=200&y>=250&y<=350&format=svg&x=y&y=depth
 *                                            -> a plot across the trench
 *   /data?dataset=soundings&add&name=fred&x=12.5&y=40&depth=28.1 -> 1
 *
 * Conditions are column, operator (= != < <= > >=), value; all must hold.
 * format is csv (the default), json, html or svg.  With svg, x=COLUMN and
 * y=COLUMN choose the axes (x=200, a number, is a condition instead).
 * Every name is checked against the dataset before anything is read: an
 * unknown column, operator or value is a 400 that names it.
 */
#include "mocean.h"
#include "table.h"

/* Store a submitted row: the reply is 1. */
static void add_row(struct request *rq, const struct query_plan *plan)
{
	if (start_writing(rq) < 0 || insert_row(rq, plan) < 0)
		return;
	say(rq, "1");
	json_int(rq, "added", 1);
}

static void data(struct request *rq)
{
	struct query_plan plan;

	if (plan_query(rq, &plan) == 0) {
		if (!plan.d)
			data_list(rq);
		else if (plan.add)
			add_row(rq, &plan);
		else if (plan.info)
			data_info(rq, &plan);
		else
			data_rows(rq, &plan);
	}
	plan_free(&plan);
}

static const struct route route = {
	.name = "data",
	.keys = { { .name = "dataset", .type = KEY_TEXT, .longest = 32 },
		  { .name = "columns", .type = KEY_TEXT, .longest = 500 },
		  { .name = "orderby", .type = KEY_TEXT, .longest = 500 } },
	.store = STORE_WORLD_READ,
	.handle = data,
};

int main(void) { return serve(&route); }
