/* /sirduke: a music question.  What is the fourth word of the song
 * "Satin Doll" (Duke Ellington, Billy Strayhorn, Johnny Mercer)?
 *
 *   /sirduke?message=hat   -> "hat" is not it. Find the words of Satin Doll
 *        and count to the fourth word. (It starts: cigarette holder, which...)
 *   /sirduke?message=wigs  -> Yes, wigs! "Cigarette holder, which wigs me..."
 *        Your next step is /euler
 *   /sirduke  -> the question, and how to answer: /sirduke?message=word
 *
 * Worst case: a 100-character message, read once and repeated once.
 */
#include "mocean.h"

#include <strings.h>

static void sirduke(struct request *rq)
{
	const char *message = level_guess(rq, "message");

	if (!*message) {
		say(rq, "Question: what is the fourth word of the song \"Satin "
			"Doll\"?  Answer like this: /sirduke?message=word");
	} else if (strcasecmp(message, "wigs") == 0) {
		say(rq, "Yes, wigs! \"Cigarette holder, which wigs me...\"");
		level_solved(rq, "sirduke", "/euler", "message");
	} else {
		say(rq, "\"%s\" is not it. Find the words of Satin Doll and count "
			"to the fourth word. (It starts: cigarette holder, which...)",
		    message);
	}
}

static const struct route route = {
	.name = "sirduke",
	.game = GAME_STEPS,
	.order = 9,
	.about = "a word from the song Satin Doll",
	.example = "/sirduke?message=hat",
	.keys = {
		{ .name = "message", .type = KEY_TEXT, .longest = 100 },
	},
	.store = STORE_PROGRESS,
	.handle = sirduke,
};

int main(void) { return serve(&route); }
