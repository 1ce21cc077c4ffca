/* /exchange: a first taste of keys and values.  Send a whole number as
 * task=; the server sends back that number plus 37.  Numbers are read as
 * Python's int() reads them, and may be as big as you like.
 *
 *   /exchange?task=5      -> 42
 *   /exchange?task=-37    -> 0
 *   /exchange?task=99999999999999999999   -> 100000000000000000036
 *   /exchange?task=abc    -> 400: task must be a whole number, like task=42
 *   /exchange             -> 400: task is missing: this route needs task=...
 *
 * Worst case: a 1000-character task, read once and added digit by digit.
 */
#include "mocean.h"

#define TASK_LONGEST 1000

static void exchange(struct request *rq)
{
	char task[TASK_LONGEST + 2];
	char answer[TASK_LONGEST + 4];

	if (py_int(arg(rq, "task"), task, sizeof task) < 0) {
		fail(rq, 400, "task must be a whole number, like task=42");
		return;
	}
	decimal_add(task, "37", answer, sizeof answer);   /* task + 37 */
	say(rq, "%s", answer);
	json_raw(&rq->reply.json, "answer", answer);   /* digits: any size */
}

static const struct route route = {
	.name = "exchange",
	.game = GAME_STEPS,
	.order = 2,
	.about = "sends back your number plus 37",
	.example = "/exchange?task=5",
	.keys = {
		{ .name = "task", .type = KEY_TEXT, .longest = TASK_LONGEST, .required = 1 },
	},
	.store = STORE_PROGRESS,
	.handle = exchange,
};

int main(void) { return serve(&route); }
