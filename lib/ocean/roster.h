/* roster.h: a world's class roster (docs/PROTOCOL.md section 3).  The
 * teacher lists the class's names (do=roster) and each gets a secret word;
 * a world with a roster admits exactly its names, each with its word, and a
 * world without one admits anybody, as it always did.  The roster is kept
 * in the world's file (table roster) and a reset keeps it.
 *
 * A name's word is kept twice: in the clear in the roster (the teacher
 * prints it on cards) and, once the name joins, as the player's salted
 * hash, which every other route checks (secret.h).  Whatever changes one
 * changes the other (the teacher's do=roster and do=newsecret).
 *
 * Names are compared in one place, roster_find, the way /join finds a
 * player by name: a sharper comparison (look-alike letters) belongs there. */
#ifndef MOCEAN_ROSTER_H
#define MOCEAN_ROSTER_H

#include "ocean/player.h"
#include "ocean/request.h"
#include "ocean/secret.h"

#define ROSTER_MAX 500     /* names on one world's roster */

/* One name on the roster. */
struct roster_entry {
	long long seq;                       /* order of adding */
	char name[PLAYER_NAME_BYTES + 1];    /* as the teacher gave it */
	char word[SECRET_LONGEST + 1];       /* its secret word */
};

/* How many names the open world's roster holds (0: no roster). */
int roster_size(struct request *rq);

/* 1 when name is on the open world's roster (into e), else 0. */
int roster_find(struct request *rq, const char *name, struct roster_entry *e);

/* The whole roster, in order of adding, into out (max entries).  Returns
 * how many. */
int roster_list(struct request *rq, struct roster_entry *out, int max);

/* Put name on the roster with word.  Returns 0 or -1 (recorded). */
int roster_add(struct request *rq, const char *name, const char *word);

/* Give e a new word.  Returns 0 or -1 (recorded). */
int roster_set_word(struct request *rq, const struct roster_entry *e, const char *word);

/* Take e off the roster.  Returns 0 or -1 (recorded). */
int roster_remove(struct request *rq, const struct roster_entry *e);

/* The id the guessing guard (tally.h) counts e's wrong words under while
 * it has not joined: far above every player's id. */
long long roster_guard_id(const struct roster_entry *e);

/* Why a /join of name may not join this world by its roster: NULL when the
 * world has none, or name is on it and plays already (its player's word
 * is checked as any player's: secret_join_refusal), or secret= is its
 * word.  Wrong words count toward the guessing guard; a paused address:
 * NULL, and the answer is the 429. */
const char *roster_join_refusal(struct request *rq, const char *name);

/* 1 when a record may be kept by name (a Steps level, a /data row) while
 * no player of that name plays: name is not on the roster, or secret= is
 * its word.  Otherwise 0 after fail(): the 403 (or 429) a protected
 * player's routes answer. */
int roster_allows(struct request *rq, const char *name);

#endif
