/* steps.c: what the Steps levels share (see steps.h). */
#include "ocean/steps.h"
#include "ocean/roster.h"
#include "http/buf.h"
#include "http/pynum.h"
#include "ocean/reply.h"
#include "ocean/request.h"
#include "ocean/worlds.h"
#include "ocean/player.h"
#include "ocean/secret.h"
#include "http/names.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_SOLVED[] =
	"INSERT OR IGNORE INTO solved (name, level, time) VALUES (?, ?, ?)";

/* 1 when a level may be recorded for name, with the name to record in
 * as: the name of the player in the request's world (world=, else the
 * default world) that name is to a person ("Fred" is fred), else name
 * itself.  Otherwise 0 after fail(): the 403 (or 429) of every route that
 * acts as a protected player, when that player is protected by a secret
 * word (or the name is on the world's class roster) and secret= is not its
 * word; a 400 for a name no player may have (invisible letters, mixed
 * alphabets).  The world is read in a snapshot of its own, and closed again. */
static int name_allowed(struct request *rq, const char *name,
			char as[PLAYER_NAME_BYTES + 1])
{
	struct player p;
	const char *why;
	int allowed;

	snprintf(as, PLAYER_NAME_BYTES + 1, "%s", name);
	if (!world_begin(rq, rq->world_name, WORLD_READ))
		allowed = answer_fault(rq, rq->db);
	else if (player_find(rq, name, &p)) {
		allowed = secret_allows(rq, &p);
		snprintf(as, PLAYER_NAME_BYTES + 1, "%s", p.name);
	} else if ((why = name_refusal(name))) {
		fail(rq, 400, "%s", why);
		allowed = 0;
	} else {
		allowed = roster_allows(rq, name);
	}
	db_end(rq->db, 0);
	rq->db = NULL;
	return allowed;
}

/* Record that the player in name= solved this Steps level, once, with the
 * time (nothing when no name= was sent, or for a HEAD request): in steps.db,
 * a transaction of its own.  A name protected by a secret word in world=
 * (else the default world) needs it: 403 and nothing recorded without it.
 * Returns 0, or -1 after fail(). */
static int record_solved(struct request *rq, const char *level)
{
	struct store *db;
	char as[PLAYER_NAME_BYTES + 1];

	if (!*arg(rq, "name") || is_head(rq))
		return 0;
	if (!name_allowed(rq, arg(rq, "name"), as))
		return -1;
	/* The Steps file is separate from any world. */
	db = progress_store(rq->stores);
	if (db_begin(db) == 0) {
		db_exec(db, SQL_SOLVED, "ttd", as, level, rq->now);
		db_end(db, 1);
	}
	if (db->failed)
		return answer_fault(rq, db) - 1;
	return 0;
}

enum guess level_read_guess(const char *text, unsigned long long *n)
{
	size_t size = strlen(text) + 2;
	char *digits = xmalloc(size);
	enum guess kind;
	double x;

	if (py_int(text, digits, size) == 0) {
		errno = 0;
		*n = *digits == '-' ? 0 : strtoull(digits, NULL, 10);
		kind = *digits == '-' ? NEGATIVE : errno == ERANGE ? TOO_BIG : WHOLE;
	} else if (py_float(text, &x) < 0 || isnan(x)) {
		kind = NOT_A_NUMBER;
	} else if (isfinite(x) && x != floor(x)) {
		kind = NOT_WHOLE;
	} else if (x < 0) {
		kind = NEGATIVE;
	} else if (x >= 18446744073709551616.0) {   /* 2^64, or inf */
		kind = TOO_BIG;
	} else {
		*n = (unsigned long long)x;      /* "101.0" is a whole number */
		kind = WHOLE;
	}
	free(digits);
	return kind;
}

const char *level_guess(struct request *rq, const char *key)
{
	return arg(rq, key);   /* the page's form asks again in every key (page.h) */
}

int level_solved(struct request *rq, const char *level, const char *next,
		 const char *key)
{
	if (record_solved(rq, level) < 0)
		return -1;
	json_bool(&rq->reply.json, "solved", 1);
	if (next) {
		say(rq, " Your next step is %s", next);
		json_str(&rq->reply.json, "next", next);
	}
	rq->reply.next = next;      /* the browser page leads on (page.h) */
	rq->reply.next_key = key;
	return 0;
}
