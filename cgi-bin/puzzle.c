/* /puzzle: a riddle.  What is the simplest way to escape a deciduous forest?
 * Send your answer as solution=; the first word counts, in capitals or not.
 *
 *   /puzzle  -> Riddle: what is the simplest way to escape a deciduous
 *        forest?  Answer like this: /puzzle?solution=yourword
 *   /puzzle?solution=run   -> "run" is a good try, but no. Hint: deciduous
 *        trees drop something every autumn. Say it out loud...
 *   /puzzle?solution=leaves -> "leaves" is very close! The answer is just one
 *        of them, not many.   (and a nudge for "leave", "a leaf", "leaff")
 *   /puzzle?solution=leaf  -> Yes! Just leaf (leave). Your next step is /problem
 *
 * Worst case: a 100-character solution, read once and repeated once.
 */
#include "mocean.h"

#include <strings.h>

#define SOLUTION_LONGEST 100

static void puzzle(struct request *rq)
{
	const char *solution = level_guess(rq, "solution");
	char word[SOLUTION_LONGEST + 1];
	char nudge[3 * SOLUTION_LONGEST];

	if (py_first_word(solution, word, sizeof word) <= 0) {
		say(rq, "Riddle: what is the simplest way to escape a deciduous "
			"forest?  Answer like this: /puzzle?solution=yourword");
	} else if (strcasecmp(word, "leaf") == 0) {
		say(rq, "Yes! Just leaf (leave).");
		level_solved(rq, "puzzle", "/problem", "solution");
	} else if (explain_near_word(nudge, sizeof nudge, solution, "leaf", "leave")) {
		say(rq, "%s", nudge);   /* leaves, leave, a leaf, laef: nearly */
	} else {
		say(rq, "\"%s\" is a good try, but no. Hint: deciduous trees drop "
			"something every autumn. Say it out loud...", solution);
	}
}

static const struct route route = {
	.name = "puzzle",
	.game = GAME_STEPS,
	.order = 4,
	.about = "a riddle about a forest",
	.example = "/puzzle?solution=run",
	.keys = {
		{ .name = "solution", .type = KEY_TEXT, .longest = SOLUTION_LONGEST },
	},
	.store = STORE_PROGRESS,
	.handle = puzzle,
};

int main(void) { return serve(&route); }
