/* fmt.h: numbers printed the way docs/PROTOCOL.md section 1 says.
 * Integers print as integers; reals print like Python's repr(): the shortest
 * text that float() reads back exactly, with ".0" on integral values. */
#ifndef MOCEAN_FMT_H
#define MOCEAN_FMT_H

#include <stddef.h>

/* Longest text fmt_real can write, with its terminating NUL. */
#define FMT_REAL_MAX 32

/* Write x into out (at least FMT_REAL_MAX bytes) as Python's repr(x) would;
 * returns out.  NaN and infinities print as "nan", "inf", "-inf". */
char *fmt_real(char out[FMT_REAL_MAX], double x);

/* Round x to the given number of decimals exactly as Python's round(x, n). */
double fmt_round(double x, int decimals);

#endif
