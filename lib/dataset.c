/* dataset.c: the datasets of /data and their schemas (see dataset.h). */
#include "dataset.h"
#include "dataquery.h"
#include "db.h"
#include "reply.h"
#include "world.h"

#include <stdio.h>
#include <string.h>

/* Columns: name, type, unit, about, down, fill, required, min, max, max_open */
#define TIME { "time", COL_REAL, "s", "when, in seconds since 1970 (Unix time)", 0, BY_CLOCK, 0, 0, 0, 0 }
#define WORLD_COL { "world", COL_TEXT, "", "the world's name", 0, BY_WORLD, 0, 0, 0, 0 }
#define X(req)  { "x", COL_REAL, "m", "metres east", 0, BY_PLAYER, req, 0, OCEAN_SIZE, 1 }
#define Y(req) { "y", COL_REAL, "m", "metres north", 0, BY_PLAYER, req, 0, OCEAN_SIZE, 1 }

/* A long-lived process keeps its connection: the temporary tables are made
 * once and emptied for each request. */
static const char SQL_TEMP_GRID[] =
	"CREATE TEMP TABLE IF NOT EXISTS grid (x REAL, y REAL, depth REAL)";
static const char SQL_EMPTY_GRID[] = "DELETE FROM temp.grid";
static const char SQL_GRID_ROW[] = "INSERT INTO temp.grid VALUES (?, ?, ?)";
static const char SQL_TEMP_MOUNTS[] =
	"CREATE TEMP TABLE IF NOT EXISTS mounts (name TEXT, x REAL, y REAL, depth REAL)";
static const char SQL_EMPTY_MOUNTS[] = "DELETE FROM temp.mounts";
static const char SQL_MOUNT_ROW[] = "INSERT INTO temp.mounts VALUES (?, ?, ?, ?)";

/* Fill temp.grid with the sea floor every step metres (rows no x or y
 * condition could keep are skipped). */
static int fill_bathymetry(struct request *rq, const struct query_plan *plan)
{
	sqlite3_stmt *st;
	long long points = 0;

	for (int y = 0; y < OCEAN_SIZE; y += plan->step)
		for (int x = 0; x < OCEAN_SIZE; x += plan->step)
			points += row_may_match(plan, "x", x) && row_may_match(plan, "y", y);
	if (points > GRID_POINTS_MAX) {
		fail(rq, 400, "that grid has %lld points, more than %d: use a bigger "
		     "step, or keep fewer rows with conditions on x and y", points,
		     GRID_POINTS_MAX);
		return -1;
	}
	if (db_exec(rq->db, SQL_TEMP_GRID, NULL) < 0 ||
	    db_exec(rq->db, SQL_EMPTY_GRID, NULL) < 0 ||
	    !(st = db_prepare(rq->db, SQL_GRID_ROW, NULL)))
		return -1;
	for (int y = 0; y < OCEAN_SIZE; y += plan->step)
		for (int x = 0; x < OCEAN_SIZE; x += plan->step) {
			if (!row_may_match(plan, "x", x) || !row_may_match(plan, "y", y))
				continue;
			sqlite3_bind_double(st, 1, x);
			sqlite3_bind_double(st, 2, y);
			sqlite3_bind_double(st, 3, world_depth(&rq->world, x, y));
			db_row(rq->db, st);
			sqlite3_reset(st);
		}
	db_done(rq->db, st);
	return rq->db->failed ? -1 : 0;
}

/* Fill temp.mounts with the twelve seamounts and their peak depths. */
static int fill_seamounts(struct request *rq, const struct query_plan *plan)
{
	const struct world *w = &rq->world;

	(void)plan;
	if (db_exec(rq->db, SQL_TEMP_MOUNTS, NULL) < 0 ||
	    db_exec(rq->db, SQL_EMPTY_MOUNTS, NULL) < 0)
		return -1;
	for (int i = 0; i < SEAMOUNTS; i++)
		db_exec(rq->db, SQL_MOUNT_ROW, "tddd", w->seamounts[i].name, w->seamounts[i].x,
			w->seamounts[i].y, world_depth(w, w->seamounts[i].x, w->seamounts[i].y));
	return rq->db->failed ? -1 : 0;
}

static const struct dataset datasets[] = {
	{ "bathymetry", "the sea floor's depth on a grid (step=10 by default), "
	  "the same as /ping there",
	  "dataset=bathymetry&step=5&x=200&y>=250&y<=350&columns=y,depth",
	  { { "x", COL_REAL, "m", "metres east", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "y", COL_REAL, "m", "metres north", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "depth", COL_REAL, "m", "depth of the sea floor", 1, BY_PLAYER, 0, 0, 0, 0 } },
	  3, "SELECT x, y, depth, rowid AS row_ FROM temp.grid", fill_bathymetry,
	  NULL, "x", "depth" },
	{ "seamounts", "the twelve underwater mountains and the depth at their peaks",
	  "dataset=seamounts&orderby=depth",
	  { { "name", COL_TEXT, "", "the seamount's name", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "x", COL_REAL, "m", "metres east of the peak", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "y", COL_REAL, "m", "metres north of the peak", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "depth", COL_REAL, "m", "depth of the sea floor at the peak", 1, BY_PLAYER, 0, 0, 0, 0 } },
	  4, "SELECT name, x, y, depth, rowid AS row_ FROM temp.mounts", fill_seamounts,
	  NULL, "x", "y" },
	{ "tracks", "where players were: one row each time a player asked /location",
	  "dataset=tracks&orderby=time desc&limit=20",
	  { TIME, WORLD_COL,
	    { "player", COL_TEXT, "", "the player's name", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "x", COL_REAL, "m", "metres east", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "y", COL_REAL, "m", "metres north", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "z", COL_REAL, "m", "depth below the surface", 1, BY_PLAYER, 0, 0, 0, 0 } },
	  6, "SELECT time, :world AS world, player, x, y, z, rowid AS row_ FROM track",
	  NULL, NULL, "x", "y" },
	{ "sightings", "what players saw: one row for each thing /look showed",
	  "dataset=sightings&thing=whale&limit=20",
	  { TIME, WORLD_COL,
	    { "player", COL_TEXT, "", "who looked", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "thing", COL_TEXT, "", "whale or treasure", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "x", COL_REAL, "m", "metres east", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "y", COL_REAL, "m", "metres north", 0, BY_PLAYER, 0, 0, 0, 0 },
	    { "z", COL_REAL, "m", "depth below the surface", 1, BY_PLAYER, 0, 0, 0, 0 } },
	  7, "SELECT time, :world AS world, player, thing, x, y, z, rowid AS row_ FROM sighting",
	  NULL, NULL, "x", "y" },
	{ "soundings", "depths that players measured and sent in (add yours with &add)",
	  "dataset=soundings&orderby=time desc",
	  { TIME, WORLD_COL,
	    { "name", COL_TEXT, "", "who measured it", 0, BY_PLAYER, 1, 0, 0, 0 },
	    X(1), Y(1),
	    { "depth", COL_REAL, "m", "the depth measured", 1, BY_PLAYER, 1, 0, 50, 0 } },
	  6, "SELECT time, :world AS world, name, x, y, depth, rowid AS row_ FROM sounding",
	  NULL, "INSERT INTO sounding (time, name, x, y, depth) VALUES (?, ?, ?, ?, ?)",
	  "x", "depth" },
};

const struct dataset *all_datasets(int *n)
{
	*n = (int)(sizeof datasets / sizeof datasets[0]);
	return datasets;
}

const struct dataset *find_dataset(const char *name)
{
	int n;
	const struct dataset *d = all_datasets(&n);

	for (int i = 0; i < n; i++)
		if (strcmp(d[i].name, name) == 0)
			return &d[i];
	return NULL;
}

const struct column *find_column(const struct dataset *d, const char *name)
{
	for (int i = 0; i < d->ncols; i++)
		if (strcmp(d->cols[i].name, name) == 0)
			return &d->cols[i];
	return NULL;
}

const char *column_names(const struct dataset *d)
{
	static char out[200];
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; i < d->ncols && at < sizeof out; i++)
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s", i ? ", " : "",
				       d->cols[i].name);
	return out;
}

const char *type_name(enum col_type t)
{
	return t == COL_INT ? "integer" : t == COL_REAL ? "real number" : "text";
}
