/* player.c: loading, moving and saving players (see player.h). */
#include "ocean/player.h"
#include "store/db.h"
#include "ocean/request.h"
#include "ocean/reply.h"
#include "ocean/world.h"
#include "sys/sys.h"
#include "ocean/worlds.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

static const char SQL_PLAYER_BY_ID[] =
	"SELECT id, name, x, y, z, vx, vy, heading, t, wrapped, whale"
	" FROM player WHERE id = ? AND playing = 1";
static const char SQL_OTHER_PLAYERS[] =
	"SELECT id, name, x, y, z, vx, vy, heading, t, wrapped, whale"
	" FROM player WHERE id != ? AND playing = 1 ORDER BY id";
static const char SQL_SAVE_PLAYER[] =
	"UPDATE player SET x = ?, y = ?, z = ?, vx = ?, vy = ?, heading = ?,"
	" t = ?, wrapped = ?, whale = ? WHERE id = ?";
static const char SQL_REMOVE[] =
	"UPDATE player SET playing = 0, inbox = NULL WHERE id = ?";
static const char SQL_MESSAGE_WAITING[] =
	"SELECT inbox IS NOT NULL FROM player WHERE id = ?";
static const char SQL_HOLDS[] =
	"SELECT count(*) FROM item WHERE player = ? AND kind = 'treasure'"
	" AND name = ?";

int is_player_name(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	int chars = 0;
	ucs4_t c;

	while (*p) {
		/* Broken UTF-8 reads as U+FFFD, a symbol: refused like any other. */
		int len = u8_mbtouc(&c, p, strnlen((const char *)p, 4));
		if (++chars > PLAYER_NAME_CHARS ||
		    !(uc_is_general_category(c, UC_CATEGORY_L) ||
		      uc_is_general_category(c, UC_CATEGORY_N) ||
		      (chars > 1 && uc_is_general_category(c, UC_CATEGORY_M))))
			return 0;
		p += len;
	}
	return chars > 0;
}

void player_from_row(struct sqlite3_stmt *st, struct player *p)
{
	{
		const unsigned char *name = sqlite3_column_text(st, 1);
		p->id = sqlite3_column_int64(st, 0);
		snprintf(p->name, sizeof p->name, "%s", name ? (const char *)name : "");
		p->x = sqlite3_column_double(st, 2);
		p->y = sqlite3_column_double(st, 3);
		p->z = sqlite3_column_double(st, 4);
		p->vx = sqlite3_column_double(st, 5);
		p->vy = sqlite3_column_double(st, 6);
		p->heading = sqlite3_column_double(st, 7);
		p->t = sqlite3_column_double(st, 8);
		p->wrapped = sqlite3_column_int(st, 9);
		p->whale = sqlite3_column_int(st, 10);
	}
}

/* Read one player row into p and finalize; 1 when there was one. */
static int read_player(struct request *rq, sqlite3_stmt *st, struct player *p)
{
	int found = db_row(rq->db, st);

	if (found)
		player_from_row(st, p);
	db_done(rq->db, st);
	/* The name's counter is the id's from now on (tally.h). */
	if (found && rq->kept)
		tally_learn_name(&rq->kept->tally, p->name, p->id, rq->now);
	return found;
}

int player_others(struct request *rq, const struct player *me,
		  struct player *out, int max)
{
	sqlite3_stmt *st = db_prepare(rq->db, SQL_OTHER_PLAYERS, "i", me->id);
	int n = 0;

	while (n < max && db_row(rq->db, st))
		player_from_row(st, &out[n++]);
	db_done(rq->db, st);
	return n;
}

int player_load(struct request *rq, long long id, struct player *p)
{
	return read_player(rq, db_prepare(rq->db, SQL_PLAYER_BY_ID, "i", id), p);
}

void player_move(const struct world *w, struct player *p, double now)
{
	double dt = now - p->t, nx, ny;

	if (dt < 0)
		dt = 0; /* clocks never run backwards for a player */
	nx = p->x + p->vx * dt;
	ny = p->y + p->vy * dt;
	if (nx < 0 || nx >= OCEAN_SIZE || ny < 0 || ny >= OCEAN_SIZE)
		p->wrapped = 1;
	p->x = torus_wrap(nx);
	p->y = torus_wrap(ny);
	if (p->z > 0) {
		double floor = world_depth(w, p->x, p->y);
		if (p->z > floor)
			p->z = floor; /* the rising sea floor pushes the diver up */
	}
	p->t = now;
}

int player_remove(struct request *rq, long long id)
{
	return db_exec(rq->db, SQL_REMOVE, "i", id);
}

int player_save(struct request *rq, const struct player *p)
{
	return db_exec(rq->db, SQL_SAVE_PLAYER, "dddddddiii", p->x, p->y, p->z,
		       p->vx, p->vy, p->heading, p->t, (long long)p->wrapped,
		       (long long)p->whale, p->id);
}

/* A random whole number from lo to hi. */
static long long pick(long long lo, long long hi)
{
	unsigned long long r;

	random_bytes(&r, sizeof r);
	return lo + (long long)(r % (unsigned long long)(hi - lo + 1));
}

void player_place_at_start(struct player *p, double now)
{
	p->x = (double)pick(40, 200);
	p->y = (double)pick(40, 200);
	p->z = 0;
	p->heading = (double)pick(0, 359) * M_PI / 180;
	p->t = now;
	p->wrapped = 0;
	p->whale = -1;
	player_stop(p);
}

void player_stop(struct player *p)
{
	p->vx = p->vy = 0;
}

double player_speed(const struct player *p)
{
	return hypot(p->vx, p->vy);
}

int player_holds(struct request *rq, const struct player *p,
		 const char *treasure)
{
	return db_int(rq->db, 0, SQL_HOLDS, "it", p->id, treasure) > 0;
}

int player_message_waiting(struct request *rq, long long id)
{
	return db_int(rq->db, 0, SQL_MESSAGE_WAITING, "i", id) != 0;
}

double player_sight(struct request *rq, const struct player *p)
{
	double sight = SIGHT_BASE - p->z;

	if (player_holds(rq, p, "binoculars"))
		return SIGHT_BINOCULARS;
	return sight < SIGHT_MIN ? SIGHT_MIN : sight;
}

double player_reach(struct request *rq, const struct player *p)
{
	return player_holds(rq, p, "boat hook") ? REACH_BOAT_HOOK : REACH_BASE;
}

void say_xyz(struct request *rq, const struct player *p)
{
	say_reals(rq, 3, p->x, p->y, p->z);
	json_real(&rq->reply.json, "x", p->x);
	json_real(&rq->reply.json, "y", p->y);
	json_real(&rq->reply.json, "z", p->z);
}

void say_velocity(struct request *rq, const struct player *p)
{
	say_reals(rq, 3, p->vx, p->vy, p->heading);
	json_real(&rq->reply.json, "vx", p->vx);
	json_real(&rq->reply.json, "vy", p->vy);
	json_real(&rq->reply.json, "heading", p->heading);
}

void say_motion(struct request *rq, const struct player *p)
{
	say_xyz(rq, p);
	say(rq, ",");
	say_velocity(rq, p);
}
