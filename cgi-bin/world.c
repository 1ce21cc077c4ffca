/* /world: the whole state of one world as JSON, for the teacher's live map
 * (/map).  Needs the teacher key.
 *
 *   /world?key=K&world=class3  -> {"size":900,"seed":42,"bloom":false,"step":10,
 *        "floor":[[30.0,...],...],"trench":[[140,260,290,315],...],
 *        "seamounts":[{"name":"Mount Crumpet","x":..,"y":..,...}],
 *        "treasures":[...],"whales":[...],"players":[{"id":0,"name":"fred",
 *        "x":..,"y":..,"z":..,"heading":..,"speed":..,"riding":false}]}
 *   /world?key=wrong           -> 403
 */
#include "mocean.h"

#define GRID_STEP 10  /* the sea floor every 10 m: 90 x 90 depths */

static void world(struct request *rq)
{
	const char *name = *arg(rq, "world") ? arg(rq, "world") : "mocean";
	struct buf out = {0};

	if (!teacher_allowed(rq) || teacher_open_world(rq, name, DB_EXISTING, 0) < 0)
		return;
	world_json(rq, &out, GRID_STEP);
	say(rq, "%s", buf_str(&out));
	reply_raw(rq, "application/json");
	buf_free(&out);
}

static const struct route route = {
	.name = "world",
	.keys = { { .name = "key", .type = KEY_TEXT, .longest = 64 },
		  { .name = "world", .type = KEY_WORD, .longest = 32 } },
	.handle = world,
};

int main(void) { return serve(&route); }
