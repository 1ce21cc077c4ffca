/* tally.h: how many requests each player and each route made, counted
 * beside each world in a small shared file (worlds/NAME.tally) that every
 * route process maps into memory and updates with atomic additions: no
 * lock, no SQLite write, so counting costs a request almost nothing.
 *
 * A player's count is kept per second for the last minute: /admin shows
 * each player's requests in the last minute (whose loop has no sleep?), and
 * a teacher's limit (requests a second) is checked against this second's
 * count.  The counts are a teacher's gauge, not the game's state: a restart
 * keeps them (the file stays), a reset of the world clears them.
 *
 * The same file keeps the wrong secret words (docs/PROTOCOL.md section 3):
 * per player the wrong words since the last reset (the dashboard's
 * gauge), and per player and client address a guard that every process
 * of the world shares, so that guessing costs the guesser whatever the
 * mode or the number of connections.  The guard lets an address test at
 * most GUESS_FREE words for a player; the GUESS_FREE-th starts a pause of
 * 1 second, and each word tested after a pause starts one twice as long,
 * up to GUESS_LONGEST_PAUSE.  A right word, or a quiet minute after the
 * last pause, forgets the address.  A word is reserved before it is
 * checked, so parallel requests cannot test more than that between them.
 * New parts of the file are at its end: a file of an older layout grows
 * and keeps its counts. */
#ifndef MOCEAN_TALLY_H
#define MOCEAN_TALLY_H

#include <stdint.h>

#define TALLY_PLAYERS 1024     /* player slots (by id, wrapping) */
#define TALLY_ROUTES 64        /* route slots */
#define TALLY_SECONDS 60       /* the last minute, a bucket a second */
#define TALLY_GUESSES 4096     /* guard slots (player and address) */
#define GUESS_FREE 5           /* words tested before the first pause */
#define GUESS_LONGEST_PAUSE 60 /* seconds */

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

/* Before a secret word sent for player id from client address addr is
 * checked: 0 when it may be checked (the check is counted now, so call
 * tally_guess_end after it), or the whole seconds (1 to
 * GUESS_LONGEST_PAUSE) the address must wait before its next word for
 * this player, without checking it. */
int tally_guess_begin(struct tally *t, long long id, const char *addr, double now);

/* After the check tally_guess_begin allowed: a right word forgets the
 * address's wrong words for this player; a wrong one is added to the
 * player's wrong words (tally_player_wrong). */
void tally_guess_end(struct tally *t, long long id, const char *addr, int right);

/* Wrong secret words sent for the player since the last reset. */
long tally_player_wrong(const struct tally *t, long long id);

/* Forget every count (a teacher's reset). */
void tally_clear(struct tally *t);

#endif
