/* seenlog.h: what the server saw as each player (/log).  After every
 * reply is made, and before it is sent, the serving loop keeps the
 * request in its player's ring (store/seen.h) in the world's tally file:
 * outside the request's SQLite transaction, so a refusal (400, 429) is
 * kept as well as an answer.  A request is its player's when it names
 * the player by id= (or by name=, once the server has matched that name
 * to an id: limit_player) and, for a protected player, carries its word;
 * a request without the word (a 403, a classmate) is not kept, nor one
 * of a route marked .unlogged (/log itself), nor a teacher's. */
#ifndef MOCEAN_SEENLOG_H
#define MOCEAN_SEENLOG_H

#include "ocean/request.h"
#include "store/seen.h"

/* After the reply is made: keep the request in its player's ring. */
void seenlog_record(struct request *rq);

/* The requests the server saw as player id, oldest first, into out:
 * returns how many; or -1 with the answer set: 404 for no such player
 * (never joined, or kicked), 403 for a protected one without its word. */
int seenlog_read(struct request *rq, long long id, struct seen_request out[SEEN_KEPT]);

#endif
