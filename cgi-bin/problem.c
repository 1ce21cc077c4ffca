/* /problem: how many different subsets can you make from five different
 * stuffed animals?  (The empty set and all five together count too.)
 *
 *   /problem                    -> the problem
 *   /problem?solution=10        -> too small
 *   /problem?solution=32        -> solved! go to /python and then /begin
 */
#include "mocean.h"

static void problem(struct request *rq)
{
	const char *solution = arg(rq, "solution");
	long long n;

	if (!*solution)
		say(rq, "Problem: you have five different stuffed animals. How many "
			"different groups (subsets) of them can you make? Count the "
			"empty group and the group of all five.  Answer like this: "
			"/problem?solution=7");
	else if (parse_int(solution, &n) < 0)
		say(rq, "\"%s\" is not a whole number. Count the groups and send "
			"the number.", solution);
	else if (n < 32)
		say(rq, "%lld is too small. Each animal is either in a group or "
			"not: two choices, five times.", n);
	else if (n > 32)
		say(rq, "%lld is too big. Each animal is either in a group or not: "
			"two choices, five times.", n);
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
	.keys = { { .name = "solution", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_PROGRESS,
	.handle = problem,
};

int main(void) { return serve(&route); }
