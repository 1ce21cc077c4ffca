/* test_query.c: reading the query string (lib/query.c). */
#include "http/query.h"
#include "unit.h"

#include <stdlib.h>

/* Parse raw; return the value of key (NULL when absent or on error). */
static const char *value(const char *raw, const char *key)
{
	static struct query q;
	char err[200];

	query_free(&q);
	if (query_parse(&q, raw, err, sizeof err) < 0)
		return NULL;
	return query_get(&q, key);
}

/* The terms of raw, in order, as "key OP value|" each ("info|" for a
 * lone key), or the reason it was refused. */
static const char *terms(const char *raw)
{
	static char out[512];
	struct query q;
	char err[200];
	size_t at = 0;

	out[0] = '\0';
	if (query_parse(&q, raw, err, sizeof err) < 0)
		snprintf(out, sizeof out, "%s", err);
	for (int i = 0; i < q.nterms && at < sizeof out; i++)
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s%s|",
				       q.terms[i].key, op_text(q.terms[i].op),
				       q.terms[i].value);
	query_free(&q);
	return out;
}

/* 1 when raw is refused with a reason holding words. */
static int refused(const char *raw, const char *words)
{
	struct query q;
	char err[200] = "";
	int rc = query_parse(&q, raw, err, sizeof err);

	query_free(&q);
	return rc < 0 && strstr(err, words) != NULL;
}

int main(void)
{
	long long i;
	double d;
	char s[64];

	CHECK_STR(value("a=1&b=2", "b"), "2");
	CHECK_STR(value("message=hello%20world", "message"), "hello world");
	CHECK_STR(value("message=hello+world", "message"), "hello world");
	CHECK_STR(value("message=%E2%82%AC", "message"), "\xe2\x82\xac");
	CHECK_STR(value("message=+%20padded%09+", "message"), "padded");
	CHECK_STR(value("a=1&a=2", "a"), "2");            /* the last one wins */
	CHECK_STR(value("info&dataset=x", "info"), "");  /* a key with no '=' */
	CHECK_STR(value("a=x=y", "a"), "x=y");
	CHECK_STR(value("&&a=1&&", "a"), "1");
	CHECK(value("a=1", "b") == NULL);
	CHECK(value("", "a") == NULL);
	/* The terms, in order, each split at its first operator. */
	CHECK_STR(terms("dataset=seamounts&depth<15&y>=250&x=200&info"),
		  "dataset=seamounts|depth<15|y>=250|x=200|info|");
	CHECK_STR(terms("x!=3&y<=4&z>5&a==b&b=<3&c=x<y"), "x!=3|y<=4|z>5|a==b|b=<3|c=x<y|");
	CHECK_STR(terms("+depth+%3C+15+&y%3E%3D250"), "depth<15|y>=250|"); /* a browser's */
	CHECK_STR(terms("x=1&x=2&&info&info"), "x=1|x=2|info|info|");  /* every one */
	CHECK_STR(terms("a+b=1&(=2&+&=3"), "a b=1|(=2||=3|");  /* not names: /data says */
	CHECK_STR(terms("a=%zz"), "the address has a broken %-escape: after % come two "
		  "hex digits, like %20 for a space");
	{
		struct query q;
		char err[200];
		const struct term *t;

		/* Each value is decoded exactly once: %2541 is "%41", not "A". */
		CHECK(query_parse(&q, "message=%2541&depth<%2520&a%3Db=c&info", err,
				  sizeof err) == 0);
		CHECK(q.nterms == 4 && q.n == 4);
		CHECK_STR(query_get(&q, "message"), "%41");
		CHECK_STR(q.terms[0].value, "%41");
		CHECK(q.terms[1].op == OP_LT);
		CHECK_STR(q.terms[1].value, "%20");
		CHECK_STR(q.terms[1].text, "depth<%20");
		/* the pairs split at the '=' sent, the terms at the first operator */
		CHECK(query_get(&q, "depth") == NULL && query_has(&q, "depth<%20"));
		CHECK_STR(query_get(&q, "a=b"), "c");
		CHECK(q.terms[2].op == OP_EQ);
		CHECK_STR(q.terms[2].key, "a");
		CHECK_STR(q.terms[2].value, "b=c");
		CHECK((t = query_term(&q, "info")) && t->op == OP_NONE && !*t->value);
		CHECK(query_term(&q, "nothing") == NULL);
		query_free(&q);
		/* %00 ends the text, as it always did */
		CHECK(query_parse(&q, "a%00b=c&x=1%002", err, sizeof err) == 0);
		CHECK_STR(query_get(&q, "a"), "c");
		CHECK_STR(q.terms[0].key, "a");
		CHECK(q.terms[0].op == OP_NONE);
		CHECK_STR(query_get(&q, "x"), "1");
		query_free(&q);
	}
	{
		char many[65 * 4 + 1] = {0};
		struct query q;
		char err[200];

		/* a key sent many times is one key, and every term is kept */
		for (int k = 0; k < 65; k++)
			memcpy(many + 4 * k, "a=1&", 4);
		CHECK(query_parse(&q, many, err, sizeof err) == 0 && q.n == 1 &&
		      q.nterms == 65);
		query_free(&q);
	}
	CHECK(refused("a=%zz", "%-escape"));
	CHECK(refused("a=%4", "%-escape"));
	CHECK(refused("a=50%", "%-escape"));
	CHECK(refused("a=%ff", "UTF-8"));            /* a lone continuation */
	CHECK(refused("a=%c0%af", "UTF-8"));         /* overlong '/' */
	CHECK(refused("a=%ed%a0%80", "UTF-8"));      /* a surrogate */
	CHECK(refused("a=%e2%82", "UTF-8"));         /* cut short */
	CHECK(refused("a=%f4%90%80%80", "UTF-8"));   /* above U+10FFFF */
	{
		char many[64 * 6 + 10] = "";
		for (int k = 0; k < 65; k++)
			snprintf(many + strlen(many), sizeof many - strlen(many), "k%d=1&", k);
		CHECK(refused(many, "too many keys"));
	}
	{
		char *big = malloc(QUERY_MAX_LEN + 10);
		memset(big, 'a', QUERY_MAX_LEN + 5);
		big[QUERY_MAX_LEN + 5] = '\0';
		CHECK(refused(big, "too long"));
		free(big);
	}
	strcpy(s, "a%2Bb+c");
	CHECK(url_decode(s) == 0);
	CHECK_STR(s, "a+b c");
	CHECK(utf8_valid("h\xc3\xa9llo", 6));
	CHECK(!utf8_valid("\xc3", 1));

	CHECK(text_to_int("42", &i) == 0 && i == 42);
	CHECK(text_to_int("-7", &i) == 0 && i == -7);
	CHECK(text_to_int("+7", &i) == 0 && i == 7);
	CHECK(text_to_int("9223372036854775807", &i) == 0);
	CHECK(text_to_int("9223372036854775808", &i) < 0);
	CHECK(text_to_int("12abc", &i) < 0);
	CHECK(text_to_int("1.5", &i) < 0);
	CHECK(text_to_int("", &i) < 0);
	CHECK(text_to_int(" 1", &i) < 0);
	CHECK(text_to_int(NULL, &i) < 0);
	setenv("MOCEAN_TEST_SETTING", "30", 1);
	CHECK(setting_int("MOCEAN_TEST_SETTING", 0, 100, 7) == 30);
	CHECK(setting_int("MOCEAN_TEST_SETTING", 40, 100, 7) == 7);
	setenv("MOCEAN_TEST_SETTING", "3x", 1);
	CHECK(setting_int("MOCEAN_TEST_SETTING", 0, 100, 7) == 7);
	unsetenv("MOCEAN_TEST_SETTING");
	CHECK(setting_int("MOCEAN_TEST_SETTING", 0, 100, 7) == 7);
	CHECK(text_to_real("12.5", &d) == 0 && d == 12.5);
	CHECK(text_to_real("-3", &d) == 0 && d == -3);
	CHECK(text_to_real("1e3", &d) == 0 && d == 1000);
	CHECK(text_to_real("nan", &d) < 0);
	CHECK(text_to_real("inf", &d) < 0);
	CHECK(text_to_real("0x10", &d) < 0);
	CHECK(text_to_real("1e999", &d) < 0);
	CHECK(text_to_real("1.5.", &d) < 0);
	CHECK(text_to_real("", &d) < 0);
	CHECK(is_word("fred42", 32));
	CHECK(!is_word("fred_42", 32));
	CHECK(!is_word("", 32));
	CHECK(!is_word("abc", 2));
	CHECK(!is_word("caf\xc3\xa9", 32));
	CHECK(is_host("localhost:8080"));
	CHECK(is_host("[::1]:8080"));
	CHECK(!is_host("evil.com/<script>"));
	value("", "x"); /* frees the last parse */
	UNIT_DONE();
}
