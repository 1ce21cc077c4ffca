/* explain.c: every number explained where students look (see explain.h). */
#include "ocean/explain.h"
#include "ocean/player.h"
#include "ocean/reply.h"
#include "ocean/request.h"
#include "ocean/round.h"
#include "ocean/world.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define WORD_ROOM 101   /* a guess's words: solution= is at most 100 bytes */
#define DEGREES(rad) ((rad) * 180 / M_PI)

/* Append <p class="cls"> with printf-style text, escaped. */
static void paragraph(struct buf *out, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void paragraph(struct buf *out, const char *cls, const char *fmt, ...)
{
	struct buf text = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	buf_printf(out, "<p class=\"%s\">", cls);
	buf_html(out, buf_str(&text));
	buf_puts(out, "</p>\n");
	buf_free(&text);
}

/* The units and directions every Mocean number is in. */
static void units(struct buf *out)
{
	paragraph(out, "explain", "Units: x, y and z are in metres. x grows east and y grows "
		  "north, from 0 to %.0f (the ocean wraps round: past an edge you come back "
		  "at the other); z is your depth below the surface (0 at the surface, %.0f on "
		  "the plain sea floor, %.0f in the trench). vx and vy are speeds in metres a "
		  "second (m/s), east and north; top speed %.0f m/s at the surface, %.0f under "
		  "water, %.0f on a whale. heading is the way you face, in radians: 0 = east, "
		  "counter-clockwise, so %.4f (pi/2) = north, %.4f (pi) = west, %.4f (3 pi/2) = "
		  "south.", OCEAN_SIZE, FLOOR_DEPTH, TRENCH_DEPTH, TOP_SPEED_SURFACE,
		  TOP_SPEED_SUBMERGED, TOP_SPEED_WHALE, M_PI / 2, M_PI, 3 * M_PI / 2);
}

/* What every ctrl key does, and by how much. */
static void controls(struct buf *out)
{
	paragraph(out, "explain", "Steering: /accel?ctrl=w multiplies your speed by %g (from "
		  "rest it starts you at %g m/s the way you face; above the top speed it does "
		  "nothing); ctrl=s multiplies it by %g (below %g m/s it stops you); ctrl=a "
		  "turns you left (counter-clockwise, heading + %.4f) and ctrl=d right (heading "
		  "- %.4f), %.0f degrees each, at the same speed. /dive?ctrl=f sinks %g m (not "
		  "below the sea floor) and ctrl=r rises %g m (not above the surface); diving "
		  "stops you. /stop stops you where you are.", CTRL_FASTER, CTRL_START,
		  CTRL_SLOWER, CTRL_SLOWEST, CTRL_TURN, CTRL_TURN, DEGREES(CTRL_TURN),
		  CTRL_DIVE, CTRL_DIVE);
}

/* What the numbers of route name's reply are, when it answers numbers. */
static void numbers(struct buf *out, const char *name)
{
	if (strcmp(name, "location") == 0)
		paragraph(out, "explain", "The reply x,y,z,w,m,n: where you are (x, y in metres), "
			  "your depth z (metres), then three flags, 1 for yes and 0 for no: w you "
			  "crossed an edge since your last /location, m a chat message waits "
			  "(/popchat), n something is within sight (/look).");
	else if (strcmp(name, "velocity") == 0)
		paragraph(out, "explain", "The reply vx,vy,heading: your speed east and north "
			  "(m/s; your speed is the square root of vx*vx + vy*vy) and the way you "
			  "face (radians).");
	else if (strcmp(name, "accel") == 0 || strcmp(name, "stop") == 0)
		paragraph(out, "explain", "The reply x,y,z,vx,vy,heading: where you are and how "
			  "deep (metres), your speed east and north (m/s), the way you face "
			  "(radians).");
	else if (strcmp(name, "dive") == 0 || strcmp(name, "teleport") == 0)
		paragraph(out, "explain", "The reply x,y,z: where you are (metres east and north) "
			  "and your depth z (metres below the surface).");
	else if (strcmp(name, "ping") == 0)
		paragraph(out, "explain", "The reply: how deep the sea floor is under you, in "
			  "metres (%.0f on the plain floor, %.0f in the trench, less on a seamount).",
			  FLOOR_DEPTH, TRENCH_DEPTH);
	else if (strcmp(name, "look") == 0)
		paragraph(out, "explain", "The reply, for each thing in sight: its kind, x and y "
			  "(metres east and north) and z, its depth (metres; a whale's is 0, the "
			  "surface). You see %.0f m minus your depth, at least %.0f m; %.0f m with "
			  "the binoculars.", SIGHT_BASE, SIGHT_MIN, SIGHT_BINOCULARS);
	else if (strcmp(name, "get") == 0)
		paragraph(out, "explain", "You reach %.0f m (%.0f m with the boat hook), counted "
			  "straight through the water, down to a treasure on its peak too.",
			  REACH_BASE, REACH_BOAT_HOOK);
}

void explain_route(struct buf *out, const struct request *rq)
{
	const char *name = rq->route->name;

	numbers(out, name);
	units(out);
	if (strcmp(name, "mocean") == 0 || strcmp(name, "accel") == 0 ||
	    strcmp(name, "dive") == 0 || strcmp(name, "velocity") == 0 ||
	    strcmp(name, "stop") == 0)
		controls(out);
}

void explain_at_rest(struct request *rq, const struct player *p)
{
	char hint[400];
	enum round_state s = rq->round.state;
	int in_world = query_has(&rq->query, "world");

	if (player_speed(p) > 0 || s == ROUND_LOBBY || s == ROUND_FINISHED)
		return;
	snprintf(hint, sizeof hint, "You are not moving (speed 0). To start again: "
		 "/accel?id=%lld&ctrl=w%s%s starts you at %g m/s the way you face (heading "
		 "%.4f radians); each w after that multiplies your speed by %g. Turn first "
		 "with ctrl=a or ctrl=d to choose the way.", p->id, in_world ? "&world=" : "",
		 in_world ? rq->world_name : "", CTRL_START, p->heading, CTRL_FASTER);
	reply_paragraph(rq, "hint", hint);
	json_str(&rq->reply.json, "hint", hint);
}

void explain_duck(struct request *rq, double pond_radius, double wolf_times)
{
	char goal[600];

	snprintf(goal, sizeof goal, "Goal: swim the duck to the shore (radius %g) at a point "
		 "the wolf has not reached: the wolf runs round the shore %g times as fast as "
		 "the duck swims, always the short way towards the duck. The reply r,a,b: r "
		 "how far the duck is from the centre (0 to %g), a the duck's angle and b the "
		 "wolf's, in degrees (0 = east, counter-clockwise, from -180 to 180). Send them "
		 "back as location=r,a,b with destination=r,a: where the duck swims next.",
		 pond_radius, wolf_times, pond_radius);
	reply_paragraph(rq, "explain", goal);
	json_str(&rq->reply.json, "goal", goal);
}

/* The words of text, lower case, split at ASCII spaces: up to max of them. */
static int words_of(const char *text, char words[][WORD_ROOM], int max)
{
	int n = 0;

	while (*text && n < max) {
		size_t len;
		text += strspn(text, " \t\r\n,.!?");
		len = strcspn(text, " \t\r\n,.!?");
		if (len == 0)
			break;
		snprintf(words[n], WORD_ROOM, "%.*s", (int)len, text);
		for (char *c = words[n]; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		n++;
		text += len;
	}
	return n;
}

/* 1 when word is answer's plural: +s, +es, or f to ves (leaf, leaves). */
static int is_plural(const char *word, const char *answer)
{
	size_t n = strlen(answer);
	char plural[WORD_ROOM];

	if (n + 3 >= WORD_ROOM)
		return 0;
	snprintf(plural, sizeof plural, "%ss", answer);
	if (strcmp(word, plural) == 0)
		return 1;
	snprintf(plural, sizeof plural, "%ses", answer);
	if (strcmp(word, plural) == 0)
		return 1;
	snprintf(plural, sizeof plural, "%.*sves", (int)n - 1, answer);
	return n > 0 && answer[n - 1] == 'f' && strcmp(word, plural) == 0;
}

/* 1 when a and b differ by one letter: one changed, added, left out, or two
 * side by side swapped. */
static int one_letter_off(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0;

	if (la < lb)
		return one_letter_off(b, a);
	if (la - lb > 1)
		return 0;
	while (i < lb && a[i] == b[i])
		i++;
	if (la == lb + 1)
		return strcmp(a + i + 1, b + i) == 0;
	if (i == la)
		return 0;   /* the same word */
	return strcmp(a + i + 1, b + i + 1) == 0 ||
	       (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0);
}

int explain_near_word(char *out, size_t len, const char *guess, const char *answer,
		      const char *sounds_like)
{
	static const char *const articles[] = { "a", "an", "the", "one", "some" };
	char w[2][WORD_ROOM];
	int n = words_of(guess, w, 2);

	for (size_t i = 0; n == 2 && i < sizeof articles / sizeof *articles; i++)
		if (strcmp(w[0], articles[i]) == 0 &&
		    (strcasecmp(w[1], answer) == 0 || is_plural(w[1], answer))) {
			snprintf(out, len, "\"%s\" is so close! Only the first word counts, and "
				 "yours is \"%s\": send the word after it alone.", guess, w[0]);
			return 1;
		}
	if (n == 0)
		return 0;
	if (is_plural(w[0], answer))
		snprintf(out, len, "\"%s\" is very close! The answer is just one of them, "
			 "not many.", guess);
	else if (strcmp(w[0], sounds_like) == 0)
		snprintf(out, len, "\"%s\" is what you do! Now the joke: the answer sounds "
			 "like \"%s\" but is a thing in the riddle. Say it out loud...", guess,
			 sounds_like);
	else if (one_letter_off(w[0], answer))
		snprintf(out, len, "\"%s\" is one letter away from the answer: check its "
			 "spelling.", guess);
	else
		return 0;
	return 1;
}

int explain_off_by_one(char *out, size_t len, unsigned long long n, unsigned long long sum,
		       unsigned long long last)
{
	if (n == sum - last)
		snprintf(out, len, "%llu is not the sum: it is too low by one number, 1 + 2 + "
			 "... + %llu, so you stopped one number short of %llu (in Python, "
			 "range(1, %llu) stops before %llu).", n, last - 1, last, last, last);
	else if (n == sum + last + 1)
		snprintf(out, len, "%llu is not the sum: it is too high by one number, 1 + 2 + "
			 "... + %llu, one number past %llu.", n, last + 1, last);
	else if (n == sum - 1)
		snprintf(out, len, "%llu is not the sum: it is too low by one. So nearly! "
			 "Look again at the first and the last number you added.", n);
	else if (n == sum + 1)
		snprintf(out, len, "%llu is not the sum: it is too high by one. So nearly! "
			 "Look again at the first and the last number you added.", n);
	else
		return 0;
	return 1;
}
