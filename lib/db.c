/* db.c: opening SQLite files, transactions and bound statements (db.h). */
#include "db.h"
#include "buf.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

const char *data_dir(void)
{
	const char *d = getenv("MOCEAN_DATA");

	if (!d || !*d)
		d = getenv("DATA_DIR");
	return d && *d ? d : "data";
}

void random_bytes(void *out, size_t n)
{
	unsigned char *p = out;

	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);
		if (got <= 0)
			continue; /* EINTR; the kernel's pool is always there */
		p += got;
		n -= (size_t)got;
	}
}

/* Busy handler: wait in short naps (0.1 ms growing to 2 ms) while another
 * request holds the write lock, up to DB_BUSY_TIMEOUT_MS in all.  Short naps
 * keep the queue moving; SQLite's own timeout sleeps much longer steps. */
static int busy_wait(void *unused, int count)
{
	static struct timespec start;
	struct timespec now, nap;
	long us = 100L * (count + 1);
	double waited;

	(void)unused;
	if (count == 0)
		clock_gettime(CLOCK_MONOTONIC, &start);
	clock_gettime(CLOCK_MONOTONIC, &now);
	waited = (now.tv_sec - start.tv_sec) * 1e3 +
		 (now.tv_nsec - start.tv_nsec) / 1e6;
	if (waited > DB_BUSY_TIMEOUT_MS)
		return 0;
	if (us > 2000)
		us = 2000;
	nap.tv_sec = 0;
	nap.tv_nsec = us * 1000;
	nanosleep(&nap, NULL);
	return 1;
}

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

/* Make the schema once: re-checked under the write lock, because two first
 * requests may race to create the same new file. */
static int make_schema(sqlite3 *db, const char *schema, int version,
		       int (*init)(sqlite3 *db))
{
	char set[64];
	int rc;

	if (sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL))
		return -1;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
		return -1;
	rc = user_version(db);
	if (rc >= 0 && rc < version) {
		snprintf(set, sizeof set, "PRAGMA user_version=%d", version);
		rc = sqlite3_exec(db, schema, NULL, NULL, NULL) ||
		     (init && init(db)) ||
		     sqlite3_exec(db, set, NULL, NULL, NULL);
	} else {
		rc = rc < 0;
	}
	if (rc) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) ? -1 : 0;
}

struct store *db_open(const char *path, const char *schema, int version,
		      int (*init)(sqlite3 *db))
{
	struct store *s;
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL))
		goto fail;
	sqlite3_busy_handler(db, busy_wait, NULL);
	/* WAL survives a kill -9 of the server: a commit is in the log before
	 * the reply is written.  NORMAL syncs at checkpoints, not per commit. */
	if (sqlite3_exec(db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL))
		goto fail;
	if (user_version(db) < version &&
	    make_schema(db, schema, version, init) < 0)
		goto fail;
	s = xmalloc(sizeof *s);
	memset(s, 0, sizeof *s);
	s->sql = db;
	snprintf(s->path, sizeof s->path, "%s", path);
	return s;
fail:
	sqlite3_close(db);
	return NULL;
}

void db_close(struct store *s)
{
	if (!s)
		return;
	sqlite3_close(s->sql);
	free(s);
}

void db_done(sqlite3_stmt *st)
{
	sqlite3_finalize(st);
}

/* Record a SQLite failure in the store: lib answers and rolls back. */
static void db_error(struct store *s, const char *what)
{
	if (!s->failed && getenv("MOCEAN_DEBUG"))
		fprintf(stderr, "mocean: %s: %s\n", what, sqlite3_errmsg(s->sql));
	if (!s->failed)
		s->code = sqlite3_errcode(s->sql);
	s->failed = 1;
}

int db_begin(struct store *s)
{
	if (sqlite3_exec(s->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL)) {
		db_error(s, "BEGIN IMMEDIATE");
		return -1;
	}
	return 0;
}

int db_begin_writing(struct store *s)
{
	if (sqlite3_exec(s->sql, "COMMIT", NULL, NULL, NULL)) {
		db_error(s, "COMMIT");
		return -1;
	}
	return db_begin(s);
}

int db_end(struct store *s, int ok)
{
	if (ok && !s->failed &&
	    sqlite3_exec(s->sql, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	if (ok)
		db_error(s, "COMMIT");
	sqlite3_exec(s->sql, "ROLLBACK", NULL, NULL, NULL);
	return -1;
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
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT)
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

/* db_prepare with a va_list. */
static sqlite3_stmt *prepare_v(struct store *s, const char *sql,
			       const char *types, va_list ap)
{
	sqlite3_stmt *st = NULL;

	if (!s)
		return NULL;
	if (sqlite3_prepare_v2(s->sql, sql, -1, &st, NULL)) {
		db_error(s, sql);
		return NULL;
	}
	if (bind_all(st, types, ap)) {
		db_error(s, sql);
		sqlite3_finalize(st);
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
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_error(s, sql);
		return -1;
	}
	return 0;
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
	sqlite3_finalize(st);
	return v;
}
