/* /ping: send a sound down and time its echo: the reply is how deep the sea
 * floor is right under you, in metres.
 *
 *   /ping?id=0                  -> 30.0
 *   /ping?id=0&format=json      -> {"reply":"30.0","depth":30.0}
 * Worst case: the depth summed over 12 seamounts.
 */
#include "mocean.h"

static void ping(struct request *rq)
{
	double depth = world_depth(&rq->world, rq->me.x, rq->me.y);

	say_real(rq, depth);
	json_real(&rq->reply.json, "depth", depth);
}

static const struct route route = {
	.name = "ping",
	.game = GAME_MOCEAN,
	.order = 12,
	.about = "how deep the sea floor is under you",
	.example = "/ping?id=0&world=demo",
	.usage = "id",
	.reply = "the sea-floor depth under you",
	.json = "depth",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = ping,
};

int main(void) { return serve(&route); }
