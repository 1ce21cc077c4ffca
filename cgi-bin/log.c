/* /log: what the server saw.  The last 50 requests the server received as
 * your player, from your browser, your laptop or your bot, oldest first,
 * one a line: the time it came, the address it asked for (your secret word
 * hidden), the status of the reply and the reply's first line (format=json
 * says too the client address each came from: your bot's is its own,
 * fd6d:6f63:6561:6e00::N).  It is how you find out what your program
 * really sent.  Reading the log is not in the log.
 *
 *   /log?world=demo&id=0
 *     -> 10:02:05.371 /location?id=0&world=demo 200 76.0,151.0,0.0,0,0,0
 *        10:02:05.668 /souvenir?id=0&round=0&world=demo 400 round must be from 1 to 1e+09, like round=1
 *        10:02:06.102 /dive?id=0&ctrl=x&world=demo 200 -1
 *   /log?world=demo&id=0&format=json
 *     -> {"reply":"10:02:05.371 /location?id=0&world=demo 200 ...",
 *         "requests":[{"time":1764842525.371,"route":"location",
 *         "keys":"id=0&world=demo","status":200,"line":"76.0,151.0,0.0,0,0,0",
 *         "from":"192.168.1.20"}, ...]}
 *   /log?world=demo&id=1 (protected, no secret=) -> 403: add &secret=YOURWORD
 *   /log?world=demo&id=99 -> 404: there is no player 99 in demo ...
 * Worst case: 50 requests.
 */
#include "mocean.h"

#include <time.h>

/* Say one request as a line: 10:02:05.371 /dive?id=0&ctrl=f 200 5.0 */
static void say_request(struct request *rq, const struct seen_request *s)
{
	time_t second = (time_t)s->time;
	int thousandths = (int)((s->time - (double)second) * 1000);
	char clock[16];
	struct tm tm;

	strftime(clock, sizeof clock, "%H:%M:%S", localtime_r(&second, &tm));
	say(rq, "%s.%03d /%s%s%s %d %s", clock, thousandths, s->route,
	    s->keys[0] ? "?" : "", s->keys, (int)s->status, s->line);
	json_object(&rq->reply.json, NULL);
	json_fixed(&rq->reply.json, "time", s->time, 3);
	json_str(&rq->reply.json, "route", s->route);
	json_str(&rq->reply.json, "keys", s->keys);
	json_int(&rq->reply.json, "status", s->status);
	json_str(&rq->reply.json, "line", s->line);
	json_str(&rq->reply.json, "from", s->from);
	json_end(&rq->reply.json);
}

static void show_log(struct request *rq)
{
	struct seen_request seen[SEEN_KEPT];
	int n = seenlog_read(rq, arg_int(rq, "id"), seen);

	if (n < 0)
		return;   /* refused: 404 or 403 */
	json_array(&rq->reply.json, "requests");
	for (int i = 0; i < n; i++) {
		say(rq, "%s", i ? "\n" : "");
		say_request(rq, &seen[i]);
	}
	json_end(&rq->reply.json);
}

static const struct route route = {
	.name = "log",
	.game = GAME_MOCEAN,
	.order = 28,
	.about = "what the server saw: your last 50 requests and their replies",
	.example = "/log?id=0&world=demo",
	.usage = "id",
	.reply = "TIME /ROUTE?KEYS STATUS FIRST-LINE, a line a request",
	.json = "requests",
	.keys = {
		{ .name = "id", .type = KEY_INT, .required = 1, .min = 0, .max = 1e15 },
	},
	.store = STORE_WORLD_READ,   /* changes nothing: a snapshot */
	.unlogged = 1,               /* reading the log is not logged */
	.handle = show_log,
};

int main(void) { return serve(&route); }
