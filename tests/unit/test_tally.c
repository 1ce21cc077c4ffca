/* test_tally.c: the guards of lib/store/tally.c that make guessing a
 * secret word cost the guesser, on a clock the test sets: 5 words, then
 * pauses of 1, 2, 4, ... at most 60 seconds; a right word, or a quiet
 * minute after the last pause, forgets; each player and address apart;
 * wrong words counted per player; a reset forgets everything.  And the
 * request counters: each id its own (0 and 1024, and thousands of ids),
 * a full table counts a new key not at all rather than in another's
 * counter, and a quiet counter is given to a new key a minute later;
 * names counted as the id they were seen with; a protected player's
 * requests without its word apart; the /data budget. */
#include "store/tally.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Ask the guard at time now: 0 (go ahead, counted) or the seconds to wait;
 * a word it let through is wrong unless right is 1. */
static int guess(struct tally *t, long long id, const char *addr, double now, int right)
{
	int wait = tally_guess_begin(t, id, addr, now);

	if (wait == 0)
		tally_guess_end(t, id, addr, right);
	return wait;
}

int main(void)
{
	char dir[UNIT_DIR_MAX];
	char worlds[UNIT_DIR_MAX + 8];
	struct tally t;
	double now = 1.8e9 + 0.3;
	int tested = 0;

	CHECK(unit_mkdtemp(dir) == 0);
	snprintf(worlds, sizeof worlds, "%s/worlds", dir);
	CHECK(mkdir(worlds, 0700) == 0);
	setenv("MOCEAN_DATA", dir, 1);
	CHECK(tally_open(&t, "class3") == 0);

	/* Five wrong words, then a pause of 1 second: nothing checked in it. */
	for (int i = 0; i < GUESS_FREE; i++)
		CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 0);
	CHECK(guess(&t, 3, "10.0.0.9", now, 1) == 1);
	CHECK(guess(&t, 3, "10.0.0.9", now + 0.9, 1) == 1);
	CHECK(tally_player_wrong(&t, 3) == GUESS_FREE);
	/* Another address, another player: their own guards. */
	CHECK(guess(&t, 3, "10.0.0.10", now, 1) == 0);
	CHECK(guess(&t, 4, "10.0.0.9", now, 0) == 0);
	CHECK(tally_player_wrong(&t, 4) == 1);
	/* After each pause one word, and a pause twice as long, up to 60 s. */
	now += 1;
	for (int pause = 2; pause <= 64; pause *= 2) {
		int want = pause < GUESS_LONGEST_PAUSE ? pause : GUESS_LONGEST_PAUSE;
		CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 0);
		CHECK(guess(&t, 3, "10.0.0.9", now, 0) == want);
		CHECK(guess(&t, 3, "10.0.0.9", now + want - 0.2, 0) == 1);
		now += want;
	}
	CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 0);
	CHECK(guess(&t, 3, "10.0.0.9", now, 0) == GUESS_LONGEST_PAUSE);
	CHECK(tally_player_wrong(&t, 3) == GUESS_FREE + 7);
	/* A quiet minute after the pause forgets: five words again. */
	now += GUESS_LONGEST_PAUSE + 60.5;
	for (int i = 0; i < GUESS_FREE; i++)
		CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 0);
	CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 1);
	/* A right word forgets the wrong ones: the owner's typos never add up. */
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < GUESS_FREE - 1; i++)
			CHECK(guess(&t, 5, "10.0.0.11", now, 0) == 0);
		CHECK(guess(&t, 5, "10.0.0.11", now, 1) == 0);
	}
	/* One address guessing a whole minute, a word every tenth of a second:
	 * 5, then one after each pause of 1, 2, 4, 8 and 16 s (the next ends
	 * past the minute), 10 in all. */
	for (double at = now + 0.05; at < now + 60; at += 0.1)
		tested += guess(&t, 6, "10.0.0.12", at, 0) == 0;
	CHECK(tested == 10);
	/* Request counters: 0 and 1024 alternating, each counted exactly. */
	for (int i = 0; i < 6; i++) {
		CHECK(tally_count(&t, 0, "ping", now) == i + 1);
		CHECK(tally_count(&t, 1024, "ping", now) == i + 1);
	}
	CHECK(tally_player_minute(&t, 0, now) == 6 && tally_player_minute(&t, 1024, now) == 6);
	/* Far more ids than counters, in one second: each id counted is
	 * counted alone (1, never 2); once full, a new id is not counted. */
	{
		int counted = 0;
		for (long long id = 10000; id < 10000 + 2 * TALLY_COUNTERS; id++) {
			long n = tally_count(&t, id, "ping", now);
			CHECK(n == 0 || n == 1);
			counted += n == 1;
		}
		CHECK(counted > TALLY_COUNTERS * 9 / 10 && counted < TALLY_COUNTERS);
		CHECK(tally_count(&t, 0, "ping", now) == 7);   /* kept its counter */
		/* A minute later the quiet counters go to new keys. */
		CHECK(tally_count(&t, 99999, "ping", now + 61) == 1);
		CHECK(tally_count(&t, 99999, "ping", now + 61) == 2);
	}
	/* A name is counted as itself until its player is known, then as
	 * the player; a protected player without its word is apart. */
	now += 200;
	CHECK(tally_key_of(&t, -1, "ann", "", "10.0.0.9") == tally_name_key("ann"));
	tally_learn_name(&t, "ann", 7, now);
	CHECK(tally_key_of(&t, -1, "ann", "", "10.0.0.9") == tally_name_key("ann"));
	tally_learn_player(&t, 7, NULL, 0, now);
	CHECK(tally_key_of(&t, -1, "ann", "", "10.0.0.9") == tally_player_key(7));
	CHECK(tally_key_of(&t, 7, NULL, "", "10.0.0.9") == tally_player_key(7));
	CHECK(tally_key_of(&t, 8, NULL, "", "10.0.0.9") == 0);   /* not yet known */
	tally_learn_player(&t, 7, "orca", 1, now);
	CHECK(tally_key_of(&t, 7, NULL, "orca", "10.0.0.9") == tally_player_key(7));
	CHECK(tally_key_of(&t, 7, NULL, "", "10.0.0.9") == tally_stranger_key(7, "10.0.0.9"));
	CHECK(tally_key_of(&t, 7, NULL, "seal", "10.0.0.9") == tally_stranger_key(7, "10.0.0.9"));
	tally_learn_player(&t, 7, NULL, 1, now);     /* a wrong word forgets nothing */
	CHECK(tally_key_of(&t, 7, NULL, "orca", "10.0.0.9") == tally_player_key(7));
	/* The limit's mirror. */
	tally_set_limit(&t, 5);
	CHECK(tally_limit(&t) == 5);
	/* A budget of 10 a second, 2 seconds owed at most. */
	CHECK(tally_spend(&t, tally_data_key("10.0.0.9"), 25, 1, 10, 2, now) == 0);
	CHECK(tally_spend(&t, tally_data_key("10.0.0.9"), 0, 1, 10, 2, now) == 1);
	CHECK(tally_spend(&t, tally_data_key("10.0.0.10"), 0, 1, 10, 2, now) == 0);
	CHECK(tally_spend(&t, tally_data_key("10.0.0.9"), -10, 0, 10, 2, now) == 0);
	CHECK(tally_spend(&t, tally_data_key("10.0.0.9"), 0, 1, 10, 2, now) == 0);
	/* A reset forgets every guard and count. */
	tally_clear(&t);
	CHECK(tally_player_wrong(&t, 3) == 0);
	CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 0);
	CHECK(tally_limit(&t) == 0 && tally_player_minute(&t, 0, now) == 0);
	tally_close(&t);
	CHECK(unit_rmdir(dir) == 0);
	UNIT_DONE();
}
