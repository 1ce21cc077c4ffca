/* /who: who is playing?  The names come in joining order, each followed by
 * a space.
 *
 *   /who                        -> there are 2 players: fred wilma
 *   /who?format=json            -> {"reply":"there are 2 players: fred wilma ",
 *                                   "count":2,"players":["fred","wilma"]}
 * Worst case: 2000 names (a world holds at most 2000 players at once).
 */
#include "mocean.h"

static const char SQL_PLAYING[] =
	"SELECT name FROM player WHERE playing = 1 ORDER BY id";

static void who(struct request *rq)
{
	struct buf names = {0};
	struct buf list = {0};
	struct json players;
	sqlite3_stmt *st = db_prepare(rq->db, SQL_PLAYING, NULL);
	int count = 0;

	json_start(&players, rq->reply.form == FORM_JSON ? &list : NULL);
	json_array(&players, NULL);
	for (; db_row(rq->db, st); count++) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		buf_printf(&names, "%s ", name);
		json_str(&players, NULL, name);
	}
	json_end(&players);
	db_done(rq->db, st);
	say(rq, "there are %d players: %s", count, buf_str(&names));
	json_int(&rq->reply.json, "count", count);
	json_raw(&rq->reply.json, "players", buf_str(&list));
	buf_free(&names);
	buf_free(&list);
}

static const struct route route = {
	.name = "who",
	.game = GAME_MOCEAN,
	.order = 4,
	.about = "who is playing",
	.example = "/who?world=demo",
	.usage = "",
	.reply = "there are N players: NAME NAME ",
	.json = "count, players",
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = who,
};

int main(void) { return serve(&route); }
