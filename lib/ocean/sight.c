/* sight.c: what a player can see and reach (see sight.h). */
#include "ocean/sight.h"
#include "store/db.h"
#include "ocean/world.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_WHALE_RIDDEN[] =
	"SELECT count(*) FROM player WHERE playing = 1 AND whale >= 0 AND whale = ?";
static const char SQL_RIDDEN_WHALES[] =
	"SELECT whale FROM player WHERE playing = 1 AND whale >= 0";
/* The treasures gone for player ?1: under 'each' (?2 = 1) those it took,
 * under 'shared' every one taken. */
static const char SQL_TAKEN_TREASURES[] =
	"SELECT treasure FROM taken WHERE ?2 = 0 OR player = ?1";
/* Who took treasure ?1 as player ?2 sees it (?3 = 1: 'each'): ?2 itself
 * first, else the first who took it; is it ?2, and their name. */
static const char SQL_TAKER[] =
	"SELECT t.player = ?2, coalesce(p.name, '') FROM taken t"
	" LEFT JOIN player p ON p.id = t.player"
	" WHERE t.treasure = ?1 AND (?3 = 0 OR t.player = ?2)"
	" ORDER BY t.player = ?2 DESC, t.time LIMIT 1";
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
	struct player nobody = { .id = -1 };

	if (rq->world.treasures_each)
		return 1;   /* there for everyone who has not taken it */
	return treasure_state(rq, &nobody, treasure, NULL, 0) == TREASURE_THERE;
}

enum treasure_state treasure_state(struct request *rq, const struct player *p, int treasure,
				   char *by, size_t len)
{
	enum treasure_state state = TREASURE_THERE;
	sqlite3_stmt *st;

	if (by && len)
		by[0] = '\0';
	if (strcmp(rq->world.seamounts[treasure].treasure, "iron dust") == 0)
		return TREASURE_THERE;   /* it never runs out */
	st = db_prepare(rq->db, SQL_TAKER, "iii", (long long)treasure, p->id,
			(long long)rq->world.treasures_each);
	if (db_row(rq->db, st)) {
		state = sqlite3_column_int(st, 0) ? TREASURE_YOURS : TREASURE_GONE;
		if (by && len)
			snprintf(by, len, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	db_done(rq->db, st);
	return state;
}

int treasure_nearest(const struct request *rq, const struct player *p, double range)
{
	int best = -1;
	double best_d = range;

	for (int i = 0; i < TREASURES; i++) {
		double x, y, z, d;
		treasure_place(&rq->world, i, &x, &y, &z);
		d = sight_water_distance(p->x, p->y, p->z, x, y, z);
		if (d <= best_d) {
			best = i;
			best_d = d;
		}
	}
	return best;
}

void treasure_tell_taken(struct request *rq, int treasure)
{
	char by[PLAYER_NAME_BYTES + 1];
	const struct seamount *s = &rq->world.seamounts[treasure];

	if (treasure_state(rq, &rq->me, treasure, by, sizeof by) == TREASURE_YOURS)
		say(rq, "already yours: you took the %s of %s; the other seamounts still "
		    "have theirs", s->treasure, s->name);
	else
		say(rq, "gone: %s took it first", by);
	json_str(&rq->reply.json, "taken_by", by);
}

void treasure_note_nearest(struct request *rq)
{
	int i = world_nearest_seamount(&rq->world, rq->me.x, rq->me.y);
	const struct seamount *s = &rq->world.seamounts[i];
	char by[PLAYER_NAME_BYTES + 1];
	char sentence[2 * PLAYER_NAME_BYTES + 200];
	enum treasure_state state = treasure_state(rq, &rq->me, i, by, sizeof by);
	static const char *const names[] = { "there", "yours", "gone" };

	if (state == TREASURE_THERE)
		return;   /* the JSON as before: no new fields */
	json_str(&rq->reply.json, "treasure_here", names[state]);
	if (state == TREASURE_YOURS)
		snprintf(sentence, sizeof sentence, "The treasure of %s, the nearest seamount "
			 "(its %s), is already yours: the other seamounts still have theirs.",
			 s->name, s->treasure);
	else
		snprintf(sentence, sizeof sentence, "The treasure of %s, the nearest seamount "
			 "(its %s), is gone: %s took it first.", s->name, s->treasure, by);
	say_note(rq, "treasure_note", sentence);
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

/* Which whales are ridden and which treasures are gone for p, in two
 * queries rather than one per thing: /location asks on every poll. */
static void map_state(struct request *rq, const struct player *p, int ridden[WHALES],
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
	st = db_prepare(rq->db, SQL_TAKEN_TREASURES, "ii", p->id,
			(long long)rq->world.treasures_each);
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

	map_state(rq, p, ridden, taken);
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
