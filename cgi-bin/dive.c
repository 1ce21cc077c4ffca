/* /dive: go down (f) or up (r) 5 metres.  Diving stops you.  You cannot rise
 * above the surface or sink below the sea floor; under water your top speed
 * is 5.  The reply is x,y,z (z is your depth).
 *
 *   /dive?id=0&ctrl=f           -> 120.0,64.0,5.0   (at rest at 120,64)
 *   /dive?id=0&ctrl=r           -> 120.0,64.0,0.0
 *   /dive?id=0&ctrl=x           -> -1
 *   in a round's lobby, or after it: x,y,z where you are (JSON's "why" says why)
 * Worst case: one player read and written, the depth from 12 seamounts.
 */
#include "mocean.h"

#include <math.h>
#include <string.h>

/* How far f and r go: CTRL_DIVE metres (lib/ocean/player.h), where the web
 * page's explanation reads it too. */

/* Sink 5 m, but never below the sea floor under you. */
static void sink(struct request *rq, struct player *p)
{
	double floor = world_depth(&rq->world, p->x, p->y);

	p->z = fmin(p->z + CTRL_DIVE, floor);
}

/* Rise 5 m, but never above the surface. */
static void rise(struct player *p)
{
	p->z = fmax(p->z - CTRL_DIVE, 0);
}

static void dive(struct request *rq)
{
	const char *ctrl = arg(rq, "ctrl");

	if (round_holds_still(rq, &rq->me)) {   /* a round's lobby, or over: says why */
		say_xyz(rq, &rq->me);
		return;
	}
	if (strcmp(ctrl, "f") == 0)
		sink(rq, &rq->me);
	else if (strcmp(ctrl, "r") == 0)
		rise(&rq->me);
	else {
		say(rq, "-1");
		json_int(&rq->reply.json, "error", -1);
		return;
	}
	player_stop(&rq->me);
	say_xyz(rq, &rq->me);
}

static const struct route route = {
	.name = "dive",
	.game = GAME_MOCEAN,
	.order = 11,
	.about = "sink (f) or rise (r) 5 metres",
	.example = "/dive?id=0&ctrl=f&world=demo",
	.usage = "id, ctrl=r|f",
	.reply = "x,y,z (rise or sink 5 m), or -1",
	.json = "x, y, z",
	.keys = {
		PLAYER_ID,
		{ .name = "ctrl", .type = KEY_TEXT, .longest = 20 },
	},
	.store = STORE_WORLD,
	.handle = dive,
};

int main(void) { return serve(&route); }
