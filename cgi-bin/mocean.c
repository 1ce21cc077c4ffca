/* /mocean: how to play.  A version line, the ocean's size and top speed,
 * then every route: its keys, its reply, and its format=json fields.
 *
 *   /mocean  -> the long table           /mocean?usage=brief  -> one line per route
 *   /mocean?client=browser  -> a web page: how to play, a first mission, the table
 */
#include "mocean.h"

#include <string.h>

static const struct { const char *route, *keys, *reply, *json; } routes[] = {
	{ "join", "name, secret", "your new id, e.g. 0 (-1: letters and digits only)", "id" },
	{ "quit", "name", "player NAME removed from the game", "removed, name" },
	{ "who", "", "there are N players: NAME NAME ", "count, players" },
	{ "name", "id", "the player's name", "name" },
	{ "id", "name", "the player's id, or -1", "id" },
	{ "location", "id", "x,y,z,w,m,n: position; wrapped, message waiting, "
	  "something in sight (0 or 1)", "x, y, z, wrapped, message, near" },
	{ "velocity", "id", "vx,vy,heading", "vx, vy, heading" },
	{ "accel", "id, ctrl=w|a|s|d", "x,y,z,vx,vy,heading", "x, y, z, vx, vy, heading" },
	{ "stop", "id", "x,y,z,vx,vy,heading", "x, y, z, vx, vy, heading" },
	{ "dive", "id, ctrl=r|f", "x,y,z (rise or sink 5 m), or -1", "x, y, z" },
	{ "ping", "id", "the sea-floor depth under you", "depth" },
	{ "teleport", "id, x, y", "x,y,z (needs the teleport crystal)", "x, y, z" },
	{ "look", "id", "whale,x,y,z,treasure,x,y,z, ... for all in sight", "things" },
	{ "get", "id, item=treasure|whale", "treasure recovered! / now riding a whale", "got, item" },
	{ "inventory", "id", "[['air tank', 'air tank', 1.0], ['treasure', 'NAME']]", "items" },
	{ "use", "id, item", "what happens (iron dust starts the plankton bloom)", "item, used" },
	{ "whalename", "id", "the name of the whale you ride", "whale" },
	{ "treasurename", "id", "treasures held by NAME: NAME NAME ", "treasures" },
	{ "seamountname", "id", "the nearest seamount to you is called NAME", "seamount" },
	{ "sendchat", "id, name, message", "sends to NAME's one-message inbox", "sent" },
	{ "popchat", "id", "the waiting message, or: no message in your inbox", "message" },
	{ "data", "dataset, columns, ...", "research data: start at /data", "" },
};

static void mocean(struct request *rq)
{
	int brief = strcmp(arg(rq, "usage"), "brief") == 0;

	if (strcmp(reply_form(rq), "browser") == 0) /* people: the goal, a first mission */
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
		    is_host(rq->in.host) ? rq->in.host : "localhost:8080");
	say(rq, "Mocean 2.0: the ocean planet game\n");
	say(rq, "ocean %.0f x %.0f metres, top speed %.0f (%.0f under water, %.0f on a whale)\n",
	    OCEAN_SIZE, OCEAN_SIZE, TOP_SPEED_SURFACE, TOP_SPEED_SUBMERGED, TOP_SPEED_WHALE);
	for (size_t i = 0; i < LEN(routes); i++) {
		if (brief)
			say(rq, "/%s %s\n", routes[i].route, routes[i].keys);
		else
			say(rq, "\n/%s  keys: %s\n  reply: %s\n", routes[i].route,
			    *routes[i].keys ? routes[i].keys : "none", routes[i].reply);
		if (!brief && *routes[i].json)
			say(rq, "  format=json adds: %s\n", routes[i].json);
	}
	if (!brief)
		say(rq, "\nEvery route takes world=NAME (letters and digits) to play in a world "
			"of its own, client=browser for a web page, and format=json for JSON whose "
			"\"reply\" is the text above.\n\nKEEP YOUR PLAYER YOURS: /join?name=fred&secret="
			"bluewhale protects fred: from then on every address that acts as fred (/join "
			"and /quit too) needs &secret=bluewhale, so nobody else can steer, quit or chat "
			"as you. Pick a word you use nowhere else: it travels in the address.\n");
}

static const struct route route = {
	.name = "mocean",
	.keys = { { .name = "usage", .type = KEY_TEXT, .longest = 20 } },
	.handle = mocean,
};

int main(void) { return serve(&route); }
