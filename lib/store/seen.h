/* seen.h: what the server saw (/log): each player's last SEEN_KEPT
 * requests, in a ring of fixed-size slots, kept in the world's mapped
 * tally file (tally.h) beside its counters, so that keeping them costs a
 * request a slot's copy, outside its SQLite transaction.
 *
 * A ring is found by its player's id in an open-addressed table of
 * SEEN_PLAYERS rings (SEEN_PROBES places a player may use); when they are
 * all taken, the ring written longest ago is given to the new player.
 * Writers take a slot with one atomic addition and mark it while they
 * write (a sequence number, as a seqlock does); a reader takes only slots
 * whose mark and player are the ones it expects, before and after it
 * copies them, so two players' requests never mix.  A slot holds the
 * fields truncated (whole UTF-8 characters, "..." where cut, control
 * characters as '?'), and the keys with the values of secret= and key=
 * hidden: secret=***. */
#ifndef MOCEAN_SEEN_H
#define MOCEAN_SEEN_H

#include <stdint.h>

#define SEEN_KEPT 50       /* requests kept per player */
#define SEEN_PLAYERS 128   /* players of a world with a ring */
#define SEEN_PROBES 8      /* rings a player may use */
#define SEEN_ROUTE 24      /* bytes of the route's name, with its NUL */
#define SEEN_KEYS 160      /* bytes of the keys as sent */
#define SEEN_LINE 84       /* bytes of the reply's first line */
#define SEEN_FROM 48       /* bytes of the client's address (IPv6 fits) */

/* One request as the server saw it. */
struct seen_request {
	double time;              /* when it arrived, unix seconds */
	int32_t status;           /* the HTTP status of its reply */
	char route[SEEN_ROUTE];   /* "dive" */
	char keys[SEEN_KEYS];     /* "id=0&ctrl=f&secret=***", as sent */
	char line[SEEN_LINE];     /* the reply's first line */
	char from[SEEN_FROM];     /* the client's address (REMOTE_ADDR) */
};

/* A slot of a ring: its mark (n + 1 for the ring's n-th request, 0 while
 * it is written), whose request it holds (id + 1), and the request. */
struct seen_slot {
	uint64_t mark;
	uint64_t key;
	struct seen_request request;
};

/* One player's ring. */
struct seen_ring {
	uint64_t key;       /* the player's id + 1; 0: never used */
	uint64_t next;      /* requests written so far */
	uint64_t last;      /* when the last was written, unix seconds */
	struct seen_slot slots[SEEN_KEPT];
};

/* Every ring of a world: a part of its tally file. */
struct seen_table {
	struct seen_ring rings[SEEN_PLAYERS];
};

/* Keep one request of player id (id >= 0): route, the raw query string
 * as sent, the reply's status and its text (only the first line is
 * kept), and the address it came from. */
void seen_add(struct seen_table *t, long long id, double now, const char *route,
	      const char *query, int status, const char *reply, const char *from);

/* Player id's requests kept, oldest first, copied to out; returns how
 * many (0 to SEEN_KEPT). */
int seen_read(const struct seen_table *t, long long id, struct seen_request out[SEEN_KEPT]);

#endif
