/* plot.h: /data's svg: a plot of two number columns that scales with the
 * window (a viewBox, no fixed size), with axes, ticks and labels; depths
 * grow downward.  Where the dataset says who made each row (tracks,
 * sightings, soundings), each one gets a colour and a line in a legend; in
 * a track (tracks, or time along x) each one's points are joined in time
 * order, broken where a swimmer wrapped round the edge of the ocean. */
#ifndef MOCEAN_PLOT_H
#define MOCEAN_PLOT_H

#include "data/dataquery.h"

/* Write the rows of st (columns: x, y, then plan->group and plan->time when
 * set) as an svg plot.  At most plan->most points (a 400 past it). */
void write_svg(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st);

#endif
