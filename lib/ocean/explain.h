/* explain.h: every number explained where students look.  The units and
 * directions of the ocean, what each ctrl= key does and by how much (from
 * player.h's CTRL_ constants, never typed twice), how to start again from
 * rest, what /duck's numbers are, and the Steps levels' near misses.
 *
 * The explanations are for people: paragraphs on the browser page
 * (<p class="explain">, <p class="hint">) and JSON fields.  The text reply
 * a program parses stays as it was, but for the near misses of /puzzle and
 * /euler, which answer a person's guess with a nudge instead of the
 * generic hint. */
#ifndef MOCEAN_EXPLAIN_H
#define MOCEAN_EXPLAIN_H

#include <stddef.h>

#include "http/buf.h"

struct request;
struct player;

/* The browser page of a Mocean route (page.c calls it after the reply):
 * <p class="explain"> paragraphs appended to out, escaped: the units and
 * directions, what the route's reply's numbers are, and for the routes that
 * steer (and /mocean) what every ctrl key does. */
void explain_route(struct buf *out, const struct request *rq);

/* When p is at rest (speed 0) and may move (no round's lobby holds it),
 * how to start again: a <p class="hint"> on the browser page and the JSON
 * field "hint"; nothing otherwise.  For /accel, /velocity and /stop. */
void explain_at_rest(struct request *rq, const struct player *p);

/* /duck: its goal and what its three numbers are, for a pond of this radius
 * and a wolf this many times as fast as the duck: a <p class="explain"> and
 * the JSON field "goal". */
void explain_duck(struct request *rq, double pond_radius, double wolf_times);

/* A near miss of a one-word answer (compared without capitals): the plural
 * ("leaves", "leafs"), the word it sounds like (sounds_like: "leave"), the
 * word after an article ("a leaf"), or one letter off ("leaff").  Writes a
 * nudge about guess into out (len bytes) and returns 1; 0 for any other
 * guess. */
int explain_near_word(char *out, size_t len, const char *guess, const char *answer,
		      const char *sounds_like);

/* A sum off by one, for /euler (the sum of 1 to last): n is the sum of
 * one number too few (1 to last - 1) or too many (1 to last + 1), or the
 * sum plus or minus one.  Writes which way it is off into out (len bytes)
 * and returns 1; 0 for any other n. */
int explain_off_by_one(char *out, size_t len, unsigned long long n, unsigned long long sum,
		       unsigned long long last);

#endif
