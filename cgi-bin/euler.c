/* /euler: add up every whole number from 1 to 10000.  Young Gauss did a
 * sum like this in his head; a loop in Python does it too.
 *
 *   /euler?message=10000        -> wrong sum (with a hint)
 *   /euler?message=50           -> too small to be the sum
 *   /euler?message=50005000     -> solved! the next step is /meruprastarah
 *
 * Hints tell apart: not a number, not an integer, negative, too small to be
 * the sum (less than 10000, the last number alone), and a wrong sum.
 */
#include "mocean.h"

static void euler(struct request *rq)
{
	const char *message = arg(rq, "message");
	unsigned long long n;

	switch (read_guess(message, &n)) {
	case NOT_A_NUMBER:
		say(rq, "\"%s\" is not a number. Send the sum, like "
			"/euler?message=123", message);
		return;
	case NOT_WHOLE:
		say(rq, "%s is not a whole number. Whole numbers added up make "
			"a whole number.", message);
		return;
	case NEGATIVE:
		say(rq, "%s is negative, but every number you add is positive.",
		    message);
		return;
	case TOO_BIG:
		say(rq, "%s is far too big to be the sum: even 10000 times 10000 "
			"is only 100000000.", message);
		return;
	case WHOLE:
		break;
	}
	if (n < 10000)
		say(rq, "%llu is too small to be the sum: the last number, 10000, "
			"is bigger than that on its own.", n);
	else if (n != 50005000)
		say(rq, "%llu is not the sum. Try pairing numbers: 1 + 10000, "
			"2 + 9999, 3 + 9998 ... how many pairs?", n);
	else if (record_solved(rq, "euler") == 0) {
		say(rq, "50005000! 5000 pairs of 10001. Gauss would be proud. "
			"Your next step is /meruprastarah");
		json_bool(rq, "solved", 1);
		json_str(rq, "next", "/meruprastarah");
	}
}

static const struct route route = {
	.name = "euler",
	.keys = { { .name = "message", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_PROGRESS,
	.handle = euler,
};

int main(void) { return serve(&route); }
