/* limit.h: limits that hold (docs/PROTOCOL.md, "Limits").  Every request
 * that names a player (by id=, or by name= where the name is the player
 * acting: /join, /quit, /id, /who, /scores, Steps levels, /data's &add) is
 * counted toward that player's limit in the world's tally (tally.h), and
 * refused with 429 past the teacher's limit, before the world's file is
 * opened: a refusal costs a mapped file's few atomic additions, not a
 * SQLite open.  A request whose counter is not yet known (a player no
 * request has read yet) is counted after its player is read (serve.c).
 *
 * /data reads also spend a budget of their client address: the rows a
 * query computes and reads (data_cost), DATA_BUDGET rows a second (the
 * teacher's setting, DATA_BUDGET_DEFAULT unless set; 0 turns the budget
 * off), DATA_BUDGET_BURST seconds of it owed at most.  A read reserves
 * one second of it as it starts (so that many at once cannot all start)
 * and is charged its cost when that is known.  An address owing more is
 * refused (429, Retry-After) before the world is opened.  The budget is
 * kept in a file of its own (worlds/.data.tally), so it holds for a world
 * not yet made as well. */
#ifndef MOCEAN_LIMIT_H
#define MOCEAN_LIMIT_H

#include "ocean/request.h"

struct tally;

#define DATA_BUDGET_DEFAULT 200000 /* rows a second, per address */
#define DATA_BUDGET_BURST 10.0      /* seconds of it owed at most */

/* The sentence of a teacher's limit: printf with the limit. */
#define LIMIT_SENTENCE "slow down: your program asks more than %d times a " \
	"second. Put time.sleep(0.1) in your loop"

/* Before the world's file is opened: count the request toward the player
 * it names, and refuse it (429, Retry-After) past the world's limit, or a
 * /data read from an address past its budget.  Returns 1 when refused
 * (the answer is set), else 0 (rq->counted says whether it was counted). */
int limit_before_open(struct request *rq);

/* The player a request acts as by its world's tally: the one it names,
 * when the tally counts it as that player's own (the right word, when one
 * protects it); -1 when none, or not yet known.  *t is the world's tally
 * (NULL when the world has none). */
long long limit_player(struct request *rq, struct tally **t);

/* When a refusal past a limit is sent: when the second it was counted in
 * is over (at most a second on, what Retry-After says).  The connection
 * waits until then (conn_reply_at: CGI sleeps; event mode holds the request
 * and serves others meanwhile), so a loop that ignores Retry-After asks at
 * most once a second per connection, and a flood of refusals costs the
 * server a program start (CGI) or a held request (event mode) per
 * connection a second, however fast the flooder's loop. */
double limit_due(const struct request *rq);

/* The /data budget: rows a second per address, from DATA_BUDGET (a whole
 * number; 0: none), else DATA_BUDGET_DEFAULT. */
long data_budget(void);

/* After a /data query: charge rq->data_cost to the client's address. */
void limit_charge_data(struct request *rq);

#endif
