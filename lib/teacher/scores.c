/* scores.c: the scoreboard (see scores.h).  The rows are gathered from the
 * Steps file and the worlds' files into one array, sorted by name to merge
 * a name's rows into one line, then ranked. */
#include "teacher/scores.h"
#include "ocean/worlds.h"
#include "http/buf.h"
#include "store/db.h"
#include "ocean/reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every level solved, a name's rows together, each name's in order solved. */
static const char SQL_SOLVED[] =
	"SELECT name, level FROM solved ORDER BY name, time";
/* A world's board: every player in it, with or without a treasure. */
static const char SQL_PLAYERS[] =
	"SELECT p.name, count(i.seq) FROM player p LEFT JOIN item i"
	" ON i.player = p.id AND i.kind = 'treasure' WHERE p.playing = 1 GROUP BY p.name";

struct board {
	struct score *s;
	int n, cap;
};

/* A new, empty line for name at the end of the board; NULL when it is full. */
static struct score *add(struct board *b, const char *name)
{
	if (b->n == SCORES_MAX_PLAYERS)
		return NULL;
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		if (b->cap > SCORES_MAX_PLAYERS)
			b->cap = SCORES_MAX_PLAYERS;
		b->s = xrealloc(b->s, (size_t)b->cap * sizeof *b->s);
	}
	memset(&b->s[b->n], 0, sizeof b->s[b->n]);
	snprintf(b->s[b->n].name, sizeof b->s[b->n].name, "%s", name);
	return &b->s[b->n++];
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct score *)a)->name,
		      ((const struct score *)b)->name);
}

/* The ranking: treasures, then levels, both most first; then by name. */
static int by_rank(const void *a, const void *b)
{
	const struct score *x = a, *y = b;

	if (x->treasures != y->treasures)
		return x->treasures > y->treasures ? -1 : 1;
	if (x->levels != y->levels)
		return x->levels > y->levels ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Sort the board by name and fold each name's lines into one (treasures
 * summed; the levels are on one line only, the Steps file's). */
static void merge_names(struct board *b)
{
	int kept = 0;

	if (b->n == 0)
		return;   /* b->s may be NULL, which qsort must not get */
	qsort(b->s, b->n, sizeof *b->s, by_name);
	for (int i = 0; i < b->n; i++) {
		struct score *last = kept ? &b->s[kept - 1] : NULL;
		if (last && strcmp(last->name, b->s[i].name) == 0) {
			last->treasures += b->s[i].treasures;
			if (!last->levels) {
				last->levels = b->s[i].levels;
				memcpy(last->solved, b->s[i].solved, sizeof last->solved);
			}
		} else {
			b->s[kept++] = b->s[i];
		}
	}
	b->n = kept;
}

/* Add every player of one world (its SQL_PLAYERS rows), in a read snapshot.
 * A world that cannot be read (damaged, read-only) is left out of the whole
 * board (the teacher's /admin names it); when it is the one world asked for
 * (named is 1), its fault is the answer.  Returns 0, or -1 when it could
 * not be read. */
static int one_world(struct request *rq, const char *name, struct board *b, int named)
{
	struct store *db = world_begin(rq, name, WORLD_READ);
	sqlite3_stmt *st;
	struct score *s;

	if (db) {
		st = db_prepare(db, SQL_PLAYERS, NULL);
		while (db_row(db, st)) {
			const char *who = (const char *)sqlite3_column_text(st, 0);
			if ((s = add(b, who ? who : "")))
				s->treasures = sqlite3_column_int(st, 1);
		}
		db_done(db, st);
	} else if (named) {
		answer_fault(rq, rq->db);
	}
	db_end(rq->db, 0);
	rq->db = NULL;
	return db ? 0 : -1;
}

/* Add the Steps levels: to the name's line when the board has it (sorted by
 * name, as after merge_names), else (when new is 1) on a line of its own. */
static int steps_levels(struct store *db, struct board *b, int new)
{
	sqlite3_stmt *st = db_prepare(db, SQL_SOLVED, NULL);
	struct score *s = NULL, key;

	while (db_row(db, st)) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *level = (const char *)sqlite3_column_text(st, 1);
		name = name ? name : "";
		if (!s || strcmp(s->name, name) != 0) {
			snprintf(key.name, sizeof key.name, "%s", name);
			s = new ? add(b, name) : b->n == 0 ? NULL
			  : bsearch(&key, b->s, b->n, sizeof *b->s, by_name);
		}
		if (s && s->levels < STEPS_LEVELS)
			snprintf(s->solved[s->levels++], 16, "%s", level ? level : "");
	}
	db_done(db, st);
	return db->failed ? -1 : 0;
}

int scores_read(struct request *rq, const char *only, struct score **out)
{
	char (*names)[WORLD_NAME_MAX + 1] = NULL;
	struct store *db = progress_store(rq->stores);
	struct board b = {0};
	int worlds = 0, whole = !only || !*only;

	*out = NULL;
	if (!whole) {
		if (one_world(rq, only, &b, 1) < 0)
			return -1;
		merge_names(&b);
	}
	if (db_begin_read(db) == 0) {
		steps_levels(db, &b, whole);
		db_end(db, 0);
	}
	if (whole)
		worlds = list_worlds(&names);
	for (int i = 0; i < worlds; i++)
		one_world(rq, names[i], &b, 0);
	free(names);
	merge_names(&b);
	if (b.n)
		qsort(b.s, b.n, sizeof *b.s, by_rank);
	*out = b.s;
	return b.n;
}
