/* words.c: secret words made from a list of kind words (see words.h).
 *
 * Where the list comes from: it ships with Mocean, chosen by hand for it
 * from things of the sea, the woods, the sky, fruit and music, each a
 * word a child meets in a picture book.  Each was checked to have no
 * rude, unkind or grown-up meaning, slang included, and the list holds no
 * words for people or bodies, so no two of them pair into an insult.  The
 * number is 10 to 99 but 69 and 88, which some read as more than a number.
 * A change to the list must keep it at 64 words, each of 3 to 7 letters,
 * and hold to the same checks (tests/test_roster.py reads it). */
#include "teacher/words.h"
#include "sys/sys.h"

#include <stdio.h>

/* 64 of them: a byte picks one. */
static const char *const kind_words[64] = {
	"coral", "otter", "whale", "kelp", "reef", "shell", "squid", "crab",
	"seal", "tuna", "wave", "tide", "pearl", "sand", "star", "moon",
	"fern", "moss", "pine", "maple", "robin", "finch", "heron", "swan",
	"panda", "koala", "llama", "zebra", "tiger", "lemon", "mango", "peach",
	"plum", "cloud", "rain", "snow", "river", "lake", "hill", "stone",
	"comet", "orbit", "rocket", "piano", "drum", "flute", "kite", "boat",
	"apple", "berry", "bread", "honey", "tulip", "daisy", "acorn", "cedar",
	"puffin", "walrus", "dolphin", "turtle", "salmon", "lobster", "shrimp", "manta",
};

void words_make_secret(char *out, size_t len)
{
	unsigned char r[3];
	int n;

	random_bytes(r, sizeof r);
	n = 10 + r[2] % 88;     /* 10 to 97, then 69 and 88 skipped: 98, 99 */
	if (n == 69)
		n = 98;
	else if (n == 88)
		n = 99;
	snprintf(out, len, "%s-%s-%d", kind_words[r[0] % 64], kind_words[r[1] % 64], n);
}
