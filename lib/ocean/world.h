/* world.h: the ocean as pure functions of its seed (docs/PROTOCOL.md section 3).
 *
 * A torus 900 x 900: x grows east, y grows north, z is depth in metres below
 * the surface.  The sea floor is 30 m deep, with a 50 m trench and twelve
 * Gaussian seamounts; a treasure sits on each peak; seventeen whales swim at
 * the surface.  Nothing here is stored: the same seed makes the same world.
 * What changes (players, taken treasures, ridden whales, the bloom) lives in
 * the world's SQLite file (db_schema.c). */
#ifndef MOCEAN_WORLD_H
#define MOCEAN_WORLD_H

#define WORLD_NAME_MAX 32     /* the longest world name (world=class3) */
#define OCEAN_SIZE 900.0    /* metres east-west and north-south */
#define FLOOR_DEPTH 30.0    /* the plain sea floor */
#define TRENCH_DEPTH 50.0   /* inside the trench, whatever the hills */
#define SEAMOUNTS 12
#define TREASURES SEAMOUNTS /* one on each peak, in seamount order */
#define WHALES 17
#define TRENCH_PARTS 5

struct seamount {
	const char *name;      /* "Mount Crumpet" */
	double x, y;           /* centre, integer metres */
	double sigma;          /* width of the Gaussian, 10 + 30u */
	double height;         /* height above the plain floor, 10 + 15u */
	double peak;           /* the sea-floor depth at its centre, where its
	                          treasure lies (every hill counted) */
	const char *treasure;  /* the treasure on its peak */
};

struct whale {
	const char *name;
	double x, y;           /* integer metres, at the surface */
};

struct rect {
	double x0, x1, y0, y1; /* x from, x to, y from, y to */
};

struct world {
	long long seed;
	int bloom;             /* 1 while the plankton bloom is on (stored) */
	int treasures_each;    /* 1: every player takes each treasure once;
	                          0: the first takes it for all (stored) */
	struct seamount seamounts[SEAMOUNTS];
	struct whale whales[WHALES];
};

/* The trench's five rectangles. */
extern const struct rect world_trench[TRENCH_PARTS];

/* Make the world's geometry from its seed (bloom and treasures_each are
 * left 0). */
void world_make(struct world *w, long long seed);

/* A new world's random seed: 47 bits, short enough to type in an address
 * (/admin?...&seed=42 makes a world again). */
long long world_new_seed(void);


/* v wrapped onto [0, OCEAN_SIZE). */
double torus_wrap(double v);

/* The shortest signed step from a to b along one axis of the torus, in
 * (-450, 450]. */
double torus_delta(double a, double b);

/* The distance between two points on the torus's surface (ignoring depth). */
double torus_distance(double x1, double y1, double x2, double y2);

/* 1 when (x, y) is inside the trench. */
int world_in_trench(double x, double y);

/* The sea-floor depth at (x, y): 50 in the trench; elsewhere 30 minus every
 * hill within 3 sigma of its centre, never below 0. */
double world_depth(const struct world *w, double x, double y);

/* The index of the seamount whose centre is nearest (x, y) on the torus. */
int world_nearest_seamount(const struct world *w, double x, double y);

/* Where treasure i lies: its seamount's centre, on the sea floor there. */
void treasure_place(const struct world *w, int i, double *x, double *y,
		    double *z);

/* The index of the treasure with that name, or -1 (the first of the two
 * iron dusts for "iron dust"). */
int treasure_index(const char *name);

/* Deterministic random numbers from a seed (splitmix64): the same seed gives
 * the same sequence on every machine. */
struct rng {
	unsigned long long state;
};
void rng_seed(struct rng *r, long long seed);
unsigned long long rng_next(struct rng *r);
double rng_unit(struct rng *r);              /* uniform in [0, 1) */
long long rng_range(struct rng *r, long long lo, long long hi); /* [lo, hi] */

#endif
