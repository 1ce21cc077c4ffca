/* scores.c: the scoreboard (see scores.h). */
#include "scores.h"
#include "db.h"
#include "reply.h"
#include "schema.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_SOLVED[] =
	"SELECT name, level FROM solved ORDER BY name, time";
static const char SQL_TREASURES[] =
	"SELECT p.name, count(*) FROM item i JOIN player p ON p.id = i.player"
	" WHERE i.kind = 'treasure' AND p.playing = 1 GROUP BY p.name";

/* The entry for name, added when new; NULL when the board is full. */
static struct score *entry(struct score *out, int *n, int max, const char *name)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(out[i].name, name) == 0)
			return &out[i];
	if (*n == max)
		return NULL;
	memset(&out[*n], 0, sizeof out[*n]);
	snprintf(out[*n].name, sizeof out[*n].name, "%s", name);
	return &out[(*n)++];
}

/* Run sql on db, calling add for each (name, value) row. */
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

int scores_read(struct request *rq, struct score *out, int max)
{
	char dir[4096], path[4096 + 300];
	struct dirent *e;
	struct store *db, world = {0};
	DIR *d;
	int n = 0, failed = 0;

	if ((db = steps_db_open())) {
		failed |= each_row(db, SQL_SOLVED, out, &n, max, 0);
		db_close(db);
	}
	snprintf(dir, sizeof dir, "%s/worlds", data_dir());
	if ((d = opendir(dir))) {
		while ((e = readdir(d))) {
			size_t len = strlen(e->d_name);
			if (len < 4 || strcmp(e->d_name + len - 3, ".db") != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (sqlite3_open_v2(path, &world.sql, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
				failed |= each_row(&world, SQL_TREASURES, out, &n, max, 1);
			sqlite3_close(world.sql);
			world.failed = 0;
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
