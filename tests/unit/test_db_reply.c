/* test_db_reply.c: SQLite access (lib/db.c, lib/schema.c) and the three
 * reply forms (lib/reply.c), on real files in a temporary folder. */
#include "store/db.h"
#include "ocean/reply.h"
#include "ocean/request.h"
#include "store/schema.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char SCHEMA[] = "CREATE TABLE t (k TEXT PRIMARY KEY, v REAL);";
static int inits;

static int init(sqlite3 *db, const char *label)
{
	(void)label;
	inits++;
	return sqlite3_exec(db, "INSERT INTO t VALUES ('first', 1.5)", 0, 0, 0);
}

static const struct schema schema = { .create = SCHEMA, .version = 3, .init = init };

/* Run reply_write for rq with this query; return the reply it made. */
static char *written(struct request *rq, const char *raw)
{
	static char out[4096];
	struct buf reply = {0};
	char err[100];

	query_free(&rq->query);
	query_parse(&rq->query, raw, err, sizeof err);
	reply_decide(rq);
	reply_write(rq, &reply);
	snprintf(out, sizeof out, "%s", reply.s ? reply.s : "");
	buf_free(&reply);
	return out;
}

int main(void)
{
	char dir[UNIT_DIR_MAX], path[256];
	struct request rq = { .reply.status = 200 };
	sqlite3_stmt *st;

	CHECK(unit_mkdtemp(dir) == 0);
	snprintf(path, sizeof path, "%s/t.db", dir);
	rq.db = db_open(path, "t.db", &schema, DB_EXISTING);   /* not there */
	CHECK(rq.db->missing && !rq.db->failed && inits == 0);
	db_close(rq.db);
	rq.db = db_open(path, "t.db", &schema, DB_CREATE);
	CHECK(rq.db != NULL && !rq.db->missing && !rq.db->failed);
	CHECK(db_int(rq.db, -1, "PRAGMA user_version", NULL) == 3);
	st = db_prepare(rq.db, "PRAGMA journal_mode", NULL);
	CHECK(db_row(rq.db, st) && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0);
	db_done(rq.db, st);
	db_close(rq.db);
	rq.db = db_open(path, "t.db", &schema, DB_CREATE); /* made once */
	CHECK(inits == 1 && !rq.db->made);
	CHECK(db_recheck(rq.db) == 0);
	db_close(rq.db);

	/* A stand-in reads as the new file would, and refuses every write. */
	rq.db = db_stand_in("t.db", &schema);
	CHECK(rq.db->missing && !rq.db->failed && inits == 2);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM t", NULL) == 1);
	CHECK(db_begin(rq.db) == 0);
	CHECK(db_exec(rq.db, "INSERT INTO t VALUES ('lost', 1)", NULL) == -1);
	CHECK(rq.db->failed && db_fault_status(rq.db) == 404);
	CHECK(db_end(rq.db, 1) == -1);
	db_close(rq.db);
	rq.db = db_open(path, "t.db", &schema, DB_CREATE);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM t", NULL) == 1);

	/* Bound values, never spliced: a quote is just a character. */
	CHECK(db_begin(rq.db) == 0);
	CHECK(db_exec(rq.db, "INSERT INTO t VALUES (?, ?)", "td", "it's'); DROP TABLE t;--", 2.5) == 0);
	CHECK(db_end(rq.db, 1) == 0);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM t WHERE k = ?", "t",
		     "it's'); DROP TABLE t;--") == 1);
	/* A rolled-back transaction leaves nothing. */
	CHECK(db_begin(rq.db) == 0);
	CHECK(db_exec(rq.db, "INSERT INTO t VALUES ('gone', ?)", "i", 7LL) == 0);
	CHECK(db_end(rq.db, 0) == -1);
	CHECK(db_int(rq.db, -1, "SELECT count(*) FROM t WHERE k = 'gone'", NULL) == 0);
	/* A failing statement is recorded, so lib answers 503 and rolls back. */
	CHECK(rq.db->failed == 0);
	CHECK(db_exec(rq.db, "INSERT INTO nowhere VALUES (1)", NULL) == -1);
	CHECK(rq.db->failed == 1);
	CHECK(db_int(rq.db, 42, "SELECT v FROM t WHERE k = 'none'", NULL) == 42);
	db_close(rq.db);
	rq.db = NULL;

	/* The three forms of one answer. */
	say(&rq, "x,y: ");
	say_reals(&rq, 2, 188.0, 0.1);
	written(&rq, "format=json");   /* the fields are built for JSON only */
	json_real(&rq.reply.json, "x", 188.0);
	json_str(&rq.reply.json, "name", "Kick 'em \"Jenny\"");
	CHECK_STR(written(&rq, ""), "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
		  "Access-Control-Allow-Origin: *\r\nCache-Control: no-store\r\n\r\nx,y: 188.0,0.1");
	CHECK(strstr(written(&rq, "format=json"),
		     "\r\n\r\n{\"reply\":\"x,y: 188.0,0.1\",\"x\":188.0,\"name\":\"Kick 'em \\\"Jenny\\\"\"}") != NULL);
	CHECK(strstr(written(&rq, "client=browser"), "<pre id=\"reply\" class=\"reply\">x,y: 188.0,0.1</pre>") != NULL);
	/* In a browser, a web address in the answer is a link. */
	say(&rq, " see http://h:8080/join?name=fred&world=demo then");
	CHECK(strstr(written(&rq, "client=browser"), "see <a href=\"http://h:8080/join?name=fred"
		     "&amp;world=demo\">http://h:8080/join?name=fred&amp;world=demo</a> then") != NULL);
	buf_clear(&rq.reply.text);
	say(&rq, "x,y: ");
	say_reals(&rq, 2, 188.0, 0.1);
	fail(&rq, 400, "task must be a whole number, like task=%d", 42);
	CHECK(strstr(written(&rq, ""), "Status: 400 Bad Request\r\n") != NULL);
	CHECK(strstr(written(&rq, "format=json"),
		     "{\"error\":\"task must be a whole number, like task=42\",\"status\":400}") != NULL);
	rq.reply.status = 200;
	buf_clear(&rq.reply.text);
	say(&rq, "a,b\n1,2\n");
	reply_raw(&rq, "text/csv; charset=utf-8");
	CHECK(strstr(written(&rq, "format=json"), "text/csv; charset=utf-8\r\n") != NULL);
	query_free(&rq.query);
	buf_free(&rq.reply.text);
	buf_free(&rq.reply.fields);
	CHECK(unit_rmdir(dir) == 0);
	UNIT_DONE();
}
