/* /euler: add up every whole number from 1 to 10000.  Young Gauss did a
 * sum like this in his head; a loop in Python does it too.
 *
 *   /euler?message=50     -> 50 is too small to be the sum: the last number,
 *                            10000, is bigger than that on its own.
 *   /euler?message=10000  -> 10000 is not the sum. Try pairing numbers: 1 +
 *                            10000, 2 + 9999, 3 + 9998 ... how many pairs?
 *   /euler?message=49995000  -> 49995000 is not the sum: it is too low by one
 *                            number, 1 + 2 + ... + 9999, so you stopped one
 *                            number short of 10000 (in Python, range(1,
 *                            10000) stops before 10000).  (Too high: 1 + ...
 *                            + 10001; and the sum plus or minus one: which way)
 *   /euler?message=50005000  -> 50005000! 5000 pairs of 10001. Gauss would
 *                            be proud. Your next step is /meruprastarah
 * Hints tell apart: not a number, not an integer, negative, too small to be
 * the sum (less than 10000, the last number alone), far too big, and a
 * wrong sum.
 * Worst case: a 100-character message, read once.
 */
#include "mocean.h"

static void euler(struct request *rq)
{
	const char *message = level_guess(rq, "message");
	unsigned long long n;
	enum guess kind = level_read_guess(message, &n);
	char nudge[300];

	if (!*message)
		say(rq, "Add up every whole number from 1 to 10000: 1 + 2 + 3 + ... "
			"+ 10000, and send the sum. Like this: /euler?message=123");
	else if (kind == NOT_A_NUMBER)
		say(rq, "\"%s\" is not a number. Send the sum, like "
			"/euler?message=123", message);
	else if (kind == NOT_WHOLE)
		say(rq, "%s is not a whole number. Whole numbers added up make "
			"a whole number.", message);
	else if (kind == NEGATIVE)
		say(rq, "%s is negative, but every number you add is positive.",
		    message);
	else if (kind == TOO_BIG)
		say(rq, "%s is far too big to be the sum: even 10000 times 10000 "
			"is only 100000000.", message);
	else if (n < 10000)
		say(rq, "%llu is too small to be the sum: the last number, 10000, "
			"is bigger than that on its own.", n);
	else if (explain_off_by_one(nudge, sizeof nudge, n, 50005000, 10000))
		say(rq, "%s", nudge);   /* which way: too low or too high by one */
	else if (n != 50005000)
		say(rq, "%llu is not the sum. Try pairing numbers: 1 + 10000, "
			"2 + 9999, 3 + 9998 ... how many pairs?", n);
	else {
		say(rq, "50005000! 5000 pairs of 10001. Gauss would be proud.");
		level_solved(rq, "euler", "/meruprastarah", "message");
	}
}

static const struct route route = {
	.name = "euler",
	.game = GAME_STEPS,
	.order = 10,
	.about = "1 + 2 + ... + 10000",
	.example = "/euler?message=100",
	.keys = {
		{ .name = "message", .type = KEY_TEXT, .longest = 100 },
	},
	.store = STORE_PROGRESS,
	.handle = euler,
};

int main(void) { return serve(&route); }
