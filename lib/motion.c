/* motion.c: the rules of swimming (see motion.h). */
#include "motion.h"

#include <math.h>

double heading_norm(double heading)
{
	double h = fmod(heading, 2 * M_PI);

	if (h < 0)
		h += 2 * M_PI;
	return h >= 2 * M_PI ? 0 : h;
}

void set_speed(struct player *p, double speed)
{
	p->vx = speed * cos(p->heading);
	p->vy = speed * sin(p->heading);
	if (speed == 0)
		p->vx = p->vy = 0; /* no -0.0 */
}

int accelerate(struct player *p, char ctrl)
{
	double speed = player_speed(p), top = top_speed(p);

	switch (ctrl) {
	case 'w':
		if (speed == 0)
			speed = 1;                 /* from rest: 1 along the heading */
		else if (speed < top)
			speed = fmin(speed * ACCEL_FACTOR, top);
		break;                             /* at top speed: no change */
	case 's':
		speed *= DECEL_FACTOR;
		if (speed < STOP_BELOW)
			speed = 0;
		break;
	case 'a':
		p->heading = heading_norm(p->heading + TURN);
		break;
	case 'd':
		p->heading = heading_norm(p->heading - TURN);
		break;
	default:
		return -1;
	}
	set_speed(p, speed);
	return 0;
}

void stop(struct player *p)
{
	p->vx = p->vy = 0;
}

int dive(struct player *p, char ctrl, double floor)
{
	if (ctrl == 'r')
		p->z = fmax(0, p->z - DIVE_STEP);
	else if (ctrl == 'f')
		p->z = fmin(floor, p->z + DIVE_STEP);
	else
		return -1;
	stop(p);
	return 0;
}
