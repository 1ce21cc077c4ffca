/* schema.c: every table, with every column commented (see schema.h). */
#include "schema.h"
#include "db.h"
#include "query.h"
#include "teacher.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
	"  view TEXT NOT NULL DEFAULT ''"     /* the projector's view code */
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
	"  secret TEXT"                      /* salted hash of the secret word
	                                        (libsodium), or NULL: unprotected */
	");"
	"CREATE UNIQUE INDEX player_name ON player(name) WHERE playing = 1;"
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
	/* Treasures grabbed from the map (iron dust is never taken). */
	"CREATE TABLE taken ("
	"  treasure INTEGER PRIMARY KEY,"    /* index 0..11, seamount order */
	"  player INTEGER NOT NULL,"         /* who grabbed it */
	"  time REAL NOT NULL"               /* when */
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
static const char *const WORLD_UPGRADES[] = { WORLD_UPGRADE_2 };

/* A world made anew: every table emptied (the world row keeps its
 * settings), then a new seed. */
static const char *const SQL_CLEAR[] = {
	"DELETE FROM player", "DELETE FROM item", "DELETE FROM taken",
	"DELETE FROM track", "DELETE FROM sighting", "DELETE FROM sounding",
};
static const char SQL_NEW_SEED[] =
	"UPDATE world SET seed = ?, bloom = 0, next_id = 0, created = ?";

int world_clear(struct store *db, long long seed, double now)
{
	for (size_t i = 0; i < LEN(SQL_CLEAR); i++)
		if (db_exec(db, SQL_CLEAR[i], NULL) < 0)
			return -1;
	return db_exec(db, SQL_NEW_SEED, "id", seed, now);
}

/* A new view code: 12 random hex digits, unrelated to the teacher key. */
void new_view_code(char code[VIEW_CODE_LEN + 1])
{
	unsigned char raw[VIEW_CODE_LEN / 2];

	random_bytes(raw, sizeof raw);
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(code + 2 * i, 3, "%02x", raw[i]);
}

/* The world's name in its label, worlds/NAME.db, into name. */
static void label_name(const char *label, char name[WORLD_NAME_MAX + 1])
{
	const char *start = strchr(label, '/');
	const char *end = strrchr(label, '.');

	start = start ? start + 1 : label;
	if (!end || end < start)
		end = start + strlen(start);
	snprintf(name, WORLD_NAME_MAX + 1, "%.*s", (int)(end - start), start);
}

/* The world's first row: the seed its name gives (so a world looks the
 * same before and after it is made) and a random view code. */
static int world_init(sqlite3 *db, const char *label)
{
	sqlite3_stmt *st;
	long long seed;
	char name[WORLD_NAME_MAX + 1];
	char view[VIEW_CODE_LEN + 1];
	int rc;

	label_name(label, name);
	seed = world_name_seed(name);
	new_view_code(view);
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

static const struct schema world_schema = {
	.create = WORLD_SCHEMA, .version = WORLD_SCHEMA_VERSION,
	.upgrade = WORLD_UPGRADES, .init = world_init,
};
static const struct schema steps_schema = {
	.create = STEPS_SCHEMA, .version = STEPS_SCHEMA_VERSION,
};

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

int max_worlds(void)
{
	const char *v = getenv("MAX_WORLDS");
	long long n;

	if (v && parse_int(v, &n) == 0 && n >= 1 && n <= 100000)
		return (int)n;
	return MAX_WORLDS_DEFAULT;
}

int worlds_lock(void)
{
	char dir[4096], path[4200];
	int fd;

	snprintf(dir, sizeof dir, "%s/worlds", data_dir());
	ensure_dir(dir);
	snprintf(path, sizeof path, "%s/.lock", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

void worlds_unlock(int lock)
{
	if (lock >= 0)
		close(lock); /* closing the only descriptor lets the lock go */
}

/* Open world name's file, or a stand-in in memory for a world that does
 * not exist (when how is DB_EXISTING, or the server holds max_worlds()):
 * it reads as the new world will, with the seed its name gives, and
 * refuses every write (db_stand_in). */
static struct store *open_world_file(const char *name, enum db_open_how how)
{
	char path[4096], label[64];
	struct store *s;
	int lock;

	snprintf(label, sizeof label, "worlds/%s.db", name);
	if (world_db_path(path, sizeof path, name) < 0)
		return db_stand_in(label, &world_schema);
	if (how == DB_CREATE && access(path, F_OK) < 0) {
		/* A new world: count and make it under the folder's lock, so
		 * that racing joins never make more than max_worlds(). */
		lock = worlds_lock();
		if (lock < 0 || list_worlds(NULL) >= max_worlds())
			how = DB_EXISTING;
		s = db_open(path, label, &world_schema, how);
		worlds_unlock(lock);
	} else {
		s = db_open(path, label, &world_schema, how);
	}
	if (s->missing) {
		db_close(s);
		s = db_stand_in(label, &world_schema);
	}
	return s;
}

/* Close a store whose file may have been moved aside.  SQLite removes the
 * -wal and -shm files by name when the last connection closes: for a moved
 * file those names may already belong to a new world of the same name, so
 * they are left alone (the moved file's log is folded in by descriptor). */
static void close_store(struct store *s)
{
	int keep = 1;

	if (s && s->sql && db_stale(s))
		sqlite3_file_control(s->sql, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
	db_close(s);
}

/* Empty a kept world's slot. */
static void forget(struct kept_world *k)
{
	close_store(k->store);
	tally_close(&k->tally);
	memset(k, 0, sizeof *k);
}

void world_forget(struct stores *kept, const char *name)
{
	for (int i = 0; i < WORLDS_KEPT; i++)
		if (kept->worlds[i].store && strcmp(kept->worlds[i].name, name) == 0)
			forget(&kept->worlds[i]);
}

struct kept_world *world_store(struct stores *kept, const char *name,
			       enum db_open_how how)
{
	struct kept_world *k, *slot = &kept->worlds[0];

	kept->clock++;
	for (int i = 0; i < WORLDS_KEPT; i++) {
		k = &kept->worlds[i];
		if (k->store && strcmp(k->name, name) == 0) {
			/* Kept: still the same file, whole and writable, and made
			 * when it must be?  Else it is opened again. */
			if (db_recheck(k->store) || k->store->missing || k->store->failed) {
				slot = k;
				break;
			}
			k->used = kept->clock;
			k->store->made = 0; /* made by an earlier request */
			return k;
		}
		if (!k->store || k->used < slot->used)
			slot = k; /* an empty slot, else the least recently used */
	}
	forget(slot);
	snprintf(slot->name, sizeof slot->name, "%s", name);
	slot->store = open_world_file(name, how);
	if (!slot->store->missing && !slot->store->failed)
		tally_open(&slot->tally, name);
	slot->used = kept->clock;
	return slot;
}

struct store *progress_store(struct stores *kept)
{
	char path[4096];

	if (kept->progress && !kept->progress->failed && !db_recheck(kept->progress))
		return kept->progress;
	close_store(kept->progress);
	snprintf(path, sizeof path, "%s/steps.db", data_dir());
	kept->progress = db_open(path, "steps.db", &steps_schema, DB_CREATE);
	return kept->progress;
}

void stores_fold_logs(struct stores *kept)
{
	for (int i = 0; i < WORLDS_KEPT; i++)
		db_fold_log(kept->worlds[i].store);
	db_fold_log(kept->progress);
}

void stores_close(struct stores *kept)
{
	for (int i = 0; i < WORLDS_KEPT; i++) {
		db_close(kept->worlds[i].store);
		tally_close(&kept->worlds[i].tally);
	}
	db_close(kept->progress);
	memset(kept, 0, sizeof *kept);
}
