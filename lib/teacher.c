/* teacher.c: the teacher key and the teacher's actions (see teacher.h). */
#include "teacher.h"
#include "db.h"
#include "reply.h"
#include "schema.h"
#include "world.h"
#include "sight.h"
#include "serve.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const SQL_RESET[] = {
	"DELETE FROM player", "DELETE FROM item", "DELETE FROM taken",
	"DELETE FROM track", "DELETE FROM sighting", "DELETE FROM sounding",
	"DELETE FROM hits",
};
static const char SQL_NEW_SEED[] =
	"UPDATE world SET seed = ?, bloom = 0, next_id = 0, created = ?";
static const char SQL_GIVE[] =
	"INSERT INTO item (player, kind, name) VALUES (?, 'treasure', ?)";

/* Read a key file: 0 when it holds TEACHER_KEY_LEN hex digits. */
static int read_key(const char *path, char key[TEACHER_KEY_LEN + 1])
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, key, TEACHER_KEY_LEN);
	close(fd);
	key[n > 0 ? n : 0] = '\0';
	return n == TEACHER_KEY_LEN ? 0 : -1;
}

int teacher_key(char key[TEACHER_KEY_LEN + 1])
{
	char path[4096];

	/* Only starting the server makes the key (make run prints it): a key
	 * made here would be printed nowhere. */
	snprintf(path, sizeof path, "%s/teacher.key", data_dir());
	return read_key(path, key);
}

int teacher_allowed(struct request *rq)
{
	char key[TEACHER_KEY_LEN + 1];
	const char *given = query_str(&rq->query, "key");
	size_t len = strlen(given);
	unsigned char diff = 0;

	if (teacher_key(key) < 0) {
		fprintf(stderr, "mocean: %s/teacher.key is missing or unreadable: "
			"start the server again (make run) to make a new key\n", data_dir());
		fail(rq, 503, "the teacher key file (teacher.key in the data folder) "
		     "is missing or unreadable: start the server again (make run) "
		     "and it makes a new key and prints it");
		return 0;
	}
	/* Constant time: look at every byte whatever matches. */
	for (size_t i = 0; i < TEACHER_KEY_LEN; i++)
		diff |= (unsigned char)(key[i] ^ (i < len ? given[i] : 0));
	if (diff || len != TEACHER_KEY_LEN) {
		fail(rq, 403, "this page needs the teacher key: key=... (make run "
			      "prints it as 'teacher key: ...')");
		return 0;
	}
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

int list_worlds(char names[][33], int max)
{
	char dir[4096];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/worlds", data_dir());
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d)) && n < max) {
		size_t len = strlen(e->d_name);
		if (len < 4 || len > 35 || strcmp(e->d_name + len - 3, ".db") != 0)
			continue;
		snprintf(names[n], 33, "%.*s", (int)(len - 3), e->d_name);
		if (is_word(names[n], 32))
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof names[0], by_name);
	return n;
}

int teacher_open_world(struct request *rq, const char *name,
		       enum db_open_how how, int writing)
{
	if (!world_begin(rq, name, how, writing)) {
		answer_fault(rq, rq->db);
		return -1;
	}
	return 0;
}

int world_reset(struct request *rq, long long seed)
{
	for (size_t i = 0; i < sizeof SQL_RESET / sizeof SQL_RESET[0]; i++)
		if (db_exec(rq->db, SQL_RESET[i], NULL) < 0)
			return -1;
	if (db_exec(rq->db, SQL_NEW_SEED, "id", seed, rq->now) < 0)
		return -1;
	world_make(&rq->world, seed);
	return 0;
}

int give_all_treasures(struct request *rq, long long id)
{
	for (int i = 0; i < TREASURES; i++)
		if (db_exec(rq->db, SQL_GIVE, "it", id, rq->world.seamounts[i].treasure) < 0)
			return -1;
	return 0;
}


/* Every playing player of the open world, brought up to date, into out. */
static int players_now(struct request *rq, struct player *out, int max)
{
	struct player nobody = { .id = -1 };
	int n = player_others(rq, &nobody, out, max);

	for (int i = 0; i < n; i++)
		player_move(&rq->world, &out[i], rq->now);
	return n;
}

/* Route counts as they are added up for the overview. */
struct route_counts {
	struct request *rq;
	struct buf *json;
	long long total;
};

/* One route's count, to the overview's text and JSON. */
static void add_route_count(const char *route, long long n, void *arg)
{
	struct route_counts *c = arg;

	say(c->rq, " %s %lld", route, n);
	buf_printf(c->json, "%s", c->total ? "," : "");
	buf_json(c->json, route);
	buf_printf(c->json, ":%lld", n);
	c->total += n;
}

void world_summary(struct request *rq, const char *name, struct buf *json)
{
	struct player *players = xmalloc(1000 * sizeof *players);
	struct route_counts counts = {0};
	int n;

	if (teacher_open_world(rq, name, DB_EXISTING, 0) < 0)
		goto done;
	n = players_now(rq, players, 1000);
	say(rq, "world %s (seed %lld, bloom %s): %d player%s\n", name,
	    rq->world.seed, rq->world.bloom ? "on" : "off", n, n == 1 ? "" : "s");
	buf_printf(json, "{\"name\":\"%s\",\"seed\":%lld,\"bloom\":%s,\"players\":[",
		   name, rq->world.seed, rq->world.bloom ? "true" : "false");
	for (int i = 0; i < n; i++) {
		say(rq, "  %lld %s at %.1f,%.1f depth %.1f\n", players[i].id,
		    players[i].name, players[i].x, players[i].y, players[i].z);
		buf_printf(json, "%s{\"id\":%lld,\"name\":", i ? "," : "", players[i].id);
		buf_json(json, players[i].name);
		buf_printf(json, ",\"x\":%.3f,\"y\":%.3f,\"z\":%.3f}", players[i].x,
			   players[i].y, players[i].z);
	}
	buf_puts(json, "],\"routes\":{");
	say(rq, "  requests:");
	counts.rq = rq;
	counts.json = json;
	tally_routes(&rq->kept->tally, add_route_count, &counts);
	say(rq, " (%lld in all)\n", counts.total);
	buf_printf(json, "},\"requests\":%lld}", counts.total);
	db_end(rq->db, 0);
done:
	rq->db = NULL;
	free(players);
}

/* Append ,"key":[x,y,...] style numbers with 2 decimals. */
static void num(struct buf *out, const char *key, double v)
{
	buf_printf(out, "\"%s\":%.2f", key, v);
}

void world_json(struct request *rq, struct buf *out, int step)
{
	const struct world *w = &rq->world;
	struct player *players = xmalloc(1000 * sizeof *players);
	int n = players_now(rq, players, 1000), first = 1;

	buf_printf(out, "{\"size\":%.0f,\"seed\":%lld,\"bloom\":%s,\"step\":%d,\"floor\":[",
		   OCEAN_SIZE, w->seed, w->bloom ? "true" : "false", step);
	for (int y = 0; y < OCEAN_SIZE; y += step) {
		buf_puts(out, y ? ",[" : "[");
		for (int x = 0; x < OCEAN_SIZE; x += step)
			buf_printf(out, "%s%.1f", x ? "," : "", world_depth(w, x, y));
		buf_puts(out, "]");
	}
	buf_puts(out, "],\"trench\":[");
	for (int i = 0; i < TRENCH_PARTS; i++)
		buf_printf(out, "%s[%.0f,%.0f,%.0f,%.0f]", i ? "," : "", trench[i].x0,
			   trench[i].x1, trench[i].y0, trench[i].y1);
	buf_puts(out, "],\"seamounts\":[");
	for (int i = 0; i < SEAMOUNTS; i++) {
		const struct seamount *s = &w->seamounts[i];
		buf_printf(out, "%s{\"name\":", i ? "," : "");
		buf_json(out, s->name);
		buf_puts(out, ",");
		num(out, "x", s->x), buf_puts(out, ","), num(out, "y", s->y);
		buf_puts(out, ","), num(out, "sigma", s->sigma), buf_puts(out, ",");
		num(out, "height", s->height), buf_puts(out, ",");
		num(out, "peak_depth", world_depth(w, s->x, s->y)), buf_puts(out, "}");
	}
	buf_puts(out, "],\"treasures\":[");
	for (int i = 0; i < TREASURES; i++) {
		double x, y, z;
		if (!treasure_on_map(rq, i))
			continue;
		treasure_place(w, i, &x, &y, &z);
		buf_printf(out, "%s{\"name\":", first ? "" : ",");
		buf_json(out, w->seamounts[i].treasure);
		buf_printf(out, ",\"x\":%.2f,\"y\":%.2f,\"z\":%.2f}", x, y, z);
		first = 0;
	}
	buf_puts(out, "],\"whales\":[");
	first = 1;
	for (int i = 0; i < WHALES; i++) {
		if (!whale_on_map(rq, i))
			continue;
		buf_printf(out, "%s{\"name\":", first ? "" : ",");
		buf_json(out, w->whales[i].name);
		buf_printf(out, ",\"x\":%.0f,\"y\":%.0f}", w->whales[i].x, w->whales[i].y);
		first = 0;
	}
	buf_puts(out, "],\"players\":[");
	for (int i = 0; i < n; i++) {
		const struct player *p = &players[i];
		buf_printf(out, "%s{\"id\":%lld,\"name\":", i ? "," : "", p->id);
		buf_json(out, p->name);
		buf_printf(out, ",\"x\":%.2f,\"y\":%.2f,\"z\":%.2f,\"heading\":%.4f,"
			   "\"speed\":%.2f,\"riding\":%s}", p->x, p->y, p->z, p->heading,
			   player_speed(p), p->whale >= 0 ? "true" : "false");
	}
	buf_puts(out, "]}");
	free(players);
}
