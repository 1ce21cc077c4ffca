/* scores.c: the scoreboard (see scores.h). */
#include "scores.h"
#include "db.h"
#include "reply.h"
#include "schema.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char SQL_SOLVED[] =
	"SELECT name, level FROM solved ORDER BY name, time";
static const char SQL_TREASURES[] =
	"SELECT p.name, count(*) FROM item i JOIN player p ON p.id = i.player"
	" WHERE i.kind = 'treasure' AND p.playing = 1 GROUP BY p.name";
/* One world's board: every player in it, with or without a treasure. */
static const char SQL_PLAYERS[] =
	"SELECT p.name, count(i.seq) FROM player p LEFT JOIN item i"
	" ON i.player = p.id AND i.kind = 'treasure' WHERE p.playing = 1 GROUP BY p.name";

/* The entry for name, added when new (unless max is 0: only names already
 * on the board); NULL when the board is full or the name is not wanted. */
static struct score *entry(struct score *out, int *n, int max, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(out[i].name, name) == 0)
			return &out[i];
	if (*n >= max)
		return NULL;
	memset(&out[*n], 0, sizeof out[*n]);
	snprintf(out[*n].name, sizeof out[*n].name, "%s", name);
	return &out[(*n)++];
}

/* Run sql on db, adding each (name, value) row to the board. */
static int each_row(struct store *db, const char *sql,
		    struct score *out, int *n, int max, int treasures)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);

	while (db_row(db, st)) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		struct score *s = entry(out, n, max, name ? name : "");
		if (!s)
			continue;
		if (treasures) {
			s->treasures += sqlite3_column_int(st, 1);
		} else if (s->levels < STEPS_LEVELS) {
			const char *level = (const char *)sqlite3_column_text(st, 1);
			snprintf(s->solved[s->levels++], 16, "%s", level ? level : "");
		}
	}
	db_done(st);
	return db->failed ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct score *)a)->name,
		      ((const struct score *)b)->name);
}

/* Add one world's players (read only: a missing world stays missing). */
static int one_world(const char *path, const char *sql, struct score *out, int *n, int max)
{
	struct store world = {0};
	int failed = 0;

	if (sqlite3_open_v2(path, &world.sql, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		failed = each_row(&world, sql, out, n, max, 1);
	sqlite3_close(world.sql);
	return failed;
}

int scores_read(struct request *rq, const char *only, struct score *out, int max)
{
	char dir[4096], path[4096 + 300];
	struct dirent *e;
	struct store *db;
	DIR *d;
	int n = 0, failed = 0;

	if (only && *only) {
		/* That world's players first; then their Steps levels. */
		if (world_db_path(path, sizeof path, only) == 0 && access(path, F_OK) == 0)
			failed |= one_world(path, SQL_PLAYERS, out, &n, max);
		max = 0;
	}
	if ((db = steps_db_open())) {
		failed |= each_row(db, SQL_SOLVED, out, &n, max, 0);
		db_close(db);
	}
	snprintf(dir, sizeof dir, "%s/worlds", data_dir());
	if (max && (d = opendir(dir))) {
		while ((e = readdir(d))) {
			size_t len = strlen(e->d_name);
			if (len < 4 || strcmp(e->d_name + len - 3, ".db") != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			failed |= one_world(path, SQL_TREASURES, out, &n, max);
		}
		closedir(d);
	}
	if (failed) {
		fail(rq, 503, "the scoreboard is busy; please try again in a moment");
		return -1;
	}
	qsort(out, n, sizeof *out, by_name);
	return n;
}
