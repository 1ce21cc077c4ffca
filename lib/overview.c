/* overview.c: the teacher's overview and the map's JSON (see overview.h). */
#include "overview.h"
#include "worlds.h"
#include "db.h"
#include "reply.h"
#include "sight.h"
#include "world.h"

#include <stdio.h>
#include <stdlib.h>

static const char SQL_VIEW[] = "SELECT view FROM world";
static const char SQL_PROTECTED[] =
	"SELECT secret IS NOT NULL FROM player WHERE id = ?";

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

/* A world whose file cannot be read: say so, and what a teacher can do. */
static void unreadable(struct request *rq, const char *name, struct buf *json)
{
	char text[512];
	int damaged = world_damaged(rq->db);

	db_fault_text(rq->db, text, sizeof text);
	say(rq, "world %s: %s\n  %s\n", name, damaged ? "DAMAGED" : "cannot be read",
	    text);
	buf_puts(json, "{\"name\":");
	buf_json(json, name);
	buf_printf(json, ",\"damaged\":%s,\"problem\":", damaged ? "true" : "false");
	buf_json(json, text);
	buf_puts(json, ",\"players\":[]}");
}

/* The open world's players, each with its requests in the last minute. */
static void players(struct request *rq, struct buf *json)
{
	struct player *p = xmalloc(PLAYERS_MAX * sizeof *p);
	int n = players_now(rq, p, PLAYERS_MAX);

	say(rq, ": %d player%s\n", n, n == 1 ? "" : "s");
	buf_puts(json, ",\"players\":[");
	for (int i = 0; i < n; i++) {
		long requests = tally_player_minute(&rq->kept->tally, p[i].id, rq->now);
		int safe = db_int(rq->db, 0, SQL_PROTECTED, "i", p[i].id) != 0;

		say(rq, "  %lld %s at %.1f,%.1f depth %.1f: %ld request%s in the last "
		    "minute, %s\n", p[i].id, p[i].name, p[i].x, p[i].y, p[i].z, requests,
		    requests == 1 ? "" : "s", safe ? "secret word" : "NO SECRET WORD");
		buf_printf(json, "%s{\"id\":%lld,\"name\":", i ? "," : "", p[i].id);
		buf_json(json, p[i].name);
		buf_printf(json, ",\"x\":%.3f,\"y\":%.3f,\"z\":%.3f,\"requests\":%ld,"
			   "\"protected\":%s}", p[i].x, p[i].y, p[i].z, requests,
			   safe ? "true" : "false");
	}
	buf_puts(json, "]");
	free(p);
}

/* One world's summary, as text and as a JSON object appended to json. */
static void world_summary(struct request *rq, const char *name, struct buf *json)
{
	struct route_counts counts = { .rq = rq, .json = json };
	const char *view;
	sqlite3_stmt *st;

	if (!world_begin(rq, name, WORLD_READ)) {
		unreadable(rq, name, json);
		goto done;
	}
	if (rq->db->missing) {
		say(rq, "there is no world called %s\n", name);
		buf_puts(json, "{\"name\":");
		buf_json(json, name);
		buf_puts(json, ",\"missing\":true,\"players\":[]}");
		goto done;
	}
	say(rq, "world %s (seed %lld, bloom %s, %s, %s", name, rq->world.seed,
	    rq->world.bloom ? "on" : "off", rq->world_locked ? "locked" : "open",
	    rq->world_rate_limit ? "limit" : "no limit");
	if (rq->world_rate_limit)
		say(rq, " %d a second", rq->world_rate_limit);
	buf_puts(json, "{\"name\":");
	buf_json(json, name);
	buf_printf(json, ",\"seed\":%lld,\"bloom\":%s,\"locked\":%s,\"limit\":%d,\"view\":",
		   rq->world.seed, rq->world.bloom ? "true" : "false",
		   rq->world_locked ? "true" : "false", rq->world_rate_limit);
	st = db_prepare(rq->db, SQL_VIEW, NULL);
	view = db_row(rq->db, st) ? (const char *)sqlite3_column_text(st, 0) : NULL;
	say(rq, ", view code %s)", view ? view : "");
	buf_json(json, view ? view : "");
	db_done(rq->db, st);
	players(rq, json);
	buf_puts(json, ",\"routes\":{");
	say(rq, "  requests:");
	tally_routes(&rq->kept->tally, add_route_count, &counts);
	say(rq, " (%lld in all)\n", counts.total);
	buf_printf(json, "},\"requests\":%lld}", counts.total);
done:
	db_end(rq->db, 0);
	rq->db = NULL;
}

void overview(struct request *rq, const char *only)
{
	char (*names)[WORLD_NAME_MAX + 1] = NULL;
	struct buf json = {0};
	int n = only && *only ? 1 : list_worlds(&names);

	if (!only || !*only)
		say(rq, "%d world%s\n", n, n == 1 ? "" : "s");
	buf_puts(&json, "[");
	for (int i = 0; i < n; i++) {
		buf_puts(&json, i ? "," : "");
		world_summary(rq, only && *only ? only : names[i], &json);
	}
	buf_puts(&json, "]");
	json_raw(rq, "worlds", buf_str(&json));
	buf_free(&json);
	free(names);
}

/* Append "key":v with 2 decimals. */
static void num(struct buf *out, const char *key, double v)
{
	buf_printf(out, "\"%s\":%.2f", key, v);
}
void world_json(struct request *rq, struct buf *out, int step)
{
	const struct world *w = &rq->world;
	struct player *players = xmalloc(PLAYERS_MAX * sizeof *players);
	int n = players_now(rq, players, PLAYERS_MAX), first = 1;

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
