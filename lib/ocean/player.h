/* player.h: a Mocean player: load from the world's file, bring up to date
 * (continuous motion on the torus), save back.  lib does all three around a
 * route that declares an ID key, so a route only changes the fields. */
#ifndef MOCEAN_PLAYER_H
#define MOCEAN_PLAYER_H

struct request;
struct world;
struct sqlite3_stmt;

#define TOP_SPEED_SURFACE 40.0
#define TOP_SPEED_SUBMERGED 5.0
#define TOP_SPEED_WHALE 80.0
#define SIGHT_BASE 20.0        /* metres, minus the player's depth */
#define SIGHT_MIN 5.0
#define SIGHT_BINOCULARS 100.0
#define REACH_BASE 10.0
#define REACH_BOAT_HOOK 35.0

/* Steering: what one ctrl= key does (/accel, /dive; explain.h says them). */
#define CTRL_FASTER 1.45        /* w: speed times this */
#define CTRL_START 1.0          /* w from rest: metres a second, the way you face */
#define CTRL_SLOWER 0.6         /* s: speed times this */
#define CTRL_SLOWEST 0.33       /* s below this speed (m/s) stops you */
#define CTRL_TURN (M_PI / 12)   /* a and d: radians (15 degrees); needs math.h */
#define CTRL_DIVE 5.0           /* f and r: metres down or up */

/* A player's name: 1 to 64 characters (not bytes), each a Unicode letter or
 * digit, as Python's str.isalnum() says ("fred", "José", "李雷"), or a
 * combining mark after the first (the vowel signs of "अनन्या", an "e" and
 * its accent). */
#define PLAYER_NAME_CHARS 64
#define PLAYER_NAME_BYTES (4 * PLAYER_NAME_CHARS) /* UTF-8: 4 bytes at most */

/* The most players a world holds at once (/join answers -1 past it): the
 * bound on /who's list and every scan over the players. */
#define PLAYERS_MAX 2000

struct player {
	long long id;          /* 0, 1, 2, ... in joining order, never reused */
	char name[PLAYER_NAME_BYTES + 1]; /* see is_player_name */
	double x, y, z;        /* position at time t; z is depth, 0 at the top */
	double vx, vy;         /* velocity, metres per second */
	double heading;        /* radians, 0 is east, counter-clockwise */
	double t;              /* unix time at which x, y, z were true */
	int wrapped;           /* crossed an edge since the last /location */
	int whale;             /* index of the whale ridden, or -1 */
};

/* The message every route gives for a bad or unknown id (docs/PROTOCOL.md section 3). */
#define BAD_PLAYER_ID "bad player id; try debugging using the id route"

/* 1 when s is a player's name: 1 to PLAYER_NAME_CHARS characters of UTF-8,
 * each in Unicode's general category L (letters) or N (numbers), which is
 * what Python's str.isalnum() accepts, or M (marks) after the first.  Reads
 * at most 65 characters of s.  (names.h's name_refusal refuses more.) */
int is_player_name(const char *s);

/* Load the playing player with this id.  Returns 1, or 0 when there is no
 * such player (or it quit). */
int player_load(struct request *rq, long long id, struct player *p);

/* The playing player that name is to a person: the one whose skeleton
 * (names.h's name_skeleton: "Fred", "ｆｒｅｄ" and "frеd" are all fred) is
 * name's, the first to join when two are (a world made before skeletons were
 * kept may hold both).  Returns 1, or 0 when there is none.  In
 * lib/ocean/playername.c, the one player file that needs ICU: a route that
 * calls it is linked with ICU (the Makefile's NAME_ROUTES). */
int player_find(struct request *rq, const char *name, struct player *p);

/* Why name may not be a new player's name (not is_player_name, or
 * names.h's name_refusal): one sentence saying what to do, or NULL.  In
 * playername.c, with ICU. */
const char *player_name_refusal(const char *name);

/* Give every playing player that has none its skeleton (players of a world
 * made before skeletons were kept), inside a write transaction.  Returns 0
 * or -1. */
int player_fill_skeletons(struct request *rq);

/* Copy the current row of a statement selecting "id, name, x, y, z, vx,
 * vy, heading, t, wrapped, whale" into p. */
void player_from_row(struct sqlite3_stmt *st, struct player *p);

/* Load up to max other playing players (not me), in id order, not moved.
 * Returns how many. */
int player_others(struct request *rq, const struct player *me,
		  struct player *out, int max);

/* Bring p up to date at time now: position += velocity * elapsed, wrapped
 * onto the torus (setting p->wrapped when an edge was crossed); a diver
 * below the sea floor there is pushed up onto it. */
void player_move(const struct world *w, struct player *p, double now);

/* Take player id out of the game (/quit, the teacher's kick): it no longer
 * plays, its id is never given again, its inbox is emptied and the whale it
 * rode goes back to the map.  Returns 0 or -1. */
int player_remove(struct request *rq, long long id);

/* Write p back.  Returns 0 or -1. */
int player_save(struct request *rq, const struct player *p);

/* Where everyone starts: a random place in the corner from 40 to 200 m
 * east and north, at the surface, facing a random way, at rest, at time
 * now (joining, and a round's start). */
void player_place_at_start(struct player *p, double now);

/* Stop p at once (the heading is kept). */
void player_stop(struct player *p);

/* The player's speed, metres per second. */
double player_speed(const struct player *p);

/* 1 when the player's inventory holds a treasure with this name. */
int player_holds(struct request *rq, const struct player *p,
		 const char *treasure);

/* 1 when a chat message waits unread in player id's one-message inbox. */
int player_message_waiting(struct request *rq, long long id);

/* How far the player sees: 20 minus depth, at least 5; 100 with binoculars. */
double player_sight(struct request *rq, const struct player *p);

/* How far the player reaches: 10; 35 with the boat hook. */
double player_reach(struct request *rq, const struct player *p);



/* Answer "x,y,z" for p, with the JSON fields x, y, z. */
void say_xyz(struct request *rq, const struct player *p);

/* Answer "x,y,z,vx,vy,heading" for p, with the same JSON fields. */
void say_motion(struct request *rq, const struct player *p);

/* Answer "vx,vy,heading" for p, with the same JSON fields. */
void say_velocity(struct request *rq, const struct player *p);
#endif
