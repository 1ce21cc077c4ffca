/* worlds.c: the home of worlds: their files, what a process keeps open,
 * opening one for a request, making, setting aside and remaking (see
 * worlds.h). */
#include "ocean/worlds.h"
#include "store/db.h"
#include "http/query.h"
#include "ocean/reply.h"
#include "store/schema.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char SQL_FOLD_LOG[] = "PRAGMA wal_checkpoint(TRUNCATE)";
static const char SQL_BLOOM[] = "UPDATE world SET bloom = ?";
static const char SQL_SET_VIEW[] = "UPDATE world SET view = ?";
static const char SQL_SET_LIMIT[] = "UPDATE world SET rate_limit = ?";
static const char SQL_SET_TREASURES[] = "UPDATE world SET treasures = ?";
static const char SQL_WORLD[] =
	"SELECT w.seed, w.bloom, w.locked, w.rate_limit, w.treasures = 'each', " ROUND_COLUMNS
	" FROM world w" ROUND_JOIN;

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
	return (int)setting_int("MAX_WORLDS", 1, 100000, MAX_WORLDS_DEFAULT);
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
		if ((kept->worlds[i].store || kept->worlds[i].tally.map) &&
		    strcmp(kept->worlds[i].name, name) == 0)
			forget(&kept->worlds[i]);
}

struct kept_world *world_store(struct stores *kept, const char *name,
			       enum db_open_how how)
{
	struct kept_world *k, *slot = &kept->worlds[0];

	kept->clock++;
	for (int i = 0; i < WORLDS_KEPT; i++) {
		k = &kept->worlds[i];
		if (!k->store && k->tally.map && strcmp(k->name, name) == 0) {
			/* Only its tally, mapped by world_tally: keep it. */
			slot = k;
			break;
		}
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
	if (slot->store || strcmp(slot->name, name) != 0)
		forget(slot);
	snprintf(slot->name, sizeof slot->name, "%s", name);
	slot->store = open_world_file(name, how);
	if (!slot->store->missing && !slot->store->failed && !slot->tally.map)
		tally_open(&slot->tally, name);
	slot->used = kept->clock;
	return slot;
}

struct tally *world_tally(struct stores *kept, const char *name)
{
	struct kept_world *k, *slot = &kept->worlds[0], *empty = NULL;

	for (int i = 0; i < WORLDS_KEPT; i++) {
		k = &kept->worlds[i];
		if (k->tally.map && strcmp(k->name, name) == 0) {
			if (!tally_moved(&k->tally, name))
				return &k->tally;
			slot = k;   /* set aside, or made anew: mapped again */
			break;
		}
		if (!k->store && !k->tally.map)
			empty = k;
		else if (k->used < slot->used)
			slot = k;
	}
	if (empty)
		slot = empty;
	forget(slot);
	if (tally_open_existing(&slot->tally, name) < 0)
		return NULL;
	snprintf(slot->name, sizeof slot->name, "%s", name);
	slot->used = ++kept->clock;
	return &slot->tally;
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
	tally_close(&kept->budget);
	db_close(kept->progress);
	memset(kept, 0, sizeof *kept);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

int list_worlds(char (**names)[WORLD_NAME_MAX + 1])
{
	char dir[4096], name[WORLD_NAME_MAX + 1];
	char (*list)[WORLD_NAME_MAX + 1] = NULL;
	struct dirent *e;
	DIR *d;
	int n = 0, cap = 0;

	if (names)
		*names = NULL;
	snprintf(dir, sizeof dir, "%s/worlds", data_dir());
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 4 || len > 35 || strcmp(e->d_name + len - 3, ".db") != 0)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(len - 3), e->d_name);
		if (!is_word(name, WORLD_NAME_MAX))
			continue;
		if (names && n == cap) {
			cap = cap ? 2 * cap : 64;
			list = xrealloc(list, (size_t)cap * sizeof *list);
		}
		if (names)
			memcpy(list[n], name, sizeof name);
		n++;
	}
	closedir(d);
	if (names) {
		qsort(list, (size_t)n, sizeof *list, by_name);
		*names = list;
	}
	return n;
}

int world_damaged(const struct store *s)
{
	int primary = s->code & 0xff;

	return s->failed && (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB);
}

/* Move from to to when from exists.  Returns 0 (moved, or nothing to
 * move) or -1. */
static int move_if_there(const char *from, const char *to)
{
	return rename(from, to) == 0 || errno == ENOENT ? 0 : -1;
}

int world_set_aside(struct request *rq, const char *name, const char *why)
{
	static const char *const ends[] = { "-wal", "-shm" };
	char path[4096], aside[4200], from[4300], to[4400], stamp[32];
	struct kept_world *k;
	time_t t = (time_t)rq->now;
	int lock, moved = -1;

	if (world_db_path(path, sizeof path, name) < 0)
		return 0;
	lock = worlds_lock();
	k = world_store(rq->stores, name, DB_EXISTING);
	if (k->store->missing) {
		moved = 0;
		goto done;
	}
	/* Fold the log into the file while it is still in place (a damaged
	 * file cannot: its log moves with it). */
	if (!k->store->failed && db_exec(k->store, SQL_FOLD_LOG, NULL) < 0)
		db_clear_fault(k->store);
	world_forget(rq->stores, name);
	/* NAME.db.WHY-TIME, with a count when that name is taken. */
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&t));
	for (int n = 1; ; n++) {
		snprintf(aside, sizeof aside, n == 1 ? "%s.%s-%s" : "%s.%s-%s-%d",
			 path, why, stamp, n);
		if (access(aside, F_OK) < 0 && errno == ENOENT)
			break;
	}
	if (rename(path, aside) < 0)
		goto done;
	moved = 1;
	for (size_t i = 0; i < LEN(ends); i++) {
		snprintf(from, sizeof from, "%s%s", path, ends[i]);
		snprintf(to, sizeof to, "%s%s", aside, ends[i]);
		move_if_there(from, to);
	}
	snprintf(from, sizeof from, "%s/worlds/%s.tally", data_dir(), name);
	snprintf(to, sizeof to, "%s.tally", aside);
	move_if_there(from, to);
done:
	worlds_unlock(lock);
	return moved;
}

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

int world_remake(struct request *rq, long long seed)
{
	int each;

	if (seed < 0 && rq->db->made)
		seed = rq->world.seed; /* made just now: the ocean its name gives */
	else if (seed < 0)
		seed = world_new_seed();
	if (world_clear(rq->db, seed, rq->now) < 0)
		return -1;
	each = rq->world.treasures_each;   /* a reset keeps the rule */
	world_make(&rq->world, seed);
	rq->world.treasures_each = each;
	tally_clear(&rq->kept->tally);
	return 0;
}

int world_set_limit(struct request *rq, int rate)
{
	tally_set_limit(&rq->kept->tally, rate);
	return db_exec(rq->db, SQL_SET_LIMIT, "i", (long long)rate);
}

int world_set_bloom(struct request *rq, int on)
{
	rq->world.bloom = on;
	return db_exec(rq->db, SQL_BLOOM, "i", (long long)on);
}

int world_set_treasures(struct request *rq, int each)
{
	rq->world.treasures_each = each;
	return db_exec(rq->db, SQL_SET_TREASURES, "t", each ? "each" : "shared");
}

int world_renew_view(struct request *rq, char view[VIEW_CODE_LEN + 1])
{
	world_new_view_code(view);
	return db_exec(rq->db, SQL_SET_VIEW, "t", view);
}

int answer_fault(struct request *rq, const struct store *s)
{
	char text[512];

	db_fault_text(s, text, sizeof text);
	fail(rq, db_fault_status(s), "%s", text);
	return 0;
}

struct store *world_begin(struct request *rq, const char *name, enum world_want want)
{
	enum db_open_how how = want == WORLD_MAKE ? DB_CREATE : DB_EXISTING;
	int writing = want != WORLD_READ;
	struct kept_world *k;
	sqlite3_stmt *st;

	k = rq->kept = world_store(rq->stores, name, how);
	rq->db = k->store;
	/* Prepared before the lock is taken: preparing reads the schema. */
	st = db_prepare(rq->db, SQL_WORLD, NULL);
	if (!st || (writing ? db_begin(rq->db) : db_begin_read(rq->db)) < 0) {
		db_done(rq->db, st);
		return NULL;
	}
	if (db_row(rq->db, st)) {
		long long seed = sqlite3_column_int64(st, 0);
		if (!k->have_world || k->seed != seed) {
			world_make(&k->world, seed);
			k->seed = seed;
			k->have_world = 1;
		}
		rq->world = k->world;
		rq->world.bloom = sqlite3_column_int(st, 1);
		rq->world_locked = sqlite3_column_int(st, 2);
		rq->world_rate_limit = sqlite3_column_int(st, 3);
		rq->world.treasures_each = sqlite3_column_int(st, 4);
		round_from_row(rq, st, 5);
		tally_set_limit(&k->tally, rq->world_rate_limit); /* limit.h */
	}
	db_done(rq->db, st);
	/* A round played past its end: its results are written by the first
	 * request that may write, before anything can change them. */
	if (writing && !rq->db->failed && !rq->db->missing && round_settle(rq) < 0)
		return NULL;
	return rq->db->failed ? NULL : rq->db;
}

enum world_writable world_writable(struct request *rq)
{
	if (rq->db->missing && !is_head(rq)) {
		db_end(rq->db, 0);
		/* Made under the worlds' lock, counted against MAX_WORLDS. */
		if (!world_begin(rq, rq->world_name, WORLD_MAKE))
			return answer_fault(rq, rq->db) - 1;
		if (rq->db->missing)
			return WORLD_NOT_MADE;
		/* Counted in the new world's tally (the stand-in has none). */
		tally_count(&rq->kept->tally, -1, rq->route->name, rq->now);
		return WORLD_WRITABLE;
	}
	db_stand_in_writable(rq->db); /* HEAD: rolled back at the end */
	if (rq->route->store == STORE_WORLD_READ && db_begin_writing(rq->db) < 0)
		return answer_fault(rq, rq->db) - 1;
	return WORLD_WRITABLE;
}
