/* serve.h: one request, end to end.  A route file's main() is one line:
 *
 *     int main(void) { return serve(&route); }
 *
 * THE CYCLE (serve.c's serve_one).  A request goes through these states, in
 * this order; the functions on each arrow move it to the next.  In any state
 * fail() (a 400 naming a key, 403, 429, a fault's 500 or 503) sets the
 * answer; what is left of the cycle then does nothing but roll back and
 * answer, so a refusal changes nothing.
 *
 *   ARRIVED     rq is fresh: the route, struct stores, the time
 *      |  read_input (method, query, uri, Host, Accept, the client's
 *      |  address), read_body (a POST to a route that takes one, /bots:
 *      |  conn_body, 413 over its longest, 400 when not UTF-8), query_parse,
 *      |  reply_decide (the reply's form, once: text, browser or JSON),
 *      |  check_keys: world= and secret= (world routes and Steps levels),
 *      |  name= (Steps levels) and every declared key, checked and parsed
 *      v  once
 *   CHECKED     values[] hold typed values (store NONE, PROGRESS: to READY)
 *      |  world_begin (worlds.h): world_store (kept in struct stores, or
 *      |  opened; a world with no file is a stand-in), then db_begin
 *      |  (STORE_WORLD: BEGIN IMMEDIATE, after the writers' queue) or db_begin_read
 *      |  (STORE_WORLD_READ: a snapshot), then the world's row: its
 *      v  geometry from the seed, bloom, lock, limit
 *   OPEN        a transaction on rq->db
 *      |  player_load (the ID key's player), secret_allows (403 without
 *      |  the word; 429 for an address that sent too many wrong ones, before
 *      |  the word is checked: secret.h), tally_count
 *      |  (429 past the teacher's limit), player_move: the player up to now
 *      v  (rq->me; what finish_world needs to know whether to save it)
 *   READY
 *      |  route->handle: the lesson, saying its answer and working on rq->db
 *      v
 *   HANDLED
 *      |  finish_world: player_save (when the player changed), then db_end:
 *      v  COMMIT for a 200, else ROLLBACK (a refusal, a fault, a HEAD)
 *   COMMITTED
 *      |  reply_write: status, headers and body of rq->reply (reply.h),
 *      |  in its form; seenlog_record keeps the request, its status and
 *      |  first line in its player's log (seenlog.h: /log); conn_reply
 *      v  sends the reply in one piece (conn.h); a limit's refusal goes
 *         with conn_reply_at, when its second is over (CGI waits; event
 *         mode holds it and serves the next requests)
 *   ANSWERED    reply_free and query_free: nothing outlives rq
 *
 * Paths inside READY, through the same functions:
 *   Steps levels (STORE_PROGRESS): level_solved -> record_solved (steps.c)
 *     first reads the world name= plays in (world=, else the default) in a
 *     snapshot (world_begin ... db_end): a protected name needs its
 *     secret= (secret_allows); then it opens steps.db (progress_store) and
 *     writes the level in a transaction of its own (db_begin, INSERT,
 *     db_end), apart from any world.
 *   /data (STORE_WORLD_READ, in its snapshot): plan_query (plan; for &add,
 *     check_author: a protected name= needs its secret=) ->
 *     data_fill (fill: a dataset made from the geometry) -> select_rows or
 *     summarise_rows (select) -> data_write_rows or data_write_info (write) ->
 *     data_empty.  With &add, db_begin_writing ends the snapshot and takes
 *     the write lock (BEGIN IMMEDIATE) before data_insert_row; world_writable makes a
 *     world that has no file yet (so does /join's first player).
 *   The teacher (/admin, /world, /scores: STORE_NONE): teacher_allowed checks
 *     the key; an action opens the one world it names with teacher_world ->
 *     world_begin (writing; on reset a damaged file is set aside first and
 *     the world made anew), and finish_world commits it as for any route;
 *     /world reads the world it names in a snapshot (world_begin, reading).
 *     The overview and /scores read every world in turn, each in a snapshot
 *     of its own: world_begin (reading) ... db_end, then the next.
 *
 * TWO SERVING MODES.  serve() runs the cycle in conn_accept's loop (conn.h):
 *   CGI: conn_accept returns once (the request is in the environment); the
 *     cycle runs once, stores_close, and the process ends.
 *   Event mode (FastCGI): conn_accept returns for every request lighttpd
 *     sends.  struct stores keeps, between requests, only what is right to
 *     share: open worlds (WORLDS_KEPT, each with its prepared statements,
 *     tally and geometry) and steps.db; a world's file moved aside or
 *     replaced, damaged in place or made read-only is noticed (db_recheck) and
 *     opened again, and anything a
 *     teacher changes is read again inside the next request's transaction.
 *   In both, after the reply is sent, a world whose write-ahead log has
 *     grown long is folded in (stores_fold_logs): no reply waits for that. */
#ifndef MOCEAN_SERVE_H
#define MOCEAN_SERVE_H

#include "ocean/request.h"

/* Serve route: one request (CGI) or every request lighttpd sends (event
 * mode).  Returns the process exit status, 0. */
int serve(const struct route *route);

#endif
