/* playername.c: finding a player by name, by the names' skeletons (see
 * player.h's player_find and http/names.h). */
#include "ocean/player.h"
#include "http/names.h"
#include "store/db.h"
#include "ocean/request.h"

#include <string.h>

/* The players whose skeleton is ?1, and those who have none yet (a world
 * made before skeletons were kept), first to join first: the index
 * player_skeleton finds each. */
static const char SQL_PLAYER_BY_SKELETON[] =
	"SELECT id, name, x, y, z, vx, vy, heading, t, wrapped, whale, skeleton"
	" FROM player WHERE skeleton = ?1 AND playing = 1"
	" UNION ALL"
	" SELECT id, name, x, y, z, vx, vy, heading, t, wrapped, whale, skeleton"
	" FROM player WHERE skeleton IS NULL AND playing = 1"
	" ORDER BY id";
static const char SQL_NO_SKELETON[] =
	"SELECT id, name FROM player WHERE skeleton IS NULL AND playing = 1 LIMIT 1";
static const char SQL_SET_SKELETON[] =
	"UPDATE player SET skeleton = ? WHERE id = ?";

int player_find(struct request *rq, const char *name, struct player *p)
{
	char wanted[NAME_SKELETON_BYTES];
	char theirs[NAME_SKELETON_BYTES];
	sqlite3_stmt *st;
	int found = 0;

	if (name_skeleton(name, wanted) < 0)
		return 0;
	st = db_prepare(rq->db, SQL_PLAYER_BY_SKELETON, "t", wanted);
	while (!found && db_row(rq->db, st)) {
		const unsigned char *kept = sqlite3_column_text(st, 11);
		if (kept)
			found = 1;   /* the index matched it */
		else
			found = name_skeleton((const char *)sqlite3_column_text(st, 1),
					      theirs) == 0 && strcmp(theirs, wanted) == 0;
		if (found)
			player_from_row(st, p);
	}
	db_done(rq->db, st);
	return found;
}

const char *player_name_refusal(const char *name)
{
	if (!is_player_name(name))
		return "a name is 1 to 64 letters and digits, like fred";
	return name_refusal(name);
}

int player_fill_skeletons(struct request *rq)
{
	char skeleton[NAME_SKELETON_BYTES];

	for (int i = 0; i <= PLAYERS_MAX; i++) {
		sqlite3_stmt *st = db_prepare(rq->db, SQL_NO_SKELETON, "");
		long long id;
		int more = db_row(rq->db, st);

		if (more) {
			id = sqlite3_column_int64(st, 0);
			name_skeleton((const char *)sqlite3_column_text(st, 1), skeleton);
		}
		db_done(rq->db, st);
		if (!more)
			return rq->db->failed ? -1 : 0;
		/* "" for a name that has no skeleton: no name's skeleton is "" */
		if (db_exec(rq->db, SQL_SET_SKELETON, "ti", skeleton, id) < 0)
			return -1;
	}
	return 0;
}
