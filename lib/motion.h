/* motion.h: the rules of swimming, as pure functions of a player: speeding
 * up, slowing down, turning, stopping, diving and rising (PROTOCOL 3). */
#ifndef MOCEAN_MOTION_H
#define MOCEAN_MOTION_H

#include "player.h"

#define ACCEL_FACTOR 1.45      /* w: faster by this much */
#define DECEL_FACTOR 0.6       /* s: slower by this much */
#define STOP_BELOW 0.33        /* s: slower than this is stopped */
#define TURN (M_PI / 12)       /* a and d: 15 degrees */
#define DIVE_STEP 5.0          /* r and f: metres */

/* Apply one control (w a s d) to p's velocity.  Returns 0, or -1 when ctrl
 * is not one of them (p unchanged). */
int accelerate(struct player *p, char ctrl);

/* Stop p (heading kept). */
void stop(struct player *p);

/* Rise (r) or sink (f) 5 m, stopping p: never above the surface, never below
 * floor.  Returns 0, or -1 when ctrl is neither (p unchanged). */
int dive(struct player *p, char ctrl, double floor);

/* p's velocity set to speed along its heading. */
void set_speed(struct player *p, double speed);

/* The heading brought into [0, 2 pi). */
double heading_norm(double heading);

#endif
