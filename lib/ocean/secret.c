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

enum secret_says secret_check(struct request *rq, long long id)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_SECRET, "i", id);
	const char *word = query_str(&rq->query, "secret");
	enum secret_says says = SECRET_UNPROTECTED;

	if (db_row(rq->db, st) && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		const char *hash = (const char *)sqlite3_column_text(st, 0);
		if (!*word)
			says = SECRET_MISSING;
		else if (sodium_ready() == 0 && crypto_pwhash_str_verify(hash, word, strlen(word)) == 0)
			says = SECRET_RIGHT;
		else
			says = SECRET_WRONG;
	}
	db_done(rq->db, st);
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
		     "&secret=YOURWORD exactly as you joined with it", p->name);
		return 0;
	default:
		return 1;
	}
}

int secret_set(struct request *rq, long long id, const char *word)
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
	return db_exec(rq->db, SQL_SET_SECRET, "ti", hash, id);
}

int secret_same_text(const char *a, const char *b)
{
	size_t len = strlen(a);

	return len == strlen(b) && sodium_ready() == 0 &&
	       sodium_memcmp(a, b, len) == 0;
}
