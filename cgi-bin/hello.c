/* /hello: the very first route.  It needs no keys; it just says hello, so a
 * student can check that the server is there.
 *
 *   /hello  -> hello from Mocean! The server is up and listening. Try /steps
 *              to start the puzzles, or /mocean to dive into the game.
 *   /hello?format=json     -> {"reply":"hello from Mocean! The server is ..."}
 *   /hello?client=browser  -> the same words in a web page
 *
 * Worst case: none; the same few words every time.
 */
#include "mocean.h"

/* Say hello.  Every route's handler gets the request and says its answer. */
static void hello(struct request *rq)
{
	say(rq, "hello from Mocean! The server is up and listening. "
		"Try /steps to start the puzzles, or /mocean to dive into the game.");
}

static const struct route route = {
	.name = "hello",
	.game = GAME_STEPS,
	.order = 1,
	.about = "checks that the server is there",
	.example = "/hello",
	.handle = hello,
};

int main(void) { return serve(&route); }
