/* tally.h: how many requests each player and each route made, counted
 * beside each world in a small shared file (worlds/NAME.tally) that every
 * route process maps into memory and updates with atomic additions: no
 * lock, no SQLite write, so counting costs a request almost nothing.
 *
 * Each player has a counter of its own, found by its exact key (the world
 * is the file; the key is the player's id) in an open-addressed table of
 * TALLY_COUNTERS: /admin shows each player's requests in the last minute
 * (whose loop has no sleep?), and a teacher's limit (requests a second,
 * mirrored here from the world's file so that a request can be refused
 * before SQLite is opened) is checked against this second's count.  A
 * counter that counted nothing for a minute may be given to another key;
 * when all TALLY_PROBES counters a new key may use are busy, the table is
 * full and that key is not counted (a class is some 30 players; a world of
 * 2,000 fits).  A route naming its player by name= is counted under the id
 * the name was last seen with (tally_learn_name), else under the name.  A
 * protected player is counted as itself only for requests carrying its
 * word (as far as a 16-bit digest of the last right word tells), and
 * other requests acting as it are counted per client address, so a
 * classmate's flood never brings the limit down on the owner.  The same
 * table holds each address's /data budget (tally_spend).  The counts are a
 * teacher's gauge, not the game's state: a restart keeps them (the file
 * stays), a reset of the world clears them.
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
 *
 * And it keeps each player's last requests, what /log shows (seen.h).
 * A file of an older layout starts afresh. */
#ifndef MOCEAN_TALLY_H
#define MOCEAN_TALLY_H

#include <stdint.h>

#define TALLY_COUNTERS 4096    /* counters: players, names, addresses */
#define TALLY_ROUTES 64        /* route slots */
#define TALLY_SECONDS 60       /* the last minute */
#define TALLY_BUCKETS 12       /* ... in buckets of five seconds */
#define TALLY_GUESSES 4096     /* guard slots (player and address) */
#define GUESS_FREE 5           /* words tested before the first pause */
#define GUESS_LONGEST_PAUSE 60 /* seconds */

/* One world's tally file, mapped. */
struct tally {
	void *map;             /* the mapping, or NULL when there is none */
	unsigned long size;
	unsigned long long dev; /* the file mapped (tally_moved) */
	unsigned long long ino;
};

/* Map world name's tally file (made when missing).  Returns 0, or -1 (the
 * tally stays unmapped and counts nothing). */
int tally_open(struct tally *t, const char *world);

/* The same, only when the file exists already (a request refused before
 * its world is opened makes no file). */
int tally_open_existing(struct tally *t, const char *world);

/* 1 when world's tally file is no longer the one mapped (moved aside,
 * made anew): a stat. */
int tally_moved(const struct tally *t, const char *world);

/* Unmap it (an unmapped tally is fine). */
void tally_close(struct tally *t);

/* Count one request by player id (or -1 for none) on route at unix time
 * now.  Returns the player's requests in this second, this one included. */
long tally_count(struct tally *t, long long id, const char *route, double now);

/* The keys of counters: a player's by id (0 for id < 0), a name's not yet
 * known, a protected player's requests without its word from addr, and an
 * address's /data budget. */
uint64_t tally_player_key(long long id);
uint64_t tally_name_key(const char *name);
uint64_t tally_stranger_key(long long id, const char *addr);
uint64_t tally_data_key(const char *addr);

/* The player whose own counter key is (tally_player_key), or -1 for a
 * key of any other kind. */
long long tally_key_player(uint64_t key);

/* Count one request on route (NULL: none) under key (0: none).  Returns
 * key's requests in this second, this one included (0: not counted). */
long tally_count_key(struct tally *t, uint64_t key, const char *route, double now);

/* The key a request acting as player id (or, with id < 0, as the player
 * called name) is counted under, from what was learned, with the word it
 * carries (or "") from address addr; 0 when not yet known (then it is
 * counted after its world's file is read). */
uint64_t tally_key_of(const struct tally *t, long long id, const char *name,
		      const char *word, const char *addr);

/* After a request read player id from the world's file: whether a word
 * protects it, and the right word when the request carried it (else
 * NULL).  Name's player is id (tally_learn_name). */
void tally_learn_player(struct tally *t, long long id, const char *right_word,
			int protected, double now);
void tally_learn_name(struct tally *t, const char *name, long long id, double now);

/* The world's limit as mirrored here (0: none), and setting it. */
int tally_limit(const struct tally *t);
void tally_set_limit(struct tally *t, int rate);

/* A budget that fills at rate units a second, up to burst seconds owed:
 * spend cost units of key's (a negative cost gives some back).  With
 * check, when more than burst seconds are owed already, nothing is spent
 * and the whole seconds to wait are returned; else 0. */
int tally_spend(struct tally *t, uint64_t key, double cost, int check,
		double rate, double burst, double now);

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

/* The rings of the players' last requests (seen.h), or NULL unmapped. */
struct seen_table *tally_seen(struct tally *t);

/* Forget every count and request (a teacher's reset). */
void tally_clear(struct tally *t);

#endif
