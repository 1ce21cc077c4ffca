/* world.c: the ocean's fixed geometry, made from its seed (see world.h). */
#include "ocean/world.h"
#include "store/db.h"

#include <math.h>
#include <string.h>

const struct rect world_trench[TRENCH_PARTS] = {
	{140, 260, 290, 315},
	{260, 266, 290, 360},
	{260, 330, 360, 365},
	{330, 338, 360, 450},
	{330, 410, 450, 455},
};

static const char *const seamount_names[SEAMOUNTS] = {
	"Mount Crumpet", "Axial Seamount", "Meru Prastarah", "Krakatoa",
	"Atlantis", "Euler Seamount", "Ridhi Seamount", "Aiden Seamount",
	"Loihi Seamount", "Kick 'em Jenny", "West Mata", "Vema Seamount",
};

static const char *const treasure_names[TREASURES] = {
	"fishing net", "crash alert", "JSON ROV", "ALVIN submarine",
	"imaging sonar", "teleport crystal", "chrono-synclastic infundibulum",
	"binoculars", "ham and cheese sandwich", "boat hook", "iron dust",
	"iron dust",
};

/* The first server's whales, in its order. */
static const char *const whale_names[WHALES] = {
	"Anisha", "Stephen Jay Gould", "Debbie Kelley", "Herman Melville",
	"Ishmael", "Charles Darwin", "William Wang", "Paul Erdos",
	"George Of The Jungle", "Simone de Beauvoir", "Alex Honnold",
	"Marvin Gaye", "Bill Watterson", "James Earl Jones", "Richard Alley",
	"Naomi Oreskes", "Yayoi Kusama",
};

void rng_seed(struct rng *r, long long seed)
{
	r->state = (unsigned long long)seed;
}

unsigned long long rng_next(struct rng *r)
{
	unsigned long long z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

double rng_unit(struct rng *r)
{
	return (rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

long long rng_range(struct rng *r, long long lo, long long hi)
{
	unsigned long long span = (unsigned long long)(hi - lo) + 1;

	return lo + (long long)(rng_next(r) % span);
}

long long world_new_seed(void)
{
	long long seed;

	random_bytes(&seed, sizeof seed);
	return seed & 0x7fffffffffffLL;
}

void world_make(struct world *w, long long seed)
{
	struct rng r;

	memset(w, 0, sizeof *w);
	w->seed = seed;
	rng_seed(&r, seed);
	for (int i = 0; i < SEAMOUNTS; i++) {
		struct seamount *s = &w->seamounts[i];
		s->name = seamount_names[i];
		s->treasure = treasure_names[i];
		s->x = (double)rng_range(&r, 60, 839);
		s->y = (double)rng_range(&r, 60, 839);
		s->sigma = 10 + 30 * rng_unit(&r);
		s->height = 10 + 15 * rng_unit(&r);
	}
	for (int i = 0; i < WHALES; i++) {
		w->whales[i].name = whale_names[i];
		w->whales[i].x = (double)rng_range(&r, 0, 899);
		w->whales[i].y = (double)rng_range(&r, 0, 899);
	}
	/* Once every hill stands: the depth on each peak, where /look and
	 * /location find its treasure on every request. */
	for (int i = 0; i < SEAMOUNTS; i++)
		w->seamounts[i].peak = world_depth(w, w->seamounts[i].x, w->seamounts[i].y);
}

double torus_wrap(double v)
{
	if (v >= 0 && v < OCEAN_SIZE)
		return v; /* already on the map: most of the time */
	v = fmod(v, OCEAN_SIZE);
	if (v < 0)
		v += OCEAN_SIZE;
	if (v >= OCEAN_SIZE) /* -1e-17 + 900 rounds to 900 */
		v = 0;
	return v;
}

double torus_delta(double a, double b)
{
	double d = b - a;

	if (d <= -OCEAN_SIZE || d >= OCEAN_SIZE)
		d = fmod(d, OCEAN_SIZE); /* only for points off the map */
	if (d > OCEAN_SIZE / 2)
		d -= OCEAN_SIZE;
	else if (d <= -OCEAN_SIZE / 2)
		d += OCEAN_SIZE;
	return d;
}

double torus_distance(double x1, double y1, double x2, double y2)
{
	return hypot(torus_delta(x1, x2), torus_delta(y1, y2));
}

int world_in_trench(double x, double y)
{
	for (int i = 0; i < TRENCH_PARTS; i++)
		if (x >= world_trench[i].x0 && x <= world_trench[i].x1 &&
		    y >= world_trench[i].y0 && y <= world_trench[i].y1)
			return 1;
	return 0;
}

double world_depth(const struct world *w, double x, double y)
{
	double depth = FLOOR_DEPTH;

	if (world_in_trench(x, y))
		return TRENCH_DEPTH;
	for (int i = 0; i < SEAMOUNTS; i++) {
		const struct seamount *s = &w->seamounts[i];
		double d = torus_distance(x, y, s->x, s->y);
		if (d <= 3 * s->sigma)
			depth -= s->height * exp(-d * d / (2 * s->sigma * s->sigma));
	}
	return depth < 0 ? 0 : depth;
}

int world_nearest_seamount(const struct world *w, double x, double y)
{
	int best = 0;
	double best_d = INFINITY;

	for (int i = 0; i < SEAMOUNTS; i++) {
		double d = torus_distance(x, y, w->seamounts[i].x, w->seamounts[i].y);
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return best;
}

void treasure_place(const struct world *w, int i, double *x, double *y,
		    double *z)
{
	*x = w->seamounts[i].x;
	*y = w->seamounts[i].y;
	*z = w->seamounts[i].peak;
}

int treasure_index(const char *name)
{
	for (int i = 0; i < TREASURES; i++)
		if (strcmp(treasure_names[i], name) == 0)
			return i;
	return -1;
}
