/* /sirduke: a music question.  What is the fourth word of the song
 * "Satin Doll" (Duke Ellington, Billy Strayhorn, Johnny Mercer)?
 *
 *   /sirduke                    -> the question
 *   /sirduke?message=hat        -> a hint
 *   /sirduke?message=wigs       -> solved! the next step is /euler
 */
#include "mocean.h"

#include <strings.h>

static void sirduke(struct request *rq)
{
	const char *message = arg(rq, "message");

	if (!*message)
		say(rq, "Question: what is the fourth word of the song \"Satin "
			"Doll\"?  Answer like this: /sirduke?message=word");
	else if (strcasecmp(message, "wigs") == 0) {
		if (record_solved(rq, "sirduke") < 0)
			return;
		say(rq, "Yes, wigs! \"Cigarette holder, which wigs me...\" "
			"Your next step is /euler");
		json_bool(rq, "solved", 1);
		json_str(rq, "next", "/euler");
	} else
		say(rq, "\"%s\" is not it. Find the words of Satin Doll and count "
			"to the fourth word. (It starts: cigarette holder, which...)",
		    message);
}

static const struct route route = {
	.name = "sirduke",
	.keys = { { .name = "message", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_PROGRESS,
	.handle = sirduke,
};

int main(void) { return serve(&route); }
