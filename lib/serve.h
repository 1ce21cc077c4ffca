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

#include "request.h"

/* Serve one CGI request for route; returns the process exit status (0). */
int serve(const struct route *route);

/* Record that the player in name= solved this Steps level, once, with the
 * time (nothing when no name= was sent).  Returns 0, or -1 after fail(). */
int record_solved(struct request *rq, const char *level);

#endif
