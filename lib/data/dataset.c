/* dataset.c: the datasets of /data and their schemas (see dataset.h). */
#include "data/dataset.h"
#include "http/buf.h"

#include <stdio.h>
#include <string.h>

/* Columns several datasets share. */
#define TIME { .name = "time", .type = COL_REAL, .unit = "s", \
	.about = "when, in seconds since 1970 (Unix time)", .fill = BY_CLOCK }
#define WORLD_COL { .name = "world", .type = COL_TEXT, .unit = "", \
	.about = "the world's name", .fill = BY_WORLD }
#define REAL(n, u, a) { .name = n, .type = COL_REAL, .unit = u, .about = a }
#define TEXT(n, a) { .name = n, .type = COL_TEXT, .unit = "", .about = a }
#define DEPTH(n, a) { .name = n, .type = COL_REAL, .unit = "m", .about = a, .down = 1 }

/* A long-lived process keeps its connection: the TEMP tables are made once,
 * filled for a request and emptied after it (so the temp schema, and with it
 * every kept statement, stays as it is). */
static const char SQL_TEMP_GRID[] =
	"CREATE TEMP TABLE IF NOT EXISTS grid (x REAL, y REAL, depth REAL)";
static const char SQL_EMPTY_GRID[] = "DELETE FROM temp.grid";
static const char SQL_GRID_ROW[] = "INSERT INTO temp.grid VALUES (?, ?, ?)";
static const char SQL_TEMP_MOUNTS[] =
	"CREATE TEMP TABLE IF NOT EXISTS mounts (name TEXT, x REAL, y REAL, depth REAL)";
static const char SQL_EMPTY_MOUNTS[] = "DELETE FROM temp.mounts";
static const char SQL_MOUNT_ROW[] = "INSERT INTO temp.mounts VALUES (?, ?, ?, ?)";

/* Fill temp.grid with the sea floor every step metres, over the part of
 * the grid g can keep. */
static int fill_bathymetry(struct store *db, const struct world *w,
			   const struct grid *g)
{
	sqlite3_stmt *st;

	if (db_exec(db, SQL_TEMP_GRID, NULL) < 0 || db_exec(db, SQL_EMPTY_GRID, NULL) < 0 ||
	    !(st = db_prepare(db, SQL_GRID_ROW, NULL)))
		return -1;
	for (int y = g->y_min; y <= g->y_max && !db->failed; y += g->step)
		for (int x = g->x_min; x <= g->x_max && !db->failed; x += g->step)
			if (db_bind(db, st, 1, "ddd", (double)x, (double)y,
				    world_depth(w, x, y)) == 0)
				db_row(db, st);
	db_done(db, st);
	return db->failed ? -1 : 0;
}

/* Fill temp.mounts with the twelve seamounts and their peak depths. */
static int fill_seamounts(struct store *db, const struct world *w,
			  const struct grid *g)
{
	(void)g;
	if (db_exec(db, SQL_TEMP_MOUNTS, NULL) < 0 || db_exec(db, SQL_EMPTY_MOUNTS, NULL) < 0)
		return -1;
	for (int i = 0; i < SEAMOUNTS && !db->failed; i++) {
		const struct seamount *m = &w->seamounts[i];
		db_exec(db, SQL_MOUNT_ROW, "tddd", m->name, m->x, m->y,
			world_depth(w, m->x, m->y));
	}
	return db->failed ? -1 : 0;
}

static const struct dataset datasets[] = {
	{ .name = "bathymetry",
	  .about = "the sea floor's depth on a grid (step=10 by default), the same as /ping there",
	  .example = "dataset=bathymetry&step=5&x=200&y>=250&y<=350&columns=y,depth",
	  .cols = { REAL("x", "m", "metres east"), REAL("y", "m", "metres north"),
		    DEPTH("depth", "depth of the sea floor") },
	  .ncols = 3,
	  .source = "SELECT x, y, depth, rowid AS row_ FROM temp.grid",
	  .fill = fill_bathymetry, .empty = SQL_EMPTY_GRID, .grid = 1,
	  .plot_x = "x", .plot_y = "depth" },
	{ .name = "seamounts",
	  .about = "the twelve underwater mountains and the depth at their peaks",
	  .example = "dataset=seamounts&orderby=depth",
	  .cols = { TEXT("name", "the seamount's name"),
		    REAL("x", "m", "metres east of the peak"),
		    REAL("y", "m", "metres north of the peak"),
		    DEPTH("depth", "depth of the sea floor at the peak") },
	  .ncols = 4,
	  .source = "SELECT name, x, y, depth, rowid AS row_ FROM temp.mounts",
	  .fill = fill_seamounts, .empty = SQL_EMPTY_MOUNTS,
	  .plot_x = "x", .plot_y = "y" },
	{ .name = "tracks",
	  .about = "where players were: one row each time a player asked /location",
	  .example = "dataset=tracks&orderby=time desc&limit=20",
	  .cols = { TIME, WORLD_COL, TEXT("player", "the player's name"),
		    REAL("x", "m", "metres east"), REAL("y", "m", "metres north"),
		    DEPTH("z", "depth below the surface") },
	  .ncols = 6,
	  .source = "SELECT time, ?1 AS world, player, x, y, z, rowid AS row_ FROM track",
	  .plot_x = "x", .plot_y = "y", .plot_group = "player", .plot_track = 1 },
	{ .name = "sightings",
	  .about = "what players saw: one row for each thing /look showed",
	  .example = "dataset=sightings&thing=whale&limit=20",
	  .cols = { TIME, WORLD_COL, TEXT("player", "who looked"),
		    TEXT("thing", "whale or treasure"),
		    REAL("x", "m", "metres east"), REAL("y", "m", "metres north"),
		    DEPTH("z", "depth below the surface") },
	  .ncols = 7,
	  .source = "SELECT time, ?1 AS world, player, thing, x, y, z, rowid AS row_ "
		    "FROM sighting",
	  .plot_x = "x", .plot_y = "y", .plot_group = "player" },
	{ .name = "soundings",
	  .about = "depths that players measured and sent in (add yours with &add)",
	  .example = "dataset=soundings&orderby=time desc",
	  .cols = { TIME, WORLD_COL,
		    { .name = "name", .type = COL_TEXT, .unit = "",
		      .about = "who measured it", .required = 1 },
		    { .name = "x", .type = COL_REAL, .unit = "m", .about = "metres east",
		      .required = 1, .min = 0, .max = OCEAN_SIZE, .max_open = 1 },
		    { .name = "y", .type = COL_REAL, .unit = "m", .about = "metres north",
		      .required = 1, .min = 0, .max = OCEAN_SIZE, .max_open = 1 },
		    { .name = "depth", .type = COL_REAL, .unit = "m",
		      .about = "the depth measured", .down = 1,
		      .required = 1, .min = 0, .max = 50 } },
	  .ncols = 6,
	  .source = "SELECT time, ?1 AS world, name, x, y, depth, rowid AS row_ "
		    "FROM sounding",
	  .insert = "INSERT INTO sounding (time, name, x, y, depth) VALUES (?, ?, ?, ?, ?)",
	  .plot_x = "x", .plot_y = "depth", .plot_group = "name",
	  .add_example = "name=fred&x=12.5&y=40&depth=28.1" },
};

const struct dataset *all_datasets(int *n)
{
	*n = (int)LEN(datasets);
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

const char *column_names(const struct dataset *d, char out[COLUMN_NAMES_MAX])
{
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; i < d->ncols && at < COLUMN_NAMES_MAX; i++)
		at += (size_t)snprintf(out + at, COLUMN_NAMES_MAX - at, "%s%s",
				       i ? ", " : "", d->cols[i].name);
	return out;
}

/* Append the ith of n names to out (at bytes used): ", " between them,
 * last_sep (" or ", " and ") before the last. */
static void add_name(char out[NAMES_MAX], size_t *at, const char *name, int i,
		     int n, const char *last_sep)
{
	if (*at < NAMES_MAX)
		*at += (size_t)snprintf(out + *at, NAMES_MAX - *at, "%s%s",
					i == 0 ? "" : i == n - 1 ? last_sep : ", ", name);
}

const char *dataset_names(char out[NAMES_MAX])
{
	size_t at = 0;
	int n;
	const struct dataset *d = all_datasets(&n);

	out[0] = '\0';
	for (int i = 0; i < n; i++)
		add_name(out, &at, d[i].name, i, n, " or ");
	return out;
}

const char *required_names(const struct dataset *d, char out[NAMES_MAX])
{
	size_t at = 0;
	int n = 0;
	int i = 0;

	out[0] = '\0';
	for (int c = 0; c < d->ncols; c++)
		n += d->cols[c].required;
	for (int c = 0; c < d->ncols; c++)
		if (d->cols[c].required)
			add_name(out, &at, d->cols[c].name, i++, n, " and ");
	return out;
}

const struct dataset *grid_dataset(void)
{
	for (size_t i = 0; i < LEN(datasets); i++)
		if (datasets[i].grid)
			return &datasets[i];
	return NULL;
}

const struct dataset *submittable_dataset(void)
{
	for (size_t i = 0; i < LEN(datasets); i++)
		if (datasets[i].insert)
			return &datasets[i];
	return NULL;
}

const char *type_name(enum col_type t)
{
	return t == COL_INT ? "integer" : t == COL_REAL ? "real number" : "text";
}
