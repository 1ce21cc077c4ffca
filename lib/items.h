/* items.h: inventories: what a player carries (an air tank, treasures, the
 * whale they ride), written the way the old server printed them, as a
 * Python list literal that ast.literal_eval reads. */
#ifndef MOCEAN_ITEMS_H
#define MOCEAN_ITEMS_H

#include "buf.h"
#include "player.h"
#include "request.h"

/* Put one item (kind 'treasure' or 'whale') into player id's inventory.
 * Returns 0 or -1. */
int give_item(struct request *rq, long long id, const char *kind,
	      const char *name);

/* Take one treasure of this name out of p's inventory.  Returns 1 when one
 * was there, else 0. */
int take_treasure(struct request *rq, const struct player *p, const char *name);

/* Append text as a Python string literal, quoted as Python's repr() does. */
void buf_python(struct buf *b, const char *text);

/* Answer p's inventory: [['air tank', 'air tank', 1.0], ['treasure', 'NAME'],
 * ...], with the JSON field items (the same lists). */
void say_inventory(struct request *rq, const struct player *p);

#endif
