/* /treasurename: the names of the treasures you hold, each followed by a
 * space.
 *
 *   /treasurename?id=0          -> treasures held by fred: binoculars boat hook
 *   /treasurename?id=0&format=json
 *                               -> {"reply":"...","treasures":["binoculars","boat hook"]}
 * Worst case: 100 treasures (the most a bag holds).
 */
#include "mocean.h"

static const char SQL_TREASURES[] =
	"SELECT name FROM item WHERE player = ? AND kind = 'treasure' ORDER BY seq";

static void treasurename(struct request *rq)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_TREASURES, "i", rq->me.id);

	say(rq, "treasures held by %s: ", rq->me.name);
	json_array(&rq->reply.json, "treasures");
	while (db_row(rq->db, st)) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		say(rq, "%s ", name);
		json_str(&rq->reply.json, NULL, name);
	}
	json_end(&rq->reply.json);
	db_done(rq->db, st);
}

static const struct route route = {
	.name = "treasurename",
	.game = GAME_MOCEAN,
	.order = 19,
	.about = "the treasures you hold",
	.example = "/treasurename?id=0&world=demo",
	.usage = "id",
	.reply = "treasures held by NAME: NAME NAME ",
	.json = "treasures",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = treasurename,
};

int main(void) { return serve(&route); }
