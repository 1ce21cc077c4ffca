/* tally.c: request counts in a shared, mapped file (see tally.h). */
#include "store/tally.h"
#include "store/db.h"
#include "store/seen.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A route's slot: its name's hash (0: free), its count and its name. */
struct route_slot {
	uint64_t hash;
	uint64_t n;
	char name[32];
};

/* A counter: its key (0: never used), this second's count (second << 32
 * | count, so that one compare-and-swap moves it to a new second), the
 * counts of the last minute in five-second buckets (the same packing,
 * with the bucket's start), a player's wrong secret words, and what the
 * last request served learned (tally_learn): for a player, whether a word
 * protects it and the word's digest; for a name, its player's id + 1; for
 * an address's /data budget, the time its spending is paid off. */
struct counter {
	uint64_t key;
	uint64_t second;
	uint64_t buckets[TALLY_BUCKETS];
	uint64_t wrong;
	uint64_t learned;
};

struct tally_file {
	uint64_t layout;                   /* TALLY_LAYOUT */
	uint64_t rate_limit;               /* the world's limit, mirrored */
	struct route_slot routes[TALLY_ROUTES];
	uint64_t guesses[TALLY_GUESSES];   /* the guards, one word each */
	struct counter counters[TALLY_COUNTERS];
	struct seen_table seen;            /* each player's last requests */
};

#define TALLY_LAYOUT 0x6d6f6365616e0004ULL  /* "mocean", layout 4 */
#define TALLY_PROBES 32     /* counters a key may use: then the table is full */
#define BUCKET_SECONDS (TALLY_SECONDS / TALLY_BUCKETS)
#define TAG_NAME (1ULL << 62)       /* the key of a name= not yet known */
#define TAG_STRANGER (2ULL << 62)   /* a protected player, without its word */
#define TAG_DATA (3ULL << 62)       /* an address's /data budget */
#define KEY_MASK ((1ULL << 62) - 1)
#define LEARNED_OPEN 1ULL           /* a player no word protects */
#define LEARNED_WORD 2ULL           /* protected: digest << 8 | this */

/* A guard is one word, so that one compare-and-swap moves it on: from the
 * top, 22 bits of its player's and address's hash (its key), 3 bits for
 * the pauses so far (its level: 0 before the first), 4 bits for the words
 * tested before the first pause, and 35 bits of time in eighths of a
 * second (enough until 2106): the first word's before the first pause,
 * the pause's end after it.  0 is a slot never used. */
#define GUESS_KEY_SHIFT 42
#define GUESS_LEVEL_SHIFT 39
#define GUESS_COUNT_SHIFT 35
#define GUESS_TIME_MASK ((1ULL << GUESS_COUNT_SHIFT) - 1)
#define GUESS_TICKS 8                   /* a guard's clock: ticks a second */
#define GUESS_MINUTE (60 * GUESS_TICKS)
#define GUESS_LEVEL_TOP 7               /* its pause: GUESS_LONGEST_PAUSE */
#define GUESS_PROBES 4                  /* slots a hash may use */

/* Map world's tally file; how is O_CREAT to make it when missing, or 0. */
static int tally_map(struct tally *t, const char *world, int how)
{
	char path[4200];
	struct tally_file *f;
	struct stat st;
	int fd;

	t->map = NULL;
	t->size = sizeof(struct tally_file);
	snprintf(path, sizeof path, "%s/worlds/%s.tally", data_dir(), world);
	fd = open(path, O_RDWR | how | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	/* Its room is taken at once: a write to a mapped page the disk has
	 * no room for would end the process (SIGBUS), so on a full disk there
	 * is no tally rather than a crash. */
	if (fstat(fd, &st) < 0 ||
	    ((unsigned long)st.st_size != t->size && posix_fallocate(fd, 0, (off_t)t->size) != 0)) {
		close(fd);
		return -1;
	}
	t->dev = (unsigned long long)st.st_dev;
	t->ino = (unsigned long long)st.st_ino;
	t->map = mmap(NULL, t->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (t->map == MAP_FAILED) {
		t->map = NULL;
		return -1;
	}
	/* A file of an older layout starts afresh: its counts are a gauge. */
	f = t->map;
	if (__atomic_load_n(&f->layout, __ATOMIC_ACQUIRE) != TALLY_LAYOUT) {
		memset(f, 0, t->size);
		__atomic_store_n(&f->layout, TALLY_LAYOUT, __ATOMIC_RELEASE);
	}
	return 0;
}

int tally_open(struct tally *t, const char *world)
{
	return tally_map(t, world, O_CREAT);
}

int tally_open_existing(struct tally *t, const char *world)
{
	return tally_map(t, world, 0);
}

int tally_moved(const struct tally *t, const char *world)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof path, "%s/worlds/%s.tally", data_dir(), world);
	return stat(path, &st) < 0 || (unsigned long long)st.st_dev != t->dev ||
	       (unsigned long long)st.st_ino != t->ino;
}

void tally_close(struct tally *t)
{
	if (t->map)
		munmap(t->map, t->size);
	t->map = NULL;
}

/* FNV-1a of a route name, never 0. */
static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

/* Count one request of route. */
static void count_route(struct tally_file *f, const char *route)
{
	uint64_t h = name_hash(route);

	for (int i = 0; i < TALLY_ROUTES; i++) {
		struct route_slot *r = &f->routes[(h + i) % TALLY_ROUTES];
		uint64_t seen = __atomic_load_n(&r->hash, __ATOMIC_ACQUIRE);

		if (seen == 0) {
			uint64_t want = 0;
			if (__atomic_compare_exchange_n(&r->hash, &want, h, 0,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				snprintf(r->name, sizeof r->name, "%s", route);
				seen = h;
			} else {
				seen = want;
			}
		}
		if (seen == h) {
			__atomic_add_fetch(&r->n, 1, __ATOMIC_RELAXED);
			return;
		}
	}
}

/* 1 when a counter has counted nothing for a whole minute at second now:
 * its key may be given to another (the table keeps no empty holes, so a
 * key's probes never stop early). */
static int counter_quiet(const struct counter *c, uint64_t now)
{
	uint64_t v = __atomic_load_n(&c->second, __ATOMIC_RELAXED);

	return now - (v >> 32) > TALLY_SECONDS;
}

/* Empty a counter's counts (a key taken over). */
static void counter_reset(struct counter *c)
{
	__atomic_store_n(&c->second, 0, __ATOMIC_RELAXED);
	for (int i = 0; i < TALLY_BUCKETS; i++)
		__atomic_store_n(&c->buckets[i], 0, __ATOMIC_RELAXED);
	__atomic_store_n(&c->wrong, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&c->learned, 0, __ATOMIC_RELAXED);
}

/* Mix a key so that near ids spread over the table (splitmix64). */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

/* key's counter, or NULL.  With claim, a key not there takes the first
 * never-used counter of its probes, else a quiet one; NULL when all
 * TALLY_PROBES are busy (the table is full: the key is not counted). */
static struct counter *counter_find(struct tally_file *f, uint64_t key,
				    int claim, uint64_t now)
{
	uint64_t h = mix(key);
	struct counter *quiet = NULL;

	for (int i = 0; i < TALLY_PROBES; i++) {
		struct counter *c = &f->counters[(h + (uint64_t)i) % TALLY_COUNTERS];
		uint64_t seen = __atomic_load_n(&c->key, __ATOMIC_ACQUIRE);

		if (seen == key)
			return c;
		if (seen == 0) {
			if (!claim)
				return NULL;
			if (__atomic_compare_exchange_n(&c->key, &seen, key, 0,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return c;
			if (seen == key)
				return c;   /* another process claimed it for key */
		} else if (claim && !quiet && counter_quiet(c, now)) {
			quiet = c;
		}
	}
	if (quiet) {
		uint64_t seen = __atomic_load_n(&quiet->key, __ATOMIC_ACQUIRE);
		if (__atomic_compare_exchange_n(&quiet->key, &seen, key, 0,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			counter_reset(quiet);
			return quiet;
		}
	}
	return NULL;
}

uint64_t tally_player_key(long long id)
{
	return id < 0 ? 0 : ((uint64_t)id + 1) & KEY_MASK;
}

long long tally_key_player(uint64_t key)
{
	return key && !(key & ~KEY_MASK) ? (long long)(key - 1) : -1;
}

uint64_t tally_name_key(const char *name)
{
	return (name_hash(name) & KEY_MASK) | TAG_NAME;
}

uint64_t tally_stranger_key(long long id, const char *addr)
{
	return (mix(name_hash(addr) ^ (uint64_t)id) & KEY_MASK) | TAG_STRANGER;
}

uint64_t tally_data_key(const char *addr)
{
	return (name_hash(addr) & KEY_MASK) | TAG_DATA;
}

/* Add one to a packed (start << 32 | count) word for the period that
 * starts at start. */
static uint64_t bump(uint64_t *w, uint64_t start)
{
	uint64_t old = __atomic_load_n(w, __ATOMIC_RELAXED);
	uint64_t new;

	start &= 0xffffffffu;
	do {
		new = (old >> 32) == start ? old + 1 : (start << 32) | 1;
	} while (!__atomic_compare_exchange_n(w, &old, new, 1, __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return new & 0xffffffffu;
}

long tally_count_key(struct tally *t, uint64_t key, const char *route, double now)
{
	struct tally_file *f = t->map;
	uint64_t second = (uint64_t)now;
	uint64_t start = second - second % BUCKET_SECONDS;
	struct counter *c;

	if (!f)
		return 0;
	if (route)
		count_route(f, route);
	if (!key || !(c = counter_find(f, key, 1, second)))
		return 0;
	bump(&c->buckets[(start / BUCKET_SECONDS) % TALLY_BUCKETS], start);
	return (long)bump(&c->second, second);
}

long tally_count(struct tally *t, long long id, const char *route, double now)
{
	return tally_count_key(t, tally_player_key(id), route, now);
}

long tally_player_minute(const struct tally *t, long long id, double now)
{
	struct tally_file *f = t->map;
	uint64_t second = (uint64_t)now & 0xffffffffu;
	const struct counter *c;
	long n = 0;

	if (!f || id < 0 || !(c = counter_find(f, tally_player_key(id), 0, 0)))
		return 0;
	for (int i = 0; i < TALLY_BUCKETS; i++) {
		uint64_t v = __atomic_load_n(&c->buckets[i], __ATOMIC_RELAXED);
		if (second - (v >> 32) < TALLY_SECONDS)
			n += (long)(v & 0xffffffffu);
	}
	return n;
}

/* A secret word's digest: 16 bits, never 0.  It only picks the counter a
 * request is counted in (the word itself is checked against its salted
 * hash in the world's file), so it says little about the word. */
static uint64_t word_digest(const char *word)
{
	uint64_t d = mix(name_hash(word)) & 0xffff;

	return d ? d : 1;
}

void tally_learn_player(struct tally *t, long long id, const char *right_word,
			int protected, double now)
{
	struct tally_file *f = t->map;
	struct counter *c;
	uint64_t learned = !protected ? LEARNED_OPEN
			 : right_word ? word_digest(right_word) << 8 | LEARNED_WORD
			 : LEARNED_WORD;   /* protected, its word not yet seen */

	if (!f || id < 0 || !(c = counter_find(f, tally_player_key(id), 1, (uint64_t)now)))
		return;
	/* A request without the word never makes the word's digest forgotten. */
	if (learned == LEARNED_WORD &&
	    (__atomic_load_n(&c->learned, __ATOMIC_RELAXED) & LEARNED_WORD))
		return;
	__atomic_store_n(&c->learned, learned, __ATOMIC_RELAXED);
}

void tally_learn_name(struct tally *t, const char *name, long long id, double now)
{
	struct tally_file *f = t->map;
	struct counter *c;

	if (f && id >= 0 && *name &&
	    (c = counter_find(f, tally_name_key(name), 1, (uint64_t)now)))
		__atomic_store_n(&c->learned, (uint64_t)id + 1, __ATOMIC_RELAXED);
}

uint64_t tally_key_of(const struct tally *t, long long id, const char *name,
		      const char *word, const char *addr)
{
	struct tally_file *f = t->map;
	const struct counter *c;
	uint64_t learned;

	if (!f)
		return 0;
	if (id < 0 && name && *name) {
		c = counter_find(f, tally_name_key(name), 0, 0);
		learned = c ? __atomic_load_n(&c->learned, __ATOMIC_RELAXED) : 0;
		if (!learned)
			return tally_name_key(name);   /* a name not yet known */
		id = (long long)(learned - 1);
	}
	c = id < 0 ? NULL : counter_find(f, tally_player_key(id), 0, 0);
	learned = c ? __atomic_load_n(&c->learned, __ATOMIC_RELAXED) : 0;
	if (!learned && name && *name)
		return tally_name_key(name);   /* its word not yet known */
	if (learned == LEARNED_OPEN)
		return tally_player_key(id);
	if ((learned & LEARNED_WORD) && *word && (learned >> 8) == word_digest(word))
		return tally_player_key(id);
	if (learned == LEARNED_WORD && *word)
		return 0;   /* its word not yet seen: counted once it is checked */
	if (learned & LEARNED_WORD)
		return tally_stranger_key(id, addr);
	return 0;   /* not yet known: counted after the word is checked */
}

int tally_limit(const struct tally *t)
{
	const struct tally_file *f = t->map;

	return f ? (int)__atomic_load_n(&f->rate_limit, __ATOMIC_RELAXED) : 0;
}

void tally_set_limit(struct tally *t, int rate)
{
	struct tally_file *f = t->map;

	if (f && (int)__atomic_load_n(&f->rate_limit, __ATOMIC_RELAXED) != rate)
		__atomic_store_n(&f->rate_limit, (uint64_t)(rate > 0 ? rate : 0),
				 __ATOMIC_RELAXED);
}

int tally_spend(struct tally *t, uint64_t key, double cost, int check,
		double rate, double burst, double now)
{
	struct tally_file *f = t->map;
	struct counter *c;
	uint64_t old;
	uint64_t new;
	double paid;

	if (!f || !(c = counter_find(f, key, 1, (uint64_t)now)))
		return 0;
	/* learned: the time (in thousandths of a second) the spending so far
	 * is paid off at rate; a budget of burst seconds may be owed. */
	old = __atomic_load_n(&c->learned, __ATOMIC_RELAXED);
	do {
		paid = (double)old / 1000;
		if (paid < now)
			paid = now;
		if (check && paid - now > burst)
			return (int)(paid - now - burst) + 1;
		paid += cost / rate;
		new = (uint64_t)((paid > now ? paid : now) * 1000);
	} while (!__atomic_compare_exchange_n(&c->learned, &old, new, 1,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	__atomic_store_n(&c->second, (uint64_t)now << 32, __ATOMIC_RELAXED);
	return 0;
}

void tally_routes(const struct tally *t,
		  void (*each)(const char *route, long long n, void *arg), void *arg)
{
	const struct tally_file *f = t->map;

	for (int i = 0; f && i < TALLY_ROUTES; i++) {
		const struct route_slot *r = &f->routes[i];
		long long n = (long long)__atomic_load_n(&r->n, __ATOMIC_RELAXED);
		if (__atomic_load_n(&r->hash, __ATOMIC_ACQUIRE) && n > 0 && r->name[0])
			each(r->name, n, arg);
	}
}

long tally_player_wrong(const struct tally *t, long long id)
{
	struct tally_file *f = t->map;
	const struct counter *c;

	if (!f || id < 0 || !(c = counter_find(f, tally_player_key(id), 0, 0)))
		return 0;
	return (long)__atomic_load_n(&c->wrong, __ATOMIC_RELAXED);
}

/* A guard's word from its parts. */
static uint64_t guess_word(uint64_t key, uint64_t level, uint64_t count, uint64_t time)
{
	return key << GUESS_KEY_SHIFT | level << GUESS_LEVEL_SHIFT |
	       count << GUESS_COUNT_SHIFT | (time & GUESS_TIME_MASK);
}

/* A guard word's key. */
static uint64_t guess_key(uint64_t w)
{
	return w >> GUESS_KEY_SHIFT;
}

/* A guard word's level: the pauses so far. */
static uint64_t guess_level(uint64_t w)
{
	return (w >> GUESS_LEVEL_SHIFT) & 7;
}

/* A guard word's count: the words tested before its first pause. */
static uint64_t guess_count(uint64_t w)
{
	return (w >> GUESS_COUNT_SHIFT) & 15;
}

/* A guard word's time, in ticks. */
static uint64_t guess_time(uint64_t w)
{
	return w & GUESS_TIME_MASK;
}

/* The seconds of the pause a level starts: 1, 2, 4, ... at most
 * GUESS_LONGEST_PAUSE. */
static uint64_t guess_pause(uint64_t level)
{
	uint64_t pause = 1ULL << (level - 1);

	return pause < GUESS_LONGEST_PAUSE ? pause : GUESS_LONGEST_PAUSE;
}

/* The hash of a player and a client address (FNV-1a, mixed as splitmix64
 * does, so that its low bits pick the slot and its high bits are the key). */
static uint64_t guess_hash(long long id, const char *addr)
{
	uint64_t h = name_hash(addr) ^ ((uint64_t)id * 0x9e3779b97f4a7c15ULL);

	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

/* 1 when a guard word is forgotten at tick now: never used, or a minute
 * past its time (its first word's, or its pause's end). */
static int guess_stale(uint64_t w, uint64_t now)
{
	return w == 0 || now >= guess_time(w) + GUESS_MINUTE;
}

/* The slot that holds hash h's guard, or NULL. */
static uint64_t *guess_find(struct tally_file *f, uint64_t h)
{
	for (int i = 0; i < GUESS_PROBES; i++) {
		uint64_t *s = &f->guesses[(h + (uint64_t)i) % TALLY_GUESSES];
		uint64_t w = __atomic_load_n(s, __ATOMIC_ACQUIRE);

		if (w && guess_key(w) == h >> GUESS_KEY_SHIFT)
			return s;
	}
	return NULL;
}

/* The slot for hash h's guard at tick now: the one that holds it, else a
 * forgotten one, else the oldest of its neighbours (taken over). */
static uint64_t *guess_slot(struct tally_file *f, uint64_t h, uint64_t now)
{
	uint64_t *s = guess_find(f, h);
	uint64_t *oldest = NULL;
	uint64_t oldest_time = 0;

	for (int i = 0; !s && i < GUESS_PROBES; i++) {
		uint64_t *at = &f->guesses[(h + (uint64_t)i) % TALLY_GUESSES];
		uint64_t w = __atomic_load_n(at, __ATOMIC_ACQUIRE);

		if (guess_stale(w, now)) {
			s = at;
		} else if (!oldest || guess_time(w) < oldest_time) {
			oldest = at;
			oldest_time = guess_time(w);
		}
	}
	return s ? s : oldest;
}

int tally_guess_begin(struct tally *t, long long id, const char *addr, double now)
{
	struct tally_file *f = t->map;
	uint64_t tick = (uint64_t)(now * GUESS_TICKS);
	uint64_t h;
	uint64_t key;
	uint64_t old;
	uint64_t new;
	uint64_t *s;

	if (!f || id < 0)
		return 0;
	h = guess_hash(id, addr);
	key = h >> GUESS_KEY_SHIFT;
	s = guess_slot(f, h, tick);
	old = __atomic_load_n(s, __ATOMIC_ACQUIRE);
	do {
		uint64_t w = guess_key(old) == key && !guess_stale(old, tick) ? old
			   : guess_word(key, 0, 0, tick);
		uint64_t level = guess_level(w);
		uint64_t count = guess_count(w);
		uint64_t time = guess_time(w);

		if (level > 0 && tick < time)   /* pausing: nothing is checked */
			return (int)((time - tick + GUESS_TICKS - 1) / GUESS_TICKS);
		if (level == 0 && count + 1 < GUESS_FREE) {
			new = guess_word(key, 0, count + 1, count ? time : tick);
		} else {   /* the last free word, or one after a pause */
			level += level < GUESS_LEVEL_TOP;
			new = guess_word(key, level, count,
					 tick + guess_pause(level) * GUESS_TICKS);
		}
	} while (!__atomic_compare_exchange_n(s, &old, new, 0, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	return 0;
}

void tally_guess_end(struct tally *t, long long id, const char *addr, int right)
{
	struct tally_file *f = t->map;
	uint64_t h;
	uint64_t *s;
	uint64_t w;

	if (!f || id < 0)
		return;
	if (!right) {
		struct counter *c = counter_find(f, tally_player_key(id), 1,
						 (uint64_t)time(NULL));
		if (c)
			__atomic_add_fetch(&c->wrong, 1, __ATOMIC_RELAXED);
		return;
	}
	h = guess_hash(id, addr);
	s = guess_find(f, h);
	if (!s)
		return;
	w = __atomic_load_n(s, __ATOMIC_ACQUIRE);
	/* The address knows the word: forget its wrong ones.  A slot taken
	 * over meanwhile is left alone. */
	while (guess_key(w) == h >> GUESS_KEY_SHIFT && w &&
	       !__atomic_compare_exchange_n(s, &w, 0, 0, __ATOMIC_ACQ_REL,
					    __ATOMIC_ACQUIRE))
		;
}

struct seen_table *tally_seen(struct tally *t)
{
	struct tally_file *f = t ? t->map : NULL;

	return f ? &f->seen : NULL;
}

void tally_clear(struct tally *t)
{
	struct tally_file *f = t->map;

	if (f) {
		memset(f, 0, t->size);
		__atomic_store_n(&f->layout, TALLY_LAYOUT, __ATOMIC_RELEASE);
	}
}
