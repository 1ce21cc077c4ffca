/* steps.c: what the Steps levels share (see steps.h). */
#include "steps.h"
#include "buf.h"
#include "pynum.h"
#include "reply.h"
#include "worlds.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_SOLVED[] =
	"INSERT OR IGNORE INTO solved (name, level, time) VALUES (?, ?, ?)";

/* Record that the player in name= solved this Steps level, once, with the
 * time (nothing when no name= was sent, or for a HEAD request): in steps.db,
 * a transaction of its own.  Returns 0, or -1 after fail(). */
static int record_solved(struct request *rq, const char *level)
{
	struct store *db;

	if (!*arg(rq, "name") || is_head(rq))
		return 0;
	/* The Steps file is separate from any world. */
	db = progress_store(rq->stores);
	if (db_begin(db) == 0) {
		db_exec(db, SQL_SOLVED, "ttd", arg(rq, "name"), level, rq->now);
		db_end(db, 1);
	}
	if (db->failed)
		return answer_fault(rq, db) - 1;
	return 0;
}

enum guess read_guess(const char *text, unsigned long long *n)
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
	rq->next_route = NULL;
	rq->guess_key = key;
	return arg(rq, key);
}

int level_solved(struct request *rq, const char *level, const char *next,
		 const char *key)
{
	if (record_solved(rq, level) < 0)
		return -1;
	json_bool(rq, "solved", 1);
	if (next) {
		say(rq, " Your next step is %s", next);
		json_str(rq, "next", next);
	}
	rq->next_route = next;
	rq->guess_key = key;
	return 0;
}
