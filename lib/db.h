/* db.h: the one place that opens SQLite files and talks to them.
 *
 * Every file is opened in WAL mode with a busy timeout, its schema made on
 * first open and versioned with PRAGMA user_version.  Statements are prepared
 * with '?' placeholders and values are bound, never spliced into SQL text:
 * the types string names each value in order, 'i' long long, 'd' double,
 * 't' text (NULL binds SQL NULL).  Every call works on a store: one open
 * file.  A failed call records the error in the store, so lib answers (503
 * when the file stayed locked, else 500 naming the fault) and rolls the
 * transaction back. */
#ifndef MOCEAN_DB_H
#define MOCEAN_DB_H

#include <sqlite3.h>

#include <stddef.h>

/* How long a request waits for another to finish writing, in milliseconds. */
#define DB_BUSY_TIMEOUT_MS 10000

/* One open SQLite file and what went wrong with it. */
struct store {
	sqlite3 *sql;          /* the connection */
	char path[4096];       /* the file, for messages and the log */
	int failed;            /* a call failed: roll back, answer the fault */
	int code;              /* SQLite's result code of the first failure */
};

/* The data directory: $MOCEAN_DATA (set by lighttpd.conf), else $DATA_DIR,
 * else "data". */
const char *data_dir(void);

/* Open (creating when new) the SQLite file at path, in WAL mode with the busy
 * timeout, and make its schema when its user_version is below version.  The
 * schema runs once, inside BEGIN IMMEDIATE, then init (may be NULL) runs in
 * the same transaction to fill first rows.  Returns the store or NULL. */
struct store *db_open(const char *path, const char *schema, int version,
		      int (*init)(sqlite3 *db));

/* Close the store and free it (NULL is fine). */
void db_close(struct store *s);

/* BEGIN IMMEDIATE: take the write lock now, so a read-modify-write never
 * meets another writer halfway.  Returns 0 or -1. */
int db_begin(struct store *s);

/* For a route that read in a snapshot (STORE_WORLD_READ) and now must write:
 * end the snapshot and take the write lock (BEGIN IMMEDIATE).  Nothing read
 * before may be trusted after.  Returns 0 or -1 (recorded). */
int db_begin_writing(struct store *s);

/* COMMIT when all went well, else ROLLBACK.  Returns 0 when committed. */
int db_end(struct store *s, int ok);

/* Prepare sql and bind the values that follow; NULL on error (recorded). */
sqlite3_stmt *db_prepare(struct store *s, const char *sql,
			 const char *types, ...);

/* Step: 1 when a row is ready, 0 when done or on error (recorded).  The
 * caller hands the statement back with db_done. */
int db_row(struct store *s, sqlite3_stmt *st);

/* Done with a statement from db_prepare (NULL is fine). */
void db_done(sqlite3_stmt *st);

/* Run a statement that returns no rows.  Returns 0, or -1 (recorded). */
int db_exec(struct store *s, const char *sql, const char *types, ...);

/* The first column of the first row as an integer, or dflt when no row. */
long long db_int(struct store *s, long long dflt, const char *sql,
		 const char *types, ...);

/* Random bytes from the kernel, for seeds, ids and keys. */
void random_bytes(void *out, size_t n);

#endif
