/* plot.c: /data's svg plots (see plot.h). */
#include "data/plot.h"
#include "data/datarows.h"
#include "ocean/reply.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The plot in viewBox units: the plot area inside its margins, and the
 * legend to its right when there is one. */
enum { W = 640, H = 420, L = 70, R = 20, T = 30, B = 50, LEGEND_W = 170 };
#define LEGEND_MAX 17   /* names in the legend; the rest are "and N more" */
#define NAME_SHOWN 20   /* bytes of a name the legend shows */
#define TICKS_MAX 12    /* ticks along one axis, whatever the numbers */
#define ONE_COLOUR "#1565c0"

struct point {
	double x, y, t;
	size_t at;          /* where who made it starts in the names buffer */
	const char *who;    /* the same, once every row is read */
	size_t order;       /* its place among the rows */
	size_t group;       /* the index of who made it, in name order */
};

/* Who made the point, then its time, then its place among the rows. */
static int by_who_time(const void *pa, const void *pb)
{
	const struct point *a = pa, *b = pb;
	int c = strcmp(a->who, b->who);

	if (c)
		return c;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The colour of group i as "#rrggbb": twelve colours that read well on
 * white and apart from each other, then hues a golden angle apart. */
static void colour(char out[8], size_t i)
{
	static const char *const first[] = {
		"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#20a4c4",
		"#f032e6", "#9a6324", "#469990", "#800000", "#808000", "#000075",
	};
	double h, c, x, m, l, rgb[3] = { 0, 0, 0 };
	int k;

	if (i < sizeof first / sizeof first[0]) {
		memcpy(out, first[i], 8);
		return;
	}
	h = fmod((double)i * 137.508, 360) / 60;
	l = i % 2 ? 0.35 : 0.5; /* alternate dark and light */
	c = (1 - fabs(2 * l - 1)) * 0.8;
	x = c * (1 - fabs(fmod(h, 2) - 1));
	m = l - c / 2;
	k = (int)h % 6;
	rgb[k == 0 || k == 5 ? 0 : k <= 2 ? 1 : 2] = c;
	rgb[k == 1 || k == 4 ? 0 : k == 0 || k == 3 ? 1 : 2] = x;
	snprintf(out, 8, "#%02x%02x%02x", (int)lround((rgb[0] + m) * 255),
		 (int)lround((rgb[1] + m) * 255), (int)lround((rgb[2] + m) * 255));
}

/* A round step for about five ticks across span. */
static double tick_step(double span)
{
	double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

/* The ticks from lo to hi into out: round values, at most TICKS_MAX even
 * when lo and hi are too close for the numbers to tell apart. */
static int ticks(double lo, double hi, double out[TICKS_MAX])
{
	double s = tick_step(hi - lo), first = ceil(lo / s) * s;
	int n = 0;

	if (!isfinite(s) || !isfinite(first) || s <= 0)
		return 0;
	for (int k = 0; n < TICKS_MAX; k++) {
		double v = first + k * s;
		if (v > hi + s * 1e-9)
			break;
		out[n++] = v;
	}
	return n;
}

/* A tick's label: a time of day (or a date) on a time axis, else %g. */
static void tick_label(struct request *rq, const struct column *c, double v,
		       double span)
{
	time_t t = (time_t)floor(v);
	struct tm tm;
	char s[32];

	if (strcmp(c->name, "time") == 0 && fabs(v) < 1e12 && gmtime_r(&t, &tm) &&
	    strftime(s, sizeof s, span < 86400 ? "%H:%M:%S" : "%Y-%m-%d", &tm))
		say(rq, "%s", s);
	else
		say(rq, "%g", v);
}

/* 1 when a step from a to b along column c jumps more than half the
 * ocean: a swimmer wrapped round the edge, and the line breaks there. */
static int wrapped(const struct column *c, double a, double b)
{
	return (strcmp(c->name, "x") == 0 || strcmp(c->name, "y") == 0) &&
	       fabs(b - a) > OCEAN_SIZE / 2;
}

/* Read every row into points (names of who made them into names).
 * Returns how many, with the ranges in box[] (x0, x1, y0, y1); -1 when
 * refused (too many). */
static long long read_points(struct request *rq, const struct query_plan *plan,
			     sqlite3_stmt *st, struct point **out, struct buf *names,
			     double box[4])
{
	size_t cap = 256;
	long long n = 0;
	struct point *p = xmalloc(cap * sizeof *p);

	box[0] = box[2] = INFINITY;
	box[1] = box[3] = -INFINITY;
	while (next_row(rq, plan, st, &n)) {
		struct point *q;
		const unsigned char *who = plan->group ? sqlite3_column_text(st, 2) : NULL;

		if ((size_t)n > cap)
			p = xrealloc(p, (cap *= 2) * sizeof *p);
		q = &p[n - 1];
		q->x = sqlite3_column_double(st, 0);
		q->y = sqlite3_column_double(st, 1);
		q->t = plan->time ? sqlite3_column_double(st, plan->group ? 3 : 2) : 0;
		q->order = (size_t)n;
		q->at = names->len;
		buf_puts(names, who ? (const char *)who : "");
		buf_add(names, "", 1); /* each name ends with its NUL */
		box[0] = fmin(box[0], q->x), box[1] = fmax(box[1], q->x);
		box[2] = fmin(box[2], q->y), box[3] = fmax(box[3], q->y);
	}
	*out = p;
	if (rq->reply.status != 200)
		return -1;
	for (long long i = 0; i < n; i++)
		p[i].who = names->s + p[i].at;
	qsort(p, (size_t)n, sizeof *p, by_who_time);
	for (long long i = 0; i < n; i++)
		p[i].group = i == 0 ? 0 : p[i - 1].group +
			     (strcmp(p[i - 1].who, p[i].who) != 0);
	if (n == 0)
		box[0] = box[2] = 0, box[1] = box[3] = 1;
	if (box[1] == box[0])
		box[0] -= 1, box[1] += 1;
	if (box[3] == box[2])
		box[2] -= 1, box[3] += 1;
	for (int i = 0; i < 4; i += 2) { /* a margin, so no point sits on an axis */
		double pad = (box[i + 1] - box[i]) * 0.03;
		box[i] -= pad, box[i + 1] += pad;
	}
	return n;
}

/* The legend: a swatch and a name for each group, the first LEGEND_MAX. */
static void legend(struct request *rq, const struct point *p, long long n,
		   const struct column *group)
{
	size_t groups = n ? p[n - 1].group + 1 : 0, shown = 0;
	char c[8];

	say(rq, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>\n", W + 10, T, group->name);
	for (long long i = 0; i < n && shown < LEGEND_MAX; i++) {
		size_t len = strlen(p[i].who);
		char name[NAME_SHOWN + 4];

		if (i > 0 && p[i].group == p[i - 1].group)
			continue;
		if (len > NAME_SHOWN) { /* cut at a whole UTF-8 character */
			len = NAME_SHOWN;
			while (len > 0 && ((unsigned char)p[i].who[len] & 0xc0) == 0x80)
				len--;
		}
		snprintf(name, sizeof name, "%.*s%s", (int)len, p[i].who,
			 p[i].who[len] ? "..." : "");
		colour(c, p[i].group);
		say(rq, "<rect x=\"%d\" y=\"%zu\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			"<text class=\"who\" x=\"%d\" y=\"%zu\">", W + 10, T + 10 + 18 * shown,
		    c, W + 28, T + 21 + 18 * shown);
		buf_html(&rq->reply.text, *name ? name : "(no name)");
		say(rq, "</text>\n");
		shown++;
	}
	if (groups > shown)
		say(rq, "<text x=\"%d\" y=\"%zu\">and %zu more</text>\n", W + 10,
		    T + 21 + 18 * shown, groups - shown);
}

void write_svg(struct request *rq, const struct query_plan *plan, sqlite3_stmt *st)
{
	const struct column *cx = plan->axis_x, *cy = plan->axis_y;
	struct buf names = {0};
	struct point *p = NULL;
	double box[4], tx[TICKS_MAX], ty[TICKS_MAX];
	long long n = read_points(rq, plan, st, &p, &names, box);
	int nx, ny, width = W + (plan->group ? LEGEND_W : 0);
	char c[8] = ONE_COLOUR;

	if (n < 0)
		goto done;
#define SX(v) (L + ((v) - box[0]) / (box[1] - box[0]) * (W - L - R))
#define SY(v) (cy->down ? T + ((v) - box[2]) / (box[3] - box[2]) * (H - T - B) \
			: H - B - ((v) - box[2]) / (box[3] - box[2]) * (H - T - B))
	say(rq, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n"
		"<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n"
		"<text x=\"%d\" y=\"18\" font-size=\"14\">%s: %s against %s</text>\n",
	    width, H, width, H, L, plan->d->name, cy->name, cx->name);
	say(rq, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
	    L, H - B, W - R, H - B, L, T, L, H - B);
	nx = ticks(box[0], box[1], tx);
	ny = ticks(box[2], box[3], ty);
	for (int i = 0; i < nx; i++) {
		say(rq, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", SX(tx[i]), H - B,
		    SX(tx[i]), H - B + 5, SX(tx[i]), H - B + 18);
		tick_label(rq, cx, tx[i], box[1] - box[0]);
		say(rq, "</text>\n");
	}
	for (int i = 0; i < ny; i++) {
		say(rq, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", L - 5, SY(ty[i]), L,
		    SY(ty[i]), L - 8, SY(ty[i]) + 4);
		tick_label(rq, cy, ty[i], box[3] - box[2]);
		say(rq, "</text>\n");
	}
	say(rq, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s (%s)</text>\n"
		"<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">"
		"%s (%s)%s</text>\n", (L + W - R) / 2, H - 12, cx->name,
	    strcmp(cx->name, "time") == 0 ? "UTC" : cx->unit, (T + H - B) / 2,
	    (T + H - B) / 2, cy->name, strcmp(cy->name, "time") == 0 ? "UTC" : cy->unit,
	    cy->down ? ", down" : "");
	/* Each one's track: joined in time order, broken at a wrap. */
	for (long long i = 0; plan->time && i < n; i++) {
		int starts = i == 0 || p[i].group != p[i - 1].group ||
			     wrapped(cx, p[i - 1].x, p[i].x) || wrapped(cy, p[i - 1].y, p[i].y);
		int ends = i == n - 1 || p[i + 1].group != p[i].group ||
			   wrapped(cx, p[i].x, p[i + 1].x) || wrapped(cy, p[i].y, p[i + 1].y);

		if (starts && ends)
			continue; /* a lone point: its circle shows it */
		if (starts) {
			if (plan->group)
				colour(c, p[i].group);
			say(rq, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" "
				"points=\"", c);
		}
		say(rq, "%.1f,%.1f%s", SX(p[i].x), SY(p[i].y), ends ? "\"/>\n" : " ");
	}
	for (long long i = 0; i < n; i++) {
		if (plan->group)
			colour(c, p[i].group);
		say(rq, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n",
		    SX(p[i].x), SY(p[i].y), c);
	}
	if (plan->group)
		legend(rq, p, n, plan->group);
	say(rq, "</svg>\n");
#undef SX
#undef SY
	reply_raw(rq, "image/svg+xml");
done:
	free(p);
	buf_free(&names);
}
