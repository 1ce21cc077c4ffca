/* /begin: the first number puzzle.  Send a prime number greater than 100.
 *
 *   /begin?message=97  -> 97 is prime, nice! But it is not bigger than 100.
 *                         Go higher.
 *   /begin?message=101&name=fred  -> 101 is a prime bigger than 100. Well
 *                         done! Your next step is /beguine
 *   /begin  -> Send a prime number bigger than 100: ... /begin?message=7
 * Hints tell apart: not a number, negative, zero, digits after the decimal
 * point, too big to judge (2^64 or more), not prime, prime but not over 100.
 * Worst case: a 100-character message read once, then at most 1000 tries
 * (below a million) or lib's fast test (a few thousand multiplications).
 */
#include "mocean.h"

#define SMALL 1000000   /* below a million: at most 1000 tries */

/* 1 when n is prime: it has exactly two divisors, 1 and itself.  Try each d
 * from 2 up to the square root of n: a bigger divisor would come with a
 * smaller one, already tried.  For big numbers that is far too many tries
 * (4 billion near 2^64), so lib's fast test (lib/ocean/prime.c) answers the same
 * question a cleverer way. */
static int is_prime(unsigned long long n)
{
	if (n >= SMALL)
		return is_prime_u64(n);
	for (unsigned long long d = 2; d <= n / d; d++)
		if (n % d == 0)
			return 0;
	return n >= 2;
}

static void begin(struct request *rq)
{
	const char *message = level_guess(rq, "message");
	unsigned long long n;
	enum guess kind = level_read_guess(message, &n);

	if (!*message)
		say(rq, "Send a prime number bigger than 100: a whole number with "
			"exactly two divisors, 1 and itself. Like this: "
			"/begin?message=7");
	else if (kind == NOT_A_NUMBER)
		say(rq, "Hmm, \"%s\" is not a number. Send a number, like "
			"/begin?message=7", message);
	else if (kind == NOT_WHOLE)
		say(rq, "%s has digits after the decimal point. Primes are whole "
			"numbers: try one without a point.", message);
	else if (kind == NEGATIVE)
		say(rq, "%s is negative. Primes are never negative: try a "
			"positive number.", message);
	else if (kind == TOO_BIG)
		say(rq, "%s is a giant! This puzzle judges numbers below 2 to the "
			"power 64 (18446744073709551616). A prime a little over "
			"100 will do.", message);
	else if (n == 0)
		say(rq, "Zero! Zero is not prime. Try something bigger.");
	else if (n == 1)
		say(rq, "1 is not prime: a prime has exactly two divisors, 1 and "
			"itself, and 1 has only one. Try something bigger.");
	else if (!is_prime(n))
		say(rq, "%llu is not prime: it can be split into smaller whole "
			"numbers multiplied together. Keep looking!", n);
	else if (n <= 100)
		say(rq, "%llu is prime, nice! But it is not bigger than 100. "
			"Go higher.", n);
	else {
		say(rq, "%llu is a prime bigger than 100. Well done!", n);
		level_solved(rq, "begin", "/beguine", "message");
	}
}

static const struct route route = {
	.name = "begin",
	.game = GAME_STEPS,
	.order = 7,
	.about = "a prime number bigger than 100",
	.example = "/begin?message=97",
	.keys = {
		{ .name = "message", .type = KEY_TEXT, .longest = 100 },
	},
	.store = STORE_PROGRESS,
	.handle = begin,
};

int main(void) { return serve(&route); }
