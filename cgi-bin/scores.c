/* /scores: the scoreboard of every player of every world, and all who solved
 * a Steps level (name= on a Steps route): levels solved and treasures held,
 * most treasures first, then most levels, then by name.
 *
 *   /scores  -> wilma: 0 levels, 1 treasure
 *               fred: 3 levels (steps puzzle begin), 0 treasures
 *               ann: 0 levels, 0 treasures
 *   /scores?format=json  -> {"reply":"...","players":[{"name":"wilma",
 *        "levels":[],"treasures":1}, ...]}   (the same order)
 *   /scores?world=class3  -> class3's players only (treasures held there)
 *   /scores?world=class3&round=2  -> round 2 of class3:
 *               1. wilma: 3 treasures, the last at 4:12   (frozen when it ended)
 *   /scores?world=class3&client=browser -> the projector's leaderboard: a
 *        page whose script (www/leaderboard.js) shows that ranking, every 3 s
 * Worst case: 100,000 names, from the Steps file and every world's (MAX_WORLDS).
 */
#include "mocean.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One player's line. */
static void say_score(struct request *rq, const struct score *s)
{
	say(rq, "%s: %d level%s", s->name, s->levels, s->levels == 1 ? "" : "s");
	for (int i = 0; i < s->levels; i++)
		say(rq, "%s%s", i ? " " : " (", s->solved[i]);
	say(rq, "%s, %d treasure%s\n", s->levels ? ")" : "", s->treasures,
	    s->treasures == 1 ? "" : "s");
}

/* The same player as a JSON object. */
static void json_score(struct json *json, const struct score *s)
{
	json_object(json, NULL);
	json_str(json, "name", s->name);
	json_array(json, "levels");
	for (int i = 0; i < s->levels; i++)
		json_str(json, NULL, s->solved[i]);
	json_end(json);
	json_int(json, "treasures", s->treasures);
	json_end(json);
}

/* The leaderboard: a page whose script fills and refreshes the ranking. */
static void leaderboard(struct request *rq, const char *world)
{
	char title[64];

	snprintf(title, sizeof title, "Leaderboard: %s", world);
	reply_page_start(&rq->reply.text, title);
	say(rq, "<link rel=\"stylesheet\" href=\"/leaderboard.css\"/></head>\n<body data-world="
		"\"%s\"><h1>%s</h1>\n<ol id=\"board\"></ol><p id=\"status\">connecting...</p>\n"
		"<script src=\"/leaderboard.js\"></script><script src=\"/round.js\"></script>"
		"</body></html>\n", world, title);
	reply_raw(rq, "text/html; charset=utf-8");
}

static void scores(struct request *rq)
{
	struct score *board;
	int n;

	if (has(rq, "round") && rq->reply.form != FORM_BROWSER) {
		say_round_results(rq, arg(rq, "world"), arg_int(rq, "round"));
		return;   /* one round's frozen ranking */
	}
	if (rq->reply.form == FORM_BROWSER && *arg(rq, "world")) {
		leaderboard(rq, arg(rq, "world"));
		return;
	}
	n = scores_read(rq, arg(rq, "world"), &board);
	if (n < 0)
		return;   /* the world asked for cannot be read: its fault is the answer */
	if (n == 0)
		say(rq, "no scores yet: add name=yourname to a Steps route, or grab "
			"a treasure in the ocean\n");
	for (int i = 0; i < n; i++)
		say_score(rq, &board[i]);
	json_array(&rq->reply.json, "players");
	for (int i = 0; i < n; i++)
		json_score(&rq->reply.json, &board[i]);
	json_end(&rq->reply.json);
	free(board);
}

static const struct route route = {
	.name = "scores",
	.game = GAME_STEPS,
	.order = 13,
	.about = "who solved which level, and who holds treasures",
	.example = "/scores",
	.keys = {
		WORLD_KEY,
		{ .name = "round", .type = KEY_INT, .min = 1, .max = 1e9 },
	},
	.handle = scores,
};

int main(void) { return serve(&route); }
