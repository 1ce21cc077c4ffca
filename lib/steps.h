/* steps.h: the arithmetic behind the Steps puzzles, as pure functions, so the
 * route files keep only their hints: Fibonacci numbers, numbers in a list,
 * and the duck-and-wolf pond of /duck. */
#ifndef MOCEAN_STEPS_H
#define MOCEAN_STEPS_H

#include <stddef.h>

/* What kind of number a guess is, for the hints of /begin, /beguine and
 * /euler.  The guess is read as Python's int(), or else float(), reads it. */
enum guess {
	NOT_A_NUMBER,   /* "hello", "nan" */
	NOT_WHOLE,      /* "12.5": digits after the decimal point */
	NEGATIVE,       /* "-3", "-1e30" */
	TOO_BIG,        /* a whole number of 2^64 or more: "1e20", "inf" */
	WHOLE,          /* "0", "101", "1_01", "101.0", "١٠١" */
};

/* Classify text; for WHOLE, *n gets the number. */
enum guess read_guess(const char *text, unsigned long long *n);

#define POND_RADIUS 50.0
#define WOLF_SPEED 4.0       /* the duck swims at 1 */

/* An angle in degrees brought into (-180, 180]. */
double angle_norm(double degrees);

/* Where the wolf gets to: from angle wolf, running the shorter way round the
 * shore toward angle target, at most WOLF_SPEED * time along the shore. */
double wolf_run(double wolf, double target, double time);

/* How far the duck swims from (r, a) to (rd, ad) (polar, degrees). */
double duck_swim(double r, double a, double rd, double ad);

#endif
