/* scores.c: the scoreboard (see scores.h). */
#include "scores.h"
#include "db.h"
#include "reply.h"
#include "schema.h"
#include "serve.h"
#include "teacher.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	db_done(db, st);
	return db->failed ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct score *)a)->name,
		      ((const struct score *)b)->name);
}

/* Add one world's rows: its treasures (or, with SQL_PLAYERS, every player
 * in it) in a read snapshot; a world that cannot be read is left out (the
 * teacher's /admin names it). */
static void one_world(struct request *rq, const char *name, const char *sql,
		      struct score *out, int *n, int max)
{
	if (world_begin(rq, name, DB_EXISTING, 0))
		each_row(rq->db, sql, out, n, max, 1);
	db_end(rq->db, 0);
	rq->db = NULL;
}

int scores_read(struct request *rq, const char *only, struct score *out, int max)
{
	char (*names)[WORLD_NAME_MAX + 1] = NULL;
	struct store *db = progress_store(rq->stores);
	int n = 0, worlds = 0;

	if (only && *only) {
		/* That world's players first; then their Steps levels only. */
		one_world(rq, only, SQL_PLAYERS, out, &n, max);
		max = 0;
	} else {
		worlds = list_worlds(&names);
	}
	if (db_begin_read(db) == 0) {
		each_row(db, SQL_SOLVED, out, &n, max, 0);
		db_end(db, 0);
	}
	for (int i = 0; i < worlds; i++)
		one_world(rq, names[i], SQL_TREASURES, out, &n, max);
	free(names);
	qsort(out, n, sizeof *out, by_name);
	return n;
}
