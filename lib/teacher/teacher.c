/* teacher.c: the teacher key and the worlds' files (see teacher.h). */
#include "teacher/teacher.h"
#include "ocean/worlds.h"
#include "sys/sys.h"
#include "http/buf.h"
#include "store/db.h"
#include "teacher/overview.h"
#include "http/query.h"
#include "ocean/reply.h"
#include "ocean/world.h"
#include "ocean/player.h"
#include "ocean/items.h"
#include "ocean/secret.h"
#include "ocean/roster.h"
#include "teacher/words.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

int teacher_world(struct request *rq, const char *name, enum world_want want)
{
	if (want != WORLD_MAKE)
		want = WORLD_WRITE; /* every action writes */
	rq->world_name = name;
	if (!world_begin(rq, name, want)) {
		if (want != WORLD_MAKE || !world_damaged(rq->db))
			return answer_fault(rq, rq->db) - 1;
		db_end(rq->db, 0);
		rq->db = NULL; /* setting aside closes this process's store */
		rq->kept = NULL;
		if (world_set_aside(rq, name, "damaged") < 0) {
			fail(rq, 500, "worlds/%s.db is damaged and could not be set aside "
			     "(%s): a teacher can move it away by hand", name, strerror(errno));
			return -1;
		}
		if (!world_begin(rq, name, want))
			return answer_fault(rq, rq->db) - 1;
	}
	if (rq->db->missing && want == WORLD_MAKE) {
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

void teacher_new_secret(struct request *rq)
{
	const char *name = arg(rq, "name");
	const char *word = arg(rq, "secret");
	char made[WORDS_LONGEST + 1];
	struct roster_entry e;
	int listed = roster_find(rq, name, &e);
	struct player p;
	int playing = player_find(rq, listed ? e.name : name, &p);

	if (!listed && !playing) {
		fail(rq, 404, "nobody called %s is playing in %s or on its class "
		     "roster: check the name in the overview", name, arg(rq, "world"));
		return;
	}
	if (!*word) {
		words_make_secret(made, sizeof made);
		word = made;
	}
	if ((playing && secret_give(rq, p.id, word) < 0) ||
	    (listed && roster_set_word(rq, &e, word) < 0))
		return;
	name = listed ? e.name : p.name;
	say(rq, "%s's secret word in %s is now %s: from now on every address "
	    "that acts as %s needs &secret=%s", name, arg(rq, "world"), word,
	    name, word);
	json_str(&rq->reply.json, "name", name);
	json_str(&rq->reply.json, "secret", word);
}

void teacher_kick(struct request *rq)
{
	struct player p;
	int found = player_find(rq, arg(rq, "name"), &p) && player_remove(rq, p.id) == 0;

	say(rq, found ? "player %s removed from %s" : "nobody called %s is playing in %s",
	    arg(rq, "name"), arg(rq, "world"));
}

void teacher_give(struct request *rq)
{
	struct player p;
	int found = player_load(rq, arg_int(rq, "id"), &p);

	for (int i = 0; found && i < TREASURES; i++)  /* copies: the map keeps its own */
		item_give(rq, p.id, "treasure", rq->world.seamounts[i].treasure);
	say(rq, found ? "%s now holds a copy of every treasure" : "there is no player %s here",
	    found ? p.name : arg(rq, "id"));
}

void teacher_treasures(struct request *rq)
{
	const char *rule = arg(rq, "rule");

	if (strcmp(rule, "each") != 0 && strcmp(rule, "shared") != 0) {
		fail(rq, 400, "rule must be each (every player takes each treasure once) "
		     "or shared (the first to take one takes it for everybody)");
		return;
	}
	if (world_set_treasures(rq, strcmp(rule, "each") == 0) < 0)
		return;
	if (rq->world.treasures_each)
		say(rq, "in %s every player takes each treasure once (rule each)", arg(rq, "world"));
	else
		say(rq, "in %s the first to take a treasure takes it for everybody (rule shared)",
		    arg(rq, "world"));
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
	else if (teacher_world(rq, world, a->want) == 0)
		a->act(rq);
	if (a && rq->reply.status == 200 && a->said)
		say(rq, a->said, world);
	buf_free(&names);
}
