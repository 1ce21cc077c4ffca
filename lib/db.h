/* db.h: the one place that opens SQLite files and talks to them.
 *
 * Every file is opened in WAL mode with a busy timeout, its schema made on
 * first open and versioned with PRAGMA user_version.  Statements are prepared
 * with '?' placeholders and values are bound, never spliced into SQL text:
 * the types string names each value in order, 'i' long long, 'd' double,
 * 't' text (NULL binds SQL NULL).  A failed call records the error in the
 * request, so lib answers 500 and rolls the transaction back. */
#ifndef MOCEAN_DB_H
#define MOCEAN_DB_H

#include <sqlite3.h>

#include "request.h"

/* How long a request waits for another to finish writing, in milliseconds. */
#define DB_BUSY_TIMEOUT_MS 10000

/* The data directory: $MOCEAN_DATA (set by lighttpd.conf), else $DATA_DIR,
 * else "data". */
const char *data_dir(void);

/* Open (creating when new) the SQLite file at path, in WAL mode with the busy
 * timeout, and make its schema when its user_version is below version.  The
 * schema runs once, inside BEGIN IMMEDIATE, then init (may be NULL) runs in
 * the same transaction to fill first rows.  Returns the handle or NULL. */
sqlite3 *db_open(const char *path, const char *schema, int version,
		 int (*init)(sqlite3 *db));

/* BEGIN IMMEDIATE: take the write lock now, so a read-modify-write never
 * meets another writer halfway.  Returns 0 or -1. */
int db_begin(struct request *rq);

/* COMMIT when all went well, else ROLLBACK.  Returns 0 when committed. */
int db_end(struct request *rq, int ok);

/* Prepare sql and bind the values that follow; NULL on error (recorded). */
sqlite3_stmt *db_prepare(struct request *rq, const char *sql,
			 const char *types, ...);

/* Step: 1 when a row is ready, 0 when done or on error (recorded).  The
 * caller finalizes the statement. */
int db_row(struct request *rq, sqlite3_stmt *st);

/* Run a statement that returns no rows.  Returns 0, or -1 (recorded). */
int db_exec(struct request *rq, const char *sql, const char *types, ...);

/* The first column of the first row as an integer, or dflt when no row. */
long long db_int(struct request *rq, long long dflt, const char *sql,
		 const char *types, ...);

/* Random bytes from the kernel, for seeds, ids and keys. */
void random_bytes(void *out, size_t n);

#endif
