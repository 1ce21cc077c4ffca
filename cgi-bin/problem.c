/* /problem: how many different subsets can you make from five different
 * stuffed animals?  (The empty set and all five together count too.)  The
 * first word of the solution counts, read as Python's int() reads it.
 *
 *   /problem                    -> the problem
 *   /problem?solution=10        -> too small
 *   /problem?solution=32 animals   -> solved! go to /python and then /begin
 */
#include "mocean.h"

#define SOLUTION_LONGEST 100

static void problem(struct request *rq)
{
	char word[SOLUTION_LONGEST + 1];
	long long n;

	if (first_word(arg(rq, "solution"), word, sizeof word) <= 0)
		say(rq, "Problem: you have five different stuffed animals. How many "
			"different groups (subsets) of them can you make? Count the "
			"empty group and the group of all five.  Answer like this: "
			"/problem?solution=7");
	else if (py_int_ll(word, &n) < 0)
		say(rq, "\"%s\" is not a whole number. Count the groups and send "
			"the number.", word);
	else if (n < 32)
		say(rq, "%s is too small. Each animal is either in a group or "
			"not: two choices, five times.", word);
	else if (n > 32)
		say(rq, "%s is too big. Each animal is either in a group or not: "
			"two choices, five times.", word);
	else if (record_solved(rq, "problem") == 0) {
		say(rq, "32 is right: 2 x 2 x 2 x 2 x 2. Now learn to talk to the "
			"server from Python at /python, then start the number "
			"puzzles at /begin");
		json_bool(rq, "solved", 1);
		json_str(rq, "next", "/begin");
	}
}

static const struct route route = {
	.name = "problem",
	.keys = { { .name = "solution", .type = KEY_TEXT,
		    .longest = SOLUTION_LONGEST } },
	.store = STORE_PROGRESS,
	.handle = problem,
};

int main(void) { return serve(&route); }
