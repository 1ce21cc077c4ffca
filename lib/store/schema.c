/* schema.c: every table, with every column commented (see schema.h). */
#include "store/schema.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Room for a world's name from its label (names are at most 32). */
#define NAME_ROOM 64

static const char WORLD_SCHEMA[] =
	/* The world itself: exactly one row. */
	"CREATE TABLE world ("
	"  seed INTEGER NOT NULL,"           /* makes the geometry (world.c) */
	"  bloom INTEGER NOT NULL DEFAULT 0," /* 1 while plankton bloom */
	"  next_id INTEGER NOT NULL DEFAULT 0," /* next player's id; only grows */
	"  created REAL NOT NULL,"           /* unix time it was made */
	"  locked INTEGER NOT NULL DEFAULT 0," /* 1: /join needs secret= */
	"  rate_limit INTEGER NOT NULL DEFAULT 0," /* requests a second per
	                                        player; 0: no limit */
	"  view TEXT NOT NULL DEFAULT '',"    /* the projector's view code */
	"  treasures TEXT NOT NULL DEFAULT 'each'" /* 'each': every player
	                                        takes each treasure once;
	                                        'shared': the first to take one
	                                        takes it for everybody */
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
	"  joined REAL NOT NULL,"            /* unix time of joining */
	"  secret TEXT,"                     /* salted hash of the secret word
	                                        (libsodium), or NULL: unprotected */
	"  skeleton TEXT"                    /* the name as a person sees it
	                                        (http/names.h): NFKC, case folded,
	                                        confusables mapped; NULL in a
	                                        world upgraded from version 2 until
	                                        the next /join fills it */
	");"
	"CREATE UNIQUE INDEX player_name ON player(name) WHERE playing = 1;"
	/* Names compared as people see them (player_find): one index lookup. */
	"CREATE INDEX player_skeleton ON player(skeleton) WHERE playing = 1;"
	/* The few players riding whales, found without reading every player. */
	"CREATE INDEX player_riding ON player(whale) WHERE playing = 1 AND whale >= 0;"
	/* Inventories, in order of arrival. */
	"CREATE TABLE item ("
	"  seq INTEGER PRIMARY KEY,"         /* order of arrival */
	"  player INTEGER NOT NULL,"         /* player.id */
	"  kind TEXT NOT NULL,"              /* 'air tank', 'treasure', 'whale' */
	"  name TEXT NOT NULL,"              /* its name */
	"  amount REAL"                      /* air left in a tank, else NULL */
	");"
	"CREATE INDEX item_player ON item(player);"
	/* Treasures grabbed from the map (iron dust is never taken): under
	 * 'shared' at most one row a treasure, under 'each' one a player. */
	"CREATE TABLE taken ("
	"  treasure INTEGER NOT NULL,"       /* index 0..11, seamount order */
	"  player INTEGER NOT NULL,"         /* who grabbed it */
	"  time REAL NOT NULL,"              /* when */
	"  PRIMARY KEY (treasure, player)"
	");"
	/* A player's treasures (a round's ranking, /look under 'each'). */
	"CREATE INDEX taken_player ON taken(player);"
	/* Rounds: timed class challenges, lobby -> playing -> finished. */
	"CREATE TABLE round ("
	"  number INTEGER PRIMARY KEY,"      /* 1, 2, ... the newest is the round */
	"  state TEXT NOT NULL,"             /* 'lobby', 'playing', 'finished' */
	"  minutes REAL NOT NULL,"           /* how long it plays */
	"  seed INTEGER NOT NULL,"           /* the ocean it is played in */
	"  opened REAL NOT NULL,"            /* unix time of do=round */
	"  started REAL,"                    /* unix time of do=start, or NULL */
	"  ends REAL"                        /* when it ends (or ended: a
	                                        do=finish brings it forward) */
	");"
	/* A finished round's ranking, written once and never changed. */
	"CREATE TABLE result ("
	"  round INTEGER NOT NULL,"          /* round.number */
	"  rank INTEGER NOT NULL,"           /* 1 is the winner */
	"  player INTEGER NOT NULL,"         /* player.id */
	"  name TEXT NOT NULL,"              /* the player's name then */
	"  treasures INTEGER NOT NULL,"      /* taken during the round */
	"  last REAL,"                       /* unix time of the last one taken */
	"  taken TEXT,"                      /* which: treasure indexes, "3,7" */
	"  PRIMARY KEY (round, rank)"
	");"
	/* The class roster: a world with one admits only its names, each with
	 * its secret word (docs/PROTOCOL.md section 3).  A reset keeps it. */
	"CREATE TABLE roster ("
	"  seq INTEGER PRIMARY KEY,"         /* order of adding; before the
	                                        name joins, its guard's id */
	"  name TEXT NOT NULL UNIQUE,"       /* a player's name, as given */
	"  word TEXT NOT NULL,"              /* its secret word, in the clear:
	                                        the teacher prints it on cards
	                                        (the player's row keeps a hash) */
	"  added REAL NOT NULL,"             /* unix time it was added */
	"  skeleton TEXT NOT NULL"           /* the name as people read it
	                                        (names.h): what is compared */
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

/* Version 1 to 2: secret words, locked worlds, limits, view codes. */
static const char WORLD_UPGRADE_2[] =
	"ALTER TABLE world ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE world ADD COLUMN rate_limit INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE world ADD COLUMN view TEXT NOT NULL DEFAULT '';"
	"UPDATE world SET view = lower(hex(randomblob(6)));"
	"ALTER TABLE player ADD COLUMN secret TEXT;"
	"CREATE INDEX player_riding ON player(whale) WHERE playing = 1 AND whale >= 0;"
	/* Request counts moved to the tally file (tally.h). */
	"DROP TABLE hits;";
/* Version 2 to 3: rounds and their results, the class roster, names
 * compared by their skeletons, and the treasure rule: a world from before
 * keeps 'shared', its old behaviour, and its taken treasures, now keyed by
 * treasure and player.  SQL cannot make a skeleton (ICU can, and
 * only the routes that look names up link it), so the players already
 * there have none until the next /join gives them theirs
 * (player_fill_skeletons); until then player_find compares theirs one by
 * one. */
static const char WORLD_UPGRADE_3[] =
	"CREATE TABLE round (number INTEGER PRIMARY KEY, state TEXT NOT NULL,"
	" minutes REAL NOT NULL, seed INTEGER NOT NULL, opened REAL NOT NULL,"
	" started REAL, ends REAL);"
	"CREATE TABLE result (round INTEGER NOT NULL, rank INTEGER NOT NULL,"
	" player INTEGER NOT NULL, name TEXT NOT NULL, treasures INTEGER NOT NULL,"
	" last REAL, taken TEXT, PRIMARY KEY (round, rank));"
	"CREATE TABLE roster (seq INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" word TEXT NOT NULL, added REAL NOT NULL, skeleton TEXT NOT NULL);"
	"ALTER TABLE player ADD COLUMN skeleton TEXT;"
	"CREATE INDEX player_skeleton ON player(skeleton) WHERE playing = 1;"
	"ALTER TABLE world ADD COLUMN treasures TEXT NOT NULL DEFAULT 'each';"
	"UPDATE world SET treasures = 'shared';"
	"CREATE TABLE taken_3 (treasure INTEGER NOT NULL, player INTEGER NOT NULL,"
	" time REAL NOT NULL, PRIMARY KEY (treasure, player));"
	"INSERT INTO taken_3 SELECT treasure, player, time FROM taken;"
	"DROP TABLE taken;"
	"ALTER TABLE taken_3 RENAME TO taken;"
	"CREATE INDEX taken_player ON taken(player);";
static const char *const WORLD_UPGRADES[] = { WORLD_UPGRADE_2, WORLD_UPGRADE_3 };

/* A new view code: 12 random hex digits, unrelated to the teacher key. */
void world_new_view_code(char code[VIEW_CODE_LEN + 1])
{
	unsigned char raw[VIEW_CODE_LEN / 2];

	random_bytes(raw, sizeof raw);
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(code + 2 * i, 3, "%02x", raw[i]);
}

long long world_name_seed(const char *name)
{
	unsigned long long h = 0xcbf29ce484222325ULL; /* FNV-1a of the name */

	for (; *name; name++) {
		h ^= (unsigned char)*name;
		h *= 0x100000001b3ULL;
	}
	/* splitmix64's finish: every bit of the name moves every bit */
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return (long long)((h ^ (h >> 31)) & 0x7fffffffffffULL);
}

/* The world's name in its label, worlds/NAME.db, into name. */
static void label_name(const char *label, char name[NAME_ROOM])
{
	const char *start = strchr(label, '/');
	const char *end = strrchr(label, '.');

	start = start ? start + 1 : label;
	if (!end || end < start)
		end = start + strlen(start);
	snprintf(name, NAME_ROOM, "%.*s", (int)(end - start), start);
}

/* The world's first row: the seed its name gives (so a world looks the
 * same before and after it is made) and a random view code. */
static int world_init(sqlite3 *db, const char *label)
{
	sqlite3_stmt *st;
	long long seed;
	char name[NAME_ROOM];
	char view[VIEW_CODE_LEN + 1];
	int rc;

	label_name(label, name);
	seed = world_name_seed(name);
	world_new_view_code(view);
	if (sqlite3_prepare_v2(db, "INSERT INTO world (seed, created, view)"
			       " VALUES (?, ?, ?)", -1, &st, NULL))
		return -1;
	sqlite3_bind_int64(st, 1, seed);
	sqlite3_bind_double(st, 2, (double)time(NULL));
	sqlite3_bind_text(st, 3, view, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(st);
	return rc;
}

const struct schema world_schema = {
	.create = WORLD_SCHEMA, .version = WORLD_SCHEMA_VERSION,
	.upgrade = WORLD_UPGRADES, .init = world_init,
};
const struct schema steps_schema = {
	.create = STEPS_SCHEMA, .version = STEPS_SCHEMA_VERSION,
};
