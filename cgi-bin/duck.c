/* /duck: the duck and the wolf.  A duck swims in a round pond of radius 50;
 * a wolf runs round the shore four times as fast as the duck swims.  The
 * duck escapes by reaching the shore where the wolf is not.
 *
 * The duck is at radius r, angle a; the wolf at angle b on the shore (angles
 * in degrees, 0 is east).  Send where everyone is and where the duck swims:
 *
 *   /duck                                  -> location=0,0,0 (the duck is
 *                                             at the centre) and how to play
 *   /duck?location=0,0,0&destination=10,90 -> 10.0,90.0,45.84
 *   /duck?location=40,90,-90&destination=50,90 -> 50.0,90.0,-44.16, and the
 *                                             duck flies away!
 * A missing or broken destination: the duck stays put for one time unit.
 * Numbers may be separated by commas, semicolons or spaces.
 */
#include "mocean.h"

/* Swim, run, and tell what happened. */
static void duck(struct request *rq)
{
	double at[3] = { 0, 0, 0 }, to[2];
	double r, a, b, time;

	if (!has(rq, "location") && !has(rq, "destination")) {
		say(rq, "location=0,0,0  The duck floats at the centre of the pond "
			"and the wolf waits on the shore at angle 0. Swim with "
			"/duck?location=0,0,0&destination=10,90 (radius, angle).");
		return;
	}
	if (read_numbers(arg(rq, "location"), at, 3) != 3)
		at[0] = at[1] = at[2] = 0;
	r = at[0] < 0 ? 0 : at[0] > POND_RADIUS ? POND_RADIUS : at[0];
	a = angle_norm(at[1]);
	b = angle_norm(at[2]);
	if (read_numbers(arg(rq, "destination"), to, 2) == 2) {
		to[0] = to[0] < 0 ? 0 : to[0] > POND_RADIUS ? POND_RADIUS : to[0];
		to[1] = angle_norm(to[1]);
		time = duck_swim(r, a, to[0], to[1]);
		r = to[0];
		a = to[1];
	} else {
		time = 1; /* the duck rests for one time unit */
	}
	b = wolf_run(b, a, time);
	say_reals(rq, 3, fmt_round(r, 2), fmt_round(a, 2), fmt_round(b, 2));
	json_real(rq, "r", fmt_round(r, 2));
	json_real(rq, "a", fmt_round(a, 2));
	json_real(rq, "b", fmt_round(b, 2));
	if (r >= POND_RADIUS && b == a)
		say(rq, "\nThe wolf was waiting right there. The wolf wins!");
	else if (r >= POND_RADIUS && record_solved(rq, "duck") == 0)
		say(rq, "\nThe duck reaches the shore before the wolf and flies "
			"away. You win!");
}

static const struct route route = {
	.name = "duck",
	.keys = { { .name = "location", .type = KEY_TEXT, .longest = 100 },
		  { .name = "destination", .type = KEY_TEXT, .longest = 100 } },
	.store = STORE_PROGRESS,
	.handle = duck,
};

int main(void) { return serve(&route); }
