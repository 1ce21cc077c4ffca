/* round.c: a round's states, its clock and its ranking (see round.h). */
#include "ocean/round.h"
#include "ocean/items.h"
#include "ocean/player.h"
#include "ocean/reply.h"
#include "ocean/request.h"
#include "ocean/world.h"
#include "store/db.h"
#include "sys/sys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_OPEN[] =
	"INSERT INTO round (state, minutes, seed, opened) VALUES ('lobby', ?, ?, ?)";
static const char SQL_REOPEN[] =
	"UPDATE round SET minutes = ?, seed = ?, opened = ? WHERE number = ?";
static const char SQL_START[] =
	"UPDATE round SET state = 'playing', seed = ?, started = ?, ends = ? WHERE number = ?";
static const char SQL_FINISHED[] =
	"UPDATE round SET state = 'finished', ends = ? WHERE number = ? AND state = 'playing'";
static const char SQL_NEW_OCEAN[] = "UPDATE world SET seed = ?, bloom = 0";
static const char SQL_EMPTY_BAGS[] = "DELETE FROM item";
static const char SQL_TREASURES_BACK[] = "DELETE FROM taken";
static const char SQL_AIR_TANKS[] =
	"INSERT INTO item (player, kind, name, amount)"
	" SELECT id, 'air tank', 'air tank', 1.0 FROM player WHERE playing = 1 ORDER BY id";
static const char SQL_PLAYING_IDS[] =
	"SELECT id FROM player WHERE playing = 1 ORDER BY id";

/* The ranking of round ?1 played from ?2 to ?3: most treasures taken in
 * it, then who took the last one first, then by name; every player who was
 * playing, or took one. */
#define SQL_RANKING \
	"SELECT ?1, row_number() OVER (ORDER BY count(t.player) DESC, max(t.time), p.name, p.id)," \
	" p.id, p.name, count(t.player), max(t.time), group_concat(t.treasure)" \
	" FROM player p LEFT JOIN taken t ON t.player = p.id AND t.time >= ?2 AND t.time <= ?3" \
	" WHERE p.playing = 1 OR t.player IS NOT NULL GROUP BY p.id"
static const char SQL_WRITE_RESULTS[] =
	"INSERT OR IGNORE INTO result (round, rank, player, name, treasures, last, taken) "
	SQL_RANKING;
static const char SQL_LIVE_RESULTS[] = SQL_RANKING " ORDER BY 2";
static const char SQL_STORED_RESULTS[] =
	"SELECT round, rank, player, name, treasures, last, taken FROM result"
	" WHERE round = ?1 ORDER BY rank";
static const char SQL_ROUND_BY_NUMBER[] =
	"SELECT number, state, minutes, seed, opened, started, ends FROM round WHERE number = ?";

static enum round_state state_from_text(const char *s)
{
	if (!s)
		return ROUND_NONE;
	if (strcmp(s, "lobby") == 0)
		return ROUND_LOBBY;
	return strcmp(s, "playing") == 0 ? ROUND_PLAYING : ROUND_FINISHED;
}

/* Columns first.. of st into r, as of now. */
static void row_to_round(sqlite3_stmt *st, int first, double now, struct round *r)
{
	memset(r, 0, sizeof *r);
	if (sqlite3_column_type(st, first) == SQLITE_NULL)
		return;
	r->number = sqlite3_column_int64(st, first);
	r->state = state_from_text((const char *)sqlite3_column_text(st, first + 1));
	r->settled = r->state == ROUND_FINISHED;
	r->minutes = sqlite3_column_double(st, first + 2);
	r->seed = sqlite3_column_int64(st, first + 3);
	r->opened = sqlite3_column_double(st, first + 4);
	r->started = sqlite3_column_double(st, first + 5);
	r->ends = sqlite3_column_double(st, first + 6);
	if (r->state == ROUND_PLAYING && now >= r->ends)
		r->state = ROUND_FINISHED;   /* over, not yet written */
}

void round_from_row(struct request *rq, void *st, int first)
{
	row_to_round(st, first, rq->now, &rq->round);
}

const char *round_state_name(enum round_state s)
{
	static const char *const names[] = { "none", "lobby", "playing", "finished" };

	return names[s];
}

double round_clock(const struct request *rq)
{
	const struct round *r = &rq->round;

	return r->state == ROUND_FINISHED && r->ends < rq->now ? r->ends : rq->now;
}

double round_seconds_left(const struct request *rq)
{
	return rq->round.state == ROUND_PLAYING ? rq->round.ends - rq->now : 0;
}

/* A sentence and a JSON "why" that people and programs can read, leaving
 * the text reply's form alone (the browser page shows it under the reply). */
static void say_why(struct request *rq, const char *why)
{
	say_note(rq, "why", why);
}

int round_holds_still(struct request *rq, struct player *p)
{
	enum round_state s = rq->round.state;

	if (s != ROUND_LOBBY && s != ROUND_FINISHED)
		return 0;
	player_stop(p);
	if (s == ROUND_LOBBY)
		say_why(rq, "the round has not started: nobody moves until the teacher starts it "
			"(see /round)");
	else
		say_why(rq, "the round is over: nobody moves until the teacher opens the next "
			"one (see /round)");
	return 1;
}

int round_is_over(struct request *rq)
{
	if (rq->round.state != ROUND_FINISHED)
		return 0;
	say(rq, "round %lld is over: nothing more can be taken or used until the teacher "
	    "opens the next one (see /round and /scores?round=%lld)",
	    rq->round.number, rq->round.number);
	return 1;
}

int round_settle(struct request *rq)
{
	struct round *r = &rq->round;

	if (r->state != ROUND_FINISHED || r->settled)
		return 0;
	if (r->ends > rq->now)
		r->ends = rq->now;           /* finished early: by the teacher */
	if (db_exec(rq->db, SQL_WRITE_RESULTS, "idd", r->number, r->started, r->ends) < 0 ||
	    db_exec(rq->db, SQL_FINISHED, "di", r->ends, r->number) < 0)
		return -1;
	r->settled = 1;
	return 0;
}

/* Every playing player where the round's clock has them, stopped, their
 * time now: the clock goes on from here. */
static int stop_everyone(struct request *rq)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_PLAYING_IDS, NULL);
	long long ids_room = PLAYERS_MAX;
	long long *ids = xmalloc(sizeof *ids * (size_t)ids_room);
	int n = 0;
	int rc = 0;
	double clock = round_clock(rq);

	while (st && n < ids_room && db_row(rq->db, st))
		ids[n++] = sqlite3_column_int64(st, 0);
	db_done(rq->db, st);
	for (int i = 0; i < n && rc == 0; i++) {
		struct player p;

		if (!player_load(rq, ids[i], &p))
			continue;
		player_move(&rq->world, &p, clock);
		player_stop(&p);
		p.t = rq->now;
		rc = player_save(rq, &p);
	}
	free(ids);
	return rq->db->failed ? -1 : rc;
}

void round_open(struct request *rq, double minutes, long long seed)
{
	struct round *r = &rq->round;

	if (r->state == ROUND_PLAYING) {
		fail(rq, 409, "round %lld is playing (%.0f s left): do=finish ends it first",
		     r->number, round_seconds_left(rq));
		return;
	}
	if (seed < 0)
		seed = r->state == ROUND_LOBBY ? r->seed : rq->world.seed;
	if (round_settle(rq) < 0 || stop_everyone(rq) < 0)
		return;
	if (r->state == ROUND_LOBBY)
		db_exec(rq->db, SQL_REOPEN, "didi", minutes, seed, rq->now, r->number);
	else
		db_exec(rq->db, SQL_OPEN, "did", minutes, seed, rq->now);
	rq->round.number = r->state == ROUND_LOBBY ? r->number : r->number + 1;
	say(rq, "round %lld of %s is open (%g minutes, ocean %lld): students join and look "
	    "around; nobody moves until do=start", rq->round.number, rq->world_name,
	    minutes, seed);
}

void round_start(struct request *rq, long long seed)
{
	struct round *r = &rq->round;
	long long n = 0;
	sqlite3_stmt *st;
	int each;

	if (r->state != ROUND_LOBBY) {
		fail(rq, 409, "there is no round waiting to start in %s: open one first with "
		     "do=round&minutes=10", rq->world_name);
		return;
	}
	if (seed < 0)
		seed = r->seed;
	db_exec(rq->db, SQL_NEW_OCEAN, "i", seed);
	each = rq->world.treasures_each;   /* the rule stays; the bloom ends */
	world_make(&rq->world, seed);
	rq->world.treasures_each = each;
	db_exec(rq->db, SQL_EMPTY_BAGS, NULL);
	db_exec(rq->db, SQL_TREASURES_BACK, NULL);
	db_exec(rq->db, SQL_AIR_TANKS, NULL);
	st = db_prepare(rq->db, SQL_PLAYING_IDS, NULL);
	while (st && db_row(rq->db, st)) {
		struct player p;

		if (player_load(rq, sqlite3_column_int64(st, 0), &p)) {
			player_place_at_start(&p, rq->now);
			player_save(rq, &p);
			n++;
		}
	}
	db_done(rq->db, st);
	db_exec(rq->db, SQL_START, "iddi", seed, rq->now, rq->now + r->minutes * 60, r->number);
	say(rq, "round %lld of %s has started: %lld players at the start, %g minutes "
	    "from now", r->number, rq->world_name, n, r->minutes);
}

void round_finish(struct request *rq)
{
	struct round *r = &rq->round;

	if (r->state != ROUND_PLAYING) {
		fail(rq, 409, "no round is playing in %s%s", rq->world_name,
		     r->state == ROUND_FINISHED ? ": the last one is over already" : "");
		return;
	}
	r->state = ROUND_FINISHED;
	if (round_settle(rq) < 0 || stop_everyone(rq) < 0)
		return;
	say(rq, "round %lld of %s is over: the results are in /scores?world=%s&round=%lld",
	    r->number, rq->world_name, rq->world_name, r->number);
}

int round_results(struct request *rq, long long number, struct round *round,
		  struct result **out)
{
	struct round r;
	sqlite3_stmt *st = db_prepare(rq->db, SQL_ROUND_BY_NUMBER, "i", number);
	int found = st && db_row(rq->db, st);
	int n = 0;
	int room = 16;

	if (found)
		row_to_round(st, 0, rq->now, &r);
	if (found)
		*round = r;
	db_done(rq->db, st);
	*out = NULL;
	if (!found)
		return -1;
	if (r.state != ROUND_FINISHED)
		return 0;
	st = r.settled ? db_prepare(rq->db, SQL_STORED_RESULTS, "i", number)
		       : db_prepare(rq->db, SQL_LIVE_RESULTS, "idd", number, r.started, r.ends);
	*out = xmalloc(sizeof **out * (size_t)room);
	while (st && db_row(rq->db, st)) {
		struct result *res;
		const unsigned char *name = sqlite3_column_text(st, 3);
		const unsigned char *taken;

		if (n == room)
			*out = xrealloc(*out, sizeof **out * (size_t)(room *= 2));
		res = &(*out)[n++];
		res->rank = sqlite3_column_int(st, 1);
		res->player = sqlite3_column_int64(st, 2);
		snprintf(res->name, sizeof res->name, "%s", name ? (const char *)name : "");
		res->treasures = sqlite3_column_int(st, 4);
		res->last = sqlite3_column_double(st, 5);
		taken = sqlite3_column_text(st, 6);
		snprintf(res->taken, sizeof res->taken, "%s", taken ? (const char *)taken : "");
	}
	db_done(rq->db, st);
	return n;
}

void say_round(struct request *rq)
{
	const struct round *r = &rq->round;
	int left = (int)ceil(round_seconds_left(rq));
	struct json *j = &rq->reply.json;

	if (r->state == ROUND_NONE)
		say(rq, "no round yet: the teacher opens one with /admin?do=round");
	else if (r->state == ROUND_PLAYING)
		say(rq, "playing %d:%02d left", left / 60, left % 60);
	else
		say(rq, "%s", round_state_name(r->state));
	json_str(j, "state", round_state_name(r->state));
	json_int(j, "round", r->number);
	json_int(j, "seconds_left", left);
	if (r->started > 0)
		json_real(j, "started", r->started);
	else
		json_raw(j, "started", "null");
	if (r->ends > 0)
		json_real(j, "ends", r->ends);
	else
		json_raw(j, "ends", "null");
}
