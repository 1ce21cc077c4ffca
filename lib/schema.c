/* schema.c: every table, with every column commented (see schema.h). */
#include "schema.h"
#include "db.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

static const char WORLD_SCHEMA[] =
	/* The world itself: exactly one row. */
	"CREATE TABLE world ("
	"  seed INTEGER NOT NULL,"           /* makes the geometry (world.c) */
	"  bloom INTEGER NOT NULL DEFAULT 0," /* 1 while plankton bloom */
	"  next_id INTEGER NOT NULL DEFAULT 0," /* next player's id; only grows */
	"  created REAL NOT NULL"            /* unix time it was made */
	");"
	/* Players, including those who quit (their ids stay used). */
	"CREATE TABLE player ("
	"  id INTEGER PRIMARY KEY,"          /* 0, 1, 2, ... joining order */
	"  name TEXT NOT NULL,"              /* letters and digits */
	"  playing INTEGER NOT NULL DEFAULT 1," /* 0 after quit or kick */
	"  x REAL NOT NULL, y REAL NOT NULL," /* position at time t, metres */
	"  z REAL NOT NULL DEFAULT 0,"       /* depth at time t, 0 = surface */
	"  vx REAL NOT NULL DEFAULT 0, vy REAL NOT NULL DEFAULT 0," /* m/s */
	"  heading REAL NOT NULL,"           /* radians, 0 east, CCW */
	"  t REAL NOT NULL,"                 /* unix time of x, y, z */
	"  wrapped INTEGER NOT NULL DEFAULT 0," /* edge crossed since /location */
	"  whale INTEGER NOT NULL DEFAULT -1," /* whale ridden, or -1 */
	"  inbox TEXT,"                      /* the waiting chat message */
	"  joined REAL NOT NULL"             /* unix time of joining */
	");"
	"CREATE UNIQUE INDEX player_name ON player(name) WHERE playing = 1;"
	/* Inventories, in order of arrival. */
	"CREATE TABLE item ("
	"  seq INTEGER PRIMARY KEY,"         /* order of arrival */
	"  player INTEGER NOT NULL,"         /* player.id */
	"  kind TEXT NOT NULL,"              /* 'air tank', 'treasure', 'whale' */
	"  name TEXT NOT NULL,"              /* its name */
	"  amount REAL"                      /* air left in a tank, else NULL */
	");"
	"CREATE INDEX item_player ON item(player);"
	/* Treasures grabbed from the map (iron dust is never taken). */
	"CREATE TABLE taken ("
	"  treasure INTEGER PRIMARY KEY,"    /* index 0..11, seamount order */
	"  player INTEGER NOT NULL,"         /* who grabbed it */
	"  time REAL NOT NULL"               /* when */
	");"
	/* Request counts per route, for the teacher's /admin. */
	"CREATE TABLE hits ("
	"  route TEXT PRIMARY KEY,"          /* route name, e.g. 'location' */
	"  n INTEGER NOT NULL"               /* requests so far */
	");"
	/* Data service logs: one row per /location. */
	"CREATE TABLE track ("
	"  time REAL NOT NULL,"              /* unix time */
	"  player TEXT NOT NULL,"            /* player's name */
	"  x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL"
	");"
	/* One row per thing seen by /look. */
	"CREATE TABLE sighting ("
	"  time REAL NOT NULL,"              /* unix time */
	"  player TEXT NOT NULL,"            /* who looked */
	"  thing TEXT NOT NULL,"             /* 'whale' or 'treasure' */
	"  x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL"
	");"
	/* Depths measured and submitted by players through /data. */
	"CREATE TABLE sounding ("
	"  time REAL NOT NULL,"              /* unix time submitted */
	"  name TEXT NOT NULL,"              /* who measured it */
	"  x REAL NOT NULL, y REAL NOT NULL," /* where, inside the ocean */
	"  depth REAL NOT NULL"              /* metres, 0 to 50 */
	");";

static const char STEPS_SCHEMA[] =
	"CREATE TABLE solved ("
	"  name TEXT NOT NULL,"              /* the player's name= */
	"  level TEXT NOT NULL,"             /* the route solved, e.g. 'begin' */
	"  time REAL NOT NULL,"              /* unix time first solved */
	"  PRIMARY KEY (name, level)"
	");";

/* The world's first row: a random seed. */
static int world_init(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long seed;
	int rc;

	random_bytes(&seed, sizeof seed);
	seed &= 0x7fffffffffffLL; /* short enough to type in an admin URL */
	if (sqlite3_prepare_v2(db, "INSERT INTO world (seed, created) VALUES (?, ?)",
			       -1, &st, NULL))
		return -1;
	sqlite3_bind_int64(st, 1, seed);
	sqlite3_bind_double(st, 2, (double)time(NULL));
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

/* mkdir that is happy when the folder is there already. */
static int ensure_dir(const char *path)
{
	return mkdir(path, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

int world_db_path(char *out, size_t len, const char *name)
{
	int n = snprintf(out, len, "%s/worlds/%s.db", data_dir(), name);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

struct store *world_db_open(const char *name)
{
	char dir[4096], path[4096];
	int n = snprintf(dir, sizeof dir, "%s/worlds", data_dir());

	if (n < 0 || (size_t)n >= sizeof dir || ensure_dir(dir) < 0 ||
	    world_db_path(path, sizeof path, name) < 0)
		return NULL;
	return db_open(path, WORLD_SCHEMA, WORLD_SCHEMA_VERSION, world_init);
}

struct store *steps_db_open(void)
{
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/steps.db", data_dir());

	if (n < 0 || (size_t)n >= sizeof path)
		return NULL;
	return db_open(path, STEPS_SCHEMA, STEPS_SCHEMA_VERSION, NULL);
}
