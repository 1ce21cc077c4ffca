/* query.c: parsing and reading the query string (see query.h). */
#include "query.h"
#include "buf.h"

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

int url_decode(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (*s == '+') {
			*out++ = ' ';
		} else if (*s == '%') {
			int hi = hexval((unsigned char)s[1]);
			int lo = hi < 0 ? -1 : hexval((unsigned char)s[2]);
			if (hi < 0 || lo < 0)
				return -1;
			*out++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
	return 0;
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

int query_parse(struct query *q, const char *raw, char *err, size_t errlen)
{
	char *p, *next;

	memset(q, 0, sizeof *q);
	if (!raw)
		raw = "";
	if (strlen(raw) > QUERY_MAX_LEN) {
		snprintf(err, errlen, "the address is too long: the part after '?' "
			 "can be at most %d characters", QUERY_MAX_LEN);
		return -1;
	}
	q->text = xstrdup(raw);
	for (p = q->text; p && *p; p = next) {
		char *eq, *key, *value;

		next = strchr(p, '&');
		if (next)
			*next++ = '\0';
		if (*p == '\0')
			continue; /* "a=1&&b=2" */
		eq = strchr(p, '=');
		if (eq)
			*eq = '\0';
		key = p;
		value = eq ? eq + 1 : p + strlen(p);
		if (url_decode(key) < 0 || url_decode(value) < 0) {
			snprintf(err, errlen, "the address has a broken %%-escape: "
				 "after %% come two hex digits, like %%20 for a space");
			return -1;
		}
		if (!utf8_valid(key, strlen(key)) ||
		    !utf8_valid(value, strlen(value))) {
			snprintf(err, errlen, "the value of %.40s is not UTF-8 text",
				 utf8_valid(key, strlen(key)) ? key : "a key");
			return -1;
		}
		key = trim_space(key);
		value = trim_space(value);
		for (int i = 0; i < q->n; i++) {
			if (strcmp(q->pairs[i].key, key) == 0) {
				q->pairs[i].value = value; /* the last one wins */
				key = NULL;
				break;
			}
		}
		if (!key)
			continue;
		if (q->n == QUERY_MAX_PAIRS) {
			snprintf(err, errlen, "too many keys: at most %d",
				 QUERY_MAX_PAIRS);
			return -1;
		}
		q->pairs[q->n].key = key;
		q->pairs[q->n].value = value;
		q->n++;
	}
	return 0;
}

void query_free(struct query *q)
{
	free(q->text);
	q->text = NULL;
	q->n = 0;
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

int parse_int(const char *s, long long *out)
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

int parse_real(const char *s, double *out)
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
