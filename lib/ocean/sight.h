/* sight.h: what a player can see and reach.  Distances are straight lines in
 * three dimensions (across the torus's edges, and down through the water):
 * a treasure on a 15 m deep peak is seen from the surface only from nearby. */
#ifndef MOCEAN_SIGHT_H
#define MOCEAN_SIGHT_H

#include "ocean/player.h"
#include "ocean/request.h"

#define SEEN_MAX (WHALES + TREASURES)

struct seen {
	const char *thing;   /* "whale" or "treasure" */
	int index;           /* whale or treasure index */
	double x, y, z;
	double distance;     /* from the looking player */
};

/* The distance between two points in the water, across the torus's edges. */
double sight_water_distance(double x1, double y1, double z1,
		      double x2, double y2, double z2);

/* Whales still on the map (not being ridden) and not taken. */
int whale_on_map(struct request *rq, int whale);

/* 1 when treasure i is still on the map for the teacher's map (iron dust
 * always is; under the rule 'each' every one is, for whoever has not
 * taken it yet). */
int treasure_on_map(struct request *rq, int treasure);

/* A treasure as one player finds it. */
enum treasure_state {
	TREASURE_THERE = 0,  /* p may take it (iron dust always) */
	TREASURE_YOURS,      /* p took it already */
	TREASURE_GONE,       /* under 'shared', another took it first */
};

/* Treasure i as player p finds it, under the world's rule; when it was
 * taken, the name of who took it into by (len bytes; by may be NULL). */
enum treasure_state treasure_state(struct request *rq, const struct player *p, int treasure,
				   char *by, size_t len);

/* The treasure whose place is nearest p within range, whoever took it, or
 * -1 when none lies within range. */
int treasure_nearest(const struct request *rq, const struct player *p, double range);

/* For /get: say why treasure i, within reach, is not there for the
 * request's player: "already yours: you took the crash alert of Krakatoa;
 * ...", or under the rule shared "gone: ann took it first"; and the JSON
 * field taken_by, who took it. */
void treasure_tell_taken(struct request *rq, int treasure);

/* For /seamountname and /look: when the treasure of the seamount nearest
 * the request's player is not there for them, the JSON field treasure_here
 * ("yours" or "gone") and a sentence for people (say_note, the field
 * treasure_note): already yours, or who took it first.  When it is there,
 * nothing: the reply is as it always was. */
void treasure_note_nearest(struct request *rq);

/* Fill out (up to max) with what p can see within range: each whale on the
 * map, then each treasure still there.  Returns how many. */
int sight_around(struct request *rq, const struct player *p, double range,
		struct seen *out, int max);

/* 1 when anything (a whale, a treasure, another playing player, brought up
 * to date) is within range of p.  It stops at the first it finds, so in a
 * crowd it looks at few players; with nobody near it looks at every one
 * (at most PLAYERS_MAX). */
int sight_anything(struct request *rq, const struct player *p, double range);

#endif
