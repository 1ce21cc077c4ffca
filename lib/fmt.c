/* fmt.c: numbers as PROTOCOL.md prints them (see fmt.h). */
#include "fmt.h"
#include "query.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write x with this many significant digits as "d.ddde+XX"; 1 when that
 * text reads back as exactly x. */
static int try_digits(char *buf, size_t len, double x, int digits)
{
	snprintf(buf, len, "%.*e", digits - 1, x);
	return strtod(buf, NULL) == x;
}

/* Find the fewest significant digits (1..17) that read back as x, and write
 * them as "d.ddde+XX" with snprintf's %e.  When 15 digits read back, the
 * shortest text is those 15 without their trailing zeros: a normal double
 * holds more than 15 digits, so rounding it to 15 lands on any shorter text
 * that reads back.  (A subnormal one, below DBL_MIN, holds fewer: its
 * digits are found by a binary search.)  Otherwise 16, or else 17. */
static void shortest_e(char *buf, size_t len, double x)
{
	int lo = 1, hi = 15;
	char *e, *end;

	if (!try_digits(buf, len, x, 15)) {
		if (!try_digits(buf, len, x, 16))
			try_digits(buf, len, x, 17);
		return;
	}
	if (fabs(x) < DBL_MIN) {
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (try_digits(buf, len, x, mid))
				hi = mid;
			else
				lo = mid + 1;
		}
		try_digits(buf, len, x, lo);
		return;
	}
	/* "d.dddd000e+XX": drop the zeros (and a lone point) before the 'e'. */
	e = strchr(buf, 'e');
	for (end = e; end[-1] == '0'; end--)
		;
	if (end[-1] == '.')
		end--;
	memmove(end, e, strlen(e) + 1);
}

char *fmt_real(char out[FMT_REAL_MAX], double x)
{
	char e[40], digits[20];
	long long e10;
	int exp10, n = 0, i, pos = 0, read;
	const char *p;

	if (isnan(x))
		return strcpy(out, "nan");
	if (isinf(x))
		return strcpy(out, x < 0 ? "-inf" : "inf");
	if (x == 0)
		return strcpy(out, signbit(x) ? "-0.0" : "0.0");
	if (x == floor(x) && fabs(x) < 1e15) {
		/* Whole numbers, the commonest case: "188.0". */
		snprintf(out, FMT_REAL_MAX, "%.0f.0", x);
		return out;
	}

	shortest_e(e, sizeof e, x);
	/* Split "-d.ddde+XX" into its digits and its exponent. */
	p = e;
	if (*p == '-')
		out[pos++] = *p++;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[n++] = *p;
	digits[n] = '\0';
	/* p points at 'e'; snprintf wrote the exponent, "+05" or "-123". */
	read = parse_int(p + 1, &e10);
	assert(read == 0);
	exp10 = read == 0 ? (int)e10 : 0;

	if (exp10 < -4 || exp10 >= 16) {
		/* Scientific, as Python: 1e-05, 1.5e+16. */
		out[pos++] = digits[0];
		if (n > 1) {
			out[pos++] = '.';
			for (i = 1; i < n; i++)
				out[pos++] = digits[i];
		}
		snprintf(out + pos, FMT_REAL_MAX - pos, "e%c%02d",
			 exp10 < 0 ? '-' : '+', abs(exp10));
		return out;
	}
	if (exp10 < 0) {
		/* 0.000ddd */
		out[pos++] = '0';
		out[pos++] = '.';
		for (i = -1; i > exp10; i--)
			out[pos++] = '0';
		for (i = 0; i < n; i++)
			out[pos++] = digits[i];
	} else {
		/* ddd.ddd, with ".0" when nothing follows the point. */
		for (i = 0; i <= exp10; i++)
			out[pos++] = i < n ? digits[i] : '0';
		out[pos++] = '.';
		if (n > exp10 + 1)
			for (i = exp10 + 1; i < n; i++)
				out[pos++] = digits[i];
		else
			out[pos++] = '0';
	}
	out[pos] = '\0';
	return out;
}

double fmt_round(double x, int decimals)
{
	char buf[400];

	/* glibc's %.*f rounds the exact binary value, ties to even: the same
	 * answer as Python's round(x, decimals), which the old server used. */
	snprintf(buf, sizeof buf, "%.*f", decimals, x);
	return strtod(buf, NULL);
}
