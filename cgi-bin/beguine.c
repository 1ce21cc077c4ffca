/* /beguine: send the 17th Fibonacci number.  The sequence starts 0, 1, 1, 2,
 * 3, 5, 8 ... (each number is the two before it added), counting 0 as the 1st.
 *
 *   /beguine?message=55   -> 55 is the 11th Fibonacci number. You want the 17th.
 *   /beguine?message=50   -> 50 is not a Fibonacci number. Start with 0 and 1
 *                            and keep adding the last two.
 *   /beguine?message=987  -> 987 is the 17th Fibonacci number. Lovely! Your
 *                            next step is /sirduke
 * Hints tell apart: not a number, not an integer, negative, too big, a
 * Fibonacci number (and which one), and not a Fibonacci number.
 * Worst case: a 100-character message read once, then at most 94 steps
 * along the sequence (the 94th is the last below 2^64).
 */
#include "mocean.h"

/* Which Fibonacci number n is, counting 0 as the 1st (0, 1, 1, 2, 3, 5 ...):
 * walk the sequence until it reaches n.  1 comes twice; say the 3rd.  0 when
 * n is not in the sequence. */
static int fibonacci_position(unsigned long long n)
{
	unsigned long long a = 0;   /* two neighbours */
	unsigned long long b = 1;
	unsigned long long next;
	int pos = 1;                /* a is the pos-th */

	while (a < n) {
		if (__builtin_add_overflow(a, b, &next))   /* past 2^64 */
			return b == n ? pos + 1 : 0;
		a = b;
		b = next;
		pos++;
	}
	return a != n ? 0 : n == 1 ? 3 : pos;
}

static void beguine(struct request *rq)
{
	const char *message = level_guess(rq, "message");
	unsigned long long n;
	enum guess kind = level_read_guess(message, &n);
	int pos = kind == WHOLE ? fibonacci_position(n) : 0;

	if (!*message)
		say(rq, "Send the 17th Fibonacci number. Start with 0 and 1 and keep "
			"adding the last two: 0, 1, 1, 2, 3 ... (0 is the 1st). "
			"Like this: /beguine?message=8");
	else if (kind == NOT_A_NUMBER)
		say(rq, "\"%s\" is not a number. Send a number, like "
			"/beguine?message=8", message);
	else if (kind == NOT_WHOLE)
		say(rq, "%s is not a whole number. Fibonacci numbers are whole "
			"numbers.", message);
	else if (kind == NEGATIVE)
		say(rq, "%s is negative. The Fibonacci numbers start at 0 and "
			"only grow.", message);
	else if (kind == TOO_BIG)
		say(rq, "%s is huge! The 17th Fibonacci number is much smaller.",
		    message);
	else if (pos == 0)
		say(rq, "%llu is not a Fibonacci number. Start with 0 and 1 and "
			"keep adding the last two.", n);
	else if (pos != 17)
		say(rq, "%llu is the %d%s Fibonacci number. You want the 17th.", n,
		    pos, pos % 10 == 1 && pos != 11 ? "st" :
		    pos % 10 == 2 && pos != 12 ? "nd" :
		    pos % 10 == 3 && pos != 13 ? "rd" : "th");
	else {
		say(rq, "987 is the 17th Fibonacci number. Lovely!");
		level_solved(rq, "beguine", "/sirduke", "message");
	}
}

static const struct route route = {
	.name = "beguine",
	.game = GAME_STEPS,
	.order = 8,
	.about = "the 17th Fibonacci number",
	.example = "/beguine?message=55",
	.keys = {
		{ .name = "message", .type = KEY_TEXT, .longest = 100 },
	},
	.store = STORE_PROGRESS,
	.handle = beguine,
};

int main(void) { return serve(&route); }
