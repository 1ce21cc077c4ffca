/* roster.c: a world's class roster (see roster.h). */
#include "ocean/roster.h"
#include "ocean/reply.h"
#include "ocean/worlds.h"
#include "store/db.h"
#include "http/names.h"

#include <stdio.h>
#include <string.h>

/* Far above any player's id (ids only grow, one a join): the tally keys
 * its counters by the exact id, so a name's wrong words count apart from
 * every player's. */
#define ROSTER_GUARD_BASE (1LL << 40)

static const char SQL_SIZE[] = "SELECT count(*) FROM roster";
static const char SQL_FIND[] = "SELECT seq, name, word FROM roster WHERE skeleton = ?";
static const char SQL_LIST[] = "SELECT seq, name, word FROM roster ORDER BY seq LIMIT ?";
static const char SQL_ADD[] =
	"INSERT INTO roster (name, word, added, skeleton) VALUES (?, ?, ?, ?)";
static const char SQL_SET_WORD[] = "UPDATE roster SET word = ? WHERE seq = ?";
static const char SQL_REMOVE[] = "DELETE FROM roster WHERE seq = ?";

int roster_size(struct request *rq)
{
	return (int)db_int(rq->db, 0, SQL_SIZE, NULL);
}

/* Copy the current row (seq, name, word) into e. */
static void row_to_entry(sqlite3_stmt *st, struct roster_entry *e)
{
	const unsigned char *name = sqlite3_column_text(st, 1);
	const unsigned char *word = sqlite3_column_text(st, 2);

	e->seq = sqlite3_column_int64(st, 0);
	snprintf(e->name, sizeof e->name, "%s", name ? (const char *)name : "");
	snprintf(e->word, sizeof e->word, "%s", word ? (const char *)word : "");
}

int roster_find(struct request *rq, const char *name, struct roster_entry *e)
{
	/* The same comparison as player_find's: the names' skeletons. */
	char skeleton[NAME_SKELETON_BYTES];
	sqlite3_stmt *st;
	int found;

	if (name_skeleton(name, skeleton) < 0)
		return 0;
	st = db_prepare(rq->db, SQL_FIND, "t", skeleton);
	found = db_row(rq->db, st);

	if (found)
		row_to_entry(st, e);
	db_done(rq->db, st);
	return found;
}

int roster_list(struct request *rq, struct roster_entry *out, int max)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_LIST, "i", (long long)max);
	int n = 0;

	while (n < max && db_row(rq->db, st))
		row_to_entry(st, &out[n++]);
	db_done(rq->db, st);
	return n;
}

int roster_add(struct request *rq, const char *name, const char *word)
{
	char skeleton[NAME_SKELETON_BYTES];

	if (name_skeleton(name, skeleton) < 0)
		return -1;
	return db_exec(rq->db, SQL_ADD, "ttdt", name, word, rq->now, skeleton);
}

int roster_set_word(struct request *rq, const struct roster_entry *e, const char *word)
{
	return db_exec(rq->db, SQL_SET_WORD, "ti", word, e->seq);
}

int roster_remove(struct request *rq, const struct roster_entry *e)
{
	return db_exec(rq->db, SQL_REMOVE, "i", e->seq);
}

long long roster_guard_id(const struct roster_entry *e)
{
	return ROSTER_GUARD_BASE + e->seq;
}

/* 1 when word is e's, checked as a player's word is: the address's words
 * for e counted by the guard first (a paused address: fail(rq, 429, ...)
 * and 0). */
static int roster_word_right(struct request *rq, const struct roster_entry *e,
			     const char *word)
{
	long long id = roster_guard_id(e);
	int right;

	if (secret_guard_pauses(rq, id))
		return 0;
	right = secret_same_text(word, e->word);
	secret_guard_end(rq, id, right);
	return right;
}

const char *roster_join_refusal(struct request *rq, const char *name)
{
	const char *word = query_str(&rq->query, "secret");
	struct roster_entry e;
	struct player p;

	if (roster_size(rq) == 0)
		return NULL;
	if (!roster_find(rq, name, &e))
		return "this world admits only the names on its class list: check "
		       "your name on your card, or ask your teacher to add it";
	if (player_find(rq, e.name, &p))
		return NULL;   /* it plays: its word is its player's */
	if (!*word)
		return "your name is on this world's class list: add the secret word "
		       "from your card, &secret=...";
	if (!roster_word_right(rq, &e, word))
		return rq->reply.status == 200 ? "that is not the secret word on your "
		       "card: check it, and send it exactly, &secret=..." : NULL;
	return NULL;
}

int roster_allows(struct request *rq, const char *name)
{
	const char *word = query_str(&rq->query, "secret");
	struct roster_entry e;

	if (!roster_find(rq, name, &e))
		return 1;
	if (!*word) {
		fail(rq, 403, "%s is on this world's class list: add &secret=... with "
		     "the word on %s's card", e.name, e.name);
		return 0;
	}
	if (roster_word_right(rq, &e, word))
		return 1;
	if (rq->reply.status == 200)
		fail(rq, 403, "that is not the secret word on %s's card: check it, "
		     "and send it exactly, &secret=...", e.name);
	return 0;
}
