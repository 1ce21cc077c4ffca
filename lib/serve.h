/* serve.h: one request, end to end.  A route file's main() is one line:
 *
 *     int main(void) { return serve(&route); }
 *
 * serve() reads QUERY_STRING, checks every key the route declared (answering
 * 400 itself for what does not fit), opens the store the route needs, starts
 * the transaction, loads and moves the player named by an ID key, runs the
 * handler, saves the player, commits, and only then writes the reply.
 * Nothing is kept between requests, so the same route files could run in a
 * long-lived loop by changing only this file. */
#ifndef MOCEAN_SERVE_H
#define MOCEAN_SERVE_H

#include "db.h"
#include "request.h"

/* Serve one CGI request for route; returns the process exit status (0). */
int serve(const struct route *route);

/* Open the world called name (from what this process keeps), begin a
 * transaction (BEGIN IMMEDIATE when writing, else a read snapshot), and
 * read the world's row: its geometry and settings into rq->world and the
 * like.  how: DB_CREATE only where a world may be made (/join, a teacher's
 * reset).  Returns rq->db, or NULL with the fault on rq->db (not yet
 * answered: see answer_fault). */
struct store *world_begin(struct request *rq, const char *name,
			  enum db_open_how how, int writing);

/* Answer the store's fault: 503 when it stayed locked, else 500 with the
 * sentence naming the file and what happened.  Returns 0. */
int answer_fault(struct request *rq, const struct store *s);

/* Record that the player in name= solved this Steps level, once, with the
 * time (nothing when no name= was sent).  Returns 0, or -1 after fail(). */
int record_solved(struct request *rq, const char *level);

#endif
