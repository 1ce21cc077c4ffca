/* tally.c: request counts in a shared, mapped file (see tally.h). */
#include "store/tally.h"
#include "store/db.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A player's slot: its id, and per second of the last minute the second
 * and the count packed in one word (second << 32 | count), so one atomic
 * compare-and-swap moves a bucket to a new second. */
struct player_slot {
	int64_t id;                        /* id + 1; 0: never used */
	uint64_t buckets[TALLY_SECONDS];
};

/* A route's slot: its name's hash (0: free), its count and its name. */
struct route_slot {
	uint64_t hash;
	uint64_t n;
	char name[32];
};

/* A player's wrong secret words: its id + 1 (0: never used) and how many. */
struct wrong_slot {
	int64_t id;
	uint64_t n;
};

struct tally_file {
	struct route_slot routes[TALLY_ROUTES];
	struct player_slot players[TALLY_PLAYERS];
	/* Added later, so at the end: an older file grows by them. */
	struct wrong_slot wrong[TALLY_PLAYERS];
	uint64_t guesses[TALLY_GUESSES];   /* the guards, one word each */
};

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

int tally_open(struct tally *t, const char *world)
{
	char path[4200];
	struct stat st;
	int fd;

	t->map = NULL;
	t->size = sizeof(struct tally_file);
	snprintf(path, sizeof path, "%s/worlds/%s.tally", data_dir(), world);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
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
	t->map = mmap(NULL, t->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (t->map == MAP_FAILED) {
		t->map = NULL;
		return -1;
	}
	return 0;
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

/* The slot of player id, claimed for it when another had it. */
static struct player_slot *player_slot(struct tally_file *f, long long id)
{
	struct player_slot *p = &f->players[(unsigned long long)id % TALLY_PLAYERS];
	int64_t seen = __atomic_load_n(&p->id, __ATOMIC_ACQUIRE);

	if (seen != id + 1 &&
	    __atomic_compare_exchange_n(&p->id, &seen, id + 1, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		for (int i = 0; i < TALLY_SECONDS; i++)
			__atomic_store_n(&p->buckets[i], 0, __ATOMIC_RELAXED);
	return p;
}

long tally_count(struct tally *t, long long id, const char *route, double now)
{
	struct tally_file *f = t->map;
	uint64_t second = (uint64_t)now, old, new;
	uint64_t *b;

	if (!f)
		return 0;
	count_route(f, route);
	if (id < 0)
		return 0;
	b = &player_slot(f, id)->buckets[second % TALLY_SECONDS];
	old = __atomic_load_n(b, __ATOMIC_RELAXED);
	do {
		new = (old >> 32) == (second & 0xffffffffu) ? old + 1 :
		      ((second & 0xffffffffu) << 32) | 1;
	} while (!__atomic_compare_exchange_n(b, &old, new, 1, __ATOMIC_ACQ_REL,
					      __ATOMIC_RELAXED));
	return (long)(new & 0xffffffffu);
}

long tally_player_minute(const struct tally *t, long long id, double now)
{
	const struct tally_file *f = t->map;
	const struct player_slot *p;
	uint64_t second = (uint64_t)now & 0xffffffffu;
	long n = 0;

	if (!f || id < 0)
		return 0;
	p = &f->players[(unsigned long long)id % TALLY_PLAYERS];
	if (__atomic_load_n(&p->id, __ATOMIC_ACQUIRE) != id + 1)
		return 0;
	for (int i = 0; i < TALLY_SECONDS; i++) {
		uint64_t v = __atomic_load_n(&p->buckets[i], __ATOMIC_RELAXED);
		if (second - (v >> 32) < TALLY_SECONDS)
			n += (long)(v & 0xffffffffu);
	}
	return n;
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

/* The slot of player id's wrong words, claimed for it when another had it. */
static struct wrong_slot *wrong_slot(struct tally_file *f, long long id)
{
	struct wrong_slot *w = &f->wrong[(unsigned long long)id % TALLY_PLAYERS];
	int64_t seen = __atomic_load_n(&w->id, __ATOMIC_ACQUIRE);

	if (seen != id + 1 &&
	    __atomic_compare_exchange_n(&w->id, &seen, id + 1, 0,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		__atomic_store_n(&w->n, 0, __ATOMIC_RELAXED);
	return w;
}

long tally_player_wrong(const struct tally *t, long long id)
{
	const struct tally_file *f = t->map;
	const struct wrong_slot *w;

	if (!f || id < 0)
		return 0;
	w = &f->wrong[(unsigned long long)id % TALLY_PLAYERS];
	if (__atomic_load_n(&w->id, __ATOMIC_ACQUIRE) != id + 1)
		return 0;
	return (long)__atomic_load_n(&w->n, __ATOMIC_RELAXED);
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
		__atomic_add_fetch(&wrong_slot(f, id)->n, 1, __ATOMIC_RELAXED);
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

void tally_clear(struct tally *t)
{
	if (t->map)
		memset(t->map, 0, t->size);
}
