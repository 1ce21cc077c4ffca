/* db.h: the one place that opens SQLite files and talks to them.
 *
 * A store is one open SQLite file.  Every file is made whole under a
 * temporary name and linked into place, so no request ever sees it half
 * made; it is opened in WAL mode with a busy timeout, and its schema version
 * is checked (and upgraded) inside the first transaction on the connection.
 *
 * Statements are prepared with '?' placeholders and values are bound, never
 * spliced into SQL text: the types string names each value in order, 'i'
 * long long, 'd' double, 't' text (NULL binds SQL NULL).  Prepared statements
 * are kept on the store and reused, keyed by the SQL constant.
 *
 * Writers to one file queue in the kernel on a lock of its own (flock on
 * PATH-queue) before they take SQLite's write lock: a writer that must wait
 * sleeps until the one before it is done, instead of polling SQLite's lock
 * in naps, so under a class's load the wait is as short as the work.
 *
 * A failed call records the fault in the store (the first one wins): lib
 * rolls the transaction back and answers 503 when the file stayed locked
 * past the busy timeout, otherwise 500 with a sentence that names the file
 * and what happened, and writes one line to the server's error log. */
#ifndef MOCEAN_DB_H
#define MOCEAN_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "sys/sys.h"

/* How long a request waits for another to finish writing, in milliseconds. */
#define DB_BUSY_TIMEOUT_MS 10000

/* The write-ahead log is folded into the file once it holds this many
 * pages, after the reply of the writer that grew it (db_fold_log). */
#define DB_LOG_PAGES 1000

/* How many prepared statements a store keeps for reuse. */
#define DB_STATEMENTS 32

/* What a kind of file holds: its tables, made at once in a new file, and the
 * steps that bring an older file up to date. */
struct schema {
	const char *create;          /* every table, at the newest version */
	int version;                 /* the PRAGMA user_version it is at */
	const char *const *upgrade;  /* upgrade[v - 1] takes version v to v + 1 */
	int (*init)(sqlite3 *db, const char *label); /* first rows of a new
	                                file (label: the store's), or NULL */
};

/* One prepared statement kept for reuse. */
struct kept {
	const char *sql;       /* the SQL text it was made from */
	sqlite3_stmt *st;
	int busy;              /* handed out and not yet given back */
};

/* One open SQLite file and what went wrong with it. */
struct store {
	sqlite3 *sql;          /* the connection (NULL when it could not open) */
	char path[4096];       /* the file */
	char label[96];        /* the file as a teacher knows it: worlds/x.db */
	const struct schema *schema;
	dev_t dev;             /* the file that was opened: a file moved */
	ino_t ino;             /* aside or replaced is noticed and reopened */
	int missing;           /* the file does not exist (and was not made):
	                          the store is a stand-in in memory that
	                          refuses every write (db_stand_in) */
	int made;              /* this store made its file when it opened, for
	                          this request (a kept store forgets it) */
	int checked;           /* its schema version was checked */
	int failed;            /* a call failed: roll back, answer the fault */
	int code;              /* SQLite's extended result code of the fault */
	int sys_errno;         /* errno of the fault, when the system said */
	struct timespec busy_since; /* when the current wait for a lock began */
	int queue;             /* the file writers queue on (PATH-queue), or -1 */
	int log_pages;         /* pages in the write-ahead log after the last
	                          commit: past DB_LOG_PAGES it is folded in */
	int queued;            /* this store holds it: a write transaction */
	struct kept kept[DB_STATEMENTS];
};

/* How db_open treats a file that is not there. */
enum db_open_how {
	DB_EXISTING,   /* leave it missing (s->missing) */
	DB_CREATE,     /* make it, whole, with its schema and first rows */
};

/* Set SQLite up for a process of one thread, before it is first used (the
 * serving loop calls it once). */
void db_setup(void);

/* Open the SQLite file at path (":memory:" for a private empty one), making
 * it when it is missing and how is DB_CREATE.  label names it in messages.
 * Always returns a store: check s->missing and s->failed. */
struct store *db_open(const char *path, const char *label,
		      const struct schema *schema, enum db_open_how how);

/* 1 when the file at the store's path is no longer the one it opened (moved
 * aside, deleted or replaced): the store must be closed and opened again. */
int db_stale(const struct store *s);

/* Before a kept store serves another request: 1 when it must be opened
 * again, because its file was moved aside or replaced (db_stale), made
 * read-only, or damaged in place under it (its header is not SQLite's);
 * else 0.  Opened again, it records the fault as any fresh open does: a
 * process that keeps a file open answers as one that opens it. */
int db_recheck(const struct store *s);

/* A private store in memory for a file that does not exist yet, with the
 * schema and first rows (label names the file it stands in for): it answers
 * reads as the new file would, and refuses writes (s->missing is 1; a write
 * tried is a 404 fault).  db_stand_in_writable lets a HEAD request write
 * into it, since what HEAD does is rolled back. */
struct store *db_stand_in(const char *label, const struct schema *schema);
void db_stand_in_writable(struct store *s);

/* Close the store and free it (NULL is fine). */
void db_close(struct store *s);

/* BEGIN IMMEDIATE: take the write lock now, so a read-modify-write never
 * meets another writer halfway.  Returns 0 or -1 (recorded). */
int db_begin(struct store *s);

/* BEGIN: a read-only snapshot, for work that changes nothing.  Returns 0 or
 * -1 (recorded). */
int db_begin_read(struct store *s);

/* For a route that read in a snapshot (STORE_WORLD_READ) and now must write:
 * end the snapshot and take the write lock (BEGIN IMMEDIATE).  Nothing read
 * before may be trusted after.  Returns 0 or -1 (recorded). */
int db_begin_writing(struct store *s);

/* COMMIT when ok and nothing failed, else ROLLBACK.  Returns 0 when
 * committed. */
int db_end(struct store *s, int ok);

/* Fold the write-ahead log into the file when it has grown past
 * DB_LOG_PAGES (a passive checkpoint: a copy and two syncs, a few ms).
 * The serving loop calls it after the reply is sent, so no reply waits. */
void db_fold_log(struct store *s);

/* Forget a fault recorded on the store (after it was answered). */
void db_clear_fault(struct store *s);

/* Prepare sql (kept for reuse) and bind the values that follow; NULL on
 * error (recorded).  Hand it back with db_done. */
sqlite3_stmt *db_prepare(struct store *s, const char *sql,
			 const char *types, ...);

/* Bind values to st (from db_prepare) from parameter number first (1 is
 * ?1) on, with types as for db_prepare.  The statement is reset first, so a
 * loop can run one INSERT row after row.  For SQL whose values are known only
 * at run time (the conditions of a /data query).  Returns 0, or -1 (recorded). */
int db_bind(struct store *s, sqlite3_stmt *st, int first, const char *types, ...);

/* Step: 1 when a row is ready, 0 when done or on error (recorded). */
int db_row(struct store *s, sqlite3_stmt *st);

/* Give back a statement from db_prepare (NULL is fine). */
void db_done(struct store *s, sqlite3_stmt *st);

/* Run a statement that returns no rows.  Returns 0, or -1 (recorded). */
int db_exec(struct store *s, const char *sql, const char *types, ...);

/* The first column of the first row as an integer, or dflt when no row. */
long long db_int(struct store *s, long long dflt, const char *sql,
		 const char *types, ...);

/* The HTTP status for the store's fault: 503 when the file stayed locked
 * past the busy timeout (try again), otherwise 500. */
int db_fault_status(const struct store *s);

/* One sentence for a person about the store's fault: which file, what
 * happened, what a teacher can do. */
void db_fault_text(const struct store *s, char *out, size_t len);

#endif
