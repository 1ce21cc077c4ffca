/* unit.h: the smallest test harness: CHECK a condition, compare text or
 * numbers, and end main with UNIT_DONE(), which prints "N passed, N failed"
 * and exits 1 when anything failed.  A test that needs files makes a folder
 * of its own with unit_mkdtemp and removes it with unit_rmdir. */
#ifndef MOCEAN_UNIT_H
#define MOCEAN_UNIT_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_DIR_MAX 200

/* Make a new folder, $TMPDIR/mocean-unit-XXXXXX (TMPDIR unset: /tmp), and
 * write its name into dir.  Returns 0, or -1. */
static inline int unit_mkdtemp(char dir[UNIT_DIR_MAX])
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(dir, UNIT_DIR_MAX, "%s/mocean-unit-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");

	return n > 0 && n < UNIT_DIR_MAX && mkdtemp(dir) ? 0 : -1;
}

/* Remove that folder and everything in it.  Returns 0, or -1. */
static inline int unit_rmdir(const char *dir)
{
	char cmd[UNIT_DIR_MAX + 16];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int unit_passed, unit_failed;

#define CHECK(cond) do { \
	if (cond) unit_passed++; \
	else { unit_failed++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", \
				      __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && strcmp(g_, w_) == 0) unit_passed++; \
	else { unit_failed++; fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", \
				      __FILE__, __LINE__, g_ ? g_ : "(null)", w_); } \
} while (0)

#define CHECK_NEAR(got, want, eps) do { \
	double g_ = (got), w_ = (want); \
	if (fabs(g_ - w_) <= (eps)) unit_passed++; \
	else { unit_failed++; fprintf(stderr, "%s:%d: got %.17g, want %.17g\n", \
				      __FILE__, __LINE__, g_, w_); } \
} while (0)

#define UNIT_DONE() do { \
	printf("%d passed, %d failed\n", unit_passed, unit_failed); \
	return unit_failed ? 1 : 0; \
} while (0)

#endif
