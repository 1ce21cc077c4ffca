/* /bots: your program, run by the server as a player of its own (a bot).
 * Send it as the body of a POST, with your name and secret word:
 *
 *   POST /bots?world=class3&name=fred&secret=coral-otter-42  (the program
 *        as the body, at most 64 kB of text)          -> stored
 * then ask how it does, with a GET:
 *   /bots?world=class3&name=fred&secret=coral-otter-42
 *        -> running since 2026-12-04 02:10:05 UTC
 *           cpu: 1.2 s
 *           --- what it printed (the last 64 kB) ---
 *           joined class3 as fredbot - player 7
 *   /bots (or &client=browser) -> the page to paste a program in
 * The teacher starts and stops bots (/admin ... do=bot&name=fred&run=1);
 * a bot is queued until a place is free, then running, then stopped (or
 * failed, and why).  A program runs in a sandbox: its own /tmp of 16 MB,
 * 64 MB of memory, a fifth of a core, and no network but this server,
 * at $MOCEAN (http://localhost:PORT/).
 * Only a player with a secret word keeps a bot: without it 403, a body
 * over 64 kB 413, a file that is not text 400.  A server that cannot make
 * the sandbox says so (503 for a POST).
 * Worst case: 64 kB written to a file, 64 kB of output read.
 */
#include "mocean.h"

/* The route: keep the program sent, or say how the bot does. */
static void bots(struct request *rq)
{
	char owner[PLAYER_NAME_BYTES + 1];

	if (!arena_owner(rq, arg(rq, "name"), owner))
		return;   /* 403: not the owner's secret word */
	if (rq->in.body)
		arena_store(rq, owner);   /* a POST: the program */
	else
		say_bot(rq, owner);
}

static const struct route route = {
	.name = "bots",
	.game = GAME_MOCEAN,
	.order = 40,
	.usage = "name, secret; POST the program",
	.about = "your program, run by the server as a bot",
	.example = "/bots?client=browser",
	.reply = "stored, or your bot's state and what it printed",
	.json = "state, since, why, cpu, output",
	.keys = {
		{ .name = "name", .type = KEY_TEXT, .longest = PLAYER_NAME_BYTES, .required = 1 },
	},
	.body = BOT_PROGRAM_MAX,
	.store = STORE_WORLD_READ,
	.handle = bots,
};

int main(void) { return serve(&route); }
