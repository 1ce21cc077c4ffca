/* serve.c: the request cycle every route runs inside (see serve.h). */
#include "serve.h"
#include "db.h"
#include "reply.h"
#include "schema.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_MAX 200      /* a key's longest value unless it says */
#define WORLD_NAME_MAX 32
#define PLAYER_NAME_MAX 32

static const char SQL_WORLD[] = "SELECT seed, bloom FROM world";
static const char SQL_HIT[] = "UPDATE hits SET n = n + 1 WHERE route = ?";
static const char SQL_FIRST_HIT[] = "INSERT INTO hits (route, n) VALUES (?, 1)";
static const char SQL_SOLVED[] =
	"INSERT OR IGNORE INTO solved (name, level, time) VALUES (?, ?, ?)";

static const char BUSY[] =
	"the ocean is very busy right now; please try again in a moment";

/* The keys lib itself reads for a route's store (checked in check_keys). */
static int implicit_key(const struct route *r, const char *key)
{
	if (r->store == STORE_WORLD || r->store == STORE_WORLD_READ)
		return strcmp(key, "world") == 0;
	if (r->store == STORE_PROGRESS)
		return strcmp(key, "name") == 0;
	return 0;
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

/* Refuse a number outside the key's declared range. */
static int out_of_range(struct request *rq, const struct key *k, double d)
{
	if ((k->min == 0 && k->max == 0) || (d >= k->min && d <= k->max))
		return 0;
	fail(rq, 400, "%s must be from %g to %g, like %s=%g", k->name, k->min,
	     k->max, k->name, k->min);
	return 1;
}

/* Check one declared key and keep its parsed value in *val; returns 0, or
 * -1 after fail(). */
static int check_key(struct request *rq, const struct key *k, struct value *val)
{
	const char *v = query_get(&rq->query, k->name);
	size_t max = k->longest ? k->longest : DEFAULT_MAX;

	val->text = v ? v : "";
	val->sent = v != NULL;
	if (!v || !*v) {
		if (k->type == KEY_ID && (v || k->required)) {
			fail(rq, 400, "%s", BAD_PLAYER_ID);
			return -1;
		}
		if (k->required) {
			fail(rq, 400, "%s is missing: this route needs %s=...",
			     k->name, k->name);
			return -1;
		}
		return 0;
	}
	if (strlen(v) > max) {
		fail(rq, 400, "%s is too long: at most %zu characters, please",
		     k->name, max);
		return -1;
	}
	switch (k->type) {
	case KEY_TEXT:
		return 0;
	case KEY_WORD:
		if (is_word(v, max))
			return 0;
		fail(rq, 400, "%s must be letters and digits only, like %s=fred",
		     k->name, k->name);
		return -1;
	case KEY_INT:
		if (parse_int(v, &val->i) == 0) {
			val->d = (double)val->i;
			return out_of_range(rq, k, val->d) ? -1 : 0;
		}
		fail(rq, 400, "%s must be a whole number, like %s=42",
		     k->name, k->name);
		return -1;
	case KEY_REAL:
		if (parse_real(v, &val->d) == 0)
			return out_of_range(rq, k, val->d) ? -1 : 0;
		fail(rq, 400, "%s must be a number, like %s=12.5", k->name, k->name);
		return -1;
	case KEY_ID:
		if (parse_int(v, &val->i) == 0)
			return 0;
		fail(rq, 400, "%s", BAD_PLAYER_ID);
		return -1;
	}
	return 0;
}

/* Check the keys every route shares, then the route's own. */
static int check_keys(struct request *rq)
{
	static const struct key world_key = {
		.name = "world", .type = KEY_WORD, .longest = WORLD_NAME_MAX };
	static const struct key name_key = {
		.name = "name", .type = KEY_WORD, .longest = PLAYER_NAME_MAX };
	const struct route *r = rq->route;
	struct value ignored;

	if (r->store == STORE_WORLD || r->store == STORE_WORLD_READ) {
		if (check_key(rq, &world_key, &ignored) < 0)
			return -1;
		rq->world_name = *ignored.text ? ignored.text : "mocean";
	}
	if (r->store == STORE_PROGRESS && check_key(rq, &name_key, &ignored) < 0)
		return -1;
	for (int i = 0; i < ROUTE_MAX_KEYS && r->keys[i].name; i++)
		if (check_key(rq, &r->keys[i], &rq->values[i]) < 0)
			return -1;
	return 0;
}

/* The declared ID key, or NULL. */
static const struct key *id_key(const struct route *r)
{
	for (int i = 0; i < ROUTE_MAX_KEYS && r->keys[i].name; i++)
		if (r->keys[i].type == KEY_ID)
			return &r->keys[i];
	return NULL;
}

/* Open the world, begin, count the request, load and move the player.
 * Returns 1 to run the handler, 0 when the answer is already set. */
static int open_world(struct request *rq)
{
	const struct key *idk = id_key(rq->route);
	sqlite3_stmt *st;

	rq->db = world_db_open(rq->world_name);
	/* Preparing reads the schema: done before taking the write lock, so
	 * the lock is held only for the route's own work. */
	st = rq->db ? db_prepare(rq->db, SQL_WORLD, NULL) : NULL;
	if (!st || (rq->route->store == STORE_WORLD_READ ?
		    db_exec(rq->db, "BEGIN", NULL) : db_begin(rq->db)) < 0) {
		db_done(st);
		fail(rq, 503, "%s", BUSY);
		return 0;
	}
	if (db_row(rq->db, st)) {
		world_make(&rq->world, sqlite3_column_int64(st, 0));
		rq->world.bloom = sqlite3_column_int(st, 1);
	}
	db_done(st);
	if (rq->route->store == STORE_WORLD && db_exec(rq->db, SQL_HIT, "t", rq->route->name) == 0 &&
	    sqlite3_changes(rq->db->sql) == 0)
		db_exec(rq->db, SQL_FIRST_HIT, "t", rq->route->name);
	if (rq->db->failed)
		return 0;
	if (idk) {
		if (!player_load(rq, arg_int(rq, idk->name), &rq->me)) {
			say(rq, "%s", BAD_PLAYER_ID);
			return 0;
		}
		rq->me_loaded = rq->me;
		player_move(&rq->world, &rq->me, rq->now);
		rq->me_moved = rq->me;
		rq->has_me = 1;
	}
	return 1;
}

/* 1 when the player must be saved: the route changed something, or moving
 * did more than slide along the velocity (a wrap, or the floor pushing up).
 * Sliding alone needs no write: the position follows from x, y, t and the
 * velocity, whenever it is next read. */
static int player_changed(const struct request *rq)
{
	const struct player *loaded = &rq->me_loaded, *moved = &rq->me_moved;

	if (memcmp(&rq->me, moved, sizeof *moved) != 0)
		return 1;
	return moved->z != loaded->z || moved->wrapped != loaded->wrapped;
}

int record_solved(struct request *rq, const char *level)
{
	struct store *db;
	int rc = 0;

	if (!*arg(rq, "name"))
		return 0;
	/* The Steps file is separate from any world: open, write, close. */
	db = steps_db_open();
	if (!db) {
		fail(rq, 503, "%s", BUSY);
		return -1;
	}
	if (db_begin(db) == 0) {
		db_exec(db, SQL_SOLVED, "ttd", arg(rq, "name"), level, rq->now);
		db_end(db, 1);
	}
	if (db->failed) {
		fail(rq, 503, "%s", BUSY);
		rc = -1;
	}
	db_close(db);
	return rc;
}

/* An environment variable, or "" when it is not set. */
static const char *env_or_empty(const char *name)
{
	const char *v = getenv(name);
	return v ? v : "";
}

/* The request as CGI hands it over: in the environment. */
static void read_cgi_input(struct input *in)
{
	in->method = env_or_empty("REQUEST_METHOD");
	in->query = env_or_empty("QUERY_STRING");
	in->uri = env_or_empty("REQUEST_URI");
	in->host = env_or_empty("HTTP_HOST");
	in->accept = env_or_empty("HTTP_ACCEPT");
}

int serve(const struct route *route)
{
	struct request rq;
	struct timespec ts;
	char err[256];
	int run = 1;

	memset(&rq, 0, sizeof rq);
	rq.route = route;
	rq.status = 200;
	clock_gettime(CLOCK_REALTIME, &ts);
	rq.now = ts.tv_sec + ts.tv_nsec / 1e9;

	read_cgi_input(&rq.in);
	if (query_parse(&rq.query, rq.in.query, err, sizeof err) < 0) {
		fail(&rq, 400, "%s", err);
		run = 0;
	} else if (check_keys(&rq) < 0) {
		run = 0;
	} else if (route->store == STORE_WORLD || route->store == STORE_WORLD_READ) {
		run = open_world(&rq);
	}
	if (run)
		route->handle(&rq);
	if (rq.has_me && rq.status == 200 && player_changed(&rq))
		player_save(&rq, &rq.me);
	if (rq.db && db_end(rq.db, rq.status == 200) < 0 && rq.status == 200)
		fail(&rq, 503, "%s", BUSY);
	if (rq.db && rq.db->failed && rq.status == 200)
		fail(&rq, 503, "%s", BUSY);
	reply_write(&rq);

	db_close(rq.db);
	query_free(&rq.query);
	buf_free(&rq.text);
	buf_free(&rq.json);
	return 0;
}
