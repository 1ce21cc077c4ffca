/* secret.h: secret words (docs/PROTOCOL.md section 3).  A player who joined with
 * secret=WORD is protected: every route that acts as that player needs the
 * same secret=WORD.  Only a salted hash of the word is stored (libsodium's
 * crypto_pwhash_str, Argon2id), and it is checked in constant time.
 *
 * The cost is chosen for a classroom, not a bank: see SECRET_OPSLIMIT.
 *
 * Only a new player's first /join sets a word (secret_set); after that only
 * the teacher sets or changes it (secret_give).  Guessing costs the
 * guesser: wrong words are counted per player and client address in the
 * world's tally (tally.h), and an address past GUESS_FREE wrong words for
 * a player gets 429 with Retry-After for its next ones, before they are
 * checked, whatever the route. */
#ifndef MOCEAN_SECRET_H
#define MOCEAN_SECRET_H

#include "ocean/player.h"
#include "ocean/request.h"

#define SECRET_LONGEST 64       /* bytes of a secret word */
#define SECRET_HASH_BYTES 128   /* crypto_pwhash_STRBYTES */

/* What a request's secret= says about a player. */
enum secret_says {
	SECRET_UNPROTECTED,  /* the player has no secret word */
	SECRET_RIGHT,        /* secret= is the player's word */
	SECRET_MISSING,      /* protected, and no secret= was sent */
	SECRET_WRONG,        /* protected, and secret= is another word */
	SECRET_PAUSED,       /* protected, and this address sent too many
	                        wrong words for it: not checked, and the
	                        answer is already a 429 */
};

/* Compare player id's stored hash with the request's secret=, unless the
 * client's address must wait (then fail(rq, 429, ...) with Retry-After,
 * and SECRET_PAUSED). */
enum secret_says secret_check(struct request *rq, long long id);

/* 1 when the request may act as player p (unprotected, or the right
 * secret=); otherwise fail(rq, 403, ...) with one line saying what to add
 * (or the 429 of a paused address), and 0. */
int secret_allows(struct request *rq, const struct player *p);

/* Why a /join may not join as p, a player already in the world: NULL
 * when it may (no word, and none sent; or its word).  A player without a
 * secret word never gets one from a /join: that is the teacher's
 * (secret_give).  A paused address: NULL, and the answer is the 429. */
const char *secret_join_refusal(struct request *rq, const struct player *p);

/* Protect player id with word, unless a word protects it already: store
 * the word's salted hash.  Returns 0, or -1 (after fail() when it could not
 * be hashed). */
int secret_set(struct request *rq, long long id, const char *word);

/* The teacher's: protect player id with word, or change its word.  The
 * same returns as secret_set. */
int secret_give(struct request *rq, long long id, const char *word);

/* Before a word for player id is checked: count it in the world's tally
 * against the client's address, or, when that address must wait, answer
 * the 429 that says how long and return 1 (the word is not checked). */
int secret_guard_pauses(struct request *rq, long long id);

/* After the check secret_guard_pauses allowed: right forgets the address's
 * wrong words for id, wrong counts one more. */
void secret_guard_end(struct request *rq, long long id, int right);

/* 1 when a and b are the same text, compared in constant time for texts of
 * the same length (view codes). */
int secret_same_text(const char *a, const char *b);

#endif
