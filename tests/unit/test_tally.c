/* test_tally.c: the guards of lib/store/tally.c that make guessing a
 * secret word cost the guesser, on a clock the test sets: 5 words, then
 * pauses of 1, 2, 4, ... at most 60 seconds; a right word, or a quiet
 * minute after the last pause, forgets; each player and address apart;
 * wrong words counted per player; a reset forgets everything. */
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
	/* A reset forgets every guard and count. */
	tally_clear(&t);
	CHECK(tally_player_wrong(&t, 3) == 0);
	CHECK(guess(&t, 3, "10.0.0.9", now, 0) == 0);
	tally_close(&t);
	CHECK(unit_rmdir(dir) == 0);
	UNIT_DONE();
}
