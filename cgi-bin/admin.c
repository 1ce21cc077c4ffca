/* /admin: the teacher's controls.  Every request needs the teacher key
 * (make run prints it as "teacher key: KEY"); without it: 403, nothing
 * changes.  world=W picks the world (mocean by default).
 *
 *   /admin?key=K                          -> every world, its players and
 *                                            request counts
 *   /admin?key=K&do=reset&world=class3&seed=42 -> class3 made anew (the same
 *                                            seed makes the same world)
 *   /admin?key=K&do=bloom   /  do=calm    -> the plankton bloom on / off
 *   /admin?key=K&do=kick&name=fred        -> fred leaves the game
 *   /admin?key=K&do=give&id=3             -> player 3 gets a copy of every
 *                                            treasure (the map keeps them)
 */
#include "mocean.h"

#include <string.h>

static const char SQL_BLOOM[] = "UPDATE world SET bloom = ?";
static const char SQL_KICK[] = "UPDATE player SET playing = 0, inbox = NULL WHERE id = ?";

/* Every world, with its players and how busy it is. */
static void overview(struct request *rq)
{
	char names[WORLDS_MAX][33];
	struct buf json = {0};
	int n = list_worlds(names, WORLDS_MAX);

	say(rq, "%d world%s\n", n, n == 1 ? "" : "s");
	buf_puts(&json, "[");
	for (int i = 0; i < n; i++) {
		buf_puts(&json, i ? "," : "");
		world_summary(rq, names[i], &json);
	}
	buf_puts(&json, "]");
	json_raw(rq, "worlds", buf_str(&json));
	buf_free(&json);
}

/* One action on one world, inside its transaction. */
static void act(struct request *rq, const char *todo, const char *world)
{
	struct player p;
	long long seed;

	if (teacher_open_world(rq, world, strcmp(todo, "reset") == 0 ?
			       DB_CREATE : DB_EXISTING, 1) < 0)
		return;
	if (strcmp(todo, "reset") == 0) {
		seed = has(rq, "seed") ? arg_int(rq, "seed") : rq->world.seed ^ (long long)rq->now;
		world_reset(rq, seed);
		say(rq, "world %s made anew with seed %lld", world, seed);
	} else if (strcmp(todo, "bloom") == 0 || strcmp(todo, "calm") == 0) {
		db_exec(rq->db, SQL_BLOOM, "i", (long long)(todo[0] == 'b'));
		say(rq, "the plankton bloom in %s is %s", world, todo[0] == 'b' ? "on" : "over");
	} else if (strcmp(todo, "kick") == 0) {
		if (player_find(rq, arg(rq, "name"), &p) && db_exec(rq->db, SQL_KICK, "i", p.id) == 0)
			say(rq, "player %s removed from %s", p.name, world);
		else
			say(rq, "nobody called %s is playing in %s", arg(rq, "name"), world);
	} else if (strcmp(todo, "give") == 0) {
		if (player_load(rq, arg_int(rq, "id"), &p) && give_all_treasures(rq, p.id) == 0)
			say(rq, "%s now holds a copy of every treasure", p.name);
		else
			say(rq, "there is no player %lld in %s", arg_int(rq, "id"), world);
	} else {
		fail(rq, 400, "do must be one of reset, bloom, calm, kick or give");
	}
}

static void admin(struct request *rq)
{
	const char *world = *arg(rq, "world") ? arg(rq, "world") : "mocean";

	if (!teacher_allowed(rq))
		return;
	if (*arg(rq, "do"))
		act(rq, arg(rq, "do"), world);
	else
		overview(rq);
}

static const struct route route = {
	.name = "admin",
	.keys = { { .name = "key", .type = KEY_TEXT, .longest = 64 },
		  { .name = "do", .type = KEY_TEXT, .longest = 20 },
		  { .name = "world", .type = KEY_WORD, .longest = 32 },
		  { .name = "seed", .type = KEY_INT },
		  { .name = "name", .type = KEY_TEXT, .longest = 100 },
		  { .name = "id", .type = KEY_INT } },
	.handle = admin,
};

int main(void) { return serve(&route); }
