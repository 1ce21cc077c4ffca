/* secret.c: secret words, stored as salted hashes (see secret.h). */
#include "ocean/secret.h"
#include "ocean/worlds.h"
#include "store/db.h"
#include "ocean/reply.h"
#include "sys/sys.h"

#include <sodium.h>
#include <string.h>

/* The hash's cost.  A student's loop polls /location many times a second,
 * and every request of a protected player checks the word, so one check
 * must cost well under a millisecond: Argon2id with 2 passes over 64 KiB
 * took 0.08 ms on the club's 2-core server (1 MiB took 0.9 ms).  That still
 * salts every word and makes each guess against a copied world file cost a
 * memory-hard hash; the word itself travels in the address anyway, so a
 * stronger setting would protect nothing more.  The cost is kept in each
 * hash, so a later change still reads the old ones. */
#define SECRET_OPSLIMIT 2
#define SECRET_MEMLIMIT (64 * 1024)

static const char SQL_SECRET[] = "SELECT secret FROM player WHERE id = ?";
static const char SQL_SET_SECRET[] =
	"UPDATE player SET secret = ? WHERE id = ? AND secret IS NULL";
static const char SQL_GIVE_SECRET[] = "UPDATE player SET secret = ? WHERE id = ?";

/* Get libsodium ready, the first time a secret is used: most requests
 * never touch one, and starting it costs a CGI run about 10 us (it asks the
 * processor what it can do).  0, or -1 after logging it. */
static int sodium_ready(void)
{
	if (sodium_init() >= 0)
		return 0;
	log_line("libsodium could not start: secret words cannot be checked");
	return -1;
}

/* Counted before the check, so that parallel requests cannot test more
 * words between them. */
int secret_guard_pauses(struct request *rq, long long id)
{
	struct tally *t = rq->kept ? &rq->kept->tally : NULL;
	int wait = t ? tally_guess_begin(t, id, rq->in.addr, rq->now) : 0;

	if (wait <= 0)
		return 0;
	fail(rq, 429, "too many wrong secret words from your address: wait "
	     "%d second%s, then send the right one", wait, wait == 1 ? "" : "s");
	rq->reply.retry_after = wait;
	return 1;
}

/* The guard's second half, in the tally too. */
void secret_guard_end(struct request *rq, long long id, int right)
{
	if (rq->kept)
		tally_guess_end(&rq->kept->tally, id, rq->in.addr, right);
}

/* Check word against a stored hash, unless the client's address must
 * wait (secret_guard_pauses). */
static enum secret_says secret_test(struct request *rq, long long id,
				    const char *hash, const char *word)
{
	int right;

	if (secret_guard_pauses(rq, id))
		return SECRET_PAUSED;
	right = sodium_ready() == 0 &&
		crypto_pwhash_str_verify(hash, word, strlen(word)) == 0;
	secret_guard_end(rq, id, right);
	return right ? SECRET_RIGHT : SECRET_WRONG;
}

enum secret_says secret_check(struct request *rq, long long id)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_SECRET, "i", id);
	const char *word = query_str(&rq->query, "secret");
	enum secret_says says = SECRET_UNPROTECTED;

	if (db_row(rq->db, st) && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *hash = (const char *)sqlite3_column_text(st, 0);
		says = *word ? secret_test(rq, id, hash, word) : SECRET_MISSING;
	}
	db_done(rq->db, st);
	/* Which counter this player's next requests go to (tally.h). */
	if (rq->kept && !rq->db->failed)
		tally_learn_player(&rq->kept->tally, id, says == SECRET_RIGHT ? word : NULL,
				   says != SECRET_UNPROTECTED, rq->now);
	return says;
}

int secret_allows(struct request *rq, const struct player *p)
{
	switch (secret_check(rq, p->id)) {
	case SECRET_MISSING:
		fail(rq, 403, "%s is protected by a secret word: add &secret=YOURWORD "
		     "to the address", p->name);
		return 0;
	case SECRET_WRONG:
		fail(rq, 403, "that is not %s's secret word: check it, and send "
		     "&secret=YOURWORD exactly as you joined with it (or your "
		     "teacher gave it)", p->name);
		return 0;
	case SECRET_PAUSED:
		return 0;   /* the 429 is the answer */
	default:
		return 1;
	}
}

const char *secret_join_refusal(struct request *rq, const struct player *p)
{
	enum secret_says says = secret_check(rq, p->id);

	if (says == SECRET_UNPROTECTED && *query_str(&rq->query, "secret"))
		return "this name already plays without a secret word: join "
		       "without &secret=, or ask your teacher to give it one";
	if (says == SECRET_MISSING || says == SECRET_WRONG)
		return "this name is protected by a secret word: add it, &secret=...";
	return NULL;
}

/* Store word's salted hash for player id with sql (SQL_SET_SECRET or
 * SQL_GIVE_SECRET).  Returns 0, or -1 (after fail() when it could not be
 * hashed). */
static int secret_store(struct request *rq, const char *sql, long long id,
			const char *word)
{
	char hash[crypto_pwhash_STRBYTES];

	_Static_assert(SECRET_HASH_BYTES == crypto_pwhash_STRBYTES, "hash size");
	if (sodium_ready() < 0) {
		fail(rq, 500, "the server's cryptography library (libsodium) "
		     "could not start, so it cannot keep a secret word now");
		return -1;
	}
	if (crypto_pwhash_str(hash, word, strlen(word), SECRET_OPSLIMIT,
			      SECRET_MEMLIMIT) != 0) {
		fail(rq, 500, "the server ran out of memory while keeping a secret "
		     "word; please try again");
		return -1;
	}
	return db_exec(rq->db, sql, "ti", hash, id);
}

int secret_set(struct request *rq, long long id, const char *word)
{
	return secret_store(rq, SQL_SET_SECRET, id, word);
}

int secret_give(struct request *rq, long long id, const char *word)
{
	return secret_store(rq, SQL_GIVE_SECRET, id, word);
}

int secret_same_text(const char *a, const char *b)
{
	size_t len = strlen(a);

	return len == strlen(b) && sodium_ready() == 0 &&
	       sodium_memcmp(a, b, len) == 0;
}
