/* /whalename: the name of the whale you are riding.
 *
 *   /whalename?id=0             -> Ishmael
 *   /whalename?id=0             -> you are not riding a whale (yet)
 * Worst case: one player read.
 */
#include "mocean.h"

static void whalename(struct request *rq)
{
	if (rq->me.whale < 0) {
		say(rq, "you are not riding a whale (yet)");
		json_str(&rq->reply.json, "whale", NULL);
		return;
	}
	say(rq, "%s", rq->world.whales[rq->me.whale].name);
	json_str(&rq->reply.json, "whale", rq->world.whales[rq->me.whale].name);
}

static const struct route route = {
	.name = "whalename",
	.game = GAME_MOCEAN,
	.order = 18,
	.about = "the whale you ride",
	.example = "/whalename?id=0&world=demo",
	.usage = "id",
	.reply = "the name of the whale you ride",
	.json = "whale",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = whalename,
};

int main(void) { return serve(&route); }
