/* prime.h: an exact, fast prime test for every number below 2^64, for
 * /begin's big guesses (begin.c keeps the simple test for small ones). */
#ifndef MOCEAN_PRIME_H
#define MOCEAN_PRIME_H

/* 1 when n is prime.  Deterministic Miller-Rabin with the twelve prime
 * bases 2, 3, 5, ... 37, which no composite below 2^64 fools: a few
 * thousand multiplications at most, whatever n is. */
int is_prime_u64(unsigned long long n);

#endif
