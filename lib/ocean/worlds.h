/* worlds.h: the home of worlds.  Where a world's file is, which worlds
 * exist and how many may, and what a process keeps open of them; opening
 * one for a request (read, write, or make), making one a write needs,
 * setting one aside and making one anew.  Its tables are schema.h's.
 *
 * A CGI process opens what its one request needs; a FastCGI process (event
 * mode) keeps up to WORLDS_KEPT worlds open between requests, with their
 * prepared statements and geometry.  A kept file that was moved aside,
 * replaced, damaged in place or made read-only is noticed at the next
 * request (db_recheck) and opened afresh, so both modes answer alike;
 * everything a teacher can change is re-read inside each request's
 * transaction.  A world that has no file yet is a stand-in in memory that
 * reads as the world will be once made (the seed its name gives) and is
 * never written: a write makes the world first (world_writable). */
#ifndef MOCEAN_WORLDS_H
#define MOCEAN_WORLDS_H

#include <stddef.h>

#include "store/db.h"
#include "store/schema.h"
#include "ocean/request.h"
#include "store/tally.h"
#include "ocean/world.h"

#define WORLDS_KEPT 8          /* open worlds a process keeps */
#define DEFAULT_WORLD "mocean" /* a world route without world= plays here */
#define MAX_WORLDS_DEFAULT 50  /* worlds a server holds, unless MAX_WORLDS */

/* The world a request names: world= (already checked), or DEFAULT_WORLD
 * when it names none. */
static inline const char *world_or_default(const char *world)
{
	return world && *world ? world : DEFAULT_WORLD;
}

/* A world a process keeps open. */
struct kept_world {
	struct store *store;   /* its file; missing: a stand-in in memory */
	struct tally tally;    /* its request counts (none while missing) */
	char name[WORLD_NAME_MAX + 1];
	struct world world;    /* its geometry, made from seed */
	long long seed;        /* the seed world was made from */
	int have_world;        /* world is made */
	unsigned long long used; /* when last asked for (least used goes) */
};

/* Everything a process keeps open. */
struct stores {
	struct kept_world worlds[WORLDS_KEPT];
	struct store *progress;  /* steps.db, or NULL until needed */
	struct tally budget;     /* the /data budgets of addresses (limit.h) */
	unsigned long long clock;
};

/* What a caller wants of a world it opens (world_begin). */
enum world_want {
	WORLD_READ,   /* a read snapshot; a world with no file reads as new */
	WORLD_WRITE,  /* a write transaction (BEGIN IMMEDIATE) on its file;
	                 a world with no file is a stand-in that refuses writes */
	WORLD_MAKE,   /* the same, the file made first when there is none
	                 (within MAX_WORLDS: else still missing) */
};

/* Open the world called name (from what this process keeps), begin a
 * transaction as want says, and read the world's row: its geometry and
 * settings into rq->world and the like.  Returns rq->db, or NULL with the
 * fault on rq->db (not yet answered: see answer_fault). */
struct store *world_begin(struct request *rq, const char *name, enum world_want want);

/* What world_writable found. */
enum world_writable {
	WORLD_FAULT = -1,   /* a fault (a full disk, say): already answered */
	WORLD_WRITABLE = 0, /* a write transaction is open on the world's file */
	WORLD_NOT_MADE = 1, /* the world has no file, and none may be made now:
	                       the server holds MAX_WORLDS (say NO_NEW_WORLD) */
};

/* The sentence for WORLD_NOT_MADE. */
#define NO_NEW_WORLD "no new world may be made here: this server holds as " \
	"many worlds as it may (MAX_WORLDS). Ask your teacher"

/* Before a route's first write to its world (/join's new player, /data's
 * &add): a world that has no file yet is made now, with the seed its name
 * gives, and a write transaction begun on it; a world read in a snapshot
 * takes the write lock.  Nothing is ever written to a world's stand-in
 * (db_stand_in): what a HEAD request writes there is rolled back. */
enum world_writable world_writable(struct request *rq);

/* Answer the store's fault: 503 when it stayed locked, else 500 (404 for a
 * write to a world not made) with the sentence naming the file and what
 * happened.  Returns 0. */
int answer_fault(struct request *rq, const struct store *s);

/* The world called name (already checked: letters and digits), from kept
 * or opened.  how is DB_CREATE only where a world may be made; any other
 * open of a world that does not exist gets a stand-in in memory
 * (store->missing is 1) that answers as the new world would and makes no
 * file.  Check store->failed. */
struct kept_world *world_store(struct stores *kept, const char *name,
			       enum db_open_how how);

/* World name's tally (tally.h) from what this process keeps, or mapped
 * now when its file exists; NULL when it does not (a world not yet made).
 * Its world's file is not opened: a request refused by its counts never
 * opens SQLite (limit.h).  world_store keeps the mapping it finds here. */
struct tally *world_tally(struct stores *kept, const char *name);

/* The Steps progress file, made on first use.  Check ->failed. */
struct store *progress_store(struct stores *kept);

/* Fold in every kept file's write-ahead log that has grown long
 * (db_fold_log): after a reply is sent. */
void stores_fold_logs(struct stores *kept);

/* Close everything kept. */
void stores_close(struct stores *kept);

/* Forget world name in what this process keeps (its file was moved
 * aside): close its store and tally. */
void world_forget(struct stores *kept, const char *name);

/* How many worlds this server may hold: $MAX_WORLDS (1 to 100000), else
 * MAX_WORLDS_DEFAULT. */
int max_worlds(void);

/* The names of the worlds that exist (their files), sorted, never cut
 * short: *names is allocated (free it), each name at most 32 letters and
 * digits.  Returns how many.  With names NULL, only counts them. */
int list_worlds(char (**names)[WORLD_NAME_MAX + 1]);

/* Take the worlds folder's lock (an flock on worlds/.lock): counting the
 * worlds and making or moving one happen one at a time.  Returns the lock
 * to hand to worlds_unlock (-1 when the folder cannot be locked: then
 * nothing is made). */
int worlds_lock(void);
void worlds_unlock(int lock);

/* Path of the world's file into out; 0, or -1 when it does not fit. */
int world_db_path(char *out, size_t len, const char *name);

/* 1 when the store's fault means its file is damaged (not a whole SQLite
 * world file), so a reset may set it aside. */
int world_damaged(const struct store *s);

/* Move world name's file aside as NAME.db.WHY-TIME, with its -wal and -shm
 * (so nothing committed is lost) and its tally file, under the worlds'
 * lock; this process forgets it, others notice at their next request.
 * A healthy file's log is folded in first.  Returns 1 when moved, 0 when
 * there is no such world, -1 when the move failed (errno). */
int world_set_aside(struct request *rq, const char *name, const char *why);

/* Empty the open world's tables and give it a new seed: no players, no
 * items, treasures back, no bloom, empty logs, ids from 0 (its settings,
 * lock, limit and view code stay).  Returns 0, or -1 (recorded on db). */
int world_clear(struct store *db, long long seed, double now);

/* Make the open world anew with this seed (seed < 0: a random one, but for
 * a world this request made, which keeps the seed its name gave, the ocean
 * students saw before it was made): no players, treasures back, no bloom,
 * empty logs and counts, ids from 0.
 * Returns 0 or -1 (recorded on rq->db). */
int world_remake(struct request *rq, long long seed);

/* Set the open world's limit (requests a second per player; 0: none), in
 * its file and at once in its tally's mirror, which refuses requests
 * before the file is opened (limit.h).  Returns 0 or -1. */
int world_set_limit(struct request *rq, int rate);

/* Start (on = 1) or end (on = 0) the plankton bloom in the request's open
 * world, for every player; rq->world.bloom follows.  Returns 0 or -1. */
int world_set_bloom(struct request *rq, int on);

/* Set the open world's treasure rule: each = 1, every player takes each
 * treasure once ('each'); 0, the first takes it for everybody ('shared').
 * The treasures taken stay taken.  Returns 0 or -1. */
int world_set_treasures(struct request *rq, int each);

/* A new projector's view code for the request's open world, stored and
 * copied into view: the old one stops working.  Returns 0 or -1. */
int world_renew_view(struct request *rq, char view[VIEW_CODE_LEN + 1]);

#endif
