/* /mocean: how to play.  A version line, the ocean's size and top speed,
 * then every Mocean and Data route: its keys, its reply, its format=json
 * fields (the table is made from the route files: see routes below).
 *
 *   /mocean  -> Mocean 2.0: the ocean planet game
 *               ocean 900 x 900 metres, top speed 40 (5 under water, 80 on a whale)
 *               then a block per route: /join  keys: name, secret ...
 *   /mocean?usage=brief     -> the same two lines, then /join name, secret ...
 *   /mocean?client=browser  -> a web page: how to play, a first mission, the table
 * Worst case: the same text every time, about 3 kB.
 */
#include "mocean.h"

#include <string.h>

/* Every listed route, read from the route files when this one is built: the
 * Makefile runs lib/scripts/routes.awk over every cgi-bin/ROUTE.c.  A new route file is in
 * this table, and on the students' page, with nothing written here. */
static const struct route routes[] = {
#include "route_list.h"
};

/* The table: the Mocean routes in their .order, then the Data route. */
static void say_routes(struct request *rq, int brief)
{
	static const enum game games[] = { GAME_MOCEAN, GAME_DATA };

	for (size_t g = 0; g < LEN(games); g++)
		for (size_t i = 0; i < LEN(routes); i++) {
			const struct route *r = &routes[i];
			if (r->game != games[g] || !r->reply)
				continue;   /* another game's, or /mocean itself */
			if (brief)
				say(rq, "/%s %s\n", r->name, r->usage);
			else
				say(rq, "\n/%s  keys: %s\n  reply: %s\n", r->name,
				    *r->usage ? r->usage : "none", r->reply);
			if (!brief && r->json)
				say(rq, "  format=json adds: %s\n", r->json);
		}
}

static void mocean(struct request *rq)
{
	int brief = strcmp(arg(rq, "usage"), "brief") == 0;

	if (rq->reply.form == FORM_BROWSER) /* people: the goal, a first mission */
		say(rq, "HOW TO PLAY: swim the ocean planet, find its twelve seamounts and "
			"grab the treasure on each peak.\nYOUR FIRST MISSION (type each address; "
			"put your name for fred and your id for 0):\n"
			"  1. join the game:      http://%1$s/join?name=fred\n"
			"  2. nearest seamount:   http://%1$s/seamountname?id=0\n"
			"  3. where it is (x, y): http://%1$s/data?dataset=seamounts\n"
			"  4. swim there:         http://%1$s/accel?id=0&ctrl=w  (a, d turn)\n"
			"     where you are now:  http://%1$s/location?id=0\n"
			"  5. dive to the peak:   http://%1$s/dive?id=0&ctrl=f  (again, until z stops)\n"
			"  6. grab its treasure:  http://%1$s/get?id=0&item=treasure\n\n",
		    reply_server_address(rq));
	say(rq, "Mocean 2.0: the ocean planet game\n");
	say(rq, "ocean %.0f x %.0f metres, top speed %.0f (%.0f under water, %.0f on a whale)\n",
	    OCEAN_SIZE, OCEAN_SIZE, TOP_SPEED_SURFACE, TOP_SPEED_SUBMERGED, TOP_SPEED_WHALE);
	say_routes(rq, brief);
	if (!brief)
		say(rq, "\nEvery route takes world=NAME (letters and digits) to play in a world "
			"of its own, client=browser for a web page, and format=json for JSON whose "
			"\"reply\" is the text above.\n\nKEEP YOUR PLAYER YOURS: /join?name=fred&secret="
			"bluewhale, the first time fred joins, protects fred: from then on every address "
			"that acts as fred (/join and /quit too) needs &secret=bluewhale, so nobody else "
			"can steer, quit or chat as you. A player that joined without a word gets one "
			"only from the teacher. Pick a word you use nowhere else: it travels in the "
			"address.\n");
}

static const struct route route = {
	.name = "mocean",
	.game = GAME_MOCEAN,
	.order = 1,
	.about = "how to play: every route, its keys and its reply",
	.example = "/mocean",
	.keys = {
		{ .name = "usage", .type = KEY_TEXT, .longest = 20 },
	},
	.handle = mocean,
};

int main(void) { return serve(&route); }
