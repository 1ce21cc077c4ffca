/* /get: grab something within reach (10 m; 35 m with the boat hook).
 *   item=treasure  the nearest treasure goes into your inventory
 *   item=whale     during the plankton bloom, a whale carries you (top
 *                  speed 80) -- start the bloom with /use?item=iron dust
 *
 *   /get?id=0&item=treasure     -> treasure recovered!
 *   /get?id=0&item=whale        -> congratulations, you are now riding a whale
 *   too far, no bloom, already riding, another item: a sentence each
 */
#include "mocean.h"

#include <string.h>

static const char SQL_TAKEN[] =
	"INSERT INTO taken (treasure, player, time) VALUES (?, ?, ?)";

/* The nearest thing of this kind within reach, or NULL. */
static const struct seen *nearest(struct seen *seen, int n, const char *thing)
{
	const struct seen *best = NULL;

	for (int i = 0; i < n; i++)
		if (strcmp(seen[i].thing, thing) == 0 &&
		    (!best || seen[i].distance < best->distance))
			best = &seen[i];
	return best;
}

/* Grab the nearest treasure within reach; 1 when one was there. */
static int grab_treasure(struct request *rq, const struct seen *it)
{
	const char *name;

	if (!it)
		return 0;
	name = rq->world.seamounts[it->index].treasure;
	if (strcmp(name, "iron dust") != 0) /* iron dust never runs out */
		db_exec(rq->db, SQL_TAKEN, "iid", (long long)it->index, rq->me.id, rq->now);
	give_item(rq, rq->me.id, "treasure", name);
	say(rq, "treasure recovered! ");
	json_str(rq, "item", name);
	return 1;
}

/* Climb on the nearest whale within reach; 1 when it carries you. */
static int ride_whale(struct request *rq, const struct seen *it)
{
	if (rq->me.whale >= 0)
		say(rq, "you are already riding %s", rq->world.whales[rq->me.whale].name);
	else if (!rq->world.bloom)
		say(rq, "the whales are not hungry enough to come close: they "
			"need a plankton bloom (hint: iron dust)");
	if (rq->me.whale >= 0 || !rq->world.bloom || !it)
		return 0;
	rq->me.whale = it->index;
	give_item(rq, rq->me.id, "whale", rq->world.whales[it->index].name);
	say(rq, "congratulations, you are now riding a whale");
	json_str(rq, "item", rq->world.whales[it->index].name);
	return 1;
}

static void get(struct request *rq)
{
	const char *item = arg(rq, "item");
	struct seen seen[SEEN_MAX];
	int n = look_around(rq, &rq->me, player_reach(rq, &rq->me), 0, seen, SEEN_MAX);
	const struct seen *it = nearest(seen, n, item);
	int got = 0;

	if (strcmp(item, "treasure") == 0)
		got = grab_treasure(rq, it);
	else if (strcmp(item, "whale") == 0)
		got = ride_whale(rq, it);
	else
		say(rq, "you can get item=treasure or item=whale");
	if (!got && rq->text.len == 0)
		say(rq, "there is no %s within reach (%.0f m); swim closer", item,
		    player_reach(rq, &rq->me));
	if (!got)
		json_raw(rq, "item", "null");
	json_bool(rq, "got", got);
}

static const struct route route = {
	.name = "get",
	.keys = { PLAYER_ID, { .name = "item", .type = KEY_TEXT, .longest = 50 } },
	.store = STORE_WORLD,
	.handle = get,
};

int main(void) { return serve(&route); }
