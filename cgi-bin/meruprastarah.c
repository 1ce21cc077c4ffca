/* /meruprastarah: send the sixth row of Pascal's triangle (Pingala called it
 * Meru Prastarah, the staircase of Mount Meru), numbers separated by commas.
 * The first row is 1, the second 1,1, the third 1,2,1 ...
 *
 *   /meruprastarah?message=1,4,6,4,1  -> That is 5 items. The sixth row has
 *        six numbers, separated by commas, like 1,2,3,4,5,6
 *   /meruprastarah?message=1, 5, 10, 10, 5, 1  -> 1,5,10,10,5,1 is right! You
 *        climbed Mount Meru: the Steps game is complete. Well done! Now dive
 *        into the ocean game. Your next step is /mocean
 * Hints tell apart: not six items, not all whole numbers, the wrong numbers.
 * Worst case: a 200-character message, split and read once.
 */
#include "mocean.h"

#include <stdio.h>
#include <string.h>

#define MESSAGE_LONGEST 200

static const long long SIXTH_ROW[6] = { 1, 5, 10, 10, 5, 1 };

/* Read message as Python's message.split(',') and int() of each item: the
 * number of items, the first six in row, and *whole = 1 when every item is
 * a whole number. */
static int read_row(const char *message, long long row[6], int *whole)
{
	char item[MESSAGE_LONGEST + 1];
	long long ignored;
	int n = 0;

	*whole = 1;
	for (;;) {
		size_t len = strcspn(message, ",");
		snprintf(item, sizeof item, "%.*s", (int)len, message);
		if (py_int_ll(item, n < 6 ? &row[n] : &ignored) < 0)
			*whole = 0;
		n++;
		if (!message[len])
			return n;
		message += len + 1;
	}
}

static void meruprastarah(struct request *rq)
{
	const char *message = level_guess(rq, "message");
	long long row[6];
	int whole;
	int n = read_row(message, row, &whole);

	if (!*message)
		say(rq, "Send the sixth row of Pascal's triangle, its numbers "
			"separated by commas. The third row would go like this: "
			"/meruprastarah?message=1,2,1");
	else if (n != 6)
		say(rq, "That is %d item%s. The sixth row has six numbers, "
			"separated by commas, like 1,2,3,4,5,6", n, n == 1 ? "" : "s");
	else if (!whole)
		say(rq, "Six items, good! But they must all be whole numbers.");
	else if (memcmp(row, SIXTH_ROW, sizeof row) != 0)
		say(rq, "Six whole numbers, but not the right ones. Each number is "
			"the two above it added: 1,4,6,4,1 is the fifth row.");
	else {
		say(rq, "1,5,10,10,5,1 is right! You climbed Mount Meru: the Steps "
			"game is complete. Well done! Now dive into the ocean game.");
		json_bool(&rq->reply.json, "complete", 1);
		level_solved(rq, "meruprastarah", "/mocean", NULL);
	}
}

static const struct route route = {
	.name = "meruprastarah",
	.game = GAME_STEPS,
	.order = 11,
	.about = "a row of Pascal's triangle",
	.example = "/meruprastarah?message=1,4,6,4,1",
	.keys = {
		{ .name = "message", .type = KEY_TEXT, .longest = MESSAGE_LONGEST },
	},
	.store = STORE_PROGRESS,
	.handle = meruprastarah,
};

int main(void) { return serve(&route); }
