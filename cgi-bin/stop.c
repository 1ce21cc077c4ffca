/* /stop: stop swimming at once.  You keep facing the same way.
 * The reply is x,y,z,vx,vy,heading, with the velocity now 0.
 *
 *   /stop?id=0                  -> 120.0,75.5,0.0,0.0,0.0,1.5707963267948966
 *                                  (swimming north from 120,64 for a while)
 * Worst case: one player read and written.
 */
#include "mocean.h"

static void stop(struct request *rq)
{
	player_stop(&rq->me);
	say_motion(rq, &rq->me);
	explain_at_rest(rq, &rq->me);   /* the web page and JSON's "hint": how to start again */
}

static const struct route route = {
	.name = "stop",
	.game = GAME_MOCEAN,
	.order = 10,
	.about = "stop swimming",
	.example = "/stop?id=0&world=demo",
	.usage = "id",
	.reply = "x,y,z,vx,vy,heading",
	.json = "x, y, z, vx, vy, heading",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD,
	.handle = stop,
};

int main(void) { return serve(&route); }
