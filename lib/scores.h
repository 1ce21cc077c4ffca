/* scores.h: the scoreboard: Steps levels solved (steps.db) and treasures
 * held (every world's file), per player name. */
#ifndef MOCEAN_SCORES_H
#define MOCEAN_SCORES_H

#include "request.h"

#define SCORES_MAX_PLAYERS PLAYERS_MAX  /* a whole world fits on the board */
#define STEPS_LEVELS 9

struct score {
	char name[PLAYER_NAME_BYTES + 1]; /* a player's name (player.h) */
	int levels;                       /* how many Steps levels solved */
	char solved[STEPS_LEVELS][16];    /* their names, in order solved */
	int treasures;                    /* treasures held, over all worlds */
};

/* Fill out (up to max) with every player who solved a level or holds a
 * treasure, sorted by name; with world (not NULL or ""), every player of that
 * world instead, with the treasures held there and their Steps levels.
 * Returns how many, or -1 after fail(). */
int scores_read(struct request *rq, const char *world, struct score *out, int max);

#endif
