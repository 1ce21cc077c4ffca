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

/* 1 when treasure i is still on the map (iron dust always is). */
int treasure_on_map(struct request *rq, int treasure);

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
