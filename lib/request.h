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

#include "buf.h"
#include "query.h"
#include "world.h"
#include "player.h"

/* What a key's value must look like.  A value that does not fit is a 400
 * with one line naming the key, written by lib, not by the route. */
enum key_type {
	TEXT,  /* any UTF-8 text up to the key's max length */
	WORD,  /* letters and digits only (names, worlds) */
	INT,   /* a whole number */
	REAL,  /* a real number */
	ID,    /* a player id: the route acts on that player (see struct route) */
};

struct key {
	const char *name;   /* "message" */
	enum key_type type;
	size_t max;         /* longest value accepted, in bytes; 0 means 200 */
	int required;       /* 1: a missing key is a 400 */
};

/* Which SQLite store a route opens before its handler runs. */
enum store {
	NO_STORE = 0, /* none (Steps routes open the progress store themselves) */
	STEPS,        /* none, but name= (letters and digits) is checked, for
	                 record_solved() to note the player's progress */
	WORLD,        /* the world named by world= (default "mocean"), inside one
	                 BEGIN IMMEDIATE transaction committed after the handler */
	WORLD_READ,   /* the same world, read only: one consistent snapshot
	                 (BEGIN DEFERRED), for routes that change nothing */
};

struct request;

struct route {
	const char *name;              /* "dive": for logs, counts and errors */
	struct key keys[12];           /* the keys it reads; ends at name NULL */
	enum store store;
	void (*handle)(struct request *rq);
};

struct request {
	const struct route *route;
	struct query query;      /* every key=value sent, decoded */
	double now;              /* when the request arrived, unix seconds */
	const char *world_name;  /* world= or "mocean" (WORLD routes) */
	sqlite3 *db;             /* the open store, or NULL */
	struct world world;      /* the world's geometry and state (WORLD) */
	struct player me;        /* the player named by the ID key, up to date */
	int has_me;              /* 1 when me was loaded */
	struct player me_loaded; /* me as stored, before moving */
	struct player me_moved;  /* me just after moving, before the route */

	/* The reply, written only after the transaction is committed. */
	int status;              /* HTTP status, 200 unless fail() said */
	struct buf text;         /* the answer as plain text */
	struct buf json;         /* extra JSON fields: ,"key":value ... */
	const char *raw_type;    /* set: send text as is with this Content-Type */
	int db_failed;           /* a SQLite call failed: answer 500, roll back */
};

/* The text of key, or "" when it was not sent. */
const char *arg(const struct request *rq, const char *key);

/* 1 when key was sent, even with no value ("&info"). */
int has(const struct request *rq, const char *key);

/* The value of an INT or ID key (0 when an optional key was not sent). */
long long arg_int(const struct request *rq, const char *key);

/* The value of a REAL key (0 when an optional key was not sent). */
double arg_real(const struct request *rq, const char *key);

#endif
