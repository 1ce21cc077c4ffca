/* teacher.h: what only the teacher may do.  The teacher key (made by
 * starting the server, DATA_DIR/teacher.key, readable only by the server's
 * user), checked in constant time; and the worlds' files: listing them,
 * opening one for an action, setting one aside (a delete, or a damaged file
 * before a reset).  The overview and the map's JSON are in overview.h. */
#ifndef MOCEAN_TEACHER_H
#define MOCEAN_TEACHER_H

#include "db.h"
#include "request.h"

#define TEACHER_KEY_LEN 32     /* hex digits */

/* One of /admin's actions, in its table: do=NAME runs act on world=W,
 * opened for it in a write transaction (how: DB_CREATE only for a reset),
 * and then the teacher reads said, with W for its %s (when not NULL).  An action
 * with act NULL moves the world's file aside (a delete). */
struct action {
	const char *name;                 /* "lock" */
	void (*act)(struct request *rq);
	const char *said;                 /* "%s is locked", %s: the world */
	const char *needs;                /* a key it cannot do without, or NULL */
	enum db_open_how how;
};

/* Read the teacher key into key (TEACHER_KEY_LEN + 1 bytes).  Returns 0, or
 * -1 when it is missing or unreadable: only starting the server makes it. */
int teacher_key(char key[TEACHER_KEY_LEN + 1]);

/* 1 when key= is the teacher key, compared in constant time; otherwise
 * fail(rq, 403, ...) and 0. */
int teacher_allowed(struct request *rq);

/* The names of the worlds that exist (their files), sorted, never cut
 * short: *names is allocated (free it), each name at most 32 letters and
 * digits.  Returns how many.  With names NULL, only counts them. */
int list_worlds(char (**names)[WORLD_NAME_MAX + 1]);

/* 1 when the store's fault means its file is damaged (not a whole SQLite
 * world file), so a reset may set it aside. */
int world_damaged(const struct store *s);

/* Open world name for a teacher's action, in a write transaction (like
 * world_begin).  how is DB_CREATE for a reset: a damaged file is first set
 * aside as NAME.db.damaged-TIME, and a new world is made (unless the server
 * holds max_worlds() already).  With DB_EXISTING, a world that does not
 * exist is refused.  Returns 0, or -1 after fail(). */
int teacher_world(struct request *rq, const char *name, enum db_open_how how);

/* /admin: with the teacher key, do=NAME runs that action of the table on
 * world= (400 without world=, or for an unknown action or a missing key it
 * needs); without do=, the overview (of world= only, when given).  Anything
 * refused changes nothing. */
void teacher_act(struct request *rq, const struct action *actions, size_t n);

/* Make the open world anew with this seed (or a random one when seed < 0):
 * no players, treasures back, no bloom, empty logs and counts, ids from 0.
 * Returns 0 or -1 (recorded on rq->db). */
int world_remake(struct request *rq, long long seed);

/* Move world name's file aside as NAME.db.WHY-TIME, with its -wal and -shm
 * (so nothing committed is lost) and its tally file, under the worlds'
 * lock; this process forgets it, others notice at their next request.
 * A healthy file's log is folded in first.  Returns 1 when moved, 0 when
 * there is no such world, -1 when the move failed (errno). */
int world_set_aside(struct request *rq, const char *name, const char *why);

#endif
