/* /join: become a player in the ocean.  Send your name: 1 to 64 letters and
 * digits of any alphabet (whatever Python's str.isalnum() accepts).  The
 * reply is your player id, the number every other route asks for.
 *
 *   /join?name=fred            -> 0      (the first player gets 0, then 1, 2...)
 *   /join?name=fred            -> 0      (fred is already playing: same id)
 *   /join?name=José            -> 1      (李雷 and Zoë are names too)
 *   /join?name=fred!           -> -1     (only letters and digits, please)
 *   /join?name=wilma&world=class3   joins the world called class3
 *   /join?name=fred&format=json -> {"reply":"0","id":0}
 * Any name that is not one (empty, too long, other characters) and a world
 * already holding 2000 players answer -1, never an error: programs read the
 * reply with int().  format=json says why, in "reason".
 *
 * A new player starts at a random spot with x and y between 40 and 200, at
 * the surface, not moving, facing a random way, carrying one air tank.
 * Worst case: the first 65 characters of the name read, one count of the
 * players, one player and one item written.
 */
#include "mocean.h"

#include <math.h>

static const char SQL_PLAYING[] = "SELECT count(*) FROM player WHERE playing = 1";
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
	long long id = -1;

	if (!is_player_name(name))
		json_str(rq, "reason", "a name is 1 to 64 letters and digits, like fred");
	else if (player_find(rq, name, &p))
		id = p.id;                   /* already playing: the same id */
	else if (db_int(rq->db, 0, SQL_PLAYING, NULL) >= PLAYERS_MAX)
		json_str(rq, "reason", "this ocean is full: come back when someone quits");
	else {
		id = db_int(rq->db, 0, SQL_NEXT_ID, NULL);
		db_exec(rq->db, SQL_TAKE_ID, NULL);
		db_exec(rq->db, SQL_NEW_PLAYER, "itddddd", id, name,
			(double)pick(40, 200), (double)pick(40, 200),
			pick(0, 359) * M_PI / 180, rq->now, rq->now);
		db_exec(rq->db, SQL_AIR_TANK, "i", id);
	}
	say(rq, "%lld", id);
	json_int(rq, "id", id);
}

static const struct route route = {
	.name = "join",
	/* Any length reaches the handler: a name too long is -1, not a 400. */
	.keys = { { .name = "name", .type = KEY_TEXT, .longest = QUERY_MAX_LEN } },
	.store = STORE_WORLD,
	.makes_world = 1,      /* the only route that makes a new world */
	.handle = join,
};

int main(void) { return serve(&route); }
