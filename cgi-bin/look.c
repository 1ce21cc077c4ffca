/* /look: what can I see?  For each whale, then each treasure, within sight:
 * its kind and position, all run together, each ending with a comma.  You see
 * 20 m minus your depth (at least 5 m); 100 m with the binoculars.
 *
 *   /look?id=0     -> whale,130.0,70.0,0.0,treasure,125.0,60.0,12.5,
 *   /look?id=0     -> (nothing in sight: an empty reply)
 *   /look?id=0&format=json
 *                  -> {"reply":"whale,130.0,70.0,0.0,","things":[{"thing":"whale",
 *                      "x":130.0,"y":70.0,"z":0.0}]}
 * Every sighting is written down for the data service (dataset sightings).
 */
#include "mocean.h"

static const char SQL_SIGHTING[] =
	"INSERT INTO sighting (time, player, thing, x, y, z) VALUES (?, ?, ?, ?, ?, ?)";

static void look(struct request *rq)
{
	struct seen seen[SEEN_MAX];
	struct buf things = {0};
	int n = look_around(rq, &rq->me, player_sight(rq, &rq->me), 0, seen, SEEN_MAX);

	buf_puts(&things, "[");
	for (int i = 0; i < n; i++) {
		say(rq, "%s,", seen[i].thing);
		say_reals(rq, 3, seen[i].x, seen[i].y, seen[i].z);
		say(rq, ",");
		buf_puts(&things, i ? "," : "");
		seen_json(&things, &seen[i]);
		db_exec(rq->db, SQL_SIGHTING, "dttddd", rq->now, rq->me.name,
			seen[i].thing, seen[i].x, seen[i].y, seen[i].z);
	}
	buf_puts(&things, "]");
	json_raw(rq, "things", buf_str(&things));
	buf_free(&things);
}

static const struct route route = {
	.name = "look",
	.keys = { PLAYER_ID },
	.store = STORE_WORLD,
	.handle = look,
};

int main(void) { return serve(&route); }
