/* schema.h: the two kinds of SQLite file, their tables and upgrades.
 *
 *   DATA_DIR/worlds/NAME.db  one per world: players, inventories, taken
 *                            treasures, the bloom, chat, and the logs the
 *                            data service reads (tracks, sightings, soundings)
 *   DATA_DIR/steps.db        Steps progress: who solved which level, when
 *
 * Where the files are, and how a process opens and keeps them, is
 * worlds.h's. */
#ifndef MOCEAN_SCHEMA_H
#define MOCEAN_SCHEMA_H

#include "store/db.h"

#define WORLD_SCHEMA_VERSION 3
#define STEPS_SCHEMA_VERSION 1
#define VIEW_CODE_LEN 12       /* hex digits */

/* A world's file: its tables, its upgrades, and its first row (the seed
 * its name gives, world_name_seed, and a random view code). */
extern const struct schema world_schema;

/* steps.db: who solved which level. */
extern const struct schema steps_schema;

/* The seed a world's name gives (the same on every server): the ocean a
 * world not yet made shows, and the one /join or a teacher's reset without
 * seed= makes it with. */
long long world_name_seed(const char *name);

/* A new random view code for the projector. */
void world_new_view_code(char code[VIEW_CODE_LEN + 1]);

#endif
