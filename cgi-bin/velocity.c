/* /velocity: how fast and which way am I swimming?  vx and vy are metres per
 * second east and north; heading is the way you face, in radians (0 is east,
 * pi/2 is north).
 *
 *   /velocity?id=0              -> 1.0,0.0,0.0      (1 m/s east)
 *   /velocity?id=0&format=json  -> {"reply":"1.0,0.0,0.0","vx":1.0,"vy":0.0,"heading":0.0}
 *   at rest (speed 0): the web page and JSON's "hint" say how to start again
 * Worst case: one player read.
 */
#include "mocean.h"

static void velocity(struct request *rq)
{
	say_velocity(rq, &rq->me);
	explain_at_rest(rq, &rq->me);   /* speed 0: how to start again */
}

static const struct route route = {
	.name = "velocity",
	.game = GAME_MOCEAN,
	.order = 8,
	.about = "how fast and which way you swim",
	.example = "/velocity?id=0&world=demo",
	.usage = "id",
	.reply = "vx,vy,heading",
	.json = "vx, vy, heading",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = velocity,
};

int main(void) { return serve(&route); }
