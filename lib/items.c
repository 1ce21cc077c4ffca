/* items.c: inventories (see items.h). */
#include "items.h"
#include "db.h"
#include "fmt.h"
#include "reply.h"

#include <string.h>

static const char SQL_GIVE[] =
	"INSERT INTO item (player, kind, name) VALUES (?, ?, ?)";
static const char SQL_FIND_TREASURE[] =
	"SELECT seq FROM item WHERE player = ? AND kind = 'treasure' AND name = ?"
	" ORDER BY seq LIMIT 1";
static const char SQL_DROP[] = "DELETE FROM item WHERE seq = ?";
static const char SQL_INVENTORY[] =
	"SELECT kind, name, amount FROM item WHERE player = ? ORDER BY seq";

int give_item(struct request *rq, long long id, const char *kind,
	      const char *name)
{
	return db_exec(rq->db, SQL_GIVE, "itt", id, kind, name);
}

int take_treasure(struct request *rq, const struct player *p, const char *name)
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

void say_inventory(struct request *rq, const struct player *p)
{
	struct buf text = {0}, json = {0};
	sqlite3_stmt *st = db_prepare(rq->db, SQL_INVENTORY, "i", p->id);
	char real[FMT_REAL_MAX];
	int n = 0;

	buf_puts(&text, "[");
	buf_puts(&json, "[");
	while (db_row(rq->db, st)) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		buf_puts(&text, n ? ", [" : "[");
		buf_puts(&json, n++ ? ",[" : "[");
		buf_python(&text, kind);
		buf_puts(&text, ", ");
		buf_python(&text, name);
		buf_json(&json, kind);
		buf_puts(&json, ",");
		buf_json(&json, name);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			fmt_real(real, sqlite3_column_double(st, 2));
			buf_printf(&text, ", %s", real);
			buf_printf(&json, ",%s", real);
		}
		buf_puts(&text, "]");
		buf_puts(&json, "]");
	}
	db_done(st);
	buf_puts(&text, "]");
	buf_puts(&json, "]");
	say(rq, "%s", buf_str(&text));
	json_raw(rq, "items", buf_str(&json));
	buf_free(&text);
	buf_free(&json);
}
