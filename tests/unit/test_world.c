/* test_world.c: the ocean's geometry against values computed by hand
 * (lib/world.c, lib/sight.c's distances, lib/player.c's motion). */
#include "ocean/sight.h"
#include "unit.h"
#include "ocean/world.h"

#include <math.h>

int main(void)
{
	struct world w, again;
	struct player p = {0};

	/* Wrapping and distances across the edges. */
	CHECK_NEAR(torus_wrap(905), 5, 1e-12);
	CHECK_NEAR(torus_wrap(-5), 895, 1e-12);
	CHECK(torus_wrap(900) == 0 && torus_wrap(0) == 0);
	CHECK(torus_wrap(-1e-17) == 0);
	CHECK_NEAR(torus_delta(890, 10), 20, 1e-12);
	CHECK_NEAR(torus_delta(10, 890), -20, 1e-12);
	CHECK_NEAR(torus_delta(0, 450), 450, 1e-12);
	CHECK(torus_delta(460, 10) == 450 && torus_delta(10, 460) == 450);
	CHECK(torus_wrap(899.75) == 899.75 && torus_wrap(1800.25) == 0.25);
	CHECK(torus_delta(0, 1799) == -1 && torus_delta(0, 900) == 0 && torus_delta(900, 0) == 0);
	CHECK_NEAR(torus_distance(895, 895, 5, 5), sqrt(200), 1e-12);
	CHECK_NEAR(torus_distance(0, 0, 3, 4), 5, 1e-12);
	CHECK_NEAR(sight_water_distance(895, 0, 0, 1, 0, 8), 10, 1e-12);

	/* The trench, on and off each rectangle's border. */
	CHECK(world_in_trench(140, 290) && world_in_trench(260, 315) && world_in_trench(200, 300));
	CHECK(!world_in_trench(139.9, 300) && !world_in_trench(200, 315.1));
	CHECK(world_in_trench(263, 360) && world_in_trench(300, 362) && world_in_trench(334, 400));
	CHECK(world_in_trench(410, 455) && !world_in_trench(410.1, 455) && !world_in_trench(500, 500));

	/* A hand-made world: one hill, then two overlapping ones. */
	memset(&w, 0, sizeof w);
	for (int i = 0; i < SEAMOUNTS; i++) {
		w.seamounts[i].x = 600; /* far away, tiny */
		w.seamounts[i].y = 100;
		w.seamounts[i].sigma = 1;
		w.seamounts[i].height = 0;
	}
	w.seamounts[0] = (struct seamount){ .name = "A", .x = 500, .y = 500, .sigma = 20, .height = 20,
					    .treasure = "fishing net" };
	CHECK_NEAR(world_depth(&w, 500, 500), 10, 1e-12);           /* 30 - 20 */
	CHECK_NEAR(world_depth(&w, 520, 500), 30 - 20 * exp(-0.5), 1e-12);
	CHECK_NEAR(world_depth(&w, 500, 559), 30 - 20 * exp(-59.0 * 59 / 800), 1e-12);
	CHECK_NEAR(world_depth(&w, 500, 561), 30, 1e-12);           /* beyond 3 sigma */
	CHECK_NEAR(world_depth(&w, 200, 300), 50, 1e-12);           /* trench */
	w.seamounts[1] = (struct seamount){ .name = "B", .x = 520, .y = 500, .sigma = 20, .height = 25,
					    .treasure = "crash alert" };
	/* Between them each adds 20 e^-0.125 and 25 e^-0.125: 30 - 39.7 < 0. */
	CHECK(world_depth(&w, 510, 500) == 0);
	CHECK_NEAR(world_depth(&w, 490, 500),
		   30 - 20 * exp(-100.0 / 800) - 25 * exp(-900.0 / 800), 1e-12);
	CHECK(world_nearest_seamount(&w, 530, 500) == 1);
	/* A hill across the edge counts on the other side. */
	w.seamounts[0].x = 5;
	w.seamounts[1].x = 600;
	CHECK_NEAR(world_depth(&w, 895, 500), 30 - 20 * exp(-100.0 / 800), 1e-12);

	/* world_make: deterministic, inside the ranges. */
	world_make(&w, 12345);
	world_make(&again, 12345);
	CHECK(memcmp(w.seamounts, again.seamounts, sizeof w.seamounts) == 0);
	CHECK(memcmp(w.whales, again.whales, sizeof w.whales) == 0);
	world_make(&again, 12346);
	CHECK(memcmp(w.seamounts, again.seamounts, sizeof w.seamounts) != 0);
	for (int i = 0; i < SEAMOUNTS; i++) {
		const struct seamount *s = &w.seamounts[i];
		CHECK(s->x >= 60 && s->x <= 839 && s->x == floor(s->x));
		CHECK(s->y >= 60 && s->y <= 839 && s->y == floor(s->y));
		CHECK(s->sigma >= 10 && s->sigma < 40);
		CHECK(s->height >= 10 && s->height < 25);
	}
	/* Each treasure lies on its peak, every hill counted. */
	for (int i = 0; i < TREASURES; i++) {
		double x, y, z;
		treasure_place(&w, i, &x, &y, &z);
		CHECK(x == w.seamounts[i].x && y == w.seamounts[i].y);
		CHECK(z == world_depth(&w, x, y));
	}
	CHECK_STR(w.seamounts[0].name, "Mount Crumpet");
	CHECK_STR(w.seamounts[9].treasure, "boat hook");
	CHECK(treasure_index("teleport crystal") == 5);
	CHECK(treasure_index("iron dust") == 10);
	CHECK(treasure_index("gold") == -1);
	CHECK_STR(w.whales[0].name, "Anisha");          /* the first server's */
	CHECK_STR(w.whales[8].name, "George Of The Jungle");
	CHECK_STR(w.whales[16].name, "Yayoi Kusama");
	for (int i = 0; i < WHALES; i++)
		CHECK(w.whales[i].x >= 0 && w.whales[i].x < 900 && w.whales[i].name);

	/* Speed and stopping (the rules of w, s, a, d, r and f are the lessons of
	 * cgi-bin/accel.c and dive.c, tested through lighttpd). */
	p = (struct player){ .vx = 3, .vy = -4, .heading = 1.5, .whale = -1 };
	CHECK(player_speed(&p) == 5);
	player_stop(&p);
	CHECK(p.vx == 0 && p.vy == 0 && p.heading == 1.5 && player_speed(&p) == 0);

	/* player_move: wrapping and the rising floor. */
	memset(&w, 0, sizeof w);
	w.seamounts[0] = (struct seamount){ .name = "A", .x = 500, .y = 500, .sigma = 20, .height = 20,
					    .treasure = "x" };
	p = (struct player){ .x = 899, .y = 10, .z = 0, .vx = 2, .vy = -20, .t = 100,
			     .whale = -1 };
	player_move(&w, &p, 101);
	CHECK_NEAR(p.x, 1, 1e-12);
	CHECK_NEAR(p.y, 890, 1e-12);
	CHECK(p.wrapped == 1 && p.t == 101);
	p = (struct player){ .x = 480, .y = 500, .z = 25, .vx = 20, .t = 0, .whale = -1 };
	player_move(&w, &p, 1);            /* onto the peak: floor 10 */
	CHECK_NEAR(p.z, 10, 1e-12);
	CHECK(p.wrapped == 0);
	UNIT_DONE();
}
