/* teacher.c: the teacher key and the worlds' files (see teacher.h). */
#include "teacher.h"
#include "conn.h"
#include "buf.h"
#include "db.h"
#include "overview.h"
#include "query.h"
#include "reply.h"
#include "schema.h"
#include "serve.h"
#include "world.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char SQL_FOLD_LOG[] = "PRAGMA wal_checkpoint(TRUNCATE)";

/* Read a key file: 0 when it holds TEACHER_KEY_LEN hex digits. */
static int read_key(const char *path, char key[TEACHER_KEY_LEN + 1])
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, key, TEACHER_KEY_LEN);
	close(fd);
	key[n > 0 ? n : 0] = '\0';
	return n == TEACHER_KEY_LEN ? 0 : -1;
}

int teacher_key(char key[TEACHER_KEY_LEN + 1])
{
	char path[4096];

	/* Only starting the server makes the key (make run prints it): a key
	 * made here would be printed nowhere. */
	snprintf(path, sizeof path, "%s/teacher.key", data_dir());
	return read_key(path, key);
}

int teacher_allowed(struct request *rq)
{
	char key[TEACHER_KEY_LEN + 1];
	const char *given = query_str(&rq->query, "key");
	size_t len = strlen(given);
	unsigned char diff = 0;

	if (teacher_key(key) < 0) {
		log_line("%s/teacher.key is missing or unreadable: "
			 "start the server again (make run) to make a new key", data_dir());
		fail(rq, 500, "the teacher key file (teacher.key in the data folder) "
		     "is missing or unreadable: start the server again (make run) "
		     "and it makes a new key and prints it");
		return 0;
	}
	/* Constant time: look at every byte whatever matches. */
	for (size_t i = 0; i < TEACHER_KEY_LEN; i++)
		diff |= (unsigned char)(key[i] ^ (i < len ? given[i] : 0));
	if (len == 0) {
		fail(rq, 403, "this page needs the teacher key: add key=... to the "
			      "address (make run prints it as 'teacher key: ...')");
		return 0;
	}
	if (diff || len != TEACHER_KEY_LEN) {
		fail(rq, 403, "that is not this server's teacher key: copy it again "
			      "from what make run printed ('teacher key: ...'), or "
			      "run make banner on the server");
		return 0;
	}
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

int list_worlds(char (**names)[WORLD_NAME_MAX + 1])
{
	char dir[4096], name[WORLD_NAME_MAX + 1];
	char (*list)[WORLD_NAME_MAX + 1] = NULL;
	struct dirent *e;
	DIR *d;
	int n = 0, cap = 0;

	if (names)
		*names = NULL;
	snprintf(dir, sizeof dir, "%s/worlds", data_dir());
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 4 || len > 35 || strcmp(e->d_name + len - 3, ".db") != 0)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(len - 3), e->d_name);
		if (!is_word(name, WORLD_NAME_MAX))
			continue;
		if (names && n == cap) {
			cap = cap ? 2 * cap : 64;
			list = xrealloc(list, (size_t)cap * sizeof *list);
		}
		if (names)
			memcpy(list[n], name, sizeof name);
		n++;
	}
	closedir(d);
	if (names) {
		qsort(list, (size_t)n, sizeof *list, by_name);
		*names = list;
	}
	return n;
}

int world_damaged(const struct store *s)
{
	int primary = s->code & 0xff;

	return s->failed && (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB);
}

/* Move from to to when from exists.  Returns 0 (moved, or nothing to
 * move) or -1. */
static int move_if_there(const char *from, const char *to)
{
	return rename(from, to) == 0 || errno == ENOENT ? 0 : -1;
}

int world_set_aside(struct request *rq, const char *name, const char *why)
{
	static const char *const ends[] = { "-wal", "-shm" };
	char path[4096], aside[4200], from[4300], to[4400], stamp[32];
	struct kept_world *k;
	time_t t = (time_t)rq->now;
	int lock, moved = -1;

	if (world_db_path(path, sizeof path, name) < 0)
		return 0;
	lock = worlds_lock();
	k = world_store(rq->stores, name, DB_EXISTING);
	if (k->store->missing) {
		moved = 0;
		goto done;
	}
	/* Fold the log into the file while it is still in place (a damaged
	 * file cannot: its log moves with it). */
	if (!k->store->failed && db_exec(k->store, SQL_FOLD_LOG, NULL) < 0)
		db_clear_fault(k->store);
	world_forget(rq->stores, name);
	/* NAME.db.WHY-TIME, with a count when that name is taken. */
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&t));
	for (int n = 1; ; n++) {
		snprintf(aside, sizeof aside, n == 1 ? "%s.%s-%s" : "%s.%s-%s-%d",
			 path, why, stamp, n);
		if (access(aside, F_OK) < 0 && errno == ENOENT)
			break;
	}
	if (rename(path, aside) < 0)
		goto done;
	moved = 1;
	for (size_t i = 0; i < LEN(ends); i++) {
		snprintf(from, sizeof from, "%s%s", path, ends[i]);
		snprintf(to, sizeof to, "%s%s", aside, ends[i]);
		move_if_there(from, to);
	}
	snprintf(from, sizeof from, "%s/worlds/%s.tally", data_dir(), name);
	snprintf(to, sizeof to, "%s.tally", aside);
	move_if_there(from, to);
done:
	worlds_unlock(lock);
	return moved;
}

int teacher_world(struct request *rq, const char *name, enum db_open_how how)
{
	if (!world_begin(rq, name, how, 1)) {
		if (how != DB_CREATE || !world_damaged(rq->db))
			return answer_fault(rq, rq->db) - 1;
		db_end(rq->db, 0);
		rq->db = NULL; /* setting aside closes this process's store */
		rq->kept = NULL;
		if (world_set_aside(rq, name, "damaged") < 0) {
			fail(rq, 500, "worlds/%s.db is damaged and could not be set aside "
			     "(%s): a teacher can move it away by hand", name, strerror(errno));
			return -1;
		}
		if (!world_begin(rq, name, how, 1))
			return answer_fault(rq, rq->db) - 1;
	}
	if (rq->db->missing && how == DB_CREATE) {
		fail(rq, 409, "this server holds %d worlds already (MAX_WORLDS): delete "
		     "one first, or start the server with MAX_WORLDS=%d", max_worlds(),
		     2 * max_worlds());
		return -1;
	}
	if (rq->db->missing) {
		fail(rq, 404, "there is no world called %s: make it with do=reset "
		     "(or a student's /join)", name);
		return -1;
	}
	return 0;
}

int world_remake(struct request *rq, long long seed)
{
	if (seed < 0)
		seed = world_new_seed();
	if (world_clear(rq->db, seed, rq->now) < 0)
		return -1;
	world_make(&rq->world, seed);
	tally_clear(&rq->kept->tally);
	return 0;
}

/* do=delete: move the world's file aside. */
static void delete_world(struct request *rq, const char *name)
{
	int moved = world_set_aside(rq, name, "deleted");

	if (moved < 0)
		fail(rq, 500, "worlds/%s.db could not be moved aside (%s): a teacher "
		     "can check the data folder", name, strerror(errno));
	else if (moved == 0)
		fail(rq, 404, "there is no world called %s", name);
}

void teacher_act(struct request *rq, const struct action *actions, size_t n)
{
	const char *todo = arg(rq, "do"), *world = arg(rq, "world");
	const struct action *a = NULL;
	struct buf names = {0};

	if (!teacher_allowed(rq))
		return;
	if (!*todo) {
		overview(rq, world);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		buf_printf(&names, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "",
			   actions[i].name);
		if (strcmp(actions[i].name, todo) == 0)
			a = &actions[i];
	}
	if (!a)
		fail(rq, 400, "do must be one of %s", buf_str(&names));
	else if (!*world)
		fail(rq, 400, "do=%s needs world=NAME: which world?", todo);
	else if (a->needs && !*arg(rq, a->needs))
		fail(rq, 400, "do=%s needs %s=...", todo, a->needs);
	else if (is_head(rq)) {
		/* A link preview or a prefetch must not reset or delete. */
		say(rq, "a HEAD request changes nothing: open the address (GET) "
		    "to do=%s", todo);
		buf_free(&names);
		return;
	} else if (!a->act)
		delete_world(rq, world);
	else if (teacher_world(rq, world, a->how) == 0)
		a->act(rq);
	if (a && rq->reply.status == 200 && a->said)
		say(rq, a->said, world);
	buf_free(&names);
}
