/* /python: a short Python program to type in and run.  It talks to this
 * server the way a browser does, with requests.get.
 *
 *   /python  -> Type this into a file called steps.py, then run: python3 steps.py
 *
 *               import requests
 *
 *               base = 'http://localhost:8080'
 *               ... (/begin asked once, then in a loop from 100 to 109)
 *
 * Worst case: none; the same program every time, with the address the
 * student reached us at (a Host of at most 255 characters) in it.
 */
#include "mocean.h"

static void python(struct request *rq)
{
	say(rq, "Type this into a file called steps.py, then run: python3 steps.py\n"
		"\n"
		"import requests\n"
		"\n"
		"base = 'http://%s'\n"
		"reply = requests.get(base + '/begin', params={'message': '101'})\n"
		"print(reply.text)\n"
		"\n"
		"Change '101' and run it again. A loop can try many numbers:\n"
		"\n"
		"for n in range(100, 110):\n"
		"    reply = requests.get(base + '/begin', params={'message': n})\n"
		"    print(n, reply.text)\n", reply_server_address(rq));
}

static const struct route route = {
	.name = "python",
	.game = GAME_STEPS,
	.order = 6,
	.about = "a short Python program to type in and run",
	.example = "/python",
	.store = STORE_PROGRESS,
	.handle = python,
};

int main(void) { return serve(&route); }
