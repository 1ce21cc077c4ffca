/* query.c: parsing and reading the query string (see query.h). */
#include "http/query.h"
#include "http/buf.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of one hex digit, or -1. */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the raw text s (%XX escapes and '+') into out, which may be s
 * itself, ending it with a NUL.  *eq gets where in out the first '=' sent
 * as '=' (not as %3D) landed, or -1 when there is none.  Returns the
 * decoded length (a %00 counts), or -1 when a '%' is not followed by two
 * hex digits. */
static long decode(const char *s, char *out, long *eq)
{
	long n = 0;

	*eq = -1;
	for (; *s; s++) {
		if (*s == '+') {
			out[n++] = ' ';
		} else if (*s == '%') {
			int hi = hexval((unsigned char)s[1]);
			int lo = hi < 0 ? -1 : hexval((unsigned char)s[2]);
			if (hi < 0 || lo < 0)
				return -1;
			out[n++] = (char)(hi * 16 + lo);
			s += 2;
		} else {
			if (*s == '=' && *eq < 0)
				*eq = n;
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return n;
}

int url_decode(char *s)
{
	long eq;

	return decode(s, s, &eq) < 0 ? -1 : 0;
}

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		unsigned c = *s;
		int more;
		unsigned cp, min;

		if (c < 0x80) {
			s++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			more = 1, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			more = 2, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			more = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (end - s <= more)
			return 0;
		for (int i = 1; i <= more; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += more + 1;
	}
	return 1;
}

char *trim_space(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static const char *const op_texts[] = { "", "=", "!=", "<", "<=", ">", ">=" };

const char *op_text(enum op op)
{
	return op_texts[op];
}

/* The operator p starts with, its length in *len; OP_NONE when p does not
 * start with one. */
static enum op op_at(const char *p, int *len)
{
	*len = 2;
	if (p[0] == '!' && p[1] == '=')
		return OP_NE;
	if (p[0] == '<' && p[1] == '=')
		return OP_LE;
	if (p[0] == '>' && p[1] == '=')
		return OP_GE;
	*len = 1;
	if (p[0] == '<')
		return OP_LT;
	if (p[0] == '>')
		return OP_GT;
	return p[0] == '=' ? OP_EQ : OP_NONE;
}

/* Split p (a copy of a decoded term, written into) at its first operator
 * into t's key, op and value, each trimmed. */
static void split_term(char *p, struct term *t)
{
	char *at = trim_space(p);
	int len = 0;

	t->key = at;
	t->op = OP_NONE;
	for (; *at; at++)
		if ((t->op = op_at(at, &len)) != OP_NONE)
			break;
	if (t->op == OP_NONE) {
		t->value = at; /* "" */
		return;
	}
	*at = '\0';
	t->key = trim_space(t->key);
	t->value = trim_space(at + len);
}

/* Add the decoded term d (n bytes; the first '=' sent at eq, or -1) to the
 * pairs: a copy written at *at (n + 1 bytes), split at that '=', both
 * trimmed, the last value of a key winning.  Returns 0, or -1 with the
 * reason in err. */
static int add_pair(struct query *q, const char *d, long n, long eq, char **at,
		    char *err, size_t errlen)
{
	char *key = *at;
	char *value;
	long klen = eq < 0 ? n : eq;

	memcpy(key, d, (size_t)klen);
	key[klen] = '\0';
	value = key + klen; /* "" when there is no '=' */
	if (eq >= 0) {
		value++;
		memcpy(value, d + eq + 1, (size_t)(n - eq - 1));
		value[n - eq - 1] = '\0';
	}
	*at += n + 1;
	if (!utf8_valid(key, strlen(key)) || !utf8_valid(value, strlen(value))) {
		snprintf(err, errlen, "the value of %.40s is not UTF-8 text",
			 utf8_valid(key, strlen(key)) ? key : "a key");
		return -1;
	}
	key = trim_space(key);
	value = trim_space(value);
	for (int i = 0; i < q->n; i++) {
		if (strcmp(q->pairs[i].key, key) == 0) {
			q->pairs[i].value = value; /* the last one wins */
			return 0;
		}
	}
	if (q->n == QUERY_MAX_PAIRS) {
		snprintf(err, errlen, "too many keys: at most %d", QUERY_MAX_PAIRS);
		return -1;
	}
	q->pairs[q->n].key = key;
	q->pairs[q->n].value = value;
	q->n++;
	return 0;
}

int query_parse(struct query *q, const char *raw, char *err, size_t errlen)
{
	size_t len;
	size_t most = 1;
	char *p;
	char *next;
	char *pairs;
	char *terms;

	memset(q, 0, sizeof *q);
	if (!raw)
		raw = "";
	len = strlen(raw);
	if (len > QUERY_MAX_LEN) {
		snprintf(err, errlen, "the address is too long: the part after '?' "
			 "can be at most %d characters", QUERY_MAX_LEN);
		return -1;
	}
	for (const char *c = raw; *c; c++)
		most += *c == '&';
	q->terms = xmalloc(most * sizeof *q->terms);
	/* Three parts of len + 1 bytes: the terms decoded in place, then the
	 * pairs' copies, then the terms' copies. */
	q->text = xmalloc(3 * (len + 1));
	memcpy(q->text, raw, len + 1);
	pairs = q->text + len + 1;
	terms = pairs + len + 1;
	for (p = q->text; p && *p; p = next) {
		struct term *t = &q->terms[q->nterms];
		long eq;
		long n;

		next = strchr(p, '&');
		if (next)
			*next++ = '\0';
		if (*p == '\0')
			continue; /* "a=1&&b=2" */
		if ((n = decode(p, p, &eq)) < 0) {
			snprintf(err, errlen, "the address has a broken %%-escape: "
				 "after %% come two hex digits, like %%20 for a space");
			return -1;
		}
		if (add_pair(q, p, n, eq, &pairs, err, errlen) < 0)
			return -1;
		t->text = p;
		memcpy(terms, p, strlen(p) + 1);
		split_term(terms, t);
		terms += strlen(p) + 1;
		q->nterms++;
	}
	return 0;
}

void query_free(struct query *q)
{
	free(q->text);
	free(q->terms);
	q->text = NULL;
	q->terms = NULL;
	q->n = 0;
	q->nterms = 0;
}

const char *query_get(const struct query *q, const char *key)
{
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->pairs[i].key, key) == 0)
			return q->pairs[i].value;
	return NULL;
}

const char *query_str(const struct query *q, const char *key)
{
	const char *v = query_get(q, key);
	return v ? v : "";
}

int query_has(const struct query *q, const char *key)
{
	return query_get(q, key) != NULL;
}

const struct term *query_term(const struct query *q, const char *key)
{
	for (int i = q->nterms - 1; i >= 0; i--)
		if (strcmp(q->terms[i].key, key) == 0)
			return &q->terms[i];
	return NULL;
}

int text_to_int(const char *s, long long *out)
{
	char *end;
	long long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

long long setting_int(const char *name, long long lo, long long hi, long long otherwise)
{
	const char *v = getenv(name);
	long long n;

	return v && text_to_int(v, &n) == 0 && n >= lo && n <= hi ? n : otherwise;
}

int text_to_real(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	/* Only decimal text: no hex floats, no "nan" or "inf". */
	for (const char *p = s; *p; p++)
		if (!strchr("0123456789+-.eE", *p))
			return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno == ERANGE || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int is_word(const char *s, size_t maxlen)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!isalnum((unsigned char)s[n]) || (unsigned char)s[n] >= 0x80)
			return 0;
	return n >= 1 && n <= maxlen;
}

int is_host(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 255)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			if (!strchr(".-:[]", *s))
				return 0;
	return 1;
}
