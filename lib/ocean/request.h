/* request.h: what a route is (its name, its keys, the store it needs, its
 * handler) and what one request carries through lib's cycle.
 *
 * A route file declares a `struct route` and hands it to serve() (serve.h);
 * lib checks every declared key before the handler runs, so the handler reads
 * typed values that are already known to be good. */
#ifndef MOCEAN_REQUEST_H
#define MOCEAN_REQUEST_H

#include <sqlite3.h>
#include <stddef.h>
#include <string.h>

#include "http/buf.h"
#include "http/query.h"
#include "ocean/reply.h"
#include "ocean/world.h"
#include "ocean/player.h"
#include "ocean/round.h"

/* What a key's value must look like.  A value that does not fit is a 400
 * with one line naming the key, written by lib, not by the route. */
enum key_type {
	KEY_TEXT,  /* any UTF-8 text up to the key's longest */
	KEY_WORD,  /* ASCII letters and digits only (worlds) */
	KEY_NAME,  /* a player's name: Unicode letters and digits, 1 to 64 of
	              them (what Python's str.isalnum() accepts) */
	KEY_INT,   /* a whole number */
	KEY_REAL,  /* a real number */
	KEY_ID,    /* a player id: the route acts on that player (see struct route) */
};

/* One key a route reads, declared with designated fields:
 *
 *     { .name = "ctrl", .type = KEY_TEXT, .longest = 20 }
 *     { .name = "seed", .type = KEY_INT, .min = 0, .max = 1e15 }
 *
 * lib checks it before the handler runs and keeps the parsed value. */
struct key {
	const char *name;   /* "message" */
	enum key_type type;
	size_t longest;     /* longest value accepted, in bytes; 0 means 200 */
	int required;       /* 1: a missing key is a 400 */
	double min, max;    /* KEY_INT, KEY_REAL: the range accepted (both 0:
	                       any number) */
};

/* The key nearly every Mocean route reads: the player it acts as. */
#define PLAYER_ID { .name = "id", .type = KEY_ID, .required = 1 }

/* world= for a route that opens worlds itself (the teacher's, /scores); a
 * route with a world store gets world= checked by lib without declaring it. */
#define WORLD_KEY { .name = "world", .type = KEY_WORD, .longest = WORLD_NAME_MAX }

#define ROUTE_MAX_KEYS 12

/* What lib opens for a route before its handler runs. */
enum store_kind {
	STORE_NONE = 0,   /* nothing */
	STORE_PROGRESS,   /* nothing yet: a Steps level.  name= (letters and
	                     digits) is checked, and record_solved() writes the
	                     player's progress when the level is solved */
	STORE_WORLD,      /* the world named by world= (default "mocean"), inside
	                     one BEGIN IMMEDIATE transaction committed after the
	                     handler */
	STORE_WORLD_READ, /* the same world, read only: one consistent snapshot
	                     (BEGIN DEFERRED), for routes that change nothing */
};

struct request;
struct store;
struct stores;
struct kept_world;

/* Which list a route is shown in: a section of the students' page (/),
 * and /mocean's table for the Mocean and Data routes. */
enum game {
	GAME_NONE = 0,  /* listed nowhere (/notfound) */
	GAME_STEPS,     /* the puzzle chain */
	GAME_MOCEAN,    /* the ocean game */
	GAME_DATA,      /* research data */
	GAME_TEACHER,   /* the teacher's routes */
};

/* A route.  Its listing fields (.game to .json) are read at build time by
 * lib/routes.awk, which makes /mocean's table and the students' page from
 * every route file: each is written on one line as `.field = "text"` (or a
 * number, or a GAME_ constant), one string, not several joined. */
struct route {
	const char *name;              /* "dive": its address, and the file's name */
	enum game game;                /* where it is listed */
	int order;                     /* its place in that list: smaller first */
	const char *about;             /* what it does, on the students' page:
	                                  "sink (f) or rise (r) 5 metres" */
	const char *example;           /* an address to try there (world=demo
	                                  where it plays in a world) */
	const char *usage;             /* its keys, for /mocean: "id, ctrl=r|f" */
	const char *reply;             /* what it answers, for /mocean (none: the
	                                  route is not in /mocean's table) */
	const char *json;              /* the fields format=json adds: "x, y, z" */
	struct key keys[ROUTE_MAX_KEYS]; /* the keys it reads, in any order */
	size_t body;                   /* POST: the longest body it takes, in
	                                  bytes (UTF-8 text); 0: GET and HEAD only */
	enum store_kind store;
	int unlogged;                  /* 1: never kept in the players' logs
	                                  (/log itself: seenlog.h) */
	void (*handle)(struct request *rq);
};

/* A declared key's value, checked and parsed once by lib. */
struct value {
	const char *text;  /* decoded and trimmed; "" when not sent */
	int sent;          /* 1 when the key was in the address */
	long long i;       /* KEY_INT, KEY_ID: the number (0 when not sent) */
	double d;          /* KEY_INT, KEY_REAL: the number (0 when not sent) */
};

/* What the client sent, as the serving loop read it (CGI variables, or the
 * FastCGI parameters of this request).  Nothing else reads the environment. */
struct input {
	const char *method;  /* "GET", "HEAD", ... */
	const char *query;   /* the raw query string, before decoding */
	const char *uri;     /* the address asked for, "/jion?name=fred" */
	const char *host;    /* the Host header, "localhost:8080", or "" */
	const char *accept;  /* the Accept header, or "" */
	const char *addr;    /* the client's address (REMOTE_ADDR), or "" */
	char *body;          /* a POST's body, UTF-8 text (NUL after it), or NULL */
	size_t body_len;     /* its length in bytes */
};

struct request {
	const struct route *route;
	struct input in;         /* what was sent, raw */
	struct query query;      /* every key=value sent, decoded */
	struct value values[ROUTE_MAX_KEYS]; /* route->keys' values, in order */
	double now;              /* when the request arrived, unix seconds */
	const char *world_name;  /* world= or "mocean" (world routes) */
	struct stores *stores;   /* the files this process keeps open */
	struct kept_world *kept; /* the world's entry there (world routes) */
	struct store *db;        /* the open world, or NULL (db.h) */
	struct world world;      /* the world's geometry and state (WORLD) */
	int world_locked;        /* the teacher locked it: /join needs secret= */
	int world_rate_limit;    /* requests a second per player; 0: none */
	struct round round;      /* the world's newest round (round.h) */
	struct player me;        /* the player named by the ID key, up to date */
	int has_me;              /* 1 when me was loaded */
	struct player me_moved;  /* me just after moving, before the route */
	int me_must_save;        /* 1: moving did more than slide along the
	                            velocity (a wrap, the floor pushing up) */
	int counted;             /* 1: counted toward its player before the
	                            world's file was opened (limit.h) */
	int limited;             /* 1: refused there, past a limit */
	double data_cost;        /* the rows a /data query computed and read:
	                            charged to its address (limit.h) */
	struct reply reply;      /* the answer, written after the commit */
};

/* 1 for a HEAD request: it runs like a GET but changes nothing. */
static inline int is_head(const struct request *rq)
{
	return strcmp(rq->in.method, "HEAD") == 0;
}

/* The text of a declared key, or "" when it was not sent.  Reading a key
 * the route did not declare is a programmer's error (an assert). */
const char *arg(const struct request *rq, const char *key);

/* 1 when a declared key was sent, even with no value ("&info"). */
int has(const struct request *rq, const char *key);

/* The value of a declared KEY_INT or KEY_ID key (0 when not sent). */
long long arg_int(const struct request *rq, const char *key);

/* The value of a declared KEY_REAL or KEY_INT key (0 when not sent). */
double arg_real(const struct request *rq, const char *key);

#endif
