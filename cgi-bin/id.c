/* /id: what is the id of the player with this name?  -1 when nobody of that
 * name is playing (or it is not a name at all).  Handy when your program
 * forgot its id.
 *
 *   /id?name=fred               -> 0
 *   /id?name=李雷               -> 1
 *   /id?name=nobody             -> -1
 * Worst case: the first 65 characters of the name read, one lookup.
 */
#include "mocean.h"

static void id(struct request *rq)
{
	struct player p;
	const char *name = arg(rq, "name");
	long long id = is_player_name(name) && player_find(rq, name, &p) ? p.id : -1;

	say(rq, "%lld", id);
	json_int(&rq->reply.json, "id", id);
}

static const struct route route = {
	.name = "id",
	.game = GAME_MOCEAN,
	.order = 6,
	.about = "the id of a player",
	.example = "/id?name=fred&world=demo",
	.usage = "name",
	.reply = "the player's id, or -1",
	.json = "id",   /* Any length reaches the handler: not a name is -1, not a 400. */
	.keys = {
		{ .name = "name", .type = KEY_TEXT, .longest = QUERY_MAX_LEN },
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = id,
};

int main(void) { return serve(&route); }
