/* /join: become a player in the ocean.  Send your name: 1 to 64 letters and
 * digits of any alphabet (what Python's str.isalnum() accepts, and accents
 * and vowel signs after the first letter).  The
 * reply is your player id, the number every other route asks for.
 *
 *   /join?name=fred   -> 0   (the first player gets 0, then 1, 2...; fred again: 0)
 *   /join?name=José   -> 1   (李雷 and Zoë are names too; &world=class3 joins class3)
 *   /join?name=fred!  -> -1  (only letters and digits, please)
 *   /join?name=Fred   -> 0   (names compare as people read them: Fred,
 *        ｆｒｅｄ and 𝐟𝐫𝐞𝐝 are fred; a name that only looks like fred's,
 *        or mixes alphabets like frеd with a Cyrillic е, or holds an
 *        invisible letter: -1)
 *   /join?name=wilma&secret=bluewhale -> 2  (protected: every route that acts
 *        as wilma needs &secret=bluewhale from now on; without it, /join is -1)
 *   /join?name=fred&secret=mallory -> -1  (fred plays without a word: only
 *        the teacher can give him one, so nobody takes fred over)
 * A world with a class roster (the teacher's do=roster) admits only its names,
 * each with the word on its card:
 *   /join?name=ann&secret=coral-otter-42&world=class3 -> 0
 *   /join?name=mallory&world=class3 -> -1  (not on the class list)
 * -1 (never an error: programs read it with int()) also in a locked world
 * without secret=, a full one, or a new one past MAX_WORLDS: JSON says why.
 * A new world is made by its first player, never by a name refused.
 * Too many wrong words from one address: 429 (Retry-After), not checked.
 * Worst case: a 65-character name checked and its skeleton looked up (in a
 * world made before skeletons were kept, its first /join gives up to 2000
 * players theirs), 2 rows written, 1 word hashed.
 */
#include "mocean.h"
#include <string.h>

static const char SQL_PLAYING[] = "SELECT count(*) FROM player WHERE playing = 1";
static const char SQL_TAKE_ID[] = "UPDATE world SET next_id = next_id + 1 RETURNING next_id - 1";
static const char SQL_NEW_PLAYER[] =
	"INSERT INTO player (id, name, x, y, heading, t, joined, skeleton)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_AIR_TANK[] =
	"INSERT INTO item (player, kind, name, amount) VALUES (?, 'air tank', 'air tank', 1.0)";

/* A new player called name; its id, or -1 when the ocean is full. */
static long long new_player(struct request *rq, const char *name)
{
	char skeleton[NAME_SKELETON_BYTES];
	long long id;
	struct player start;

	if (db_int(rq->db, 0, SQL_PLAYING, NULL) >= PLAYERS_MAX)
		return -1;
	name_skeleton(name, skeleton);
	id = db_int(rq->db, -1, SQL_TAKE_ID, NULL);
	player_place_at_start(&start, rq->now);   /* the corner everyone starts in */
	db_exec(rq->db, SQL_NEW_PLAYER, "itdddddt", id, name, start.x, start.y,
		start.heading, rq->now, rq->now, skeleton);
	db_exec(rq->db, SQL_AIR_TANK, "i", id);
	return id;
}

/* The route: the player's id (a new player's, made now), or -1 and why. */
static void join(struct request *rq)
{
	const char *name = arg(rq, "name");
	const char *secret = arg(rq, "secret");
	const char *why = player_name_refusal(name);
	struct player p = { .id = -1 };
	enum world_writable made = WORLD_WRITABLE;

	if (why)
		;   /* not letters and digits, invisible, or alphabets mixed */
	else if ((made = world_writable(rq)) == WORLD_FAULT)
		return;   /* a full disk, say: the fault is the answer */
	else if (made == WORLD_NOT_MADE)
		why = NO_NEW_WORLD;
	else if ((why = roster_join_refusal(rq, name)) != NULL)
		;   /* a class list: only its names, each with its word */
	else if (rq->world_locked && !*secret)
		why = "this world is locked: join with a secret word, like &secret=bluewhale";
	else if (player_fill_skeletons(rq) == 0 && player_find(rq, name, &p))
		why = name_same_spelling(name, p.name) ? secret_join_refusal(rq, &p)
			: "that name looks just like the name of a player already in "
			  "this world: pick a name of your own";
	else if (rq->reply.status != 200)
		;   /* too many wrong words for a name on the class list */
	else if ((p.id = new_player(rq, name)) < 0)
		why = "this ocean is full: come back when someone quits";
	else if (*secret)
		secret_set(rq, p.id, secret);   /* a new player, protected from now on */
	if (rq->reply.status != 200)
		return;   /* too many wrong words (a 429), or a fault: the answer */
	say(rq, "%lld", why ? -1 : p.id);
	json_int(&rq->reply.json, "id", why ? -1 : p.id);
	if (why && rq->reply.form == FORM_BROWSER)
		say(rq, "\n%s", why);   /* people read why; programs read -1 */
	if (why)
		json_str(&rq->reply.json, "reason", why);
}

static const struct route route = {
	.name = "join",
	.game = GAME_MOCEAN,
	.order = 2,
	.usage = "name, secret",
	.json = "id",
	.about = "join the game; the reply is your id",
	.example = "/join?name=fred&world=demo",
	.reply = "your new id, e.g. 0 (-1: letters and digits only)",
	.keys = {
		{ .name = "name", .type = KEY_TEXT, .longest = QUERY_MAX_LEN },   /* any: -1 */
	},
	.store = STORE_WORLD,   /* a new world= is made when a player joins it */
	.handle = join,
};

int main(void) { return serve(&route); }
