/* /data: research data over plain web addresses, like the big ocean data
 * services scientists use.  The address says which dataset, which columns,
 * which rows, and which file type:
 *
 *   /data                                    -> the datasets, with examples
 *   /data?dataset=seamounts&info             -> its columns and their ranges
 *   /data?dataset=seamounts&columns=name,depth&depth<15&orderby=depth
 *                                            -> name,depth
 *                                               Ridhi Seamount,3.286208591458222
 *                                               ... (one world's; shallowest first)
 *   /data?dataset=bathymetry&step=5&x=200&y>=250&y<=350&format=svg&x=y&y=depth
 *                                            -> a plot across the trench
 *   /data?dataset=tracks&client=browser      -> a form that builds the address,
 *                                               above the rows as a table
 *   /data?dataset=soundings&add&name=fred&x=12.5&y=40&depth=28.1 -> 1
 *
 * Conditions are column, operator (= != < <= > >=), value; all must hold.
 * format is csv (the default), json, html or svg.  With svg, x=COLUMN and
 * y=COLUMN choose the axes (x=200, a number, is a condition instead).
 * Every name is checked against the dataset before anything is read: an
 * unknown column, operator or value is a 400 that names it.
 * Worst case: 250,000 bathymetry points computed and sorted (about 0.3 s);
 * 100,000 rows written (about 2 MB of csv, 4 MB of json or html, 0.25 s); a
 * plot of 50,000 points (3 MB of svg); 64 terms of at most 200 characters.
 * Past each bound, a 400 says so.
 */
#include "mocean.h"

/* Store a submitted row: the reply is 1, sent only once the row is on
 * disk.  Reading took a snapshot; adding a row needs the write lock, and a
 * world that has no file yet is made for it (world_writable). */
static void add_row(struct request *rq, const struct query_plan *plan)
{
	enum world_writable made = world_writable(rq);

	if (made == WORLD_NOT_MADE)
		fail(rq, 409, "%s", NO_NEW_WORLD);
	else if (made == WORLD_WRITABLE && data_insert_row(rq->db, plan, rq->now) == 0) {
		say(rq, "1");
		json_int(&rq->reply.json, "added", 1);
	}
}

/* Plan (read and check the address), fill (compute a dataset made from
 * the world's geometry), select the rows, write them. */
static void data(struct request *rq)
{
	struct query_plan plan;
	sqlite3_stmt *rows;

	if (plan_query(rq, &plan) < 0) {
		/* refused: the sentence says what to change */
	} else if (!plan.d) {
		data_list_datasets(rq, &plan);
	} else if (plan.add) {
		add_row(rq, &plan);
	} else if (data_fill(rq->db, &rq->world, &plan) == 0) {
		rows = plan.info ? summarise_rows(rq->db, &plan, rq->world_name)
				 : select_rows(rq->db, &plan, rq->world_name);
		if (rows && plan.info)
			data_write_info(rq, &plan, rows);
		else if (rows)
			data_write_rows(rq, &plan, rows);
		db_done(rq->db, rows);
		data_empty(rq->db, &plan);
	}
	plan_free(&plan);
}

static const struct route route = {
	.name = "data",
	.game = GAME_DATA,
	.order = 1,
	.about = "datasets of the sea floor, seamounts, tracks and sightings",
	.example = "/data",
	.usage = "dataset, columns, ...",
	.reply = "research data: start at /data",
	.keys = {
		{ .name = "dataset", .type = KEY_TEXT, .longest = 32 },
		{ .name = "columns", .type = KEY_TEXT, .longest = DATA_VALUE_MAX },
		{ .name = "orderby", .type = KEY_TEXT, .longest = DATA_VALUE_MAX },
	},
	.store = STORE_WORLD_READ,
	.handle = data,
};

int main(void) { return serve(&route); }
