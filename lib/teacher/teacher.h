/* teacher.h: what only the teacher may do.  The teacher key (made by
 * starting the server, DATA_DIR/teacher.key, readable only by the server's
 * user), checked in constant time; /admin's table of actions, each on the
 * one world it names (worlds.h opens, sets aside and remakes it).  The
 * overview and the map's JSON are in overview.h. */
#ifndef MOCEAN_TEACHER_H
#define MOCEAN_TEACHER_H

#include "ocean/request.h"
#include "ocean/worlds.h"

#define TEACHER_KEY_LEN 32     /* hex digits */

/* One of /admin's actions, in its table: do=NAME runs act on world=W,
 * opened for it in a write transaction (want: WORLD_MAKE only for a reset),
 * and then the teacher reads said, with W for its %s (when not NULL).  An action
 * with act NULL moves the world's file aside (a delete). */
struct action {
	const char *name;                 /* "lock" */
	void (*act)(struct request *rq);
	const char *said;                 /* "%s is locked", %s: the world */
	const char *needs;                /* a key it cannot do without, or NULL */
	enum world_want want;             /* WORLD_MAKE: made when missing;
	                                     else written (WORLD_WRITE) */
};

/* Read the teacher key into key (TEACHER_KEY_LEN + 1 bytes).  Returns 0, or
 * -1 when it is missing or unreadable: only starting the server makes it. */
int teacher_key(char key[TEACHER_KEY_LEN + 1]);

/* 1 when key= is the teacher key, compared in constant time; otherwise
 * fail(rq, 403, ...) and 0. */
int teacher_allowed(struct request *rq);

/* Open world name for a teacher's action, in a write transaction (like
 * world_begin).  want is WORLD_MAKE for a reset: a damaged file is first
 * set aside as NAME.db.damaged-TIME, and a new world is made (unless the
 * server holds max_worlds() already).  With WORLD_WRITE, a world that does
 * not exist is refused.  Returns 0, or -1 after fail(). */
int teacher_world(struct request *rq, const char *name, enum world_want want);

/* do=newsecret&name=P (&secret=WORD): give player P of the open world
 * the secret word WORD, or change its word (and its word on the class
 * roster, when P is on it, joined or not); without secret=, a word made of
 * two kind words and a number (coral-otter-42, words.h).  The word is
 * said, so the teacher can hand it over.  Neither playing nor on the
 * roster: 404. */
void teacher_new_secret(struct request *rq);

/* do=kick&name=P: player P leaves the open world (said either way). */
void teacher_kick(struct request *rq);

/* do=give&id=N: player N gets a copy of every treasure (the first server's
 * cheat: the map keeps its own). */
void teacher_give(struct request *rq);

/* do=treasures&rule=each|shared: the world's treasure rule.  each: every
 * player takes each seamount's treasure once (a new world's rule); shared:
 * the first to take one takes it for everybody (the first server's race).
 * A reset keeps it; another rule is a 400. */
void teacher_treasures(struct request *rq);

/* /admin: with the teacher key, do=NAME runs that action of the table on
 * world= (400 without world=, or for an unknown action or a missing key it
 * needs); without do=, the overview (of world= only, when given).  Anything
 * refused changes nothing. */
void teacher_act(struct request *rq, const struct action *actions, size_t n);

#endif
