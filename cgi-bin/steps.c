/* /steps: the start of the Steps puzzles.  Send any message and the server
 * welcomes you and repeats it; the right word opens the next puzzle.
 *
 *   /steps                      -> how to send a message, with an example
 *   /steps?message=hi there     -> welcome! You said: hi there ...
 *   /steps?message=passport     -> welcome! ... the next step is /puzzle
 */
#include "mocean.h"

#include <string.h>

static void steps(struct request *rq)
{
	const char *message = arg(rq, "message");

	if (!*message) {
		say(rq, "Hello! To talk to this route, add a message to the address, "
			"like this: /steps?message=hello  Everything after "
			"'message=' is what you say.");
	} else if (strcmp(message, "passport") == 0) {
		if (record_solved(rq, "steps") < 0)
			return;
		say(rq, "welcome! Your passport is stamped. The first puzzle waits "
			"at /puzzle");
		json_bool(rq, "solved", 1);
		json_str(rq, "next", "/puzzle");
	} else {
		say(rq, "welcome! You said: %s\nThe server read your message. To "
			"go on, send the magic word that lets travellers in: "
			"a passport.", message);
	}
}

static const struct route route = {
	.name = "steps",
	.keys = { { .name = "message", .type = KEY_TEXT, .longest = 500 } },
	.store = STORE_PROGRESS,
	.handle = steps,
};

int main(void) { return serve(&route); }
