/* items.h: inventories: what a player carries (an air tank, treasures, the
 * whale they ride): giving and taking items, and names written as Python
 * string literals, the way the old server printed inventories. */
#ifndef MOCEAN_ITEMS_H
#define MOCEAN_ITEMS_H

#include "http/buf.h"
#include "ocean/player.h"
#include "ocean/request.h"

/* The most treasures one player carries: the bound on every inventory
 * (iron dust never runs out, so a loop of /get would grow it for ever). */
#define CARRY_MAX 100

/* Put one item (kind "treasure" or "whale") into player id's inventory: the
 * one place items are given (/get, the teacher's give).  Returns 0, or -1
 * when nothing was given: the player already carries CARRY_MAX treasures,
 * or the store failed (recorded in rq->db). */
int item_give(struct request *rq, long long id, const char *kind,
	      const char *name);

/* Take one treasure of this name out of p's inventory.  Returns 1 when one
 * was there, else 0. */
int item_take_treasure(struct request *rq, const struct player *p, const char *name);

/* Append text as a Python string literal, quoted as Python's repr() does. */
void buf_python(struct buf *b, const char *text);

#endif
