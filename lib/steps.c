/* steps.c: the arithmetic behind the Steps puzzles (see steps.h). */
#include "steps.h"
#include "buf.h"
#include "pynum.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum guess read_guess(const char *text, unsigned long long *n)
{
	size_t size = strlen(text) + 2;
	char *digits = xmalloc(size);
	enum guess kind;
	double x;

	if (py_int(text, digits, size) == 0) {
		errno = 0;
		*n = *digits == '-' ? 0 : strtoull(digits, NULL, 10);
		kind = *digits == '-' ? NEGATIVE : errno == ERANGE ? TOO_BIG : WHOLE;
	} else if (py_float(text, &x) < 0 || isnan(x)) {
		kind = NOT_A_NUMBER;
	} else if (isfinite(x) && x != floor(x)) {
		kind = NOT_WHOLE;
	} else if (x < 0) {
		kind = NEGATIVE;
	} else if (x >= 18446744073709551616.0) {   /* 2^64, or inf */
		kind = TOO_BIG;
	} else {
		*n = (unsigned long long)x;      /* "101.0" is a whole number */
		kind = WHOLE;
	}
	free(digits);
	return kind;
}

double angle_norm(double degrees)
{
	double a = fmod(degrees, 360.0);

	if (a <= -180)
		a += 360;
	else if (a > 180)
		a -= 360;
	return a;
}

double wolf_run(double wolf, double target, double time)
{
	double gap = angle_norm(target - wolf);
	double reach = WOLF_SPEED * time / POND_RADIUS * 180 / M_PI;

	if (fabs(gap) <= reach)
		return angle_norm(target);
	return angle_norm(wolf + (gap > 0 ? reach : -reach));
}

double duck_swim(double r, double a, double rd, double ad)
{
	double turn = (ad - a) * M_PI / 180;
	double d2 = r * r + rd * rd - 2 * r * rd * cos(turn);

	return d2 > 0 ? sqrt(d2) : 0;
}
