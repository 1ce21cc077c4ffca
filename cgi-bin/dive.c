/* /dive: go down (f) or up (r) 5 metres.  Diving stops you.  You cannot rise
 * above the surface or sink below the sea floor; under water your top speed
 * is 5.  The reply is x,y,z (z is your depth).
 *
 *   /dive?id=0&ctrl=f           -> 120.0,64.0,5.0
 *   /dive?id=0&ctrl=r           -> 120.0,64.0,0.0
 *   /dive?id=0&ctrl=x           -> -1
 */
#include "mocean.h"

/* The sea floor under the player: the deepest they can go. */
static double seafloor_depth(struct request *rq)
{
	return world_depth(&rq->world, rq->me.x, rq->me.y);
}

static void sink_or_rise(struct request *rq)
{
	const char *ctrl = arg(rq, "ctrl");

	if (ctrl[0] == '\0' || ctrl[1] != '\0' ||
	    dive(&rq->me, ctrl[0], seafloor_depth(rq)) < 0) {
		say(rq, "-1");
		json_int(rq, "error", -1);
		return;
	}
	say_xyz(rq, &rq->me);
}

static const struct route route = {
	.name = "dive",
	.keys = { PLAYER_ID, { .name = "ctrl", .type = KEY_TEXT, .longest = 20 } },
	.store = STORE_WORLD,
	.handle = sink_or_rise,
};

int main(void) { return serve(&route); }
