/* test_teacher.c: the teacher key (made once, mode 0600, 32 hex digits,
 * checked whole), listing worlds (never cut short), making a world anew and
 * setting a world's file aside, on real files in a temporary folder. */
#include "store/db.h"
#include "ocean/reply.h"
#include "store/schema.h"
#include "ocean/worlds.h"
#include "teacher/teacher.h"
#include "ocean/world.h"
#include "unit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 when key=given opens the teacher's pages; rq's status says why not. */
static int allowed(struct request *rq, const char *raw)
{
	char err[100];

	query_free(&rq->query);
	query_parse(&rq->query, raw, err, sizeof err);
	rq->reply.status = 200;
	return teacher_allowed(rq);
}

int main(void)
{
	char dir[UNIT_DIR_MAX], path[300], key[TEACHER_KEY_LEN + 1];
	char again[TEACHER_KEY_LEN + 1], raw[100], (*names)[33], name[33];
	struct stores stores = {0};
	struct request rq = { .reply.status = 200, .stores = &stores };
	struct stat st;
	FILE *f;
	int hex = 1;

	CHECK(unit_mkdtemp(dir) == 0);
	setenv("MOCEAN_DATA", dir, 1);

	/* The key is made by starting the server (make), never by a request:
	 * a missing key file is a 500 that says so, and makes nothing. */
	snprintf(path, sizeof path, "%s/teacher.key", dir);
	CHECK(teacher_key(key) == -1);
	CHECK(allowed(&rq, "key=0123456789abcdef0123456789abcdef") == 0 &&
	      rq.reply.status == 500 && strstr(buf_str(&rq.reply.text), "missing") != NULL);
	CHECK(stat(path, &st) == -1);
	f = fopen(path, "w");
	CHECK(f && fputs("3f9c0a1b2c3d4e5f60718293a4b5c6d7", f) >= 0 && fclose(f) == 0);
	CHECK(teacher_key(key) == 0);
	for (int i = 0; i < TEACHER_KEY_LEN; i++)
		hex &= isxdigit((unsigned char)key[i]) && !isupper((unsigned char)key[i]);
	CHECK(hex && strlen(key) == TEACHER_KEY_LEN);
	CHECK(teacher_key(again) == 0);
	CHECK_STR(again, key);

	/* Only the whole key opens the door. */
	snprintf(raw, sizeof raw, "key=%s", key);
	CHECK(allowed(&rq, raw) == 1 && rq.reply.status == 200);
	CHECK(allowed(&rq, "") == 0 && rq.reply.status == 403);
	raw[strlen(raw) - 1] ^= 1;                      /* one digit wrong */
	CHECK(allowed(&rq, raw) == 0 && rq.reply.status == 403);
	snprintf(raw, sizeof raw, "key=%.*s", TEACHER_KEY_LEN - 1, key);  /* too short */
	CHECK(allowed(&rq, raw) == 0 && rq.reply.status == 403);
	snprintf(raw, sizeof raw, "key=%s0", key);      /* too long */
	CHECK(allowed(&rq, raw) == 0 && rq.reply.status == 403);

	/* Worlds are their files, listed in order of name, all of them. */
	CHECK(list_worlds(&names) == 0 && names == NULL);
	CHECK(!world_store(&stores, "zebra", DB_CREATE)->store->failed);
	CHECK(!world_store(&stores, "class3", DB_CREATE)->store->failed);
	CHECK(list_worlds(&names) == 2);
	CHECK_STR(names[0], "class3");
	CHECK_STR(names[1], "zebra");
	free(names);
	setenv("MAX_WORLDS", "300", 1);
	for (int i = 0; i < 250; i++) {
		snprintf(name, sizeof name, "w%03d", i);
		CHECK(!world_store(&stores, name, DB_CREATE)->store->missing);
	}
	CHECK(list_worlds(&names) == 252 && list_worlds(NULL) == 252);
	CHECK_STR(names[0], "class3");
	CHECK_STR(names[1], "w000");
	CHECK_STR(names[251], "zebra");
	free(names);

	/* No more worlds than MAX_WORLDS: past it, nothing is made. */
	setenv("MAX_WORLDS", "252", 1);
	CHECK(max_worlds() == 252);
	CHECK(world_store(&stores, "onemore", DB_CREATE)->store->missing);
	CHECK(list_worlds(NULL) == 252);
	setenv("MAX_WORLDS", "x", 1);
	CHECK(max_worlds() == MAX_WORLDS_DEFAULT);

	/* Set aside: the file, its log and its tally move; the world is gone. */
	rq.now = 1700000000;
	CHECK(world_set_aside(&rq, "zebra", "deleted") == 1);
	CHECK(list_worlds(NULL) == 251);
	snprintf(path, sizeof path, "%s/worlds/zebra.db.deleted-20231114-221320", dir);
	CHECK(stat(path, &st) == 0);
	snprintf(path, sizeof path, "%s/worlds/zebra.db.deleted-20231114-221320.tally", dir);
	CHECK(stat(path, &st) == 0);
	CHECK(world_set_aside(&rq, "zebra", "deleted") == 0);

	/* Made anew: a new seed, ids from 0, no players, no bloom. */
	rq.reply.status = 200;
	CHECK(world_begin(&rq, "class3", WORLD_WRITE) != NULL);
	CHECK(db_exec(rq.db, "INSERT INTO player (id, name, x, y, heading, t, joined)"
		      " VALUES (5, 'fred', 1, 2, 0, 0, 0)", NULL) == 0);
	CHECK(db_exec(rq.db, "UPDATE world SET bloom = 1, next_id = 6", NULL) == 0);
	CHECK(world_remake(&rq, 42) == 0);
	CHECK(db_int(rq.db, -1, "SELECT seed FROM world", NULL) == 42);
	CHECK(db_int(rq.db, -1, "SELECT bloom + next_id FROM world", NULL) == 0);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM player", NULL) == 0);
	CHECK(rq.world.seed == 42);
	CHECK(db_end(rq.db, 1) == 0);
	stores_close(&stores);
	query_free(&rq.query);
	buf_free(&rq.reply.text);
	buf_free(&rq.reply.fields);
	CHECK(unit_rmdir(dir) == 0);
	UNIT_DONE();
}
