/* sql.c: transactions, the writers' queue, folding the log, and kept
 * statements with bound values, on a store db.c opened (see db.h). */
#include "store/db.h"
#include "store/db_internal.h"

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>

/* The file's user_version, or -1. */
static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bring an older file's schema up to date, once per connection.  in is
 * the transaction open now: 'w' write, 'r' read, 0 none.  The upgrade needs
 * the write lock: a read transaction is ended and taken again after, and
 * with none open one is taken for it.  Returns 0 or -1 (recorded). */
static int check_version(struct store *s, int in)
{
	int writing = in == 'w';

	int v = user_version(s->sql);
	char set[64];

	if (v < 0) {
		db_error(s, "reading the schema version");
		return -1;
	}
	if (v == 0) {
		/* Every file is made whole with its version: one without is empty
		 * (zero length after a full disk) or not ours, so damaged. */
		db_record_fault(s, SQLITE_NOTADB, 0, "reading the schema version");
		return -1;
	}
	if (v >= s->schema->version) {
		s->checked = 1;
		return 0;
	}
	if ((in == 'r' && sqlite3_exec(s->sql, "COMMIT", NULL, NULL, NULL)) ||
	    (!writing && sqlite3_exec(s->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL))) {
		db_error(s, "locking to upgrade the schema");
		return -1;
	}
	for (v = user_version(s->sql); v >= 1 && v < s->schema->version; v++)
		if (sqlite3_exec(s->sql, s->schema->upgrade[v - 1], NULL, NULL, NULL)) {
			db_error(s, "upgrading the schema");
			return -1;
		}
	snprintf(set, sizeof set, "PRAGMA user_version=%d", s->schema->version);
	if (sqlite3_exec(s->sql, set, NULL, NULL, NULL) ||
	    (!writing && sqlite3_exec(s->sql, "COMMIT", NULL, NULL, NULL)) ||
	    (in == 'r' && sqlite3_exec(s->sql, "BEGIN", NULL, NULL, NULL))) {
		db_error(s, "upgrading the schema");
		return -1;
	}
	s->checked = 1;
	return 0;
}

/* The transaction statements, kept prepared like any other (one of the
 * SQL constants below; parsing them anew was a tenth of a kept process's
 * work on a request). */
static const char SQL_BEGIN[] = "BEGIN";
static const char SQL_BEGIN_WRITE[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

static sqlite3_stmt *take_statement(struct store *s, const char *sql);

/* Run one of the transaction statements: 0, or -1 (not recorded: the
 * caller names the fault; the connection keeps the error). */
static int run(struct store *s, const char *sql)
{
	sqlite3_stmt *st = take_statement(s, sql);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	db_done(s, st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Start a transaction; the first on a connection checks the schema. */
static int begin(struct store *s, const char *sql, int writing)
{
	if (!s->sql || s->failed)
		return -1;
	if (run(s, sql) < 0) {
		db_error(s, sql);
		return -1;
	}
	if (!s->checked && check_version(s, writing ? 'w' : 'r') < 0) {
		run(s, SQL_ROLLBACK);
		return -1;
	}
	return 0;
}

/* A signal that only interrupts a wait. */
static void wake_up(int sig)
{
	(void)sig;
}

/* Wait for this file's writers before us (flock on PATH-queue), at most the
 * busy timeout.  Returns 0 with the place taken, or -1 (recorded: 503). */
static int queue_enter(struct store *s)
{
	char path[4200];
	struct sigaction quiet = { .sa_handler = wake_up };
	struct timespec now;
	int rc;

	if (s->dev == 0)
		return 0; /* in memory: no one else writes it */
	if (s->queue < 0) {
		snprintf(path, sizeof path, "%s-queue", s->path);
		s->queue = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
		if (s->queue < 0)
			return 0; /* no queue: SQLite's own lock still holds */
		/* The alarm that ends a long wait only wakes it (once per store,
		 * not per wait: nothing else in a route process uses SIGALRM). */
		sigaction(SIGALRM, &quiet, NULL);
	}
	if (flock(s->queue, LOCK_EX | LOCK_NB) == 0) {
		s->queued = 1;
		return 0;
	}
	/* Someone is writing: sleep until they are done, or the timeout (an
	 * alarm wakes the wait; another signal only interrupts it). */
	clock_gettime(CLOCK_MONOTONIC, &s->busy_since);
	alarm(DB_BUSY_TIMEOUT_MS / 1000);
	do {
		rc = flock(s->queue, LOCK_EX);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (rc < 0 && errno == EINTR &&
		 db_ms_between(&s->busy_since, &now) < DB_BUSY_TIMEOUT_MS);
	alarm(0);
	if (rc < 0) {
		db_record_fault(s, SQLITE_BUSY, 0, "waiting for the writers before");
		return -1;
	}
	s->queued = 1;
	return 0;
}

/* Give up the place in the writers' queue. */
static void queue_leave(struct store *s)
{
	if (s->queued)
		flock(s->queue, LOCK_UN);
	s->queued = 0;
}

int db_begin(struct store *s)
{
	if (!s->sql || s->failed || queue_enter(s) < 0)
		return -1;
	if (begin(s, SQL_BEGIN_WRITE, 1) < 0) {
		queue_leave(s);
		return -1;
	}
	return 0;
}

int db_begin_read(struct store *s)
{
	return begin(s, SQL_BEGIN, 0);
}

int db_begin_writing(struct store *s)
{
	if (run(s, SQL_COMMIT) < 0) {
		db_error(s, SQL_COMMIT);
		return -1;
	}
	return db_begin(s);
}

int db_end(struct store *s, int ok)
{
	int rc = -1;

	if (!s->sql || sqlite3_get_autocommit(s->sql)) {
		queue_leave(s);
		return ok && !s->failed ? 0 : -1; /* no transaction open */
	}
	if (ok && !s->failed && run(s, SQL_COMMIT) == 0) {
		rc = 0;
	} else {
		if (ok)
			db_error(s, SQL_COMMIT);
		run(s, SQL_ROLLBACK);
	}
	queue_leave(s);
	return rc;
}

void db_fold_log(struct store *s)
{
	if (!s || !s->sql || s->log_pages < DB_LOG_PAGES)
		return;
	/* PASSIVE: copies what no reader still needs, waits for no one; the
	 * next writer starts the log afresh once it is all in. */
	sqlite3_wal_checkpoint_v2(s->sql, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	s->log_pages = 0;
}

/* Bind the values named by types to st. */
static int bind_all(sqlite3_stmt *st, const char *types, va_list ap)
{
	int rc = SQLITE_OK;

	for (int i = 0; types && types[i] && rc == SQLITE_OK; i++) {
		switch (types[i]) {
		case 'i':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
			break;
		case 'd':
			rc = sqlite3_bind_double(st, i + 1, va_arg(ap, double));
			break;
		case 't': {
			const char *t = va_arg(ap, const char *);
			rc = t ? sqlite3_bind_text(st, i + 1, t, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i + 1);
			break;
		}
		default:
			assert(!"unknown bind type");
			rc = SQLITE_MISUSE;
		}
	}
	return rc;
}

/* A kept statement for sql that nobody holds, made when there is none.
 * Statements are kept by the address of their SQL constant, checked
 * against the text, so SQL built in a buffer is safe too. */
static sqlite3_stmt *take_statement(struct store *s, const char *sql)
{
	struct kept *free_slot = NULL, *k;
	sqlite3_stmt *st = NULL;

	for (int i = 0; i < DB_STATEMENTS; i++) {
		k = &s->kept[i];
		if (k->st && !k->busy && k->sql == sql &&
		    strcmp(sqlite3_sql(k->st), sql) == 0) {
			k->busy = 1;
			return k->st;
		}
		if (!k->st && !free_slot)
			free_slot = k;
	}
	if (!free_slot) {
		/* All slots are full: make room by forgetting one no one holds. */
		for (int i = 0; i < DB_STATEMENTS && !free_slot; i++)
			if (!s->kept[i].busy) {
				sqlite3_finalize(s->kept[i].st);
				s->kept[i].st = NULL;
				free_slot = &s->kept[i];
			}
	}
	if (sqlite3_prepare_v3(s->sql, sql, -1, free_slot ? SQLITE_PREPARE_PERSISTENT : 0,
			       &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	if (free_slot) {
		free_slot->sql = sql;
		free_slot->st = st;
		free_slot->busy = 1;
	}
	return st;
}

/* db_prepare with a va_list. */
static sqlite3_stmt *prepare_v(struct store *s, const char *sql,
			       const char *types, va_list ap)
{
	sqlite3_stmt *st;

	if (!s || !s->sql)
		return NULL;
	st = take_statement(s, sql);
	if (!st && !s->checked && sqlite3_get_autocommit(s->sql) &&
	    (sqlite3_errcode(s->sql) & 0xff) == SQLITE_ERROR) {
		/* Perhaps an older file that lacks a column: upgrade, retry. */
		if (check_version(s, 0) < 0) {
			sqlite3_exec(s->sql, "ROLLBACK", NULL, NULL, NULL);
			return NULL;
		}
		st = take_statement(s, sql);
	}
	if (!st) {
		db_error(s, sql);
		return NULL;
	}
	if (bind_all(st, types, ap)) {
		db_error(s, sql);
		db_done(s, st);
		return NULL;
	}
	return st;
}

sqlite3_stmt *db_prepare(struct store *s, const char *sql,
			 const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *st;

	va_start(ap, types);
	st = prepare_v(s, sql, types, ap);
	va_end(ap);
	return st;
}

int db_bind(struct store *s, sqlite3_stmt *st, int first, const char *types, ...)
{
	va_list ap;
	int rc = SQLITE_OK;

	if (!st)
		return -1;
	sqlite3_reset(st);
	va_start(ap, types);
	for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
		int at = first + i;
		const char *text;

		switch (types[i]) {
		case 'i': rc = sqlite3_bind_int64(st, at, va_arg(ap, long long)); break;
		case 'd': rc = sqlite3_bind_double(st, at, va_arg(ap, double)); break;
		case 't':
			text = va_arg(ap, const char *);
			rc = text ? sqlite3_bind_text(st, at, text, -1, SQLITE_TRANSIENT)
				  : sqlite3_bind_null(st, at);
			break;
		default: assert(!"unknown bind type"); rc = SQLITE_MISUSE;
		}
	}
	va_end(ap);
	if (rc != SQLITE_OK) {
		db_error(s, sqlite3_sql(st));
		return -1;
	}
	return 0;
}

int db_row(struct store *s, sqlite3_stmt *st)
{
	int rc;

	if (!st)
		return 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		db_error(s, sqlite3_sql(st));
	return 0;
}

void db_done(struct store *s, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (int i = 0; i < DB_STATEMENTS; i++)
		if (s->kept[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->kept[i].busy = 0;
			return;
		}
	sqlite3_finalize(st); /* made when every slot was held */
}

int db_exec(struct store *s, const char *sql, const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc;

	va_start(ap, types);
	st = prepare_v(s, sql, types, ap);
	va_end(ap);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		db_error(s, sql);
	db_done(s, st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

long long db_int(struct store *s, long long dflt, const char *sql,
		 const char *types, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	long long v = dflt;

	va_start(ap, types);
	st = prepare_v(s, sql, types, ap);
	va_end(ap);
	if (db_row(s, st) && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	db_done(s, st);
	return v;
}
