/* /accel: steer and change speed, like the keys of a game: w faster (x1.45;
 * from rest, 1 m/s the way you face), s slower (x0.6; below 0.33 m/s, stop),
 * a and d turn left and right 15 degrees at the same speed.  Above top speed
 * w does nothing, so speed passes the top once (28.33 -> 41.08, and stays).
 * The reply is x,y,z,vx,vy,heading (heading in radians; 0 is east).
 *
 *   /accel?id=0&ctrl=w  -> 120.0,64.0,0.0,1.0,0.0,0.0  (at rest at 120,64, facing east)
 *   /accel?id=0&ctrl=a  -> 120.5,64.0,0.0,0.9659258262890683,0.25881904510252074,
 *                          0.2617993877991494   (half a second later, on one line)
 *   /accel?id=0&ctrl=x  -> ctrl must be one of w (faster), s (slower), a (turn
 *                          left) or d (turn right), like /accel?id=0&ctrl=w
 *   in a round's lobby, or after it: the usual reply, at rest (JSON's "why" says why)
 *   at rest (speed 0): the web page and JSON's "hint" say how to start again
 * Worst case: one player read and written.
 */
#include "mocean.h"

#include <math.h>

/* How much each key does: CTRL_FASTER (w), CTRL_START (w from rest),
 * CTRL_SLOWER and CTRL_SLOWEST (s), CTRL_TURN (a, d), in lib/ocean/player.h,
 * where the web page's explanation reads them too. */

/* Top speed now: 80 on a whale, 5 under water, else 40. */
static double top_speed(const struct player *p)
{
	return p->whale >= 0 ? TOP_SPEED_WHALE : p->z > 0 ? TOP_SPEED_SUBMERGED : TOP_SPEED_SURFACE;
}

/* Turn by angle, keeping the heading in [0, 2 pi). */
static void turn(struct player *p, double angle)
{
	double h = fmod(p->heading + angle, 2 * M_PI);

	if (h < 0)
		h += 2 * M_PI;
	p->heading = h >= 2 * M_PI ? 0 : h;
}

/* One press of w, s, a or d: the new velocity.  -1 for any other key. */
static int press(struct player *p, char key)
{
	double speed = player_speed(p);

	if (key == 'w' && speed > top_speed(p))
		return 0;                          /* past top speed: no change */
	if (key == 'w')
		speed = speed == 0 ? CTRL_START : speed * CTRL_FASTER;
	else if (key == 's')
		speed = speed < CTRL_SLOWEST ? 0 : speed * CTRL_SLOWER;
	else if (key == 'a' || key == 'd')
		turn(p, key == 'a' ? CTRL_TURN : -CTRL_TURN);
	else
		return -1;
	p->vx = speed > 0 ? speed * cos(p->heading) : 0; /* the way you face; */
	p->vy = speed > 0 ? speed * sin(p->heading) : 0; /* 0, never -0.0 */
	return 0;
}

static void accel(struct request *rq)
{
	const char *ctrl = arg(rq, "ctrl");

	if (round_holds_still(rq, &rq->me)) {   /* a round's lobby, or over: says why */
		say_motion(rq, &rq->me);
		return;
	}
	if (ctrl[0] == '\0' || ctrl[1] != '\0' || press(&rq->me, ctrl[0]) < 0) {
		say(rq, "ctrl must be one of w (faster), s (slower), a (turn left) "
			"or d (turn right), like /accel?id=%lld&ctrl=w", rq->me.id);
		return;
	}
	say_motion(rq, &rq->me);
	explain_at_rest(rq, &rq->me);   /* speed 0: how to start again */
}

static const struct route route = {
	.name = "accel",
	.game = GAME_MOCEAN,
	.order = 9,
	.usage = "id, ctrl=w|a|s|d",
	.about = "speed up (w), slow down (s), turn (a, d)",
	.reply = "x,y,z,vx,vy,heading",
	.example = "/accel?id=0&ctrl=w&world=demo",
	.json = "x, y, z, vx, vy, heading",
	.keys = {
		PLAYER_ID,
		{ .name = "ctrl", .type = KEY_TEXT, .longest = 20 },
	},
	.store = STORE_WORLD,
	.handle = accel,
};

int main(void) { return serve(&route); }
