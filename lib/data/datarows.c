/* datarows.c: reading /data's rows (see datarows.h). */
#include "data/datarows.h"
#include "http/fmt.h"
#include "ocean/reply.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int next_row(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st,
	     long long *n)
{
	if (!db_row(rq->db, st))
		return 0;
	if (++*n <= plan->most)
		return 1;
	fail(rq, 400, "more than %lld rows match, and one %s holds at most %lld: "
	     "add limit=%lld, or conditions that keep fewer rows", plan->most,
	     plan->format == AS_SVG ? "plot" : "answer", plan->most, plan->most);
	return 0;
}

/* x rounded to two decimals for people: 28.13, 40, -0.5. */
static void people_real(struct buf *b, double x)
{
	char s[64];
	size_t n = (size_t)snprintf(s, sizeof s, "%.2f", x);

	if (n >= sizeof s) { /* too big to round: as it is */
		buf_printf(b, "%g", x);
		return;
	}
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	buf_puts(b, strcmp(s, "-0") == 0 ? "0" : s);
}

void cell_text(struct buf *b, sqlite3_stmt *st, int i, const struct column *col,
	       int people)
{
	char real[FMT_REAL_MAX], when[64];
	double v = sqlite3_column_double(st, i);
	time_t t = (time_t)floor(v);
	struct tm tm;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		break;
	case SQLITE_INTEGER:
	case SQLITE_FLOAT:
		if (people && strcmp(col->name, "time") == 0 && fabs(v) < 1e12 &&
		    gmtime_r(&t, &tm) && strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm))
			buf_puts(b, when);
		else if (people && col->type == COL_REAL)
			people_real(b, v);
		else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
			buf_printf(b, "%lld", sqlite3_column_int64(st, i));
		else
			buf_puts(b, fmt_real(real, v));
		break;
	default:
		buf_puts(b, (const char *)sqlite3_column_text(st, i));
	}
}
