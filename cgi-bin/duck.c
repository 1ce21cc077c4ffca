/* /duck: the duck and the wolf.  A duck swims in a round pond of radius 50;
 * a wolf runs round the shore four times as fast.  The duck escapes by
 * reaching the shore where the wolf is not.  location=r,a,b: the duck at
 * radius r and angle a, the wolf at angle b (degrees, 0 is east).
 *
 *   /duck?location=0,0,0&destination=10,90      -> 10.0,90.0,45.84
 *   /duck?location=40,90,-90&destination=50,90  -> 50.0,90.0,-44.16
 *        The duck reaches the shore before the wolf and flies away. You win!
 * /duck alone says how to play; the web page and JSON's "goal" say the goal
 * and what the three numbers are.  No destination, or a broken one: the duck
 * rests one time unit.  Commas, semicolons and spaces separate numbers.
 * Worst case: two 100-character lists of numbers, each read once.
 */
#include "mocean.h"
#include <math.h>

#define POND_RADIUS 50.0
#define WOLF_SPEED 4.0   /* times the duck's */

/* An angle in degrees brought into (-180, 180]. */
static double angle_norm(double degrees)
{
	double a = fmod(degrees, 360.0);
	return a <= -180 ? a + 360 : a > 180 ? a - 360 : a;
}

/* How far the duck swims from (r, a) to (rd, ad): the law of cosines. */
static double duck_swim(double r, double a, double rd, double ad)
{
	double d2 = r * r + rd * rd - 2 * r * rd * cos((ad - a) * M_PI / 180);
	return d2 > 0 ? sqrt(d2) : 0;
}

/* Where the wolf gets in time: 4 times as fast as the duck, the short way to target. */
static double wolf_run(double wolf, double target, double time)
{
	double gap = angle_norm(target - wolf);
	double reach = WOLF_SPEED * time / POND_RADIUS * 180 / M_PI;   /* in degrees */
	return angle_norm(fabs(gap) <= reach ? target : wolf + copysign(reach, gap));
}

/* The duck swims, the wolf runs; say where they are and who won. */
static void duck(struct request *rq)
{
	double at[3] = { 0, 0, 0 };   /* the duck's radius and angle, the wolf's angle */
	double to[2];                 /* where the duck swims to */
	double r;
	double a;
	double b;
	double time = 1;              /* rest 1 unit */

	explain_duck(rq, POND_RADIUS, WOLF_SPEED);   /* the goal, the numbers: page and JSON */
	if (!has(rq, "location") && !has(rq, "destination")) {
		say(rq, "location=0,0,0  The duck floats at the centre of the pond "
			"and the wolf waits on the shore at angle 0. Swim with "
			"/duck?location=0,0,0&destination=10,90 (radius, angle).");
		return;
	}
	py_read_numbers(arg(rq, "location"), at, 3);   /* or else 0,0,0 */
	r = fmin(fmax(at[0], 0), POND_RADIUS);
	a = angle_norm(at[1]);
	if (py_read_numbers(arg(rq, "destination"), to, 2) == 0) {
		time = duck_swim(r, a, fmax(to[0], 0), angle_norm(to[1]));
		r = fmax(to[0], 0);          /* past the shore too: not clamped */
		a = angle_norm(to[1]);
	}
	b = wolf_run(angle_norm(at[2]), a, time);
	say_reals(rq, 3, fmt_round(r, 2), fmt_round(a, 2), fmt_round(b, 2));
	json_real(&rq->reply.json, "r", fmt_round(r, 2));
	json_real(&rq->reply.json, "a", fmt_round(a, 2));
	json_real(&rq->reply.json, "b", fmt_round(b, 2));
	if (r >= POND_RADIUS && b == a)
		say(rq, "\nThe wolf was waiting right there. The wolf wins!");
	else if (r >= POND_RADIUS && level_solved(rq, "duck", NULL, NULL) == 0)
		say(rq, "\nThe duck reaches the shore before the wolf and flies away. You win!");
}

static const struct route route = {
	.name = "duck",
	.game = GAME_STEPS,
	.order = 12,
	.about = "a duck escapes a wolf round a pond",
	.example = "/duck?location=0,0,0&destination=10,90",
	.keys = {
		{ .name = "location", .type = KEY_TEXT, .longest = 100 },
		{ .name = "destination", .type = KEY_TEXT, .longest = 100 },
	},
	.store = STORE_PROGRESS,
	.handle = duck,
};

int main(void) { return serve(&route); }
