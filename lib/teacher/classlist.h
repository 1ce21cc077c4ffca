/* classlist.h: the teacher's side of a world's class roster (roster.h):
 * do=roster puts a class list on it, each name with a secret word of its
 * own, and do=unroster takes a name off (docs/PROTOCOL.md section 5). */
#ifndef MOCEAN_CLASSLIST_H
#define MOCEAN_CLASSLIST_H

#include "ocean/request.h"

/* do=roster&names=ann,ben,李雷: put each name (commas between
 * them, spaces around them trimmed) on the open world's roster with a new secret word (words.h); a
 * name on it already keeps its word, and a name that plays already gets
 * its word as the teacher's do=newsecret gives one.  Says every name
 * given with its word, as text and as JSON's "roster".  A name that is
 * not one, or a list past ROSTER_MAX: 400, and nothing is added. */
void classlist_add(struct request *rq);

/* do=unroster&name=ann: take ann off the roster; when she plays, she
 * leaves the game too (as with do=kick).  Not on it: 404. */
void classlist_remove(struct request *rq);

#endif
