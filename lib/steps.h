/* steps.h: the arithmetic behind the Steps puzzles, as pure functions, so the
 * route files keep only their hints: Fibonacci numbers, numbers in a list,
 * and the duck-and-wolf pond of /duck. */
#ifndef MOCEAN_STEPS_H
#define MOCEAN_STEPS_H

#include <stddef.h>

/* Which Fibonacci number n is, counting 0 as the 1st (0, 1, 1, 2, 3, 5...):
 * the last position it has (1 is both the 2nd and the 3rd: 3), or 0 when n is
 * not a Fibonacci number. */
int fibonacci_position(long long n);

/* What kind of number a guess is, for the hints of /begin, /beguine and
 * /euler. */
enum guess {
	NOT_A_NUMBER,   /* "hello" */
	NOT_WHOLE,      /* "12.5": digits after the decimal point */
	NEGATIVE,       /* "-3" (a whole number below 0) */
	WHOLE,          /* "0", "101", "101.0" */
};

/* Classify text; for NEGATIVE and WHOLE, *n gets the number. */
enum guess read_guess(const char *text, long long *n);

/* Split text on commas into at most max trimmed items, written into items
 * (each at most 31 characters; longer ones are cut).  Returns the number of
 * items (which may exceed max: the rest are counted, not stored). */
int split_items(const char *text, char items[][32], int max);

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
