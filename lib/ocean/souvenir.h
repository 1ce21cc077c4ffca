/* souvenir.h: a finished round's postcard for one player, as SVG: the
 * ocean floor of the round's seed, the player's track through the round
 * (its /location rows), where each of its treasures was taken, its name,
 * rank and time, and the round's date. */
#ifndef MOCEAN_SOUVENIR_H
#define MOCEAN_SOUVENIR_H

struct request;

/* Answer round number's postcard of player id (of the open world), as
 * image/svg+xml.  A round not over (409), no such round or a player who
 * did not play in it (404): a sentence. */
void souvenir_svg(struct request *rq, long long id, long long number);

#endif
