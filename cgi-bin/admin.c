/* /admin: the teacher's controls.  Without the teacher key (make run prints
 * it): 403, and nothing changes.  Every action names its world (or: 400) and
 * says what it did in one sentence (see the actions below).
 *
 *   /admin?key=K  (&world=class3) -> every world (or class3): its players,
 *        each one's requests in the last minute, secret word or not
 *   ...&world=class3&do=reset&seed=42 -> world class3 made anew with seed 42
 *        (a damaged file is set aside first; without seed=, a new random
 *        ocean, or for a world not made yet the one its name gives)
 * A HEAD request (a link preview, a prefetch) checks the key and does nothing.
 *   ...&do=kick&name=fred -> player fred removed from class3   (&do=give&id=3)
 *   ...&do=newsecret&name=ann&secret=coral-otter-42 -> ann's secret word in
 *        class3 is now coral-otter-42: ...  (without secret=, a word made up)
 *   ...&do=roster&names=ann,ben -> 2 names on the roster of class3, each with
 *        its secret word (only these names may join now):
 *        ann coral-otter-42 ...   (&do=unroster&name=ann takes ann off)
 *   ...&do=bot&name=fred&run=1 -> fred's bot in class3 is queued (run=0:
 *        stopped); do=bots&run=1 (or 0): every bot of class3; do=bots: the list
 *   ...&do=bloom (calm), lock (unlock), limit&rate=5, newview, delete
 *   ...&do=treasures&rule=shared -> in class3 the first to take a treasure
 *        takes it for everybody (rule shared)   (rule=each: each player
 *        takes each treasure once, the rule of a new world)
 *   ...&do=round&minutes=10 -> round 1 of class3 is open (a lobby); then
 *        do=start (everyone back at the start) and do=finish (or the clock)
 * Worst case: every world's file read (MAX_WORLDS), with its 2000 players.
 */
#include "mocean.h"
#include <string.h>

static const char SQL_SET_LOCK[] = "UPDATE world SET locked = ?";

/* The actions, each on the world opened for it. */

/* do=reset: the world made anew (a damaged file was set aside first). */
static void reset(struct request *rq)
{
	world_remake(rq, has(rq, "seed") ? arg_int(rq, "seed") : -1);
	say(rq, "world %s made anew with seed %lld", arg(rq, "world"), rq->world.seed);
}

/* do=bloom and do=calm. */
static void bloom(struct request *rq)
{
	world_set_bloom(rq, strcmp(arg(rq, "do"), "bloom") == 0);
}

/* do=lock (/join needs a secret word) and do=unlock. */
static void lock(struct request *rq)
{
	db_exec(rq->db, SQL_SET_LOCK, "i", (long long)(strcmp(arg(rq, "do"), "lock") == 0));
}

/* do=limit&rate=N: requests a second per player (0: none). */
static void limit(struct request *rq)
{
	world_set_limit(rq, (int)arg_int(rq, "rate"));
}

/* do=newview: a new view code, so an old projector link stops working. */
static void newview(struct request *rq)
{
	char view[VIEW_CODE_LEN + 1];

	world_renew_view(rq, view);
	say(rq, "the projector's map: /map?world=%s&view=%s", arg(rq, "world"), view);
}

/* do=NAME, its action (NULL: move the world's file aside), what is said. */
static const struct action actions[] = {
	{ "reset", reset, .want = WORLD_MAKE },
	{ "kick", teacher_kick, .needs = "name" },
	{ "newsecret", teacher_new_secret, .needs = "name" },
	{ "roster", classlist_add, .needs = "names" },
	{ "unroster", classlist_remove, .needs = "name" },
	{ "give", teacher_give, .needs = "id" },
	{ "newview", newview, .want = WORLD_WRITE },
	{ "bloom", bloom, .said = "the plankton bloom in %s is on" },
	{ "calm", bloom, .said = "the plankton bloom in %s is over" },
	{ "lock", lock, .said = "%s is locked: /join needs secret=WORD" },
	{ "unlock", lock, .said = "%s is open: /join needs no secret word" },
	{ "limit", limit, .said = "%s has a new limit (rate=0: none)", .needs = "rate" },
	{ "treasures", teacher_treasures, .needs = "rule" },
	{ "round", teacher_round, .needs = "minutes" },
	{ "start", teacher_start, .want = WORLD_WRITE },
	{ "finish", teacher_finish, .want = WORLD_WRITE },
	{ "bot", arena_bot, .needs = "name", .want = WORLD_WRITE },
	{ "bots", arena_bots, .want = WORLD_WRITE },
	{ "delete", NULL, .said = "world %s deleted: its file is moved aside, not erased" },
};

/* The key, then the action do= names, or the overview. */
static void admin(struct request *rq)
{
	teacher_act(rq, actions, LEN(actions));
}

static const struct route route = {
	.name = "admin",
	.game = GAME_TEACHER,
	.order = 1,
	.example = "/admin?key=KEY",
	.about = "worlds, players, resets (needs the teacher key)",
	.keys = {
		{ .name = "key", .type = KEY_TEXT, .longest = 64 },
		{ .name = "do", .type = KEY_TEXT, .longest = 20 },
		{ .name = "id", .type = KEY_INT },
		WORLD_KEY,
		{ .name = "seed", .type = KEY_INT, .min = 0, .max = 1e15 },
		{ .name = "name", .type = KEY_TEXT, .longest = PLAYER_NAME_BYTES },
		{ .name = "rate", .type = KEY_INT, .min = 0, .max = 1000 },
		{ .name = "secret", .type = KEY_TEXT, .longest = SECRET_LONGEST },
		{ .name = "minutes", .type = KEY_REAL, .min = 0, .max = 10080 },
		{ .name = "names", .type = KEY_TEXT, .longest = QUERY_MAX_LEN },
		{ .name = "rule", .type = KEY_TEXT, .longest = 10 },
		{ .name = "run", .type = KEY_INT, .min = 0, .max = 1 },
	},
	.handle = admin,
};

int main(void) { return serve(&route); }
