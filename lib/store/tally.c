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

struct tally_file {
	struct route_slot routes[TALLY_ROUTES];
	struct player_slot players[TALLY_PLAYERS];
};

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

void tally_clear(struct tally *t)
{
	if (t->map)
		memset(t->map, 0, t->size);
}
