/* /steps: the start of the Steps puzzles.  Send any message and the server
 * welcomes you and repeats it; the right word opens the next puzzle.  The
 * first word is what counts, in capitals or not.
 *
 *   /steps?message=hi there  -> welcome! You said: hi there
 *        The server read your message. To go on, send the magic word that
 *        lets travellers in: a passport.
 *   /steps?message=Passport please  -> welcome! You said: Passport please
 *        Your passport is stamped: the first puzzle is open. Your next step is /puzzle
 *   /steps  -> Hello! To talk to this route, add a message to the address, ...
 *
 * Worst case: a 500-character message, read once and repeated once.
 */
#include "mocean.h"

#include <strings.h>

#define MESSAGE_LONGEST 500

static void steps(struct request *rq)
{
	const char *message = level_guess(rq, "message");
	char word[MESSAGE_LONGEST + 1];

	if (py_first_word(message, word, sizeof word) <= 0) {
		say(rq, "Hello! To talk to this route, add a message to the address, "
			"like this: /steps?message=hello  Everything after "
			"'message=' is what you say.");
	} else if (strcasecmp(word, "passport") == 0) {
		say(rq, "welcome! You said: %s\nYour passport is stamped: the first "
			"puzzle is open.", message);
		level_solved(rq, "steps", "/puzzle", "solution");
	} else {
		say(rq, "welcome! You said: %s\nThe server read your message. To "
			"go on, send the magic word that lets travellers in: "
			"a passport.", message);
	}
}

static const struct route route = {
	.name = "steps",
	.game = GAME_STEPS,
	.order = 3,
	.about = "repeats your message; the right word opens the first puzzle",
	.example = "/steps?message=hello",
	.keys = {
		{ .name = "message", .type = KEY_TEXT, .longest = MESSAGE_LONGEST },
	},
	.store = STORE_PROGRESS,
	.handle = steps,
};

int main(void) { return serve(&route); }
