/* words.h: secret words a teacher hands out (do=newsecret, do=roster): two
 * short, common and kind words and a number, like coral-otter-42, that a
 * 12-year-old can type and remember. */
#ifndef MOCEAN_WORDS_H
#define MOCEAN_WORDS_H

#include <stddef.h>

/* A new secret word into out (at least WORDS_LONGEST + 1 bytes). */
void words_make_secret(char *out, size_t len);

#define WORDS_LONGEST 18   /* "lobster-dolphin-42": the longest made */

#endif
