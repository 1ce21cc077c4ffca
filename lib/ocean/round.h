/* round.h: a timed class challenge, kept in the world's file (tables round
 * and result, schema.c): the teacher opens it (lobby: everyone may join and
 * look, nobody moves), starts it (playing: a fresh ocean from the round's
 * seed, everyone back at the start, inventories emptied) and it finishes at
 * its end time or when the teacher says (finished: motion stops, nothing is
 * taken, the ranking is written once).  The clock is wall-clock time stored
 * in the world, so a restart in the middle changes nothing. */
#ifndef MOCEAN_ROUND_H
#define MOCEAN_ROUND_H

struct request;
struct player;
struct buf;

enum round_state {
	ROUND_NONE = 0,   /* no round was ever opened: the endless game */
	ROUND_LOBBY,      /* opened, not started */
	ROUND_PLAYING,    /* started, its end not reached */
	ROUND_FINISHED,   /* ended (by time or by the teacher) */
};

struct round {
	long long number;       /* 1, 2, ...; 0 when there is none */
	enum round_state state; /* as of the request: a round played past its
	                           end is finished, even before it is written */
	int settled;            /* 1 when its results are written */
	double minutes;         /* how long it plays */
	long long seed;         /* the ocean it is played in */
	double opened;          /* unix time of do=round */
	double started;         /* unix time of do=start, or 0 */
	double ends;            /* unix time it ends or ended, or 0 */
};

/* One player's line of a round's ranking. */
struct result {
	int rank;               /* 1 is the winner */
	long long player;       /* player.id */
	char name[257];         /* the name then (PLAYER_NAME_BYTES + 1) */
	int treasures;          /* taken during the round */
	double last;            /* unix time of the last one taken, or 0 */
	char taken[64];         /* which, as treasure indexes: "3,7,11" */
};

/* The columns world_begin reads after the world's own (the newest round),
 * in the order round_from_row takes them. */
#define ROUND_COLUMNS "r.number, r.state, r.minutes, r.seed, r.opened, r.started, r.ends"
#define ROUND_JOIN " LEFT JOIN round r ON r.number = (SELECT max(number) FROM round)"

/* Fill rq->round from columns first.. of the current row of st (a
 * sqlite3_stmt), as of rq->now. */
void round_from_row(struct request *rq, void *st, int first);

/* "lobby", "playing", "finished", or "none". */
const char *round_state_name(enum round_state s);

/* The time the world's players move to: the request's, but a finished
 * round's end time (motion stops when the round does). */
double round_clock(const struct request *rq);

/* Seconds left of a playing round (0 otherwise). */
double round_seconds_left(const struct request *rq);

/* 1 when nobody may move now (a round's lobby, or a round over): p is
 * stopped, and the browser page and JSON ("why") say why. */
int round_holds_still(struct request *rq, struct player *p);

/* 1 when the round is over: then nothing more is taken or used, and the
 * reply says so in a sentence. */
int round_is_over(struct request *rq);

/* In a write transaction: a round played past its end is finished now,
 * its ranking written (once).  Returns 0, or -1 (recorded on the store). */
int round_settle(struct request *rq);

/* do=round: open the next round, minutes long (a lobby): everyone stops.
 * seed < 0: the world's current ocean.  Refused (409) while one plays. */
void round_open(struct request *rq, double minutes, long long seed);

/* do=start: the lobby's round begins (409 without a lobby). */
void round_start(struct request *rq, long long seed);

/* do=finish: the playing round ends now (409 when none plays). */
void round_finish(struct request *rq);

/* Round number's ranking: as written, or for a round over but not yet
 * written (a read-only request), as it will be; *round is that round.
 * *out is allocated (free it), or NULL while the round is not over.
 * Returns how many lines, or -1 when there is no such round. */
int round_results(struct request *rq, long long number, struct round *round,
		  struct result **out);

/* The state for programs and people: "lobby", "playing 9:42 left",
 * "finished", "no round yet", with JSON's state, round, seconds_left,
 * started, ends. */
void say_round(struct request *rq);

#endif
