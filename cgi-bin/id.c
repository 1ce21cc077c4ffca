/* /id: what is the id of the player with this name?  -1 when nobody of that
 * name is playing.  Handy when your program forgot its id.
 *
 *   /id?name=fred               -> 0
 *   /id?name=nobody             -> -1
 */
#include "mocean.h"

static void id(struct request *rq)
{
	struct player p;
	long long id = player_find(rq, arg(rq, "name"), &p) ? p.id : -1;

	say(rq, "%lld", id);
	json_int(rq, "id", id);
}

static const struct route route = {
	.name = "id",
	.keys = { { .name = "name", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_WORLD,
	.handle = id,
};

int main(void) { return serve(&route); }
