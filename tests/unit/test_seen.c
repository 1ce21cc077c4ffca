/* test_seen.c: the rings of what the server saw (store/seen.h): a ring
 * wraps after SEEN_KEPT requests and keeps the newest in order, secret
 * words are hidden, long or odd fields are cut safely, and players never
 * share entries. */
#include "store/seen.h"
#include "http/query.h"
#include "unit.h"

/* 1 when s is whole UTF-8 with no control character. */
static int clean(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int main(void)
{
	struct seen_table *t = calloc(1, sizeof *t);
	struct seen_request got[SEEN_KEPT];
	char query[64];
	char long_text[1000];
	int n;

	/* Wraps after SEEN_KEPT: the last 50 of 60, oldest first. */
	for (int i = 0; i < 60; i++) {
		snprintf(query, sizeof query, "id=3&n=%d", i);
		seen_add(t, 3, 1000 + i, "dive", query, 200, "5.0\nmore", "127.0.0.1");
	}
	n = seen_read(t, 3, got);
	CHECK(n == SEEN_KEPT);
	CHECK_STR(got[0].keys, "id=3&n=10");
	CHECK_STR(got[49].keys, "id=3&n=59");
	CHECK(got[49].time == 1059 && got[49].status == 200);
	CHECK_STR(got[0].route, "dive");
	CHECK_STR(got[0].line, "5.0");   /* the first line only */

	/* Another player: its own ring, nothing of player 3's. */
	seen_add(t, 4, 2000, "look", "id=4", 400, "ctrl must be f or r", "fd6d:6f63:6561:6e00::2");
	CHECK(seen_read(t, 4, got) == 1);
	CHECK_STR(got[0].keys, "id=4");
	CHECK(got[0].status == 400);
	CHECK_STR(got[0].from, "fd6d:6f63:6561:6e00::2");   /* where it came from */
	CHECK(seen_read(t, 5, got) == 0);
	CHECK(seen_read(t, -1, got) == 0);

	/* Secret words and the teacher key are hidden, %-encoded too. */
	seen_add(t, 6, 1, "dive", "id=6&secret=bluewhale&ctrl=f", 200, "", "");
	seen_add(t, 6, 2, "admin", "key=abc&secr%65t=x&secret&name=secretive", 200, "", "");
	CHECK(seen_read(t, 6, got) == 2);
	CHECK_STR(got[0].keys, "id=6&secret=***&ctrl=f");
	CHECK_STR(got[1].keys, "key=***&secr%65t=***&secret&name=secretive");

	/* Cut safely: whole characters, "..." where cut, controls as '?'. */
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	seen_add(t, 7, 1, "a-route-name-much-too-long-to-keep", long_text, 200, long_text, long_text);
	seen_add(t, 7, 2, "dive", "name=\xc3\xa9\x01\xff", 200, "caf\xc3\xa9\tok", "");
	CHECK(seen_read(t, 7, got) == 2);
	CHECK(strlen(got[0].route) == SEEN_ROUTE - 1);
	CHECK(strcmp(got[0].route + SEEN_ROUTE - 4, "...") == 0);
	CHECK(strlen(got[0].keys) == SEEN_KEYS - 1);
	CHECK(strcmp(got[0].keys + SEEN_KEYS - 4, "...") == 0);
	CHECK(strlen(got[0].line) == SEEN_LINE - 1);
	CHECK(strlen(got[0].from) == SEEN_FROM - 1);
	CHECK_STR(got[1].keys, "name=\xc3\xa9??");
	CHECK_STR(got[1].line, "caf\xc3\xa9?ok");
	/* A cut never splits a character: 100 two-byte letters. */
	for (int i = 0; i < 100; i++)
		memcpy(long_text + 2 * i, "\xc3\xa9", 2);
	long_text[200] = '\0';
	seen_add(t, 8, 1, "say", "m=1", 200, long_text, "");
	CHECK(seen_read(t, 8, got) == 1);
	CHECK(clean(got[0].line) && utf8_valid(got[0].line, strlen(got[0].line)));
	CHECK(strcmp(got[0].line + strlen(got[0].line) - 3, "...") == 0);

	/* Many players: more than the rings, and each reads only its own. */
	for (long long id = 100; id < 100 + 3 * SEEN_PLAYERS; id++) {
		snprintf(query, sizeof query, "id=%lld", id);
		seen_add(t, id, 3000 + (double)id, "ping", query, 200, "pong", "");
	}
	for (long long id = 100; id < 100 + 3 * SEEN_PLAYERS; id++) {
		snprintf(query, sizeof query, "id=%lld", id);
		n = seen_read(t, id, got);
		CHECK(n <= 1);
		if (n == 1)
			CHECK_STR(got[0].keys, query);
	}
	n = seen_read(t, 100 + 3 * SEEN_PLAYERS - 1, got);
	CHECK(n == 1);   /* the newest player has its ring */
	free(t);
	UNIT_DONE();
}
