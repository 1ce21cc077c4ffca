/* schema.h: the two kinds of SQLite file and how to open them.
 *
 *   DATA_DIR/worlds/NAME.db  one per world: players, inventories, taken
 *                            treasures, the bloom, chat, and the logs the
 *                            data service reads (tracks, sightings, soundings)
 *   DATA_DIR/steps.db        Steps progress: who solved which level, when
 */
#ifndef MOCEAN_SCHEMA_H
#define MOCEAN_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>

#define WORLD_SCHEMA_VERSION 1
#define STEPS_SCHEMA_VERSION 1

/* Open the world's file, making it (with a random seed) on first use.
 * name must already be checked (letters and digits).  NULL on failure. */
struct store *world_db_open(const char *name);

/* Open the Steps progress file, making it on first use.  NULL on failure. */
struct store *steps_db_open(void);

/* Path of the world's file into out; 0, or -1 when it does not fit. */
int world_db_path(char *out, size_t len, const char *name);

#endif
