/* /answers: the answer to every Steps level, for the teacher only (the key,
 * as /admin).  Students find them themselves; the teacher's dashboard
 * (/teacher) shows them in a folded section.  Each is an address that solves
 * its level, sent as it is.
 *
 *   /answers?key=K  -> /steps?message=passport   (the magic word)
 *        /puzzle?solution=leaf   (leaf: leave the forest) ... one line a level
 *   /answers?key=K&format=json  -> {"reply":"...","answers":[{"level":"steps",
 *        "address":"/steps?message=passport","why":"the magic word"}, ...]}
 *   /answers  -> 403: this page needs the teacher key: key=... (and no answer)
 * Worst case: none; the same ten lines every time.
 */
#include "mocean.h"

/* One level: its name, an address that solves it, and why. */
struct answer {
	const char *level;
	const char *address;
	const char *why;
};

static const struct answer answers[] = {
	{ "steps", "/steps?message=passport", "the magic word" },
	{ "puzzle", "/puzzle?solution=leaf", "leaf: leave the forest" },
	{ "problem", "/problem?solution=32", "2 x 2 x 2 x 2 x 2 groups" },
	{ "begin", "/begin?message=101", "101, or any prime bigger than 100" },
	{ "beguine", "/beguine?message=987", "0, 1, 1, 2, 3, 5 ... the 17th" },
	{ "sirduke", "/sirduke?message=wigs", "Cigarette holder, which wigs me" },
	{ "euler", "/euler?message=50005000", "5000 pairs of 10001" },
	{ "meruprastarah", "/meruprastarah?message=1,5,10,10,5,1", "the sixth row" },
	{ "duck", "/duck?location=40,90,-90&destination=50,90",
	  "the wolf is across the pond: the duck swims 10 m to the shore" },
};

/* Every answer, one line each (and the list in JSON): with the key only. */
static void show_answers(struct request *rq)
{
	struct buf list = {0};

	if (!teacher_allowed(rq))
		return;
	for (size_t i = 0; i < LEN(answers); i++) {
		say(rq, "%s   (%s)\n", answers[i].address, answers[i].why);
		json_list_next(&list);
		buf_puts(&list, "{\"level\":");
		buf_json(&list, answers[i].level);
		buf_puts(&list, ",\"address\":");
		buf_json(&list, answers[i].address);
		buf_puts(&list, ",\"why\":");
		buf_json(&list, answers[i].why);
		buf_puts(&list, "}");
	}
	json_raw(rq, "answers", json_list_end(&list));
	buf_free(&list);
}

static const struct route route = {
	.name = "answers", .game = GAME_TEACHER, .order = 3,
	.about = "the answer to every Steps level (needs the teacher key)",
	.example = "/answers?key=KEY",
	.keys = { { .name = "key", .type = KEY_TEXT, .longest = 64 } },
	.handle = show_answers,
};

int main(void) { return serve(&route); }
