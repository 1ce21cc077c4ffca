/* /inventory: what am I carrying?  The reply is a Python list that
 * ast.literal_eval can read: each item is [kind, name] (the air tank also
 * says how full it is).
 *
 *   /inventory?id=0   -> [['air tank', 'air tank', 1.0], ['treasure', 'binoculars']]
 *   /inventory?id=0&format=json
 *                     -> {"reply":"...","items":[["air tank","air tank",1.0],...]}
 */
#include "mocean.h"

static void inventory(struct request *rq)
{
	say_inventory(rq, &rq->me);
}

static const struct route route = {
	.name = "inventory",
	.keys = { PLAYER_ID },
	.store = STORE_WORLD,
	.handle = inventory,
};

int main(void) { return serve(&route); }
