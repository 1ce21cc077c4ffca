/* rounds.h: /admin's round actions (the states themselves: ocean/round.h),
 * and the rounds for the dashboard. */
#ifndef MOCEAN_ROUNDS_H
#define MOCEAN_ROUNDS_H

#include "ocean/request.h"

struct json;

/* do=round&minutes=M (&seed=S): open the next round, M minutes long (any
 * positive number: 0.5 is thirty seconds).  400 without a positive M. */
void teacher_round(struct request *rq);

/* do=start (&seed=S): the open round begins. */
void teacher_start(struct request *rq);

/* do=finish: the playing round ends now. */
void teacher_finish(struct request *rq);

/* For the dashboard's JSON, as the value of key: the open world's newest
 * round (number, state, minutes, seconds_left) and "finished", the last 20
 * rounds over (number, started, ends, and "podium": the first three's name
 * and treasures), newest first. */
void rounds_json(struct request *rq, struct json *j, const char *key);

/* /scores?world=W&round=N: round N's ranking, frozen when it ended, one
 * line a player ("1. wilma: 3 treasures, the last at 4:12"), and JSON's
 * "players" [{"rank","name","id","treasures","last"}] (last: seconds
 * after the start, or null).  404 for no such round, 409 before its end. */
void say_round_results(struct request *rq, const char *world, long long number);

#endif
