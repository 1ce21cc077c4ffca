/* test_dataquery.c: reading a /data address into a plan (lib/dataquery.c)
 * and the SQL made from it (lib/datasql.c), on a real SQLite file: every
 * plan the reader accepts makes SQL that runs, the bounds are 400s, and one
 * connection serves request after request (as in event mode). */
#include "data/dataquery.h"
#include "data/datasql.h"
#include "ocean/reply.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The logged tables the datasets read, as the world's schema has them. */
static const char SCHEMA[] =
	"CREATE TABLE track (time REAL, player TEXT, x REAL, y REAL, z REAL);"
	"CREATE TABLE sighting (time REAL, player TEXT, thing TEXT, x REAL, y REAL, z REAL);"
	"CREATE TABLE sounding (time REAL, name TEXT, x REAL, y REAL, depth REAL);"
	/* A row's name= is looked up here (a protected name needs its word). */
	"CREATE TABLE player (id INTEGER, name TEXT, x REAL, y REAL, z REAL, vx REAL,"
	" vy REAL, heading REAL, t REAL, wrapped INTEGER, whale TEXT, playing INTEGER,"
	" secret TEXT, skeleton TEXT);"
	/* ... and on the class roster (a name on it needs its word too). */
	"CREATE TABLE roster (seq INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" word TEXT NOT NULL, added REAL NOT NULL, skeleton TEXT NOT NULL);"
	"INSERT INTO track VALUES (1, 'fred', 10, 20, 0), (2, 'fred', 11, 21, 5);";
static const struct schema schema = { .create = SCHEMA, .version = 1 };

static struct request rq;
static struct query_plan plan;

/* Read raw as a request's query (parsed once, as lib does): 0 when the
 * plan is accepted, else -1 with the sentence in rq.reply.text. */
static int plan_of(const char *raw)
{
	char err[256];

	plan_free(&plan);
	query_free(&rq.query);
	buf_clear(&rq.reply.text);
	buf_clear(&rq.reply.fields);
	rq.reply.status = 200;
	rq.in.query = raw;
	if (query_parse(&rq.query, raw, err, sizeof err) < 0) {
		fail(&rq, 400, "%s", err);
		return -1;
	}
	return plan_query(&rq, &plan);
}

/* 1 when raw is refused with a 400 whose sentence holds words. */
static int refused(const char *raw, const char *words)
{
	int ok = plan_of(raw) < 0 && rq.reply.status == 400 &&
		 strstr(buf_str(&rq.reply.text), words) != NULL;

	if (!ok)
		fprintf(stderr, "%s -> %d %s\n", raw, rq.reply.status, buf_str(&rq.reply.text));
	return ok;
}

/* The grid plan_of(raw) keeps: "x_min..x_max y_min..y_max step". */
static const char *grid_of(const char *raw)
{
	static char out[64];

	if (plan_of(raw) < 0)
		return buf_str(&rq.reply.text);
	snprintf(out, sizeof out, "%d..%d %d..%d %d", plan.grid.x_min, plan.grid.x_max,
		 plan.grid.y_min, plan.grid.y_max, plan.grid.step);
	return out;
}

/* Run an accepted plan as /data would, inside one transaction: fill,
 * select (or summarise), read every row, drop.  Returns the rows read, or
 * -1 when a SQLite call failed. */
static long long run(const struct world *w)
{
	sqlite3_stmt *st;
	long long n = 0;

	CHECK(db_exec(rq.db, "BEGIN", NULL) == 0);
	if (data_fill(rq.db, w, &plan) == 0) {
		st = plan.info ? summarise_rows(rq.db, &plan, "unit")
			       : select_rows(rq.db, &plan, "unit");
		while (db_row(rq.db, st))
			n++;
		db_done(rq.db, st);
		data_empty(rq.db, &plan);
	}
	db_end(rq.db, 1);
	return rq.db->failed ? -1 : n;
}

int main(void)
{
	char dir[UNIT_DIR_MAX], path[256], big[300];
	struct world w;
	int n, accepted = 0;
	const struct dataset *all = all_datasets(&n);
	static const char *const columns[] = { "", "&columns=", "&columns=,x", "&columns=x,,y",
					       "&columns=,,,", "&columns=depth,name", "&columns=time" };
	static const char *const conditions[] = { "", "&x>1", "&name=a", "&time<5&player!=b",
						  "&depth>=2&depth<=40", "&x=y", "&thing=whale" };
	static const char *const orders[] = { "", "&orderby=x desc", "&orderby=time,player desc",
					      "&orderby=,", "&info" };
	static const char *const formats[] = { "", "&format=json", "&format=html",
					       "&format=svg", "&format=svg&x=time&y=x" };

	world_make(&w, 31337);
	CHECK(unit_mkdtemp(dir) == 0);
	snprintf(path, sizeof path, "%s/w.db", dir);
	rq.db = db_open(path, "w.db", &schema, DB_CREATE);
	CHECK(rq.db != NULL && !rq.db->failed && !rq.db->missing);

	/* What a plan holds. */
	CHECK(plan_of("dataset=seamounts&columns=name,depth&depth<15&x>=100"
		      "&orderby=depth desc,name&limit=4") == 0);
	CHECK(plan.ncols == 2 && strcmp(plan.cols[1]->name, "depth") == 0);
	CHECK(plan.nwhere == 2 && plan.where[0].op == OP_LT && plan.where[0].num == 15);
	CHECK(plan.norder == 2 && plan.order[0].desc && !plan.order[1].desc);
	CHECK(plan.limit == 4 && plan.format == AS_CSV && !plan.browser);
	CHECK(plan_of("dataset=tracks&client=browser") == 0 && plan.format == AS_HTML);
	CHECK(plan_of("dataset=tracks&client=browser&format=csv") == 0 && plan.format == AS_CSV);
	CHECK(plan_of("dataset=tracks&format=svg") == 0 && plan.ncols == 4 &&
	      plan.group && plan.time && plan.most == DATA_PLOT_MAX);
	CHECK(plan_of("dataset=sightings&format=svg") == 0 && plan.group && !plan.time);
	CHECK(plan_of("world=w1&client=browser") == 0 && plan.d == NULL);

	/* The grid: only the part the conditions on x and y can keep. */
	CHECK_STR(grid_of("dataset=bathymetry"), "0..890 0..890 10");
	CHECK_STR(grid_of("dataset=bathymetry&step=5&x=200&y>=250&y<=350"), "200..200 250..350 5");
	CHECK_STR(grid_of("dataset=bathymetry&x<20&y>20.5"), "0..10 30..890 10");
	CHECK_STR(grid_of("dataset=bathymetry&x<=20&y>=899.5&step=7"), "0..14 903..896 7");
	CHECK_STR(grid_of("dataset=bathymetry&x=200.5&x!=3"), "210..200 0..890 10");
	CHECK_STR(grid_of("dataset=bathymetry&x<-1e300&y>1e300"), "0..-1 910..890 10");
	CHECK_STR(grid_of("dataset=bathymetry&step=2&x<400"), "0..398 0..898 2");
	CHECK(refused("dataset=bathymetry&step=1", "that grid has 810000 points, more than 250000"));
	CHECK(plan_of("dataset=bathymetry&step=1&x<250") == 0);

	/* Refusals that name what is wrong, and the bounds. */
	CHECK(refused("dataset=seamounts&columns=,,,", "columns needs at least one column name"));
	CHECK(refused("dataset=seamounts&columns", "columns takes =, like columns=name,depth"));
	CHECK(refused("dataset=seamounts&orderby=depth,name,depth", "depth is named twice"));
	CHECK(refused("dataset=seamounts&limit=100001", "from 0 to 100000"));
	CHECK(plan_of("dataset=seamounts&limit=100000") == 0 && plan.limit == 100000);
	CHECK(refused("dataset>seamounts", "dataset takes ="));
	CHECK(refused("x=1", "say which dataset first"));
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	memcpy(big, "dataset=tracks&player=", 22);
	CHECK(refused(big, "the value of player is too long: at most 200"));
	big[222] = '\0'; /* 200 characters: fine */
	CHECK(plan_of(big) == 0);
	/* Long names are cut for the sentence at a whole character, each in
	 * its own sentence (no buffer shared between calls). */
	CHECK(refused("dataset=seamounts&\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9=1",
		      "\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...\""));
	/* A sentence is one line, whatever the value held (lighttpd refuses
	 * control characters, but the route does not count on it). */
	CHECK(refused("dataset=seamounts&depth>1%0A2%0D", "but \"1 2\" is not one"));
	CHECK(refused("dataset=sea%0Amounts", "no dataset called \"sea mounts\""));
	CHECK(refused("dataset=seamounts&columns=name,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		      "no column called \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\"; "
		      "its columns are name, x, y, depth"));

	/* Every plan the reader accepts makes SQL that runs: no empty column
	 * list, no stray comma, no missing value, in any dataset or format. */
	for (int d = 0; d < n; d++)
		for (size_t c = 0; c < sizeof columns / sizeof *columns; c++)
			for (size_t k = 0; k < sizeof conditions / sizeof *conditions; k++)
				for (size_t o = 0; o < sizeof orders / sizeof *orders; o++)
					for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
						char q[400];

						snprintf(q, sizeof q, "dataset=%s%s%s%s%s%s", all[d].name,
							 d == 0 ? "&step=45" : "", columns[c],
							 conditions[k], orders[o], formats[f]);
						if (plan_of(q) < 0) {
							CHECK(rq.reply.status == 400 && rq.reply.text.len > 0);
							continue;
						}
						accepted++;
						if (run(&w) < 0) {
							fprintf(stderr, "SQL failed for %s\n", q);
							CHECK(0);
							rq.db->failed = 0;
						}
					}
	CHECK(accepted > 300);

	/* The same for addresses made of random pieces: names, operators and
	 * values a student (or an attacker) might type.  Bathymetry's grid is
	 * kept small with a last step=45. */
	{
		static const char *const names[] = {
			"dataset", "columns", "orderby", "limit", "format", "step", "info",
			"add", "client", "x", "y", "depth", "name", "time", "player", "thing",
			"world", "z", "", " ", "a b", "(", "'", "\"", ";", "--", "\xc3\xa9" };
		static const char *const ops[] = { "=", "!=", "<", "<=", ">", ">=", "", "==",
						   "=<", "~", " = " };
		static const char *const values[] = {
			"", "0", "1.5", "-3", "1e308", "x", "x,y", ",", " , ", "depth desc",
			"name,,depth", "desc", "csv", "svg", "html", "json", "45", "100000",
			"'", "a b", "x desc,y", "time,player", "browser", "seamounts",
			"tracks", "bathymetry", "soundings", "sightings", "nan", "0x10" };
		unsigned long long r = 88172645463325252ULL;
		int fuzzed = 0;
#define PICK(a) (a[(r ^= r << 13, r ^= r >> 7, r ^= r << 17) % (sizeof a / sizeof *a)])
		for (int i = 0; i < 3000; i++) {
			struct buf q = {0};
			const char *d = all[i % n].name;
			int terms = 1 + (int)(i % 4);

			buf_printf(&q, "dataset=%s", d);
			for (int t = 0; t < terms; t++) {
				const char *name = PICK(names), *op = PICK(ops), *v = PICK(values);
				if (t % 2) /* every other term names one of d's own columns */
					name = all[i % n].cols[(size_t)t % (size_t)all[i % n].ncols].name;
				buf_printf(&q, "&%s%s%s", name, op, v);
			}
			if (strcmp(d, "bathymetry") == 0)
				buf_puts(&q, "&step=45");
			if (plan_of(buf_str(&q)) == 0) {
				fuzzed++;
				if (!plan.add && run(&w) < 0) {
					fprintf(stderr, "SQL failed for %s\n", buf_str(&q));
					CHECK(0);
					rq.db->failed = 0;
				}
			} else {
				CHECK(rq.reply.status == 400 && rq.reply.text.len > 0);
			}
			buf_free(&q);
		}
#undef PICK
		printf("%d of 3000 random addresses accepted\n", fuzzed);
		CHECK(fuzzed > 150);
	}

	/* One connection, request after request: the TEMP tables go, and come
	 * back, also after a request that rolled back. */
	CHECK(plan_of("dataset=bathymetry&step=30") == 0);
	CHECK(run(&w) == 900);
	CHECK(run(&w) == 900);
	CHECK(db_exec(rq.db, "BEGIN", NULL) == 0 && data_fill(rq.db, &w, &plan) == 0);
	db_end(rq.db, 0);
	CHECK(plan_of("dataset=bathymetry&step=30&x<100") == 0 && run(&w) == 4 * 30);
	CHECK(plan_of("dataset=tracks&player=fred") == 0 && run(&w) == 2);
	CHECK(plan_of("dataset=soundings&add&name=fred&x=1&y=2&depth=3") == 0);
	CHECK(data_insert_row(rq.db, &plan, 1700000000.5) == 0);
	CHECK(plan_of("dataset=soundings&name=fred&time=1700000000.5&depth=3") == 0 && run(&w) == 1);

	/* A failed SQLite call is recorded in the store, for lib to answer. */
	CHECK(plan_of("dataset=sightings") == 0);
	CHECK(db_exec(rq.db, "DROP TABLE sighting", NULL) == 0);
	CHECK(select_rows(rq.db, &plan, "unit") == NULL);
	CHECK(rq.db->failed && rq.db->code == SQLITE_ERROR);

	plan_free(&plan);
	query_free(&rq.query);
	buf_free(&rq.reply.text);
	buf_free(&rq.reply.fields);
	db_close(rq.db);
	CHECK(unit_rmdir(dir) == 0);
	UNIT_DONE();
}
