/* /puzzle: a riddle.  What is the simplest way to escape a deciduous forest?
 * Send your answer as solution=.
 *
 *   /puzzle                     -> the riddle
 *   /puzzle?solution=run        -> a hint
 *   /puzzle?solution=leaf       -> solved! the next step is /problem
 */
#include "mocean.h"

#include <strings.h>

static void puzzle(struct request *rq)
{
	const char *solution = arg(rq, "solution");

	if (!*solution) {
		say(rq, "Riddle: what is the simplest way to escape a deciduous "
			"forest?  Answer like this: /puzzle?solution=yourword");
	} else if (strcasecmp(solution, "leaf") == 0) {
		if (record_solved(rq, "puzzle") < 0)
			return;
		say(rq, "Yes! Just leaf (leave). The next step is /problem");
		json_bool(rq, "solved", 1);
		json_str(rq, "next", "/problem");
	} else {
		say(rq, "\"%s\" is a good try, but no. Hint: deciduous trees drop "
			"something every autumn. Say it out loud...", solution);
	}
}

static const struct route route = {
	.name = "puzzle",
	.keys = { { .name = "solution", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_PROGRESS,
	.handle = puzzle,
};

int main(void) { return serve(&route); }
