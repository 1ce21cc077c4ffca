/* /world: the whole state of one world as JSON, for the live map (/map).
 * It opens with the teacher key, or with the world's view code (/admin
 * shows it), which opens this world's map and nothing else.
 *
 *   /world?key=K&world=class3  -> {"size":900,"seed":42,"bloom":false,"step":10,
 *        "floor":[[30.0,...],...],"trench":[[140,260,290,315],...],
 *        "seamounts":[{"name":"Mount Crumpet","x":..,"y":..,...}],
 *        "treasures":[...],"whales":[...],"players":[{"id":0,"name":"fred",
 *        "x":..,"y":..,"z":..,"heading":..,"speed":..,"riding":false}]}
 *   /world?view=CODE&world=class3  -> the same, for the projector
 *   /world?view=CODE&world=class4  -> 403: this view code does not open world
 *        class4: take the map's link from the teacher's dashboard (/teacher)
 * Worst case: 8100 depths, 29 things and 2000 players as JSON (about 250 kB).
 */
#include "mocean.h"

#define GRID_STEP 10  /* the sea floor every 10 m: 90 x 90 depths */

static const char SQL_VIEW[] = "SELECT view FROM world";

/* 1 when view= is the open world's view code. */
static int view_opens(struct request *rq)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_VIEW, NULL);
	int same = db_row(rq->db, st) && sqlite3_column_text(st, 0) &&
		   secret_same_text((const char *)sqlite3_column_text(st, 0), arg(rq, "view"));

	db_done(rq->db, st);
	return same;
}

static void world(struct request *rq)
{
	const char *name = world_or_default(arg(rq, "world"));
	int by_view = *arg(rq, "view") != '\0';
	struct buf out = {0};

	if (!by_view && !teacher_allowed(rq))
		return;
	if (!world_begin(rq, name, WORLD_READ)) {
		answer_fault(rq, rq->db);
		return;
	}
	if (by_view && !view_opens(rq)) {
		fail(rq, 403, "this view code does not open world %s: take the map's "
		     "link from the teacher's dashboard (/teacher)", name);
		return;
	}
	world_json(rq, &out, GRID_STEP);
	say(rq, "%s", buf_str(&out));
	reply_raw(rq, "application/json");
	buf_free(&out);
}

static const struct route route = {
	.name = "world",
	.game = GAME_TEACHER,
	.order = 2,
	.about = "a world's whole state as JSON (needs its view code or the key)",
	.example = "/world?world=demo&view=CODE",
	.keys = {
		{ .name = "key", .type = KEY_TEXT, .longest = 64 },
		{ .name = "view", .type = KEY_TEXT, .longest = 64 },
		WORLD_KEY,
	},
	.handle = world,
};

int main(void) { return serve(&route); }
