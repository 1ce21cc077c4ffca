/* souvenir.c: a round's postcard (see souvenir.h). */
#include "ocean/souvenir.h"
#include "ocean/reply.h"
#include "ocean/request.h"
#include "ocean/round.h"
#include "ocean/world.h"
#include "store/db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CARD_W 800            /* the postcard, in SVG units */
#define CARD_H 1000
#define MAP_X 40              /* the map's corner on it */
#define MAP_Y 110
#define MAP_SIDE 720
#define CELLS 45              /* the floor drawn as 45 x 45 squares of 20 m */
#define TRACK_MAX 20000       /* track points drawn at most */

static const char SQL_TRACK[] =
	"SELECT x, y FROM track WHERE player = ? AND time >= ? AND time <= ? ORDER BY time";

/* Ocean metres to the card's units. */
static double card_x(double x)
{
	return MAP_X + x * MAP_SIDE / OCEAN_SIZE;
}

/* The map's y grows north, the card's grows down. */
static double card_y(double y)
{
	return MAP_Y + MAP_SIDE - y * MAP_SIDE / OCEAN_SIZE;
}

/* A blue for a depth: pale over the peaks, deep in the trench. */
static void depth_colour(char out[8], double depth)
{
	double f = fmin(fmax(depth / TRENCH_DEPTH, 0), 1);

	snprintf(out, 8, "#%02x%02x%02x", (int)(190 - 170 * f), (int)(225 - 165 * f),
		 (int)(240 - 110 * f));
}

/* The sea floor as squares coloured by depth, a row at a time: squares
 * of one colour side by side are one rectangle (most of the floor is the
 * plain 30 m, so the card stays small). */
static void draw_floor(struct buf *b, const struct world *w)
{
	double side = (double)MAP_SIDE / CELLS;
	double cell = OCEAN_SIZE / CELLS;

	buf_puts(b, "<g id=\"floor\">");
	for (int j = 0; j < CELLS; j++) {
		char colour[CELLS][8];

		for (int i = 0; i < CELLS; i++)
			depth_colour(colour[i], world_depth(w, (i + 0.5) * cell, (j + 0.5) * cell));
		for (int i = 0, run; i < CELLS; i += run) {
			for (run = 1; i + run < CELLS && strcmp(colour[i + run], colour[i]) == 0; run++)
				;
			buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.2f\" "
				   "fill=\"%s\"/>", MAP_X + i * side, MAP_Y + MAP_SIDE - (j + 1) * side,
				   run * side + 0.3, side + 0.3, colour[i]);
		}
	}
	buf_puts(b, "</g>\n");
}

/* The player's track, one polyline between two wraps of the torus. */
static void draw_track(struct request *rq, struct buf *b, const char *name,
		       const struct round *r)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_TRACK, "tdd", name, r->started, r->ends);
	double px = -1, py = -1;
	int n = 0;

	buf_puts(b, "<g id=\"track\" fill=\"none\" stroke=\"#c2185b\" stroke-width=\"4\" "
		 "stroke-linejoin=\"round\">");
	while (st && n < TRACK_MAX && db_row(rq->db, st)) {
		double x = sqlite3_column_double(st, 0), y = sqlite3_column_double(st, 1);
		int wrap = n > 0 && (fabs(x - px) > OCEAN_SIZE / 2 || fabs(y - py) > OCEAN_SIZE / 2);

		if (n == 0 || wrap)
			buf_printf(b, "%s<polyline points=\"", n ? "\"/>" : "");
		buf_printf(b, "%.1f,%.1f ", card_x(x), card_y(y));
		px = x;
		py = y;
		n++;
	}
	db_done(rq->db, st);
	buf_puts(b, n ? "\"/></g>\n" : "</g>\n");
}

/* A gold mark and the name of each treasure the player took. */
static void draw_treasures(struct buf *b, const struct world *w, const char *taken)
{
	const char *p = taken;

	buf_puts(b, "<g id=\"treasures\" font-size=\"18\" font-family=\"sans-serif\">");
	while (*p) {
		char *end;
		long i = strtol(p, &end, 10);
		double x, y, z;

		if (i >= 0 && i < TREASURES) {
			treasure_place(w, i, &x, &y, &z);
			int left = x > OCEAN_SIZE * 0.7;   /* the name inside the map */
			buf_printf(b, "<circle class=\"treasure\" cx=\"%.1f\" cy=\"%.1f\" r=\"10\" "
				   "fill=\"#ffc107\" stroke=\"#5d4037\" stroke-width=\"3\"/>"
				   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"#3e2723\">",
				   card_x(x), card_y(y), card_x(x) + (left ? -14 : 14), card_y(y) + 6,
				   left ? "end" : "start");
			buf_html(b, w->seamounts[i].treasure);
			buf_puts(b, "</text>");
		}
		p = end + strcspn(end, ",");
		p += *p == ',';
	}
	buf_puts(b, "</g>\n");
}

/* "1st", "2nd", "3rd", "4th", ... "11th", "12th", "13th", "21st". */
static const char *ordinal(int n)
{
	int teen = n % 100 >= 11 && n % 100 <= 13;

	if (!teen && n % 10 == 1)
		return "st";
	if (!teen && n % 10 == 2)
		return "nd";
	return !teen && n % 10 == 3 ? "rd" : "th";
}

/* The words under the map: name, rank, treasures and time, the date. */
static void draw_words(struct request *rq, struct buf *b, const struct result *me,
		       int players, const struct round *r)
{
	time_t day = (time_t)r->started;
	char date[64];
	int at = me->treasures ? (int)(me->last - r->started) : 0;

	strftime(date, sizeof date, "%e %B %Y", gmtime(&day));
	buf_printf(b, "<text x=\"40\" y=\"70\" font-size=\"40\" font-weight=\"bold\" "
		   "fill=\"#0d47a1\">Mocean: round %lld of ", r->number);
	buf_html(b, rq->world_name);
	buf_puts(b, "</text>\n<text id=\"name\" x=\"40\" y=\"890\" font-size=\"52\" "
		 "font-weight=\"bold\" fill=\"#212121\">");
	buf_html(b, me->name);
	buf_printf(b, "</text>\n<text id=\"rank\" x=\"40\" y=\"940\" font-size=\"30\" "
		   "fill=\"#212121\">%d%s of %d: %d treasure%s", me->rank, ordinal(me->rank),
		   players, me->treasures, me->treasures == 1 ? "" : "s");
	if (me->treasures)
		buf_printf(b, ", the last at %d:%02d", at / 60, at % 60);
	buf_printf(b, "</text>\n<text x=\"40\" y=\"980\" font-size=\"24\" fill=\"#424242\">"
		   "%s, %g minutes</text>\n", date[0] == ' ' ? date + 1 : date, r->minutes);
}

void souvenir_svg(struct request *rq, long long id, long long number)
{
	struct result *res = NULL;
	const struct result *me = NULL;
	struct round r;
	struct world w;
	struct buf *b = &rq->reply.text;
	int n = round_results(rq, number, &r, &res);

	for (int i = 0; i < n; i++)
		if (res[i].player == id)
			me = &res[i];
	if (n < 0)
		fail(rq, 404, "there is no round %lld in %s", number, rq->world_name);
	else if (!res)
		fail(rq, 409, "round %lld is not over yet: its postcards are made when it ends "
		     "(see /round)", number);
	else if (!me)
		fail(rq, 404, "player %lld did not play in round %lld: see /scores?world=%s"
		     "&round=%lld for who did", id, number, rq->world_name, number);
	if (!me) {
		free(res);
		return;
	}
	world_make(&w, r.seed);
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		   "width=\"%d\" height=\"%d\" font-family=\"sans-serif\">\n<rect width=\"100%%\" "
		   "height=\"100%%\" fill=\"#fffdf7\"/>\n", CARD_W, CARD_H, CARD_W, CARD_H);
	draw_floor(b, &w);
	draw_track(rq, b, me->name, &r);
	draw_treasures(b, &w, me->taken);
	draw_words(rq, b, me, n, &r);
	buf_puts(b, "</svg>\n");
	free(res);
	reply_raw(rq, "image/svg+xml");
}
