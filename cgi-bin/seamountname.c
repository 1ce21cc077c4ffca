/* /seamountname: the name of the seamount nearest to you (an underwater
 * mountain; its treasure sits on the peak).
 *
 *   /seamountname?id=0          -> the nearest seamount to you is called Krakatoa
 * On the web page and in JSON (treasure_here: yours or gone, with
 * treasure_note), whether its treasure is already yours.
 * Worst case: 12 seamounts compared.
 */
#include "mocean.h"

static void seamountname(struct request *rq)
{
	int i = world_nearest_seamount(&rq->world, rq->me.x, rq->me.y);

	say(rq, "the nearest seamount to you is called %s", rq->world.seamounts[i].name);
	json_str(&rq->reply.json, "seamount", rq->world.seamounts[i].name);
	treasure_note_nearest(rq);   /* its treasure: already yours? */
}

static const struct route route = {
	.name = "seamountname",
	.game = GAME_MOCEAN,
	.order = 20,
	.about = "the nearest underwater mountain",
	.example = "/seamountname?id=0&world=demo",
	.usage = "id",
	.reply = "the nearest seamount to you is called NAME",
	.json = "seamount, treasure_here, treasure_note",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = seamountname,
};

int main(void) { return serve(&route); }
