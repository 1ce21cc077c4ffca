/* schema.h: the two kinds of SQLite file, and the ones a process keeps open.
 *
 *   DATA_DIR/worlds/NAME.db  one per world: players, inventories, taken
 *                            treasures, the bloom, chat, and the logs the
 *                            data service reads (tracks, sightings, soundings)
 *   DATA_DIR/steps.db        Steps progress: who solved which level, when
 *
 * A CGI process opens what its one request needs; a FastCGI process (event
 * mode) keeps up to WORLDS_KEPT worlds open between requests, with their
 * prepared statements and geometry.  A kept file that was moved aside or
 * replaced (a teacher's reset of a damaged world, a delete) is noticed and
 * opened afresh; everything a teacher can change is re-read inside each
 * request's transaction. */
#ifndef MOCEAN_SCHEMA_H
#define MOCEAN_SCHEMA_H

#include <stddef.h>

#include "db.h"
#include "tally.h"
#include "world.h"

#define WORLD_SCHEMA_VERSION 2
#define STEPS_SCHEMA_VERSION 1
#define WORLDS_KEPT 8          /* open worlds a process keeps */
#define DEFAULT_WORLD "mocean" /* a world route without world= plays here */
#define MAX_WORLDS_DEFAULT 50  /* worlds a server holds, unless MAX_WORLDS */
#define VIEW_CODE_LEN 12       /* hex digits */

/* The world a request names: world= (already checked), or DEFAULT_WORLD
 * when it names none. */
static inline const char *world_or_default(const char *world)
{
	return world && *world ? world : DEFAULT_WORLD;
}

/* A world a process keeps open. */
struct kept_world {
	struct store *store;   /* its file; missing: an empty one in memory */
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
	unsigned long long clock;
};

/* The world called name (already checked: letters and digits), from kept
 * or opened.  how is DB_CREATE only for /join and a teacher's reset: any
 * other route on a world that does not exist gets an empty world in memory
 * (store->missing is 1), so it answers as for an empty world and makes no
 * file.  Check store->failed. */
struct kept_world *world_store(struct stores *kept, const char *name,
			       enum db_open_how how);

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

/* Take the worlds folder's lock (an flock on worlds/.lock): counting the
 * worlds and making or moving one happen one at a time.  Returns the lock
 * to hand to worlds_unlock (-1 when the folder cannot be locked: then
 * nothing is made). */
int worlds_lock(void);
void worlds_unlock(int lock);

/* Empty the open world's tables and give it a new seed: no players, no
 * items, treasures back, no bloom, empty logs, ids from 0 (its settings,
 * lock, limit and view code stay).  Returns 0, or -1 (recorded on db). */
int world_clear(struct store *db, long long seed, double now);

/* Path of the world's file into out; 0, or -1 when it does not fit. */
int world_db_path(char *out, size_t len, const char *name);

/* A new random view code for the projector. */
void new_view_code(char code[VIEW_CODE_LEN + 1]);

#endif
