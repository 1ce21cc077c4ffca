/* /begin: the first number puzzle.  Send a prime number greater than 100.
 *
 *   /begin?message=101          -> 101 is a prime bigger than 100. Well done! ...
 *                                  Your next step is /beguine
 *   /begin?message=hello        -> a hint: that is not a number
 *   /begin?message=97           -> a hint: prime, but not bigger than 100
 *   /begin?message=102&name=fred   (name= records fred's progress once solved)
 *
 * Hints tell apart: not a number, negative, zero, digits after the decimal
 * point, not prime, and prime but not over 100.
 */
#include "mocean.h"

#define SMALL 4294967296ULL   /* 2^32: trial division below, at most 65536 tries */

/* 1 when n is prime: it has exactly two divisors, 1 and itself.  Try each d
 * from 2 up to the square root of n: a bigger divisor would come with a
 * smaller one, already tried.  From 2^32 on that is too many tries, so lib's
 * fast test (lib/prime.c) answers the same question a cleverer way. */
static int is_prime(unsigned long long n)
{
	if (n >= SMALL)
		return is_prime_u64(n);
	if (n < 2)
		return 0;
	for (unsigned long long d = 2; d <= n / d; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

static void begin(struct request *rq)
{
	const char *message = arg(rq, "message");
	unsigned long long n;

	switch (read_guess(message, &n)) {
	case NOT_A_NUMBER:
		say(rq, "Hmm, \"%s\" is not a number. Send a number, like "
			"/begin?message=7", message);
		return;
	case NOT_WHOLE:
		say(rq, "%s has digits after the decimal point. Primes are whole "
			"numbers: try one without a point.", message);
		return;
	case NEGATIVE:
		say(rq, "%s is negative. Primes are never negative: try a "
			"positive number.", message);
		return;
	case TOO_BIG:
		say(rq, "%s is a giant! This puzzle judges numbers below 2 to the "
			"power 64 (18446744073709551616). A prime a little over 100 "
			"will do.", message);
		return;
	case WHOLE:
		break;
	}
	if (n == 0)
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
	else if (record_solved(rq, "begin") == 0) {
		say(rq, "%llu is a prime bigger than 100. Well done! "
			"Your next step is /beguine", n);
		json_bool(rq, "solved", 1);
		json_str(rq, "next", "/beguine");
	}
}

static const struct route route = {
	.name = "begin",
	.keys = { { .name = "message", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_PROGRESS,
	.handle = begin,
};

int main(void) { return serve(&route); }
