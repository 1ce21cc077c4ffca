/* /use: use a treasure from your inventory (spell its name exactly).
 *   iron dust     is used up, and starts the plankton bloom for everyone:
 *                 the whales come to feed, and you can ride them
 *   crash alert   tells you the nearest seamount
 *   anything else tells you something about it
 *
 *   /use?id=0&item=iron dust    -> the story of iron, plankton and whales
 *   /use?id=0&item=crash alert  -> crash alert! the nearest seamount is Krakatoa
 *   /use?id=0&item=binocularz   -> a sentence asking for the exact spelling
 *   /use?id=0                   -> how to name the treasure, with an example
 */
#include "mocean.h"

#include <string.h>

static const char SQL_BLOOM[] = "UPDATE world SET bloom = 1";

/* Iron dust: the story, and the bloom. */
static void feed_the_ocean(struct request *rq)
{
	take_treasure(rq, &rq->me, "iron dust");
	db_exec(rq->db, SQL_BLOOM, NULL);
	say(rq, "You sprinkle the iron dust over the water.\n"
		"Tiny plants called phytoplankton have been waiting for iron: they "
		"grow and grow until the sea turns green.\n"
		"Krill come to eat the plankton, and the whales come to eat the krill.\n"
		"The plankton bloom has begun: hungry whales swim close enough to "
		"ride (/get?item=whale).");
}

static void use(struct request *rq)
{
	const char *item = arg(rq, "item");
	struct player *me = &rq->me;
	int nearest;

	if (!*item || !player_holds(rq, me, item)) {
		if (!*item)
			say(rq, "which treasure? say it with item=, like "
				"/use?id=%lld&item=binoculars", me->id);
		else
			say(rq, "you are not carrying \"%s\"; check /inventory and "
				"spell the treasure's name exactly", item);
		json_str(rq, "item", item);
		json_bool(rq, "used", 0);
		return;
	}
	if (strcmp(item, "iron dust") == 0) {
		feed_the_ocean(rq);
	} else if (strcmp(item, "crash alert") == 0) {
		nearest = nearest_seamount(&rq->world, me->x, me->y);
		say(rq, "crash alert! the nearest seamount is %s",
		    rq->world.seamounts[nearest].name);
	} else {
		say(rq, "%s", treasure_story(item));
	}
	json_str(rq, "item", item);
	json_bool(rq, "used", 1);
}

static const struct route route = {
	.name = "use",
	.keys = { PLAYER_ID, { .name = "item", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_WORLD,
	.handle = use,
};

int main(void) { return serve(&route); }
