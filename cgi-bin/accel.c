/* /accel: steer and change speed, like the keys of a game:
 *   w  faster (x1.45; from rest: 1 m/s the way you face), up to top speed
 *   s  slower (x0.6; below 0.33 m/s you stop)
 *   a  turn left 15 degrees     d  turn right 15 degrees
 * Top speed is 40 at the surface, 5 under water, 80 riding a whale.
 * The reply is x,y,z,vx,vy,heading.
 *
 *   /accel?id=0&ctrl=w          -> 120.0,64.0,0.0,1.0,0.0,0.0
 *   /accel?id=0&ctrl=w          -> 120.3,64.0,0.0,1.45,0.0,0.0
 *   /accel?id=0&ctrl=x          -> a sentence naming the controls w, a, s, d
 */
#include "mocean.h"

static void accel(struct request *rq)
{
	const char *ctrl = arg(rq, "ctrl");

	if (ctrl[0] == '\0' || ctrl[1] != '\0' || accelerate(&rq->me, ctrl[0]) < 0) {
		say(rq, "ctrl must be one of w (faster), s (slower), a (turn left) "
			"or d (turn right), like /accel?id=%lld&ctrl=w", rq->me.id);
		return;
	}
	say_motion(rq, &rq->me);
}

static const struct route route = {
	.name = "accel",
	.keys = { PLAYER_ID, { .name = "ctrl", .type = KEY_TEXT, .longest = 20 } },
	.store = STORE_WORLD,
	.handle = accel,
};

int main(void) { return serve(&route); }
