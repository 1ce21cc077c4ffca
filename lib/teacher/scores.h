/* scores.h: the scoreboard: Steps levels solved (steps.db) and treasures
 * held (every world's file), per player name, ranked. */
#ifndef MOCEAN_SCORES_H
#define MOCEAN_SCORES_H

#include "ocean/request.h"

#define SCORES_MAX_PLAYERS 100000  /* names on one board: 50 full worlds */
#define STEPS_LEVELS 9

struct score {
	char name[PLAYER_NAME_BYTES + 1]; /* a player's name (player.h) */
	int levels;                       /* how many Steps levels solved */
	char solved[STEPS_LEVELS][16];    /* their names, in order solved */
	int treasures;                    /* treasures held, over all worlds */
};

/* The board, ranked: most treasures first, then most Steps levels, then by
 * name (so the order is the same on every request).  Without world (NULL or
 * ""), every player of every world (one line per name: a name's treasures
 * over all worlds) and everyone who solved a level; with world, every player
 * of that world, with the treasures held there and their Steps levels.  At
 * most SCORES_MAX_PLAYERS names; past that the rest are left out.  *out is
 * allocated (free it).  Returns how many, or -1 after answering the fault
 * of the one world asked for (damaged, read-only). */
int scores_read(struct request *rq, const char *world, struct score **out);

#endif
