/* arena.h: the students' bots (programs the server runs for them, in a
 * sandbox, as players): keeping a program for its owner (/bots), saying
 * how it does, and the teacher's start and stop (/admin's do=bot and
 * do=bots).  The files are store/bot.h's; lib/scripts/arena.py runs them. */
#ifndef MOCEAN_ARENA_H
#define MOCEAN_ARENA_H

#include "ocean/request.h"
#include "ocean/player.h"

/* 1 when the request may keep a bot as name in the open world: name is
 * a player protected by a secret word (or a name on the class roster),
 * and secret= is that word.  owner gets the name as the world spells it.
 * Otherwise 0 after fail(): 403 (or a 429 for a guessing address). */
int arena_owner(struct request *rq, const char *name,
		char owner[PLAYER_NAME_BYTES + 1]);

/* Keep the request's body as owner's program in the world: stored.
 * 503 when this server cannot run bots (the sentence says why). */
void arena_store(struct request *rq, const char *owner);

/* Say owner's bot: its state and since when, why, the CPU it used, and
 * the last 64 kB it printed (JSON: state, since, why, cpu, output). */
void say_bot(struct request *rq, const char *owner);

/* /admin do=bot&name=fred&run=1 (start) or run=0 (stop), in world=. */
void arena_bot(struct request *rq);

/* /admin do=bots&run=1|0: every bot of world= started or stopped; without
 * run=, the list (JSON: bots, each with name, state, since, why, cpu). */
void arena_bots(struct request *rq);

#endif
