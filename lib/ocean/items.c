/* items.c: inventories (see items.h). */
#include "ocean/items.h"
#include "store/db.h"

#include <string.h>

static const char SQL_GIVE[] =
	"INSERT INTO item (player, kind, name) VALUES (?, ?, ?)";
static const char SQL_FIND_TREASURE[] =
	"SELECT seq FROM item WHERE player = ? AND kind = 'treasure' AND name = ?"
	" ORDER BY seq LIMIT 1";
static const char SQL_DROP[] = "DELETE FROM item WHERE seq = ?";
static const char SQL_TREASURES_CARRIED[] =
	"SELECT count(*) FROM item WHERE player = ? AND kind = 'treasure'";

int item_give(struct request *rq, long long id, const char *kind,
	      const char *name)
{
	if (strcmp(kind, "treasure") == 0 &&
	    db_int(rq->db, 0, SQL_TREASURES_CARRIED, "i", id) >= CARRY_MAX)
		return -1;
	return db_exec(rq->db, SQL_GIVE, "itt", id, kind, name);
}

int item_take_treasure(struct request *rq, const struct player *p, const char *name)
{
	long long seq = db_int(rq->db, -1, SQL_FIND_TREASURE, "it", p->id, name);

	if (seq < 0)
		return 0;
	return db_exec(rq->db, SQL_DROP, "i", seq) == 0;
}

void buf_python(struct buf *b, const char *text)
{
	/* repr() uses double quotes when the text has a ' and no ". */
	char quote = strchr(text, '\'') && !strchr(text, '"') ? '"' : '\'';

	buf_add(b, &quote, 1);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == quote || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p == '\r')
			buf_puts(b, "\\r");
		else if (*p == '\t')
			buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f) /* other control bytes */
			buf_printf(b, "\\x%02x", *p);
		else
			buf_add(b, (const char *)p, 1);
	}
	buf_add(b, &quote, 1);
}
