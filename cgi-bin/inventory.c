/* /inventory: what am I carrying?  The reply is a Python list that
 * ast.literal_eval can read, as the first server wrote it: each item is
 * [kind, name], and the air tank also says how full it is.
 *
 *   /inventory?id=0   -> [['air tank', 'air tank', 1.0], ['treasure', 'binoculars']]
 *   /inventory?id=0&format=json
 *                     -> {"reply":"[['air tank', 'air tank', 1.0], ['treasure',
 *                         'binoculars']]","items":[["air tank","air tank",1.0],
 *                         ["treasure","binoculars"]]}
 * Worst case: 102 items (the air tank, 100 treasures, the whale you ride).
 */
#include "mocean.h"

static const char SQL_INVENTORY[] =
	"SELECT kind, name, amount FROM item WHERE player = ? ORDER BY seq";

/* Say the item in the current row as a Python list, ['treasure', 'boat hook'],
 * and add it to the JSON list as ["treasure","boat hook"]. */
static void say_item(struct request *rq, sqlite3_stmt *st, struct json *json)
{
	const char *kind = (const char *)sqlite3_column_text(st, 0);
	const char *name = (const char *)sqlite3_column_text(st, 1);
	char amount[FMT_REAL_MAX];

	say(rq, "[");
	buf_python(&rq->reply.text, kind);
	say(rq, ", ");
	buf_python(&rq->reply.text, name);
	json_array(json, NULL);
	json_str(json, NULL, kind);
	json_str(json, NULL, name);
	if (sqlite3_column_type(st, 2) != SQLITE_NULL) { /* the air tank: how full */
		double full = sqlite3_column_double(st, 2);
		say(rq, ", %s", fmt_real(amount, full));
		json_real(json, NULL, full);
	}
	say(rq, "]");
	json_end(json);
}

static void inventory(struct request *rq)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_INVENTORY, "i", rq->me.id);

	say(rq, "[");
	json_array(&rq->reply.json, "items");
	for (int n = 0; db_row(rq->db, st); n++) {
		say(rq, "%s", n ? ", " : "");
		say_item(rq, st, &rq->reply.json);
	}
	json_end(&rq->reply.json);
	db_done(rq->db, st);
	say(rq, "]");
}

static const struct route route = {
	.name = "inventory",
	.game = GAME_MOCEAN,
	.order = 16,
	.about = "what you carry",
	.example = "/inventory?id=0&world=demo",
	.usage = "id",
	.reply = "[['air tank', 'air tank', 1.0], ['treasure', 'NAME']]",
	.json = "items",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.handle = inventory,
};

int main(void) { return serve(&route); }
