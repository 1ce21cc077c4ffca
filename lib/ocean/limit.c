/* limit.c: counting a request toward its player before its world is
 * opened, and the /data budget (see limit.h). */
#include "ocean/limit.h"
#include "ocean/worlds.h"
#include "ocean/reply.h"
#include "http/query.h"
#include "store/tally.h"

#include <string.h>

/* The player a request names: *id from id= (a whole number), else *name
 * from name= where the name is the player acting (not the teacher's
 * routes, and on /data only with &add).  Returns 1 when it names one. */
static int named_player(const struct request *rq, long long *id, const char **name)
{
	const char *v = query_str(&rq->query, "id");

	*id = -1;
	*name = NULL;
	if (rq->route->game == GAME_TEACHER || rq->route->game == GAME_NONE)
		return 0;
	if (*v && text_to_int(v, id) == 0 && *id >= 0)
		return 1;
	*id = -1;
	v = query_str(&rq->query, "name");
	if (!*v || (rq->route->game == GAME_DATA && !query_get(&rq->query, "add")))
		return 0;
	*name = v;
	return 1;
}

/* 1 for a /data read (one that spends the address's budget). */
static int data_read(const struct request *rq)
{
	return rq->route->game == GAME_DATA && *query_str(&rq->query, "dataset") &&
	       !query_get(&rq->query, "add");
}

/* The world a request counts in: world= (checked, or folded to a word),
 * else the default. */
static const char *counted_world(const struct request *rq)
{
	const char *w = rq->world_name ? rq->world_name : query_str(&rq->query, "world");

	return is_word(world_or_default(w), WORLD_NAME_MAX) ? world_or_default(w) : NULL;
}

long data_budget(void)
{
	return (long)setting_int("DATA_BUDGET", 0, 1000000000, DATA_BUDGET_DEFAULT);
}

/* The address's /data budget file, mapped once per process; NULL when it
 * cannot be, or when the teacher turned the budget off. */
static struct tally *budget(struct request *rq)
{
	struct stores *s = rq->stores;

	if (!data_budget() || (!s->budget.map && tally_open(&s->budget, ".data") < 0))
		return NULL;
	return &s->budget;
}

int limit_before_open(struct request *rq)
{
	const char *world = counted_world(rq);
	const char *name;
	struct tally *t;
	long long id;
	uint64_t key;
	long n;
	int wait;

	if (data_read(rq) && (t = budget(rq)) &&
	    (wait = tally_spend(t, tally_data_key(rq->in.addr), data_budget(), 1,
				data_budget(), DATA_BUDGET_BURST, rq->now)) > 0) {
		fail(rq, 429, "your computer asked for too much data lately: wait %d "
		     "second%s, then ask again, for fewer rows (a bigger step=, "
		     "conditions, limit=)", wait, wait == 1 ? "" : "s");
		rq->reply.retry_after = wait;
		rq->limited = 1;
		return 1;
	}
	if (!world || !named_player(rq, &id, &name) ||
	    !(t = world_tally(rq->stores, world)))
		return 0;
	key = tally_key_of(t, id, name, query_str(&rq->query, "secret"), rq->in.addr);
	if (!key)
		return 0;
	n = tally_count_key(t, key, rq->route->name, rq->now);
	rq->counted = 1;
	if (tally_limit(t) > 0 && n > tally_limit(t)) {
		fail(rq, 429, LIMIT_SENTENCE, tally_limit(t));
		rq->reply.retry_after = 1;
		rq->limited = 1;
		return 1;
	}
	return 0;
}

long long limit_player(struct request *rq, struct tally **t)
{
	const char *world = counted_world(rq);
	const char *name;
	long long id;

	*t = NULL;
	if (!world || !named_player(rq, &id, &name) ||
	    !(*t = world_tally(rq->stores, world)))
		return -1;
	return tally_key_player(tally_key_of(*t, id, name, query_str(&rq->query, "secret"),
					     rq->in.addr));
}

void limit_charge_data(struct request *rq)
{
	struct tally *t;

	if (data_read(rq) && rq->reply.status != 429 && (t = budget(rq)))
		tally_spend(t, tally_data_key(rq->in.addr), rq->data_cost - data_budget(),
			    0, data_budget(), DATA_BUDGET_BURST, rq->now);
}

double limit_due(const struct request *rq)
{
	return (double)(long long)rq->now + 1;
}
