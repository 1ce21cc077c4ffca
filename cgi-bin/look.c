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
 * A treasure you took is gone for you (rule each: still there for others;
 * rule shared: gone for everybody).  On the web page and in JSON
 * (treasure_here: yours or gone, with treasure_note), whether the
 * treasure of the nearest seamount is already yours.
 * Every sighting is written down for the data service (dataset sightings).
 * Worst case: 17 whales and 12 treasures in sight, 29 things said and logged.
 */
#include "mocean.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char SQL_SIGHTING[] =
	"INSERT INTO sighting (time, player, thing, x, y, z) VALUES (?, ?, ?, ?, ?, ?)";

/* One thing seen, as both forms say it. */
struct sighting {
	const char *thing;     /* "whale" or "treasure" */
	long long x;           /* where, to the whole metre */
	long long y;
	char z[FMT_REAL_MAX];  /* its depth: 0 for a whale (the surface), a
	                          real number for a treasure */
};

/* What is said of s. */
static struct sighting sighting(const struct seen *s)
{
	struct sighting it = { .thing = s->thing, .x = llround(s->x), .y = llround(s->y) };

	if (strcmp(s->thing, "whale") == 0)
		snprintf(it.z, sizeof it.z, "%lld", llround(s->z));
	else
		fmt_real(it.z, s->z);
	return it;
}

/* Say the things seen, "whale,134,157,0,treasure,99,283,13.43...,", and
 * the same as the JSON field things. */
static void say_things(struct request *rq, const struct sighting *it, int n)
{
	struct json *json = &rq->reply.json;

	for (int i = 0; i < n; i++)
		say(rq, "%s,%lld,%lld,%s,", it[i].thing, it[i].x, it[i].y, it[i].z);
	json_array(json, "things");
	for (int i = 0; i < n; i++) {
		json_object(json, NULL);
		json_str(json, "thing", it[i].thing);
		json_int(json, "x", it[i].x);
		json_int(json, "y", it[i].y);
		json_raw(json, "z", it[i].z);
		json_end(json);
	}
	json_end(json);
}

static void look(struct request *rq)
{
	struct seen seen[SEEN_MAX];
	struct sighting said[SEEN_MAX];
	int n = sight_around(rq, &rq->me, player_sight(rq, &rq->me), seen, SEEN_MAX);

	/* Looked at in a snapshot; only what was seen is written down. */
	if (n > 0 && db_begin_writing(rq->db) < 0)
		return;
	for (int i = 0; i < n; i++) {
		said[i] = sighting(&seen[i]);
		db_exec(rq->db, SQL_SIGHTING, "dttddd", rq->now, rq->me.name,
			seen[i].thing, seen[i].x, seen[i].y, seen[i].z);
	}
	say_things(rq, said, n);
	treasure_note_nearest(rq);   /* the nearest peak's: already yours? */
}

static const struct route route = {
	.name = "look",
	.game = GAME_MOCEAN,
	.order = 14,
	.about = "whales and treasures in sight",
	.example = "/look?id=0&world=demo",
	.usage = "id",
	.reply = "whale,x,y,z,treasure,x,y,z, ... for all in sight",
	.json = "things, treasure_here, treasure_note",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* and writes only when it saw something */
	.handle = look,
};

int main(void) { return serve(&route); }
