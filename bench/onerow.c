/* onerow.c: the trivial program plus the least a route that keeps its state
 * in SQLite must do: open the bench world's database, read one player's x,
 * close it.  No transaction of ours, no schema check, no reply formatting.
 * make bench runs it in CGI mode beside the trivial CGI (trivial.c): the gap
 * between the two is what opening SQLite costs a program run per request,
 * a cost every real route pays before its own work.  Built and linked as
 * the routes are. */
#include <fcgi_stdio.h>
#include <sqlite3.h>
#include <stdlib.h>

int main(void)
{
	while (FCGI_Accept() >= 0) {
		const char *data = getenv("MOCEAN_DATA");
		char path[4096];
		sqlite3 *db = NULL;
		sqlite3_stmt *st = NULL;
		double x = -1;

		snprintf(path, sizeof path, "%s/worlds/bench.db", data ? data : "data");
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
		    sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
		    sqlite3_prepare_v2(db, "SELECT x FROM player WHERE id = ?", -1, &st,
				       NULL) == SQLITE_OK &&
		    sqlite3_bind_int(st, 1, 0) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			x = sqlite3_column_double(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(db);
		if (x < 0)
			fputs("Status: 500 Internal Server Error\r\n"
			      "Content-Type: text/plain; charset=utf-8\r\n\r\nno bench world",
			      stdout);
		else
			printf("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%.1f",
			       x);
	}
	return 0;
}
