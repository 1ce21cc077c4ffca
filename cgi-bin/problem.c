/* /problem: how many different subsets can you make from five different
 * stuffed animals?  (The empty set and all five together count too.)  The
 * first word of the solution counts, read as Python's int() reads it.
 *
 *   /problem?solution=10  -> 10 is too small. Each animal is either in a
 *        group or not: two choices, five times.
 *   /problem?solution=32 animals  -> 32 is right: 2 x 2 x 2 x 2 x 2. /python
 *        shows how to talk to the server from a Python program; then come
 *        the number puzzles. Your next step is /begin
 *   /problem  -> the problem, and how to answer: /problem?solution=7
 *
 * Worst case: a 100-character solution, read once.
 */
#include "mocean.h"

#define SOLUTION_LONGEST 100

static void problem(struct request *rq)
{
	char word[SOLUTION_LONGEST + 1];
	long long n;

	if (py_first_word(level_guess(rq, "solution"), word, sizeof word) <= 0) {
		say(rq, "Problem: you have five different stuffed animals. How many "
			"different groups (subsets) of them can you make? Count the "
			"empty group and the group of all five.  Answer like this: "
			"/problem?solution=7");
	} else if (py_int_ll(word, &n) < 0) {
		say(rq, "\"%s\" is not a whole number. Count the groups and send "
			"the number.", word);
	} else if (n != 32) {
		say(rq, "%s is too %s. Each animal is either in a group or not: "
			"two choices, five times.", word, n < 32 ? "small" : "big");
	} else {
		say(rq, "32 is right: 2 x 2 x 2 x 2 x 2. /python shows how to talk "
			"to the server from a Python program; then come the number "
			"puzzles.");
		level_solved(rq, "problem", "/begin", "message");
	}
}

static const struct route route = {
	.name = "problem",
	.game = GAME_STEPS,
	.order = 5,
	.about = "how many groups can five stuffed animals make?",
	.example = "/problem?solution=10",
	.keys = {
		{ .name = "solution", .type = KEY_TEXT, .longest = SOLUTION_LONGEST },
	},
	.store = STORE_PROGRESS,
	.handle = problem,
};

int main(void) { return serve(&route); }
