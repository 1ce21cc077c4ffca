/* teacher.h: what only the teacher may do: the teacher key (made on first
 * start, DATA_DIR/teacher.key, readable only by the server's user), checked
 * in constant time, and the actions on a world that /admin offers. */
#ifndef MOCEAN_TEACHER_H
#define MOCEAN_TEACHER_H

#include "buf.h"
#include "db.h"
#include "request.h"

#define TEACHER_KEY_LEN 32     /* hex digits */
#define WORLDS_MAX 200

/* Read the teacher key into key (TEACHER_KEY_LEN + 1 bytes).  Returns 0, or
 * -1 when it is missing or unreadable: only starting the server makes it. */
int teacher_key(char key[TEACHER_KEY_LEN + 1]);

/* 1 when key= is the teacher key, compared in constant time; otherwise
 * fail(rq, 403, ...) and 0. */
int teacher_allowed(struct request *rq);

/* The names of the worlds that exist (their files), sorted; returns how
 * many (at most max), each at most 32 letters and digits. */
int list_worlds(char names[][33], int max);

/* Open world name into rq->db, begin (BEGIN IMMEDIATE when writing, else a
 * read snapshot) and load its geometry into rq->world.  Returns 0, or -1
 * after fail(). */
int teacher_open_world(struct request *rq, const char *name,
		       enum db_open_how how, int writing);

/* Make the open world anew with this seed: no players, treasures back,
 * no bloom, empty logs; ids start again at 0.  Returns 0 or -1. */
int world_reset(struct request *rq, long long seed);

/* Put a copy of every treasure into player id's inventory (the map keeps
 * its treasures).  Returns 0 or -1. */
int give_all_treasures(struct request *rq, long long id);


/* Append one world's summary for /admin: its seed, bloom, players (moved up
 * to date) and request counts, as text to rq's answer and as a JSON object
 * to json.  Opens and closes the world's file itself. */
void world_summary(struct request *rq, const char *name, struct buf *json);

/* Append the whole state of the open world as one JSON object (for /world
 * and the map): size, seed, bloom, the sea floor every step metres, the
 * trench, seamounts, treasures still there, whales on the map, players. */
void world_json(struct request *rq, struct buf *out, int step);
#endif
