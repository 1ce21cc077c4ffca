/* /name: what is the name of the player with this id?
 *
 *   /name?id=0                  -> fred
 *   /name?id=7                  -> bad player id; try debugging using the id route
 * Worst case: one player read.
 */
#include "mocean.h"

static void name(struct request *rq)
{
	say(rq, "%s", rq->me.name);
	json_str(&rq->reply.json, "name", rq->me.name);
}

static const struct route route = {
	.name = "name",
	.game = GAME_MOCEAN,
	.order = 5,
	.about = "the name of a player",
	.example = "/name?id=0&world=demo",
	.usage = "id",
	.reply = "the player's name",
	.json = "name",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = name,
};

int main(void) { return serve(&route); }
