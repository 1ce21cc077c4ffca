/* steps.c: the arithmetic behind the Steps puzzles (see steps.h). */
#include "steps.h"
#include "query.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

int fibonacci_position(long long n)
{
	long long a = 0, b = 1, next;
	int pos = 1, found = 0;

	/* Walk the sequence until it passes n; 1 appears twice, keep the last. */
	while (a <= n) {
		if (a == n)
			found = pos;
		if (__builtin_add_overflow(a, b, &next)) {
			/* b is the last Fibonacci number a long long holds */
			if (b == n)
				found = pos + 1;
			break;
		}
		a = b;
		b = next;
		pos++;
	}
	return found;
}

enum guess read_guess(const char *text, long long *n)
{
	double number;

	if (parse_int(text, n) == 0)
		return *n < 0 ? NEGATIVE : WHOLE;
	if (parse_real(text, &number) < 0)
		return NOT_A_NUMBER;
	if (number != floor(number) || fabs(number) >= 9e18)
		return NOT_WHOLE;
	*n = (long long)number;          /* "101.0" is a whole number */
	return *n < 0 ? NEGATIVE : WHOLE;
}

int split_items(const char *text, char items[][32], int max)
{
	int n = 0;

	for (;;) {
		size_t len = strcspn(text, ",");
		const char *start = text, *end = text + len;
		while (start < end && isspace((unsigned char)*start))
			start++;
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		if (n < max)
			snprintf(items[n], 32, "%.*s",
				 (int)(end - start < 31 ? end - start : 31), start);
		n++;
		if (!text[len])
			return n;
		text += len + 1;
	}
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
