/* serve.c: the request cycle every route runs inside, and the serving loop
 * that runs it once (CGI) or request after request (FastCGI) (see serve.h). */
#include "serve.h"
#include "store/db.h"
#include "ocean/reply.h"
#include "ocean/worlds.h"
#include "ocean/secret.h"
#include "ocean/limit.h"
#include "ocean/seenlog.h"

#include "http/conn.h"  /* one loop for CGI and FastCGI */

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#define DEFAULT_MAX 200      /* a key's longest value unless it says */

/* Refuse a number outside the key's declared range. */
static int out_of_range(struct request *rq, const struct key *k, double d)
{
	if ((k->min == 0 && k->max == 0) || (d >= k->min && d <= k->max))
		return 0;
	fail(rq, 400, "%s must be from %g to %g, like %s=%g", k->name, k->min,
	     k->max, k->name, k->min);
	return 1;
}

/* 1 when s is a whole number written in digits, too big for any player
 * (id=99999999999999999999999): a number that names no one. */
static int huge_number(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
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
	if (k->type == KEY_ID) {
		if (text_to_int(v, &val->i) == 0)
			return 0;
		if (strlen(v) <= max && huge_number(v)) {
			val->i = -1; /* no player has it: the bad-id sentence, 200 */
			return 0;
		}
		fail(rq, 400, "%s", BAD_PLAYER_ID);
		return -1;
	}
	if (strlen(v) > max) {
		fail(rq, 400, "%s is too long: at most %zu characters, please",
		     k->name, max);
		return -1;
	}
	switch (k->type) {
	case KEY_TEXT:
	case KEY_ID:
		return 0;
	case KEY_WORD:
		if (is_word(v, max))
			return 0;
		fail(rq, 400, "%s must be letters and digits only, like %s=fred",
		     k->name, k->name);
		return -1;
	case KEY_NAME:
		if (is_player_name(v))
			return 0;
		fail(rq, 400, "%s must be 1 to 64 letters and digits, like %s=fred",
		     k->name, k->name);
		return -1;
	case KEY_INT:
		if (text_to_int(v, &val->i) == 0) {
			val->d = (double)val->i;
			return out_of_range(rq, k, val->d) ? -1 : 0;
		}
		fail(rq, 400, "%s must be a whole number, like %s=42",
		     k->name, k->name);
		return -1;
	case KEY_REAL:
		if (text_to_real(v, &val->d) == 0)
			return out_of_range(rq, k, val->d) ? -1 : 0;
		fail(rq, 400, "%s must be a number, like %s=12.5", k->name, k->name);
		return -1;
	}
	return 0;
}

/* World names are folded to lower case wherever world= is read, by every
 * route: Class3 is class3. */
static void fold_world(struct query *q)
{
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->pairs[i].key, "world") == 0)
			for (char *c = q->pairs[i].value; *c; c++)
				*c = (char)tolower((unsigned char)*c);
}

/* Check the keys every route shares, then the route's own. */
static int check_keys(struct request *rq)
{
	static const struct key world_key = WORLD_KEY;
	static const struct key secret_key = {
		.name = "secret", .type = KEY_TEXT, .longest = SECRET_LONGEST };
	static const struct key name_key = {
		.name = "name", .type = KEY_NAME, .longest = PLAYER_NAME_BYTES };
	const struct route *r = rq->route;
	struct value ignored;

	fold_world(&rq->query);
	if (r->store != STORE_NONE) {
		if (check_key(rq, &world_key, &ignored) < 0)
			return -1;
		rq->world_name = world_or_default(ignored.text);
		if (check_key(rq, &secret_key, &ignored) < 0)
			return -1;
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

/* Open the world, begin, read its row, load and move the player.  Returns
 * 1 to run the handler, 0 when the answer is already set. */
static int open_world(struct request *rq)
{
	const struct key *idk = id_key(rq->route);
	int writing = rq->route->store == STORE_WORLD;

	/* A world with no file yet is made only by a write (world_writable). */
	if (!world_begin(rq, rq->world_name, writing ? WORLD_WRITE : WORLD_READ))
		return answer_fault(rq, rq->db);
	if (idk && !player_load(rq, arg_int(rq, idk->name), &rq->me)) {
		if (!rq->counted)
			tally_count(&rq->kept->tally, -1, rq->route->name, rq->now);
		say(rq, "%s", BAD_PLAYER_ID);
		return 0;
	}
	/* A protected player: only with its secret word.  Checked before the
	 * count, so that requests without the word never count as the
	 * player's own (nor bring the teacher's limit down on them). */
	if (idk && !secret_allows(rq, &rq->me)) {
		if (!rq->counted)
			tally_count(&rq->kept->tally, -1, rq->route->name, rq->now);
		return 0;
	}
	/* Count the request, unless limit_before_open did; a teacher's limit
	 * slows a loop with no sleep. */
	if (!rq->counted &&
	    tally_count(&rq->kept->tally, idk ? rq->me.id : -1, rq->route->name,
			rq->now) > rq->world_rate_limit &&
	    rq->world_rate_limit > 0 && idk) {
		fail(rq, 429, LIMIT_SENTENCE, rq->world_rate_limit);
		return 0;
	}
	if (idk) {
		double z = rq->me.z;
		int wrapped = rq->me.wrapped;

		player_move(&rq->world, &rq->me, round_clock(rq));
		rq->me_must_save = rq->me.z != z || rq->me.wrapped != wrapped;
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
	return rq->me_must_save || memcmp(&rq->me, &rq->me_moved, sizeof rq->me) != 0;
}

/* End the world's transaction: commit what a good answer did; roll back a
 * refusal, a fault, and anything a HEAD request did. */
static void finish_world(struct request *rq)
{
	int keep = rq->reply.status == 200 && !is_head(rq);

	if (!rq->db)
		return;
	/* A route that only reads saves nothing: where a player is follows
	 * from the stored position, its time and the velocity. */
	if (rq->has_me && keep && rq->route->store == STORE_WORLD && player_changed(rq))
		player_save(rq, &rq->me);
	if (db_end(rq->db, keep) < 0 && rq->db->failed)
		answer_fault(rq, rq->db);
}

/* The request as CGI and FastCGI hand it over (conn_param), with the
 * client's address (REMOTE_ADDR: wrong secret words are counted by it). */
static void read_input(const struct conn *c, struct input *in)
{
	in->method = conn_param(c, "REQUEST_METHOD");
	in->query = conn_param(c, "QUERY_STRING");
	in->uri = conn_param(c, "REQUEST_URI");
	in->host = conn_param(c, "HTTP_HOST");
	in->accept = conn_param(c, "HTTP_ACCEPT");
	in->addr = conn_param(c, "REMOTE_ADDR");
	if (!*in->method)
		in->method = "GET"; /* run by hand, without a web server */
}

/* A POST to a route that takes a body: read it whole (413 over the
 * route's longest, 400 when it is not UTF-8 text).  Returns 1 when the
 * request may go on. */
static int read_body(struct conn *c, struct request *rq)
{
	size_t most = rq->route->body;
	int r = conn_body(c, most, &rq->in.body, &rq->in.body_len);

	if (r > 0)
		fail(rq, 413, "that is too long: at most %zu kB, please", most / 1024);
	else if (r < 0)
		fail(rq, 400, "the body ended before its Content-Length: send it again");
	else if (u8_check((const uint8_t *)rq->in.body, rq->in.body_len) ||
		 strlen(rq->in.body) != rq->in.body_len)
		fail(rq, 400, "send text (UTF-8), not a file of another kind");
	return rq->reply.status == 200;
}

/* One request, start to end: read, check, open, handle, commit, answer. */
static void serve_one(struct conn *c, const struct route *route,
		      struct stores *stores)
{
	struct request rq;
	struct buf reply = {0};
	struct timespec ts;
	char err[256];
	int parsed = 0;
	int run = 0;

	memset(&rq, 0, sizeof rq);
	rq.route = route;
	rq.stores = stores;
	rq.reply.status = 200;
	clock_gettime(CLOCK_REALTIME, &ts);
	rq.now = ts.tv_sec + ts.tv_nsec / 1e9;
	read_input(c, &rq.in);

	if (route->body && strcmp(rq.in.method, "POST") == 0 && !read_body(c, &rq))
		;   /* too long, or not text: the answer is set */
	else if (strcmp(rq.in.method, "GET") != 0 && !is_head(&rq) &&
		 !(route->body && strcmp(rq.in.method, "POST") == 0))
		fail(&rq, 405, route->body ? "only GET, HEAD and POST work here: "
		     "send your program with requests.post" :
		     "only GET (and HEAD) work here: type the address "
		     "in a browser, or use requests.get");
	else if (query_parse(&rq.query, rq.in.query, err, sizeof err) < 0)
		fail(&rq, 400, "%s", err);
	else
		parsed = 1;
	reply_decide(&rq);   /* the form, once: format=, client=, Accept */
	if (parsed) {
		if (check_keys(&rq) < 0 || limit_before_open(&rq))
			run = 0;   /* refused: a limit's 429 opens no world */
		else if (route->store == STORE_WORLD || route->store == STORE_WORLD_READ)
			run = open_world(&rq);
		else
			run = 1;
	}
	if (run)
		route->handle(&rq);
	finish_world(&rq);
	limit_charge_data(&rq);   /* what a /data query cost its address */
	reply_write(&rq, &reply);
	seenlog_record(&rq);      /* what the server saw, in the player's log */
	if (rq.limited)   /* a flood of refusals, a second apart (limit.h) */
		conn_reply_at(c, reply.s, reply.len, limit_due(&rq));
	else
		conn_reply(c, reply.s, reply.len);
	stores_fold_logs(stores); /* the reply is out: no one waits for this */

	query_free(&rq.query);
	reply_free(&rq.reply);
	free(rq.in.body);
	buf_free(&reply);
}

int serve(const struct route *route)
{
	struct stores stores;
	struct conn c;

	memset(&stores, 0, sizeof stores);
	memset(&c, 0, sizeof c);
	db_setup();
	/* CGI: once.  FastCGI (event mode): until lighttpd stops the process. */
	while (conn_accept(&c))
		serve_one(&c, route, &stores);
	conn_close(&c);
	stores_close(&stores);
	return 0;
}
