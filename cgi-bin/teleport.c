/* /teleport: with the teleport crystal in your inventory, jump to any spot
 * of the ocean.  You arrive at the surface, stopped.  0 <= x < 900 and
 * 0 <= y < 900.  The reply is x,y,z.
 *
 *   /teleport?id=0&x=450&y=450  -> 450.0,450.0,0.0
 *   /teleport?id=0&x=950&y=10   -> teleport needs x and y inside the ocean:
 *        numbers from 0 up to (not including) 900, like x=450&y=120
 *   without the crystal  -> you need the teleport crystal to teleport; it
 *        lies on a seamount somewhere in the ocean
 *   in a round's lobby, or after it: x,y,z where you are (JSON's "why" says why)
 * Worst case: one look for the crystal, one player written.
 */
#include "mocean.h"

/* 1 when text is a number inside the ocean, read into *out. */
static int ocean_coordinate(const char *text, double *out)
{
	return text_to_real(text, out) == 0 && *out >= 0 && *out < OCEAN_SIZE;
}

static void teleport(struct request *rq)
{
	struct player *me = &rq->me;
	double x;
	double y;

	if (round_holds_still(rq, me)) {   /* a round's lobby, or over: says why */
		say_xyz(rq, me);
	} else if (!player_holds(rq, me, "teleport crystal")) {
		say(rq, "you need the teleport crystal to teleport; it lies on a "
			"seamount somewhere in the ocean");
	} else if (!ocean_coordinate(arg(rq, "x"), &x) ||
		   !ocean_coordinate(arg(rq, "y"), &y)) {
		say(rq, "teleport needs x and y inside the ocean: numbers from 0 "
			"up to (not including) 900, like x=450&y=120");
	} else {
		me->x = x;
		me->y = y;
		me->z = 0;
		player_stop(me);
		say_xyz(rq, me);
	}
}

static const struct route route = {
	.name = "teleport",
	.game = GAME_MOCEAN,
	.order = 13,
	.about = "jump anywhere (needs the teleport crystal)",
	.example = "/teleport?id=0&x=450&y=450&world=demo",
	.usage = "id, x, y",
	.reply = "x,y,z (needs the teleport crystal)",
	.json = "x, y, z",
	.keys = {
		PLAYER_ID,
		{ .name = "x", .type = KEY_TEXT, .longest = 40 },
		{ .name = "y", .type = KEY_TEXT, .longest = 40 },
	},
	.store = STORE_WORLD,
	.handle = teleport,
};

int main(void) { return serve(&route); }
