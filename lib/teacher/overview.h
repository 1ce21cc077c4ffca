/* overview.h: what the teacher sees: every world at a glance for /admin,
 * and the whole state of one world as JSON for /world and the live map. */
#ifndef MOCEAN_OVERVIEW_H
#define MOCEAN_OVERVIEW_H

#include "http/buf.h"
#include "ocean/request.h"

/* Answer /admin's overview: every world (sorted, never cut short), or only
 * the world called only (not NULL or ""): its seed, bloom, lock, limit and
 * view code, its players (moved up to date) with each one's requests in the
 * last minute, whether a secret word protects them and how many wrong
 * secret words were sent for them since the reset, its class roster
 * (each name with its word, whether it plays, and its wrong words), and
 * its request counts per route; as text, and as the JSON field "worlds".  A world that
 * cannot be read (a damaged file) is shown as such, and the rest go on. */
void overview(struct request *rq, const char *only);

/* Append the whole state of the open world as one JSON object (for /world
 * and the map): size, seed, bloom, the sea floor every step metres, the
 * trench, seamounts, treasures still there, whales on the map, players. */
void world_json(struct request *rq, struct buf *out, int step);

#endif
