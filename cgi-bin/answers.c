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

static const struct answer levels[] = {
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
static void answers(struct request *rq)
{
	struct json *json = &rq->reply.json;

	if (!teacher_allowed(rq))
		return;
	json_array(json, "answers");
	for (size_t i = 0; i < LEN(levels); i++) {
		say(rq, "%s   (%s)\n", levels[i].address, levels[i].why);
		json_object(json, NULL);
		json_str(json, "level", levels[i].level);
		json_str(json, "address", levels[i].address);
		json_str(json, "why", levels[i].why);
		json_end(json);
	}
	json_end(json);
}

static const struct route route = {
	.name = "answers",
	.game = GAME_TEACHER,
	.order = 3,
	.about = "the answer to every Steps level (needs the teacher key)",
	.example = "/answers?key=KEY",
	.keys = {
		{ .name = "key", .type = KEY_TEXT, .longest = 64 },
	},
	.handle = answers,
};

int main(void) { return serve(&route); }
