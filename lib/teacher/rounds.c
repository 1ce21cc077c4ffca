/* rounds.c: the teacher's round actions and the rounds' list (rounds.h). */
#include "teacher/rounds.h"
#include "ocean/reply.h"
#include "ocean/round.h"
#include "ocean/worlds.h"
#include "store/db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const char SQL_FINISHED_ROUNDS[] =
	"SELECT number, started, ends FROM round WHERE state = 'finished'"
	" ORDER BY number DESC LIMIT 20";
static const char SQL_PODIUM[] =
	"SELECT name, treasures FROM result WHERE round = ? AND rank <= 3 ORDER BY rank";

/* The seed sent, or -1 for "as the round has it". */
static long long seed_sent(const struct request *rq)
{
	return has(rq, "seed") ? arg_int(rq, "seed") : -1;
}

void teacher_round(struct request *rq)
{
	double minutes = arg_real(rq, "minutes");

	if (!(minutes > 0)) {
		fail(rq, 400, "do=round needs minutes=N, how long the round plays "
		     "(any positive number: minutes=0.5 is thirty seconds)");
		return;
	}
	round_open(rq, minutes, seed_sent(rq));
}

void teacher_start(struct request *rq)
{
	round_start(rq, seed_sent(rq));
}

void teacher_finish(struct request *rq)
{
	round_finish(rq);
}

void rounds_json(struct request *rq, struct json *j, const char *key)
{
	const struct round *r = &rq->round;
	sqlite3_stmt *st;

	json_object(j, key);
	json_int(j, "number", r->number);
	json_str(j, "state", round_state_name(r->state));
	json_real(j, "minutes", r->minutes);
	json_int(j, "seconds_left", (long long)ceil(round_seconds_left(rq)));
	json_array(j, "finished");
	st = db_prepare(rq->db, SQL_FINISHED_ROUNDS, NULL);
	while (st && db_row(rq->db, st)) {
		long long number = sqlite3_column_int64(st, 0);
		sqlite3_stmt *podium = db_prepare(rq->db, SQL_PODIUM, "i", number);

		json_object(j, NULL);
		json_int(j, "number", number);
		json_real(j, "started", sqlite3_column_double(st, 1));
		json_real(j, "ends", sqlite3_column_double(st, 2));
		json_array(j, "podium");
		while (podium && db_row(rq->db, podium)) {
			json_object(j, NULL);
			json_str(j, "name", (const char *)sqlite3_column_text(podium, 0));
			json_int(j, "treasures", sqlite3_column_int(podium, 1));
			json_end(j);
		}
		db_done(rq->db, podium);
		json_end(j);
		json_end(j);
	}
	db_done(rq->db, st);
	json_end(j);
	json_end(j);
}

/* "4:12": seconds as minutes and seconds. */
static void minutes_seconds(char out[16], double seconds)
{
	int s = seconds > 0 ? (int)seconds : 0;

	snprintf(out, 16, "%d:%02d", s / 60, s % 60);
}

/* The lines and the JSON of a finished round's ranking. */
static void say_results(struct request *rq, const struct round *r,
			const struct result *res, int n)
{
	struct json *j = &rq->reply.json;
	char at[16];

	json_array(j, "players");
	for (int i = 0; i < n; i++) {
		minutes_seconds(at, res[i].last - r->started);
		say(rq, "%d. %s: %d treasure%s", res[i].rank, res[i].name, res[i].treasures,
		    res[i].treasures == 1 ? "" : "s");
		say(rq, res[i].treasures ? ", the last at %s\n" : "\n", at);
		json_object(j, NULL);
		json_int(j, "rank", res[i].rank);
		json_str(j, "name", res[i].name);
		json_int(j, "id", res[i].player);
		json_int(j, "treasures", res[i].treasures);
		if (res[i].treasures)
			json_real(j, "last", res[i].last - r->started);
		else
			json_raw(j, "last", "null");
		json_end(j);
	}
	json_end(j);
}

void say_round_results(struct request *rq, const char *world, long long number)
{
	struct result *res = NULL;
	struct round r;
	int n;

	if (!world_begin(rq, world, WORLD_READ)) {
		answer_fault(rq, rq->db);
	} else if ((n = round_results(rq, number, &r, &res)) < 0) {
		fail(rq, 404, "there is no round %lld in %s (rounds so far: %lld)", number,
		     world, rq->round.number);
	} else if (!res) {
		fail(rq, 409, "round %lld of %s is not over yet: its results are written when "
		     "it ends (see /round?world=%s)", number, world, world);
	} else {
		json_int(&rq->reply.json, "round", number);
		say(rq, "round %lld of %s:%s\n", number, world, n ? "" : " nobody played");
		say_results(rq, &r, res, n);
	}
	free(res);
	db_end(rq->db, 0);
	rq->db = NULL;
}
