/* overview.c: the teacher's overview and the map's JSON (see overview.h). */
#include "teacher/overview.h"
#include "ocean/worlds.h"
#include "store/db.h"
#include "ocean/reply.h"
#include "ocean/sight.h"
#include "store/tally.h"
#include "ocean/world.h"
#include "ocean/roster.h"
#include "teacher/rounds.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_VIEW[] = "SELECT view FROM world";
static const char SQL_PROTECTED[] =
	"SELECT secret IS NOT NULL FROM player WHERE id = ?";

/* Every playing player of the open world, brought up to date, into out. */
static int players_now(struct request *rq, struct player *out, int max)
{
	struct player nobody = { .id = -1 };
	int n = player_others(rq, &nobody, out, max);

	for (int i = 0; i < n; i++)
		player_move(&rq->world, &out[i], round_clock(rq));
	return n;
}

/* One player as the overview shows it. */
struct player_line {
	struct player p;  /* brought up to now */
	long requests;    /* in the last minute */
	int safe;         /* 1: a secret word protects the player */
	long wrong;       /* wrong secret words sent for it since the reset */
};

/* One name of the class roster as the overview shows it. */
struct roster_line {
	struct roster_entry e;
	int playing;      /* 1: it has joined and plays */
	long wrong;       /* wrong secret words sent for it since the reset */
};

/* One route's requests, as the tally counts them. */
struct route_count {
	char route[32];
	long long n;
};

/* One world as the overview shows it: read once (read_summary), then said
 * as text (say_summary) and as JSON (json_summary). */
struct summary {
	const char *name;
	int unreadable;                 /* 1: its file cannot be read */
	int damaged;                    /* 1: ... because it is damaged */
	char problem[512];              /* the fault's sentence */
	int missing;                    /* 1: there is no such world */
	long long seed;
	int bloom;
	int locked;
	int limit;                      /* requests a second per player; 0: none */
	int treasures_each;             /* 1: rule each; 0: rule shared */
	char view[64];                  /* the projector's view code */
	struct player_line *players;    /* PLAYERS_MAX of them */
	int nplayers;
	struct roster_line *roster;     /* ROSTER_MAX of them */
	int nroster;
	struct route_count routes[TALLY_ROUTES];
	int nroutes;
	struct buf rounds;              /* its rounds, as JSON (rounds.h) */
	struct round round;             /* its newest round */
	int seconds_left;               /* of that round, when it plays */
	long long total;                /* requests on every route */
};

/* One route's count, into the summary (tally_routes' callback). */
static void add_route_count(const char *route, long long n, void *arg)
{
	struct summary *w = arg;
	struct route_count *r;

	assert(w->nroutes < TALLY_ROUTES);   /* the tally has no more slots */
	r = &w->routes[w->nroutes++];
	snprintf(r->route, sizeof r->route, "%s", route);
	r->n = n;
	w->total += n;
}

/* The open world's players, each with its requests in the last minute
 * and the wrong secret words sent for it. */
static void read_players(struct request *rq, struct summary *w)
{
	struct player *p = xmalloc(PLAYERS_MAX * sizeof *p);

	w->nplayers = players_now(rq, p, PLAYERS_MAX);
	for (int i = 0; i < w->nplayers; i++) {
		struct player_line *l = &w->players[i];
		l->p = p[i];
		l->requests = tally_player_minute(&rq->kept->tally, p[i].id, rq->now);
		l->safe = db_int(rq->db, 0, SQL_PROTECTED, "i", p[i].id) != 0;
		l->wrong = tally_player_wrong(&rq->kept->tally, p[i].id);
	}
	free(p);
}

/* The open world's class roster, each name with whether it plays and the
 * wrong words sent for it (before it joined, and as a player). */
static void read_roster(struct request *rq, struct summary *w)
{
	struct roster_entry *e = xmalloc(ROSTER_MAX * sizeof *e);

	w->nroster = roster_list(rq, e, ROSTER_MAX);
	for (int i = 0; i < w->nroster; i++) {
		struct roster_line *l = &w->roster[i];
		struct player p;
		l->e = e[i];
		l->playing = player_find(rq, e[i].name, &p);
		l->wrong = tally_player_wrong(&rq->kept->tally, roster_guard_id(&e[i]));
		if (l->playing)
			l->wrong += tally_player_wrong(&rq->kept->tally, p.id);
	}
	free(e);
}

/* Read world name's summary into w (its players array given), each world
 * in a snapshot of its own. */
static void read_summary(struct request *rq, const char *name, struct summary *w)
{
	sqlite3_stmt *st;
	const char *view;
	struct json rounds;

	w->name = name;
	if (!world_begin(rq, name, WORLD_READ)) {
		w->unreadable = 1;
		w->damaged = world_damaged(rq->db);
		db_fault_text(rq->db, w->problem, sizeof w->problem);
		goto done;
	}
	if (rq->db->missing) {
		w->missing = 1;
		goto done;
	}
	w->seed = rq->world.seed;
	w->bloom = rq->world.bloom;
	w->locked = rq->world_locked;
	w->limit = rq->world_rate_limit;
	w->treasures_each = rq->world.treasures_each;
	st = db_prepare(rq->db, SQL_VIEW, NULL);
	view = db_row(rq->db, st) ? (const char *)sqlite3_column_text(st, 0) : NULL;
	snprintf(w->view, sizeof w->view, "%s", view ? view : "");
	db_done(rq->db, st);
	read_players(rq, w);
	read_roster(rq, w);
	tally_routes(&rq->kept->tally, add_route_count, w);
	w->round = rq->round;
	w->seconds_left = (int)round_seconds_left(rq);
	json_start(&rounds, &w->rounds);
	rounds_json(rq, &rounds, NULL);
done:
	db_end(rq->db, 0);
	rq->db = NULL;
}

/* The summary as the overview's text. */
static void say_summary(struct request *rq, const struct summary *w)
{
	if (w->unreadable) {
		say(rq, "world %s: %s\n  %s\n", w->name,
		    w->damaged ? "DAMAGED" : "cannot be read", w->problem);
		return;
	}
	if (w->missing) {
		say(rq, "there is no world called %s\n", w->name);
		return;
	}
	say(rq, "world %s (seed %lld, bloom %s, %s, %s", w->name, w->seed,
	    w->bloom ? "on" : "off", w->locked ? "locked" : "open",
	    w->limit ? "limit" : "no limit");
	if (w->limit)
		say(rq, " %d a second", w->limit);
	say(rq, ", treasures %s, view code %s)", w->treasures_each ? "each" : "shared", w->view);
	say(rq, ": %d player%s\n", w->nplayers, w->nplayers == 1 ? "" : "s");
	if (w->round.number > 0)
		say(rq, "  round %lld: %s", w->round.number, round_state_name(w->round.state));
	if (w->round.state == ROUND_PLAYING)
		say(rq, ", %d:%02d left", w->seconds_left / 60, w->seconds_left % 60);
	if (w->round.number > 0)
		say(rq, "\n");
	for (int i = 0; i < w->nplayers; i++) {
		const struct player_line *l = &w->players[i];
		say(rq, "  %lld %s at %.1f,%.1f depth %.1f: %ld request%s in the last "
		    "minute, %s", l->p.id, l->p.name, l->p.x, l->p.y, l->p.z,
		    l->requests, l->requests == 1 ? "" : "s",
		    l->safe ? "secret word" : "NO SECRET WORD");
		if (l->wrong)   /* someone guesses its word */
			say(rq, ", %ld WRONG SECRET WORD%s", l->wrong, l->wrong == 1 ? "" : "S");
		say(rq, "\n");
	}
	if (w->nroster)
		say(rq, "  roster (only these names may join), %d name%s:", w->nroster,
		    w->nroster == 1 ? "" : "s");
	for (int i = 0; i < w->nroster; i++) {
		const struct roster_line *l = &w->roster[i];
		say(rq, "%s %s %s%s", i ? "," : "", l->e.name, l->e.word,
		    l->playing ? " (playing)" : "");
		if (l->wrong)
			say(rq, " (%ld WRONG SECRET WORD%s)", l->wrong, l->wrong == 1 ? "" : "S");
	}
	if (w->nroster)
		say(rq, "\n");
	say(rq, "  requests:");
	for (int i = 0; i < w->nroutes; i++)
		say(rq, " %s %lld", w->routes[i].route, w->routes[i].n);
	say(rq, " (%lld in all)\n", w->total);
}

/* The summary as one JSON object. */
static void json_summary(struct json *json, const struct summary *w)
{
	json_object(json, NULL);
	json_str(json, "name", w->name);
	if (w->unreadable) {
		json_bool(json, "damaged", w->damaged);
		json_str(json, "problem", w->problem);
	} else if (w->missing) {
		json_bool(json, "missing", 1);
	} else {
		json_int(json, "seed", w->seed);
		json_bool(json, "bloom", w->bloom);
		json_bool(json, "locked", w->locked);
		json_int(json, "limit", w->limit);
		json_str(json, "treasures", w->treasures_each ? "each" : "shared");
		json_str(json, "view", w->view);
	}
	json_array(json, "players");
	for (int i = 0; i < w->nplayers; i++) {
		const struct player_line *l = &w->players[i];
		json_object(json, NULL);
		json_int(json, "id", l->p.id);
		json_str(json, "name", l->p.name);
		json_fixed(json, "x", l->p.x, 3);
		json_fixed(json, "y", l->p.y, 3);
		json_fixed(json, "z", l->p.z, 3);
		json_int(json, "requests", l->requests);
		json_bool(json, "protected", l->safe);
		json_int(json, "wrong_secrets", l->wrong);
		json_end(json);
	}
	json_end(json);
	if (w->unreadable || w->missing) {
		json_end(json);
		return;
	}
	json_array(json, "roster");
	for (int i = 0; i < w->nroster; i++) {
		const struct roster_line *l = &w->roster[i];
		json_object(json, NULL);
		json_str(json, "name", l->e.name);
		json_str(json, "secret", l->e.word);
		json_bool(json, "playing", l->playing);
		json_int(json, "wrong_secrets", l->wrong);
		json_end(json);
	}
	json_end(json);
	json_object(json, "routes");
	for (int i = 0; i < w->nroutes; i++)
		json_int(json, w->routes[i].route, w->routes[i].n);
	json_end(json);
	json_int(json, "requests", w->total);
	json_raw(json, "round", buf_str(&w->rounds));
	json_end(json);
}

void overview(struct request *rq, const char *only)
{
	char (*names)[WORLD_NAME_MAX + 1] = NULL;
	struct player_line *players = xmalloc(PLAYERS_MAX * sizeof *players);
	struct roster_line *roster = xmalloc(ROSTER_MAX * sizeof *roster);
	struct summary *w = xmalloc(sizeof *w);
	int n = only && *only ? 1 : list_worlds(&names);

	if (!only || !*only)
		say(rq, "%d world%s\n", n, n == 1 ? "" : "s");
	json_array(&rq->reply.json, "worlds");
	for (int i = 0; i < n; i++) {
		memset(w, 0, sizeof *w);
		w->players = players;
		w->roster = roster;
		read_summary(rq, only && *only ? only : names[i], w);
		say_summary(rq, w);
		json_summary(&rq->reply.json, w);
		buf_free(&w->rounds);
	}
	json_end(&rq->reply.json);
	free(w);
	free(roster);
	free(players);
	free(names);
}

void world_json(struct request *rq, struct buf *out, int step)
{
	const struct world *w = &rq->world;
	struct player *players = xmalloc(PLAYERS_MAX * sizeof *players);
	int n = players_now(rq, players, PLAYERS_MAX);
	struct json j;

	json_start(&j, out);
	json_object(&j, NULL);
	json_fixed(&j, "size", OCEAN_SIZE, 0);
	json_int(&j, "seed", w->seed);
	json_bool(&j, "bloom", w->bloom);
	json_int(&j, "step", step);
	json_array(&j, "floor");
	for (int y = 0; y < OCEAN_SIZE; y += step) {
		json_array(&j, NULL);
		for (int x = 0; x < OCEAN_SIZE; x += step)
			json_fixed(&j, NULL, world_depth(w, x, y), 1);
		json_end(&j);
	}
	json_end(&j);
	json_array(&j, "trench");
	for (int i = 0; i < TRENCH_PARTS; i++) {
		json_array(&j, NULL);
		json_fixed(&j, NULL, world_trench[i].x0, 0);
		json_fixed(&j, NULL, world_trench[i].x1, 0);
		json_fixed(&j, NULL, world_trench[i].y0, 0);
		json_fixed(&j, NULL, world_trench[i].y1, 0);
		json_end(&j);
	}
	json_end(&j);
	json_array(&j, "seamounts");
	for (int i = 0; i < SEAMOUNTS; i++) {
		const struct seamount *s = &w->seamounts[i];
		json_object(&j, NULL);
		json_str(&j, "name", s->name);
		json_fixed(&j, "x", s->x, 2);
		json_fixed(&j, "y", s->y, 2);
		json_fixed(&j, "sigma", s->sigma, 2);
		json_fixed(&j, "height", s->height, 2);
		json_fixed(&j, "peak_depth", world_depth(w, s->x, s->y), 2);
		json_str(&j, "treasure", s->treasure);   /* the one on its peak */
		json_end(&j);
	}
	json_end(&j);
	json_array(&j, "treasures");
	for (int i = 0; i < TREASURES; i++) {
		double x, y, z;
		if (!treasure_on_map(rq, i))
			continue;
		treasure_place(w, i, &x, &y, &z);
		json_object(&j, NULL);
		json_str(&j, "name", w->seamounts[i].treasure);
		json_fixed(&j, "x", x, 2);
		json_fixed(&j, "y", y, 2);
		json_fixed(&j, "z", z, 2);
		json_end(&j);
	}
	json_end(&j);
	json_array(&j, "whales");
	for (int i = 0; i < WHALES; i++) {
		if (!whale_on_map(rq, i))
			continue;
		json_object(&j, NULL);
		json_str(&j, "name", w->whales[i].name);
		json_fixed(&j, "x", w->whales[i].x, 0);
		json_fixed(&j, "y", w->whales[i].y, 0);
		json_end(&j);
	}
	json_end(&j);
	json_array(&j, "players");
	for (int i = 0; i < n; i++) {
		const struct player *p = &players[i];
		json_object(&j, NULL);
		json_int(&j, "id", p->id);
		json_str(&j, "name", p->name);
		json_fixed(&j, "x", p->x, 2);
		json_fixed(&j, "y", p->y, 2);
		json_fixed(&j, "z", p->z, 2);
		json_fixed(&j, "heading", p->heading, 4);
		json_fixed(&j, "speed", player_speed(p), 2);
		json_bool(&j, "riding", p->whale >= 0);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	free(players);
}
