/* request.c: a lesson reads its request's keys, checked and parsed once by
 * the request cycle (serve.c), through these (see request.h). */
#include "ocean/request.h"
#include "http/query.h"

#include <assert.h>
#include <string.h>

/* The keys lib itself reads for a route's store (checked in check_keys):
 * world= and secret= for a world's routes, and for a Steps level also
 * name= (the player it is recorded for, of world= or the default world). */
static int implicit_key(const struct route *r, const char *key)
{
	if (r->store == STORE_NONE)
		return 0;
	if (r->store == STORE_PROGRESS && strcmp(key, "name") == 0)
		return 1;
	return strcmp(key, "world") == 0 || strcmp(key, "secret") == 0;
}

/* The value of a declared key, or NULL for a key lib reads itself. */
static const struct value *value_of(const struct request *rq, const char *key)
{
	const struct key *keys = rq->route->keys;

	for (int i = 0; i < ROUTE_MAX_KEYS && keys[i].name; i++)
		if (strcmp(keys[i].name, key) == 0)
			return &rq->values[i];
	/* Reading a key the route did not declare is a typo ("mesage"). */
	assert(implicit_key(rq->route, key) && "key not declared by the route");
	return NULL;
}

const char *arg(const struct request *rq, const char *key)
{
	const struct value *v = value_of(rq, key);

	return v ? v->text : query_str(&rq->query, key);
}

int has(const struct request *rq, const char *key)
{
	const struct value *v = value_of(rq, key);

	return v ? v->sent : query_has(&rq->query, key);
}

long long arg_int(const struct request *rq, const char *key)
{
	const struct value *v = value_of(rq, key);

	return v ? v->i : 0;
}

double arg_real(const struct request *rq, const char *key)
{
	const struct value *v = value_of(rq, key);

	return v ? v->d : 0;
}
