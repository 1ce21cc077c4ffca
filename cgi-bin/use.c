/* /use: use something you carry (spell its name exactly).  Iron dust is used
 * up and starts the plankton bloom for everyone (the whales come to feed, and
 * you can ride them); the crash alert names the nearest seamount; the air tank
 * you breathe from cannot be used now; every other treasure has a story.
 *
 *   /use?id=0&item=crash alert  -> crash alert! the nearest seamount is Krakatoa
 *   /use?id=0&item=binocularz   -> you are not carrying "binocularz"; check
 *                                  /inventory and spell the treasure's name exactly
 *   after a round (see /round): round 2 is over: nothing more can be used ...
 * Worst case: one look through your inventory (at most 100 treasures).
 */
#include "mocean.h"
#include <string.h>

/* What using each treasure does (iron dust and crash alert do more). */
static const struct { const char *name, *story; } stories[] = {
	{ "iron dust", "You sprinkle the iron dust over the water.\nTiny plants "
	  "called phytoplankton were waiting for iron: they grow and grow until the "
	  "sea turns green.\nKrill eat the plankton, and whales eat the krill.\nThe "
	  "plankton bloom has begun: hungry whales come close enough to ride "
	  "(/get?item=whale)." },
	{ "fishing net", "You cast the fishing net... and catch a very surprised "
	  "sardine. You let it go. It waves a fin at you." },
	{ "JSON ROV", "The JSON ROV hums down into the deep and sends back "
	  "{\"seen\": \"a curious octopus\"}. Data is beautiful." },
	{ "ALVIN submarine", "You climb into ALVIN, the little submarine that visited "
	  "the Titanic. Portholes, buttons, and a smell of old coffee." },
	{ "imaging sonar", "Ping! The sea floor appears, every hill in shades of green." },
	{ "teleport crystal", "The crystal glows: /teleport?id=ID&x=X&y=Y jumps anywhere." },
	{ "chrono-synclastic infundibulum", "You step into the chrono-synclastic "
	  "infundibulum and, for a moment, you are everywhere at once. Then lunch." },
	{ "binoculars", "Through the binoculars you now see 100 metres all around." },
	{ "ham and cheese sandwich", "A little soggy, but the best sandwich under the sea." },
	{ "boat hook", "With the boat hook you can grab things 35 metres away." },
};

/* The story of using this treasure. */
static const char *story(const char *name)
{
	for (size_t i = 0; i < LEN(stories); i++)
		if (strcmp(stories[i].name, name) == 0)
			return stories[i].story;
	return "You turn it over in your hands. It looks valuable.";
}

static void use(struct request *rq)
{
	const char *item = arg(rq, "item");
	struct player *me = &rq->me;
	int used = *item && player_holds(rq, me, item);
	int near = world_nearest_seamount(&rq->world, me->x, me->y);   /* crash alert */

	if (round_is_over(rq)) {   /* after a round, nothing is used: says so */
		json_bool(&rq->reply.json, "used", 0);
		return;
	}
	if (!*item)
		say(rq, "which treasure? say it with item=, like /use?id=%lld&item=binoculars", me->id);
	else if (strcmp(item, "air tank") == 0)
		say(rq, "you are breathing from your air tank: it cannot be used now");
	else if (!used)
		say(rq, "you are not carrying \"%s\"; check /inventory and spell "
			"the treasure's name exactly", item);
	else if (strcmp(item, "crash alert") == 0)
		say(rq, "crash alert! the nearest seamount is %s", rq->world.seamounts[near].name);
	else
		say(rq, "%s", story(item));
	if (used && strcmp(item, "iron dust") == 0) {
		item_take_treasure(rq, me, "iron dust");   /* used up */
		world_set_bloom(rq, 1);               /* for the whole world */
	}
	json_str(&rq->reply.json, "item", item);
	json_bool(&rq->reply.json, "used", used);
}

static const struct route route = {
	.name = "use",
	.game = GAME_MOCEAN,
	.order = 17,
	.usage = "id, item",
	.json = "item, used",
	.about = "use a treasure",
	.example = "/use?id=0&item=iron%20dust&world=demo",
	.reply = "what happens (iron dust starts the plankton bloom)",
	.keys = {
		PLAYER_ID,
		{ .name = "item", .type = KEY_TEXT, .longest = 100 },
	},
	.store = STORE_WORLD,
	.handle = use,
};

int main(void) { return serve(&route); }
