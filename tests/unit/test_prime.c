/* test_prime.c: the 64-bit prime test (lib/prime.c) against a sieve for
 * every number below 200000, known big primes, Carmichael numbers and the
 * strong pseudoprimes that fool the first few bases. */
#include "ocean/prime.h"
#include "unit.h"

#include <stdlib.h>

#define SIEVE 200000

int main(void)
{
	char *composite = calloc(SIEVE, 1);
	int differ = 0;
	static const unsigned long long primes[] = {
		2, 3, 37, 41, 101, 1000000007ULL,
		4294967291ULL,               /* the largest prime below 2^32 */
		4294967311ULL,               /* the smallest above it */
		2305843009213693951ULL,      /* 2^61 - 1, a Mersenne prime */
		9223372036854775783ULL,      /* the largest below 2^63 */
		18446744073709551557ULL,     /* the largest below 2^64 */
	};
	static const unsigned long long composites[] = {
		0, 1, 4, 561, 1105, 1729, 2465, 2821, 6601, 8911, 41041,
		62745, 512461,               /* Carmichael numbers */
		2047, 1373653, 25326001, 3215031751ULL, 2152302898747ULL,
		3474749660383ULL, 341550071728321ULL,  /* fool bases 2 .. 17 */
		3825123056546413051ULL,      /* Carmichael, fools bases 2 .. 23 */
		18446744030759878681ULL,     /* 4294967291 squared */
		18446743979220271189ULL,     /* 4294967291 * 4294967279 */
		18446744073709551559ULL, 18446744073709551615ULL,
	};

	composite[0] = composite[1] = 1;
	for (long i = 2; i < SIEVE; i++)
		for (long j = i * i; !composite[i] && j < SIEVE; j += i)
			composite[j] = 1;
	for (long n = 0; n < SIEVE; n++)
		differ += is_prime_u64((unsigned long long)n) == composite[n];
	CHECK(differ == 0);
	for (size_t i = 0; i < sizeof primes / sizeof primes[0]; i++)
		CHECK(is_prime_u64(primes[i]));
	for (size_t i = 0; i < sizeof composites / sizeof composites[0]; i++)
		CHECK(!is_prime_u64(composites[i]));
	free(composite);
	UNIT_DONE();
}
