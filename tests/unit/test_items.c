/* test_items.c: inventories (lib/items.c): Python literals that
 * ast.literal_eval reads, giving (at most CARRY_MAX treasures) and taking
 * items in a real SQLite file, and the bloom switch (lib/world.c). */
#include "store/db.h"
#include "ocean/items.h"
#include "ocean/reply.h"
#include "ocean/request.h"
#include "unit.h"
#include "ocean/worlds.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The item table as lib/schema.c makes it. */
static const char SCHEMA[] =
	"CREATE TABLE item (seq INTEGER PRIMARY KEY, player INTEGER NOT NULL,"
	" kind TEXT NOT NULL, name TEXT NOT NULL, amount REAL);"
	"CREATE TABLE world (bloom INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO world DEFAULT VALUES;";

static const char *python(struct buf *b, const char *text)
{
	buf_clear(b);
	buf_python(b, text);
	return buf_str(b);
}

static const struct schema schema = { .create = SCHEMA, .version = 1 };

int main(void)
{
	char dir[UNIT_DIR_MAX], path[256];
	struct request rq = { .reply.status = 200 };
	struct player fred = { .id = 3 }, wilma = { .id = 4 };
	struct buf b = {0};

	/* Quoted as Python's repr() quotes. */
	CHECK_STR(python(&b, "boat hook"), "'boat hook'");
	CHECK_STR(python(&b, "Kick 'em Jenny"), "\"Kick 'em Jenny\"");
	CHECK_STR(python(&b, "say \"hi\""), "'say \"hi\"'");
	CHECK_STR(python(&b, "it's \"both\""), "'it\\'s \"both\"'");
	CHECK_STR(python(&b, "a\\b"), "'a\\\\b'");
	CHECK_STR(python(&b, "tab\there\nnew\rret"), "'tab\\there\\nnew\\rret'");
	CHECK_STR(python(&b, "bell\x07 del\x7f"), "'bell\\x07 del\\x7f'");
	CHECK_STR(python(&b, "caf\xc3\xa9"), "'caf\xc3\xa9'");
	CHECK_STR(python(&b, ""), "''");

	/* Giving and taking. */
	CHECK(unit_mkdtemp(dir) == 0);
	snprintf(path, sizeof path, "%s/items.db", dir);
	rq.db = db_open(path, "items.db", &schema, DB_CREATE);
	CHECK(rq.db != NULL);
	CHECK(db_exec(rq.db, "INSERT INTO item (player, kind, name, amount)"
		      " VALUES (3, 'air tank', 'air tank', 1.0)", NULL) == 0);
	CHECK(item_give(&rq, 3, "treasure", "binoculars") == 0);
	CHECK(item_give(&rq, 4, "treasure", "boat hook") == 0);
	CHECK(item_give(&rq, 3, "treasure", "iron dust") == 0);
	CHECK(item_give(&rq, 3, "treasure", "iron dust") == 0);
	CHECK(item_give(&rq, 3, "whale", "Moby's \"cousin\"") == 0);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM item WHERE player = 3", NULL) == 5);

	CHECK(item_take_treasure(&rq, &fred, "iron dust") == 1);   /* one of two */
	CHECK(item_take_treasure(&rq, &fred, "boat hook") == 0);   /* wilma's */
	CHECK(item_take_treasure(&rq, &fred, "Moby's \"cousin\"") == 0); /* a whale */
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM item WHERE player = 3", NULL) == 4);
	CHECK(item_take_treasure(&rq, &fred, "iron dust") == 1);
	CHECK(item_take_treasure(&rq, &fred, "iron dust") == 0);
	CHECK(item_take_treasure(&rq, &wilma, "boat hook") == 1);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM item WHERE player = 4", NULL) == 0);

	/* A bag holds CARRY_MAX treasures; a whale still fits. */
	for (int i = 0; i < CARRY_MAX; i++)
		CHECK(item_give(&rq, 5, "treasure", "iron dust") == 0);
	CHECK(item_give(&rq, 5, "treasure", "binoculars") == -1);
	CHECK(item_give(&rq, 5, "whale", "Anisha") == 0);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM item WHERE player = 5", NULL) == CARRY_MAX + 1);
	CHECK(!rq.db->failed);

	/* The bloom, on and off, in the file and in rq->world. */
	CHECK(world_set_bloom(&rq, 1) == 0 && rq.world.bloom == 1);
	CHECK(db_int(rq.db, -1, "SELECT bloom FROM world", NULL) == 1);
	CHECK(world_set_bloom(&rq, 0) == 0 && rq.world.bloom == 0);
	CHECK(db_int(rq.db, -1, "SELECT bloom FROM world", NULL) == 0);

	db_close(rq.db);
	buf_free(&rq.reply.text);
	buf_free(&rq.reply.fields);
	buf_free(&b);
	CHECK(unit_rmdir(dir) == 0);
	UNIT_DONE();
}
