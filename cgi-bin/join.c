/* /join: become a player in the ocean.  Send your name (letters and digits);
 * the reply is your player id, the number every other route asks for.
 *
 *   /join?name=fred            -> 0      (the first player gets 0, then 1, 2...)
 *   /join?name=fred            -> 0      (fred is already playing: same id)
 *   /join?name=fred!           -> -1     (only letters and digits, please)
 *   /join?name=wilma&world=class3   joins the world called class3
 *   /join?name=fred&format=json -> {"reply":"0","id":0}
 *
 * A new player starts at a random spot with x and y between 40 and 200, at
 * the surface, not moving, facing a random way, carrying one air tank.
 */
#include "mocean.h"

#include <math.h>

static const char SQL_NEXT_ID[] = "SELECT next_id FROM world";
static const char SQL_TAKE_ID[] = "UPDATE world SET next_id = next_id + 1";
static const char SQL_NEW_PLAYER[] =
	"INSERT INTO player (id, name, x, y, heading, t, joined)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char SQL_AIR_TANK[] =
	"INSERT INTO item (player, kind, name, amount)"
	" VALUES (?, 'air tank', 'air tank', 1.0)";

/* A random whole number from lo to hi. */
static long long pick(long long lo, long long hi)
{
	unsigned long long r;

	random_bytes(&r, sizeof r);
	return lo + (long long)(r % (unsigned long long)(hi - lo + 1));
}

static void join(struct request *rq)
{
	const char *name = arg(rq, "name");
	struct player p;
	long long id;
	double heading = pick(0, 359) * M_PI / 180;

	if (!is_word(name, 32)) {
		say(rq, "-1");             /* letters and digits only, please */
		json_int(rq, "id", -1);
	} else if (player_find(rq, name, &p)) {
		id = p.id;                   /* already playing: the same id */
		say(rq, "%lld", id);
		json_int(rq, "id", id);
	} else {
		id = db_int(rq->db, 0, SQL_NEXT_ID, NULL);
		db_exec(rq->db, SQL_TAKE_ID, NULL);
		db_exec(rq->db, SQL_NEW_PLAYER, "itddddd", id, name,
			(double)pick(40, 200), (double)pick(40, 200), heading,
			rq->now, rq->now);
		db_exec(rq->db, SQL_AIR_TANK, "i", id);
		say(rq, "%lld", id);
		json_int(rq, "id", id);
	}
}

static const struct route route = {
	.name = "join",
	.keys = { { .name = "name", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_WORLD,
	.makes_world = 1,      /* the only route that makes a new world */
	.handle = join,
};

int main(void) { return serve(&route); }
