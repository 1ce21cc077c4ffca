/* /round: where the class challenge stands.  The teacher opens a round
 * (/admin?do=round&minutes=10: the lobby, everyone joins, nobody moves),
 * starts it (do=start: playing) and it finishes on time or at do=finish.
 *
 *   /round?world=class3  -> no round yet: the teacher opens one with /admin?do=round
 *   /round?world=class3  -> lobby
 *   /round?world=class3  -> playing 9:42 left
 *   /round?world=class3  -> finished
 *   /round?world=class3&format=json -> {"reply":"playing 9:42 left",
 *        "state":"playing","round":2,"seconds_left":582,
 *        "started":1764787200.0,"ends":1764787800.0}
 * A program waits for "playing" before it swims, and stops at "finished".
 * Worst case: the world's row and its newest round read.
 */
#include "mocean.h"

static void round_now(struct request *rq)
{
	say_round(rq);
}

static const struct route route = {
	.name = "round",
	.game = GAME_MOCEAN,
	.order = 24,
	.about = "the class round: lobby, playing (time left) or finished",
	.example = "/round?world=demo",
	.usage = "",
	.reply = "lobby | playing M:SS left | finished",
	.json = "state, round, seconds_left, started, ends",
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = round_now,
};

int main(void) { return serve(&route); }
