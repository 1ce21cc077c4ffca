/* db.c: opening SQLite files (made whole, checked, or a stand-in), closing
 * them, and naming their faults (db.h); transactions and statements are in
 * sql.c. */
#include "store/db.h"
#include "store/db_internal.h"
#include "http/buf.h"
#include "sys/sys.h"

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

double db_ms_between(const struct timespec *a, const struct timespec *b)
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
	if (db_ms_between(&s->busy_since, &now) > DB_BUSY_TIMEOUT_MS)
		return 0;
	if (us > 2000)
		us = 2000;
	nap.tv_sec = 0;
	nap.tv_nsec = us * 1000;
	nanosleep(&nap, NULL);
	return 1;
}

void db_record_fault(struct store *s, int code, int sys_errno, const char *doing)
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

void db_error(struct store *s, const char *doing)
{
	int code = s->sql ? sqlite3_extended_errcode(s->sql) : SQLITE_CANTOPEN;
	int sys = s->sql ? sqlite3_system_errno(s->sql) : 0;

	db_record_fault(s, code, sys, doing);
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
		db_record_fault(s, err == ENOSPC ? SQLITE_FULL : SQLITE_CANTOPEN, err,
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
		db_record_fault(s, SQLITE_CANTOPEN, errno, "opening the file");
		return -1;
	}
	n = pread(fd, head, sizeof head, 0);
	close(fd);
	if (!is_sqlite_header(head, n)) {
		db_record_fault(s, SQLITE_NOTADB, 0, "reading the file's header");
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
		db_record_fault(s, SQLITE_IOERR, errno, "looking for the file");
		return -1;
	}
	/* A file the server may not write is refused before SQLite opens it:
	 * SQLite would open it read-only and make read-only companions. */
	if (access(s->path, R_OK | W_OK) < 0) {
		db_record_fault(s, SQLITE_READONLY, errno, "checking the file's mode");
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
		db_record_fault(s, SQLITE_CANTOPEN, ENOENT, "opening the new file");
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
