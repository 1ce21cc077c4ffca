/* prime.c: Miller-Rabin for 64-bit numbers (see prime.h).
 *
 * Fermat: when n is prime, a^(n-1) = 1 (mod n) for every a it does not
 * divide.  Write n - 1 = d * 2^s with d odd; then the numbers a^d, a^2d,
 * a^4d ... a^(n-1) (mod n) either start at 1 or reach n - 1 before the
 * end, since the only square roots of 1 modulo a prime are 1 and n - 1.  A
 * base a for which that fails proves n composite; the twelve bases below
 * leave no composite below 2^64 unproved.  */
#include "ocean/prime.h"
#include "http/buf.h"

typedef unsigned long long u64;

/* a * b mod m, through a 128-bit product that cannot overflow. */
static u64 mul_mod(u64 a, u64 b, u64 m)
{
	return (u64)((unsigned __int128)a * b % m);
}

/* a^e mod m, by repeated squaring. */
static u64 pow_mod(u64 a, u64 e, u64 m)
{
	u64 result = 1;

	for (a %= m; e; e >>= 1) {
		if (e & 1)
			result = mul_mod(result, a, m);
		a = mul_mod(a, a, m);
	}
	return result;
}

int is_prime_u64(u64 n)
{
	static const u64 bases[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37 };
	const int nbases = (int)LEN(bases);
	u64 d = n - 1;
	int s = 0;

	if (n < 2)
		return 0;
	for (int i = 0; i < nbases; i++)
		if (n % bases[i] == 0)
			return n == bases[i];
	for (; d % 2 == 0; d /= 2)
		s++;
	for (int i = 0; i < nbases; i++) {
		u64 x = pow_mod(bases[i], d, n);
		int r;

		if (x == 1 || x == n - 1)
			continue;
		for (r = 1; r < s && x != n - 1; r++)
			x = mul_mod(x, x, n);
		if (x != n - 1)
			return 0;   /* bases[i] proves n composite */
	}
	return 1;
}
