/* dataquery.c: a /data address read into a checked plan (see dataquery.h). */
#include "data/dataquery.h"
#include "data/datacheck.h"
#include "ocean/reply.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const formats[DATA_FORMATS] = { "csv", "json", "html", "svg" };

const char *format_name(enum data_format f)
{
	return formats[f];
}

/* limit=N: at most N rows. */
static int read_limit(struct request *rq, struct query_plan *plan,
		      const struct term *t)
{
	char shown[CLIP_SIZE];
	long long v;

	if (text_to_int(t->value, &v) == 0 && v >= 0 && v <= DATA_ROWS_MAX) {
		plan->limit = v;
		return 0;
	}
	fail(rq, 400, "limit must be a whole number from 0 to %d, like "
	     "limit=10; \"%s\" is not", DATA_ROWS_MAX, clip(shown, t->value));
	return -1;
}

/* step=N: the grid's spacing, for the dataset on a grid only. */
static int read_step(struct request *rq, struct query_plan *plan,
		     const struct term *t)
{
	char shown[CLIP_SIZE];
	long long v;

	if (!plan->d->grid) {
		fail(rq, 400, "step only works with dataset=%s (it spaces the "
		     "grid)", grid_dataset()->name);
		return -1;
	}
	if (text_to_int(t->value, &v) == 0 && v >= STEP_MIN && v <= STEP_MAX) {
		plan->grid.step = (int)v;
		return 0;
	}
	fail(rq, 400, "step must be a whole number from %d to %d, like "
	     "step=10; \"%s\" is not", STEP_MIN, STEP_MAX, clip(shown, t->value));
	return -1;
}

/* format=csv, json, html or svg. */
static int read_format(struct request *rq, struct query_plan *plan,
		       const struct term *t)
{
	char shown[CLIP_SIZE];

	for (int i = 0; i < DATA_FORMATS; i++)
		if (strcmp(t->value, formats[i]) == 0) {
			plan->format = (enum data_format)i;
			return 0;
		}
	fail(rq, 400, "format must be csv, json, html or svg; \"%s\" is not one "
	     "of them", clip(shown, t->value));
	return -1;
}

/* client=browser: an answer for a person. */
static int read_client(struct request *rq, struct query_plan *plan,
		       const struct term *t)
{
	(void)rq;
	plan->browser = strcmp(t->value, "browser") == 0;
	return 0;
}

/* dataset, info and add are read before the other terms (plan_query), and
 * lib checked world= and secret= (read by check_author): nothing more to
 * read. */
static int read_nothing(struct request *rq, struct query_plan *plan,
			const struct term *t)
{
	(void)rq, (void)plan, (void)t;
	return 0;
}

/* A word the service knows: how its term is read.  Everything else names a
 * column. */
struct word {
	const char *name;
	int (*read)(struct request *rq, struct query_plan *plan, const struct term *t);
	const char *example;  /* the word takes only '=', like this; NULL: any term */
	int alone;            /* 1: it may come without dataset= (the list) */
};

static const struct word words[] = {
	{ "dataset", read_nothing, NULL, 0 },
	{ "columns", read_columns, "columns=name,depth", 0 },
	{ "orderby", read_orderby, "orderby=depth", 0 },
	{ "limit", read_limit, "limit=10", 0 },
	{ "format", read_format, "format=csv", 1 },
	{ "step", read_step, "step=10", 0 },
	{ "info", read_nothing, NULL, 0 },
	{ "add", read_nothing, NULL, 0 },
	{ "world", read_nothing, NULL, 1 },
	{ "secret", read_nothing, "secret=YOURWORD", 1 },
	{ "client", read_client, NULL, 1 },
};

/* The word called name, or NULL when name is not one of the service's. */
static const struct word *find_word(const char *name)
{
	for (size_t i = 0; i < LEN(words); i++)
		if (strcmp(words[i].name, name) == 0)
			return &words[i];
	return NULL;
}

/* 1 when s is a name: letters, digits and '_', at least one. */
static int is_name(const char *s)
{
	const char *p = s;

	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	return p > s && *p == '\0';
}

/* Every term is a lone name ("info") or a name, an operator and a value of
 * at most DATA_VALUE_MAX characters, and there are at most QUERY_MAX_PAIRS
 * of them (lib already refused broken escapes and text that is not UTF-8).
 * Returns 0, or -1 after fail() for the first that is not. */
static int check_terms(struct request *rq, const struct query *q)
{
	char shown[CLIP_SIZE];

	for (int i = 0; i < q->nterms; i++) {
		const struct term *t = &q->terms[i];

		if (i == QUERY_MAX_PAIRS) {
			fail(rq, 400, "I can't read this address: too many parts, "
			     "or a broken %%-escape");
			return -1;
		}
		if (!is_name(t->key)) {
			fail(rq, 400, "I can't read \"%s\": a condition is a column, "
			     "then = != < <= > or >=, then a value, like depth>20",
			     clip(shown, t->text));
			return -1;
		}
		if (t->op != OP_NONE && strlen(t->value) > DATA_VALUE_MAX) {
			fail(rq, 400, "the value of %s is too long: at most %d "
			     "characters, please", clip(shown, t->key), DATA_VALUE_MAX);
			return -1;
		}
	}
	return 0;
}

/* plan->d: the dataset named by the last dataset= term, or NULL when there
 * is none (then only the words that may come alone may be given: the
 * list).  Returns 0, or -1 after fail(). */
static int read_dataset(struct request *rq, struct query_plan *plan)
{
	const struct query *q = &rq->query;
	const struct term *t = query_term(q, "dataset");
	char shown[CLIP_SIZE];
	char names[NAMES_MAX];
	int n;

	if (!t) {
		for (int i = 0; i < q->nterms; i++) {
			const struct word *w = find_word(q->terms[i].key);

			if (!w || !w->alone) {
				fail(rq, 400, "say which dataset first, like "
				     "/data?dataset=%s&%s (the list is at /data)",
				     all_datasets(&n)->name, clip(shown, q->terms[i].text));
				return -1;
			}
		}
		return 0;
	}
	if (t->op != OP_EQ && t->op != OP_NONE) {
		fail(rq, 400, "dataset takes =, like dataset=seamounts");
		return -1;
	}
	if (!(plan->d = find_dataset(t->value))) {
		fail(rq, 400, "there is no dataset called \"%s\"; try %s (the list "
		     "is at /data)", clip(shown, t->value), dataset_names(names));
		return -1;
	}
	return 0;
}

/* One term, in order: a word, a plot's axis, or a condition.  Returns 0,
 * or -1 after fail(). */
static int read_term(struct request *rq, struct query_plan *plan,
		     const struct term *t)
{
	const struct word *w = find_word(t->key);
	int axis;

	if (w && w->example && t->op != OP_EQ) {
		fail(rq, 400, "%s takes =, like %s", w->name, w->example);
		return -1;
	}
	if (w)
		return w->read(rq, plan, t);
	if ((axis = read_axis(rq, plan, t)) != 0)
		return axis < 0 ? -1 : 0;
	return read_condition(rq, plan, t);
}

int plan_query(struct request *rq, struct query_plan *plan)
{
	const struct query *q = &rq->query;

	memset(plan, 0, sizeof *plan);
	plan->limit = -1;
	plan->most = DATA_ROWS_MAX;
	plan->all_cols = 1;
	plan->grid.step = STEP_DEFAULT;
	/* The dataset first: every other name is looked up in it. */
	if (check_terms(rq, q) < 0 || read_dataset(rq, plan) < 0)
		return -1;
	plan->info = query_term(q, "info") != NULL;
	plan->add = query_term(q, "add") != NULL;
	for (int i = 0; i < q->nterms; i++)
		if (read_term(rq, plan, &q->terms[i]) < 0)
			return -1;
	/* A person: client=browser, or a browser's address bar (lib reads its
	 * Accept header) with neither client= nor format=. */
	plan->browser |= rq->reply.form == FORM_BROWSER;
	if (!query_term(q, "format") && plan->browser)
		plan->format = AS_HTML;
	if (!plan->d)
		return 0;
	if (plan->add)
		return check_row(rq, plan) < 0 ? -1 : check_author(rq, plan);
	if (plan->all_cols)
		for (int i = 0; i < plan->d->ncols; i++)
			plan->cols[plan->ncols++] = &plan->d->cols[i];
	if (plan->format == AS_SVG && check_axes(rq, plan) < 0)
		return -1;
	return plan->d->grid ? check_grid(rq, plan) : 0;
}

void plan_free(struct query_plan *plan)
{
	memset(plan, 0, sizeof *plan);
}
