/* /exchange: a first taste of keys and values.  Send a whole number as
 * task=; the server sends back that number plus 37.
 *
 *   /exchange?task=5            -> 42
 *   /exchange?task=-37          -> 0
 *   /exchange?task=abc          -> 400: task must be a whole number, like task=42
 *   /exchange                   -> 400: task is missing: this route needs task=...
 */
#include "mocean.h"

static void exchange(struct request *rq)
{
	long long task = arg_int(rq, "task"), answer;

	if (__builtin_add_overflow(task, 37, &answer)) {
		fail(rq, 400, "task is too big: try a smaller whole number");
		return;
	}
	say(rq, "%lld", answer);
	json_int(rq, "answer", answer);
}

static const struct route route = {
	.name = "exchange",
	.keys = { { .name = "task", .type = KEY_INT, .required = 1 } },
	.store = STORE_PROGRESS,
	.handle = exchange,
};

int main(void) { return serve(&route); }
