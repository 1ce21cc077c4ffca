/* /popchat: read the message waiting in your inbox; then it is gone.
 *
 *   /popchat?id=1               -> player fred tells you: hello
 *   /popchat?id=1               -> no message in your inbox
 * Worst case: one message (at most 500 bytes, and the sender's name) read
 * and emptied.
 */
#include "mocean.h"

static const char SQL_READ[] = "SELECT inbox FROM player WHERE id = ?";
static const char SQL_EMPTY[] = "UPDATE player SET inbox = NULL WHERE id = ?";

static void popchat(struct request *rq)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_READ, "i", rq->me.id);

	if (db_row(rq->db, st) && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		say(rq, "%s", (const char *)sqlite3_column_text(st, 0));
		json_str(&rq->reply.json, "message", buf_str(&rq->reply.text));
		db_exec(rq->db, SQL_EMPTY, "i", rq->me.id);
	} else {
		say(rq, "no message in your inbox");
		json_str(&rq->reply.json, "message", NULL);
	}
	db_done(rq->db, st);
}

static const struct route route = {
	.name = "popchat",
	.game = GAME_MOCEAN,
	.order = 22,
	.about = "read your message",
	.example = "/popchat?id=0&world=demo",
	.usage = "id",
	.reply = "the waiting message, or: no message in your inbox",
	.json = "message",
	.keys = {
		PLAYER_ID,
	},
	.store = STORE_WORLD,
	.handle = popchat,
};

int main(void) { return serve(&route); }
