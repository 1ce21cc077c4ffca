/* fmt.c: numbers as docs/PROTOCOL.md section 1 prints them (see fmt.h). */
#include "http/fmt.h"
#include "http/query.h"

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

/* Round x's 17 significant digits (e17, from "%.16e": correctly rounded,
 * and they always read back as x) to n digits, written to out as
 * "d.ddde+XX".  Rounding the 17 digits again gives what rounding x itself
 * to n digits gives, unless the digits dropped are exactly a half ("5" for
 * 16, "50" for 15): x may lie on either side of it.  Returns 0 then (and
 * writes nothing), else 1. */
static int round_17(const char *e17, int n, char *out, size_t len)
{
	char d[18];
	const char *p = e17;
	long long e10;
	int k = 0, i;

	if (*p == '-')
		p++;
	for (; *p != 'e' && k < 17; p++)
		if (*p != '.')
			d[k++] = *p;
	if (k != 17 || *p != 'e' || text_to_int(p + 1, &e10) < 0 ||
	    (n == 16 && d[16] == '5') || (n == 15 && d[15] == '5' && d[16] == '0'))
		return 0;
	if (d[n] >= '5') {                 /* round up, carrying */
		for (i = n - 1; i >= 0 && d[i] == '9'; i--)
			d[i] = '0';
		if (i >= 0) {
			d[i]++;
		} else {
			d[0] = '1';            /* 9.99...e+XX became 1.00...e+XX+1 */
			e10++;
		}
	}
	/* -d.ddd, then the exponent as snprintf writes it: e+05, e-123. */
	if (len < 32)
		return 0;
	if (*e17 == '-')
		*out++ = '-';
	*out++ = d[0];
	*out++ = '.';
	memcpy(out, d + 1, (size_t)n - 1);
	out += n - 1;
	*out++ = 'e';
	*out++ = e10 < 0 ? '-' : '+';
	if (e10 < 0)
		e10 = -e10;
	if (e10 >= 100)
		*out++ = (char)('0' + e10 / 100);
	*out++ = (char)('0' + e10 / 10 % 10);
	*out++ = (char)('0' + e10 % 10);
	*out = '\0';
	return 1;
}

/* 1 when the text reads back as exactly x. */
static int reads_back(const char *text, double x)
{
	return strtod(text, NULL) == x;
}

/* Find the fewest significant digits (1..17) that read back as x, and write
 * them as "d.ddde+XX".  A normal double holds more than 15 digits, so when
 * 15 read back, the shortest text is those 15 without their trailing zeros
 * (rounding x to 15 lands on any shorter text that reads back); otherwise
 * 16, or else 17.  All three come from one snprintf of 17 digits.  (A
 * subnormal double, below DBL_MIN, holds fewer: its digits are found by a
 * binary search.) */
static void shortest_e(char *buf, size_t len, double x)
{
	char e17[40], *e, *end;
	int lo = 1, hi = 15;

	if (fabs(x) < DBL_MIN) {
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (try_digits(buf, len, x, mid))
				hi = mid;
			else
				lo = mid + 1;
		}
		if (lo < 15 || try_digits(buf, len, x, 15))
			try_digits(buf, len, x, lo);
		else if (!try_digits(buf, len, x, 16))
			try_digits(buf, len, x, 17);
		return;
	}
	snprintf(e17, sizeof e17, "%.16e", x);
	if (!(round_17(e17, 15, buf, len) ? reads_back(buf, x) : try_digits(buf, len, x, 15))) {
		if (!(round_17(e17, 16, buf, len) ? reads_back(buf, x) : try_digits(buf, len, x, 16)))
			snprintf(buf, len, "%s", e17);
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
	read = text_to_int(p + 1, &e10);
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
