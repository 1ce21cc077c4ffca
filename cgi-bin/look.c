/* /look: what can I see?  For each whale, then each treasure, within sight:
 * its kind and position, all run together, each ending with a comma.  You see
 * 20 m minus your depth (at least 5 m); 100 m with the binoculars.  Whales
 * swim at whole-metre spots on the surface; a treasure lies at a whole-metre
 * spot on a peak, and its depth is a real number.
 *
 *   /look?id=0  -> whale,69,747,0,treasure,98,726,8.696990291071252,
 *                  (at 84,734 in the world of seed 20261122)
 *   /look?id=0  -> (nothing in sight: an empty reply)
 *   /look?id=0&format=json
 *      -> {"reply":"whale,69,747,0,treasure,98,726,8.696990291071252,","things":[
 *          {"thing":"whale","x":69,"y":747,"z":0},
 *          {"thing":"treasure","x":98,"y":726,"z":8.696990291071252}]}
 * Every sighting is written down for the data service (dataset sightings).
 * Worst case: 17 whales and 12 treasures in sight, 29 things said and logged.
 */
#include "mocean.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char SQL_SIGHTING[] =
	"INSERT INTO sighting (time, player, thing, x, y, z) VALUES (?, ?, ?, ?, ?, ?)";

/* Say one thing seen, "whale,134,157,0," or "treasure,99,283,13.43...,",
 * and add it to the JSON list. */
static void say_thing(struct request *rq, const struct seen *s, struct buf *json)
{
	long long x = llround(s->x), y = llround(s->y);
	char z[FMT_REAL_MAX];

	if (strcmp(s->thing, "whale") == 0)
		snprintf(z, sizeof z, "%lld", llround(s->z)); /* 0: the surface */
	else
		fmt_real(z, s->z);
	say(rq, "%s,%lld,%lld,%s,", s->thing, x, y, z);
	json_list_next(json);
	buf_printf(json, "{\"thing\":\"%s\",\"x\":%lld,\"y\":%lld,\"z\":%s}",
		   s->thing, x, y, z);
}

static void look(struct request *rq)
{
	struct seen seen[SEEN_MAX];
	struct buf things = {0};
	int n = look_around(rq, &rq->me, player_sight(rq, &rq->me), seen, SEEN_MAX);

	/* Looked at in a snapshot; only what was seen is written down. */
	if (n > 0 && db_begin_writing(rq->db) < 0)
		return;
	for (int i = 0; i < n; i++) {
		say_thing(rq, &seen[i], &things);
		db_exec(rq->db, SQL_SIGHTING, "dttddd", rq->now, rq->me.name,
			seen[i].thing, seen[i].x, seen[i].y, seen[i].z);
	}
	json_raw(rq, "things", json_list_end(&things));
	buf_free(&things);
}

static const struct route route = {
	.name = "look",
	.game = GAME_MOCEAN,
	.order = 14,
	.about = "whales and treasures in sight",
	.example = "/look?id=0&world=demo",
	.usage = "id",
	.reply = "whale,x,y,z,treasure,x,y,z, ... for all in sight",
	.json = "things",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* and writes only when it saw something */
	.handle = look,
};

int main(void) { return serve(&route); }
