/* seen.c: each player's last requests, in rings of a mapped file (see
 * seen.h). */
#include "store/seen.h"
#include "http/query.h"

#include <string.h>

#define HIDDEN "***"        /* what a secret word is shown as */
#define CUT "..."           /* the end of a field that did not fit */
#define KEY_NAME_MAX 64     /* longer key names are no secret= */

/* The bytes of the UTF-8 character that starts at s (n bytes left), or 0
 * for a byte that starts none. */
static size_t char_bytes(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3
		   : (c & 0xf8) == 0xf0 ? 4 : 0;

	return len && len <= n && utf8_valid(s, len) ? len : 0;
}

/* Copy src (n bytes) into out (size bytes, NUL-terminated): whole UTF-8
 * characters only, a control character or a byte of no character as '?',
 * and CUT at the end when not all of it fits. */
static void clip(char *out, size_t size, const char *src, size_t n)
{
	size_t o = 0;
	size_t i = 0;

	while (i < n) {
		size_t len = char_bytes(src + i, n - i);
		int odd = !len || (len == 1 && ((unsigned char)src[i] < 0x20 || src[i] == 0x7f));

		if (o + (odd ? 1 : len) > size - 1)
			break;
		if (odd) {
			out[o++] = '?';
		} else {
			memcpy(out + o, src + i, len);
			o += len;
		}
		i += len ? len : 1;
	}
	if (i < n) {
		/* Cut: back to a character's first byte until CUT fits. */
		while (o > size - sizeof CUT) {
			do
				o--;
			while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80);
		}
		memcpy(out + o, CUT, sizeof CUT - 1);
		o += sizeof CUT - 1;
	}
	out[o] = '\0';
}

/* 1 when a key of the query (n bytes, still %-encoded) carries a word to
 * hide: secret= (a player's word) or key= (the teacher's). */
static int hidden_key(const char *name, size_t n)
{
	char key[KEY_NAME_MAX + 1];

	if (n > KEY_NAME_MAX)
		return 0;
	memcpy(key, name, n);
	key[n] = '\0';
	return url_decode(key) == 0 && (strcmp(key, "secret") == 0 || strcmp(key, "key") == 0);
}

/* Append n bytes of text to shown (o bytes of cap so far), as many as fit. */
static void add(char *shown, size_t *o, size_t cap, const char *text, size_t n)
{
	if (n > cap - *o)
		n = cap - *o;
	memcpy(shown + *o, text, n);
	*o += n;
}

/* The query as sent, with the values of hidden keys as HIDDEN, into out
 * (size bytes), clipped. */
static void hide_words(char *out, size_t size, const char *query)
{
	char shown[SEEN_KEYS * 2];   /* more than out holds: a cut shows */
	size_t o = 0;

	for (const char *p = query; *p && o < sizeof shown; ) {
		size_t part = strcspn(p, "&");
		size_t name = strcspn(p, "=&");

		if (name < part && hidden_key(p, name)) {
			add(shown, &o, sizeof shown, p, name + 1);   /* "secret=" */
			add(shown, &o, sizeof shown, HIDDEN, sizeof HIDDEN - 1);
		} else {
			add(shown, &o, sizeof shown, p, part);
		}
		p += part;
		if (*p == '&')
			add(shown, &o, sizeof shown, p++, 1);
	}
	clip(out, size, shown, o);
}

/* The place of a player's ring (a mix of its key, as splitmix64). */
static uint64_t ring_hash(uint64_t key)
{
	key ^= key >> 30;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 27;
	key *= 0x94d049bb133111ebULL;
	return key ^ (key >> 31);
}

/* key's ring, or NULL.  With claim, a key not there takes a ring never
 * used among its probes, else the one written longest ago. */
static struct seen_ring *ring_find(struct seen_table *t, uint64_t key, int claim)
{
	uint64_t h = ring_hash(key);
	struct seen_ring *oldest = NULL;

	for (int i = 0; i < SEEN_PROBES; i++) {
		struct seen_ring *r = &t->rings[(h + (uint64_t)i) % SEEN_PLAYERS];
		uint64_t seen = __atomic_load_n(&r->key, __ATOMIC_ACQUIRE);

		if (seen == key)
			return r;
		if (seen == 0 && claim &&
		    (__atomic_compare_exchange_n(&r->key, &seen, key, 0, __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE) || seen == key))
			return r;
		if (seen == 0)
			return NULL;   /* no hole before a key's ring: it is not there */
		if (!oldest || __atomic_load_n(&r->last, __ATOMIC_RELAXED) <
			       __atomic_load_n(&oldest->last, __ATOMIC_RELAXED))
			oldest = r;
	}
	if (claim && oldest) {
		/* Given over: its old slots name their own player, so a
		 * reader of key never takes them. */
		__atomic_store_n(&oldest->key, key, __ATOMIC_RELEASE);
		return oldest;
	}
	return NULL;
}

void seen_add(struct seen_table *t, long long id, double now, const char *route,
	      const char *query, int status, const char *reply, const char *from)
{
	uint64_t key = (uint64_t)id + 1;
	struct seen_ring *r;
	struct seen_slot *s;
	uint64_t n;

	if (!t || id < 0 || !(r = ring_find(t, key, 1)))
		return;
	n = __atomic_fetch_add(&r->next, 1, __ATOMIC_ACQ_REL);
	s = &r->slots[n % SEEN_KEPT];
	__atomic_store_n(&s->mark, 0, __ATOMIC_RELAXED);   /* being written */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	s->key = key;
	s->request.time = now;
	s->request.status = status;
	clip(s->request.route, sizeof s->request.route, route, strlen(route));
	hide_words(s->request.keys, sizeof s->request.keys, query);
	clip(s->request.line, sizeof s->request.line, reply, strcspn(reply, "\r\n"));
	clip(s->request.from, sizeof s->request.from, from, strlen(from));
	__atomic_store_n(&s->mark, n + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&r->last, (uint64_t)now, __ATOMIC_RELAXED);
}

int seen_read(const struct seen_table *t, long long id, struct seen_request out[SEEN_KEPT])
{
	uint64_t key = (uint64_t)id + 1;
	const struct seen_ring *r;
	uint64_t next;
	int n = 0;

	if (!t || id < 0 || !(r = ring_find((struct seen_table *)t, key, 0)))
		return 0;
	next = __atomic_load_n(&r->next, __ATOMIC_ACQUIRE);
	for (uint64_t i = next > SEEN_KEPT ? next - SEEN_KEPT : 0; i < next; i++) {
		const struct seen_slot *s = &r->slots[i % SEEN_KEPT];
		if (__atomic_load_n(&s->mark, __ATOMIC_ACQUIRE) != i + 1)
			continue;   /* being written, or written again since */
		out[n] = s->request;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&s->mark, __ATOMIC_RELAXED) != i + 1 || s->key != key)
			continue;
		out[n].route[SEEN_ROUTE - 1] = '\0';
		out[n].keys[SEEN_KEYS - 1] = '\0';
		out[n].line[SEEN_LINE - 1] = '\0';
		n++;
	}
	return n;
}
