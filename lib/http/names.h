/* names.h: player names that nobody can fake (Unicode TS #39, by ICU's
 * uspoof and unorm2; docs/PROTOCOL.md section 3).
 *
 * Two names are the same player when their skeletons are equal: the name in
 * NFKC with case folded ("Fred", fullwidth "ｆｒｅｄ" and mathematical bold
 * "𝐟𝐫𝐞𝐝" are all "fred"), then TS #39's confusable skeleton (a Cyrillic
 * "е" is a Latin "e").  A new name is refused when it holds an invisible or
 * default-ignorable character (Hangul fillers, zero-width characters,
 * variation selectors) or mixes scripts more than ICU's "highly
 * restrictive" level allows (one script, or Latin with Han and kana, Han
 * and Bopomofo, or Han and Hangul: the way Chinese, Japanese and Korean
 * names are written; never Latin with Cyrillic or Greek). */
#ifndef MOCEAN_NAMES_H
#define MOCEAN_NAMES_H

#include <stddef.h>

/* Room for a skeleton, with its NUL: NFKC and the skeleton may make a
 * name several times longer (a name whose skeleton does not fit is
 * refused as too long). */
#define NAME_SKELETON_BYTES 4096

/* The skeleton of name (UTF-8) into out: NFKC with case folded, then the
 * confusable skeleton.  Returns 0, or -1 (out is "") when name is not
 * UTF-8, is empty after folding, or its skeleton does not fit. */
int name_skeleton(const char *name, char out[NAME_SKELETON_BYTES]);

/* 1 when a and b are the same name to a person: equal skeletons (what a
 * roster, a /join and a lookup compare). */
int name_same(const char *a, const char *b);

/* 1 when a and b are one name written two ways: equal in NFKC with case
 * folded ("Fred" and "fred"), not merely alike ("frеd" with a Cyrillic е). */
int name_same_spelling(const char *a, const char *b);

/* Why name (already letters and digits, is_player_name) may not be a new
 * player's name: one sentence saying what to do, or NULL when it may. */
const char *name_refusal(const char *name);

#endif
