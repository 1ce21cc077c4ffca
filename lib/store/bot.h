/* bot.h: the students' bots, kept as files in DATA_DIR/bots/WORLD/NAME/:
 *
 *   program.py  the program its owner sent (/bots), at most BOT_PROGRAM_MAX
 *   state       "STATE SINCE" and a line saying why (stored, queued,
 *               running, stopped, failed; SINCE in unix seconds)
 *   output      the last BOT_OUTPUT_MAX bytes it printed (the arena's)
 *   cpu         the seconds of CPU it has used (the arena's)
 *
 * The routes write program.py and ask for a run or a stop by writing the
 * state; the arena (lib/scripts/arena.py, beside lighttpd) starts and
 * stops the programs and writes what became of them.  Both change a state
 * only while holding DATA_DIR/bots/lock (flock), so neither loses the
 * other's change.  DATA_DIR/bots/sandbox says whether the arena could make
 * its sandbox: "yes", or "no: why". */
#ifndef MOCEAN_BOT_H
#define MOCEAN_BOT_H

#include "http/buf.h"

#define BOT_PROGRAM_MAX (64 * 1024)   /* bytes of a program */
#define BOT_OUTPUT_MAX (64 * 1024)    /* bytes of its output kept */

/* A bot as its files say. */
struct bot {
	char state[16];     /* "stored", "queued", "running", "stopped", "failed" */
	double since;       /* when it came to that state, unix seconds */
	char why[512];      /* a sentence, or "" */
	double cpu;         /* CPU seconds used, as the arena last counted */
};

/* Keep program (len bytes) as the bot NAME of world W: state stored (a
 * running one is stopped by the arena).  Returns 0, or -1 (logged). */
int bot_store(const char *world, const char *name, const char *program,
	      size_t len, double now);

/* Read bot NAME of world W into *b, and its output into out (when not
 * NULL).  Returns 1, or 0 when there is no such bot. */
int bot_read(const char *world, const char *name, struct bot *b, struct buf *out);

/* Ask for bot NAME of world W to run (run 1: queued, unless it runs or is
 * queued already) or to stop (run 0: stopped, when running or queued).
 * Returns 1 with its state now in *b, or 0 when there is no such bot. */
int bot_want(const char *world, const char *name, int run, double now, struct bot *b);

/* The names of world W's bots, sorted, one per line in names.  Returns how
 * many. */
int bot_names(const char *world, struct buf *names);

/* NULL when the arena runs bots in its sandbox; otherwise why not, in one
 * sentence. */
const char *bot_sandbox_missing(void);

#endif
