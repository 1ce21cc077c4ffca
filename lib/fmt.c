/* fmt.c: numbers as PROTOCOL.md prints them (see fmt.h). */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Find the fewest significant digits (1..17) that read back as x, and write
 * them as "d.ddde+XX" with snprintf's %e; returns the digit count. */
static int shortest_e(char *buf, size_t len, double x)
{
	int digits;

	for (digits = 1; digits < 17; digits++) {
		snprintf(buf, len, "%.*e", digits - 1, x);
		if (strtod(buf, NULL) == x)
			return digits;
	}
	snprintf(buf, len, "%.16e", x);
	return 17;
}

char *fmt_real(char out[FMT_REAL_MAX], double x)
{
	char e[40], digits[20];
	int exp10, n = 0, i, pos = 0;
	const char *p;

	if (isnan(x))
		return strcpy(out, "nan");
	if (isinf(x))
		return strcpy(out, x < 0 ? "-inf" : "inf");
	if (x == 0)
		return strcpy(out, signbit(x) ? "-0.0" : "0.0");

	shortest_e(e, sizeof e, x);
	/* Split "-d.ddde+XX" into its digits and its exponent. */
	p = e;
	if (*p == '-')
		out[pos++] = *p++;
	for (; *p && *p != 'e'; p++)
		if (*p != '.')
			digits[n++] = *p;
	digits[n] = '\0';
	exp10 = atoi(p + 1); /* p points at 'e'; snprintf wrote the exponent */

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
