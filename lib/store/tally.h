/* tally.h: how many requests each player and each route made, counted
 * beside each world in a small shared file (worlds/NAME.tally) that every
 * route process maps into memory and updates with atomic additions: no
 * lock, no SQLite write, so counting costs a request almost nothing.
 *
 * A player's count is kept per second for the last minute: /admin shows
 * each player's requests in the last minute (whose loop has no sleep?), and
 * a teacher's limit (requests a second) is checked against this second's
 * count.  The counts are a teacher's gauge, not the game's state: a restart
 * keeps them (the file stays), a reset of the world clears them. */
#ifndef MOCEAN_TALLY_H
#define MOCEAN_TALLY_H

#include <stdint.h>

#define TALLY_PLAYERS 1024     /* player slots (by id, wrapping) */
#define TALLY_ROUTES 64        /* route slots */
#define TALLY_SECONDS 60       /* the last minute, a bucket a second */

/* One world's tally file, mapped. */
struct tally {
	void *map;             /* the mapping, or NULL when there is none */
	unsigned long size;
};

/* Map world name's tally file (made when missing).  Returns 0, or -1 (the
 * tally stays unmapped and counts nothing). */
int tally_open(struct tally *t, const char *world);

/* Unmap it (an unmapped tally is fine). */
void tally_close(struct tally *t);

/* Count one request by player id (or -1 for none) on route at unix time
 * now.  Returns the player's requests in this second, this one included. */
long tally_count(struct tally *t, long long id, const char *route, double now);

/* The player's requests in the last minute before now. */
long tally_player_minute(const struct tally *t, long long id, double now);

/* Call each(route, count, arg) for every route counted, in no order. */
void tally_routes(const struct tally *t,
		  void (*each)(const char *route, long long n, void *arg), void *arg);

/* Forget every count (a teacher's reset). */
void tally_clear(struct tally *t);

#endif
