/* arena.c: the students' bots, for /bots and the teacher (see arena.h). */
#include "teacher/arena.h"
#include "ocean/reply.h"
#include "ocean/roster.h"
#include "ocean/secret.h"
#include "store/bot.h"
#include "http/json.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int arena_owner(struct request *rq, const char *name,
		char owner[PLAYER_NAME_BYTES + 1])
{
	struct player p;
	struct roster_entry e;

	if (player_find(rq, name, &p)) {
		switch (secret_check(rq, p.id)) {
		case SECRET_RIGHT:
			snprintf(owner, PLAYER_NAME_BYTES + 1, "%s", p.name);
			return 1;
		case SECRET_UNPROTECTED:
			fail(rq, 403, "only a player with a secret word may keep a "
			     "bot: ask your teacher to give %s one", p.name);
			return 0;
		case SECRET_PAUSED:
			return 0;   /* the 429 is the answer */
		default:
			fail(rq, 403, "that is not %s's secret word: send "
			     "&secret=YOURWORD exactly as you joined with it", p.name);
			return 0;
		}
	}
	if (roster_find(rq, name, &e) == 1) {
		if (!roster_allows(rq, name))
			return 0;
		snprintf(owner, PLAYER_NAME_BYTES + 1, "%s", e.name);
		return 1;
	}
	fail(rq, 403, "no player called %s plays in %s: join first, with a "
	     "secret word (&secret=YOURWORD)", name, rq->world_name);
	return 0;
}

void arena_store(struct request *rq, const char *owner)
{
	const char *missing = bot_sandbox_missing();

	if (missing)
		fail(rq, 503, "bots cannot run on this server: %s", missing);
	else if (rq->in.body_len == 0)
		fail(rq, 400, "send your program as the body of the request");
	else if (bot_store(rq->world_name, owner, rq->in.body, rq->in.body_len, rq->now) < 0)
		fail(rq, 500, "the server could not keep the program: try again");
	else
		say(rq, "stored");
}

/* "2026-12-04 02:10:05 UTC" for a unix time. */
static void utc(double t, char out[32])
{
	time_t s = (time_t)t;
	struct tm tm;

	gmtime_r(&s, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

void say_bot(struct request *rq, const char *owner)
{
	struct bot b;
	struct buf output = {0};
	const char *missing = bot_sandbox_missing();
	char when[32];

	if (!bot_read(rq->world_name, owner, &b, &output)) {
		fail(rq, 404, "%s has no bot in %s yet: send its program with POST "
		     "(the page /bots?client=browser)", owner, rq->world_name);
		return;
	}
	utc(b.since, when);
	say(rq, "%s since %s\n", b.state, when);
	if (*b.why)
		say(rq, "%s\n", b.why);
	if (missing)
		say(rq, "bots cannot run on this server: %s\n", missing);
	say(rq, "cpu: %.1f s\n--- what it printed (the last 64 kB) ---\n%s",
	    b.cpu, buf_str(&output));
	json_str(&rq->reply.json, "state", b.state);
	json_real(&rq->reply.json, "since", b.since);
	json_str(&rq->reply.json, "why", missing ? missing : b.why);
	json_fixed(&rq->reply.json, "cpu", b.cpu, 2);
	json_str(&rq->reply.json, "output", buf_str(&output));
	buf_free(&output);
}

void arena_bot(struct request *rq)
{
	const char *name = arg(rq, "name");
	struct bot b;

	if (!has(rq, "run")) {
		fail(rq, 400, "add run=1 (start) or run=0 (stop)");
		return;
	}
	if (!bot_want(rq->world_name, name, arg_int(rq, "run") != 0, rq->now, &b)) {
		fail(rq, 404, "%s has no bot in %s", name, rq->world_name);
		return;
	}
	say(rq, "%s's bot in %s is %s", name, rq->world_name, b.state);
}

void arena_bots(struct request *rq)
{
	struct buf names = {0};
	int n = bot_names(rq->world_name, &names);
	int run = (int)arg_int(rq, "run");
	struct bot b;
	char *name = names.s;
	char *end;

	json_array(&rq->reply.json, "bots");
	for (; n > 0 && name && *name; name = end + 1) {
		end = strchr(name, '\n');
		*end = '\0';
		if (has(rq, "run") ? bot_want(rq->world_name, name, run, rq->now, &b)
				   : bot_read(rq->world_name, name, &b, NULL)) {
			json_object(&rq->reply.json, NULL);
			json_str(&rq->reply.json, "name", name);
			json_str(&rq->reply.json, "state", b.state);
			json_real(&rq->reply.json, "since", b.since);
			json_str(&rq->reply.json, "why", b.why);
			json_fixed(&rq->reply.json, "cpu", b.cpu, 2);
			json_end(&rq->reply.json);
			if (!has(rq, "run"))
				say(rq, "%s: %s, cpu %.1f s\n", name, b.state, b.cpu);
		}
	}
	json_end(&rq->reply.json);
	if (has(rq, "run"))
		say(rq, "%d bots in %s %s", n, rq->world_name, run ? "started" : "stopped");
	else if (n == 0)
		say(rq, "no bots in %s", rq->world_name);
	buf_free(&names);
}
