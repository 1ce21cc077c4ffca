/* /location: where am I?  The reply is six numbers a client program reads:
 * x,y,z,w,m,n -- the position (z is depth), then three flags, 0 or 1:
 *   w  you wrapped round an edge of the ocean since your last /location
 *   m  a chat message is waiting (read it with /popchat)
 *   n  something (a whale, a treasure or another player) is within sight
 *
 *   /location?id=0              -> 120.0,64.5,0.0,0,0,1
 *   /location?id=0&format=json  -> {"reply":"120.0,64.5,0.0,0,0,1","x":120.0,
 *                                   "y":64.5,"z":0.0,"wrapped":0,"message":0,"near":1}
 *   /location?id=99             -> bad player id; try debugging using the id route
 *
 * Each call is also written down for the data service (/data?dataset=tracks).
 * Worst case: 17 whales, 12 treasures and, with nothing of those in sight,
 * every other player (at most 2000) checked, one track row written.
 */
#include "mocean.h"

static const char SQL_TRACK[] =
	"INSERT INTO track (time, player, x, y, z) VALUES (?, ?, ?, ?, ?)";

static void location(struct request *rq)
{
	struct player *me = &rq->me;
	int wrapped = me->wrapped;
	int message = player_message_waiting(rq, me->id);
	int near = sight_anything(rq, me, player_sight(rq, me));

	me->wrapped = 0; /* told once */
	db_exec(rq->db, SQL_TRACK, "dtddd", rq->now, me->name, me->x, me->y, me->z);
	say_xyz(rq, me);
	say(rq, ",%d,%d,%d", wrapped, message, near);
	json_int(&rq->reply.json, "wrapped", wrapped);
	json_int(&rq->reply.json, "message", message);
	json_int(&rq->reply.json, "near", near);
}

static const struct route route = {
	.name = "location",
	.game = GAME_MOCEAN,
	.order = 7,
	.about = "where you are: x,y,z and three flags",
	.example = "/location?id=0&world=demo",
	.usage = "id",
	.reply = "x,y,z,w,m,n: position; wrapped, message waiting, something in sight (0 or 1)",
	.json = "x, y, z, wrapped, message, near",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD,
	.handle = location,
};

int main(void) { return serve(&route); }
