/* steps.h: what the Steps levels share.  A rule only one level uses lives in
 * that level's route file (Fibonacci numbers in beguine.c, the pond in
 * duck.c). */
#ifndef MOCEAN_STEPS_H
#define MOCEAN_STEPS_H

/* What kind of number a guess is, for the hints of /begin, /beguine and
 * /euler.  The guess is read as Python's int(), or else float(), reads it. */
enum guess {
	NOT_A_NUMBER,   /* "hello", "nan" */
	NOT_WHOLE,      /* "12.5": digits after the decimal point */
	NEGATIVE,       /* "-3", "-1e30" */
	TOO_BIG,        /* a whole number of 2^64 or more: "1e20", "inf" */
	WHOLE,          /* "0", "101", "1_01", "101.0", "١٠١" */
};

/* Classify text; for WHOLE, *n gets the number. */
enum guess level_read_guess(const char *text, unsigned long long *n);

struct request;

/* Read the guess a level was sent in key (a key the route declared); the
 * browser page's form asks again in the same key (page.h). */
const char *level_guess(struct request *rq, const char *key);

/* The level is solved: record it for the player in name= (once), end the
 * answer with " Your next step is NEXT", add the JSON fields solved (and
 * next), and point the browser page's link at next and its form at key
 * there.  next NULL: nothing follows (/duck); key NULL: a link only
 * (/mocean).  Returns 0, or -1 after fail() (say nothing more then). */
int level_solved(struct request *rq, const char *level, const char *next,
		 const char *key);

#endif
