/* db.c: opening SQLite files, transactions, kept statements and naming
 * faults (db.h). */
#include "db.h"
#include "buf.h"
#include "sys.h"

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The log's size limit in bytes: DB_LOG_PAGES pages of 4096 bytes, each
 * with its 24-byte frame header, and some to spare. */
#define LOG_LIMIT "5000000"
_Static_assert(5000000 >= DB_LOG_PAGES * (4096 + 24) + 32, "LOG_LIMIT below DB_LOG_PAGES");

void db_setup(void)
{
	/* One thread: SQLite needs no locks of its own around its memory and
	 * connections, and keeps no memory statistics (each costs a mutex on
	 * every allocation).  A fifth of a CGI run's instructions. */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Milliseconds from a to b. */
static double ms_between(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1e3 + (b->tv_nsec - a->tv_nsec) / 1e6;
}

/* Busy handler: wait in short naps (0.05 ms growing to 2 ms) while another
 * request holds the lock, up to DB_BUSY_TIMEOUT_MS in all.  Short naps keep
 * the queue moving; SQLite's own timeout sleeps much longer steps.  The
 * start of the wait is kept on the store, not in a static. */
static int busy_wait(void *arg, int count)
{
	struct store *s = arg;
	struct timespec now, nap;
	long us = 50L * (count + 1);

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		s->busy_since = now;
	if (ms_between(&s->busy_since, &now) > DB_BUSY_TIMEOUT_MS)
		return 0;
	if (us > 2000)
		us = 2000;
	nap.tv_sec = 0;
	nap.tv_nsec = us * 1000;
	nanosleep(&nap, NULL);
	return 1;
}

/* Record a fault on the store (the first one wins) and log it once: lib
 * rolls back and answers it. */
static void fault(struct store *s, int code, int sys_errno, const char *doing)
{
	char text[512];

	if (s->failed)
		return;
	s->failed = 1;
	s->code = code;
	s->sys_errno = sys_errno;
	db_fault_text(s, text, sizeof text);
	log_line("%s: %s [%s: %s]", s->label, text, doing,
		s->sql ? sqlite3_errmsg(s->sql) : sqlite3_errstr(code));
}

/* Record the connection's last error. */
static void db_error(struct store *s, const char *doing)
{
	int code = s->sql ? sqlite3_extended_errcode(s->sql) : SQLITE_CANTOPEN;
	int sys = s->sql ? sqlite3_system_errno(s->sql) : 0;

	fault(s, code, sys, doing);
}

void db_clear_fault(struct store *s)
{
	s->failed = 0;
	s->code = SQLITE_OK;
	s->sys_errno = 0;
}

int db_fault_status(const struct store *s)
{
	int primary = s->code & 0xff;

	if (s->missing)
		return 404; /* a write to a file not made: nothing was written */
	return primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? 503 : 500;
}

void db_fault_text(const struct store *s, char *out, size_t len)
{
	const char *f = s->label;

	int code = s->code & 0xff;

	if (s->sys_errno == ENOSPC || s->sys_errno == EDQUOT)
		code = SQLITE_FULL; /* SQLite may say only "disk I/O error" */
	if (s->missing) {
		snprintf(out, len, "%s does not exist yet, so nothing was written "
			 "(a student's /join makes a world, or a teacher's do=reset)", f);
		return;
	}
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		snprintf(out, len, "the ocean is very busy right now (%s stayed "
			 "locked); please try again in a moment", f);
		break;
	case SQLITE_FULL:
		snprintf(out, len, "the server's disk is full: %s could not be "
			 "written. A teacher must free some space on the server", f);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		snprintf(out, len, "%s cannot be written: the file is read-only "
			 "for the server's user. A teacher can fix it with chmod 644 "
			 "(and chown to the server's user)", f);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		snprintf(out, len, "%s is damaged (it is not a whole SQLite "
			 "database). A teacher can set it aside and start afresh with "
			 "/admin?do=reset", f);
		break;
	case SQLITE_CANTOPEN:
		snprintf(out, len, "%s cannot be opened: %s. A teacher can check "
			 "that the data folder exists and belongs to the server's user",
			 f, s->sys_errno ? strerror(s->sys_errno) : "the folder is "
			 "missing or not writable");
		break;
	case SQLITE_IOERR:
		snprintf(out, len, "the disk failed while reading or writing %s "
			 "(%s). A teacher can check the server's disk",
			 f, s->sys_errno ? strerror(s->sys_errno) : "input/output error");
		break;
	case SQLITE_NOMEM:
		snprintf(out, len, "the server ran out of memory while using %s; "
			 "please try again", f);
		break;
	default:
		snprintf(out, len, "the server could not use %s (%s)", f,
			 sqlite3_errstr(s->code));
	}
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

/* Run the schema and the first rows on an empty connection, at once. */
static int fill_new(sqlite3 *db, const struct schema *schema, const char *label)
{
	char set[64];

	snprintf(set, sizeof set, "PRAGMA user_version=%d", schema->version);
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL))
		return -1;
	if (sqlite3_exec(db, schema->create, NULL, NULL, NULL) ||
	    (schema->init && schema->init(db, label)) ||
	    sqlite3_exec(db, set, NULL, NULL, NULL) ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

/* Make the file at path whole under a temporary name, then link it into
 * place: link never replaces a file, so when two requests race to make the
 * same new file one wins and the other opens the winner's.  Returns 0 (the
 * file exists now), or -1 with the fault recorded. */
static int make_file(struct store *s)
{
	char tmp[4200], side[4300];
	unsigned rnd;
	sqlite3 *db = NULL;
	int rc = -1, err = 0;

	random_bytes(&rnd, sizeof rnd);
	snprintf(tmp, sizeof tmp, "%s.new-%ld-%08x", s->path, (long)getpid(), rnd);
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) == SQLITE_OK &&
	    fill_new(db, s->schema, s->label) == 0) {
		rc = 0;
	} else {
		s->sql = db;
		db_error(s, "making a new file");
		s->sql = NULL;
	}
	sqlite3_close(db); /* the last connection: the log is folded in */
	if (rc == 0 && link(tmp, s->path) < 0 && errno != EEXIST) {
		err = errno;
		fault(s, err == ENOSPC ? SQLITE_FULL : SQLITE_CANTOPEN, err,
		      "linking a new file into place");
		rc = -1;
	}
	unlink(tmp);
	snprintf(side, sizeof side, "%s-wal", tmp);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", tmp);
	unlink(side);
	return rc;
}

/* The server writes its files' companions (-wal, -shm).  SQLite gives them
 * the main file's mode, so a file once made read-only leaves read-only
 * companions behind: give them back the mode they need.  Returns 1 when one
 * was mended. */
static int mend_companions(const struct store *s)
{
	static const char *const ends[] = { "-wal", "-shm" };
	char side[4200];
	struct stat st;
	int mended = 0;

	for (size_t i = 0; i < LEN(ends); i++) {
		snprintf(side, sizeof side, "%s%s", s->path, ends[i]);
		if (stat(side, &st) == 0 && !(st.st_mode & S_IWUSR) &&
		    chmod(side, 0640) == 0)
			mended = 1;
	}
	return mended;
}

/* After every commit: remember how long the log has grown (the fold-in is
 * done in db_end, out of the writers' queue, not here inside COMMIT). */
static int log_grew(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)db;
	(void)name;
	((struct store *)arg)->log_pages = pages;
	return SQLITE_OK;
}

/* The first bytes of every SQLite file. */
static const char MAGIC[16] = "SQLite format 3";

/* 1 when the 16 bytes read (n of them) open an SQLite file.  A file
 * overwritten in place, or cut to nothing by a full disk, is damaged: a
 * connection that kept pages of it in memory must not go on writing. */
static int is_sqlite_header(const char *head, ssize_t n)
{
	return n == (ssize_t)sizeof MAGIC && memcmp(head, MAGIC, sizeof MAGIC) == 0;
}

/* Read the file's first bytes (no SQLite connection holds a lock on it in
 * this process yet, so closing this descriptor releases none).  Returns 0,
 * or -1 with the fault recorded. */
static int check_header(struct store *s)
{
	char head[sizeof MAGIC];
	int fd = open(s->path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		fault(s, SQLITE_CANTOPEN, errno, "opening the file");
		return -1;
	}
	n = pread(fd, head, sizeof head, 0);
	close(fd);
	if (!is_sqlite_header(head, n)) {
		fault(s, SQLITE_NOTADB, 0, "reading the file's header");
		return -1;
	}
	return 0;
}

/* Open the connection to an existing file: 0, 1 when there is no such
 * file, or -1 (recorded). */
static int connect(struct store *s)
{
	struct stat st;

	if (stat(s->path, &st) < 0) {
		if (errno == ENOENT)
			return 1;
		fault(s, SQLITE_IOERR, errno, "looking for the file");
		return -1;
	}
	/* A file the server may not write is refused before SQLite opens it:
	 * SQLite would open it read-only and make read-only companions. */
	if (access(s->path, R_OK | W_OK) < 0) {
		fault(s, SQLITE_READONLY, errno, "checking the file's mode");
		return -1;
	}
	if (check_header(s) < 0)
		return -1;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	mend_companions(s);
	if (sqlite3_open_v2(s->path, &s->sql, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_error(s, "opening");
		return -1;
	}
	sqlite3_busy_handler(s->sql, busy_wait, s);
	/* The log file stays when the last connection closes, emptied (any
	 * journal_size_limit does that), not deleted: a CGI request is often
	 * the only one open, and making the log anew on every open costs more
	 * than the request. */
	sqlite3_file_control(s->sql, "main", SQLITE_FCNTL_PERSIST_WAL, &(int){1});
	/* SQLite folds the log in inside the COMMIT that grew it past 1000
	 * pages, while that writer still holds its place in the queue: every
	 * writer after it would wait for the copy and its syncs.  This hook
	 * replaces that: db_fold_log folds it in once the reply is sent. */
	sqlite3_wal_hook(s->sql, log_grew, s);
	/* WAL survives a kill -9 of the server: a commit is in the log before
	 * the reply is written.  NORMAL syncs at checkpoints, not per commit.
	 * While connections stay open, the log restarts from its top after a
	 * fold and keeps its DB_LOG_PAGES of disk: writing over blocks the
	 * file already has is cheaper, and cheaper to sync, than growing it
	 * again (the classroom's p99 in event mode: 10.5 -> 9.3 ms). */
	if (sqlite3_exec(s->sql, "PRAGMA synchronous=NORMAL; "
			 "PRAGMA journal_size_limit=" LOG_LIMIT, NULL, NULL, NULL)) {
		db_error(s, "setting synchronous");
		return -1;
	}
	return 0;
}

/* A new store for path, not yet opened. */
static struct store *new_store(const char *path, const char *label,
			       const struct schema *schema)
{
	struct store *s = xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->queue = -1;
	s->schema = schema;
	snprintf(s->path, sizeof s->path, "%s", path);
	snprintf(s->label, sizeof s->label, "%s", label);
	return s;
}

/* The stand-in's guard: SQLite refuses, as it prepares them, statements
 * that would change the main database (a /data query's temporary tables
 * are not the world, and may be made). */
static int no_writes(void *arg, int action, const char *a, const char *b,
		     const char *db, const char *trigger)
{
	(void)arg;
	(void)a;
	(void)b;
	(void)trigger;
	switch (action) {
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_INDEX:
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_INDEX:
	case SQLITE_ALTER_TABLE:
		return db && strcmp(db, "main") == 0 ? SQLITE_DENY : SQLITE_OK;
	default:
		return SQLITE_OK;
	}
}

struct store *db_stand_in(const char *label, const struct schema *schema)
{
	struct store *s = new_store(":memory:", label, schema);

	s->checked = 1;
	if (sqlite3_open_v2(":memory:", &s->sql, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    fill_new(s->sql, s->schema, s->label) < 0)
		db_error(s, "making a stand-in in memory");
	else
		sqlite3_set_authorizer(s->sql, no_writes, NULL);
	s->missing = 1;
	return s;
}

void db_stand_in_writable(struct store *s)
{
	if (s->missing && s->sql)
		sqlite3_set_authorizer(s->sql, NULL, NULL);
}

struct store *db_open(const char *path, const char *label,
		      const struct schema *schema, enum db_open_how how)
{
	struct store *s = new_store(path, label, schema);

	if (connect(s) != 1)
		return s;
	if (how == DB_EXISTING) {
		s->missing = 1;
		return s;
	}
	if (make_file(s) == 0 && connect(s) == 1)
		fault(s, SQLITE_CANTOPEN, ENOENT, "opening the new file");
	s->made = s->sql && !s->failed;
	return s;
}

int db_stale(const struct store *s)
{
	struct stat st;

	if (!s->sql || s->dev == 0)
		return 0; /* in memory, or never opened */
	return stat(s->path, &st) < 0 || st.st_ino != s->ino || st.st_dev != s->dev;
}

int db_recheck(const struct store *s)
{
	sqlite3_file *file = NULL;
	char head[sizeof MAGIC];

	if (!s->sql || s->dev == 0)
		return 0; /* in memory, or never opened */
	if (db_stale(s) || access(s->path, R_OK | W_OK) < 0)
		return 1;
	/* Through SQLite's own descriptor: closing one of ours would drop the
	 * locks this connection holds on the file. */
	if (sqlite3_file_control(s->sql, "main", SQLITE_FCNTL_FILE_POINTER, &file) ||
	    !file || !file->pMethods ||
	    file->pMethods->xRead(file, head, sizeof head, 0) != SQLITE_OK)
		return 1;
	return !is_sqlite_header(head, sizeof head);
}

void db_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < DB_STATEMENTS; i++)
		sqlite3_finalize(s->kept[i].st);
	sqlite3_close(s->sql);
	if (s->queue >= 0)
		close(s->queue); /* and with it the place in the queue */
	free(s);
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
		fault(s, SQLITE_NOTADB, 0, "reading the schema version");
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
		 ms_between(&s->busy_since, &now) < DB_BUSY_TIMEOUT_MS);
	alarm(0);
	if (rc < 0) {
		fault(s, SQLITE_BUSY, 0, "waiting for the writers before");
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
