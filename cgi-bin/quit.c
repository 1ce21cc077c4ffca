/* /quit: leave the ocean.  Your id is never given to anyone else; join
 * again later and you get a new one.
 *
 *   /quit?name=fred             -> player fred removed from the game
 *   /quit?name=nobody           -> quit failed: no player called nobody is playing
 *   /quit?name=wilma&secret=bluewhale -> player wilma removed from the game
 *        (wilma joined with that secret word: without it, 403 and she stays)
 * Worst case: one lookup, one player written, one secret word checked.
 */
#include "mocean.h"

static void quit(struct request *rq)
{
	const char *name = arg(rq, "name");
	struct player p;

	if (!player_find(rq, name, &p)) {
		say(rq, "quit failed: no player called %s is playing", name);
		json_bool(&rq->reply.json, "removed", 0);
		return;
	}
	if (!secret_allows(rq, &p))
		return;
	player_remove(rq, p.id);
	say(rq, "player %s removed from the game", name);
	json_bool(&rq->reply.json, "removed", 1);
	json_str(&rq->reply.json, "name", name);
}

static const struct route route = {
	.name = "quit",
	.game = GAME_MOCEAN,
	.order = 3,
	.about = "leave the game",
	.example = "/quit?name=fred&world=demo",
	.usage = "name",
	.reply = "player NAME removed from the game",
	.json = "removed, name",
	.keys = {
		{ .name = "name", .type = KEY_TEXT, .longest = PLAYER_NAME_BYTES },
	},
	.store = STORE_WORLD,
	.handle = quit,
};

int main(void) { return serve(&route); }
