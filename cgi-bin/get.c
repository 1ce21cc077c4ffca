/* /get: grab something within reach (10 m; 35 m with the boat hook).
 *   item=treasure  the nearest treasure goes into your inventory
 *   item=whale     in the plankton bloom, a whale carries you (top speed 80)
 *
 *   /get?id=0&item=treasure  -> treasure recovered!
 *   /get?id=0&item=whale     -> congratulations, you are now riding a whale
 *   /get?id=0&item=treasure  -> already yours: you took the crash alert of
 *                               Krakatoa; the other seamounts still have theirs
 *   /get?id=0&item=treasure  -> gone: ann took it first   (rule shared only)
 *   else a sentence: another item, riding already, no bloom, too far, a full bag
 * The teacher picks the rule per world (/admin?do=treasures): each (every
 * player takes each treasure once) or shared (the first takes it for all).
 *   after a round (see /round): round 2 is over: nothing more can be taken ...
 * Worst case: 29 things checked for reach, one item given.
 */
#include "mocean.h"
#include <string.h>

static const char SQL_TAKEN[] = "INSERT INTO taken (treasure, player, time) VALUES (?, ?, ?)";

/* The nearest thing of this kind within reach, or NULL. */
static const struct seen *nearest(struct seen *seen, int n, const char *thing)
{
	const struct seen *best = NULL;

	for (int i = 0; i < n; i++)
		if (strcmp(seen[i].thing, thing) == 0 && (!best || seen[i].distance < best->distance))
			best = &seen[i];
	return best;
}

/* Put the treasure in your bag; it leaves the map, for you (rule each) or
 * for everybody (rule shared), but iron dust never runs out.  Returns its
 * name, or NULL when the bag is full. */
static const char *grab_treasure(struct request *rq, const struct seen *it)
{
	const char *name = rq->world.seamounts[it->index].treasure;

	if (item_give(rq, rq->me.id, "treasure", name) < 0) {
		say(rq, "your bag is full (%d treasures): use some first", CARRY_MAX);
		return NULL;
	}
	if (strcmp(name, "iron dust") != 0)
		db_exec(rq->db, SQL_TAKEN, "iid", (long long)it->index, rq->me.id, rq->now);
	say(rq, "treasure recovered! ");
	return name;
}

static void get(struct request *rq)
{
	const char *item = arg(rq, "item");
	const char *got = NULL;
	struct seen seen[SEEN_MAX];
	double reach = player_reach(rq, &rq->me);
	int n = sight_around(rq, &rq->me, reach, seen, SEEN_MAX);
	const struct seen *it = nearest(seen, n, item);
	int whale = strcmp(item, "whale") == 0;
	int here = treasure_nearest(rq, &rq->me, reach);

	if (round_is_over(rq)) {   /* after a round, nothing is taken: says so */
		json_bool(&rq->reply.json, "got", 0);
		return;
	}
	if (!whale && strcmp(item, "treasure") != 0)
		say(rq, "you can get item=treasure or item=whale");
	else if (whale && rq->me.whale >= 0)
		say(rq, "you are already riding %s", rq->world.whales[rq->me.whale].name);
	else if (whale && !rq->world.bloom)
		say(rq, "no whale comes close without a plankton bloom (hint: iron dust)");
	else if (!it && !whale && here >= 0)
		treasure_tell_taken(rq, here);   /* already yours, or gone: who took it */
	else if (!it)
		say(rq, "there is no %s within reach (%.0f m); swim closer", item, reach);
	else if (!whale)
		got = grab_treasure(rq, it);
	else {
		rq->me.whale = it->index;   /* it carries you, and leaves the map */
		got = rq->world.whales[it->index].name;
		item_give(rq, rq->me.id, "whale", got);
		say(rq, "congratulations, you are now riding a whale");
	}
	json_str(&rq->reply.json, "item", got);            /* null when you got nothing */
	json_bool(&rq->reply.json, "got", got != NULL);
}

static const struct route route = {
	.name = "get",
	.game = GAME_MOCEAN,
	.order = 15,
	.usage = "id, item=treasure|whale",
	.about = "grab a treasure, or ride a whale",
	.example = "/get?id=0&item=treasure&world=demo",
	.reply = "treasure recovered! / now riding a whale",
	.json = "got, item, taken_by",
	.keys = {
		PLAYER_ID,
		{ .name = "item", .type = KEY_TEXT, .longest = 50 },
	},
	.store = STORE_WORLD,
	.handle = get,
};

int main(void) { return serve(&route); }
