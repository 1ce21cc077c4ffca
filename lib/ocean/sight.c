/* sight.c: what a player can see and reach (see sight.h). */
#include "ocean/sight.h"
#include "store/db.h"
#include "ocean/world.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_WHALE_RIDDEN[] =
	"SELECT count(*) FROM player WHERE playing = 1 AND whale >= 0 AND whale = ?";
static const char SQL_TREASURE_TAKEN[] =
	"SELECT count(*) FROM taken WHERE treasure = ?";
static const char SQL_RIDDEN_WHALES[] =
	"SELECT whale FROM player WHERE playing = 1 AND whale >= 0";
static const char SQL_TAKEN_TREASURES[] = "SELECT treasure FROM taken";
/* Where every other playing player was, and how they move. */
static const char SQL_OTHERS_WHERE[] =
	"SELECT x, y, z, vx, vy, t FROM player WHERE playing = 1 AND id != ?";

double sight_water_distance(double x1, double y1, double z1,
		      double x2, double y2, double z2)
{
	double dx = torus_delta(x1, x2), dy = torus_delta(y1, y2);

	return sqrt(dx * dx + dy * dy + (z2 - z1) * (z2 - z1));
}

int whale_on_map(struct request *rq, int whale)
{
	return db_int(rq->db, 0, SQL_WHALE_RIDDEN, "i", (long long)whale) == 0;
}

int treasure_on_map(struct request *rq, int treasure)
{
	if (strcmp(rq->world.seamounts[treasure].treasure, "iron dust") == 0)
		return 1;
	return db_int(rq->db, 0, SQL_TREASURE_TAKEN, "i", (long long)treasure) == 0;
}

/* Add one sighting when it is within range and there is room. */
static int add(struct seen *out, int n, int max, const char *thing, int index,
	       const struct player *p, double x, double y, double z,
	       double range)
{
	double d = sight_water_distance(p->x, p->y, p->z, x, y, z);

	if (d > range || n >= max)
		return n;
	out[n].thing = thing;
	out[n].index = index;
	out[n].x = x;
	out[n].y = y;
	out[n].z = z;
	out[n].distance = d;
	return n + 1;
}

/* Which whales are ridden and which treasures are taken, in two queries
 * rather than one per thing: /location asks on every poll. */
static void map_state(struct request *rq, int ridden[WHALES],
		      int taken[TREASURES])
{
	sqlite3_stmt *st;

	memset(ridden, 0, WHALES * sizeof *ridden);
	memset(taken, 0, TREASURES * sizeof *taken);
	st = db_prepare(rq->db, SQL_RIDDEN_WHALES, NULL);
	while (db_row(rq->db, st)) {
		int w = sqlite3_column_int(st, 0);
		if (w >= 0 && w < WHALES)
			ridden[w] = 1;
	}
	db_done(rq->db, st);
	st = db_prepare(rq->db, SQL_TAKEN_TREASURES, NULL);
	while (db_row(rq->db, st)) {
		int t = sqlite3_column_int(st, 0);
		if (t >= 0 && t < TREASURES &&
		    strcmp(rq->world.seamounts[t].treasure, "iron dust") != 0)
			taken[t] = 1;
	}
	db_done(rq->db, st);
}

int sight_around(struct request *rq, const struct player *p, double range,
		struct seen *out, int max)
{
	const struct world *w = &rq->world;
	int ridden[WHALES], taken[TREASURES];
	int n = 0;

	map_state(rq, ridden, taken);
	for (int i = 0; i < WHALES; i++)
		if (!ridden[i])
			n = add(out, n, max, "whale", i, p, w->whales[i].x,
				w->whales[i].y, 0, range);
	for (int i = 0; i < TREASURES; i++) {
		double x, y, z;
		treasure_place(w, i, &x, &y, &z);
		if (!taken[i])
			n = add(out, n, max, "treasure", i, p, x, y, z, range);
	}
	return n;
}

int sight_anything(struct request *rq, const struct player *p, double range)
{
	struct seen seen[SEEN_MAX];
	struct player other = { .id = -1 };
	sqlite3_stmt *st;
	int found = sight_around(rq, p, range, seen, SEEN_MAX) > 0;

	st = found ? NULL : db_prepare(rq->db, SQL_OTHERS_WHERE, "i", p->id);
	while (!found && db_row(rq->db, st)) {
		other.x = sqlite3_column_double(st, 0);
		other.y = sqlite3_column_double(st, 1);
		other.z = sqlite3_column_double(st, 2);
		other.vx = sqlite3_column_double(st, 3);
		other.vy = sqlite3_column_double(st, 4);
		other.t = sqlite3_column_double(st, 5);
		player_move(&rq->world, &other, round_clock(rq));
		found = sight_water_distance(p->x, p->y, p->z, other.x, other.y, other.z) <= range;
	}
	db_done(rq->db, st);
	return found;
}
